/*
 * Signals of the Linux i386 ABI: numbers, sigaction flags, siginfo codes,
 * the alternate stack, sigprocmask's "how", and the layouts the
 * rt_sigaction and sigaltstack system calls take.
 *
 * Names glibc's <signal.h> also defines (SIGINT, SA_RESTART...) have
 * Linux's values.  The structures are named as Linnet names them
 * (user_sigaction, user_stack_t), never as glibc does (sigaction,
 * stack_t): glibc's differ (a 128-byte sigset_t).  _NSIG clashes: glibc's
 * is 65 (signals + 1), the kernel's 64, so a program that includes
 * <signal.h> does not include this header.  SIG_DFL and SIG_IGN
 * stay in linux-ish/signal.h, spelled as the kernel's __user pointers.
 */
#ifndef _UAPI_LINUX_ISH_SIGNAL_H
#define _UAPI_LINUX_ISH_SIGNAL_H

#include <uapi/linux-ish/types.h>

#define SIGHUP		1
#define SIGINT		2
#define SIGQUIT		3
#define SIGILL		4
#define SIGTRAP		5
#define SIGABRT		6
#define SIGBUS		7
#define SIGFPE		8
#define SIGKILL		9
#define SIGUSR1		10
#define SIGSEGV		11
#define SIGUSR2		12
#define SIGPIPE		13
#define SIGALRM		14
#define SIGTERM		15
#define SIGSTKFLT	16
#define SIGCHLD		17
#define SIGCONT		18
#define SIGSTOP		19
#define SIGTSTP		20
#define SIGTTIN		21
#define SIGTTOU		22
#define SIGURG		23
#define SIGXCPU		24
#define SIGXFSZ		25
#define SIGVTALRM	26
#define SIGPROF		27
#define SIGWINCH	28
#define SIGIO		29
#define SIGPWR		30
#define SIGSYS		31
#define _NSIG		64

#define SA_NOCLDSTOP	0x00000001
#define SA_NOCLDWAIT	0x00000002
#define SA_SIGINFO	0x00000004
#define SA_RESTORER	0x04000000
#define SA_ONSTACK	0x08000000
#define SA_RESTART	0x10000000
#define SA_NODEFER	0x40000000
#define SA_RESETHAND	0x80000000

/* si_code values. */
#define SI_USER		0
#define SI_KERNEL	0x80
#define SI_TIMER	(-2)	/* a POSIX timer expired */
#define SI_TKILL	(-6)
#define SEGV_MAPERR	1
#define SEGV_ACCERR	2
#define BUS_ADRERR	2
#define ILL_ILLOPN	2
#define ILL_BADSTK	8	/* internal stack error: a refused iret (i386) */
#define FPE_INTDIV	1
#define TRAP_BRKPT	1
#define TRAP_TRACE	2
#define TRAP_HWBKPT	4
#define CLD_EXITED	1
#define CLD_KILLED	2
#define CLD_DUMPED	3
#define CLD_TRAPPED	4
#define CLD_STOPPED	5
#define SYS_SECCOMP		1	/* SIGSYS: a seccomp filter's SECCOMP_RET_TRAP */
#define SYS_USER_DISPATCH	2	/* SIGSYS: syscall user dispatch */
#define CLD_CONTINUED	6

/* timer_create: how a timer tells of its expiry (sigev_notify). */
#define SIGEV_SIGNAL	0
#define SIGEV_NONE	1
#define SIGEV_THREAD	2	/* glibc's: the kernel sees a signal */
#define SIGEV_THREAD_ID	4	/* or'ed with SIGEV_SIGNAL: to one thread */

/* timer_create's struct sigevent, i386: 64 bytes, all read. */
struct sigevent32 {
	__u32 sigev_value;
	__s32 sigev_signo;
	__s32 sigev_notify;
	__s32 sigev_tid;		/* SIGEV_THREAD_ID */
	__s32 pad[12];
};

/* sigaltstack */
#define SS_ONSTACK	1
#define SS_DISABLE	2
#define SS_AUTODISARM	(1U << 31)	/* a mode bit: disarmed while an rt frame is on it */
#define MINSIGSTKSZ	2048

/* rt_sigprocmask's "how" */
#define SIG_BLOCK	0
#define SIG_UNBLOCK	1
#define SIG_SETMASK	2

/* rt_sigaction: Linux's kernel struct sigaction (mask is the 64-bit kernel sigset). */
struct user_sigaction {
	void __user *handler;
	unsigned long flags;
	void __user *restorer;
	__u64 mask;
};

/* sigaction (67): the old layout, a 32-bit mask before the flags. */
struct old_sigaction {
	void __user *handler;
	__u32 mask;
	unsigned long flags;
	void __user *restorer;
};

/* sigaltstack: Linux's stack_t. */
struct user_stack_t {
	void __user *ss_sp;
	int ss_flags;
	__kernel_size_t ss_size;
};

#endif
