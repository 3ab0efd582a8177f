/* Multiboot v1: the header we carry and the information the loader hands us. */
#ifndef _ASM_X86_MULTIBOOT_H
#define _ASM_X86_MULTIBOOT_H

#define MULTIBOOT_HEADER_MAGIC		0x1BADB002
#define MULTIBOOT_BOOTLOADER_MAGIC	0x2BADB002
#define MULTIBOOT_PAGE_ALIGN		0x00000001	/* modules page aligned */
#define MULTIBOOT_MEMORY_INFO		0x00000002	/* want mem_* and mmap_* */

#define MULTIBOOT_INFO_MEMORY		0x00000001
#define MULTIBOOT_INFO_CMDLINE		0x00000004
#define MULTIBOOT_INFO_MODS		0x00000008
#define MULTIBOOT_INFO_MEM_MAP		0x00000040
#define MULTIBOOT_INFO_BOOT_LOADER_NAME	0x00000200

#define MULTIBOOT_MEMORY_AVAILABLE	1

#ifndef __ASSEMBLY__
#include <linux-ish/types.h>

struct multiboot_info {
	u32 flags;
	u32 mem_lower, mem_upper;
	u32 boot_device;
	u32 cmdline;
	u32 mods_count, mods_addr;
	u32 syms[4];
	u32 mmap_length, mmap_addr;
	u32 drives_length, drives_addr;
	u32 config_table;
	u32 boot_loader_name;
} __packed;

struct multiboot_mmap_entry {
	u32 size;		/* of the rest of the entry, not counting this field */
	u64 addr;
	u64 len;
	u32 type;
} __packed;

struct multiboot_mod_list {
	u32 mod_start, mod_end;
	u32 cmdline;
	u32 pad;
} __packed;

/* Saved by head.S (physical address of the info block, and the magic). */
extern u32 multiboot_info_phys;
extern u32 multiboot_magic;
#endif

#endif
