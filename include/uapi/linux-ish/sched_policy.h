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

#endif
