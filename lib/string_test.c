/* ktest suite "string": memchr_inv's word-at-a-time scan against a byte loop. */
#include <linux-ish/kernel.h>
#include <linux-ish/ktest.h>
#include <linux-ish/string.h>

static unsigned char area[64];

static const void *first_not(const unsigned char *p, unsigned char c, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] != c)
			return p + i;
	return NULL;
}

/* Every start alignment, every length, the odd byte at every place or none. */
static void string_memchr_inv_every_offset(struct ktest *t)
{
	unsigned int wrong = 0;

	for (size_t start = 0; start < 8; start++)
		for (size_t len = 0; start + len <= 40; len++)
			for (size_t odd = 0; odd <= len; odd++) {
				memset(area, 0x6b, sizeof(area));
				if (odd < len)
					area[start + odd] = 0x6a;
				if (memchr_inv(area + start, 0x6b, len) !=
				    first_not(area + start, 0x6b, len))
					wrong++;
			}
	KTEST_EXPECT_EQ(t, wrong, 0);
}

static struct ktest_case string_cases[] = {
	KTEST_CASE(string_memchr_inv_every_offset),
	{}
};

static struct ktest_suite string_suite = { .name = "string", .cases = string_cases };
ktest_register_suite(string_suite);
