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
#include <linux-ish/slab.h>
#include <linux-ish/string.h>

static struct super_block shmem_sb = { .s_type = "shmem", .s_dev = MKDEV(0, 2) };

static int shmem_release(struct inode *inode, struct file *f)
{
	struct dentry *d = f->f_dentry;

	f->f_dentry = NULL;		/* this file owns its private dentry */
	f->f_inode = NULL;
	kfree(d);
	kfree_inode(inode);
	return 0;
}

static const struct file_operations shmem_file_ops = {
	.mmap = generic_file_mmap,
	.release = shmem_release,
};

bool file_is_shmem(const struct file *f)
{
	return f->f_inode && f->f_inode->i_sb == &shmem_sb;
}

bool mapping_is_shmem(const struct address_space *mapping)
{
	return mapping->host->i_sb == &shmem_sb;
}

/* Pages in shmem objects' caches: /proc/meminfo Shmem. */
unsigned long shmem_pages(void)
{
	return global_page_state(NR_SHMEM);
}

/* A new shared-memory object of @size bytes, as a file (referenced). */
struct file *shmem_file_setup(unsigned long size)
{
	struct inode *inode = new_inode(&shmem_sb, S_IFREG | 0600);
	struct dentry *d = kzalloc(sizeof(*d), GFP_KERNEL);
	struct file *f;

	if (!inode || !d)
		goto out_nomem;
	strlcpy(d->d_name, "dev/zero", sizeof(d->d_name));
	d->d_parent = d;
	d->d_inode = inode;
	INIT_LIST_HEAD(&d->d_child);
	INIT_LIST_HEAD(&d->d_subdirs);
	atomic_set(&d->d_count, 1);
	inode->i_size = size;
	inode->i_fop = &shmem_file_ops;
	f = alloc_file(d, O_RDWR, &shmem_file_ops);
	if (!f)
		goto out_nomem;
	dput(d);			/* alloc_file took its own */
	atomic_dec(&inode->i_count);
	return f;

out_nomem:
	kfree(d);
	if (inode)
		kfree_inode(inode);
	return ERR_PTR(-ENOMEM);
}
