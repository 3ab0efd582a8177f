/*
 * System V message queues: msgget, msgsnd, msgrcv, msgctl.
 *
 * A message is one kmalloc'd block (header and text), copied in before
 * the queue is locked and out after.  A sender waits while the queue
 * has no room (msg_qbytes bytes, and as many messages), a receiver
 * while no message matches; both sleep on the queue's wait queues and
 * look again after every change (EIDRM when the queue goes, EINTR or a
 * restart on a signal: -ERESTARTNOHAND as Linux).  MSG_COPY (what CRIU
 * uses to dump a queue) copies the message at a position and leaves it
 * there.  Locking: ipc/util.h.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/err.h>
#include <linux-ish/errno.h>
#include <linux-ish/ipc.h>
#include <linux-ish/proc_fs.h>
#include <linux-ish/sched.h>
#include <linux-ish/slab.h>
#include <linux-ish/string.h>
#include <linux-ish/syscalls.h>
#include <linux-ish/uaccess.h>
#include <uapi/linux-ish/msg.h>
#include "util.h"
#include "ipc_syscalls.h"

int msg_ctlmax = 8192;
int msg_ctlmnb = 16384;
int msg_ctlmni = 32000;

struct msg_msg {
	struct list_head list;
	long mtype;
	size_t size;
	char text[];
};

struct msg_queue {
	struct kern_ipc_perm perm;
	u32 stime, rtime, ctime;
	unsigned long cbytes, qnum, qbytes;
	pid_t lspid, lrpid;
	struct list_head messages;
	struct wait_queue_head wait_recv, wait_send;
};

int msg_next_id = -1;
static struct ipc_ids msg_ids = IPC_IDS_INIT(msg_ids, msg_next_id);
static unsigned long msg_hdrs, msg_bytes;	/* every queue's messages: MSG_INFO */

static struct msg_queue *msq_obtain(int id)
{
	struct kern_ipc_perm *p = ipc_obtain(&msg_ids, id);

	return p ? container_of(p, struct msg_queue, perm) : NULL;
}

static struct msg_queue *msq_obtain_idx(int idx)
{
	struct kern_ipc_perm *p = ipc_obtain_idx(&msg_ids, idx);

	return p ? container_of(p, struct msg_queue, perm) : NULL;
}

/* ---- msgget ---- */

static int msg_newque(struct ipc_ids *ids, int key, int flag, unsigned long unused)
{
	struct msg_queue *msq = kzalloc(sizeof(*msq), GFP_KERNEL);
	int id;

	if (!msq)
		return -ENOMEM;
	INIT_LIST_HEAD(&msq->messages);
	init_waitqueue_head(&msq->wait_recv);
	init_waitqueue_head(&msq->wait_send);
	id = ipc_addid(ids, &msq->perm, key, flag, msg_ctlmni);
	if (id < 0) {
		kfree(msq);
		return id;
	}
	msq->qbytes = msg_ctlmnb;
	msq->ctime = ipc_now();
	return id;
}

static int msg_more_checks(struct kern_ipc_perm *p, unsigned long unused)
{
	return 0;
}

static const struct ipc_ops msg_ops = {
	.newary = msg_newque,
	.more_checks = msg_more_checks,
};

long ksys_msgget(int key, int flag)
{
	return ipcget(&msg_ids, key, flag, 0, &msg_ops);
}

SYSCALL_DEFINE2(msgget, int, key, int, msgflg)
{
	return ksys_msgget(key, msgflg);
}

static void msg_free(struct msg_msg *msg)
{
	kfree(msg);
}

/* Takes the queue out, frees its messages, wakes its sleepers.  Mutex held. */
static void msg_rmid(struct msg_queue *msq)
{
	struct msg_msg *msg, *next;

	ipc_rmid(&msg_ids, &msq->perm);
	list_for_each_entry_safe(msg, next, &msq->messages, list) {
		msg_hdrs--;
		msg_bytes -= msg->size;
		msg_free(msg);
	}
	wake_up(&msq->wait_recv);
	wake_up(&msq->wait_send);
	if (ipc_put(&msq->perm))
		kfree(msq);
}

/*
 * Sleeps on @wq of @msq (mutex held on entry and exit) until woken or a
 * signal: 0 to look again, -EIDRM, -ERESTARTNOHAND.
 */
static long msg_sleep(struct msg_queue *msq, struct wait_queue_head *wq)
	__must_hold(&msg_ids.mutex)
{
	struct wait_queue_entry w = { .task = NULL };
	long ret = 0;

	msq->perm.refcount++;
	prepare_to_wait(wq, &w, TASK_INTERRUPTIBLE);
	mutex_unlock(&msg_ids.mutex);
	if (!signal_pending(current))
		schedule();
	finish_wait(wq, &w);
	mutex_lock(&msg_ids.mutex);
	if (msq->perm.deleted)
		ret = -EIDRM;
	else if (signal_pending(current))
		ret = -ERESTARTNOHAND;
	if (ipc_put(&msq->perm))
		kfree(msq);
	return ret;
}

/* ---- msgsnd ---- */

static bool msg_fits(const struct msg_queue *msq, size_t size)
{
	return msq->cbytes + size <= msq->qbytes && msq->qnum + 1 <= msq->qbytes;
}

/* Queues @msg once there is room.  Mutex held.  0 (msg taken) or -errno. */
static long msg_enqueue(int msqid, struct msg_msg *msg, int msgflg)
{
	struct msg_queue *msq;

	for (;;) {
		long ret;

		msq = msq_obtain(msqid);
		if (!msq)
			return -EINVAL;
		ret = ipc_permission(&msq->perm, 0222);
		if (ret)
			return ret;
		if (msg_fits(msq, msg->size))
			break;
		if (msgflg & IPC_NOWAIT)
			return -EAGAIN;
		ret = msg_sleep(msq, &msq->wait_send);
		if (ret)
			return ret;
	}
	list_add_tail(&msg->list, &msq->messages);
	msq->cbytes += msg->size;
	msq->qnum++;
	msq->lspid = current->pid;
	msq->stime = ipc_now();
	msg_hdrs++;
	msg_bytes += msg->size;
	wake_up(&msq->wait_recv);
	return 0;
}

long ksys_msgsnd(int msqid, void __user *msgp, long msgsz, int msgflg)
{
	struct msg_msg *msg;
	long mtype, ret;

	if (msgsz > msg_ctlmax || msgsz < 0 || msqid < 0)
		return -EINVAL;
	if (get_user(mtype, (long __user *)msgp))
		return -EFAULT;
	if (mtype < 1)
		return -EINVAL;
	msg = kmalloc(offsetof(struct msg_msg, text) + msgsz, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	msg->mtype = mtype;
	msg->size = msgsz;
	if (copy_from_user(msg->text, (char __user *)msgp + sizeof(long), msgsz)) {
		msg_free(msg);
		return -EFAULT;
	}
	mutex_lock(&msg_ids.mutex);
	ret = msg_enqueue(msqid, msg, msgflg);
	mutex_unlock(&msg_ids.mutex);
	if (ret)
		msg_free(msg);
	return ret;
}

SYSCALL_DEFINE4(msgsnd, int, msqid, void __user *, msgp, long, msgsz, int, msgflg)
{
	return ksys_msgsnd(msqid, msgp, msgsz, msgflg);
}

/* ---- msgrcv ---- */

enum msg_search { SEARCH_ANY, SEARCH_EQUAL, SEARCH_NOTEQUAL, SEARCH_LESSEQUAL };

/*
 * The message msgrcv takes: the first of the type asked for, or with a
 * negative type the first of the lowest type not above its magnitude.
 */
static struct msg_msg *msg_find(struct msg_queue *msq, long type, enum msg_search mode)
{
	struct msg_msg *msg, *found = NULL;

	list_for_each_entry(msg, &msq->messages, list) {
		switch (mode) {
		case SEARCH_ANY:
			return msg;
		case SEARCH_EQUAL:
			if (msg->mtype == type)
				return msg;
			break;
		case SEARCH_NOTEQUAL:
			if (msg->mtype != type)
				return msg;
			break;
		case SEARCH_LESSEQUAL:
			if (msg->mtype <= type && (!found || msg->mtype < found->mtype))
				found = msg;
			break;
		}
	}
	return found;
}

/* Takes the matching message off the queue once there is one.  Mutex held. */
static struct msg_msg *msg_dequeue(int msqid, long msgsz, long type, enum msg_search mode,
				   int msgflg)
{
	struct msg_queue *msq;
	struct msg_msg *msg;

	for (;;) {
		long ret;

		msq = msq_obtain(msqid);
		if (!msq)
			return ERR_PTR(-EINVAL);
		ret = ipc_permission(&msq->perm, 0444);
		if (ret)
			return ERR_PTR(ret);
		msg = msg_find(msq, type, mode);
		if (msg)
			break;
		if (msgflg & IPC_NOWAIT)
			return ERR_PTR(-ENOMSG);
		ret = msg_sleep(msq, &msq->wait_recv);
		if (ret)
			return ERR_PTR(ret);
	}
	if (msgsz < (long)msg->size && !(msgflg & MSG_NOERROR))
		return ERR_PTR(-E2BIG);
	list_del(&msg->list);
	msq->cbytes -= msg->size;
	msq->qnum--;
	msq->lrpid = current->pid;
	msq->rtime = ipc_now();
	msg_hdrs--;
	msg_bytes -= msg->size;
	wake_up(&msq->wait_send);
	return msg;
}

/*
 * MSG_COPY: a copy of the message at position @index (0: the first),
 * which stays on the queue; ENOMSG when there is none there.  Mutex held.
 */
static struct msg_msg *msg_copy_at(int msqid, long msgsz, long index, int msgflg)
{
	struct msg_queue *msq = msq_obtain(msqid);
	struct msg_msg *msg, *copy;
	long ret;

	if (!msq)
		return ERR_PTR(-EINVAL);
	ret = ipc_permission(&msq->perm, 0444);
	if (ret)
		return ERR_PTR(ret);
	if (index < 0)
		return ERR_PTR(-ENOMSG);
	list_for_each_entry(msg, &msq->messages, list) {
		if (index-- > 0)
			continue;
		if (msgsz < (long)msg->size && !(msgflg & MSG_NOERROR))
			return ERR_PTR(-E2BIG);
		copy = kmalloc(offsetof(struct msg_msg, text) + msg->size, GFP_KERNEL);
		if (!copy)
			return ERR_PTR(-ENOMEM);
		memcpy(copy, msg, offsetof(struct msg_msg, text) + msg->size);
		return copy;
	}
	return ERR_PTR(-ENOMSG);
}

long ksys_msgrcv(int msqid, void __user *msgp, long msgsz, long msgtyp, int msgflg)
{
	enum msg_search mode = SEARCH_ANY;
	struct msg_msg *msg;
	long ret;

	if (msqid < 0 || msgsz < 0)
		return -EINVAL;
	if ((msgflg & MSG_COPY) && ((msgflg & MSG_EXCEPT) || !(msgflg & IPC_NOWAIT)))
		return -EINVAL;
	if (msgtyp < 0) {
		mode = SEARCH_LESSEQUAL;
		msgtyp = msgtyp == -LONG_MAX - 1 ? LONG_MAX : -msgtyp;
	} else if (msgtyp > 0) {
		mode = (msgflg & MSG_EXCEPT) ? SEARCH_NOTEQUAL : SEARCH_EQUAL;
	}
	mutex_lock(&msg_ids.mutex);
	if (msgflg & MSG_COPY)		/* msgtyp as given: the position */
		msg = msg_copy_at(msqid, msgsz, mode == SEARCH_LESSEQUAL ? -1 : msgtyp, msgflg);
	else
		msg = msg_dequeue(msqid, msgsz, msgtyp, mode, msgflg);
	mutex_unlock(&msg_ids.mutex);
	if (IS_ERR(msg))
		return PTR_ERR(msg);
	ret = min_t(long, msgsz, msg->size);
	if (put_user(msg->mtype, (long __user *)msgp) ||
	    copy_to_user((char __user *)msgp + sizeof(long), msg->text, ret))
		ret = -EFAULT;		/* the message is lost, as on Linux */
	msg_free(msg);
	return ret;
}

SYSCALL_DEFINE5(msgrcv, int, msqid, void __user *, msgp, long, msgsz, long, msgtyp,
		int, msgflg)
{
	return ksys_msgrcv(msqid, msgp, msgsz, msgtyp, msgflg);
}

/* ---- msgctl ---- */

static long msgctl_info(int cmd, void __user *buf)
{
	struct msginfo mi = {
		.msgmax = msg_ctlmax, .msgmnb = msg_ctlmnb, .msgmni = msg_ctlmni,
		.msgssz = 16, .msgseg = 0xffff,
	};
	long ret;

	mutex_lock(&msg_ids.mutex);
	if (cmd == MSG_INFO) {
		mi.msgpool = msg_ids.in_use;
		mi.msgmap = msg_hdrs;
		mi.msgtql = msg_bytes;
	} else {
		mi.msgpool = 32000 * 16384 / 1024;	/* Linux's MSGPOOL, MSGMAP, MSGTQL */
		mi.msgmap = 16384;
		mi.msgtql = 16384;
	}
	ret = msg_ids.max_idx < 0 ? 0 : msg_ids.max_idx;
	mutex_unlock(&msg_ids.mutex);
	return copy_to_user(buf, &mi, sizeof(mi)) ? -EFAULT : ret;
}

static long msgctl_stat(int msqid, int cmd, void __user *buf)
{
	struct msqid64_ds ds;
	struct msg_queue *msq;
	long ret = -EINVAL;

	memset(&ds, 0, sizeof(ds));
	mutex_lock(&msg_ids.mutex);
	msq = cmd == IPC_STAT ? msq_obtain(msqid) : msq_obtain_idx(msqid);
	if (msq)
		ret = cmd == MSG_STAT_ANY ? 0 : ipc_permission(&msq->perm, 0444);
	if (!ret) {
		ipc_fill_perm64(&msq->perm, &ds.msg_perm);
		ds.msg_stime = msq->stime;
		ds.msg_rtime = msq->rtime;
		ds.msg_ctime = msq->ctime;
		ds.msg_cbytes = msq->cbytes;
		ds.msg_qnum = msq->qnum;
		ds.msg_qbytes = msq->qbytes;
		ds.msg_lspid = msq->lspid;
		ds.msg_lrpid = msq->lrpid;
		ret = cmd == IPC_STAT ? 0 : msq->perm.id;
	}
	mutex_unlock(&msg_ids.mutex);
	if (ret >= 0 && copy_to_user(buf, &ds, sizeof(ds)))
		return -EFAULT;
	return ret;
}

/* IPC_SET (with @ds: owner, mode, msg_qbytes) and IPC_RMID. */
static long msgctl_down(int msqid, int cmd, const struct msqid64_ds *ds)
{
	struct msg_queue *msq;
	long ret;

	mutex_lock(&msg_ids.mutex);
	msq = msq_obtain(msqid);
	ret = msq ? ipc_owner_check(&msq->perm) : -EINVAL;
	if (!ret && cmd == IPC_RMID) {
		msg_rmid(msq);
	} else if (!ret) {
		/* Above msgmnb needs CAP_SYS_RESOURCE: root has it. */
		msq->qbytes = ds->msg_qbytes;
		ipc_set_perm(&msq->perm, &ds->msg_perm);
		msq->ctime = ipc_now();
		wake_up(&msq->wait_send);
	}
	mutex_unlock(&msg_ids.mutex);
	return ret;
}

/* As shmctl: IPC_OLD structures (never used by glibc) are EINVAL. */
long ksys_msgctl(int msqid, int cmd, void __user *buf, int version)
{
	struct msqid64_ds ds;

	if (msqid < 0 || cmd < 0)
		return -EINVAL;
	if (version != IPC_64 && cmd != IPC_RMID)
		return -EINVAL;
	switch (cmd) {
	case IPC_INFO:
	case MSG_INFO:
		return msgctl_info(cmd, buf);
	case IPC_STAT:
	case MSG_STAT:
	case MSG_STAT_ANY:
		return msgctl_stat(msqid, cmd, buf);
	case IPC_SET:
		if (copy_from_user(&ds, buf, sizeof(ds)))
			return -EFAULT;
		return msgctl_down(msqid, cmd, &ds);
	case IPC_RMID:
		return msgctl_down(msqid, cmd, NULL);
	default:
		return -EINVAL;
	}
}

SYSCALL_DEFINE3(msgctl, int, msqid, int, cmd, void __user *, buf)
{
	return ksys_msgctl(msqid, cmd, buf, IPC_64);
}

/* /proc/sysvipc/msg, in Linux's format. */
void sysvipc_msg_show(struct seq_buf *m)
{
	seq_printf(m, "       key      msqid perms      cbytes       qnum lspid lrpid   uid   gid  cuid  cgid      stime      rtime      ctime\n");
	mutex_lock(&msg_ids.mutex);
	for (int i = 0; i <= msg_ids.max_idx; i++) {
		struct msg_queue *q = msq_obtain_idx(i);

		if (q)
			seq_printf(m, "%10d %10d  %4o  %10lu %10lu %5u %5u %5u %5u %5u %5u %10llu %10llu %10llu\n",
				   q->perm.key, q->perm.id, q->perm.mode, q->cbytes, q->qnum,
				   q->lspid, q->lrpid, q->perm.uid, q->perm.gid, q->perm.cuid,
				   q->perm.cgid, (unsigned long long)q->stime,
				   (unsigned long long)q->rtime, (unsigned long long)q->ctime);
	}
	mutex_unlock(&msg_ids.mutex);
}
