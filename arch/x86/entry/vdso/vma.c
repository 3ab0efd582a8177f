/*
 * The vDSO's pages and mappings.  The image built from this directory
 * (vdso32.so) sits page-aligned in the kernel's .rodata (vdso-image.S),
 * the data page in .bss: both are kernel-image pages (PG_reserved, one
 * reference the kernel never drops, "reserved" in the page accounting,
 * like the zero page), so they are never freed.  At boot the image is
 * checked, its entry points are found in its dynamic symbol table, and
 * the data page is filled with the clock bases.  exec maps both,
 * read-only, into each new address space as two special VMAs -- [vvar]
 * then [vdso] -- whose fault handler hands out these same pages; fork
 * copies the VMAs like any private read-only mapping, so every process
 * shares the physical pages.
 *
 * vvar_store is written only by vdso_update_time(), under its seqcount
 * (asm/vdso/vvar.h); callers serialise updates.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/errno.h>
#include <linux-ish/init.h>
#include <linux-ish/mm.h>
#include <linux-ish/mman.h>
#include <linux-ish/string.h>
#include <linux-ish/time.h>
#include <asm/irq.h>
#include <asm/vdso.h>
#include <asm/vdso/vvar.h>
#include <uapi/linux-ish/elf.h>

extern const u8 vdso32_image_start[], vdso32_image_end[];

#define VDSO_MAX_PAGES	2

/* The ELF dynamic-section pieces this file reads (the ELF ABI's layouts). */
struct vdso_dyn { s32 tag; u32 val; };
struct vdso_sym_ent { u32 name, value, size; u8 info, other; u16 shndx; };
#define PT_DYNAMIC	2
#define DT_NULL		0
#define DT_HASH		4
#define DT_STRTAB	5
#define DT_SYMTAB	6

/* The data page: a whole page of the kernel image, nothing else in it. */
static union {
	struct vdso_data data;
	u8 page[PAGE_SIZE];
} vvar_store __aligned(PAGE_SIZE);

static struct page *vdso_pages[VDSO_MAX_PAGES];
static unsigned long vdso_npages;
static struct page *vvar_page;
static unsigned long vdso_offsets[VDSO_NR_SYMS];
static bool vdso_enabled = true;

static const char *const vdso_sym_names[VDSO_NR_SYMS] = {
	[VDSO_SYM_VSYSCALL] = "__kernel_vsyscall",
	[VDSO_SYM_SIGRETURN] = "__kernel_sigreturn",
	[VDSO_SYM_RT_SIGRETURN] = "__kernel_rt_sigreturn",
};

/* vdso=0 turns it off (no mapping, no AT_SYSINFO*), vdso=1 on, as Linux. */
static int vdso_setup(const char *val)
{
	if (strcmp(val, "0") && strcmp(val, "1"))
		return -EINVAL;
	vdso_enabled = val[0] == '1';
	return 0;
}
__setup("vdso=", vdso_setup);

static vm_fault_t special_fault(struct vm_fault *vmf, struct page *const *pages,
				unsigned long npages)
{
	if (vmf->pgoff >= npages)
		return VM_FAULT_SIGBUS;
	vmf->page = pages[vmf->pgoff];
	get_page(vmf->page);
	return 0;
}

static vm_fault_t vdso_fault(struct vm_fault *vmf)
{
	return special_fault(vmf, vdso_pages, vdso_npages);
}

static vm_fault_t vvar_fault(struct vm_fault *vmf)
{
	return special_fault(vmf, &vvar_page, 1);
}

static const char *vdso_name(const struct vm_area_struct *vma)
{
	return "[vdso]";
}

static const char *vvar_name(const struct vm_area_struct *vma)
{
	return "[vvar]";
}

/*
 * mremap of the code (what CRIU does): the whole image only, and the
 * trampolines' address (signal return) follows it.
 */
static int vdso_mremap(struct vm_area_struct *new)
{
	struct pt_regs *regs = task_pt_regs(current);
	unsigned long old = new->vm_mm->vdso_base;

	if (vma_pages(new) != vdso_npages)
		return -EINVAL;
	/*
	 * The mremap call itself came through __kernel_vsyscall (glibc's
	 * AT_SYSINFO): it must land in the moved copy, as Linux's
	 * vdso_fix_landing() makes it.
	 */
	if (old && regs->ip - old < (vdso_npages << PAGE_SHIFT))
		regs->ip += new->vm_start - old;
	new->vm_mm->vdso_base = new->vm_start;
	return 0;
}

static const struct vm_operations_struct vdso_vm_ops = {
	.fault = vdso_fault,
	.name = vdso_name,
	.mremap = vdso_mremap,
};

static const struct vm_operations_struct vvar_vm_ops = {
	.fault = vvar_fault,
	.name = vvar_name,
};

/* The image's dynamic section, or NULL if the ELF is not what we built. */
static const struct vdso_dyn *image_dynamic(const u8 *img, size_t len)
{
	const struct elf32_hdr *eh = (const void *)img;
	const struct elf32_phdr *ph = (const void *)(img + eh->e_phoff);

	if (len < sizeof(*eh) || memcmp(eh->e_ident, "\177ELF", 4) || eh->e_type != ET_DYN ||
	    eh->e_phoff + eh->e_phnum * sizeof(*ph) > len)
		return NULL;
	for (int i = 0; i < eh->e_phnum; i++)
		if (ph[i].p_type == PT_DYNAMIC && ph[i].p_offset < len)
			return (const void *)(img + ph[i].p_offset);
	return NULL;
}

/* Fills vdso_offsets[] from the dynamic symbol table.  0 or -ENOEXEC. */
static int find_symbols(const u8 *img, size_t len)
{
	const struct vdso_dyn *d = image_dynamic(img, len);
	const struct vdso_sym_ent *syms = NULL;
	const char *strs = NULL;
	u32 nsyms = 0;

	for (; d && d->tag != DT_NULL; d++) {
		if (d->tag == DT_HASH && d->val + 8 <= len)
			nsyms = ((const u32 *)(img + d->val))[1];	/* nchain */
		else if (d->tag == DT_SYMTAB && d->val < len)
			syms = (const void *)(img + d->val);
		else if (d->tag == DT_STRTAB && d->val < len)
			strs = (const char *)(img + d->val);
	}
	if (!syms || !strs || !nsyms)
		return -ENOEXEC;
	for (u32 i = 0; i < nsyms; i++)
		for (int s = 0; s < VDSO_NR_SYMS; s++)
			if (!strcmp(strs + syms[i].name, vdso_sym_names[s]))
				vdso_offsets[s] = syms[i].value;
	for (int s = 0; s < VDSO_NR_SYMS; s++)
		if (!vdso_offsets[s])
			return -ENOEXEC;
	return 0;
}

void vdso_update_time(void)
{
	struct vdso_data *vd;
	u64 base, offset, real;
	u32 mult, shift;

	if (!vvar_page)
		return;
	vd = &vvar_store.data;
	clock_get_bases(&real, &offset);
	vd->seq++;			/* odd: readers wait */
	vdso_barrier();
	if (tsc_clock_params(&base, &mult, &shift)) {
		vd->clock_mode = VDSO_CLOCKMODE_TSC;
		vd->tsc_base = base;
		vd->mult = mult;
		vd->shift = shift;
	} else {
		vd->clock_mode = VDSO_CLOCKMODE_NONE;
	}
	vd->mono_offset_ns = offset;
	vd->real_offset_ns = real;
	vd->tz_minuteswest = sys_tz.tz_minuteswest;
	vd->tz_dsttime = sys_tz.tz_dsttime;
	vd->coarse_res_ns = TICK_NSEC;
	vdso_barrier();
	vd->seq++;			/* even: consistent again */
}

void vdso_init(void)
{
	/* Two linker symbols bracket one object: the difference is its size. */
	size_t len = (unsigned long)vdso32_image_end - (unsigned long)vdso32_image_start;

	vdso_npages = PAGE_ALIGN(len) >> PAGE_SHIFT;
	if (!vdso_enabled)
		return;
	if (vdso_npages > VDSO_MAX_PAGES || find_symbols(vdso32_image_start, len)) {
		/* Every program still runs without one: signal frames use retcode. */
		pr_warn("vdso: the built image is not a valid vDSO; running without one\n");
		vdso_enabled = false;
		return;
	}
	for (unsigned long i = 0; i < vdso_npages; i++)
		vdso_pages[i] = virt_to_page(vdso32_image_start + i * PAGE_SIZE);
	vvar_page = virt_to_page(&vvar_store);
	vdso_update_time();
}

/* A VMA of @npages at @addr that faults in through @ops.  0 or -ENOMEM. */
static int install_special_mapping(struct mm_struct *mm, unsigned long addr,
				   unsigned long npages, unsigned long vm_flags,
				   const struct vm_operations_struct *ops)
{
	struct vm_area_struct *vma = vm_area_alloc(mm);

	if (!vma)
		return -ENOMEM;
	vma->vm_start = addr;
	vma->vm_end = addr + (npages << PAGE_SHIFT);
	vma->vm_flags = vm_flags;
	vma->vm_page_prot = vm_get_page_prot(vm_flags);
	vma->vm_ops = ops;
	vma_link(mm, vma);
	return 0;
}

int map_vdso(struct mm_struct *mm)
{
	unsigned long start, text;
	int err;

	mm->vdso_base = 0;
	if (!vdso_enabled)
		return 0;
	mutex_lock(&mm->mmap_lock);
	/* Where mmap(NULL) would go, as Linux i386: just below the interpreter. */
	start = get_unmapped_area_hint(mm, 0, (vdso_npages + 1) << PAGE_SHIFT);
	err = start ? 0 : -ENOMEM;
	text = start + PAGE_SIZE;
	/* Linux: data page read-only for good; code may be made writable (COW). */
	if (!err)
		err = install_special_mapping(mm, start, 1, VM_READ | VM_MAYREAD | VM_DONTEXPAND,
					      &vvar_vm_ops);
	if (!err)
		err = install_special_mapping(mm, text, vdso_npages, VM_READ | VM_EXEC |
					      VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC |
					      VM_DONTEXPAND, &vdso_vm_ops);
	if (!err)
		mm->vdso_base = text;
	mutex_unlock(&mm->mmap_lock);
	return err;
}

unsigned long vdso_sym_addr(const struct mm_struct *mm, enum vdso_sym sym)
{
	return mm && mm->vdso_base ? mm->vdso_base + vdso_offsets[sym] : 0;
}

/*
 * sigreturn.S: __kernel_sigreturn is popl (1 byte), movl $119 (5) and
 * int $0x80 (2); __kernel_rt_sigreturn is movl $173 (5) and int $0x80 (2).
 * A syscall's ip is the byte after its int $0x80: Linux's landing pads.
 */
#define SIGRETURN_LANDING	8
#define RT_SIGRETURN_LANDING	7

bool arch_syscall_is_vdso_sigreturn(const struct pt_regs *regs)
{
	const struct mm_struct *mm = current->mm;

	if (!mm || !mm->vdso_base)
		return false;
	return regs->ip == vdso_sym_addr(mm, VDSO_SYM_SIGRETURN) + SIGRETURN_LANDING ||
	       regs->ip == vdso_sym_addr(mm, VDSO_SYM_RT_SIGRETURN) + RT_SIGRETURN_LANDING;
}
