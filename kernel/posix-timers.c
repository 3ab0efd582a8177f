/*
 * POSIX per-process timers: timer_create, timer_settime(64),
 * timer_gettime(64), timer_getoverrun, timer_delete; and the CPU-time
 * interval timers ITIMER_VIRTUAL and ITIMER_PROF.
 *
 * A timer measures time in nanoseconds of its clock's base: the
 * monotonic clock (local_clock) for CLOCK_REALTIME, CLOCK_MONOTONIC and
 * CLOCK_BOOTTIME (an absolute CLOCK_REALTIME time is converted once, when
 * set), the task's CPU ticks for the CPU-time clocks.  Wall-clock timers
 * ride a kernel timer (kernel/timer.c, whole ticks, never early: the
 * callback re-arms if the fine clock has not got there); CPU-time timers
 * are checked by the tick that charges the task.
 *
 * A periodic timer keeps running while its signal is pending: each
 * expiry in that time, and each whole period missed, is an overrun,
 * handed to the signal (si_overrun) and to timer_getoverrun when the
 * signal is dequeued.  Each timer has at most one instance pending
 * (send_sigtimer); two timers with the same real-time signal queue one
 * each, with a standard signal they merge (linux-ish/sigqueue.h), as Linux.
 *
 * Locking: the list and each timer's fields are changed by the owner
 * with sig.lock held (IRQs off); kernel-timer callbacks and the tick run
 * in IRQ context, which on Linnet's one CPU cannot overlap such a change.
 * A timer is taken off its kernel timer before it is freed.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/errno.h>
#include <linux-ish/posix-timers.h>
#include <linux-ish/proc_fs.h>
#include <linux-ish/sched.h>
#include <linux-ish/signal.h>
#include <linux-ish/slab.h>
#include <linux-ish/syscalls.h>
#include <linux-ish/time.h>
#include <linux-ish/timer.h>
#include <linux-ish/timespec.h>
#include <linux-ish/uaccess.h>

/*
 * Timers per process.  Linux counts them against RLIMIT_SIGPENDING at
 * timer_create; Linnet counts their signals only while pending.
 */
#define MAX_POSIX_TIMERS	1024
#define DELAYTIMER_MAX		INT_MAX

struct k_itimer {
	struct list_head list;		/* in owner->sig.posix_timers */
	struct task_struct *owner;
	struct timer_list timer;	/* wall-clock timers */
	int id;
	clockid_t clock;		/* CPU clocks: CLOCK_PROCESS_CPUTIME_ID */
	clockid_t user_clock;		/* as given (/proc/<pid>/timers) */
	bool user_only;			/* a CPUCLOCK_VIRT clock: user ticks */
	int notify, signo;		/* notify as given: SIGEV_NONE, else a signal */
	u32 value;
	bool armed;
	u64 expires, interval;		/* ns in the clock's base; interval 0: one-shot */
	int overrun, overrun_last;
};

static bool cpu_clock(clockid_t c)
{
	return c == CLOCK_PROCESS_CPUTIME_ID || c == CLOCK_THREAD_CPUTIME_ID;
}

/* Now, in @t's base (see top). */
static u64 timer_now(const struct k_itimer *t)
{
	const struct task_struct *p = t->owner;

	if (!cpu_clock(t->clock))
		return local_clock();
	return (u64)(t->user_only ? p->ru.utime : p->cpu_ticks) * (NSEC_PER_SEC / HZ);
}

static void timer_notify(struct k_itimer *t)
{
	struct ksiginfo info = { .code = SI_TIMER };

	if (t->notify == SIGEV_NONE)
		return;
	info.timerid = t->id;
	info.value = t->value;
	if (!send_sigtimer(t->signo, &info, t->owner) && t->overrun < DELAYTIMER_MAX)
		t->overrun++;
}

/* @t reached its expiry at @now: tell, then forward or disarm. */
static void timer_expired(struct k_itimer *t, u64 now)
{
	u64 missed;

	timer_notify(t);
	if (!t->interval) {
		t->armed = false;
		return;
	}
	missed = (now - t->expires) / t->interval;
	t->overrun = (int)min_t(u64, (u64)t->overrun + missed, DELAYTIMER_MAX);
	t->expires += (missed + 1) * t->interval;
	if (t->expires > KTIME_MAX)
		t->armed = false;
}

static void arm_wall(struct k_itimer *t, u64 now)
{
	u64 j = t->expires > now ? DIV_ROUND_UP(t->expires - now, TICK_NSEC) : 0;

	mod_timer(&t->timer, jiffies + (unsigned long)min_t(u64, j, LONG_MAX / 2));
}

static void wall_timer_fn(unsigned long data)
{
	struct k_itimer *t = (struct k_itimer *)data;
	u64 now = local_clock();

	if (!t->armed)
		return;
	if (now >= t->expires)
		timer_expired(t, now);
	if (t->armed)
		arm_wall(t, now);
}

static void cpu_itimer_tick(unsigned long *expires, unsigned long *interval,
			    unsigned long now, int sig)
{
	if (!*expires || now < *expires)
		return;
	send_sig(sig, current);
	*expires = *interval ? now + *interval : 0;
}

void posix_cpu_timers_tick(bool user)
{
	struct task_struct *p = current;
	struct signal_state *s = &p->sig;
	struct k_itimer *t;

	if ((p->flags & PF_KTHREAD) || !p->mm)
		return;
	if (user)
		cpu_itimer_tick(&s->virt_expires, &s->virt_interval, p->ru.utime, SIGVTALRM);
	cpu_itimer_tick(&s->prof_expires, &s->prof_interval, p->ru.utime + p->ru.stime, SIGPROF);
	if (!s->nr_timers)
		return;
	list_for_each_entry(t, &s->posix_timers, list) {
		u64 now;

		if (!t->armed || !cpu_clock(t->clock))
			continue;
		now = timer_now(t);
		if (now >= t->expires)
			timer_expired(t, now);
	}
}

static struct k_itimer *find_timer(int id)
{
	struct k_itimer *t;

	list_for_each_entry(t, &current->sig.posix_timers, list)
		if (t->id == id)
			return t;
	return NULL;
}

void posix_timer_dequeued(struct ksiginfo *info)
{
	struct k_itimer *t = find_timer(info->timerid);

	info->overrun = 0;
	if (!t)
		return;		/* deleted while its signal was pending */
	info->overrun = t->overrun;
	t->overrun_last = t->overrun;
	t->overrun = 0;
}

static void timer_free(struct k_itimer *t)
{
	del_timer(&t->timer);
	kfree(t);
}

void posix_timers_release(struct task_struct *p)
{
	struct signal_state *s = &p->sig;

	for (;;) {
		struct k_itimer *t = NULL;
		unsigned long flags;

		spin_lock_irqsave(&s->lock, flags);
		if (!list_empty(&s->posix_timers)) {
			t = list_first_entry(&s->posix_timers, struct k_itimer, list);
			t->armed = false;
			list_del(&t->list);
			s->nr_timers--;
		}
		spin_unlock_irqrestore(&s->lock, flags);
		if (!t)
			return;
		timer_free(t);
	}
}

/* ---- system calls ---- */

/*
 * A CPU-time clock id as glibc passes them (clock_getcpuclockid's
 * encoding): ~pid << 3 | per-thread (4) | PROF 0, VIRT 1 or SCHED 2;
 * pid 0 is the caller.  Only the caller's own clocks (one thread per
 * process): -EINVAL for others' (Linux allows other processes').
 */
static int cpu_clock_id(clockid_t c, bool *user_only)
{
	pid_t pid = (pid_t)(~(u32)c >> 3);

	if ((c & 3) == 3 || (pid && pid != current->pid))
		return -EINVAL;
	*user_only = (c & 3) == 1;
	return CLOCK_PROCESS_CPUTIME_ID;
}

/* Clocks a timer can run on: 0, -EINVAL (no such clock) or -EOPNOTSUPP. */
static int timer_clock_ok(clockid_t c)
{
	switch (c) {
	case CLOCK_REALTIME: case CLOCK_MONOTONIC: case CLOCK_BOOTTIME: case CLOCK_TAI:
	case CLOCK_PROCESS_CPUTIME_ID: case CLOCK_THREAD_CPUTIME_ID:
		return 0;
	case CLOCK_MONOTONIC_RAW: case CLOCK_REALTIME_COARSE: case CLOCK_MONOTONIC_COARSE:
	case CLOCK_REALTIME_ALARM: case CLOCK_BOOTTIME_ALARM:	/* no RTC alarm */
		return -EOPNOTSUPP;
	default:
		return -EINVAL;
	}
}

static int sigevent_ok(const struct sigevent32 *ev)
{
	switch (ev->sigev_notify) {
	case SIGEV_SIGNAL | SIGEV_THREAD_ID:
		if (ev->sigev_tid != current->pid)	/* one thread per process */
			return -EINVAL;
		/* fall through */
	case SIGEV_SIGNAL:
	case SIGEV_THREAD:
		if (ev->sigev_signo <= 0 || ev->sigev_signo > _NSIG)
			return -EINVAL;
		/* fall through */
	case SIGEV_NONE:
		return 0;
	default:
		return -EINVAL;
	}
}

SYSCALL_DEFINE3(timer_create, clockid_t, which, const struct sigevent32 __user *, uev,
		int __user *, created_id)
{
	struct signal_state *s = &current->sig;
	struct sigevent32 ev;
	struct k_itimer *t;
	unsigned long flags;
	bool user_only = false;
	clockid_t user_which = which;
	int err;

	if (uev && copy_from_user(&ev, uev, sizeof(ev)))
		return -EFAULT;
	if (which < 0)
		which = cpu_clock_id(which, &user_only);
	err = which < 0 ? which : timer_clock_ok(which);
	if (err)
		return err;
	if (s->nr_timers >= MAX_POSIX_TIMERS)
		return -EAGAIN;
	t = kzalloc(sizeof(*t), GFP_KERNEL);
	if (!t)
		return -EAGAIN;		/* as Linux */
	t->owner = current;
	t->clock = which;
	t->user_clock = user_which;
	t->user_only = user_only;
	timer_setup(&t->timer, wall_timer_fn, (unsigned long)t);
	spin_lock_irqsave(&s->lock, flags);
	t->id = s->next_timer_id;
	s->next_timer_id = (s->next_timer_id + 1) & INT_MAX;
	spin_unlock_irqrestore(&s->lock, flags);
	if (!uev) {
		ev.sigev_notify = SIGEV_SIGNAL;
		ev.sigev_signo = SIGALRM;
		ev.sigev_value = t->id;
	}
	err = put_user(t->id, created_id) ? -EFAULT : sigevent_ok(&ev);
	if (err) {
		kfree(t);
		return err;
	}
	t->notify = ev.sigev_notify;
	t->signo = ev.sigev_signo;
	t->value = ev.sigev_value;
	spin_lock_irqsave(&s->lock, flags);
	list_add_tail(&t->list, &s->posix_timers);
	s->nr_timers++;
	spin_unlock_irqrestore(&s->lock, flags);
	return 0;
}

/* Interval and time to the next expiry (1 ns if due and not yet run, as Linux). */
static void timer_get(const struct k_itimer *t, struct timespec64 its[2])
{
	u64 now = timer_now(t);

	ns_to_timespec64(t->interval, &its[0]);
	ns_to_timespec64(!t->armed ? 0 : t->expires > now ? t->expires - now : 1, &its[1]);
}

static long do_timer_gettime(int id, void __user *uval, bool time32)
{
	struct timespec64 its[2];
	struct k_itimer *t = find_timer(id);

	if (!t)
		return -EINVAL;
	timer_get(t, its);
	return put_user_itimerspec(its, uval, time32);
}

SYSCALL_DEFINE2(timer_gettime, int, id, void __user *, uval)
{
	return do_timer_gettime(id, uval, true);
}

SYSCALL_DEFINE2(timer_gettime64, int, id, void __user *, uval)
{
	return do_timer_gettime(id, uval, false);
}

/* An absolute time on @t's clock, in @t's base. */
static u64 abs_to_base(const struct k_itimer *t, u64 when)
{
	u64 clk, base;

	if (t->clock != CLOCK_REALTIME && t->clock != CLOCK_TAI)	/* TAI: REALTIME + 0 */
		return when;
	clk = ktime_get_real_ns();
	base = local_clock();
	return when > clk ? base + min_t(u64, when - clk, KTIME_MAX - base) : base;
}

static long do_timer_settime(int id, int flags, const void __user *unew,
			     void __user *uold, bool time32)
{
	struct timespec64 nits[2], oits[2];
	struct k_itimer *t;
	unsigned long irqf;
	u64 value, now;

	if (!unew)
		return -EINVAL;
	if (get_user_itimerspec(nits, unew, time32))
		return -EFAULT;
	if (!timespec64_valid(&nits[0]) || !timespec64_valid(&nits[1]))
		return -EINVAL;
	t = find_timer(id);
	if (!t)
		return -EINVAL;
	del_timer(&t->timer);
	spin_lock_irqsave(&current->sig.lock, irqf);
	timer_get(t, oits);
	t->armed = false;
	t->overrun = t->overrun_last = 0;
	t->interval = timespec64_to_ns_sat(&nits[0]);
	value = timespec64_to_ns_sat(&nits[1]);
	now = timer_now(t);
	if (value) {
		if (flags & TIMER_ABSTIME)
			t->expires = abs_to_base(t, value);
		else
			t->expires = now + min_t(u64, value, KTIME_MAX - now);
		t->armed = true;
		if (!cpu_clock(t->clock))
			arm_wall(t, now);
	}
	spin_unlock_irqrestore(&current->sig.lock, irqf);
	if (uold && put_user_itimerspec(oits, uold, time32))
		return -EFAULT;
	return 0;
}

SYSCALL_DEFINE4(timer_settime, int, id, int, flags, const void __user *, unew,
		void __user *, uold)
{
	return do_timer_settime(id, flags, unew, uold, true);
}

SYSCALL_DEFINE4(timer_settime64, int, id, int, flags, const void __user *, unew,
		void __user *, uold)
{
	return do_timer_settime(id, flags, unew, uold, false);
}

SYSCALL_DEFINE1(timer_getoverrun, int, id)
{
	const struct k_itimer *t = find_timer(id);

	return t ? t->overrun_last : -EINVAL;
}

SYSCALL_DEFINE1(timer_delete, int, id)
{
	struct signal_state *s = &current->sig;
	struct k_itimer *t;
	unsigned long flags;

	spin_lock_irqsave(&s->lock, flags);
	t = find_timer(id);
	if (t) {
		t->armed = false;
		list_del(&t->list);
		s->nr_timers--;
	}
	spin_unlock_irqrestore(&s->lock, flags);
	if (!t)
		return -EINVAL;
	timer_free(t);
	return 0;
}

/* /proc/<pid>/timers, in Linux's format (the value as a pointer: %px). */
void proc_show_timers(struct seq_buf *m, struct task_struct *p)
{
	static const char *const how[] = { "signal", "none", "thread" };
	const struct k_itimer *t;
	unsigned long flags;

	spin_lock_irqsave(&p->sig.lock, flags);
	list_for_each_entry(t, &p->sig.posix_timers, list) {
		int n = t->notify & ~SIGEV_THREAD_ID;

		seq_printf(m, "ID: %d\nsignal: %d/%08x\nnotify: %s/%s.%d\nClockID: %d\n",
			   t->id, t->signo, t->value, n < 3 ? how[n] : "?",
			   (t->notify & SIGEV_THREAD_ID) ? "tid" : "pid", p->pid, t->user_clock);
	}
	spin_unlock_irqrestore(&p->sig.lock, flags);
}

/* ---- ITIMER_VIRTUAL and ITIMER_PROF (whole ticks, rounded up) ---- */

#define USEC_PER_TICK	(USEC_PER_SEC / HZ)

static unsigned long tv_to_ticks(s32 sec, s32 usec)
{
	u64 t = (u64)(u32)sec * HZ + DIV_ROUND_UP((u32)usec, USEC_PER_TICK);

	return (unsigned long)min_t(u64, t, LONG_MAX / 2);
}

static void ticks_to_tv(unsigned long t, s32 *sec, s32 *usec)
{
	*sec = t / HZ;
	*usec = (t % HZ) * USEC_PER_TICK;
}

static unsigned long itimer_now(int which)
{
	const struct task_struct *p = current;

	return which == ITIMER_VIRTUAL ? p->ru.utime : p->ru.utime + p->ru.stime;
}

void cpu_itimer_get(int which, struct itimerval32 *old)
{
	const struct signal_state *s = &current->sig;
	unsigned long exp = which == ITIMER_VIRTUAL ? s->virt_expires : s->prof_expires;
	unsigned long now = itimer_now(which);

	ticks_to_tv(which == ITIMER_VIRTUAL ? s->virt_interval : s->prof_interval,
		    &old->interval_sec, &old->interval_usec);
	ticks_to_tv(!exp ? 0 : exp > now ? exp - now : 1, &old->value_sec, &old->value_usec);
}

void cpu_itimer_set(int which, const struct itimerval32 *v)
{
	struct signal_state *s = &current->sig;
	unsigned long value = tv_to_ticks(v->value_sec, v->value_usec);
	unsigned long interval = tv_to_ticks(v->interval_sec, v->interval_usec);
	unsigned long exp = value ? itimer_now(which) + value : 0;
	unsigned long flags;

	spin_lock_irqsave(&s->lock, flags);
	if (which == ITIMER_VIRTUAL) {
		s->virt_expires = exp;
		s->virt_interval = interval;
	} else {
		s->prof_expires = exp;
		s->prof_interval = interval;
	}
	spin_unlock_irqrestore(&s->lock, flags);
}
