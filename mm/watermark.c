/*
 * The zone's watermarks, computed from its size as Linux 6.1 does
 * (calculate_min_free_kbytes, __setup_per_zone_wmarks):
 *
 *	min_free_kbytes = sqrt(lowmem_kbytes * 16), clamped to [128, 262144]
 *	min  = min_free_kbytes in pages
 *	low  = min + max(min / 4, managed * watermark_scale_factor / 10000)
 *	high = low + the same step
 *
 * Linnet has one zone, so the zone's share of min is all of it.  An
 * allocation that may sleep keeps free memory at or above min; one that
 * may not may dig to 3/8 of min (Linux's GFP_ATOMIC: __GFP_HIGH and
 * ALLOC_HARDER); below low kswapd is woken, and it reclaims up to high.
 * Writers of the sysctls recompute; readers take the values with
 * READ_ONCE (a watermark changing under an allocation is harmless).
 */
#include <linux-ish/kernel.h>
#include <linux-ish/errno.h>
#include <linux-ish/mm.h>
#include <linux-ish/memblock.h>
#include <linux-ish/proc_fs.h>
#include <linux-ish/sysctl.h>
#include <linux-ish/vmscan.h>

#define MIN_FREE_KBYTES_FLOOR	128
#define MIN_FREE_KBYTES_CEIL	262144
#define SCALE_FACTOR_MAX	3000	/* Linux's bound for watermark_scale_factor */

unsigned long zone_watermark[NR_WMARK];
int min_free_kbytes = 1024;
int watermark_scale_factor = 10;
static int user_min_free_kbytes = -1;	/* what root wrote, if anything */

/* The largest r with r * r <= x. */
static unsigned long int_sqrt(unsigned long x)
{
	unsigned long r = 0, bit = 1UL << (BITS_PER_LONG - 2);

	while (bit > x)
		bit >>= 2;
	while (bit) {
		if (x >= r + bit) {
			x -= r + bit;
			r = (r >> 1) + bit;
		} else {
			r >>= 1;
		}
		bit >>= 2;
	}
	return r;
}

int calculate_min_free_kbytes(unsigned long managed)
{
	unsigned long lowmem_kbytes = managed * (PAGE_SIZE >> 10);

	int kbytes = (int)int_sqrt(lowmem_kbytes * 16);

	if (kbytes < MIN_FREE_KBYTES_FLOOR)
		return MIN_FREE_KBYTES_FLOOR;
	return kbytes > MIN_FREE_KBYTES_CEIL ? MIN_FREE_KBYTES_CEIL : kbytes;
}

void calculate_watermarks(unsigned long managed, int min_kbytes, int scale_factor,
			  unsigned long wmark[NR_WMARK])
{
	unsigned long min = (unsigned long)min_kbytes >> (PAGE_SHIFT - 10);
	unsigned long step = max(min >> 2, (unsigned long)((u64)managed * scale_factor / 10000));

	wmark[WMARK_MIN] = min;
	wmark[WMARK_LOW] = min + step;
	wmark[WMARK_HIGH] = min + 2 * step;
}

static void setup_per_zone_wmarks(void)
{
	unsigned long w[NR_WMARK];

	calculate_watermarks(totalram_pages, min_free_kbytes, watermark_scale_factor, w);
	for (int i = 0; i < NR_WMARK; i++)
		WRITE_ONCE(zone_watermark[i], w[i]);
}

/* Boot: Linux's default, unless root already wrote a larger value. */
void init_per_zone_wmark_min(void)
{
	int computed = calculate_min_free_kbytes(totalram_pages);

	if (computed > user_min_free_kbytes)
		min_free_kbytes = computed;
	setup_per_zone_wmarks();
}

/* vm.min_free_kbytes: any int from 0 (Linux's extra1), then the marks follow. */
int min_free_kbytes_store(const struct ctl_table *t, const char *buf)
{
	int err = sysctl_store_int(t, buf);

	if (err)
		return err;
	user_min_free_kbytes = min_free_kbytes;
	setup_per_zone_wmarks();
	return 0;
}

/* vm.watermark_scale_factor: 1..3000 (t->min/max), then the marks follow. */
int watermark_scale_factor_store(const struct ctl_table *t, const char *buf)
{
	int err = sysctl_store_int(t, buf);

	if (!err)
		setup_per_zone_wmarks();
	return err;
}

/*
 * /proc/zoneinfo, the lines Linnet can give true values for, in Linux's
 * layout: the one zone is "Normal" (all of low memory).
 */
void show_zoneinfo(struct seq_buf *m)
{
	seq_printf(m, "Node 0, zone %8s", "Normal");
	seq_printf(m, "\n  pages free     %lu\n        boost    0"
		   "\n        min      %lu\n        low      %lu\n        high     %lu"
		   "\n        spanned  %lu\n        present  %lu\n        managed  %lu"
		   "\n        cma      0\n", nr_free_pages(), wmark_pages(WMARK_MIN),
		   wmark_pages(WMARK_LOW), wmark_pages(WMARK_HIGH), max_pfn,
		   (unsigned long)(memblock_phys_mem_size() >> PAGE_SHIFT), totalram_pages);
}
