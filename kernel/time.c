/*
 * Kernel time.  jiffies counts timer ticks since boot; local_clock() is
 * the fine clock (TSC after calibration) for printk timestamps and
 * delays, offset so that it starts where jiffies had got to.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/errno.h>
#include <linux-ish/posix-timers.h>
#include <linux-ish/sched.h>
#include <linux-ish/time.h>
#include <linux-ish/timer.h>
#include <asm/irq.h>
#include <asm/irqflags.h>
#include <asm/vdso.h>
#include <asm/io.h>
#include <asm/processor.h>

volatile unsigned long jiffies;
/*
 * CLOCK_REALTIME - local_clock(), never negative (the RTC at boot, then
 * what settime_real() makes it).  Written with IRQs off (timer callbacks
 * read it), read freely in process context (no preemption).
 */
static u64 real_offset_ns;

u64 ktime_get_real_ns(void)
{
	return real_offset_ns + local_clock();
}

long ktime_get_real_seconds(void)
{
	return (long)(ktime_get_real_ns() / NSEC_PER_SEC);
}
static u64 clock_offset_ns;	/* jiffies time when the fine clock started */

/*
 * What the vDSO needs to compute the clocks exactly as local_clock() and
 * ktime_get_real_ns() do: the realtime-monotonic distance and the
 * monotonic time at which the fine clock started.
 */
void clock_get_bases(u64 *real_offset, u64 *mono_offset_ns)
{
	*real_offset = real_offset_ns;
	*mono_offset_ns = clock_offset_ns;
}

/* See linux-ish/time.h. */
int settime_real(u64 ns)
{
	unsigned long flags;
	u64 mono = local_clock();

	if (ns < mono)
		return -EINVAL;		/* before boot: Linux's wall_to_monotonic rule */
	local_irq_save(flags);
	real_offset_ns = ns - mono;
	local_irq_restore(flags);
	vdso_update_time();
	timerfd_clock_was_set();
	return 0;
}

/*
 * How many ticks this timer interrupt stands for.  With a calibrated TSC,
 * jiffies follow local_clock(): an emulated PIT loses ticks when the
 * host is busy (QEMU's TCG skips periods it was late for; at HZ 1000 a
 * millisecond is easily missed), and jiffies that fell behind would make
 * every tick-based sleep longer and CPU time short.  So each interrupt
 * brings jiffies up to local_clock() / TICK_NSEC -- none when the PIT ran
 * a little ahead of the TSC, several after a gap -- as Linux derives
 * jiffies from its clocksource.  Interrupt context, IRQs off.
 */
static unsigned long ticks_due(void)
{
	long due;

	if (!sched_clock_stable())
		return 1;
	due = (long)(local_clock() / TICK_NSEC) - (long)jiffies;
	return due > 0 ? (unsigned long)due : 0;
}

/* The timer interrupt: time, expired timers, the running task's slice and CPU time. */
void do_timer(bool user)
{
	unsigned long n = ticks_due();

	if (!n)
		return;
	jiffies += n;
	run_timers();
	scheduler_tick(user, n);
	posix_cpu_timers_tick(user);
}

long boot_time_seconds(void)
{
	return (long)(real_offset_ns / NSEC_PER_SEC);
}

u64 local_clock(void)
{
	if (sched_clock_stable())
		return clock_offset_ns + sched_clock();
	return (u64)jiffies * (NSEC_PER_SEC / HZ);
}

void udelay(unsigned long us)
{
	u64 end;

	if (!sched_clock_stable()) {
		while (us--)
			io_delay();
		return;
	}
	end = local_clock() + (u64)us * NSEC_PER_USEC;
	while (local_clock() < end)
		cpu_relax();
}

void mdelay(unsigned long ms)
{
	while (ms--)
		udelay(1000);
}

void time_init(void)
{
	real_offset_ns = (u64)rtc_read_seconds() * NSEC_PER_SEC;
	pit_init();
	clock_offset_ns = (u64)jiffies * (NSEC_PER_SEC / HZ);
	tsc_calibrate();
}
