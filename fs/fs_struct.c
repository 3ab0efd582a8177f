/*
 * A task's file-system context: its root and working directory, each a
 * referenced path.  Kernel threads have neither (both NULL mounts).
 */
#include <linux-ish/kernel.h>
#include <linux-ish/fs.h>
#include <linux-ish/mount.h>
#include <linux-ish/sched.h>

/* fork: @p starts where current is. */
void copy_fs(struct task_struct *p)
{
	p->fs_root = current->fs_root;
	p->fs_pwd = current->fs_pwd;
	if (p->fs_root.mnt)
		path_get(&p->fs_root);
	if (p->fs_pwd.mnt)
		path_get(&p->fs_pwd);
}

void exit_fs(struct task_struct *p)
{
	if (p->fs_pwd.mnt)
		path_put(&p->fs_pwd);
	if (p->fs_root.mnt)
		path_put(&p->fs_root);
	p->fs_pwd = (struct path){ NULL, NULL };
	p->fs_root = (struct path){ NULL, NULL };
}

/* init: the root of the mount tree is its root and its working directory. */
void init_fs(struct task_struct *p)
{
	p->fs_root = init_root;
	p->fs_pwd = init_root;
	path_get(&p->fs_root);
	path_get(&p->fs_pwd);
}
