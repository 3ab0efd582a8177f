/*
 * ptrace(2) of the Linux i386 ABI: requests, options, events, and the
 * structures the register requests copy (struct user's layout on i386).
 */
#ifndef _UAPI_LINUX_ISH_PTRACE_H
#define _UAPI_LINUX_ISH_PTRACE_H

#include <uapi/linux-ish/types.h>

#define PTRACE_TRACEME			0
#define PTRACE_PEEKTEXT			1
#define PTRACE_PEEKDATA			2
#define PTRACE_PEEKUSR			3
#define PTRACE_POKETEXT			4
#define PTRACE_POKEDATA			5
#define PTRACE_POKEUSR			6
#define PTRACE_CONT			7
#define PTRACE_KILL			8
#define PTRACE_SINGLESTEP		9
#define PTRACE_GETREGS			12
#define PTRACE_SETREGS			13
#define PTRACE_GETFPREGS		14
#define PTRACE_SETFPREGS		15
#define PTRACE_ATTACH			16
#define PTRACE_DETACH			17
#define PTRACE_GETFPXREGS		18
#define PTRACE_SETFPXREGS		19
#define PTRACE_SYSCALL			24
#define PTRACE_GET_THREAD_AREA		25
#define PTRACE_SET_THREAD_AREA		26
#define PTRACE_SYSEMU			31
#define PTRACE_SYSEMU_SINGLESTEP	32
#define PTRACE_SETOPTIONS		0x4200
#define PTRACE_GETEVENTMSG		0x4201
#define PTRACE_GETSIGINFO		0x4202
#define PTRACE_SETSIGINFO		0x4203
#define PTRACE_GETREGSET		0x4204
#define PTRACE_SETREGSET		0x4205
#define PTRACE_SEIZE			0x4206
#define PTRACE_INTERRUPT		0x4207
#define PTRACE_LISTEN			0x4208
#define PTRACE_PEEKSIGINFO		0x4209
#define PTRACE_SECCOMP_GET_FILTER	0x420c
#define PTRACE_SECCOMP_GET_METADATA	0x420d
#define PTRACE_PEEKSIGINFO_SHARED	(1 << 0)	/* its flag: the process's signals */
#define PTRACE_GET_SYSCALL_INFO		0x420e

#define PTRACE_O_TRACESYSGOOD		0x00000001
#define PTRACE_O_TRACEFORK		0x00000002
#define PTRACE_O_TRACEVFORK		0x00000004
#define PTRACE_O_TRACECLONE		0x00000008
#define PTRACE_O_TRACEEXEC		0x00000010
#define PTRACE_O_TRACEVFORKDONE		0x00000020
#define PTRACE_O_TRACEEXIT		0x00000040
#define PTRACE_O_TRACESECCOMP		0x00000080
#define PTRACE_O_EXITKILL		0x00100000
#define PTRACE_O_SUSPEND_SECCOMP	0x00200000
#define PTRACE_O_MASK			(0x000000ff | PTRACE_O_EXITKILL | PTRACE_O_SUSPEND_SECCOMP)

#define PTRACE_EVENT_FORK		1
#define PTRACE_EVENT_VFORK		2
#define PTRACE_EVENT_CLONE		3
#define PTRACE_EVENT_EXEC		4
#define PTRACE_EVENT_VFORK_DONE		5
#define PTRACE_EVENT_EXIT		6
#define PTRACE_EVENT_SECCOMP		7
#define PTRACE_EVENT_STOP		128

/* PTRACE_GETEVENTMSG at a syscall-entry or -exit stop (Linux 5.3+). */
#define PTRACE_EVENTMSG_SYSCALL_ENTRY	1
#define PTRACE_EVENTMSG_SYSCALL_EXIT	2

/* GETREGSET/SETREGSET note types (elf.h's NT_*). */
#define NT_PRSTATUS			1
#define NT_PRFPREG			2
#define NT_PRXFPREG			0x46e62b7f
#define NT_386_TLS			0x200

/* PTRACE_GET_SYSCALL_INFO's op and the i386 audit architecture. */
#define PTRACE_SYSCALL_INFO_NONE	0
#define PTRACE_SYSCALL_INFO_ENTRY	1
#define PTRACE_SYSCALL_INFO_EXIT	2
#define PTRACE_SYSCALL_INFO_SECCOMP	3
#define AUDIT_ARCH_I386			0x40000003

/* Linux's i386 struct user_regs_struct (GETREGS, NT_PRSTATUS): 17 words. */
struct linnet_user_regs {
	__u32 ebx, ecx, edx, esi, edi, ebp, eax;
	__u32 xds, xes, xfs, xgs, orig_eax, eip, xcs, eflags, esp, xss;
};

/* Linux's i386 struct user_fpregs_struct (GETFPREGS, NT_PRFPREG): FSAVE's layout. */
struct linnet_user_fpregs {
	__u32 cwd, swd, twd, fip, fcs, foo, fos;
	__u32 st_space[20];
};

/* Offsets into i386 struct user (PEEKUSR/POKEUSR). */
#define USER_REGS_SIZE			68
#define USER_DEBUGREG_OFFSET		252
#define USER_STRUCT_SIZE		284

/* struct ptrace_syscall_info's fixed part; the union follows at 24. */
#define PTRACE_SYSCALL_INFO_HEAD	24

#endif
