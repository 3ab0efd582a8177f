/*
 * The two old i386 calls that set a signal action, kept by Linux for
 * programs that predate rt_sigaction (and those that avoid glibc):
 * sigaction (67), with a 32-bit mask in struct old_sigaction, and
 * signal (48), which installs a one-shot handler that does not block its
 * own signal (SA_RESETHAND | SA_NODEFER) and returns the old handler.
 * Both are do_sigaction() underneath, as rt_sigaction is.
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
