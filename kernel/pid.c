/*
 * Process file descriptors: pidfd_open, pidfd_send_signal, pidfd_getfd
 * and the pidfd file itself.
 *
 * A pidfd is an anonymous file whose private_data is a referenced
 * struct pid (linux-ish/pid.h).  The struct pid points at its task
 * until free_task() detaches it (under tasklist_lock), so a pidfd stays
 * valid after the process is reaped: signals then give ESRCH and poll
 * reports it readable.  It is readable (POLLIN) once the process has
 * exited, every thread of it (the group is dead); do_exit() wakes
 * pid->wait_pidfd.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/err.h>
#include <linux-ish/errno.h>
#include <linux-ish/fdtable.h>
#include <linux-ish/fs.h>
#include <linux-ish/pid.h>
#include <linux-ish/poll.h>
#include <linux-ish/proc_fs.h>
#include <linux-ish/ptrace.h>
#include <linux-ish/sched.h>
#include <linux-ish/cred.h>
#include <linux-ish/signal.h>
#include <linux-ish/slab.h>
#include <linux-ish/syscalls.h>
#include <linux-ish/uaccess.h>
#include <uapi/linux-ish/fcntl.h>
#include <uapi/linux-ish/pidfd.h>
#include <uapi/linux-ish/signal.h>

/*
 * @p's struct pid with one more reference, using *@spare (then set to
 * NULL) if @p has none yet.  NULL if it has none and there is no spare.
 * tasklist_lock held.
 */
static struct pid *__get_task_pid(struct task_struct *p, struct pid **spare)
{
	struct pid *pid = p->thread_pid;

	if (pid) {
		atomic_inc(&pid->count);
		return pid;
	}
	pid = *spare;
	if (!pid)
		return NULL;
	*spare = NULL;
	atomic_set(&pid->count, 2);	/* the task's and the caller's */
	pid->nr = p->pid;
	pid->task = p;
	init_waitqueue_head(&pid->wait_pidfd);
	p->thread_pid = pid;
	return pid;
}

struct pid *get_task_pid(struct task_struct *p)
{
	struct pid *spare = kzalloc(sizeof(*spare), GFP_KERNEL);
	struct pid *pid;
	unsigned long flags;

	spin_lock_irqsave(&tasklist_lock, flags);
	pid = __get_task_pid(p, &spare);
	spin_unlock_irqrestore(&tasklist_lock, flags);
	kfree(spare);
	return pid;
}

void put_pid(struct pid *pid)
{
	if (pid && atomic_dec_and_test(&pid->count))
		kfree(pid);
}

void pid_wake_exit(struct task_struct *p)
{
	struct pid *pid;
	unsigned long flags;

	spin_lock_irqsave(&tasklist_lock, flags);
	pid = p->thread_pid;	/* held by @p until free_task(): not freed under us */
	spin_unlock_irqrestore(&tasklist_lock, flags);
	if (pid)
		wake_up(&pid->wait_pidfd);
}

struct pid *pid_detach_task(struct task_struct *p)
{
	struct pid *pid = p->thread_pid;

	if (pid) {
		pid->task = NULL;
		p->thread_pid = NULL;
	}
	return pid;
}

/* @pid's task if it has not been reaped (a zombie counts), else NULL.  tasklist_lock held. */
static struct task_struct *pid_task_live(const struct pid *pid)
{
	struct task_struct *t = pid->task;

	return t && t->exit_state != EXIT_DEAD ? t : NULL;
}

/* ---- the pidfd file ---- */

static __poll_t pidfd_poll(struct file *f, struct poll_table_struct *pt)
{
	struct pid *pid = f->private_data;
	struct task_struct *t;
	unsigned long flags;
	bool exited;

	poll_wait(f, &pid->wait_pidfd, pt);
	spin_lock_irqsave(&tasklist_lock, flags);
	t = pid->task;
	exited = !t || (t->exit_state && t->signal->group_dead);	/* the whole process */
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return exited ? POLLIN | POLLRDNORM : 0;
}

/* fdinfo: Linux's "Pid:" and "NSpid:" (one namespace), -1 once reaped. */
static void pidfd_show_fdinfo(struct seq_buf *m, struct file *f)
{
	struct pid *pid = f->private_data;
	unsigned long flags;
	int nr;

	spin_lock_irqsave(&tasklist_lock, flags);
	nr = pid_task_live(pid) ? pid->nr : -1;
	spin_unlock_irqrestore(&tasklist_lock, flags);
	seq_printf(m, "Pid:\t%d\nNSpid:\t%d\n", nr, nr);
}

static int pidfd_release(struct inode *inode, struct file *f)
{
	put_pid(f->private_data);
	return 0;
}

/* No read or write: both fail with EINVAL, as Linux's. */
static const struct file_operations pidfd_fops = {
	.poll = pidfd_poll,
	.release = pidfd_release,
	.show_fdinfo = pidfd_show_fdinfo,
};

struct file *pidfd_file_create(struct pid *pid, unsigned int flags)
{
	struct file *f;

	atomic_inc(&pid->count);
	f = anon_inode_getfile("[pidfd]", &pidfd_fops, pid, O_RDWR | (flags & O_NONBLOCK));
	if (IS_ERR(f))
		put_pid(pid);
	return f;
}

struct pid *pidfd_get_pid(int fd, unsigned int *flags)
{
	struct file *f = fget(fd);
	struct pid *pid;

	if (!f)
		return ERR_PTR(-EBADF);
	if (f->f_op != &pidfd_fops) {
		fput(f);
		return ERR_PTR(-EBADF);
	}
	pid = f->private_data;
	atomic_inc(&pid->count);
	*flags = f->f_flags;
	fput(f);
	return pid;
}

/* A new close-on-exec descriptor for pidfd file @f, or -errno (@f dropped then). */
static int pidfd_install(struct file *f)
{
	int fd;

	if (IS_ERR(f))
		return PTR_ERR(f);
	fd = get_unused_fd_flags(O_CLOEXEC);
	if (fd < 0) {
		fput(f);
		return fd;
	}
	fd_install(fd, f);
	return fd;
}

/* ---- the system calls ---- */

/*
 * The struct pid of process @nr (referenced), or ERR_PTR(-ESRCH / -ENOMEM);
 * with @start, only if the process started then (not a later one that
 * was given the number again).
 */
static struct pid *find_get_pid_started(pid_t nr, const unsigned long *start)
{
	struct pid *spare = kzalloc(sizeof(*spare), GFP_KERNEL);
	struct task_struct *p;
	struct pid *pid = ERR_PTR(-ESRCH);
	unsigned long flags;

	spin_lock_irqsave(&tasklist_lock, flags);
	p = find_task_by_pid(nr);
	if (p && p->exit_state != EXIT_DEAD && (!start || p->start_time == *start))
		pid = __get_task_pid(p, &spare) ?: ERR_PTR(-ENOMEM);
	spin_unlock_irqrestore(&tasklist_lock, flags);
	kfree(spare);
	return pid;
}

static struct pid *find_get_pid(pid_t nr)
{
	return find_get_pid_started(nr, NULL);
}

/*
 * pidfd_send_signal's target: a pidfd's process, or, as Linux, the
 * process of a /proc/<pid> directory descriptor (ESRCH once it is gone).
 * Referenced, or ERR_PTR(-EBADF / -ESRCH / -ENOMEM).
 */
static struct pid *signal_target_pid(int fd, unsigned int *flags)
{
	struct file *f = fget(fd);
	unsigned long start = 0;
	struct pid *pid;
	pid_t nr;

	if (!f)
		return ERR_PTR(-EBADF);
	nr = proc_tgid_file_nr(f, &start);
	fput(f);
	if (!nr)
		return pidfd_get_pid(fd, flags);
	*flags = 0;
	pid = find_get_pid_started(nr, &start);
	return pid;
}

SYSCALL_DEFINE2(pidfd_open, pid_t, nr, unsigned int, flags)
{
	struct pid *pid;
	struct file *f;

	if (flags & ~PIDFD_NONBLOCK)
		return -EINVAL;
	if (nr <= 0)
		return -EINVAL;
	pid = find_get_pid(nr);
	if (IS_ERR(pid))
		return PTR_ERR(pid);
	if (pid->task && !thread_group_leader(pid->task)) {
		put_pid(pid);
		return -EINVAL;		/* a thread's id: Linux 6.1 opens only processes */
	}
	f = pidfd_file_create(pid, flags);
	put_pid(pid);
	return pidfd_install(f);
}

/*
 * A user siginfo for pidfd_send_signal: its signal must be @sig, and
 * only a process signalling itself may claim a kernel code (>= 0) or
 * SI_TKILL, as Linux.  0 or -EFAULT/-EINVAL/-EPERM.
 */
static int pidfd_siginfo(const void __user *uinfo, int sig, bool self, struct ksiginfo *info)
{
	s32 si[32];		/* i386: 128 bytes; si_signo, si_errno, si_code, si_pid, si_uid */

	if (copy_from_user(si, uinfo, sizeof(si)))
		return -EFAULT;
	if (si[0] != sig)
		return -EINVAL;
	if (!self && (si[2] >= 0 || si[2] == SI_TKILL))
		return -EPERM;
	info->code = si[2];
	info->pid = si[3];
	info->uid = (u32)si[4];
	return 0;
}

SYSCALL_DEFINE4(pidfd_send_signal, int, pidfd, int, sig, const void __user *, uinfo,
		unsigned int, flags)
{
	struct ksiginfo info = { .code = SI_USER, .pid = current->pid, .uid = current_uid() };
	unsigned int fflags;
	struct pid *pid;
	int err = 0;

	if (flags)
		return -EINVAL;
	pid = signal_target_pid(pidfd, &fflags);
	if (IS_ERR(pid))
		return PTR_ERR(pid);
	if (uinfo)
		err = pidfd_siginfo(uinfo, sig, pid->task == current, &info);
	if (!err) {
		unsigned long irqflags;

		spin_lock_irqsave(&tasklist_lock, irqflags);
		err = kill_task_info(pid_task_live(pid), sig, &info);
		spin_unlock_irqrestore(&tasklist_lock, irqflags);
	}
	put_pid(pid);
	return err;
}

/*
 * A referenced file of descriptor @fd of the process behind @pid, if the
 * caller may attach to it; ERR_PTR(-ESRCH / -EPERM / -EBADF).
 */
static struct file *pidfd_fget(struct pid *pid, int fd)
{
	struct task_struct *t;
	struct file *f;
	unsigned long flags;

	spin_lock_irqsave(&tasklist_lock, flags);
	t = pid_task_live(pid);
	if (!t)
		f = ERR_PTR(-ESRCH);
	else if (!ptrace_may_access(t, PTRACE_MODE_ATTACH_REALCREDS))
		f = ERR_PTR(-EPERM);
	else
		f = fget_task(t, fd) ?: ERR_PTR(-EBADF);
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return f;
}

SYSCALL_DEFINE3(pidfd_getfd, int, pidfd, int, fd, unsigned int, flags)
{
	unsigned int fflags;
	struct pid *pid;
	struct file *f;
	int newfd;

	if (flags)
		return -EINVAL;
	pid = pidfd_get_pid(pidfd, &fflags);
	if (IS_ERR(pid))
		return PTR_ERR(pid);
	f = pidfd_fget(pid, fd);
	put_pid(pid);
	if (IS_ERR(f))
		return PTR_ERR(f);
	newfd = get_unused_fd_flags(O_CLOEXEC);
	if (newfd < 0) {
		fput(f);
		return newfd;
	}
	fd_install(newfd, f);
	return newfd;
}
