/*
 * execve(): replace the calling process's program.
 *
 *   1. copy argv and envp into a kernel buffer (they may live in the
 *      address space about to go); an empty argv becomes { "" }, as on
 *      Linux 5.18+, so that argv[0] always exists;
 *   2. open the file, check it is a regular executable file on an exec
 *      mount, read its first bytes;
 *   3. a "#!" script (fs/binfmt_script.c) rewrites argv and names its
 *      interpreter: back to 2 with that file; a chain of more than
 *      BINPRM_MAX_DEPTH files is ELOOP;
 *   4. load_elf_binary(): check the headers, then begin_new_exec() -- the
 *      point of no return: a fresh mm replaces the old one, close-on-exec
 *      descriptors close, TLS and FPU state reset -- then map the segments
 *      and build the stack.
 * An error before the point of no return leaves the caller untouched and
 * returns -errno; one after it kills the process (SIGSEGV), as on Linux.
 */
#include <linux-ish/ptrace.h>
#include <linux-ish/kernel.h>
#include <linux-ish/binfmts.h>
#include <linux-ish/cred.h>
#include <linux-ish/permission.h>
#include <linux-ish/err.h>
#include <linux-ish/errno.h>
#include <linux-ish/fdtable.h>
#include <linux-ish/futex.h>
#include <linux-ish/mm.h>
#include <linux-ish/mount.h>
#include <linux-ish/sched.h>
#include <linux-ish/signal.h>
#include <linux-ish/slab.h>
#include <linux-ish/string.h>
#include <linux-ish/syscalls.h>
#include <linux-ish/uaccess.h>
#include <asm/mmu_context.h>
#include <asm/traps.h>
#include <uapi/linux-ish/personality.h>

#define MAX_ARG_STRINGS	0x7FFFFFFF

/*
 * Opens the file at @path for exec.  Linux's errors: anything but a
 * regular file (a directory, FIFO, device, socket), a file the caller
 * may not execute (for root: one without any execute bit), or one on a
 * noexec mount is EACCES.  Read permission is not needed.  The file or
 * ERR_PTR(-errno).
 */
static struct file *open_exec_path(const struct path *path)
{
	struct inode *inode = path->dentry->d_inode;
	int err;

	if (!S_ISREG(inode->i_mode))
		return ERR_PTR(-EACCES);
	if (path->mnt->mnt_flags & MNT_NOEXEC)
		return ERR_PTR(-EACCES);
	err = inode_permission(inode, MAY_EXEC);
	if (err)
		return ERR_PTR(err);
	return dentry_open_nocheck(path, O_RDONLY);
}

struct file *open_exec(const char *name)
{
	struct path path;
	struct file *f;
	int err = kern_path(name, LOOKUP_FOLLOW, &path);

	if (err)
		return ERR_PTR(err);
	f = open_exec_path(&path);
	path_put(&path);
	return f;
}

/* Opens the file at @path (see open_exec_path) and reads its first bytes into bprm->buf. */
static int bprm_open(struct linux_binprm *bprm, const struct path *path)
{
	struct file *f = open_exec_path(path);
	loff_t pos = 0;
	ssize_t n;

	if (IS_ERR(f))
		return PTR_ERR(f);
	if (bprm->file)
		fput(bprm->file);	/* the script that named this interpreter */
	bprm->file = f;
	memset(bprm->buf, 0, sizeof(bprm->buf));
	n = kernel_read(bprm->file, bprm->buf, sizeof(bprm->buf), &pos);
	return n < 0 ? n : 0;
}

/* Appends one string to bprm->strings.  0, -E2BIG or -EFAULT. */
static int add_string(struct linux_binprm *bprm, const char *kstr,
		      const char __user *ustr)
{
	long room = ARG_MAX_BYTES - bprm->strings_len, len;
	char *dst = bprm->strings + bprm->strings_len;

	if (kstr) {
		len = strlen(kstr) + 1;
		if (len > room)
			return -E2BIG;
		memcpy(dst, kstr, len);
	} else {
		len = strncpy_from_user(dst, ustr, room);
		if (len < 0)
			return -EFAULT;
		if (len == room)
			return -E2BIG;
		len++;
	}
	bprm->strings_len += len;
	return 0;
}

/*
 * Copies a NULL-terminated vector of strings (kernel @kv or user @uv).
 * Returns the count or -errno.
 */
static int copy_strings(struct linux_binprm *bprm, const char *const *kv,
			const char __user *const __user *uv)
{
	int n = 0;

	if (!kv && !uv)
		return 0;
	for (;; n++) {
		const char __user *up = NULL;
		const char *kp = NULL;
		int err;

		if (kv) {
			kp = kv[n];
		} else if (get_user(up, &uv[n])) {
			return -EFAULT;
		}
		if (!kp && !up)
			return n;
		err = add_string(bprm, kp, up);
		if (err)
			return err;
	}
}

/*
 * Replaces argv[0] (if there is one) by the @n strings @args, in order.
 * The strings buffer is argv then envp, so the rest moves up or down.
 * 0 or -E2BIG.
 */
int bprm_replace_arg0(struct linux_binprm *bprm, const char *const *args, int n)
{
	long old = bprm->argc ? strlen(bprm->strings) + 1 : 0, new = 0;
	char *dst = bprm->strings;

	for (int i = 0; i < n; i++)
		new += strlen(args[i]) + 1;
	if (bprm->strings_len - old + new > ARG_MAX_BYTES)
		return -E2BIG;
	memmove(dst + new, dst + old, bprm->strings_len - old);
	for (int i = 0; i < n; i++) {
		long len = strlen(args[i]) + 1;

		memcpy(dst, args[i], len);
		dst += len;
	}
	bprm->strings_len += new - old;
	bprm->argc += n - (old ? 1 : 0);
	return 0;
}

/*
 * Copies argv, then envp.  Linux 5.18+: an empty argv (NULL, or { NULL })
 * becomes { "" }, so that no program sees argc 0; logged once.
 */
static int copy_args(struct linux_binprm *bprm, const char *const *kargv,
		     const char *const *kenvp,
		     const char __user *const __user *uargv,
		     const char __user *const __user *uenvp)
{
	int err = copy_strings(bprm, kargv, uargv);

	if (err < 0)
		return err;
	bprm->argc = err;
	if (!bprm->argc) {
		static bool warned;

		if (!warned)
			printk(KERN_WARNING "%s[%d]: execve with an empty argv: passing { \"\" }\n",
			       current->comm, current->pid);
		warned = true;
		err = add_string(bprm, "", NULL);
		if (err)
			return err;
		bprm->argc = 1;
	}
	err = copy_strings(bprm, kenvp, uenvp);
	if (err < 0)
		return err;
	bprm->envc = err;
	return 0;
}

static void free_bprm(struct linux_binprm *bprm)
{
	if (bprm->cred)
		abort_creds(bprm->cred);
	if (bprm->file)
		fput(bprm->file);
	kfree(bprm->strings);
	kfree(bprm->fdpath);
	kfree(bprm);
}

/*
 * current moves to @mm, a fresh address space.  The old one loses only
 * current's reference: its user reference (other users, a vfork parent
 * among them, keep it whole), or for a kernel thread the mm_count
 * reference on the mm it borrowed.
 */
static void exec_mmap(struct mm_struct *mm)
{
	struct task_struct *p = current;
	struct mm_struct *old = p->mm, *active = p->active_mm;

	task_lock(p);
	p->mm = mm;
	p->active_mm = mm;
	task_unlock(p);
	switch_mm(active, mm);
	if (old) {
		acct_mm_hiwater(p, old);
		mmput(old);
	}
	else
		mmdrop(active);
}

/*
 * The new program's creds, from the file loaded (the interpreter of a
 * script, never the script): its set-user-ID and set-group-ID (with
 * group execute) bits give the effective ids unless the mount is
 * nosuid.  Capabilities by Linux's root rules: a real or effective uid
 * of 0 gets every capability permitted, effective only with euid 0;
 * anyone else none.  The saved and file-system ids follow the effective
 * ones.  AT_SECURE when the effective ids differ from the old real ones
 * or a non-root caller gained capabilities.
 */
static void bprm_fill_creds(struct linux_binprm *bprm)
{
	const struct inode *inode = bprm->file->f_inode;
	const struct cred *old = current_cred();
	struct cred *new = bprm->cred;

	if (!(bprm->file->f_path.mnt->mnt_flags & MNT_NOSUID) && !ptrace_exec_unsafe() &&
	    !current->no_new_privs) {
		if (inode->i_mode & S_ISUID)
			new->euid = inode->i_uid;
		if ((inode->i_mode & (S_ISGID | S_IXGRP)) == (S_ISGID | S_IXGRP))
			new->egid = inode->i_gid;
	}
	new->cap_permitted = !new->uid || !new->euid ? CAP_FULL_SET : 0;
	new->cap_effective = !new->euid ? new->cap_permitted : 0;
	new->suid = new->fsuid = new->euid;
	new->sgid = new->fsgid = new->egid;
	bprm->secureexec = new->euid != old->uid || new->egid != old->gid ||
			   (new->uid && (new->cap_permitted & ~old->cap_permitted));
}

/*
 * Installs the new creds.  A set-id program, or one the caller may not
 * read, is not dumpable (fs.suid_dumpable 0), as on Linux.
 */
static void exec_commit_creds(struct linux_binprm *bprm)
{
	const struct cred *c;
	bool readable = !inode_permission(bprm->file->f_inode, MAY_READ);

	bprm_fill_creds(bprm);
	commit_creds(bprm->cred);
	bprm->cred = NULL;
	c = current_cred();
	current->dumpable = readable && c->euid == c->uid && c->egid == c->gid;
	current->personality = PER_LINUX | (current->personality & ~PER_MASK);
	if (bprm->secureexec)
		current->personality &= ~PER_CLEAR_ON_SETID;
}

/* The point of no return: current gets a fresh, empty address space. */
int begin_new_exec(struct linux_binprm *bprm)
{
	struct task_struct *p = current;
	struct mm_struct *mm = mm_alloc();
	const char *base;
	int err;

	if (!mm)
		return -ENOMEM;
	err = de_thread(p);		/* the other threads die first */
	if (!err && (unshare_files() || unshare_sighand(p)))	/* CLONE_FILES, CLONE_SIGHAND */
		err = -ENOMEM;
	if (err) {
		mmput(mm);
		return err;
	}
	exit_robust_list(p);		/* futexes in the old program */
	exec_mmap(mm);
	p->flags &= ~PF_KTHREAD;
	p->clear_child_tid = NULL;	/* addresses in the old program mean nothing now */
	signals_exec(p);
	rseq_execve(p);
	clear_syscall_user_dispatch(p);
	p->set_child_tid = NULL;
	mm_release_vfork(p);
	if (p->files)
		do_close_on_exec(p->files);
	flush_thread();
	exec_commit_creds(bprm);	/* sets dumpable */
	base = strrchr(bprm->filename, '/');
	strlcpy(p->comm, base ? base + 1 : bprm->filename, sizeof(p->comm));
	return 0;
}

/* Looks up and opens bprm->interp (symlinks followed: a loop is ELOOP). */
static int open_exec_name(struct linux_binprm *bprm)
{
	struct path path;
	int err = kern_path(bprm->interp, LOOKUP_FOLLOW, &path);

	if (err)
		return err;
	err = bprm_open(bprm, &path);
	path_put(&path);
	return err;
}

/*
 * The program execveat() names: @name from @dfd (AT_FDCWD: the working
 * directory; ignored for an absolute @name), or with AT_EMPTY_PATH and
 * "" the file @dfd itself; with
 * AT_SYMLINK_NOFOLLOW a symlink in the last component is ELOOP.
 */
static int open_exec_at(struct linux_binprm *bprm, int dfd, const char *name, int flags)
{
	struct path path;
	int err;

	if (!*name && (flags & AT_EMPTY_PATH))
		err = dfd_path(dfd, &path);
	else
		err = path_lookupat(*name == '/' ? AT_FDCWD : dfd, name, (flags & AT_SYMLINK_NOFOLLOW) ? 0 : LOOKUP_FOLLOW,
				    &path);
	if (err)
		return err;
	err = S_ISLNK(path.dentry->d_inode->i_mode) ? -ELOOP : bprm_open(bprm, &path);
	path_put(&path);
	return err;
}

/*
 * Runs @filename (looked up from @dfd with @flags): a script hands over
 * to its interpreter, which may be a script in turn.  As on Linux, each
 * script opens its interpreter at once (a missing one is ENOENT), and a
 * seventh file is ELOOP: one execve runs the program and at most five
 * interpreters.  A file that is neither a script nor an ELF executable
 * (an empty file among them) is ENOEXEC.  A script reached through a
 * close-on-exec descriptor is ENOENT: its interpreter could not open it.
 */
static int bprm_execve(struct linux_binprm *bprm, int dfd, const char *filename, int flags)
{
	int err;

	bprm->interp = bprm->filename;	/* what a script's interpreter is told */
	err = open_exec_at(bprm, dfd, filename, flags);
	for (int depth = 0; !err; depth++) {
		if (depth == BINPRM_MAX_DEPTH)
			return -ELOOP;
		err = load_script(bprm);
		if (err == -ENOEXEC)
			return load_elf_binary(bprm);
		if (!err && bprm->path_inaccessible)
			return -ENOENT;
		if (!err)
			err = open_exec_name(bprm);	/* bprm->interp: the interpreter */
	}
	return err;
}

/*
 * The name the new program sees (AT_EXECFN, comm, a script's argument):
 * @name itself when absolute or relative to the working directory, else
 * "/dev/fd/<dfd>/<name>" or for an empty path "/dev/fd/<dfd>", as Linux.
 * Sets bprm->path_inaccessible when @dfd is close-on-exec.  0 or -ENOMEM.
 */
static int bprm_set_filename(struct linux_binprm *bprm, int dfd, const char *name)
{
	struct files_struct *files = current->files;

	if (name[0] == '/' || dfd == AT_FDCWD) {
		bprm->filename = name;
		return 0;
	}
	bprm->fdpath = kmalloc(PATH_MAX + 32, GFP_KERNEL);
	if (!bprm->fdpath)
		return -ENOMEM;
	if (*name)
		snprintf(bprm->fdpath, PATH_MAX + 32, "/dev/fd/%d/%s", dfd, name);
	else
		snprintf(bprm->fdpath, PATH_MAX + 32, "/dev/fd/%d", dfd);
	bprm->filename = bprm->fdpath;
	if (dfd >= 0 && fd_is_close_on_exec(files, dfd))
		bprm->path_inaccessible = true;
	return 0;
}

/*
 * The common path of both execve() flavours.  A failure after the point
 * of no return (current->mm replaced) cannot be reported to the old
 * program, which is gone: *fatal is set and the caller, once it has
 * freed what it holds (execve's copy of the file name), kills the
 * process with SIGSEGV, as Linux does.
 */
static int do_execve_common(int dfd, const char *filename, int flags,
			    const char *const *kargv, const char *const *kenvp,
			    const char __user *const __user *uargv,
			    const char __user *const __user *uenvp, bool *fatal)
{
	struct linux_binprm *bprm = kzalloc(sizeof(*bprm), GFP_KERNEL);
	struct mm_struct *old_mm = current->mm;
	int err;

	*fatal = false;
	if (!bprm)
		return -ENOMEM;
	bprm->strings = kmalloc(ARG_MAX_BYTES, GFP_KERNEL);
	bprm->cred = prepare_creds();
	err = bprm->strings && bprm->cred ? 0 : -ENOMEM;
	if (!err)
		err = copy_args(bprm, kargv, kenvp, uargv, uenvp);
	if (!err)
		err = bprm_set_filename(bprm, dfd, filename);
	if (!err)
		err = bprm_execve(bprm, dfd, filename, flags);
	if (err < 0 && current->mm != old_mm) {
		printk(KERN_ERR "%s[%d]: exec of %s failed after the point of no return (%d)\n",
		       current->comm, current->pid, filename, err);
		*fatal = true;
	}
	if (err >= 0)
		ptrace_exec_report(current->pid);	/* SIGTRAP or PTRACE_EVENT_EXEC */
	free_bprm(bprm);
	return err < 0 ? err : 0;
}

int do_execve_kernel(const char *filename, const char *const *argv,
		     const char *const *envp)
{
	bool fatal;
	int err = do_execve_common(AT_FDCWD, filename, 0, argv, envp, NULL, NULL, &fatal);

	if (fatal)
		do_exit(SIGSEGV);
	return err;
}

SYSCALL_DEFINE3(execve, const char __user *, filename,
		const char __user *const __user *, argv,
		const char __user *const __user *, envp)
{
	char buf[GETNAME_SHORT];	/* this frame outlives the exec: the name stays valid */
	char *name = getname_buf(filename, buf);
	bool fatal;
	long err;

	if (IS_ERR(name))
		return PTR_ERR(name);
	err = do_execve_common(AT_FDCWD, name, 0, NULL, NULL, argv, envp, &fatal);
	putname_buf(name, buf);
	if (fatal)
		do_exit(SIGSEGV);
	return err;
}

/*
 * execveat: execve of @filename relative to @dfd, or of @dfd itself with
 * AT_EMPTY_PATH and "" (fexecve); AT_SYMLINK_NOFOLLOW makes a final
 * symlink ELOOP; other flags EINVAL.
 */
SYSCALL_DEFINE5(execveat, int, dfd, const char __user *, filename,
		const char __user *const __user *, argv,
		const char __user *const __user *, envp, int, flags)
{
	bool fatal = false;
	char *name;
	long err;

	name = getname(filename);
	if (IS_ERR(name))
		return PTR_ERR(name);
	if (!*name && !(flags & AT_EMPTY_PATH))
		err = -ENOENT;		/* as Linux's getname: before the flags */
	else if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		err = -EINVAL;
	else
		err = do_execve_common(dfd, name, flags, NULL, NULL, argv, envp, &fatal);
	kfree(name);
	if (fatal)
		do_exit(SIGSEGV);
	return err;
}
