/*
 * panic(), BUG() and WARN().  A panic prints the message and a backtrace,
 * then follows panic=: 0 halts (the default, so the screen stays
 * readable), N > 0 restarts after N seconds, N < 0 restarts at once
 * (under QEMU -no-reboot a restart ends QEMU: that is how `make test`
 * notices a panic quickly).
 */
#include <linux-ish/kernel.h>
#include <linux-ish/sysctl.h>
#include <linux-ish/init.h>
#include <linux-ish/errno.h>
#include <linux-ish/reboot.h>
#include <linux-ish/spinlock.h>
#include <linux-ish/time.h>
#include <asm/bug.h>
#include <asm/irqflags.h>

static int panic_timeout;
static bool in_panic;
unsigned int warn_count;

void panic(const char *fmt, ...)
{
	char buf[256];
	va_list ap;

	local_irq_disable();
	if (in_panic)
		machine_halt();		/* panicking while panicking: stop */
	in_panic = true;
	console_force_unlock();
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	printk(KERN_EMERG "Kernel panic - not syncing: %s\n", buf);
	dump_stack();
	printk(KERN_EMERG "---[ end Kernel panic - not syncing: %s ]---\n", buf);
	if (panic_timeout > 0) {
		printk(KERN_EMERG "Rebooting in %d seconds..\n", panic_timeout);
		mdelay((unsigned long)panic_timeout * 1000);
	}
	if (panic_timeout)
		machine_restart();
	machine_halt();
}

/* The arch's BUG trap prints registers and the backtrace, then panics. */
void __bug(const char *file, int line, const char *func)
{
	printk(KERN_EMERG "kernel BUG at %s:%d! (%s)\n", file, line, func);
	arch_bug_trap();
}

/* kernel.tainted: Linux's bits; Linnet sets TAINT_WARN and TAINT_DIE. */
unsigned long tainted_mask;

void add_taint(unsigned int flag)
{
	tainted_mask |= 1UL << flag;
}

void __warn(const char *file, int line, const char *func, const char *cond)
{
	warn_count++;
	add_taint(TAINT_WARN);
	printk(KERN_WARNING "------------[ cut here ]------------\n");
	printk(KERN_WARNING "WARNING: at %s:%d %s: %s\n", file, line, func, cond);
	dump_stack();
	printk(KERN_WARNING "---[ end trace ]---\n");
}

unsigned int spin_depth;	/* linux-ish/spinlock.h */

void spin_bug(spinlock_t *lock, const char *msg)
{
	console_force_unlock();
	printk(KERN_EMERG "BUG: spinlock %s on CPU#0, lock %s (%p)\n", msg,
	       lock->name, lock);
	BUG();
}

static int __init panic_setup(const char *val)
{
	return kstrtoint(val, 0, &panic_timeout);
}
__setup("panic=", panic_setup);
