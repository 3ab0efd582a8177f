/*
 * Character devices: a device inode's file operations come from the
 * driver registered for its major/minor, chosen when it is opened.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/blkdev.h>
#include <linux-ish/errno.h>
#include <linux-ish/fs.h>

#define MAX_CHRDEVS	16

static struct {
	dev_t dev;
	const char *name;		/* its node in devtmpfs */
	umode_t mode;
	const struct file_operations *fops;
} chrdevs[MAX_CHRDEVS];

int register_chrdev(unsigned int major, unsigned int minor, const char *name, umode_t mode,
		    const struct file_operations *fops)
{
	for (int i = 0; i < MAX_CHRDEVS; i++) {
		if (!chrdevs[i].fops) {
			chrdevs[i].dev = MKDEV(major, minor);
			chrdevs[i].name = name;
			chrdevs[i].mode = mode;
			chrdevs[i].fops = fops;
			return 0;
		}
	}
	return -EBUSY;
}

/* Calls @fn for each registered device (devtmpfs makes their nodes). */
void for_each_chrdev(void (*fn)(const char *name, umode_t mode, dev_t dev, void *arg),
		     void *arg)
{
	for (int i = 0; i < MAX_CHRDEVS; i++)
		if (chrdevs[i].fops)
			fn(chrdevs[i].name, chrdevs[i].mode, chrdevs[i].dev, arg);
}

static int chrdev_open(struct inode *inode, struct file *f)
{
	for (int i = 0; i < MAX_CHRDEVS; i++) {
		if (chrdevs[i].fops && chrdevs[i].dev == inode->i_rdev) {
			f->f_op = chrdevs[i].fops;
			return f->f_op->open ? f->f_op->open(inode, f) : 0;
		}
	}
	return -ENXIO;
}

/* A block-device node: the device's own file (fs/block_dev.c). */
const struct file_operations bad_blk_fops = {
	.open = blkdev_open,
};

const struct file_operations def_chr_fops = {
	.open = chrdev_open,
};
