/*
 * Creating tasks.  alloc_task() gives a task_struct with a fresh kernel
 * stack (mapped in the guarded stack area, see linux-ish/vmstack.h, with
 * STACK_END_MAGIC in its lowest word) and a pid; kthread_run() turns one
 * into a runnable kernel thread.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/mm.h>
#include <linux-ish/sched.h>
#include <linux-ish/slab.h>
#include <linux-ish/string.h>
#include <linux-ish/vmstack.h>
#include <linux-ish/err.h>
#include <linux-ish/errno.h>
#include <linux-ish/fdtable.h>
#include <linux-ish/fs.h>
#include <linux-ish/proc_fs.h>
#include <linux-ish/syscalls.h>
#include <linux-ish/uaccess.h>
#include <asm/mmu_context.h>

BUILD_BUG_ON(2 * PAGE_SIZE != THREAD_SIZE);

static struct kmem_cache *task_cachep;
LIST_HEAD(task_list);
DEFINE_SPINLOCK(tasklist_lock);
static pid_t last_pid;
static unsigned int nr_threads = 1;	/* init_task */

extern char init_stack[];

struct task_struct init_task = {
	.state = TASK_RUNNING,
	.flags = PF_KTHREAD,
	.stack = init_stack,
	.comm = "swapper",
	.run_list = LIST_HEAD_INIT(init_task.run_list),
	.pid = 0,
	.active_mm = &init_mm,
	.parent = &init_task,
	.children = LIST_HEAD_INIT(init_task.children),
	.sibling = LIST_HEAD_INIT(init_task.sibling),
	.tasks = LIST_HEAD_INIT(init_task.tasks),
	.wait_chldexit = __WAIT_QUEUE_HEAD_INITIALIZER(init_task.wait_chldexit),
	.wait_vfork = __WAIT_QUEUE_HEAD_INITIALIZER(init_task.wait_vfork),
	.rlim = INIT_RLIMITS,
};

#define PID_MAX		32768
#define RESERVED_PIDS	300	/* after wrapping, low pids stay for daemons (as Linux) */

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
 * Pids count up from 1; after PID_MAX - 1 they wrap to RESERVED_PIDS and
 * skip those still in use (zombies included).  At most 2048 tasks exist
 * (the stack area), so a free pid is always found.
 */
pid_t alloc_pid(void)
{
	unsigned long flags;
	pid_t pid;

	spin_lock_irqsave(&tasklist_lock, flags);
	do {
		last_pid = last_pid >= PID_MAX - 1 ? RESERVED_PIDS : last_pid + 1;
	} while (pid_in_use(last_pid));
	pid = last_pid;
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return pid;
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
	p->stack = alloc_thread_stack(&stack);
	if (!p->stack) {
		kmem_cache_free(task_cachep, p);
		return NULL;
	}
	p->stack_page = stack;
	*(unsigned long *)p->stack = STACK_END_MAGIC;
	p->state = TASK_UNINTERRUPTIBLE;	/* not runnable until woken */
	strlcpy(p->comm, name, sizeof(p->comm));
	p->pid = alloc_pid();
	p->active_mm = &init_mm;
	memcpy(p->rlim, init_task.rlim, sizeof(p->rlim));
	INIT_LIST_HEAD(&p->run_list);
	INIT_LIST_HEAD(&p->children);
	INIT_LIST_HEAD(&p->sibling);
	init_waitqueue_head(&p->wait_chldexit);
	init_waitqueue_head(&p->wait_vfork);
	signals_init_task(p, NULL);
	spin_lock_irqsave(&tasklist_lock, flags);
	list_add_tail(&p->tasks, &task_list);
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

void free_task(struct task_struct *p)
{
	unsigned long flags;

	free_task_stack(p);
	spin_lock_irqsave(&tasklist_lock, flags);
	list_del(&p->tasks);
	nr_threads--;
	spin_unlock_irqrestore(&tasklist_lock, flags);
	kmem_cache_free(task_cachep, p);
}

struct task_struct *kthread_run(int (*fn)(void *), void *arg, const char *name)
{
	struct task_struct *p = alloc_task(name);

	if (!p)
		return NULL;
	p->flags |= PF_KTHREAD;
	p->parent = &init_task;
	copy_thread_kernel(p, fn, arg);
	wake_up_process(p);
	return p;
}

void fork_init(void)
{
	task_cachep = kmem_cache_create("task_struct", sizeof(struct task_struct),
					16, SLAB_PANIC, NULL);
}

/* ---- address spaces ---- */

static struct kmem_cache *mm_cachep;

/* An empty address space: kernel mappings only.  NULL if no memory. */
struct mm_struct *mm_alloc(void)
{
	struct mm_struct *mm = kmem_cache_alloc(mm_cachep, GFP_KERNEL | __GFP_ZERO);

	if (!mm)
		return NULL;
	atomic_set(&mm->mm_users, 1);
	mutex_init(&mm->mmap_lock);
	INIT_LIST_HEAD(&mm->mmap_list);
	if (pgd_alloc(mm)) {
		kmem_cache_free(mm_cachep, mm);
		return NULL;
	}
	return mm;
}

/* Drops a user; the last one tears the address space down. */
void mmput(struct mm_struct *mm)
{
	if (!atomic_dec_and_test(&mm->mm_users))
		return;
	exit_mmap(mm);
	pgd_free(mm);
	kmem_cache_free(mm_cachep, mm);
}

/*
 * fork's view of memory: the child gets a copy of every VMA, and each
 * VMA's pages are shared or COW-protected by its own flags (see the table
 * in Documentation/mm/fork.md):
 *   VM_DONTCOPY            not copied at all
 *   VM_SHARED (file/shmem) the VMA is copied, no PTEs: the child faults
 *                          the same page-cache/shmem pages in
 *   private                PTEs copied, each page referenced once more;
 *                          writable ones write-protected on both sides
 * Nothing here walks page tables except copy_page_range() for a VMA it
 * has decided to copy.  On failure the half-built child mm is torn down
 * by the caller's mmput().
 */
static int dup_mmap(struct mm_struct *mm, struct mm_struct *oldmm)
{
	struct vm_area_struct *vma, *copy;
	int err = 0;

	mutex_lock(&oldmm->mmap_lock);
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
	list_for_each_entry(vma, &oldmm->mmap_list, vm_list) {
		if (vma->vm_flags & VM_DONTCOPY)
			continue;
		copy = vm_area_dup(vma);
		if (!copy) {
			err = -ENOMEM;
			break;
		}
		copy->vm_mm = mm;
		list_add_tail(&copy->vm_list, &mm->mmap_list);
		mm->map_count++;
		mm->total_vm += (copy->vm_end - copy->vm_start) >> PAGE_SHIFT;
		err = copy_page_range(mm, oldmm, vma);
		if (err)
			break;
	}
	mutex_unlock(&oldmm->mmap_lock);
	validate_mm(mm);
	return err;
}

static struct mm_struct *dup_mm(struct mm_struct *oldmm)
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

#define CSIGNAL			0x000000ff
#define CLONE_VM		0x00000100
#define CLONE_FS		0x00000200
#define CLONE_FILES		0x00000400
#define CLONE_SIGHAND		0x00000800
#define CLONE_PIDFD		0x00001000
#define CLONE_PTRACE		0x00002000
#define CLONE_VFORK		0x00004000
#define CLONE_PARENT		0x00008000
#define CLONE_THREAD		0x00010000
#define CLONE_SETTLS		0x00080000
#define CLONE_PARENT_SETTID	0x00100000
#define CLONE_CHILD_CLEARTID	0x00200000
#define CLONE_CHILD_SETTID	0x01000000
#define CLONE_SUPPORTED		(CSIGNAL | CLONE_VFORK | CLONE_PARENT_SETTID | \
				 CLONE_CHILD_CLEARTID | CLONE_CHILD_SETTID | CLONE_SETTLS)

struct clone_args {
	unsigned long flags;
	unsigned long new_sp;
	int __user *parent_tid;
	int __user *child_tid;
	unsigned long tls;		/* struct user_desc __user * */
};

static void link_child(struct task_struct *p)
{
	unsigned long flags;

	spin_lock_irqsave(&tasklist_lock, flags);
	p->parent = current;
	list_add_tail(&p->sibling, &current->children);
	spin_unlock_irqrestore(&tasklist_lock, flags);
}

/* Copies current into a new task per @args; the child is not yet runnable. */
static struct task_struct *copy_process(const struct clone_args *args,
					const struct pt_regs *regs)
{
	struct task_struct *p = alloc_task(current->comm);

	if (!p)
		return ERR_PTR(-ENOMEM);
	p->mm = dup_mm(current->mm);
	p->files = current->files ? dup_fd(current->files) : NULL;
	if (!p->mm || (current->files && !p->files)) {
		if (p->mm)
			mmput(p->mm);
		if (p->files)
			put_files_struct(p->files);
		free_task(p);
		return ERR_PTR(-ENOMEM);
	}
	p->active_mm = p->mm;
	copy_fs(p);
	p->umask = current->umask;
	memcpy(p->rlim, current->rlim, sizeof(p->rlim));
	p->make_it_fail = current->make_it_fail;
	p->exit_signal = args->flags & CSIGNAL;
	p->pgid = current->pgid;
	p->sid = current->sid;
	signals_init_task(p, current);
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
 * RLIMIT_NPROC: user processes (zombies included, as they still hold a
 * pid) may not reach the limit.  Linnet has one user and no capabilities,
 * so every process counts and root is not exempt.
 */
static bool over_nproc_limit(void)
{
	unsigned long limit = rlimit(RLIMIT_NPROC), n = 0, flags;
	struct task_struct *p;

	if (limit == RLIM_INFINITY)
		return false;
	spin_lock_irqsave(&tasklist_lock, flags);
	list_for_each_entry(p, &task_list, tasks)
		if (!(p->flags & PF_KTHREAD))
			n++;
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return n >= limit;
}

static long kernel_clone(const struct clone_args *args, const struct pt_regs *regs)
{
	struct task_struct *p;
	pid_t pid;

	if (args->flags & ~CLONE_SUPPORTED)
		return -EINVAL;		/* shared VM, files, threads: not yet */
	if ((args->flags & CSIGNAL) >= 64)
		return -EINVAL;		/* not a signal number */
	if (!current->mm)
		return -EINVAL;
	/* Linux's threads-max: the stack slots (the idle task has none). */
	if (over_nproc_limit() || nr_tasks() - 1 >= NR_STACK_SLOTS)
		return -EAGAIN;
	p = copy_process(args, regs);
	if (IS_ERR(p))
		return PTR_ERR(p);
	pid = p->pid;
	if ((args->flags & CLONE_SETTLS) && set_tls_for(p, args->tls))
		goto out_fault;
	if (args->flags & CLONE_CHILD_SETTID)
		p->set_child_tid = args->child_tid;
	if ((args->flags & CLONE_PARENT_SETTID) && put_user(pid, args->parent_tid))
		goto out_fault;
	link_child(p);
	if (args->flags & CLONE_VFORK) {
		p->vfork_parent = current;
		current->in_vfork_wait = true;
	}
	wake_up_process(p);
	/*
	 * Wait on our own flag, never on @p: with SIGCHLD ignored the child
	 * is reaped, and freed, as soon as it exits.  SIGKILL ends the wait
	 * (as Linux's killable vfork wait); the child, still alive since it
	 * has not let us go, must then not wake a parent that is gone.
	 */
	if ((args->flags & CLONE_VFORK) &&
	    wait_event_killable(current->wait_vfork, !READ_ONCE(current->in_vfork_wait))) {
		p->vfork_parent = NULL;
		current->in_vfork_wait = false;
	}
	return pid;

out_fault:
	mmput(p->mm);
	put_files_struct(p->files);
	exit_fs(p);
	free_task(p);
	return -EFAULT;
}

#define SIGCHLD_NR	17

SYSCALL_DEFINE0(fork)
{
	struct clone_args args = { .flags = SIGCHLD_NR };

	return kernel_clone(&args, regs);
}

/*
 * vfork: the parent sleeps until the child execs or exits.  The child has
 * its own copy-on-write address space, not the parent's (no CLONE_VM
 * yet); a vfork child may only exec or _exit anyway.
 */
SYSCALL_DEFINE0(vfork)
{
	struct clone_args args = { .flags = CLONE_VFORK | SIGCHLD_NR };

	return kernel_clone(&args, regs);
}

/* i386 order: flags, newsp, parent_tidptr, tls, child_tidptr. */
SYSCALL_DEFINE5(clone, unsigned long, flags, unsigned long, newsp,
		int __user *, parent_tid, unsigned long, tls, int __user *, child_tid)
{
	struct clone_args args = {
		.flags = flags, .new_sp = newsp, .parent_tid = parent_tid,
		.child_tid = child_tid, .tls = tls,
	};

	return kernel_clone(&args, task_pt_regs(current));
}

void mm_cache_init(void)
{
	mm_cachep = kmem_cache_create("mm_struct", sizeof(struct mm_struct), 0,
				      SLAB_PANIC, NULL);
}
