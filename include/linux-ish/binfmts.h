/*
 * execve() state.  The argument and environment strings are copied into
 * a kernel buffer before the old address space is dropped (they may live
 * in it), then written onto the new program's stack.
 */
#ifndef _LINUX_ISH_BINFMTS_H
#define _LINUX_ISH_BINFMTS_H

#include <linux-ish/fs.h>

#define ARG_MAX_BYTES	(128 * 1024)	/* argv + envp strings */
#define BINPRM_BUF_SIZE	1024	/* ELF header and program headers must fit */

struct linux_binprm {
	struct file *file;
	char buf[BINPRM_BUF_SIZE];	/* the file's first bytes */
	const char *filename;		/* as given to execve (AT_EXECFN) */
	char *strings;			/* argv then envp strings, NUL-separated */
	unsigned long strings_len;
	int argc, envc;
};

int do_execve_kernel(const char *filename, const char *const *argv,
		     const char *const *envp);
/* fs/binfmt_elf.c: maps the program and builds its stack; 0 or -errno. */
int load_elf_binary(struct linux_binprm *bprm);
/* After the point of no return: the old address space is gone. */
int begin_new_exec(struct linux_binprm *bprm);

#endif
