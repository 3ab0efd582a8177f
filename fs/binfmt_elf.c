/*
 * Loading static ELF32 executables (i386): ET_EXEC at its link addresses,
 * and static-pie (ET_DYN without PT_INTERP) at ELF_ET_DYN_BASE, shifted by
 * a load bias that AT_PHDR and AT_ENTRY include (glibc's self-relocation
 * finds its base from them; AT_BASE stays 0: no interpreter).  Linux 6.1
 * puts a static-pie where mmap() would (randomised, near the stack) and
 * its brk at ELF_ET_DYN_BASE; Linnet has no address randomisation yet, so
 * it loads the image at the fixed ELF_ET_DYN_BASE, Linux i386's value,
 * with brk right after it as for ET_EXEC.  Each PT_LOAD becomes
 * a private file mapping with the segment's permissions; the part of the
 * segment past its file contents (.bss) is zeroed in the last file page
 * and mapped anonymous beyond it.  The stack is a VM_GROWSDOWN VMA below
 * STACK_TOP, laid out as Linux does:
 *
 *   STACK_TOP -> [ execfn string ][ env strings ][ arg strings ]
 *                [ "i686" ][ 16 random bytes ]  (AT_PLATFORM, AT_RANDOM)
 *                [ auxv pairs ... AT_NULL ][ NULL ][ envp[] ][ NULL ][ argv[] ]
 *   esp       -> [ argc ]                       (16-byte aligned)
 */
#include <linux-ish/kernel.h>
#include <linux-ish/cred.h>
#include <linux-ish/binfmts.h>
#include <linux-ish/err.h>
#include <linux-ish/errno.h>
#include <linux-ish/mm.h>
#include <linux-ish/mman.h>
#include <linux-ish/random.h>
#include <linux-ish/sched.h>
#include <linux-ish/string.h>
#include <linux-ish/uaccess.h>
#include <asm/elf.h>
#include <asm/ptrace.h>
#include <asm/thread.h>
#include <asm/vdso.h>
#include <uapi/linux-ish/auxvec.h>
#include <uapi/linux-ish/elf.h>

#define NR_AUXV		20

#define STACK_INITIAL	(128 * 1024)	/* first stack VMA; it grows on demand */

#define MAX_PHNUM	(BINPRM_BUF_SIZE / sizeof(struct elf32_phdr))

#define ELF_ET_DYN_BASE	0x00400000UL	/* where a static-pie is loaded */

static int check_header(const struct elf32_hdr *eh)
{
	if (memcmp(eh->e_ident, "\177ELF", 4) || eh->e_ident[4] != ELFCLASS32 ||
	    eh->e_ident[5] != ELFDATA2LSB)
		return -ENOEXEC;
	if ((eh->e_type != ET_EXEC && eh->e_type != ET_DYN) || !elf_check_arch(eh) ||
	    eh->e_phentsize != sizeof(struct elf32_phdr) || !eh->e_phnum ||
	    eh->e_phnum > 64)
		return -ENOEXEC;
	return 0;
}

static unsigned long prot_of(const struct elf32_phdr *ph)
{
	return ((ph->p_flags & PF_R) ? PROT_READ : 0) |
	       ((ph->p_flags & PF_W) ? PROT_WRITE : 0) |
	       ((ph->p_flags & PF_X) ? PROT_EXEC : 0);
}

/*
 * Maps one PT_LOAD segment, moved up by @bias, into the (new, current)
 * mm.  0 or -errno.
 */
static int map_segment(struct linux_binprm *bprm, const struct elf32_phdr *ph,
		       unsigned long bias)
{
	struct mm_struct *mm = current->mm;
	unsigned long vaddr = ph->p_vaddr + bias;
	unsigned long off = vaddr & ~PAGE_MASK;
	unsigned long start = vaddr - off;
	unsigned long file_end = vaddr + ph->p_filesz;
	unsigned long mem_end = vaddr + ph->p_memsz;
	/* Anonymous pages begin after the file's; all of them without file bytes. */
	unsigned long anon_start = ph->p_filesz ? PAGE_ALIGN(file_end) : start;
	unsigned long ret = 0;

	if (ph->p_filesz > ph->p_memsz || mem_end < vaddr || vaddr < bias || mem_end > TASK_SIZE ||
	    (ph->p_offset & ~PAGE_MASK) != off)
		return -ENOEXEC;
	mutex_lock(&mm->mmap_lock);
	if (ph->p_filesz)
		ret = do_mmap(bprm->file, start, ph->p_filesz + off, prot_of(ph),
			      MAP_PRIVATE | MAP_FIXED, ph->p_offset >> PAGE_SHIFT);
	if (!IS_ERR_VALUE(ret) && PAGE_ALIGN(mem_end) > anon_start)
		ret = do_mmap(NULL, anon_start, PAGE_ALIGN(mem_end) - anon_start,
			      prot_of(ph), MAP_PRIVATE | MAP_FIXED | MAP_ANONYMOUS, 0);
	mutex_unlock(&mm->mmap_lock);
	if (IS_ERR_VALUE(ret))
		return (long)ret;
	/* .bss that shares the last file page: the file's bytes there must read 0. */
	if (ph->p_memsz > ph->p_filesz && (file_end & ~PAGE_MASK) && ph->p_filesz &&
	    clear_user((void __user *)file_end,
		       min_t(unsigned long, PAGE_ALIGN(file_end), mem_end) - file_end))
		return -EFAULT;
	if (!mm->start_code || start < mm->start_code)
		mm->start_code = start;
	if (ph->p_flags & PF_X)
		mm->end_code = max(mm->end_code, file_end);
	else if (!mm->start_data)
		mm->start_data = vaddr;
	mm->end_data = max(mm->end_data, file_end);
	mm->brk = mm->start_brk = max(mm->start_brk, PAGE_ALIGN(mem_end));
	return 0;
}

/* Where the program headers are in memory (for AT_PHDR), or 0. */
static unsigned long phdr_addr(const struct elf32_hdr *eh, const struct elf32_phdr *ph)
{
	for (int i = 0; i < eh->e_phnum; i++)
		if (ph[i].p_type == PT_PHDR)
			return ph[i].p_vaddr;
	for (int i = 0; i < eh->e_phnum; i++)
		if (ph[i].p_type == PT_LOAD && eh->e_phoff >= ph[i].p_offset &&
		    eh->e_phoff < ph[i].p_offset + ph[i].p_filesz)
			return ph[i].p_vaddr + eh->e_phoff - ph[i].p_offset;
	return 0;
}

static int setup_stack_vma(void)
{
	struct mm_struct *mm = current->mm;
	unsigned long ret;

	mm->start_stack = STACK_TOP;
	mutex_lock(&mm->mmap_lock);
	ret = do_mmap(NULL, STACK_TOP - STACK_INITIAL, STACK_INITIAL,
		      PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_FIXED | MAP_ANONYMOUS |
		      MAP_GROWSDOWN, 0);
	mutex_unlock(&mm->mmap_lock);
	return IS_ERR_VALUE(ret) ? (int)ret : 0;
}

/* Pushes @len bytes onto the user stack at *sp (moving it down). */
static int push_bytes(unsigned long *sp, const void *data, size_t len)
{
	*sp -= len;
	return copy_to_user((void __user *)*sp, data, len) ? -EFAULT : 0;
}

static int build_stack(struct linux_binprm *bprm, const struct elf32_hdr *eh,
		       unsigned long phdr, unsigned long entry)
{
	struct mm_struct *mm = current->mm;
	unsigned long sp = STACK_TOP, execfn, strings, platform, random;
	unsigned long auxv[NR_AUXV * 2], *a = auxv, ptr;
	unsigned int nptrs = bprm->argc + bprm->envc + 2;
	u8 rnd[16];
	int err;

	err = push_bytes(&sp, bprm->filename, strlen(bprm->filename) + 1);
	execfn = sp;
	err = err ?: push_bytes(&sp, bprm->strings, bprm->strings_len);
	strings = sp;
	err = err ?: push_bytes(&sp, ELF_PLATFORM, sizeof(ELF_PLATFORM));
	platform = sp;
	get_random_bytes(rnd, sizeof(rnd));
	err = err ?: push_bytes(&sp, rnd, sizeof(rnd));
	random = sp;
	if (err)
		return err;

#define AUX(id, val) do { *a++ = (id); *a++ = (val); } while (0)
	if (mm->vdso_base) {		/* first, as Linux's ARCH_DLINFO */
		AUX(AT_SYSINFO, vdso_sym_addr(mm, VDSO_SYM_VSYSCALL));
		AUX(AT_SYSINFO_EHDR, mm->vdso_base);
	}
	AUX(AT_HWCAP, ELF_HWCAP);
	AUX(AT_PAGESZ, PAGE_SIZE);
	AUX(AT_CLKTCK, 100);
	AUX(AT_PHDR, phdr);
	AUX(AT_PHENT, sizeof(struct elf32_phdr));
	AUX(AT_PHNUM, eh->e_phnum);
	AUX(AT_BASE, 0);
	AUX(AT_FLAGS, 0);
	AUX(AT_ENTRY, entry);
	AUX(AT_UID, current_cred()->uid);
	AUX(AT_EUID, current_cred()->euid);
	AUX(AT_GID, current_cred()->gid);
	AUX(AT_EGID, current_cred()->egid);
	AUX(AT_SECURE, bprm->secureexec);
	AUX(AT_RANDOM, random);
	AUX(AT_EXECFN, execfn);
	AUX(AT_PLATFORM, platform);
	AUX(AT_NULL, 0);
#undef AUX
	/* argc, argv[], NULL, envp[], NULL, auxv: esp ends 16-byte aligned. */
	sp -= (a - auxv) * sizeof(long) + (nptrs + 1) * sizeof(long);
	sp &= ~15UL;
	if (copy_to_user((void __user *)(sp + (nptrs + 1) * sizeof(long)), auxv,
			 (a - auxv) * sizeof(long)))
		return -EFAULT;
	ptr = sp;
	err = put_user((long)bprm->argc, (long __user *)ptr);
	mm->arg_start = strings;
	for (int i = 0; i < bprm->argc + bprm->envc + 2 && !err; i++) {
		unsigned long val = 0;

		if (i == bprm->argc + 1)
			mm->env_start = strings;
		if (i != bprm->argc && i != nptrs - 1) {
			val = strings;
			strings += strnlen(bprm->strings + (strings - mm->arg_start),
					   ARG_MAX_BYTES) + 1;
		}
		if (i == bprm->argc)
			mm->arg_end = strings;
		ptr += sizeof(long);
		err = put_user(val, (unsigned long __user *)ptr);
	}
	mm->env_end = strings;
	task_pt_regs(current)->sp = sp;
	return err;
}

/*
 * How far the image moves from its link addresses: 0 for ET_EXEC; for
 * ET_DYN, whatever puts its lowest PT_LOAD page at ELF_ET_DYN_BASE (one
 * linked above that stays where it is).
 */
static unsigned long load_bias(const struct elf32_hdr *eh, const struct elf32_phdr *ph)
{
	unsigned long low = ~0UL;

	if (eh->e_type != ET_DYN)
		return 0;
	for (int i = 0; i < eh->e_phnum; i++)
		if (ph[i].p_type == PT_LOAD && ph[i].p_vaddr < low)
			low = ph[i].p_vaddr;
	if (low == ~0UL || (low & PAGE_MASK) >= ELF_ET_DYN_BASE)
		return 0;
	return ELF_ET_DYN_BASE - (low & PAGE_MASK);
}

int load_elf_binary(struct linux_binprm *bprm)
{
	const struct elf32_hdr *eh = (const struct elf32_hdr *)bprm->buf;
	const struct elf32_phdr *ph;
	unsigned long phdr, bias;
	int err = check_header(eh);

	if (err)
		return err;
	if (eh->e_phoff > BINPRM_BUF_SIZE ||
	    eh->e_phnum * sizeof(*ph) > BINPRM_BUF_SIZE - eh->e_phoff)
		return -ENOEXEC;	/* headers not in the first bytes: not supported */
	ph = (const struct elf32_phdr *)(bprm->buf + eh->e_phoff);
	for (int i = 0; i < eh->e_phnum; i++)
		if (ph[i].p_type == PT_INTERP)
			return -ENOEXEC;	/* dynamically linked: no loader here */
	bias = load_bias(eh, ph);
	phdr = phdr_addr(eh, ph);
	if (phdr)
		phdr += bias;

	err = begin_new_exec(bprm);		/* the point of no return */
	for (int i = 0; i < eh->e_phnum && !err; i++)
		if (ph[i].p_type == PT_LOAD)
			err = map_segment(bprm, &ph[i], bias);
	err = err ?: setup_stack_vma();
	err = err ?: map_vdso(current->mm);
	if (err)
		return err;
	start_thread(task_pt_regs(current), eh->e_entry + bias, 0);
	return build_stack(bprm, eh, phdr, eh->e_entry + bias);
}
