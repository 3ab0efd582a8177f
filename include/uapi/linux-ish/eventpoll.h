/*
 * epoll(7) and eventfd(2): epoll_ctl's operations, the EPOLL* event bits
 * (the POLL* values plus the mode bits at the top), struct epoll_event
 * (packed on x86: 12 bytes on i386), and eventfd's flags.
 */
#ifndef _UAPI_LINUX_ISH_EVENTPOLL_H
#define _UAPI_LINUX_ISH_EVENTPOLL_H

#include <uapi/linux-ish/types.h>

#define EPOLL_CLOEXEC	02000000	/* O_CLOEXEC */

#define EPOLL_CTL_ADD	1
#define EPOLL_CTL_DEL	2
#define EPOLL_CTL_MOD	3

#define EPOLLIN		0x00000001
#define EPOLLPRI	0x00000002
#define EPOLLOUT	0x00000004
#define EPOLLERR	0x00000008
#define EPOLLHUP	0x00000010
#define EPOLLNVAL	0x00000020
#define EPOLLRDNORM	0x00000040
#define EPOLLRDBAND	0x00000080
#define EPOLLWRNORM	0x00000100
#define EPOLLWRBAND	0x00000200
#define EPOLLMSG	0x00000400
#define EPOLLRDHUP	0x00002000
#define EPOLLEXCLUSIVE	(1U << 28)
#define EPOLLWAKEUP	(1U << 29)
#define EPOLLONESHOT	(1U << 30)
#define EPOLLET		(1U << 31)

struct epoll_event_k {			/* glibc's struct epoll_event */
	__u32 events;
	__u64 data;
} __attribute__((packed));

#define EFD_SEMAPHORE	1
#define EFD_CLOEXEC	02000000	/* O_CLOEXEC */
#define EFD_NONBLOCK	04000		/* O_NONBLOCK */

#endif
