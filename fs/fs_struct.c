/*
 * A task's file-system context: its root and working directory, each a
 * referenced path.  Kernel threads have neither (both NULL mounts);
 * chroot changes the root.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/fs.h>
#include <linux-ish/mount.h>
#include <linux-ish/sched.h>
#include <linux-ish/cred.h>
#include <linux-ish/errno.h>
#include <linux-ish/permission.h>
#include <linux-ish/syscalls.h>
#include <uapi/linux-ish/capability.h>
#include <uapi/linux-ish/fcntl.h>

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

/*
 * chroot (61): @name, a directory the caller may search, becomes its
 * root.  Lookup errors (ENOENT, ENOTDIR, EACCES...) come first, then
 * CAP_SYS_CHROOT (EPERM), as Linux.  The working directory stays where
 * it is, even outside the new root; ".." at the root stays there
 * (fs/namei.c).
 */
SYSCALL_DEFINE1(chroot, const char __user *, name)
{
	struct path path;
	long err = user_path_at(AT_FDCWD, name, LOOKUP_FOLLOW, &path);

	if (err)
		return err;
	if (!S_ISDIR(path.dentry->d_inode->i_mode))
		err = -ENOTDIR;
	else
		err = inode_permission(path.dentry->d_inode, MAY_EXEC);
	if (!err && !capable(CAP_SYS_CHROOT))
		err = -EPERM;
	if (err) {
		path_put(&path);
		return err;
	}
	if (current->fs_root.mnt)
		path_put(&current->fs_root);
	current->fs_root = path;	/* our reference moves to it */
	return 0;
}
