/*
 * Backtraces by frame-pointer walk (the kernel is built with
 * -fno-omit-frame-pointer): each frame holds [saved ebp][return address].
 * The walk stays inside the THREAD_SIZE-aligned stack it started on and
 * stops at a zero ebp (head.S and new tasks start with ebp = 0), so a
 * corrupt stack ends the trace instead of faulting.
 */
#include <linux-ish/kernel.h>
#include <asm/page.h>
#include <asm/processor.h>
#include <linux-ish/sched.h>
#include <linux-ish/kallsyms.h>
#include <linux-ish/string.h>

#define MAX_FRAMES	32

static void print_frame(unsigned long ip)
{
	printk(KERN_EMERG " [<%08lx>] %pS\n", ip, (void *)ip);
}

void show_trace(unsigned long ip, unsigned long bp)
{
	unsigned long lo = bp & ~(unsigned long)(THREAD_SIZE - 1);
	unsigned long hi = lo + THREAD_SIZE;
	int n;

	printk(KERN_EMERG "Call Trace:\n");
	if (ip)
		print_frame(ip);
	for (n = 0; n < MAX_FRAMES; n++) {
		const unsigned long *frame = (const unsigned long *)bp;
		unsigned long next;

		if (bp < lo || bp + 2 * sizeof(long) > hi || (bp & 3))
			break;
		if (!frame[1])
			break;
		print_frame(frame[1]);
		next = frame[0];
		if (next <= bp)
			break;		/* frames only move up the stack */
		bp = next;
	}
}

noinline void dump_stack(void)
{
	show_trace(0, current_frame_pointer());
}

/*
 * A task switched away in __switch_to_asm: its saved stack holds edi, esi,
 * ebx, ebp, then the return address into schedule().
 */
void show_task_trace(struct task_struct *p)
{
	const unsigned long *sp = (const unsigned long *)p->thread.sp;

	if (p == current || !p->stack || p->thread.sp < (unsigned long)p->stack ||
	    p->thread.sp + 5 * sizeof(long) > (unsigned long)p->stack + THREAD_SIZE)
		return;
	show_trace(sp[4], sp[3]);
}

/*
 * The scheduler's own functions, which every sleep passes through: a
 * wait channel is the first caller outside them (Linux marks them
 * __sched and skips that section; Linnet names them).
 */
static bool in_sched_function(unsigned long ip)
{
	static const char *const names[] = {
		"__switch_to", "__switch_to_asm", "schedule", "schedule_timeout",
		"yield", "sched_yield_current", "mutex_lock", "mutex_lock_interruptible",
		"mutex_lock_killable",
	};
	unsigned long off, size;
	const char *name = kallsyms_lookup(ip, &off, &size);

	if (!name)
		return false;
	for (unsigned int i = 0; i < ARRAY_SIZE(names); i++)
		if (!strcmp(name, names[i]))
			return true;
	return false;
}

/*
 * Where sleeping task @p waits: the first return address on its kernel
 * stack outside the scheduler, or 0 (running, no stack, a corrupt
 * chain).  One CPU and no preemption: @p cannot run (and change or free
 * its stack) while we walk it.
 */
unsigned long get_wchan(struct task_struct *p)
{
	const unsigned long *sp = (const unsigned long *)p->thread.sp;
	unsigned long lo = (unsigned long)p->stack, hi = lo + THREAD_SIZE;
	unsigned long bp, ip;

	if (p == current || READ_ONCE(p->state) == TASK_RUNNING || !p->stack ||
	    p->thread.sp < lo || p->thread.sp + 5 * sizeof(long) > hi)
		return 0;
	ip = sp[4];
	bp = sp[3];
	for (int n = 0; n < MAX_FRAMES; n++) {
		const unsigned long *frame = (const unsigned long *)bp;

		if (!in_sched_function(ip))
			return ip;
		if (bp < lo || bp + 2 * sizeof(long) > hi || (bp & 3))
			return 0;
		ip = frame[1];
		if (!ip || frame[0] <= bp)
			return 0;
		bp = frame[0];
	}
	return 0;
}
