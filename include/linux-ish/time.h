/* Kernel time: jiffies from the timer tick, and a nanosecond boot clock. */
#ifndef _LINUX_ISH_TIME_H
#define _LINUX_ISH_TIME_H

#include <linux-ish/types.h>
#include <uapi/linux-ish/time.h>

#define HZ		CONFIG_HZ
#define MSEC_PER_SEC	1000L
#define NSEC_PER_USEC	1000UL
#define NSEC_PER_MSEC	1000000UL
#define NSEC_PER_SEC	1000000000ULL
#define USEC_PER_SEC	1000000UL
#define TICK_NSEC	((NSEC_PER_SEC + HZ / 2) / HZ)	/* one timer tick, rounded */

/* Incremented by the timer interrupt; read with READ_ONCE. */
extern volatile unsigned long jiffies;

/* Nanoseconds since boot (TSC once calibrated, else jiffies). */
u64 local_clock(void);
/* Arch: nanoseconds since the clock was calibrated, or 0 if no fine clock. */
u64 sched_clock(void);
bool sched_clock_stable(void);

/* Called by the timer interrupt, once per tick. */
/* The timer interrupt; @user: it interrupted user mode. */
void do_timer(bool user);
/* The wall-clock time at boot, in seconds (/proc/stat btime). */
long boot_time_seconds(void);
/* Busy-waits about @us microseconds (calibrated clock or I/O-port delay). */
void udelay(unsigned long us);
void mdelay(unsigned long ms);

void time_init(void);

/* Wall-clock time (seconds since 1970), from the RTC at boot plus uptime. */
long ktime_get_real_seconds(void);
/* Arch: the battery-backed clock, read once at boot (seconds since 1970). */
long rtc_read_seconds(void);
/* Wall clock in ns since 1970, and the boot clock in ns. */
u64 ktime_get_real_ns(void);
/* The bases of both clocks, for the vDSO's data page (kernel/time.c). */
void clock_get_bases(u64 *real_offset_ns, u64 *mono_offset_ns);
/*
 * Sets CLOCK_REALTIME to @ns (the vDSO follows; timerfds are told).
 * 0, or -EINVAL for a time before boot.  Permission is the caller's.
 */
int settime_real(u64 ns);
/* settimeofday's time zone, which gettimeofday reports (kernel/settime.c). */
extern struct kernel_timezone sys_tz;
/* Clock @which now, in ns (CPU-time clocks: current's).  0 or -EINVAL (kernel/sys.c). */
int clock_ns(clockid_t which, u64 *ns);
/* CLOCK_REALTIME was set: timerfds follow it or are cancelled (fs/timerfd.c). */
void timerfd_clock_was_set(void);

#endif
