/* Identity, limits, system information, time and reboot system calls. */
#include <linux-ish/kernel.h>
#include <linux-ish/timespec.h>
#include <linux-ish/cred.h>
#include <linux-ish/fdtable.h>
#include <linux-ish/errno.h>
#include <linux-ish/fs.h>
#include <linux-ish/mm.h>
#include <linux-ish/reboot.h>
#include <linux-ish/sched.h>
#include <linux-ish/swap.h>
#include <linux-ish/string.h>
#include <linux-ish/syscalls.h>
#include <linux-ish/sysctl.h>
#include <linux-ish/time.h>
#include <linux-ish/uaccess.h>
#include <linux-ish/version.h>
#include <uapi/linux-ish/reboot.h>
#include <uapi/linux-ish/sysinfo.h>
#include <uapi/linux-ish/time.h>
#include <uapi/linux-ish/utsname.h>

/* The process is the thread group: its id is the leader's (tgid). */
SYSCALL_DEFINE0(getpid)		{ return current->tgid; }
SYSCALL_DEFINE0(gettid)		{ return current->pid; }
SYSCALL_DEFINE0(getppid)
{
	const struct task_struct *parent = current->group_leader->parent;

	return parent ? parent->tgid : 0;
}

SYSCALL_DEFINE1(set_tid_address, int __user *, tidptr)
{
	current->clear_child_tid = tidptr;
	return current->pid;
}

SYSCALL_DEFINE0(sched_yield)
{
	sched_yield_current();
	return 0;
}

/* kernel.hostname (/proc/sys/kernel/hostname): uname's nodename. */
char init_hostname[65] = "linnet";

/*
 * The release names the Linux ABI level Linnet follows: glibc compares it
 * with its own minimum before main() runs.
 */
static void fill_utsname(struct new_utsname *u)
{
	memset(u, 0, sizeof(*u));
	strlcpy(u->sysname, "Linnet", sizeof(u->sysname));
	strlcpy(u->nodename, init_hostname, sizeof(u->nodename));
	strlcpy(u->release, "6.1.0-linnet-" LINNET_VERSION, sizeof(u->release));
	strlcpy(u->version, "#1 " LINNET_VERSION, sizeof(u->version));
	strlcpy(u->machine, "i686", sizeof(u->machine));
	strlcpy(u->domainname, init_domainname, sizeof(u->domainname));
}

SYSCALL_DEFINE1(newuname, struct new_utsname __user *, name)
{
	struct new_utsname u;

	fill_utsname(&u);
	return copy_to_user(name, &u, sizeof(u)) ? -EFAULT : 0;
}

/* olduname (109, Linux's sys_uname): the first five 65-byte fields. */
SYSCALL_DEFINE1(olduname, struct new_utsname __user *, name)
{
	struct new_utsname u;

	fill_utsname(&u);
	return copy_to_user(name, &u, offsetof(struct new_utsname, domainname)) ? -EFAULT : 0;
}

/*
 * oldolduname (59, Linux's sys_olduname): five 9-byte fields, each the
 * first 8 characters and a NUL.  NULL is EFAULT.
 */
SYSCALL_DEFINE1(oldolduname, char __user *, name)
{
	char out[5][__OLD_UTS_LEN + 1];
	struct new_utsname u;
	const char *src[] = { u.sysname, u.nodename, u.release, u.version, u.machine };

	if (!name)
		return -EFAULT;
	fill_utsname(&u);
	for (int i = 0; i < 5; i++) {
		memcpy(out[i], src[i], __OLD_UTS_LEN);
		out[i][__OLD_UTS_LEN] = 0;
	}
	return copy_to_user(name, out, sizeof(out)) ? -EFAULT : 0;
}

SYSCALL_DEFINE1(sysinfo, struct sysinfo __user *, info)
{
	struct sysinfo s;

	memset(&s, 0, sizeof(s));
	s.uptime = (long)(local_clock() / NSEC_PER_SEC);
	s.totalram = totalram_pages;
	s.freeram = nr_free_pages();
	s.sharedram = global_page_state(NR_SHMEM);
	s.bufferram = 0;		/* Linux: block-device pages; Linnet has none */
	si_swapinfo(&s.totalswap, &s.freeswap);
	s.procs = nr_tasks();
	s.mem_unit = PAGE_SIZE;
	return copy_to_user(info, &s, sizeof(s)) ? -EFAULT : 0;
}

/* ---- resource limits (see linux-ish/resource.h) ---- */

unsigned long rlimit(unsigned int resource)
{
	return READ_ONCE(current->rlim[resource].rlim_cur);
}

static bool rlimit_settable(unsigned int resource)
{
	return resource == RLIMIT_AS || resource == RLIMIT_NPROC ||
	       resource == RLIMIT_STACK || resource == RLIMIT_CORE ||
	       resource == RLIMIT_NOFILE || resource == RLIMIT_MEMLOCK ||
	       resource == RLIMIT_MSGQUEUE || resource == RLIMIT_RTPRIO ||
	       resource == RLIMIT_SIGPENDING;
}

/*
 * Reads @resource of @tsk's process into @old (if not NULL) and sets it
 * to @new (if not NULL).  Raising a hard limit needs CAP_SYS_RESOURCE
 * (EPERM), and RLIMIT_NOFILE cannot go beyond fs.nr_open (Linux's
 * nr_open check: EPERM).  Limits that would not be enforced are refused
 * with EPERM.  Limits are per process: every thread of the group gets
 * @new (each task keeps a copy, read without locks by its own checks).
 * tasklist_lock held, IRQs off: the group holds still.
 */
static int do_prlimit(struct task_struct *tsk, unsigned int resource,
		      const struct rlimit *new, struct rlimit *old)
{
	struct rlimit *cur;
	struct task_struct *t;

	if (resource >= RLIM_NLIMITS)
		return -EINVAL;
	cur = &tsk->rlim[resource];
	if (new && new->rlim_cur > new->rlim_max)
		return -EINVAL;
	if (new && resource == RLIMIT_NOFILE && new->rlim_max > sysctl_nr_open)
		return -EPERM;		/* Linux's nr_open check, even for no change */
	if (old)
		*old = *cur;
	if (!new || (new->rlim_cur == cur->rlim_cur && new->rlim_max == cur->rlim_max))
		return 0;
	if (!rlimit_settable(resource))
		return -EPERM;
	if (new->rlim_max > cur->rlim_max && !capable(CAP_SYS_RESOURCE))
		return -EPERM;
	for_each_thread(tsk, t)
		t->rlim[resource] = *new;
	return 0;
}

/* setrlimit: do_prlimit() on current's process. */
static int set_limit(unsigned int resource, const struct rlimit *new)
{
	unsigned long flags;
	int err;

	spin_lock_irqsave(&tasklist_lock, flags);
	err = do_prlimit(current, resource, new, NULL);
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return err;
}

/*
 * Linux's rule for another process's limits: the caller's real uid is
 * the target's real, effective and saved uid, and its real gid the
 * target's three gids, or the caller has CAP_SYS_RESOURCE.
 */
static bool prlimit_permitted(const struct task_struct *tsk)
{
	const struct cred *c = current_cred(), *t = tsk->cred;

	if (tsk == current)
		return true;
	if (c->uid == t->uid && c->uid == t->euid && c->uid == t->suid &&
	    c->gid == t->gid && c->gid == t->egid && c->gid == t->sgid)
		return true;
	return capable(CAP_SYS_RESOURCE);
}

static unsigned long rlim_from64(u64 v)
{
	return v >= RLIM_INFINITY ? RLIM_INFINITY : (unsigned long)v;
}

static u64 rlim_to64(unsigned long v)
{
	return v == RLIM_INFINITY ? ~0ULL : v;
}

SYSCALL_DEFINE2(getrlimit, unsigned int, resource, struct rlimit __user *, rlim)
{
	if (resource >= RLIM_NLIMITS)
		return -EINVAL;
	return copy_to_user(rlim, &current->rlim[resource], sizeof(*rlim)) ? -EFAULT : 0;
}

/*
 * Number 76, i386's old getrlimit: limits above 0x7fffffff (unlimited
 * among them) read as 0x7fffffff, as Linux's old_getrlimit.
 */
SYSCALL_DEFINE2(old_getrlimit, unsigned int, resource, struct rlimit __user *, rlim)
{
	struct rlimit r;

	if (resource >= RLIM_NLIMITS)
		return -EINVAL;
	r = current->rlim[resource];
	r.rlim_cur = min_t(unsigned long, r.rlim_cur, 0x7fffffffUL);
	r.rlim_max = min_t(unsigned long, r.rlim_max, 0x7fffffffUL);
	return copy_to_user(rlim, &r, sizeof(r)) ? -EFAULT : 0;
}

SYSCALL_DEFINE2(setrlimit, unsigned int, resource, struct rlimit __user *, rlim)
{
	struct rlimit r;

	if (resource >= RLIM_NLIMITS)
		return -EINVAL;
	if (copy_from_user(&r, rlim, sizeof(r)))
		return -EFAULT;
	return set_limit(resource, &r);
}

/*
 * The process of thread @pid (0: the caller), in Linux's order: the new
 * limit is read first (EFAULT), then the target looked up (ESRCH) and
 * the permission checked (EPERM, prlimit_permitted()), then the resource
 * (EINVAL) and the limit itself (do_prlimit()).
 */
SYSCALL_DEFINE4(prlimit64, int, pid, unsigned int, resource,
		const struct rlimit64 __user *, new_rlim, struct rlimit64 __user *, old_rlim)
{
	struct rlimit64 r, old64;
	struct rlimit n, old;
	struct task_struct *tsk;
	unsigned long flags;
	int err;

	if (new_rlim) {		/* compared once clamped to 32 bits, as Linux */
		if (copy_from_user(&r, new_rlim, sizeof(r)))
			return -EFAULT;
		n.rlim_cur = rlim_from64(r.rlim_cur);
		n.rlim_max = rlim_from64(r.rlim_max);
	}
	spin_lock_irqsave(&tasklist_lock, flags);
	tsk = pid ? find_task_by_pid(pid) : current;
	if (!tsk || tsk->exit_state == EXIT_DEAD)
		err = -ESRCH;
	else if (!prlimit_permitted(tsk))
		err = -EPERM;
	else
		err = do_prlimit(tsk, resource, new_rlim ? &n : NULL, &old);
	spin_unlock_irqrestore(&tasklist_lock, flags);
	if (err)
		return err;
	old64.rlim_cur = rlim_to64(old.rlim_cur);
	old64.rlim_max = rlim_to64(old.rlim_max);
	if (old_rlim && copy_to_user(old_rlim, &old64, sizeof(old64)))
		return -EFAULT;
	return 0;
}

/* ---- time ---- */

int clock_ns(clockid_t which, u64 *ns)
{
	switch (which) {
	case CLOCK_REALTIME:
	case CLOCK_REALTIME_COARSE:
	case CLOCK_TAI:		/* the TAI offset is 0 until adjtimex sets it: never */
		*ns = ktime_get_real_ns();
		return 0;
	case CLOCK_MONOTONIC:
	case CLOCK_MONOTONIC_RAW:
	case CLOCK_MONOTONIC_COARSE:
	case CLOCK_BOOTTIME:
		*ns = local_clock();
		return 0;
	case CLOCK_PROCESS_CPUTIME_ID:
	case CLOCK_THREAD_CPUTIME_ID:	/* one thread per process */
		*ns = (u64)current->cpu_ticks * (NSEC_PER_SEC / HZ);
		return 0;
	default:
		return -EINVAL;
	}
}

/* Reads clock @which as seconds and nanoseconds.  0 or -EINVAL. */
static int clock_read(clockid_t which, s64 *sec, long *nsec)
{
	u64 ns;
	int err = clock_ns(which, &ns);

	if (!err) {
		*sec = ns / NSEC_PER_SEC;
		*nsec = ns % NSEC_PER_SEC;
	}
	return err;
}

static long do_clock_gettime(clockid_t which, void __user *tp, bool time32)
{
	struct timespec64 ts;
	int err = clock_read(which, &ts.tv_sec, &ts.tv_nsec);

	return err ? err : put_user_timespec(&ts, tp, time32);
}

SYSCALL_DEFINE2(clock_gettime, clockid_t, which, struct __kernel_timespec __user *, tp)
{
	return do_clock_gettime(which, tp, false);
}

/* The 32-bit time_t variant (glibc before time64, and old programs). */
SYSCALL_DEFINE2(clock_gettime32, clockid_t, which, struct old_timespec32 __user *, tp)
{
	return do_clock_gettime(which, tp, true);
}

/*
 * The resolution clock_getres reports, Linux's: 1 ns for the fine clocks
 * (high-resolution timers) and the CPU-time clocks (a cycle counter on
 * Linux), a tick for the coarse ones.  The vDSO answers the same
 * (asm/vdso/vvar.h's coarse_res_ns).  0 or -EINVAL.
 */
static int clock_res_ns(clockid_t which, long *ns)
{
	u64 unused;
	int err = clock_ns(which, &unused);

	if (err)
		return err;
	*ns = (which == CLOCK_REALTIME_COARSE || which == CLOCK_MONOTONIC_COARSE) ? TICK_NSEC : 1;
	return 0;
}

static long do_clock_getres(clockid_t which, void __user *tp, bool time32)
{
	struct timespec64 ts = { 0, 0 };
	int err = clock_res_ns(which, &ts.tv_nsec);

	if (err)
		return err;
	return tp ? put_user_timespec(&ts, tp, time32) : 0;
}

SYSCALL_DEFINE2(clock_getres, clockid_t, which, struct __kernel_timespec __user *, tp)
{
	return do_clock_getres(which, tp, false);
}

SYSCALL_DEFINE2(clock_getres32, clockid_t, which, struct old_timespec32 __user *, tp)
{
	return do_clock_getres(which, tp, true);
}

SYSCALL_DEFINE2(gettimeofday, struct old_timeval32 __user *, tv, void __user *, tz)
{
	u64 ns = ktime_get_real_ns();
	struct old_timeval32 t = { ns / NSEC_PER_SEC, (ns % NSEC_PER_SEC) / NSEC_PER_USEC };

	if (tv && copy_to_user(tv, &t, sizeof(t)))
		return -EFAULT;
	if (tz && copy_to_user(tz, &sys_tz, sizeof(sys_tz)))
		return -EFAULT;
	return 0;
}

SYSCALL_DEFINE1(time, s32 __user *, tloc)
{
	s32 t = ktime_get_real_seconds();

	if (tloc && put_user(t, tloc))
		return -EFAULT;
	return t;
}

/*
 * Sleeps until the clock passes @ns (absolute, in that clock's time).  A
 * fatal signal ends the sleep early (-EINTR; the process dies on its way
 * out).  Ticks are counted in u64 so that any time_t sleep works.
 */
static long sleep_until(clockid_t which, u64 ns)
{
	for (;;) {
		u64 now, left;
		int err = clock_ns(which, &now);

		if (err)
			return err;
		if (now >= ns)
			return 0;
		left = DIV_ROUND_UP(ns - now, NSEC_PER_SEC / HZ);
		set_current_state(TASK_INTERRUPTIBLE);
		if (signal_pending(current)) {
			set_current_state(TASK_RUNNING);
			return -EINTR;	/* the caller picks the restart code */
		}
		schedule_timeout(left > LONG_MAX ? LONG_MAX : (long)left);
	}
}

/*
 * Writes the @left nanoseconds to @rem (a __kernel_timespec if @rem64,
 * else an old_timespec32; NULL: nowhere).  @err, or -EFAULT.
 */
static long put_rem(long err, u64 left, void __user *rem, bool rem64)
{
	struct __kernel_timespec t64 = { left / NSEC_PER_SEC, left % NSEC_PER_SEC };
	struct old_timespec32 t32 = { t64.tv_sec, t64.tv_nsec };

	if (!rem)
		return err;
	if (rem64)
		return copy_to_user(rem, &t64, sizeof(t64)) ? -EFAULT : err;
	return copy_to_user(rem, &t32, sizeof(t32)) ? -EFAULT : err;
}

/*
 * A relative sleep interrupted by a signal: the time left goes to rem
 * at once (as Linux) and the call ends with -ERESTART_RESTARTBLOCK: a
 * handler makes it -EINTR, otherwise (a stop and SIGCONT, an ignored
 * signal) restart_syscall sleeps on to the same end.
 */
static long nanosleep_restart(struct restart_block *rb);

static long nanosleep_interrupted(struct restart_block *rb)
{
	u64 now = 0, left;

	clock_ns(rb->nanosleep.clock, &now);
	left = rb->nanosleep.end > now ? rb->nanosleep.end - now : 0;
	rb->fn = nanosleep_restart;
	return put_rem(-ERESTART_RESTARTBLOCK, left, rb->nanosleep.rem, rb->nanosleep.rem64);
}

static long nanosleep_restart(struct restart_block *rb)
{
	long err = sleep_until(rb->nanosleep.clock, rb->nanosleep.end);

	return err == -EINTR ? nanosleep_interrupted(rb) : err;
}

/*
 * Sleeps for (or, with TIMER_ABSTIME, until) @sec.@nsec on clock @which.
 * Interrupted by a signal: an absolute sleep -ERESTARTNOHAND (restarted
 * from its arguments unless a handler runs), a relative one as
 * nanosleep_interrupted() says, with @rem (@rem64: its layout).
 */
static long do_clock_nanosleep(clockid_t which, int flags, s64 sec, long nsec,
			       void __user *rem, bool rem64)
{
	struct restart_block *rb = &current->restart_block;
	u64 now, ns;
	long err;

	if (which == CLOCK_PROCESS_CPUTIME_ID || which == CLOCK_THREAD_CPUTIME_ID)
		return -EINVAL;		/* sleeping on CPU time: not supported (Linux: some) */
	if (sec < 0 || nsec < 0 || nsec >= (long)NSEC_PER_SEC)
		return -EINVAL;
	err = clock_ns(which, &now);
	if (err)
		return err;
	ns = (u64)sec * NSEC_PER_SEC + nsec;
	if (!(flags & TIMER_ABSTIME))
		ns = (ns > ~0ULL - now) ? ~0ULL : now + ns;
	err = sleep_until(which, ns);
	if (err != -EINTR)
		return err;
	if (flags & TIMER_ABSTIME)
		return -ERESTARTNOHAND;
	rb->nanosleep.clock = which;
	rb->nanosleep.end = ns;
	rb->nanosleep.rem = rem;
	rb->nanosleep.rem64 = rem64;
	return nanosleep_interrupted(rb);
}

SYSCALL_DEFINE2(nanosleep, const struct old_timespec32 __user *, req,
		struct old_timespec32 __user *, rem)
{
	struct old_timespec32 ts;

	if (copy_from_user(&ts, req, sizeof(ts)))
		return -EFAULT;
	return do_clock_nanosleep(CLOCK_MONOTONIC, 0, ts.tv_sec, ts.tv_nsec, rem, false);
}

SYSCALL_DEFINE4(clock_nanosleep32, clockid_t, which, int, flags,
		const struct old_timespec32 __user *, req, struct old_timespec32 __user *, rem)
{
	struct old_timespec32 ts;

	if (copy_from_user(&ts, req, sizeof(ts)))
		return -EFAULT;
	return do_clock_nanosleep(which, flags, ts.tv_sec, ts.tv_nsec, rem, false);
}

SYSCALL_DEFINE4(clock_nanosleep, clockid_t, which, int, flags,
		const struct __kernel_timespec __user *, req, struct __kernel_timespec __user *, rem)
{
	struct __kernel_timespec ts;

	if (copy_from_user(&ts, req, sizeof(ts)))
		return -EFAULT;
	if (ts.tv_nsec < 0 || ts.tv_nsec >= (s64)NSEC_PER_SEC)
		return -EINVAL;
	return do_clock_nanosleep(which, flags, ts.tv_sec, (long)ts.tv_nsec, rem, true);
}

/* ---- reboot ---- */

SYSCALL_DEFINE4(reboot, int, magic1, int, magic2, unsigned int, cmd, void __user *, arg)
{
	if (!capable(CAP_SYS_BOOT))
		return -EPERM;
	if ((unsigned int)magic1 != LINUX_REBOOT_MAGIC1 ||
	    (magic2 != LINUX_REBOOT_MAGIC2 && magic2 != LINUX_REBOOT_MAGIC2A &&
	     magic2 != LINUX_REBOOT_MAGIC2B && magic2 != LINUX_REBOOT_MAGIC2C))
		return -EINVAL;
	switch (cmd) {
	case LINUX_REBOOT_CMD_POWER_OFF:
		kernel_power_off(0);
	case LINUX_REBOOT_CMD_HALT:
		pr_emerg("reboot: System halted\n");
		machine_halt();
	case LINUX_REBOOT_CMD_RESTART:
		pr_emerg("reboot: Restarting system\n");
		machine_restart();
	case LINUX_REBOOT_CMD_CAD_ON:
	case LINUX_REBOOT_CMD_CAD_OFF:
		return 0;
	default:
		return -EINVAL;
	}
}
