/* struct file: allocation and reference counting. */
#include <linux-ish/kernel.h>
#include <linux-ish/fs.h>
#include <linux-ish/slab.h>

static struct kmem_cache *filp_cachep;

/* A file open on @dentry (which gains a reference).  NULL if no memory. */
struct file *alloc_file(struct dentry *dentry, unsigned int flags,
			const struct file_operations *fop)
{
	struct file *f = kmem_cache_alloc(filp_cachep, GFP_KERNEL | __GFP_ZERO);

	if (!f)
		return NULL;
	atomic_set(&f->f_count, 1);
	f->f_flags = flags;
	f->f_mode = ((flags & O_ACCMODE) != O_WRONLY ? FMODE_READ : 0) |
		    ((flags & O_ACCMODE) != O_RDONLY ? FMODE_WRITE : 0);
	f->f_dentry = dentry ? dget(dentry) : NULL;
	f->f_inode = dentry ? dentry->d_inode : NULL;
	if (f->f_inode)
		atomic_inc(&f->f_inode->i_count);
	f->f_op = fop;
	return f;
}

struct file *get_file(struct file *f)
{
	atomic_inc(&f->f_count);
	return f;
}

/* Drops a reference; the last one releases the file. */
void fput(struct file *f)
{
	if (!atomic_dec_and_test(&f->f_count))
		return;
	if (f->f_op && f->f_op->release)
		f->f_op->release(f->f_inode, f);
	if (f->f_dentry)
		dput(f->f_dentry);
	if (f->f_inode)
		iput(f->f_inode);
	kmem_cache_free(filp_cachep, f);
}

void files_cache_init(void)
{
	filp_cachep = kmem_cache_create("filp", sizeof(struct file), 0, SLAB_PANIC, NULL);
}
