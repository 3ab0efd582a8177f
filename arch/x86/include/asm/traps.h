/* Exception vectors, the IRQ vector base, and the trap entry points. */
#ifndef _ASM_X86_TRAPS_H
#define _ASM_X86_TRAPS_H

#define X86_TRAP_DE	0	/* divide error */
#define X86_TRAP_DB	1
#define X86_TRAP_NMI	2
#define X86_TRAP_BP	3
#define X86_TRAP_OF	4
#define X86_TRAP_BR	5
#define X86_TRAP_UD	6	/* invalid opcode: BUG() uses ud2 */
#define X86_TRAP_NM	7
#define X86_TRAP_DF	8
#define X86_TRAP_TS	10
#define X86_TRAP_NP	11
#define X86_TRAP_SS	12
#define X86_TRAP_GP	13
#define X86_TRAP_PF	14
#define X86_TRAP_MF	16
#define X86_TRAP_AC	17
#define X86_TRAP_MC	18
#define X86_TRAP_XF	19
#define NR_EXCEPTION_VECTORS	32
/* Linux's software trap number for a refused iret (sigcontext trapno). */
#define X86_TRAP_IRET	32

#define FIRST_EXTERNAL_VECTOR	0x20	/* PIC IRQ 0 */
#define NR_IRQS			16
#define NR_STUB_VECTORS		(FIRST_EXTERNAL_VECTOR + NR_IRQS)
#define SYSCALL_VECTOR		0x80
/*
 * Not a CPU vector: entry.S's iret fixup files the refused user frame
 * under this number (the hardware one, 32, is IRQ 0's).
 */
#define IRET_ERROR_VECTOR	0x100

#ifndef __ASSEMBLY__
#include <asm/ptrace.h>

/* entry.S: the stub for vector v is trap_stubs[v]. */
extern void (*const trap_stubs[NR_STUB_VECTORS])(void);

void do_trap(struct pt_regs *regs);
/* Records the trap a signal comes from, for its frame (thread.trap_nr). */
void set_trap_info(unsigned long trap_nr, unsigned long error_code);
/* entry.S: a system call from user mode (int $0x80), then exit_to_user_mode(). */
void do_int80_syscall(struct pt_regs *regs);
void exit_to_user_mode(struct pt_regs *regs);
/* Its slow part: an exit_work byte is set; IRQs off on entry and return. */
void exit_to_user_mode_loop(struct pt_regs *regs);
void entry_INT80(void);
__noreturn void enter_user_mode(struct pt_regs *regs);
void do_IRQ(struct pt_regs *regs);
void do_page_fault(struct pt_regs *regs);
__noreturn void die(const char *str, struct pt_regs *regs, long err);
void show_regs(const struct pt_regs *regs);
void trap_init(void);
#endif

#endif
