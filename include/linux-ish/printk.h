/*
 * printk: the kernel log.  A message may start with a KERN_<LEVEL> prefix
 * (SOH + digit, as in Linux); without one it gets the default level.
 * Messages go into the ring buffer always, and to the consoles when their
 * level is below console_loglevel.
 */
#ifndef _LINUX_ISH_PRINTK_H
#define _LINUX_ISH_PRINTK_H

#include <linux-ish/types.h>
#include <stdarg.h>

#define KERN_SOH	"\001"
#define KERN_EMERG	KERN_SOH "0"
#define KERN_ALERT	KERN_SOH "1"
#define KERN_CRIT	KERN_SOH "2"
#define KERN_ERR	KERN_SOH "3"
#define KERN_WARNING	KERN_SOH "4"
#define KERN_NOTICE	KERN_SOH "5"
#define KERN_INFO	KERN_SOH "6"
#define KERN_DEBUG	KERN_SOH "7"
#define KERN_CONT	KERN_SOH "c"

#define LOGLEVEL_DEFAULT	4	/* messages without a prefix */
#define CONSOLE_LOGLEVEL_DEFAULT 7	/* shows everything but debug */
#define CONSOLE_LOGLEVEL_QUIET	4

extern int console_loglevel;

__printf(1, 2) int printk(const char *fmt, ...);
int vprintk(const char *fmt, va_list args);

#define pr_emerg(fmt, ...)	printk(KERN_EMERG pr_fmt(fmt), ##__VA_ARGS__)
#define pr_crit(fmt, ...)	printk(KERN_CRIT pr_fmt(fmt), ##__VA_ARGS__)
#define pr_err(fmt, ...)	printk(KERN_ERR pr_fmt(fmt), ##__VA_ARGS__)
#define pr_warn(fmt, ...)	printk(KERN_WARNING pr_fmt(fmt), ##__VA_ARGS__)
#define pr_notice(fmt, ...)	printk(KERN_NOTICE pr_fmt(fmt), ##__VA_ARGS__)
#define pr_info(fmt, ...)	printk(KERN_INFO pr_fmt(fmt), ##__VA_ARGS__)
#define pr_debug(fmt, ...)	printk(KERN_DEBUG pr_fmt(fmt), ##__VA_ARGS__)
#define pr_cont(fmt, ...)	printk(KERN_CONT fmt, ##__VA_ARGS__)

#ifndef pr_fmt
#define pr_fmt(fmt) fmt
#endif

/* lib/vsprintf.c */
__printf(3, 4) int snprintf(char *buf, size_t size, const char *fmt, ...);
int vsnprintf(char *buf, size_t size, const char *fmt, va_list args);
__printf(3, 4) int scnprintf(char *buf, size_t size, const char *fmt, ...);

/* A console: where printk text goes.  ->write may be called with IRQs off. */
struct console {
	const char *name;
	void (*write)(struct console *con, const char *s, size_t len);
	struct console *next;
};

void register_console(struct console *con);
/* Writes text to the consoles as is: no prefix, not in the log (user output). */
void console_write_raw(const char *s, size_t len);
/* Panic path: take the log lock by force so that the last words get out. */
void console_force_unlock(void);
/* Copy up to @len bytes of the log (oldest first) into @buf; returns bytes. */
size_t log_buf_copy(char *buf, size_t len);
/* The ring as records (kernel/printk.c), for /dev/kmsg. */
void log_oldest(u32 *pos, u64 *seq);
void log_newest(u32 *pos, u64 *seq);
int log_read_line(u32 *pos, char *line, size_t size);
int log_wait_for(u64 seq);
void log_write_user(int prio, const char *text, size_t len);

#endif
