/* /dev/null (1,3) and /dev/zero (1,5). */
#include <linux-ish/kernel.h>
#include <linux-ish/errno.h>
#include <linux-ish/fs.h>
#include <linux-ish/uaccess.h>

static ssize_t null_read(struct file *f, char __user *buf, size_t count, loff_t *pos)
{
	return 0;
}

static ssize_t null_write(struct file *f, const char __user *buf, size_t count, loff_t *pos)
{
	return count;
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

static const struct file_operations null_fops = {
	.read = null_read, .write = null_write, .llseek = null_lseek,
};

static const struct file_operations zero_fops = {
	.read = zero_read, .write = null_write, .llseek = null_lseek,
};

void chr_mem_init(void)
{
	register_chrdev(1, 3, &null_fops);
	register_chrdev(1, 5, &zero_fops);
}
