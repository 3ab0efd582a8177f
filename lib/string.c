/* Freestanding string, memory and number-parsing helpers. */
#include <linux-ish/kernel.h>
#include <linux-ish/string.h>
#include <linux-ish/errno.h>

#ifndef __HAVE_ARCH_MEMCPY
void *memcpy(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	while (n--)
		*d++ = *s++;
	return dst;
}
#endif

void *memmove(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	if (d <= s || d >= s + n)
		return memcpy(dst, src, n);
	while (n--)
		d[n] = s[n];
	return dst;
}

#ifndef __HAVE_ARCH_MEMSET
void *memset(void *s, int c, size_t n)
{
	unsigned char *p = s;

	while (n--)
		*p++ = (unsigned char)c;
	return s;
}
#endif

#ifndef __HAVE_ARCH_MEMCMP
int memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *p = a, *q = b;

	for (; n; n--, p++, q++)
		if (*p != *q)
			return *p - *q;
	return 0;
}
#endif

#ifndef __HAVE_ARCH_MEMCHR_INV
static const unsigned char *memchr_inv_bytes(const unsigned char *p, unsigned char c,
					     size_t n)
{
	for (; n; n--, p++)
		if (*p != c)
			return p;
	return NULL;
}

/*
 * Returns the first byte in [s, s+n) that is not @c, or NULL if all are.
 * A word at a time in the aligned middle: slab poison checks scan every
 * object they hand out (a task_struct is 3 KiB).
 */
void *memchr_inv(const void *s, int c, size_t n)
{
	const unsigned long pattern = (~0UL / 0xff) * (unsigned char)c;
	const unsigned char *p = s, *hit;
	size_t head = -(unsigned long)p & (sizeof(long) - 1);

	if (head > n)
		head = n;
	hit = memchr_inv_bytes(p, c, head);
	if (hit)
		return (void *)hit;
	p += head;
	n -= head;
	for (; n >= sizeof(long); n -= sizeof(long), p += sizeof(long))
		if (*(const unsigned long *)p != pattern)
			break;		/* the differing byte is in this word */
	return (void *)memchr_inv_bytes(p, c, n);
}
#endif

size_t strlen(const char *s)
{
	const char *p = s;

	while (*p)
		p++;
	return p - s;
}

size_t strnlen(const char *s, size_t max)
{
	size_t n = 0;

	while (n < max && s[n])
		n++;
	return n;
}

int strcmp(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return (unsigned char)*a - (unsigned char)*b;
}

int strncmp(const char *a, const char *b, size_t n)
{
	for (; n; n--, a++, b++) {
		if (*a != *b)
			return (unsigned char)*a - (unsigned char)*b;
		if (!*a)
			break;
	}
	return 0;
}

char *strchr(const char *s, int c)
{
	for (; *s != (char)c; s++)
		if (!*s)
			return NULL;
	return (char *)s;
}

char *strrchr(const char *s, int c)
{
	const char *last = NULL;

	do {
		if (*s == (char)c)
			last = s;
	} while (*s++);
	return (char *)last;
}

/* Copies at most size-1 bytes and always terminates; returns strlen(src). */
size_t strlcpy(char *dst, const char *src, size_t size)
{
	size_t len = strlen(src);

	if (size) {
		size_t n = len >= size ? size - 1 : len;

		memcpy(dst, src, n);
		dst[n] = '\0';
	}
	return len;
}

char *strstr(const char *hay, const char *needle)
{
	size_t n = strlen(needle);

	for (; *hay; hay++)
		if (!strncmp(hay, needle, n))
			return (char *)hay;
	return n ? NULL : (char *)hay;
}

char *skip_spaces(const char *s)
{
	while (*s == ' ' || *s == '\t' || *s == '\n')
		s++;
	return (char *)s;
}

static int digit_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'Z')
		return c - 'A' + 10;
	return 99;
}

/*
 * Parses an unsigned number; base 0 means "0x" hex, leading "0" octal,
 * else decimal; base 16 also accepts "0x".  One trailing newline is
 * allowed.  Returns 0, -EINVAL for no digits or junk, -ERANGE on overflow.
 */
int kstrtoull(const char *s, unsigned int base, unsigned long long *res)
{
	unsigned long long v = 0;
	const char *start;

	bool hex_prefix = s[0] == '0' && (s[1] == 'x' || s[1] == 'X') &&
			  digit_value(s[2]) < 16;

	if (base == 0) {
		base = 10;
		if (hex_prefix)
			base = 16;
		else if (s[0] == '0' && digit_value(s[1]) < 8)
			base = 8;
	}
	if (base == 16 && hex_prefix)
		s += 2;
	for (start = s; *s; s++) {
		unsigned int d = digit_value(*s);

		if (d >= base)
			break;
		if (v > (ULLONG_MAX - d) / base)
			return -ERANGE;
		v = v * base + d;
	}
	if (s == start || (*s && !(s[0] == '\n' && !s[1])))
		return -EINVAL;
	*res = v;
	return 0;
}

int kstrtoul(const char *s, unsigned int base, unsigned long *res)
{
	unsigned long long v;
	int err = kstrtoull(s, base, &v);

	if (err)
		return err;
	if (v > ULONG_MAX)
		return -ERANGE;
	*res = (unsigned long)v;
	return 0;
}

int kstrtol(const char *s, unsigned int base, long *res)
{
	unsigned long v;
	int neg = (*s == '-');
	int err = kstrtoul(s + neg, base, &v);

	if (err)
		return err;
	if (v > (unsigned long)LONG_MAX + neg)
		return -ERANGE;
	*res = neg ? (long)(0UL - v) : (long)v;
	return 0;
}

int kstrtoint(const char *s, unsigned int base, int *res)
{
	long v;
	int err = kstrtol(s, base, &v);

	if (!err)
		*res = (int)v;
	return err;
}

/*
 * Parses a size with an optional K, M or G suffix ("64M").  *end (if not
 * NULL) points just past what was used.  Hex with 0x is accepted.
 */
unsigned long long memparse(const char *s, char **end)
{
	unsigned long long v = 0;
	unsigned int base = 10, d;

	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		s += 2;
	}
	while ((d = digit_value(*s)) < base) {
		if (v > (~0ULL - d) / base)
			v = ~0ULL;		/* saturate: "too much" stays too much */
		else
			v = v * base + d;
		s++;
	}
	switch (*s) {
	case 'G': case 'g':
		v <<= 10;
		/* fall through */
	case 'M': case 'm':
		v <<= 10;
		/* fall through */
	case 'K': case 'k':
		v <<= 10;
		s++;
		break;
	default:
		break;
	}
	if (end)
		*end = (char *)s;
	return v;
}

/*
 * Cuts the next token, up to any byte of @delim, off *@s: the delimiter
 * becomes a NUL and *@s moves past it (NULL after the last token).
 * Returns the token, or NULL once *@s is NULL.
 */
char *strsep(char **s, const char *delim)
{
	char *start = *s, *p;

	if (!start)
		return NULL;
	for (p = start; *p && !strchr(delim, *p); p++)
		;
	*s = *p ? p + 1 : NULL;
	*p = '\0';
	return start;
}

/* The first byte @c among the @n at @s, or NULL. */
void *memchr(const void *s, int c, size_t n)
{
	const unsigned char *p = s;

	for (; n; n--, p++)
		if (*p == (unsigned char)c)
			return (void *)p;
	return NULL;
}
