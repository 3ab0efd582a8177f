/*
 * debugfs at /sys/kernel/debug: the kernel's run-time knobs.  Today these
 * are the fault-injection attributes, one directory per site, with
 * Linux's file names:
 *
 *   /sys/kernel/debug/fail_page_alloc/{probability,interval,times,space,
 *                                      verbose,task-filter,min-order,seed}
 *   /sys/kernel/debug/failslab/...        the same
 *   .../calls, .../injected-failures       read-only counters (Linnet's)
 *   /sys/kernel/debug/page_accounting      the census of page frames by
 *                                          owner and its check (mm/page_acct.c)
 *   /sys/kernel/debug/fault_around_bytes   mm/fault_around.c
 *
 * It is a file system of its own ("debugfs", one instance shared by every
 * mount, which /sbin/init mounts at /sys/kernel/debug as Linux's init
 * scripts do); like /proc, its entries cannot be removed or renamed.  Each file is a
 * procfs-style attribute file (fs/proc/base.c): reading shows the value,
 * each write() sets it, with the checks of the boot parameter (EINVAL).
 */
#include <linux-ish/kernel.h>
#include <linux-ish/errno.h>
#include <linux-ish/fault-inject.h>
#include <linux-ish/fs.h>
#include <linux-ish/mount.h>
#include <linux-ish/page_acct.h>
#include <linux-ish/proc_fs.h>
#include <linux-ish/slab.h>
#include <linux-ish/string.h>
#include <uapi/linux-ish/magic.h>

static struct file_system_type debugfs_fs_type;

struct fault_knob {
	struct fault_attr *attr;
	char key[20];			/* the attribute's name, '_' spelling */
};

static void knob_show(struct seq_buf *m, void *data)
{
	struct fault_knob *k = data;
	char buf[32];

	if (fault_attr_show(k->attr, k->key, buf, sizeof(buf)) > 0)
		seq_printf(m, "%s", buf);
}

static int knob_write(void *data, const char *buf)
{
	struct fault_knob *k = data;

	return fault_attr_store(k->attr, k->key, buf);
}

/* @parent/@name, made if missing; NULL if it cannot be. */
static struct dentry *debugfs_dir(struct dentry *parent, const char *name)
{
	struct dentry *d = d_lookup(parent, name, strlen(name));

	if (!d && ramfs_mknod(parent, name, S_IFDIR | 0555, 0, &d))
		return NULL;
	return d;
}

/* The directory of one fault attr; a knob that cannot be made is left out. */
static void debugfs_fault_attr(struct dentry *debug, struct fault_attr *attr)
{
	struct dentry *dir = debugfs_dir(debug, attr->name);
	const char *key;
	char name[20];

	if (!dir)
		return;
	for (unsigned int i = 0; (key = fault_attr_key_name(i)); i++) {
		struct fault_knob *k = kmalloc(sizeof(*k), GFP_KERNEL);
		bool rw = fault_attr_key_writable(i);

		if (!k)
			continue;
		k->attr = attr;
		strlcpy(k->key, key, sizeof(k->key));
		strlcpy(name, key, sizeof(name));
		for (char *c = name; *c; c++)
			if (*c == '_')
				*c = '-';
		if (attr_file_create(dir, name, rw ? 0600 : 0400, knob_show,
				     rw ? knob_write : NULL, k))
			kfree(k);
	}
	dir->d_inode->i_flags |= S_IMMUTABLE;
}


/*
 * A directory for a subsystem's files made after boot (the block layer's
 * per-disk ones): @parent's child @name, made if missing; @parent NULL is
 * the root.  NULL if it cannot be made.  Directories stay S_IMMUTABLE to
 * users: only the kernel adds names in them.
 */
struct dentry *debugfs_create_dir(const char *name, struct dentry *parent)
{
	struct super_block *sb = debugfs_fs_type.single;
	struct dentry *d;

	if (!parent && !sb)
		return NULL;
	d = debugfs_dir(parent ? parent : sb->s_root, name);
	if (d)
		d->d_inode->i_flags |= S_IMMUTABLE;
	return d;
}

static const struct super_operations debugfs_sops = {
	.statfs = simple_statfs,
};

static int debugfs_fill_super(struct super_block *sb, char *data)
{
	struct fault_attr *attr = NULL;
	int err = ramfs_fill_root(sb, 0700);

	if (err)
		return err;
	sb->s_magic = DEBUGFS_MAGIC;
	sb->s_op = &debugfs_sops;
	while ((attr = fault_attr_next(attr)))
		debugfs_fault_attr(sb->s_root, attr);
	attr_file_create(sb->s_root, "page_accounting", 0400, page_accounting_show, NULL, NULL);
	fault_around_debugfs(sb->s_root);
	sb->s_root->d_inode->i_flags |= S_IMMUTABLE;
	return 0;
}

static struct file_system_type debugfs_fs_type = {
	.name = "debugfs",
	.fs_flags = FS_SINGLE | FS_USERMOUNT,
	.fill_super = debugfs_fill_super,
};

/* The instance is made at boot and kept: its knobs live as long as the kernel. */
void debugfs_init(void)
{
	register_filesystem(&debugfs_fs_type);
	kern_mount(&debugfs_fs_type);
}
