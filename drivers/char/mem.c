/* /dev/null (1,3), /dev/zero (1,5), /dev/full (1,7); /dev/kmsg (1,11) is kernel/printk_kmsg.c. */
#include <linux-ish/kernel.h>
#include <linux-ish/errno.h>
#include <linux-ish/fs.h>
#include <linux-ish/mm.h>
#include <linux-ish/uaccess.h>

static ssize_t null_read(struct file *f, char __user *buf, size_t count, loff_t *pos)
{
	return 0;
}

static ssize_t null_write(struct file *f, const char __user *buf, size_t count, loff_t *pos)
{
	return count;
}

/* sendfile to /dev/null: the data read from the source is dropped (Linux's splice_write_null). */
static ssize_t null_splice_write(struct file *f, const void *buf, size_t n)
{
	return n;
}

static loff_t null_lseek(struct file *f, loff_t offset, int whence)
{
	f->f_pos = 0;
	return 0;
}

static ssize_t zero_read(struct file *f, char __user *buf, size_t count, loff_t *pos)
{
	size_t left = clear_user(buf, count);

	if (left == count && count)
		return -EFAULT;
	return count - left;
}

/* /dev/full: reads zeros, every write finds the device full. */
static ssize_t full_write(struct file *f, const char __user *buf, size_t count, loff_t *pos)
{
	return -ENOSPC;
}

/*
 * mmap of /dev/zero, as Linux: MAP_SHARED is shared anonymous memory (a
 * new shmem object), MAP_PRIVATE plain anonymous memory that still
 * names /dev/zero as its file (maps, map_files/).
 */
static int zero_mmap(struct file *f, struct vm_area_struct *vma)
{
	if (vma->vm_flags & VM_SHARED)
		return shmem_zero_setup(vma);
	vma_set_anonymous(vma);
	return 0;
}

static const struct file_operations null_fops = {
	.read = null_read, .write = null_write, .llseek = null_lseek,
	.splice_write = null_splice_write,
};

static const struct file_operations zero_fops = {
	.read = zero_read, .write = null_write, .llseek = null_lseek, .mmap = zero_mmap,
};

static const struct file_operations full_fops = {
	.read = zero_read, .write = full_write, .llseek = null_lseek,
};

void chr_mem_init(void)
{
	register_chrdev(1, 3, "null", 0666, &null_fops);
	register_chrdev(1, 5, "zero", 0666, &zero_fops);
	register_chrdev(1, 7, "full", 0666, &full_fops);
	register_chrdev(1, 11, "kmsg", 0644, &kmsg_fops);
}
