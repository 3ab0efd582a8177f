/*
 * ktest suite "profile": where a sample lands, and that a busy loop is
 * seen.  Needs profile= on the command line (make test's ktest-profile
 * boot); without it every case skips.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/kallsyms.h>
#include <linux-ish/ktest.h>
#include <linux-ish/profile.h>
#include <linux-ish/time.h>
#include <asm/processor.h>
#include <asm/setup.h>

#define SPIN_TICKS	(HZ / 5)	/* 200 ms: ~200 samples at profile_hz=1024 */

static bool profile_skip(struct ktest *t)
{
	if (profile_enabled())
		return false;
	ktest_skip(t, "profile= not on the command line");
	return true;
}

/* Kernel text maps in order from counter 0; the rest goes to the last counter. */
static void profile_index_maps_text(struct ktest *t)
{
	unsigned long n = profile_nr_counters(), text = (unsigned long)_text;
	unsigned long step;

	if (profile_skip(t))
		return;
	KTEST_EXPECT_GE(t, n, 2);
	for (step = 1; profile_index(text + step, false) == 0 && step < 0x80000000UL; step <<= 1)
		;
	KTEST_EXPECT_EQ(t, profile_index(text, false), 0);
	KTEST_EXPECT_EQ(t, profile_index(text + step, false), 1);
	KTEST_EXPECT_EQ(t, profile_index(text + 3 * step - 1, false), 2);
	KTEST_EXPECT_EQ(t, profile_index((unsigned long)_etext - 1, false), n - 2);
	KTEST_EXPECT_EQ(t, profile_index((unsigned long)_etext + step, false), n - 1);
	KTEST_EXPECT_EQ(t, profile_index(text - 1, false), n - 1);
	KTEST_EXPECT_EQ(t, profile_index(0x08048000, false), n - 1);
	KTEST_EXPECT_EQ(t, profile_index(text, true), n - 1);
	KTEST_EXPECT_EQ(t, profile_size(), (n + 1) * sizeof(unsigned int));
}

static unsigned long counters_sum(unsigned long from, unsigned long to)
{
	unsigned long sum = 0;

	for (unsigned long i = from; i <= to; i++)
		sum += profile_counter(i);
	return sum;
}

/* Spins with interrupts on until @ticks timer ticks have passed. */
static noinline void profile_test_spin(unsigned long ticks)
{
	unsigned long end = jiffies + ticks;

	while ((long)(jiffies - end) < 0)
		cpu_relax();
}

/*
 * Most samples taken during a busy loop fall in the loop's own function
 * (not all: summing the counters before and after takes time too).
 */
static void profile_busy_loop_is_seen(struct ktest *t)
{
	unsigned long fn = (unsigned long)profile_test_spin, off, size;
	unsigned long first, last, all0, fn0, all, in_fn;

	if (profile_skip(t))
		return;
	KTEST_EXPECT_NOT_NULL(t, kallsyms_lookup(fn, &off, &size));
	first = profile_index(fn, false);
	last = profile_index(fn + size - 1, false);
	all0 = counters_sum(0, profile_nr_counters() - 1);
	fn0 = counters_sum(first, last);
	profile_test_spin(SPIN_TICKS);
	all = counters_sum(0, profile_nr_counters() - 1) - all0;
	in_fn = counters_sum(first, last) - fn0;
	printk(KERN_INFO "        # profile: %lu samples in %u ticks, %lu in profile_test_spin\n",
	       all, SPIN_TICKS, in_fn);
	KTEST_EXPECT_GE(t, in_fn, SPIN_TICKS / 2);
	KTEST_EXPECT_GE(t, in_fn * 4, all * 3);
}

static struct ktest_case profile_cases[] = {
	KTEST_CASE(profile_index_maps_text),
	KTEST_CASE(profile_busy_loop_is_seen),
	{}
};

static struct ktest_suite profile_suite = { .name = "profile", .cases = profile_cases };
ktest_register_suite(profile_suite);
