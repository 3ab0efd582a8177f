/*
 * What a signal handler finds on its stack on i386: the siginfo, the
 * ucontext with its sigcontext (the interrupted registers), and the
 * FPU/SSE state below the frame in Linux's _fpstate_32 layout (an
 * FNSAVE-style header, then the FXSAVE image at offset 112).  The frames
 * that hold them are built in arch/x86/kernel/signal.c.
 *
 * i386 only: Linnet has one ABI, so this lives with the generic uapi
 * headers (Linux: arch/x86/include/uapi/asm/sigcontext.h).  Named
 * ...32 so as not to meet glibc's or Linux's own names.
 */
#ifndef _UAPI_LINUX_ISH_SIGCONTEXT_H
#define _UAPI_LINUX_ISH_SIGCONTEXT_H

#include <uapi/linux-ish/types.h>

struct sigcontext32 {
	__u16 gs, __gsh, fs, __fsh, es, __esh, ds, __dsh;
	__u32 di, si, bp, sp, bx, dx, cx, ax;
	__u32 trapno, err, ip;
	__u16 cs, __csh;
	__u32 flags, sp_at_signal;
	__u16 ss, __ssh;
	__u32 fpstate;
	__u32 oldmask, cr2;
};

struct siginfo32 {
	__s32 si_signo, si_errno, si_code;
	union {
		struct { __s32 pid; __u32 uid; __s32 status; __s32 utime, stime; } kill_chld;
		struct { __s32 tid, overrun; __u32 sigval; } timer;
		__u32 addr;
		__s32 pad[29];
	};
};

struct ucontext32 {
	__u32 uc_flags, uc_link;
	__u32 ss_sp;
	__s32 ss_flags;
	__u32 ss_size;
	struct sigcontext32 uc_mcontext;
	__u64 uc_sigmask;
};

/* fpstate32.magic: FXSR data follows the header, or only the FNSAVE part is valid. */
#define FPSTATE_MAGIC_FXSR	0x0000
#define FPSTATE_MAGIC_FSAVE	0xffff

struct fpstate32 {
	__u32 cw, sw, tag, ipoff, cssel, dataoff, datasel;
	__u8 st[8][10];
	__u16 status, magic;
	__u8 fxsave[512];
} __attribute__((packed));

#endif
