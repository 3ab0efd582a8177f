/*
 * Fault injection, with Linux's semantics (Documentation/dev-tools/
 * fault-injection.md).  A struct fault_attr describes when a site fails:
 *
 *   times        failures left; 0 = never fail, -1 = no limit
 *   space        a budget of "size" units that must be used up first
 *   interval     only every interval-th eligible call may fail
 *   probability  then fail with this percentage (0..100)
 *
 * checked in that order by should_fail().  Sites are thin wrappers
 * (should_fail_alloc_page(), should_failslab()) around their attr.
 * Linnet adds: a seeded PRNG per attr (.seed=) so a run replays exactly,
 * counters of calls and injected failures, and arming: nothing is
 * injected before fault_inject_arm() (end of core mm init at boot), nor
 * while fault_inject_pause() is in effect.
 */
#ifndef _LINUX_ISH_FAULT_INJECT_H
#define _LINUX_ISH_FAULT_INJECT_H

#include <linux-ish/types.h>
#include <linux-ish/init.h>
#include <linux-ish/spinlock.h>

struct fault_attr {
	const char *name;
	spinlock_t lock;		/* everything below */
	unsigned long probability;
	unsigned long interval;
	long times;
	long space;
	unsigned long verbose;		/* 0 quiet, 1 a line, 2 a line and a backtrace */
	unsigned long min_order;	/* page allocations only */
	bool task_filter;		/* only tasks with make_it_fail, never IRQs */
	u64 seed;
	bool seed_set;			/* .seed= given: keep it at arming */
	u64 rnd_state;
	unsigned long count;		/* calls that reached the interval test */
	unsigned long nr_calls;		/* eligible calls seen while it could fail */
	unsigned long nr_failures;	/* failures injected */
	struct fault_attr *next;	/* all attrs, for reports */
};

#define FAULT_ATTR_INITIALIZER(n) {					\
	.name = n,							\
	.lock = __SPIN_LOCK_UNLOCKED(n),				\
	.interval = 1,							\
	.times = 1,							\
	.verbose = 1,							\
}

/* Parses "<interval>,<probability>,<space>,<times>"; 0 or -EINVAL. */
int setup_fault_attr(struct fault_attr *attr, const char *str);
/* Parses one "key=value" attribute (probability, interval, times, space,
 * verbose, task_filter, min_order, seed; '-' may stand for '_');
 * 0 or -EINVAL. */
int fault_attr_set(struct fault_attr *attr, const char *kv);
/* The same with key and value apart (debugfs writes). */
int fault_attr_store(struct fault_attr *attr, const char *key, const char *val);
/* Formats attribute or counter @key ("calls", "injected_failures" too) as a
 * line into @buf; the length or -EINVAL. */
int fault_attr_show(struct fault_attr *attr, const char *key, char *buf, size_t size);
/* Walks the registered attrs (NULL starts); the key names by index. */
struct fault_attr *fault_attr_next(struct fault_attr *attr);
const char *fault_attr_key_name(unsigned int i);
bool fault_attr_key_writable(unsigned int i);
/* Resets the PRNG to the attr's seed and zeroes the counters. */
void fault_attr_reseed(struct fault_attr *attr, u64 seed);

#define FAULT_NOWARN	0x1	/* do not print, whatever verbose says */

bool __should_fail_ex(struct fault_attr *attr, long size, int fault_flags);

/*
 * Should this call at @attr's site fail?  A site that cannot fail
 * (probability or times 0: every site unless configured) answers here,
 * inline, and does not count the call: every page and slab allocation
 * asks.
 */
static inline bool should_fail_ex(struct fault_attr *attr, long size, int fault_flags)
{
	if (!READ_ONCE(attr->probability) || !READ_ONCE(attr->times))
		return false;
	return __should_fail_ex(attr, size, fault_flags);
}

static inline bool should_fail(struct fault_attr *attr, long size)
{
	return should_fail_ex(attr, size, 0);
}

/* Boot: from here on, injection is live. */
void fault_inject_arm(void);
bool fault_inject_armed(void);
/* Suspend injection for the current context (nests). */
void fault_inject_pause(void);
void fault_inject_resume(void);

void fault_attr_register(struct fault_attr *attr);
/* Prints settings, seed, calls and failures of the enabled attrs (or all). */
void fault_inject_report(bool all);

/*
 * Boot parameters for a site: "NAME=<interval>,<probability>,<space>,<times>"
 * and "NAME.<attr>=<value>".
 */
#define DEFINE_FAULT_ATTR_PARAMS(pname, attr)				\
static int __init attr##_param(const char *val)				\
{									\
	return setup_fault_attr(&attr, val);				\
}									\
__setup(pname "=", attr##_param);					\
static int __init attr##_kv_param(const char *kv)			\
{									\
	return fault_attr_set(&attr, kv);				\
}									\
__setup(pname ".", attr##_kv_param)

/* The two sites. */
extern struct fault_attr fail_page_alloc_attr;
extern struct fault_attr failslab_attr;

#endif
