/*
 * printk and the log ring buffer.
 *
 * Every message is stored as text lines "<P>[    s.uuuuuu] message\n" in a
 * byte ring of 2^CONFIG_LOG_BUF_SHIFT bytes (the format syslog(2) returns
 * on Linux), P being the syslog priority: facility * 8 + level, facility
 * 0 (kernel) for printk and 1 (user) or what the writer names for lines
 * written to /dev/kmsg.  Consoles get the same lines without the "<P>"
 * when the level is below console_loglevel.  Messages printed before a
 * console registers are replayed to it on registration, so nothing from
 * early boot is lost.  log_lines counts the lines ever completed: the
 * sequence numbers /dev/kmsg shows.
 *
 * Locking: logbuf_lock (IRQ-safe) covers the ring, the console list and
 * the line state; console ->write runs under it, so console output is
 * never interleaved.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/init.h>
#include <linux-ish/errno.h>
#include <linux-ish/printk.h>
#include <linux-ish/spinlock.h>
#include <linux-ish/string.h>
#include <linux-ish/time.h>
#include <linux-ish/sched.h>
#include <linux-ish/signal.h>

#define LOG_BUF_LEN	(1U << CONFIG_LOG_BUF_SHIFT)
#define LOG_LINE_MAX	1024

static char log_buf[LOG_BUF_LEN];
static u32 log_head;		/* bytes ever written; ring index = head % LEN */
static u64 log_lines;		/* lines ever completed ('\n' stored) */
static bool line_open;		/* last message did not end with '\n' */
static int line_prio;		/* priority of the open line */
static struct console *console_list;
static DEFINE_SPINLOCK(logbuf_lock);

int console_loglevel = CONSOLE_LOGLEVEL_DEFAULT;

static void log_store(const char *s, size_t len)
{
	while (len--)
		log_buf[log_head++ % LOG_BUF_LEN] = *s++;
}

static bool console_wanted(const struct console *con);

static void console_emit(const char *s, size_t len, int level)
{
	struct console *con;

	if (level >= console_loglevel)
		return;
	for (con = console_list; con; con = con->next)
		if (console_wanted(con))
			con->write(con, s, len);
}

/* Stores the end of the open line. */
static void end_line(void)
{
	line_open = false;
	log_lines++;
}

/* Emits the "<P>[    s.uuuuuu] " prefix of a new line at priority @prio. */
static void begin_line(int prio)
{
	char prefix[32];
	u64 ns = local_clock();
	u32 sec = (u32)(ns / NSEC_PER_SEC);
	u32 usec = (u32)((ns % NSEC_PER_SEC) / NSEC_PER_USEC);
	int skip = snprintf(prefix, sizeof(prefix), "<%d>", prio);
	int n = skip + snprintf(prefix + skip, sizeof(prefix) - skip, "[%5u.%06u] ", sec, usec);

	log_store(prefix, n);
	console_emit(prefix + skip, n - skip, prio & 7);
	line_open = true;
	line_prio = prio;
}

/* Splits @text into lines and stores/emits them.  Caller holds logbuf_lock. */
static void log_text(const char *text, size_t len, int prio, bool cont)
{
	int level;

	if (line_open && !cont) {
		log_store("\n", 1);
		console_emit("\n", 1, line_prio & 7);
		end_line();
	}
	if (line_open)
		prio = line_prio;
	level = prio & 7;
	while (len) {
		size_t chunk = 0;
		bool eol;

		while (chunk < len && text[chunk] != '\n')
			chunk++;
		eol = chunk < len;
		chunk += eol;		/* the newline belongs to this line */
		if (!line_open)
			begin_line(prio);
		log_store(text, chunk);
		console_emit(text, chunk, level);
		if (eol)
			end_line();
		text += chunk;
		len -= chunk;
	}
}

/* Strips a KERN_ prefix; returns the level (or -1 for KERN_CONT). */
static int parse_level(const char **fmt)
{
	const char *s = *fmt;

	if (s[0] != KERN_SOH[0] || !s[1])
		return LOGLEVEL_DEFAULT;
	*fmt = s + 2;
	if (s[1] == 'c')
		return -1;
	if (s[1] >= '0' && s[1] <= '7')
		return s[1] - '0';
	return LOGLEVEL_DEFAULT;
}

int vprintk(const char *fmt, va_list args)
{
	char text[LOG_LINE_MAX];
	unsigned long flags;
	int level = parse_level(&fmt);
	int len = vsnprintf(text, sizeof(text), fmt, args);

	if (len >= (int)sizeof(text))
		len = sizeof(text) - 1;
	spin_lock_irqsave(&logbuf_lock, flags);
	log_text(text, len, level < 0 ? LOGLEVEL_DEFAULT : level, level < 0);
	spin_unlock_irqrestore(&logbuf_lock, flags);
	return len;
}

int printk(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vprintk(fmt, ap);
	va_end(ap);
	return n;
}

static char log_char(u32 i)
{
	return log_buf[i % LOG_BUF_LEN];
}

/* Where the oldest whole line in the ring starts.  Caller holds logbuf_lock. */
static u32 log_first(void)
{
	u32 i = log_head > LOG_BUF_LEN ? log_head - LOG_BUF_LEN : 0;

	if (log_head > LOG_BUF_LEN)
		while (i < log_head && log_char(i++) != '\n')
			;
	return i;
}

/*
 * At @i, the start of a line: parses its "<P>" into *@prio and returns
 * the length of that prefix (0 if there is none).
 */
static u32 log_prio(u32 i, int *prio)
{
	u32 n = 1;

	*prio = 0;
	if (i >= log_head || log_char(i) != '<')
		return 0;
	while (i + n < log_head && log_char(i + n) >= '0' && log_char(i + n) <= '9')
		*prio = *prio * 10 + log_char(i + n++) - '0';
	return i + n < log_head && log_char(i + n) == '>' ? n + 1 : 0;
}

/*
 * Replays the ring to one console, honouring each line's level and
 * stripping its "<P>".  Lines of any length go out in chunks.  If the ring
 * has wrapped, the first (partial) line is skipped.
 */
static void console_replay(struct console *con)
{
	u32 i = log_first();
	char chunk[128];
	size_t n = 0;
	bool show = false;

	while (i < log_head) {
		char c = log_char(i);
		int prio;
		u32 skip;

		if ((i == 0 || log_char(i - 1) == '\n') && (skip = log_prio(i, &prio))) {
			show = (prio & 7) < console_loglevel;
			i += skip;
			continue;
		}
		if (show)
			chunk[n++] = c;
		if (n == sizeof(chunk) || (n && c == '\n')) {
			con->write(con, chunk, n);
			n = 0;
		}
		i++;
	}
	if (n)
		con->write(con, chunk, n);
}

/* ---- the ring as records, for /dev/kmsg (kernel/printk_kmsg.c) ---- */

/* The oldest whole line: its position and sequence number. */
void log_oldest(u32 *pos, u64 *seq)
{
	unsigned long flags;
	u64 lines = 0;

	spin_lock_irqsave(&logbuf_lock, flags);
	*pos = log_first();
	for (u32 i = *pos; i < log_head; i++)
		lines += log_char(i) == '\n';
	*seq = log_lines - lines;
	spin_unlock_irqrestore(&logbuf_lock, flags);
}

/* Where the next line will start, and its sequence number. */
void log_newest(u32 *pos, u64 *seq)
{
	unsigned long flags;

	spin_lock_irqsave(&logbuf_lock, flags);
	*pos = log_head;
	*seq = log_lines;
	spin_unlock_irqrestore(&logbuf_lock, flags);
}

/*
 * The whole line at *@pos (which must start one) into @line, as
 * "<P>[ s.us] text\n" without the NUL, at most @size bytes (longer ones
 * are cut).  Moves *@pos past it.  Returns its length, 0 if no whole line
 * is there yet, or -EPIPE if the ring overwrote it.
 */
int log_read_line(u32 *pos, char *line, size_t size)
{
	unsigned long flags;
	int n = 0;
	u32 i;

	spin_lock_irqsave(&logbuf_lock, flags);
	if (log_head - *pos > LOG_BUF_LEN) {
		spin_unlock_irqrestore(&logbuf_lock, flags);
		return -EPIPE;
	}
	for (i = *pos; i < log_head && log_char(i) != '\n'; i++)
		;
	if (i < log_head) {
		for (u32 j = *pos; j <= i && (size_t)n < size; j++)
			line[n++] = log_char(j);
		*pos = i + 1;
	}
	spin_unlock_irqrestore(&logbuf_lock, flags);
	return n;
}

/*
 * Sleeps until line @seq is complete; -ERESTARTSYS on a signal.  It looks
 * every tenth of a second rather than being woken: printk runs where no
 * wake-up may (under the scheduler's lock, in the scheduler itself).
 */
int log_wait_for(u64 seq)
{
	while (READ_ONCE(log_lines) <= seq) {
		if (signal_pending(current))
			return -ERESTARTSYS;
		set_current_state(TASK_INTERRUPTIBLE);
		schedule_timeout(HZ / 10);
	}
	return 0;
}

/* A line written to /dev/kmsg, at syslog priority @prio. */
void log_write_user(int prio, const char *text, size_t len)
{
	unsigned long flags;

	spin_lock_irqsave(&logbuf_lock, flags);
	log_text(text, len, prio, false);
	if (line_open) {
		log_store("\n", 1);
		console_emit("\n", 1, prio & 7);
		end_line();
	}
	spin_unlock_irqrestore(&logbuf_lock, flags);
}

void register_console(struct console *con)
{
	unsigned long flags;

	spin_lock_irqsave(&logbuf_lock, flags);
	console_replay(con);
	con->next = console_list;
	console_list = con;
	spin_unlock_irqrestore(&logbuf_lock, flags);
}

void console_write_raw(const char *s, size_t len)
{
	unsigned long flags;
	struct console *con;

	spin_lock_irqsave(&logbuf_lock, flags);
	for (con = console_list; con; con = con->next)
		if (console_wanted(con))
			con->write(con, s, len);
	spin_unlock_irqrestore(&logbuf_lock, flags);
}

void console_force_unlock(void)
{
	spin_lock_init(&logbuf_lock);
}

size_t log_buf_copy(char *buf, size_t len)
{
	unsigned long flags;
	u32 start, i;
	size_t n = 0;

	spin_lock_irqsave(&logbuf_lock, flags);
	start = log_head > LOG_BUF_LEN ? log_head - LOG_BUF_LEN : 0;
	if (log_head - start > len)
		start = log_head - len;
	for (i = start; i < log_head; i++)
		buf[n++] = log_buf[i % LOG_BUF_LEN];
	spin_unlock_irqrestore(&logbuf_lock, flags);
	return n;
}

/*
 * console=NAME (ttyS0, tty0; may repeat): only the named consoles print.
 * Without it every registered console does.  Consoles register before
 * the command line is parsed, so the early lines reach all of them.  Options after a comma
 * (console=ttyS0,115200) are accepted and ignored.
 */
#define MAX_CMDLINE_CONSOLES 4
static char wanted_consoles[MAX_CMDLINE_CONSOLES][8];
static unsigned int nr_wanted_consoles;

static bool console_wanted(const struct console *con)
{
	if (!nr_wanted_consoles)
		return true;
	for (unsigned int i = 0; i < nr_wanted_consoles; i++)
		if (!strcmp(wanted_consoles[i], con->name))
			return true;
	return false;
}

static int __init console_setup(const char *val)
{
	char *comma;

	if (nr_wanted_consoles == MAX_CMDLINE_CONSOLES || !*val)
		return -EINVAL;
	strlcpy(wanted_consoles[nr_wanted_consoles], val, sizeof(wanted_consoles[0]));
	comma = strchr(wanted_consoles[nr_wanted_consoles], ',');
	if (comma)
		*comma = '\0';
	nr_wanted_consoles++;
	return 0;
}
__setup("console=", console_setup);

static int __init loglevel_setup(const char *val)
{
	int level;

	if (kstrtoint(val, 0, &level) || level < 0 || level > 15)
		return -EINVAL;
	console_loglevel = level;
	return 0;
}
__setup("loglevel=", loglevel_setup);

static int __init quiet_setup(const char *val)
{
	console_loglevel = CONSOLE_LOGLEVEL_QUIET;
	return 0;
}
__setup("quiet", quiet_setup);

static int __init debug_setup(const char *val)
{
	console_loglevel = 8;
	return 0;
}
__setup("debug", debug_setup);
