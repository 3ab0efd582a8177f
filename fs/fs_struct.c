/*
 * A task's file-system context (see linux-ish/fs_struct.h): root,
 * working directory and umask, shared by CLONE_FS.  Kernel threads
 * have neither root nor working directory (NULL mounts); chroot
 * changes the root.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/fs.h>
#include <linux-ish/fs_struct.h>
#include <linux-ish/mount.h>
#include <linux-ish/sched.h>
#include <linux-ish/cred.h>
#include <linux-ish/errno.h>
#include <linux-ish/permission.h>
#include <linux-ish/slab.h>
#include <linux-ish/syscalls.h>
#include <uapi/linux-ish/capability.h>
#include <uapi/linux-ish/fcntl.h>
#include <uapi/linux-ish/sched.h>

/* Kernel threads' and exited tasks': no paths; users is not counted. */
struct fs_struct empty_fs = { .users = ATOMIC_INIT(1) };

static struct fs_struct *fs_alloc(const struct path *root, const struct path *pwd,
				  unsigned int umask)
{
	struct fs_struct *fs = kmalloc(sizeof(*fs), GFP_KERNEL);

	if (!fs)
		return NULL;
	atomic_set(&fs->users, 1);
	fs->root = *root;
	fs->pwd = *pwd;
	fs->umask = umask;
	if (fs->root.mnt)
		path_get(&fs->root);
	if (fs->pwd.mnt)
		path_get(&fs->pwd);
	return fs;
}

int copy_fs(unsigned long clone_flags, struct task_struct *p)
{
	struct fs_struct *fs = current->fs;

	if (fs == &empty_fs) {
		/* not counted: never freed */
	} else if (clone_flags & CLONE_FS) {
		atomic_inc(&fs->users);
	} else {
		fs = fs_alloc(&fs->root, &fs->pwd, fs->umask);
		if (!fs)
			return -ENOMEM;
	}
	p->fs = fs;
	return 0;
}

static void put_fs_struct(struct fs_struct *fs)
{
	if (!atomic_dec_and_test(&fs->users))
		return;
	BUG_ON(fs == &empty_fs);
	if (fs->pwd.mnt)
		path_put(&fs->pwd);
	if (fs->root.mnt)
		path_put(&fs->root);
	kfree(fs);
}

void exit_fs(struct task_struct *p)
{
	struct fs_struct *fs = p->fs;

	if (!fs || fs == &empty_fs)
		return;
	task_lock(p);
	p->fs = &empty_fs;
	task_unlock(p);
	put_fs_struct(fs);
}

int unshare_fs(struct task_struct *p)
{
	struct fs_struct *old = p->fs, *fs;

	if (old == &empty_fs || atomic_read(&old->users) == 1)
		return 0;
	fs = fs_alloc(&old->root, &old->pwd, old->umask);
	if (!fs)
		return -ENOMEM;
	task_lock(p);
	p->fs = fs;
	task_unlock(p);
	put_fs_struct(old);
	return 0;
}

int init_fs(struct task_struct *p)
{
	struct fs_struct *fs = fs_alloc(&init_root, &init_root, 022);

	if (!fs)
		return -ENOMEM;
	exit_fs(p);
	p->fs = fs;
	return 0;
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
	/* CLONE_FS sharers see the new root too, as on Linux. */
	if (current->fs->root.mnt)
		path_put(&current->fs->root);
	current->fs->root = path;	/* our reference moves to it */
	return 0;
}
