/*
 * In-kernel micro-benchmarks, run at boot with "bench" on the command
 * line (`make bench`).  Under QEMU -icount shift=0 one TSC tick is one
 * guest instruction, so the numbers are exact and repeatable: they
 * measure work done, not cache or TLB effects.  Each line is the mean of
 * BENCH_ITERS round trips.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/bench.h>
#include <linux-ish/fault-inject.h>
#include <linux-ish/init.h>
#include <linux-ish/mm.h>
#include <linux-ish/slab.h>
#include <asm/timex.h>

#define BENCH_ITERS	1000
#define BENCH_BATCH	64

static bool bench_enabled;

static void bench_report(const char *what, u64 cycles, unsigned long ops)
{
	printk(KERN_INFO "bench: %-36s %8llu cycles/op\n", what, cycles / ops);
}

/* One alloc + one free of an order-@order block, repeated. */
static void bench_pages(unsigned int order)
{
	char name[48];
	u64 t0 = get_cycles();

	for (int i = 0; i < BENCH_ITERS; i++) {
		struct page *page = alloc_pages(GFP_KERNEL, order);

		if (!page)
			return;
		__free_pages(page, order);
	}
	snprintf(name, sizeof(name), "alloc_pages+free order %u", order);
	bench_report(name, get_cycles() - t0, BENCH_ITERS);
}

/* BENCH_BATCH allocations then BENCH_BATCH frees: splits and merges. */
static void bench_pages_batch(void)
{
	static struct page *pages[BENCH_BATCH];
	u64 t0 = get_cycles();

	for (int i = 0; i < BENCH_ITERS / 10; i++) {
		for (int j = 0; j < BENCH_BATCH; j++)
			pages[j] = alloc_page(GFP_KERNEL);
		for (int j = 0; j < BENCH_BATCH; j++)
			if (pages[j])
				__free_page(pages[j]);
	}
	bench_report("alloc_page+free, batches of 64", get_cycles() - t0,
		     BENCH_ITERS / 10 * BENCH_BATCH);
}

static void bench_kmalloc(size_t size)
{
	char name[48];
	u64 t0 = get_cycles();

	for (int i = 0; i < BENCH_ITERS; i++) {
		void *p = kmalloc(size, GFP_KERNEL);

		if (!p)
			return;
		kfree(p);
	}
	snprintf(name, sizeof(name), "kmalloc+kfree %u bytes", (unsigned int)size);
	bench_report(name, get_cycles() - t0, BENCH_ITERS);
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
