/*
 * The new mount API, Linux's calls and errors:
 *
 *   fsopen(type)              a file-system context fd ("[fscontext]")
 *   fsconfig(fd, cmd, ...)    options one at a time, then CMD_CREATE makes
 *                             the instance, or CMD_RECONFIGURE changes one
 *   fsmount(fd, flags, attr)  a detached mount of the created instance, as
 *                             an O_PATH fd on its root
 *   fspick(dfd, path, flags)  a context to reconfigure the instance mounted
 *                             at path
 *   open_tree(dfd, path, fl)  an O_PATH fd on path, or with OPEN_TREE_CLONE
 *                             on a detached bind mount of it
 *   move_mount(...)           attaches a detached mount, or moves an
 *                             attached one, onto a directory
 *
 * A context collects its options as the mount(2) string "k=v,k2" and
 * hands that to fill_super (CMD_CREATE) or remount_fs (CMD_RECONFIGURE),
 * so every type takes them as mount(2) does.  A type with
 * check_option checks each as it comes, as Linux 6.1's parsers: proc and
 * tmpfs take only their strings (EINVAL), ramfs takes and ignores
 * anything; the others (debugfs, devtmpfs, mqueue) are Linux's "legacy"
 * types: blobs, paths and fds give EOPNOTSUPP, and options are not
 * checked before CMD_CREATE.
 * "source" names the mount; ro/rw are the instance's read-only flag, the
 * other sb flag words (sync, lazytime...) are taken and ignored.
 *
 * A detached mount (fsmount, OPEN_TREE_CLONE) is held only by its O_PATH
 * file and marked MNT_DETACHED: the last close drops it and, if nothing
 * else uses it, its instance.  move_mount() puts it into the tree (which
 * then holds it) and clears the mark.  Linnet has no mount namespaces,
 * so "the caller's namespace" is the one tree.
 *
 * A context keeps Linux's message log: the last 8 error messages of
 * fsconfig ("e proc: Bad value for 'gid'\n"), read() one at a time in
 * order (ENODATA when none, EMSGSIZE, message kept, when the buffer is
 * too small).  Messages are made for the VFS's own checks and the
 * options of proc and tmpfs, as Linux words them.
 *
 * Differences (Documentation/filesystems/mount_api.md): MOVE_MOUNT_SET_GROUP and
 * MOUNT_ATTR_NOSYMFOLLOW are EINVAL (no propagation, no nosymfollow),
 * AT_RECURSIVE clones only a mount with nothing mounted below it (EINVAL
 * otherwise: Linnet's bind mounts copy no submounts).
 *
 * Locking: a context's fc->lock (a mutex) serialises the calls on it.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/cred.h>
#include <linux-ish/err.h>
#include <linux-ish/errno.h>
#include <linux-ish/fdtable.h>
#include <linux-ish/fs.h>
#include <linux-ish/mount.h>
#include <linux-ish/mutex.h>
#include <linux-ish/slab.h>
#include <linux-ish/string.h>
#include <linux-ish/syscalls.h>
#include <linux-ish/uaccess.h>
#include <uapi/linux-ish/fcntl.h>
#include <uapi/linux-ish/mount.h>

enum fc_phase {
	FC_CREATE_PARAMS,	/* fsopen: options, then CMD_CREATE */
	FC_AWAITING_MOUNT,	/* created: fsmount */
	FC_RECONF_PARAMS,	/* fspick or after fsmount: options, CMD_RECONFIGURE */
	FC_FAILED,		/* a command failed: only close is left */
};

#define FC_DATA_MAX	(PAGE_SIZE - 2)
#define FC_LOG_SIZE	8		/* messages kept, as Linux's fc_log */
#define FC_MSG_MAX	200

struct fs_context {
	struct mutex lock;
	struct file_system_type *type;
	enum fc_phase phase;
	char *data;		/* "k=v,k2": PAGE_SIZE bytes, NUL-terminated */
	size_t len;
	char *source;		/* "source": the mount's name */
	bool ro_set, ro;	/* "ro"/"rw" given, and which */
	struct super_block *sb;	/* created or picked: one s_active held */
	char *log[FC_LOG_SIZE];	/* kmalloc'd "e ...\n" lines, log_tail to log_head - 1 */
	unsigned int log_head, log_tail;
};

/* Adds "e @text\n" to the log, dropping the oldest when full; a failed allocation loses it. */
static void fc_log(struct fs_context *fc, const char *text)
{
	size_t len = strlen(text);
	char *line = kmalloc(len + 4, GFP_KERNEL);

	if (!line)
		return;
	snprintf(line, len + 4, "e %s\n", text);
	if (fc->log_head - fc->log_tail == FC_LOG_SIZE) {
		kfree(fc->log[fc->log_tail % FC_LOG_SIZE]);
		fc->log_tail++;
	}
	fc->log[fc->log_head++ % FC_LOG_SIZE] = line;
}

static void fc_free(struct fs_context *fc)
{
	while (fc->log_tail != fc->log_head)
		kfree(fc->log[fc->log_tail++ % FC_LOG_SIZE]);
	if (fc->sb)
		deactivate_super(fc->sb);
	kfree(fc->source);
	kfree(fc->data);
	kfree(fc);
}

static int fscontext_release(struct inode *inode, struct file *f)
{
	fc_free(f->private_data);
	return 0;
}

/* The oldest message, whole: ENODATA if none, EMSGSIZE (kept) if @len is too small. */
static ssize_t fscontext_read(struct file *f, char __user *buf, size_t len, loff_t *pos)
{
	struct fs_context *fc = f->private_data;
	ssize_t ret = -ENODATA;

	mutex_lock(&fc->lock);
	if (fc->log_tail != fc->log_head) {
		char *line = fc->log[fc->log_tail % FC_LOG_SIZE];
		size_t n = strlen(line);

		if (n > len) {
			ret = -EMSGSIZE;
		} else if (copy_to_user(buf, line, n)) {
			ret = -EFAULT;
		} else {
			kfree(line);
			fc->log_tail++;
			ret = n;
		}
	}
	mutex_unlock(&fc->lock);
	return ret;
}

static const struct file_operations fscontext_fops = {
	.read = fscontext_read,
	.release = fscontext_release,
};

static struct fs_context *fc_alloc(struct file_system_type *type, enum fc_phase phase)
{
	struct fs_context *fc = kzalloc(sizeof(*fc), GFP_KERNEL);

	if (!fc)
		return NULL;
	fc->data = kzalloc(PAGE_SIZE, GFP_KERNEL);
	if (!fc->data) {
		kfree(fc);
		return NULL;
	}
	mutex_init(&fc->lock);
	fc->type = type;
	fc->phase = phase;
	return fc;
}

/* A descriptor for @fc (which it then owns), or -errno (and @fc is freed). */
static long fc_install(struct fs_context *fc, bool cloexec)
{
	int fd = anon_inode_getfd("[fscontext]", &fscontext_fops, fc, cloexec ? O_CLOEXEC : 0);

	if (fd < 0)
		fc_free(fc);
	return fd;
}

/* The context behind descriptor @fd, with the file referenced in *@file. */
static struct fs_context *fc_get(int fd, struct file **file)
{
	struct file *f = fget(fd);

	if (!f)
		return ERR_PTR(-EBADF);
	if (f->f_op != &fscontext_fops) {
		fput(f);
		return ERR_PTR(-EINVAL);
	}
	*file = f;
	return f->private_data;
}

SYSCALL_DEFINE2(fsopen, const char __user *, uname, unsigned int, flags)
{
	struct file_system_type *type;
	struct fs_context *fc;
	char *name;

	if (!capable(CAP_SYS_ADMIN))
		return -EPERM;
	if (flags & ~FSOPEN_CLOEXEC)
		return -EINVAL;
	name = getname(uname);
	if (IS_ERR(name))
		return PTR_ERR(name);
	type = get_fs_type(name);
	kfree(name);
	if (!type || !(type->fs_flags & FS_USERMOUNT))
		return -ENODEV;
	fc = fc_alloc(type, FC_CREATE_PARAMS);
	if (!fc)
		return -ENOMEM;
	return fc_install(fc, flags & FSOPEN_CLOEXEC);
}

static bool sb_flag_word(const char *key, bool *is_ro, bool *ro)
{
	static const char *const ignored[] = {
		"sync", "async", "dirsync", "lazytime", "nolazytime", "mand", "nomand",
		"posixacl", "silent",
	};

	*is_ro = !strcmp(key, "ro") || !strcmp(key, "rw");
	*ro = !strcmp(key, "ro");
	if (*is_ro)
		return true;
	for (size_t i = 0; i < ARRAY_SIZE(ignored); i++)
		if (!strcmp(key, ignored[i]))
			return true;
	return false;
}

/* Appends "key[=val]" to the option string.  0 or -EINVAL (logged as Linux's legacy types do). */
static int fc_append(struct fs_context *fc, const char *key, const char *val)
{
	size_t need = strlen(key) + (val ? 1 + strlen(val) : 0) + (fc->len ? 1 : 0);

	if (strchr(key, ',') || (val && strchr(val, ','))) {
		char msg[FC_MSG_MAX];

		snprintf(msg, sizeof(msg), "VFS: Legacy: Option '%s' contained comma", key);
		fc_log(fc, msg);
		return -EINVAL;
	}
	if (fc->len + need > FC_DATA_MAX) {
		fc_log(fc, "VFS: Legacy: Cumulative options too large");
		return -EINVAL;
	}
	snprintf(fc->data + fc->len, PAGE_SIZE - fc->len, "%s%s%s%s", fc->len ? "," : "", key,
		 val ? "=" : "", val ? val : "");
	fc->len += need;
	return 0;
}

/*
 * One option: @val is the string of SET_STRING, NULL otherwise; @is_string
 * false for a blob, path or fd.  Linux's vfs_parse_fs_param order: the sb
 * flag words, the type's own options, then "source".
 */
static int fc_parse(struct fs_context *fc, const char *key, const char *val, bool is_string)
{
	bool is_ro, ro;

	if (sb_flag_word(key, &is_ro, &ro)) {
		if (is_ro) {
			fc->ro_set = true;
			fc->ro = ro;
		}
		return 0;
	}
	if (fc->type->check_option && strcmp(key, "source")) {
		char msg[FC_MSG_MAX] = "";
		int err = fc->type->check_option(key, val, is_string, msg, sizeof(msg));

		if (err < 0 && msg[0])
			fc_log(fc, msg);
		if (err)
			return err < 0 ? err : 0;
		return fc_append(fc, key, val);
	}
	if (!strcmp(key, "source")) {
		if (!is_string || !val) {
			fc_log(fc, "Non-string source");
			return -EINVAL;
		}
		if (fc->source) {
			fc_log(fc, "Multiple sources");
			return -EINVAL;
		}
		fc->source = kmalloc(strlen(val) + 1, GFP_KERNEL);
		if (!fc->source)
			return -ENOMEM;
		memcpy(fc->source, val, strlen(val) + 1);
		return 0;
	}
	return fc_append(fc, key, val);
}

/* A copy of the option string for fill_super/remount_fs (which cut it up). */
static char *fc_data_copy(struct fs_context *fc)
{
	char *copy;

	if (!fc->len)
		return NULL;
	copy = kmalloc(fc->len + 1, GFP_KERNEL);
	if (copy)
		memcpy(copy, fc->data, fc->len + 1);
	return copy ? copy : ERR_PTR(-ENOMEM);
}

static void fc_clean(struct fs_context *fc)
{
	fc->len = 0;
	fc->data[0] = '\0';
	fc->ro_set = false;
}

static int fc_create(struct fs_context *fc)
{
	struct super_block *sb;
	char *data;

	if (fc->phase != FC_CREATE_PARAMS)
		return -EBUSY;
	data = fc_data_copy(fc);
	if (IS_ERR(data))
		return PTR_ERR(data);
	sb = sget_source(fc->type, fc->source, fc->ro_set && fc->ro ? SB_RDONLY : 0, data);
	kfree(data);
	if (IS_ERR(sb))
		return PTR_ERR(sb);
	if (fc->ro_set && fc->ro)
		sb->s_flags |= SB_RDONLY;
	fc->sb = sb;
	fc->phase = FC_AWAITING_MOUNT;
	return 0;
}

static int fc_reconfigure(struct fs_context *fc)
{
	struct super_block *sb = fc->sb;
	unsigned long sb_flags;
	char *data;
	int err = 0;

	if (fc->phase != FC_RECONF_PARAMS)
		return -EBUSY;
	sb_flags = fc->ro_set ? (fc->ro ? SB_RDONLY : 0) : (sb->s_flags & SB_RDONLY);
	err = sb_may_remount_ro(sb, sb_flags);
	if (err)
		return err;
	data = fc_data_copy(fc);
	if (IS_ERR(data))
		return PTR_ERR(data);
	if (sb->s_op && sb->s_op->remount_fs)
		err = sb->s_op->remount_fs(sb, &sb_flags, data);
	kfree(data);
	if (err)
		return err;
	sb->s_flags = (sb->s_flags & ~SB_RDONLY) | (sb_flags & SB_RDONLY);
	fc_clean(fc);
	return 0;
}

/* A user string of at most 256 bytes (Linux's strndup_user(_, 256)). */
static char *fc_string(const char __user *u)
{
	char *s = kmalloc(256, GFP_KERNEL);
	long n;

	if (!s)
		return ERR_PTR(-ENOMEM);
	n = strncpy_from_user(s, u, 256);
	if (n < 0 || n == 256) {
		kfree(s);
		return ERR_PTR(n < 0 ? -EFAULT : -EINVAL);
	}
	return s;
}

/* The argument checks of Linux's fsconfig(), before the descriptor's. */
static int fsconfig_args_ok(unsigned int cmd, const void __user *key, const void __user *value,
			    int aux)
{
	switch (cmd) {
	case FSCONFIG_SET_FLAG:
		return key && !value && !aux ? 0 : -EINVAL;
	case FSCONFIG_SET_STRING:
		return key && value && !aux ? 0 : -EINVAL;
	case FSCONFIG_SET_BINARY:
		return key && value && aux > 0 && aux <= 1024 * 1024 ? 0 : -EINVAL;
	case FSCONFIG_SET_PATH:
	case FSCONFIG_SET_PATH_EMPTY:
		return key && value && (aux == AT_FDCWD || aux >= 0) ? 0 : -EINVAL;
	case FSCONFIG_SET_FD:
		return key && !value && aux >= 0 ? 0 : -EINVAL;
	case FSCONFIG_CMD_CREATE:
	case FSCONFIG_CMD_RECONFIGURE:
		return !key && !value && !aux ? 0 : -EINVAL;
	}
	return -EOPNOTSUPP;
}

/*
 * The value of a blob, path or fd: only checked to be there, as Linux
 * copies it before any type sees it (a path is a name, not looked up).
 */
static int fsconfig_value(unsigned int cmd, const void __user *value, int aux)
{
	struct file *f;
	char *name;
	char c = 1;

	switch (cmd) {
	case FSCONFIG_SET_BINARY:
		for (int i = 0; i < aux; i += PAGE_SIZE)
			if (get_user(c, (const char __user *)value + i))
				return -EFAULT;
		return get_user(c, (const char __user *)value + aux - 1) ? -EFAULT : 0;
	case FSCONFIG_SET_PATH:
	case FSCONFIG_SET_PATH_EMPTY:
		if (!get_user(c, (const char __user *)value) && !c)
			return cmd == FSCONFIG_SET_PATH ? -ENOENT : 0;
		name = getname(value);
		if (IS_ERR(name))
			return PTR_ERR(name);
		kfree(name);
		return 0;
	case FSCONFIG_SET_FD:
		f = fget_raw(aux);
		if (!f)
			return -EBADF;
		fput(f);
		return 0;
	}
	return 0;
}

SYSCALL_DEFINE5(fsconfig, int, fd, unsigned int, cmd, const char __user *, ukey,
		const void __user *, uvalue, int, aux)
{
	struct fs_context *fc;
	struct file *f;
	char *key = NULL, *val = NULL;
	long err;

	if (fd < 0)
		return -EINVAL;
	err = fsconfig_args_ok(cmd, ukey, uvalue, aux);
	if (err)
		return err;
	fc = fc_get(fd, &f);
	if (IS_ERR(fc))
		return PTR_ERR(fc);
	if (!fc->type->check_option &&
	    (cmd == FSCONFIG_SET_BINARY || cmd == FSCONFIG_SET_PATH ||
	     cmd == FSCONFIG_SET_PATH_EMPTY || cmd == FSCONFIG_SET_FD)) {
		err = -EOPNOTSUPP;
		goto out;
	}
	if (ukey) {
		key = fc_string(ukey);
		if (IS_ERR(key)) {
			err = PTR_ERR(key);
			key = NULL;
			goto out;
		}
	}
	if (cmd == FSCONFIG_SET_STRING) {
		val = fc_string(uvalue);
		if (IS_ERR(val)) {
			err = PTR_ERR(val);
			val = NULL;
			goto out;
		}
	} else {
		err = fsconfig_value(cmd, uvalue, aux);
		if (err)
			goto out;
	}
	mutex_lock(&fc->lock);
	switch (cmd) {
	case FSCONFIG_CMD_CREATE:
		err = capable(CAP_SYS_ADMIN) ? fc_create(fc) : -EPERM;
		break;
	case FSCONFIG_CMD_RECONFIGURE:
		err = capable(CAP_SYS_ADMIN) ? fc_reconfigure(fc) : -EPERM;
		break;
	default:
		if (fc->phase != FC_CREATE_PARAMS && fc->phase != FC_RECONF_PARAMS)
			err = -EBUSY;
		else
			err = fc_parse(fc, key, val, cmd == FSCONFIG_SET_STRING);
		break;
	}
	if (err && (cmd == FSCONFIG_CMD_CREATE || cmd == FSCONFIG_CMD_RECONFIGURE) &&
	    err != -EBUSY)
		fc->phase = FC_FAILED;
	mutex_unlock(&fc->lock);
out:
	kfree(val);
	kfree(key);
	fput(f);
	return err;
}

static int mount_attr_to_mnt_flags(unsigned int attr, int *mnt_flags)
{
	static const struct { unsigned int attr; int mnt; } map[] = {
		{ MOUNT_ATTR_RDONLY, MNT_RDONLY }, { MOUNT_ATTR_NOSUID, MNT_NOSUID },
		{ MOUNT_ATTR_NODEV, MNT_NODEV }, { MOUNT_ATTR_NOEXEC, MNT_NOEXEC },
		{ MOUNT_ATTR_NODIRATIME, MNT_NODIRATIME },
	};

	if (attr & ~(MOUNT_ATTR_RDONLY | MOUNT_ATTR_NOSUID | MOUNT_ATTR_NODEV | MOUNT_ATTR_NOEXEC |
		     MOUNT_ATTR__ATIME | MOUNT_ATTR_NODIRATIME))
		return -EINVAL;
	*mnt_flags = 0;
	for (size_t i = 0; i < ARRAY_SIZE(map); i++)
		if (attr & map[i].attr)
			*mnt_flags |= map[i].mnt;
	switch (attr & MOUNT_ATTR__ATIME) {
	case MOUNT_ATTR_STRICTATIME:
		return 0;
	case MOUNT_ATTR_NOATIME:
		*mnt_flags |= MNT_NOATIME;
		return 0;
	case MOUNT_ATTR_RELATIME:
		*mnt_flags |= MNT_RELATIME;
		return 0;
	}
	return -EINVAL;
}

/* An O_PATH descriptor on the root of the detached @mnt, which it then holds alone. */
static long detached_mount_fd(struct vfsmount *mnt, bool cloexec)
{
	struct path root = { mnt, mnt->mnt_root };
	int fd = get_unused_fd_flags(cloexec ? O_CLOEXEC : 0);
	struct file *f;

	if (fd < 0) {
		mntput(mnt);
		return fd;
	}
	mnt->mnt_flags |= MNT_DETACHED;
	f = alloc_file(&root, O_PATH, NULL);	/* takes its own reference */
	mntput(mnt);
	if (!f) {
		put_unused_fd(fd);
		return -ENOMEM;
	}
	f->f_mode = FMODE_PATH;
	fd_install(fd, f);
	return fd;
}

SYSCALL_DEFINE3(fsmount, int, fs_fd, unsigned int, flags, unsigned int, attr_flags)
{
	struct fs_context *fc;
	struct file *f;
	int mnt_flags;
	long err;

	if (!capable(CAP_SYS_ADMIN))
		return -EPERM;
	if (flags & ~FSMOUNT_CLOEXEC)
		return -EINVAL;
	err = mount_attr_to_mnt_flags(attr_flags, &mnt_flags);
	if (err)
		return err;
	fc = fc_get(fs_fd, &f);
	if (IS_ERR(fc))
		return PTR_ERR(fc);
	mutex_lock(&fc->lock);
	if (!fc->sb)
		err = -EINVAL;
	else if (fc->phase != FC_AWAITING_MOUNT)
		err = -EBUSY;
	if (!err) {
		struct vfsmount *mnt = mount_instance(fc->sb, mnt_flags, fc->source ? fc->source : "none");
		if (IS_ERR(mnt)) {
			err = PTR_ERR(mnt);
		} else {
			fc_clean(fc);
			fc->phase = FC_RECONF_PARAMS;
			err = detached_mount_fd(mnt, flags & FSMOUNT_CLOEXEC);
		}
	}
	mutex_unlock(&fc->lock);
	fput(f);
	return err;
}

/* A path from a user name, or @dfd itself for an empty name when @empty allows. */
static int mount_path_at(int dfd, const char __user *name, bool follow, bool empty,
			 struct path *path)
{
	char c = 1;

	if (!get_user(c, name) && !c)
		return empty ? dfd_path(dfd, path) : -ENOENT;
	return user_path_at(dfd, name, follow ? LOOKUP_FOLLOW : 0, path);
}

SYSCALL_DEFINE3(fspick, int, dfd, const char __user *, upath, unsigned int, flags)
{
	struct fs_context *fc;
	struct path target;
	long err;

	if (!capable(CAP_SYS_ADMIN))
		return -EPERM;
	if (flags & ~(FSPICK_CLOEXEC | FSPICK_SYMLINK_NOFOLLOW | FSPICK_NO_AUTOMOUNT |
		      FSPICK_EMPTY_PATH))
		return -EINVAL;
	err = mount_path_at(dfd, upath, !(flags & FSPICK_SYMLINK_NOFOLLOW),
			    flags & FSPICK_EMPTY_PATH, &target);
	if (err)
		return err;
	if (target.dentry != target.mnt->mnt_root) {
		path_put(&target);
		return -EINVAL;
	}
	fc = fc_alloc(target.mnt->mnt_sb->s_type, FC_RECONF_PARAMS);
	if (fc) {
		fc->sb = target.mnt->mnt_sb;
		fc->sb->s_active++;
	}
	path_put(&target);
	if (!fc)
		return -ENOMEM;
	return fc_install(fc, flags & FSPICK_CLOEXEC);
}

SYSCALL_DEFINE3(open_tree, int, dfd, const char __user *, upath, unsigned int, flags)
{
	bool clone = flags & OPEN_TREE_CLONE;
	struct vfsmount *mnt;
	struct path path;
	long err;

	if (flags & ~(AT_EMPTY_PATH | AT_NO_AUTOMOUNT | AT_RECURSIVE | AT_SYMLINK_NOFOLLOW |
		      OPEN_TREE_CLONE | OPEN_TREE_CLOEXEC))
		return -EINVAL;
	if ((flags & (AT_RECURSIVE | OPEN_TREE_CLONE)) == AT_RECURSIVE)
		return -EINVAL;
	if (clone && !capable(CAP_SYS_ADMIN))
		return -EPERM;
	err = mount_path_at(dfd, upath, !(flags & AT_SYMLINK_NOFOLLOW), flags & AT_EMPTY_PATH,
			    &path);
	if (err)
		return err;
	if (!clone) {
		int fd = get_unused_fd_flags(flags & OPEN_TREE_CLOEXEC ? O_CLOEXEC : 0);
		struct file *f = fd < 0 ? NULL : alloc_file(&path, O_PATH, NULL);
		if (f) {
			f->f_mode = FMODE_PATH;
			fd_install(fd, f);
		} else if (fd >= 0) {
			put_unused_fd(fd);
			fd = -ENOMEM;
		}
		path_put(&path);
		return fd;
	}
	/* Only a mount of the tree is cloned; Linnet copies no submounts. */
	if (!mount_in_tree(path.mnt) ||
	    ((flags & AT_RECURSIVE) && !list_empty(&path.mnt->mnt_mounts)))
		mnt = ERR_PTR(-EINVAL);
	else
		mnt = clone_mnt(&path, path.mnt->mnt_flags & ~MNT_INTERNAL);
	path_put(&path);
	if (IS_ERR(mnt))
		return PTR_ERR(mnt);
	return detached_mount_fd(mnt, flags & OPEN_TREE_CLOEXEC);
}

SYSCALL_DEFINE5(move_mount, int, from_dfd, const char __user *, from_name, int, to_dfd,
		const char __user *, to_name, unsigned int, flags)
{
	struct path from, to;
	long err;

	if (!capable(CAP_SYS_ADMIN))
		return -EPERM;
	if (flags & ~MOVE_MOUNT__MASK)
		return -EINVAL;
	err = mount_path_at(from_dfd, from_name, flags & MOVE_MOUNT_F_SYMLINKS,
			    flags & MOVE_MOUNT_F_EMPTY_PATH, &from);
	if (err)
		return err;
	err = mount_path_at(to_dfd, to_name, flags & MOVE_MOUNT_T_SYMLINKS,
			    flags & MOVE_MOUNT_T_EMPTY_PATH, &to);
	if (!err) {
		err = (flags & MOVE_MOUNT_SET_GROUP) ? -EINVAL : move_mount(&from, &to);
		path_put(&to);
	}
	path_put(&from);
	return err;
}
