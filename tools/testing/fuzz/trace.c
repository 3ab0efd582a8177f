/*
 * trace.c: FUZZ_TRACE=1, a debugging aid: every child prints each call
 * it generated (number, name, arguments, the words of a scratch block an
 * argument points at) to the parent's stderr, so two runs or two builds
 * can be compared line by line.  Without FUZZ_TRACE nothing here runs.
 *
 * The child keeps stderr as descriptor TRACE_FD or above, close-on-exec:
 * in the 300..510 gap that refresh() leaves open, and a number no generated
 * descriptor argument can be (args.c draws descriptors from the pool,
 * from 0..31 or from the interesting values, whose nearest are 256 and
 * 511).  It is written only here, never by a fuzzed call.
 */
#include "fuzz.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

#define TRACE_FD	300
#define TRACE_FD_END	511	/* the next interesting value */

static int trace_fd = -1;

void trace_open(void)
{
	int fd = fcntl(2, F_DUPFD_CLOEXEC, TRACE_FD);

	if (fd >= TRACE_FD_END) {
		close(fd);
		fd = -1;
	}
	trace_fd = fd;
}

/* Argument types that may be pointers (A_INTBUF: sometimes). */
static int is_ptr_type(int type)
{
	switch (type) {
	case A_PATH: case A_RPATH: case A_OPATH: case A_BUF: case A_ADDR: case A_MRADDR:
	case A_BRK: case A_INTBUF: case A_TIMESPEC: case A_SIGSET:
	case A_SIGACT: case A_IOV: case A_ARGV: case A_RLIM: case A_RLIM64:
	case A_UDESC: case A_ITIMER: case A_STACK: case A_MMARGS: case A_LDTPTR:
		return 1;
	}
	return 0;
}

/*
 * The words a scratch argument of type @type points at; *@ptrs gets a bit
 * for each word that holds a pointer (the rest are printed as numbers).
 */
static unsigned int block_words(int type, unsigned int *ptrs)
{
	*ptrs = 0;
	switch (type) {
	case A_TIMESPEC:	return 3;
	case A_SIGSET:		return 2;
	case A_SIGACT:		*ptrs = 0x5; return 5;	/* handler, restorer */
	case A_IOV:		*ptrs = 0x5555; return 16;
	case A_ARGV:		*ptrs = 0x7f; return 7;
	case A_RLIM:		return 2;
	case A_RLIM64:		return 4;
	case A_UDESC:		*ptrs = 0x2; return 4;	/* base_addr */
	case A_LDTPTR:		*ptrs = 0x2; return 4;	/* a user_desc when in scratch */
	case A_ITIMER:		return 4;
	case A_STACK:		*ptrs = 0x1; return 3;	/* ss_sp */
	case A_MMARGS:		*ptrs = 0x1; return 6;	/* addr */
	}
	return 0;
}

static int in_scratch(unsigned long v)
{
	return v >= (unsigned long)scratch &&
	       v < (unsigned long)scratch + sizeof(scratch);
}

/* One argument or block word: pointers symbolic, numbers in hex. */
static size_t put_value(char *buf, size_t size, unsigned long v, int kind)
{
	if (kind == A_PIDSELF && v == (unsigned long)res.pid)
		return (size_t)snprintf(buf, size, "pid");
	if (kind == A_BUF)
		return (size_t)arg_name(buf, size, v);
	return (size_t)snprintf(buf, size, "%#lx", v);
}

static void trace_write(const char *p, size_t len)
{
	for (int tries = 0; len && tries < 100; tries++) {
		ssize_t n = write(trace_fd, p, len);

		if (n < 0 && errno != EINTR)
			return;
		if (n > 0) {
			p += n;
			len -= (size_t)n;
		}
	}
}

void trace_call(unsigned long idx, unsigned long i, const struct call *c,
		int made)
{
	char line[1024];
	size_t len, nargs = 6;
	int saved_errno = errno;

	if (trace_fd < 0)
		return;
	while (nargs && c->e->args[nargs - 1] == A_0)
		nargs--;
	len = (size_t)snprintf(line, sizeof(line), "# trace: child %lu call %lu %d %s(",
			       idx, i, c->e->nr, c->e->name);
	for (size_t a = 0; a < nargs && len < sizeof(line) - 64; a++) {
		unsigned long v = c->a[a];
		int type = c->e->args[a];
		unsigned int ptrs, words = block_words(type, &ptrs);

		if (a)
			len += (size_t)snprintf(line + len, sizeof(line) - len, ", ");
		len += put_value(line + len, sizeof(line) - len, v,
				 is_ptr_type(type) ? A_BUF : type);
		if (!words || !in_scratch(v))
			continue;
		for (unsigned int w = 0; w < words && len < sizeof(line) - 64; w++) {
			len += (size_t)snprintf(line + len, sizeof(line) - len, w ? " " : "{");
			len += put_value(line + len, sizeof(line) - len,
					 ((const unsigned long *)v)[w],
					 (ptrs >> w) & 1 ? A_BUF : A_INT);
		}
		len += (size_t)snprintf(line + len, sizeof(line) - len, "}");
	}
	if (len > sizeof(line) - 16)
		len = sizeof(line) - 16;
	len += (size_t)snprintf(line + len, sizeof(line) - len, ")%s\n",
				made ? "" : " skipped");
	trace_write(line, len);
	errno = saved_errno;
}
