/*
 * /dev/kmsg (1,11): the kernel log as records, Linux's format.
 *
 * Each read() returns one whole record "PRI,SEQ,USEC,-;text\n" (PRI the
 * syslog priority, SEQ the line's sequence number, USEC its time since
 * boot in microseconds); a buffer too small for it gives EINVAL.  A
 * reader starts at the oldest record; with none left it blocks (EAGAIN
 * with O_NONBLOCK); if the ring overwrote where it was, one read gives
 * EPIPE and it goes on from the oldest.  lseek(0, SEEK_SET or SEEK_DATA)
 * goes back to the oldest, lseek(0, SEEK_END) past the newest; other
 * offsets are ESPIPE.
 *
 * Each write() is one record: a leading "<N>" gives its level (N & 7)
 * and, if not 0, its facility (N >> 3); otherwise it is a user (1)
 * message at the default level (4), as on Linux.  A trailing newline
 * ends the record.  Lines longer than the kernel's are cut.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/errno.h>
#include <linux-ish/fs.h>
#include <linux-ish/printk.h>
#include <linux-ish/slab.h>
#include <linux-ish/string.h>
#include <linux-ish/uaccess.h>

#define KMSG_LINE_MAX	1024
#define LOG_USER	1

struct kmsg_reader {
	u32 pos;			/* start of the next line in the ring */
	u64 seq;			/* its sequence number */
	char line[KMSG_LINE_MAX + 64];
	char rec[KMSG_LINE_MAX + 64];
};

static int kmsg_open(struct inode *inode, struct file *f)
{
	struct kmsg_reader *r = kmalloc(sizeof(*r), GFP_KERNEL);

	if (!r)
		return -ENOMEM;
	log_oldest(&r->pos, &r->seq);
	f->private_data = r;
	return 0;
}

static int kmsg_release(struct inode *inode, struct file *f)
{
	kfree(f->private_data);
	return 0;
}

/* "<P>[ sec.usec] text\n" (@n bytes) to "P,SEQ,USEC,-;text\n" in r->rec. */
static size_t kmsg_format(struct kmsg_reader *r, size_t n)
{
	unsigned long prio = 0, sec = 0, usec = 0;
	const char *p = r->line, *end = r->line + n, *text;

	if (*p == '<')
		for (p++; p < end && *p >= '0' && *p <= '9'; p++)
			prio = prio * 10 + (*p - '0');
	text = memchr(r->line, ']', n);
	p = memchr(r->line, '[', n);
	if (p && text) {
		for (p++; *p == ' '; p++)
			;
		for (; *p >= '0' && *p <= '9'; p++)
			sec = sec * 10 + (*p - '0');
		for (p += *p == '.'; *p >= '0' && *p <= '9'; p++)
			usec = usec * 10 + (*p - '0');
		text += 1 + (text + 1 < end && text[1] == ' ');
	} else {
		text = r->line;
	}
	return snprintf(r->rec, sizeof(r->rec), "%lu,%llu,%llu,-;%.*s", prio,
			(unsigned long long)r->seq, (unsigned long long)sec * 1000000 + usec,
			(int)(end - text), text);
}

/* The next whole line into r->line, waiting for one unless O_NONBLOCK.  Length or -errno. */
static int kmsg_next_line(struct file *f, struct kmsg_reader *r)
{
	int n;

	while (!(n = log_read_line(&r->pos, r->line, KMSG_LINE_MAX))) {
		if (f->f_flags & O_NONBLOCK)
			return -EAGAIN;
		if (log_wait_for(r->seq))
			return -ERESTARTSYS;
	}
	if (n == -EPIPE)
		log_oldest(&r->pos, &r->seq);	/* records were lost: go on from the oldest */
	return n;
}

static ssize_t kmsg_read(struct file *f, char __user *buf, size_t count, loff_t *ppos)
{
	struct kmsg_reader *r = f->private_data;
	int n = kmsg_next_line(f, r);
	size_t len;

	if (n <= 0)
		return n;		/* never 0: kmsg_next_line waits for a line */
	if (r->line[n - 1] != '\n')
		r->line[n++] = '\n';	/* cut short: still one record */
	len = kmsg_format(r, n);
	r->seq++;
	if (len > count)
		return -EINVAL;
	return copy_to_user(buf, r->rec, len) ? -EFAULT : (ssize_t)len;
}

static ssize_t kmsg_write(struct file *f, const char __user *buf, size_t count, loff_t *ppos)
{
	char *text = kmalloc(KMSG_LINE_MAX, GFP_KERNEL);
	size_t n = min_t(size_t, count, KMSG_LINE_MAX - 1), skip = 0;
	int prio = LOG_USER << 3 | LOGLEVEL_DEFAULT;

	if (!text)
		return -ENOMEM;
	if (copy_from_user(text, buf, n)) {
		kfree(text);
		return -EFAULT;
	}
	if (n > 2 && text[0] == '<') {
		unsigned long v = 0;

		for (skip = 1; skip < n && text[skip] >= '0' && text[skip] <= '9'; skip++)
			v = v * 10 + (text[skip] - '0');
		if (skip > 1 && skip < n && text[skip] == '>' && v < 192) {
			prio = (v >> 3 ? v >> 3 : LOG_USER) << 3 | (v & 7);
			skip++;
		} else {
			skip = 0;
		}
	}
	while (n > skip && text[n - 1] == '\n')
		n--;
	log_write_user(prio, text + skip, n - skip);
	kfree(text);
	return count;
}

static loff_t kmsg_llseek(struct file *f, loff_t offset, int whence)
{
	struct kmsg_reader *r = f->private_data;

	if (offset)
		return -ESPIPE;
	switch (whence) {
	case SEEK_SET:
	case SEEK_DATA:			/* after the last clear; nothing clears */
		log_oldest(&r->pos, &r->seq);
		return 0;
	case SEEK_END:
		log_newest(&r->pos, &r->seq);
		return 0;
	default:
		return -EINVAL;
	}
}

const struct file_operations kmsg_fops = {
	.open = kmsg_open,
	.read = kmsg_read,
	.write = kmsg_write,
	.llseek = kmsg_llseek,
	.release = kmsg_release,
};
