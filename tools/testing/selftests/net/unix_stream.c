/*
 * unix_stream: AF_UNIX stream sockets as Linux has them: socket and
 * socketpair flags, sockets as files (fstat, /proc/self/fd), bind to
 * path and abstract names (EADDRINUSE, autobind), listen/connect/accept
 * (ECONNREFUSED, ENOENT, EAGAIN, backlog), data both ways, MSG_PEEK,
 * MSG_WAITALL, MSG_DONTWAIT, shutdown, EPIPE/SIGPIPE, ECONNRESET, poll,
 * options (SO_TYPE, buffers doubled, SO_PEERCRED...), a writer blocking
 * on a full buffer, EINTR/SA_RESTART, and the error cases.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stddef.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>
#include "../kselftest.h"

#define DIR	"/tmp/unix_stream_test"
#define PATH	DIR "/sock"

static socklen_t sun_make(struct sockaddr_un *sun, const char *path)
{
	memset(sun, 0, sizeof(*sun));
	sun->sun_family = AF_UNIX;
	strcpy(sun->sun_path, path);
	return offsetof(struct sockaddr_un, sun_path) + strlen(path) + 1;
}

static socklen_t sun_abstract(struct sockaddr_un *sun, const char *name)
{
	memset(sun, 0, sizeof(*sun));
	sun->sun_family = AF_UNIX;
	strcpy(sun->sun_path + 1, name);
	return offsetof(struct sockaddr_un, sun_path) + 1 + strlen(name);
}

static void creation(void)
{
	int fd, sv[2], v;
	socklen_t len = sizeof(v);
	struct stat st;
	char link[64], want[64];

	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	ksft_ok(fd >= 0 && (fcntl(fd, F_GETFL) & O_NONBLOCK) && (fcntl(fd, F_GETFD) & FD_CLOEXEC),
		"socket with SOCK_NONBLOCK|SOCK_CLOEXEC sets both");
	ksft_ok(fstat(fd, &st) == 0 && S_ISSOCK(st.st_mode), "fstat says S_IFSOCK");
	snprintf(want, sizeof(want), "socket:[%lu]", (unsigned long)st.st_ino);
	snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
	{
		char buf[64] = "";
		ssize_t n = readlink(link, buf, sizeof(buf) - 1);

		ksft_ok(n > 0 && !strcmp(buf, want), "/proc/self/fd names it %s", want);
	}
	ksft_ok(getsockopt(fd, SOL_SOCKET, SO_TYPE, &v, &len) == 0 && v == SOCK_STREAM &&
		len == sizeof(int), "SO_TYPE is SOCK_STREAM");
	len = sizeof(v);
	ksft_ok(getsockopt(fd, SOL_SOCKET, SO_DOMAIN, &v, &len) == 0 && v == AF_UNIX,
		"SO_DOMAIN is AF_UNIX");
	close(fd);
	ksft_ok(socket(46, SOCK_STREAM, 0) == -1 && errno == EAFNOSUPPORT,
		"family AF_MAX: EAFNOSUPPORT");
	ksft_ok(socket(AF_UNIX, SOCK_STREAM | 0x100000, 0) == -1 && errno == EINVAL,
		"an unknown type flag: EINVAL");
	ksft_ok(socket(AF_UNIX, 12, 0) == -1 && errno == EINVAL, "type beyond SOCK_MAX: EINVAL");
	ksft_ok(socket(AF_UNIX, SOCK_RDM, 0) == -1 && errno == ESOCKTNOSUPPORT,
		"SOCK_RDM: ESOCKTNOSUPPORT");
	ksft_ok(socket(AF_UNIX, SOCK_STREAM, 7) == -1 && errno == EPROTONOSUPPORT,
		"protocol 7: EPROTONOSUPPORT");
	ksft_ok(socket(-1, SOCK_STREAM, 0) == -1 && errno == EAFNOSUPPORT,
		"family -1: EAFNOSUPPORT");
	ksft_ok(syscall(SYS_socketpair, AF_UNIX, SOCK_STREAM, 0, 8) == -1 && errno == EFAULT,
		"socketpair to a bad pointer: EFAULT");
	ksft_ok(socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == 0, "socketpair");
	ksft_ok(write(sv[0], "hello", 5) == 5 && read(sv[1], link, sizeof(link)) == 5 &&
		!memcmp(link, "hello", 5), "write on one end, read on the other");
	ksft_ok(write(sv[1], "back", 4) == 4 && recv(sv[0], link, 2, 0) == 2 &&
		recv(sv[0], link + 2, 10, 0) == 2 && !memcmp(link, "back", 4),
		"a stream has no message boundaries");
	close(sv[0]);
	close(sv[1]);
}

static void naming(void)
{
	struct sockaddr_un sun, got;
	socklen_t len, glen;
	int a = socket(AF_UNIX, SOCK_STREAM, 0), b = socket(AF_UNIX, SOCK_STREAM, 0);
	struct stat st;

	mkdir(DIR, 0755);
	unlink(PATH);
	len = sun_make(&sun, PATH);
	ksft_ok(bind(a, (struct sockaddr *)&sun, len) == 0 && stat(PATH, &st) == 0 &&
		S_ISSOCK(st.st_mode), "bind to a path makes an S_IFSOCK node");
	ksft_ok(open(PATH, O_RDONLY) == -1 && errno == ENXIO, "opening the node: ENXIO");
	ksft_ok(bind(b, (struct sockaddr *)&sun, len) == -1 && errno == EADDRINUSE,
		"a second bind to it: EADDRINUSE");
	glen = sizeof(got);
	ksft_ok(getsockname(a, (struct sockaddr *)&got, &glen) == 0 && glen == len &&
		!strcmp(got.sun_path, PATH), "getsockname gives the path and its length");
	len = sun_make(&sun, DIR "/other");
	ksft_ok(bind(a, (struct sockaddr *)&sun, len) == -1 && errno == EINVAL,
		"binding a bound socket: EINVAL");
	ksft_ok(bind(b, (struct sockaddr *)&sun, 200) == -1 && errno == EINVAL,
		"an address longer than sockaddr_storage: EINVAL");
	ksft_ok(bind(b, (struct sockaddr *)&sun, -1) == -1 && errno == EINVAL,
		"a negative address length: EINVAL");
	ksft_ok(bind(b, (struct sockaddr *)8, len) == -1 && errno == EFAULT,
		"a bad address pointer: EFAULT");
	sun.sun_family = AF_INET;
	ksft_ok(bind(b, (struct sockaddr *)&sun, len) == -1 && errno == EINVAL,
		"a foreign family in the address: EINVAL");
	len = sun_make(&sun, DIR "/missing/x");
	ksft_ok(bind(b, (struct sockaddr *)&sun, len) == -1 && errno == ENOENT,
		"a missing directory: ENOENT");
	len = sun_abstract(&sun, "linnet-abstract-test");
	ksft_ok(bind(b, (struct sockaddr *)&sun, len) == 0, "bind to an abstract name");
	glen = sizeof(got);
	ksft_ok(getsockname(b, (struct sockaddr *)&got, &glen) == 0 && glen == len &&
		got.sun_path[0] == 0 && !memcmp(got.sun_path + 1, "linnet-abstract-test", 20),
		"getsockname gives the abstract name");
	close(b);
	b = socket(AF_UNIX, SOCK_STREAM, 0);
	ksft_ok(bind(b, (struct sockaddr *)&sun, len) == 0, "the abstract name is free after close");
	close(b);
	b = socket(AF_UNIX, SOCK_DGRAM, 0);
	sun.sun_family = AF_UNIX;
	ksft_ok(bind(b, (struct sockaddr *)&sun, offsetof(struct sockaddr_un, sun_path)) == 0,
		"bind with just the family autobinds");
	glen = sizeof(got);
	ksft_ok(getsockname(b, (struct sockaddr *)&got, &glen) == 0 && glen == 8 &&
		got.sun_path[0] == 0, "to a 5-hex-digit abstract name (length 8)");
	close(a);
	close(b);
	ksft_ok(stat(PATH, &st) == 0, "the node outlives the socket");
	unlink(PATH);
}

static void connecting(void)
{
	struct sockaddr_un sun, got;
	socklen_t len = sun_make(&sun, PATH), glen;
	int l, c, s, v, f, c2, n;
	struct ucred cr;
	char buf[16];

	c = socket(AF_UNIX, SOCK_STREAM, 0);
	ksft_ok(connect(c, (struct sockaddr *)&sun, len) == -1 && errno == ENOENT,
		"connect to a missing path: ENOENT");
	f = open(DIR "/file", O_CREAT | O_WRONLY, 0644);
	close(f);
	len = sun_make(&sun, DIR "/file");
	ksft_ok(connect(c, (struct sockaddr *)&sun, len) == -1 && errno == ECONNREFUSED,
		"connect to a regular file: ECONNREFUSED");
	unlink(DIR "/file");
	l = socket(AF_UNIX, SOCK_STREAM, 0);
	len = sun_make(&sun, PATH);
	unlink(PATH);
	bind(l, (struct sockaddr *)&sun, len);
	ksft_ok(connect(c, (struct sockaddr *)&sun, len) == -1 && errno == ECONNREFUSED,
		"connect to a socket that does not listen: ECONNREFUSED");
	ksft_ok(accept(l, NULL, NULL) == -1 && errno == EINVAL, "accept before listen: EINVAL");
	ksft_ok(listen(l, 0) == 0, "listen");
	glen = sizeof(v);
	ksft_ok(getsockopt(l, SOL_SOCKET, SO_ACCEPTCONN, &v, &glen) == 0 && v == 1,
		"SO_ACCEPTCONN is 1 on a listener");
	fcntl(l, F_SETFL, O_NONBLOCK);
	ksft_ok(accept(l, NULL, NULL) == -1 && errno == EAGAIN,
		"accept with nobody waiting, non-blocking: EAGAIN");
	fcntl(l, F_SETFL, 0);
	ksft_ok(connect(c, (struct sockaddr *)&sun, len) == 0, "connect to the listener");
	{
		struct pollfd p = { l, POLLIN, 0 };

		ksft_ok(poll(&p, 1, 0) == 1 && (p.revents & POLLIN),
			"a pending connection makes the listener readable");
	}
	c2 = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0);
	ksft_ok(connect(c2, (struct sockaddr *)&sun, len) == -1 && errno == EAGAIN,
		"backlog 0 holds one; a non-blocking connect then gets EAGAIN");
	glen = sizeof(got);
	s = accept4(l, (struct sockaddr *)&got, &glen, SOCK_CLOEXEC);
	ksft_ok(s >= 0 && glen == offsetof(struct sockaddr_un, sun_path) &&
		(fcntl(s, F_GETFD) & FD_CLOEXEC), "accept4 gives the unnamed peer and SOCK_CLOEXEC");
	glen = sizeof(got);
	ksft_ok(getsockname(s, (struct sockaddr *)&got, &glen) == 0 && glen == len &&
		!strcmp(got.sun_path, PATH), "the accepted socket is named like the listener");
	glen = sizeof(got);
	ksft_ok(getpeername(c, (struct sockaddr *)&got, &glen) == 0 && !strcmp(got.sun_path, PATH),
		"getpeername of the client gives the listener's path");
	glen = sizeof(cr);
	ksft_ok(getsockopt(s, SOL_SOCKET, SO_PEERCRED, &cr, &glen) == 0 && cr.pid == getpid() &&
		glen == sizeof(cr), "SO_PEERCRED names the connecting process");
	ksft_ok(connect(c, (struct sockaddr *)&sun, len) == -1 && errno == EISCONN,
		"connect again: EISCONN");
	ksft_ok(accept4(l, NULL, NULL, 0x40) == -1 && errno == EINVAL,
		"accept4 with a bad flag: EINVAL");
	n = send(c, "ping", 4, 0);
	ksft_ok(n == 4 && recv(s, buf, sizeof(buf), 0) == 4 && !memcmp(buf, "ping", 4),
		"data client to server");
	ksft_ok(send(s, "pong!", 5, 0) == 5 && recv(c, buf, 3, MSG_PEEK) == 3 &&
		recv(c, buf, sizeof(buf), 0) == 5 && !memcmp(buf, "pong!", 5),
		"MSG_PEEK leaves the bytes");
	ksft_ok(recv(c, buf, sizeof(buf), MSG_DONTWAIT) == -1 && errno == EAGAIN,
		"MSG_DONTWAIT on an empty socket: EAGAIN");
	ksft_ok(sendto(c, "x", 1, 0, (struct sockaddr *)&sun, len) == -1 && errno == EISCONN,
		"sendto with an address on a connected stream: EISCONN");
	ksft_ok(recv(l, buf, 1, 0) == -1 && errno == EINVAL, "recv on a listener: EINVAL");
	ksft_ok(send(l, "x", 1, MSG_NOSIGNAL) == -1 && errno == ENOTCONN,
		"send on a listener: ENOTCONN");
	close(c2);
	close(c);
	ksft_ok(recv(s, buf, sizeof(buf), 0) == 0, "the peer's close is end of file");
	close(s);
	close(l);
	unlink(PATH);
}

static void big_writer(void *arg)
{
	int fd = *(int *)arg;
	static char buf[65536];
	long total = 0;
	ssize_t n;

	while (total < 1 << 19 && (n = write(fd, buf, sizeof(buf))) > 0)
		total += n;
	_exit(total == 1 << 19 ? 0 : 1);
}

static void flow(void)
{
	int sv[2], v, st;
	socklen_t len = sizeof(v);
	static char buf[65536];
	long total = 0;
	ssize_t n;
	pid_t pid;

	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	v = 65536;
	ksft_ok(setsockopt(sv[0], SOL_SOCKET, SO_SNDBUF, &v, sizeof(v)) == 0 &&
		getsockopt(sv[0], SOL_SOCKET, SO_SNDBUF, &v, &len) == 0 && v == 131072,
		"SO_SNDBUF: Linux doubles the value");
	ksft_ok(setsockopt(sv[0], SOL_SOCKET, SO_SNDBUF, &v, 2) == -1 && errno == EINVAL,
		"an option shorter than an int: EINVAL");
	ksft_ok(setsockopt(sv[0], SOL_SOCKET, SO_TYPE, &v, sizeof(v)) == -1 &&
		errno == ENOPROTOOPT, "setting SO_TYPE: ENOPROTOOPT");
	ksft_ok(setsockopt(sv[0], SOL_SOCKET, 9999, &v, sizeof(v)) == -1 && errno == ENOPROTOOPT,
		"an unknown option: ENOPROTOOPT");
	ksft_ok(getsockopt(sv[0], SOL_SOCKET, SO_TYPE, &v, (socklen_t *)8) == -1 &&
		errno == EFAULT, "a bad optlen pointer: EFAULT");
	v = 1;
	ksft_ok(setsockopt(sv[0], SOL_SOCKET, SO_REUSEADDR, &v, sizeof(v)) == 0,
		"SO_REUSEADDR is accepted");
	fcntl(sv[0], F_SETFL, O_NONBLOCK);
	while ((n = write(sv[0], buf, sizeof(buf))) > 0)
		total += n;
	ksft_ok(n == -1 && errno == EAGAIN && total > 0 && total < 1 << 20,
		"a non-blocking writer fills the buffer, then EAGAIN (%ld bytes)", total);
	{
		struct pollfd p = { sv[0], POLLOUT, 0 };

		ksft_ok(poll(&p, 1, 0) == 0, "a full socket does not poll writable");
	}
	while (recv(sv[1], buf, sizeof(buf), MSG_DONTWAIT) > 0)
		;
	fcntl(sv[0], F_SETFL, 0);
	pid = fork();
	if (pid == 0)
		big_writer(&sv[0]);
	total = 0;
	usleep(20000);
	while (total < 1 << 19 && (n = read(sv[1], buf, sizeof(buf))) > 0)
		total += n;
	ksft_ok(total == 1 << 19 && waitpid(pid, &st, 0) == pid && KSFT_EXITED(st, 0),
		"a blocked writer goes on as the reader drains (512 KiB)");
	pid = fork();
	if (pid == 0) {
		usleep(30000);
		write(sv[0], "abc", 3);
		usleep(30000);
		write(sv[0], "defgh", 5);
		_exit(0);
	}
	ksft_ok(recv(sv[1], buf, 8, MSG_WAITALL) == 8 && !memcmp(buf, "abcdefgh", 8),
		"MSG_WAITALL waits for the whole buffer");
	waitpid(pid, &st, 0);
	close(sv[0]);
	close(sv[1]);
}

static void shutting_down(void)
{
	int sv[2], st;
	char buf[8];
	struct pollfd p;
	pid_t pid;

	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	ksft_ok(shutdown(sv[0], 7) == -1 && errno == EINVAL, "shutdown with a bad how: EINVAL");
	ksft_ok(shutdown(sv[0], SHUT_WR) == 0, "shutdown SHUT_WR");
	ksft_ok(read(sv[1], buf, sizeof(buf)) == 0, "the peer reads end of file");
	p = (struct pollfd){ sv[1], POLLIN | POLLRDHUP, 0 };
	ksft_ok(poll(&p, 1, 0) == 1 && (p.revents & POLLRDHUP) && (p.revents & POLLIN) &&
		!(p.revents & POLLHUP), "the peer polls POLLIN|POLLRDHUP, not POLLHUP");
	ksft_ok(send(sv[0], "x", 1, MSG_NOSIGNAL) == -1 && errno == EPIPE,
		"writing after SHUT_WR: EPIPE");
	ksft_ok(write(sv[1], "ok", 2) == 2 && read(sv[0], buf, 2) == 2,
		"the other direction still works");
	close(sv[1]);
	p = (struct pollfd){ sv[0], POLLIN | POLLOUT, 0 };
	ksft_ok(poll(&p, 1, 0) == 1 && (p.revents & POLLHUP), "after the peer's close: POLLHUP");
	pid = fork();
	if (pid == 0) {
		write(sv[0], "x", 1);
		_exit(0);
	}
	ksft_ok(waitpid(pid, &st, 0) == pid && KSFT_SIGNALLED(st, SIGPIPE),
		"writing to a closed peer raises SIGPIPE");
	signal(SIGPIPE, SIG_IGN);
	ksft_ok(write(sv[0], "x", 1) == -1 && errno == EPIPE, "and with SIGPIPE ignored: EPIPE");
	signal(SIGPIPE, SIG_DFL);
	close(sv[0]);

	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	write(sv[0], "unread", 6);
	close(sv[1]);
	ksft_ok(read(sv[0], buf, sizeof(buf)) == -1 && errno == ECONNRESET,
		"closing with unread data resets the peer: ECONNRESET");
	ksft_ok(read(sv[0], buf, sizeof(buf)) == 0, "then end of file");
	close(sv[0]);
	p = (struct pollfd){ socket(AF_UNIX, SOCK_STREAM, 0), POLLIN | POLLOUT, 0 };
	ksft_ok(poll(&p, 1, 0) == 1 && (p.revents & POLLHUP) && (p.revents & POLLOUT),
		"a fresh stream socket polls POLLOUT|POLLHUP");
	close(p.fd);
}

static volatile sig_atomic_t caught;

static void on_alarm(int sig)
{
	(void)sig;
	caught++;
}

static void interruption(void)
{
	int sv[2], v = 0;
	struct sigaction sa;
	struct itimerval it = { { 0, 0 }, { 0, 50000 } };
	struct timeval tv = { 0, 100000 };
	char buf[4];
	pid_t pid;

	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_alarm;
	sigaction(SIGALRM, &sa, NULL);
	setitimer(ITIMER_REAL, &it, NULL);
	ksft_ok(read(sv[0], buf, 1) == -1 && errno == EINTR && caught == 1,
		"a signal interrupts a blocked read: EINTR");
	sa.sa_flags = SA_RESTART;
	sigaction(SIGALRM, &sa, NULL);
	pid = fork();
	if (pid == 0) {
		usleep(150000);
		write(sv[1], "z", 1);
		_exit(0);
	}
	setitimer(ITIMER_REAL, &it, NULL);
	ksft_ok(read(sv[0], buf, 1) == 1 && caught == 2, "with SA_RESTART the read restarts");
	waitpid(pid, NULL, 0);
	ksft_ok(setsockopt(sv[0], SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv)) == 0,
		"SO_RCVTIMEO is accepted");
	ksft_ok(read(sv[0], buf, 1) == -1 && errno == EAGAIN, "and a read times out: EAGAIN");
	ksft_ok(ioctl(sv[0], FIONREAD, &v) == 0 && v == 0 && write(sv[1], "abc", 3) == 3 &&
		ioctl(sv[0], FIONREAD, &v) == 0 && v == 3, "FIONREAD counts the unread bytes");
	close(sv[0]);
	close(sv[1]);
}

static void bad_descriptors(void)
{
	int fd = open("/dev/null", O_RDONLY);
	char buf[4];
	struct sockaddr_un sun;
	socklen_t len = sun_make(&sun, PATH);

	ksft_ok(send(fd, "x", 1, 0) == -1 && errno == ENOTSOCK, "send on a file: ENOTSOCK");
	ksft_ok(bind(fd, (struct sockaddr *)&sun, len) == -1 && errno == ENOTSOCK,
		"bind on a file: ENOTSOCK");
	ksft_ok(listen(fd, 1) == -1 && errno == ENOTSOCK, "listen on a file: ENOTSOCK");
	ksft_ok(recv(999, buf, 1, 0) == -1 && errno == EBADF, "recv on a closed fd: EBADF");
	ksft_ok(shutdown(999, SHUT_RD) == -1 && errno == EBADF, "shutdown on a closed fd: EBADF");
	close(fd);
}

int main(void)
{
	alarm(60);		/* a hang fails the test instead of stalling the run */
	ksft_plan(86);
	creation();
	naming();
	connecting();
	flow();
	shutting_down();
	interruption();
	bad_descriptors();
	rmdir(DIR);
	ksft_exit();
}
