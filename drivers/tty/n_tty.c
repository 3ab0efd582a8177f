/*
 * The console TTY and its line discipline (/dev/console 5:1, /dev/tty 5:0).
 *
 * Input (from the UART or keyboard interrupt, tty_receive_char()):
 *   ISIG    ^C sends SIGINT, ^\ SIGQUIT and ^Z SIGTSTP to the foreground
 *           process group, discarding pending input (unless NOFLSH); the
 *           key echoes as ^C, ^\ or ^Z, with no newline, as on Linux
 *   ICRNL   CR becomes NL
 *   ICANON  lines are edited before a reader sees them: erase (DEL, ^H),
 *           kill (^U), word erase (^W), ^D ends input (at the start of a
 *           line: end of file); a line becomes readable at NL
 *   ECHO    typed characters are echoed (control characters as ^X)
 * Without ICANON every character is readable at once (VMIN 1 behaviour;
 * VMIN 0 returns what there is; VTIME is not supported).
 *
 * Output goes straight to the kernel consoles (ONLCR by the UART driver).
 * Input that becomes readable wakes read_wait: readers and pollers.
 * tty.lock (IRQ-safe) covers the buffers, termios and the foreground group.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/errno.h>
#include <linux-ish/fs.h>
#include <linux-ish/poll.h>
#include <linux-ish/printk.h>
#include <linux-ish/random.h>
#include <linux-ish/sched.h>
#include <linux-ish/signal.h>
#include <linux-ish/spinlock.h>
#include <linux-ish/string.h>
#include <linux-ish/tty.h>
#include <linux-ish/uaccess.h>
#include <linux-ish/wait.h>
#include <uapi/linux-ish/termios.h>

#define INPUT_SIZE	4096
#define LINE_SIZE	1024

static struct tty {
	spinlock_t lock;
	struct termios termios;
	struct winsize ws;
	char input[INPUT_SIZE];		/* readable bytes (whole lines in canonical mode) */
	unsigned int head, count;
	unsigned int eofs;		/* ^D markers pending in canonical mode */
	char line[LINE_SIZE];		/* the line being edited */
	unsigned int line_len;
	pid_t pgrp;			/* foreground process group */
	struct wait_queue_head read_wait;
} tty = {
	.lock = __SPIN_LOCK_UNLOCKED(tty.lock),
	/* Linux's defaults: ICRNL|IXON, OPOST|ONLCR, B38400|CS8|CREAD|HUPCL,
	 * ISIG|ICANON|ECHO|ECHOE|ECHOK|ECHOCTL|ECHOKE|IEXTEN. */
	.termios = {
		.c_iflag = 0x0500, .c_oflag = 0x0005, .c_cflag = 0x04bf, .c_lflag = 0x8a3b,
		.c_cc = { 3, 28, 127, 21, 4, 0, 1, 0, 17, 19, 26, 0, 18, 15, 23, 22 },
	},
	.ws = { 25, 80, 0, 0 },
	.read_wait = __WAIT_QUEUE_HEAD_INITIALIZER(tty.read_wait),
};

static void echo_str(const char *s, size_t len)
{
	if (tty.termios.c_lflag & ECHO)
		console_write_raw(s, len);
}

/* Echoes @c, control characters as ^X when ECHOCTL is set. */
static void echo_char(char c)
{
	if ((unsigned char)c < 0x20 && c != '\n' && c != '\t' && (tty.termios.c_lflag & ECHOCTL)) {
		char ctl[2] = { '^', (char)(c ^ 0x40) };

		echo_str(ctl, 2);
	} else {
		echo_str(&c, 1);
	}
}

/* Caller holds tty.lock. */
static void input_put(char c)
{
	if (tty.count < INPUT_SIZE)
		tty.input[(tty.head + tty.count++) % INPUT_SIZE] = c;
}

static void erase_chars(unsigned int n)
{
	while (n-- && tty.line_len) {
		tty.line_len--;
		if (tty.termios.c_lflag & ECHOE)
			echo_str("\b \b", 3);
	}
}

static void erase_word(void)
{
	unsigned int n = 0, len = tty.line_len;

	while (len > n && tty.line[len - n - 1] == ' ')
		n++;
	while (len > n && tty.line[len - n - 1] != ' ')
		n++;
	erase_chars(n);
}

/* A line is complete (NL, or ^D): make it readable.  Caller holds tty.lock. */
static void commit_line(bool eof)
{
	for (unsigned int i = 0; i < tty.line_len; i++)
		input_put(tty.line[i]);
	if (eof && !tty.line_len)
		tty.eofs++;		/* an empty line ended by ^D: end of file */
	tty.line_len = 0;
}

static void send_to_foreground(int sig)
{
	struct task_struct *p;

	if (!(tty.termios.c_lflag & NOFLSH)) {
		tty.count = tty.line_len = 0;
		tty.eofs = 0;
	}
	if (!tty.pgrp)
		return;		/* no foreground yet: nobody's terminal (init's group is 0) */
	list_for_each_entry(p, &task_list, tasks)
		if (p->pgid == tty.pgrp && !(p->flags & PF_KTHREAD))
			send_sig(sig, p);
}

/* The canonical-mode editing keys; true if @c was one. Caller holds tty.lock. */
static bool canon_edit(char c)
{
	const u8 *cc = tty.termios.c_cc;

	if (c == (char)cc[VERASE] || c == '\b') {
		erase_chars(1);
		return true;
	}
	if (c == (char)cc[VKILL]) {
		erase_chars(tty.line_len);
		return true;
	}
	if (c == (char)cc[VWERASE]) {
		erase_word();
		return true;
	}
	if (c == (char)cc[VEOF]) {
		commit_line(true);
		wake_up(&tty.read_wait);
		return true;
	}
	return false;
}

void tty_receive_char(char c)
{
	const struct termios *t = &tty.termios;
	unsigned long flags;

	spin_lock_irqsave(&tty.lock, flags);
	if ((t->c_iflag & ICRNL) && c == '\r')
		c = '\n';
	if ((t->c_lflag & ISIG) && (c == (char)t->c_cc[VINTR] || c == (char)t->c_cc[VQUIT])) {
		echo_char(c);
		send_to_foreground(c == (char)t->c_cc[VINTR] ? SIGINT : SIGQUIT);
	} else if ((t->c_lflag & ISIG) && c == (char)t->c_cc[VSUSP]) {
		echo_char(c);
		send_to_foreground(SIGTSTP);
	} else if (!(t->c_lflag & ICANON)) {
		input_put(c);
		echo_char(c);
		wake_up(&tty.read_wait);
	} else if (!canon_edit(c)) {
		if (tty.line_len < LINE_SIZE - 1 || c == '\n')
			tty.line[tty.line_len++] = c;
		echo_char(c);
		if (c == '\n') {
			commit_line(false);
			wake_up(&tty.read_wait);
		}
	}
	spin_unlock_irqrestore(&tty.lock, flags);
}

/* Bytes a reader may take now (up to the end of a line in canonical mode). */
static unsigned int readable(bool *eof)
{
	*eof = false;
	if (!(tty.termios.c_lflag & ICANON))
		return tty.count;
	for (unsigned int i = 0; i < tty.count; i++)
		if (tty.input[(tty.head + i) % INPUT_SIZE] == '\n')
			return i + 1;
	if (tty.count)
		return tty.count;	/* a line ended by ^D, without its NL */
	*eof = tty.eofs != 0;
	return 0;
}

static ssize_t tty_read(struct file *f, char __user *buf, size_t count, loff_t *pos)
{
	char chunk[256];
	unsigned long flags;
	unsigned int n, want = min_t(size_t, count, sizeof(chunk));
	bool eof = false;

	if (!count)
		return 0;
	for (;;) {
		spin_lock_irqsave(&tty.lock, flags);
		n = min_t(unsigned int, readable(&eof), want);
		if (n || eof)
			break;
		spin_unlock_irqrestore(&tty.lock, flags);
		if ((f->f_flags & O_NONBLOCK) ||
		    (!(tty.termios.c_lflag & ICANON) && !tty.termios.c_cc[VMIN]))
			return (f->f_flags & O_NONBLOCK) ? -EAGAIN : 0;
		if (wait_event_interruptible(tty.read_wait, readable(&eof) || eof))
			return -ERESTARTSYS;
	}
	if (!n)
		tty.eofs--;		/* consume one end of file */
	for (unsigned int i = 0; i < n; i++)
		chunk[i] = tty.input[(tty.head + i) % INPUT_SIZE];
	tty.head = (tty.head + n) % INPUT_SIZE;
	tty.count -= n;
	spin_unlock_irqrestore(&tty.lock, flags);
	if (n && copy_to_user(buf, chunk, n))
		return -EFAULT;
	return n;
}

static ssize_t tty_write(struct file *f, const char __user *buf, size_t count, loff_t *pos)
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

static long tty_ioctl(struct file *f, unsigned int cmd, unsigned long arg)
{
	void __user *uarg = (void __user *)arg;
	unsigned long flags;
	struct termios t;
	pid_t pgrp;

	switch (cmd) {
	case TCGETS:
		return copy_to_user(uarg, &tty.termios, sizeof(t)) ? -EFAULT : 0;
	case TCSETS:
	case TCSETSW:
	case TCSETSF:
		if (copy_from_user(&t, uarg, sizeof(t)))
			return -EFAULT;
		spin_lock_irqsave(&tty.lock, flags);
		if (cmd == TCSETSF)
			tty.count = tty.line_len = tty.eofs = 0;
		if ((tty.termios.c_lflag & ICANON) && !(t.c_lflag & ICANON))
			commit_line(false);	/* half a line becomes readable raw input */
		tty.termios = t;
		spin_unlock_irqrestore(&tty.lock, flags);
		wake_up(&tty.read_wait);
		return 0;
	case TCFLSH:
		if (arg == 0 || arg == 2) {	/* TCIFLUSH, TCIOFLUSH */
			spin_lock_irqsave(&tty.lock, flags);
			tty.count = tty.line_len = tty.eofs = 0;
			spin_unlock_irqrestore(&tty.lock, flags);
		}
		return arg <= 2 ? 0 : -EINVAL;
	case TIOCGPGRP:
		return put_user(tty.pgrp, (pid_t __user *)uarg);
	case TIOCSPGRP:
		if (get_user(pgrp, (pid_t __user *)uarg))
			return -EFAULT;
		if (pgrp <= 0)
			return -EINVAL;
		tty.pgrp = pgrp;
		return 0;
	case TIOCGWINSZ:
		return copy_to_user(uarg, &tty.ws, sizeof(tty.ws)) ? -EFAULT : 0;
	case TIOCSWINSZ:
		return copy_from_user(&tty.ws, uarg, sizeof(tty.ws)) ? -EFAULT : 0;
	case FIONREAD: {
		bool eof;

		return put_user((int)readable(&eof), (int __user *)uarg);
	}
	case TIOCSCTTY:
		/*
		 * One terminal, every session shares it; but as on Linux the
		 * session leader that takes it gets the foreground (bash's job
		 * control waits for tcgetpgrp() to be its own group).
		 */
		if (current->tgid == current->sid)
			tty.pgrp = current->pgid;
		return 0;
	case TIOCNOTTY:
		return 0;
	default:
		return -ENOTTY;
	}
}

/*
 * The first opener in a group other than 0 makes it the foreground
 * (init and /etc/rc's programs are in group 0: that is no foreground).
 */
static int tty_open(struct inode *inode, struct file *f)
{
	if (!tty.pgrp && current->pgid)
		tty.pgrp = current->pgid;
	return 0;
}

/* Readable with a line (or ^D) waiting; output never blocks. */
static __poll_t tty_poll(struct file *f, struct poll_table_struct *pt)
{
	__poll_t mask = POLLOUT | POLLWRNORM;
	unsigned long flags;
	bool eof;

	poll_wait(f, &tty.read_wait, pt);
	spin_lock_irqsave(&tty.lock, flags);
	if (readable(&eof) || eof)
		mask |= POLLIN | POLLRDNORM;
	spin_unlock_irqrestore(&tty.lock, flags);
	return mask;
}

const struct file_operations console_fops = {
	.open = tty_open,
	.poll = tty_poll,
	.read = tty_read,
	.write = tty_write,
	.ioctl = tty_ioctl,
};

/* /dev/urandom (1:9) and /dev/random (1:8): the kernel's generator. */
static ssize_t random_read(struct file *f, char __user *buf, size_t count, loff_t *pos)
{
	u8 chunk[64];
	size_t done = 0;

	while (done < count) {
		size_t n = min_t(size_t, sizeof(chunk), count - done);

		get_random_bytes(chunk, n);
		if (copy_to_user(buf + done, chunk, n))
			return done ? (ssize_t)done : -EFAULT;
		done += n;
	}
	return done;
}

static ssize_t random_write(struct file *f, const char __user *buf, size_t count, loff_t *pos)
{
	return count;		/* accepted, as Linux does; not mixed in */
}

static const struct file_operations random_fops = {
	.read = random_read,
	.write = random_write,
};

void console_dev_init(void)
{
	register_chrdev(5, 1, "console", 0600, &console_fops);
	register_chrdev(5, 0, "tty", 0666, &console_fops);
	register_chrdev(1, 8, "random", 0666, &random_fops);
	register_chrdev(1, 9, "urandom", 0666, &random_fops);
}
