/*
 * Ending tasks and waiting for them.
 *
 * do_exit(status) drops the task's memory and files, hands its children
 * to init (pid 1), and leaves a zombie holding the wait status until the
 * parent collects it with wait4().  A kernel thread is reaped by whoever
 * runs next.  The zombie's kernel stack is freed by the task that runs
 * after it (finish_task_switch); wait4() frees the task_struct.
 *
 * Wait status, as Linux encodes it: (code & 0xff) << 8 for exit(code);
 * the signal number for a process killed by a signal.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/futex.h>
#include <linux-ish/ipc.h>
#include <linux-ish/errno.h>
#include <linux-ish/fdtable.h>
#include <linux-ish/err.h>
#include <linux-ish/mm.h>
#include <linux-ish/pid.h>
#include <linux-ish/proc_fs.h>
#include <linux-ish/ptrace.h>
#include <linux-ish/sched.h>
#include <linux-ish/signal.h>
#include <linux-ish/syscalls.h>
#include <linux-ish/uaccess.h>
#include <asm/mmu_context.h>
#include <uapi/linux-ish/resource.h>
#include <uapi/linux-ish/wait.h>

static struct task_struct *child_reaper(void)
{
	struct task_struct *p;

	list_for_each_entry(p, &task_list, tasks)
		if (p->pid == 1)
			return p;
	return &init_task;
}

/*
 * @p (current) stops using its address space.  While it is still ours,
 * CLONE_CHILD_CLEARTID is honoured and a vfork parent is let go.  Then
 * @p runs on init_mm, borrowed as a kernel thread borrows (given back
 * when it is switched away from), and drops its user reference: only the
 * last user's mmput() unmaps anything, so a vfork child or a reader of
 * /proc leaves the mm to the others.
 */
/* @p leaves @mm: its ru_maxrss keeps the mm's high-water rss. */
void acct_mm_hiwater(struct task_struct *p, const struct mm_struct *mm)
{
	p->ru.maxrss = max(p->ru.maxrss, get_mm_hiwater_rss(mm));
}

static void exit_mm(struct task_struct *p)
{
	struct mm_struct *mm = p->mm;

	if (!mm)
		return;
	acct_mm_hiwater(p, mm);
	exit_robust_list(p);
	if (p->clear_child_tid)
		futex_exit_clear_tid((u32 __user *)p->clear_child_tid);
	mm_release_vfork(p);
	mmgrab(&init_mm);
	task_lock(p);
	p->mm = NULL;
	p->active_mm = &init_mm;
	task_unlock(p);
	switch_mm(mm, &init_mm);
	mmput(mm);
}

static void exit_files(struct task_struct *p)
{
	if (p->files) {
		put_files_struct(p->files);
		p->files = NULL;
	}
	exit_fs(p);
}

/* vfork: the parent may go on once the child has exec'd or exited. */
void mm_release_vfork(struct task_struct *p)
{
	struct task_struct *parent = p->vfork_parent;

	if (parent) {
		p->vfork_parent = NULL;
		WRITE_ONCE(parent->in_vfork_wait, false);
		wake_up(&parent->wait_vfork);
	}
}

/* A thread of @p's group that is not exiting, or NULL.  tasklist_lock held. */
static struct task_struct *find_alive_thread(struct task_struct *p)
{
	struct task_struct *t;

	for_each_thread(p, t)
		if (!(t->flags & PF_EXITING))
			return t;
	return NULL;
}

/*
 * Where @p's children go: a living thread of its own group, else the
 * nearest living ancestor that asked for orphans
 * (PR_SET_CHILD_SUBREAPER), else init.  tasklist_lock held.
 */
static struct task_struct *find_reaper(struct task_struct *p)
{
	struct task_struct *t = find_alive_thread(p);

	if (t)
		return t;
	for (struct task_struct *a = p->group_leader->parent; a->pid > 1; a = a->parent)
		if (a->child_subreaper && !(a->flags & PF_EXITING) && !a->exit_state)
			return a;
	return child_reaper();
}

/*
 * Children go to their reaper; zombies among them wake it to reap them,
 * and each living child that asked (PR_SET_PDEATHSIG) gets its signal.
 */
static void forget_children(struct task_struct *p)
{
	struct task_struct *reaper, *c, *n;
	bool zombies = false;
	unsigned long flags;

	spin_lock_irqsave(&tasklist_lock, flags);
	reaper = find_reaper(p);
	list_for_each_entry_safe(c, n, &p->children, sibling) {
		struct task_struct *t;

		for_each_thread(c, t) {
			t->parent = reaper;
			/* As Linux: the parent *thread* died, even if its group lives. */
			if (t->pdeath_signal && !t->exit_state)
				send_sig(t->pdeath_signal, t);
		}
		list_move_tail(&c->sibling, &reaper->children);
		if (reaper->signal != p->signal)
			c->exit_signal = SIGCHLD;	/* as Linux: a reaper's plain wait reaps it */
		zombies |= c->exit_state == EXIT_ZOMBIE;
		if (!c->exit_state && reaper->signal != p->signal)
			jobctl_check_orphaned(c, p);
	}
	if (thread_group_leader(p) && !find_alive_thread(p))
		jobctl_check_orphaned(p, p);
	spin_unlock_irqrestore(&tasklist_lock, flags);
	if (zombies)
		wake_up(&reaper->signal->wait_chldexit);
}

/* The usage of a thread that reaps itself stays with its process. */
static void rusage_add_thread(struct task_rusage *to, const struct task_rusage *a)
{
	to->utime += a->utime;
	to->stime += a->stime;
	to->min_flt += a->min_flt;
	to->maj_flt += a->maj_flt;
	to->nvcsw += a->nvcsw;
	to->nivcsw += a->nivcsw;
	to->maxrss = max(to->maxrss, a->maxrss);
}

/*
 * The group of @leader (a zombie) is dead: its parent is told, once.
 * Returns @leader if nobody will wait for it (SIGCHLD ignored): the
 * caller frees it.  tasklist_lock held.
 */
static struct task_struct *group_dead_notify(struct task_struct *leader)
{
	struct task_struct *free = NULL;

	leader->signal->group_dead = true;
	if (leader->thread_pid)		/* its pidfds are readable now */
		wake_up(&leader->thread_pid->wait_pidfd);
	if (notify_parent_exit(leader)) {
		list_del_init(&leader->sibling);
		leader->exit_state = EXIT_DEAD;
		free = leader;
	}
	wake_up(&leader->parent->signal->wait_chldexit);	/* a waiter may now see ECHILD */
	return free;
}

/*
 * The last step of an exit, under tasklist_lock.  A kernel thread, and a
 * thread that is not its group's leader, reaps itself (EXIT_DEAD: the
 * next task to run frees it).  A leader stays a zombie.  The last
 * thread of a group to get here tells the leader's parent (SIGCHLD once
 * per process, with the leader's pid) and lets it reap the leader.
 */
static void exit_notify(struct task_struct *p)
{
	struct signal_struct *s = p->signal;
	struct task_struct *free = NULL;
	unsigned long flags;
	bool group_dead;

	spin_lock_irqsave(&tasklist_lock, flags);
	group_dead = --s->live == 0;
	if (p->flags & PF_KTHREAD) {
		p->exit_state = EXIT_DEAD;
	} else if (!thread_group_leader(p)) {
		rusage_add_thread(&s->dead_ru, &p->ru);
		p->exit_state = EXIT_DEAD;
		if (group_dead)
			free = group_dead_notify(p->group_leader);
	} else {
		p->exit_state = EXIT_ZOMBIE;
		if (group_dead && group_dead_notify(p))
			p->exit_state = EXIT_DEAD;	/* freed by the next task to run */
	}
	if (s->group_exec_task && s->live == 1)
		wake_up_process(s->group_exec_task);	/* de_thread waits for this */
	spin_unlock_irqrestore(&tasklist_lock, flags);
	if (free)
		free_task(free);	/* a leader long switched away from: no stack */
}

void do_exit(int status)
{
	struct task_struct *p = current;

	if (p == &init_task)
		panic("Attempted to kill the idle task!");
	if (p->tgid == 1 && (thread_group_leader(p) || p->signal->group_exit))
		panic("Attempted to kill init! exitcode=0x%08x", status);
	p->flags |= PF_EXITING;
	ptrace_exit(p, status);		/* before the mm goes: PTRACE_EVENT_EXIT */
	signals_exit(p);
	exit_mm(p);
	exit_sem(p);
	exit_files(p);
	forget_children(p);
	/* A group exit's code is every thread's (the leader's is reported). */
	p->exit_code = p->signal->group_exit ? p->signal->group_exit_code : status;
	exit_notify(p);
	pid_wake_exit(p);		/* its pidfds are readable now */
	set_current_state(TASK_DEAD);
	schedule();
	BUG();			/* a dead task is never scheduled again */
}

/* One thread ends; its process lives on while any other thread does. */
SYSCALL_DEFINE1(exit, int, code)
{
	do_exit((code & 0xff) << 8);
}

/* Every thread of the process ends with this status (zap_other_threads). */
SYSCALL_DEFINE1(exit_group, int, code)
{
	do_exit(zap_other_threads((code & 0xff) << 8));
}

/*
 * pid > 0: that child; -1: any; 0: the caller's group; < -1: group -pid.
 * As Linux, a child whose exit signal is not SIGCHLD is a "clone" child:
 * only __WCLONE waits for those, and only for those; __WALL for both.
 */
static bool wait_matches(const struct task_struct *c, pid_t pid, int options)
{
	if (!(options & __WALL) && (c->exit_signal != SIGCHLD) != !!(options & __WCLONE))
		return false;
	if (pid > 0)
		return c->pid == pid;
	if (pid == -1)
		return true;
	return c->pgid == (pid == 0 ? current->pgid : -pid);
}

/*
 * One pass over the children: reaps a matching zombie (returning its
 * pid and status), or reports a matching child's stop or continue if
 * @options asks for it, or returns 0 if matching children exist but none
 * has anything to report, or -ECHILD.  A reaped child's usage goes to
 * *@ru (what wait4 reports) and into current's children totals; a
 * stopped or continued one reports none (*@ru zero).
 */
/* A dead process's wait status: its group exit's, else its leader's own. */
int group_exit_status(const struct task_struct *leader)
{
	const struct signal_struct *s = leader->signal;

	return s->group_exit ? s->group_exit_code : leader->exit_code;
}

/*
 * What child @c (a process: its group's leader) has to report: 1 with
 * *@found = @c to reap it (a zombie whose threads are all gone), 1 with
 * *@status set for a look (WNOWAIT) or a stop/continue report, else 0.
 * tasklist_lock held.
 */
static int child_report(struct task_struct *c, int *status, int options,
			struct task_struct **found)
{
	if (c->exit_state == EXIT_ZOMBIE && c->signal->group_dead && !c->stack &&
	    (options & WEXITED)) {
		*status = group_exit_status(c);
		if (!(options & WNOWAIT)) {	/* waitid's WNOWAIT: look, do not reap */
			list_del_init(&c->sibling);
			*found = c;
		}
		return 1;
	}
	if (!c->exit_state && (*status = jobctl_wait_report(c, options)))
		return 1;
	return 0;
}

/*
 * One pass over the children of current's group (each thread's; only
 * current's own with __WNOTHREAD): see child_report().  Returns the pid
 * reported, 0 if matching children exist but none has anything to say,
 * or -ECHILD.  A reaped child's usage goes to *@ru (what wait4 reports)
 * and into the group's children totals; a stopped or continued one
 * reports none (*@ru zero).
 */
static pid_t reap_one(pid_t pid, int *status, int options, struct task_rusage *ru)
{
	struct task_struct *c, *t, *found = NULL;
	bool any = false;
	unsigned long flags;
	pid_t traced;

	spin_lock_irqsave(&tasklist_lock, flags);
	traced = ptrace_wait_report(pid, options, status, &any);	/* current as tracer */
	if (traced > 0) {
		spin_unlock_irqrestore(&tasklist_lock, flags);
		return traced;
	}
	for_each_thread(current, t) {
		if ((options & __WNOTHREAD) && t != current)
			continue;
		list_for_each_entry(c, &t->children, sibling) {
			if (!wait_matches(c, pid, options))
				continue;
			any = true;
			if (child_report(c, status, options, &found)) {
				pid = c->tgid;
				goto out;
			}
		}
	}
	pid = any ? 0 : -ECHILD;
out:
	spin_unlock_irqrestore(&tasklist_lock, flags);
	if (!found)
		return pid;
	pid = found->pid;
	memset(ru, 0, sizeof(*ru));	/* wait4 reports the child's and its children's */
	rusage_add_child(ru, found);
	rusage_add_child(&current->signal->cru, found);
	free_task(found);
	return pid;
}

/* waitid's siginfo is written as 32 ints; only the layout's size matters here. */
typedef struct { s32 words[32]; } siginfo_t_i386;

static long do_wait(pid_t pid, int __user *ustatus, int options, struct rusage __user *uru)
{
	struct task_rusage ru = { 0 };
	int status = 0;
	pid_t ret;

	if (options & ~(WNOHANG | WUNTRACED | WCONTINUED | __WNOTHREAD | __WALL | __WCLONE))
		return -EINVAL;
	if (wait_event_interruptible(current->signal->wait_chldexit,
			(ret = reap_one(pid, &status, options | WEXITED, &ru)) != 0 ||
			(options & WNOHANG)))
		return -ERESTARTSYS;
	if (ret <= 0)
		return ret;
	if (ustatus && put_user(status & ~WAIT_PTRACE_TRAPPED, ustatus))
		return -EFAULT;
	if (uru && put_rusage(&ru, 0, uru))
		return -EFAULT;
	return ret;
}

SYSCALL_DEFINE4(wait4, pid_t, pid, int __user *, status, int, options,
		struct rusage __user *, ru)
{
	return do_wait(pid, status, options, ru);
}

/* A wait status as waitid's siginfo: si_code and si_status. */
static void status_to_siginfo(int status, int *code, int *si_status)
{
	if (status & WAIT_PTRACE_TRAPPED) {
		*code = CLD_TRAPPED;
		*si_status = (status >> 8) & 0xffff;
	} else if ((status & 0xffff) == 0xffff) {
		*code = CLD_CONTINUED;
		*si_status = SIGCONT;
	} else if ((status & 0xff) == 0x7f) {
		*code = CLD_STOPPED;
		*si_status = (status >> 8) & 0xff;
	} else if (status & 0x7f) {
		*code = (status & 0x80) ? CLD_DUMPED : CLD_KILLED;
		*si_status = status & 0x7f;
	} else {
		*code = CLD_EXITED;
		*si_status = (status >> 8) & 0xff;
	}
}

/*
 * waitid's siginfo (i386: 128 bytes), the six words Linux writes, the
 * rest left alone: SIGCHLD, errno 0, the code, the pid, uid 0, the
 * status; zeros when nothing was reaped or reported (@pid <= 0: WNOHANG
 * found nothing, or an error), as Linux writes them then too.
 */
static int put_waitid_info(siginfo_t_i386 __user *uinfo, pid_t pid, int status)
{
	s32 info[6] = { 0 };

	if (!uinfo)
		return 0;
	if (pid > 0) {
		info[0] = SIGCHLD;		/* si_signo; si_errno 0 */
		status_to_siginfo(status, &info[2], &info[5]);	/* si_code, si_status */
		info[3] = pid;			/* si_pid; si_uid 0 */
	}
	return copy_to_user(uinfo, info, sizeof(info)) ? -EFAULT : 0;
}

/*
 * waitid(P_PIDFD): the pid behind pidfd @fd, ECHILD once it is reaped
 * (so never a later process with its number); a PIDFD_NONBLOCK pidfd
 * adds WNOHANG to *@options.  -EBADF if @fd is no pidfd.
 */
static pid_t pidfd_wait_pid(int fd, int *options)
{
	unsigned int fflags;
	unsigned long flags;
	struct pid *pid = pidfd_get_pid(fd, &fflags);
	pid_t nr;

	if (IS_ERR(pid))
		return PTR_ERR(pid);
	spin_lock_irqsave(&tasklist_lock, flags);
	nr = pid->task ? pid->nr : -ECHILD;
	spin_unlock_irqrestore(&tasklist_lock, flags);
	put_pid(pid);
	if (fflags & O_NONBLOCK)
		*options |= WNOHANG;
	return nr;
}

/*
 * waitid's choice of children and wait: which (P_ALL, P_PID, P_PGID; 0
 * for the caller's group; P_PIDFD), which events (WEXITED, WSTOPPED,
 * WCONTINUED: at least one), WNOHANG, WNOWAIT (the child stays
 * waitable).  Returns the pid reported (its status and usage in *@status
 * and *@ru), 0 if WNOHANG found nothing, or -errno: EAGAIN for a
 * PIDFD_NONBLOCK pidfd whose child has nothing to report.
 */
static pid_t kernel_waitid(int which, pid_t id, int options, int *status, struct task_rusage *ru)
{
	int asked = options;
	pid_t pid, ret;

	if (options & ~(WNOHANG | WNOWAIT | WEXITED | WSTOPPED | WCONTINUED | __WNOTHREAD |
			__WALL | __WCLONE))
		return -EINVAL;
	if (!(options & (WEXITED | WSTOPPED | WCONTINUED)))
		return -EINVAL;
	switch (which) {
	case P_ALL:
		pid = -1;
		break;
	case P_PID:
		if (id <= 0)
			return -EINVAL;
		pid = id;
		break;
	case P_PGID:
		if (id < 0)
			return -EINVAL;
		pid = id ? -id : 0;
		break;
	case P_PIDFD:
		if (id < 0)
			return -EINVAL;
		pid = pidfd_wait_pid(id, &options);
		if (pid < 0)
			return pid;
		break;
	default:
		return -EINVAL;
	}
	if (wait_event_interruptible(current->signal->wait_chldexit,
			(ret = reap_one(pid, status, options, ru)) != 0 || (options & WNOHANG)))
		return -ERESTARTSYS;
	if (!ret && (options & ~asked & WNOHANG))
		return -EAGAIN;
	return ret;
}

/* The siginfo is written whatever the outcome, errors included, as Linux. */
SYSCALL_DEFINE5(waitid, int, which, pid_t, id, siginfo_t_i386 __user *, uinfo, int, options,
		struct rusage __user *, uru)
{
	struct task_rusage ru = { 0 };
	int status = 0;
	pid_t ret = kernel_waitid(which, id, options, &status, &ru);

	if (ret > 0 && uru && put_rusage(&ru, 0, uru))
		return -EFAULT;
	if (put_waitid_info(uinfo, ret, status))
		return -EFAULT;
	return ret > 0 ? 0 : ret;
}

SYSCALL_DEFINE3(waitpid, pid_t, pid, int __user *, status, int, options)
{
	return do_wait(pid, status, options, NULL);
}
