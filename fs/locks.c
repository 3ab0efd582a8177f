/*
 * Advisory file locks: flock(2), POSIX record locks and open-file-
 * description (OFD) locks through fcntl(2), and /proc/locks.
 *
 * Every lock is a struct file_lock on one global list (all_locks, newest
 * first, what /proc/locks prints).  Three kinds, by who owns them:
 *   FL_FLOCK   whole file; owner: the open file (shared by dup and fork);
 *              goes at its last close.  Conflicts only with flock locks.
 *   FL_POSIX   byte range; owner: the process's descriptor table
 *              (files_struct); goes when the process closes any
 *              descriptor of the inode, and at exit.
 *   FL_OFDLCK  byte range; owner: the open file; goes at its last close.
 * POSIX and OFD locks form one class: they conflict with each other when
 * their owners differ.  Two locks conflict when their ranges overlap and
 * one of them is a write lock.  An owner's locks of one class on one
 * inode never overlap, and those of one type are never adjacent: setting
 * a range merges, trims and splits them (Documentation/filesystems/
 * locking.md has the cases).
 *
 * Waiting: a blocked request sleeps on locks_wq until locks_gen moves
 * (every change bumps it and wakes everyone), then looks again; a signal
 * ends the wait (-ERESTARTSYS).  A POSIX waiter is recorded in
 * lock_waiters (its owner and the owner it waits for), which is how
 * EDEADLK finds a cycle of POSIX owners before sleeping.
 *
 * Locking: locks_mutex covers all_locks, lock_waiters and every lock's
 * fields.  It is a sleeping lock (allocations are made under it) taken
 * only from system calls and the final fput.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/errno.h>
#include <linux-ish/fdtable.h>
#include <linux-ish/fs.h>
#include <linux-ish/mutex.h>
#include <linux-ish/proc_fs.h>
#include <linux-ish/sched.h>
#include <linux-ish/slab.h>
#include <linux-ish/syscalls.h>
#include <linux-ish/uaccess.h>
#include <linux-ish/wait.h>

#define FL_POSIX	0x1
#define FL_FLOCK	0x2
#define FL_OFDLCK	0x4
#define OFFSET_MAX	((loff_t)0x7fffffffffffffffLL)
#define OFFT_OFFSET_MAX	((loff_t)0x7fffffff)	/* struct flock's 32-bit off_t */
#define MAX_DEADLK_DEPTH 10			/* Linux's */

struct file_lock {
	struct list_head fl_list;	/* in all_locks */
	fl_owner_t fl_owner;
	unsigned int fl_flags;		/* FL_* */
	int fl_type;			/* F_RDLCK, F_WRLCK (F_UNLCK in requests) */
	int fl_pid;			/* the setter's pid */
	loff_t fl_start, fl_end;	/* inclusive; fl_end OFFSET_MAX: to EOF */
	struct file *fl_file;		/* the file it was set through */
	struct inode *fl_inode;
};

/* A POSIX request asleep: its owner waits for @blocker's owner. */
struct lock_waiter {
	struct list_head list;
	fl_owner_t owner, blocker;
};

static DEFINE_MUTEX(locks_mutex);
static LIST_HEAD(all_locks);
static LIST_HEAD(lock_waiters);
static DECLARE_WAIT_QUEUE_HEAD(locks_wq);
static unsigned long locks_gen;

static bool is_flock(const struct file_lock *fl)
{
	return fl->fl_flags & FL_FLOCK;
}

/* Something changed: every waiter looks again.  locks_mutex held. */
static void locks_changed(void)
{
	locks_gen++;
	wake_up(&locks_wq);
}

static void locks_delete(struct file_lock *fl)
{
	list_del(&fl->fl_list);
	kfree(fl);
	locks_changed();
}

static void locks_insert(struct file_lock *fl)
{
	list_add(&fl->fl_list, &all_locks);
	locks_changed();
}

static bool ranges_overlap(const struct file_lock *a, const struct file_lock *b)
{
	return a->fl_start <= b->fl_end && b->fl_start <= a->fl_end;
}

/* Would @req (not an unlock) be refused because of @fl? */
static bool locks_conflict(const struct file_lock *req, const struct file_lock *fl)
{
	if (fl->fl_inode != req->fl_inode || fl->fl_owner == req->fl_owner ||
	    is_flock(fl) != is_flock(req))
		return false;
	if (req->fl_type != F_WRLCK && fl->fl_type != F_WRLCK)
		return false;
	return is_flock(req) || ranges_overlap(req, fl);
}

static struct file_lock *find_conflict(const struct file_lock *req)
{
	struct file_lock *fl;

	list_for_each_entry(fl, &all_locks, fl_list)
		if (locks_conflict(req, fl))
			return fl;
	return NULL;
}

/* The owner @owner waits for, or NULL.  locks_mutex held. */
static fl_owner_t waits_for(fl_owner_t owner)
{
	struct lock_waiter *w;

	list_for_each_entry(w, &lock_waiters, list)
		if (w->owner == owner)
			return w->blocker;
	return NULL;
}

/* Would @owner waiting for @blocker close a cycle of POSIX waiters? */
static bool posix_deadlock(fl_owner_t owner, fl_owner_t blocker)
{
	for (int depth = 0; blocker && depth <= MAX_DEADLK_DEPTH; depth++) {
		if (blocker == owner)
			return true;
		blocker = waits_for(blocker);
	}
	return false;
}

/*
 * Sleeps until the locks change.  Drops and retakes locks_mutex.
 * 0, or -ERESTARTSYS when a signal came.
 */
static int locks_wait(struct lock_waiter *w) __must_hold(&locks_mutex)
{
	unsigned long seen = locks_gen;
	int err;

	if (w)
		list_add(&w->list, &lock_waiters);
	mutex_unlock(&locks_mutex);
	err = wait_event_interruptible(locks_wq, READ_ONCE(locks_gen) != seen);
	mutex_lock(&locks_mutex);
	if (w)
		list_del(&w->list);
	return err;
}

/* ---- flock(2) ---- */

static struct file_lock *find_flock(const struct file *f)
{
	struct file_lock *fl;

	list_for_each_entry(fl, &all_locks, fl_list)
		if (is_flock(fl) && fl->fl_file == f)
			return fl;
	return NULL;
}

/*
 * Sets @f's flock lock to @type (F_UNLCK: drops it).  A conversion drops
 * the old lock first, as Linux does: a refused one leaves none.
 * 0, -EWOULDBLOCK, -ERESTARTSYS or -ENOMEM.
 */
static int flock_set(struct file *f, int type, bool wait)
{
	struct file_lock *new = kzalloc(sizeof(*new), GFP_KERNEL), *old;
	int err = 0;

	if (!new)
		return -ENOMEM;
	new->fl_owner = f;
	new->fl_flags = FL_FLOCK;
	new->fl_type = type;
	new->fl_pid = current->pid;
	new->fl_start = 0;
	new->fl_end = OFFSET_MAX;
	new->fl_file = f;
	new->fl_inode = f->f_inode;
	mutex_lock(&locks_mutex);
	old = find_flock(f);
	if (old && old->fl_type == type)
		goto out;
	if (old)
		locks_delete(old);
	if (type == F_UNLCK)
		goto out;
	while (find_conflict(new)) {
		err = wait ? locks_wait(NULL) : -EWOULDBLOCK;
		if (err)
			goto out;
	}
	locks_insert(new);
	new = NULL;
out:
	mutex_unlock(&locks_mutex);
	kfree(new);
	return err;
}

SYSCALL_DEFINE2(flock, unsigned int, fd, unsigned int, cmd)
{
	struct file *f;
	int type, err;

	/* Linux 5.17+: LOCK_MAND is ignored (with a warning there). */
	if (cmd & LOCK_MAND)
		return 0;
	switch (cmd & ~LOCK_NB) {
	case LOCK_SH:
		type = F_RDLCK;
		break;
	case LOCK_EX:
		type = F_WRLCK;
		break;
	case LOCK_UN:
		type = F_UNLCK;
		break;
	default:
		return -EINVAL;
	}
	f = fget(fd);
	if (!f)
		return -EBADF;
	err = (type != F_UNLCK && !(f->f_mode & (FMODE_READ | FMODE_WRITE))) ? -EBADF :
	      flock_set(f, type, !(cmd & LOCK_NB));
	fput(f);
	return err;
}

/* ---- POSIX and OFD record locks ---- */

/* Does @fl, one of the owner's own of type @type, touch [s, e]? */
static bool touches(const struct file_lock *fl, loff_t s, loff_t e)
{
	return !((fl->fl_end != OFFSET_MAX && fl->fl_end + 1 < s) ||
		 (e != OFFSET_MAX && fl->fl_start > e + 1));
}

/*
 * Applies @req (its owner's new state for its range) to the owner's
 * locks on the inode: same-type locks touching the range merge into it,
 * others lose the overlap (one may split in two, taking @spare).  @req is
 * inserted unless it is an unlock; each of @req and @spare is either used
 * (*slot set to NULL) or left for the caller to free.  locks_mutex held.
 */
static void posix_apply(struct file_lock **reqp, struct file_lock **sparep)
{
	struct file_lock *req = *reqp, *fl, *next;

	list_for_each_entry_safe(fl, next, &all_locks, fl_list) {
		if (is_flock(fl) || fl->fl_owner != req->fl_owner || fl->fl_inode != req->fl_inode)
			continue;
		if (fl->fl_type == req->fl_type) {
			if (!touches(fl, req->fl_start, req->fl_end))
				continue;
			req->fl_start = min(req->fl_start, fl->fl_start);
			req->fl_end = max(req->fl_end, fl->fl_end);
			locks_delete(fl);
			continue;
		}
		if (!ranges_overlap(fl, req))
			continue;
		if (fl->fl_start < req->fl_start && fl->fl_end > req->fl_end) {
			struct file_lock *right = *sparep;

			*right = *fl;
			right->fl_start = req->fl_end + 1;
			fl->fl_end = req->fl_start - 1;
			locks_insert(right);
			*sparep = NULL;
		} else if (fl->fl_start < req->fl_start) {
			fl->fl_end = req->fl_start - 1;
		} else if (fl->fl_end > req->fl_end) {
			fl->fl_start = req->fl_end + 1;
		} else {
			locks_delete(fl);
			continue;
		}
		locks_changed();
	}
	if (req->fl_type != F_UNLCK) {
		locks_insert(req);
		*reqp = NULL;
	}
}

/* F_SETLK(W): 0, -EAGAIN, -EDEADLK, -ERESTARTSYS or -ENOLCK. */
static int posix_lock(struct file_lock *req, bool wait)
{
	struct file_lock *spare = kmalloc(sizeof(*spare), GFP_KERNEL), *blocker;
	struct lock_waiter waiter = { .owner = req->fl_owner };
	int err = 0;

	if (!spare) {
		kfree(req);
		return -ENOLCK;
	}
	mutex_lock(&locks_mutex);
	while (req->fl_type != F_UNLCK && (blocker = find_conflict(req))) {
		if (!wait) {
			err = -EAGAIN;
			goto out;
		}
		if (!(req->fl_flags & FL_OFDLCK) && !(blocker->fl_flags & FL_OFDLCK) &&
		    posix_deadlock(req->fl_owner, blocker->fl_owner)) {
			err = -EDEADLK;
			goto out;
		}
		waiter.blocker = (blocker->fl_flags & FL_OFDLCK) ? NULL : blocker->fl_owner;
		err = locks_wait(&waiter);
		if (err)
			goto out;
	}
	posix_apply(&req, &spare);
out:
	mutex_unlock(&locks_mutex);
	kfree(req);
	kfree(spare);
	return err;
}

/* The request of a user flock: range, type, owner.  0 or -EINVAL/-EOVERFLOW. */
static int flock_to_posix(struct file *f, const struct user_flock64 *l, struct file_lock *fl)
{
	loff_t start;

	switch (l->l_whence) {
	case SEEK_SET:
		start = 0;
		break;
	case SEEK_CUR:
		start = f->f_pos;
		break;
	case SEEK_END:
		start = f->f_inode->i_size;
		break;
	default:
		return -EINVAL;
	}
	if (l->l_start > OFFSET_MAX - start)
		return -EOVERFLOW;
	start += l->l_start;
	if (start < 0)
		return -EINVAL;
	if (l->l_len > 0) {
		if (l->l_len - 1 > OFFSET_MAX - start)
			return -EOVERFLOW;
		fl->fl_end = start + l->l_len - 1;
	} else if (l->l_len < 0) {
		fl->fl_end = start - 1;
		start += l->l_len;
		if (start < 0)
			return -EINVAL;
	} else {
		fl->fl_end = OFFSET_MAX;
	}
	fl->fl_start = start;
	if (l->l_type != F_RDLCK && l->l_type != F_WRLCK && l->l_type != F_UNLCK)
		return -EINVAL;
	fl->fl_type = l->l_type;
	fl->fl_flags = FL_POSIX;
	fl->fl_owner = current->files;
	fl->fl_pid = current->pid;
	fl->fl_file = f;
	fl->fl_inode = f->f_inode;
	return 0;
}

static bool is_ofd_cmd(unsigned int cmd)
{
	return cmd == F_OFD_GETLK || cmd == F_OFD_SETLK || cmd == F_OFD_SETLKW;
}

/* F_OFD_*: the open file owns the lock; l_pid must be 0. */
static int make_ofd(struct file *f, const struct user_flock64 *l, struct file_lock *fl)
{
	if (l->l_pid != 0)
		return -EINVAL;
	fl->fl_flags = FL_POSIX | FL_OFDLCK;
	fl->fl_owner = f;
	return 0;
}

/* F_GETLK: the first conflicting lock into *l, or l_type F_UNLCK. */
static int posix_test(struct file *f, unsigned int cmd, struct user_flock64 *l, bool is64)
{
	struct file_lock req, *fl;
	int err;

	if (l->l_type != F_RDLCK && l->l_type != F_WRLCK)
		return -EINVAL;
	err = flock_to_posix(f, l, &req);
	if (!err && is_ofd_cmd(cmd))
		err = make_ofd(f, l, &req);
	if (err)
		return err;
	mutex_lock(&locks_mutex);
	fl = find_conflict(&req);
	if (fl) {
		l->l_type = fl->fl_type;
		l->l_pid = (fl->fl_flags & FL_OFDLCK) ? -1 : fl->fl_pid;
		l->l_start = fl->fl_start;
		l->l_len = fl->fl_end == OFFSET_MAX ? 0 : fl->fl_end - fl->fl_start + 1;
		l->l_whence = SEEK_SET;
	} else {
		l->l_type = F_UNLCK;
	}
	mutex_unlock(&locks_mutex);
	if (fl && !is64 && (l->l_start > OFFT_OFFSET_MAX ||
			    (l->l_len && l->l_start + l->l_len - 1 > OFFT_OFFSET_MAX)))
		return -EOVERFLOW;
	return 0;
}

/* F_SETLK/F_SETLKW and the OFD forms. */
static int posix_setlk(struct file *f, unsigned int cmd, const struct user_flock64 *l)
{
	struct file_lock *req = kzalloc(sizeof(*req), GFP_KERNEL);
	int err;

	if (!req)
		return -ENOLCK;
	err = flock_to_posix(f, l, req);
	if (!err && ((req->fl_type == F_RDLCK && !(f->f_mode & FMODE_READ)) ||
		     (req->fl_type == F_WRLCK && !(f->f_mode & FMODE_WRITE))))
		err = -EBADF;
	if (!err && is_ofd_cmd(cmd))
		err = make_ofd(f, l, req);
	if (err) {
		kfree(req);
		return err;
	}
	return posix_lock(req, cmd == F_SETLKW || cmd == F_SETLKW64 || cmd == F_OFD_SETLKW);
}

static void flock_from_user32(struct user_flock64 *l, const struct user_flock *u)
{
	l->l_type = u->l_type;
	l->l_whence = u->l_whence;
	l->l_start = u->l_start;
	l->l_len = u->l_len;
	l->l_pid = u->l_pid;
}

static void flock_to_user32(struct user_flock *u, const struct user_flock64 *l)
{
	u->l_type = l->l_type;
	u->l_whence = l->l_whence;
	u->l_start = l->l_start;
	u->l_len = l->l_len;
	u->l_pid = l->l_pid;
}

/*
 * fcntl's lock commands on @f.  @is64: @arg is a struct flock64 (fcntl64's
 * F_*LK64 and F_OFD_*), else the i386 struct flock of 32-bit offsets.
 */
long fcntl_lock(struct file *f, unsigned int cmd, void __user *arg, bool is64)
{
	struct user_flock64 l;
	struct user_flock l32;
	long err;

	if (is64) {
		if (copy_from_user(&l, arg, sizeof(l)))
			return -EFAULT;
	} else {
		if (copy_from_user(&l32, arg, sizeof(l32)))
			return -EFAULT;
		flock_from_user32(&l, &l32);
	}
	if (cmd != F_GETLK && cmd != F_GETLK64 && cmd != F_OFD_GETLK)
		return posix_setlk(f, cmd, &l);
	err = posix_test(f, cmd, &l, is64);
	if (err)
		return err;
	if (is64)
		return copy_to_user(arg, &l, sizeof(l)) ? -EFAULT : 0;
	flock_to_user32(&l32, &l);
	return copy_to_user(arg, &l32, sizeof(l32)) ? -EFAULT : 0;
}

/* ---- release ---- */

/* A process closed a descriptor of @f: its POSIX locks on the inode go. */
void locks_remove_posix(const struct file *f, fl_owner_t owner)
{
	struct file_lock *fl, *next;

	if (list_empty(&all_locks))	/* the common case, without the mutex */
		return;
	mutex_lock(&locks_mutex);
	list_for_each_entry_safe(fl, next, &all_locks, fl_list)
		if (fl->fl_owner == owner && fl->fl_inode == f->f_inode &&
		    !(fl->fl_flags & (FL_FLOCK | FL_OFDLCK)))
			locks_delete(fl);
	mutex_unlock(&locks_mutex);
}

/* The last reference to @f is going: its flock and OFD locks go. */
void locks_remove_file(const struct file *f)
{
	struct file_lock *fl, *next;

	if (list_empty(&all_locks))
		return;
	mutex_lock(&locks_mutex);
	list_for_each_entry_safe(fl, next, &all_locks, fl_list)
		if (fl->fl_owner == f)
			locks_delete(fl);
	mutex_unlock(&locks_mutex);
}

/* ---- /proc/locks ---- */

/* One line per lock, Linux's format; waiters are not listed. */
void locks_show(struct seq_buf *m)
{
	struct file_lock *fl;
	long long id = 0;

	mutex_lock(&locks_mutex);
	list_for_each_entry(fl, &all_locks, fl_list) {
		struct inode *inode = fl->fl_inode;

		seq_printf(m, "%lld: ", ++id);
		if (is_flock(fl))
			seq_printf(m, "FLOCK  ADVISORY  ");
		else
			seq_printf(m, "%s ADVISORY  ", (fl->fl_flags & FL_OFDLCK) ? "OFDLCK" : "POSIX ");
		seq_printf(m, "%s %d %02x:%02x:%lu ", fl->fl_type == F_WRLCK ? "WRITE" : "READ",
			   (fl->fl_flags & FL_OFDLCK) ? -1 : fl->fl_pid,
			   MAJOR(inode->i_sb->s_dev), MINOR(inode->i_sb->s_dev), inode->i_ino);
		if (is_flock(fl) || fl->fl_end == OFFSET_MAX)
			seq_printf(m, "%lld EOF\n", is_flock(fl) ? 0LL : fl->fl_start);
		else
			seq_printf(m, "%lld %lld\n", fl->fl_start, fl->fl_end);
	}
	mutex_unlock(&locks_mutex);
}
