/*
 * Sockets (Linux i386 values): address families, socket types, send and
 * receive flags, SOL_SOCKET options, control messages, socketcall(2)'s
 * sub-call numbers, and the structures the socket calls copy: sockaddr_un,
 * msghdr, mmsghdr, cmsghdr (sizes and alignment are i386's: 4-byte
 * size_t and long), ucred.  glibc's <sys/socket.h> defines the same names:
 * a program includes one or the other.
 */
#ifndef _UAPI_LINUX_ISH_SOCKET_H
#define _UAPI_LINUX_ISH_SOCKET_H

#include <uapi/linux-ish/types.h>
#include <uapi/linux-ish/uio.h>

#define AF_UNSPEC	0
#define AF_UNIX		1
#define AF_LOCAL	AF_UNIX
#define AF_INET		2
#define AF_INET6	10
#define AF_NETLINK	16
#define AF_PACKET	17
#define AF_MAX		46

#define SOCK_STREAM	1
#define SOCK_DGRAM	2
#define SOCK_RAW	3
#define SOCK_RDM	4
#define SOCK_SEQPACKET	5
#define SOCK_DCCP	6
#define SOCK_PACKET	10
#define SOCK_MAX	11
#define SOCK_TYPE_MASK	0xf
#define SOCK_CLOEXEC	02000000	/* O_CLOEXEC */
#define SOCK_NONBLOCK	04000		/* O_NONBLOCK */

#define MSG_OOB		0x1
#define MSG_PEEK	0x2
#define MSG_DONTROUTE	0x4
#define MSG_CTRUNC	0x8
#define MSG_TRUNC	0x20
#define MSG_DONTWAIT	0x40
#define MSG_EOR		0x80
#define MSG_WAITALL	0x100
#define MSG_ERRQUEUE	0x2000
#define MSG_NOSIGNAL	0x4000
#define MSG_MORE	0x8000
#define MSG_WAITFORONE	0x10000
#define MSG_CMSG_CLOEXEC 0x40000000

#define SOL_SOCKET	1

#define SO_DEBUG	1
#define SO_REUSEADDR	2
#define SO_TYPE		3
#define SO_ERROR	4
#define SO_DONTROUTE	5
#define SO_BROADCAST	6
#define SO_SNDBUF	7
#define SO_RCVBUF	8
#define SO_KEEPALIVE	9
#define SO_OOBINLINE	10
#define SO_PRIORITY	12
#define SO_LINGER	13
#define SO_REUSEPORT	15
#define SO_PASSCRED	16
#define SO_PEERCRED	17
#define SO_RCVLOWAT	18
#define SO_SNDLOWAT	19
#define SO_RCVTIMEO_OLD	20
#define SO_SNDTIMEO_OLD	21
#define SO_ACCEPTCONN	30
#define SO_SNDBUFFORCE	32
#define SO_RCVBUFFORCE	33
#define SO_PROTOCOL	38
#define SO_DOMAIN	39

#define SCM_RIGHTS	1
#define SCM_CREDENTIALS	2
#define SCM_MAX_FD	253		/* descriptors one message may carry */

#define SHUT_RD		0
#define SHUT_WR		1
#define SHUT_RDWR	2

/* socketcall(2)'s first argument. */
#define SYS_SOCKET	1
#define SYS_BIND	2
#define SYS_CONNECT	3
#define SYS_LISTEN	4
#define SYS_ACCEPT	5
#define SYS_GETSOCKNAME	6
#define SYS_GETPEERNAME	7
#define SYS_SOCKETPAIR	8
#define SYS_SEND	9
#define SYS_RECV	10
#define SYS_SENDTO	11
#define SYS_RECVFROM	12
#define SYS_SHUTDOWN	13
#define SYS_SETSOCKOPT	14
#define SYS_GETSOCKOPT	15
#define SYS_SENDMSG	16
#define SYS_RECVMSG	17
#define SYS_ACCEPT4	18
#define SYS_RECVMMSG	19
#define SYS_SENDMMSG	20

#define SIOCOUTQ	0x5411	/* unsent bytes (TIOCOUTQ) */

#define UNIX_PATH_MAX	108
#define SOCKADDR_STORAGE_SIZE	128	/* the largest address any call takes */

typedef unsigned short __kernel_sa_family_t;

struct sockaddr_un_k {			/* glibc's struct sockaddr_un */
	__kernel_sa_family_t sun_family;
	char sun_path[UNIX_PATH_MAX];
};

struct user_msghdr {			/* glibc's struct msghdr, i386 */
	void __user *msg_name;
	int msg_namelen;
	struct iovec __user *msg_iov;
	__kernel_size_t msg_iovlen;
	void __user *msg_control;
	__kernel_size_t msg_controllen;
	unsigned int msg_flags;
};

struct user_mmsghdr {
	struct user_msghdr msg_hdr;
	unsigned int msg_len;
};

struct user_cmsghdr {			/* glibc's struct cmsghdr, i386 */
	__kernel_size_t cmsg_len;
	int cmsg_level;
	int cmsg_type;
};

struct user_ucred {
	__u32 pid;
	__u32 uid;
	__u32 gid;
};

/* i386 control-message alignment: sizeof(long). */
#define UCMSG_ALIGN(len)	(((len) + sizeof(long) - 1) & ~(sizeof(long) - 1))
#define UCMSG_LEN(len)		(UCMSG_ALIGN(sizeof(struct user_cmsghdr)) + (len))
#define UCMSG_SPACE(len)	(UCMSG_ALIGN(sizeof(struct user_cmsghdr)) + UCMSG_ALIGN(len))

#endif
