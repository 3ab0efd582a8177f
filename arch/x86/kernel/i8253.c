/*
 * The 8253/8254 PIT: channel 0 ticks at HZ on IRQ 0 and drives jiffies;
 * channel 2 (gated through port 0x61) is a one-shot reference for TSC
 * calibration.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/profile.h>
#include <linux-ish/time.h>
#include <asm/io.h>
#include <asm/irq.h>
#include <asm/processor.h>
#include <asm/vdso/vvar.h>

#define PIT_TICK_RATE	1193182		/* Hz */
#define PIT_CH0		0x40
#define PIT_CH2		0x42
#define PIT_MODE	0x43
#define PIT_MODE_CH0_RATE	0x34	/* ch0, lo/hi, mode 2 */
#define PIT_MODE_CH2_ONESHOT	0xb0	/* ch2, lo/hi, mode 0 */
#define PORT_B		0x61
#define PORT_B_GATE2	0x01
#define PORT_B_SPEAKER	0x02
#define PORT_B_OUT2	0x20

#define LATCH		((PIT_TICK_RATE + HZ / 2) / HZ)
#define CALIBRATE_MS	10

unsigned long tsc_khz;
static u64 tsc_base;
static u32 tsc_mult, tsc_shift;	/* ns = cycles * mult >> shift (asm/vdso/vvar.h) */

static void timer_interrupt(unsigned int irq, struct pt_regs *regs)
{
	do_timer(user_mode(regs));
	profile_tick(regs);
}

void pit_init(void)
{
	outb(PIT_MODE_CH0_RATE, PIT_MODE);
	outb(LATCH & 0xff, PIT_CH0);
	outb(LATCH >> 8, PIT_CH0);
	if (request_irq(TIMER_IRQ, timer_interrupt, "timer"))
		panic("pit_init: timer IRQ busy");
}

/*
 * TSC cycles during one CALIBRATE_MS one-shot of PIT channel 2, or 0 if
 * the channel's output never rose (no usable PIT): the wait is bounded
 * by a number of port reads that takes far longer than 10 ms anywhere.
 */
#define CALIBRATE_MAX_READS	2000000UL

static u64 tsc_measure(void)
{
	unsigned int count = PIT_TICK_RATE * CALIBRATE_MS / 1000;
	u8 b = (inb(PORT_B) & ~PORT_B_SPEAKER) | PORT_B_GATE2;
	unsigned long spins = 0;
	u64 t0, t1;

	outb(b & ~PORT_B_GATE2, PORT_B);
	outb(PIT_MODE_CH2_ONESHOT, PIT_MODE);
	outb(count & 0xff, PIT_CH2);
	outb(count >> 8, PIT_CH2);
	outb(b, PORT_B);			/* gate high: count starts */
	t0 = rdtsc();
	while (!(inb(PORT_B) & PORT_B_OUT2))
		if (++spins == CALIBRATE_MAX_READS)
			return 0;
	t1 = rdtsc();
	return t1 - t0;
}

/*
 * The largest shift (at most 32) whose multiplier for @khz still fits in
 * 32 bits: the conversion then loses under 1 ns per second.
 */
static void tsc_set_mult_shift(unsigned long khz)
{
	u32 shift = 32;

	while (shift && ((u64)NSEC_PER_MSEC << shift) / khz > 0xffffffffULL)
		shift--;
	tsc_mult = (u32)(((u64)NSEC_PER_MSEC << shift) / khz);
	tsc_shift = shift;
}

void tsc_calibrate(void)
{
	u64 best = ~0ULL;
	int i;

	if (!(boot_cpu_data.features_edx & X86_FEATURE_TSC))
		return;
	for (i = 0; i < 3; i++) {
		u64 c = tsc_measure();

		if (!c) {
			pr_warn("tsc: PIT channel 2 did not answer; timestamps use jiffies\n");
			return;
		}
		if (c < best)
			best = c;
	}
	tsc_khz = (unsigned long)(best / CALIBRATE_MS);
	if (!tsc_khz)
		return;
	tsc_set_mult_shift(tsc_khz);
	tsc_base = rdtsc();
	pr_info("tsc: %lu.%03lu MHz TSC\n", tsc_khz / 1000, tsc_khz % 1000);
}

bool sched_clock_stable(void)
{
	return tsc_khz != 0;
}

/*
 * Nanoseconds since calibration.  The vDSO computes the same expression
 * from the same parameters (tsc_clock_params), so user-space and kernel
 * clock reads agree exactly.
 */
u64 sched_clock(void)
{
	if (!tsc_khz)
		return 0;
	return vdso_cycles_to_ns(rdtsc() - tsc_base, tsc_mult, tsc_shift);
}

bool tsc_clock_params(u64 *base, u32 *mult, u32 *shift)
{
	if (!tsc_khz)
		return false;
	*base = tsc_base;
	*mult = tsc_mult;
	*shift = tsc_shift;
	return true;
}
