/*
 * eventfd: the counter (reads take it all, or 1 with EFD_SEMAPHORE),
 * 8-byte reads and writes (EINVAL below), the 0xfffffffffffffffe ceiling,
 * EAGAIN, poll readiness, a blocked reader woken by a writer, EINTR,
 * flags, /proc/self/fd's name, and the error cases.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>
#include "../kselftest.h"

static volatile sig_atomic_t caught;

static void on_alarm(int sig)
{
	(void)sig;
	caught++;
}

static int rd(int fd, uint64_t *v)
{
	return read(fd, v, sizeof(*v)) == sizeof(*v);
}

static int wr(int fd, uint64_t v)
{
	return write(fd, &v, sizeof(v)) == sizeof(v);
}

static short revents(int fd)
{
	struct pollfd p = { fd, POLLIN | POLLOUT, 0 };

	return poll(&p, 1, 0) < 0 ? -1 : p.revents;
}

int main(void)
{
	uint64_t v = 0;
	int fd, st;
	char link[64] = "", path[32];
	pid_t pid;
	struct sigaction sa;
	struct itimerval it = { { 0, 0 }, { 0, 50000 } };

	alarm(30);
	ksft_plan(24);
	fd = eventfd(5, EFD_NONBLOCK | EFD_CLOEXEC);
	ksft_ok(fd >= 0 && (fcntl(fd, F_GETFL) & O_NONBLOCK) && (fcntl(fd, F_GETFD) & FD_CLOEXEC),
		"eventfd with EFD_NONBLOCK|EFD_CLOEXEC");
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	ksft_ok(readlink(path, link, sizeof(link) - 1) > 0 && !strcmp(link, "anon_inode:[eventfd]"),
		"/proc/self/fd names it anon_inode:[eventfd]");
	ksft_ok(rd(fd, &v) && v == 5, "a read takes the initial count");
	ksft_ok(read(fd, &v, 8) == -1 && errno == EAGAIN, "then the count is 0: EAGAIN");
	ksft_ok(revents(fd) == POLLOUT, "a zero count polls POLLOUT only");
	ksft_ok(wr(fd, 3) && wr(fd, 4) && revents(fd) == (POLLIN | POLLOUT),
		"writes add up and make it readable");
	ksft_ok(rd(fd, &v) && v == 7, "a read takes the sum");
	ksft_ok(read(fd, &v, 4) == -1 && errno == EINVAL, "a 4-byte read: EINVAL");
	ksft_ok(write(fd, &v, 7) == -1 && errno == EINVAL, "a 7-byte write: EINVAL");
	{
		uint64_t two[2] = { 1, 2 };

		ksft_ok(write(fd, two, 16) == 8 && read(fd, two, 16) == 8 && two[0] == 1,
			"longer buffers move exactly 8 bytes");
	}
	ksft_ok(!wr(fd, UINT64_MAX) && errno == EINVAL, "writing 0xffffffffffffffff: EINVAL");
	ksft_ok(wr(fd, 0xfffffffffffffffeULL), "writing 0xfffffffffffffffe is fine");
	ksft_ok(!wr(fd, 1) && errno == EAGAIN, "one more would pass the ceiling: EAGAIN");
	ksft_ok(revents(fd) == POLLIN, "at the ceiling: POLLIN, not POLLOUT");
	ksft_ok(wr(fd, 0), "writing 0 still fits");
	ksft_ok(syscall(SYS_read, fd, 8, 8) == -1 && errno == EFAULT, "a bad buffer: EFAULT");
	close(fd);

	fd = eventfd(3, EFD_SEMAPHORE | EFD_NONBLOCK);
	ksft_ok(rd(fd, &v) && v == 1 && rd(fd, &v) && v == 1 && rd(fd, &v) && v == 1 &&
		!rd(fd, &v) && errno == EAGAIN, "EFD_SEMAPHORE: reads give 1 each, three times");
	close(fd);
	ksft_ok(eventfd(0, 0x8) == -1 && errno == EINVAL, "an unknown flag: EINVAL");
	fd = syscall(SYS_eventfd, 2);
	ksft_ok(fd >= 0 && rd(fd, &v) && v == 2, "the old eventfd call (323)");
	close(fd);

	fd = eventfd(0, 0);
	pid = fork();
	if (pid == 0) {
		usleep(50000);
		_exit(!wr(fd, 42));
	}
	ksft_ok(rd(fd, &v) && v == 42, "a blocked read is woken by a write");
	ksft_ok(waitpid(pid, &st, 0) == pid && KSFT_EXITED(st, 0), "(the writer)");
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_alarm;
	sigaction(SIGALRM, &sa, NULL);
	setitimer(ITIMER_REAL, &it, NULL);
	ksft_ok(read(fd, &v, 8) == -1 && errno == EINTR && caught == 1,
		"a signal interrupts a blocked read: EINTR");
	ksft_ok(!wr(fd, UINT64_MAX - 1) || (!rd(fd, &v) ? 0 : 1), "fill and drain");
	ksft_ok(syscall(SYS_eventfd2, 0, EFD_SEMAPHORE | 0x100) == -1 && errno == EINVAL,
		"eventfd2 with a bad flag: EINVAL");
	close(fd);
	ksft_exit();
}
