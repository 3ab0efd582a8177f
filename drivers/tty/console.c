/*
 * /dev/console (5,1) before the TTY layer: writes go straight to the
 * kernel's consoles (COM1 and VGA), reads return end-of-file (there is no
 * input path yet), and the two terminal ioctls programs ask first
 * (TCGETS, TIOCGWINSZ) answer like a terminal in its default mode.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/errno.h>
#include <linux-ish/fs.h>
#include <linux-ish/printk.h>
#include <linux-ish/string.h>
#include <linux-ish/uaccess.h>

#define TCGETS		0x5401
#define TIOCGWINSZ	0x5413
#define NCCS		19

/* struct termios of the Linux kernel ABI. */
struct termios {
	u32 c_iflag, c_oflag, c_cflag, c_lflag;
	u8 c_line;
	u8 c_cc[NCCS];
};

struct winsize {
	u16 ws_row, ws_col, ws_xpixel, ws_ypixel;
};

/* Linux's default termios: ICRNL|IXON, OPOST|ONLCR, B38400|CS8|CREAD|HUPCL,
 * ISIG|ICANON|ECHO|ECHOE|ECHOK|ECHOCTL|ECHOKE|IEXTEN. */
static const struct termios console_termios = {
	.c_iflag = 0x0500, .c_oflag = 0x0005, .c_cflag = 0x04bf, .c_lflag = 0x8a3b,
	.c_cc = { 3, 28, 127, 21, 4, 0, 1, 0, 17, 19, 26, 0, 18, 15, 23, 22 },
};

static ssize_t console_read(struct file *f, char __user *buf, size_t count, loff_t *pos)
{
	return 0;
}

static ssize_t console_file_write(struct file *f, const char __user *buf, size_t count,
				  loff_t *pos)
{
	char chunk[256];
	size_t done = 0;

	while (done < count) {
		size_t n = min_t(size_t, sizeof(chunk), count - done);

		if (copy_from_user(chunk, buf + done, n))
			return done ? (ssize_t)done : -EFAULT;
		console_write_raw(chunk, n);
		done += n;
	}
	return done;
}

static long console_ioctl(struct file *f, unsigned int cmd, unsigned long arg)
{
	const struct winsize ws = { 25, 80, 0, 0 };

	switch (cmd) {
	case TCGETS:
		return copy_to_user((void __user *)arg, &console_termios,
				    sizeof(console_termios)) ? -EFAULT : 0;
	case TIOCGWINSZ:
		return copy_to_user((void __user *)arg, &ws, sizeof(ws)) ? -EFAULT : 0;
	default:
		return -ENOTTY;
	}
}

const struct file_operations console_fops = {
	.read = console_read,
	.write = console_file_write,
	.ioctl = console_ioctl,
};

void console_dev_init(void)
{
	register_chrdev(5, 1, &console_fops);
}
