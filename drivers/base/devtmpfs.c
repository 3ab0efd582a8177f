/*
 * devtmpfs: a tmpfs-like instance, one for the whole system, in which
 * the kernel itself makes a node for every device it has (console, tty,
 * null, zero, full, random, urandom), so /dev works without an initramfs
 * that carries device nodes.  Users may add and remove names in it as in
 * any tmpfs.
 *
 * When the initramfs has no /dev/console, the kernel mounts it at /dev
 * before starting init (Linux's CONFIG_DEVTMPFS_MOUNT; devtmpfs.mount=0
 * turns that off, devtmpfs.mount=1 mounts it whatever /dev holds).
 */
#include <linux-ish/kernel.h>
#include <linux-ish/err.h>
#include <linux-ish/errno.h>
#include <linux-ish/fs.h>
#include <linux-ish/init.h>
#include <linux-ish/mount.h>
#include <linux-ish/string.h>
#include <uapi/linux-ish/magic.h>


static int mount_mode = -1;	/* -1: only if /dev/console is missing */

static int devtmpfs_mount_setup(const char *s)
{
	unsigned long v;

	if (kstrtoul(s, 0, &v) || v > 1)
		return -EINVAL;
	mount_mode = v;
	return 0;
}
__setup("devtmpfs.mount=", devtmpfs_mount_setup);

static void make_node(const char *name, umode_t mode, dev_t dev, void *root)
{
	if (ramfs_mknod(root, name, S_IFCHR | mode, dev, NULL))
		pr_warn("devtmpfs: cannot make /dev/%s\n", name);
}

static int devtmpfs_fill_super(struct super_block *sb, char *data)
{
	int err = ramfs_fill_root(sb, 0755);

	if (err)
		return err;
	sb->s_magic = TMPFS_MAGIC;
	for_each_chrdev(make_node, sb->s_root);
	return 0;
}

static struct file_system_type devtmpfs_fs_type = {
	.name = "devtmpfs",
	.fs_flags = FS_SINGLE | FS_USERMOUNT,
	.fill_super = devtmpfs_fill_super,
};

/* Boot, once the drivers have registered: the instance, kept for ever. */
void devtmpfs_init(void)
{
	register_filesystem(&devtmpfs_fs_type);
	kern_mount(&devtmpfs_fs_type);
	pr_info("devtmpfs: initialized\n");
}

/*
 * A node for a device found after boot's instance was made (disks,
 * partitions, loop devices): S_IFBLK or S_IFCHR in @mode.  0 or -errno
 * (-EEXIST if the name is taken).
 */
int devtmpfs_create_node(const char *name, umode_t mode, dev_t dev)
{
	struct super_block *sb = devtmpfs_fs_type.single;

	if (!sb)
		return -ENODEV;
	return ramfs_mknod(sb->s_root, name, mode, dev, NULL);
}

/* Before init: devtmpfs on /dev as devtmpfs.mount= says.  0 or -errno. */
int devtmpfs_mount(void)
{
	struct vfsmount *mnt;
	struct path dev, console;
	int err;

	if (mount_mode == 0)
		return 0;
	if (mount_mode < 0 && !kern_path("/dev/console", 0, &console)) {
		path_put(&console);
		return 0;
	}
	if (kern_path("/dev", LOOKUP_FOLLOW, &dev)) {
		if (strcmp(init_root.mnt->mnt_sb->s_type->name, "rootfs"))
			return -ENOENT;	/* a disk root without /dev: left as it is */
		err = ramfs_mknod(init_root.dentry, "dev", S_IFDIR | 0755, 0, NULL);
		if (err || kern_path("/dev", LOOKUP_FOLLOW, &dev))
			return err ? err : -ENOENT;
	}
	mnt = vfs_kern_mount(&devtmpfs_fs_type, 0, "devtmpfs", NULL);
	err = PTR_ERR_OR_ZERO(mnt);
	if (!err) {
		err = attach_mount(mnt, &dev);
		if (err)
			mntput(mnt);
	}
	path_put(&dev);
	if (!err)
		pr_info("devtmpfs: mounted\n");
	return err;
}
