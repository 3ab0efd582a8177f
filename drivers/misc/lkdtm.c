/*
 * lkdtm: crash the kernel on purpose, to see (and test) what each kind
 * of kernel failure looks like.  lkdtm=TYPE on the command line fires once,
 * at the end of boot:
 *   PANIC         panic()
 *   BUG           BUG(): "kernel BUG at", invalid-opcode dump, panic
 *   WARNING       WARN_ON(): a report and a backtrace, then boot goes on
 *   NULL          a NULL pointer read: page-fault oops, panic
 *   DOUBLE_FAULT  a fault with the stack pointer on an unmapped page: the
 *                 CPU cannot deliver it, the double-fault task reports
 *   OVERFLOW      unbounded recursion into the boot stack's guard page
 *   WRITE_RO      a write to kernel text, which is mapped read-only
 *   HUNG_TASK     a kernel thread sleeps uninterruptibly for ever; boot
 *                 waits 5 s for khungtaskd to report it (use with
 *                 hung_task_timeout_secs= below 5), then goes on
 * `make test` boots with each to prove that failures are caught.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/init.h>
#include <linux-ish/lkdtm.h>
#include <linux-ish/sched.h>
#include <linux-ish/time.h>
#include <linux-ish/string.h>

static const char *lkdtm_type;

static noinline void lkdtm_panic(void)
{
	panic("lkdtm: PANIC requested");
}

static noinline void lkdtm_bug(void)
{
	BUG();
}

static noinline void lkdtm_warning(void)
{
	WARN_ON(lkdtm_type != NULL);
}

static noinline void lkdtm_null(void)
{
	volatile int *p = NULL;

	/* cppcheck-suppress nullPointer ; the point of the exercise */
	printk(KERN_INFO "lkdtm: read from NULL returned %d\n", *p);
}

/* Recurses with 512-byte frames until the boot stack's guard page. */
static volatile int lkdtm_recurse_limit = INT_MAX;

static noinline int lkdtm_recurse(int depth)
{
	volatile char frame[512];

	frame[0] = (char)depth;
	if (depth >= lkdtm_recurse_limit)	/* never: hides the recursion from gcc */
		return 0;
	return lkdtm_recurse(depth + 1) + frame[0];
}

static noinline void lkdtm_overflow(void)
{
	printk(KERN_INFO "lkdtm: never returns %d\n", lkdtm_recurse(0));
}

static noinline void lkdtm_write_ro(void)
{
	volatile unsigned char *text = (volatile unsigned char *)lkdtm_panic;

	*text = 0xc3;
}

static noinline void lkdtm_double_fault(void)
{
	/* Page 0 is unmapped: the push faults, and the #PF frame cannot be pushed. */
	__asm__ __volatile__("movl $0x1000, %%esp; pushl $0" : : : "memory");
}

static noinline int lkdtm_hung_thread(void *unused)
{
	set_current_state(TASK_UNINTERRUPTIBLE);
	schedule();			/* nobody wakes us */
	return 0;
}

static noinline void lkdtm_hung_task(void)
{
	if (!kthread_run(lkdtm_hung_thread, NULL, "lkdtm-hung"))
		pr_err("lkdtm: cannot start the thread\n");
	set_current_state(TASK_INTERRUPTIBLE);
	schedule_timeout(5 * HZ);
}

static const struct {
	const char *name;
	void (*fn)(void);
} lkdtm_types[] = {
	{ "PANIC", lkdtm_panic },
	{ "BUG", lkdtm_bug },
	{ "WARNING", lkdtm_warning },
	{ "NULL", lkdtm_null },
	{ "DOUBLE_FAULT", lkdtm_double_fault },
	{ "OVERFLOW", lkdtm_overflow },
	{ "WRITE_RO", lkdtm_write_ro },
	{ "HUNG_TASK", lkdtm_hung_task },
};

void lkdtm_trigger(void)
{
	if (!lkdtm_type)
		return;
	for (unsigned int i = 0; i < ARRAY_SIZE(lkdtm_types); i++) {
		if (!strcmp(lkdtm_type, lkdtm_types[i].name)) {
			printk(KERN_INFO "lkdtm: performing %s\n", lkdtm_type);
			lkdtm_types[i].fn();
			return;
		}
	}
	pr_err("lkdtm: unknown type '%s'\n", lkdtm_type);
}

static int __init lkdtm_setup(const char *val)
{
	lkdtm_type = val;
	return 0;
}
__setup("lkdtm=", lkdtm_setup);
