/*
 * The fault-injection engine: should_fail() and the attribute parsing
 * shared by every site.  Each attr has its own lock and PRNG stream
 * (splitmix64), so the failure pattern of one site depends only on its
 * seed and on the sequence of its own calls.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/errno.h>
#include <linux-ish/fault-inject.h>
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

bool should_fail_ex(struct fault_attr *attr, long size, int fault_flags)
{
	unsigned long flags;
	bool fail;

	if (!armed || pause_depth)
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

int fault_attr_set(struct fault_attr *attr, const char *kv)
{
	const char *eq = strchr(kv, '=');
	unsigned long v;
	long sv;

	if (!eq)
		return -EINVAL;
	if (!strncmp(kv, "times=", 6) || !strncmp(kv, "space=", 6)) {
		if (kstrtol(eq + 1, 0, &sv) || sv < -1 || (kv[0] == 's' && sv < 0))
			return -EINVAL;
		if (kv[0] == 't')
			attr->times = sv;
		else
			attr->space = sv;
		return 0;
	}
	if (kstrtoul(eq + 1, 0, &v))
		return -EINVAL;
	if (!strncmp(kv, "probability=", 12) && v <= 100)
		attr->probability = v;
	else if (!strncmp(kv, "interval=", 9) && v >= 1)
		attr->interval = v;
	else if (!strncmp(kv, "verbose=", 8))
		attr->verbose = v;
	else if (!strncmp(kv, "min_order=", 10))
		attr->min_order = v;
	else if (!strncmp(kv, "seed=", 5)) {
		fault_attr_reseed(attr, v);
		attr->seed_set = true;
	}
	else
		return -EINVAL;
	return 0;
}

void fault_inject_report(bool all)
{
	const struct fault_attr *a;

	for (a = attr_list; a; a = a->next)
		if (all || a->probability)
			printk(KERN_INFO "fault_inject: %s: interval %lu probability %lu space %ld "
			       "times %ld seed %#llx: %lu calls, %lu injected failures\n",
			       a->name, a->interval, a->probability, a->space, a->times,
			       a->seed, a->nr_calls, a->nr_failures);
}
