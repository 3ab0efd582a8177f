/* Scheduling policies and sched_param (Linux's values); glibc's <sched.h> has the same. */
#ifndef _UAPI_LINUX_ISH_SCHED_POLICY_H
#define _UAPI_LINUX_ISH_SCHED_POLICY_H

#define SCHED_OTHER		0
#define SCHED_FIFO		1
#define SCHED_RR		2
#define SCHED_BATCH		3
#define SCHED_IDLE		5
#define SCHED_DEADLINE		6
#define SCHED_RESET_ON_FORK	0x40000000

/* sched_setattr(2)/sched_getattr(2): struct sched_attr's sched_flags. */
#define SCHED_FLAG_RESET_ON_FORK	0x01
#define SCHED_FLAG_RECLAIM		0x02
#define SCHED_FLAG_DL_OVERRUN		0x04
#define SCHED_FLAG_KEEP_POLICY		0x08
#define SCHED_FLAG_KEEP_PARAMS		0x10
#define SCHED_FLAG_UTIL_CLAMP_MIN	0x20
#define SCHED_FLAG_UTIL_CLAMP_MAX	0x40
#define SCHED_FLAG_ALL			0x7f

#define SCHED_ATTR_SIZE_VER0	48	/* without the utilization clamps */
#define SCHED_ATTR_SIZE_VER1	56

#ifndef __ASSEMBLER__
#include <uapi/linux-ish/types.h>

/* Linux's struct sched_attr (VER1): the same layout on i386 and x86-64. */
struct sched_attr {
	__u32 size;
	__u32 sched_policy;
	__u64 sched_flags;
	__s32 sched_nice;
	__u32 sched_priority;
	__u64 sched_runtime;
	__u64 sched_deadline;
	__u64 sched_period;
	__u32 sched_util_min;
	__u32 sched_util_max;
};
#endif

#endif
