/* Atomic integers: lock-prefixed so they stay correct on SMP. */
#ifndef _ASM_X86_ATOMIC_H
#define _ASM_X86_ATOMIC_H

#include <linux-ish/types.h>

#define ATOMIC_INIT(i)	{ (i) }

static inline int atomic_read(const atomic_t *v)
{
	return READ_ONCE(v->counter);
}

static inline void atomic_set(atomic_t *v, int i)
{
	WRITE_ONCE(v->counter, i);
}

static inline void atomic_add(int i, atomic_t *v)
{
	__asm__ __volatile__("lock; addl %1, %0" : "+m"(v->counter) : "ir"(i) : "memory");
}

static inline void atomic_inc(atomic_t *v)	{ atomic_add(1, v); }
static inline void atomic_dec(atomic_t *v)	{ atomic_add(-1, v); }

/* Adds @i and returns the new value. */
static inline int atomic_add_return(int i, atomic_t *v)
{
	int old = i;

	__asm__ __volatile__("lock; xaddl %0, %1"
			     : "+r"(old), "+m"(v->counter) : : "memory");
	return old + i;
}

static inline int atomic_inc_return(atomic_t *v)	{ return atomic_add_return(1, v); }
static inline int atomic_dec_return(atomic_t *v)	{ return atomic_add_return(-1, v); }
static inline bool atomic_dec_and_test(atomic_t *v)	{ return atomic_dec_return(v) == 0; }

/* If *v == old, store new.  Returns the value seen before. */
static inline int atomic_cmpxchg(atomic_t *v, int old, int new)
{
	int prev;

	__asm__ __volatile__("lock; cmpxchgl %2, %1"
			     : "=a"(prev), "+m"(v->counter)
			     : "r"(new), "0"(old) : "memory");
	return prev;
}

static inline unsigned long xchg_ulong(volatile unsigned long *p, unsigned long v)
{
	__asm__ __volatile__("xchgl %0, %1" : "+r"(v), "+m"(*p) : : "memory");
	return v;
}

#endif
