/*
 * tmpfs and shared anonymous memory, both files whose only home is the
 * page cache.
 *
 * tmpfs is the in-memory tree of fs/ramfs with limits: size= (pages of
 * file data) and nr_inodes= (files, directories and links, the root
 * included), each enforced with ENOSPC (a fault on a page a full tmpfs
 * cannot give is SIGBUS), both shown by statfs and /proc/mounts, both
 * changeable by remount but never below what is in use (EINVAL).
 * Defaults as Linux: half of RAM for each; size=0 or nr_inodes=0 means
 * no limit.  size= takes a K/M/G suffix or a percentage of RAM.
 *
 * Shared anonymous memory (mmap MAP_SHARED|MAP_ANONYMOUS): each mapping
 * is backed by an unnamed file of an internal instance whose page cache
 * holds the pages.  Every process that maps it (the creator, its forked
 * children) faults in the very same pages, so writes are seen by all.
 * The object goes when its last mapping does.
 *
 * "Shmem" in /proc/meminfo counts the pages of every such instance (and
 * of devtmpfs, a tmpfs too): mapping_is_shmem() goes by TMPFS_MAGIC.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/err.h>
#include <linux-ish/errno.h>
#include <linux-ish/fs.h>
#include <linux-ish/mm.h>
#include <linux-ish/mount.h>
#include <linux-ish/proc_fs.h>
#include <linux-ish/slab.h>
#include <linux-ish/string.h>
#include <linux-ish/time.h>
#include <uapi/linux-ish/magic.h>


static struct vfsmount *shm_mnt;

/* What a tmpfs instance keeps besides its superblock. */
struct shmem_sb_info {
	struct super_block *sb;
	umode_t mode;			/* of the root */
};

struct shmem_options {
	unsigned long max_pages, max_inodes;
	umode_t mode;
};

static unsigned long shmem_default_max(void)
{
	return totalram_pages / 2;
}

/* One "name=value" option into @o.  0 or -EINVAL (Linux's answer to a bad one). */
static int shmem_parse_one(char *opt, struct shmem_options *o)
{
	char *value = strchr(opt, '='), *end;
	unsigned long long v;

	if (!value)
		return -EINVAL;
	*value++ = '\0';
	if (!strcmp(opt, "mode")) {
		unsigned long mode;

		if (kstrtoul(value, 8, &mode) || mode > 07777)
			return -EINVAL;
		o->mode = mode;
		return 0;
	}
	v = memparse(value, &end);
	if (!strcmp(opt, "size") && *end == '%' && !end[1]) {
		o->max_pages = totalram_pages * v / 100;
		return v > 100 ? -EINVAL : 0;
	}
	if (*end || end == value)
		return -EINVAL;
	if (!strcmp(opt, "size"))
		o->max_pages = (v + PAGE_SIZE - 1) >> PAGE_SHIFT;
	else if (!strcmp(opt, "nr_inodes"))
		o->max_inodes = v;
	else
		return -EINVAL;
	return 0;
}

/* fsconfig: one option checked as mount -o would take it, with Linux's messages. */
static int tmpfs_check_option(const char *key, const char *val, bool is_string, char *msg,
			      size_t size)
{
	struct shmem_options o = { 0 };
	char opt[64];

	if (strcmp(key, "size") && strcmp(key, "nr_inodes") && strcmp(key, "mode")) {
		snprintf(msg, size, "tmpfs: Unknown parameter '%s'", key);
		return -EINVAL;
	}
	if (!is_string || !val || strlen(key) + strlen(val) + 2 > sizeof(opt)) {
		snprintf(msg, size, "tmpfs: Bad value for '%s'", key);
		return -EINVAL;
	}
	snprintf(opt, sizeof(opt), "%s=%s", key, val);
	if (shmem_parse_one(opt, &o)) {
		snprintf(msg, size, "tmpfs: Bad value for '%s'", key);
		return -EINVAL;
	}
	return 0;
}

/* The comma-separated options of mount -o (which the caller lets us cut up). */
static int shmem_parse_options(char *data, struct shmem_options *o)
{
	char *opt;

	while (data && (opt = strsep(&data, ",")))
		if (*opt && shmem_parse_one(opt, o))
			return -EINVAL;
	return 0;
}

static void shmem_statfs(struct super_block *sb, struct kstatfs *buf)
{
	buf->f_type = TMPFS_MAGIC;
	buf->f_bsize = PAGE_SIZE;
	buf->f_namelen = NAME_MAX;
	if (sb->s_max_pages) {
		buf->f_blocks = sb->s_max_pages;
		buf->f_bavail = buf->f_bfree = sb->s_max_pages - min(sb->s_nr_pages, sb->s_max_pages);
	}
	if (sb->s_max_inodes) {
		buf->f_files = sb->s_max_inodes;
		buf->f_ffree = sb->s_max_inodes - min(sb->s_nr_inodes, sb->s_max_inodes);
	}
}

/* Linux shows the limits (in KiB for size) and a mode that is not 1777. */
static void shmem_show_options(struct seq_buf *m, struct super_block *sb)
{
	struct shmem_sb_info *sbinfo = sb->s_fs_info;

	if (sb->s_max_pages != shmem_default_max())
		seq_printf(m, ",size=%luk", sb->s_max_pages << (PAGE_SHIFT - 10));
	if (sb->s_max_inodes != shmem_default_max())
		seq_printf(m, ",nr_inodes=%lu", sb->s_max_inodes);
	if (sbinfo->mode != 01777)
		seq_printf(m, ",mode=%03o", sbinfo->mode);
}

/* New limits, never below what is in use. */
static int shmem_remount(struct super_block *sb, unsigned long *flags, char *data)
{
	struct shmem_options o = { sb->s_max_pages, sb->s_max_inodes, 0 };

	if (shmem_parse_options(data, &o))
		return -EINVAL;
	if ((o.max_pages && o.max_pages < sb->s_nr_pages) ||
	    (o.max_inodes && o.max_inodes < sb->s_nr_inodes))
		return -EINVAL;
	sb->s_max_pages = o.max_pages;
	sb->s_max_inodes = o.max_inodes;
	return 0;
}

static const struct super_operations shmem_ops = {
	.statfs = shmem_statfs,
	.remount_fs = shmem_remount,
	.show_options = shmem_show_options,
};

/* What every tmpfs-like instance has: its magic (meminfo's Shmem), options, ops. */
static int shmem_register(struct super_block *sb, umode_t mode)
{
	struct shmem_sb_info *sbinfo = kzalloc(sizeof(*sbinfo), GFP_KERNEL);

	if (!sbinfo)
		return -ENOMEM;
	sbinfo->sb = sb;
	sbinfo->mode = mode;
	sb->s_fs_info = sbinfo;
	sb->s_magic = TMPFS_MAGIC;
	sb->s_op = &shmem_ops;
	return 0;
}

static int shmem_fill_super(struct super_block *sb, char *data)
{
	return shmem_register(sb, 01777);
}

static int tmpfs_fill_super(struct super_block *sb, char *data)
{
	struct shmem_options o = { shmem_default_max(), shmem_default_max(), 01777 };
	int err = shmem_parse_options(data, &o);

	if (err)
		return err;
	err = shmem_register(sb, o.mode);
	if (err)
		return err;
	sb->s_max_pages = o.max_pages;
	sb->s_max_inodes = o.max_inodes;
	err = ramfs_fill_root(sb, o.mode);
	if (err)
		kfree(sb->s_fs_info);
	return err;
}

static void tmpfs_kill_sb(struct super_block *sb)
{
	struct shmem_sb_info *sbinfo = sb->s_fs_info;

	generic_kill_sb(sb);
	kfree(sbinfo);
}

static struct file_system_type tmpfs_fs_type = {
	.name = "tmpfs",
	.fs_flags = FS_USERMOUNT,
	.fill_super = tmpfs_fill_super,
	.kill_sb = tmpfs_kill_sb,
	.check_option = tmpfs_check_option,
};

/* The internal instance behind every shared anonymous mapping. */
static struct file_system_type shmem_fs_type = {
	.name = "shmem",
	.fill_super = shmem_fill_super,
};

void shmem_init(void)
{
	shm_mnt = kern_mount(&shmem_fs_type);
	register_filesystem(&tmpfs_fs_type);
}

static const struct file_operations shmem_file_ops = {
	.mmap = generic_file_mmap,
};

bool file_is_shmem(const struct file *f)
{
	return f->f_inode->i_sb == shm_mnt->mnt_sb;
}

/* tmpfs, devtmpfs and shared anonymous memory: what meminfo calls Shmem. */
bool mapping_is_shmem(const struct address_space *mapping)
{
	return mapping->host->i_sb->s_magic == TMPFS_MAGIC;
}

/* Pages in shmem objects' caches: /proc/meminfo Shmem. */
unsigned long shmem_pages(void)
{
	return global_page_state(NR_SHMEM);
}

/*
 * mmap of /dev/zero with MAP_SHARED: the VMA gets a new shared-memory
 * object of its size instead of the device file, as a MAP_SHARED |
 * MAP_ANONYMOUS mapping would.  0 or -errno.
 */
int shmem_zero_setup(struct vm_area_struct *vma)
{
	struct file *f = shmem_file_setup(vma->vm_end - vma->vm_start);

	if (IS_ERR(f))
		return PTR_ERR(f);
	fput(vma->vm_file);
	vma->vm_file = f;
	vma->vm_pgoff = 0;
	return f->f_op->mmap(f, vma);
}

/*
 * A new shared-memory object of @size bytes, as a file (referenced); its
 * pages go with the last file (the inode's last reference).
 */
struct file *shmem_file_setup(unsigned long size)
{
	return shmem_kernel_file_setup("dev/zero", size);
}

/*
 * The same with its dentry called @name: /proc/<pid>/maps shows
 * "/@name (deleted)" (System V shm: SYSV<key>).
 */
struct file *shmem_kernel_file_setup(const char *name, unsigned long size)
{
	struct inode *inode = new_inode(shm_mnt->mnt_sb, S_IFREG | 0600);

	if (!inode)
		return ERR_PTR(-ENOMEM);
	inode->i_size = size;
	inode->i_fop = &shmem_file_ops;
	return alloc_file_pseudo(inode, shm_mnt, name, O_RDWR, &shmem_file_ops);
}

/*
 * A new object that is a file of its own (memfd): S_IFREG|0777, no links,
 * @fop, its dentry called @name ("/@name (deleted)" in /proc, as every
 * pseudo file of a tmpfs instance).  Referenced file or ERR_PTR.
 */
struct file *shmem_file_setup_named(const char *name, unsigned long size,
				    const struct file_operations *fop)
{
	struct inode *inode = new_inode(shm_mnt->mnt_sb, S_IFREG | 0777);

	if (!inode)
		return ERR_PTR(-ENOMEM);
	inode->i_size = size;
	inode->i_nlink = 0;
	inode->i_fop = fop;
	inode->i_mtime = inode->i_atime = inode->i_ctime = ktime_get_real_seconds();
	return alloc_file_pseudo(inode, shm_mnt, name, O_RDWR, fop);
}
