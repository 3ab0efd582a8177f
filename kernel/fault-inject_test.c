/*
 * ktest suites for fault injection.
 *   fault_inject: the arithmetic of should_fail() on private attrs.
 *   fault_inject_live: allocations with the boot-time attrs live; every
 *     failure seen must be one the counters say was injected, and with
 *     "1,100,0,N" exactly the first N calls fail.
 * Both run with injection live (.fault_injection): the first does not
 * allocate, the second copes with any allocation failing.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/errno.h>
#include <linux-ish/fault-inject.h>
#include <linux-ish/ktest.h>
#include <linux-ish/mm.h>
#include <linux-ish/slab.h>
#include <linux-ish/string.h>

#define NOWARN	(GFP_KERNEL | __GFP_NOWARN)

static struct fault_attr test_attr = FAULT_ATTR_INITIALIZER("ktest");

static void attr_reset(const char *cfg, u64 seed)
{
	struct fault_attr fresh = FAULT_ATTR_INITIALIZER("ktest");

	test_attr = fresh;
	test_attr.verbose = 0;
	if (setup_fault_attr(&test_attr, cfg))
		panic("attr_reset: bad config %s", cfg);
	fault_attr_reseed(&test_attr, seed);
}

/* Runs @n calls of @size; bit i of the result says whether call i failed. */
static u64 fail_pattern(unsigned int n, long size)
{
	u64 bits = 0;

	for (unsigned int i = 0; i < n && i < 64; i++)
		if (should_fail(&test_attr, size))
			bits |= 1ULL << i;
	return bits;
}

static void fi_parse(struct ktest *t)
{
	KTEST_EXPECT_EQ(t, setup_fault_attr(&test_attr, "3,50,4096,-1"), 0);
	KTEST_EXPECT_EQ(t, test_attr.interval, 3);
	KTEST_EXPECT_EQ(t, test_attr.probability, 50);
	KTEST_EXPECT_EQ(t, test_attr.space, 4096);
	KTEST_EXPECT_EQ(t, test_attr.times, -1);
	KTEST_EXPECT_EQ(t, setup_fault_attr(&test_attr, "1,2,3"), -EINVAL);
	KTEST_EXPECT_EQ(t, setup_fault_attr(&test_attr, "1,2,3,4,5"), -EINVAL);
	KTEST_EXPECT_EQ(t, setup_fault_attr(&test_attr, "0,100,0,1"), -EINVAL);
	KTEST_EXPECT_EQ(t, setup_fault_attr(&test_attr, "1,101,0,1"), -EINVAL);
	KTEST_EXPECT_EQ(t, setup_fault_attr(&test_attr, "1,x,0,1"), -EINVAL);
	KTEST_EXPECT_EQ(t, setup_fault_attr(&test_attr, "1,100,0,-2"), -EINVAL);
	KTEST_EXPECT_EQ(t, fault_attr_set(&test_attr, "times=7"), 0);
	KTEST_EXPECT_EQ(t, test_attr.times, 7);
	KTEST_EXPECT_EQ(t, fault_attr_set(&test_attr, "min_order=2"), 0);
	KTEST_EXPECT_EQ(t, test_attr.min_order, 2);
	KTEST_EXPECT_EQ(t, fault_attr_set(&test_attr, "probability=101"), -EINVAL);
	KTEST_EXPECT_EQ(t, fault_attr_set(&test_attr, "colour=3"), -EINVAL);
	test_attr.seed_set = false;
	KTEST_EXPECT_EQ(t, fault_attr_set(&test_attr, "seed=0"), 0);
	KTEST_EXPECT_TRUE(t, test_attr.seed_set);	/* 0 is a seed like any other */
	KTEST_EXPECT_EQ(t, test_attr.seed, 0);
}

static void fi_times(struct ktest *t)
{
	attr_reset("1,100,0,5", 1);
	KTEST_EXPECT_EQ(t, fail_pattern(20, 1), 0x1f);	/* exactly the first 5 */
	KTEST_EXPECT_EQ(t, test_attr.nr_calls, 5);	/* then it cannot fail: not counted */
	KTEST_EXPECT_EQ(t, test_attr.nr_failures, 5);
	KTEST_EXPECT_EQ(t, test_attr.times, 0);
	attr_reset("1,100,0,0", 1);			/* times 0: never */
	KTEST_EXPECT_EQ(t, fail_pattern(20, 1), 0);
	attr_reset("1,100,0,-1", 1);			/* -1: always */
	KTEST_EXPECT_EQ(t, fail_pattern(40, 1), (1ULL << 40) - 1);
}

static void fi_interval(struct ktest *t)
{
	attr_reset("3,100,0,-1", 1);
	/* Calls 3, 6, 9, ... fail (bits 2, 5, 8, ...). */
	KTEST_EXPECT_EQ(t, fail_pattern(12, 1), 0x924);
	attr_reset("4,100,0,2", 1);
	KTEST_EXPECT_EQ(t, fail_pattern(16, 1), 0x88);	/* calls 4 and 8, then times runs out */
}

static void fi_space(struct ktest *t)
{
	/* 4096 bytes of budget in 1024-byte calls: calls 1-3 pass, then failures. */
	attr_reset("1,100,4096,-1", 1);
	KTEST_EXPECT_EQ(t, fail_pattern(6, 1024), 0x38);
	KTEST_EXPECT_EQ(t, test_attr.space, 1024);	/* the rest of the budget stays */
}

static unsigned int popcount64(u64 v)
{
	unsigned int n = 0;

	for (; v; v &= v - 1)
		n++;
	return n;
}

static void fi_probability_seeded(struct ktest *t)
{
	u64 a, b, c;
	unsigned int fails = 0;

	attr_reset("1,0,0,-1", 7);
	KTEST_EXPECT_EQ(t, fail_pattern(64, 1), 0);	/* probability 0: never */

	attr_reset("1,50,0,-1", 42);
	a = fail_pattern(64, 1);
	attr_reset("1,50,0,-1", 42);
	b = fail_pattern(64, 1);
	attr_reset("1,50,0,-1", 43);
	c = fail_pattern(64, 1);
	KTEST_EXPECT_EQ(t, a, b);			/* same seed: same run */
	KTEST_EXPECT_NE(t, a, c);			/* another seed: another run */

	attr_reset("1,10,0,-1", 1234);
	for (int i = 0; i < 1000; i++)
		fails += should_fail(&test_attr, 1);
	KTEST_EXPECT_GT(t, fails, 60);			/* ~100 expected */
	KTEST_EXPECT_LT(t, fails, 140);
	KTEST_EXPECT_EQ(t, popcount64(a) > 16 && popcount64(a) < 48, 1);
}

static void fi_paused_means_no_failures(struct ktest *t)
{
	attr_reset("1,100,0,-1", 1);
	fault_inject_pause();
	KTEST_EXPECT_EQ(t, fail_pattern(10, 1), 0);
	KTEST_EXPECT_EQ(t, test_attr.nr_calls, 0);	/* not even counted */
	fault_inject_resume();
	KTEST_EXPECT_EQ(t, fail_pattern(3, 1), 0x7);
}

static struct ktest_case fi_cases[] = {
	KTEST_CASE(fi_parse),
	KTEST_CASE(fi_times),
	KTEST_CASE(fi_interval),
	KTEST_CASE(fi_space),
	KTEST_CASE(fi_probability_seeded),
	KTEST_CASE(fi_paused_means_no_failures),
	{}
};

static struct ktest_suite fi_suite = {
	.name = "fault_inject", .cases = fi_cases, .fault_injection = true,
};
ktest_register_suite(fi_suite);

#define LIVE_CALLS	64

struct live_snapshot {
	unsigned long calls, failures;
	long times, space;
	unsigned long probability, interval;
};

static void live_snap(const struct fault_attr *a, struct live_snapshot *s)
{
	s->calls = a->nr_calls;
	s->failures = a->nr_failures;
	s->times = a->times;
	s->space = a->space;
	s->probability = a->probability;
	s->interval = a->interval;
}

/*
 * LIVE_CALLS calls were made: all of them counted if the site could fail
 * throughout (times -1), none if it never could, and with a limited
 * times at most all and at least the failures (the count stops when
 * times runs out).
 */
static void live_check_calls(struct ktest *t, const struct fault_attr *a,
			     const struct live_snapshot *s)
{
	unsigned long calls = a->nr_calls - s->calls;

	if (!s->probability || !s->times)
		KTEST_EXPECT_EQ(t, calls, 0);
	else if (s->times < 0)
		KTEST_EXPECT_EQ(t, calls, LIVE_CALLS);
	else
		KTEST_EXPECT_TRUE(t, calls <= LIVE_CALLS && calls >= a->nr_failures - s->failures);
}

/* With "1,100,0,N": exactly the first min(N, LIVE_CALLS) calls failed. */
static void live_check_deterministic(struct ktest *t, const struct live_snapshot *s,
				     const bool *failed)
{
	unsigned long first;

	if (s->probability != 100 || s->interval != 1 || s->space || s->times < 0)
		return;
	first = min_t(unsigned long, s->times, LIVE_CALLS);
	for (unsigned int i = 0; i < LIVE_CALLS; i++)
		KTEST_EXPECT_EQ(t, failed[i], i < first);
}

static void live_page_alloc(struct ktest *t)
{
	struct fault_attr *a = &fail_page_alloc_attr;
	struct live_snapshot s;
	bool failed[LIVE_CALLS];
	unsigned int n = 0;

	live_snap(a, &s);
	for (unsigned int i = 0; i < LIVE_CALLS; i++) {
		unsigned int order = a->min_order + i % 3;
		struct page *page = alloc_pages(NOWARN, order);

		failed[i] = !page;
		n += failed[i];
		if (page)
			__free_pages(page, order);
	}
	live_check_calls(t, a, &s);
	KTEST_EXPECT_EQ(t, a->nr_failures - s.failures, n);
	if (!s.probability)
		KTEST_EXPECT_EQ(t, n, 0);
	live_check_deterministic(t, &s, failed);
}

static void live_slab(struct ktest *t)
{
	struct fault_attr *a = &failslab_attr;
	unsigned long page_failures = fail_page_alloc_attr.nr_failures;
	struct live_snapshot s;
	bool failed[LIVE_CALLS];
	void *objs[LIVE_CALLS];
	unsigned int n = 0;

	live_snap(a, &s);
	for (unsigned int i = 0; i < LIVE_CALLS; i++) {
		objs[i] = kmalloc(64, NOWARN);
		failed[i] = !objs[i];
		n += failed[i];
	}
	for (unsigned int i = 0; i < LIVE_CALLS; i++)
		kfree(objs[i]);
	live_check_calls(t, a, &s);
	/* A kmalloc fails when failslab fires or the slab's new page is refused. */
	KTEST_EXPECT_EQ(t, (a->nr_failures - s.failures) +
			   (fail_page_alloc_attr.nr_failures - page_failures), n);
	if (fail_page_alloc_attr.nr_failures == page_failures)
		live_check_deterministic(t, &s, failed);
}

/*
 * fail_page_alloc charges "space" in pages, as Linux does: a budget of 4
 * lets three order-0 allocations through and fails the fourth.  The boot
 * attr is borrowed and put back exactly, counters included.
 */
static void live_page_space_counts_pages(struct ktest *t)
{
	struct fault_attr saved = fail_page_alloc_attr;
	struct page *pages[4];
	int i;

	setup_fault_attr(&fail_page_alloc_attr, "1,100,4,1");
	fail_page_alloc_attr.min_order = 0;
	for (i = 0; i < 4; i++)
		pages[i] = alloc_page(NOWARN);
	fail_page_alloc_attr = saved;
	for (i = 0; i < 3; i++)
		KTEST_EXPECT_NOT_NULL(t, pages[i]);
	KTEST_EXPECT_NULL(t, pages[3]);
	for (i = 0; i < 4; i++)
		if (pages[i])
			__free_page(pages[i]);
}

/*
 * A fresh cache grows slab by slab while both sites may fail: each
 * failed kmem_cache_alloc() is either a failslab hit or a refused slab
 * page, the cache stays consistent, and (the runner's leak check) every
 * page comes back.  The cache itself may fail to be created: retry.
 */
static void live_new_slabs_under_failures(struct ktest *t)
{
	static void *objs[200];
	unsigned long slab0, page0;
	struct kmem_cache *c = NULL;
	unsigned int i, got = 0, failed = 0;

	for (i = 0; i < 100 && !c; i++)
		c = kmem_cache_create("ktest-live", 200, 0, 0, NULL);
	KTEST_ASSERT_NOT_NULL(t, c);
	slab0 = failslab_attr.nr_failures;
	page0 = fail_page_alloc_attr.nr_failures;
	for (i = 0; i < ARRAY_SIZE(objs); i++) {
		objs[i] = kmem_cache_alloc(c, NOWARN);
		got += objs[i] != NULL;
		failed += objs[i] == NULL;
	}
	KTEST_EXPECT_EQ(t, c->active_objs, got);
	KTEST_EXPECT_EQ(t, failed, (failslab_attr.nr_failures - slab0) +
			   (fail_page_alloc_attr.nr_failures - page0));
	KTEST_EXPECT_LE(t, c->nr_slabs, DIV_ROUND_UP(got, c->objects) + 1);
	for (i = 0; i < ARRAY_SIZE(objs); i++)
		if (objs[i])
			kmem_cache_free(c, objs[i]);
	KTEST_EXPECT_EQ(t, c->nr_slabs, 0);
	kmem_cache_destroy(c);
}

static struct ktest_case live_cases[] = {
	KTEST_CASE(live_page_alloc),
	KTEST_CASE(live_page_space_counts_pages),
	KTEST_CASE(live_new_slabs_under_failures),
	KTEST_CASE(live_slab),
	{}
};

static struct ktest_suite live_suite = {
	.name = "fault_inject_live", .cases = live_cases, .fault_injection = true,
};
ktest_register_suite(live_suite);
