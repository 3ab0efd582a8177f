/*
 * socketcall: every sub-call of the i386 multiplexer (102) with its
 * argument block in user memory, against the same work done by the
 * direct calls; the block's errors (EFAULT, EINVAL for a bad call
 * number) and that each sub-call reads only its own argument count.
 */
#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <unistd.h>
#include <linux/net.h>
#include "../kselftest.h"

static long sc(int call, const unsigned long *args)
{
	return syscall(SYS_socketcall, call, args);
}

int main(void)
{
	struct sockaddr_un sun = { .sun_family = AF_UNIX }, got;
	socklen_t slen = offsetof(struct sockaddr_un, sun_path) + 1 + 8, glen;
	int sv[2], l, c, s, v, len;
	char buf[16], ctl[64];
	struct iovec iov = { buf, sizeof(buf) };
	struct msghdr mh = { 0 };
	struct mmsghdr mm[2];
	char *page;
	unsigned long a[6];

	alarm(60);
	ksft_plan(27);
	memcpy(sun.sun_path + 1, "sc-test1", 8);
	a[0] = AF_UNIX; a[1] = SOCK_STREAM; a[2] = 0;
	l = sc(SYS_SOCKET, a);
	ksft_ok(l >= 0, "SYS_SOCKET");
	a[0] = l; a[1] = (unsigned long)&sun; a[2] = slen;
	ksft_ok(sc(SYS_BIND, a) == 0, "SYS_BIND");
	a[0] = l; a[1] = 4;
	ksft_ok(sc(SYS_LISTEN, a) == 0, "SYS_LISTEN");
	c = socket(AF_UNIX, SOCK_STREAM, 0);
	a[0] = c; a[1] = (unsigned long)&sun; a[2] = slen;
	ksft_ok(sc(SYS_CONNECT, a) == 0, "SYS_CONNECT");
	glen = sizeof(got);
	a[0] = l; a[1] = (unsigned long)&got; a[2] = (unsigned long)&glen;
	s = sc(SYS_ACCEPT, a);
	ksft_ok(s >= 0 && glen == offsetof(struct sockaddr_un, sun_path), "SYS_ACCEPT");
	glen = sizeof(got);
	a[0] = s; a[1] = (unsigned long)&got; a[2] = (unsigned long)&glen;
	ksft_ok(sc(SYS_GETSOCKNAME, a) == 0 && glen == slen && !memcmp(got.sun_path + 1, "sc-test1", 8),
		"SYS_GETSOCKNAME");
	glen = sizeof(got);
	a[0] = c;
	ksft_ok(sc(SYS_GETPEERNAME, a) == 0 && glen == slen, "SYS_GETPEERNAME");
	a[0] = c; a[1] = (unsigned long)"abc"; a[2] = 3; a[3] = 0;
	ksft_ok(sc(SYS_SEND, a) == 3, "SYS_SEND");
	a[0] = s; a[1] = (unsigned long)buf; a[2] = sizeof(buf); a[3] = 0;
	ksft_ok(sc(SYS_RECV, a) == 3 && !memcmp(buf, "abc", 3), "SYS_RECV");
	a[0] = c; a[1] = (unsigned long)"de"; a[2] = 2; a[3] = 0; a[4] = 0; a[5] = 0;
	ksft_ok(sc(SYS_SENDTO, a) == 2, "SYS_SENDTO");
	a[0] = s; a[1] = (unsigned long)buf; a[2] = sizeof(buf); a[3] = 0; a[4] = 0; a[5] = 0;
	ksft_ok(sc(SYS_RECVFROM, a) == 2, "SYS_RECVFROM");
	v = 1;
	a[0] = s; a[1] = SOL_SOCKET; a[2] = SO_PASSCRED; a[3] = (unsigned long)&v; a[4] = sizeof(v);
	ksft_ok(sc(SYS_SETSOCKOPT, a) == 0, "SYS_SETSOCKOPT");
	v = 0;
	len = sizeof(v);
	a[2] = SO_PASSCRED; a[3] = (unsigned long)&v; a[4] = (unsigned long)&len;
	ksft_ok(sc(SYS_GETSOCKOPT, a) == 0 && v == 1 && len == sizeof(int), "SYS_GETSOCKOPT");
	iov.iov_base = "msg";
	iov.iov_len = 3;
	mh.msg_iov = &iov;
	mh.msg_iovlen = 1;
	a[0] = c; a[1] = (unsigned long)&mh; a[2] = 0;
	ksft_ok(sc(SYS_SENDMSG, a) == 3, "SYS_SENDMSG");
	iov.iov_base = buf;
	iov.iov_len = sizeof(buf);
	mh.msg_control = ctl;
	mh.msg_controllen = sizeof(ctl);
	a[0] = s;
	ksft_ok(sc(SYS_RECVMSG, a) == 3 && mh.msg_controllen > 0, "SYS_RECVMSG (with credentials)");
	a[0] = s; a[1] = SHUT_WR;
	ksft_ok(sc(SYS_SHUTDOWN, a) == 0 && read(c, buf, 1) == 0, "SYS_SHUTDOWN");
	a[0] = AF_UNIX; a[1] = SOCK_DGRAM; a[2] = 0; a[3] = (unsigned long)sv;
	ksft_ok(sc(SYS_SOCKETPAIR, a) == 0, "SYS_SOCKETPAIR");
	memset(mm, 0, sizeof(mm));
	mm[0].msg_hdr.msg_iov = &iov;
	mm[0].msg_hdr.msg_iovlen = 1;
	mm[1] = mm[0];
	iov.iov_len = 2;
	a[0] = sv[0]; a[1] = (unsigned long)mm; a[2] = 2; a[3] = 0;
	ksft_ok(sc(SYS_SENDMMSG, a) == 2 && mm[0].msg_len == 2 && mm[1].msg_len == 2,
		"SYS_SENDMMSG");
	iov.iov_len = sizeof(buf);
	a[0] = sv[1]; a[1] = (unsigned long)mm; a[2] = 2; a[3] = MSG_DONTWAIT; a[4] = 0;
	ksft_ok(sc(SYS_RECVMMSG, a) == 2 && mm[1].msg_len == 2, "SYS_RECVMMSG");
	fcntl(l, F_SETFL, O_NONBLOCK);
	a[0] = l; a[1] = 0; a[2] = 0; a[3] = SOCK_CLOEXEC;
	ksft_ok(sc(SYS_ACCEPT4, a) == -1 && errno == EAGAIN, "SYS_ACCEPT4 (non-blocking, EAGAIN)");
	ksft_ok(sc(0, a) == -1 && errno == EINVAL, "call 0: EINVAL");
	ksft_ok(sc(21, a) == -1 && errno == EINVAL, "call 21: EINVAL");
	ksft_ok(sc(SYS_SOCKET, (unsigned long *)8) == -1 && errno == EFAULT,
		"an argument block at a bad address: EFAULT");
	/* SYS_LISTEN reads two words: a block ending at a page's end is enough. */
	page = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	munmap(page + 4096, 4096);
	((unsigned long *)(page + 4096))[-2] = l;
	((unsigned long *)(page + 4096))[-1] = 5;
	ksft_ok(sc(SYS_LISTEN, (unsigned long *)(page + 4096) - 2) == 0,
		"each sub-call reads only its own arguments");
	ksft_ok(sc(SYS_SOCKET, (unsigned long *)(page + 4096) - 2) == -1 && errno == EFAULT,
		"and one with more arguments faults there");
	a[0] = 2; a[1] = SOCK_STREAM; a[2] = 0;
	ksft_ok(syscall(SYS_socket, 46, SOCK_STREAM, 0) == -1 && errno == EAFNOSUPPORT,
		"the direct socket call: family AF_MAX is EAFNOSUPPORT");
	a[0] = 46;
	ksft_ok(sc(SYS_SOCKET, a) == -1 && errno == EAFNOSUPPORT, "and through socketcall too");
	ksft_exit();
}
