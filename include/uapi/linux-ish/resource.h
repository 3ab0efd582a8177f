/*
 * Resource limits: getrlimit/setrlimit take struct rlimit (unsigned
 * long, RLIM_INFINITY for "none"), prlimit64 struct rlimit64.  glibc's
 * <sys/resource.h> declares its own struct rlimit: a program takes the
 * RLIMIT_* numbers from one or the other.
 */
#ifndef _UAPI_LINUX_ISH_RESOURCE_H
#define _UAPI_LINUX_ISH_RESOURCE_H

#include <uapi/linux-ish/types.h>

#define RLIMIT_CPU		0
#define RLIMIT_FSIZE		1
#define RLIMIT_DATA		2
#define RLIMIT_STACK		3
#define RLIMIT_CORE		4
#define RLIMIT_RSS		5
#define RLIMIT_NPROC		6
#define RLIMIT_NOFILE		7
#define RLIMIT_MEMLOCK		8
#define RLIMIT_AS		9
#define RLIMIT_LOCKS		10
#define RLIMIT_SIGPENDING	11
#define RLIMIT_MSGQUEUE		12
#define RLIMIT_NICE		13
#define RLIMIT_RTPRIO		14
#define RLIM_NLIMITS		16
#define RLIM_INFINITY		(~0UL)

struct rlimit {
	unsigned long rlim_cur, rlim_max;
};

#define RUSAGE_SELF		0
#define RUSAGE_CHILDREN		(-1)
#define RUSAGE_THREAD		1

/* getrusage and wait4 (i386: 72 bytes).  glibc's <sys/resource.h> has its own. */
struct rusage {
	struct { long tv_sec, tv_usec; } ru_utime, ru_stime;
	long ru_maxrss;			/* kB */
	long ru_ixrss, ru_idrss, ru_isrss;
	long ru_minflt, ru_majflt, ru_nswap;
	long ru_inblock, ru_oublock, ru_msgsnd, ru_msgrcv, ru_nsignals;
	long ru_nvcsw, ru_nivcsw;
};

/* times() (clock_t counts in USER_HZ). */
struct tms {
	long tms_utime, tms_stime, tms_cutime, tms_cstime;
};

struct rlimit64 {
	__u64 rlim_cur, rlim_max;
};

/* getpriority/setpriority: which, and the nice range. */
#define PRIO_PROCESS	0
#define PRIO_PGRP	1
#define PRIO_USER	2
#define PRIO_MIN	(-20)
#define PRIO_MAX	20

#endif
