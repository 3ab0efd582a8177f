/*
 * The built vDSO (vdso32.so) as bytes in the kernel image, between
 * vdso32_image_start and vdso32_image_end, alone in its pages (zeros up
 * to the next page boundary: nothing else of the kernel's is mapped into
 * user space with it).  vma.c maps these pages themselves.
 */
	.section .rodata, "a"
	.balign 4096
	.globl	vdso32_image_start, vdso32_image_end
vdso32_image_start:
	.incbin	VDSO32_SO
vdso32_image_end:
	.balign 4096, 0

	.section .note.GNU-stack, "", @progbits
