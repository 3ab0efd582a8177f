/*
 * seccomp(2) and prctl's PR_SET_SECCOMP / PR_GET_SECCOMP: entering
 * strict mode, checking and attaching a filter (with TSYNC: to every
 * thread of the group), and the two queries (linux-ish/seccomp.h).
 *
 * NEW_LISTENER makes the filter's listener (kernel/seccomp_notify.c):
 * the call returns its descriptor, at most one per chain (EBUSY).
 * SPEC_ALLOW is accepted and changes nothing (Linnet applies no
 * speculation mitigation per task).
 */
#include <linux-ish/kernel.h>
#include <linux-ish/cred.h>
#include <linux-ish/err.h>
#include <linux-ish/errno.h>
#include <linux-ish/fdtable.h>
#include <linux-ish/fs.h>
#include <linux-ish/ptrace.h>
#include <linux-ish/sched.h>
#include <linux-ish/slab.h>
#include <linux-ish/syscalls.h>
#include <linux-ish/uaccess.h>
#include <linux-ish/bpf_classic.h>
#include <uapi/linux-ish/capability.h>
#include "seccomp_internal.h"

#define FILTER_FLAGS	(SECCOMP_FILTER_FLAG_TSYNC | SECCOMP_FILTER_FLAG_LOG | \
			 SECCOMP_FILTER_FLAG_SPEC_ALLOW | SECCOMP_FILTER_FLAG_TSYNC_ESRCH | \
			 SECCOMP_FILTER_FLAG_NEW_LISTENER | SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV)
/* Linux's MAX_INSNS_PER_PATH: a chain's instructions, each filter counting 4 more. */
#define MAX_INSNS_PER_PATH	32768

/* ---- the filter's instruction set ---- */

/*
 * Seccomp's narrowing of (already checked) classic BPF: loads only of
 * aligned words inside struct seccomp_data (BPF_LEN loads give its size,
 * 64: the interpreter's data length), no packet loads (IND, MSH, half
 * words, bytes), no modulo.  The program is kept as the user gave it
 * (PTRACE_SECCOMP_GET_FILTER returns it).  0 or -EINVAL.
 */
static int check_seccomp_insn(const struct sock_filter *f)
{
	switch (BPF_CLASS(f->code)) {
	case BPF_LD:
		if (BPF_MODE(f->code) == BPF_IND)
			return -EINVAL;
		if (BPF_MODE(f->code) != BPF_ABS)
			return 0;
		if (BPF_SIZE(f->code) != BPF_W || f->k >= sizeof(struct seccomp_data) || (f->k & 3))
			return -EINVAL;
		return 0;
	case BPF_LDX:
		return BPF_MODE(f->code) == BPF_MSH ? -EINVAL : 0;
	case BPF_ALU:
		return BPF_OP(f->code) == BPF_MOD ? -EINVAL : 0;
	}
	return 0;
}

/*
 * A new filter from the user's struct sock_fprog at @uprog, checked.
 * ERR_PTR: -EFAULT, -EINVAL (length, NULL program, bad program),
 * -EACCES (neither no_new_privs nor CAP_SYS_ADMIN), -ENOMEM.
 */
static struct seccomp_filter *prepare_filter(const void __user *uprog)
{
	struct sock_fprog fprog;
	struct seccomp_filter *f;
	int err = -EINVAL;

	if (!uprog || copy_from_user(&fprog, uprog, sizeof(fprog)))
		return ERR_PTR(-EFAULT);
	if (fprog.len == 0 || fprog.len > BPF_MAXINSNS)
		return ERR_PTR(-EINVAL);
	if (!current->no_new_privs && !capable(CAP_SYS_ADMIN))
		return ERR_PTR(-EACCES);
	if (!fprog.filter)
		return ERR_PTR(-EINVAL);
	f = kzalloc(offsetof(struct seccomp_filter, insns) + fprog.len * sizeof(f->insns[0]),
		    GFP_KERNEL);
	if (!f)
		return ERR_PTR(-ENOMEM);
	if (copy_from_user(f->insns, fprog.filter, fprog.len * sizeof(f->insns[0]))) {
		err = -EFAULT;
		goto out_free;
	}
	f->len = fprog.len;
	err = bpf_classic_check(f->insns, f->len);
	for (unsigned int i = 0; i < f->len && !err; i++)
		err = check_seccomp_insn(&f->insns[i]);
	if (err)
		goto out_free;
	atomic_set(&f->usage, 1);
	atomic_set(&f->users, 1);	/* current's, once attached */
	init_waitqueue_head(&f->wqh);
	return f;
out_free:
	kfree(f);
	return ERR_PTR(err);
}

/* ---- attaching ---- */

/* Is @anc (NULL: none) @f itself or one of the filters before it? */
static bool is_ancestor(const struct seccomp_filter *anc, const struct seccomp_filter *f)
{
	if (!anc)
		return true;
	for (; f; f = f->prev)
		if (f == anc)
			return true;
	return false;
}

/*
 * TSYNC: may every other live thread take current's chain?  Only if it
 * has no filter or one current's chain descends from.  0, or the tid of
 * the first that may not.  tasklist_lock held.
 */
static pid_t tsync_blocker(void)
{
	struct task_struct *t;

	for_each_thread(current, t) {
		if (t == current || t->exit_state || (t->flags & PF_EXITING))
			continue;
		if (t->seccomp.mode == SECCOMP_MODE_DISABLED ||
		    (t->seccomp.mode == SECCOMP_MODE_FILTER &&
		     is_ancestor(t->seccomp.filter, current->seccomp.filter)))
			continue;
		return t->pid;
	}
	return 0;
}

/*
 * Every other live thread takes current's chain (and its no_new_privs).
 * A thread's old chain is an ancestor of the new one (tsync_blocker), so
 * dropping it frees nothing the thread may be walking.  tasklist_lock held.
 */
static void tsync_threads(void)
{
	struct task_struct *t;

	for_each_thread(current, t) {
		if (t == current || t->exit_state || (t->flags & PF_EXITING))
			continue;
		seccomp_filter_orphan(t->seccomp.filter);
		seccomp_filter_put(t->seccomp.filter);
		seccomp_filter_get(current->seccomp.filter);
		seccomp_filter_use(current->seccomp.filter);
		WRITE_ONCE(t->seccomp.filter, current->seccomp.filter);
		t->seccomp.filter_count = current->seccomp.filter_count;
		if (current->no_new_privs)
			t->no_new_privs = true;
		WRITE_ONCE(t->seccomp.mode, SECCOMP_MODE_FILTER);
		WRITE_ONCE(t->syscall_seccomp, true);	/* do_syscall() looks */
	}
}

/* Instructions on the path through @f's chain, each earlier filter counting 4 more. */
static unsigned long chain_insns(const struct seccomp_filter *f)
{
	unsigned long n = f->len;

	for (f = f->prev; f; f = f->prev)
		n += f->len + 4;
	return n;
}

/*
 * Attaches @f (a reference given) to current.  0, -EINVAL, -EBUSY (a
 * second listener), -ENOMEM, a tid or -ESRCH (TSYNC).  current's use of
 * its old chain passes to @f's prev link.
 */
static long attach_filter(struct seccomp_filter *f, unsigned int flags)
{
	struct seccomp *s = &current->seccomp;
	unsigned long irq;
	long ret = 0;

	spin_lock_irqsave(&tasklist_lock, irq);
	f->prev = s->filter;
	if (s->mode != SECCOMP_MODE_DISABLED && s->mode != SECCOMP_MODE_FILTER)
		ret = -EINVAL;
	else if ((flags & SECCOMP_FILTER_FLAG_NEW_LISTENER) && seccomp_chain_has_listener())
		ret = -EBUSY;
	else if (chain_insns(f) > MAX_INSNS_PER_PATH)
		ret = -ENOMEM;
	else if (flags & SECCOMP_FILTER_FLAG_TSYNC)
		ret = tsync_blocker();
	if (ret > 0 && (flags & SECCOMP_FILTER_FLAG_TSYNC_ESRCH))
		ret = -ESRCH;
	if (!ret) {
		WRITE_ONCE(s->filter, f);	/* takes over current's reference on prev */
		s->filter_count++;
		WRITE_ONCE(s->mode, SECCOMP_MODE_FILTER);
		current->syscall_seccomp = true;	/* do_syscall() looks */
		if (flags & SECCOMP_FILTER_FLAG_TSYNC)
			tsync_threads();
	} else {
		f->prev = NULL;
	}
	spin_unlock_irqrestore(&tasklist_lock, irq);
	return ret;
}

/*
 * With NEW_LISTENER the descriptor (O_CLOEXEC) is reserved and the
 * listener made before attaching, both undone if attaching fails.
 */
static long set_mode_filter(unsigned int flags, const void __user *uprog)
{
	struct seccomp_filter *f;
	struct file *listener = NULL;
	int fd = -1;
	long ret;

	if (flags & ~FILTER_FLAGS)
		return -EINVAL;
	/* a failing TSYNC returns a tid, which could not be told from the fd */
	if ((flags & SECCOMP_FILTER_FLAG_TSYNC) && (flags & SECCOMP_FILTER_FLAG_NEW_LISTENER) &&
	    !(flags & SECCOMP_FILTER_FLAG_TSYNC_ESRCH))
		return -EINVAL;
	if ((flags & SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV) &&
	    !(flags & SECCOMP_FILTER_FLAG_NEW_LISTENER))
		return -EINVAL;
	f = prepare_filter(uprog);
	if (IS_ERR(f))
		return PTR_ERR(f);
	f->log = flags & SECCOMP_FILTER_FLAG_LOG;
	f->wait_killable_recv = flags & SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV;
	if (flags & SECCOMP_FILTER_FLAG_NEW_LISTENER) {
		fd = get_unused_fd_flags(O_CLOEXEC);
		if (fd < 0) {
			seccomp_filter_put(f);
			return fd;
		}
		listener = seccomp_listener_file(f);
		if (IS_ERR(listener)) {
			put_unused_fd(fd);
			seccomp_filter_put(f);
			return PTR_ERR(listener);
		}
	}
	ret = attach_filter(f, flags);
	if (ret) {
		if (listener) {
			fput(listener);
			put_unused_fd(fd);
		}
		seccomp_filter_put(f);
		return ret;
	}
	if (listener) {
		fd_install(fd, listener);
		return fd;
	}
	return 0;
}

static long set_mode_strict(void)
{
	struct seccomp *s = &current->seccomp;
	unsigned long irq;
	long ret = 0;

	spin_lock_irqsave(&tasklist_lock, irq);
	if (s->mode != SECCOMP_MODE_DISABLED && s->mode != SECCOMP_MODE_STRICT)
		ret = -EINVAL;
	else {
		WRITE_ONCE(s->mode, SECCOMP_MODE_STRICT);
		current->syscall_seccomp = true;	/* do_syscall() looks */
	}
	spin_unlock_irqrestore(&tasklist_lock, irq);
	return ret;
}

/* ---- the queries ---- */

static long get_action_avail(const u32 __user *uaction)
{
	u32 action = 0;

	if (get_user(action, uaction))
		return -EFAULT;
	switch (action) {
	case SECCOMP_RET_KILL_PROCESS: case SECCOMP_RET_KILL_THREAD: case SECCOMP_RET_TRAP:
	case SECCOMP_RET_ERRNO: case SECCOMP_RET_USER_NOTIF: case SECCOMP_RET_TRACE:
	case SECCOMP_RET_LOG: case SECCOMP_RET_ALLOW:
		return 0;
	}
	return -EOPNOTSUPP;
}

/* Linux's sizes: struct seccomp_notif 80, seccomp_notif_resp 24, seccomp_data 64. */
static long get_notif_sizes(void __user *usizes)
{
	struct seccomp_notif_sizes sizes = {
		.seccomp_notif = 8 + 4 + 4 + sizeof(struct seccomp_data),
		.seccomp_notif_resp = 8 + 8 + 4 + 4,
		.seccomp_data = sizeof(struct seccomp_data),
	};

	return copy_to_user(usizes, &sizes, sizeof(sizes)) ? -EFAULT : 0;
}

static long do_seccomp(unsigned int op, unsigned int flags, void __user *uargs)
{
	switch (op) {
	case SECCOMP_SET_MODE_STRICT:
		if (flags || uargs)
			return -EINVAL;
		return set_mode_strict();
	case SECCOMP_SET_MODE_FILTER:
		return set_mode_filter(flags, uargs);
	case SECCOMP_GET_ACTION_AVAIL:
		return flags ? -EINVAL : get_action_avail(uargs);
	case SECCOMP_GET_NOTIF_SIZES:
		return flags ? -EINVAL : get_notif_sizes(uargs);
	}
	return -EINVAL;
}

SYSCALL_DEFINE3(seccomp, unsigned int, op, unsigned int, flags, void __user *, uargs)
{
	return do_seccomp(op, flags, uargs);
}

bool seccomp_may_suspend(void)
{
	return capable(CAP_SYS_ADMIN) && current->seccomp.mode == SECCOMP_MODE_DISABLED &&
	       !ptrace_seccomp_suspended();
}

long prctl_get_seccomp(void)
{
	return current->seccomp.mode;
}

/* prctl has no flags: mode 1 is SET_MODE_STRICT, mode 2 SET_MODE_FILTER of @filter. */
long prctl_set_seccomp(unsigned long mode, void __user *filter)
{
	if (mode == SECCOMP_MODE_STRICT)
		return do_seccomp(SECCOMP_SET_MODE_STRICT, 0, NULL);
	if (mode == SECCOMP_MODE_FILTER)
		return do_seccomp(SECCOMP_SET_MODE_FILTER, 0, filter);
	return -EINVAL;
}
