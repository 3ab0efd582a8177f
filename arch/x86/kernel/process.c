/*
 * Architecture side of tasks: the first stack frame of a new task and
 * what a context switch changes besides the stack (TSS.esp0).
 */
#include <linux-ish/kernel.h>
#include <linux-ish/sched.h>
#include <asm/debugreg.h>
#include <asm/desc.h>
#include <asm/page.h>
#include <asm/processor.h>
#include <asm/ptrace.h>
#include <linux-ish/string.h>

struct task_struct *__switch_to_asm(unsigned long *prev_sp, unsigned long next_sp,
				    struct task_struct *prev);
void ret_from_kernel_thread(void);

/* The frame __switch_to_asm pops for a task that has never run. */
struct inactive_task_frame {
	unsigned long di, si, bx, bp;
	unsigned long ret_addr;
};

struct pt_regs *task_pt_regs(struct task_struct *p)
{
	return (struct pt_regs *)((unsigned long)p->stack + THREAD_SIZE) - 1;
}

/*
 * A kernel thread's stack starts below an unused pt_regs-sized area, so
 * that a kernel thread that execs a program (pid 1) can build the user
 * register frame there without overwriting its own frames.
 */
void copy_thread_kernel(struct task_struct *p, int (*fn)(void *), void *arg)
{
	struct inactive_task_frame *frame;

	p->thread.sp0 = (unsigned long)p->stack + THREAD_SIZE;
	frame = (struct inactive_task_frame *)task_pt_regs(p) - 1;
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
	fpu_switch(prev, next);
	switch_debugregs(prev, next);
	/* The kernel never uses %gs; a null selector cannot outlive a TLS change. */
	loadsegment_gs(0);
	load_tls(next);
	return __switch_to_asm(&prev->thread.sp, next->thread.sp, prev);
}

void ret_from_fork(void);


/*
 * The child's stack: its own copy of the parent's user frame at the top
 * (EAX = 0, the child's return value from fork), and below it a switch
 * frame whose return address is ret_from_fork.
 */
void copy_thread_user(struct task_struct *p, const struct pt_regs *parent_regs,
		      unsigned long new_sp)
{
	struct pt_regs *regs = task_pt_regs(p);
	struct inactive_task_frame *frame = (struct inactive_task_frame *)regs - 1;

	*regs = *parent_regs;
	regs->ax = 0;
	if (new_sp)
		regs->sp = new_sp;
	memset(frame, 0, sizeof(*frame));
	frame->ret_addr = (unsigned long)ret_from_fork;
	p->thread.sp = (unsigned long)frame;
	p->thread.sp0 = (unsigned long)p->stack + THREAD_SIZE;
	memcpy(p->thread.tls_array, current->thread.tls_array, sizeof(p->thread.tls_array));
	/* As Linux's task copy: the child's frames report the parent's last trap. */
	p->thread.trap_nr = current->thread.trap_nr;
	p->thread.error_code = current->thread.error_code;
	p->thread.cr2 = current->thread.cr2;
	fpu_copy(p, current);
}

void start_thread(struct pt_regs *regs, unsigned long ip, unsigned long sp)
{
	memset(regs, 0, sizeof(*regs));
	regs->cs = __USER_CS;
	regs->ss = __USER_DS;
	regs->ds = __USER_DS;
	regs->es = __USER_DS;
	regs->fs = __USER_DS;
	regs->gs = 0;
	regs->flags = X86_EFLAGS_IF | 0x2;
	regs->ip = ip;
	regs->sp = sp;
}

/* exec: forget the old program's TLS entries and FPU state. */
void flush_thread(void)
{
	memset(current->thread.tls_array, 0, sizeof(current->thread.tls_array));
	loadsegment_gs(0);
	load_tls(current);
	fpu_reset_current();
	flush_debugregs(current);	/* a tracer's breakpoints end at exec, as Linux */
}
