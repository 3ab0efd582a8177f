/*
 * System V IPC's common part: the per-kind tables of objects, keys,
 * the *get logic and the permission check (rules in ipc/util.h).
 */
#include <linux-ish/kernel.h>
#include <linux-ish/errno.h>
#include <linux-ish/sched.h>
#include <linux-ish/slab.h>
#include <linux-ish/string.h>
#include <linux-ish/mutex.h>
#include <linux-ish/time.h>
#include <linux-ish/wait.h>
#include <uapi/linux-ish/capability.h>
#include <linux-ish/cred.h>
#include <linux-ish/ipc.h>
#include <linux-ish/sysctl.h>
#include "util.h"

/* Makes room for slot @idx.  0 or -ENOMEM. */
static int ipc_grow(struct ipc_ids *ids, int idx)
{
	struct kern_ipc_perm **n;
	int size = ids->size ? ids->size : 16;

	if (idx < ids->size)
		return 0;
	while (size <= idx)
		size *= 2;
	n = kzalloc(size * sizeof(*n), GFP_KERNEL);
	if (!n)
		return -ENOMEM;
	if (ids->entries)
		memcpy(n, ids->entries, ids->size * sizeof(*n));
	kfree(ids->entries);
	ids->entries = n;
	ids->size = size;
	return 0;
}

/*
 * A free slot from the one kernel.<kind>_next_id names (or from 0), and
 * the sequence number the id gets.  -ENOSPC if none is left below IPCMNI.
 */
static int ipc_free_slot(struct ipc_ids *ids, unsigned short *seq)
{
	int next = *ids->next_id, idx = next < 0 ? 0 : next % IPCMNI;

	while (idx < ids->size && ids->entries[idx])
		idx++;
	if (idx >= IPCMNI)
		return -ENOSPC;
	*seq = next < 0 ? ids->seq++ : (unsigned short)(next / IPCMNI);
	return idx;
}

int ipc_addid(struct ipc_ids *ids, struct kern_ipc_perm *p, int key, int flag, int limit)
{
	unsigned short seq;
	int idx;

	if (ids->in_use >= min(limit, IPCMNI))
		return -ENOSPC;
	idx = ipc_free_slot(ids, &seq);
	if (idx < 0)
		return idx;
	if (ipc_grow(ids, idx))
		return -ENOMEM;
	*ids->next_id = -1;		/* used: back to the usual ids */
	p->key = key;
	p->uid = p->cuid = ipc_current_uid();
	p->gid = p->cgid = ipc_current_gid();
	p->mode = flag & 0777;
	p->seq = seq;			/* wraps at IPCID_SEQ_MAX, a u16 */
	p->id = p->seq * IPCMNI + idx;
	p->deleted = false;
	p->refcount = 1;
	ids->entries[idx] = p;
	ids->in_use++;
	if (idx > ids->max_idx)
		ids->max_idx = idx;
	return p->id;
}

struct kern_ipc_perm *ipc_obtain_idx(struct ipc_ids *ids, int idx)
{
	if (idx < 0 || idx >= ids->size)
		return NULL;
	return ids->entries[idx];
}

struct kern_ipc_perm *ipc_obtain(struct ipc_ids *ids, int id)
{
	struct kern_ipc_perm *p;

	if (id < 0)
		return NULL;
	p = ipc_obtain_idx(ids, id % IPCMNI);
	return p && p->id == id ? p : NULL;
}

void ipc_rmid(struct ipc_ids *ids, struct kern_ipc_perm *p)
{
	int idx = p->id % IPCMNI;

	ids->entries[idx] = NULL;
	ids->in_use--;
	if (idx == ids->max_idx)
		while (ids->max_idx >= 0 && !ids->entries[ids->max_idx])
			ids->max_idx--;
	p->deleted = true;
	p->key = IPC_PRIVATE;
	if (!ids->in_use) {		/* the table goes with its last object */
		kfree(ids->entries);
		ids->entries = NULL;
		ids->size = 0;
	}
}

bool ipc_put(struct kern_ipc_perm *p)
{
	return --p->refcount == 0;
}

static struct kern_ipc_perm *ipc_findkey(struct ipc_ids *ids, int key)
{
	for (int i = 0; i <= ids->max_idx; i++)
		if (ids->entries[i] && ids->entries[i]->key == key)
			return ids->entries[i];
	return NULL;
}

int ipcget(struct ipc_ids *ids, int key, int flag, unsigned long arg,
	   const struct ipc_ops *ops)
{
	struct kern_ipc_perm *p;
	int ret;

	mutex_lock(&ids->mutex);
	p = key == IPC_PRIVATE ? NULL : ipc_findkey(ids, key);
	if (!p) {
		ret = (key == IPC_PRIVATE || (flag & IPC_CREAT)) ?
			ops->newary(ids, key, flag, arg) : -ENOENT;
	} else if ((flag & IPC_CREAT) && (flag & IPC_EXCL)) {
		ret = -EEXIST;
	} else {
		ret = ipc_permission(p, flag & 0777);
		if (!ret)
			ret = ops->more_checks(p, arg);
		if (!ret)
			ret = p->id;
	}
	mutex_unlock(&ids->mutex);
	return ret;
}

int ipc_permission(const struct kern_ipc_perm *p, unsigned int flag)
{
	unsigned int uid = ipc_current_uid(), granted = p->mode;
	unsigned int want = (flag | (flag >> 3) | (flag >> 6)) & 7;

	if (uid == p->cuid || uid == p->uid)
		granted >>= 6;
	else if (ipc_in_group(p->cgid) || ipc_in_group(p->gid))
		granted >>= 3;
	if ((want & ~granted & 7) && !ipc_capable(CAP_IPC_OWNER))
		return -EACCES;
	return 0;
}

int ipc_owner_check(const struct kern_ipc_perm *p)
{
	unsigned int uid = ipc_current_uid();

	if (uid == p->cuid || uid == p->uid || ipc_capable(CAP_SYS_ADMIN))
		return 0;
	return -EPERM;
}

void ipc_fill_perm64(const struct kern_ipc_perm *p, struct ipc64_perm *out)
{
	memset(out, 0, sizeof(*out));
	out->key = p->key;
	out->uid = p->uid;
	out->gid = p->gid;
	out->cuid = p->cuid;
	out->cgid = p->cgid;
	out->mode = p->mode;
	out->seq = p->seq;
}

void ipc_set_perm(struct kern_ipc_perm *p, const struct ipc64_perm *in)
{
	p->uid = in->uid;
	p->gid = in->gid;
	p->mode = (p->mode & ~0777U) | (in->mode & 0777);
}

int ipc_parse_version(int *cmd)
{
	if (*cmd & IPC_64) {
		*cmd ^= IPC_64;
		return IPC_64;
	}
	return IPC_OLD;
}

void ipc_sleep_unlocked(struct wait_queue_head *wq, struct mutex *m, u64 end)
	__must_hold(m)
{
	struct wait_queue_entry w = { .task = NULL };
	u64 now = local_clock();

	prepare_to_wait(wq, &w, TASK_INTERRUPTIBLE);
	mutex_unlock(m);
	if (signal_pending(current) || (end != IPC_NO_TIMEOUT && now >= end))
		set_current_state(TASK_RUNNING);
	else if (end == IPC_NO_TIMEOUT)
		schedule();
	else
		schedule_timeout(min_t(u64, DIV_ROUND_UP(end - now, NSEC_PER_SEC / HZ), LONG_MAX));
	finish_wait(wq, &w);
	mutex_lock(m);
}

/*
 * Writing kernel.<kind>_next_id: CAP_CHECKPOINT_RESTORE or CAP_SYS_ADMIN
 * (EPERM), a value 0..INT_MAX (EINVAL).
 */
int sysctl_store_next_id(const struct ctl_table *t, const char *buf)
{
	if (!capable(CAP_CHECKPOINT_RESTORE) && !capable(CAP_SYS_ADMIN))
		return -EPERM;
	return sysctl_store_int(t, buf);
}
