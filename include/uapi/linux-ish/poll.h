/*
 * poll(2), ppoll(2) and select(2): the event bits of struct pollfd, the
 * layout itself, and pselect6's sixth argument.  glibc's <poll.h> defines
 * the same struct pollfd: a program includes that or this, not both.
 */
#ifndef _UAPI_LINUX_ISH_POLL_H
#define _UAPI_LINUX_ISH_POLL_H

#include <uapi/linux-ish/types.h>

#define POLLIN		0x0001	/* data to read */
#define POLLPRI		0x0002	/* urgent data (select's exception set) */
#define POLLOUT		0x0004	/* writing would not block */
#define POLLERR		0x0008	/* error (a pipe's write end with no reader) */
#define POLLHUP		0x0010	/* hang-up (a pipe's read end with no writer) */
#define POLLNVAL	0x0020	/* the descriptor is not open */
#define POLLRDNORM	0x0040
#define POLLRDBAND	0x0080
#define POLLWRNORM	0x0100
#define POLLWRBAND	0x0200
#define POLLMSG		0x0400
#define POLLRDHUP	0x2000

struct pollfd {
	int fd;
	short events;
	short revents;
};

/* pselect6's sixth argument: the temporary mask and its size (8). */
struct pselect6_sigmask {
	void __user *ss;
	__kernel_size_t ss_len;
};

/* select(2) number 82 takes its five arguments in one block. */
struct sel_arg_struct {
	unsigned long n;
	void __user *inp, *outp, *exp, *tvp;
};

#endif
