/*
 * Signals: sending, choosing what to deliver, default actions, and the
 * system calls (see linux-ish/signal.h for the model and the locking).
 * The frame a handler runs on is built by arch/x86/kernel/signal.c.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/cred.h>
#include <linux-ish/errno.h>
#include <linux-ish/mm.h>
#include <linux-ish/posix-timers.h>
#include <linux-ish/ptrace.h>
#include <linux-ish/sched.h>
#include <linux-ish/signal.h>
#include <linux-ish/sigqueue.h>
#include <linux-ish/string.h>
#include <linux-ish/syscalls.h>
#include <linux-ish/time.h>
#include <linux-ish/uaccess.h>
#include <uapi/linux-ish/audit.h>
#include <uapi/linux-ish/time.h>

enum sig_default { SIG_TERM, SIG_CORE, SIG_IGNORE, SIG_STOP };

static enum sig_default sig_default_action(int sig)
{
	switch (sig) {
	case SIGQUIT: case SIGILL: case SIGTRAP: case SIGABRT: case SIGBUS:
	case SIGFPE: case SIGSEGV: case SIGXCPU: case SIGXFSZ: case SIGSYS:
		return SIG_CORE;
	case SIGCHLD: case SIGCONT: case SIGURG: case SIGWINCH:
		return SIG_IGNORE;
	case SIGSTOP: case SIGTSTP: case SIGTTIN: case SIGTTOU:
		return SIG_STOP;
	default:
		return SIG_TERM;
	}
}

/* Would @sig be thrown away on arrival at @p? */
static bool sig_ignored(const struct task_struct *p, int sig)
{
	const void __user *h = p->sighand->action[sig - 1].handler;

	if (sig == SIGKILL)
		return p->tgid == 1;
	if (p->ptrace)
		return false;		/* the tracer sees every signal */
	if (h == SIG_IGN)
		return true;
	if (h != SIG_DFL)
		return false;
	/* init only gets the signals it has handlers for */
	return p->tgid == 1 || sig_default_action(sig) == SIG_IGNORE;
}

static const struct ksiginfo kernel_info = { .code = SI_KERNEL };

/*
 * What sending does before queueing; false if nothing is to be queued.
 * A process (@group) takes signals until every thread has exited, even
 * once its leader has; a thread until it exits.
 */
static bool prepare_signal(int sig, struct task_struct *p, bool group)
{
	if (sig <= 0 || sig > _NSIG || (p->flags & PF_KTHREAD))
		return false;
	if (group ? p->signal->group_dead || p->exit_state == EXIT_DEAD : p->exit_state)
		return false;
	if (p->tgid != 1)
		jobctl_signal_sent(sig, p);	/* SIGCONT resumes even if ignored */
	if (!sig_ignored(p, sig))
		return true;
	/* a blocked signal is kept: its action may change before it is unblocked (not init's) */
	return p->tgid != 1 && (p->sig.blocked & sigmask(sig));
}

/*
 * Will a pending signal kill @p (current) at delivery: SIGKILL, or an
 * unblocked one whose default action terminates, untraced (Linux turns
 * those into a group SIGKILL at once)?  TASK_KILLABLE sleeps end on it.
 */
bool signal_fatal_pending(struct task_struct *p)
{
	sigset_t pend = task_pending(p) & ~READ_ONCE(p->sig.blocked);
	int sig;

	if (fatal_signal_pending(p))
		return true;
	if (p->ptrace || p->tgid == 1)
		return false;
	for (sig = 1; sig <= _NSIG; sig++) {
		enum sig_default d = sig_default_action(sig);

		if ((pend & sigmask(sig)) && (d == SIG_TERM || d == SIG_CORE) &&
		    p->sighand->action[sig - 1].handler == SIG_DFL)
			return true;
	}
	return false;
}

/* @p has a signal to act on: wake it from an interruptible (or stopped, for SIGKILL) sleep. */
static void signal_wake_up(struct task_struct *p, bool fatal)
{
	WRITE_ONCE(p->sigpending, true);	/* through get_signal() on its way out */
	if (p == current)
		return;
	if (p->state == TASK_KILLABLE)
		wake_up_process(p);	/* it goes back to sleep unless signal_fatal_pending() */
	else if (fatal && p->state == TASK_STOPPED)
		wake_up_process(p);
	else if (signal_pending(p))
		wake_up_interruptible_task(p);
}

/* SIGKILL queued for thread @t and @t woken.  IRQs off or tasklist_lock held. */
static void sigkill_thread(struct task_struct *t)
{
	unsigned long flags;

	spin_lock_irqsave(&t->sig.lock, flags);
	sigpending_add(&TASK_SIGPENDING(t), SIGKILL, &kernel_info, t);	/* never queued: cannot fail */
	spin_unlock_irqrestore(&t->sig.lock, flags);
	signal_wake_up(t, true);
}

/*
 * A real-time instance that could not be queued (no memory): Linux drops
 * it, failing with EAGAIN unless it came from kill() (SI_USER) or the
 * kernel.
 */
static int queue_failed(const struct ksiginfo *info)
{
	return info && info->code != SI_USER ? -EAGAIN : 0;
}

int send_sig_info(int sig, const struct ksiginfo *info, struct task_struct *p)
{
	unsigned long flags;
	bool queued;

	if (!prepare_signal(sig, p, false))
		return 0;
	spin_lock_irqsave(&p->sig.lock, flags);
	queued = sigpending_add(&TASK_SIGPENDING(p), sig, info ? info : &kernel_info, p);
	spin_unlock_irqrestore(&p->sig.lock, flags);
	if (!queued)
		return queue_failed(info);
	signalfd_notify(p);
	signal_wake_up(p, sig == SIGKILL);
	return 0;
}

/* A thread of @p's group that can take @sig now (@p first), or NULL.  IRQs off. */
static struct task_struct *wants_signal(int sig, struct task_struct *p)
{
	struct task_struct *t;

	if (!(p->sig.blocked & sigmask(sig)) && !(p->flags & PF_EXITING))
		return p;
	for_each_thread(p, t)
		if (!(t->sig.blocked & sigmask(sig)) && !(t->flags & PF_EXITING))
			return t;
	return NULL;
}

/*
 * The thread list is walked with IRQs off and no lock: it changes only
 * under tasklist_lock taken with IRQs off, on the one CPU (timers send
 * from IRQ context).  SMP would need tasklist_lock (or RCU) here.
 */
int group_send_sig_info(int sig, const struct ksiginfo *info, struct task_struct *p)
{
	struct signal_struct *s = p->signal;
	struct task_struct *t, *target;
	unsigned long flags;

	if (!prepare_signal(sig, p, true))
		return 0;
	spin_lock_irqsave(&s->lock, flags);
	if (sig == SIGKILL) {		/* fatal to every thread, never blocked */
		if (!s->group_exit && !s->group_exec_task) {
			s->group_exit = true;
			s->group_exit_code = SIGKILL;
		}
		for_each_thread(p, t)
			if (!t->exit_state)
				sigkill_thread(t);
		spin_unlock_irqrestore(&s->lock, flags);
		return 0;
	}
	if (!sigpending_add(&SHARED_SIGPENDING(s), sig, info ? info : &kernel_info, p)) {
		spin_unlock_irqrestore(&s->lock, flags);
		return queue_failed(info);
	}
	signalfd_notify(p);
	/*
	 * Every thread that may see it pending may end a sleep for it, and
	 * another may take it first: they all pass get_signal() on the way
	 * out, where the interrupted call restarts (sigpending).
	 */
	for_each_thread(p, t)
		if (!(t->sig.blocked & sigmask(sig)))
			WRITE_ONCE(t->sigpending, true);
	target = wants_signal(sig, p);
	if (target)
		signal_wake_up(target, false);
	spin_unlock_irqrestore(&s->lock, flags);
	return 0;
}

int zap_other_threads(int code)
{
	struct signal_struct *s = current->signal;
	struct task_struct *t;
	unsigned long flags;

	spin_lock_irqsave(&tasklist_lock, flags);
	if (s->group_exit || s->group_exec_task) {
		code = s->group_exit ? s->group_exit_code : code;
		spin_unlock_irqrestore(&tasklist_lock, flags);
		return code;		/* begun already: the others have their SIGKILL */
	}
	if (code >= 0) {
		s->group_exit = true;
		s->group_exit_code = code;
	} else {
		s->group_exec_task = current;
	}
	for_each_thread(current, t)
		if (t != current && !t->exit_state)
			sigkill_thread(t);
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return code;
}

/* exit_group, or a fatal signal: every thread of the group dies with @code. */
static __noreturn void do_group_exit(int code)
{
	do_exit(zap_other_threads(code));
}

/* As Linux's send_sig(): to @p's process, from the kernel. */
void send_sig(int sig, struct task_struct *p)
{
	group_send_sig_info(sig, NULL, p);
}

bool send_sigtimer(int sig, const struct ksiginfo *info, struct task_struct *p)
{
	unsigned long flags;
	bool still;

	spin_lock_irqsave(&p->sig.lock, flags);
	still = sigpending_has_timer(&TASK_SIGPENDING(p), sig, info->timerid);
	spin_unlock_irqrestore(&p->sig.lock, flags);
	spin_lock_irqsave(&p->signal->lock, flags);
	still |= sigpending_has_timer(&SHARED_SIGPENDING(p->signal), sig, info->timerid);
	spin_unlock_irqrestore(&p->signal->lock, flags);
	if (still)
		return false;
	return group_send_sig_info(sig, info, p) == 0;
}

static const char *fault_name(int sig)
{
	switch (sig) {
	case SIGSEGV: return "segfault";
	case SIGBUS: return "bus error";
	case SIGILL: return "illegal instruction";
	case SIGFPE: return "trap divide error";
	default: return "fault";
	}
}

/*
 * Makes @sig deliverable whatever the task did to it, as Linux's
 * force_sig_info: an ignored or blocked @sig goes back to SIG_DFL and
 * is unblocked (a handler the task installed and left unblocked still
 * runs).  Returns whether the default action will be taken.
 */
static bool force_sig_unblock(int sig)
{
	struct k_sigaction *ka = &current->sighand->action[sig - 1];
	unsigned long flags;
	bool dfl;

	spin_lock_irqsave(&current->sig.lock, flags);
	if (ka->handler == SIG_IGN || (current->sig.blocked & sigmask(sig))) {
		ka->handler = SIG_DFL;
		current->sig.blocked &= ~sigmask(sig);
		recalc_sigpending();
	}
	dfl = ka->handler == SIG_DFL;
	spin_unlock_irqrestore(&current->sig.lock, flags);
	return dfl;
}

void force_sig_info(int sig, const struct ksiginfo *info)
{
	force_sig_unblock(sig);
	send_sig_info(sig, info, current);
}

/*
 * The SIGSYS of seccomp's TRAP (SYS_SECCOMP) and of syscall user
 * dispatch (SYS_USER_DISPATCH), forced.  The _sigsys fields (call_addr,
 * syscall, arch) sit where kill_chld's pid, uid and status do in the
 * i386 siginfo, and the frame builder copies those three for SIGSYS;
 * si_errno carries @error (a filter's data).
 */
void force_sigsys(const struct pt_regs *regs, int code, int error)
{
	struct ksiginfo info = {
		.code = code,
		.pid = (int)regs->ip,
		.uid = (unsigned int)regs->orig_ax,
		.status = (int)AUDIT_ARCH_I386,
		.error = error,
	};

	force_sig_info(SIGSYS, &info);
}

void force_sig_fault(int sig, int code, unsigned long address, struct pt_regs *regs)
{
	struct ksiginfo info = { .code = code, .addr = address };

	if (force_sig_unblock(sig))	/* a fault cannot be ignored or blocked */
		printk(KERN_INFO "%s[%d]: %s at %lx ip %08lx sp %08lx error %lx\n",
		       current->comm, current->pid, fault_name(sig), address, regs->ip,
		       regs->sp, regs->orig_ax);
	send_sig_info(sig, &info, current);
}

/* ---- delivery ---- */

/*
 * The lowest signal of @p not in @blocked (SIGKILL first), its oldest
 * instance taken off; 0 if none.
 */
static int take_signal(const struct sigpending_ref *p, sigset_t blocked, struct ksiginfo *info)
{
	sigset_t ready = *p->set & ~blocked;
	int sig;

	if (!ready)
		return 0;
	sig = (ready & sigmask(SIGKILL)) ? SIGKILL : __builtin_ctzll(ready) + 1;
	sigpending_take(p, sig, info);
	if (info->code == SI_TIMER)
		posix_timer_dequeued(info);
	return sig;
}

/*
 * See linux-ish/signal.h: takes the lowest pending signal of @mask, the
 * thread's own first, then the process's (SIGKILL first in each); 0 if
 * none.  get_signal() passes ~blocked (only current changes it).
 */
int dequeue_signal(sigset_t mask, struct ksiginfo *info)
{
	struct signal_state *s = &current->sig;
	struct signal_struct *sh = current->signal;
	unsigned long flags;
	int sig;

	spin_lock_irqsave(&s->lock, flags);
	sig = take_signal(&TASK_SIGPENDING(current), ~mask, info);
	spin_unlock_irqrestore(&s->lock, flags);
	if (sig)
		return sig;
	spin_lock_irqsave(&sh->lock, flags);
	sig = take_signal(&SHARED_SIGPENDING(sh), ~mask, info);
	spin_unlock_irqrestore(&sh->lock, flags);
	return sig;
}

/*
 * Picks the next signal to act on.  Default actions that end the process
 * happen here (and do not return); returns true with @ks filled in for a
 * handler, false when nothing is left to deliver.
 */
bool get_signal(struct ksignal *ks)
{
	for (;;) {
		struct k_sigaction *ka;
		int sig;

		if (READ_ONCE(current->signal->stopped) && !fatal_signal_pending(current))
			do_group_stop_wait();	/* another thread stopped the group */
		sig = dequeue_signal(~current->sig.blocked, &ks->info);
		if (!sig)
			return false;
		if (current->ptrace && !(sig = ptrace_signal(sig, &ks->info)))
			continue;	/* the tracer took it (kernel/ptrace.c) */
		ka = &current->sighand->action[sig - 1];
		if (ka->handler == SIG_IGN && sig != SIGKILL)
			continue;
		if (ka->handler != SIG_DFL && sig != SIGKILL) {
			ks->sig = sig;
			ks->ka = *ka;
			if (ka->flags & SA_RESETHAND)
				ka->handler = SIG_DFL;
			return true;
		}
		switch (sig_default_action(sig)) {
		case SIG_IGNORE:
			continue;
		case SIG_STOP:
			do_signal_stop(sig);
			continue;
		case SIG_CORE:
			/*
			 * Linux sets the core bit (0x80) only when a core
			 * file was written; Linnet writes none, so a "core"
			 * signal kills as a "term" one does.
			 */
		case SIG_TERM:
			do_group_exit(sig);
		}
	}
}

/* A handler's frame is in place: block what it asked for while it runs. */
void signal_delivered(const struct ksignal *ks)
{
	struct signal_state *s = &current->sig;
	unsigned long flags;

	spin_lock_irqsave(&s->lock, flags);
	s->blocked |= ks->ka.mask;
	if (!(ks->ka.flags & SA_NODEFER))
		s->blocked |= sigmask(ks->sig);
	s->blocked &= ~UNBLOCKABLE;
	spin_unlock_irqrestore(&s->lock, flags);
}

/* ---- life cycle ---- */

static void real_timer_fn(unsigned long data);

void signals_init_task(struct task_struct *p, const struct task_struct *parent)
{
	spin_lock_init(&p->sig.lock);
	timer_setup(&p->sig.real_timer, real_timer_fn, (unsigned long)p);
	p->sig.pending = 0;
	p->sigpending = false;
	INIT_LIST_HEAD(&p->sig.queue);	/* a new task: nothing was ever queued */
	p->sig.real_interval = 0;
	p->sig.virt_expires = p->sig.virt_interval = 0;	/* not inherited */
	p->sig.prof_expires = p->sig.prof_interval = 0;
	INIT_LIST_HEAD(&p->sig.posix_timers);
	p->sig.next_timer_id = 0;
	p->sig.nr_timers = 0;
	if (parent) {
		p->sig.blocked = parent->sig.blocked;
		p->sig.altstack_sp = parent->sig.altstack_sp;
		p->sig.altstack_size = parent->sig.altstack_size;
		p->sig.altstack_flags = parent->sig.altstack_flags;
	} else {
		p->sig.altstack_flags = SS_DISABLE;
	}
}

/* exec: handlers point into the old program; ignored signals stay ignored. */
void signals_exec(struct task_struct *p)
{
	p->restart_block.fn = NULL;	/* the old program's call is gone */
	for (int i = 0; i < _NSIG; i++) {
		if (p->sighand->action[i].handler != SIG_IGN)
			p->sighand->action[i].handler = SIG_DFL;
		p->sighand->action[i].flags = 0;
		p->sighand->action[i].mask = 0;
	}
	p->sig.altstack_sp = p->sig.altstack_size = 0;
	p->sig.altstack_flags = SS_DISABLE;
	posix_timers_release(p);	/* itimers and alarm stay, as on Linux */
}

void signals_exit(struct task_struct *p)
{
	del_timer(&p->sig.real_timer);
	posix_timers_release(p);
}

bool notify_parent_exit(struct task_struct *p)
{
	struct task_struct *parent = p->parent;
	const struct k_sigaction *ka = &parent->sighand->action[SIGCHLD - 1];
	int status = group_exit_status(p);
	struct ksiginfo info = { .pid = p->tgid, .uid = p->cred->uid, .status = status };

	if ((status & 0x7f) == 0) {
		info.code = CLD_EXITED;
		info.status = (status >> 8) & 0xff;
	} else {
		info.code = (status & 0x80) ? CLD_DUMPED : CLD_KILLED;
		info.status = status & 0x7f;
	}
	if (p->exit_signal > 0)
		group_send_sig_info(p->exit_signal, &info, parent);
	/* SIGCHLD ignored or SA_NOCLDWAIT: nobody will wait, reap at once. */
	return p->exit_signal == SIGCHLD &&
	       (ka->handler == SIG_IGN || (ka->flags & SA_NOCLDWAIT));
}

/* ---- kill and friends ---- */

/* The user process with @pid (zombies included), or NULL.  tasklist_lock or no sleeping. */
struct task_struct *find_task_by_pid(pid_t pid)
{
	struct task_struct *p;

	list_for_each_entry(p, &task_list, tasks)
		if (p->pid == pid && !(p->flags & PF_KTHREAD))
			return p;
	return NULL;
}

/*
 * May current signal @p?  As Linux: the sender's real or effective uid
 * matches the target's real or saved uid, or the sender has CAP_KILL,
 * or it is the sender itself; SIGCONT also within the same session.
 */
static bool kill_permitted(const struct task_struct *p, int sig)
{
	const struct cred *c = current_cred(), *t = p->cred;

	if (p == current || capable(CAP_KILL))
		return true;
	if (c->euid == t->suid || c->euid == t->uid || c->uid == t->suid || c->uid == t->uid)
		return true;
	return sig == SIGCONT && p->sid == current->sid;
}

int kill_task_info(struct task_struct *p, int sig, const struct ksiginfo *info)
{
	if (!p || p->exit_state == EXIT_DEAD)
		return -ESRCH;
	if (sig < 0 || sig > _NSIG)
		return -EINVAL;
	if (!kill_permitted(p, sig))
		return -EPERM;
	/* a dead process takes none, but the call succeeds; -EAGAIN: not queued */
	return group_send_sig_info(sig, info, p);
}

/*
 * Sends @sig to @pid (> 0), to the caller's process group (0), to every
 * process but init and the caller (-1) or to process group -pid.  Linux's
 * results when some targets refuse (EPERM): one process EPERM; a group
 * 0 if any took it, else EPERM; -1 is 0 once anything was found.
 */
static long do_kill(pid_t pid, int sig, int code)
{
	struct ksiginfo info = { .code = code, .pid = current->tgid, .uid = current_uid() };
	struct task_struct *p;
	unsigned long flags;
	bool found = false, sent = false;
	pid_t pgid = pid == 0 ? current->pgid : -pid;

	if (sig < 0 || sig > _NSIG)
		return -EINVAL;
	spin_lock_irqsave(&tasklist_lock, flags);
	list_for_each_entry(p, &task_list, tasks) {
		bool hit;

		/* a kernel thread is found by its pid (and ignores the signal) */
		if ((p->flags & PF_KTHREAD && pid <= 0) || !p->pid || p->exit_state == EXIT_DEAD)
			continue;
		if (pid > 0)		/* a thread's id names its process too */
			hit = p->pid == pid;
		else if (!thread_group_leader(p))
			hit = false;	/* groups and -1: each process once */
		else if (pid == -1)
			hit = p->tgid > 1 && p->signal != current->signal;
		else
			hit = p->pgid == pgid;
		if (!hit)
			continue;
		found = true;
		if (!kill_permitted(p, sig))
			continue;
		group_send_sig_info(sig, &info, p);	/* not if the whole process is dead */
		sent = true;
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);
	if (!found)
		return -ESRCH;
	return sent || pid == -1 ? 0 : -EPERM;
}

SYSCALL_DEFINE2(kill, pid_t, pid, int, sig)
{
	return do_kill(pid, sig, SI_USER);
}

/*
 * tgkill/tkill: @sig to the one thread @tid (of process @tgid, or any
 * with @tgid < 0 for tkill).  kill's permission rule; a zombie or an
 * exiting thread takes nothing but the call succeeds, a reaped one
 * ESRCH.
 */
/* See linux-ish/signal.h: tgkill, tkill and rt_tgsigqueueinfo. */
long do_send_specific(pid_t tgid, pid_t tid, int sig, const struct ksiginfo *info)
{
	struct task_struct *p;
	unsigned long flags;
	long err;

	if (sig < 0 || sig > _NSIG)
		return -EINVAL;
	spin_lock_irqsave(&tasklist_lock, flags);
	p = find_task_by_pid(tid);
	if (p && tgid > 0 && p->tgid != tgid)
		p = NULL;
	if (!p || p->exit_state == EXIT_DEAD)
		err = -ESRCH;
	else if (!kill_permitted(p, sig))
		err = -EPERM;
	else
		err = 0;
	if (!err && !p->exit_state)
		err = send_sig_info(sig, info, p);	/* -EAGAIN: not queued */
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return err;
}

static long do_tkill(pid_t tgid, pid_t tid, int sig)
{
	struct ksiginfo info = { .code = SI_TKILL, .pid = current->tgid, .uid = current_uid() };

	return do_send_specific(tgid, tid, sig, &info);
}

SYSCALL_DEFINE3(tgkill, pid_t, tgid, pid_t, pid, int, sig)
{
	if (tgid <= 0 || pid <= 0)
		return -EINVAL;
	return do_tkill(tgid, pid, sig);
}

SYSCALL_DEFINE2(tkill, pid_t, pid, int, sig)
{
	if (pid <= 0)
		return -EINVAL;
	return do_tkill(-1, pid, sig);
}

/* ---- handlers and masks ---- */

/* @sig is ignored now: off the process's pending set and every thread's. */
static void flush_ignored(int sig)
{
	struct signal_struct *s = current->signal;
	struct task_struct *t;
	unsigned long flags;

	spin_lock_irqsave(&s->lock, flags);
	sigpending_flush(&SHARED_SIGPENDING(s), sigmask(sig));
	for_each_thread(current, t)	/* IRQs off: sig.lock not needed on one CPU */
		sigpending_flush(&TASK_SIGPENDING(t), sigmask(sig));
	spin_unlock_irqrestore(&s->lock, flags);
}

/*
 * Sets current's action for @sig to *@act (if given) and returns the old
 * one in *@oact (if given).  0, or -EINVAL for a bad number or an action
 * for SIGKILL/SIGSTOP.  rt_sigaction, sigaction and signal share it.
 */
int do_sigaction(int sig, const struct k_sigaction *act, struct k_sigaction *oact)
{
	struct k_sigaction *ka;

	if (sig < 1 || sig > _NSIG || (act && (sig == SIGKILL || sig == SIGSTOP)))
		return -EINVAL;
	ka = &current->sighand->action[sig - 1];
	if (oact)
		*oact = *ka;
	if (act) {
		unsigned long flags;

		spin_lock_irqsave(&current->sighand->siglock, flags);
		*ka = *act;
		ka->mask &= ~UNBLOCKABLE;
		spin_unlock_irqrestore(&current->sighand->siglock, flags);
		if (sig_ignored(current, sig))	/* POSIX: pending instances go */
			flush_ignored(sig);
	}
	return 0;
}

SYSCALL_DEFINE4(rt_sigaction, int, sig, const struct user_sigaction __user *, act,
		struct user_sigaction __user *, oact, size_t, sigsetsize)
{
	struct k_sigaction new, old;
	struct user_sigaction u;
	int err;

	if (sigsetsize != sizeof(sigset_t) || sig < 1 || sig > _NSIG)
		return -EINVAL;
	if (act && (sig == SIGKILL || sig == SIGSTOP))
		return -EINVAL;
	if (act) {
		if (copy_from_user(&u, act, sizeof(u)))
			return -EFAULT;
		new = (struct k_sigaction){ u.handler, u.flags, u.restorer, u.mask };
	}
	err = do_sigaction(sig, act ? &new : NULL, &old);
	if (!err && oact) {
		struct user_sigaction o = { old.handler, old.flags, old.restorer, old.mask };

		if (copy_to_user(oact, &o, sizeof(o)))
			return -EFAULT;
	}
	return err;
}

/* See linux-ish/signal.h. */
int change_blocked(int how, const sigset_t *set, bool low_word, sigset_t *old)
{
	struct signal_state *s = &current->sig;
	unsigned long flags;
	int err = 0;

	spin_lock_irqsave(&s->lock, flags);
	*old = s->blocked;
	if (set) {
		switch (how) {
		case SIG_BLOCK:
			s->blocked |= *set;
			break;
		case SIG_UNBLOCK:
			s->blocked &= ~*set;
			break;
		case SIG_SETMASK:
			s->blocked = low_word ? (s->blocked & ~0xffffffffULL) | *set : *set;
			break;
		default:
			err = -EINVAL;
		}
		s->blocked &= ~UNBLOCKABLE;
		recalc_sigpending();
	}
	spin_unlock_irqrestore(&s->lock, flags);
	return err;
}

SYSCALL_DEFINE4(rt_sigprocmask, int, how, const sigset_t __user *, set,
		sigset_t __user *, oset, size_t, sigsetsize)
{
	sigset_t new, old;
	int err;

	if (sigsetsize != sizeof(sigset_t))
		return -EINVAL;
	if (set && copy_from_user(&new, set, sizeof(new)))
		return -EFAULT;
	err = change_blocked(how, set ? &new : NULL, false, &old);
	if (err)
		return err;
	if (oset && copy_to_user(oset, &old, sizeof(old)))
		return -EFAULT;
	return 0;
}

SYSCALL_DEFINE2(rt_sigpending, sigset_t __user *, uset, size_t, sigsetsize)
{
	sigset_t pending = (current->sig.pending | current->signal->shared_pending) &
			   current->sig.blocked;

	if (sigsetsize > sizeof(sigset_t))
		return -EINVAL;
	return copy_to_user(uset, &pending, sigsetsize) ? -EFAULT : 0;
}

/* See linux-ish/signal.h. */
void sleep_for_signal(void)
{
	while (!signal_pending(current)) {
		set_current_state(TASK_INTERRUPTIBLE);
		if (signal_pending(current)) {
			set_current_state(TASK_RUNNING);
			break;
		}
		schedule();
	}
}

SYSCALL_DEFINE0(pause)
{
	sleep_for_signal();
	return -ERESTARTNOHAND;
}

SYSCALL_DEFINE2(rt_sigsuspend, const sigset_t __user *, umask, size_t, sigsetsize)
{
	int err;

	if (!umask)
		return sigsetsize != sizeof(sigset_t) ? -EINVAL : -EFAULT;
	err = set_user_sigmask(umask, sigsetsize);	/* restored when the handler returns */
	if (err)
		return err;
	sleep_for_signal();
	return -ERESTARTNOHAND;
}

/*
 * ppoll/pselect6: blocks *@umask for the call (NULL: no change), keeping
 * the old mask to restore.  0, -EINVAL (size not 8) or -EFAULT.
 */
int set_user_sigmask(const sigset_t __user *umask, size_t sigsetsize)
{
	sigset_t mask;

	if (!umask)
		return 0;
	if (sigsetsize != sizeof(sigset_t))
		return -EINVAL;
	if (copy_from_user(&mask, umask, sizeof(mask)))
		return -EFAULT;
	set_saved_sigmask(mask);
	return 0;
}

/* See linux-ish/signal.h. */
void set_saved_sigmask(sigset_t mask)
{
	struct signal_state *s = &current->sig;
	unsigned long flags;

	spin_lock_irqsave(&s->lock, flags);
	s->saved_mask = s->blocked;
	s->restore_mask = true;
	current->sigpending = true;	/* do_signal() restores the mask if the call is interrupted */
	s->blocked = mask & ~UNBLOCKABLE;
	spin_unlock_irqrestore(&s->lock, flags);
}

/*
 * After set_user_sigmask(): an @interrupted call leaves the old mask for
 * signal delivery to put back once the handler's frame holds it (as
 * sigsuspend does); any other return puts it back now.
 */
void restore_saved_sigmask_unless(bool interrupted)
{
	struct signal_state *s = &current->sig;
	unsigned long flags;

	if (interrupted)
		return;
	spin_lock_irqsave(&s->lock, flags);
	if (s->restore_mask) {
		s->restore_mask = false;
		s->blocked = s->saved_mask;
		recalc_sigpending();
	}
	spin_unlock_irqrestore(&s->lock, flags);
}

/* Number 0: goes on with the call current->restart_block describes, once. */
SYSCALL_DEFINE0(restart_syscall)
{
	struct restart_block *rb = &current->restart_block;
	long (*fn)(struct restart_block *) = rb->fn;

	rb->fn = NULL;
	return fn ? fn(rb) : -EINTR;
}

/*
 * The alternate signal stack: altstack_sp/size (size 0: none), and in
 * altstack_flags SS_DISABLE when there is none plus the mode bit
 * SS_AUTODISARM (an rt frame put on the stack disarms it until its
 * sigreturn restores the settings saved in the frame).
 */
static bool on_sig_stack(unsigned long sp)
{
	const struct signal_state *s = &current->sig;

	return s->altstack_size && sp - s->altstack_sp < s->altstack_size;
}

/* What sigaltstack reports, seen from the user stack pointer @sp. */
static void altstack_get(unsigned long sp, struct user_stack_t *ss)
{
	const struct signal_state *s = &current->sig;

	ss->ss_sp = (void __user *)s->altstack_sp;
	ss->ss_size = s->altstack_size;
	ss->ss_flags = (on_sig_stack(sp) ? SS_ONSTACK : !s->altstack_size ? SS_DISABLE : 0) |
		       (s->altstack_flags & SS_AUTODISARM);
}

/* New settings @ss, from @sp.  0, -EPERM (on the stack), -EINVAL or -ENOMEM. */
static int altstack_set(const struct user_stack_t *ss, unsigned long sp)
{
	struct signal_state *s = &current->sig;
	int mode = ss->ss_flags & ~SS_AUTODISARM;

	if (on_sig_stack(sp))
		return -EPERM;
	if (mode != SS_DISABLE && mode != SS_ONSTACK && mode != 0)
		return -EINVAL;
	if (mode == SS_DISABLE) {
		s->altstack_sp = s->altstack_size = 0;
		s->altstack_flags = SS_DISABLE;
		return 0;
	}
	if (ss->ss_size < MINSIGSTKSZ)
		return -ENOMEM;
	s->altstack_sp = (__force unsigned long)ss->ss_sp;
	s->altstack_size = ss->ss_size;
	s->altstack_flags = ss->ss_flags & SS_AUTODISARM;
	return 0;
}

void altstack_save(unsigned long sp, struct user_stack_t *ss)
{
	struct signal_state *s = &current->sig;

	altstack_get(sp, ss);
	if (s->altstack_flags & SS_AUTODISARM) {
		s->altstack_sp = s->altstack_size = 0;
		s->altstack_flags = SS_DISABLE;
	}
}

int altstack_restore(const struct user_stack_t __user *uss, unsigned long sp)
{
	struct user_stack_t ss;

	if (copy_from_user(&ss, uss, sizeof(ss)))
		return -EFAULT;
	altstack_set(&ss, sp);		/* other errors ignored, as Linux */
	return 0;
}

SYSCALL_DEFINE2(sigaltstack, const struct user_stack_t __user *, uss,
		struct user_stack_t __user *, uoss)
{
	unsigned long sp = task_pt_regs(current)->sp;
	struct user_stack_t old, new;

	altstack_get(sp, &old);
	if (uss) {
		int err;

		if (copy_from_user(&new, uss, sizeof(new)))
			return -EFAULT;
		err = altstack_set(&new, sp);
		if (err)
			return err;
	}
	if (uoss && copy_to_user(uoss, &old, sizeof(old)))
		return -EFAULT;
	return 0;
}

/* ---- alarm and ITIMER_REAL ---- */

static void real_timer_fn(unsigned long data)
{
	struct task_struct *p = (struct task_struct *)data;

	send_sig(SIGALRM, p);
	if (p->sig.real_interval)
		mod_timer(&p->sig.real_timer, jiffies + p->sig.real_interval);
}

/* Jiffies left on the real timer (0 if not armed). */
static unsigned long real_timer_left(void)
{
	const struct timer_list *t = &current->sig.real_timer;
	long left;

	if (!t->pending)
		return 0;
	left = (long)(t->expires - jiffies);
	return left > 0 ? (unsigned long)left : 1;
}

/*
 * A timer offset in jiffies that the wrapping comparison of the timer
 * wheel still sees as in the future: longer timers (alarm(2) allows 136
 * years, HZ=1000 jiffies wrap after 24.8 days) fire after about 12 days.
 */
static unsigned long timer_offset(u64 j)
{
	return j > LONG_MAX / 2 ? LONG_MAX / 2 : (unsigned long)j;
}

SYSCALL_DEFINE1(alarm, unsigned int, seconds)
{
	unsigned long left = real_timer_left();

	del_timer(&current->sig.real_timer);
	current->sig.real_interval = 0;
	if (seconds)
		mod_timer(&current->sig.real_timer, jiffies + timer_offset((u64)seconds * HZ));
	return left ? (long)DIV_ROUND_UP(left, HZ) : 0;
}

#define USEC_PER_JIFFY	(USEC_PER_SEC / HZ)

static unsigned long tv_to_jiffies(s32 sec, s32 usec)
{
	return timer_offset((u64)(u32)sec * HZ + DIV_ROUND_UP((u32)usec, USEC_PER_JIFFY));
}

static void jiffies_to_tv(unsigned long j, s32 *sec, s32 *usec)
{
	*sec = j / HZ;
	*usec = (j % HZ) * USEC_PER_JIFFY;
}

static void get_real_itimer(struct itimerval32 *v)
{
	jiffies_to_tv(current->sig.real_interval, &v->interval_sec, &v->interval_usec);
	jiffies_to_tv(real_timer_left(), &v->value_sec, &v->value_usec);
}

SYSCALL_DEFINE2(getitimer, int, which, struct itimerval32 __user *, value)
{
	struct itimerval32 v;

	if (which == ITIMER_VIRTUAL || which == ITIMER_PROF)
		cpu_itimer_get(which, &v);
	else if (which == ITIMER_REAL)
		get_real_itimer(&v);
	else
		return -EINVAL;
	return copy_to_user(value, &v, sizeof(v)) ? -EFAULT : 0;
}

SYSCALL_DEFINE3(setitimer, int, which, const struct itimerval32 __user *, value,
		struct itimerval32 __user *, ovalue)
{
	struct itimerval32 v, old;

	if (which != ITIMER_REAL && which != ITIMER_VIRTUAL && which != ITIMER_PROF)
		return -EINVAL;
	if (value && copy_from_user(&v, value, sizeof(v)))
		return -EFAULT;
	if (value && (v.value_usec < 0 || v.value_usec >= 1000000 ||
		      v.interval_usec < 0 || v.interval_usec >= 1000000 ||
		      v.value_sec < 0 || v.interval_sec < 0))
		return -EINVAL;
	if (which != ITIMER_REAL) {
		cpu_itimer_get(which, &old);
		if (value)
			cpu_itimer_set(which, &v);
	} else {
		get_real_itimer(&old);
	}
	if (value && which == ITIMER_REAL) {
		del_timer(&current->sig.real_timer);
		current->sig.real_interval = tv_to_jiffies(v.interval_sec, v.interval_usec);
		if (v.value_sec || v.value_usec)
			mod_timer(&current->sig.real_timer,
				  jiffies + tv_to_jiffies(v.value_sec, v.value_usec));
	}
	if (ovalue && copy_to_user(ovalue, &old, sizeof(old)))
		return -EFAULT;
	return 0;
}

/* ---- process groups and sessions ---- */

/* pgid and sid are per process: every thread of @p's group gets them. */
static void set_group_ids(struct task_struct *p, pid_t pgid, pid_t sid)
{
	struct task_struct *t;
	unsigned long flags;

	spin_lock_irqsave(&tasklist_lock, flags);
	for_each_thread(p, t) {
		t->pgid = pgid;
		t->sid = sid;
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);
}

SYSCALL_DEFINE2(setpgid, pid_t, pid, pid_t, pgid)
{
	struct task_struct *p;

	if (pgid < 0)
		return -EINVAL;
	p = pid ? find_task_by_pid(pid) : current;
	if (!p || (p->signal != current->signal && p->parent->signal != current->signal))
		return -ESRCH;
	p = p->group_leader;
	if (p->sid != current->sid)
		return -EPERM;
	if (p->pid == p->sid)
		return -EPERM;		/* a session leader stays in its group */
	if (!pgid)
		pgid = p->pid;
	if (pgid != p->pid) {
		struct task_struct *q;
		bool found = false;

		list_for_each_entry(q, &task_list, tasks)
			found |= q->pgid == pgid && q->sid == current->sid;
		if (!found)
			return -EPERM;
	}
	set_group_ids(p, pgid, p->sid);
	return 0;
}

SYSCALL_DEFINE1(getpgid, pid_t, pid)
{
	struct task_struct *p = pid ? find_task_by_pid(pid) : current;

	return p ? p->pgid : -ESRCH;
}

SYSCALL_DEFINE0(getpgrp)
{
	return current->pgid;
}

SYSCALL_DEFINE0(setsid)
{
	struct task_struct *q;

	list_for_each_entry(q, &task_list, tasks)
		if (q->pgid == current->tgid)
			return -EPERM;		/* already a group leader */
	set_group_ids(current, current->tgid, current->tgid);
	return current->sid;
}

SYSCALL_DEFINE1(getsid, pid_t, pid)
{
	struct task_struct *p = pid ? find_task_by_pid(pid) : current;

	return p ? p->sid : -ESRCH;
}
