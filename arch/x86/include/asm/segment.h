/*
 * GDT layout.  Linnet uses Linux i386's entry numbers so that selectors
 * look familiar in a debugger and glibc's TLS entries land where it
 * expects: TLS 6-8, kernel code/data 12-13, user code/data 14-15, TSS 16,
 * the current mm's LDT 17, the espfix stack segment 23 (entry.S,
 * Documentation/x86/ldt.md), double-fault TSS 31.
 */
#ifndef _ASM_X86_SEGMENT_H
#define _ASM_X86_SEGMENT_H

#define GDT_ENTRY_TLS_MIN		6
#define GDT_ENTRY_TLS_ENTRIES		3
#define GDT_ENTRY_KERNEL_CS		12
#define GDT_ENTRY_KERNEL_DS		13
#define GDT_ENTRY_DEFAULT_USER_CS	14
#define GDT_ENTRY_DEFAULT_USER_DS	15
#define GDT_ENTRY_TSS			16
#define GDT_ENTRY_LDT			17
#define GDT_ENTRY_ESPFIX_SS		23
#define GDT_ENTRY_DOUBLEFAULT_TSS	31
#define GDT_ENTRIES			32

#define __KERNEL_CS	(GDT_ENTRY_KERNEL_CS * 8)
#define __KERNEL_DS	(GDT_ENTRY_KERNEL_DS * 8)
#define __USER_CS	(GDT_ENTRY_DEFAULT_USER_CS * 8 + 3)
#define __USER_DS	(GDT_ENTRY_DEFAULT_USER_DS * 8 + 3)
#define GDT_ENTRY_TSS_SEL (GDT_ENTRY_TSS * 8)
#define __ESPFIX_SS	(GDT_ENTRY_ESPFIX_SS * 8)
#define GDT_ENTRY_DF_TSS_SEL (GDT_ENTRY_DOUBLEFAULT_TSS * 8)

#define SEGMENT_RPL_MASK 0x3
#define USER_RPL	0x3
#define SEGMENT_TI_MASK	0x4	/* the selector names an LDT entry */

#endif
