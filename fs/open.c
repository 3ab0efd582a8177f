/*
 * Opening files.  Regular files of in-memory file systems can be created
 * (O_CREAT, in an existing directory, minus the umask), written and
 * truncated (O_TRUNC) unless the mount is read-only (EROFS); directories
 * cannot be opened for writing; device files on a "nodev" mount cannot
 * be opened at all (EACCES).
 */
#include <linux-ish/kernel.h>
#include <linux-ish/cred.h>
#include <linux-ish/err.h>
#include <linux-ish/errno.h>
#include <linux-ish/fdtable.h>
#include <linux-ish/fs.h>
#include <linux-ish/fsnotify.h>
#include <linux-ish/mount.h>
#include <linux-ish/permission.h>
#include <linux-ish/string.h>
#include <linux-ish/sched.h>
#include <linux-ish/slab.h>
#include <linux-ish/syscalls.h>
#include <linux-ish/time.h>
#include <linux-ish/uaccess.h>
#include <uapi/linux-ish/openat2.h>

/* What open() and openat2() accept (i386 values); openat2 refuses the rest. */
#define VALID_OPEN_FLAGS (O_ACCMODE | O_CREAT | O_EXCL | O_NOCTTY | O_TRUNC | \
			  O_APPEND | O_NONBLOCK | O_DSYNC | FASYNC | O_DIRECT | \
			  O_LARGEFILE | O_DIRECTORY | O_NOFOLLOW | O_NOATIME | \
			  O_CLOEXEC | __O_SYNC | O_PATH | __O_TMPFILE)
/* What O_PATH keeps of the flags (open ignores the others, openat2 refuses them). */
#define O_PATH_FLAGS	(O_DIRECTORY | O_NOFOLLOW | O_PATH | O_CLOEXEC)
#define VALID_RESOLVE_FLAGS (RESOLVE_NO_XDEV | RESOLVE_NO_MAGICLINKS | RESOLVE_NO_SYMLINKS | \
			     RESOLVE_BENEATH | RESOLVE_IN_ROOT | RESOLVE_CACHED)
#define WILL_CREATE(flags)	((flags) & (O_CREAT | __O_TMPFILE))
#define O_TMPFILE_MASK		(__O_TMPFILE | O_DIRECTORY | O_CREAT)
#define S_IALLUGO		07777

/* An open_how checked and turned into what the open path uses. */
struct open_flags {
	int open_flag;			/* O_* but O_CLOEXEC */
	umode_t mode;			/* O_CREAT/O_TMPFILE: permission bits */
	unsigned int lookup_flags;	/* LOOKUP_* of the walk */
};

/*
 * Whether @path may be opened with @flags.  0 or -errno.  @check: the
 * caller's permission to read or write it (and write for O_TRUNC) is
 * checked too -- not for a file O_CREAT just made, nor for exec.
 */
static int may_open(const struct path *path, int flags, bool check)
{
	struct inode *inode = path->dentry->d_inode;
	bool write = (flags & O_ACCMODE) != O_RDONLY;

	if ((flags & O_ACCMODE) == O_ACCMODE)
		return -EINVAL;
	if ((flags & O_DIRECTORY) && !(flags & __O_TMPFILE) && !S_ISDIR(inode->i_mode))
		return -ENOTDIR;		/* O_TMPFILE carries O_DIRECTORY: its file is new */
	if (S_ISDIR(inode->i_mode) && (write || (flags & O_CREAT)))
		return -EISDIR;
	if (S_ISCHR(inode->i_mode) && (path->mnt->mnt_flags & MNT_NODEV))
		return -EACCES;
	if (S_ISREG(inode->i_mode) && (write || (flags & O_TRUNC))) {
		int err = mnt_want_write(path->mnt);

		if (err)
			return err;
	}
	if (!check)
		return 0;
	return inode_permission(inode, ((flags & O_ACCMODE) != O_WRONLY ? MAY_READ : 0) |
				(write || (flags & O_TRUNC) ? MAY_WRITE : 0));
}

/* dentry_open() with or without the caller's permission check. */
static struct file *do_dentry_open(const struct path *path, int flags, bool check)
{
	struct inode *inode = path->dentry->d_inode;
	struct file *f;
	int err = may_open(path, flags, check);

	/* O_TRUNC of a sealed memfd (through /proc/self/fd): F_SEAL_SHRINK says EPERM. */
	if (!err && (flags & O_TRUNC) && (flags & O_ACCMODE) != O_RDONLY && S_ISREG(inode->i_mode))
		err = IS_SWAPFILE(inode) ? -ETXTBSY : seal_check_setsize(inode, 0);
	if (err)
		return ERR_PTR(err);
	f = alloc_file(path, flags & ~(O_CLOEXEC | O_CREAT | O_EXCL | O_TRUNC), inode->i_fop);
	if (!f)
		return ERR_PTR(-ENOMEM);
	if ((f->f_mode & FMODE_WRITE) && S_ISREG(inode->i_mode)) {
		f->f_mode |= FMODE_WRITER;	/* may_open's mnt_want_write held */
		atomic_inc(&inode->i_sb->s_writers);
	}
	if (flags & O_EXCL)
		f->f_mode |= FMODE_EXCL;	/* Linux: the open claims a block device */
	if ((flags & O_TRUNC) && (f->f_mode & FMODE_WRITE) && S_ISREG(inode->i_mode)) {
		vfs_setsize(inode, 0);
		fsnotify_file(f, IN_MODIFY);
	}
	if (f->f_op && f->f_op->open) {
		err = f->f_op->open(inode, f);
		if (err) {
			f->f_op = NULL;		/* nothing to release */
			fput(f);
			return ERR_PTR(err);
		}
	}
	return f;
}

/* Opens @path (the caller's reference stays the caller's). */
struct file *dentry_open(const struct path *path, int flags)
{
	return do_dentry_open(path, flags, true);
}

/* Opens @path with no permission check: exec, which checked MAY_EXEC itself. */
struct file *dentry_open_nocheck(const struct path *path, int flags)
{
	return do_dentry_open(path, flags, false);
}

/*
 * O_PATH: a handle on @path that no file operation accepts (fget() says
 * EBADF), without the open checks or the driver's ->open (a FIFO does not
 * wait, a device is not touched).  What it allows is in fget_raw()'s users.
 */
static struct file *path_open(const struct path *path, int flags)
{
	struct file *f;

	if ((flags & O_DIRECTORY) && !S_ISDIR(path->dentry->d_inode->i_mode))
		return ERR_PTR(-ENOTDIR);
	f = alloc_file(path, flags & ~O_CLOEXEC, NULL);
	if (!f)
		return ERR_PTR(-ENOMEM);
	f->f_mode = FMODE_PATH;
	return f;
}

struct file *filp_open(const char *name, int flags)
{
	struct path path;
	struct file *f;
	int err = kern_path(name, (flags & O_NOFOLLOW) ? 0 : LOOKUP_FOLLOW, &path);

	if (err)
		return ERR_PTR(err);
	f = dentry_open(&path, flags);
	path_put(&path);
	return f;
}

/*
 * O_CREAT of a missing file: a new regular file in the (existing) parent,
 * which must be writable and searchable; it belongs to the caller's
 * fsuid and fsgid (inode_init_owner).  @lookup: the walk's restrictions.
 */
static int create_file(int dfd, char *name, umode_t mode, unsigned int lookup,
		       struct path *path)
{
	struct dentry *d;
	const char *last;
	int err;

	if (name[0] && name[strlen(name) - 1] == '/')
		return -EISDIR;
	err = lookup_parent_flags(dfd, name, &last, path, lookup & ~LOOKUP_FOLLOW);
	if (err)
		return err;
	err = mnt_want_write(path->mnt);
	if (!err)
		err = may_create_in(path->dentry->d_inode);
	if (!err)
		err = vfs_mknod_in(path->dentry, last, S_IFREG | (mode & 07777 & ~current->fs->umask),
				   0, NULL, &d);
	if (err) {
		path_put(path);
		return err;
	}
	inode_init_owner(d->d_inode, path->dentry->d_inode);
	fsnotify_create(path->dentry, d);
	dput(path->dentry);
	path->dentry = dget(d);
	return 1;
}

/*
 * O_TMPFILE: a nameless file in the directory @name, which must be
 * writable and searchable (ramfs_tmpfile() says which file systems make
 * them).  1 (a new file) or -errno.
 */
static int open_tmpfile(int dfd, char *name, const struct open_flags *op, struct path *path)
{
	struct dentry *d;
	int err = path_lookupat(dfd, name, op->lookup_flags, path);

	if (err)
		return err;
	if (!S_ISDIR(path->dentry->d_inode->i_mode))
		err = -ENOTDIR;
	if (!err)
		err = mnt_want_write(path->mnt);
	if (!err)
		err = may_create_in(path->dentry->d_inode);
	if (!err)
		err = ramfs_tmpfile(path->dentry, S_IFREG | (op->mode & ~current->fs->umask), &d);
	if (err) {
		path_put(path);
		return err;
	}
	inode_init_owner(d->d_inode, path->dentry->d_inode);
	dput(path->dentry);
	path->dentry = d;
	return 1;
}

/*
 * The file @name opens (created with O_CREAT or O_TMPFILE), with O_EXCL
 * and O_NOFOLLOW applied.  0, or 1 if it was created now; -errno.
 */
static int open_lookup(int dfd, char *name, const struct open_flags *op, struct path *path)
{
	int flags = op->open_flag;
	int err;

	if (flags & __O_TMPFILE)
		return open_tmpfile(dfd, name, op, path);
	err = walk_cached(dfd, name, op->lookup_flags, path);	/* path_lookupat(), inline */
	if (err == WALK_FALLBACK)
		err = path_lookupat_ref(dfd, name, op->lookup_flags, path);
	else if (!err)
		path_get(path);
	if (err == -ENOENT && (flags & O_CREAT))
		return create_file(dfd, name, op->mode, op->lookup_flags, path);
	if (err)
		return err;
	if ((flags & O_CREAT) && (flags & O_EXCL))
		err = -EEXIST;
	else if ((flags & O_NOFOLLOW) && !(flags & O_PATH) &&
		 S_ISLNK(path->dentry->d_inode->i_mode))
		err = -ELOOP;		/* O_PATH|O_NOFOLLOW: a handle on the link itself */
	if (err)
		path_put(path);
	return err;
}

/* RESOLVE_* as the walk's LOOKUP_* flags. */
static unsigned int resolve_lookup_flags(unsigned int resolve)
{
	return (resolve & RESOLVE_NO_XDEV ? LOOKUP_NO_XDEV : 0) |
	       (resolve & RESOLVE_NO_MAGICLINKS ? LOOKUP_NO_MAGICLINKS : 0) |
	       (resolve & RESOLVE_NO_SYMLINKS ? LOOKUP_NO_SYMLINKS : 0) |
	       (resolve & RESOLVE_BENEATH ? LOOKUP_BENEATH : 0) |
	       (resolve & RESOLVE_IN_ROOT ? LOOKUP_IN_ROOT : 0) |
	       (resolve & RESOLVE_CACHED ? LOOKUP_CACHED : 0);
}

/*
 * Checks @how as Linux's build_open_flags(): unknown flags or resolve
 * bits, BENEATH with IN_ROOT, a mode without O_CREAT/O_TMPFILE or with
 * bits beyond 07777, O_TMPFILE without O_DIRECTORY or write access or
 * with O_CREAT, O_PATH with flags it does not keep: -EINVAL.
 * RESOLVE_CACHED with O_TRUNC, O_CREAT or O_TMPFILE: -EAGAIN.
 */
static int build_open_flags(const struct open_how *how, struct open_flags *op)
{
	unsigned int flags, resolve, mode;

	/*
	 * Every valid flag, resolve bit and mode fits in 32 bits: one test
	 * of the high halves, then 32-bit work (the u64 tests cost i386
	 * twice the instructions, on every open).
	 */
	if ((how->flags | how->resolve | how->mode) >> 32)
		return -EINVAL;
	flags = (unsigned int)how->flags & ~O_CLOEXEC;
	resolve = how->resolve;
	mode = how->mode;
	if (flags & ~VALID_OPEN_FLAGS)
		return -EINVAL;
	if (resolve & ~VALID_RESOLVE_FLAGS)
		return -EINVAL;
	if ((resolve & RESOLVE_BENEATH) && (resolve & RESOLVE_IN_ROOT))
		return -EINVAL;
	if (WILL_CREATE(flags) ? (mode & ~S_IALLUGO) : mode)
		return -EINVAL;
	if ((flags & __O_TMPFILE) &&
	    ((flags & O_TMPFILE_MASK) != O_TMPFILE || (flags & O_ACCMODE) == O_RDONLY))
		return -EINVAL;
	if ((flags & O_PATH) && (flags & ~O_PATH_FLAGS))
		return -EINVAL;
	if (flags & __O_SYNC)
		flags |= O_DSYNC;
	if ((resolve & RESOLVE_CACHED) && (flags & (O_TRUNC | O_CREAT | __O_TMPFILE)))
		return -EAGAIN;
	if ((flags & O_CREAT) && (flags & O_EXCL))
		flags |= O_NOFOLLOW;
	op->open_flag = flags;
	op->mode = mode;
	op->lookup_flags = resolve_lookup_flags(resolve) |
			   ((flags & O_NOFOLLOW) ? 0 : LOOKUP_FOLLOW);
	return 0;
}

/*
 * open()/openat()'s arguments as an open_how: unknown flags dropped,
 * O_PATH's companions too, a mode kept only for creation, as Linux.
 */
static struct open_how build_open_how(int flags, umode_t mode)
{
	struct open_how how = { .flags = flags & VALID_OPEN_FLAGS };

	if (how.flags & O_PATH)
		how.flags &= O_PATH_FLAGS;
	if (WILL_CREATE(how.flags))
		how.mode = mode & S_IALLUGO;
	return how;
}

/*
 * The file of @op at @path in a new descriptor, with Linux's precedence:
 * EMFILE before any error of the walk.  A creating open reserves the
 * descriptor first (as Linux), so that it never creates a file it cannot
 * return.  Any other open walks first and takes the descriptor only if
 * the walk found something, before opening it: a failed lookup (a
 * program's search for an optional file, such as glibc's
 * /etc/localtime) then costs a check instead of a reservation and its
 * undoing.  Only a thread racing for the last descriptors could tell.
 */
static __always_inline long do_open(int dfd, const char __user *upath,
				    const struct open_flags *op, unsigned int cloexec)
{
	bool creating = op->open_flag & (O_CREAT | __O_TMPFILE);
	struct path path;
	struct file *f;
	char buf[GETNAME_SHORT], *name;
	int fd = -1, err;

	name = getname_buf(upath, buf);
	if (IS_ERR(name))
		return PTR_ERR(name);
	if (creating) {
		fd = get_unused_fd_flags(cloexec);
		if (fd < 0) {
			putname_buf(name, buf);
			return fd;
		}
	}
	err = open_lookup(dfd, name, op, &path);
	putname_buf(name, buf);
	if (err < 0) {
		if (creating)
			put_unused_fd(fd);
		else if (!fd_available())
			err = -EMFILE;
		return err;
	}
	if (!creating) {
		fd = get_unused_fd_flags(cloexec);
		if (fd < 0) {
			path_put(&path);
			return fd;
		}
	}
	f = (op->open_flag & O_PATH) ? path_open(&path, op->open_flag) :
				      do_dentry_open(&path, op->open_flag, !err);
	path_put(&path);
	if (IS_ERR(f)) {
		put_unused_fd(fd);
		return PTR_ERR(f);
	}
	if (!(op->open_flag & O_PATH))
		fsnotify_file(f, IN_OPEN);
	fd_install(fd, f);
	return fd;
}

static long do_sys_openat2(int dfd, const char __user *upath, const struct open_how *how)
{
	struct open_flags op;
	int err = build_open_flags(how, &op);

	return err ? err : do_open(dfd, upath, &op, how->flags & O_CLOEXEC);
}

/*
 * Flags open() takes as they are: no creation, no O_PATH (which drops
 * companions), no __O_SYNC (which adds O_DSYNC).  For these,
 * build_open_how() and build_open_flags() come to: the flags without
 * O_CLOEXEC, no mode, LOOKUP_FOLLOW unless O_NOFOLLOW.
 */
#define PLAIN_OPEN_FLAGS	(VALID_OPEN_FLAGS & ~(O_CREAT | __O_TMPFILE | O_PATH | __O_SYNC))

static long do_sys_open(int dfd, const char __user *upath, int flags, umode_t mode)
{
	struct open_how how;

	flags &= VALID_OPEN_FLAGS;		/* open() ignores unknown flags */
	if (!(flags & ~PLAIN_OPEN_FLAGS)) {
		struct open_flags op = {
			.open_flag = flags & ~O_CLOEXEC,
			.lookup_flags = (flags & O_NOFOLLOW) ? 0 : LOOKUP_FOLLOW,
		};

		return do_open(dfd, upath, &op, flags & O_CLOEXEC);
	}
	how = build_open_how(flags, mode);
	return do_sys_openat2(dfd, upath, &how);
}

SYSCALL_DEFINE3(open, const char __user *, path, int, flags, umode_t, mode)
{
	return do_sys_open(AT_FDCWD, path, flags, mode);
}

SYSCALL_DEFINE4(openat, int, dfd, const char __user *, path, int, flags, umode_t, mode)
{
	return do_sys_open(dfd, path, flags, mode);
}

SYSCALL_DEFINE2(creat, const char __user *, path, umode_t, mode)
{
	return do_sys_open(AT_FDCWD, path, O_CREAT | O_WRONLY | O_TRUNC, mode);
}

/*
 * openat2: openat with every argument checked (build_open_flags) and the
 * walk restricted by how->resolve.  @usize below the first version's 24
 * bytes -EINVAL; a bigger struct must be zero past what is known (-E2BIG).
 */
SYSCALL_DEFINE4(openat2, int, dfd, const char __user *, path,
		struct open_how __user *, uhow, size_t, usize)
{
	struct open_how how;
	int err;

	if (usize < OPEN_HOW_SIZE_VER0)
		return -EINVAL;
	err = copy_struct_from_user(&how, sizeof(how), uhow, usize);
	if (err)
		return err;
	return do_sys_openat2(dfd, path, &how);
}

/*
 * unlink: the name goes now; the file's data when the last opener closes
 * it.  The directory must be writable and searchable, and if sticky
 * (/tmp) the caller must own the file or the directory (EPERM).
 */
static long do_unlinkat(int dfd, const char __user *upath)
{
	struct path path;
	struct dentry *d;
	long err = user_path_at(dfd, upath, 0, &path);

	if (err)
		return err;
	d = path.dentry;
	err = mnt_want_write(path.mnt);
	if (!err)
		err = may_delete_in(d->d_parent->d_inode, d->d_inode);
	if (err)
		;
	else if (S_ISDIR(d->d_inode->i_mode))
		err = -EISDIR;
	else if (d == path.mnt->mnt_root || d->d_mounted)
		err = -EBUSY;
	else if (d_immutable(d))
		err = -EPERM;
	else if (d->d_parent->d_inode->i_op && d->d_parent->d_inode->i_op->unlink)
		err = d->d_parent->d_inode->i_op->unlink(d->d_parent, d);	/* the disk's side */
	if (!err) {
		fsnotify_unlink(d->d_parent, d, false);
		d_delete(d);
	}
	path_put(&path);
	return err;
}

SYSCALL_DEFINE1(unlink, const char __user *, path)
{
	return do_unlinkat(AT_FDCWD, path);
}


SYSCALL_DEFINE3(unlinkat, int, dfd, const char __user *, path, int, flags)
{
	if (flags & ~AT_REMOVEDIR)
		return -EINVAL;
	if (flags & AT_REMOVEDIR)
		return do_rmdirat(dfd, path);
	return do_unlinkat(dfd, path);
}

/* ---- the working directory and the umask ---- */

/* chdir's common part: @path (the caller's reference stays the caller's); needs search permission. */
long set_fs_pwd(const struct path *path)
{
	long err;

	if (!S_ISDIR(path->dentry->d_inode->i_mode))
		return -ENOTDIR;
	err = inode_permission(path->dentry->d_inode, MAY_EXEC);
	if (err)
		return err;
	path_get(path);
	if (current->fs->pwd.mnt)
		path_put(&current->fs->pwd);
	current->fs->pwd = *path;
	return 0;
}

SYSCALL_DEFINE1(chdir, const char __user *, name)
{
	struct path path;
	long err = user_path_at(AT_FDCWD, name, LOOKUP_FOLLOW, &path);

	if (err)
		return err;
	err = set_fs_pwd(&path);
	path_put(&path);
	return err;
}

SYSCALL_DEFINE1(fchdir, int, fd)
{
	struct file *f = fget_raw(fd);
	long err;

	if (!f)
		return -EBADF;
	err = set_fs_pwd(&f->f_path);
	fput(f);
	return err;
}

SYSCALL_DEFINE1(umask, int, mask)
{
	unsigned int old = current->fs->umask;

	current->fs->umask = mask & 0777;
	return old;
}

/*
 * chmod: the permission bits (and set-id/sticky) change; the type stays.
 * Only the owner or CAP_FOWNER (EPERM); S_ISGID is dropped when the
 * caller is not in the file's group and lacks CAP_FSETID, as on Linux.
 */
static long chmod_path(const struct path *path, umode_t mode)
{
	struct inode *inode = path->dentry->d_inode;
	long err = (inode->i_flags & S_PRIVATE) ? 0 : mnt_want_write(path->mnt);

	if (err)
		return err;
	if (!inode_owner_or_capable(inode))
		return -EPERM;
	if (!in_group_p(inode->i_gid) && !capable(CAP_FSETID))
		mode &= ~S_ISGID;
	inode->i_mode = (inode->i_mode & S_IFMT) | (mode & 07777);
	inode->i_ctime = ktime_get_real_seconds();
	fsnotify_dentry(path->dentry, IN_ATTRIB);
	return 0;
}

SYSCALL_DEFINE2(fchmod, int, fd, umode_t, mode)
{
	struct file *f = fget(fd);
	long err;

	if (!f)
		return -EBADF;
	err = chmod_path(&f->f_path, mode);
	fput(f);
	return err;
}

static long do_fchmodat(int dfd, const char __user *upath, umode_t mode)
{
	struct path path;
	long err = user_path_at(dfd, upath, LOOKUP_FOLLOW, &path);

	if (err)
		return err;
	err = chmod_path(&path, mode);
	path_put(&path);
	return err;
}

SYSCALL_DEFINE2(chmod, const char __user *, path, umode_t, mode)
{
	return do_fchmodat(AT_FDCWD, path, mode);
}

SYSCALL_DEFINE3(fchmodat, int, dfd, const char __user *, path, umode_t, mode)
{
	return do_fchmodat(dfd, path, mode);
}


/*
 * The creds access(2) checks with: the real uid and gid as file-system
 * ids, and every capability of root if the real uid is 0, none
 * otherwise (Linux's access_override_creds).  NULL if out of memory.
 */
static struct cred *access_creds(void)
{
	struct cred *c = prepare_creds();

	if (!c)
		return NULL;
	c->fsuid = c->uid;
	c->fsgid = c->gid;
	c->cap_effective = c->uid == GLOBAL_ROOT_UID ? c->cap_permitted : 0;
	return c;
}

/* The checks of access(2) on @path.  0 or -errno. */
static long access_path(const struct path *path, int mode)
{
	struct inode *inode = path->dentry->d_inode;

	if (!(mode & (R_OK | W_OK | X_OK)))
		return 0;
	if ((mode & X_OK) && S_ISREG(inode->i_mode) && (path->mnt->mnt_flags & MNT_NOEXEC))
		return -EACCES;
	if ((mode & W_OK) && (S_ISREG(inode->i_mode) || S_ISDIR(inode->i_mode) ||
			      S_ISLNK(inode->i_mode))) {
		long err = mnt_want_write(path->mnt);

		if (err)
			return err;
	}
	return inode_permission(inode, ((mode & R_OK) ? MAY_READ : 0) |
				((mode & W_OK) ? MAY_WRITE : 0) | ((mode & X_OK) ? MAY_EXEC : 0));
}

/*
 * access/faccessat: the caller's real ids decide (the whole walk too),
 * or with AT_EACCESS its effective ones, as for open.
 */
static long do_faccessat(int dfd, const char __user *upath, int mode, int flags)
{
	const struct cred *saved = NULL;
	struct cred *c = NULL;
	struct path path;
	long err;

	if (mode & ~(F_OK | X_OK | W_OK | R_OK))
		return -EINVAL;
	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EACCESS | AT_EMPTY_PATH))
		return -EINVAL;
	if (!(flags & AT_EACCESS)) {
		c = access_creds();
		if (!c)
			return -ENOMEM;
		saved = override_creds(c);
	}
	err = user_path_at(dfd, upath, (flags & AT_SYMLINK_NOFOLLOW) ? 0 : LOOKUP_FOLLOW, &path);
	if (err == -ENOENT && (flags & AT_EMPTY_PATH)) {
		char ch = 1;

		if (!get_user(ch, upath) && !ch)
			err = dfd_path(dfd, &path);	/* "" names @dfd itself */
	}
	if (!err) {
		err = access_path(&path, mode);
		path_put(&path);
	}
	if (c) {
		revert_creds(saved);
		put_cred(c);
	}
	return err;
}

SYSCALL_DEFINE2(access, const char __user *, path, int, mode)
{
	return do_faccessat(AT_FDCWD, path, mode, 0);
}

SYSCALL_DEFINE3(faccessat, int, dfd, const char __user *, path, int, mode)
{
	return do_faccessat(dfd, path, mode, 0);
}

/* faccessat2: with flags (AT_EACCESS, AT_SYMLINK_NOFOLLOW, AT_EMPTY_PATH). */
SYSCALL_DEFINE4(faccessat2, int, dfd, const char __user *, path, int, mode, int, flags)
{
	return do_faccessat(dfd, path, mode, flags);
}
