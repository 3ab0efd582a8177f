/*
 * ktest: in-kernel unit tests in the style of KUnit, reporting KTAP.
 *
 *	static void buddy_every_order(struct ktest *t) { ... KTEST_EXPECT_EQ(t, a, b); }
 *	static struct ktest_case buddy_cases[] = { KTEST_CASE(buddy_every_order), {} };
 *	static struct ktest_suite buddy_suite = { .name = "buddy", .cases = buddy_cases };
 *	ktest_register_suite(buddy_suite);
 *
 * EXPECT records a failure and goes on; ASSERT records it and returns from
 * the case function (use it only there).  After each case the framework
 * checks that free pages and live slab objects are back where they were
 * before it: a case that leaks fails.
 *
 * Fault injection is paused while cases run, because they assert exact
 * allocator behaviour; a suite with .fault_injection = true runs with it
 * live and must cope with any allocation failing.
 */
#ifndef _LINUX_ISH_KTEST_H
#define _LINUX_ISH_KTEST_H

#include <linux-ish/kernel.h>

struct ktest {
	const char *name;
	int failures;
	bool skipped;
	const char *skip_reason;
	bool no_leak_check;	/* set by a case that keeps memory on purpose */
};

struct ktest_case {
	const char *name;
	void (*run)(struct ktest *t);
};

struct ktest_suite {
	const char *name;
	struct ktest_case *cases;
	bool fault_injection;
};

#define KTEST_CASE(fn)	{ #fn, fn }

#define ktest_register_suite(s)						\
	static struct ktest_suite *const __ktest_ptr_##s		\
		__used __section(".ktest_suites") = &(s)

void ktest_fail(struct ktest *t, const char *file, int line, const char *fmt, ...)
	__printf(4, 5);
void ktest_skip(struct ktest *t, const char *reason);
/*
 * Brackets code that is expected to print a kernel error report (a bad
 * page, slab poison): the harness ignores error lines between the two
 * markers, and only there.
 */
void ktest_expect_report_begin(struct ktest *t);
void ktest_expect_report_end(struct ktest *t);

#define KTEST_EXPECT_TRUE(t, cond) do {					\
	if (!(cond))							\
		ktest_fail(t, __FILE__, __LINE__, "expected %s", #cond);	\
} while (0)

#define KTEST_EXPECT_FALSE(t, cond)	KTEST_EXPECT_TRUE(t, !(cond))

#define KTEST_EXPECT_OP(t, a, op, b) do {				\
	long long __a = (long long)(a), __b = (long long)(b);		\
	if (!(__a op __b))						\
		ktest_fail(t, __FILE__, __LINE__,			\
			   "expected %s %s %s, but %lld vs %lld (%#llx vs %#llx)", \
			   #a, #op, #b, __a, __b, __a, __b);		\
} while (0)

#define KTEST_EXPECT_EQ(t, a, b)	KTEST_EXPECT_OP(t, a, ==, b)
#define KTEST_EXPECT_NE(t, a, b)	KTEST_EXPECT_OP(t, a, !=, b)
#define KTEST_EXPECT_LT(t, a, b)	KTEST_EXPECT_OP(t, a, <, b)
#define KTEST_EXPECT_LE(t, a, b)	KTEST_EXPECT_OP(t, a, <=, b)
#define KTEST_EXPECT_GE(t, a, b)	KTEST_EXPECT_OP(t, a, >=, b)
#define KTEST_EXPECT_GT(t, a, b)	KTEST_EXPECT_OP(t, a, >, b)
#define KTEST_EXPECT_NULL(t, p)		KTEST_EXPECT_EQ(t, (unsigned long)(p), 0)
#define KTEST_EXPECT_NOT_NULL(t, p)	KTEST_EXPECT_NE(t, (unsigned long)(p), 0)
#define KTEST_EXPECT_STREQ(t, a, b) do {				\
	const char *__sa = (a), *__sb = (b);				\
	if (!__sa || !__sb || strcmp(__sa, __sb))			\
		ktest_fail(t, __FILE__, __LINE__, "expected %s == %s, but \"%s\" vs \"%s\"", \
			   #a, #b, __sa ? __sa : "(null)", __sb ? __sb : "(null)"); \
} while (0)

#define KTEST_ASSERT_TRUE(t, cond) do {					\
	if (!(cond)) {							\
		ktest_fail(t, __FILE__, __LINE__, "assertion %s", #cond);	\
		return;							\
	}								\
} while (0)
#define KTEST_ASSERT_NOT_NULL(t, p)	KTEST_ASSERT_TRUE(t, (p) != NULL)

/*
 * mm suites (mm/ktest_mm.c): a new mm with @npages anonymous pages
 * populated at @addr, or NULL if memory ran out; the page mapped at @addr
 * in @mm, or NULL.
 */
struct mm_struct;
struct page;
struct mm_struct *ktest_populated_mm(unsigned long addr, unsigned long npages);
struct page *ktest_page_at(struct mm_struct *mm, unsigned long addr);
/* A child of @parent made by fork's dup_mm(), sharing page tables if @share. */
struct mm_struct *ktest_fork_mm(struct mm_struct *parent, bool share);

/* Runs every registered suite if "ktest" is on the command line. */
void ktest_run_all(void);
extern bool ktest_enabled;

#endif
