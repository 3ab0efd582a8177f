/*
 * ptrace(2): the tracer/tracee link, the stops and the generic requests
 * (the model is in linux-ish/ptrace.h; registers, FPU, TLS and debug
 * registers are arch/x86/kernel/ptrace.c and hw_breakpoint.c).
 *
 * Locking: tasklist_lock guards the link list, task->ptrace and every
 * link field.  The kernel is not preemptible on one CPU: a tracee reads
 * current->ptrace afresh after every sleep, so a tracer may unlink a
 * tracee that is not sleeping in ptrace_stop() and free the link.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/cred.h>
#include <linux-ish/errno.h>
#include <linux-ish/mm.h>
#include <linux-ish/ptrace.h>
#include <linux-ish/sched.h>
#include <linux-ish/slab.h>
#include <linux-ish/string.h>
#include <linux-ish/syscalls.h>
#include <linux-ish/uaccess.h>
#include <uapi/linux-ish/ptrace.h>
#include <uapi/linux-ish/sched.h>
#include <uapi/linux-ish/sigcontext.h>
#include <uapi/linux-ish/wait.h>

static LIST_HEAD(ptrace_links);		/* every link: tasklist_lock */

/*
 * As Linux's __ptrace_may_access: itself always; otherwise the caller's
 * real uid is the target's real, effective and saved uid and its real
 * gid the target's three gids, or it has CAP_SYS_PTRACE; and a target
 * that is not dumpable needs CAP_SYS_PTRACE too.  Only the REALCREDS
 * modes; without security modules read and attach decide alike.
 */
bool ptrace_may_access(struct task_struct *p, unsigned int mode)
{
	const struct cred *c = current_cred(), *t = p->cred;
	bool same;

	if (p == current)
		return true;
	same = c->uid == t->uid && c->uid == t->euid && c->uid == t->suid &&
	       c->gid == t->gid && c->gid == t->egid && c->gid == t->sgid;
	if (!same && !capable(CAP_SYS_PTRACE))
		return false;
	return !p->mm || p->dumpable || capable(CAP_SYS_PTRACE);
}

pid_t ptrace_tracer_pid(const struct task_struct *p)
{
	unsigned long flags;
	pid_t pid = 0;

	spin_lock_irqsave(&tasklist_lock, flags);
	if (p->ptrace && p->ptrace->tracer)
		pid = p->ptrace->tracer->pid;
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return pid;
}

/* ---- the link ---- */

/*
 * Links @p to @tracer.  As Linux's ptracer_cred, whether a set-id exec
 * may change ids is decided by current's CAP_SYS_PTRACE now: the
 * tracer's at ATTACH, the tracee's own at TRACEME.  tasklist_lock held;
 * @l zeroed.
 */
static void link_tracee(struct ptrace_link *l, struct task_struct *p, struct task_struct *tracer)
{
	l->cap_ptrace = !!(current_cred()->cap_effective & CAP_TO_MASK(CAP_SYS_PTRACE));
	l->tracer = tracer;
	l->tracee = p;
	l->pid = p->pid;
	list_add_tail(&l->node, &ptrace_links);
	p->ptrace = l;
	p->syscall_trace = true;	/* the syscall stops; cleared lazily by @p */
	p->ptrace_work = true;		/* INTERRUPT and the like on its way out */
}

/*
 * Ends @l's tracing of its tracee with @sig to deliver (the DETACH
 * data).  A tracee asleep in a stop wakes and frees the link itself;
 * otherwise it is freed here (returned for kfree after the unlock).
 * tasklist_lock held.
 */
static struct ptrace_link *unlink_tracee(struct ptrace_link *l, int sig)
{
	struct task_struct *p = l->tracee;

	list_del_init(&l->node);
	l->tracer = NULL;
	ptrace_arch_detach(p);
	if (l->stopped) {
		l->stopped = false;
		l->resume = PT_RESUME_CONT;
		l->resume_sig = sig;
		wake_up_process(p);
		return NULL;
	}
	p->ptrace = NULL;
	return l;
}

/* The link of @pid if current traces it, else NULL.  tasklist_lock held. */
static struct ptrace_link *traced_by_me(pid_t pid)
{
	struct task_struct *p = find_task_by_pid(pid);

	if (!p || !p->ptrace || p->ptrace->tracer != current || p->exit_state)
		return NULL;
	return p->ptrace;
}

/* ---- the tracee's side: stops ---- */

static void notify_tracer(struct task_struct *tracer, int code, int status)
{
	struct ksiginfo info = {
		.code = code, .pid = current->pid, .uid = current->cred->uid, .status = status,
	};
	const struct k_sigaction *ka = &tracer->sighand->action[SIGCHLD - 1];

	if (ka->handler != SIG_IGN && !(ka->flags & SA_NOCLDSTOP))
		group_send_sig_info(SIGCHLD, &info, tracer);	/* to the tracer's process */
	wake_up(&tracer->signal->wait_chldexit);
}

/*
 * current stops for its tracer, reporting wait status @status, until
 * the tracer resumes or detaches it or SIGKILL comes.  Returns the
 * signal the tracer resumed it with (0: none, or not traced, or dying).
 */
static int ptrace_stop(int status, enum ptrace_stop_why why)
{
	struct ptrace_link *l, *dead = NULL;
	struct task_struct *tracer;
	unsigned long flags;
	int sig = 0;

	spin_lock_irqsave(&tasklist_lock, flags);
	l = current->ptrace;
	if (!l || !l->tracer || fatal_signal_pending(current)) {
		spin_unlock_irqrestore(&tasklist_lock, flags);
		return 0;
	}
	l->status = status;
	l->why = why;
	l->stopped = true;
	l->reported = false;
	l->resume_sig = 0;
	l->interrupt = false;
	tracer = l->tracer;
	spin_unlock_irqrestore(&tasklist_lock, flags);
	notify_tracer(tracer, CLD_TRAPPED, (status >> 8) & 0xffff);
	for (;;) {
		set_current_state(TASK_INTERRUPTIBLE);
		l = READ_ONCE(current->ptrace);
		if (!l || (!READ_ONCE(l->busy) &&
			   (!READ_ONCE(l->stopped) || fatal_signal_pending(current))))
			break;
		schedule();
	}
	set_current_state(TASK_RUNNING);
	spin_lock_irqsave(&tasklist_lock, flags);
	l = current->ptrace;
	if (l) {
		l->stopped = false;
		l->why = PT_WHY_NONE;
		sig = l->resume_sig;
		if (!l->tracer) {		/* detached while stopped */
			current->ptrace = NULL;
			dead = l;
		}
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);
	kfree(dead);
	return sig;
}

static int event_status(int event)
{
	return ((event << 8 | SIGTRAP) << 8) | 0x7f;
}

/* An event stop if the tracer asked for @event (PTRACE_O_TRACE*), with @msg. */
static void ptrace_event(int event, unsigned long msg)
{
	struct ptrace_link *l = current->ptrace;

	if (!l || !(l->options & (1UL << event)))
		return;
	l->eventmsg = msg;
	ptrace_stop(event_status(event), PT_WHY_EVENT);
}

bool ptrace_seccomp_event(unsigned long msg)
{
	const struct ptrace_link *l = current->ptrace;

	if (!l || !l->tracer || !(l->options & PTRACE_O_TRACESECCOMP))
		return false;
	ptrace_event(PTRACE_EVENT_SECCOMP, msg);
	return true;
}

bool ptrace_seccomp_suspended(void)
{
	const struct ptrace_link *l = current->ptrace;

	return l && (l->options & PTRACE_O_SUSPEND_SECCOMP);
}

int ptrace_signal(int sig, struct ksiginfo *info)
{
	struct ptrace_link *l = current->ptrace;
	unsigned long flags;
	int nsig;

	if (!l || sig == SIGKILL)
		return sig;
	l->sig = sig;
	l->info = *info;
	nsig = ptrace_stop((sig << 8) | 0x7f, PT_WHY_SIGNAL);
	if (!nsig)
		return 0;
	spin_lock_irqsave(&tasklist_lock, flags);
	l = current->ptrace;
	if (l && l->sig == nsig) {
		*info = l->info;		/* as the tracer left it (SETSIGINFO) */
	} else if (!l && nsig == sig) {
		;				/* detached with the same signal: its info */
	} else {
		struct task_struct *t = l ? l->tracer : NULL;

		memset(info, 0, sizeof(*info));
		info->code = SI_USER;
		info->pid = t ? t->pid : 0;
		info->uid = t ? t->cred->uid : 0;
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);
	if (current->sig.blocked & sigmask(nsig)) {	/* requeued, as Linux */
		send_sig_info(nsig, info, current);
		return 0;
	}
	return nsig;
}

bool ptrace_group_stop(int sig)
{
	struct ptrace_link *l = current->ptrace;
	int status;

	if (!l)
		return false;
	status = (sig << 8) | 0x7f;
	if (l->seized)
		status |= PTRACE_EVENT_STOP << 16;
	ptrace_stop(status, PT_WHY_GROUP);
	return true;
}

bool ptrace_interrupt_pending(void)
{
	const struct ptrace_link *l = current->ptrace;

	return l && l->interrupt;
}

/* PTRACE_INTERRUPT (or a seized child's first stop): an event stop. */
void ptrace_do_interrupt(void)
{
	int sig = ptrace_stop(((PTRACE_EVENT_STOP << 8 | SIGTRAP) << 8) | 0x7f, PT_WHY_GROUP);

	if (sig)
		send_sig(sig, current);
}

/* Resumed from a syscall stop with a signal: it is sent, as Linux does. */
static void syscall_stop(enum ptrace_stop_why why)
{
	struct ptrace_link *l = current->ptrace;
	int code = SIGTRAP | ((l->options & PTRACE_O_TRACESYSGOOD) ? 0x80 : 0);
	int sig;

	l->eventmsg = why == PT_WHY_SYSCALL_ENTRY ? PTRACE_EVENTMSG_SYSCALL_ENTRY
						  : PTRACE_EVENTMSG_SYSCALL_EXIT;
	sig = ptrace_stop((code << 8) | 0x7f, why);

	if (sig)
		send_sig(sig, current);
}

bool ptrace_syscall_entry(struct pt_regs *regs)
{
	struct ptrace_link *l = current->ptrace;
	bool emu;

	if (!l || l->resume == PT_RESUME_CONT || l->resume == PT_RESUME_STEP)
		return false;
	emu = l->resume == PT_RESUME_SYSEMU || l->resume == PT_RESUME_SYSEMU_STEP;
	regs->ax = -ENOSYS;
	syscall_stop(PT_WHY_SYSCALL_ENTRY);
	return emu || fatal_signal_pending(current) || regs->orig_ax == (unsigned long)-1;
}

void ptrace_syscall_exit(struct pt_regs *regs)
{
	struct ptrace_link *l = current->ptrace;

	if (!l)
		return;
	if (l->resume == PT_RESUME_SYSCALL)
		syscall_stop(PT_WHY_SYSCALL_EXIT);
	else if (l->resume == PT_RESUME_STEP)
		user_single_step_report(regs);	/* the step int $0x80 swallowed */
}

bool ptrace_exec_unsafe(void)
{
	const struct ptrace_link *l = current->ptrace;

	return l && !l->cap_ptrace;
}

void ptrace_exec_report(pid_t old_pid)
{
	struct ptrace_link *l = current->ptrace;

	if (!l)
		return;
	if (l->options & PTRACE_O_TRACEEXEC)
		ptrace_event(PTRACE_EVENT_EXEC, old_pid);
	else if (!l->seized)
		send_sig(SIGTRAP, current);
}

/* The fork-like event of @clone_flags. */
static int clone_event(unsigned long clone_flags)
{
	if (clone_flags & CLONE_VFORK)
		return PTRACE_EVENT_VFORK;
	if ((clone_flags & CSIGNAL) != SIGCHLD)
		return PTRACE_EVENT_CLONE;
	return PTRACE_EVENT_FORK;
}

/*
 * A traced current that asked for @child's event (unless CLONE_UNTRACED),
 * or that passed CLONE_PTRACE: @child (runnable, not yet run: one CPU,
 * no preemption) is traced by the same tracer from its start and stops
 * first (SIGSTOP, or a seized child's event stop); then, for the event,
 * current reports it with the child's pid.
 */
void ptrace_clone_report(struct task_struct *child, unsigned long clone_flags)
{
	struct ptrace_link *l = current->ptrace, *cl;
	int event = clone_event(clone_flags);
	bool report = l && !(clone_flags & CLONE_UNTRACED) && (l->options & (1UL << event));

	if (!l || !(report || (clone_flags & CLONE_PTRACE)))
		return;
	cl = kzalloc(sizeof(*cl), GFP_ATOMIC);	/* no sleep: the child must not run first */
	if (cl) {
		unsigned long flags;

		spin_lock_irqsave(&tasklist_lock, flags);
		if (l->tracer && !child->ptrace) {
			link_tracee(cl, child, l->tracer);
			cl->cap_ptrace = l->cap_ptrace;
			cl->seized = l->seized;
			cl->options = l->options;
			cl->interrupt = cl->seized;
			cl = NULL;
		}
		spin_unlock_irqrestore(&tasklist_lock, flags);
		if (!cl && !child->ptrace->seized)
			send_sig(SIGSTOP, child);
		kfree(cl);
	}
	if (report)
		ptrace_event(event, child->pid);
}

void ptrace_vfork_done(pid_t pid)
{
	if (current->ptrace)
		ptrace_event(PTRACE_EVENT_VFORK_DONE, pid);
}

/* Tells a tracer other than the parent that its tracee @p exited. */
static void exit_report(struct task_struct *tracer, struct ptrace_link *l, int code)
{
	int status = code & 0x7f ? code & 0x7f : (code >> 8) & 0xff;
	struct ksiginfo info = {
		.code = code & 0x7f ? CLD_KILLED : CLD_EXITED, .pid = l->pid,
		.uid = current->cred->uid, .status = status,
	};

	send_sig_info(SIGCHLD, &info, tracer);
	wake_up(&tracer->signal->wait_chldexit);
}

/* current's tracees go free (EXITKILL: killed); its exit reports are dropped. */
static void exit_as_tracer(const struct task_struct *p)
{
	struct ptrace_link *l, *n;
	LIST_HEAD(dead);
	unsigned long flags;

	spin_lock_irqsave(&tasklist_lock, flags);
	list_for_each_entry_safe(l, n, &ptrace_links, node) {
		if (l->tracer != p)
			continue;
		if (!l->tracee) {
			list_move(&l->node, &dead);
			continue;
		}
		if (l->options & PTRACE_O_EXITKILL)
			send_sig(SIGKILL, l->tracee);
		l = unlink_tracee(l, 0);
		if (l)
			list_add(&l->node, &dead);
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);
	list_for_each_entry_safe(l, n, &dead, node)
		kfree(l);
}

void ptrace_exit(struct task_struct *p, int code)
{
	struct ptrace_link *l, *report = NULL;
	struct task_struct *tracer = NULL;
	unsigned long flags;

	if (p->ptrace)
		ptrace_event(PTRACE_EVENT_EXIT, code);
	exit_as_tracer(p);
	spin_lock_irqsave(&tasklist_lock, flags);
	l = p->ptrace;
	if (l) {
		p->ptrace = NULL;
		tracer = l->tracer;
		if (tracer && tracer != p->parent) {
			l->tracee = NULL;	/* stays listed: the tracer's exit report */
			l->status = code;
			report = l;
			l = NULL;
		} else {
			list_del_init(&l->node);
		}
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);
	if (report)
		exit_report(tracer, report, code);
	kfree(l);
}

/* ---- the tracer's side: wait ---- */

static bool link_matches(const struct ptrace_link *l, pid_t pid)
{
	if (pid > 0)
		return l->pid == pid;
	if (pid == -1)
		return true;
	return l->tracee && l->tracee->pgid == (pid == 0 ? current->pgid : -pid);
}

pid_t ptrace_wait_report(pid_t pid, int options, int *status, bool *any)
{
	struct ptrace_link *l;

	list_for_each_entry(l, &ptrace_links, node) {
		if (l->tracer != current || !link_matches(l, pid))
			continue;
		*any = true;
		if (!l->tracee && (options & WEXITED)) {
			pid = l->pid;
			*status = l->status;
			if (!(options & WNOWAIT)) {
				list_del(&l->node);
				kfree(l);
			}
			return pid;
		}
		if (l->tracee && l->stopped && !l->reported) {
			*status = l->status | WAIT_PTRACE_TRAPPED;
			if (!(options & WNOWAIT))
				l->reported = true;
			return l->pid;
		}
	}
	return 0;
}

/* ---- requests ---- */

static int ptrace_traceme(void)
{
	struct ptrace_link *l = kzalloc(sizeof(*l), GFP_KERNEL);
	unsigned long flags;
	int err = -EPERM;

	if (!l)
		return -ENOMEM;
	spin_lock_irqsave(&tasklist_lock, flags);
	if (!current->ptrace && current->parent && current->parent->pid > 0) {
		link_tracee(l, current, current->parent);
		l = NULL;
		err = 0;
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);
	kfree(l);
	return err;
}

/* May current attach to @p?  0, -ESRCH or -EPERM.  tasklist_lock held. */
static int attach_check(struct task_struct *p)
{
	if (!p)
		return -ESRCH;
	if (p == current || p->exit_state || (p->flags & PF_EXITING) || p->ptrace)
		return -EPERM;
	return ptrace_may_access(p, PTRACE_MODE_ATTACH_REALCREDS) ? 0 : -EPERM;
}

/* PTRACE_ATTACH (a SIGSTOP) and PTRACE_SEIZE (options @data, no stop). */
static int ptrace_attach(pid_t pid, bool seize, unsigned long addr, unsigned long data)
{
	struct ptrace_link *l;
	struct task_struct *p;
	unsigned long flags;
	int err;

	l = kzalloc(sizeof(*l), GFP_KERNEL);
	if (!l)
		return -ENOMEM;
	spin_lock_irqsave(&tasklist_lock, flags);
	p = find_task_by_pid(pid);
	if (p && seize && (addr || (data & ~(unsigned long)PTRACE_O_MASK)))
		err = -EIO;		/* after the lookup, as Linux */
	else
		err = attach_check(p);
	if (!err && seize && (data & PTRACE_O_SUSPEND_SECCOMP) && !seccomp_may_suspend())
		err = -EPERM;
	if (!err) {
		link_tracee(l, p, current);
		l->seized = seize;
		l->options = seize ? data : 0;
		l = NULL;
		if (!seize)
			send_sig(SIGSTOP, p);
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);
	kfree(l);
	return err;
}

static bool valid_signal(unsigned long sig)
{
	return sig <= _NSIG;
}

/* CONT, SYSCALL, SINGLESTEP, SYSEMU(_SINGLESTEP) with signal @data.  tasklist_lock held. */
static int ptrace_resume(struct ptrace_link *l, long req, unsigned long data)
{
	static const enum ptrace_resume how[] = {
		[PTRACE_CONT] = PT_RESUME_CONT, [PTRACE_SYSCALL] = PT_RESUME_SYSCALL,
		[PTRACE_SINGLESTEP] = PT_RESUME_STEP, [PTRACE_SYSEMU] = PT_RESUME_SYSEMU,
		[PTRACE_SYSEMU_SINGLESTEP] = PT_RESUME_SYSEMU_STEP,
	};

	if (!valid_signal(data))
		return -EIO;
	l->resume = how[req];
	if (l->resume == PT_RESUME_STEP || l->resume == PT_RESUME_SYSEMU_STEP)
		user_enable_single_step(l->tracee);
	else
		user_disable_single_step(l->tracee);
	l->resume_sig = data;
	l->stopped = false;
	wake_up_process(l->tracee);
	return 0;
}

/* One aligned word of @p's memory to or from *@val.  0 or -EIO. */
static int access_word(struct task_struct *p, unsigned long addr, u32 *val, bool write)
{
	struct mm_struct *mm = get_task_mm(p);
	bool ok = false;

	if (!mm)
		return -EIO;
	if (addr < TASK_SIZE && addr <= TASK_SIZE - sizeof(*val)) {
		unsigned long first = min_t(unsigned long, sizeof(*val), PAGE_SIZE - (addr & ~PAGE_MASK));

		ok = access_remote_page(mm, addr, (char *)val, first, write);
		if (ok && first < sizeof(*val))
			ok = access_remote_page(mm, addr + first, (char *)val + first,
						sizeof(*val) - first, write);
	}
	mmput(mm);
	return ok ? 0 : -EIO;
}

/* The siginfo the tracer sees for the current stop.  -EINVAL if none. */
static int stop_siginfo(const struct ptrace_link *l, struct ksignal *ks)
{
	memset(ks, 0, sizeof(*ks));
	if (l->why == PT_WHY_SIGNAL) {
		ks->sig = l->sig;
		ks->info = l->info;
		return 0;
	}
	if (l->why == PT_WHY_GROUP || l->why == PT_WHY_NONE)
		return -EINVAL;
	ks->sig = SIGTRAP;
	ks->info.code = (l->status >> 8) & 0xffff;
	ks->info.pid = l->pid;
	ks->info.uid = l->tracee->cred->uid;
	return 0;
}

static int ptrace_getsiginfo(const struct ptrace_link *l, unsigned long data)
{
	struct siginfo32 si;
	struct ksignal ks;
	int err = stop_siginfo(l, &ks);

	if (err)
		return err;
	fill_siginfo(&si, &ks);
	return copy_to_user((void __user *)data, &si, sizeof(si)) ? -EFAULT : 0;
}

static int ptrace_setsiginfo(struct ptrace_link *l, unsigned long data)
{
	struct siginfo32 si;

	if (copy_from_user(&si, (const void __user *)data, sizeof(si)))
		return -EFAULT;
	if (l->why != PT_WHY_SIGNAL)
		return l->why == PT_WHY_GROUP ? -EINVAL : 0;
	memset(&l->info, 0, sizeof(l->info));
	l->sig = si.si_signo;
	l->info.code = si.si_code;
	if (si.si_code > 0 && (si.si_signo == SIGSEGV || si.si_signo == SIGBUS ||
			       si.si_signo == SIGILL || si.si_signo == SIGFPE ||
			       si.si_signo == SIGTRAP)) {
		l->info.addr = si.addr;
	} else {
		l->info.pid = si.kill_chld.pid;
		l->info.uid = si.kill_chld.uid;
		l->info.status = si.kill_chld.status;
	}
	return 0;
}

/* Linux's struct ptrace_syscall_info, i386: 24 bytes, then the union. */
struct syscall_info32 {
	u8 op;
	u8 pad[3];
	u32 arch;
	u64 ip, sp;
	union {
		struct { u64 nr, args[6]; } entry;
		struct { s64 rval; u8 is_error; } exit;
	};
} __packed;

static long ptrace_get_syscall_info(const struct ptrace_link *l, unsigned long size,
				    unsigned long data)
{
	const struct pt_regs *r = task_pt_regs(l->tracee);
	struct syscall_info32 info = { .arch = AUDIT_ARCH_I386, .ip = r->ip, .sp = r->sp };
	unsigned long n = PTRACE_SYSCALL_INFO_HEAD;
	/* As Linux: a syscall stop is known as one by its SIGTRAP | 0x80 only. */
	bool sysgood = ((l->status >> 8) & 0xffff) == (SIGTRAP | 0x80);

	if (sysgood && l->why == PT_WHY_SYSCALL_ENTRY) {
		info.op = PTRACE_SYSCALL_INFO_ENTRY;
		info.entry.nr = r->orig_ax;
		info.entry.args[0] = r->bx;
		info.entry.args[1] = r->cx;
		info.entry.args[2] = r->dx;
		info.entry.args[3] = r->si;
		info.entry.args[4] = r->di;
		info.entry.args[5] = r->bp;
		n += sizeof(info.entry);
	} else if (sysgood && l->why == PT_WHY_SYSCALL_EXIT) {
		info.op = PTRACE_SYSCALL_INFO_EXIT;
		info.exit.rval = (long)r->ax;
		info.exit.is_error = (long)r->ax < 0 && (long)r->ax >= -4095;
		n += offsetof(typeof(info.exit), is_error) + 1;
	}
	if (copy_to_user((void __user *)data, &info, min(size, n)))
		return -EFAULT;
	return n;
}

/* Requests on a stopped tracee.  tasklist_lock held; may not sleep. */
static long ptrace_request_locked(struct ptrace_link *l, long req, unsigned long addr,
				  unsigned long data)
{
	switch (req) {
	case PTRACE_CONT: case PTRACE_SYSCALL: case PTRACE_SINGLESTEP:
	case PTRACE_SYSEMU: case PTRACE_SYSEMU_SINGLESTEP:
		return ptrace_resume(l, req, data);
	case PTRACE_SETOPTIONS:
		if (data & ~(unsigned long)PTRACE_O_MASK)
			return -EINVAL;
		if ((data & PTRACE_O_SUSPEND_SECCOMP) && !seccomp_may_suspend())
			return -EPERM;
		l->options = data;
		return 0;
	}
	return -ENOSYS;
}

/* Requests on a stopped tracee that copy to or from user memory. */
static long ptrace_request(struct ptrace_link *l, long req, unsigned long addr,
			   unsigned long data)
{
	u32 word;
	int err;

	switch (req) {
	case PTRACE_PEEKTEXT: case PTRACE_PEEKDATA:
		err = access_word(l->tracee, addr, &word, false);
		if (err)
			return err;
		return put_user(word, (u32 __user *)data);
	case PTRACE_POKETEXT: case PTRACE_POKEDATA:
		word = data;
		return access_word(l->tracee, addr, &word, true);
	case PTRACE_GETEVENTMSG:
		return put_user((u32)l->eventmsg, (u32 __user *)data);
	case PTRACE_GETSIGINFO:
		return ptrace_getsiginfo(l, data);
	case PTRACE_SETSIGINFO:
		return ptrace_setsiginfo(l, data);
	case PTRACE_GET_SYSCALL_INFO:
		return ptrace_get_syscall_info(l, addr, data);
	case PTRACE_SECCOMP_GET_FILTER:
		return seccomp_get_filter(l->tracee, addr, (void __user *)data);
	case PTRACE_SECCOMP_GET_METADATA:
		return seccomp_get_metadata(l->tracee, addr, (void __user *)data);
	case PTRACE_PEEKSIGINFO:
		return ptrace_peeksiginfo(l->tracee, addr, data);
	}
	return arch_ptrace(l->tracee, req, addr, data);
}

/* KILL, INTERRUPT and DETACH: the tracee need not be stopped (DETACH: Linux asks it). */
static long ptrace_control(struct ptrace_link *l, long req, unsigned long data,
			   struct ptrace_link **dead)
{
	switch (req) {
	case PTRACE_KILL:
		send_sig(SIGKILL, l->tracee);
		return 0;
	case PTRACE_INTERRUPT:
		if (!l->seized)
			return -EIO;
		if (!l->stopped) {
			l->interrupt = true;
			wake_up_interruptible_task(l->tracee);
		}
		return 0;
	case PTRACE_DETACH:
		if (!valid_signal(data))
			return -EIO;
		if (!l->stopped)
			return -ESRCH;
		*dead = unlink_tracee(l, data);
		return 0;
	}
	return -ENOSYS;
}

SYSCALL_DEFINE4(ptrace, long, request, long, pid, unsigned long, addr, unsigned long, data)
{
	struct ptrace_link *l, *dead = NULL;
	unsigned long flags;
	long ret;

	if (request == PTRACE_TRACEME)
		return ptrace_traceme();
	if (request == PTRACE_ATTACH || request == PTRACE_SEIZE)
		return ptrace_attach(pid, request == PTRACE_SEIZE, addr, data);
	spin_lock_irqsave(&tasklist_lock, flags);
	l = traced_by_me(pid);
	ret = l ? ptrace_control(l, request, data, &dead) : -ESRCH;
	if (ret == -ENOSYS)
		ret = l->stopped ? ptrace_request_locked(l, request, addr, data) : -ESRCH;
	if (ret == -ENOSYS)
		l->busy = true;		/* pins the stopped tracee and the link */
	spin_unlock_irqrestore(&tasklist_lock, flags);
	kfree(dead);
	if (ret != -ENOSYS)
		return ret;
	ret = ptrace_request(l, request, addr, data);
	spin_lock_irqsave(&tasklist_lock, flags);
	l->busy = false;
	wake_up_process(l->tracee);	/* if SIGKILL came meanwhile, it may go now */
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return ret == -ENOSYS ? -EIO : ret;
}
