/*
 * setup_arch(): everything the boot loader told us.  Checks the Multiboot
 * magic, copies the command line, parses the parameters (so that mem= is
 * known), turns the Multiboot memory map into memblock ranges and
 * reserves what is already in use: the BIOS areas, the kernel image and
 * the boot modules.  The Multiboot structures are only read here; nothing
 * after setup_arch() may touch them.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/init.h>
#include <linux-ish/memblock.h>
#include <linux-ish/string.h>
#include <asm/multiboot.h>
#include <asm/page.h>
#include <asm/processor.h>
#include <asm/setup.h>

#define BIOS_BDA_EBDA_SEG	0x40e	/* BIOS data area: EBDA segment */
#define BIOS_EBDA_MIN		0x80000
#define BIOS_LOW_END		0xa0000	/* VGA and ROMs from here to 1 MiB */
#define ONE_MIB			0x100000

phys_addr_t initrd_start, initrd_end;

void parse_early_param(void);

static const struct multiboot_info *multiboot_info(void)
{
	if (multiboot_magic != MULTIBOOT_BOOTLOADER_MAGIC)
		panic("not started by a Multiboot loader (magic %#x)", multiboot_magic);
	return __va(multiboot_info_phys);
}

/*
 * Multiboot loaders (QEMU -kernel, GRUB's "multiboot" command) put the
 * kernel's file name first on the command line; Linux's command line
 * has no such word, so drop it.
 */
static void copy_command_line(const struct multiboot_info *mbi)
{
	const char *s;

	if (!(mbi->flags & MULTIBOOT_INFO_CMDLINE))
		return;
	s = skip_spaces(__va(mbi->cmdline));
	while (*s && *s != ' ')
		s++;
	strlcpy(boot_command_line, skip_spaces(s), COMMAND_LINE_SIZE);
}

static void add_memory_map(const struct multiboot_info *mbi)
{
	unsigned long p = mbi->mmap_addr, end = mbi->mmap_addr + mbi->mmap_length;

	if (!(mbi->flags & MULTIBOOT_INFO_MEM_MAP)) {
		if (!(mbi->flags & MULTIBOOT_INFO_MEMORY))
			panic("boot loader gave no memory information");
		memblock_add(0, (phys_addr_t)mbi->mem_lower << 10);
		memblock_add(ONE_MIB, (phys_addr_t)mbi->mem_upper << 10);
		return;
	}
	while (p < end) {
		const struct multiboot_mmap_entry *e = __va(p);
		u64 last = e->addr + e->len;

		pr_info("BIOS-e820: [mem %#010llx-%#010llx] %s\n", e->addr, last - 1,
			e->type == MULTIBOOT_MEMORY_AVAILABLE ? "usable" : "reserved");
		if (e->type == MULTIBOOT_MEMORY_AVAILABLE && e->addr < MAXMEM) {
			if (last > MAXMEM) {
				pr_notice("Memory above %d MiB ignored (no highmem support)\n",
					  MAXMEM >> 20);
				last = MAXMEM;
			}
			memblock_add((phys_addr_t)e->addr, (phys_addr_t)(last - e->addr));
		}
		p += e->size + sizeof(e->size);
	}
}

static void reserve_bios_areas(void)
{
	phys_addr_t ebda = (phys_addr_t)(*(u16 *)__va(BIOS_BDA_EBDA_SEG)) << 4;

	memblock_reserve(0, PAGE_SIZE);		/* real-mode IVT and BIOS data */
	if (ebda < BIOS_EBDA_MIN || ebda > BIOS_LOW_END)
		ebda = BIOS_LOW_END - PAGE_SIZE;
	memblock_reserve(ebda, ONE_MIB - ebda);
}

static void reserve_modules(const struct multiboot_info *mbi)
{
	const struct multiboot_mod_list *mod;

	memblock_reserve(multiboot_info_phys, sizeof(*mbi));
	if (!(mbi->flags & MULTIBOOT_INFO_MODS) || !mbi->mods_count)
		return;
	mod = __va(mbi->mods_addr);
	initrd_start = mod->mod_start;
	initrd_end = mod->mod_end;
	for (u32 i = 0; i < mbi->mods_count; i++, mod++) {
		pr_info("Multiboot module %u: [mem %#010x-%#010x]\n", i,
			mod->mod_start, mod->mod_end - 1);
		memblock_reserve(mod->mod_start, mod->mod_end - mod->mod_start);
	}
}

void setup_arch(void)
{
	const struct multiboot_info *mbi = multiboot_info();

	identify_cpu();
	copy_command_line(mbi);
	parse_early_param();
	add_memory_map(mbi);
	if (!memblock.memory.cnt)
		panic("no usable memory");
	reserve_bios_areas();
	memblock_reserve(__pa(_text), (unsigned long)_end - (unsigned long)_text);
	reserve_modules(mbi);
	paging_init();
}
