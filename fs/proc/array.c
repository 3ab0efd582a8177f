/*
 * /proc/<pid>/stat, statm and status: a process's state in Linux's
 * formats (fs/proc/array.c's names).  Fields Linnet does not keep
 * (start time, fault counts, scheduling policy...) read 0, as Linux shows
 * fields it hides.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/cred.h>
#include <linux-ish/fs.h>
#include <linux-ish/mm.h>
#include <linux-ish/fdtable.h>
#include <linux-ish/resource.h>
#include <linux-ish/string.h>
#include <linux-ish/time.h>
#include <linux-ish/ptrace.h>
#include <linux-ish/sigqueue.h>
#include <linux-ish/kallsyms.h>
#include <linux-ish/sched.h>
#include <asm/thread.h>
#include <asm/traps.h>
#include <uapi/linux-ish/time.h>
#include "internal.h"


/* The state letter and word of ps(1) and status. */
static const char *task_state(const struct task_struct *p)
{
	if (p->exit_state == EXIT_ZOMBIE)
		return "Z (zombie)";
	if (p->signal->stopped || p->state == TASK_STOPPED)
		return "T (stopped)";
	if (p->ptrace && READ_ONCE(p->ptrace->stopped))	/* no sleep here: the link stays */
		return "t (tracing stop)";
	if (p->state == TASK_RUNNING)
		return "R (running)";
	if (p->state == TASK_UNINTERRUPTIBLE || p->state == TASK_KILLABLE)
		return "D (disk sleep)";
	return "S (sleeping)";
}

/* Signals whose action is SIG_IGN (@ign) or a handler (!@ign). */
static sigset_t sig_with_action(const struct task_struct *p, bool ign)
{
	sigset_t set = 0;

	for (int sig = 1; sig <= _NSIG; sig++) {
		void __user *h = p->sighand->action[sig - 1].handler;

		if (ign ? h == SIG_IGN : (h != SIG_DFL && h != SIG_IGN))
			set |= sigmask(sig);
	}
	return set;
}

/* Pages of private writable and stack VMAs: statm's "data", VmData + VmStk. */
/* Data pages; *stack gets the stack's, *locked the mlocked VMAs' (VmLck). */
static unsigned long data_pages(struct mm_struct *mm, unsigned long *stack,
				unsigned long *locked)
{
	struct vm_area_struct *vma;
	unsigned long data = 0;

	*stack = *locked = 0;
	mutex_lock(&mm->mmap_lock);
	list_for_each_entry(vma, &mm->mmap_list, vm_list) {
		unsigned long pages = (vma->vm_end - vma->vm_start) >> PAGE_SHIFT;

		if (vma->vm_flags & VM_LOCKED)
			*locked += pages;
		if (vma->vm_flags & VM_GROWSDOWN)
			*stack += pages;
		else if ((vma->vm_flags & (VM_WRITE | VM_SHARED)) == VM_WRITE)
			data += pages;
	}
	mutex_unlock(&mm->mmap_lock);
	return data;
}

static unsigned long text_pages(const struct mm_struct *mm)
{
	return (PAGE_ALIGN(mm->end_code) - (mm->start_code & PAGE_MASK)) >> PAGE_SHIFT;
}

/* statm: size resident shared text lib data dt, in pages. */
void proc_show_statm(struct seq_buf *m, struct task_struct *p)
{
	struct mm_struct *mm = get_task_mm(p);
	unsigned long stack, data, locked;

	if (!mm) {
		seq_printf(m, "0 0 0 0 0 0 0\n");
		return;
	}
	data = data_pages(mm, &stack, &locked);
	seq_printf(m, "%lu %lu %lu %lu 0 %lu 0\n", mm->total_vm,
		   mm->rss_anon + mm->rss_file, mm->rss_file, text_pages(mm), data + stack);
	mmput(mm);
}

/* The mm part of stat: vsize rss, then the layout fields (0 without an mm). */
struct stat_mm {
	unsigned long vsize, rss, start_code, end_code, start_stack;
	unsigned long start_data, end_data, start_brk, arg_start, arg_end, env_start, env_end;
};

static void stat_mm_fill(struct task_struct *p, struct stat_mm *s)
{
	struct mm_struct *mm = get_task_mm(p);

	memset(s, 0, sizeof(*s));
	if (!mm)
		return;
	s->vsize = mm->total_vm << PAGE_SHIFT;
	s->rss = mm->rss_anon + mm->rss_file;
	s->start_code = mm->start_code;
	s->end_code = mm->end_code;
	s->start_stack = mm->start_stack;
	s->start_data = mm->start_data;
	s->end_data = mm->end_data;
	s->start_brk = mm->start_brk;
	s->arg_start = mm->arg_start;
	s->arg_end = mm->arg_end;
	s->env_start = mm->env_start;
	s->env_end = mm->env_end;
	mmput(mm);
}

static unsigned long ticks_to_user_hz(unsigned long ticks)
{
	return (unsigned long)((u64)ticks * USER_HZ / HZ);
}

/* Linux's values of the task flags stat shows (PF_KTHREAD is what tools test). */
#define LINUX_PF_EXITING	0x00000004U
#define LINUX_PF_KTHREAD	0x00200000U

static unsigned int stat_flags(const struct task_struct *p)
{
	return ((p->flags & PF_KTHREAD) ? LINUX_PF_KTHREAD : 0) |
	       ((p->flags & PF_EXITING) ? LINUX_PF_EXITING : 0);
}

/* stat: the 52 fields of proc(5), one line. */
void proc_show_stat(struct seq_buf *m, struct task_struct *p)
{
	const struct task_rusage *ru = &p->ru, *cru = &p->signal->cru;
	struct stat_mm s;

	stat_mm_fill(p, &s);
	seq_printf(m, "%d (%s) %c %d %d %d 0 -1 %u %lu %lu %lu %lu %lu %lu %lu %lu %d %d %d 0 %lu "
		   "%lu %lu %lu ",
		   p->pid, p->comm, task_state(p)[0],
		   p->group_leader->parent ? p->group_leader->parent->tgid : 0,
		   p->pgid, p->sid, stat_flags(p), ru->min_flt, cru->min_flt, ru->maj_flt, cru->maj_flt,
		   ticks_to_user_hz(ru->utime), ticks_to_user_hz(ru->stime),
		   ticks_to_user_hz(cru->utime), ticks_to_user_hz(cru->stime),
		   20 + p->nice, p->nice, p->signal->nr_threads, ticks_to_user_hz(p->start_time), s.vsize, s.rss, p->rlim[RLIMIT_RSS].rlim_cur);
	seq_printf(m, "%lu %lu %lu 0 0 %lu %lu %lu %lu 0 0 0 %d 0 0 0 0 0 0 ",
		   s.start_code, s.end_code, s.start_stack,
		   (unsigned long)p->sig.pending, (unsigned long)p->sig.blocked,
		   (unsigned long)sig_with_action(p, true), (unsigned long)sig_with_action(p, false),
		   p->exit_signal);
	seq_printf(m, "%lu %lu %lu %lu %lu %lu %lu %d\n", s.start_data, s.end_data, s.start_brk,
		   s.arg_start, s.arg_end, s.env_start, s.env_end,
		   p->exit_state == EXIT_ZOMBIE ? p->exit_code : 0);
}

static void status_mm(struct seq_buf *m, struct task_struct *p)
{
	struct mm_struct *mm = get_task_mm(p);
	unsigned long stack, data, rss, locked;

	if (!mm)
		return;
	data = data_pages(mm, &stack, &locked);
	rss = mm->rss_anon + mm->rss_file;
	seq_printf(m, "VmPeak:\t%8lu kB\nVmSize:\t%8lu kB\nVmLck:\t%8lu kB\nVmPin:\t%8lu kB\n",
		   get_mm_hiwater_vm(mm) << 2, mm->total_vm << 2, locked << 2, 0UL);
	seq_printf(m, "VmHWM:\t%8lu kB\nVmRSS:\t%8lu kB\nRssAnon:\t%8lu kB\n"
		   "RssFile:\t%8lu kB\nRssShmem:\t%8lu kB\n",
		   get_mm_hiwater_rss(mm) << 2, rss << 2, mm->rss_anon << 2, mm->rss_file << 2, 0UL);
	seq_printf(m, "VmData:\t%8lu kB\nVmStk:\t%8lu kB\nVmExe:\t%8lu kB\nVmLib:\t%8lu kB\n"
		   "VmPTE:\t%8lu kB\nVmSwap:\t%8lu kB\n",
		   data << 2, stack << 2, text_pages(mm) << 2, 0UL, mm->nr_ptes << 2,
		   mm->swap_ents << 2);
	mmput(mm);
}

/* status: the ids (real, effective, saved, fs) and the supplementary groups. */
static void status_cred(struct seq_buf *m, const struct cred *c, unsigned int fdsize)
{
	const struct group_info *gi = c->group_info;

	seq_printf(m, "Uid:\t%u\t%u\t%u\t%u\nGid:\t%u\t%u\t%u\t%u\nFDSize:\t%d\nGroups:\t",
		   c->uid, c->euid, c->suid, c->fsuid, c->gid, c->egid, c->sgid, c->fsgid, fdsize);
	for (int i = 0; i < gi->ngroups; i++)
		seq_printf(m, "%u ", gi->gid[i]);
	seq_printf(m, "\n");
}

/* status: "Key:\tvalue" lines, in Linux's order (the ones Linnet has). */
void proc_show_status(struct seq_buf *m, struct task_struct *p)
{
	seq_printf(m, "Name:\t%s\nUmask:\t%04o\nState:\t%s\nTgid:\t%d\nNgid:\t0\nPid:\t%d\n"
		   "PPid:\t%d\nTracerPid:\t%d\n",
		   p->comm, p->fs->umask, task_state(p), p->tgid, p->pid,
		   p->group_leader->parent ? p->group_leader->parent->tgid : 0, ptrace_tracer_pid(p));
	status_cred(m, p->cred, fd_table_size(p));
	status_mm(m, p);
	seq_printf(m, "Threads:\t%d\nSigQ:\t%lu/%lu\nSigPnd:\t%016llx\nShdPnd:\t%016llx\n"
		   "SigBlk:\t%016llx\nSigIgn:\t%016llx\nSigCgt:\t%016llx\n", p->signal->nr_threads,
		   sigqueue_user_count(p->cred->uid), READ_ONCE(p->rlim[RLIMIT_SIGPENDING].rlim_cur),
		   p->sig.pending, p->signal->shared_pending, p->sig.blocked, sig_with_action(p, true),
		   sig_with_action(p, false));
	seq_printf(m, "CapInh:\t%016llx\nCapPrm:\t%016llx\nCapEff:\t%016llx\n"
		   "CapBnd:\t%016llx\nCapAmb:\t%016llx\n",
		   p->cred->cap_inheritable, p->cred->cap_permitted, p->cred->cap_effective,
		   CAP_FULL_SET, 0ULL);
	seccomp_show_status(m, p);
}

/*
 * /proc/<pid>/syscall, Linux's format: the system call the task is in
 * and its six arguments, then the user stack pointer and instruction
 * pointer ("-1 sp ip" outside a call, "running" for another task that is
 * on the CPU).  Shown at read time (PE_AT_READ), so a task reading its
 * own sees that read.
 */
void proc_show_syscall(struct seq_buf *m, struct task_struct *p)
{
	const struct pt_regs *r = task_pt_regs(p);

	if (p != current && p->state == TASK_RUNNING) {
		seq_printf(m, "running\n");
		return;
	}
	if (r->trapnr == SYSCALL_VECTOR && (long)r->orig_ax >= 0)
		seq_printf(m, "%ld 0x%lx 0x%lx 0x%lx 0x%lx 0x%lx 0x%lx 0x%lx 0x%lx\n",
			   (long)r->orig_ax, r->bx, r->cx, r->dx, r->si, r->di, r->bp,
			   r->sp, r->ip);
	else
		seq_printf(m, "-1 0x%lx 0x%lx\n", r->sp, r->ip);
}

/*
 * /proc/<pid>/wchan: the function a sleeping task waits in (the first
 * caller outside the scheduler, by kallsyms, no offset), else "0": a
 * running task, one we may not inspect (as in Linux, no error), a
 * symbol not found.
 */
void proc_show_wchan(struct seq_buf *m, struct task_struct *p)
{
	unsigned long wchan = ptrace_may_access(p, PTRACE_MODE_READ) ? get_wchan(p) : 0;
	unsigned long off, size;
	const char *name = wchan ? kallsyms_lookup(wchan, &off, &size) : NULL;

	seq_printf(m, "%s", name ? name : "0");
}
