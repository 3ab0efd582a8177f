/*
 * Resource limits (getrlimit/setrlimit/prlimit64).  Each task has its own
 * table, copied to its children at fork and kept across exec.  Values are
 * unsigned long, RLIM_INFINITY for "no limit", as on 32-bit Linux.
 *
 * Enforced: RLIMIT_AS (mmap, brk, stack growth -> ENOMEM), RLIMIT_NPROC
 * (fork -> EAGAIN; Linnet has no users or capabilities, so it counts
 * every user process and applies to everyone, root included), RLIMIT_STACK
 * (stack growth; at most the 8 MiB gap the layout leaves), RLIMIT_NOFILE
 * (new descriptors -> EMFILE; 1024/4096 at boot, hard limit at most fs.nr_open), RLIMIT_MSGQUEUE (POSIX
 * message queue bytes per real uid -> EMFILE, ipc/mqueue.c), RLIMIT_CORE (Linnet never writes core files, so any
 * value holds).  The other limits are reported as unlimited and cannot be
 * set (EPERM): a limit that would not be enforced is not accepted.
 */
#ifndef _LINUX_ISH_RESOURCE_H
#define _LINUX_ISH_RESOURCE_H

#include <linux-ish/types.h>
#include <linux-ish/mman.h>
#include <uapi/linux-ish/resource.h>

/* Linux's default RLIMIT_MEMLOCK (since 5.16); root (everyone here) may exceed it. */
#define MLOCK_LIMIT	(8UL << 20)

/* Linux's default RLIMIT_MSGQUEUE: POSIX message queue bytes per real uid (ipc/mqueue.c). */
#define MQ_BYTES_MAX	819200

/* The limits of pid 0, inherited by everything. */
#define RLIM_NONE	{ RLIM_INFINITY, RLIM_INFINITY }
#define INIT_RLIMITS {							\
	RLIM_NONE, RLIM_NONE, RLIM_NONE,				\
	[RLIMIT_STACK] = { STACK_RLIMIT_DEFAULT, RLIM_INFINITY },	\
	[RLIMIT_CORE] = { 0, RLIM_INFINITY },				\
	[RLIMIT_RSS] = RLIM_NONE, [RLIMIT_NPROC] = RLIM_NONE,		\
	[RLIMIT_NOFILE] = { 1024, 4096 },					\
	[RLIMIT_MEMLOCK] = { MLOCK_LIMIT, MLOCK_LIMIT },			\
	RLIM_NONE, RLIM_NONE, RLIM_NONE,				\
	[RLIMIT_MSGQUEUE] = { MQ_BYTES_MAX, MQ_BYTES_MAX },		\
	RLIM_NONE, [RLIMIT_RTPRIO] = { 0, 0 }, RLIM_NONE,		\
}

/* The current task's soft limit for @resource. */
unsigned long rlimit(unsigned int resource);

#endif
