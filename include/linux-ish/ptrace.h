/*
 * ptrace: who may look at or take hold of another process, and the
 * tracer/tracee link (kernel/ptrace.c; the registers and debug
 * registers are arch/x86/kernel/ptrace.c and hw_breakpoint.c).
 *
 * A traced task has a struct ptrace_link (task->ptrace), on one global
 * list under tasklist_lock, naming its tracer.  The tracee stops itself
 * (ptrace_stop) at signal delivery, syscall entry/exit and events; the
 * tracer collects the stop with wait4/waitid and resumes it.  The link
 * is freed by the tracee itself once it has woken from a stop that a
 * detach ended, or by whoever unlinks it while the tracee is not in a
 * stop.  A link whose tracee exited while its tracer was not the parent
 * stays on the list (tracee NULL) as the tracer's exit report.
 */
#ifndef _LINUX_ISH_PTRACE_H
#define _LINUX_ISH_PTRACE_H

#include <linux-ish/types.h>
#include <linux-ish/list.h>
#include <linux-ish/signal.h>
#include <linux-ish/sched.h>

struct task_struct;

#define PTRACE_MODE_READ		0x01
#define PTRACE_MODE_ATTACH		0x02
#define PTRACE_MODE_REALCREDS		0x10
#define PTRACE_MODE_READ_REALCREDS	(PTRACE_MODE_READ | PTRACE_MODE_REALCREDS)
#define PTRACE_MODE_ATTACH_REALCREDS	(PTRACE_MODE_ATTACH | PTRACE_MODE_REALCREDS)

/* May current inspect (READ) or attach to (ATTACH) @p?  tasklist_lock held. */
bool ptrace_may_access(struct task_struct *p, unsigned int mode);

/* Why the tracee is stopped (PTRACE_GET_SYSCALL_INFO reads it). */
enum ptrace_stop_why {
	PT_WHY_NONE, PT_WHY_SIGNAL, PT_WHY_SYSCALL_ENTRY, PT_WHY_SYSCALL_EXIT,
	PT_WHY_EVENT, PT_WHY_GROUP,
};

/* How the tracer resumed the tracee. */
enum ptrace_resume {
	PT_RESUME_CONT, PT_RESUME_SYSCALL, PT_RESUME_STEP, PT_RESUME_SYSEMU,
	PT_RESUME_SYSEMU_STEP,
};

struct ptrace_link {
	/* tasklist_lock */
	struct list_head node;
	struct task_struct *tracer;	/* NULL once detached */
	struct task_struct *tracee;	/* NULL: an exit report for the tracer */
	pid_t pid;
	bool seized;			/* PTRACE_SEIZE: no SIGSTOP, event stops */
	bool cap_ptrace;		/* CAP_SYS_PTRACE of whoever made the link */
	unsigned long options;		/* PTRACE_O_* */
	/* The stop: set by the tracee, ended by the tracer. */
	bool stopped;
	bool reported;			/* the tracer's wait took the stop */
	int status;			/* wait status of the stop or of the exit */
	enum ptrace_stop_why why;
	enum ptrace_resume resume;
	int resume_sig;			/* data of CONT/SYSCALL/DETACH/... */
	bool interrupt;			/* PTRACE_INTERRUPT asked for a stop */
	bool busy;			/* the tracer is in a request that may sleep:
					 * the tracee stays in its stop, even for SIGKILL */
	unsigned long eventmsg;		/* PTRACE_GETEVENTMSG */
	int sig;			/* signal-delivery-stop: the signal and its info */
	struct ksiginfo info;
};

/* Internal wait status bit: a ptrace stop (waitid's CLD_TRAPPED). */
#define WAIT_PTRACE_TRAPPED	0x40000000

/* /proc/<pid>/status's TracerPid: the tracer's pid, or 0. */
pid_t ptrace_tracer_pid(const struct task_struct *p);

/* ---- hooks (each a single call from its subsystem) ---- */

/* get_signal(): @sig dequeued for a traced current; the signal to act on (0: none). */
int ptrace_signal(int sig, struct ksiginfo *info);
/* do_signal_stop(): a traced current stops for its tracer instead.  True if it did. */
bool ptrace_group_stop(int sig);
/* wait: a report for current as tracer (pid as wait4), or 0; *@any if tracees match. */
pid_t ptrace_wait_report(pid_t pid, int options, int *status, bool *any);
/* do_exit(): current (@p) exits with wait status @code: as tracee and as tracer. */
void ptrace_exit(struct task_struct *p, int code);
/* fork: @child of current was made with @clone_flags (runs the event stops). */
void ptrace_clone_report(struct task_struct *child, unsigned long clone_flags);
/* vfork: the child @pid exec'd or exited (PTRACE_EVENT_VFORK_DONE). */
void ptrace_vfork_done(pid_t pid);
/* exec: current's link was made without CAP_SYS_PTRACE: set-id bits do nothing. */
bool ptrace_exec_unsafe(void);
/* exec succeeded: SIGTRAP or PTRACE_EVENT_EXEC. */
void ptrace_exec_report(pid_t old_pid);
/* Return to user mode: a PTRACE_INTERRUPT pending (then the stop). */
bool ptrace_interrupt_pending(void);
void ptrace_do_interrupt(void);
/*
 * exit_to_user_mode() of a traced task or one with a #DB the kernel took
 * for it: that SIGTRAP, then a PTRACE_INTERRUPT stop (arch/x86/kernel/ptrace.c).
 * Checked once on the way out: an INTERRUPT that comes while the task
 * waits for the CPU there is seen on the next return.
 */
void ptrace_exit_to_user(struct pt_regs *regs);

/* seccomp's SECCOMP_RET_TRACE: the event stop, if the tracer asked for it (else false). */
bool ptrace_seccomp_event(unsigned long msg);
/* The tracer set PTRACE_O_SUSPEND_SECCOMP: current's filters do not apply. */
bool ptrace_seccomp_suspended(void);

/* Syscall entry: true if the call is to be skipped (ax holds the result). */
bool ptrace_syscall_entry(struct pt_regs *regs);
/* Syscall exit: the exit stop, or the step trap. */
void ptrace_syscall_exit(struct pt_regs *regs);

/* kernel/ptrace_peeksiginfo.c: PTRACE_PEEKSIGINFO on the stopped, pinned @child. */
long ptrace_peeksiginfo(struct task_struct *child, unsigned long addr, unsigned long data);

/* ---- arch side (arch/x86/kernel/ptrace.c, hw_breakpoint.c) ---- */
struct siginfo32;
struct ksignal;
void fill_siginfo(struct siginfo32 *si, const struct ksignal *ks);
/* Request @req (arch: registers, FPU, TLS, regsets, debug registers); -EIO if unknown. */
long arch_ptrace(struct task_struct *child, long req, unsigned long addr, unsigned long data);
/* Resuming @child: single-stepping or not. */
void user_enable_single_step(struct task_struct *child);
void user_disable_single_step(struct task_struct *child);
/* Detach: forget the tracer's debug registers and forced TF. */
void ptrace_arch_detach(struct task_struct *child);
/* A single-stepped syscall returns: the step's SIGTRAP (TRAP_BRKPT, as Linux). */
void user_single_step_report(struct pt_regs *regs);
/* arch/x86/kernel/hw_breakpoint.c: the user's debug registers. */
int ptrace_get_debugreg(struct task_struct *child, unsigned int n, unsigned long *val);
int ptrace_set_debugreg(struct task_struct *child, unsigned int n, unsigned long val);

/* mm: @n bytes (within one page) of @mm at @addr to or from @buf, forced as ptrace's. */
struct mm_struct;
bool access_remote_page(struct mm_struct *mm, unsigned long addr, char *buf, size_t n, bool write);
/* The same, forced only with @force (process_vm_readv/writev are not). */
bool access_remote_page_flags(struct mm_struct *mm, unsigned long addr, char *buf, size_t n,
			      bool write, bool force);

#endif
