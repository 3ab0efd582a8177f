/*
 * System-call definitions.  SYSCALL_DEFINEn(name, type, arg, ...) defines
 * sys_<name>(regs), which unpacks the Linux i386 argument registers
 * (EBX, ECX, EDX, ESI, EDI, EBP) into typed arguments and calls the body.
 * A syscall returns a value or -errno.
 */
#ifndef _LINUX_ISH_SYSCALLS_H
#define _LINUX_ISH_SYSCALLS_H

#include <linux-ish/types.h>
#include <asm/ptrace.h>

#define SYSCALL(nr, name) long sys_##name(const struct pt_regs *regs);
#include <asm/syscall_table.h>
#undef SYSCALL

#define SYSCALL_DEFINE0(name)						\
	long sys_##name(const struct pt_regs *regs)

#define SYSCALL_DEFINE1(name, t1, a1)					\
	static long __do_sys_##name(t1 a1);				\
	long sys_##name(const struct pt_regs *regs)			\
	{ return __do_sys_##name((t1)regs->bx); }			\
	static long __do_sys_##name(t1 a1)

#define SYSCALL_DEFINE2(name, t1, a1, t2, a2)				\
	static long __do_sys_##name(t1 a1, t2 a2);			\
	long sys_##name(const struct pt_regs *regs)			\
	{ return __do_sys_##name((t1)regs->bx, (t2)regs->cx); }	\
	static long __do_sys_##name(t1 a1, t2 a2)

#define SYSCALL_DEFINE3(name, t1, a1, t2, a2, t3, a3)			\
	static long __do_sys_##name(t1 a1, t2 a2, t3 a3);		\
	long sys_##name(const struct pt_regs *regs)			\
	{ return __do_sys_##name((t1)regs->bx, (t2)regs->cx, (t3)regs->dx); } \
	static long __do_sys_##name(t1 a1, t2 a2, t3 a3)

#define SYSCALL_DEFINE4(name, t1, a1, t2, a2, t3, a3, t4, a4)		\
	static long __do_sys_##name(t1 a1, t2 a2, t3 a3, t4 a4);	\
	long sys_##name(const struct pt_regs *regs)			\
	{ return __do_sys_##name((t1)regs->bx, (t2)regs->cx, (t3)regs->dx, \
				 (t4)regs->si); }			\
	static long __do_sys_##name(t1 a1, t2 a2, t3 a3, t4 a4)

#define SYSCALL_DEFINE5(name, t1, a1, t2, a2, t3, a3, t4, a4, t5, a5)	\
	static long __do_sys_##name(t1 a1, t2 a2, t3 a3, t4 a4, t5 a5);	\
	long sys_##name(const struct pt_regs *regs)			\
	{ return __do_sys_##name((t1)regs->bx, (t2)regs->cx, (t3)regs->dx, \
				 (t4)regs->si, (t5)regs->di); }		\
	static long __do_sys_##name(t1 a1, t2 a2, t3 a3, t4 a4, t5 a5)

#define SYSCALL_DEFINE6(name, t1, a1, t2, a2, t3, a3, t4, a4, t5, a5, t6, a6) \
	static long __do_sys_##name(t1 a1, t2 a2, t3 a3, t4 a4, t5 a5, t6 a6); \
	long sys_##name(const struct pt_regs *regs)			\
	{ return __do_sys_##name((t1)regs->bx, (t2)regs->cx, (t3)regs->dx, \
				 (t4)regs->si, (t5)regs->di, (t6)regs->bp); } \
	static long __do_sys_##name(t1 a1, t2 a2, t3 a3, t4 a4, t5 a5, t6 a6)

#endif
