/*
 * scm_rights: passing descriptors over AF_UNIX sockets (SCM_RIGHTS) and
 * credentials (SCM_CREDENTIALS with SO_PASSCRED): what arrives, the
 * control message's layout, MSG_CTRUNC when the buffer is short, the
 * references held while a descriptor is in flight and dropped when the
 * message is never read, MSG_PEEK, MSG_CMSG_CLOEXEC, and the errors.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>
#include "../kselftest.h"

/* Sends one byte with @n descriptors from @fds. */
static ssize_t send_fds(int sock, const int *fds, int n, int type)
{
	char data = 'F';
	struct iovec iov = { &data, 1 };
	char ctl[CMSG_SPACE(sizeof(int) * 300)];
	struct msghdr mh;
	struct cmsghdr *cm;

	memset(&mh, 0, sizeof(mh));
	memset(ctl, 0, sizeof(ctl));
	mh.msg_iov = &iov;
	mh.msg_iovlen = 1;
	mh.msg_control = ctl;
	mh.msg_controllen = CMSG_SPACE(sizeof(int) * n);
	cm = CMSG_FIRSTHDR(&mh);
	cm->cmsg_level = SOL_SOCKET;
	cm->cmsg_type = type;
	cm->cmsg_len = CMSG_LEN(sizeof(int) * n);
	memcpy(CMSG_DATA(cm), fds, sizeof(int) * n);
	return sendmsg(sock, &mh, 0);
}

/* Receives one message with a control buffer of @ctllen; the fds in *fds. */
static ssize_t recv_fds(int sock, int *fds, int *nfds, size_t ctllen, int flags, int *mflags)
{
	char data[8];
	struct iovec iov = { data, sizeof(data) };
	char ctl[CMSG_SPACE(sizeof(int) * 16)];
	struct msghdr mh;
	struct cmsghdr *cm;
	ssize_t n;

	memset(&mh, 0, sizeof(mh));
	mh.msg_iov = &iov;
	mh.msg_iovlen = 1;
	mh.msg_control = ctllen ? ctl : NULL;
	mh.msg_controllen = ctllen;
	*nfds = 0;
	n = recvmsg(sock, &mh, flags);
	*mflags = mh.msg_flags;
	for (cm = ctllen ? CMSG_FIRSTHDR(&mh) : NULL; cm; cm = CMSG_NXTHDR(&mh, cm))
		if (cm->cmsg_level == SOL_SOCKET && cm->cmsg_type == SCM_RIGHTS) {
			*nfds = (cm->cmsg_len - CMSG_LEN(0)) / sizeof(int);
			memcpy(fds, CMSG_DATA(cm), *nfds * sizeof(int));
		}
	return n;
}

static void basic(void)
{
	int sv[2], p[2], fds[4], got[16], n, fl;
	char c;
	struct stat a, b;

	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	pipe(p);
	ksft_ok(send_fds(sv[0], &p[1], 1, SCM_RIGHTS) == 1, "send a pipe's write end");
	ksft_ok(recv_fds(sv[1], got, &n, CMSG_SPACE(sizeof(int)), 0, &fl) == 1 && n == 1 &&
		got[0] != p[1] && !(fl & MSG_CTRUNC), "it arrives as a new descriptor");
	ksft_ok(fstat(got[0], &a) == 0 && fstat(p[1], &b) == 0 && a.st_ino == b.st_ino,
		"the same open file");
	ksft_ok(write(got[0], "z", 1) == 1 && read(p[0], &c, 1) == 1 && c == 'z',
		"writing through it reaches the pipe");
	ksft_ok(!(fcntl(got[0], F_GETFD) & FD_CLOEXEC), "without MSG_CMSG_CLOEXEC: no FD_CLOEXEC");
	close(got[0]);
	fds[0] = p[0];
	fds[1] = p[1];
	fds[2] = sv[0];
	send_fds(sv[0], fds, 3, SCM_RIGHTS);
	ksft_ok(recv_fds(sv[1], got, &n, sizeof(got), MSG_CMSG_CLOEXEC, &fl) == 1 && n == 3 &&
		(fcntl(got[2], F_GETFD) & FD_CLOEXEC), "three at once, with MSG_CMSG_CLOEXEC");
	ksft_ok(send(got[2], "s", 1, 0) == 1 && recv(sv[1], &c, 1, 0) == 1 && c == 's',
		"a socket passed over itself still works");
	for (int i = 0; i < 3; i++)
		close(got[i]);
	send_fds(sv[0], fds, 3, SCM_RIGHTS);
	ksft_ok(recv_fds(sv[1], got, &n, CMSG_SPACE(sizeof(int)), 0, &fl) == 1 && n == 1 &&
		(fl & MSG_CTRUNC), "room for one of three: one arrives, MSG_CTRUNC");
	close(got[0]);
	send_fds(sv[0], fds, 2, SCM_RIGHTS);
	ksft_ok(recv_fds(sv[1], got, &n, 0, 0, &fl) == 1 && n == 0 && (fl & MSG_CTRUNC),
		"no control buffer: none arrive, MSG_CTRUNC");
	send_fds(sv[0], fds, 1, SCM_RIGHTS);
	send(sv[0], "ab", 2, 0);
	ksft_ok(recv_fds(sv[1], got, &n, sizeof(got), MSG_PEEK, &fl) == 1 && n == 1,
		"MSG_PEEK installs the descriptors too");
	close(got[0]);
	ksft_ok(recv_fds(sv[1], got, &n, sizeof(got), 0, &fl) == 1 && n == 1,
		"a stream read stops after the bytes that carried descriptors");
	close(got[0]);
	ksft_ok(recv(sv[1], fds, sizeof(fds), 0) == 2, "the next read gets the rest");
	close(p[0]);
	close(p[1]);
	close(sv[0]);
	close(sv[1]);
}

static void in_flight(void)
{
	int sv[2], p[2];
	struct pollfd pf;

	socketpair(AF_UNIX, SOCK_DGRAM, 0, sv);
	pipe(p);
	ksft_ok(send_fds(sv[0], &p[1], 1, SCM_RIGHTS) == 1, "a write end in a datagram");
	close(p[1]);
	pf = (struct pollfd){ p[0], POLLIN, 0 };
	ksft_ok(poll(&pf, 1, 0) == 0, "in flight it still counts as a writer: no POLLHUP");
	close(sv[1]);
	ksft_ok(poll(&pf, 1, 0) == 1 && (pf.revents & POLLHUP),
		"closing the receiver unread drops it: POLLHUP");
	close(p[0]);
	close(sv[0]);
}

static void errors(void)
{
	int sv[2], bad = 999, fds[300], p[2];
	char data = 'x', ctl[64];
	struct iovec iov = { &data, 1 };
	struct msghdr mh;
	struct cmsghdr *cm;

	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	pipe(p);
	ksft_ok(send_fds(sv[0], &bad, 1, SCM_RIGHTS) == -1 && errno == EBADF,
		"a closed descriptor: EBADF");
	for (int i = 0; i < 300; i++)
		fds[i] = p[0];
	ksft_ok(send_fds(sv[0], fds, 254, SCM_RIGHTS) == -1 && errno == EINVAL,
		"more than 253 descriptors: EINVAL");
	ksft_ok(send_fds(sv[0], fds, 1, 99) == -1 && errno == EINVAL,
		"an unknown SOL_SOCKET message type: EINVAL");
	memset(&mh, 0, sizeof(mh));
	memset(ctl, 0, sizeof(ctl));
	mh.msg_iov = &iov;
	mh.msg_iovlen = 1;
	mh.msg_control = ctl;
	mh.msg_controllen = CMSG_SPACE(sizeof(int));
	cm = CMSG_FIRSTHDR(&mh);
	cm->cmsg_level = SOL_SOCKET;
	cm->cmsg_type = SCM_RIGHTS;
	cm->cmsg_len = 100;
	ksft_ok(sendmsg(sv[0], &mh, 0) == -1 && errno == EINVAL,
		"cmsg_len past the buffer: EINVAL");
	cm->cmsg_level = 12345;
	cm->cmsg_len = CMSG_LEN(sizeof(int));
	ksft_ok(sendmsg(sv[0], &mh, 0) == 1 && recv(sv[1], &data, 1, 0) == 1,
		"a message of another level is ignored");
	mh.msg_control = (void *)8;
	ksft_ok(sendmsg(sv[0], &mh, 0) == -1 && errno == EFAULT, "a bad control pointer: EFAULT");
	mh.msg_control = ctl;
	mh.msg_iov = (void *)8;
	ksft_ok(sendmsg(sv[0], &mh, 0) == -1 && errno == EFAULT, "a bad iovec pointer: EFAULT");
	mh.msg_iov = &iov;
	mh.msg_iovlen = 1025;
	ksft_ok(sendmsg(sv[0], &mh, 0) == -1 && errno == EMSGSIZE,
		"more than UIO_MAXIOV buffers: EMSGSIZE");
	ksft_ok(sendmsg(sv[0], (void *)8, 0) == -1 && errno == EFAULT, "a bad msghdr: EFAULT");
	close(p[0]);
	close(p[1]);
	close(sv[0]);
	close(sv[1]);
}

static void credentials(void)
{
	int sv[2], on = 1;
	char data[4], ctl[CMSG_SPACE(sizeof(struct ucred))];
	struct iovec iov = { data, sizeof(data) };
	struct msghdr mh;
	struct cmsghdr *cm;
	struct ucred uc = { 0, 0, 0 };

	socketpair(AF_UNIX, SOCK_DGRAM, 0, sv);
	ksft_ok(setsockopt(sv[1], SOL_SOCKET, SO_PASSCRED, &on, sizeof(on)) == 0,
		"SO_PASSCRED on the receiver");
	send(sv[0], "c", 1, 0);
	memset(&mh, 0, sizeof(mh));
	mh.msg_iov = &iov;
	mh.msg_iovlen = 1;
	mh.msg_control = ctl;
	mh.msg_controllen = sizeof(ctl);
	ksft_ok(recvmsg(sv[1], &mh, 0) == 1, "a message arrives");
	cm = CMSG_FIRSTHDR(&mh);
	if (cm && cm->cmsg_type == SCM_CREDENTIALS)
		memcpy(&uc, CMSG_DATA(cm), sizeof(uc));
	ksft_ok(cm && cm->cmsg_level == SOL_SOCKET && cm->cmsg_type == SCM_CREDENTIALS &&
		cm->cmsg_len == CMSG_LEN(sizeof(uc)) && uc.pid == getpid() &&
		uc.uid == getuid() && uc.gid == getgid(),
		"with SCM_CREDENTIALS naming the sender");
	close(sv[0]);
	close(sv[1]);
}

static void cycle(void *arg)
{
	int sv[2];

	(void)arg;
	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	send_fds(sv[0], &sv[1], 1, SCM_RIGHTS);
	send_fds(sv[1], &sv[0], 1, SCM_RIGHTS);
	_exit(0);
}

int main(void)
{
	alarm(60);
	ksft_plan(28);
	basic();
	in_flight();
	errors();
	credentials();
	ksft_ok(KSFT_EXITED(ksft_run_child(cycle, NULL), 0),
		"a process that dies with sockets in flight in each other exits cleanly");
	ksft_exit();
}
