/*
 * Handler tables (struct sighand_struct, linux-ish/signal.h): one per
 * task, or one shared by the tasks cloned with CLONE_SIGHAND.  The last
 * task to be freed frees it; exec gives a task sharing one its own copy.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/errno.h>
#include <linux-ish/sched.h>
#include <linux-ish/signal.h>
#include <linux-ish/slab.h>
#include <linux-ish/string.h>
#include <uapi/linux-ish/sched.h>

/* Kernel threads': every action SIG_DFL.  Its count is not kept. */
struct sighand_struct default_sighand = {
	.count = ATOMIC_INIT(1),
	.siglock = __SPIN_LOCK_UNLOCKED(default_sighand.siglock),
};

static struct sighand_struct *sighand_dup(const struct sighand_struct *old)
{
	struct sighand_struct *sh = kmalloc(sizeof(*sh), GFP_KERNEL);
	unsigned long flags;

	if (!sh)
		return NULL;
	atomic_set(&sh->count, 1);
	spin_lock_init(&sh->siglock);
	spin_lock_irqsave(&((struct sighand_struct *)old)->siglock, flags);
	memcpy(sh->action, old->action, sizeof(sh->action));
	spin_unlock_irqrestore(&((struct sighand_struct *)old)->siglock, flags);
	return sh;
}

int copy_sighand(unsigned long clone_flags, struct task_struct *p)
{
	struct sighand_struct *sh = current->sighand;

	if (clone_flags & CLONE_SIGHAND) {
		atomic_inc(&sh->count);
	} else {
		sh = sighand_dup(sh);
		if (!sh)
			return -ENOMEM;
	}
	p->sighand = sh;
	return 0;
}

void exit_sighand(struct task_struct *p)
{
	struct sighand_struct *sh = p->sighand;

	p->sighand = &default_sighand;
	if (sh == &default_sighand)
		return;
	if (atomic_dec_and_test(&sh->count))
		kfree(sh);
}

int unshare_sighand(struct task_struct *p)
{
	struct sighand_struct *sh = p->sighand;

	if (sh == &default_sighand || atomic_read(&sh->count) == 1)
		return 0;
	sh = sighand_dup(sh);
	if (!sh)
		return -ENOMEM;
	exit_sighand(p);
	p->sighand = sh;
	return 0;
}
