/*
 * Trap and interrupt entry.  Each vector has a tiny stub that makes the
 * stack uniform (a zero error code where the CPU pushes none, then the
 * vector number) and jumps to common_trap, which saves the rest of struct
 * pt_regs, switches to kernel data segments and calls do_trap(regs).
 * The frame layout must match struct pt_regs in asm/ptrace.h.
 */
#include <asm/segment.h>
#include <asm/traps.h>

	.text

#define STUB_SIZE 16

	.p2align 4
	.globl trap_stub_base
trap_stub_base:
	.set vec, 0
	.rept NR_STUB_VECTORS
	.p2align 4
	/* Vectors for which the CPU pushes an error code itself. */
	.if (vec == 8) || (vec == 10) || (vec == 11) || (vec == 12) || \
	    (vec == 13) || (vec == 14) || (vec == 17) || (vec == 21) || \
	    (vec == 29) || (vec == 30)
	.else
	pushl $0			/* no CPU error code: fake one */
	.endif
	pushl $vec
	jmp common_trap
	.set vec, vec + 1
	.endr

common_trap:
	cld
	pushl %gs
	pushl %fs
	pushl %es
	pushl %ds
	pushl %eax
	pushl %ebp
	pushl %edi
	pushl %esi
	pushl %edx
	pushl %ecx
	pushl %ebx
	movl $__KERNEL_DS, %eax
	movl %eax, %ds
	movl %eax, %es
	movl %esp, %eax
	pushl %eax			/* struct pt_regs * */
	call do_trap
	addl $4, %esp
	.globl ret_from_trap
ret_from_trap:
	popl %ebx
	popl %ecx
	popl %edx
	popl %esi
	popl %edi
	popl %ebp
	popl %eax
	popl %ds
	popl %es
	popl %fs
	popl %gs
	addl $8, %esp			/* trapnr, error code */
	iret

	.section .rodata
	.align 4
	.globl trap_stubs
trap_stubs:
	.set vec, 0
	.rept NR_STUB_VECTORS
	.long trap_stub_base + vec * STUB_SIZE
	.set vec, vec + 1
	.endr
