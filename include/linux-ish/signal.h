/*
 * Signals, first step.  Handlers and masks arrive with the signals issue;
 * until then rt_sigaction() is -ENOSYS, so every signal has its default
 * action, and that is what kill() and the kernel's own signals carry out:
 * terminate (the wait status says which signal), or nothing for the
 * signals whose default is to be ignored.  A signal to another task is
 * noted in task->pending_kill; the task dies on its way back to user
 * mode, and interruptible sleeps end early so that it gets there.
 */
#ifndef _LINUX_ISH_SIGNAL_H
#define _LINUX_ISH_SIGNAL_H

#include <asm/ptrace.h>

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
#define SIGCHLD		17
#define _NSIG		64

#define SIGSTKFLT	16
#define SIGCONT		18
#define SIGSTOP		19
#define SIGTSTP		20
#define SIGTTIN		21
#define SIGTTOU		22
#define SIGURG		23
#define SIGWINCH	28

struct task_struct;

/* Carries out @sig's default action on @p. */
void send_sig(int sig, struct task_struct *p);

/* Reports the fault and terminates current with @sig (wait status: killed by sig). */
__noreturn void force_sig_fault(int sig, unsigned long address, struct pt_regs *regs);
/* A fault found no memory: report Linux-style and kill current. */
__noreturn void oom_kill_current(unsigned long address);

#endif
