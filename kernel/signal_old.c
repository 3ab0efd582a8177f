/*
 * The old i386 signal calls, kept by Linux for programs that predate the
 * rt_ ones (and those that avoid glibc): sigaction (67), with a 32-bit
 * mask in struct old_sigaction, and signal (48), which installs a
 * one-shot handler that does not block its own signal (SA_RESETHAND |
 * SA_NODEFER) and returns the old handler, both do_sigaction()
 * underneath as rt_sigaction is; sigprocmask (126) and sigpending (73)
 * on signals 1-32 (change_blocked() underneath, as rt_sigprocmask).
 */
#include <linux-ish/kernel.h>
#include <linux-ish/errno.h>
#include <linux-ish/sched.h>
#include <linux-ish/signal.h>
#include <linux-ish/syscalls.h>
#include <linux-ish/uaccess.h>

SYSCALL_DEFINE3(sigaction, int, sig, const struct old_sigaction __user *, act,
		struct old_sigaction __user *, oact)
{
	struct k_sigaction new, old;
	struct old_sigaction u;
	int err;

	if (act) {
		if (copy_from_user(&u, act, sizeof(u)))
			return -EFAULT;
		new = (struct k_sigaction){ u.handler, u.flags, u.restorer, u.mask };
	}
	err = do_sigaction(sig, act ? &new : NULL, oact ? &old : NULL);
	if (!err && oact) {
		struct old_sigaction o = { old.handler, (u32)old.mask, old.flags, old.restorer };

		if (copy_to_user(oact, &o, sizeof(o)))
			return -EFAULT;
	}
	return err;
}

SYSCALL_DEFINE2(signal, int, sig, void __user *, handler)
{
	struct k_sigaction new = { handler, SA_RESETHAND | SA_NODEFER, NULL, 0 }, old;
	int err = do_sigaction(sig, &new, &old);

	return err ? err : (long)(__force unsigned long)old.handler;
}

/* Number 126: rt_sigprocmask on signals 1-32 (old_sigset_t, one word). */
SYSCALL_DEFINE3(sigprocmask, int, how, const u32 __user *, set, u32 __user *, oset)
{
	sigset_t new = 0, old;
	u32 word;
	int err;

	if (set) {
		if (copy_from_user(&word, set, sizeof(word)))
			return -EFAULT;
		new = word;
	}
	err = change_blocked(how, set ? &new : NULL, true, &old);
	if (err)
		return err;
	word = (u32)old;
	if (oset && copy_to_user(oset, &word, sizeof(word)))
		return -EFAULT;
	return 0;
}

/* Number 73: the pending and blocked signals among 1-32. */
SYSCALL_DEFINE1(sigpending, u32 __user *, uset)
{
	u32 pending = (u32)(task_pending(current) &
			    current->sig.blocked);

	return copy_to_user(uset, &pending, sizeof(pending)) ? -EFAULT : 0;
}
