/*
 * The vDSO's ELF note: owner "Linux", type 0, the kernel version it
 * stands in for (6.1.0, whose ABI Linnet speaks) as LINUX_VERSION_CODE.
 */
	.section .note.Linux, "a", @note
	.balign 4
	.long	2f - 1f		/* namesz */
	.long	4f - 3f		/* descsz */
	.long	0		/* type */
1:	.asciz	"Linux"
2:	.balign 4
3:	.long	0x060100
4:	.balign 4

	.section .note.GNU-stack, "", @progbits
