/*
 * Tasks and the scheduler.
 *
 * Every thread of execution is a task_struct with its own THREAD_SIZE
 * kernel stack.  The scheduler is round robin over the runnable tasks
 * with a time slice of SCHED_SLICE ticks.  The kernel is not preemptible:
 * a task in kernel mode runs until it blocks or calls schedule(); a task
 * in user mode is preempted when its slice runs out (checked on every
 * return to user mode).  The idle task (pid 0, the boot context) runs when
 * nothing else can.
 *
 * Field groups say what protects them.
 */
#ifndef _LINUX_ISH_SCHED_H
#define _LINUX_ISH_SCHED_H

#include <linux-ish/fs.h>
#include <linux-ish/fs_struct.h>
#include <linux-ish/list.h>
#include <linux-ish/wait.h>
#include <linux-ish/signal.h>
#include <linux-ish/resource.h>
#include <linux-ish/restart_block.h>
#include <linux-ish/rseq.h>
#include <linux-ish/seccomp.h>
#include <linux-ish/syscall_user_dispatch.h>
#include <asm/processor.h>
#include <asm/thread.h>

#define TASK_RUNNING		0
#define TASK_INTERRUPTIBLE	1
#define TASK_UNINTERRUPTIBLE	2
#define TASK_STOPPED		4	/* job control: only SIGCONT or SIGKILL wake it */
#define TASK_KILLABLE		8	/* as UNINTERRUPTIBLE ("D"), but a fatal signal wakes it */
#define TASK_DEAD		64

#define TASK_COMM_LEN		16
#define SCHED_SLICE		(50 * HZ / 1000)	/* ticks: 50 ms, a normal task's slice */
#define RR_TIMESLICE		(100 * HZ / 1000)	/* ticks: Linux's 100 ms SCHED_RR slice */
#define MAX_RT_PRIO		100	/* real-time priorities are 1..MAX_RT_PRIO-1 */

/* task->flags */
#define PF_KTHREAD		0x0001	/* kernel thread: never returns to user mode */
#define PF_EXITING		0x0002
#define PF_NOMEM_DEFERRED	0x0004	/* the allocator left the OOM decision to the fault (reclaim.md) */
#define PF_IN_FAULT		0x0008	/* in handle_mm_fault under the mmap_lock */
#define PF_MEMALLOC		0x0800	/* the reclaimer itself: the reserve, no reclaim (Linux's) */
#define PF_KSWAPD		0x00020000	/* kswapd0 */

/* Written at the lowest word of every kernel stack; checked on switches. */
#define STACK_END_MAGIC		0x57AC6E9D

typedef int pid_t;

struct mm_struct;
struct cred;
struct sem_undo_list;
struct blk_plug;
struct pid;
struct ptrace_link;
struct futex_pi_waiter;

/*
 * What getrusage() and wait4() report: ticks and counts.  A reaped
 * child's own and its children's totals go into its parent's cru.
 */
struct task_rusage {
	unsigned long utime, stime;	/* timer ticks in user mode, in the kernel */
	unsigned long min_flt, maj_flt;	/* faults without / with I/O (none has I/O yet) */
	unsigned long nvcsw, nivcsw;	/* switches: gave the CPU up / had it taken */
	unsigned long maxrss;		/* pages: the high-water rss of mms it left */
};

/*
 * What the threads of one process share (CLONE_THREAD), Linux's
 * signal_struct: the process-directed pending signals, the group's exit
 * and stop state, the wait queue its threads wait for children on, and
 * usage totals.  Every task has one (a new process a fresh one).  count:
 * the task_structs pointing here (the last free_task() frees it).
 *
 * Locking: tasklist_lock covers live, nr_threads and thread_head (and
 * each task's thread_node); lock (IRQ-safe) covers shared_pending,
 * shared_info, stopped and wait_report; group_exit and group_exit_code
 * are set once, by the first thread to start the group's exit, under
 * tasklist_lock.  dead_ru and cru: process context, no sleeping while
 * adding (one CPU, not preemptible).
 */
struct signal_struct {
	atomic_t count;
	int live;			/* threads that have not begun to exit */
	int nr_threads;			/* threads on thread_head */
	struct list_head thread_head;	/* the group's tasks, until reaped */
	spinlock_t lock;
	sigset_t shared_pending;	/* sent to the process: any thread takes them */
	struct ksiginfo shared_info[_NSIG];
	struct list_head shared_queue;	/* later real-time instances (linux-ish/sigqueue.h) */
	bool stopped;			/* job control: the group is stopped (kernel/jobctl.c) */
	int wait_report;		/* a stop/continue wait4 status not yet collected */
	bool group_exit;		/* exit_group or a fatal signal: every thread dies */
	bool group_dead;		/* every thread has exited: the leader may be reaped */
	int group_exit_code;
	struct task_struct *group_exec_task;	/* a thread in execve killing the others */
	struct wait_queue_head wait_chldexit;	/* threads waiting for children */
	struct task_rusage dead_ru;	/* usage of the group's threads that have exited */
	struct task_rusage cru;		/* children reaped by wait: their ru + cru */
	short oom_score_adj, oom_score_adj_min;	/* mm/oom_kill.c, under its oom_adj_lock */
};

struct task_struct {
	/* Owned by the task itself (and the scheduler while switching). */
	volatile long state;
	unsigned long flags;
	atomic_t usage;			/* 1 until free_task(), +1 per get_task_struct() */
	void *stack;			/* THREAD_SIZE bytes, THREAD_SIZE aligned */
	struct page *stack_page;	/* the order-1 block behind it */
	struct thread_struct thread;	/* arch: saved kernel sp, FPU, TLS */
	char comm[TASK_COMM_LEN];
	/* a shared write fault's file, pinned until its throttling after the mmap_lock (mm/page-writeback.c) */
	struct file *fault_dirty_file;

	/*
	 * Work for the way back to user mode, Linux's TIF_NEED_RESCHED,
	 * TIF_SIGPENDING, TIF_NOTIFY_RESUME and its ptrace work: a byte
	 * each, so that every setter stores only its own byte (no
	 * read-modify-write against another setter) and exit_to_user_mode()
	 * tests all four with one load of exit_work.  Rule: a byte is set
	 * whenever its condition holds; it may stay set after (the slow path
	 * checks the real condition and clears it).
	 *   need_resched: rq.lock; schedule() first.
	 *   sigpending: see signal_work_pending(); set by whoever makes a
	 *	signal deliverable (a send, a wake-up, a group stop, a mask
	 *	change: recalc_sigpending()), cleared only on the way out.
	 *   notify_resume: rseq's cpu_id update and fixup (kernel/rseq.c).
	 *   ptrace_work: ptrace attached (set by link_tracee, tasklist_lock)
	 *	or a #DB taken in the kernel (thread.pending_dr6, by the task);
	 *	cleared by the task itself once neither holds.
	 */
	union {
		struct {
			bool need_resched;
			bool sigpending;
			bool notify_resume;
			bool ptrace_work;
		};
		u32 exit_work;
	};
	/*
	 * Work on the way into a system call, Linux's syscall_work: a byte
	 * per hook, one load of syscall_work tests them all (do_syscall()).
	 * Same rule as exit_work.
	 *   syscall_trace: ptrace attached (link_tracee, tasklist_lock);
	 *	cleared by the task itself under tasklist_lock once detached.
	 *   syscall_seccomp: seccomp.mode is set (never cleared: neither is
	 *	the mode; seccomp's locking).
	 *   syscall_dispatch_on: syscall_dispatch.on (the task's own).
	 */
	union {
		struct {
			bool syscall_trace;
			bool syscall_seccomp;
			bool syscall_dispatch_on;
			bool syscall_work_spare;
		};
		u32 syscall_work;
	};

	/* rq.lock */
	struct list_head run_list;	/* on the run queue iff on_rq */
	bool on_rq;
	unsigned int time_slice;
	/*
	 * Priorities, higher runs first: 0 for the normal policies,
	 * 1..99 for SCHED_FIFO/SCHED_RR.  normal_prio comes from the
	 * policy (sched_setscheduler), pi_prio from the PI futexes the
	 * task owns (kernel/futex/pi.c), prio is the larger, what the
	 * scheduler uses.  sched_policy and rt_priority too.
	 */
	int prio, normal_prio, pi_prio;
	int sched_policy;		/* SCHED_OTHER, _BATCH, _IDLE, _FIFO or _RR */
	int rt_priority;		/* 1..99 under SCHED_FIFO/RR, else 0 */
	bool sched_reset_on_fork;	/* children start SCHED_OTHER, nice >= 0 */
	bool sched_yielded;		/* sched_yield: an RT task goes to its list's tail */
	bool sched_new;			/* forked, not yet woken: no wake-up preemption */
	unsigned long exec_start;	/* jiffies when it last got the CPU */
	unsigned long cpu_ticks;	/* timer ticks that found us running */
	unsigned long nr_switches;	/* times it gave up the CPU */
	struct task_rusage ru;		/* times, switches (rq.lock); faults, maxrss (the task) */

	/* The hung-task watchdog's own bookkeeping (kernel/hung_task.c). */
	unsigned long hung_seen_switches;
	unsigned long hung_since;	/* jiffies when seen blocked with that count */
	bool hung_reported;
	bool in_vfork_wait;		/* waiting for a vfork child: set by the
					 * parent, cleared by the child at exec
					 * or exit (mm_release_vfork), or by the
					 * parent if SIGKILL ends its wait */

	/* Set at creation, then constant. */
	pid_t pid;
	unsigned long start_time;	/* jiffies at creation (/proc/<pid>/stat starttime) */

	/*
	 * Its open files and its view of the file tree: each shared with
	 * other tasks by CLONE_FILES / CLONE_FS (reference counted), and
	 * changed only by the task itself (under task_lock for readers
	 * from other tasks).  fs is empty_fs for kernel threads and after
	 * exit; files is NULL then.
	 */
	struct files_struct *files;
	struct fs_struct *fs;
	struct rlimit rlim[RLIM_NLIMITS];	/* inherited at fork, kept at exec */
	bool make_it_fail;		/* /proc/<pid>/make-it-fail: task-filtered
					 * fault injection applies to this task */
	struct blk_plug *plug;		/* block/blk-plug.c: bios held back; only
					 * the task itself, NULL outside a plug */
	struct sem_undo_list *sysvsem;	/* SEM_UNDO adjustments, applied by the
					 * last task sharing them (CLONE_SYSVSEM)
					 * at exit (ipc/sem_undo.c); none after fork */

	/*
	 * Credentials (linux-ish/cred.h): replaced only by the task itself
	 * (commit_creds), read-only once published; others read it under
	 * tasklist_lock.  Holds a reference.
	 */
	const struct cred *cred;
	int nice;			/* -20..19: setpriority(2); inherited at fork */
	unsigned int personality;	/* personality(2): inherited, mostly kept at exec */

	/*
	 * The task's address spaces.  mm: the one it uses (a user reference,
	 * mm_users), NULL for kernel threads and after exit_mm(); changed
	 * only by the task itself, under alloc_lock (task_lock()) so that
	 * get_task_mm() from another task sees it whole.  active_mm: what
	 * CR3 points at while the task runs -- mm itself, or for a task
	 * without one a borrowed mm it holds an mm_count reference on
	 * (lazy TLB, kernel/sched/core.c); NULL while such a task is not
	 * running.
	 */
	spinlock_t alloc_lock;
	struct mm_struct *mm;
	struct mm_struct *active_mm;

	/* tasklist_lock */
	struct task_struct *parent;
	struct list_head children;
	struct list_head sibling;
	struct list_head tasks;		/* every task */
	struct pid *thread_pid;		/* pidfds' target (linux-ish/pid.h), made on demand */
	struct ptrace_link *ptrace;	/* traced: the link to the tracer (linux-ish/ptrace.h) */
	int exit_code;			/* wait status once a zombie */
	int exit_state;
	int exit_signal;		/* sent to the parent at exit (SIGCHLD) */
	int pdeath_signal;		/* prctl(PR_SET_PDEATHSIG): sent when the parent goes */
	bool child_subreaper;		/* prctl(PR_SET_CHILD_SUBREAPER): orphans below come here */
	bool dumpable;			/* prctl(PR_SET_DUMPABLE); 1 again at exec */
	pid_t pgid, sid;		/* process group and session */
	struct signal_state sig;
	struct sighand_struct *sighand;	/* handlers: shared by CLONE_SIGHAND */
	struct restart_block restart_block;	/* the task's own */

	/*
	 * The thread group (tasklist_lock): tgid is the leader's pid, what
	 * getpid() returns; signal is shared by CLONE_THREAD.  A task that
	 * is not a leader has exit_signal -1 and reaps itself.
	 */
	pid_t tgid;
	struct task_struct *group_leader;
	struct list_head thread_node;	/* in signal->thread_head */
	struct signal_struct *signal;

	/* vfork: the parent waiting for this child to exec or exit. */
	struct task_struct *vfork_parent;
	struct wait_queue_head wait_vfork;	/* a vfork parent sleeps here */
	int __user *clear_child_tid;		/* CLONE_CHILD_CLEARTID, set_tid_address */
	int __user *set_child_tid;		/* CLONE_CHILD_SETTID: written by the child */

	/* The task's own (linux-ish/rseq.h): rseq(2) registration. */
	struct rseq_state rseq;
	/* The task's own: prctl(PR_SET_SYSCALL_USER_DISPATCH). */
	struct syscall_user_dispatch syscall_dispatch;
	/* seccomp (linux-ish/seccomp.h: its locking); prctl(PR_SET_NO_NEW_PRIVS), never cleared */
	struct seccomp seccomp;
	bool no_new_privs;
	void __user *robust_list;		/* set_robust_list: walked at exit and exec */
	/* PI futexes (kernel/futex/pi.c, under its futex_pi_mutex). */
	struct list_head pi_state_list;		/* the PI futexes it owns with waiters */
	struct futex_pi_waiter *pi_blocked_on;	/* the PI futex it waits for, if any */
	bool pi_exited;				/* exited: no longer a PI futex owner */
};

#define EXIT_ZOMBIE		16
#define EXIT_DEAD		32

/* Protects p->mm against get_task_mm() from other tasks (Linux's task_lock). */
static inline void task_lock(struct task_struct *p) __acquires(p->alloc_lock)
{
	spin_lock(&p->alloc_lock);
}

static inline void task_unlock(struct task_struct *p) __releases(p->alloc_lock)
{
	spin_unlock(&p->alloc_lock);
}

extern struct task_struct init_task;	/* pid 0: the boot context, later idle */
extern struct task_struct *current_task;

static inline struct task_struct *get_current(void)
{
	return current_task;
}
#define current get_current()

void sched_init(void);
void schedule(void);
/* Makes @p runnable.  Returns true if it was not already. IRQ-safe. */
bool wake_up_process(struct task_struct *p);
/* @ticks timer ticks found @current running (more than 1 after lost ticks). */
void scheduler_tick(bool user, unsigned long ticks);
/* Ticks since boot by what they found running (/proc/stat's cpu line). */
struct cpu_times {
	u64 user, system, idle;
};
void cpu_times_get(struct cpu_times *t);
/* Processes created since boot (/proc/stat processes). */
unsigned long nr_forks(void);
void yield(void);
/* sched_yield: an RT task to the tail of its priority's list, then schedule(). */
void sched_yield_current(void);
/* kernel/sched/core.c: set @p's policy (SCHED_RESET_ON_FORK stripped) and RT priority. */
void sched_set_policy(struct task_struct *p, int policy, int rt_priority, bool reset_on_fork);
/* PI: @p's inherited priority became @pi_prio; reschedules as needed. */
void sched_set_pi_prio(struct task_struct *p, int pi_prio);
/* fork: @p's scheduling state from current's (SCHED_RESET_ON_FORK applied). */
void sched_fork(struct task_struct *p);
/* Sleeps for @timeout jiffies (or until woken); returns jiffies left. */
long schedule_timeout(long timeout);
void set_current_state(long state);

/* A new kernel thread running fn(arg); NULL on failure. Starts runnable. */
struct task_struct *kthread_run(int (*fn)(void *), void *arg, const char *name);
/* kernel/kthread.c: kthreadd (pid 2), the parent of kernel threads. */
void kthreadd_init(void);
struct task_struct *kthread_parent(void);
__noreturn void do_exit(int code);

/* kernel/hung_task.c: starts khungtaskd. */
void hung_task_init(void);
/* arch: the backtrace of a task that is not running. */
void show_task_trace(struct task_struct *p);
unsigned long get_wchan(struct task_struct *p);	/* where @p sleeps, or 0 */

/* kernel/fork.c: task allocation shared by kthreads and fork. */
struct task_struct *alloc_task(const char *name);
void free_task(struct task_struct *p);
void put_task_struct(struct task_struct *p);

/*
 * Keeps @p's task_struct (its cred, signal_struct, seccomp state and
 * kernel stack) valid across a sleep, after the task may have been
 * reaped: free_task() then unlists it and put_task_struct() frees it.
 * Its mm, files and sighand go at exit and reap as before.
 */
static inline void get_task_struct(struct task_struct *p)
{
	atomic_inc(&p->usage);
}
pid_t alloc_pid(void);
extern struct list_head task_list;
extern spinlock_t tasklist_lock;
unsigned int nr_tasks(void);
void fork_init(void);
void mm_cache_init(void);
void mm_release_vfork(struct task_struct *p);
/* exec: a shared (CLONE_FILES) descriptor table becomes current's own.  0 or -ENOMEM. */
int unshare_files(void);
/* arch/x86/kernel/tls.c: CLONE_SETTLS for a new child. 0 or -EFAULT/-EINVAL. */
int set_tls_for(struct task_struct *p, unsigned long u_info);

/* kernel/sched/core.c internals shared with the arch and fork/exit. */
void schedule_tail(struct task_struct *prev);
void schedule_tail_user(struct task_struct *prev);
void finish_task_switch(struct task_struct *prev);
void free_task_stack(struct task_struct *p);

/* kernel/signal.c: the user process with @pid, or NULL */
struct task_struct *find_task_by_pid(pid_t pid);

/* kernel/exit.c, kernel/rusage.c: resource usage */
/* kernel/exec_thread.c: execve kills the other threads and takes the leader's pid. */
int de_thread(struct task_struct *p);
int group_exit_status(const struct task_struct *leader);
void acct_mm_hiwater(struct task_struct *p, const struct mm_struct *mm);
void rusage_add_child(struct task_rusage *to, const struct task_struct *child);
struct rusage;
int put_rusage(const struct task_rusage *ru, unsigned long extra_maxrss,
	       struct rusage __user *uru);


unsigned long nr_context_switches(void);
__noreturn void cpu_idle(void);

/* Signals waiting for @p: its own and its process's, blocked or not. */
static inline sigset_t task_pending(const struct task_struct *p)
{
	return READ_ONCE(p->sig.pending) | READ_ONCE(p->signal->shared_pending);
}

/*
 * A signal that is not blocked is waiting, for the thread or for its
 * process (SIGKILL is never blocked), or the group is stopping: the
 * thread must come to get_signal() to stop with it.
 */
static inline bool signal_pending(const struct task_struct *p)
{
	return (task_pending(p) & ~READ_ONCE(p->sig.blocked)) != 0 ||
	       (READ_ONCE(p->signal->stopped) && !(p->flags & PF_EXITING));
}

/*
 * The exit path's slow test (arch/x86/kernel/traps.c): a signal to
 * deliver, or sigpending (a wake-up for a signal, a group stop, a
 * temporary mask: get_signal() must run even if the signal is gone by
 * now).  sigpending stands for signal_pending()'s group-stop test, since
 * a stop sets it in every thread.  Called with IRQs off on the one CPU:
 * nothing changes these fields under it, so plain loads.  When it is
 * false, so is the fast test (exit_work), until a signal or a mask
 * change sets sigpending again.
 */
static inline bool signal_work_pending(const struct task_struct *p)
{
	return p->sigpending || ((p->sig.pending | p->signal->shared_pending) & ~p->sig.blocked) != 0;
}

/*
 * current's blocked mask shrank (or a group signal may now be its):
 * keep exit_work's promise, sigpending set while a signal is
 * deliverable.  Sets only; the exit path clears.  Under sig.lock or
 * with IRQs off.
 */
static inline void recalc_sigpending(void)
{
	struct task_struct *p = current;

	if (task_pending(p) & ~p->sig.blocked)
		p->sigpending = true;
}

/* kernel/signal.c: SIGKILL or an untraced default-killing signal is pending. */
bool signal_fatal_pending(struct task_struct *p);

/* SIGKILL is pending: the task is about to die. */
static inline bool fatal_signal_pending(const struct task_struct *p)
{
	return READ_ONCE(p->sig.pending) & sigmask(SIGKILL);
}

/* Wakes @p only if it sleeps interruptibly. */
bool wake_up_interruptible_task(struct task_struct *p);

/* @p is its thread group's only task. */
static inline bool thread_group_empty(const struct task_struct *p)
{
	return READ_ONCE(p->signal->nr_threads) <= 1;
}

static inline bool thread_group_leader(const struct task_struct *p)
{
	return p->group_leader == p;
}

/* Every thread of @p's group; tasklist_lock held (or no sleeping, one CPU). */
#define for_each_thread(p, t) \
	list_for_each_entry(t, &(p)->signal->thread_head, thread_node)

/* The kernel stack's sentinel is intact. */
static inline bool task_stack_end_ok(const struct task_struct *p)
{
	return *(const unsigned long *)p->stack == STACK_END_MAGIC;
}

#endif
