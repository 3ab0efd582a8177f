/*
 * Fault signals before signal delivery exists: the kernel reports the
 * fault the way Linux logs an unhandled one and ends the process as if
 * the signal's default action (terminate) had run.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/mm.h>
#include <linux-ish/sched.h>
#include <linux-ish/signal.h>
#include <linux-ish/errno.h>
#include <linux-ish/syscalls.h>

static const char *fault_name(int sig)
{
	switch (sig) {
	case SIGSEGV:
		return "segfault";
	case SIGBUS:
		return "bus error";
	case SIGILL:
		return "illegal instruction";
	case SIGFPE:
		return "trap divide error";
	default:
		return "fault";
	}
}

void force_sig_fault(int sig, unsigned long address, struct pt_regs *regs)
{
	printk(KERN_INFO "%s[%d]: %s at %lx ip %08lx sp %08lx error %lx\n",
	       current->comm, current->pid, fault_name(sig), address, regs->ip,
	       regs->sp, regs->orig_ax);
	do_exit(sig);		/* wait status: terminated by @sig */
}

void oom_kill_current(unsigned long address)
{
	struct mm_struct *mm = current->mm;

	printk(KERN_ERR "Out of memory: Killed process %d (%s) total-vm:%luK, "
	       "anon-rss:%luK, file-rss:%luK (fault at %#lx)\n", current->pid,
	       current->comm, mm ? mm->total_vm << 2 : 0, mm ? mm->rss_anon << 2 : 0,
	       mm ? mm->rss_file << 2 : 0, address);
	do_exit(SIGKILL);
}

static bool sig_default_ignored(int sig)
{
	return sig == SIGCHLD || sig == SIGURG || sig == SIGWINCH || sig == SIGCONT;
}

static bool sig_default_stops(int sig)
{
	return sig == SIGSTOP || sig == SIGTSTP || sig == SIGTTIN || sig == SIGTTOU;
}

void send_sig(int sig, struct task_struct *p)
{
	if (!sig || sig_default_ignored(sig) || sig_default_stops(sig))
		return;
	if (p->flags & PF_KTHREAD || p->exit_state)
		return;
	if (p->pid == 1)
		return;		/* init only gets signals it handles: none yet */
	if (!p->pending_kill)
		WRITE_ONCE(p->pending_kill, sig);
	if (p != current)
		wake_up_interruptible_task(p);
}

static struct task_struct *find_task(pid_t pid)
{
	struct task_struct *p;

	list_for_each_entry(p, &task_list, tasks)
		if (p->pid == pid && !(p->flags & PF_KTHREAD))
			return p;
	return NULL;
}

/* Sends @sig to @pid (> 0) or to every process but init and the caller (-1). */
static long do_kill(pid_t pid, int sig)
{
	struct task_struct *p;
	unsigned long flags;
	long ret = -ESRCH;

	if (sig < 0 || sig >= _NSIG)
		return -EINVAL;
	if (sig_default_stops(sig))
		return -ENOSYS;		/* job control arrives with the shell */
	if (pid == 0 || pid < -1)
		return -ENOSYS;		/* process groups arrive with the shell */
	spin_lock_irqsave(&tasklist_lock, flags);
	if (pid > 0) {
		p = find_task(pid);
		if (p) {
			send_sig(sig, p);
			ret = 0;
		}
	} else {
		list_for_each_entry(p, &task_list, tasks) {
			if (p->pid > 1 && p != current && !(p->flags & PF_KTHREAD)) {
				send_sig(sig, p);
				ret = 0;
			}
		}
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return ret;
}

SYSCALL_DEFINE2(kill, pid_t, pid, int, sig)
{
	return do_kill(pid, sig);
}

SYSCALL_DEFINE3(tgkill, pid_t, tgid, pid_t, pid, int, sig)
{
	if (tgid <= 0 || pid <= 0)
		return -EINVAL;
	if (tgid != pid)
		return -ESRCH;		/* one thread per process */
	return do_kill(pid, sig);
}
