/* What setup_arch() learned from the boot loader. */
#ifndef _ASM_X86_SETUP_H
#define _ASM_X86_SETUP_H

#include <linux-ish/types.h>

#define COMMAND_LINE_SIZE	2048

/* The first Multiboot module (the initramfs), physical, 0/0 if none. */
extern phys_addr_t initrd_start, initrd_end;

void setup_arch(void);
void paging_init(void);

/* Linker-script symbols bounding the image. */
extern char _text[], _etext[], _erodata[], _sdata[], _edata[];
extern char __bss_start[], __bss_stop[], _end[];

#endif
