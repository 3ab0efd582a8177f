/*
 * Supplementary groups: getgroups/setgroups (32- and 16-bit ids).  The
 * list is a sorted group_info shared by reference; setgroups builds a
 * new one and a new cred.  Errors as Linux: a negative size EINVAL,
 * getgroups with a size below the count EINVAL, setgroups without
 * CAP_SETGID EPERM (checked first), more than NGROUPS_MAX EINVAL.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/cred.h>
#include <linux-ish/err.h>
#include <linux-ish/errno.h>
#include <linux-ish/sched.h>
#include <linux-ish/syscalls.h>
#include <linux-ish/uaccess.h>
#include "setid.h"

long do_getgroups(int size, void __user *list, bool old16)
{
	const struct group_info *gi = current_cred()->group_info;

	if (size < 0)
		return -EINVAL;
	if (!size)
		return gi->ngroups;
	if (size < gi->ngroups)
		return -EINVAL;
	for (int i = 0; i < gi->ngroups; i++) {
		int err = old16 ? put_user(high2low(gi->gid[i]), (u16 __user *)list + i) :
				  put_user(gi->gid[i], (u32 __user *)list + i);

		if (err)
			return -EFAULT;
	}
	return gi->ngroups;
}

/* Reads @size ids into a fresh group_info; ERR_PTR on a fault or bad id. */
static struct group_info *groups_from_user(int size, const void __user *list, bool old16)
{
	struct group_info *gi = groups_alloc(size);

	if (!gi)
		return ERR_PTR(-ENOMEM);
	for (int i = 0; i < size; i++) {
		u16 g16 = 0;
		u32 g = 0;
		int err = old16 ? get_user(g16, (const u16 __user *)list + i) :
				  get_user(g, (const u32 __user *)list + i);

		if (old16)
			g = low2high(g16);
		if (err || g == INVALID_GID) {
			put_group_info(gi);
			return ERR_PTR(err ? -EFAULT : -EINVAL);
		}
		gi->gid[i] = g;
	}
	groups_sort(gi);
	return gi;
}

long do_setgroups(int size, const void __user *list, bool old16)
{
	struct group_info *gi;
	struct cred *new;

	if (!capable(CAP_SETGID))
		return -EPERM;
	if ((unsigned int)size > NGROUPS_MAX)
		return -EINVAL;
	gi = groups_from_user(size, list, old16);
	if (IS_ERR(gi))
		return PTR_ERR(gi);
	new = prepare_creds();
	if (!new) {
		put_group_info(gi);
		return -ENOMEM;
	}
	put_group_info(new->group_info);
	new->group_info = gi;
	return commit_creds(new);
}

SYSCALL_DEFINE2(getgroups32, int, size, gid_t __user *, list)
{
	return do_getgroups(size, list, false);
}

SYSCALL_DEFINE2(setgroups32, int, size, const gid_t __user *, list)
{
	return do_setgroups(size, list, false);
}
