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

/*
 * int $0x80: the Linux i386 system call.  The number (EAX) goes in the
 * orig_ax slot so that EAX can carry the result back.
 */
	.p2align 4
	.globl entry_INT80
entry_INT80:
	pushl %eax
	pushl $SYSCALL_VECTOR
	jmp common_trap

/*
 * A new user task (fork, clone) starts here: EAX = the task switched
 * away from; ESP points at the pt_regs copy_thread_user() built.
 */
	.globl ret_from_fork
ret_from_fork:
	pushl %eax
	call schedule_tail_user
	addl $4, %esp
	movl %esp, %eax
	pushl %eax
	call exit_to_user_mode
	addl $4, %esp
	jmp ret_from_trap

/* exec from a kernel thread: switch to the user frame @regs and go. */
	.globl enter_user_mode
enter_user_mode:
	movl 4(%esp), %esp
	jmp ret_from_trap

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
	/*
	 * The kernel never uses %fs or %gs, but a user selector left in them
	 * could go stale (its TLS entry changed) while we run: then a trap
	 * taken in the kernel would save and restore the stale value, and
	 * the restore would fault again.  Known-good values while in the
	 * kernel; the user's come back from the frame on the way out.
	 */
	movl %eax, %fs
	xorl %eax, %eax
	movl %eax, %gs
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
1:	popl %ds
2:	popl %es
3:	popl %fs
4:	popl %gs
	addl $8, %esp			/* trapnr, error code */
9:	iret

/*
 * A saved segment selector can have become unusable meanwhile (its TLS
 * entry was cleared or replaced): the pop faults, and the fixup replaces
 * the saved value with the null selector and pops again.
 */
	.pushsection .text.fixup, "ax"
5:	movl $0, (%esp)
	jmp 1b
6:	movl $0, (%esp)
	jmp 2b
7:	movl $0, (%esp)
	jmp 3b
8:	movl $0, (%esp)
	jmp 4b
/* iret itself refused the user frame (a stack segment made unusable): the task dies. */
10:	call bad_iret
	.popsection
	.pushsection __ex_table, "a"
	.balign 4
	.long 1b, 5b
	.long 2b, 6b
	.long 3b, 7b
	.long 4b, 8b
	.long 9b, 10b
	.popsection

	.section .rodata
	.align 4
	.globl trap_stubs
trap_stubs:
	.set vec, 0
	.rept NR_STUB_VECTORS
	.long trap_stub_base + vec * STUB_SIZE
	.set vec, vec + 1
	.endr
