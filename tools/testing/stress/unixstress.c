/*
 * unixstress: AF_UNIX sockets under pressure.  A writer child pushes a
 * seeded byte stream through a stream socketpair in random chunks while
 * the parent reads random amounts and checks every byte; a datagram
 * writer sends numbered datagrams of random sizes that must arrive whole,
 * in order and intact; and victims that fill sockets with data and with
 * descriptors in flight (pipe ends, the sockets themselves: cycles) are
 * SIGKILLed mid-transfer, their peers closed unread, so the driver's
 * leak check sees whether everything in flight was freed.
 */
#include "stress.h"
#include <sys/socket.h>
#include <sys/time.h>

#define STREAM_BYTES	(512 * 1024)
#define MAX_CHUNK	40000
#define DGRAMS		300
#define MAX_DGRAM	6000
#define VICTIMS		6

static unsigned long seed;
static unsigned char buf[MAX_CHUNK + 8];

/* Byte @pos of the stream. */
static unsigned char stream_byte(size_t pos)
{
	return (unsigned char)(pos * 131 + (pos >> 9) + seed);
}

/* write() of all @len bytes, retrying resource failures; skips after too many. */
static void write_all(int fd, const unsigned char *p, size_t len)
{
	int tries = 0;

	while (len) {
		ssize_t n = write(fd, p, len);

		if (n < 0) {
			if (stress_again(&tries))
				continue;
			stress_syserr("write");
		}
		p += n;
		len -= (size_t)n;
	}
}

static void stream_writer(int fd)
{
	size_t pos = 0;

	while (pos < STREAM_BYTES) {
		size_t n = 1 + stress_below(MAX_CHUNK);

		if (n > STREAM_BYTES - pos)
			n = STREAM_BYTES - pos;
		for (size_t i = 0; i < n; i++)
			buf[i] = stream_byte(pos + i);
		write_all(fd, buf, n);
		pos += n;
	}
	_exit(0);
}

static void stream_check(void)
{
	int sv[2], tries = 0;
	size_t pos = 0;
	pid_t pid;

	while (socketpair(AF_UNIX, SOCK_STREAM, 0, sv))
		if (!stress_again(&tries))
			stress_syserr("socketpair");
	pid = stress_fork();
	if (pid < 0)
		stress_syserr("fork");
	if (pid == 0) {
		close(sv[1]);
		stream_writer(sv[0]);
	}
	close(sv[0]);
	while (pos < STREAM_BYTES) {
		ssize_t n = read(sv[1], buf, 1 + stress_below(MAX_CHUNK));

		if (n < 0) {
			if (stress_resource(errno))
				continue;
			stress_fail("stream read: %s", strerror(errno));
		}
		if (n == 0)
			break;		/* the writer ran out of memory and left */
		for (ssize_t i = 0; i < n; i++)
			if (buf[i] != stream_byte(pos + i))
				stress_fail("stream byte %zu is %#x, sent %#x", pos + i, buf[i],
					    stream_byte(pos + i));
		pos += (size_t)n;
	}
	close(sv[1]);
	if (stress_status(stress_wait(pid), 0, "the stream writer") == STRESS_FAILED)
		_exit(STRESS_EXIT_FAIL);
	stress_diag("stream: %zu bytes checked", pos);
}

static void dgram_writer(int fd)
{
	for (uint32_t seq = 0; seq < DGRAMS; seq++) {
		size_t len = 8 + stress_below(MAX_DGRAM / 8) * 8;
		int tries = 0;

		memcpy(buf, &seq, 4);
		memcpy(buf + 4, &len, 4);
		stress_fill(buf + 8, len - 8, stress_key(seed, 2, seq, 0));
		while (send(fd, buf, len, 0) < 0)
			if (!stress_again(&tries))
				stress_syserr("send");
	}
	_exit(0);
}

static void dgram_check(void)
{
	struct timeval tv = { 2, 0 };
	int sv[2], tries = 0, status = 0, exited = 0;
	uint32_t next = 0;
	pid_t pid;

	while (socketpair(AF_UNIX, SOCK_DGRAM, 0, sv))
		if (!stress_again(&tries))
			stress_syserr("socketpair");
	pid = stress_fork();
	if (pid < 0)
		stress_syserr("fork");
	if (pid == 0) {
		close(sv[1]);
		dgram_writer(sv[0]);
	}
	close(sv[0]);
	/* A datagram peer's exit is no end of file: time out and look for it. */
	setsockopt(sv[1], SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	while (next < DGRAMS) {
		ssize_t n = recv(sv[1], buf, sizeof(buf), 0);
		uint32_t seq, len;
		long bad;

		if (n < 0 && errno == EAGAIN && waitpid(pid, &status, WNOHANG) == pid) {
			exited = 1;
			break;		/* the writer ran out of memory and left */
		}
		if (n < 0) {
			if (stress_resource(errno))
				continue;
			stress_fail("dgram recv: %s", strerror(errno));
		}
		if (n < 8)
			stress_fail("a datagram of %zd bytes", n);
		memcpy(&seq, buf, 4);
		memcpy(&len, buf + 4, 4);
		if (seq != next || len != (uint32_t)n)
			stress_fail("datagram %u (%zd bytes) where %u (%u bytes) was due", seq, n,
				    next, len);
		bad = stress_check(buf + 8, len - 8, stress_key(seed, 2, seq, 0));
		if (bad >= 0)
			stress_fail("datagram %u broken at byte %ld", seq, bad + 8);
		next++;
	}
	close(sv[1]);
	if (!exited)
		status = stress_wait(pid);
	if (stress_status(status, 0, "the datagram writer") == STRESS_FAILED)
		_exit(STRESS_EXIT_FAIL);
	stress_diag("datagrams: %u checked", next);
}

/* Sends @fd (and data) over @sock until the buffer fills; never returns on its own. */
static void victim(int sock, int other, int p)
{
	char data[1024];
	int fds[3] = { p, sock, other };
	struct iovec iov = { data, sizeof(data) };
	char ctl[CMSG_SPACE(sizeof(fds))];
	struct msghdr mh;
	struct cmsghdr *cm;

	memset(data, 'v', sizeof(data));
	memset(&mh, 0, sizeof(mh));
	mh.msg_iov = &iov;
	mh.msg_iovlen = 1;
	mh.msg_control = ctl;
	mh.msg_controllen = sizeof(ctl);
	cm = CMSG_FIRSTHDR(&mh);
	cm->cmsg_level = SOL_SOCKET;
	cm->cmsg_type = SCM_RIGHTS;
	cm->cmsg_len = CMSG_LEN(sizeof(fds));
	memcpy(CMSG_DATA(cm), fds, sizeof(fds));
	for (;;)
		sendmsg(sock, &mh, stress_below(2) ? MSG_DONTWAIT : 0);
}

static void killed_mid_transfer(void)
{
	for (int i = 0; i < VICTIMS; i++) {
		int sv[2], p[2];
		struct timespec ts = { 0, (long)(1 + stress_below(20)) * 1000000L };
		pid_t pid;

		if (socketpair(AF_UNIX, i % 2 ? SOCK_DGRAM : SOCK_STREAM, 0, sv))
			stress_syserr("socketpair");
		if (pipe(p)) {
			close(sv[0]);
			close(sv[1]);
			stress_syserr("pipe");
		}
		pid = stress_fork();
		if (pid < 0)
			stress_syserr("fork");
		if (pid == 0)
			victim(sv[0], sv[1], p[1]);
		close(p[0]);
		close(p[1]);
		nanosleep(&ts, NULL);
		kill(pid, SIGKILL);
		stress_wait(pid);
		close(sv[0]);
		close(sv[1]);
	}
	stress_diag("%d writers killed mid-transfer", VICTIMS);
}

int main(int argc, char **argv)
{
	seed = stress_init(argc, argv);
	stream_check();
	dgram_check();
	killed_mid_transfer();
	return 0;
}
