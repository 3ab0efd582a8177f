/*
 * /dev/rtc0: Linux's RTC character device on the PC's CMOS clock
 * (asm/mc146818rtc.h), as Linux's rtc-cmos with its rtc-dev interface
 * behaves (Documentation/driver-api/rtc.md).  One opener at a time.
 *
 * Interrupts (IRQ 8) add up in irq_data until read() takes them:
 * (count << 8) | RTC_IRQF | RTC_PF/AF/UF.  Update interrupts (UIE) are
 * the chip's own, once a second.  The alarm (AIE) is a full date and
 * time: the chip's daily hh:mm:ss alarm fires and the handler checks the
 * date, as Linux's timer queue does; an alarm already due when enabled
 * fires at once.  Periodic interrupts (PIE) accept 1..8192 Hz as Linux's
 * hrtimer emulation does: the chip runs at the next power of two and
 * the handler passes on @freq of every @hw_rate of its ticks.
 *
 * Locking: ops_lock (a mutex) serialises open, release and the ioctls,
 * which change the settings; irq_queue.lock (IRQ-safe) covers every
 * field the interrupt handler reads or writes (marked "irq").  The chip's
 * registers have rtc_lock, taken inside irq_queue.lock, never around it.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/cred.h>
#include <linux-ish/errno.h>
#include <linux-ish/fs.h>
#include <linux-ish/mutex.h>
#include <linux-ish/poll.h>
#include <linux-ish/rtc.h>
#include <linux-ish/sched.h>
#include <linux-ish/uaccess.h>
#include <asm/irq.h>
#include <asm/mc146818rtc.h>
#include <asm/rtc.h>
#include <uapi/linux-ish/capability.h>
#include "rtc-core.h"

static struct {
	struct mutex ops_lock;
	bool busy;			/* open (ops_lock) */
	struct wait_queue_head irq_queue;	/* readers and pollers */
	unsigned long irq_data;		/* irq */
	bool uie, pie, aie;		/* irq: what the opener turned on */
	unsigned int freq;		/* irq: RTC_IRQP_SET's rate */
	unsigned int hw_rate;		/* irq: the chip's rate, a power of two >= freq */
	unsigned int pie_acc;		/* irq: freq added per chip tick, mod hw_rate */
	s64 alarm;			/* irq: seconds since 1970 */
} rtc = {
	.freq = RTC_DEFAULT_FREQ,
	.hw_rate = RTC_DEFAULT_FREQ,
};

/* Adds @n interrupts of kind @kind and wakes the readers.  irq_queue.lock held. */
static void rtc_add_events(unsigned long n, unsigned int kind)
{
	rtc.irq_data = (rtc.irq_data + (n << 8)) | RTC_IRQF | kind;
}

/* The periodic ticks of one chip interrupt that the opener's rate passes on.  Lock held. */
static unsigned int pie_ticks(void)
{
	rtc.pie_acc += rtc.freq;
	if (rtc.pie_acc < rtc.hw_rate)
		return 0;
	rtc.pie_acc -= rtc.hw_rate;
	return 1;
}

/* Fires the alarm if it is enabled and due at @now.  irq_queue.lock held. */
static bool alarm_check(s64 now)
{
	if (!rtc.aie || now < rtc.alarm)
		return false;
	rtc.aie = false;
	mc146818_irq_enable(RTC_AIE, 0);
	rtc_add_events(1, RTC_AF);
	return true;
}

static void rtc_interrupt(unsigned int irq, struct pt_regs *regs)
{
	u8 fired = mc146818_ack_irq();
	bool wake = false;
	unsigned int n;
	s64 now = 0;

	if (fired & RTC_AF)
		now = rtc_read_time64();
	spin_lock(&rtc.irq_queue.lock);
	if ((fired & RTC_UF) && rtc.uie) {
		rtc_add_events(1, RTC_UF);
		wake = true;
	}
	if ((fired & RTC_AF) && alarm_check(now))
		wake = true;
	if ((fired & RTC_PF) && rtc.pie && (n = pie_ticks())) {
		rtc_add_events(n, RTC_PF);
		wake = true;
	}
	spin_unlock(&rtc.irq_queue.lock);
	if (wake)
		wake_up(&rtc.irq_queue);
}

/* Takes the interrupts gathered since the last read (0: none). */
static unsigned long rtc_take_data(bool take)
{
	unsigned long flags, data;

	spin_lock_irqsave(&rtc.irq_queue.lock, flags);
	data = rtc.irq_data;
	if (take)
		rtc.irq_data = 0;
	spin_unlock_irqrestore(&rtc.irq_queue.lock, flags);
	return data;
}

static ssize_t rtc_dev_read(struct file *f, char __user *buf, size_t count, loff_t *pos)
{
	unsigned long data;

	if (count < sizeof(unsigned long))
		return -EINVAL;
	while (!(data = rtc_take_data(true))) {
		if (f->f_flags & O_NONBLOCK)
			return -EAGAIN;
		if (wait_event_interruptible(rtc.irq_queue, rtc_take_data(false)))
			return -ERESTARTSYS;
	}
	/* As Linux: a bad buffer loses what was taken. */
	return put_user(data, (unsigned long __user *)buf) ? -EFAULT : sizeof(data);
}

static __poll_t rtc_dev_poll(struct file *f, struct poll_table_struct *pt)
{
	poll_wait(f, &rtc.irq_queue, pt);
	return rtc_take_data(false) ? POLLIN | POLLRDNORM : 0;
}

/* Runs @stmt with irq_queue.lock held, interrupts off. */
#define with_irq_lock(stmt) do {					\
	unsigned long __flags;						\
	spin_lock_irqsave(&rtc.irq_queue.lock, __flags);		\
	stmt;								\
	spin_unlock_irqrestore(&rtc.irq_queue.lock, __flags);		\
} while (0)

void rtc_uie_enable(bool on)
{
	with_irq_lock(rtc.uie = on; mc146818_irq_enable(RTC_UIE, on ? RTC_UIE : 0));
}

void rtc_pie_enable(bool on)
{
	with_irq_lock(rtc.pie = on; rtc.pie_acc = 0;
		      mc146818_irq_enable(RTC_PIE, on ? RTC_PIE : 0));
}

/* The periodic rate, 1..RTC_MAX_FREQ (checked by the caller). */
void rtc_set_freq(unsigned int freq)
{
	unsigned int hw = 2;

	while (hw < freq)
		hw <<= 1;
	with_irq_lock(rtc.freq = freq; rtc.hw_rate = hw; rtc.pie_acc = 0;
		      mc146818_set_rate(hw));
}

unsigned int rtc_get_freq(void)
{
	return READ_ONCE(rtc.freq);
}

/*
 * The alarm: @when, enabled or not.  Enabled and already due at the
 * chip's time, it fires at once; otherwise the chip's daily alarm is set
 * to its hh:mm:ss.
 */
void rtc_set_alarm(s64 when, bool enabled)
{
	s64 now = rtc_read_time64();
	struct rtc_time tm;
	bool wake = false;

	rtc_time64_to_tm(when, &tm);
	with_irq_lock(
		rtc.alarm = when;
		rtc.aie = false;
		mc146818_irq_enable(RTC_AIE, 0);
		if (enabled) {
			rtc.aie = true;
			wake = alarm_check(now);
			if (!wake) {
				mc146818_set_alarm(tm.tm_hour, tm.tm_min, tm.tm_sec);
				mc146818_irq_enable(RTC_AIE, RTC_AIE);
			}
		});
	if (wake)
		wake_up(&rtc.irq_queue);
}

void rtc_get_alarm(s64 *when, bool *enabled)
{
	with_irq_lock(*when = rtc.alarm; *enabled = rtc.aie);
}

/* RTC_AIE_ON/OFF: the alarm as it was set, enabled or not. */
void rtc_aie_enable(bool on)
{
	s64 when;
	bool was;

	rtc_get_alarm(&when, &was);
	if (was != on)
		rtc_set_alarm(when, on);
}

/* After the clock was set: an enabled alarm now due fires. */
void rtc_time_changed(void)
{
	s64 now = rtc_read_time64();
	bool wake = false;

	with_irq_lock(wake = alarm_check(now));
	if (wake)
		wake_up(&rtc.irq_queue);
}

s64 rtc_read_time64(void)
{
	struct rtc_time tm;

	mc146818_get_time(&tm);
	return rtc_tm_to_time64(&tm);
}

static int rtc_dev_open(struct inode *inode, struct file *f)
{
	int err = 0;

	mutex_lock(&rtc.ops_lock);
	if (rtc.busy)
		err = -EBUSY;
	else {
		rtc.busy = true;
		with_irq_lock(rtc.irq_data = 0);
	}
	mutex_unlock(&rtc.ops_lock);
	return err;
}

/* As Linux: closing ends update and periodic interrupts; the alarm stays. */
static int rtc_dev_release(struct inode *inode, struct file *f)
{
	mutex_lock(&rtc.ops_lock);
	rtc_uie_enable(false);
	rtc_pie_enable(false);
	rtc.busy = false;
	mutex_unlock(&rtc.ops_lock);
	return 0;
}

static long rtc_dev_ioctl(struct file *f, unsigned int cmd, unsigned long arg)
{
	long ret;

	mutex_lock(&rtc.ops_lock);
	ret = rtc_ioctl(cmd, arg);
	mutex_unlock(&rtc.ops_lock);
	return ret;
}

static loff_t rtc_dev_llseek(struct file *f, loff_t offset, int whence)
{
	return -ESPIPE;
}

static const struct file_operations rtc_dev_fops = {
	.open = rtc_dev_open,
	.release = rtc_dev_release,
	.read = rtc_dev_read,
	.poll = rtc_dev_poll,
	.ioctl = rtc_dev_ioctl,
	.llseek = rtc_dev_llseek,
};

/*
 * The alarm found at boot, as Linux completes it: the chip's daily
 * hh:mm:ss, today or, if that is past, tomorrow; disabled.
 */
static s64 boot_alarm(void)
{
	unsigned int hour, min, sec;
	struct rtc_time tm;
	s64 now = rtc_read_time64(), when;

	mc146818_get_alarm(&hour, &min, &sec);
	rtc_time64_to_tm(now, &tm);
	tm.tm_hour = hour;
	tm.tm_min = min;
	tm.tm_sec = sec;
	if (rtc_valid_tm(&tm))
		return 0;
	when = rtc_tm_to_time64(&tm);
	return when < now ? when + 24 * 60 * 60 : when;
}

void rtc_dev_init(void)
{
	int err;

	if (rtc_periodic_active()) {
		pr_info("rtc: IRQ 8 samples for the profiler (profile_hz=): no /dev/rtc0\n");
		return;
	}
	rtc.alarm = boot_alarm();
	mutex_init(&rtc.ops_lock);
	init_waitqueue_head(&rtc.irq_queue);
	mc146818_irq_enable(RTC_PIE | RTC_AIE | RTC_UIE, 0);
	mc146818_set_rate(RTC_DEFAULT_FREQ);
	mc146818_ack_irq();
	err = request_irq(RTC_IRQ, rtc_interrupt, "rtc0");
	if (!err)
		err = register_chrdev(RTC_MAJOR, 0, "rtc0", 0600, &rtc_dev_fops);
	if (err)
		pr_warn("rtc: no /dev/rtc0 (%d)\n", err);
	else
		pr_info("rtc: /dev/rtc0 on the CMOS clock, IRQ %d\n", RTC_IRQ);
}
