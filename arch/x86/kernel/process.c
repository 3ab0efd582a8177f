/*
 * Architecture side of tasks: the first stack frame of a new task and
 * what a context switch changes besides the stack (TSS.esp0).
 */
#include <linux-ish/kernel.h>
#include <linux-ish/sched.h>
#include <asm/desc.h>
#include <asm/page.h>

struct task_struct *__switch_to_asm(unsigned long *prev_sp, unsigned long next_sp,
				    struct task_struct *prev);
void ret_from_kernel_thread(void);

/* The frame __switch_to_asm pops for a task that has never run. */
struct inactive_task_frame {
	unsigned long di, si, bx, bp;
	unsigned long ret_addr;
};

void copy_thread_kernel(struct task_struct *p, int (*fn)(void *), void *arg)
{
	struct inactive_task_frame *frame;

	p->thread.sp0 = (unsigned long)p->stack + THREAD_SIZE;
	frame = (struct inactive_task_frame *)p->thread.sp0 - 1;
	frame->bx = (unsigned long)fn;
	frame->si = (unsigned long)arg;
	frame->di = 0;
	frame->bp = 0;			/* ends backtraces */
	frame->ret_addr = (unsigned long)ret_from_kernel_thread;
	p->thread.sp = (unsigned long)frame;
}

/* Called with rq.lock held and IRQs off; returns in next's context. */
struct task_struct *__switch_to(struct task_struct *prev, struct task_struct *next)
{
	cpu_tss.sp0 = next->thread.sp0;
	return __switch_to_asm(&prev->thread.sp, next->thread.sp, prev);
}
