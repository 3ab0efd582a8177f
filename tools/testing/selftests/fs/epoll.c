/*
 * epoll: epoll_create/create1, epoll_ctl and epoll_wait/pwait/pwait2 on
 * pipes, FIFOs, sockets, eventfds and other epoll sets: level- and
 * edge-triggered, EPOLLONESHOT, EPOLLEXCLUSIVE's rules, EPOLLRDHUP,
 * timeouts, EINTR (never restarted), a close removing the file once its
 * last descriptor goes, nesting and loops (ELOOP), the packed 12-byte
 * i386 struct epoll_event, and every error case.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "../kselftest.h"

#define FIFO "/tmp/epoll_test_fifo"

static volatile sig_atomic_t caught;

static void on_alarm(int sig)
{
	(void)sig;
	caught++;
}

static long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

static int add(int ep, int fd, uint32_t events, uint64_t data)
{
	struct epoll_event ev = { .events = events, .data.u64 = data };

	return epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev);
}

/* epoll_wait with timeout 0 for one event; its count, and *ev. */
static int wait1(int ep, struct epoll_event *ev)
{
	return epoll_wait(ep, ev, 1, 0);
}

static void creation(void)
{
	int ep = epoll_create1(EPOLL_CLOEXEC);
	char path[32], link[64] = "";

	ksft_ok(ep >= 0 && (fcntl(ep, F_GETFD) & FD_CLOEXEC), "epoll_create1(EPOLL_CLOEXEC)");
	snprintf(path, sizeof(path), "/proc/self/fd/%d", ep);
	ksft_ok(readlink(path, link, sizeof(link) - 1) > 0 && !strcmp(link, "anon_inode:[eventpoll]"),
		"/proc/self/fd names it anon_inode:[eventpoll]");
	close(ep);
	ksft_ok(epoll_create1(1) == -1 && errno == EINVAL, "epoll_create1 with a bad flag: EINVAL");
	ksft_ok(epoll_create(0) == -1 && errno == EINVAL, "epoll_create(0): EINVAL");
	ep = epoll_create(1);
	ksft_ok(ep >= 0, "epoll_create(1)");
	close(ep);
	ksft_ok(sizeof(struct epoll_event) == 12, "struct epoll_event is packed: 12 bytes");
}

static void triggering(void)
{
	int ep = epoll_create1(0), p[2];
	struct epoll_event ev[4];
	char buf[8];

	pipe(p);
	ksft_ok(add(ep, p[0], EPOLLIN, 0x1122334455667788ULL) == 0, "add a pipe's read end");
	ksft_ok(wait1(ep, ev) == 0, "nothing ready: 0");
	write(p[1], "ab", 2);
	ksft_ok(wait1(ep, ev) == 1 && ev[0].events == EPOLLIN &&
		ev[0].data.u64 == 0x1122334455667788ULL, "readable: EPOLLIN and the 64-bit data");
	ksft_ok(wait1(ep, ev) == 1, "level-triggered: again while data remains");
	read(p[0], buf, 2);
	ksft_ok(wait1(ep, ev) == 0, "drained: 0");
	ev[0].events = EPOLLIN | EPOLLET;
	ksft_ok(epoll_ctl(ep, EPOLL_CTL_MOD, p[0], &ev[0]) == 0, "EPOLL_CTL_MOD to EPOLLET");
	write(p[1], "c", 1);
	ksft_ok(wait1(ep, ev) == 1 && wait1(ep, ev) == 0, "edge-triggered: once per arrival");
	write(p[1], "d", 1);
	ksft_ok(wait1(ep, ev) == 1, "a new arrival is a new edge");
	read(p[0], buf, 8);
	ev[0].events = EPOLLIN | EPOLLONESHOT;
	epoll_ctl(ep, EPOLL_CTL_MOD, p[0], &ev[0]);
	write(p[1], "e", 1);
	ksft_ok(wait1(ep, ev) == 1 && wait1(ep, ev) == 0, "EPOLLONESHOT: reported once");
	write(p[1], "f", 1);
	ksft_ok(wait1(ep, ev) == 0, "and disarmed after that");
	ev[0].events = EPOLLIN;
	ksft_ok(epoll_ctl(ep, EPOLL_CTL_MOD, p[0], &ev[0]) == 0 && wait1(ep, ev) == 1,
		"EPOLL_CTL_MOD re-arms it");
	ksft_ok(add(ep, p[1], EPOLLOUT, 7) == 0 && epoll_wait(ep, ev, 4, 0) == 2,
		"a write end is ready for EPOLLOUT");
	ksft_ok(epoll_ctl(ep, EPOLL_CTL_DEL, p[1], NULL) == 0 && epoll_wait(ep, ev, 4, 0) == 1,
		"EPOLL_CTL_DEL (NULL event) removes it");
	close(p[1]);
	ksft_ok(wait1(ep, ev) == 1 && ev[0].events == (EPOLLIN | EPOLLHUP),
		"the writer's close: EPOLLHUP (always reported)");
	close(p[0]);
	close(ep);
}

static void many(void)
{
	int ep = epoll_create1(0), p[3][2], seen = 0;
	struct epoll_event ev[3];

	for (int i = 0; i < 3; i++) {
		pipe(p[i]);
		write(p[i][1], "x", 1);
		add(ep, p[i][0], EPOLLIN, 1U << i);
	}
	ksft_ok(epoll_wait(ep, ev, 2, 0) == 2, "maxevents 2 of 3 ready: 2");
	seen = ev[0].data.u32 | ev[1].data.u32;
	ksft_ok(epoll_wait(ep, ev, 2, 0) == 2 && ((seen | ev[0].data.u32 | ev[1].data.u32) == 7),
		"the next call reaches the third");
	for (int i = 0; i < 3; i++) {
		close(p[i][0]);
		close(p[i][1]);
	}
	close(ep);
}

static void errors(void)
{
	int ep = epoll_create1(0), ep2 = epoll_create1(0), p[2], f, nul;
	struct epoll_event ev = { .events = EPOLLIN };

	pipe(p);
	f = open("/tmp/epoll_test_file", O_CREAT | O_RDWR, 0644);
	nul = open("/dev/null", O_RDONLY);
	ksft_ok(epoll_ctl(ep, EPOLL_CTL_ADD, f, &ev) == -1 && errno == EPERM,
		"a regular file: EPERM");
	ksft_ok(epoll_ctl(ep, EPOLL_CTL_ADD, nul, &ev) == -1 && errno == EPERM, "/dev/null: EPERM");
	ksft_ok(epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev) == 0 &&
		epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev) == -1 && errno == EEXIST,
		"adding twice: EEXIST");
	ksft_ok(epoll_ctl(ep, EPOLL_CTL_DEL, p[1], &ev) == -1 && errno == ENOENT,
		"deleting what is not there: ENOENT");
	ksft_ok(epoll_ctl(ep, EPOLL_CTL_MOD, p[1], &ev) == -1 && errno == ENOENT,
		"modifying what is not there: ENOENT");
	ksft_ok(epoll_ctl(ep, EPOLL_CTL_ADD, ep, &ev) == -1 && errno == EINVAL, "epfd == fd: EINVAL");
	ksft_ok(epoll_ctl(p[0], EPOLL_CTL_ADD, p[1], &ev) == -1 && errno == EINVAL,
		"epfd not an epoll file: EINVAL");
	ksft_ok(epoll_ctl(ep, 4, p[1], &ev) == -1 && errno == EINVAL, "an unknown op: EINVAL");
	ksft_ok(epoll_ctl(ep, EPOLL_CTL_ADD, 999, &ev) == -1 && errno == EBADF, "a closed fd: EBADF");
	ksft_ok(epoll_ctl(999, EPOLL_CTL_ADD, p[1], &ev) == -1 && errno == EBADF,
		"a closed epfd: EBADF");
	ksft_ok(epoll_ctl(ep, EPOLL_CTL_ADD, p[1], (void *)8) == -1 && errno == EFAULT,
		"a bad event pointer: EFAULT");
	ev.events = EPOLLIN | EPOLLEXCLUSIVE;
	ksft_ok(epoll_ctl(ep, EPOLL_CTL_ADD, p[1], &ev) == 0, "EPOLLEXCLUSIVE is accepted on ADD");
	ksft_ok(epoll_ctl(ep, EPOLL_CTL_MOD, p[1], &ev) == -1 && errno == EINVAL,
		"but not on MOD: EINVAL");
	ksft_ok(epoll_ctl(ep2, EPOLL_CTL_ADD, ep, &ev) == -1 && errno == EINVAL,
		"nor for an epoll target: EINVAL");
	ev.events = EPOLLIN;
	ksft_ok(epoll_ctl(ep2, EPOLL_CTL_ADD, ep, &ev) == 0, "one set inside another");
	ksft_ok(epoll_ctl(ep, EPOLL_CTL_ADD, ep2, &ev) == -1 && errno == ELOOP,
		"and the other way round: ELOOP");
	ksft_ok(epoll_wait(ep, &ev, 0, 0) == -1 && errno == EINVAL, "maxevents 0: EINVAL");
	ksft_ok(syscall(SYS_epoll_wait, ep, &ev, -1, 0) == -1 && errno == EINVAL, "maxevents -1: EINVAL");
	ksft_ok(syscall(SYS_epoll_wait, ep, 0xfffff000, 1, 0) == -1 && errno == EFAULT,
		"an events buffer in kernel space: EFAULT");
	ksft_ok(epoll_wait(999, &ev, 1, 0) == -1 && errno == EBADF, "a closed epfd: EBADF");
	ksft_ok(epoll_wait(p[0], &ev, 1, 0) == -1 && errno == EINVAL, "not an epoll file: EINVAL");
	close(f);
	unlink("/tmp/epoll_test_file");
	close(nul);
	close(p[0]);
	close(p[1]);
	close(ep);
	close(ep2);
}

static void kinds(void)
{
	int ep = epoll_create1(0), sv[2], efd, inner, fifo;
	struct epoll_event ev[2];
	uint64_t one = 1;

	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	add(ep, sv[0], EPOLLIN | EPOLLRDHUP, 1);
	ksft_ok(wait1(ep, ev) == 0, "an idle socket: nothing");
	write(sv[1], "s", 1);
	ksft_ok(wait1(ep, ev) == 1 && ev[0].events == EPOLLIN, "a socket with data: EPOLLIN");
	close(sv[1]);
	ksft_ok(wait1(ep, ev) == 1 && ev[0].events == (EPOLLIN | EPOLLRDHUP | EPOLLHUP),
		"its peer closed: EPOLLIN|EPOLLRDHUP|EPOLLHUP");
	close(sv[0]);
	efd = eventfd(0, 0);
	add(ep, efd, EPOLLIN, 2);
	ksft_ok(wait1(ep, ev) == 0, "an eventfd at 0: nothing");
	write(efd, &one, 8);
	ksft_ok(wait1(ep, ev) == 1 && ev[0].data.u64 == 2, "an eventfd written: EPOLLIN");
	read(efd, &one, 8);
	inner = epoll_create1(0);
	add(inner, efd, EPOLLIN, 0);
	add(ep, inner, EPOLLIN, 3);
	ksft_ok(wait1(ep, ev) == 0, "an empty inner set: nothing");
	write(efd, &one, 8);
	ksft_ok(epoll_wait(ep, ev, 2, 0) == 2, "the inner set becomes readable too");
	close(inner);
	close(efd);
	unlink(FIFO);
	mkfifo(FIFO, 0644);
	fifo = open(FIFO, O_RDWR);
	ksft_ok(add(ep, fifo, EPOLLIN, 4) == 0 && wait1(ep, ev) == 0 && write(fifo, "f", 1) == 1 &&
		wait1(ep, ev) == 1 && ev[0].data.u64 == 4, "a FIFO");
	close(fifo);
	unlink(FIFO);
	close(ep);
}

static void closing(void)
{
	int ep = epoll_create1(0), p[2], d;
	struct epoll_event ev;

	pipe(p);
	add(ep, p[0], EPOLLIN, 9);
	d = dup(p[0]);
	close(p[0]);
	write(p[1], "x", 1);
	ksft_ok(wait1(ep, &ev) == 1 && ev.data.u64 == 9,
		"closing one descriptor of a file keeps it in the set");
	close(d);
	ksft_ok(wait1(ep, &ev) == 0, "closing the last one removes it");
	pipe(p);	/* may reuse the number */
	ksft_ok(epoll_ctl(ep, EPOLL_CTL_DEL, p[0], NULL) == -1 && errno == ENOENT,
		"a new file at the same number is not in the set");
	close(p[0]);
	close(p[1]);
	close(ep);
}

static void waiting(void)
{
	int ep = epoll_create1(0), p[2], st;
	struct epoll_event ev;
	struct sigaction sa;
	struct itimerval it = { { 0, 0 }, { 0, 50000 } };
	struct { int64_t tv_sec, tv_nsec; } ts = { 0, 0 };	/* __kernel_timespec */
	sigset_t mask;
	long t;
	pid_t pid;

	pipe(p);
	add(ep, p[0], EPOLLIN, 0);
	t = now_ms();
	ksft_ok(epoll_wait(ep, &ev, 1, 100) == 0 && now_ms() - t >= 90, "a 100 ms timeout");
	pid = fork();
	if (pid == 0) {
		usleep(50000);
		write(p[1], "w", 1);
		_exit(0);
	}
	ksft_ok(epoll_wait(ep, &ev, 1, -1) == 1, "a writer wakes a blocked epoll_wait");
	waitpid(pid, &st, 0);
	read(p[0], &st, 1);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_alarm;
	sa.sa_flags = SA_RESTART;
	sigaction(SIGALRM, &sa, NULL);
	setitimer(ITIMER_REAL, &it, NULL);
	ksft_ok(epoll_wait(ep, &ev, 1, 2000) == -1 && errno == EINTR && caught == 1,
		"a signal: EINTR, even with SA_RESTART");
	sigemptyset(&mask);
	ksft_ok(epoll_pwait(ep, &ev, 1, 0, &mask) == 0, "epoll_pwait with a mask");
	ksft_ok(syscall(SYS_epoll_pwait, ep, &ev, 1, 0, &mask, 4) == -1 && errno == EINVAL,
		"epoll_pwait with a bad sigsetsize: EINVAL");
	ksft_ok(syscall(441, ep, &ev, 1, &ts, NULL, 8) == 0, "epoll_pwait2 with a zero timeout");
	ts.tv_nsec = 1000000000;
	ksft_ok(syscall(441, ep, &ev, 1, &ts, NULL, 8) == -1 && errno == EINVAL,
		"epoll_pwait2 with a bad timespec: EINVAL");
	close(p[0]);
	close(p[1]);
	close(ep);
}

int main(void)
{
	alarm(60);
	ksft_plan(61);
	creation();
	triggering();
	many();
	errors();
	kinds();
	closing();
	waiting();
	ksft_exit();
}
