/*
 * A task's file-system context: root, working directory and umask.
 * CLONE_FS shares one between tasks (users counts them); without it fork
 * gives the child a copy.  Kernel threads, and tasks that have exited,
 * point at empty_fs (no paths, never freed).
 *
 * Locking: the kernel is not preemptible and runs on one CPU; a path is
 * copied out and path_get() taken before anything that sleeps, and is
 * replaced (chdir) with the new reference taken before the old one is
 * dropped.  p->fs of another task is read and swapped under task_lock(p).
 */
#ifndef _LINUX_ISH_FS_STRUCT_H
#define _LINUX_ISH_FS_STRUCT_H

#include <linux-ish/fs.h>

struct task_struct;

struct fs_struct {
	atomic_t users;			/* tasks pointing here */
	struct path root, pwd;		/* referenced (path_get); NULL mnt: none */
	unsigned int umask;
};

extern struct fs_struct empty_fs;

/* fork: @p shares current's (CLONE_FS in @clone_flags) or gets a copy.  0 or -ENOMEM. */
int copy_fs(unsigned long clone_flags, struct task_struct *p);
/* @p drops its fs_struct (the last user puts the paths) and points at empty_fs. */
void exit_fs(struct task_struct *p);
/* unshare(CLONE_FS): @p (current) gets a copy if it shares one.  0 or -ENOMEM. */
int unshare_fs(struct task_struct *p);
/* init: a fresh fs_struct at the root of the mount tree.  0 or -ENOMEM. */
int init_fs(struct task_struct *p);

#endif
