/*
 * args_net.c: arguments for the socket, epoll and eventfd calls, biased
 * toward what the kernel accepts (AF_UNIX, the three socket types, names
 * in the sandbox or a few abstract ones, msghdrs that carry descriptors
 * from the pool) with some plain garbage mixed in.  The structures are
 * built in scratch, past what args.c uses.
 */
#include "fuzz.h"

#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/un.h>

#define NET_SCRATCH	2560	/* sockaddr 128, msghdr 28, control 64, epoll_event, args */

static unsigned long gen_family(void)
{
	/*
	 * No real network family: on a Linux host an AF_INET or AF_PACKET
	 * socket could reach the network.  These are EAFNOSUPPORT there too.
	 */
	static const unsigned long fams[] = { AF_UNIX, AF_UNIX, AF_UNIX, AF_UNIX, AF_UNSPEC, 46,
					      255, (unsigned long)-1 };

	return PICK(fams);
}

static unsigned long gen_socktype(void)
{
	static const unsigned long types[] = { SOCK_STREAM, SOCK_DGRAM, SOCK_SEQPACKET,
					       SOCK_RAW, SOCK_RDM };
	unsigned long t = PICK(types) | SOCK_NONBLOCK;

	if (one_in(3))
		t |= SOCK_CLOEXEC;
	return one_in(10) ? any_int() : t;
}

/* A sockaddr_un: a sandbox path, an abstract name, just the family, or junk. */
static unsigned long gen_sockaddr(void)
{
	struct sockaddr_un *sun = (struct sockaddr_un *)SCRATCH(NET_SCRATCH);
	static const char *const paths[] = { "s0", "s1", "d0/s2", "f0" };

	if (one_in(8))
		return gen_buf_public();
	memset(sun, 0, sizeof(*sun));
	sun->sun_family = one_in(10) ? below(20) : AF_UNIX;
	if (one_in(2))
		strcpy(sun->sun_path, PICK(paths));
	else
		sun->sun_path[1] = 'a' + below(3);	/* abstract "\0a".."\0c" */
	return (unsigned long)sun;
}

static unsigned long gen_alen(void)
{
	static const unsigned long lens[] = { 2, 3, 5, 8, 110, 111, 128, 129, (unsigned long)-1 };

	return one_in(8) ? any_int() : PICK(lens);
}

/* A msghdr with buffers, maybe a name, maybe SCM_RIGHTS with pool descriptors. */
static unsigned long gen_msghdr(void)
{
	unsigned long *mh = (unsigned long *)SCRATCH(NET_SCRATCH + 128);
	unsigned long *ctl = (unsigned long *)SCRATCH(NET_SCRATCH + 160);
	unsigned int nfds = below(4);

	if (one_in(10))
		return gen_buf_public();
	mh[0] = one_in(4) ? gen_sockaddr() : 0;
	mh[1] = mh[0] ? gen_alen() : 0;
	mh[2] = gen_arg(A_IOV, 0);
	mh[3] = gen_arg(A_IOVCNT, 0);
	mh[4] = one_in(2) ? (unsigned long)ctl : (one_in(4) ? gen_buf_public() : 0);
	mh[5] = one_in(8) ? any_int() : 12 + 4 * nfds + (one_in(4) ? 16 : 0);
	mh[6] = 0;
	ctl[0] = one_in(8) ? any_int() : 12 + 4 * nfds;		/* cmsg_len */
	ctl[1] = one_in(8) ? below(3) : SOL_SOCKET;
	ctl[2] = one_in(8) ? below(4) : SCM_RIGHTS;
	for (unsigned int i = 0; i < nfds + 4; i++)
		ctl[3 + i] = gen_arg(A_FD, 0);
	return (unsigned long)mh;
}

static unsigned long gen_msgflags(void)
{
	/* MSG_DONTWAIT almost always: a blocked child only wastes its time slice. */
	unsigned long f = MSG_DONTWAIT | MSG_NOSIGNAL;

	if (one_in(4))
		f |= MSG_PEEK;
	if (one_in(6))
		f |= MSG_TRUNC;
	if (one_in(8))
		f |= MSG_CMSG_CLOEXEC;
	return one_in(12) ? any_int() : f;
}

static unsigned long gen_epevent(void)
{
	unsigned long *ev = (unsigned long *)SCRATCH(NET_SCRATCH + 256);
	static const unsigned long evs[] = { EPOLLIN, EPOLLOUT, EPOLLIN | EPOLLET,
					     EPOLLIN | EPOLLONESHOT, EPOLLIN | EPOLLEXCLUSIVE,
					     EPOLLRDHUP | EPOLLIN | EPOLLOUT };

	if (one_in(8))
		return one_in(2) ? 0 : gen_buf_public();
	ev[0] = one_in(8) ? any_int() : PICK(evs);
	ev[1] = any_int();
	ev[2] = any_int();
	return (unsigned long)ev;
}

static unsigned long gen_sockopt(void)
{
	static const unsigned long opts[] = { SO_TYPE, SO_ERROR, SO_SNDBUF, SO_RCVBUF,
					      SO_PASSCRED, SO_PEERCRED, SO_ACCEPTCONN, SO_DOMAIN,
					      SO_PROTOCOL, SO_REUSEADDR, SO_RCVTIMEO, SO_KEEPALIVE };

	return one_in(8) ? any_int() : PICK(opts);
}

/* socketcall's argument block: a descriptor, then plausible words. */
static unsigned long gen_sockargs(unsigned long call)
{
	unsigned long *a = (unsigned long *)SCRATCH(NET_SCRATCH + 288);

	if (one_in(10))
		return gen_buf_public();
	a[0] = call == 1 || call == 8 ? gen_family() : gen_arg(A_FD, 0);
	switch (call) {
	case 1: case 8:		/* socket, socketpair */
		a[1] = gen_socktype();
		a[2] = below(2);
		a[3] = gen_buf_public();
		break;
	case 2: case 3:		/* bind, connect */
		a[1] = gen_sockaddr();
		a[2] = gen_alen();
		break;
	case 16: case 17:	/* sendmsg, recvmsg */
		a[1] = gen_msghdr();
		a[2] = gen_msgflags();
		break;
	default:
		a[1] = gen_buf_public();
		a[2] = one_in(2) ? 16 : gen_buf_public();
		a[3] = gen_msgflags();
		a[4] = one_in(2) ? 0 : gen_sockaddr();
		a[5] = gen_alen();
		break;
	}
	return (unsigned long)a;
}

unsigned long gen_net_arg(int type, unsigned long prev)
{
	switch (type) {
	case A_FAMILY:		return gen_family();
	case A_SOCKTYPE:	return gen_socktype();
	case A_SOCKADDR:	return gen_sockaddr();
	case A_ALEN:		return gen_alen();
	case A_MSGHDR:		return gen_msghdr();
	case A_MSGFLAGS:	return gen_msgflags();
	case A_EPEVENT:		return gen_epevent();
	case A_EPOP:		return one_in(8) ? any_int() : 1 + below(3);
	case A_SOCKCALL:	return one_in(10) ? any_int() : below(22);
	case A_SOCKARGS:	return gen_sockargs(prev);
	case A_SOCKOPT:		return gen_sockopt();
	}
	return 0;
}
