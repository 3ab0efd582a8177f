// SPDX-License-Identifier: GPL-2.0
/*
 * The root file system on a disk, as Linux's prepare_namespace().
 *
 * Boot parameters: root=/dev/NAME (a block device as devtmpfs names it:
 * /dev/vda, /dev/vda1, /dev/loop0...), rootfstype= (the types to try,
 * comma-separated; default: every registered type that needs a device,
 * in registration order), rootflags= (the file system's mount data),
 * ro (the default, as on Linux) and rw.
 *
 * When: in pid 1 before init is executed, once devtmpfs is on the
 * initramfs's /dev (root= is found through it).  As on Linux, an
 * initramfs with an /init is in charge of its own root: root= is then
 * left alone.  Without root= the initramfs stays the root.
 *
 * How: the disk is mounted on top of the initramfs's "/" (rootfs stays
 * underneath, with its files, as on Linux), pid 1's root and working
 * directory and init_root (what kernel threads and later fs_structs
 * start from) move to it, and devtmpfs is mounted again on its /dev.
 * A root= that cannot be mounted panics after listing the disks, as
 * Linux does: a wrong root= is a boot-configuration error with no one
 * to report it to.
 */
#include <linux-ish/blkdev.h>
#include <linux-ish/err.h>
#include <linux-ish/errno.h>
#include <linux-ish/fs.h>
#include <linux-ish/init.h>
#include <linux-ish/kernel.h>
#include <linux-ish/mount.h>
#include <linux-ish/printk.h>
#include <linux-ish/sched.h>
#include <linux-ish/string.h>

static const char *root_device;		/* root= */
static const char *root_fs_names;	/* rootfstype= */
static const char *root_mount_data;	/* rootflags= */
static bool root_readonly = true;	/* ro (default) / rw */

static int __init root_dev_setup(const char *val)
{
	root_device = val;
	return 0;
}
__setup("root=", root_dev_setup);

static int __init fs_names_setup(const char *val)
{
	root_fs_names = val;
	return 0;
}
__setup("rootfstype=", fs_names_setup);

static int __init root_data_setup(const char *val)
{
	root_mount_data = val;
	return 0;
}
__setup("rootflags=", root_data_setup);

static int __init readonly(const char *unused)
{
	root_readonly = true;
	return 0;
}
__setup("ro", readonly);

static int __init readwrite(const char *unused)
{
	root_readonly = false;
	return 0;
}
__setup("rw", readwrite);

/* Mounts root= as @type_name; the mount or ERR_PTR. */
static struct vfsmount *__init try_root_type(const char *type_name, bool ro)
{
	struct file_system_type *type = get_fs_type(type_name);
	struct vfsmount *mnt;
	char data[256];

	if (!type || !(type->fs_flags & FS_REQUIRES_DEV))
		return ERR_PTR(-ENODEV);
	/* The file system may parse (and cut up) its data in place. */
	strlcpy(data, root_mount_data ? root_mount_data : "", sizeof(data));
	mnt = vfs_kern_mount(type, ro ? MNT_RDONLY : 0, root_device,
			     root_mount_data ? data : NULL);
	if (!IS_ERR(mnt) && ro)
		mnt->mnt_sb->s_flags |= SB_RDONLY;	/* as mount(2)'s MS_RDONLY */
	return mnt;
}

/*
 * Each candidate type in turn.  EINVAL (not this type's superblock),
 * EACCES/EROFS (not writable) and ENODEV (no such type) try the next;
 * anything else (ENOENT, ENXIO, EIO...) is final.
 */
static struct vfsmount *__init mount_root_types(bool ro)
{
	struct vfsmount *mnt = ERR_PTR(-EINVAL);
	char names[128], *p, *name;

	if (root_fs_names)
		strlcpy(names, root_fs_names, sizeof(names));
	else
		get_filesystem_list_dev(names, sizeof(names));
	for (p = names; (name = strsep(&p, ",")) != NULL;) {
		if (!*name)
			continue;
		mnt = try_root_type(name, ro);
		if (!IS_ERR(mnt))
			return mnt;
		switch (PTR_ERR(mnt)) {
		case -EINVAL:
		case -EACCES:
		case -EROFS:
		case -ENODEV:
			continue;
		default:
			return mnt;
		}
	}
	return mnt;
}

static __noreturn void __init root_mount_failed(long err)
{
	pr_emerg("VFS: Cannot open root device \"%s\" or mount it (types: %s): error %ld\n",
		 root_device, root_fs_names ? root_fs_names : "all", err);
	pr_emerg("Please append a correct \"root=\" boot option; here are the available partitions:\n");
	printk_all_partitions();
	panic("VFS: Unable to mount root fs on %s", root_device);
}

/* @mnt on top of the initramfs's "/", and everyone's root from now on. */
static void __init switch_root(struct vfsmount *mnt)
{
	struct path root = { .mnt = mnt, .dentry = mnt->mnt_root };
	int err = attach_mount(mnt, &init_root);

	if (err)
		root_mount_failed(err);
	init_root = root;		/* the tree holds the references */
	if (init_fs(current))
		panic("no memory for init's fs_struct");
}

void __init prepare_namespace(void)
{
	struct vfsmount *mnt;
	struct path rdinit;

	if (!root_device)
		return;
	if (!kern_path("/init", LOOKUP_FOLLOW, &rdinit)) {
		path_put(&rdinit);
		pr_info("VFS: the initramfs has /init: root=%s is left to it\n", root_device);
		return;
	}
	mnt = mount_root_types(root_readonly);
	if (IS_ERR(mnt) && !root_readonly && PTR_ERR(mnt) != -ENOENT &&
	    PTR_ERR(mnt) != -ENXIO) {
		pr_warn("VFS: cannot mount %s read-write (error %ld), trying read-only\n",
			root_device, PTR_ERR(mnt));
		mnt = mount_root_types(true);
	}
	if (IS_ERR(mnt))
		root_mount_failed(PTR_ERR(mnt));
	switch_root(mnt);
	pr_info("VFS: Mounted root (%s filesystem)%s on %s.\n", mnt->mnt_sb->s_type->name,
		root_readonly ? " readonly" : "", root_device);
	if (devtmpfs_mount())
		pr_warn("devtmpfs: cannot mount on the root's /dev\n");
}
