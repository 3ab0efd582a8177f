/*
 * The vDSO data page ([vvar]) and the clock arithmetic the kernel and the
 * vDSO share, so that a clock read in user space and one read through a
 * system call give the same nanosecond for the same TSC value.  Included
 * by the kernel and by the vDSO: no kernel headers, plain C types.
 *
 * Seqcount invariant: the kernel (the only writer, with interrupts on,
 * never concurrently with itself: updates are serialised by their
 * callers) makes seq odd, writes the fields, makes seq even again, with
 * compiler barriers between (one CPU: program order is enough; SMP will
 * need smp_wmb/smp_rmb here).  A reader copies the fields and retries
 * while seq was odd or changed across the copy, so it never mixes two
 * updates.  The page is mapped read-only into every process.
 */
#ifndef _ASM_X86_VDSO_VVAR_H
#define _ASM_X86_VDSO_VVAR_H

#define VDSO_CLOCKMODE_NONE	0	/* no fine clock: the vDSO makes the system call */
#define VDSO_CLOCKMODE_TSC	1	/* ns = mono_offset_ns + cycles_to_ns(rdtsc() - tsc_base) */

struct vdso_data {
	volatile unsigned int seq;
	unsigned int clock_mode;		/* VDSO_CLOCKMODE_* */
	unsigned long long tsc_base;		/* TSC value at monotonic time mono_offset_ns */
	unsigned long long mono_offset_ns;
	unsigned int mult, shift;		/* ns = (cycles * mult) >> shift, shift <= 32 */
	unsigned long long real_offset_ns;	/* CLOCK_REALTIME - CLOCK_MONOTONIC (never negative) */
	int tz_minuteswest, tz_dsttime;		/* settimeofday's struct timezone */
	unsigned int coarse_res_ns;		/* clock_getres of the *_COARSE clocks: a tick */
};

#define vdso_barrier()	__asm__ __volatile__("" ::: "memory")

/* floor(cycles * mult / 2^shift), exactly, without a 64-bit division. */
static inline unsigned long long vdso_cycles_to_ns(unsigned long long cycles,
						   unsigned int mult, unsigned int shift)
{
	unsigned long long lo = (unsigned long long)(unsigned int)cycles * mult;
	unsigned long long hi = (unsigned long long)(unsigned int)(cycles >> 32) * mult;

	return (lo >> shift) + (hi << (32 - shift));
}

/* @n / @d with the remainder in *@rem: two divl, no libgcc. */
static inline unsigned long long vdso_div_u64_rem(unsigned long long n, unsigned int d,
						  unsigned int *rem)
{
	unsigned int hi = (unsigned int)(n >> 32), lo = (unsigned int)n, qhi, qlo, r;

	qhi = hi / d;
	r = hi % d;
	__asm__("divl %4" : "=a"(qlo), "=d"(r) : "0"(lo), "1"(r), "rm"(d));
	*rem = r;
	return ((unsigned long long)qhi << 32) | qlo;
}

static inline unsigned int vdso_read_begin(const struct vdso_data *vd)
{
	unsigned int seq;

	while ((seq = vd->seq) & 1)
		__asm__ __volatile__("pause");
	vdso_barrier();
	return seq;
}

static inline int vdso_read_retry(const struct vdso_data *vd, unsigned int seq)
{
	vdso_barrier();
	return vd->seq != seq;
}

#endif
