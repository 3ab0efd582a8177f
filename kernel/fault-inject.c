/*
 * The fault-injection engine: should_fail() and the attribute parsing
 * shared by every site.  Each attr has its own lock and PRNG stream
 * (splitmix64), so the failure pattern of one site depends only on its
 * seed and on the sequence of its own calls.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/errno.h>
#include <linux-ish/fault-inject.h>
#include <linux-ish/sched.h>
#include <asm/irq.h>
#include <linux-ish/string.h>
#include <linux-ish/time.h>

static bool armed;
static int pause_depth;		/* one context today; per task later */
static struct fault_attr *attr_list;

/*
 * Attrs without a .seed= get one now, from the clock: under QEMU -icount
 * that is deterministic too.  The report prints every seed for replay.
 */
void fault_inject_arm(void)
{
	struct fault_attr *a;

	for (a = attr_list; a; a = a->next)
		if (!a->seed_set)
			fault_attr_reseed(a, local_clock() ^ 0x5851f42d4c957f2dULL ^
						(unsigned long)a);
	armed = true;
	fault_inject_report(false);
}

bool fault_inject_armed(void)
{
	return armed;
}

void fault_inject_pause(void)
{
	pause_depth++;
}

void fault_inject_resume(void)
{
	WARN_ON(pause_depth <= 0);
	pause_depth--;
}

void fault_attr_register(struct fault_attr *attr)
{
	attr->rnd_state = attr->seed;
	attr->next = attr_list;
	attr_list = attr;
}

static u64 splitmix64(u64 *state)
{
	u64 z = (*state += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* A uniform value in [0, 100). */
static unsigned long percent_roll(struct fault_attr *attr)
{
	u32 r = (u32)(splitmix64(&attr->rnd_state) >> 32);

	return (unsigned long)(((u64)r * 100) >> 32);
}

void fault_attr_reseed(struct fault_attr *attr, u64 seed)
{
	attr->seed = seed;
	attr->rnd_state = seed;
	attr->count = 0;
	attr->nr_calls = 0;
	attr->nr_failures = 0;
}

static void fail_dump(struct fault_attr *attr)
{
	if (!attr->verbose)
		return;
	printk(KERN_NOTICE "FAULT_INJECTION: forcing a failure. name %s, interval %lu, "
	       "probability %lu, space %ld, times %ld\n", attr->name,
	       attr->interval, attr->probability, attr->space, attr->times);
	if (attr->verbose > 1)
		dump_stack();
}

/* Caller holds attr->lock. */
static bool __should_fail(struct fault_attr *attr, long size)
{
	if (attr->times == 0 || attr->probability == 0)
		return false;
	if (attr->space > size) {
		attr->space -= size;
		return false;
	}
	if (attr->interval > 1 && ++attr->count % attr->interval)
		return false;
	if (attr->probability <= percent_roll(attr))
		return false;
	if (attr->times > 0)
		attr->times--;
	return true;
}

/*
 * May @attr fail the current context at all?  Never in interrupt handlers
 * with a task filter (as Linux's fail_task()), and never for init: Linux's
 * OOM killer never picks init, and an init that cannot get memory has no
 * sensible way to go on (the boot-time ktest suites, which run in pid 1
 * before it becomes a user process, are not exempt).
 */
static bool fail_context(const struct fault_attr *attr)
{
	const struct task_struct *p = current;

	if (p->pid == 1 && !(p->flags & PF_KTHREAD))
		return false;
	return !attr->task_filter || (!in_hardirq() && p->make_it_fail);
}

/* should_fail_ex() (linux-ish/fault-inject.h) for a site that can fail. */
bool __should_fail_ex(struct fault_attr *attr, long size, int fault_flags)
{
	unsigned long flags;
	bool fail;

	if (!armed || pause_depth || !fail_context(attr))
		return false;
	spin_lock_irqsave(&attr->lock, flags);
	attr->nr_calls++;
	fail = __should_fail(attr, size);
	if (fail)
		attr->nr_failures++;
	spin_unlock_irqrestore(&attr->lock, flags);
	if (fail && !(fault_flags & FAULT_NOWARN))
		fail_dump(attr);
	return fail;
}

/* Parses the next comma-separated long of @s into *v. */
static const char *parse_field(const char *s, long *v, bool last)
{
	char buf[24];
	size_t n = 0;

	while (s[n] && s[n] != ',' && n < sizeof(buf) - 1) {
		buf[n] = s[n];
		n++;
	}
	buf[n] = '\0';
	if ((last ? s[n] != '\0' : s[n] != ',') || kstrtol(buf, 0, v))
		return NULL;
	return s + n + (last ? 0 : 1);
}

int setup_fault_attr(struct fault_attr *attr, const char *str)
{
	long interval, probability, space, times;
	unsigned long flags;

	if (!(str = parse_field(str, &interval, false)) ||
	    !(str = parse_field(str, &probability, false)) ||
	    !(str = parse_field(str, &space, false)) ||
	    !parse_field(str, &times, true))
		return -EINVAL;
	if (interval < 1 || probability < 0 || probability > 100 || space < 0 ||
	    times < -1)
		return -EINVAL;
	spin_lock_irqsave(&attr->lock, flags);
	attr->interval = interval;
	attr->probability = probability;
	attr->space = space;
	attr->times = times;
	spin_unlock_irqrestore(&attr->lock, flags);
	return 0;
}

/*
 * The attributes by name, as boot parameters (NAME.key=) and debugfs
 * files (/sys/kernel/debug/NAME/key) see them.  Boot parameters spell
 * them with '_', debugfs files with '-' (Linux's names); both are
 * accepted everywhere.
 */
enum fault_key {
	FK_PROBABILITY, FK_INTERVAL, FK_TIMES, FK_SPACE, FK_VERBOSE,
	FK_TASK_FILTER, FK_MIN_ORDER, FK_SEED, FK_CALLS, FK_FAILURES, FK_NR
};

static const char *const fault_key_names[FK_NR] = {
	[FK_PROBABILITY] = "probability", [FK_INTERVAL] = "interval",
	[FK_TIMES] = "times", [FK_SPACE] = "space", [FK_VERBOSE] = "verbose",
	[FK_TASK_FILTER] = "task_filter", [FK_MIN_ORDER] = "min_order",
	[FK_SEED] = "seed", [FK_CALLS] = "calls", [FK_FAILURES] = "injected_failures",
};

/* The key of the first @len bytes of @name ('-' matching '_'), or FK_NR. */
static enum fault_key fault_key_lookup(const char *name, size_t len)
{
	for (int k = 0; k < FK_NR; k++) {
		const char *kn = fault_key_names[k];
		size_t i;

		for (i = 0; i < len && kn[i]; i++)
			if (kn[i] != name[i] && !(kn[i] == '_' && name[i] == '-'))
				break;
		if (i == len && !kn[i])
			return k;
	}
	return FK_NR;
}

/* "Y", "N", "1", "0" (any case of y/n), as Linux's boolean files. */
static int parse_bool(const char *s, bool *v)
{
	if ((s[0] == 'y' || s[0] == 'Y' || s[0] == '1') && !s[1])
		*v = true;
	else if ((s[0] == 'n' || s[0] == 'N' || s[0] == '0') && !s[1])
		*v = false;
	else
		return -EINVAL;
	return 0;
}

/* Caller holds attr->lock.  0 or -EINVAL (nothing changed). */
static int __fault_attr_store(struct fault_attr *attr, enum fault_key k, const char *val)
{
	unsigned long long seed;
	unsigned long v;
	long sv;
	bool b;

	switch (k) {
	case FK_TIMES:
	case FK_SPACE:
		if (kstrtol(val, 0, &sv) || sv < (k == FK_TIMES ? -1 : 0))
			return -EINVAL;
		if (k == FK_TIMES)
			attr->times = sv;
		else
			attr->space = sv;
		return 0;
	case FK_TASK_FILTER:
		if (parse_bool(val, &b))
			return -EINVAL;
		attr->task_filter = b;
		return 0;
	case FK_CALLS:
	case FK_FAILURES:
	case FK_NR:
		return -EINVAL;		/* counters are read-only */
	case FK_SEED:			/* 64 bits, as the report prints them */
		if (kstrtoull(val, 0, &seed))
			return -EINVAL;
		fault_attr_reseed(attr, seed);
		attr->seed_set = true;
		return 0;
	default:
		break;
	}
	if (kstrtoul(val, 0, &v))
		return -EINVAL;
	if (k == FK_PROBABILITY && v <= 100)
		attr->probability = v;
	else if (k == FK_INTERVAL && v >= 1)
		attr->interval = v;
	else if (k == FK_VERBOSE)
		attr->verbose = v;
	else if (k == FK_MIN_ORDER)
		attr->min_order = v;
	else
		return -EINVAL;
	return 0;
}

int fault_attr_store(struct fault_attr *attr, const char *key, const char *val)
{
	unsigned long flags;
	int err;

	spin_lock_irqsave(&attr->lock, flags);
	err = __fault_attr_store(attr, fault_key_lookup(key, strlen(key)), val);
	spin_unlock_irqrestore(&attr->lock, flags);
	return err;
}

int fault_attr_set(struct fault_attr *attr, const char *kv)
{
	const char *eq = strchr(kv, '=');
	unsigned long flags;
	int err;

	if (!eq)
		return -EINVAL;
	spin_lock_irqsave(&attr->lock, flags);
	err = __fault_attr_store(attr, fault_key_lookup(kv, eq - kv), eq + 1);
	spin_unlock_irqrestore(&attr->lock, flags);
	return err;
}

int fault_attr_show(struct fault_attr *attr, const char *key, char *buf, size_t size)
{
	enum fault_key k = fault_key_lookup(key, strlen(key));
	unsigned long flags;
	int n;

	spin_lock_irqsave(&attr->lock, flags);
	switch (k) {
	case FK_PROBABILITY: n = snprintf(buf, size, "%lu\n", attr->probability); break;
	case FK_INTERVAL:    n = snprintf(buf, size, "%lu\n", attr->interval); break;
	case FK_TIMES:       n = snprintf(buf, size, "%ld\n", attr->times); break;
	case FK_SPACE:       n = snprintf(buf, size, "%ld\n", attr->space); break;
	case FK_VERBOSE:     n = snprintf(buf, size, "%lu\n", attr->verbose); break;
	case FK_TASK_FILTER: n = snprintf(buf, size, "%c\n", attr->task_filter ? 'Y' : 'N'); break;
	case FK_MIN_ORDER:   n = snprintf(buf, size, "%lu\n", attr->min_order); break;
	case FK_SEED:        n = snprintf(buf, size, "%llu\n", attr->seed); break;
	case FK_CALLS:       n = snprintf(buf, size, "%lu\n", attr->nr_calls); break;
	case FK_FAILURES:    n = snprintf(buf, size, "%lu\n", attr->nr_failures); break;
	default:             n = -EINVAL; break;
	}
	spin_unlock_irqrestore(&attr->lock, flags);
	return n;
}

struct fault_attr *fault_attr_next(struct fault_attr *attr)
{
	return attr ? attr->next : attr_list;
}

const char *fault_attr_key_name(unsigned int i)
{
	return i < FK_NR ? fault_key_names[i] : NULL;
}

bool fault_attr_key_writable(unsigned int i)
{
	return i < FK_CALLS;
}

void fault_inject_report(bool all)
{
	const struct fault_attr *a;

	for (a = attr_list; a; a = a->next)
		if (all || a->probability)
			printk(KERN_INFO "fault_inject: %s: interval %lu probability %lu space %ld "
			       "times %ld%s seed %#llx: %lu calls, %lu injected failures\n",
			       a->name, a->interval, a->probability, a->space, a->times,
			       a->task_filter ? " task-filter" : "", a->seed,
			       a->nr_calls, a->nr_failures);
}
