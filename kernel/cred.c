/*
 * Credentials objects: allocation, copy-on-write replacement, groups and
 * the capability fix-ups of Linux's root model.  See linux-ish/cred.h.
 *
 * Locking: a task's cred pointer is changed only by the task itself
 * (commit_creds, override_creds); others read it while holding
 * tasklist_lock or from the running task.  A published cred is never
 * written, so a reader needs only a reference to keep it alive.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/cred.h>
#include <linux-ish/sched.h>
#include <linux-ish/slab.h>
#include <linux-ish/string.h>

static struct group_info init_groups = { .usage = ATOMIC_INIT(2), .ngroups = 0 };

struct cred init_cred = {
	.usage = ATOMIC_INIT(2),		/* never freed */
	.cap_permitted = CAP_FULL_SET,
	.cap_effective = CAP_FULL_SET,
	.group_info = &init_groups,
};

struct group_info *groups_alloc(int ngroups)
{
	struct group_info *gi = kmalloc(offsetof(struct group_info, gid) + ngroups * sizeof(gid_t),
				       GFP_KERNEL);

	if (!gi)
		return NULL;
	atomic_set(&gi->usage, 1);
	gi->ngroups = ngroups;
	return gi;
}

void put_group_info(struct group_info *gi)
{
	if (atomic_dec_and_test(&gi->usage))
		kfree(gi);
}

/* Shell sort: setgroups() may hand in 65536 ids in any order. */
void groups_sort(struct group_info *gi)
{
	for (int gap = gi->ngroups / 2; gap > 0; gap /= 2)
		for (int i = gap; i < gi->ngroups; i++) {
			gid_t t = gi->gid[i];
			int j = i;

			for (; j >= gap && gi->gid[j - gap] > t; j -= gap)
				gi->gid[j] = gi->gid[j - gap];
			gi->gid[j] = t;
		}
}

bool groups_search(const struct group_info *gi, gid_t gid)
{
	int lo = 0, hi = gi->ngroups;

	while (lo < hi) {
		int mid = lo + (hi - lo) / 2;

		if (gi->gid[mid] == gid)
			return true;
		if (gi->gid[mid] < gid)
			lo = mid + 1;
		else
			hi = mid;
	}
	return false;
}

bool in_group_p(gid_t gid)
{
	const struct cred *c = current_cred();

	return gid == c->fsgid || groups_search(c->group_info, gid);
}

bool in_egroup_p(gid_t gid)
{
	const struct cred *c = current_cred();

	return gid == c->egid || groups_search(c->group_info, gid);
}

bool capable(int cap)
{
	return (current_cred()->cap_effective & CAP_TO_MASK(cap)) != 0;
}

void put_cred(const struct cred *c)
{
	struct cred *cred = (struct cred *)c;

	if (atomic_dec_and_test(&cred->usage)) {
		put_group_info(cred->group_info);
		kfree(cred);
	}
}

struct cred *prepare_creds(void)
{
	struct cred *new = kmalloc(sizeof(*new), GFP_KERNEL);

	if (!new)
		return NULL;
	*new = *current_cred();
	atomic_set(&new->usage, 1);
	atomic_inc(&new->group_info->usage);
	return new;
}

void abort_creds(struct cred *new)
{
	put_cred(new);
}

/*
 * As Linux: a process whose ids or permitted capabilities change is no
 * longer dumpable (fs.suid_dumpable is 0), so that an unprivileged
 * process cannot inspect what a privileged one left in memory.
 */
int commit_creds(struct cred *new)
{
	struct task_struct *p = current;
	const struct cred *old = p->cred;

	if (old->euid != new->euid || old->egid != new->egid ||
	    old->fsuid != new->fsuid || old->fsgid != new->fsgid ||
	    (new->cap_permitted & ~old->cap_permitted))
		p->dumpable = false;
	p->cred = new;
	put_cred(old);
	return 0;
}

const struct cred *override_creds(const struct cred *new)
{
	const struct cred *old = current->cred;

	current->cred = get_cred(new);
	return old;
}

void revert_creds(const struct cred *old)
{
	const struct cred *tmp = current->cred;

	current->cred = old;
	put_cred(tmp);
}

/*
 * capabilities(7), "Effect of user ID changes on capabilities": losing
 * uid 0 from all of uid, euid and suid clears permitted and effective;
 * euid leaving 0 clears effective; euid becoming 0 raises effective to
 * permitted.
 */
void cap_emulate_setxuid(struct cred *new, const struct cred *old)
{
	bool had_root = !old->uid || !old->euid || !old->suid;
	bool has_root = !new->uid || !new->euid || !new->suid;

	if (had_root && !has_root) {
		new->cap_permitted = 0;
		new->cap_effective = 0;
	}
	if (!old->euid && new->euid)
		new->cap_effective = 0;
	if (old->euid && !new->euid)
		new->cap_effective = new->cap_permitted;
}

/* fsuid leaving 0 drops the file-system capabilities; becoming 0 raises them. */
void cap_emulate_setfsuid(struct cred *new, const struct cred *old)
{
	if (!old->fsuid && new->fsuid)
		new->cap_effective &= ~CAP_FS_SET;
	if (old->fsuid && !new->fsuid)
		new->cap_effective |= new->cap_permitted & CAP_FS_SET;
}
