/*
 * memcpy and memset with the string instructions (asm/string.h says so,
 * and lib/string.c leaves them out).  Four bytes per iteration, then the
 * tail: a page is 1024 iterations, not 4096, which is what the fault and
 * COW rows of make bench measure.
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
