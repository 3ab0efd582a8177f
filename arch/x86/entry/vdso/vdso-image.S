/*
 * The built vDSO (vdso32.so) as bytes in the kernel image, between
 * vdso32_image_start and vdso32_image_end; vma.c copies it into pages.
 */
	.section .rodata, "a"
	.balign 4096
	.globl	vdso32_image_start, vdso32_image_end
vdso32_image_start:
	.incbin	VDSO32_SO
vdso32_image_end:

	.section .note.GNU-stack, "", @progbits
