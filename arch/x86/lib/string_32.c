/*
 * memcpy, memset, memcmp and memchr_inv with the string instructions (asm/string.h
 * says so, and lib/string.c leaves them out).  Four bytes per iteration,
 * then the tail: a page is 1024 iterations, not 4096, which is what the
 * fault and COW rows of make bench measure.  The direction flag is clear
 * in the kernel (entry code and the ABI guarantee it).
 */
#include <linux-ish/kernel.h>
#include <linux-ish/string.h>

void *memcpy(void *dst, const void *src, size_t n)
{
	void *ret = dst;
	size_t words = n >> 2, tail = n & 3;

	__asm__ __volatile__("rep movsl\n\tmovl %3, %%ecx\n\trep movsb"
			     : "+D"(dst), "+S"(src), "+c"(words) : "r"(tail) : "memory");
	return ret;
}

void *memset(void *s, int c, size_t n)
{
	void *ret = s;
	unsigned long fill = (unsigned char)c * 0x01010101UL;
	size_t words = n >> 2, tail = n & 3;

	__asm__ __volatile__("rep stosl\n\tmovl %3, %%ecx\n\trep stosb"
			     : "+D"(s), "+c"(words) : "a"(fill), "r"(tail) : "memory");
	return ret;
}

/*
 * repe cmpsb stops after the first differing byte or after @n equal
 * ones; either way the last pair compared decides (equal: 0).  A
 * 4-byte name costs about 10 instructions instead of 30.
 */
int memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *p = a, *q = b;

	if (!n)
		return 0;
	__asm__ __volatile__("repe cmpsb"
			     : "+S"(p), "+D"(q), "+c"(n) : : "memory", "cc");
	return p[-1] - q[-1];
}

static const unsigned char *memchr_inv_bytes(const unsigned char *p, unsigned char c, size_t n)
{
	for (; n; n--, p++)
		if (*p != c)
			return p;
	return NULL;
}

/*
 * The first byte in [s, s+n) that is not @c, or NULL.  Slab poison checks
 * and the empty-page-table check scan whole objects and pages with it:
 * bytes up to a word boundary, then repe scasl over the words (stops past
 * the first word that differs, ZF clear), then the bytes of that word or
 * of the tail.
 */
void *memchr_inv(const void *s, int c, size_t n)
{
	const unsigned long pattern = (unsigned char)c * 0x01010101UL;
	const unsigned char *p = s, *hit;
	size_t head = -(unsigned long)p & 3, words;

	if (head > n)
		head = n;
	hit = memchr_inv_bytes(p, c, head);
	if (hit)
		return (void *)hit;
	p += head;
	n -= head;
	words = n >> 2;
	if (words) {
		const unsigned char *start = p;
		unsigned char differs;

		__asm__ __volatile__("repe scasl\n\tsetne %b2"
				     : "+D"(p), "+c"(words), "=q"(differs)
				     : "a"(pattern) : "cc", "memory");
		if (differs)
			p -= 4;			/* back to the word that differs */
		n -= p - start;
		if (differs)
			return (void *)memchr_inv_bytes(p, c, 4);
	}
	return (void *)memchr_inv_bytes(p, c, n);
}
