/*
 * prctl(2): the operations Linnet has (Linux's values; the capability
 * bounding set is always full, only read).  Any other option is EINVAL, as
 * Linux answers an option it does not know.
 *
 *   PR_SET_NAME / PR_GET_NAME          the task's comm (15 bytes and a NUL)
 *   PR_SET_PDEATHSIG / PR_GET_PDEATHSIG  a signal for when the parent
 *                                      exits (not inherited by fork)
 *   PR_SET_DUMPABLE / PR_GET_DUMPABLE  0 or 1 (2 is EINVAL); 1 again at
 *                                      exec; Linnet writes no core files
 *   PR_SET_CHILD_SUBREAPER / PR_GET_CHILD_SUBREAPER  orphans among the
 *                                      caller's descendants are reparented
 *                                      to it instead of init
 *   PR_SET_SYSCALL_USER_DISPATCH       kernel/entry/syscall_user_dispatch.c
 *   PR_SET_SECCOMP / PR_GET_SECCOMP    kernel/seccomp_set.c
 *   PR_SET_NO_NEW_PRIVS / PR_GET_NO_NEW_PRIVS  1 once set, for good; kept
 *                                      across fork and execve, where set-id
 *                                      bits then do nothing
 *   PR_CAPBSET_READ                    1 for every capability up to
 *                                      CAP_LAST_CAP (the bounding set is
 *                                      always full: /proc's CapBnd), EINVAL
 *                                      past it; libcap probes it at start
 */
#include <linux-ish/kernel.h>
#include <linux-ish/errno.h>
#include <linux-ish/sched.h>
#include <linux-ish/signal.h>
#include <linux-ish/string.h>
#include <linux-ish/syscalls.h>
#include <linux-ish/uaccess.h>
#include <uapi/linux-ish/capability.h>
#include <uapi/linux-ish/prctl.h>

static long prctl_set_name(const char __user *uname)
{
	char name[TASK_COMM_LEN];
	long n = strncpy_from_user(name, uname, sizeof(name) - 1);

	if (n < 0)
		return -EFAULT;
	name[n] = '\0';
	strlcpy(current->comm, name, sizeof(current->comm));
	return 0;
}

static long prctl_get_name(char __user *uname)
{
	char name[TASK_COMM_LEN];

	strlcpy(name, current->comm, sizeof(name));
	return copy_to_user(uname, name, sizeof(name)) ? -EFAULT : 0;
}

SYSCALL_DEFINE5(prctl, int, option, unsigned long, arg2, unsigned long, arg3,
		unsigned long, arg4, unsigned long, arg5)
{
	switch (option) {
	case PR_SET_NAME:
		return prctl_set_name((const char __user *)arg2);
	case PR_GET_NAME:
		return prctl_get_name((char __user *)arg2);
	case PR_SET_PDEATHSIG:
		if (arg2 > _NSIG)
			return -EINVAL;
		current->pdeath_signal = arg2;
		return 0;
	case PR_GET_PDEATHSIG:
		return put_user(current->pdeath_signal, (int __user *)arg2) ? -EFAULT : 0;
	case PR_SET_DUMPABLE:
		if (arg2 > 1)
			return -EINVAL;
		current->dumpable = arg2;
		return 0;
	case PR_GET_DUMPABLE:
		return current->dumpable;
	case PR_SET_CHILD_SUBREAPER:
		current->child_subreaper = !!arg2;
		return 0;
	case PR_GET_CHILD_SUBREAPER:
		return put_user((int)current->child_subreaper, (int __user *)arg2) ? -EFAULT : 0;
	case PR_GET_SECCOMP:
		return prctl_get_seccomp();
	case PR_SET_SECCOMP:
		return prctl_set_seccomp(arg2, (void __user *)arg3);
	case PR_SET_NO_NEW_PRIVS:
		if (arg2 != 1 || arg3 || arg4 || arg5)
			return -EINVAL;
		current->no_new_privs = true;
		return 0;
	case PR_GET_NO_NEW_PRIVS:
		if (arg2 || arg3 || arg4 || arg5)
			return -EINVAL;
		return current->no_new_privs;
	case PR_CAPBSET_READ:
		return arg2 <= CAP_LAST_CAP ? 1 : -EINVAL;
	case PR_SET_SYSCALL_USER_DISPATCH:
		return set_syscall_user_dispatch(arg2, arg3, arg4, (char __user *)arg5);
	default:
		return -EINVAL;
	}
}
