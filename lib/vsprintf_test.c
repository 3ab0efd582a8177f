/* ktest suite "printf": vsnprintf formats and symbol lookup for %pS. */
#include <linux-ish/kernel.h>
#include <linux-ish/kallsyms.h>
#include <linux-ish/ktest.h>
#include <linux-ish/string.h>

static char buf[128];

#define EXPECT_FMT(t, want, ...) do {					\
	int __n = snprintf(buf, sizeof(buf), __VA_ARGS__);		\
	KTEST_EXPECT_STREQ(t, buf, want);				\
	KTEST_EXPECT_EQ(t, __n, strlen(want));				\
} while (0)

static const char *volatile unsigned_with_sign_flags = "%+u|% u|%+x";

static void printf_integers(struct ktest *t)
{
	EXPECT_FMT(t, "42|-42|42", "%d|%i|%u", 42, -42, 42U);
	EXPECT_FMT(t, "   42|42   |00042", "%5d|%-5d|%05d", 42, 42, 42);
	EXPECT_FMT(t, "ff|FF|0xff|0377", "%x|%X|%#x|%#o", 255, 255, 255, 255);
	EXPECT_FMT(t, "-2147483648", "%d", (int)0x80000000);
	EXPECT_FMT(t, "18446744073709551615", "%llu", ~0ULL);
	EXPECT_FMT(t, "-9223372036854775807", "%lld", -9223372036854775807LL);
	EXPECT_FMT(t, "+5| 5|-5", "%+d|% d|%+d", 5, 5, -5);
	/* No sign for unsigned conversions (gcc rejects the literal, so hide it). */
	EXPECT_FMT(t, "5|5|ff", unsigned_with_sign_flags, 5U, 5U, 255U);
	EXPECT_FMT(t, "00012", "%.5d", 12);
	EXPECT_FMT(t, "4294967295", "%lu", 0xffffffffUL);
	/* cppcheck-suppress [invalidPrintfArgType_uint] ; the int must be narrowed */
	EXPECT_FMT(t, "255|65535", "%hhu|%hu", 0x1ff, 0x1ffff);
	EXPECT_FMT(t, "  7", "%*d", 3, 7);
}

static void printf_strings(struct ktest *t)
{
	const char *volatile null_str = NULL;	/* hidden from gcc's format check */

	EXPECT_FMT(t, "hi|   hi|hi   |h", "%s|%5s|%-5s|%.1s", "hi", "hi", "hi", "hi");
	EXPECT_FMT(t, "(null)", "%s", null_str);
	EXPECT_FMT(t, "x|%|c", "%c|%%|%c", 'x', 'c');
	EXPECT_FMT(t, "c0100000", "%p", (void *)0xc0100000);
}

static void printf_truncation(struct ktest *t)
{
	char small[6];
	int n = snprintf(small, sizeof(small), "%s", "abcdefgh");

	KTEST_EXPECT_EQ(t, n, 8);			/* what it would have been */
	KTEST_EXPECT_STREQ(t, small, "abcde");		/* always terminated */
	KTEST_EXPECT_EQ(t, scnprintf(small, sizeof(small), "%d", 1234567), 5);
	KTEST_EXPECT_EQ(t, snprintf(NULL, 0, "%d", 100), 3);
}

static noinline void kallsyms_probe_target(void)
{
	barrier();
}

static void printf_symbols(struct ktest *t)
{
	unsigned long addr = (unsigned long)kallsyms_probe_target, off, size;
	const char *name = kallsyms_lookup(addr + 1, &off, &size);

	KTEST_EXPECT_STREQ(t, name, "kallsyms_probe_target");
	KTEST_EXPECT_EQ(t, off, 1);
	KTEST_EXPECT_GT(t, size, 0);
	KTEST_EXPECT_EQ(t, kallsyms_lookup_name("kallsyms_probe_target"), addr);
	snprintf(buf, sizeof(buf), "%pS", (void *)(addr + 1));
	KTEST_EXPECT_EQ(t, strncmp(buf, "kallsyms_probe_target+0x1/0x", 28), 0);
	KTEST_EXPECT_NULL(t, kallsyms_lookup(0x1000, &off, &size));
	snprintf(buf, sizeof(buf), "%pS", (void *)0x1000);
	KTEST_EXPECT_STREQ(t, buf, "0x00001000");
}

static struct ktest_case printf_cases[] = {
	KTEST_CASE(printf_integers),
	KTEST_CASE(printf_strings),
	KTEST_CASE(printf_truncation),
	KTEST_CASE(printf_symbols),
	{}
};

static struct ktest_suite printf_suite = { .name = "printf", .cases = printf_cases };
ktest_register_suite(printf_suite);
