/*
 * Clocks, timers and the time layouts of the i386 ABI: the 32-bit
 * "old" timespec and timeval of the original calls, the 64-bit
 * __kernel_timespec of the *_time64 calls, and setitimer's value.
 */
#ifndef _UAPI_LINUX_ISH_TIME_H
#define _UAPI_LINUX_ISH_TIME_H

/* Clock ticks per second of times(), /proc/<pid>/stat and /proc/stat. */
#define USER_HZ		100

#include <uapi/linux-ish/types.h>

#define CLOCK_REALTIME		0
#define CLOCK_MONOTONIC		1
#define CLOCK_PROCESS_CPUTIME_ID 2
#define CLOCK_THREAD_CPUTIME_ID	3
#define CLOCK_MONOTONIC_RAW	4
#define CLOCK_REALTIME_COARSE	5
#define CLOCK_MONOTONIC_COARSE	6
#define CLOCK_BOOTTIME		7
#define CLOCK_REALTIME_ALARM	8
#define CLOCK_BOOTTIME_ALARM	9
#define CLOCK_TAI		11	/* REALTIME + the TAI offset (0: never set) */

#define TIMER_ABSTIME		0x01	/* clock_nanosleep: an absolute time */

#define ITIMER_REAL		0
#define ITIMER_VIRTUAL		1	/* user CPU time: SIGVTALRM */
#define ITIMER_PROF		2	/* user + system CPU time: SIGPROF */

struct old_timespec32 {
	__s32 tv_sec, tv_nsec;
};

struct __kernel_timespec {
	__s64 tv_sec;
	__s64 tv_nsec;
};

struct old_timeval32 {
	__s32 tv_sec, tv_usec;
};

/* gettimeofday/settimeofday's struct timezone. */
struct kernel_timezone {
	__s32 tz_minuteswest;
	__s32 tz_dsttime;
};

/* getitimer/setitimer: Linux's struct itimerval of two old_timeval32. */
struct itimerval32 {
	__s32 interval_sec, interval_usec, value_sec, value_usec;
};

#endif
