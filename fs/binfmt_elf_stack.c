/*
 * The new program's stack (fs/binfmt_elf.c loads the images): a
 * VM_GROWSDOWN VMA below the (randomised) stack top, executable when
 * PT_GNU_STACK asks for it or is missing, laid out as Linux does:
 *
 *   top  -> [ execfn string ][ env strings ][ arg strings ]
 *           (up to 8 KiB of random padding, arch_align_stack)
 *           [ "i686" ][ 16 random bytes ]  (AT_PLATFORM, AT_RANDOM)
 *           [ auxv pairs ... AT_NULL ][ NULL ][ envp[] ][ NULL ][ argv[] ]
 *   esp  -> [ argc ]                       (16-byte aligned)
 */
#include <linux-ish/kernel.h>
#include <linux-ish/cred.h>
#include <linux-ish/elf-randomize.h>
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
#include <asm/vdso.h>
#include <uapi/linux-ish/auxvec.h>
#include "binfmt_elf.h"

#define NR_AUXV		20

#define STACK_INITIAL	(128 * 1024)	/* first stack VMA; it grows on demand */

int elf_setup_stack_vma(unsigned long top, bool exec)
{
	struct mm_struct *mm = current->mm;
	unsigned long ret;

	mm->start_stack = top;
	mutex_lock(&mm->mmap_lock);
	ret = do_mmap(NULL, top - STACK_INITIAL, STACK_INITIAL,
		      PROT_READ | PROT_WRITE | (exec ? PROT_EXEC : 0),
		      MAP_PRIVATE | MAP_FIXED | MAP_ANONYMOUS | MAP_GROWSDOWN, 0);
	mutex_unlock(&mm->mmap_lock);
	return IS_ERR_VALUE(ret) ? (int)ret : 0;
}

/* Pushes @len bytes onto the user stack at *sp (moving it down). */
static int push_bytes(unsigned long *sp, const void *data, size_t len)
{
	*sp -= len;
	return copy_to_user((void __user *)*sp, data, len) ? -EFAULT : 0;
}

int elf_build_stack(struct linux_binprm *bprm, const struct elf_tables *t)
{
	struct mm_struct *mm = current->mm;
	unsigned long sp = mm->start_stack, execfn, strings, platform, random;
	unsigned long auxv[NR_AUXV * 2], *a = auxv, ptr;
	unsigned int nptrs = bprm->argc + bprm->envc + 2;
	u8 rnd[16];
	int err;

	err = push_bytes(&sp, bprm->filename, strlen(bprm->filename) + 1);
	execfn = sp;
	err = err ?: push_bytes(&sp, bprm->strings, bprm->strings_len);
	strings = sp;
	sp = arch_align_stack(sp, t->rnd);
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
	AUX(AT_PHDR, t->phdr);
	AUX(AT_PHENT, sizeof(struct elf32_phdr));
	AUX(AT_PHNUM, t->phnum);
	AUX(AT_BASE, t->base);
	AUX(AT_FLAGS, 0);
	AUX(AT_ENTRY, t->entry);
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
