/*
 * Signals, with Linux's i386 ABI: numbers, sigaction flags, siginfo codes.
 *
 * A signal sent to one thread (tkill, faults) is recorded in its
 * task->sig.pending, one sent to a process (kill, SIGCHLD, timers) in
 * its signal_struct's shared_pending, with a compact siginfo: standard
 * signals once each, real-time ones queued (linux-ish/sigqueue.h).  On every return to user mode the task takes its
 * lowest pending unblocked signal, its own before its process's
 * (Documentation/scheduler/threads.md): a handler gets a Linux
 * signal frame on the user stack (arch/x86/kernel/signal.c), SIG_IGN
 * drops it, and SIG_DFL does the default action: terminate, terminate
 * with the core bit, ignore, or stop (SIGSTOP and friends; job control
 * in kernel/jobctl.c).  Interruptible sleeps end early with -ERESTARTSYS (or
 * -ERESTARTNOHAND), which the delivery code turns into -EINTR or a
 * restart of the system call (SA_RESTART).
 *
 * Locking: task->sig.lock (IRQ-safe: timers send SIGALRM) covers pending,
 * info and blocked of a task; signal->lock the process's shared set;
 * sighand->siglock a change of action (the table is shared by
 * CLONE_SIGHAND); the alternate stack is the thread's own.
 */
#ifndef _LINUX_ISH_SIGNAL_H
#define _LINUX_ISH_SIGNAL_H

#include <linux-ish/types.h>
#include <linux-ish/spinlock.h>
#include <linux-ish/timer.h>
#include <asm/ptrace.h>
#include <uapi/linux-ish/signal.h>

#define SIG_DFL		((__force void __user *)0)
#define SIG_IGN		((__force void __user *)1)

typedef u64 sigset_t;

static inline sigset_t sigmask(int sig)
{
	return 1ULL << (sig - 1);
}

#define UNBLOCKABLE	(sigmask(SIGKILL) | sigmask(SIGSTOP))

struct k_sigaction {
	void __user *handler;
	unsigned long flags;
	void __user *restorer;
	sigset_t mask;
};

/* What a pending signal carries (the user siginfo is built from it). */
struct ksiginfo {
	int code;
	union {
		struct {
			int pid;
			unsigned int uid;	/* the sender's real uid (SIGCHLD: the child's) */
			int status;		/* SIGCHLD */
		};
		struct {			/* SI_TIMER */
			int timerid;
			int overrun;		/* filled in when dequeued */
			u32 value;
		};
	};
	unsigned long addr;	/* faults */
	int error;		/* si_errno (SIGSYS of seccomp: the filter's data) */
	/* kernel/sigqueue.c, while pending: real uid + 1 it counts against (0: none) */
	unsigned int charged;
};

struct signal_state {
	spinlock_t lock;
	sigset_t pending, blocked;
	sigset_t saved_mask;		/* sigsuspend: restored after delivery */
	bool restore_mask;
	/*
	 * Linux's TIF_SIGPENDING is task_struct's sigpending (an exit_work
	 * byte, linux-ish/sched.h): pass through get_signal() on the way to
	 * user mode even if nothing is pending by then.  Set, IRQs off or
	 * under a lock, by every wake-up for a signal, a group stop, a
	 * temporary mask (set_saved_sigmask), a group signal this thread
	 * does not block and a mask change that unblocks a pending signal
	 * (recalc_sigpending); cleared only by exit_to_user_mode() before
	 * do_signal(), so a call that returned -ERESTART* for a signal gone
	 * since (taken by another thread, flushed by SIGCONT) still restarts
	 * there.
	 */
	struct ksiginfo info[_NSIG];	/* the oldest instance of each pending signal */
	struct list_head queue;		/* later real-time instances (linux-ish/sigqueue.h) */
	unsigned long altstack_sp, altstack_size;
	int altstack_flags;
	struct timer_list real_timer;	/* alarm / ITIMER_REAL */
	unsigned long real_interval;	/* jiffies; 0: one-shot */
	/* ITIMER_VIRTUAL / ITIMER_PROF: ticks of ru.utime / ru.utime + ru.stime; 0: off */
	unsigned long virt_expires, virt_interval, prof_expires, prof_interval;
	/*
	 * POSIX timers (kernel/posix-timers.c): changed only by the task
	 * itself with sig.lock held; read by the tick in IRQ context.
	 */
	struct list_head posix_timers;
	int next_timer_id;
	int nr_timers;
};

/*
 * The handler table, shared by the tasks cloned with CLONE_SIGHAND
 * (count of them).  siglock (IRQ-safe) covers changes of an action, so
 * that a sender in another task or in a timer sees it whole.  Kernel
 * threads share default_sighand, which is never freed.
 */
struct sighand_struct {
	atomic_t count;
	spinlock_t siglock;
	struct k_sigaction action[_NSIG];
};

extern struct sighand_struct default_sighand;

struct task_struct;

/* fork: @p shares current's handlers (CLONE_SIGHAND) or copies them.  0 or -ENOMEM. */
int copy_sighand(unsigned long clone_flags, struct task_struct *p);
/* @p drops its handler table and its queued signals (exit, or a failed fork). */
void exit_sighand(struct task_struct *p);
/* exec: the caller gets a table of its own if it shares one.  0 or -ENOMEM. */
int unshare_sighand(struct task_struct *p);

/*
 * Sends @sig to thread @p with @info (NULL: sent by the kernel): tkill,
 * faults.  0, or -EAGAIN when a real-time instance could not be queued
 * and @info is not kill()'s (SI_USER); the same for group_send_sig_info.
 */
int send_sig_info(int sig, const struct ksiginfo *info, struct task_struct *p);
/*
 * Sends @sig to @p's process (kill, SIGCHLD, timers): queued for the
 * group, taken by a thread that does not block it.
 */
int group_send_sig_info(int sig, const struct ksiginfo *info, struct task_struct *p);
/*
 * The group of current starts to die with @code (exit_group, a fatal
 * signal, execve's de_thread with @code -1: not an exit): SIGKILL to every
 * other thread.  Returns the group's exit code (an earlier start wins).
 */
int zap_other_threads(int code);
/* kernel/sighand.c: CLONE_THREAD's last step (tasklist_lock held). */
void join_thread_group(struct task_struct *p);
struct signal_struct *signal_struct_alloc(void);
void put_signal_struct(struct signal_struct *sig);
void send_sig(int sig, struct task_struct *p);
/* A POSIX timer's signal; false (nothing sent) while that timer's last one is pending. */
bool send_sigtimer(int sig, const struct ksiginfo *info, struct task_struct *p);
/*
 * kill(2)'s checks and delivery for one process @p (NULL: gone), as
 * pidfd_send_signal does it.  0 or -ESRCH/-EINVAL/-EPERM.  tasklist_lock held.
 */
int kill_task_info(struct task_struct *p, int sig, const struct ksiginfo *info);
/*
 * Thread-directed (tgkill, tkill, rt_tgsigqueueinfo): @sig with @info to
 * thread @tid, which must belong to process @tgid (<= 0: any).  0 or
 * -EINVAL/-ESRCH/-EPERM.
 */
long do_send_specific(int tgid, int tid, int sig, const struct ksiginfo *info);

/* Job control (kernel/jobctl.c); its wait4 options are in uapi/linux-ish/wait.h. */
void do_signal_stop(int sig);
void do_group_stop_wait(void);
void jobctl_signal_sent(int sig, struct task_struct *p);
int jobctl_wait_report(struct task_struct *c, int options);
void jobctl_check_orphaned(struct task_struct *p, struct task_struct *leaving);
/*
 * A fault's signal: delivered to a handler if there is one and it is not
 * blocked; otherwise reported ("segfault at ...") and fatal.
 */
void force_sig_info(int sig, const struct ksiginfo *info);
void force_sigsys(const struct pt_regs *regs, int code, int error);
void force_sig_fault(int sig, int code, unsigned long address, struct pt_regs *regs);
/* A fault found no memory: report Linux-style and kill current. */
/* A page fault at @address found no memory (see kernel/signal.c). */
void pagefault_out_of_memory(unsigned long address);

/* Delivery, on the way to user mode (arch side: arch/x86/kernel/signal.c). */
struct ksignal {
	int sig;
	struct ksiginfo info;
	struct k_sigaction ka;
};
bool get_signal(struct ksignal *ks);
/*
 * Takes current's lowest pending signal in @mask (SIGKILL first),
 * blocked or not, into *@info.  The signal, or 0 if none.  Takes sig.lock.
 */
int dequeue_signal(sigset_t mask, struct ksiginfo *info);
/* Arch: the user siginfo of @ks, as a handler's frame carries it (arch/x86/kernel/signal.c). */
struct siginfo32;
void fill_siginfo(struct siginfo32 *si, const struct ksignal *ks);
/* Sleeps until a signal arrives; the caller returns -ERESTARTNOHAND. */
void sleep_for_signal(void);
/*
 * Blocks @mask (less SIGKILL/SIGSTOP) until the next delivery puts back
 * the mask it replaces, as sigsuspend does.
 */
void set_saved_sigmask(sigset_t mask);
/*
 * A signal was sent to @p: wake signal_sent_wqh, where signalfd readers
 * and pollers and rt_sigtimedwait sleep (kernel/signalfd.c).
 */
void signalfd_notify(struct task_struct *p);
struct wait_queue_head;
extern struct wait_queue_head signal_sent_wqh;
/* Sets and/or reads current's action for @sig.  0 or -EINVAL (kernel/signal.c). */
int do_sigaction(int sig, const struct k_sigaction *act, struct k_sigaction *oact);
/*
 * The blocked mask changed as @how says with @set (NULL: only read);
 * @low_word: the old sigprocmask's SIG_SETMASK, setting signals 1-32 and
 * keeping the rest.  *@old: the mask before.  0 or -EINVAL.
 */
int change_blocked(int how, const sigset_t *set, bool low_word, sigset_t *old);
void signal_delivered(const struct ksignal *ks);
/*
 * An rt frame being built: the alternate stack's settings as sigaltstack
 * reports them from the interrupted @sp (for uc_stack), then disarmed if
 * SS_AUTODISARM.  rt_sigreturn puts the saved settings back (0 or -EFAULT).
 */
void altstack_save(unsigned long sp, struct user_stack_t *ss);
int altstack_restore(const struct user_stack_t __user *uss, unsigned long sp);
void do_signal(struct pt_regs *regs);

/* ppoll/pselect6's temporary mask (kernel/signal.c). */
int set_user_sigmask(const sigset_t __user *umask, size_t sigsetsize);
void restore_saved_sigmask_unless(bool interrupted);

void signals_init_task(struct task_struct *p, const struct task_struct *parent);
void signals_exec(struct task_struct *p);
void signals_exit(struct task_struct *p);
/* The parent is told a child exited (SIGCHLD); returns true to auto-reap it. */
bool notify_parent_exit(struct task_struct *p);

#endif
