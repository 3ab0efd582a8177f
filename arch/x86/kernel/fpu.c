/*
 * FPU/SSE state.  Linnet saves and restores it eagerly: on every switch
 * away from a task that has used the FPU (FXSAVE into its thread
 * struct), and on every switch to one (FXRSTOR).  A task that never ran
 * user code gets a clean state (FNINIT, default MXCSR) the first time.
 * Under QEMU -icount each of these is one instruction; on hardware eager
 * switching costs a few hundred cycles and is what Linux does today too.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/sched.h>
#include <linux-ish/string.h>
#include <asm/processor.h>

#define MXCSR_DEFAULT	0x1f80

static bool have_fxsr;

void fpu_init(void)
{
	unsigned long cr0 = read_cr0();

	cr0 &= ~(X86_CR0_EM | X86_CR0_TS);
	cr0 |= X86_CR0_MP | X86_CR0_NE;
	write_cr0(cr0);
	have_fxsr = boot_cpu_data.features_edx & X86_FEATURE_FXSR;
	if (have_fxsr)
		write_cr4(read_cr4() | X86_CR4_OSFXSR |
			  ((boot_cpu_data.features_edx & X86_FEATURE_SSE) ? X86_CR4_OSXMMEXCPT : 0));
	__asm__ __volatile__("fninit");
	pr_info("fpu: x87%s, saved eagerly per task\n", have_fxsr ? " + SSE (FXSAVE)" : "");
}

static void fpu_save(struct task_struct *p)
{
	if (have_fxsr)
		__asm__ __volatile__("fxsave %0" : "=m"(p->thread.fpu));
	else	/* fnsave also resets the FPU: load the state back */
		__asm__ __volatile__("fnsave %0; fwait; frstor %0" : "+m"(p->thread.fpu));
}

static void fpu_restore(struct task_struct *p)
{
	if (have_fxsr)
		__asm__ __volatile__("fxrstor %0" : : "m"(p->thread.fpu));
	else
		__asm__ __volatile__("frstor %0" : : "m"(p->thread.fpu));
}

bool fpu_has_fxsr(void)
{
	return have_fxsr;
}

/* A clean FXSAVE image: what FNINIT and the default MXCSR would save. */
void fpu_clean_image(u8 *fx)
{
	memset(fx, 0, 512);
	fx[0] = 0x7f;			/* FCW 0x037f: all exceptions masked */
	fx[1] = 0x03;
	fx[24] = MXCSR_DEFAULT & 0xff;
	fx[25] = MXCSR_DEFAULT >> 8;
}

static void fpu_load_clean(void)
{
	unsigned int mxcsr = MXCSR_DEFAULT;

	__asm__ __volatile__("fninit");
	if (have_fxsr && (boot_cpu_data.features_edx & X86_FEATURE_SSE))
		__asm__ __volatile__("ldmxcsr %0" : : "m"(mxcsr));
}

/* Context switch: prev's live registers to memory, next's into the FPU. */
void fpu_switch(struct task_struct *prev, struct task_struct *next)
{
	if (!(prev->flags & PF_KTHREAD))
		fpu_save(prev);
	if (next->flags & PF_KTHREAD)
		return;
	if (next->thread.fpu_initialized) {
		fpu_restore(next);
	} else {
		fpu_load_clean();
		next->thread.fpu_initialized = true;
	}
}

/* Signal delivery: the live registers to memory, and back at sigreturn. */
void fpu_save_current(void)
{
	fpu_save(current);
}

void fpu_restore_current(void)
{
	fpu_restore(current);
	current->thread.fpu_initialized = true;
}

/* fork: the child starts with the parent's FPU state as of now. */
void fpu_copy(struct task_struct *child, struct task_struct *parent)
{
	fpu_save(parent);
	child->thread.fpu = parent->thread.fpu;
	child->thread.fpu_initialized = true;
}

/* exec: a clean FPU for the new program. */
void fpu_reset_current(void)
{
	fpu_load_clean();
	current->thread.fpu_initialized = true;
}
