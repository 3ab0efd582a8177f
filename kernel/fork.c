/*
 * Creating tasks.  alloc_task() gives a task_struct with a fresh kernel
 * stack (mapped in the guarded stack area, see linux-ish/vmstack.h, with
 * STACK_END_MAGIC in its lowest word) and a pid; kthread_run() turns one
 * into a runnable kernel thread.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/oom.h>
#include <linux-ish/clone.h>
#include <linux-ish/cred.h>
#include <linux-ish/mm.h>
#include <linux-ish/pid.h>
#include <linux-ish/sched.h>
#include <linux-ish/sigqueue.h>
#include <linux-ish/slab.h>
#include <linux-ish/string.h>
#include <linux-ish/vmstack.h>
#include <linux-ish/err.h>
#include <linux-ish/errno.h>
#include <linux-ish/fdtable.h>
#include <linux-ish/fs.h>
#include <linux-ish/ipc.h>
#include <linux-ish/proc_fs.h>
#include <linux-ish/ptrace.h>
#include <linux-ish/syscalls.h>
#include <linux-ish/time.h>
#include <linux-ish/sysctl.h>
#include <linux-ish/uaccess.h>
#include <asm/mmu_context.h>
#include <uapi/linux-ish/sched.h>

BUILD_BUG_ON(2 * PAGE_SIZE != THREAD_SIZE);

static struct kmem_cache *task_cachep;
LIST_HEAD(task_list);
DEFINE_SPINLOCK(tasklist_lock);
static pid_t last_pid;
static unsigned int nr_threads = 1;	/* init_task */
static unsigned long total_forks;	/* processes created by fork/vfork/clone */

extern char init_stack[];

static struct signal_struct init_signals = {
	.count = ATOMIC_INIT(1),
	.live = 1,
	.nr_threads = 1,
	.thread_head = LIST_HEAD_INIT(init_task.thread_node),
	.lock = __SPIN_LOCK_UNLOCKED(init_signals.lock),
	.shared_queue = LIST_HEAD_INIT(init_signals.shared_queue),
	.wait_chldexit = __WAIT_QUEUE_HEAD_INITIALIZER(init_signals.wait_chldexit),
};

struct task_struct init_task = {
	.state = TASK_RUNNING,
	.flags = PF_KTHREAD,
	.stack = init_stack,
	.comm = "swapper",
	.run_list = LIST_HEAD_INIT(init_task.run_list),
	.pid = 0,
	.alloc_lock = __SPIN_LOCK_UNLOCKED(init_task.alloc_lock),
	.active_mm = &init_mm,
	.parent = &init_task,
	.children = LIST_HEAD_INIT(init_task.children),
	.sibling = LIST_HEAD_INIT(init_task.sibling),
	.tasks = LIST_HEAD_INIT(init_task.tasks),
	.wait_vfork = __WAIT_QUEUE_HEAD_INITIALIZER(init_task.wait_vfork),
	.rlim = INIT_RLIMITS,
	.cred = &init_cred,
	.group_leader = &init_task,
	.thread_node = LIST_HEAD_INIT(init_signals.thread_head),
	.signal = &init_signals,
	.sig.queue = LIST_HEAD_INIT(init_task.sig.queue),
	.fs = &empty_fs,
	.sighand = &default_sighand,
	.pi_state_list = LIST_HEAD_INIT(init_task.pi_state_list),
};

#define RESERVED_PIDS	300	/* after wrapping, low pids stay for daemons (as Linux) */

/* kernel.pid_max: pids stay below it (301 .. 32768, Linux's 32-bit range). */
int pid_max = 32768;

/* Caller holds tasklist_lock. */
static bool pid_in_use(pid_t pid)
{
	struct task_struct *p;

	list_for_each_entry(p, &task_list, tasks)
		if (p->pid == pid)
			return true;
	return false;
}

/*
 * Pids count up from 1; after pid_max - 1 they wrap to RESERVED_PIDS and
 * skip those still in use (zombies included).  At most 2048 tasks exist
 * (the stack area), so a free pid is always found.
 */
pid_t alloc_pid(void)
{
	unsigned long flags;
	pid_t pid;

	spin_lock_irqsave(&tasklist_lock, flags);
	do {
		last_pid = last_pid >= READ_ONCE(pid_max) - 1 ? RESERVED_PIDS : last_pid + 1;
	} while (pid_in_use(last_pid));
	pid = last_pid;
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return pid;
}

/* clone3's set_tid: @p gets @pid instead of the one it was given. 0 or -EEXIST. */
static int set_child_pid(struct task_struct *p, pid_t pid)
{
	unsigned long flags;
	int err = 0;

	spin_lock_irqsave(&tasklist_lock, flags);
	if (pid != p->pid && pid_in_use(pid))
		err = -EEXIST;
	else
		p->pid = p->tgid = pid;	/* CLONE_THREAD sets tgid later */
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return err;
}

unsigned long nr_forks(void)
{
	return READ_ONCE(total_forks);
}

unsigned int nr_tasks(void)
{
	return READ_ONCE(nr_threads);
}

struct task_struct *alloc_task(const char *name)
{
	struct task_struct *p = kmem_cache_alloc(task_cachep, GFP_KERNEL | __GFP_ZERO);
	struct page *stack;
	unsigned long flags;

	if (!p)
		return NULL;
	atomic_set(&p->usage, 1);
	p->signal = signal_struct_alloc();
	p->stack = p->signal ? alloc_thread_stack(&stack) : NULL;
	if (!p->stack) {
		kfree(p->signal);
		kmem_cache_free(task_cachep, p);
		return NULL;
	}
	p->stack_page = stack;
	*(unsigned long *)p->stack = STACK_END_MAGIC;
	p->state = TASK_UNINTERRUPTIBLE;	/* not runnable until woken */
	strlcpy(p->comm, name, sizeof(p->comm));
	p->pid = alloc_pid();
	p->start_time = jiffies;
	spin_lock_init(&p->alloc_lock);
	memcpy(p->rlim, init_task.rlim, sizeof(p->rlim));
	p->cred = get_cred(&init_cred);
	INIT_LIST_HEAD(&p->run_list);
	INIT_LIST_HEAD(&p->children);
	INIT_LIST_HEAD(&p->sibling);
	INIT_LIST_HEAD(&p->pi_state_list);
	init_waitqueue_head(&p->wait_vfork);
	p->fs = &empty_fs;
	p->sighand = &default_sighand;
	signals_init_task(p, NULL);
	p->tgid = p->pid;		/* its own process until CLONE_THREAD */
	p->group_leader = p;
	atomic_set(&p->signal->count, 1);
	spin_lock_irqsave(&tasklist_lock, flags);
	list_add_tail(&p->tasks, &task_list);
	list_add_tail(&p->thread_node, &p->signal->thread_head);
	p->signal->nr_threads = p->signal->live = 1;
	nr_threads++;
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return p;
}

/* Frees the kernel stack of a task that will never run again. */
void free_task_stack(struct task_struct *p)
{
	if (p->stack) {
		free_thread_stack(p->stack, p->stack_page);
		p->stack = NULL;
	}
}

/* The last reference to a task unlisted by free_task(). */
void put_task_struct(struct task_struct *p)
{
	if (!atomic_dec_and_test(&p->usage))
		return;
	free_task_stack(p);
	seccomp_release(p);
	put_cred(p->cred);
	put_signal_struct(p->signal);
	kmem_cache_free(task_cachep, p);
}

/* Reaped (or never run): off every list, its pid released; freed with the last reference. */
void free_task(struct task_struct *p)
{
	unsigned long flags;
	struct pid *pid;

	exit_sighand(p);
	spin_lock_irqsave(&tasklist_lock, flags);
	list_del(&p->tasks);
	list_del(&p->thread_node);
	p->signal->nr_threads--;
	if (!p->exit_state)
		p->signal->live--;	/* a child that never ran */
	nr_threads--;
	pid = pid_detach_task(p);	/* its pidfds now see it reaped */
	spin_unlock_irqrestore(&tasklist_lock, flags);
	put_pid(pid);
	put_task_struct(p);
}

struct task_struct *kthread_run(int (*fn)(void *), void *arg, const char *name)
{
	struct task_struct *p = alloc_task(name);

	if (!p)
		return NULL;
	p->flags |= PF_KTHREAD;
	p->parent = kthread_parent();	/* kthreadd, or the idle task for init and kthreadd */
	copy_thread_kernel(p, fn, arg);
	wake_up_process(p);
	return p;
}

void fork_init(void)
{
	init_task.rlim[RLIMIT_SIGPENDING].rlim_cur = sigqueue_default_limit();
	init_task.rlim[RLIMIT_SIGPENDING].rlim_max = init_task.rlim[RLIMIT_SIGPENDING].rlim_cur;
	task_cachep = kmem_cache_create("task_struct", sizeof(struct task_struct),
					16, SLAB_PANIC, NULL);
}

/* ---- address spaces ---- */

static struct kmem_cache *mm_cachep;

/*
 * An empty address space: kernel mappings only, one user (the caller)
 * and the one struct reference all users share.  NULL if no memory.
 */
struct mm_struct *mm_alloc(void)
{
	struct mm_struct *mm = kmem_cache_alloc(mm_cachep, GFP_KERNEL | __GFP_ZERO);

	if (!mm)
		return NULL;
	atomic_set(&mm->mm_users, 1);
	atomic_set(&mm->mm_count, 1);
	mutex_init(&mm->mmap_lock);
	INIT_LIST_HEAD(&mm->mmap_list);
	init_new_context(mm);
	if (pgd_alloc(mm)) {
		kmem_cache_free(mm_cachep, mm);
		return NULL;
	}
	return mm;
}

/*
 * Drops a struct reference; the last frees the page directory and the
 * structure.  By then no user is left (exit_mmap has run) and no task
 * runs on it: each one that does holds a reference.  Never sleeps.
 */
void mmdrop(struct mm_struct *mm)
{
	if (!atomic_dec_and_test(&mm->mm_count))
		return;
	BUG_ON(mm == &init_mm);
	BUG_ON(atomic_read(&mm->mm_users));
	destroy_context(mm);
	pgd_free(mm);
	kmem_cache_free(mm_cachep, mm);
}

/*
 * Drops a user; the last one unmaps the address space and then gives up
 * the users' struct reference.  Sleeps (mmap_lock, through exit_mmap).
 */
void mmput(struct mm_struct *mm)
{
	if (!atomic_dec_and_test(&mm->mm_users))
		return;
	exit_mmap(mm);
	mmdrop(mm);
}

struct mm_struct *get_task_mm(struct task_struct *p)
{
	struct mm_struct *mm;

	task_lock(p);
	mm = p->flags & PF_KTHREAD ? NULL : p->mm;
	if (mm)
		mmget(mm);	/* p holds a user reference while p->mm is set */
	task_unlock(p);
	return mm;
}

/*
 * fork's view of memory, one VMA at a time: the rule for each kind of VMA
 * is stated here and nowhere else (Documentation/mm/fork.md's table).
 * Decided from the flags alone; the page tables are only walked, by
 * copy_page_range(), for a VMA whose rule says its PTEs are copied.
 */
enum fork_rule {
	FORK_SKIP,	/* not copied: the child has a hole here */
	FORK_SHARE,	/* VMA copied, no PTEs: the child faults in the same pages */
	FORK_REFAULT,	/* VMA copied, no PTEs: the child faults in the file's pages */
	FORK_WIPE,	/* VMA copied, no PTEs: the child faults in zeros */
	FORK_COPY,	/* VMA and PTEs copied, one more reference per page */
	FORK_COW,	/* as FORK_COPY, writable PTEs write-protected on both sides */
};

static enum fork_rule vma_fork_rule(const struct vm_area_struct *vma)
{
	unsigned long flags = vma->vm_flags;

	if (flags & VM_DONTCOPY)	/* madvise(MADV_DONTFORK) */
		return FORK_SKIP;
	if (flags & VM_WIPEONFORK)	/* madvise(MADV_WIPEONFORK): private anonymous */
		return FORK_WIPE;
	if (flags & VM_SHARED)		/* shared file or shmem (shared anonymous) */
		return FORK_SHARE;
	if (!vma->vm_anon_pages && vma->vm_ops && vma->vm_ops->map_pages)
		return FORK_REFAULT;	/* private file, page-cache pages only (as Linux) */
	if (flags & VM_MAYWRITE)	/* private, may be written (now or after mprotect) */
		return FORK_COW;
	return FORK_COPY;		/* private, can never be written */
}

/*
 * Gives @mm (the child's) what @vma's rule says.  0 or -ENOMEM; what was
 * copied stays in @mm for the caller's teardown.
 */
static int dup_vma(struct mm_struct *mm, struct mm_struct *oldmm,
		   struct vm_area_struct *vma)
{
	enum fork_rule rule = vma_fork_rule(vma);
	struct vm_area_struct *copy;

	if (rule == FORK_SKIP)
		return 0;
	if ((vma->vm_flags & VM_ACCOUNT) && vm_enough_memory(oldmm, vma_pages(vma)))
		return -ENOMEM;		/* the copy would be charged too (mm/commit.c) */
	copy = vm_area_dup(vma);
	if (!copy)
		return -ENOMEM;
	copy->vm_mm = mm;
	copy->vm_flags &= ~(VM_LOCKED | VM_LOCKONFAULT);	/* locks are not inherited */
	vma_link_tail(mm, copy);
	switch (rule) {
	case FORK_COPY:
	case FORK_COW:
		return copy_page_range(mm, oldmm, vma, rule == FORK_COW);
	case FORK_SHARE:
	case FORK_REFAULT:
	case FORK_WIPE:
	case FORK_SKIP:		/* returned above */
		break;
	}
	return 0;
}

/* The layout fields exec set up: where code, data, heap, stack, args are. */
static void dup_mm_layout(struct mm_struct *mm, const struct mm_struct *oldmm)
{
	mm->start_code = oldmm->start_code;
	mm->end_code = oldmm->end_code;
	mm->start_data = oldmm->start_data;
	mm->end_data = oldmm->end_data;
	mm->start_brk = oldmm->start_brk;
	mm->brk = oldmm->brk;
	mm->start_stack = oldmm->start_stack;
	mm->arg_start = oldmm->arg_start;
	mm->arg_end = oldmm->arg_end;
	mm->env_start = oldmm->env_start;
	mm->env_end = oldmm->env_end;
	mm->vdso_base = oldmm->vdso_base;
	mm->mmap_base = oldmm->mmap_base;
	mm->mmap_topdown = oldmm->mmap_topdown;
	mm->membarrier_state = oldmm->membarrier_state;	/* as Linux: exec clears it */
}

/*
 * fork_mode=share: the 4 MiB ranges whose page tables the child shares
 * (mm/pgtable_share.c) are those where every VMA is FORK_COPY or
 * FORK_COW; a range that also holds a shared, DONTCOPY or WIPEONFORK
 * VMA is copied per PTE as with fork_mode=copy, so that a shared table
 * only ever holds private mappings (Documentation/mm/fork.md).
 */
static void shareable_ranges(const struct mm_struct *oldmm, struct pgd_range_map *share)
{
	struct pgd_range_map mixed = { { 0 } };
	const struct vm_area_struct *vma;

	*share = mixed;
	list_for_each_entry(vma, &oldmm->mmap_list, vm_list) {
		enum fork_rule rule = vma_fork_rule(vma);
		unsigned int i = pgd_index(vma->vm_start), last = pgd_index(vma->vm_end - 1);

		for (; i <= last && i < KERNEL_PGD_BOUNDARY; i++) {
			if (rule == FORK_COPY || rule == FORK_COW)
				pgd_range_set(share, i);
			else
				pgd_range_set(&mixed, i);
		}
	}
	for (unsigned int w = 0; w < ARRAY_SIZE(share->bits); w++)
		share->bits[w] &= ~mixed.bits[w];
}

/*
 * Copies @oldmm's VMAs into the new, empty @mm by vma_fork_rule().
 * Takes @oldmm's mmap_lock; @mm is not yet visible to anyone.  On
 * failure the half-built @mm is torn down by the caller's mmput().
 */
static int dup_mmap(struct mm_struct *mm, struct mm_struct *oldmm)
{
	struct vm_area_struct *vma;
	int err = arch_dup_mmap(oldmm, mm);	/* the LDT; not under mmap_lock */

	if (err)
		return err;
	mutex_lock(&oldmm->mmap_lock);
	dup_mm_layout(mm, oldmm);
	if (fork_share_tables) {
		struct pgd_range_map share;

		shareable_ranges(oldmm, &share);
		fork_share_tables_of(mm, oldmm, &share);
	}
	list_for_each_entry(vma, &oldmm->mmap_list, vm_list) {
		err = dup_vma(mm, oldmm, vma);
		if (err)
			break;
	}
	mutex_unlock(&oldmm->mmap_lock);
	validate_mm(mm);
	return err;
}

struct mm_struct *dup_mm(struct mm_struct *oldmm)
{
	struct mm_struct *mm = mm_alloc();

	if (!mm)
		return NULL;
	if (dup_mmap(mm, oldmm)) {
		mmput(mm);
		return NULL;
	}
	return mm;
}

/* ---- fork, vfork, clone ---- */

/*
 * What clone() builds.  CLONE_VM shares the caller's mm (copy_mm()); with
 * CLONE_VFORK the caller sleeps until the child has exec'd or exited.
 * CLONE_FILES, CLONE_FS, CLONE_SIGHAND and CLONE_SYSVSEM share the
 * descriptor table, the fs_struct, the handler table and the SEM_UNDO
 * list (each reference counted; Documentation/scheduler/threads.md).
 * CLONE_PARENT makes the child a sibling of the caller, CLONE_PTRACE
 * traces it if the caller is traced, CLONE_UNTRACED keeps the tracer's
 * fork events from tracing it (kernel/ptrace.c); CLONE_IO is accepted
 * and means nothing (no I/O contexts).  CLONE_DETACHED is ignored (but
 * refused with CLONE_PIDFD).  The namespace flags are refused (EINVAL).
 */
#define CLONE_SUPPORTED		(CSIGNAL | CLONE_VM | CLONE_VFORK | CLONE_PARENT_SETTID | \
				 CLONE_CHILD_CLEARTID | CLONE_CHILD_SETTID | CLONE_SETTLS | \
				 CLONE_PIDFD | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | \
				 CLONE_SYSVSEM | CLONE_THREAD | CLONE_PARENT | CLONE_PTRACE | \
				 CLONE_UNTRACED | CLONE_IO)

/*
 * Linux's combination rules, in Linux's order (copy_process()), then
 * what Linnet does not build.
 */
static int clone_flags_check(const struct kernel_clone_args *args)
{
	unsigned long flags = args->flags;

	if ((flags & (CLONE_NEWNS | CLONE_FS)) == (CLONE_NEWNS | CLONE_FS))
		return -EINVAL;
	if ((flags & (CLONE_NEWUSER | CLONE_FS)) == (CLONE_NEWUSER | CLONE_FS))
		return -EINVAL;
	if ((flags & CLONE_THREAD) && !(flags & CLONE_SIGHAND))
		return -EINVAL;		/* thread groups share their handlers */
	if ((flags & CLONE_SIGHAND) && !(flags & CLONE_VM))
		return -EINVAL;		/* handlers are addresses in one mm */
	if ((flags & CLONE_PARENT) && current->tgid == 1)
		return -EINVAL;		/* init's siblings would have no reaper */
	if ((flags & CLONE_THREAD) && (flags & (CLONE_NEWUSER | CLONE_NEWPID)))
		return -EINVAL;
	if ((flags & CLONE_PIDFD) && (flags & (CLONE_DETACHED | CLONE_THREAD)))
		return -EINVAL;
	if (flags & ~(CLONE_SUPPORTED | CLONE_DETACHED))
		return -EINVAL;
	if ((flags & CSIGNAL) >= 64)
		return -EINVAL;		/* not a signal number */
	/* clone() stores the pidfd at parent_tid: it cannot take the tid too. */
	if ((flags & CLONE_PIDFD) && (flags & CLONE_PARENT_SETTID) &&
	    args->pidfd == args->parent_tid)
		return -EINVAL;
	return 0;
}

/*
 * The child becomes visible: a new process is a child of current (with
 * CLONE_PARENT, of current's parent: a sibling); a new thread
 * (CLONE_THREAD) joins current's group and has its leader's parent, on
 * no children list (it reaps itself).
 */
static void link_child(struct task_struct *p, unsigned long clone_flags)
{
	unsigned long flags;

	spin_lock_irqsave(&tasklist_lock, flags);
	if (clone_flags & CLONE_THREAD) {
		join_thread_group(p);
		p->parent = current->group_leader->parent;
	} else {
		p->parent = (clone_flags & CLONE_PARENT) ? current->group_leader->parent : current;
		list_add_tail(&p->sibling, &p->parent->children);
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);
}

/*
 * The child's address space: with CLONE_VM the caller's own, one more
 * user of it; otherwise a copy (dup_mm).  0 or -ENOMEM.
 */
static int copy_mm(unsigned long flags, struct task_struct *p)
{
	struct mm_struct *mm = current->mm;

	if (flags & CLONE_VM)
		mmget(mm);
	else
		mm = dup_mm(mm);
	if (!mm)
		return -ENOMEM;
	p->mm = mm;
	p->active_mm = mm;
	return 0;
}

/*
 * The child's descriptor table: the caller's own, one more user of it
 * (CLONE_FILES), or a copy.  0 or -ENOMEM.
 */
static int copy_files(unsigned long flags, struct task_struct *p)
{
	if (!current->files)
		return 0;
	if (flags & CLONE_FILES) {
		atomic_inc(&current->files->count);
		p->files = current->files;
		return 0;
	}
	p->files = dup_fd(current->files);
	return p->files ? 0 : -ENOMEM;
}

/*
 * exec: a descriptor table shared with other tasks (CLONE_FILES) is
 * replaced by a copy of its own before close-on-exec applies, as Linux's
 * unshare_files().  0 or -ENOMEM (nothing changed).
 */
int unshare_files(void)
{
	struct files_struct *old = current->files, *copy;

	if (!old || atomic_read(&old->count) == 1)
		return 0;
	copy = dup_fd(old);
	if (!copy)
		return -ENOMEM;
	task_lock(current);
	current->files = copy;
	task_unlock(current);
	put_files_struct(old);
	return 0;
}

/*
 * Everything copy_process() shares or copies per @flags: mm, files, fs,
 * handlers, SEM_UNDO list.  0 or -ENOMEM; what was set up stays in @p
 * for free_unstarted_child().
 */
static int copy_resources(unsigned long flags, struct task_struct *p)
{
	int err = copy_mm(flags, p);

	if (!err)
		err = copy_files(flags, p);
	if (!err)
		err = copy_fs(flags, p);
	if (!err)
		err = copy_sighand(flags, p);
	if (!err)
		err = copy_semundo(flags, p);
	return err;
}

/*
 * Undoes copy_process() for a child that has never run and that nobody
 * can see yet (not linked, not in /proc): drops what it holds, frees it.
 */
static void free_unstarted_child(struct task_struct *p)
{
	if (p->mm)
		mmput(p->mm);
	if (p->files)
		put_files_struct(p->files);
	exit_fs(p);
	exit_sem(p);
	free_task(p);
}

/* Copies current into a new task per @args; the child is not yet runnable. */
static struct task_struct *copy_process(const struct kernel_clone_args *args,
					const struct pt_regs *regs)
{
	struct task_struct *p = alloc_task(current->comm);

	int err;

	if (!p)
		return ERR_PTR(-ENOMEM);
	err = args->set_tid ? set_child_pid(p, args->set_tid) : 0;
	if (err) {
		free_task(p);
		return ERR_PTR(err);
	}
	if (copy_resources(args->flags, p)) {
		free_unstarted_child(p);
		return ERR_PTR(-ENOMEM);
	}
	p->dumpable = current->dumpable;
	memcpy(p->rlim, current->rlim, sizeof(p->rlim));
	p->make_it_fail = current->make_it_fail;
	oom_score_adj_fork(p);
	put_cred(p->cred);
	p->cred = get_cred(current->cred);
	p->nice = current->nice;
	sched_fork(p);
	p->personality = current->personality;
	if (args->flags & CLONE_THREAD)
		p->exit_signal = -1;
	else if (args->flags & CLONE_PARENT)	/* as a sibling: what the caller's parent expects */
		p->exit_signal = current->group_leader->exit_signal;
	else
		p->exit_signal = (int)(args->flags & CSIGNAL);
	p->pgid = current->pgid;
	p->sid = current->sid;
	signals_init_task(p, current);
	if (args->clear_sighand)
		clone_clear_sighand(p);
	rseq_fork(p, args->flags);
	clear_syscall_user_dispatch(p);
	seccomp_fork(p);
	if ((args->flags & (CLONE_VM | CLONE_VFORK)) == CLONE_VM) {
		p->sig.altstack_sp = p->sig.altstack_size = 0;	/* a new stack: not the caller's */
		p->sig.altstack_flags = SS_DISABLE;
	}
	if (args->flags & CLONE_CHILD_CLEARTID)
		p->clear_child_tid = args->child_tid;
	copy_thread_user(p, regs, args->new_sp);
	return p;
}

/*
 * First code of a forked child, before it returns to user space: finish
 * the switch, then do what needs the child's own address space
 * (CLONE_CHILD_SETTID).  A fault there is the child's problem, as on Linux.
 */
void schedule_tail_user(struct task_struct *prev)
{
	schedule_tail(prev);
	if (current->set_child_tid)
		put_user(current->pid, current->set_child_tid);
}

/*
 * RLIMIT_NPROC: the tasks of the caller's real user (zombies included,
 * as they still hold a pid) may not reach the limit.  As on Linux, real
 * uid 0 and holders of CAP_SYS_RESOURCE or CAP_SYS_ADMIN are exempt.
 */
static bool over_nproc_limit(void)
{
	unsigned long limit = rlimit(RLIMIT_NPROC), n = 0, flags;
	uid_t uid = current_uid();
	struct task_struct *p;

	if (limit == RLIM_INFINITY || uid == GLOBAL_ROOT_UID ||
	    capable(CAP_SYS_RESOURCE) || capable(CAP_SYS_ADMIN))
		return false;
	spin_lock_irqsave(&tasklist_lock, flags);
	list_for_each_entry(p, &task_list, tasks)
		if (!(p->flags & PF_KTHREAD) && p->cred->uid == uid)
			n++;
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return n >= limit;
}

/*
 * The TLS and thread-id requests of @args for the new child @p, the ones
 * done by the parent.  0 or -errno (a bad descriptor, a bad pointer).
 */
static int clone_set_tls_tid(const struct kernel_clone_args *args, struct task_struct *p)
{
	int err = 0;

	if (args->flags & CLONE_SETTLS)
		err = set_tls_for(p, args->tls);
	if (!err && (args->flags & CLONE_PARENT_SETTID) && put_user(p->pid, args->parent_tid))
		err = -EFAULT;
	if (args->flags & CLONE_CHILD_SETTID)
		p->set_child_tid = args->child_tid;	/* written by the child */
	return err;
}

/*
 * CLONE_PIDFD: a pidfd for the new child @p in *@file, its descriptor
 * (reserved, close-on-exec, installed by the caller once the child is
 * started) stored at args->pidfd; returns it, or -errno with nothing
 * left behind.
 */
static int clone_pidfd(const struct kernel_clone_args *args, struct task_struct *p, struct file **file)
{
	struct pid *pid = get_task_pid(p);
	struct file *f;
	int fd;

	if (!pid)
		return -ENOMEM;
	f = pidfd_file_create(pid, 0);
	put_pid(pid);
	if (IS_ERR(f))
		return PTR_ERR(f);
	fd = get_unused_fd_flags(O_CLOEXEC);
	if (fd >= 0 && put_user(fd, args->pidfd)) {
		put_unused_fd(fd);
		fd = -EFAULT;
	}
	if (fd < 0) {
		fput(f);
		return fd;
	}
	*file = f;
	return fd;
}

/*
 * A vfork parent sleeps until its child has exec'd or exited (the child
 * clears our flag in mm_release_vfork), so that the two never run at once
 * on the one stack they share.  Wait on our own flag, never on @p: with
 * SIGCHLD ignored the child is reaped, and freed, as soon as it exits.
 * SIGKILL ends the wait (as Linux's killable vfork wait); the child, still
 * alive since it has not let us go, must then not wake a parent that is
 * gone.  We die before returning to user space, so the child still has
 * the stack to itself.
 */
static void wait_for_vfork_done(struct task_struct *p)
{
	if (wait_event_killable(current->wait_vfork, !READ_ONCE(current->in_vfork_wait))) {
		p->vfork_parent = NULL;
		current->in_vfork_wait = false;
	}
}

long kernel_clone(const struct kernel_clone_args *args, const struct pt_regs *regs)
{
	struct task_struct *p;
	struct file *pidfile = NULL;
	pid_t pid;
	int pidfd = -1, err = clone_flags_check(args);

	if (err)
		return err;
	if (!current->mm)
		return -EINVAL;
	/* Linux's threads-max: the stack slots (the idle task has none). */
	if (over_nproc_limit() || nr_tasks() - 1 >= NR_STACK_SLOTS)
		return -EAGAIN;
	p = copy_process(args, regs);
	if (IS_ERR(p))
		return PTR_ERR(p);
	pid = p->pid;
	err = clone_set_tls_tid(args, p);
	if (!err && (args->flags & CLONE_PIDFD))
		err = pidfd = clone_pidfd(args, p, &pidfile);
	if (err < 0) {
		free_unstarted_child(p);
		return err;
	}
	link_child(p, args->flags);
	if (pidfile)
		fd_install(pidfd, pidfile);
	total_forks++;
	if (args->flags & CLONE_VFORK) {
		p->vfork_parent = current;
		current->in_vfork_wait = true;
	}
	wake_up_process(p);
	ptrace_clone_report(p, args->flags);	/* a traced parent's event stop */
	if (args->flags & CLONE_VFORK) {
		wait_for_vfork_done(p);
		ptrace_vfork_done(pid);
	}
	return pid;
}

SYSCALL_DEFINE0(fork)
{
	struct kernel_clone_args args = { .flags = SIGCHLD };

	return kernel_clone(&args, regs);
}

/*
 * vfork: the child runs in the parent's address space, on the parent's
 * stack, while the parent sleeps until the child execs or exits; the
 * child's writes are the parent's (Documentation/mm/fork.md).
 */
SYSCALL_DEFINE0(vfork)
{
	struct kernel_clone_args args = { .flags = CLONE_VM | CLONE_VFORK | SIGCHLD };

	return kernel_clone(&args, regs);
}

/* i386 order: flags, newsp, parent_tidptr, tls, child_tidptr. */
SYSCALL_DEFINE5(clone, unsigned long, flags, unsigned long, newsp,
		int __user *, parent_tid, unsigned long, tls, int __user *, child_tid)
{
	struct kernel_clone_args args = {
		.flags = flags, .new_sp = newsp, .parent_tid = parent_tid,
		.child_tid = child_tid, .tls = tls, .pidfd = parent_tid,
	};

	return kernel_clone(&args, task_pt_regs(current));
}

void mm_cache_init(void)
{
	mm_cachep = kmem_cache_create("mm_struct", sizeof(struct mm_struct), 0,
				      SLAB_PANIC, NULL);
}
