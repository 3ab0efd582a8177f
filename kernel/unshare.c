/*
 * personality, unshare and setns as a Linux kernel built without
 * namespaces answers them.
 *
 * personality: any value is stored and the old one returned (0xffffffff
 * only reads); exec keeps the flags above PER_MASK with the domain
 * PER_LINUX, minus PER_CLEAR_ON_SETID for a set-id program.  Linnet acts
 * on none of the flags (no ASLR to turn off, no READ_IMPLIES_EXEC,
 * UNAME26 or MMAP_PAGE_ZERO): see Documentation/userspace-api/syscalls.md.
 *
 * unshare: CLONE_FILES and CLONE_FS give the caller a copy of a shared
 * descriptor table or fs_struct; CLONE_SYSVSEM leaves a shared SEM_UNDO
 * list (applying it if the caller was its last user).  As Linux,
 * CLONE_VM implies CLONE_SIGHAND, which implies CLONE_THREAD; they
 * succeed only when nothing is shared (one thread, its own handler
 * table, an mm nobody else uses: a vfork child's is, EINVAL).  Namespace
 * flags need CAP_SYS_ADMIN (EPERM) and then are EINVAL: there are none.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/cred.h>
#include <linux-ish/errno.h>
#include <linux-ish/fdtable.h>
#include <linux-ish/ipc.h>
#include <linux-ish/mm.h>
#include <linux-ish/sched.h>
#include <linux-ish/syscalls.h>
#include <uapi/linux-ish/personality.h>
#include <uapi/linux-ish/sched.h>

SYSCALL_DEFINE1(personality, unsigned int, persona)
{
	unsigned int old = current->personality;

	if (persona != 0xffffffff)
		current->personality = persona;
	return old;
}

#define CLONE_NS_FLAGS	(CLONE_NEWNS | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWNET | \
			 CLONE_NEWPID | CLONE_NEWCGROUP | CLONE_NEWTIME)
#define UNSHARE_FLAGS	(CLONE_THREAD | CLONE_FS | CLONE_SIGHAND | CLONE_VM | CLONE_FILES | \
			 CLONE_SYSVSEM | CLONE_NEWUSER | CLONE_NS_FLAGS)

/* The copies unshare asks for (see the top).  0 or -ENOMEM. */
static int unshare_resources(unsigned long flags)
{
	int err = 0;

	if (flags & CLONE_FILES)
		err = unshare_files();
	if (!err && (flags & CLONE_FS))
		err = unshare_fs(current);
	if (!err && (flags & CLONE_SYSVSEM))
		exit_sem(current);
	return err;
}

SYSCALL_DEFINE1(unshare, unsigned long, flags)
{
	if (flags & ~(unsigned long)UNSHARE_FLAGS)
		return -EINVAL;
	if (flags & CLONE_NEWUSER)
		flags |= CLONE_THREAD | CLONE_FS;
	if (flags & CLONE_VM)
		flags |= CLONE_SIGHAND;
	if (flags & CLONE_SIGHAND)
		flags |= CLONE_THREAD;
	if (flags & CLONE_NEWNS)
		flags |= CLONE_FS;
	if ((flags & CLONE_THREAD) && !thread_group_empty(current))
		return -EINVAL;
	if ((flags & (CLONE_SIGHAND | CLONE_VM)) && atomic_read(&current->sighand->count) > 1)
		return -EINVAL;
	if ((flags & CLONE_VM) && current->mm && atomic_read(&current->mm->mm_users) > 1)
		return -EINVAL;		/* not single-threaded: a vfork child */
	if (flags & CLONE_NEWUSER)
		return -EINVAL;		/* no user namespaces */
	if (flags & CLONE_NS_FLAGS)
		return capable(CAP_SYS_ADMIN) ? -EINVAL : -EPERM;
	return unshare_resources(flags);
}

/* No namespace files and no pidfds exist: any open descriptor is EINVAL. */
SYSCALL_DEFINE2(setns, int, fd, int, nstype)
{
	struct file *f = fget(fd);

	if (!f)
		return -EBADF;
	fput(f);
	return -EINVAL;
}
