/* The string functions i386 does better than C (arch/x86/lib/string_32.c). */
#ifndef _ASM_X86_STRING_H
#define _ASM_X86_STRING_H

/* rep movsl / rep stosl: four bytes per iteration, a page in 1024. */
#define __HAVE_ARCH_MEMCPY
#define __HAVE_ARCH_MEMSET
/* repe scasl over the aligned middle: one iteration per word. */
#define __HAVE_ARCH_MEMCHR_INV
/* repe cmpsb: one iteration per byte (the dcache compares every name it finds). */
#define __HAVE_ARCH_MEMCMP

#endif
