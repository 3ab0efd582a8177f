/*
 * Loading ELF32 executables (i386) as Linux 6.1 does
 * (Documentation/userspace-api/elf.md):
 *
 *   ET_EXEC          at its link addresses;
 *   ET_DYN + INTERP  (a PIE) at ELF_ET_DYN_BASE plus a random offset;
 *   ET_DYN alone     (static-pie, or ld.so run as a program) where
 *                    mmap(NULL) would put it, near the stack;
 *   PT_INTERP        the named interpreter (/lib/ld-linux.so.2) as a
 *                    second image where mmap(NULL) would put it; the
 *                    process starts at its entry, AT_BASE says where it is.
 *
 * Everything that can be refused (headers, segment layout, the
 * interpreter's name, file and headers) is checked before the point of
 * no return.  Each PT_LOAD becomes a private file mapping with the
 * segment's permissions, so text is the page cache's pages, shared by
 * every process and never copied; the part past the file's bytes (.bss)
 * is zeroed in the last file page and mapped anonymous beyond it.  The
 * order is Linux's, which fixes the layout: mmap base, stack, program,
 * break, interpreter, vDSO, stack tables, and last the break's random
 * move (randomize_va_space 2).
 */
#include <linux-ish/kernel.h>
#include <linux-ish/binfmts.h>
#include <linux-ish/elf-randomize.h>
#include <linux-ish/err.h>
#include <linux-ish/errno.h>
#include <linux-ish/mm.h>
#include <linux-ish/mman.h>
#include <linux-ish/sched.h>
#include <linux-ish/slab.h>
#include <linux-ish/string.h>
#include <linux-ish/uaccess.h>
#include <asm/elf.h>
#include <asm/ptrace.h>
#include <asm/thread.h>
#include <asm/vdso.h>
#include <uapi/linux-ish/limits.h>
#include "binfmt_elf.h"

static int check_header(const struct elf32_hdr *eh)
{
	if (memcmp(eh->e_ident, "\177ELF", 4) || eh->e_ident[4] != ELFCLASS32 ||
	    eh->e_ident[5] != ELFDATA2LSB)
		return -ENOEXEC;
	if ((eh->e_type != ET_EXEC && eh->e_type != ET_DYN) || !elf_check_arch(eh) ||
	    eh->e_phentsize != sizeof(struct elf32_phdr) || !eh->e_phnum ||
	    eh->e_phnum > 64)
		return -ENOEXEC;
	if (eh->e_phoff > BINPRM_BUF_SIZE ||
	    eh->e_phnum * sizeof(struct elf32_phdr) > BINPRM_BUF_SIZE - eh->e_phoff)
		return -ENOEXEC;	/* headers not in the first bytes: not supported */
	return 0;
}

static unsigned long prot_of(const struct elf32_phdr *ph)
{
	return ((ph->p_flags & PF_R) ? PROT_READ : 0) |
	       ((ph->p_flags & PF_W) ? PROT_WRITE : 0) |
	       ((ph->p_flags & PF_X) ? PROT_EXEC : 0);
}

/*
 * Reads @buf's headers into @img and checks every PT_LOAD: memory at
 * least the file size, file offset and address alike within a page, no
 * wrap; records their page span.  0 or -ENOEXEC.
 */
static int image_init(struct elf_image *img, struct file *file, const char *buf)
{
	img->file = file;
	img->eh = (const struct elf32_hdr *)buf;
	if (check_header(img->eh))
		return -ENOEXEC;
	img->ph = (const struct elf32_phdr *)(buf + img->eh->e_phoff);
	img->low = ~0UL;
	img->high = 0;
	img->bias = 0;
	for (int i = 0; i < img->eh->e_phnum; i++) {
		const struct elf32_phdr *ph = &img->ph[i];
		unsigned long end = ph->p_vaddr + ph->p_memsz;

		if (ph->p_type != PT_LOAD)
			continue;
		if (ph->p_filesz > ph->p_memsz || end < ph->p_vaddr || end > TASK_SIZE ||
		    (ph->p_offset & ~PAGE_MASK) != (ph->p_vaddr & ~PAGE_MASK))
			return -ENOEXEC;
		img->low = min(img->low, ph->p_vaddr & PAGE_MASK);
		img->high = max(img->high, PAGE_ALIGN(end));
	}
	return img->high ? 0 : -ENOEXEC;
}

/* The largest power-of-two p_align of the PT_LOADs above a page, or 0. */
static unsigned long image_alignment(const struct elf_image *img)
{
	unsigned long align = 0;

	for (int i = 0; i < img->eh->e_phnum; i++) {
		unsigned long a = img->ph[i].p_align;

		if (img->ph[i].p_type == PT_LOAD && a > PAGE_SIZE && !(a & (a - 1)))
			align = max(align, a);
	}
	return align;
}

/*
 * Maps one PT_LOAD segment of @img, moved up by img->bias, into the
 * (new, current) mm.  0 or -errno.
 */
static int map_segment(const struct elf_image *img, const struct elf32_phdr *ph)
{
	struct mm_struct *mm = current->mm;
	unsigned long vaddr = ph->p_vaddr + img->bias;
	unsigned long start = vaddr & PAGE_MASK, off = vaddr - start;
	unsigned long file_end = vaddr + ph->p_filesz;
	unsigned long mem_end = vaddr + ph->p_memsz;
	/* Anonymous pages begin after the file's; all of them without file bytes. */
	unsigned long anon_start = ph->p_filesz ? PAGE_ALIGN(file_end) : start;
	unsigned long ret = 0;

	mutex_lock(&mm->mmap_lock);
	if (ph->p_filesz)
		ret = do_mmap(img->file, start, ph->p_filesz + off, prot_of(ph),
			      MAP_PRIVATE | MAP_FIXED, ph->p_offset >> PAGE_SHIFT);
	if (!IS_ERR_VALUE(ret) && PAGE_ALIGN(mem_end) > anon_start)
		ret = do_mmap(NULL, anon_start, PAGE_ALIGN(mem_end) - anon_start,
			      prot_of(ph), MAP_PRIVATE | MAP_FIXED | MAP_ANONYMOUS, 0);
	mutex_unlock(&mm->mmap_lock);
	if (IS_ERR_VALUE(ret))
		return (long)ret;
	/*
	 * .bss that shares the last file page: the file's bytes there read
	 * 0 up to the page's end, past p_memsz too (Linux's padzero): ld.so's
	 * first allocations use that tail and expect zeros.
	 */
	if (ph->p_memsz > ph->p_filesz && (file_end & ~PAGE_MASK) && ph->p_filesz &&
	    clear_user((void __user *)file_end, PAGE_ALIGN(file_end) - file_end))
		return -EFAULT;
	return 0;
}

/* The program's segment: code, data and the break's start follow it. */
static void record_segment(const struct elf_image *img, const struct elf32_phdr *ph)
{
	struct mm_struct *mm = current->mm;
	unsigned long vaddr = ph->p_vaddr + img->bias;
	unsigned long file_end = vaddr + ph->p_filesz;

	if (!mm->start_code || (vaddr & PAGE_MASK) < mm->start_code)
		mm->start_code = vaddr & PAGE_MASK;
	if (ph->p_flags & PF_X)
		mm->end_code = max(mm->end_code, file_end);
	else if (!mm->start_data)
		mm->start_data = vaddr;
	mm->end_data = max(mm->end_data, file_end);
	mm->brk = mm->start_brk = max(mm->start_brk, PAGE_ALIGN(vaddr + ph->p_memsz));
}

/*
 * An ET_DYN image placed where mmap(NULL) would put its whole span (the
 * gaps between segments stay holes, as Linux 6.1 leaves them), at a
 * multiple of its largest p_align (Linux's exec/load_address tests).
 * Sets img->bias.  0 or -ENOMEM.
 */
static int place_image(struct elf_image *img)
{
	struct mm_struct *mm = current->mm;
	unsigned long align = image_alignment(img), slack = align ? align - PAGE_SIZE : 0;
	unsigned long addr;

	mutex_lock(&mm->mmap_lock);
	addr = get_unmapped_area_hint(mm, 0, img->high - img->low + slack);
	mutex_unlock(&mm->mmap_lock);
	if (!addr)
		return -ENOMEM;
	if (align)			/* the segments' p_align, as Linux 6.1 honours it */
		addr = ALIGN(addr, align);
	img->bias = addr - img->low;
	return 0;
}

/* Maps every PT_LOAD of @img; the program's also set mm's layout fields. */
static int map_image(const struct elf_image *img, bool program)
{
	unsigned long end = img->high + img->bias;

	/* The span must not wrap or reach the kernel (the bias may "wrap" below 0). */
	if (end <= img->low + img->bias || end > TASK_SIZE)
		return -ENOEXEC;
	for (int i = 0; i < img->eh->e_phnum; i++) {
		int err;

		if (img->ph[i].p_type != PT_LOAD)
			continue;
		err = map_segment(img, &img->ph[i]);
		if (err)
			return err;
		if (program)
			record_segment(img, &img->ph[i]);
	}
	return 0;
}

/* Where the program headers are in memory, unbiased (for AT_PHDR), or 0. */
static unsigned long phdr_addr(const struct elf_image *img)
{
	const struct elf32_hdr *eh = img->eh;
	const struct elf32_phdr *ph = img->ph;

	for (int i = 0; i < eh->e_phnum; i++)
		if (ph[i].p_type == PT_PHDR)
			return ph[i].p_vaddr;
	for (int i = 0; i < eh->e_phnum; i++)
		if (ph[i].p_type == PT_LOAD && eh->e_phoff >= ph[i].p_offset &&
		    eh->e_phoff < ph[i].p_offset + ph[i].p_filesz)
			return ph[i].p_vaddr + eh->e_phoff - ph[i].p_offset;
	return 0;
}

/* The program header of type @type, or NULL. */
static const struct elf32_phdr *find_phdr(const struct elf_image *img, u32 type)
{
	for (int i = 0; i < img->eh->e_phnum; i++)
		if (img->ph[i].p_type == type)
			return &img->ph[i];
	return NULL;
}

/*
 * The interpreter PT_INTERP names, opened as exec opens a program, its
 * first bytes read into @buf (BINPRM_BUF_SIZE) and checked: a name that
 * is not one NUL-terminated string of 2..PATH_MAX bytes is ENOEXEC, a
 * file that is not an i386 ELF32 executable ELIBBAD (Linux's answers).
 * The file (the caller puts it) or ERR_PTR(-errno).
 */
static struct file *open_interp(struct linux_binprm *bprm, const struct elf32_phdr *ph,
				struct elf_image *interp, char *buf)
{
	loff_t pos = ph->p_offset;
	struct file *file;
	char *name;
	ssize_t n;

	if (ph->p_filesz < 2 || ph->p_filesz > PATH_MAX)
		return ERR_PTR(-ENOEXEC);
	name = kmalloc(ph->p_filesz, GFP_KERNEL);
	if (!name)
		return ERR_PTR(-ENOMEM);
	n = kernel_read(bprm->file, name, ph->p_filesz, &pos);
	if (n != ph->p_filesz || name[n - 1]) {
		kfree(name);
		return ERR_PTR(n < 0 ? n : n != ph->p_filesz ? -EIO : -ENOEXEC);
	}
	file = open_exec(name);
	kfree(name);
	if (IS_ERR(file))
		return file;
	pos = 0;
	memset(buf, 0, BINPRM_BUF_SIZE);
	n = kernel_read(file, buf, BINPRM_BUF_SIZE, &pos);
	if (n < 0 || image_init(interp, file, buf)) {
		fput(file);
		return ERR_PTR(n < 0 ? n : -ELIBBAD);
	}
	return file;
}

/*
 * The program's bias: none for ET_EXEC; a PIE with an interpreter at
 * ELF_ET_DYN_BASE (plus arch_mmap_rnd, aligned to its segments'
 * p_align), whatever its link address; a static-pie where mmap goes.
 */
static int program_bias(struct elf_image *prog, bool has_interp, bool rnd)
{
	unsigned long base, align;

	if (prog->eh->e_type != ET_DYN)
		return 0;
	if (!has_interp)
		return place_image(prog);
	base = ELF_ET_DYN_BASE + arch_mmap_rnd(rnd);
	align = image_alignment(prog);
	if (align)
		base &= ~(align - 1);
	prog->bias = base - prog->low;
	return 0;
}

/*
 * After the point of no return: the layout, the images, the vDSO and
 * the stack, in Linux's order.  0 or -errno (the caller kills).
 */
static int load_images(struct linux_binprm *bprm, struct elf_image *prog,
		       struct elf_image *interp, bool exec_stack)
{
	struct mm_struct *mm = current->mm;
	struct elf_tables t = { .rnd = exec_randomizes() };
	unsigned long entry;
	int err;

	arch_pick_mmap_layout(mm, t.rnd);
	err = elf_setup_stack_vma(randomize_stack_top(STACK_TOP, t.rnd), exec_stack);
	err = err ?: program_bias(prog, interp->file, t.rnd);
	err = err ?: map_image(prog, true);
	if (!err && interp->file)
		err = (interp->eh->e_type == ET_DYN ? place_image(interp) : 0) ?:
		      map_image(interp, false);
	err = err ?: map_vdso(mm);
	if (err)
		return err;
	t.phdr = phdr_addr(prog) ? phdr_addr(prog) + prog->bias : 0;
	t.phnum = prog->eh->e_phnum;
	t.entry = prog->eh->e_entry + prog->bias;
	t.base = interp->file ? interp->bias : 0;
	entry = interp->file ? interp->eh->e_entry + interp->bias : t.entry;
	start_thread(task_pt_regs(current), entry, 0);
	err = elf_build_stack(bprm, &t);
	if (t.rnd && READ_ONCE(randomize_va_space) > 1) {
		/* A loader run directly moves its break out of the mmap area. */
		if (prog->eh->e_type == ET_DYN && !interp->file)
			mm->brk = mm->start_brk = ELF_ET_DYN_BASE;
		mm->brk = mm->start_brk = arch_randomize_brk(mm);
	}
	return err;
}

int load_elf_binary(struct linux_binprm *bprm)
{
	struct elf_image prog, interp = { .file = NULL };
	const struct elf32_phdr *ph, *stack;
	char *interp_buf = NULL;
	int err = image_init(&prog, bprm->file, bprm->buf);

	if (err)
		return err;
	ph = find_phdr(&prog, PT_INTERP);
	if (ph) {
		struct file *file;

		interp_buf = kmalloc(BINPRM_BUF_SIZE, GFP_KERNEL);
		if (!interp_buf)
			return -ENOMEM;
		file = open_interp(bprm, ph, &interp, interp_buf);
		if (IS_ERR(file)) {
			kfree(interp_buf);
			return PTR_ERR(file);
		}
	}
	/* No PT_GNU_STACK: Linux i386 assumes READ_IMPLIES_EXEC, so an executable stack. */
	stack = find_phdr(&prog, PT_GNU_STACK);

	err = begin_new_exec(bprm);		/* the point of no return */
	err = err ?: load_images(bprm, &prog, &interp, !stack || (stack->p_flags & PF_X));
	if (interp.file)
		fput(interp.file);		/* the mappings hold their own references */
	kfree(interp_buf);
	return err;
}
