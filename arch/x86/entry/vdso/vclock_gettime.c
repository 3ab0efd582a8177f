/*
 * The vDSO's clocks: clock_gettime (32- and 64-bit time), gettimeofday,
 * time and clock_getres answered in user space from the data page
 * ([vvar], asm/vdso/vvar.h) and the TSC, with the kernel's own
 * arithmetic.  A clock the page cannot answer (no TSC clock, CPU-time
 * clocks, unknown ids) is handed to the system call, whose result --
 * 0 or -errno, as every vDSO function returns -- comes back unchanged.
 * Position-independent, no libc, no stack protector, no relocations.
 */
#include <asm/vdso/vvar.h>

#define NSEC_PER_SEC	1000000000U

#define CLOCK_REALTIME		0
#define CLOCK_MONOTONIC		1
#define CLOCK_MONOTONIC_RAW	4
#define CLOCK_REALTIME_COARSE	5
#define CLOCK_MONOTONIC_COARSE	6
#define CLOCK_BOOTTIME		7

#define NR_time			13
#define NR_gettimeofday		78
#define NR_clock_gettime	265
#define NR_clock_getres		266
#define NR_clock_gettime64	403

struct old_timespec32 { int tv_sec, tv_nsec; };
struct kernel_timespec64 { long long tv_sec, tv_nsec; };
struct old_timeval32 { int tv_sec, tv_usec; };
struct kernel_timezone { int tz_minuteswest, tz_dsttime; };

/* The exported entry points (vdso32.lds gives them their versions). */
int __vdso_clock_gettime(int clock, struct old_timespec32 *ts);
int __vdso_clock_gettime64(int clock, struct kernel_timespec64 *ts);
int __vdso_gettimeofday(struct old_timeval32 *tv, struct kernel_timezone *tz);
int __vdso_time(int *t);
int __vdso_clock_getres(int clock, struct old_timespec32 *res);

/* The data page, one page below the code (vdso32.lds). */
extern const struct vdso_data vvar_page __attribute__((visibility("hidden")));

static long vdso_syscall2(long nr, long a, long b)
{
	long ret;

	__asm__ __volatile__("int $0x80" : "=a"(ret) : "0"(nr), "b"(a), "c"(b) : "memory");
	return ret;
}

static unsigned long long vdso_rdtsc(void)
{
	unsigned long long t;

	__asm__ __volatile__("rdtsc" : "=A"(t));
	return t;
}

static int clock_from_page(int clock)
{
	switch (clock) {
	case CLOCK_REALTIME: case CLOCK_REALTIME_COARSE:
	case CLOCK_MONOTONIC: case CLOCK_MONOTONIC_RAW:
	case CLOCK_MONOTONIC_COARSE: case CLOCK_BOOTTIME:
		return 1;
	}
	return 0;
}

/*
 * Reads @clock as *@sec, *@nsec.  0, or -1 if the page cannot answer
 * (the caller then makes the system call).
 */
static int do_clock(int clock, long long *sec, unsigned int *nsec)
{
	const struct vdso_data *vd = &vvar_page;
	unsigned long long ns;
	unsigned long long real;
	unsigned int seq;

	if (!clock_from_page(clock))
		return -1;
	do {
		seq = vdso_read_begin(vd);
		if (vd->clock_mode != VDSO_CLOCKMODE_TSC)
			return -1;
		ns = vd->mono_offset_ns +
		     vdso_cycles_to_ns(vdso_rdtsc() - vd->tsc_base, vd->mult, vd->shift);
		real = vd->real_offset_ns;
	} while (vdso_read_retry(vd, seq));
	if (clock == CLOCK_REALTIME || clock == CLOCK_REALTIME_COARSE)
		ns += real;		/* as ktime_get_real_ns() */
	*sec = (long long)vdso_div_u64_rem(ns, NSEC_PER_SEC, nsec);
	return 0;
}

int __vdso_clock_gettime(int clock, struct old_timespec32 *ts)
{
	long long sec;
	unsigned int nsec;

	if (do_clock(clock, &sec, &nsec))
		return vdso_syscall2(NR_clock_gettime, clock, (long)ts);
	ts->tv_sec = (int)sec;
	ts->tv_nsec = (int)nsec;
	return 0;
}

int __vdso_clock_gettime64(int clock, struct kernel_timespec64 *ts)
{
	long long sec;
	unsigned int nsec;

	if (do_clock(clock, &sec, &nsec))
		return vdso_syscall2(NR_clock_gettime64, clock, (long)ts);
	ts->tv_sec = sec;
	ts->tv_nsec = nsec;
	return 0;
}

int __vdso_gettimeofday(struct old_timeval32 *tv, struct kernel_timezone *tz)
{
	long long sec;
	unsigned int nsec;

	if (tv && do_clock(CLOCK_REALTIME, &sec, &nsec))
		return vdso_syscall2(NR_gettimeofday, (long)tv, (long)tz);
	if (tv) {
		tv->tv_sec = (int)sec;
		tv->tv_usec = (int)(nsec / 1000);
	}
	if (tz) {		/* settimeofday's, kept for this (the kernel does not use it) */
		tz->tz_minuteswest = vvar_page.tz_minuteswest;
		tz->tz_dsttime = vvar_page.tz_dsttime;
	}
	return 0;
}

int __vdso_time(int *t)
{
	long long sec;
	unsigned int nsec;

	if (do_clock(CLOCK_REALTIME, &sec, &nsec))
		return vdso_syscall2(NR_time, (long)t, 0);
	if (t)
		*t = (int)sec;
	return (int)sec;
}

/* Linux's answers: 1 ns for the fine clocks, a tick for the coarse ones. */
int __vdso_clock_getres(int clock, struct old_timespec32 *res)
{
	unsigned int ns;

	if (!clock_from_page(clock))
		return vdso_syscall2(NR_clock_getres, clock, (long)res);
	ns = (clock == CLOCK_REALTIME_COARSE || clock == CLOCK_MONOTONIC_COARSE) ?
	     vvar_page.coarse_res_ns : 1;
	if (res) {
		res->tv_sec = 0;
		res->tv_nsec = (int)ns;
	}
	return 0;
}
