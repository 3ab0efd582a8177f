/*
 * unix_dgram: AF_UNIX datagram and seqpacket sockets: message
 * boundaries, MSG_TRUNC, MSG_PEEK, sendto a path or abstract name and
 * the sender's address at recvfrom, connect (EPERM to a socket connected
 * elsewhere, ECONNREFUSED once the peer is gone, AF_UNSPEC disconnect),
 * EMSGSIZE, the receive queue limit (EAGAIN), poll, EOF on seqpacket,
 * and the error cases.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stddef.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>
#include "../kselftest.h"

#define DIR	"/tmp/unix_dgram_test"

static socklen_t sun_make(struct sockaddr_un *sun, const char *path)
{
	memset(sun, 0, sizeof(*sun));
	sun->sun_family = AF_UNIX;
	strcpy(sun->sun_path, path);
	return offsetof(struct sockaddr_un, sun_path) + strlen(path) + 1;
}

static int bound(const char *path, struct sockaddr_un *sun, socklen_t *len)
{
	int fd = socket(AF_UNIX, SOCK_DGRAM, 0);

	*len = sun_make(sun, path);
	unlink(path);
	if (bind(fd, (struct sockaddr *)sun, *len))
		return -1;
	return fd;
}

static void boundaries(void)
{
	int sv[2], v;
	char buf[16];
	socklen_t len = sizeof(v);

	ksft_ok(socketpair(AF_UNIX, SOCK_DGRAM, 0, sv) == 0, "a datagram socketpair");
	ksft_ok(getsockopt(sv[0], SOL_SOCKET, SO_TYPE, &v, &len) == 0 && v == SOCK_DGRAM,
		"SO_TYPE is SOCK_DGRAM");
	send(sv[0], "one", 3, 0);
	send(sv[0], "three", 5, 0);
	ksft_ok(recv(sv[1], buf, sizeof(buf), 0) == 3 && recv(sv[1], buf, sizeof(buf), 0) == 5 &&
		!memcmp(buf, "three", 5), "each send is one datagram");
	send(sv[0], "truncated", 9, 0);
	ksft_ok(recv(sv[1], buf, 4, MSG_PEEK) == 4 && recv(sv[1], buf, 4, MSG_TRUNC) == 9 &&
		!memcmp(buf, "trun", 4), "MSG_PEEK keeps it; MSG_TRUNC returns the real length");
	ksft_ok(recv(sv[1], buf, sizeof(buf), MSG_DONTWAIT) == -1 && errno == EAGAIN,
		"the rest of a truncated datagram is gone");
	ksft_ok(send(sv[0], "", 0, 0) == 0 && recv(sv[1], buf, sizeof(buf), 0) == 0,
		"an empty datagram is a message of length 0");
	{
		struct msghdr mh;
		struct iovec iov = { buf, 2 };

		memset(&mh, 0, sizeof(mh));
		mh.msg_iov = &iov;
		mh.msg_iovlen = 1;
		send(sv[0], "abcdef", 6, 0);
		ksft_ok(recvmsg(sv[1], &mh, 0) == 2 && (mh.msg_flags & MSG_TRUNC),
			"recvmsg sets MSG_TRUNC in msg_flags");
	}
	{
		static char big[300000];

		ksft_ok(send(sv[0], big, sizeof(big), 0) == -1 && errno == EMSGSIZE,
			"a datagram bigger than the send buffer: EMSGSIZE");
	}
	close(sv[0]);
	ksft_ok(recv(sv[1], buf, sizeof(buf), MSG_DONTWAIT) == -1 && errno == EAGAIN,
		"a datagram peer's close is no end of file");
	close(sv[1]);
}

static void addressing(void)
{
	struct sockaddr_un sa, sb, from;
	socklen_t la, lb, lf;
	int a = bound(DIR "/a", &sa, &la), b = bound(DIR "/b", &sb, &lb), c, i, n;
	char buf[16];

	ksft_ok(a >= 0 && b >= 0, "two bound datagram sockets");
	ksft_ok(sendto(a, "hi", 2, 0, (struct sockaddr *)&sb, lb) == 2, "sendto a path");
	lf = sizeof(from);
	ksft_ok(recvfrom(b, buf, sizeof(buf), 0, (struct sockaddr *)&from, &lf) == 2 &&
		lf == la && !strcmp(from.sun_path, DIR "/a"), "recvfrom names the sender");
	c = socket(AF_UNIX, SOCK_DGRAM, 0);
	sendto(c, "anon", 4, 0, (struct sockaddr *)&sb, lb);
	lf = sizeof(from);
	ksft_ok(recvfrom(b, buf, sizeof(buf), 0, (struct sockaddr *)&from, &lf) == 4 && lf == 0,
		"an unbound sender has an empty address");
	ksft_ok(send(c, "x", 1, 0) == -1 && errno == ENOTCONN, "send without a peer: ENOTCONN");
	ksft_ok(connect(c, (struct sockaddr *)&sa, la) == 0, "connect to a datagram socket");
	ksft_ok(send(c, "via", 3, 0) == 3 && recv(a, buf, sizeof(buf), 0) == 3, "send to the peer");
	ksft_ok(connect(b, (struct sockaddr *)&sa, la) == 0, "connect b to a");
	ksft_ok(connect(a, (struct sockaddr *)&sb, lb) == 0 &&
		sendto(c, "no", 2, 0, (struct sockaddr *)&sa, la) == -1 && errno == EPERM,
		"sending to a socket connected elsewhere: EPERM");
	{
		struct sockaddr unspec = { .sa_family = AF_UNSPEC };

		ksft_ok(connect(c, &unspec, sizeof(unspec)) == 0 &&
			send(c, "x", 1, 0) == -1 && errno == ENOTCONN,
			"connect to AF_UNSPEC disconnects");
	}
	{
		struct sockaddr_un sd;
		socklen_t ld;
		int d = bound(DIR "/d", &sd, &ld);

		for (i = 0, n = 0; i < 100; i++)
			if (sendto(c, "q", 1, MSG_DONTWAIT, (struct sockaddr *)&sd, ld) == 1)
				n++;
			else
				break;
		ksft_ok(i < 100 && errno == EAGAIN && n >= 10,
			"a receiver's queue holds a few datagrams, then EAGAIN (%d)", n);
		close(d);
		unlink(DIR "/d");
	}
	close(a);
	ksft_ok(send(b, "x", 1, 0) == -1 && errno == ECONNREFUSED,
		"sending to a closed peer: ECONNREFUSED");
	ksft_ok(send(b, "x", 1, 0) == -1 && errno == ENOTCONN, "and then ENOTCONN");
	ksft_ok(sendto(c, "x", 1, 0, (struct sockaddr *)&sa, la) == -1 && errno == ECONNREFUSED,
		"sendto a name whose socket is gone: ECONNREFUSED");
	ksft_ok(sendto(c, "x", 1, 0, (struct sockaddr *)&sa, 1) == -1 && errno == EINVAL,
		"sendto with a too short address: EINVAL");
	{
		struct sockaddr_un miss;
		socklen_t lm = sun_make(&miss, DIR "/missing");

		ksft_ok(sendto(c, "x", 1, 0, (struct sockaddr *)&miss, lm) == -1 && errno == ENOENT,
			"sendto a missing path: ENOENT");
	}
	{
		int s = socket(AF_UNIX, SOCK_STREAM, 0);
		struct sockaddr_un ss;
		socklen_t ls = sun_make(&ss, DIR "/stream");

		unlink(DIR "/stream");
		bind(s, (struct sockaddr *)&ss, ls);
		ksft_ok(sendto(c, "x", 1, 0, (struct sockaddr *)&ss, ls) == -1 && errno == EPROTOTYPE,
			"sendto a stream socket's path: EPROTOTYPE");
		ksft_ok(listen(c, 1) == -1 && errno == EOPNOTSUPP, "listen on a datagram socket: EOPNOTSUPP");
		ksft_ok(accept(c, NULL, NULL) == -1 && errno == EOPNOTSUPP,
			"accept on a datagram socket: EOPNOTSUPP");
		close(s);
		unlink(DIR "/stream");
	}
	close(b);
	close(c);
	unlink(DIR "/a");
	unlink(DIR "/b");
}

static void seqpacket(void)
{
	int sv[2], l, c, s;
	char buf[16];
	struct sockaddr_un sun;
	socklen_t len = sun_make(&sun, DIR "/seq");
	struct pollfd p;

	ksft_ok(socketpair(AF_UNIX, SOCK_SEQPACKET, 0, sv) == 0, "a seqpacket socketpair");
	send(sv[0], "rec1", 4, 0);
	send(sv[0], "record2", 7, 0);
	ksft_ok(recv(sv[1], buf, sizeof(buf), 0) == 4 && recv(sv[1], buf, 3, 0) == 3,
		"records keep their boundaries");
	close(sv[0]);
	ksft_ok(recv(sv[1], buf, sizeof(buf), 0) == 0, "the peer's close is end of file");
	ksft_ok(send(sv[1], "x", 1, MSG_NOSIGNAL) == -1 && errno == EPIPE,
		"sending to a closed peer: EPIPE");
	{
		int st;
		pid_t pid = fork();

		if (pid == 0)
			_exit(send(sv[1], "x", 1, 0) == -1 && errno == EPIPE ? 0 : 1);
		ksft_ok(waitpid(pid, &st, 0) == pid && KSFT_EXITED(st, 0),
			"without MSG_NOSIGNAL too: EPIPE and no SIGPIPE (seqpacket)");
	}
	close(sv[1]);
	unlink(DIR "/seq");
	l = socket(AF_UNIX, SOCK_SEQPACKET, 0);
	c = socket(AF_UNIX, SOCK_SEQPACKET, 0);
	ksft_ok(send(c, "x", 1, MSG_NOSIGNAL) == -1 && errno == ENOTCONN,
		"send on an unconnected seqpacket socket: ENOTCONN");
	ksft_ok(recv(c, buf, 1, MSG_DONTWAIT) == -1 && errno == ENOTCONN,
		"recv on an unconnected seqpacket socket: ENOTCONN");
	ksft_ok(bind(l, (struct sockaddr *)&sun, len) == 0 && listen(l, 5) == 0 &&
		connect(c, (struct sockaddr *)&sun, len) == 0, "listen and connect");
	s = accept(l, NULL, NULL);
	ksft_ok(s >= 0 && send(c, "hello", 5, 0) == 5 && recv(s, buf, sizeof(buf), 0) == 5,
		"accept and a record");
	p = (struct pollfd){ s, POLLIN | POLLOUT, 0 };
	ksft_ok(poll(&p, 1, 0) == 1 && p.revents == POLLOUT, "an idle connection polls POLLOUT");
	close(c);
	p = (struct pollfd){ s, POLLIN | POLLOUT | POLLRDHUP, 0 };
	ksft_ok(poll(&p, 1, 0) == 1 && (p.revents & POLLHUP) && (p.revents & POLLRDHUP),
		"after the peer's close: POLLHUP|POLLRDHUP");
	close(s);
	close(l);
	unlink(DIR "/seq");
}

static void dgram_poll(void)
{
	int sv[2];
	struct pollfd p;

	socketpair(AF_UNIX, SOCK_DGRAM, 0, sv);
	p = (struct pollfd){ sv[1], POLLIN | POLLOUT, 0 };
	ksft_ok(poll(&p, 1, 0) == 1 && p.revents == POLLOUT, "an idle datagram socket: POLLOUT");
	send(sv[0], "x", 1, 0);
	ksft_ok(poll(&p, 1, 0) == 1 && p.revents == (POLLIN | POLLOUT), "with a datagram: POLLIN too");
	shutdown(sv[1], SHUT_RDWR);
	p.events |= POLLRDHUP;
	ksft_ok(poll(&p, 1, 0) == 1 && (p.revents & POLLHUP) && (p.revents & POLLRDHUP),
		"after shutdown(SHUT_RDWR): POLLHUP|POLLRDHUP");
	ksft_ok(recv(sv[1], &p, 1, 0) == 1 && recv(sv[1], &p, 1, 0) == 0,
		"queued data first, then end of file");
	ksft_ok(send(sv[1], "x", 1, 0) == -1 && errno == EPIPE,
		"sending after SHUT_WR: EPIPE (and no SIGPIPE)");
	close(sv[0]);
	close(sv[1]);
}

int main(void)
{
	alarm(60);
	mkdir(DIR, 0755);
	ksft_plan(44);
	boundaries();
	addressing();
	seqpacket();
	dgram_poll();
	rmdir(DIR);
	ksft_exit();
}
