/* Small helpers every kernel file wants. */
#ifndef _LINUX_ISH_KERNEL_H
#define _LINUX_ISH_KERNEL_H

#include <linux-ish/types.h>
#include <linux-ish/printk.h>
#include <linux-ish/bug.h>

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

#define container_of(ptr, type, member) \
	((type *)((char *)(ptr) - offsetof(type, member)))

#define BITS_PER_LONG		(8 * (int)sizeof(long))
#define ALIGN(x, a)		(((x) + ((a) - 1)) & ~((__typeof__(x))(a) - 1))
#define ALIGN_DOWN(x, a)	((x) & ~((__typeof__(x))(a) - 1))
#define IS_ALIGNED(x, a)	(((x) & ((__typeof__(x))(a) - 1)) == 0)
#define DIV_ROUND_UP(n, d)	(((n) + (d) - 1) / (d))

#define min(a, b) ({ __typeof__(a) _a = (a); __typeof__(b) _b = (b); _a < _b ? _a : _b; })
#define max(a, b) ({ __typeof__(a) _a = (a); __typeof__(b) _b = (b); _a > _b ? _a : _b; })
#define max3(a, b, c) ({ __typeof__(a) _m3 = max(a, b); max(_m3, c); })
#define min_t(t, a, b)	min((t)(a), (t)(b))
#define max_t(t, a, b)	max((t)(a), (t)(b))

#define INT_MAX		0x7fffffff
#define UINT_MAX	0xffffffffU
#define ULONG_MAX	0xffffffffUL
#define SIZE_MAX	((size_t)~(size_t)0)
#define ULLONG_MAX	0xffffffffffffffffULL
#define LONG_MAX	0x7fffffffL

#define KB(x)	((x) << 10)
#define MB(x)	((x) << 20)

/* lib/string.c: number parsing shared by the command line and tests */
int kstrtoul(const char *s, unsigned int base, unsigned long *res);
int kstrtoull(const char *s, unsigned int base, unsigned long long *res);
int kstrtol(const char *s, unsigned int base, long *res);
int kstrtoint(const char *s, unsigned int base, int *res);
unsigned long long memparse(const char *s, char **end);

#endif
