/*
 * The context switch.  __switch_to_asm(&prev->thread.sp, next->thread.sp,
 * prev) pushes the callee-saved registers on prev's kernel stack, saves
 * the stack pointer, loads next's and pops next's registers.  The `ret`
 * then continues wherever next last called __switch_to_asm, or, for a
 * task that never ran, at the address its creator left in the frame
 * (ret_from_kernel_thread, ret_from_fork).  EAX carries prev across, so
 * the code that resumes knows which task it replaced.
 */
#include <asm/segment.h>

	.text
	.globl __switch_to_asm
__switch_to_asm:
	movl 4(%esp), %eax		/* &prev->thread.sp */
	movl 8(%esp), %edx		/* next->thread.sp */
	movl 12(%esp), %ecx		/* prev */
	pushl %ebp
	pushl %ebx
	pushl %esi
	pushl %edi
	movl %esp, (%eax)
	movl %edx, %esp
	popl %edi
	popl %esi
	popl %ebx
	popl %ebp
	movl %ecx, %eax
	ret

/*
 * First instructions of a new kernel thread: EBX = fn, ESI = arg (from
 * the frame copy_thread_kernel() built), EAX = the task switched away from.
 */
	.globl ret_from_kernel_thread
ret_from_kernel_thread:
	pushl %eax
	call schedule_tail
	addl $4, %esp
	pushl %esi
	call *%ebx
	pushl %eax
	call do_exit
1:	hlt
	jmp 1b
