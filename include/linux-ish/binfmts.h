/*
 * execve() state.  The argument and environment strings are copied into
 * a kernel buffer before the old address space is dropped (they may live
 * in it), then written onto the new program's stack.  A "#!" script
 * rewrites argv[0] and names the next file to open (bprm->interp); an ELF
 * file is loaded.
 */
#ifndef _LINUX_ISH_BINFMTS_H
#define _LINUX_ISH_BINFMTS_H

#include <linux-ish/fs.h>

#define ARG_MAX_BYTES	(128 * 1024)	/* argv + envp strings */
#define BINPRM_BUF_SIZE	1024	/* ELF header and program headers must fit */
#define BINPRM_SCRIPT_MAX 256	/* the part of a "#!" line read, as Linux's buffer */
/*
 * Files one execve may load: the program and five interpreters; the
 * seventh (opened, so a missing one is ENOENT) is ELOOP, as on Linux.
 */
#define BINPRM_MAX_DEPTH 6

struct linux_binprm {
	struct file *file;
	char buf[BINPRM_BUF_SIZE];	/* the file's first bytes */
	const char *filename;		/* as given to execve (AT_EXECFN, comm) */
	const char *interp;		/* the file to open next: filename, then interpreters */
	char interp_buf[BINPRM_SCRIPT_MAX];	/* a script's interpreter name */
	char *strings;			/* argv then envp strings, NUL-separated */
	unsigned long strings_len;
	int argc, envc;
	struct cred *cred;		/* the new program's, committed at the point of no return */
	bool secureexec;		/* AT_SECURE: the ids or capabilities grew */
	char *fdpath;			/* execveat: "/dev/fd/N/name" (kmalloc'd) or NULL */
	bool path_inaccessible;		/* execveat through a close-on-exec fd: no scripts */
};

int do_execve_kernel(const char *filename, const char *const *argv,
		     const char *const *envp);
/* fs/binfmt_script.c: "#!" rewrites argv and sets bprm->interp; 0 or -errno. */
int load_script(struct linux_binprm *bprm);
/* fs/exec.c: replaces argv[0] by the @n strings @args.  0 or -E2BIG. */
int bprm_replace_arg0(struct linux_binprm *bprm, const char *const *args, int n);
/* fs/binfmt_elf.c: maps the program and builds its stack; 0 or -errno. */
int load_elf_binary(struct linux_binprm *bprm);
/*
 * fs/exec.c: opens @name (symlinks followed) as exec opens a program:
 * EACCES for a non-regular, non-executable or noexec file.  An ELF
 * interpreter is opened so.  The file or ERR_PTR(-errno).
 */
struct file *open_exec(const char *name);
/* After the point of no return: the old address space is gone. */
int begin_new_exec(struct linux_binprm *bprm);

#endif
