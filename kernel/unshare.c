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
 * unshare: a Linnet process shares no file table, fs_struct or SysV undo
 * list, so CLONE_FILES, CLONE_FS and CLONE_SYSVSEM succeed doing nothing;
 * CLONE_THREAD/SIGHAND/VM succeed in a single-threaded process that
 * shares its mm with nobody (a vfork child does: EINVAL).  Namespace
 * flags need CAP_SYS_ADMIN (EPERM) and then are EINVAL: there are none.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/cred.h>
#include <linux-ish/errno.h>
#include <linux-ish/fdtable.h>
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

SYSCALL_DEFINE1(unshare, unsigned long, flags)
{
	if (flags & ~(unsigned long)UNSHARE_FLAGS)
		return -EINVAL;
	if ((flags & CLONE_VM) && current->mm && atomic_read(&current->mm->mm_users) > 1)
		return -EINVAL;		/* not single-threaded: a vfork child */
	if (flags & CLONE_NEWUSER)
		return -EINVAL;		/* no user namespaces */
	if (!(flags & CLONE_NS_FLAGS))
		return 0;
	return capable(CAP_SYS_ADMIN) ? -EINVAL : -EPERM;
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
