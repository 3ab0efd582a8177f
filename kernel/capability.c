/*
 * capget/capset with Linux's header versions: version 1 moves one 32-bit
 * word per set, versions 2 and 3 two.  An unknown version is EINVAL with
 * version 3 written back into the header (capget with a NULL data
 * pointer then returns 0: the libcap probe).  capset works on the caller
 * only and may not raise anything: inheritable within inheritable |
 * permitted (unless CAP_SETPCAP), permitted within the old permitted,
 * effective within the new permitted.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/cred.h>
#include <linux-ish/err.h>
#include <linux-ish/errno.h>
#include <linux-ish/sched.h>
#include <linux-ish/syscalls.h>
#include <linux-ish/uaccess.h>

/* The number of data words of @hdr's version, or -EINVAL / -EFAULT. */
static int cap_validate_magic(struct __user_cap_header_struct __user *hdr)
{
	u32 version = 0;

	if (get_user(version, &hdr->version))
		return -EFAULT;
	switch (version) {
	case _LINUX_CAPABILITY_VERSION_1:
		return _LINUX_CAPABILITY_U32S_1;
	case _LINUX_CAPABILITY_VERSION_2:
	case _LINUX_CAPABILITY_VERSION_3:
		return _LINUX_CAPABILITY_U32S_3;
	}
	if (put_user((u32)_LINUX_CAPABILITY_VERSION_3, &hdr->version))
		return -EFAULT;
	return -EINVAL;
}

/* A reference on the creds of @pid (0: the caller), or ERR_PTR. */
static const struct cred *cap_target_cred(pid_t pid)
{
	const struct cred *c = NULL;
	struct task_struct *p;
	unsigned long flags;

	if (pid < 0)
		return ERR_PTR(-EINVAL);
	if (!pid || pid == current->pid)
		return get_cred(current_cred());
	spin_lock_irqsave(&tasklist_lock, flags);
	p = find_task_by_pid(pid);
	if (p && !p->exit_state)
		c = get_cred(p->cred);
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return c ? c : ERR_PTR(-ESRCH);
}

SYSCALL_DEFINE2(capget, struct __user_cap_header_struct __user *, hdr,
		struct __user_cap_data_struct __user *, data)
{
	struct __user_cap_data_struct kdata[2];
	int words = cap_validate_magic(hdr);
	const struct cred *c;
	pid_t pid;

	if (!data || words < 0)
		return !data && words == -EINVAL ? 0 : words;
	if (get_user(pid, &hdr->pid))
		return -EFAULT;
	c = cap_target_cred(pid);
	if (IS_ERR(c))
		return PTR_ERR(c);
	for (int i = 0; i < 2; i++) {
		kdata[i].effective = (u32)(c->cap_effective >> (32 * i));
		kdata[i].permitted = (u32)(c->cap_permitted >> (32 * i));
		kdata[i].inheritable = (u32)(c->cap_inheritable >> (32 * i));
	}
	put_cred(c);
	if (copy_to_user(data, kdata, words * sizeof(kdata[0])))
		return -EFAULT;
	return 0;
}

static kernel_cap_t cap_word_pair(const struct __user_cap_data_struct *d, int words, int which)
{
	kernel_cap_t v = 0;

	for (int i = 0; i < words; i++) {
		u32 w = which == 0 ? d[i].effective : which == 1 ? d[i].permitted : d[i].inheritable;

		v |= (kernel_cap_t)w << (32 * i);
	}
	return v & CAP_FULL_SET;
}

SYSCALL_DEFINE2(capset, struct __user_cap_header_struct __user *, hdr,
		const struct __user_cap_data_struct __user *, data)
{
	struct __user_cap_data_struct kdata[2];
	int words = cap_validate_magic(hdr);
	const struct cred *old = current_cred();
	kernel_cap_t e, p, i;
	struct cred *new;
	pid_t pid;

	if (words < 0)
		return words;
	if (get_user(pid, &hdr->pid))
		return -EFAULT;
	if (pid && pid != current->pid)
		return -EPERM;
	if (copy_from_user(kdata, data, words * sizeof(kdata[0])))
		return -EFAULT;
	e = cap_word_pair(kdata, words, 0);
	p = cap_word_pair(kdata, words, 1);
	i = cap_word_pair(kdata, words, 2);
	if (!capable(CAP_SETPCAP) && (i & ~(old->cap_inheritable | old->cap_permitted)))
		return -EPERM;
	if ((p & ~old->cap_permitted) || (e & ~p))
		return -EPERM;
	new = prepare_creds();
	if (!new)
		return -ENOMEM;
	new->cap_effective = e;
	new->cap_permitted = p;
	new->cap_inheritable = i;
	return commit_creds(new);
}
