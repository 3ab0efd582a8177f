/*
 * getdents64: lists a directory as struct linux_dirent64 records.  The
 * file position is an index: 0 is ".", 1 is "..", 2 + i the i-th entry
 * of the directory's child list.  An entry added or removed between calls
 * may be missed or repeated once, which POSIX allows.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/errno.h>
#include <linux-ish/fdtable.h>
#include <linux-ish/fs.h>
#include <linux-ish/string.h>
#include <linux-ish/syscalls.h>
#include <linux-ish/uaccess.h>

#define DT_UNKNOWN	0
#define DT_FIFO		1
#define DT_CHR		2
#define DT_DIR		4
#define DT_REG		8
#define DT_LNK		10

struct linux_dirent64_head {
	u64 d_ino;
	s64 d_off;
	unsigned short d_reclen;
	unsigned char d_type;
} __packed;

static unsigned char dtype(umode_t mode)
{
	switch (mode & S_IFMT) {
	case S_IFDIR: return DT_DIR;
	case S_IFREG: return DT_REG;
	case S_IFLNK: return DT_LNK;
	case S_IFCHR: return DT_CHR;
	case S_IFIFO: return DT_FIFO;
	default: return DT_UNKNOWN;
	}
}

/* Copies one record; returns its length, 0 if it does not fit, or -EFAULT. */
static long put_dirent(char __user *buf, size_t room, const char *name,
		       unsigned long ino, unsigned char type, loff_t next)
{
	size_t namelen = strlen(name);
	size_t reclen = ALIGN(sizeof(struct linux_dirent64_head) + namelen + 1, 8);
	struct linux_dirent64_head h = { ino, next, (unsigned short)reclen, type };
	char zero[8] = { 0 };

	if (reclen > room)
		return 0;
	if (copy_to_user(buf, &h, sizeof(h)) ||
	    copy_to_user(buf + sizeof(h), name, namelen) ||
	    copy_to_user(buf + sizeof(h) + namelen, zero, reclen - sizeof(h) - namelen))
		return -EFAULT;
	return reclen;
}

/* The @i-th child of @dir, or NULL. */
static struct dentry *nth_child(struct dentry *dir, loff_t i)
{
	struct dentry *d;

	list_for_each_entry(d, &dir->d_subdirs, d_child)
		if (i-- == 0)
			return d;
	return NULL;
}

SYSCALL_DEFINE3(getdents64, int, fd, char __user *, buf, unsigned int, count)
{
	struct file *f = fget(fd);
	struct dentry *dir;
	long done = 0, n = 1;

	if (!f)
		return -EBADF;
	dir = f->f_path.dentry;
	if (!S_ISDIR(dir->d_inode->i_mode)) {
		fput(f);
		return -ENOTDIR;
	}
	while (n > 0) {
		loff_t pos = f->f_pos;
		struct dentry *d = pos >= 2 ? nth_child(dir, pos - 2) : NULL;

		if (pos == 0)
			n = put_dirent(buf + done, count - done, ".", dir->d_inode->i_ino, DT_DIR, 1);
		else if (pos == 1)
			n = put_dirent(buf + done, count - done, "..",
				       dir->d_parent->d_inode->i_ino, DT_DIR, 2);
		else if (d)
			n = put_dirent(buf + done, count - done, d->d_name, d->d_inode->i_ino,
				       dtype(d->d_inode->i_mode), pos + 1);
		else
			break;		/* end of directory */
		if (n > 0) {
			done += n;
			f->f_pos = pos + 1;
		}
	}
	fput(f);
	if (n < 0 && !done)
		return n;
	if (!done && n == 0)
		return -EINVAL;		/* the buffer cannot hold even one entry */
	return done;
}
