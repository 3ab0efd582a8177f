/*
 * The vDSO's entry points written in assembly: the system-call gate
 * (AT_SYSINFO) and the two signal-return trampolines the kernel puts in
 * a signal frame's return address when the handler has no SA_RESTORER.
 * Their byte sequences are Linux's, which debuggers and unwinders
 * recognise: __kernel_sigreturn pops the signal number so that %esp
 * points at the sigcontext's frame + 8 as sigreturn (119) expects;
 * __kernel_rt_sigreturn leaves %esp at frame + 4 for rt_sigreturn (173).
 */
	.text

	.globl	__kernel_vsyscall
	.type	__kernel_vsyscall, @function
	.p2align 4
__kernel_vsyscall:
	int	$0x80
	ret
	.size	__kernel_vsyscall, . - __kernel_vsyscall

	/* A nop before each trampoline, as Linux: unwinders look one byte back. */
	.p2align 5
	nop
	.globl	__kernel_sigreturn
	.type	__kernel_sigreturn, @function
__kernel_sigreturn:
	popl	%eax
	movl	$119, %eax
	int	$0x80
	.size	__kernel_sigreturn, . - __kernel_sigreturn

	.p2align 5
	nop
	.globl	__kernel_rt_sigreturn
	.type	__kernel_rt_sigreturn, @function
__kernel_rt_sigreturn:
	movl	$173, %eax
	int	$0x80
	.size	__kernel_rt_sigreturn, . - __kernel_rt_sigreturn

	.section .note.GNU-stack, "", @progbits
