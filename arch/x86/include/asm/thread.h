/*
 * Per-task architecture state: the saved kernel stack pointer of a task
 * that is not running (the rest of its registers are on that stack,
 * pushed by __switch_to_asm), and the FPU/SSE area saved with FXSAVE.
 */
#ifndef _ASM_X86_THREAD_H
#define _ASM_X86_THREAD_H

#include <linux-ish/types.h>

struct task_struct;

struct fxregs_state {
	u8 data[512];
} __aligned(16);

#include <asm/desc.h>

struct thread_struct {
	unsigned long sp;		/* saved by __switch_to_asm */
	unsigned long sp0;		/* top of the kernel stack: TSS.esp0 */
	struct desc_struct tls_array[GDT_ENTRY_TLS_ENTRIES];	/* set_thread_area */
	/*
	 * The last exception that became a signal for this task (Linux's
	 * trap_nr, error_code, cr2): what signal frames report in
	 * sigcontext trapno, err and cr2.  Written only by the task itself.
	 */
	unsigned long trap_nr, error_code, cr2;
	bool fpu_initialized;		/* fpu holds this task's state */
	/* Debug registers (hw_breakpoint.c): set by a tracer, loaded at switch. */
	unsigned long debugreg[4];	/* DR0-DR3: user addresses */
	unsigned long ptrace_dr7;	/* as the tracer wrote it; 0: none armed */
	unsigned long virtual_dr6;	/* the user's view of DR6 (arch polarity ^ DR6_RESERVED) */
	unsigned long pending_dr6;	/* a #DB taken in the kernel for the user, not yet sent */
	bool forced_tf;			/* TF set by PTRACE_SINGLESTEP, hidden from the tracer */
	struct fxregs_state fpu;	/* FXSAVE area, saved on every switch away */
};

/* Builds the first switch frame of a new kernel thread running fn(arg). */
void copy_thread_kernel(struct task_struct *p, int (*fn)(void *), void *arg);
/* Gives a forked child the parent's user registers (EAX = 0) and FPU state. */
struct pt_regs;
void copy_thread_user(struct task_struct *p, const struct pt_regs *parent_regs,
		      unsigned long new_sp);
/* The user register frame at the top of @p's kernel stack. */
struct pt_regs *task_pt_regs(struct task_struct *p);
/* exec: fresh user registers entering at @ip with stack @sp; fresh FPU. */
void start_thread(struct pt_regs *regs, unsigned long ip, unsigned long sp);
void fpu_init(void);
void fpu_switch(struct task_struct *prev, struct task_struct *next);
void fpu_copy(struct task_struct *child, struct task_struct *parent);
void fpu_reset_current(void);
void fpu_save_current(void);
void fpu_restore_current(void);
bool fpu_has_fxsr(void);
void fpu_clean_image(u8 *fx);

/* MXCSR bits a program may set; the rest make FXRSTOR fault. */
#define MXCSR_MASK	0x0000ffbf

/* Signal frames: Linux's struct _fpstate_32 (arch/x86/kernel/fpu_signal.c). */
size_t fpu_sigframe_size(void);
int fpu_save_sigframe(void __user *buf);
int fpu_restore_sigframe(const void __user *buf);
void load_tls(const struct task_struct *p);
/* ptrace: TLS slot @idx (a GDT index) of a stopped task (arch/x86/kernel/tls.c). */
struct user_desc;
void tls_get_desc(const struct task_struct *p, int idx, struct user_desc *info);
int tls_set_desc(struct task_struct *p, int idx, const struct user_desc *info);
void flush_thread(void);

/* Switches from prev to next; returns (in next's context) the task we left. */
struct task_struct *__switch_to(struct task_struct *prev, struct task_struct *next);

#endif
