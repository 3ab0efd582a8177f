/*
 * The kernel's first instructions.  The Multiboot loader jumps to the
 * *physical* address of startup_32 with paging off, EAX = Multiboot magic
 * and EBX = physical address of the Multiboot information block.
 *
 * Everything here runs from low memory at its physical address, although
 * it is linked at PAGE_OFFSET + 1 MiB, so every absolute reference goes
 * through pa().  The stub:
 *   1. saves EAX/EBX,
 *   2. fills swapper_pg_dir with 4 MiB (PSE) entries: the direct map of
 *      the first MAXMEM bytes of physical memory at PAGE_OFFSET, plus an
 *      identity map of the first 16 MiB so that the instruction after
 *      "enable paging" still has a mapping,
 *   3. turns on PSE, paging and CR0.WP,
 *   4. jumps to its virtual alias, loads the real GDT and the boot stack
 *      (init_stack) and calls start_kernel().
 * setup_arch() later drops the identity map and trims the direct map to
 * the RAM that exists.
 */
#include <asm/page.h>
#include <asm/pgtable.h>
#include <asm/multiboot.h>
#include <asm/segment.h>
#include <asm/processor.h>

#define pa(x)		((x) - __PAGE_OFFSET)
#define MB_FLAGS	(MULTIBOOT_PAGE_ALIGN | MULTIBOOT_MEMORY_INFO)
#define PDE_HUGE	(_PAGE_PRESENT | _PAGE_RW | _PAGE_PSE)
#define IDENTITY_PDES	4

	.section .multiboot, "a"
	.align 4
	.long MULTIBOOT_HEADER_MAGIC
	.long MB_FLAGS
	.long -(MULTIBOOT_HEADER_MAGIC + MB_FLAGS)

	.section .head.text, "ax"
	.globl startup_32
startup_32:
	cli
	cld
	movl %eax, pa(multiboot_magic)
	movl %ebx, pa(multiboot_info_phys)

	/* Direct map: pgd[768 + i] = i * 4 MiB for i < MAXMEM / 4 MiB. */
	movl $pa(swapper_pg_dir) + KERNEL_PGD_BOUNDARY * 4, %edi
	movl $PDE_HUGE, %eax
	movl $(MAXMEM >> PGDIR_SHIFT), %ecx
1:	movl %eax, (%edi)
	addl $4, %edi
	addl $PGDIR_SIZE, %eax
	loop 1b

	/* Identity map of the first 16 MiB, only for the switch below. */
	movl $pa(swapper_pg_dir), %edi
	movl $PDE_HUGE, %eax
	movl $IDENTITY_PDES, %ecx
2:	movl %eax, (%edi)
	addl $4, %edi
	addl $PGDIR_SIZE, %eax
	loop 2b

	movl %cr4, %eax
	orl $X86_CR4_PSE, %eax
	movl %eax, %cr4
	movl $pa(swapper_pg_dir), %eax
	movl %eax, %cr3
	movl %cr0, %eax
	orl $(X86_CR0_PG | X86_CR0_WP | X86_CR0_PE), %eax
	movl %eax, %cr0

	movl $high, %eax
	jmp *%eax

	.text
high:
	lgdt boot_gdt_descr
	ljmp $__KERNEL_CS, $1f
1:	movl $__KERNEL_DS, %eax
	movl %eax, %ds
	movl %eax, %es
	movl %eax, %ss
	movl %eax, %fs
	movl %eax, %gs
	movl $(init_stack + THREAD_SIZE), %esp
	xorl %ebp, %ebp			/* ends every backtrace */
	pushl $0
	popfl				/* IF=0, DF=0, a known EFLAGS */
	call start_kernel
3:	cli
	hlt
	jmp 3b

	.data
	.align 4
	.globl multiboot_magic, multiboot_info_phys
multiboot_magic:	.long 0
multiboot_info_phys:	.long 0

	.align 4
	.word 0
boot_gdt_descr:
	.word GDT_ENTRIES * 8 - 1
	.long gdt_table

	/*
	 * The page directory, then a guard page that paging_init() unmaps,
	 * then the boot stack: overflowing the stack faults on the guard
	 * (and the double-fault task reports it) instead of silently
	 * overwriting the page directory.
	 */
	.section .bss..page_aligned, "aw", @nobits
	.align THREAD_SIZE
	.globl swapper_pg_dir
swapper_pg_dir:
	.skip PAGE_SIZE
	.globl stack_guard_page
stack_guard_page:
	.skip PAGE_SIZE
	.globl init_stack
init_stack:
	.skip THREAD_SIZE
