/*
 * The ktest runner.  Suites come from the .ktest_suites section (link
 * order).  Output is KTAP version 1: one top-level line per suite, with
 * the suite's cases as an indented subtest, then a totals line that the
 * `make test` harness also cross-checks by counting the case lines.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/errno.h>
#include <linux-ish/fault-inject.h>
#include <linux-ish/init.h>
#include <linux-ish/ktest.h>
#include <linux-ish/mm.h>
#include <linux-ish/page_acct.h>
#include <linux-ish/slab.h>
#include <linux-ish/string.h>

extern struct ktest_suite *const __ktest_suites_start[], *const __ktest_suites_end[];

/* The linker section as an array: (end - start) pointers. */
static unsigned int nr_suites(void)
{
	return ((unsigned long)__ktest_suites_end - (unsigned long)__ktest_suites_start) /
	       sizeof(__ktest_suites_start[0]);
}

bool ktest_enabled;
static const char *ktest_filter;	/* run only suites whose name contains this */

struct ktest_totals {
	unsigned int pass, fail, skip;
};

void ktest_fail(struct ktest *t, const char *file, int line, const char *fmt, ...)
{
	char msg[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	t->failures++;
	printk(KERN_INFO "        # %s: %s:%d: %s\n", t->name, file, line, msg);
}

void ktest_skip(struct ktest *t, const char *reason)
{
	t->skipped = true;
	t->skip_reason = reason;
}

void ktest_expect_report_begin(struct ktest *t)
{
	printk(KERN_INFO "        # %s: expected error report begins\n", t->name);
}

void ktest_expect_report_end(struct ktest *t)
{
	printk(KERN_INFO "        # %s: expected error report ends\n", t->name);
}

/* Memory a case must give back: free pages and live slab objects. */
struct ktest_mem {
	unsigned long free_pages, slab_objs;
};

static void ktest_mem_snapshot(struct ktest_mem *m)
{
	m->free_pages = nr_free_pages();
	m->slab_objs = slab_active_objects();
}

/*
 * Besides giving back what it took, a case must leave every page frame
 * counted exactly once (mm/page_acct.c): a case that frees a page behind
 * its owner's back, or a path it drives that does, fails here.
 */
static void ktest_check_leaks(struct ktest *t, const struct ktest_mem *before)
{
	struct ktest_mem after;
	char why[128];

	ktest_mem_snapshot(&after);
	if (after.free_pages != before->free_pages)
		ktest_fail(t, __FILE__, __LINE__, "leak: %ld free pages not returned",
			   (long)(before->free_pages - after.free_pages));
	if (after.slab_objs != before->slab_objs)
		ktest_fail(t, __FILE__, __LINE__, "leak: %ld slab objects not freed",
			   (long)(after.slab_objs - before->slab_objs));
	if (!page_accounting_ok(why, sizeof(why)))
		ktest_fail(t, __FILE__, __LINE__, "page accounting: %s", why);
}

static void ktest_run_case(const struct ktest_suite *s, const struct ktest_case *c,
			   unsigned int nr, struct ktest_totals *tot)
{
	struct ktest t = { .name = c->name };
	struct ktest_mem before;

	ktest_mem_snapshot(&before);
	c->run(&t);
	if (!t.no_leak_check && !t.skipped)
		ktest_check_leaks(&t, &before);
	if (t.skipped) {
		tot->skip++;
		printk(KERN_INFO "    ok %u - %s # SKIP %s\n", nr, c->name, t.skip_reason);
	} else if (t.failures) {
		tot->fail++;
		printk(KERN_INFO "    not ok %u - %s\n", nr, c->name);
	} else {
		tot->pass++;
		printk(KERN_INFO "    ok %u - %s\n", nr, c->name);
	}
}

static unsigned int count_cases(const struct ktest_suite *s)
{
	unsigned int n = 0;

	while (s->cases[n].run)
		n++;
	return n;
}

static bool suite_selected(const struct ktest_suite *s)
{
	return !ktest_filter || strstr(s->name, ktest_filter);
}

static void ktest_run_suite(const struct ktest_suite *s, unsigned int nr,
			    struct ktest_totals *all)
{
	struct ktest_totals tot = { 0, 0, 0 };
	unsigned int i, n = count_cases(s);

	printk(KERN_INFO "    KTAP version 1\n");
	printk(KERN_INFO "    # Subtest: %s\n", s->name);
	printk(KERN_INFO "    1..%u\n", n);
	if (!s->fault_injection)
		fault_inject_pause();
	for (i = 0; i < n; i++)
		ktest_run_case(s, &s->cases[i], i + 1, &tot);
	if (!s->fault_injection)
		fault_inject_resume();
	printk(KERN_INFO "%s %u - %s\n", tot.fail ? "not ok" : "ok", nr, s->name);
	all->pass += tot.pass;
	all->fail += tot.fail;
	all->skip += tot.skip;
}

void ktest_run_all(void)
{
	struct ktest_totals all = { 0, 0, 0 };
	unsigned int i, n = 0, nr = 0;

	if (!ktest_enabled)
		return;
	for (i = 0; i < nr_suites(); i++)
		n += suite_selected(__ktest_suites_start[i]);
	printk(KERN_INFO "KTAP version 1\n");
	printk(KERN_INFO "1..%u\n", n);
	for (i = 0; i < nr_suites(); i++)
		if (suite_selected(__ktest_suites_start[i]))
			ktest_run_suite(__ktest_suites_start[i], ++nr, &all);
	fault_inject_report(true);
	printk(KERN_INFO "# ktest: %u passed, %u failed, %u skipped\n",
	       all.pass, all.fail, all.skip);
}

static int __init ktest_setup(const char *val)
{
	ktest_enabled = true;
	return 0;
}
__setup("ktest", ktest_setup);

static int __init ktest_filter_setup(const char *val)
{
	ktest_enabled = true;
	ktest_filter = val;
	return 0;
}
__setup("ktest.filter=", ktest_filter_setup);
