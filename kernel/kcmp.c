/*
 * kcmp(2): do two processes share a kernel object?  0 if they do, else
 * 1 or 2 by an order of the objects' addresses scrambled with random
 * per-type cookies (as Linux: a consistent order for sorting that does
 * not reveal the addresses).  The caller needs ptrace read access to
 * both processes.  KCMP_FS and KCMP_SIGHAND compare the fs_struct and
 * handler table (shared by CLONE_FS, CLONE_SIGHAND); KCMP_IO
 * finds every process equal (none has an io_context: Linux's value for
 * processes that did no block I/O).
 */
#include <linux-ish/kernel.h>
#include <linux-ish/err.h>
#include <linux-ish/errno.h>
#include <linux-ish/eventpoll.h>
#include <linux-ish/fdtable.h>
#include <linux-ish/ptrace.h>
#include <linux-ish/random.h>
#include <linux-ish/sched.h>
#include <linux-ish/syscalls.h>
#include <linux-ish/uaccess.h>
#include <uapi/linux-ish/kcmp.h>

static unsigned long cookies[KCMP_TYPES][2];
static bool cookies_ready;

static void kcmp_cookies_init(void)
{
	if (READ_ONCE(cookies_ready))
		return;
	get_random_bytes(cookies, sizeof(cookies));
	/* An odd multiplier with the top bit set, as Linux's. */
	for (int i = 0; i < KCMP_TYPES; i++)
		cookies[i][1] |= ~(~0UL >> 1) | 1;
	WRITE_ONCE(cookies_ready, true);
}

static long kptr_obfuscate(long v, int type)
{
	return (v ^ cookies[type][0]) * cookies[type][1];
}

/* 0 equal, 1 if @v1 sorts first, 2 if @v2 does. */
static int kcmp_ptr(const void *v1, const void *v2, int type)
{
	long t1 = kptr_obfuscate((long)v1, type), t2 = kptr_obfuscate((long)v2, type);

	return (t1 < t2) | ((t1 > t2) << 1);
}

/* Both processes, if they exist and the caller may read them.  tasklist_lock held. */
static int kcmp_find_tasks(pid_t pid1, pid_t pid2, struct task_struct **t1,
			   struct task_struct **t2)
{
	*t1 = find_task_by_pid(pid1);
	*t2 = find_task_by_pid(pid2);
	if (!*t1 || !*t2 || (*t1)->exit_state == EXIT_DEAD || (*t2)->exit_state == EXIT_DEAD)
		return -ESRCH;
	if (!ptrace_may_access(*t1, PTRACE_MODE_READ_REALCREDS) ||
	    !ptrace_may_access(*t2, PTRACE_MODE_READ_REALCREDS))
		return -EPERM;
	return 0;
}

/* The shared-or-not object of @type (not a file one) of @t.  tasklist_lock held. */
static const void *kcmp_object(struct task_struct *t, int type)
{
	switch (type) {
	case KCMP_VM:
		return t->mm;
	case KCMP_FILES:
		return t->files;
	case KCMP_FS:
		return t->fs;
	case KCMP_SIGHAND:
		return t->sighand;
	case KCMP_SYSVSEM:
		return t->sysvsem;
	default:
		return NULL;		/* KCMP_IO */
	}
}

struct kcmp_req {
	int type;
	unsigned long idx1, idx2;
	struct kcmp_epoll_slot slot;
	struct file *f1, *f2;		/* referenced: the files (or t2's epoll file) */
	const void *v1, *v2;
};

/* Looks up both sides of @r in @t1 and @t2.  0 or -EBADF/-EINVAL.  tasklist_lock held. */
static int kcmp_lookup(struct kcmp_req *r, struct task_struct *t1, struct task_struct *t2)
{
	switch (r->type) {
	case KCMP_FILE:
	case KCMP_EPOLL_TFD:
		r->f1 = fget_task(t1, r->idx1);
		if (r->type == KCMP_FILE)
			r->f2 = fget_task(t2, r->idx2);
		else
			r->f2 = fget_task(t2, r->slot.efd);
		return r->f1 && r->f2 ? 0 : -EBADF;
	case KCMP_VM:
	case KCMP_FILES:
	case KCMP_FS:
	case KCMP_SIGHAND:
	case KCMP_IO:
	case KCMP_SYSVSEM:
		r->v1 = kcmp_object(t1, r->type);
		r->v2 = kcmp_object(t2, r->type);
		return 0;
	default:
		return -EINVAL;
	}
}

/* The answer once looked up (the files still referenced). */
static long kcmp_answer(struct kcmp_req *r)
{
	struct file *tgt;

	switch (r->type) {
	case KCMP_FILE:
		return kcmp_ptr(r->f1, r->f2, KCMP_FILE);
	case KCMP_EPOLL_TFD:
		tgt = epoll_tfile_raw(r->f2, r->slot.tfd, r->slot.toff);
		if (IS_ERR(tgt))
			return PTR_ERR(tgt);
		return kcmp_ptr(r->f1, tgt, KCMP_FILE);
	default:
		return kcmp_ptr(r->v1, r->v2, r->type);
	}
}

SYSCALL_DEFINE5(kcmp, pid_t, pid1, pid_t, pid2, int, type, unsigned long, idx1,
		unsigned long, idx2)
{
	struct kcmp_req r = { .type = type, .idx1 = idx1, .idx2 = idx2 };
	struct task_struct *t1, *t2;
	bool efault = false;
	unsigned long flags;
	long ret;

	kcmp_cookies_init();
	/* Copied before the lock (it may fault); reported after ESRCH and EPERM. */
	if (type == KCMP_EPOLL_TFD)
		efault = copy_from_user(&r.slot, (const void __user *)idx2, sizeof(r.slot)) != 0;
	spin_lock_irqsave(&tasklist_lock, flags);
	ret = kcmp_find_tasks(pid1, pid2, &t1, &t2);
	if (!ret && efault)
		ret = -EFAULT;
	if (!ret)
		ret = kcmp_lookup(&r, t1, t2);
	spin_unlock_irqrestore(&tasklist_lock, flags);
	if (!ret)
		ret = kcmp_answer(&r);
	if (r.f1)
		fput(r.f1);
	if (r.f2)
		fput(r.f2);
	return ret;
}
