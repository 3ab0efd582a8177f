/* kselftest.h: a tiny TAP producer for Linnet's user-space selftests.
 *
 *   ksft_plan(n)            prints "1..n"
 *   ksft_ok(cond, fmt, ...) prints "ok N - desc" or "not ok N - desc",
 *                           returns cond
 *   ksft_skip(why, fmt,...) prints "ok N - desc # SKIP why"
 *   ksft_diag(fmt, ...)     prints "# ..." (a comment; never a result)
 *   ksft_exit()             exits 0 if every case passed and the plan was
 *                           met, else 1
 *   ksft_run_child(fn, arg) forks, runs fn(arg) in the child (which then
 *                           exits 0 unless fn exited itself), returns the
 *                           wait status, or -1 if fork/waitpid failed
 *   KSFT_SIGNALLED(st, sig) the status says "killed by signal sig"
 *   KSFT_EXITED(st, code)   the status says "exited with code"
 *
 * Every line goes out with one write(2) to fd 1: nothing is ever buffered,
 * so a forked child can never print its parent's output a second time.
 * Children report to their parent through their exit status; only the
 * original process prints results.
 */
#ifndef LINNET_KSELFTEST_H
#define LINNET_KSELFTEST_H

#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#define KSFT_PAGE 4096UL

static int ksft_planned = -1;
static int ksft_number;
static int ksft_failures;

static inline void ksft_write_all(const char *buf, size_t len)
{
	while (len) {
		ssize_t n = write(1, buf, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return;
		buf += n;
		len -= (size_t)n;
	}
}

/* One line: prefix, the formatted text, suffix, newline; one write(2). */
static inline void ksft_vline(const char *prefix, const char *suffix,
			      const char *fmt, va_list ap)
{
	char line[512];
	int len = snprintf(line, sizeof(line), "%s", prefix);

	len += vsnprintf(line + len, sizeof(line) - (size_t)len, fmt, ap);
	if (len > (int)sizeof(line) - 64)
		len = (int)sizeof(line) - 64;
	len += snprintf(line + len, sizeof(line) - (size_t)len, "%s\n", suffix);
	if (len > (int)sizeof(line))
		len = (int)sizeof(line);
	ksft_write_all(line, (size_t)len);
}

static inline void ksft_plan(int n)
{
	char line[32];
	int len = snprintf(line, sizeof(line), "1..%d\n", n);

	ksft_planned = n;
	ksft_write_all(line, (size_t)len);
}

__attribute__((format(printf, 1, 2)))
static inline void ksft_diag(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	ksft_vline("# ", "", fmt, ap);
	va_end(ap);
}

__attribute__((format(printf, 2, 3)))
static inline int ksft_ok(int cond, const char *fmt, ...)
{
	char prefix[32];
	va_list ap;

	ksft_number++;
	if (!cond)
		ksft_failures++;
	snprintf(prefix, sizeof(prefix), "%sok %d - ", cond ? "" : "not ",
		 ksft_number);
	va_start(ap, fmt);
	ksft_vline(prefix, "", fmt, ap);
	va_end(ap);
	return cond;
}

__attribute__((format(printf, 2, 3)))
static inline void ksft_skip(const char *why, const char *fmt, ...)
{
	char prefix[32], suffix[128];
	va_list ap;

	ksft_number++;
	snprintf(prefix, sizeof(prefix), "ok %d - ", ksft_number);
	snprintf(suffix, sizeof(suffix), " # SKIP %s", why);
	va_start(ap, fmt);
	ksft_vline(prefix, suffix, fmt, ap);
	va_end(ap);
}

/* Reads all of @path (up to @size - 1 bytes) into @buf, NUL-terminated;
 * the length, or -1 if it cannot be opened. */
static inline int ksft_read_file(const char *path, char *buf, size_t size)
{
	int fd = open(path, O_RDONLY), n = 0, r;

	if (fd < 0)
		return -1;
	while ((r = read(fd, buf + n, size - 1 - n)) > 0)
		n += r;
	close(fd);
	buf[n] = '\0';
	return n;
}

/* Writes @val (a string) to @path in one write(): 0, or -1 if it cannot be opened or short. */
static inline int ksft_write_file(const char *path, const char *val)
{
	int fd = open(path, O_WRONLY), ok;

	if (fd < 0)
		return -1;
	ok = write(fd, val, strlen(val)) == (ssize_t)strlen(val);
	close(fd);
	return ok ? 0 : -1;
}

static inline __attribute__((noreturn)) void ksft_exit(void)
{
	if (ksft_planned >= 0 && ksft_number != ksft_planned) {
		ksft_diag("planned %d tests but ran %d", ksft_planned,
			  ksft_number);
		_exit(1);
	}
	_exit(ksft_failures ? 1 : 0);
}

/* Forks; the child runs fn(arg) with core dumps off and exits 0 if fn
 * returns.  Returns the child's wait status, or -1. */
static inline int ksft_run_child(void (*fn)(void *), void *arg)
{
	int status;
	pid_t pid = fork();

	if (pid < 0)
		return -1;
	if (pid == 0) {
		struct rlimit none = { 0, 0 };

		setrlimit(RLIMIT_CORE, &none);	/* may be ENOSYS: harmless */
		fn(arg);
		_exit(0);
	}
	if (waitpid(pid, &status, 0) != pid)
		return -1;
	return status;
}

/* Functions, so that each evaluates its status once: KSFT_EXITED(ksft_run_child(...), 0) runs one child. */
static inline int ksft_signalled(int st, int sig)
{
	return st != -1 && WIFSIGNALED(st) && WTERMSIG(st) == sig;
}

static inline int ksft_exited(int st, int code)
{
	return st != -1 && WIFEXITED(st) && WEXITSTATUS(st) == code;
}

#define KSFT_SIGNALLED(st, sig) ksft_signalled((st), (sig))
#define KSFT_EXITED(st, code) ksft_exited((st), (code))

#endif
