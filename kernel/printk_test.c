/* ktest suite "printk": the ring buffer's record format and continuation lines. */
#include <linux-ish/kernel.h>
#include <linux-ish/ktest.h>
#include <linux-ish/string.h>

static char tail[4096];

/* The last part of the log, NUL-terminated. */
static const char *log_tail(void)
{
	size_t n = log_buf_copy(tail, sizeof(tail) - 1);

	tail[n] = '\0';
	return tail;
}

/* Start of the line containing @p within tail[]. */
static const char *line_start(const char *p)
{
	while (p > tail && p[-1] != '\n')
		p--;
	return p;
}

static void printk_record_format(struct ktest *t)
{
	const char *hit, *line;

	printk(KERN_WARNING "printk-ktest-marker %d\n", 42);
	hit = strstr(log_tail(), "printk-ktest-marker 42\n");
	KTEST_ASSERT_NOT_NULL(t, hit);
	line = line_start(hit);
	KTEST_EXPECT_EQ(t, strncmp(line, "<4>[", 4), 0);	/* level, then timestamp */
	KTEST_EXPECT_EQ(t, hit - line, 18);			/* "<4>[%5u.%06u] " */
	KTEST_EXPECT_EQ(t, line[9], '.');
}

static void printk_continuation(struct ktest *t)
{
	const char *hit;

	printk(KERN_INFO "printk-ktest-cont a");
	pr_cont(" b");
	pr_cont(" c\n");
	hit = strstr(log_tail(), "printk-ktest-cont a b c\n");
	KTEST_ASSERT_NOT_NULL(t, hit);
	KTEST_EXPECT_EQ(t, strncmp(line_start(hit), "<6>[", 4), 0);
	/* A new message ends an unterminated one. */
	printk(KERN_INFO "printk-ktest-open");
	printk(KERN_INFO "printk-ktest-next\n");
	KTEST_EXPECT_NOT_NULL(t, strstr(log_tail(), "printk-ktest-open\n<6>["));
}

static void printk_default_level(struct ktest *t)
{
	const char *hit;

	printk("printk-ktest-nolevel\n");
	hit = strstr(log_tail(), "printk-ktest-nolevel\n");
	KTEST_ASSERT_NOT_NULL(t, hit);
	KTEST_EXPECT_EQ(t, line_start(hit)[1], '0' + LOGLEVEL_DEFAULT);
}

static struct ktest_case printk_cases[] = {
	KTEST_CASE(printk_record_format),
	KTEST_CASE(printk_continuation),
	KTEST_CASE(printk_default_level),
	{}
};

static struct ktest_suite printk_suite = { .name = "printk", .cases = printk_cases };
ktest_register_suite(printk_suite);
