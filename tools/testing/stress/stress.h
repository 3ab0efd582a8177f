/* stress.h: what every Linnet stress program shares.
 *
 *   stress_init(argc, argv)   seed from argv[1], else $STRESS_SEED, else 1;
 *                             prints "# seed N"; returns the seed
 *   stress_rand(), stress_below(n)   the program's own PRNG (splitmix64)
 *   stress_diag(fmt, ...)     prints "# ..." with one write(2)
 *   stress_fail(fmt, ...)     a data or semantic check failed: prints
 *                             "# FAIL: ..." and exits 1
 *   stress_skip(what, err)    a resource ran out (ENOMEM, EAGAIN, a child
 *                             SIGKILLed): the check cannot be completed.
 *                             The top process prints "# <what> failed with
 *                             <ERR>: skipped" and exits 0; a child exits
 *                             STRESS_EXIT_SKIP silently, for its parent to
 *                             count.
 *   stress_resource(err)      err is a resource failure, not a bug (EIO
 *                             too when fail_make_request may fail our I/O:
 *                             the disk phase of make stress)
 *   stress_again(&tries)      retry a call that ran out, a few times
 *   stress_status(st, ...)    sorts a child's wait status into OK, SKIPPED
 *                             or FAILED (printing why it failed)
 *   stress_open_proc(path)    open() of a /proc/self file
 *   stress_fill/stress_check  a seeded pattern, and where it is broken
 *   stress_pageout(buf, len, advice)  MADV_PAGEOUT (or MADV_COLD) over the
 *                             pages of a buffer: with swap on they go out
 *                             and the next check reads them back
 *
 * Invariant: only the stress-run driver prints TAP results; a program
 * prints '#' lines only, and says "FAIL" only for corrupted data, a wrong
 * errno or a wrong exit status -- never for running out of something.
 */
#ifndef LINNET_STRESS_H
#define LINNET_STRESS_H

#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define STRESS_PAGE		4096UL
#ifndef MADV_COLD
#define MADV_COLD		20	/* Linux 5.4 */
#endif
#ifndef MADV_PAGEOUT
#define MADV_PAGEOUT		21
#endif
#define STRESS_TRIES		8	/* attempts at a call that ran out */
#define STRESS_EXIT_FAIL	1
#define STRESS_EXIT_SKIP	2	/* a child could not finish: no memory */

enum stress_verdict { STRESS_OK, STRESS_SKIPPED, STRESS_FAILED };

static uint64_t stress_state;
static pid_t stress_top;	/* the process that prints the skip line */
static int stress_injecting;	/* fault injection may hit this process */
static int stress_disk_injecting;	/* ... and fail_make_request its I/O */

/* One step of splitmix64 on *s: every value of *s gives a new output. */
static inline uint64_t stress_mix(uint64_t *s)
{
	uint64_t z = (*s += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static inline uint32_t stress_rand(void)
{
	return (uint32_t)(stress_mix(&stress_state) >> 32);
}

/* Uniform enough in [0, n) for n > 0. */
static inline uint32_t stress_below(uint32_t n)
{
	return (uint32_t)(((uint64_t)stress_rand() * n) >> 32);
}

static inline void stress_write_all(int fd, const char *buf, size_t len)
{
	while (len) {
		ssize_t n = write(fd, buf, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return;
		buf += n;
		len -= (size_t)n;
	}
}

static inline void stress_vline(const char *prefix, const char *fmt, va_list ap)
{
	char line[256];
	int len = snprintf(line, sizeof(line), "# %s", prefix);

	len += vsnprintf(line + len, sizeof(line) - (size_t)len, fmt, ap);
	if (len > (int)sizeof(line) - 2)
		len = (int)sizeof(line) - 2;
	line[len++] = '\n';
	stress_write_all(1, line, (size_t)len);
}

__attribute__((format(printf, 1, 2)))
static inline void stress_diag(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	stress_vline("", fmt, ap);
	va_end(ap);
}

__attribute__((format(printf, 1, 2), noreturn))
static inline void stress_fail(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	stress_vline("FAIL: ", fmt, ap);
	va_end(ap);
	_exit(STRESS_EXIT_FAIL);
}

static inline const char *stress_errname(int err)
{
	const char *name = strerrorname_np(err);

	return name ? name : "an unknown error";
}

/*
 * A resource failure: ENOMEM or EAGAIN anywhere; under fault injection
 * also EFAULT, which is what a system call returns when the kernel cannot
 * get a page for the user buffer it copies into.
 */
static inline int stress_resource(int err)
{
	return err == ENOMEM || err == EAGAIN || (err == EFAULT && stress_injecting) ||
	       (err == EIO && stress_disk_injecting);
}

/*
 * After a failed call: true, after a short nap, if it ran out of a
 * resource and *@tries (counting up) allows another attempt.  Injected
 * failures are random, so the next attempt usually gets through:
 *	do pid = fork(); while (pid < 0 && stress_again(&tries));
 */
static inline int stress_again(int *tries)
{
	struct timespec ts = { 0, 1000000 };
	int err = errno;

	if (!stress_resource(err) || ++*tries >= STRESS_TRIES)
		return 0;
	nanosleep(&ts, NULL);
	errno = err;
	return 1;
}

__attribute__((noreturn))
static inline void stress_skip(const char *what, int err)
{
	if (getpid() != stress_top)
		_exit(STRESS_EXIT_SKIP);
	stress_diag("%s failed with %s: skipped", what, stress_errname(err));
	_exit(0);
}

/* Fails on an errno that is not a resource failure, else skips. */
__attribute__((noreturn))
static inline void stress_syserr(const char *what)
{
	int err = errno;

	if (stress_resource(err))
		stress_skip(what, err);
	stress_fail("%s: %s", what, strerror(err));
}

/* True if @path holds @word (a short file, read with one read()). */
static inline int stress_file_has(const char *path, const char *word)
{
	char buf[4096];
	int fd = open(path, O_RDONLY);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n < 0)
		return -1;
	buf[n] = '\0';
	return strstr(buf, word) != NULL;
}

/*
 * Whether allocations may fail on purpose in this process: its
 * make-it-fail flag is set and the kernel was booted with a fault site.
 */
static inline int stress_probe_injection(void)
{
	if (stress_file_has("/proc/self/make-it-fail", "1") == 0)
		return 0;
	/* unreadable (-1, itself an injected failure): assume it is on */
	stress_disk_injecting = stress_file_has("/proc/cmdline", "fail_make_request=") != 0;
	return stress_file_has("/proc/cmdline", "fail_page_alloc=") != 0 ||
	       stress_file_has("/proc/cmdline", "failslab=") != 0 || stress_disk_injecting;
}

static inline unsigned long stress_init(int argc, char **argv)
{
	const char *s = argc > 1 ? argv[1] : getenv("STRESS_SEED");
	unsigned long seed = s && *s ? strtoul(s, NULL, 0) : 1;

	stress_top = getpid();
	stress_state = seed * 0x100000001b3ULL + 0x5eed;
	stress_injecting = stress_probe_injection();
	stress_diag("seed %lu", seed);
	return seed;
}

/*
 * OK, SKIPPED (exit STRESS_EXIT_SKIP, or SIGKILL: out of memory in a page
 * fault) or FAILED, which prints what @who did.  With @exec (the child
 * exec'd a program) and fault injection, three more ways to run out count
 * as SKIPPED: SIGSEGV (execve failed past its point of no return), exit
 * 127 and SIGABRT (glibc's start-up could not get memory).  Any child
 * killed by SIGSEGV under page or slab injection is SKIPPED too: the
 * kernel writes the rseq area glibc registers on the way back to user
 * mode (after a fork that is a COW break of the TLS page), and when that
 * page cannot be allocated the write fails and the task gets SIGSEGV,
 * as Linux's rseq_handle_notify_resume does ("segfault at 0 ... error
 * <syscall nr>" in the log, seen with forkbomb's bombs, seed 1).  The
 * programs' own data checks still catch a wrong value.
 */
static inline enum stress_verdict stress_status(int status, int exec,
						const char *who)
{
	int sig = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
	int code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;

	if (code == 0)
		return STRESS_OK;
	if (code == STRESS_EXIT_SKIP || sig == SIGKILL)
		return STRESS_SKIPPED;
	if (sig == SIGBUS && stress_disk_injecting)
		return STRESS_SKIPPED;	/* a fault on a page the disk failed to read */
	if (exec && stress_injecting && (sig == SIGABRT || code == 127))
		return STRESS_SKIPPED;
	if (stress_injecting && sig == SIGSEGV)
		return STRESS_SKIPPED;	/* rseq area or exec past no return: see above */
	if (code >= 0)
		stress_diag("FAIL: %s exited with status %d", who, code);
	else
		stress_diag("FAIL: %s was killed by signal %d", who, sig);
	return STRESS_FAILED;
}

/*
 * open() of a /proc/self file.  Under fault injection a process may have
 * no /proc entry at all (it could not be allocated): that ENOENT is a
 * resource failure, reported as ENOMEM.
 */
static inline int stress_open_proc(const char *path)
{
	int fd = open(path, O_RDONLY);

	if (fd < 0 && errno == ENOENT && stress_injecting)
		errno = ENOMEM;
	return fd;
}

/* fork(), retried while it runs out of a resource; -1 (errno) after that. */
static inline pid_t stress_fork(void)
{
	int tries = 0;
	pid_t pid;

	do
		pid = fork();
	while (pid < 0 && stress_again(&tries));
	return pid;
}

/*
 * Reads /proc file @path whole into @buf (NUL-terminated), retrying the
 * open under fault injection; the length.  Skips or fails the program if
 * the file cannot be read.
 */
static inline size_t stress_read_proc(const char *path, char *buf, size_t size)
{
	int fd, tries = 0;
	size_t len = 0;
	ssize_t n;

	do
		fd = stress_open_proc(path);
	while (fd < 0 && stress_again(&tries));
	if (fd < 0)
		stress_syserr(path);
	while ((n = read(fd, buf + len, size - 1 - len)) > 0)
		len += (size_t)n;
	close(fd);
	if (n < 0)
		stress_syserr(path);
	buf[len] = '\0';
	return len;
}

/* waitpid() for @pid, retrying on EINTR; fails the program if it is lost. */
static inline int stress_wait(pid_t pid)
{
	int status;

	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			stress_fail("waitpid(%d): %s", (int)pid, strerror(errno));
	return status;
}

/* Fills @len bytes (a multiple of 8) with the pattern named by @key. */
static inline void stress_fill(void *buf, size_t len, uint64_t key)
{
	uint64_t *w = buf, s = key;

	for (size_t i = 0; i < len / 8; i++)
		w[i] = stress_mix(&s);
}

/* The byte offset of the first word not matching @key's pattern, or -1. */
static inline long stress_check(const void *buf, size_t len, uint64_t key)
{
	const volatile uint64_t *w = buf;
	uint64_t s = key;

	for (size_t i = 0; i < len / 8; i++)
		if (w[i] != stress_mix(&s))
			return (long)(i * 8);
	return -1;
}

/*
 * madvise(@advice: MADV_PAGEOUT or MADV_COLD) over the pages that hold
 * [@buf, @buf + @len).  With a swap area on, MADV_PAGEOUT writes the
 * private anonymous pages mapped by this process alone to swap (Linux
 * 5.4+; make stress boots with one), and the caller's next check of the
 * buffer faults them back in; without swap the advice changes nothing
 * the program can see.  A resource failure (or EIO of a failed swap
 * write, under fail_make_request) is ignored: the pages stay in memory,
 * their data unchanged.  Any other error fails the program.
 */
static inline void stress_pageout(const void *buf, size_t len, int advice)
{
	uintptr_t start = (uintptr_t)buf & ~(STRESS_PAGE - 1);
	uintptr_t end = ((uintptr_t)buf + len + STRESS_PAGE - 1) & ~(STRESS_PAGE - 1);

	if (len && madvise((void *)start, end - start, advice) && !stress_resource(errno))
		stress_fail("madvise(%#lx, %lu, %s): %s", (unsigned long)start,
			    (unsigned long)(end - start),
			    advice == MADV_PAGEOUT ? "MADV_PAGEOUT" : "MADV_COLD", strerror(errno));
}

/* A key for pattern @what of object @id, version @ver, under @seed. */
static inline uint64_t stress_key(unsigned long seed, unsigned int what,
				  unsigned int id, unsigned int ver)
{
	uint64_t s = ((uint64_t)seed << 32) ^ ((uint64_t)what << 24) ^
		     ((uint64_t)id << 8) ^ ver;

	return stress_mix(&s);
}

#endif
