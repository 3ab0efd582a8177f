/*
 * In-kernel micro-benchmarks, run at boot with "bench" on the command
 * line (`make bench`).  Under QEMU -icount shift=0 one TSC tick is one
 * guest instruction, so the numbers are exact and repeatable: they
 * measure work done, not cache or TLB effects.  Each line is the mean of
 * BENCH_ITERS round trips, measured with interrupts off: a timer tick
 * (and whatever it schedules) landing inside a loop would otherwise add
 * its instructions to one row or another depending on where unrelated
 * code changes happen to put it.  Nothing measured here sleeps.
 *
 * The single alloc+free rows measure the allocator's fast path in a fixed
 * state: the block's buddy is held (pin_buddy), so freeing never merges
 * and allocating never splits.  Left to the free lists as boot left them,
 * the cost depended on how far up the next free block was, which any
 * change to boot's allocations moved.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/bench.h>
#include <linux-ish/fault-inject.h>
#include <linux-ish/init.h>
#include <linux-ish/mm.h>
#include <linux-ish/slab.h>
#include <asm/irqflags.h>
#include <asm/timex.h>

#define BENCH_ITERS	1000
#define BENCH_BATCH	64

static bool bench_enabled;

static unsigned long bench_flags;

/* Starts a measurement: interrupts off, the cycle counter read. */
static u64 bench_start(void)
{
	local_irq_save(bench_flags);
	return get_cycles();
}

/* Ends it: the cycles since @t0, interrupts back on. */
static u64 bench_stop(u64 t0)
{
	u64 cycles = get_cycles() - t0;

	local_irq_restore(bench_flags);
	return cycles;
}

static void bench_report(const char *what, u64 cycles, unsigned long ops)
{
	printk(KERN_INFO "bench: %-36s %8llu cycles/op\n", what, cycles / ops);
}

/*
 * Leaves a free order-@order block whose buddy is allocated: allocates
 * two (the second is usually the first's buddy), frees the first, and
 * returns the second for the caller to free afterwards (NULL if none).
 */
static struct page *pin_buddy(unsigned int order)
{
	struct page *a = alloc_pages(GFP_KERNEL, order);
	struct page *b = a ? alloc_pages(GFP_KERNEL, order) : NULL;

	if (a)
		__free_pages(a, order);
	return b;
}

/* One alloc + one free of an order-@order block, repeated. */
static void bench_pages(unsigned int order)
{
	struct page *pinned = pin_buddy(order);
	char name[48];
	u64 t0 = bench_start();

	for (int i = 0; i < BENCH_ITERS; i++) {
		struct page *page = alloc_pages(GFP_KERNEL, order);

		if (!page) {
			bench_stop(t0);
			return;
		}
		__free_pages(page, order);
	}
	snprintf(name, sizeof(name), "alloc_pages+free order %u", order);
	bench_report(name, bench_stop(t0), BENCH_ITERS);
	if (pinned)
		__free_pages(pinned, order);
}

/* BENCH_BATCH allocations then BENCH_BATCH frees: splits and merges. */
static void bench_pages_batch(void)
{
	static struct page *pages[BENCH_BATCH];
	u64 t0 = bench_start();

	for (int i = 0; i < BENCH_ITERS / 10; i++) {
		for (int j = 0; j < BENCH_BATCH; j++)
			pages[j] = alloc_page(GFP_KERNEL);
		for (int j = 0; j < BENCH_BATCH; j++)
			if (pages[j])
				__free_page(pages[j]);
	}
	bench_report("alloc_page+free, batches of 64", bench_stop(t0),
		     BENCH_ITERS / 10 * BENCH_BATCH);
}

static void bench_kmalloc(size_t size)
{
	void *pinned = size > PAGE_SIZE ? kmalloc(size, GFP_KERNEL) : NULL;
	void *pair = pinned ? kmalloc(size, GFP_KERNEL) : NULL;
	char name[48];
	u64 t0;

	kfree(pinned);			/* as pin_buddy(), for kmalloc's pages */
	t0 = bench_start();

	for (int i = 0; i < BENCH_ITERS; i++) {
		void *p = kmalloc(size, GFP_KERNEL);

		if (!p) {
			bench_stop(t0);
			return;
		}
		kfree(p);
	}
	snprintf(name, sizeof(name), "kmalloc+kfree %u bytes", (unsigned int)size);
	bench_report(name, bench_stop(t0), BENCH_ITERS);
	kfree(pair);
}

void bench_run_all(void)
{
	void *keep;

	if (!bench_enabled)
		return;
	fault_inject_pause();
	/* A live object keeps the 64-byte slab: measure the fast path. */
	keep = kmalloc(64, GFP_KERNEL);
	bench_pages(0);
	bench_pages(3);
	bench_pages(MAX_PAGE_ORDER);
	bench_pages_batch();
	bench_kmalloc(64);
	bench_kmalloc(8192);
	kfree(keep);
	fault_inject_resume();
}

static int __init bench_setup(const char *val)
{
	bench_enabled = true;
	return 0;
}
__setup("bench", bench_setup);
