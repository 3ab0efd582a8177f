/* poll: readiness of pipes, /dev/null and files, timeouts, wake-ups, EINTR, ppoll masks, errors. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "../kselftest.h"

static volatile sig_atomic_t caught;

static void on_signal(int sig)
{
	(void)sig;
	caught++;
}

static void set_handler(int sig, int flags)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sa.sa_flags = flags;
	sigemptyset(&sa.sa_mask);
	sigaction(sig, &sa, NULL);
}

static long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

/* poll of one descriptor for @events with @timeout; the revents, or -1 on error. */
static int poll1(int fd, short events, int timeout)
{
	struct pollfd p = { fd, events, 0 };
	int n = poll(&p, 1, timeout);

	if (n < 0)
		return -1;
	return n == (p.revents != 0) ? p.revents : -2;
}

static void pipe_readiness(void)
{
	int p[2], n = 0;
	char buf[4096];

	if (pipe(p))
		return;
	ksft_ok(poll1(p[0], POLLIN, 0) == 0, "an empty pipe is not readable");
	ksft_ok(poll1(p[1], POLLOUT | POLLWRNORM, 0) == (POLLOUT | POLLWRNORM),
		"an empty pipe's write end is writable");
	ksft_ok(write(p[1], "x", 1) == 1 && poll1(p[0], POLLIN | POLLRDNORM, 0) == (POLLIN | POLLRDNORM),
		"after a write the read end is readable");
	ksft_ok(poll1(p[0], POLLOUT, 0) == 0, "a read end never reports POLLOUT");
	fcntl(p[1], F_SETFL, O_NONBLOCK);
	memset(buf, 'y', sizeof(buf));
	while (write(p[1], buf, sizeof(buf)) > 0 && n < 1000)
		n++;
	ksft_ok(poll1(p[1], POLLOUT, 0) == 0, "a full pipe is not writable (%d writes)", n);
	ksft_ok(read(p[0], buf, sizeof(buf)) == sizeof(buf) && poll1(p[1], POLLOUT, 0) == POLLOUT,
		"reading 4096 bytes makes it writable again");
	close(p[1]);
	ksft_ok(poll1(p[0], POLLIN, 0) == (POLLIN | POLLHUP),
		"the writer closed with data left: POLLIN|POLLHUP");
	close(p[0]);
	if (pipe(p))
		return;
	close(p[1]);
	ksft_ok(poll1(p[0], 0, 0) == POLLHUP, "no writer: POLLHUP even with no events asked");
	close(p[0]);
	if (pipe(p))
		return;
	close(p[0]);
	ksft_ok(poll1(p[1], POLLOUT, 0) == (POLLOUT | POLLERR), "no reader: POLLOUT|POLLERR");
	close(p[1]);
}

static void always_ready(void)
{
	char path[] = "/tmp/linnet-poll-XXXXXX";
	int fd = open("/dev/null", O_RDWR), f = mkstemp(path);

	ksft_ok(fd >= 0 && poll1(fd, POLLIN | POLLOUT, 0) == (POLLIN | POLLOUT),
		"/dev/null is readable and writable");
	ksft_ok(f >= 0 && poll1(f, POLLIN | POLLOUT | POLLRDNORM | POLLWRNORM, -1) ==
		(POLLIN | POLLOUT | POLLRDNORM | POLLWRNORM), "a regular file is always ready");
	close(fd);
	close(f);
	unlink(path);
}

/* The terminal: writable, and with no one typing, not readable. */
static void terminal(void)
{
	int fd = open("/dev/tty", O_RDWR | O_NONBLOCK | O_NOCTTY);

	if (fd < 0) {
		ksft_skip("no terminal", "/dev/tty is writable");
		ksft_skip("no terminal", "/dev/tty with no input is not readable");
		return;
	}
	ksft_ok(poll1(fd, POLLOUT, 0) == POLLOUT, "/dev/tty is writable");
	ksft_ok(poll1(fd, POLLIN, 100) == 0, "/dev/tty with no input is not readable");
	close(fd);
}

static void timeouts(void)
{
	int p[2];
	long t0, dt;

	if (pipe(p))
		return;
	t0 = now_ms();
	ksft_ok(poll1(p[0], POLLIN, 200) == 0 && (dt = now_ms() - t0) >= 190 && dt < 5000,
		"a 200 ms timeout on an empty pipe expires (%ld ms)", now_ms() - t0);
	t0 = now_ms();
	ksft_ok(poll(NULL, 0, 100) == 0 && (dt = now_ms() - t0) >= 90 && dt < 5000,
		"poll of no descriptors sleeps its timeout (%ld ms)", now_ms() - t0);
	close(p[0]);
	close(p[1]);
}

/* A child writes to the pipe after 100 ms; the parent's poll without timeout wakes. */
static void woken_by_writer(void)
{
	int p[2], st;
	long t0, dt;
	pid_t pid;

	if (pipe(p))
		return;
	pid = fork();
	if (pid == 0) {
		usleep(100000);
		_exit(write(p[1], "w", 1) == 1 ? 0 : 1);
	}
	t0 = now_ms();
	ksft_ok(poll1(p[0], POLLIN, -1) == POLLIN && (dt = now_ms() - t0) >= 80,
		"a writer 100 ms later wakes the poller (%ld ms)", now_ms() - t0);
	waitpid(pid, &st, 0);
	close(p[1]);
	pid = fork();
	if (pid == 0) {
		usleep(100000);
		_exit(0);	/* the last write end goes with it */
	}
	ksft_ok(poll1(p[0], POLLIN, 5000) == (POLLIN | POLLHUP),
		"the last writer exiting wakes the poller with POLLHUP");
	waitpid(pid, &st, 0);
	close(p[0]);
}

static void interrupted(void)
{
	struct itimerval it = { { 0, 0 }, { 0, 50000 } };
	int p[2], r;

	if (pipe(p))
		return;
	set_handler(SIGALRM, 0);
	setitimer(ITIMER_REAL, &it, NULL);
	r = poll1(p[0], POLLIN, -1);
	ksft_ok(r == -1 && errno == EINTR && caught == 1, "SIGALRM interrupts poll: EINTR");
	set_handler(SIGALRM, SA_RESTART);
	setitimer(ITIMER_REAL, &it, NULL);
	r = poll1(p[0], POLLIN, 5000);
	ksft_ok(r == -1 && errno == EINTR && caught == 2, "SA_RESTART does not restart poll");
	close(p[0]);
	close(p[1]);
}

/*
 * Stopped and continued in the middle, poll goes on without a handler
 * and keeps its deadline: about 1000 ms in all, not 100 + 500 + 1000
 * (the gaps wide enough that a loaded host's late SIGCONT cannot blur
 * them).
 */
static void restarted(void)
{
	pid_t parent = getpid(), pid;
	int p[2], r, st;
	long t0, dt;

	if (pipe(p))
		return;
	pid = fork();
	if (pid == 0) {
		usleep(100000);
		kill(parent, SIGSTOP);
		usleep(500000);
		kill(parent, SIGCONT);
		_exit(0);
	}
	t0 = now_ms();
	r = poll1(p[0], POLLIN, 1000);
	dt = now_ms() - t0;
	ksft_ok(r == 0 && dt >= 990 && dt < 1400,
		"a stop and continue restart poll with the time left (%d, %ld ms)", r, dt);
	waitpid(pid, &st, 0);
	close(p[0]);
	close(p[1]);
}

/* ppoll unblocks SIGUSR1 for the call only. */
static void ppoll_mask(void)
{
	struct timespec ts = { 1, 0 }, ts0 = { 0, 0 }, short_ts = { 0, 100000000 };
	sigset_t block, empty, now;
	int p[2], r;
	long t0, dt;

	if (pipe(p))
		return;
	set_handler(SIGUSR1, 0);
	sigemptyset(&block);
	sigaddset(&block, SIGUSR1);
	sigemptyset(&empty);
	sigprocmask(SIG_BLOCK, &block, NULL);
	caught = 0;
	kill(getpid(), SIGUSR1);
	ksft_ok(ppoll(&(struct pollfd){ p[0], POLLIN, 0 }, 1, &ts0, NULL) == 0 && !caught,
		"a blocked pending signal does not interrupt ppoll");
	r = ppoll(&(struct pollfd){ p[0], POLLIN, 0 }, 1, &ts, &empty);
	sigprocmask(SIG_BLOCK, NULL, &now);
	ksft_ok(r == -1 && errno == EINTR && caught == 1 && sigismember(&now, SIGUSR1),
		"ppoll's mask lets it in (EINTR), then the old mask is back");
	t0 = now_ms();
	ksft_ok(ppoll(&(struct pollfd){ p[0], POLLIN, 0 }, 1, &short_ts, &empty) == 0 &&
		(dt = now_ms() - t0) >= 90 && dt < 5000, "ppoll's 100 ms timeout expires");
	sigprocmask(SIG_UNBLOCK, &block, NULL);
	close(p[0]);
	close(p[1]);
}

/* The raw ppoll (309, 32-bit timespec) writes back the time left. */
static void ppoll_raw(void)
{
	struct itimerval it = { { 0, 0 }, { 0, 50000 } };
	struct { int32_t sec, nsec; } ts = { 2, 0 };
	struct pollfd pf;
	uint64_t mask = 0;
	long r;
	int p[2];

	if (pipe(p))
		return;
	pf = (struct pollfd){ p[0], POLLIN, 0 };
	r = syscall(309, &pf, 1, NULL, &mask, 4);
	ksft_ok(r == -1 && errno == EINVAL, "ppoll with sigsetsize 4: EINVAL");
	set_handler(SIGALRM, 0);
	setitimer(ITIMER_REAL, &it, NULL);
	r = syscall(309, &pf, 1, &ts, NULL, 8);
	ksft_ok(r == -1 && errno == EINTR && ts.sec <= 1 && ts.sec >= 0 && ts.nsec >= 0 &&
		ts.nsec < 1000000000, "interrupted ppoll writes back the time left (%d.%09d)",
		ts.sec, ts.nsec);
	ts.sec = -1;
	r = syscall(309, &pf, 1, &ts, NULL, 8);
	ksft_ok(r == -1 && errno == EINVAL, "ppoll with a negative timeout: EINVAL");
	close(p[0]);
	close(p[1]);
}

static void errors(void)
{
	struct pollfd pf[2] = { { 100, POLLIN, 0 }, { -1, POLLIN, 0x55 } };
	struct rlimit rl;
	struct pollfd *many;
	int r;

	r = poll(pf, 2, 0);
	ksft_ok(r == 1 && pf[0].revents == POLLNVAL && pf[1].revents == 0,
		"a closed descriptor gives POLLNVAL, a negative one is skipped");
	getrlimit(RLIMIT_NOFILE, &rl);
	many = calloc(rl.rlim_cur + 1, sizeof(*many));
	for (rlim_t i = 0; many && i <= rl.rlim_cur; i++)
		many[i].fd = -1;
	ksft_ok(many && poll(many, rl.rlim_cur + 1, 0) == -1 && errno == EINVAL,
		"nfds above RLIMIT_NOFILE: EINVAL");
	ksft_ok(many && poll(many, rl.rlim_cur, 0) == 0, "nfds at RLIMIT_NOFILE is fine");
	free(many);
	ksft_ok(syscall(SYS_poll, 8, 1, 0) == -1 && errno == EFAULT, "a bad pointer: EFAULT");
}

int main(void)
{
	ksft_plan(30);
	pipe_readiness();
	always_ready();
	terminal();
	timeouts();
	woken_by_writer();
	interrupted();
	restarted();
	ppoll_mask();
	ppoll_raw();
	errors();
	ksft_exit();
}
