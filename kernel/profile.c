/*
 * The sampling profiler: Linux's profile=<shift> and /proc/profile.
 *
 * With profile=<shift> on the command line, prof_buffer holds one
 * counter per 2^shift bytes of kernel text (_text to _etext), plus one
 * more counter at the end for samples that are not kernel text: user
 * mode (the vDSO included) and any EIP outside the text.  Each sample
 * adds one to the counter of the EIP the sampling interrupt
 * interrupted.  Samples come from the timer tick (HZ a second, Linux's
 * source) or, with profile_hz=<n>, from the RTC's periodic interrupt at
 * n Hz instead (asm/rtc.h): at HZ=100 a benchmark of 100M instructions
 * under -icount lasts 0.1 virtual seconds and gets 10 ticks.
 *
 * A sampling interrupt cannot arrive while interrupts are off, so time
 * spent with interrupts off is counted at the instruction that turns
 * them back on (as for Linux's timer-based profile).
 *
 * /proc/profile (fs/proc/profile.c) reads as 32-bit words: first the
 * step, 1 << shift (readprofile's header), then the counters.  Writing
 * anything but sizeof(int) bytes zeroes them; sizeof(int) bytes would
 * set a timer multiplier, which x86 Linux refuses with -EINVAL, and so
 * do we.
 *
 * Locking: counters are incremented from IRQ context on the one CPU and
 * read or zeroed without a lock; a read is a snapshot that may be a few
 * samples out, as Linux's is.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/errno.h>
#include <linux-ish/init.h>
#include <linux-ish/mm.h>
#include <linux-ish/slab.h>
#include <linux-ish/profile.h>
#include <linux-ish/string.h>
#include <linux-ish/time.h>
#include <linux-ish/uaccess.h>
#include <asm/rtc.h>
#include <asm/setup.h>

#define PROF_MAX_SHIFT	31
#define PROF_WORD	sizeof(unsigned int)

static bool prof_requested;		/* profile= was given */
static unsigned int prof_shift;
static unsigned int prof_hz;		/* 0: sample on the tick */
static unsigned int *prof_buffer;	/* prof_len counters, or NULL: off */
static unsigned long prof_len;		/* text counters + 1 (not text) */
static bool prof_rtc;			/* the RTC samples, not the tick */

/* profile=<shift>: Linux's "schedule,", "sleep," and "kvm," are not offered. */
static int __init profile_setup(const char *val)
{
	unsigned long shift;

	if (kstrtoul(val, 10, &shift) || shift > PROF_MAX_SHIFT)
		return -EINVAL;
	prof_shift = shift;
	prof_requested = true;
	return 0;
}
__setup("profile=", profile_setup);

/* profile_hz=<n>: sample n times a second with the RTC (a power of two, 2..8192). */
static int __init profile_hz_setup(const char *val)
{
	unsigned long hz;

	if (kstrtoul(val, 10, &hz) || (hz && (hz < RTC_PERIODIC_MIN_HZ ||
	    hz > RTC_PERIODIC_MAX_HZ || (hz & (hz - 1)))))
		return -EINVAL;
	prof_hz = hz;
	return 0;
}
__setup("profile_hz=", profile_hz_setup);

unsigned long profile_index(unsigned long ip, bool user)
{
	unsigned long text = (unsigned long)_text;

	if (user || ip < text || ((ip - text) >> prof_shift) >= prof_len - 1)
		return prof_len - 1;
	return (ip - text) >> prof_shift;
}

static void profile_hit(struct pt_regs *regs)
{
	prof_buffer[profile_index(regs->ip, user_mode(regs))]++;
}

void profile_tick(struct pt_regs *regs)
{
	if (prof_buffer && !prof_rtc)
		profile_hit(regs);
}

static void profile_rtc_irq(unsigned int irq, struct pt_regs *regs)
{
	profile_hit(regs);
}

void profile_init(void)
{
	unsigned long text = (unsigned long)_etext - (unsigned long)_text;
	unsigned long len = ((text + (1UL << prof_shift) - 1) >> prof_shift) + 1;
	unsigned int *buf;

	if (!prof_requested)
		return;
	buf = kzalloc(len * PROF_WORD, GFP_KERNEL);
	if (!buf) {
		pr_warn("profile: no memory for %lu counters; profiling off\n", len);
		return;
	}
	prof_len = len;
	prof_buffer = buf;
	if (prof_hz && !rtc_periodic_start(prof_hz, profile_rtc_irq))
		prof_rtc = true;
	pr_info("kernel profiling enabled (shift: %u, %lu counters, %u samples/s from the %s)\n",
		prof_shift, len, prof_rtc ? prof_hz : HZ, prof_rtc ? "RTC" : "timer tick");
}

bool profile_enabled(void)
{
	return prof_buffer != NULL;
}

unsigned long profile_nr_counters(void)
{
	return prof_len;
}

unsigned int profile_counter(unsigned long i)
{
	return i < prof_len ? READ_ONCE(prof_buffer[i]) : 0;
}

size_t profile_size(void)
{
	return prof_buffer ? (prof_len + 1) * PROF_WORD : 0;
}

/* The step word's bytes first, then the counters' bytes, from *@pos on. */
ssize_t profile_read(char __user *buf, size_t count, loff_t *pos)
{
	unsigned int step = 1U << prof_shift;
	size_t size = profile_size(), done = 0;

	if (*pos < 0)
		return -EINVAL;
	if ((u64)*pos >= size)
		return 0;
	count = min_t(u64, count, size - *pos);
	if (*pos < PROF_WORD) {
		done = min_t(size_t, count, PROF_WORD - *pos);
		if (copy_to_user(buf, (char *)&step + *pos, done))
			return -EFAULT;
	}
	if (count > done &&
	    copy_to_user(buf + done, (char *)prof_buffer + (*pos + done - PROF_WORD), count - done)) {
		*pos += done;
		return done ? (ssize_t)done : -EFAULT;
	}
	*pos += count;
	return count;
}

ssize_t profile_write(const char __user *buf, size_t count)
{
	if (count == sizeof(int))
		return -EINVAL;
	memset(prof_buffer, 0, prof_len * PROF_WORD);
	return count;
}
