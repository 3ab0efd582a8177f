/*
 * Compiler attributes and the sparse annotations.  Under sparse
 * (__CHECKER__) the address-space markers are real: dereferencing a
 * __user pointer, or mixing a __bitwise type with an integer, is a warning
 * and `make check` fails.  Under gcc they vanish.
 */
#ifndef _LINUX_ISH_COMPILER_H
#define _LINUX_ISH_COMPILER_H

#ifdef __CHECKER__
# define __user		__attribute__((noderef, address_space(__user)))
# define __kernel	__attribute__((address_space(0)))
# define __iomem	__attribute__((noderef, address_space(__iomem)))
# define __force	__attribute__((force))
# define __bitwise	__attribute__((bitwise))
# define __acquires(x)	__attribute__((context(x, 0, 1)))
# define __releases(x)	__attribute__((context(x, 1, 0)))
# define __acquire(x)	__context__(x, 1)
# define __release(x)	__context__(x, -1)
# define __must_hold(x)	__attribute__((context(x, 1, 1)))
# define __cond_lock(x, c)	((c) ? ({ __acquire(x); 1; }) : 0)
#else
# define __user
# define __kernel
# define __iomem
# define __force
# define __bitwise
# define __acquires(x)
# define __releases(x)
# define __acquire(x)	((void)0)
# define __release(x)	((void)0)
# define __must_hold(x)
# define __cond_lock(x, c)	(c)
#endif

#define __always_inline	inline __attribute__((always_inline))
#define noinline	__attribute__((noinline))
#define __noreturn	__attribute__((noreturn))
#define __packed	__attribute__((packed))
#define __aligned(x)	__attribute__((aligned(x)))
#define __section(s)	__attribute__((section(s)))
#define __used		__attribute__((used))
#define __unused	__attribute__((unused))
#define __maybe_unused	__attribute__((unused))
#define __weak		__attribute__((weak))
#define __printf(a, b)	__attribute__((format(printf, a, b)))
#define __cold		__attribute__((cold))

#define likely(x)	__builtin_expect(!!(x), 1)
#define unlikely(x)	__builtin_expect(!!(x), 0)

#define barrier()	__asm__ __volatile__("" : : : "memory")

#define READ_ONCE(x)	(*(const volatile __typeof__(x) *)&(x))
#define WRITE_ONCE(x, v) do { *(volatile __typeof__(x) *)&(x) = (v); } while (0)

#define __stringify_1(x)	#x
#define __stringify(x)		__stringify_1(x)

#endif
