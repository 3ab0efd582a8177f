/*
 * Handler tables (struct sighand_struct, linux-ish/signal.h): one per
 * task, or one shared by the tasks cloned with CLONE_SIGHAND.  The last
 * task to be freed frees it; exec gives a task sharing one its own copy.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/errno.h>
#include <linux-ish/sched.h>
#include <linux-ish/signal.h>
#include <linux-ish/sigqueue.h>
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
	unsigned long flags;

	spin_lock_irqsave(&p->sig.lock, flags);
	sigpending_flush(&TASK_SIGPENDING(p), ~0ULL);	/* its queued signals go with it */
	spin_unlock_irqrestore(&p->sig.lock, flags);
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
	if (atomic_dec_and_test(&p->sighand->count))
		kfree(p->sighand);	/* not exit_sighand(): exec keeps the queued signals */
	p->sighand = sh;
	return 0;
}

/* ---- signal_struct: what the threads of a process share ---- */

/* A new process's: empty, no threads yet.  NULL without memory. */
struct signal_struct *signal_struct_alloc(void)
{
	struct signal_struct *sig = kzalloc(sizeof(*sig), GFP_KERNEL);

	if (!sig)
		return NULL;
	atomic_set(&sig->count, 0);
	INIT_LIST_HEAD(&sig->thread_head);
	spin_lock_init(&sig->lock);
	INIT_LIST_HEAD(&sig->shared_queue);
	init_waitqueue_head(&sig->wait_chldexit);
	return sig;
}

/* @p's last reference; the last one frees it. */
void put_signal_struct(struct signal_struct *sig)
{
	if (sig && atomic_dec_and_test(&sig->count)) {
		sigpending_flush(&SHARED_SIGPENDING(sig), ~0ULL);	/* nobody can send to it now */
		kfree(sig);
	}
}

/*
 * CLONE_THREAD: @p leaves the signal_struct alloc_task() gave it and
 * joins current's group (tgid, leader).  Done last in clone, when
 * nothing can fail: a group already dying gets @p killed at once.
 * tasklist_lock held.
 */
void join_thread_group(struct task_struct *p)
{
	struct signal_struct *own = p->signal, *sig = current->signal;

	list_del(&p->thread_node);
	own->nr_threads--;
	own->live--;
	atomic_dec(&own->count);
	kfree(own);		/* nobody else ever saw it */
	atomic_inc(&sig->count);
	p->signal = sig;
	p->tgid = current->tgid;
	p->group_leader = current->group_leader;
	list_add_tail(&p->thread_node, &sig->thread_head);
	sig->nr_threads++;
	sig->live++;
	if (sig->stopped)
		p->sigpending = true;	/* it stops before it reaches user mode */
	if (sig->shared_pending & ~p->sig.blocked)
		p->sigpending = true;	/* it may take a group signal too */
	if (sig->group_exit || sig->group_exec_task) {
		static const struct ksiginfo kill_info = { .code = SI_KERNEL };

		sigpending_add(&TASK_SIGPENDING(p), SIGKILL, &kill_info, p);	/* cannot fail */
		p->sigpending = true;
	}
}
