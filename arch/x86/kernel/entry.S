/*
 * Trap and interrupt entry.  Each vector has a tiny stub that makes the
 * stack uniform (a zero error code where the CPU pushes none, then the
 * vector number) and jumps to common_trap, which saves the rest of struct
 * pt_regs, switches to kernel data segments and calls do_trap(regs).
 * The frame layout must match struct pt_regs in asm/ptrace.h.
 */
#include <asm/ptrace.h>
#include <asm/segment.h>
#include <asm/traps.h>

/*
 * The rest of struct pt_regs below what the stub pushed (the vector and
 * the error code or orig_ax), then the kernel's data segments.  The
 * kernel never uses %fs or %gs, but a user selector left in them could
 * go stale (its TLS entry changed) while we run: then a trap taken in
 * the kernel would save and restore the stale value, and the restore
 * would fault again.  Known-good values while in the kernel; the user's
 * come back from the frame on the way out.  Leaves %eax = %esp = regs.
 */
.macro SAVE_REGS
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
	movl %eax, %fs
	xorl %eax, %eax
	movl %eax, %gs
	movl %esp, %eax
.endm

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
	/* The faults a refused iret raises may arrive on the espfix stack. */
	.if (vec == 11) || (vec == 12) || (vec == 13)
	jmp espfix_trap
	.else
	jmp common_trap
	.endif
	.set vec, vec + 1
	.endr

/*
 * int $0x80: the Linux i386 system call.  The number (EAX) goes in the
 * orig_ax slot so that EAX can carry the result back.  Straight to
 * do_int80_syscall() (the call and the exit work), not through do_trap().
 */
	.p2align 4
	.globl entry_INT80
entry_INT80:
	pushl %eax
	pushl $SYSCALL_VECTOR
	SAVE_REGS
	pushl %eax			/* struct pt_regs * */
	call do_int80_syscall
	addl $4, %esp
	jmp ret_from_trap

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

/*
 * #NP, #SS, #GP: a fault of the final iret while on the espfix stack (see
 * ret_from_trap) arrives with SS = __ESPFIX_SS, and C code needs a flat
 * stack: switch to the same memory through __KERNEL_DS, at offset
 * espfix base + ESP.  %cs is the one flat segment known to be loaded
 * (DS may hold the user's by now).  No other vector can arrive there:
 * IRQs are off and nothing else faults on that stack.
 */
espfix_trap:
	pushl %eax
	movw %ss, %ax
	cmpw $__ESPFIX_SS, %ax
	jne 11f
	movb %cs:(gdt_table + __ESPFIX_SS + 7), %ah	/* base bits 24..31 */
	movb %cs:(gdt_table + __ESPFIX_SS + 4), %al	/* base bits 16..23 */
	shll $16, %eax
	addl %esp, %eax
	pushl $__KERNEL_DS
	pushl %eax
	lss (%esp), %esp
11:	popl %eax

common_trap:
	SAVE_REGS
	pushl %eax			/* struct pt_regs * */
	call do_trap
	addl $4, %esp

/*
 * Back to the frame at %esp.  The data segments are loaded first,
 * straight from the frame: a selector that cannot be loaded (its TLS or
 * LDT entry was cleared or replaced, or sigreturn asked for nonsense)
 * faults, and the fixup replaces it with the null selector and retries.
 * From the first load on nothing may use %ds/%es: they may be the user's.
 *
 * espfix (Documentation/x86/ldt.md): iret to a 16-bit stack segment
 * restores only the low 16 bits of ESP; the high 16 stay what the kernel's
 * ESP held.  So for a return to user mode with an LDT stack segment (the
 * only place a user can have a 16-bit one: set_thread_area refuses them),
 * the iret runs on a stack whose offset already has the user's high 16
 * bits: __ESPFIX_SS, a 32-bit segment over the same memory whose base is
 * (kernel ESP - espfix ESP), low 16 bits of both ESPs equal.  Invariants:
 * IRQs are off from the GDT write to the iret; only the pops and the iret
 * run on __ESPFIX_SS, and only the iret can fault there (espfix_trap
 * unwinds it); the descriptor is per CPU and rewritten before every use.
 */
	.globl ret_from_trap
ret_from_trap:
1:	movw PT_DS(%esp), %ds
2:	movw PT_ES(%esp), %es
3:	movw PT_FS(%esp), %fs
4:	movw PT_GS(%esp), %gs
	testb $SEGMENT_TI_MASK, PT_SS(%esp)	/* (garbage for a kernel-mode frame) */
	jnz 13f
12:	popl %ebx
	popl %ecx
	popl %edx
	popl %esi
	popl %edi
	popl %ebp
	popl %eax
	addl $24, %esp			/* ds, es, fs, gs, trapnr, error code */
9:	iret

13:	testb $SEGMENT_RPL_MASK, PT_CS(%esp)
	jz 12b				/* back to kernel mode: no espfix */
	cli
	movl %esp, %edx			/* kernel ESP */
	movl PT_SP(%esp), %eax		/* user ESP */
	movw %dx, %ax			/* espfix ESP: user's high, kernel's low bits */
	subl %eax, %edx			/* the base; low 16 bits 0 */
	shrl $16, %edx
	movb %dl, %ss:(gdt_table + __ESPFIX_SS + 4)
	movb %dh, %ss:(gdt_table + __ESPFIX_SS + 7)
	pushl $__ESPFIX_SS
	pushl %eax
	lss (%esp), %esp
	jmp 12b

	.pushsection .text.fixup, "ax"
5:	movl $0, PT_DS(%esp)
	jmp 1b
6:	movl $0, PT_ES(%esp)
	jmp 2b
7:	movl $0, PT_FS(%esp)
	jmp 3b
8:	movl $0, PT_GS(%esp)
	jmp 4b
/*
 * iret itself refused the user frame (CS or SS unusable, not present, of
 * the wrong kind).  The registers hold the user's values again and %esp
 * points at the user's iret frame (on the flat stack: espfix_trap left
 * espfix): file it all as a trap from user mode, and do_trap sends the
 * signal Linux sends (SIGILL) with the handler on sane segments.
 */
10:	pushl $0			/* error code */
	pushl $IRET_ERROR_VECTOR
	jmp common_trap
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
