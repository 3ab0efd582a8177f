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
