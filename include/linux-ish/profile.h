/*
 * The sampling profiler (kernel/profile.c): with profile=<shift> on the
 * command line, every sample adds one to the counter of the 2^shift
 * bytes of kernel text the interrupted EIP lies in; /proc/profile shows
 * the counters in Linux's format (Documentation/dev-tools/profiling.md).
 */
#ifndef _LINUX_ISH_PROFILE_H
#define _LINUX_ISH_PROFILE_H

#include <linux-ish/fs.h>

struct pt_regs;

/* Allocates the counters and starts the sampling source; after init_IRQ. */
void profile_init(void);
/* The timer tick's hook: a sample, unless a faster source samples instead. */
void profile_tick(struct pt_regs *regs);
/* True once profile_init() has counters to fill. */
bool profile_enabled(void);

/* What /proc/profile reads: the step, then the counters; see profile.c. */
size_t profile_size(void);
ssize_t profile_read(char __user *buf, size_t count, loff_t *pos);
/* A write of sizeof(int) bytes is -EINVAL (no multiplier); any other resets. */
ssize_t profile_write(const char __user *buf, size_t count);

/* For the ktest: the counter a sample at @ip (user or kernel mode) adds to. */
unsigned long profile_index(unsigned long ip, bool user);
unsigned long profile_nr_counters(void);
unsigned int profile_counter(unsigned long i);

#endif
