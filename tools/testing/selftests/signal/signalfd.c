/*
 * signalfd (321) and signalfd4 (327): reads take the reader's pending
 * signals of the mask as 128-byte records, several per read, blocking or
 * EAGAIN; the mask changes through the same fd; SFD_NONBLOCK and
 * SFD_CLOEXEC; poll and epoll readiness; after fork the child's reads
 * take the child's signals; errors.
 */
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>
#include <sys/epoll.h>
#include <sys/signalfd.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include "../kselftest.h"

static volatile int handled;

static void on_sig(int sig)
{
	handled = sig;
}

static uint64_t bit(int sig)
{
	return 1ULL << (sig - 1);
}

static int sfd4(int fd, uint64_t mask, int flags)
{
	return syscall(SYS_signalfd4, fd, &mask, 8, flags);
}

static int readable(int fd)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };

	return poll(&p, 1, 0) == 1 && (p.revents & POLLIN);
}

static void test_errors(void)
{
	uint64_t m = bit(SIGUSR1);
	int p[2];

	pipe(p);
	errno = 0;
	ksft_ok(sfd4(-1, m, 1) == -1 && errno == EINVAL, "an unknown flag: EINVAL");
	errno = 0;
	ksft_ok(syscall(SYS_signalfd4, -1, &m, 4, 0) == -1 && errno == EINVAL &&
		syscall(SYS_signalfd, -1, &m, 16) == -1 && errno == EINVAL,
		"a mask size other than 8: EINVAL");
	errno = 0;
	ksft_ok(syscall(SYS_signalfd4, -1, (void *)1, 8, 0) == -1 && errno == EFAULT,
		"a bad mask pointer: EFAULT");
	errno = 0;
	ksft_ok(sfd4(p[0], m, 0) == -1 && errno == EINVAL, "a pipe is not a signalfd: EINVAL");
	errno = 0;
	ksft_ok(sfd4(999, m, 0) == -1 && errno == EBADF && sfd4(-2, m, 0) == -1 && errno == EBADF,
		"no such descriptor: EBADF");
	close(p[0]);
	close(p[1]);
}

static void test_reads(void)
{
	struct signalfd_siginfo ss[3];
	union sigval v = { .sival_int = 1234 };
	char small[64];
	long r;
	int fd = sfd4(-1, bit(SIGUSR1) | bit(SIGUSR2) | bit(SIGKILL), SFD_NONBLOCK | SFD_CLOEXEC);

	ksft_ok(fd >= 0 && (fcntl(fd, F_GETFD) & FD_CLOEXEC) && (fcntl(fd, F_GETFL) & O_NONBLOCK),
		"SFD_CLOEXEC and SFD_NONBLOCK show in F_GETFD / F_GETFL");
	errno = 0;
	ksft_ok(read(fd, ss, sizeof(ss)) == -1 && errno == EAGAIN && !readable(fd),
		"nothing pending: EAGAIN, not readable");
	raise(SIGUSR1);
	errno = 0;
	ksft_ok(readable(fd) && read(fd, small, sizeof(small)) == -1 && errno == EINVAL,
		"pending: readable; a buffer under 128 bytes: EINVAL");
	memset(ss, 0, sizeof(ss));
	ksft_ok(read(fd, ss, sizeof(ss)) == 128 && ss[0].ssi_signo == SIGUSR1 &&
		ss[0].ssi_code == SI_TKILL && ss[0].ssi_pid == (uint32_t)getpid() &&
		ss[0].ssi_uid == getuid() && !readable(fd),
		"one record: signal, SI_TKILL, pid, uid; then not readable");
	kill(getpid(), SIGUSR2);		/* both process-directed: lowest first */
	sigqueue(getpid(), SIGUSR1, v);
	memset(ss, 0, sizeof(ss));
	r = read(fd, ss, sizeof(ss));
	ksft_ok(r == 256 && ss[0].ssi_signo == SIGUSR1 &&
		ss[0].ssi_code == SI_QUEUE && ss[0].ssi_int == 1234 && ss[0].ssi_ptr == 1234 &&
		ss[1].ssi_signo == SIGUSR2,
		"two pending: one read returns both, lowest first, with si_value");
	errno = 0;
	ksft_ok(write(fd, ss, 8) == -1 && errno == EINVAL, "write: EINVAL");

	ksft_ok(syscall(SYS_signalfd, fd, &(uint64_t){ bit(SIGUSR2) }, 8) == fd,
		"signalfd on the fd changes its mask and returns the fd");
	raise(SIGUSR1);
	errno = 0;
	ksft_ok(!readable(fd) && read(fd, ss, 128) == -1 && errno == EAGAIN,
		"SIGUSR1 is no longer in the mask");
	syscall(SYS_signalfd, fd, &(uint64_t){ bit(SIGUSR1) }, 8);
	ksft_ok(readable(fd) && read(fd, ss, 128) == 128 && ss[0].ssi_signo == SIGUSR1,
		"and back: the pending SIGUSR1 is read");
	close(fd);
}

static void test_blocking(void)
{
	struct signalfd_siginfo ss;
	int fd = sfd4(-1, bit(SIGUSR1), 0);
	pid_t parent = getpid(), c;
	struct sigaction sa;

	c = fork();
	if (c == 0) {
		usleep(50000);
		kill(parent, SIGUSR1);
		_exit(0);
	}
	ksft_ok(read(fd, &ss, sizeof(ss)) == 128 && ss.ssi_signo == SIGUSR1 &&
		ss.ssi_code == SI_USER && ss.ssi_pid == (uint32_t)c,
		"a blocking read waits for the signal sent later");
	waitpid(c, NULL, 0);

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_sig;		/* no SA_RESTART */
	sigaction(SIGALRM, &sa, NULL);
	handled = 0;
	alarm(1);
	errno = 0;
	ksft_ok(read(fd, &ss, sizeof(ss)) == -1 && errno == EINTR && handled == SIGALRM,
		"a handled signal interrupts the read: EINTR");
	close(fd);
}

static void test_epoll_fork(void)
{
	struct epoll_event ev = { .events = EPOLLIN }, out;
	int fd = sfd4(-1, bit(SIGUSR1) | bit(SIGUSR2), SFD_NONBLOCK);
	int ep = epoll_create1(0), status = -1;
	struct signalfd_siginfo ss;
	pid_t c;

	ev.data.fd = fd;
	epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev);
	ksft_ok(epoll_wait(ep, &out, 1, 0) == 0, "epoll: not ready with nothing pending");
	raise(SIGUSR2);
	ksft_ok(epoll_wait(ep, &out, 1, 0) == 1 && out.data.fd == fd && (out.events & EPOLLIN),
		"epoll: ready once a signal of the mask is pending");

	c = fork();
	if (c == 0) {
		int ok = read(fd, &ss, sizeof(ss)) == -1 && errno == EAGAIN;

		raise(SIGUSR1);
		ok = ok && read(fd, &ss, sizeof(ss)) == 128 && ss.ssi_signo == SIGUSR1;
		_exit(ok ? 0 : 1);
	}
	waitpid(c, &status, 0);
	ksft_ok(WIFEXITED(status) && WEXITSTATUS(status) == 0,
		"after fork the child reads its own signals, not the parent's");
	ksft_ok(read(fd, &ss, sizeof(ss)) == 128 && ss.ssi_signo == SIGUSR2,
		"the parent's SIGUSR2 is still there for the parent");
	close(ep);
	close(fd);
}

int main(void)
{
	uint64_t block = bit(SIGUSR1) | bit(SIGUSR2);

	ksft_plan(20);
	syscall(SYS_rt_sigprocmask, SIG_BLOCK, &block, NULL, 8);
	test_errors();
	test_reads();
	test_blocking();
	test_epoll_fork();
	ksft_exit();
}
