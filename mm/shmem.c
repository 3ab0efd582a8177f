/*
 * Shared anonymous memory (mmap MAP_SHARED|MAP_ANONYMOUS): each mapping
 * is backed by an unnamed in-memory file whose page cache holds the
 * pages.  Every process that maps it (the creator, its forked children)
 * faults in the very same pages, so writes are seen by all.  The object
 * goes when its last mapping does.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/err.h>
#include <linux-ish/errno.h>
#include <linux-ish/fs.h>
#include <linux-ish/mm.h>
#include <linux-ish/mount.h>
#include <linux-ish/slab.h>
#include <linux-ish/string.h>

static struct vfsmount *shm_mnt;

static int shmem_fill_super(struct super_block *sb, char *data)
{
	sb->s_magic = 0x01021994;	/* TMPFS_MAGIC */
	return 0;
}

/* The internal instance behind every shared anonymous mapping. */
static struct file_system_type shmem_fs_type = {
	.name = "shmem",
	.fill_super = shmem_fill_super,
};

void shmem_init(void)
{
	shm_mnt = kern_mount(&shmem_fs_type);
}

static const struct file_operations shmem_file_ops = {
	.mmap = generic_file_mmap,
};

bool file_is_shmem(const struct file *f)
{
	return f->f_inode->i_sb == shm_mnt->mnt_sb;
}

unsigned long shmem_pages(void)
{
	return shm_mnt ? READ_ONCE(shm_mnt->mnt_sb->s_nr_pages) : 0;
}

/*
 * A new shared-memory object of @size bytes, as a file (referenced); its
 * pages go with the last file (the inode's last reference).
 */
struct file *shmem_file_setup(unsigned long size)
{
	struct inode *inode = new_inode(shm_mnt->mnt_sb, S_IFREG | 0600);

	if (!inode)
		return ERR_PTR(-ENOMEM);
	inode->i_size = size;
	inode->i_fop = &shmem_file_ops;
	return alloc_file_pseudo(inode, shm_mnt, "/dev/zero (deleted)", O_RDWR, &shmem_file_ops);
}
