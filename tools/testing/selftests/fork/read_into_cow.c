/* read_into_cow: read() into COW memory changes the reader's copy only. */
#include "../kselftest.h"
#include <sys/mman.h>

#define PAGES 3
#define SIZE (PAGES * KSFT_PAGE)
#define OFF (KSFT_PAGE - 100)	/* the read spans a page boundary */
#define LEN (KSFT_PAGE + 200)

static unsigned char *buf;

static int read_full(int fd, unsigned char *p, size_t len)
{
	while (len) {
		ssize_t n = read(fd, p, len);

		if (n <= 0)
			return 0;
		p += n;
		len -= (size_t)n;
	}
	return 1;
}

static int write_full(int fd, unsigned char c, size_t len)
{
	unsigned char chunk[256];

	memset(chunk, c, sizeof(chunk));
	while (len) {
		ssize_t n = write(fd, chunk, len < sizeof(chunk) ? len : sizeof(chunk));

		if (n <= 0)
			return 0;
		len -= (size_t)n;
	}
	return 1;
}

/* buf holds 'P' everywhere except [OFF, OFF+LEN) which holds c. */
static int holds(unsigned char c)
{
	for (size_t i = 0; i < SIZE; i++)
		if (buf[i] != (i >= OFF && i < OFF + LEN ? c : 'P'))
			return 0;
	return 1;
}

/* reader_is_child: the child reads into buf and the parent feeds the pipe;
 * otherwise the parent reads and the child feeds it, then waits on a second
 * pipe until the parent is done before checking its own copy. */
static int one_way(int reader_is_child)
{
	int data[2], done[2], status, ok;
	unsigned char c;
	pid_t pid;

	memset(buf, 'P', SIZE);
	if (pipe(data) || pipe(done))
		return 0;
	pid = fork();
	if (pid < 0)
		return 0;
	if (pid == 0) {
		/* Close the ends it does not use: a failed peer means EOF. */
		close(reader_is_child ? data[1] : data[0]);
		close(done[1]);
		if (reader_is_child)
			_exit(read_full(data[0], buf + OFF, LEN) && holds('C') ? 0 : 1);
		_exit(write_full(data[1], 'C', LEN) && read_full(done[0], &c, 1) &&
		      holds('P') ? 0 : 1);
	}
	if (reader_is_child)
		ok = write_full(data[1], 'C', LEN);
	else
		ok = read_full(data[0], buf + OFF, LEN) && holds('C') &&
		     write_full(done[1], 'd', 1);
	close(data[0]);
	close(data[1]);
	close(done[0]);
	close(done[1]);
	if (waitpid(pid, &status, 0) != pid || !KSFT_EXITED(status, 0))
		return 0;
	if (reader_is_child)
		ok = ok && holds('P');
	return ok;
}

/* Fresh anonymous memory, never touched by anyone, read into by a child. */
static int untouched(void)
{
	unsigned char *fresh = mmap(NULL, SIZE, PROT_READ | PROT_WRITE,
				    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	int p[2], status, ok = 1;
	pid_t pid;

	if (fresh == MAP_FAILED || pipe(p))
		return 0;
	pid = fork();
	if (pid < 0)
		return 0;
	if (pid == 0) {
		close(p[1]);
		if (!read_full(p[0], fresh + OFF, LEN))
			_exit(1);
		for (size_t i = 0; i < SIZE; i++)
			if (fresh[i] != (i >= OFF && i < OFF + LEN ? 'C' : 0))
				_exit(2);
		_exit(0);
	}
	ok = write_full(p[1], 'C', LEN);
	close(p[0]);
	close(p[1]);
	if (waitpid(pid, &status, 0) != pid || !KSFT_EXITED(status, 0))
		return 0;
	for (size_t i = 0; i < SIZE; i++)
		if (fresh[i] != 0)
			return 0;
	return ok && munmap(fresh, SIZE) == 0;
}

int main(void)
{
	ksft_plan(3);
	buf = mmap(NULL, SIZE, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (buf == MAP_FAILED) {
		ksft_diag("mmap: %s", strerror(errno));
		return 1;
	}
	ksft_ok(one_way(1), "child's read() into shared COW pages leaves parent's copy");
	ksft_ok(one_way(0), "parent's read() into shared COW pages leaves child's copy");
	ksft_ok(untouched(), "child's read() into never-touched memory leaves parent's zeroes");
	ksft_exit();
}
