/* POSIX message queues: struct mq_attr (i386: eight longs) and limits (Linux's). */
#ifndef _UAPI_LINUX_ISH_MQUEUE_H
#define _UAPI_LINUX_ISH_MQUEUE_H

#define MQ_PRIO_MAX	32768		/* priorities are 0 .. MQ_PRIO_MAX - 1 */

struct mq_attr {
	long mq_flags;			/* O_NONBLOCK of the descriptor */
	long mq_maxmsg;			/* messages the queue holds */
	long mq_msgsize;		/* bytes in one message, at most */
	long mq_curmsgs;		/* messages queued now */
	long __reserved[4];		/* zero on the way out */
};

/* struct sigevent's head (the whole is 64 bytes on i386) and its kinds. */
#define SIGEV_SIGNAL	0
#define SIGEV_NONE	1
#define SIGEV_THREAD	2
#define SIGEV_SIZE	64
#define NOTIFY_COOKIE_LEN	32	/* SIGEV_THREAD: what sival_ptr points at */

struct sigevent_head {
	unsigned int sigev_value;	/* union sigval: sival_int or sival_ptr */
	int sigev_signo;
	int sigev_notify;
};

/* si_code of a notification signal */
#define SI_MESGQ	(-3)

#endif
