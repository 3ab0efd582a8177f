/*
 * Waiting for and queueing signals: the old sigsuspend (72), sgetmask
 * and ssetmask (68/69), rt_sigtimedwait (177, and 421 with a 64-bit
 * timespec), rt_sigqueueinfo (178) and rt_tgsigqueueinfo (335).  All go
 * through signal.c's dequeue_signal(), change_blocked() and
 * kill_task_info(); this file owns no signal state.  A queued siginfo
 * keeps si_pid, si_uid and si_value (in ksiginfo.status, where the
 * user layout has it); a real-time signal already pending is queued
 * behind it, a standard one merges with it (linux-ish/sigqueue.h).
 */
#include <linux-ish/kernel.h>
#include <linux-ish/errno.h>
#include <linux-ish/sched.h>
#include <linux-ish/signal.h>
#include <linux-ish/syscalls.h>
#include <linux-ish/time.h>
#include <linux-ish/timespec.h>
#include <linux-ish/uaccess.h>
#include <linux-ish/wait.h>
#include <uapi/linux-ish/sigcontext.h>

/*
 * Number 72, i386's three-argument form: the mask (one word: signals
 * 1-32, the real-time ones unblocked) is the third argument.  It blocks
 * that until a handler has run, as rt_sigsuspend.
 */
SYSCALL_DEFINE3(sigsuspend, int, unused1, int, unused2, u32, mask)
{
	set_saved_sigmask(mask);
	sleep_for_signal();
	return -ERESTARTNOHAND;
}

/* Number 68: the blocked signals among 1-32. */
SYSCALL_DEFINE0(sgetmask)
{
	return (long)(u32)current->sig.blocked;
}

/* Number 69: blocks exactly @newmask (signals 33-64 unblocked); the old word. */
SYSCALL_DEFINE1(ssetmask, int, newmask)
{
	sigset_t set = (u32)newmask, old;

	change_blocked(SIG_SETMASK, &set, false, &old);
	return (long)(u32)old;
}

/*
 * Takes a pending signal of @wait (blocked or not), sleeping for one on
 * signal_sent_wqh until @deadline (monotonic ns; ~0: never).  The mask
 * is left alone, so a blocked signal the task ignores is still kept for
 * us (send_sig_info()).  The signal; -EAGAIN if the time runs out (or
 * was zero); -EINTR if another, unblocked, signal comes (its handler
 * runs on the way out).
 */
static long do_sigtimedwait(sigset_t wait, struct ksiginfo *info, u64 deadline)
{
	struct wait_queue_entry w = { 0 };
	long ret;

	wait &= ~UNBLOCKABLE;
	for (;;) {
		u64 now, left;

		prepare_to_wait(&signal_sent_wqh, &w, TASK_INTERRUPTIBLE);
		ret = dequeue_signal(wait, info);
		if (ret)
			break;
		now = local_clock();
		if (now >= deadline) {
			ret = -EAGAIN;
			break;
		}
		if (signal_pending(current)) {
			ret = -EINTR;
			break;
		}
		left = deadline == ~0ULL ? LONG_MAX : DIV_ROUND_UP(deadline - now, TICK_NSEC);
		schedule_timeout(left > LONG_MAX ? LONG_MAX : (long)left);
	}
	finish_wait(&signal_sent_wqh, &w);
	return ret;
}

static long sigtimedwait(const sigset_t __user *uthese, void __user *uinfo,
			 const void __user *uts, size_t sigsetsize, bool time32)
{
	struct ksignal ks = { 0 };
	struct siginfo32 si;
	sigset_t these;
	u64 deadline = ~0ULL;
	long sig;

	if (sigsetsize != sizeof(sigset_t))
		return -EINVAL;
	if (copy_from_user(&these, uthese, sizeof(these)))
		return -EFAULT;
	if (uts) {
		struct timespec64 ts;

		if (get_user_timespec(&ts, uts, time32))
			return -EFAULT;
		if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= (long)NSEC_PER_SEC)
			return -EINVAL;
		/* beyond ~584 years: never */
		if ((u64)ts.tv_sec < (~0ULL - local_clock()) / NSEC_PER_SEC - 1)
			deadline = local_clock() + (u64)ts.tv_sec * NSEC_PER_SEC + ts.tv_nsec;
	}
	sig = do_sigtimedwait(these, &ks.info, deadline);
	if (sig > 0 && uinfo) {
		ks.sig = sig;
		fill_siginfo(&si, &ks);
		if (copy_to_user(uinfo, &si, sizeof(si)))
			return -EFAULT;		/* as Linux: the signal is taken */
	}
	return sig;
}

SYSCALL_DEFINE4(rt_sigtimedwait, const sigset_t __user *, uthese, void __user *, uinfo,
		const struct old_timespec32 __user *, uts, size_t, sigsetsize)
{
	return sigtimedwait(uthese, uinfo, uts, sigsetsize, true);
}

SYSCALL_DEFINE4(rt_sigtimedwait_time64, const sigset_t __user *, uthese, void __user *, uinfo,
		const struct __kernel_timespec __user *, uts, size_t, sigsetsize)
{
	return sigtimedwait(uthese, uinfo, uts, sigsetsize, false);
}

/*
 * A user siginfo for signal @sig to task @pid: the kernel's codes (>= 0)
 * and SI_TKILL only to oneself (not even root may forge them).  Kept:
 * the code, si_pid, si_uid and si_value.  0 or -EFAULT/-EPERM.
 */
static int queueinfo_from_user(const void __user *uinfo, pid_t pid, struct ksiginfo *info)
{
	struct siginfo32 si;

	if (copy_from_user(&si, uinfo, sizeof(si)))
		return -EFAULT;
	if ((si.si_code >= 0 || si.si_code == SI_TKILL) && pid != current->pid)
		return -EPERM;
	info->code = si.si_code;
	info->pid = si.kill_chld.pid;
	info->uid = si.kill_chld.uid;
	info->status = si.kill_chld.status;	/* si_value */
	return 0;
}

SYSCALL_DEFINE3(rt_sigqueueinfo, pid_t, pid, int, sig, const void __user *, uinfo)
{
	struct ksiginfo info = { 0 };
	unsigned long flags;
	int err = queueinfo_from_user(uinfo, pid, &info);

	if (err)
		return err;
	/* process-directed, as kill(2): any thread of @pid's process takes it */
	spin_lock_irqsave(&tasklist_lock, flags);
	err = kill_task_info(find_task_by_pid(pid), sig, &info);
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return err;
}

SYSCALL_DEFINE4(rt_tgsigqueueinfo, pid_t, tgid, pid_t, pid, int, sig, const void __user *, uinfo)
{
	struct ksiginfo info = { 0 };
	int err;

	err = queueinfo_from_user(uinfo, pid, &info);
	if (err == -EFAULT)
		return err;
	if (pid <= 0 || tgid <= 0)
		return -EINVAL;
	if (err)
		return err;
	return do_send_specific(tgid, pid, sig, &info);	/* thread-directed */
}
