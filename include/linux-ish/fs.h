/*
 * The VFS objects (Documentation/filesystems/vfs.md has a figure).
 *
 *   file_system_type  a kind of file system, registered by name ("tmpfs")
 *   super_block  one instance of a file system: its root dentry, its
 *                limits and counters, its operations
 *   vfsmount     (linux-ish/mount.h) one place where an instance is
 *                attached to the tree; an instance may be mounted at
 *                several places
 *   path         a (vfsmount, dentry) pair: what a name resolves to, what
 *                a file, a cwd and a root hold
 *   dentry       a name in a directory tree; in-memory file systems keep
 *                the whole tree in dentries, so lookup is a probe of the
 *                dentry hash table (fs/dcache.c, Documentation/filesystems/
 *                dcache.md).  A directory whose inode has i_op->lookup
 *                also has names made on demand: lookup_one() asks it for
 *                a name the cache lacks.  Without FS_DCACHE_LOOKUP
 *                (procfs) the dentry it fills is "uncached": in no
 *                d_subdirs list, freed with its inode at its last dput,
 *                so the next walk asks again; with it (disk file
 *                systems) the answer, a miss too, stays cached
 *   inode        a file's identity and metadata; its data lives in the
 *                page cache (i_mapping: an address_space of struct page)
 *   file         an open file: position, flags, operations; counted,
 *                shared by dup() and fork()
 *
 * Reference rules: a file holds its path (a mount and a dentry reference)
 * and an inode reference; get_file()/fput().  A path holds a reference on
 * its mount, which keeps the mount (and its superblock) from going away.
 * Dentries and inodes of a RAM file system live until they are unlinked
 * or their superblock is killed; uncached ones until their last dput.
 */
#ifndef _LINUX_ISH_FS_H
#define _LINUX_ISH_FS_H

#include <linux-ish/types.h>
#include <linux-ish/list.h>
#include <linux-ish/uaccess.h>
#include <linux-ish/mutex.h>
#include <linux-ish/spinlock.h>
#include <linux-ish/errseq.h>
#include <linux-ish/radix-tree.h>
#include <asm/atomic.h>
#include <uapi/linux-ish/dirent.h>
#include <uapi/linux-ish/fcntl.h>
#include <uapi/linux-ish/fs.h>
#include <uapi/linux-ish/limits.h>
#include <uapi/linux-ish/stat.h>

struct page;
struct seq_buf;
struct super_block;
struct vfsmount;
struct vm_area_struct;
struct file;
struct inode;
struct dentry;
struct kstat;
struct path;
struct writeback_control;
struct block_device;

typedef unsigned int umode_t;
typedef unsigned int fmode_t;
typedef long long loff_t;
typedef unsigned int dev_t;
typedef const void *fl_owner_t;	/* a lock's owner: a files_struct or a file */

#define MAX_FILE_SIZE	(1LL << 30)	/* RAM files (ramfs, tmpfs, memfd): Linnet's limit */
#define MAX_SYMLINKS	8

#define FMODE_READ	0x1
#define FMODE_WRITE	0x2
#define FMODE_PATH	0x4	/* O_PATH: a handle on a path, no file operations */
#define FMODE_WRITER	0x8	/* a regular file open for writing: counted in s_writers */
#define FMODE_EXCL	0x10	/* opened with O_EXCL: a block device is claimed (block/holder.c) */
#define IS_SWAPFILE(inode)	((inode)->i_flags & S_SWAPFILE)

#define S_PROCSELF	0x1
#define S_IMMUTABLE	0x2	/* procfs: no unlink, rename, link, or new names inside */
#define S_PRIVATE	0x4	/* kernel-internal: no directory names it (pipes, shmem) */
#define S_SEALABLE	0x8	/* a memfd: i_seals holds its seals (mm/memfd.c) */
#define S_PROCTHREADSELF 0x10	/* /proc/thread-self: "<tgid>/task/<tid>" of the reader */
#define S_DISKBLOCKS	0x20	/* i_blocks counts its disk blocks (stat's st_blocks) */
#define S_SWAPFILE	0x40	/* an active swap file (mm/swapfile.c) */

/* Superblock flags: the MS_* values mount(2) takes that belong to the instance. */
#define SB_RDONLY	0x1

#define MKDEV(ma, mi)	(((ma) << 8) | (mi))
#define MAJOR(dev)	((dev) >> 8)
#define MINOR(dev)	((dev) & 0xff)

/* The page cache of one inode: pages indexed by file offset / PAGE_SIZE. */
struct address_space_operations;

/*
 * A file's page cache (Documentation/mm/page-cache.md, linux-ish/pagemap.h).
 * Grouped by lock:
 *   lock (IRQ-safe): i_pages (the index, its DIRTY/WRITEBACK tags), nrpages
 *   i_mmap_lock:     i_mmap, i_mmap_writable
 *   atomic:          flags, wb_err
 *   wb_list_lock (mm/page-writeback.c): wb_list, wb_seq.  A mapping is on
 *                    the global writeback list iff its index carries a
 *                    DIRTY or WRITEBACK tag (sync and the flusher walk it).
 * a_ops and host are set once, before the mapping is used.
 */
struct address_space {
	struct inode *host;
	const struct address_space_operations *a_ops;	/* NULL: a RAM file system */
	spinlock_t lock;
	struct radix_tree_root i_pages;	/* pgoff -> struct page *, sparse */
	unsigned long nrpages;
	unsigned long flags;		/* AS_EIO, AS_ENOSPC (pagemap.h) */
	errseq_t wb_err;		/* writeback errors for fsync (errseq.h) */
	struct list_head wb_list;	/* on the writeback list (see above) */
	unsigned int wb_seq;		/* the last sync() pass that wrote it */
	spinlock_t i_mmap_lock;
	struct list_head i_mmap;	/* VMAs mapping this file (vma->vm_shared) */
	/*
	 * VMAs of i_mmap that may write the file: VM_SHARED with VM_MAYWRITE
	 * (Linux 6.1 counts every VM_SHARED one, which on Linux implies a
	 * writable descriptor).  F_SEAL_WRITE is refused while it is > 0.
	 */
	unsigned int i_mmap_writable;
};

/*
 * getdents: a directory's iterate() calls dir_emit() for each entry from
 * ctx->pos on, setting ctx->pos to the entry's position first; a false
 * return means the caller's buffer is full (stop, keep ctx->pos).  The
 * next call resumes at the first entry whose position is >= ctx->pos.
 */
struct dir_context;
typedef bool (*filldir_t)(struct dir_context *ctx, const char *name, unsigned long ino,
			  unsigned int type);
struct dir_context {
	filldir_t actor;
	loff_t pos;
};

/* Emits the entry at ctx->pos; on success ctx->pos moves past it. */
static inline bool dir_emit(struct dir_context *ctx, const char *name, unsigned long ino,
			    unsigned int type)
{
	if (!ctx->actor(ctx, name, ino, type))
		return false;
	ctx->pos++;
	return true;
}

/* fs/readdir.c: DT_* of a mode; the RAM tree's entries from ctx->pos. */
unsigned char fs_umode_to_dtype(umode_t mode);
bool dir_emit_dots(struct file *f, struct dir_context *ctx);
bool dcache_readdir_children(struct dentry *dir, struct dir_context *ctx);
/* A RAM tree directory's file_operations: a readdir cursor per open file. */
int dcache_dir_open(struct inode *inode, struct file *f);
int dcache_dir_close(struct inode *inode, struct file *f);
loff_t dcache_dir_lseek(struct file *f, loff_t offset, int whence);

struct poll_table_struct;

struct file_operations {
	/* Directories that list more than their d_subdirs (procfs). */
	int (*iterate)(struct file *, struct dir_context *);
	ssize_t (*read)(struct file *, char __user *, size_t, loff_t *);
	ssize_t (*write)(struct file *, const char __user *, size_t, loff_t *);
	loff_t (*llseek)(struct file *, loff_t, int);
	long (*ioctl)(struct file *, unsigned int, unsigned long);
	int (*mmap)(struct file *, struct vm_area_struct *);
	int (*open)(struct inode *, struct file *);
	int (*release)(struct inode *, struct file *);
	/*
	 * The POLL* events ready now; calls poll_wait() on each wait queue
	 * whose wake-up may change the answer.  Must not sleep.  NULL: always
	 * readable and writable (DEFAULT_POLLMASK).  See linux-ish/poll.h.
	 */
	__poll_t (*poll)(struct file *, struct poll_table_struct *);
	/* fallocate(2) after the VFS checks (fs/falloc.c).  0 or -errno. */
	long (*fallocate)(struct file *, int mode, loff_t offset, loff_t len);
	/*
	 * fput() dropped a reference and others remain (AF_UNIX's garbage
	 * collector looks for sockets only messages in flight still hold).
	 */
	void (*put)(struct file *);
	/* Lines of its own for /proc/<pid>/fdinfo/<n> after the common ones. */
	void (*show_fdinfo)(struct seq_buf *m, struct file *f);
	/*
	 * fsync(2)/fdatasync(2)/msync(MS_SYNC) for bytes [start, end]: write
	 * back and wait, report the unseen writeback error.  NULL: nothing to
	 * write (a RAM file), 0.  generic_file_fsync serves page-cache files.
	 */
	int (*fsync)(struct file *, loff_t start, loff_t end, int datasync);
	/*
	 * sendfile(2) into this file from a kernel buffer (Linux's
	 * splice_write, for a device): bytes taken or -errno.  NULL: only
	 * pipes and page-cache files take sendfile data (fs/sendfile.c).
	 */
	ssize_t (*splice_write)(struct file *, const void *buf, size_t n);
};

/*
 * Operations on an inode that are not on an open file.  NULL for every
 * RAM-tree inode; procfs sets them.
 */
struct inode_operations {
	/*
	 * Directory: makes the inode for @dentry's name (a dentry whose
	 * d_parent is the directory: uncached, or with FS_DCACHE_LOOKUP
	 * hashed and negative) and sets dentry->d_inode.  0,
	 * -ENOENT if there is no such name, or -errno.
	 */
	int (*lookup)(struct inode *dir, struct dentry *dentry);
	/*
	 * "Magic" symbolic link (procfs cwd, exe, fd/N): the path it stands
	 * for, referenced, rather than a string to walk.  0 or -errno.
	 */
	int (*get_path)(struct dentry *dentry, struct path *path);
	/* Magic link: 0 if current may follow it (readlink asks nothing), or -errno. */
	int (*may_follow)(struct dentry *dentry);
	/*
	 * Disk file systems (ext2).  The VFS checks, then calls these to make
	 * the change on the disk, then changes the dentry tree itself; a
	 * failure changes nothing.  Each is optional.
	 *
	 * populate: directory @dir's every name goes into the dcache (so the
	 * tree answers "does it exist" for the changes below).  0 or -errno.
	 * mknod: as ramfs_mknod (the inode made, the dentry instantiated,
	 * *out set), @target the contents of a new symlink (else NULL).
	 * link: a new name @name in @dir for @old's inode (the VFS then adds
	 * the dentry and counts the link).  unlink, rmdir: @d's name in
	 * @dir goes (rmdir: -ENOTEMPTY if the disk says so).  rename: @old
	 * becomes @name in @newdir, over @victim (NULL if none).  setsize:
	 * truncate(2) of a regular file, instead of truncate_setsize().
	 */
	int (*populate)(struct dentry *dir);
	int (*mknod)(struct dentry *dir, const char *name, umode_t mode, dev_t dev,
		     const char *target, struct dentry **out);
	int (*link)(struct dentry *old, struct dentry *dir, const char *name);
	int (*unlink)(struct dentry *dir, struct dentry *d);
	int (*rmdir)(struct dentry *dir, struct dentry *d);
	int (*rename)(struct dentry *old, struct dentry *newdir, const char *name,
		      struct dentry *victim);
	int (*setsize)(struct inode *inode, loff_t size);
};

/* fs/namei_ops.c: a new name through the file system's mknod or ramfs_mknod. */
int vfs_mknod_in(struct dentry *dir, const char *name, umode_t mode, dev_t dev,
		 const char *target, struct dentry **out);
/* truncate(2)'s size change: i_op->setsize, or truncate_setsize. */
int vfs_setsize(struct inode *inode, loff_t size);

struct kstatfs {
	long f_type;
	long f_bsize;
	u64 f_blocks, f_bfree, f_bavail, f_files, f_ffree;
	u32 f_fsid[2];
	long f_namelen;
	long f_frsize;
	long f_flags;			/* ST_* of the mount */
};

struct super_operations {
	/* A file system whose inodes are bigger than struct inode (procfs). */
	struct inode *(*alloc_inode)(struct super_block *sb);
	void (*free_inode)(struct inode *inode);
	/* Fills what statfs reports for the instance (f_flags aside). */
	void (*statfs)(struct super_block *sb, struct kstatfs *buf);
	/* mount -o remount: applies @data (the options) or fails, changing nothing. */
	int (*remount_fs)(struct super_block *sb, unsigned long *flags, char *data);
	/* The instance's options for /proc/mounts, each as ",name=value". */
	void (*show_options)(struct seq_buf *m, struct super_block *sb);
	/*
	 * Writeback (linux-ish/writeback.h).  write_inode: puts the inode's
	 * metadata where it goes (the block device's cache); with
	 * wbc->sync_mode WB_SYNC_ALL it is on the disk when it returns.
	 * sync_fs: the instance's own metadata (superblock, bitmaps); @wait
	 * as WB_SYNC_ALL.  Both optional; 0 or -errno.
	 */
	int (*write_inode)(struct inode *inode, struct writeback_control *wbc);
	int (*sync_fs)(struct super_block *sb, int wait);
	/* The inode leaves memory (kfree_inode), before its pages: write it or free it. */
	void (*evict_inode)(struct inode *inode);
};

#define FS_REQUIRES_DEV		0x1	/* "nodev" in /proc/filesystems otherwise */
#define FS_SINGLE		0x2	/* one instance, shared by every mount (proc) */
#define FS_USERMOUNT		0x4	/* mount(2) may make one (not pipefs, shmem...) */
#define FS_DCACHE_LOOKUP	0x8	/* i_op->lookup's answers stay in the dcache,
					 * misses as negative dentries (fs/dcache.c) */

struct file_system_type {
	const char *name;
	int fs_flags;
	/*
	 * Makes a new instance's root: sets sb->s_root, s_op, s_magic and
	 * whatever the options in @data (writable, may be NULL) ask.  0 or
	 * -errno; on failure kill_sb is not called.
	 */
	int (*fill_super)(struct super_block *sb, char *data);
	/* Frees what fill_super and later use made (generic_kill_sb for RAM trees). */
	void (*kill_sb)(struct super_block *sb);
	/*
	 * fsconfig(2): checks one option before CMD_CREATE (@val NULL for a
	 * flag or a value that is no string, @is_string false for a blob,
	 * path or fd).  0: kept for fill_super; 1: taken and ignored;
	 * -errno with Linux's message for the context's log in @msg.
	 * Without it the type is "legacy": only flags and strings, kept
	 * unchecked for fill_super (fs/fsopen.c).
	 */
	int (*check_option)(const char *key, const char *val, bool is_string, char *msg,
			    size_t size);
	struct file_system_type *next;	/* the registry, under file_systems_lock */
	struct super_block *single;	/* FS_SINGLE: the instance, once made */
};

/*
 * s_active counts the mounts of the instance (internal ones included);
 * the last one going kills it.  s_next_ino, s_nr_pages and the limits are
 * changed under the instance's own rules (one CPU, no sleeping between
 * check and change: see namei_ops.c).
 */
struct super_block {
	struct file_system_type *s_type;
	const struct super_operations *s_op;
	unsigned long s_magic;
	dev_t s_dev;
	unsigned long s_flags;		/* SB_RDONLY */
	struct dentry *s_root;
	int s_active;
	unsigned long s_next_ino;
	unsigned long s_nr_pages;	/* page-cache pages of this file system */
	unsigned long s_nr_inodes;	/* inodes in use */
	unsigned long s_max_pages;	/* limits (tmpfs size=, nr_inodes=); 0: none */
	unsigned long s_max_inodes;
	void *s_fs_info;		/* the file system's own */
	struct block_device *s_bdev;	/* the disk of a disk file system, or NULL:
					 * sync/syncfs/umount write its cache last */
	struct list_head s_list;	/* super_blocks (fs/super.c), while it lives */
	const char *s_source;		/* during fill_super: the mount's source, or NULL */
	unsigned long s_blocksize;	/* st_blksize of its files; 0: a page */
	atomic_t s_writers;		/* its files with FMODE_WRITER: remount ro is EBUSY */
};

struct super_block *sget_source(struct file_system_type *type, const char *source,
				unsigned long sb_flags, char *data);

/*
 * May @sb go from read-write to read-only (remount, fsconfig reconfigure)?
 * Not while a file on it is open for writing: Linux's EBUSY.
 */
static inline int sb_may_remount_ro(const struct super_block *sb, unsigned long new_sb_flags)
{
	if ((new_sb_flags & SB_RDONLY) && !(sb->s_flags & SB_RDONLY) && atomic_read(&sb->s_writers))
		return -EBUSY;
	return 0;
}

static inline bool sb_pages_full(const struct super_block *sb)
{
	return sb->s_max_pages && sb->s_nr_pages >= sb->s_max_pages;
}

struct inotify_watch;

struct inode {
	umode_t i_mode;
	unsigned int i_nlink;
	unsigned int i_uid, i_gid;
	unsigned long i_ino;
	dev_t i_rdev;			/* device files */
	loff_t i_size;
	unsigned long long i_blocks;	/* 512-byte units, with S_DISKBLOCKS */
	long i_mtime, i_atime, i_ctime;	/* seconds */
	atomic_t i_count;
	struct super_block *i_sb;
	const struct inode_operations *i_op;	/* NULL: none */
	const struct file_operations *i_fop;
	char *i_link;			/* symlink target (kmalloc'd) */
	struct pipe *i_pipe;		/* a FIFO's pipe while it is open (fs/pipe.c) */
	unsigned int i_flags;		/* S_PROCSELF, S_IMMUTABLE, S_PRIVATE, S_SEALABLE */
	unsigned int i_seals;		/* F_SEAL_* of a memfd (S_SEALABLE) */
	void *i_private;		/* the file system's own (procfs: what to show) */
	struct simple_xattrs *i_xattrs;	/* tmpfs's extended attributes (fs/xattr.c) or NULL */
	struct inotify_watch *i_inotify;	/* watches on it (fs/notify/), inotify_mutex */
	struct address_space i_data;
	struct address_space *i_mapping;
	/* writeback (fs/fs-writeback.c, linux-ish/writeback.h), under wb_lock */
	unsigned int i_state;		/* I_DIRTY_*, I_SYNC, I_FREEING */
	unsigned long dirtied_when;	/* jiffies when it went from clean to dirty */
	struct list_head i_io_list;	/* on the dirty-inode list iff i_state & I_DIRTY */
	unsigned int i_wb_seq;		/* the last writeback round that visited it */
};

/*
 * A name to look up: its bytes (not NUL-terminated), their number, and
 * full_name_hash() of them, computed once per path component.
 */
struct qstr {
	const char *name;
	unsigned int len;
	unsigned int hash;
};

/*
 * A dentry is hashed (in dentry_hashtable by parent and name hash) and
 * in its parent's d_subdirs while it names something, or, as a
 * negative dentry (d_inode NULL), a name known to be absent.  Changed
 * under the rules of namei_ops.c (one CPU, no sleeping between lookup
 * and change).  fs/dcache.c explains the references and the LRU.
 */
struct dentry {
	char d_name[NAME_MAX + 1];
	unsigned int d_len;		/* strlen(d_name) */
	unsigned int d_name_hash;	/* full_name_hash(d_name, d_len) */
	struct dentry *d_parent;	/* the root is its own parent */
	struct inode *d_inode;		/* NULL: negative */
	struct super_block *d_sb;
	unsigned int d_mounted;		/* mounts whose mountpoint this is */
	unsigned int d_flags;		/* DCACHE_* */
	struct list_head d_hash;	/* its hash bucket; empty if unhashed */
	struct list_head d_lru;		/* dentry_lru, if DCACHE_LRU_LIST */
	struct list_head d_child;	/* in d_parent->d_subdirs */
	struct list_head d_subdirs;	/* children, negative ones and readdir cursors */
	atomic_t d_count;
	bool d_unlinked;		/* out of the tree; freed at the last dput */
	bool d_uncached;		/* made by an uncached i_op->lookup (procfs),
					 * in no d_subdirs; freed (with its inode)
					 * at the last dput */
};

#define DCACHE_CURSOR		0x1	/* a readdir cursor: no name, no inode, unhashed */
#define DCACHE_RECLAIMABLE	0x2	/* made by a cached lookup: may go when unused */
#define DCACHE_LRU_LIST		0x4	/* on dentry_lru */
#define DCACHE_NEGATIVE		0x8	/* a cached miss, counted in dentry-state */

struct path {
	struct vfsmount *mnt;
	struct dentry *dentry;
};

struct file {
	atomic_t f_count;
	unsigned int f_flags;		/* O_* as opened (plus later F_SETFL) */
	fmode_t f_mode;
	loff_t f_pos;
	struct path f_path;
	struct inode *f_inode;
	const struct file_operations *f_op;
	void *private_data;
	struct list_head f_ep;		/* epoll items watching this file (epmutex) */
	errseq_t f_wb_err;		/* the mapping's writeback errors seen (fsync) */
};

/* fs/file_table.c */
struct file *alloc_file(const struct path *path, unsigned int flags,
			const struct file_operations *fop);
struct file *alloc_file_pseudo(struct inode *inode, struct vfsmount *mnt, const char *name,
			       unsigned int flags, const struct file_operations *fop);
struct file *console_file_fallback(void);
/* A file on a fresh inode of the anonymous file system ("anon_inode:@name"). */
struct file *anon_inode_getfile(const char *name, const struct file_operations *fop,
				void *priv, unsigned int flags);
int anon_inode_getfd(const char *name, const struct file_operations *fop, void *priv,
		     unsigned int flags);
struct file *get_file(struct file *f);
void fput(struct file *f);

/* fs/inode.c, fs/dcache.c */
struct inode *new_inode(struct super_block *sb, umode_t mode);
void kfree_inode(struct inode *inode);
struct dentry *d_alloc(struct dentry *parent, const char *name, size_t len);
struct dentry *d_alloc_uncached(struct dentry *parent, const char *name, size_t len);
struct dentry *d_lookup(struct dentry *parent, const char *name, size_t len);
struct dentry *__d_lookup(struct dentry *parent, const struct qstr *q);
struct dentry *d_alloc_qstr(struct dentry *parent, const struct qstr *q);
void d_instantiate(struct dentry *d, struct inode *inode);
bool d_has_children(struct dentry *d);
unsigned int full_name_hash(const char *name, unsigned int len);
unsigned int hash_name(const char *name, struct qstr *q);
struct dentry *lookup_one_qstr(struct dentry *dir, const struct qstr *q);
unsigned long shrink_dcache_memory(unsigned long nr);
struct dentry *d_alloc_cursor(struct dentry *dir);
void d_free_cursor(struct dentry *cursor);
/* The child @name of @dir, referenced: the tree's, or i_op->lookup's.  ERR_PTR. */
struct dentry *lookup_one(struct dentry *dir, const char *name, size_t len);
/* One more reference to @d (inline: every path step takes one). */
static inline struct dentry *dget(struct dentry *d)
{
	atomic_inc(&d->d_count);
	return d;
}

void dput(struct dentry *d);
void d_delete(struct dentry *d);
void d_move(struct dentry *d, struct dentry *newdir, const char *name, size_t len);
char *d_path(const struct path *path, char *buf, size_t size);
char *__d_path(const struct path *path, const struct path *root, char *buf, size_t size);
char *dentry_path_raw(const struct dentry *d, char *buf, size_t size);
/* Frees a RAM file system's whole tree (its superblock is being killed). */
void d_genocide(struct dentry *root);

/* Entries the kernel owns (procfs): users may not rename, remove or link them. */
static inline bool d_immutable(const struct dentry *d)
{
	return d->d_inode->i_flags & S_IMMUTABLE;
}
void iput(struct inode *inode);

/*
 * fs/namei.c: name resolution.  Each fills a referenced *path and
 * returns 0, or returns -errno.
 */
#define LOOKUP_FOLLOW	0x1
/* openat2's RESOLVE_* as walk flags (fs/namei.c says what each refuses). */
#define LOOKUP_NO_SYMLINKS	0x010000
#define LOOKUP_NO_MAGICLINKS	0x020000
#define LOOKUP_NO_XDEV		0x040000
#define LOOKUP_BENEATH		0x080000
#define LOOKUP_IN_ROOT		0x100000
#define LOOKUP_CACHED		0x200000
#define LOOKUP_IS_SCOPED	(LOOKUP_BENEATH | LOOKUP_IN_ROOT)
int kern_path(const char *name, unsigned int flags, struct path *path);
int vfs_path_lookup(const struct path *base, const char *name, unsigned int flags,
		    struct path *path);
const struct path *current_root(void);
int path_lookupat(int dfd, const char *name, unsigned int flags, struct path *path);
int path_lookupat_ref(int dfd, const char *name, unsigned int flags, struct path *path);
int user_path_at(int dfd, const char __user *name, unsigned int flags, struct path *path);
/*
 * fs/namei_cached.c: the lockless walk.  *path is not referenced (valid
 * until the caller sleeps); WALK_FALLBACK: run the reference walk.
 */
#define WALK_FALLBACK	1

/*
 * "./x" walks as "x": the "." would only check search permission on the
 * directory that x's own step checks again.  "./" alone stays: the
 * directory itself.  Both walks start here.
 */
static inline const char *skip_dot_slashes(const char *name)
{
	while (name[0] == '.' && name[1] == '/') {
		const char *rest = name + 2;

		while (*rest == '/')
			rest++;
		if (!*rest)
			break;
		name = rest;
	}
	return name;
}
int walk_cached(int dfd, const char *name, unsigned int flags, struct path *path);
/*
 * d_walk_seq: odd while a change a lockless walk could see half done is
 * in progress (a dentry hashed, unhashed, renamed, made positive; a
 * mount attached or detached); a walk whose start and end values differ
 * falls back.  Writers are serialized by the caller (one CPU today; a
 * rename lock on SMP).  x86 keeps stores in order and loads in order,
 * so compiler barriers are the fences.
 */
extern unsigned int d_walk_seq;
static inline void d_walk_write_begin(void)
{
	WRITE_ONCE(d_walk_seq, d_walk_seq + 1);
	barrier();
}

static inline void d_walk_write_end(void)
{
	barrier();
	WRITE_ONCE(d_walk_seq, d_walk_seq + 1);
}

static inline unsigned int d_walk_read_begin(void)
{
	unsigned int seq = READ_ONCE(d_walk_seq);

	barrier();
	return seq;
}

static inline bool d_walk_read_retry(unsigned int seq)
{
	barrier();
	return (seq & 1) || READ_ONCE(d_walk_seq) != seq;
}
int dfd_path(int dfd, struct path *path);
/* The directory @name's last component would live in; *last points into @name. */
int lookup_parent(int dfd, char *name, const char **last, struct path *dir);
/* The same, its walk taking @flags' LOOKUP_* restrictions (openat2). */
int lookup_parent_flags(int dfd, char *name, const char **last, struct path *dir,
			unsigned int flags);
char *getname(const char __user *upath);
/*
 * getname() into the caller's @buf (GETNAME_SHORT bytes, on its stack)
 * when the path fits, else into a kmalloc'd PATH_MAX buffer; either way
 * putname_buf(name, buf) afterwards.  For the calls that only look a
 * path up (stat, open): no slab object per call.
 */
#define GETNAME_SHORT	128
char *getname_buf_long(const char __user *upath, long len);
void putname_long(char *name);

/* Inline: a stat or an open pays for the copy, not for a call around it. */
static inline char *getname_buf(const char __user *upath, char *buf)
{
	long len = strncpy_from_user(buf, upath, GETNAME_SHORT);

	if (likely((unsigned long)len < GETNAME_SHORT))
		return buf;
	return getname_buf_long(upath, len);
}

static inline void putname_buf(char *name, const char *buf)
{
	if (unlikely(name != buf))
		putname_long(name);
}
/* A symlink's target; @buf (LINK_TARGET_BUF bytes) holds it for computed links. */
#define LINK_TARGET_BUF	32
const char *inode_link_target(const struct inode *inode, char *buf);
long do_rmdirat(int dfd, const char __user *upath);
void path_get(const struct path *path);
void path_put(const struct path *path);
static inline bool path_equal(const struct path *a, const struct path *b)
{
	return a->mnt == b->mnt && a->dentry == b->dentry;
}

/* fs/read_write.c: read(2)/write(2)'s checks (mode, ->read, access_ok), then ->read/->write. */
#define MAX_RW_COUNT	(INT_MAX & PAGE_MASK)
ssize_t vfs_read(struct file *f, char __user *buf, size_t count, loff_t *pos);
ssize_t vfs_write(struct file *f, const char __user *buf, size_t count, loff_t *pos);
/*
 * Whether pread/pwrite/preadv... may give @f an offset (Linux's
 * FMODE_PREAD): not pipes, FIFOs, sockets, nor devices that cannot seek
 * (the TTY); -ESPIPE for those.
 */
static inline bool file_can_pread(const struct file *f)
{
	umode_t mode = f->f_inode->i_mode;

	if (S_ISFIFO(mode) || S_ISSOCK(mode))
		return false;
	return !S_ISCHR(mode) || (f->f_op && f->f_op->llseek);
}

/* fs/read_write_iov.c: vmsplice's readv/writev, optionally non-blocking. */
struct iovec;
ssize_t vfs_iov_nonblock(struct file *f, const struct iovec __user *uvec, unsigned long vlen,
			 bool write, bool nonblock);

/* fs/open.c */
struct file *filp_open(const char *path, int flags);
struct file *dentry_open(const struct path *path, int flags);
struct file *dentry_open_nocheck(const struct path *path, int flags);	/* exec */
long set_fs_pwd(const struct path *path);

/* fs/read_write.c */
ssize_t kernel_read(struct file *f, void *buf, size_t count, loff_t *pos);
ssize_t kernel_write(struct file *f, const void *buf, size_t count, loff_t *pos);
loff_t generic_file_llseek(struct file *f, loff_t offset, int whence);
/*
 * SEEK_SET/CUR/END with END at @eof; a result below 0, or above @maxsize
 * when that is >= 0, is -EINVAL (block devices: Linux's fixed_size_llseek).
 */
loff_t generic_file_llseek_size(struct file *f, loff_t offset, int whence, loff_t maxsize,
				loff_t eof);
/* RAM files: generic_file_llseek plus SEEK_DATA/SEEK_HOLE over the cache. */
loff_t ramfs_file_llseek(struct file *f, loff_t offset, int whence);

/* fs/falloc.c: fallocate on a file whose data is its page cache. */
long simple_fallocate(struct file *f, int mode, loff_t offset, loff_t len);

/*
 * A file of a RAM file system (ramfs, tmpfs, memfd): its data is its page
 * cache, every such file and only those fallocate with simple_fallocate.
 */
static inline bool file_data_in_page_cache(const struct file *f)
{
	return f->f_op && f->f_op->fallocate == simple_fallocate;
}

/* mm/filemap.c: the page cache */
struct page *find_get_page(struct address_space *mapping, pgoff_t index);
int add_to_page_cache(struct address_space *mapping, struct page *page, pgoff_t index);
/* The page at @index, created (zeroed) if missing.  Referenced, or ERR_PTR. */
struct page *find_or_create_page(struct address_space *mapping, pgoff_t index);
void truncate_inode_pages(struct address_space *mapping);
ssize_t generic_file_read(struct file *f, char __user *buf, size_t count, loff_t *pos);
ssize_t generic_file_write(struct file *f, const char __user *buf, size_t count,
			   loff_t *pos);
void truncate_to_zero(struct inode *inode);
int truncate_setsize(struct inode *inode, loff_t size);
ssize_t page_cache_write_kernel(struct inode *inode, const void *buf, size_t count, loff_t pos);
/* Zeroes bytes [start, end): whole pages leave the cache and every mapping. */
void truncate_pagecache_range(struct inode *inode, loff_t start, loff_t end);
/* SEEK_DATA/SEEK_HOLE over the cache: present pages are data.  Offset or -ENXIO. */
loff_t page_cache_seek_hole_data(struct inode *inode, loff_t start, int whence);
int generic_file_mmap(struct file *f, struct vm_area_struct *vma);
void address_space_init(struct address_space *mapping, struct inode *host);

/* mm/mmap.c: may this file be mapped with these VMA flags?  0 or -errno. */
int file_mmap_check(struct file *f, unsigned long vm_flags);

/* fs/char_dev.c: character devices by major/minor */
int register_chrdev(unsigned int major, unsigned int minor, const char *name, umode_t mode,
		    const struct file_operations *fops);
void for_each_chrdev(void (*fn)(const char *name, umode_t mode, dev_t dev, void *arg),
		     void *arg);
/* drivers/base/devtmpfs.c */
void devtmpfs_init(void);
int devtmpfs_mount(void);
void get_filesystem_list_dev(char *buf, size_t size);
void prepare_namespace(void);
int devtmpfs_create_node(const char *name, umode_t mode, dev_t dev);
extern const struct file_operations def_chr_fops;
void init_special_inode(struct inode *inode, umode_t mode, dev_t rdev);
/* fs/pipe.c: what a FIFO's inode opens with; fs/block: no block devices yet */
extern const struct file_operations def_fifo_fops;
extern unsigned int pipe_max_size;
unsigned int round_pipe_size(unsigned long size);
long pipe_fcntl(struct file *f, unsigned int cmd, unsigned long arg);
ssize_t pipe_write_kernel(struct file *f, const void *buf, size_t count);
/* fs/pipe.c for fs/splice.c: the ring behind a pipe end, its waits and copies. */
struct pipe;
struct pipe *get_pipe_info(struct file *f);
int pipe_wait_readable(struct pipe *p, bool nonblock);
int pipe_wait_writable(struct pipe *p, bool nonblock);
size_t pipe_transfer(struct pipe *from, struct pipe *to, void *buf, size_t count, bool peek);
void pipe_consume(struct pipe *p, size_t n);
size_t pipe_fill(struct pipe *p, const void *buf, size_t count);
extern const struct file_operations bad_blk_fops;
/* net/socket.c: what a socket node opens with (ENXIO, as on Linux) */
extern const struct file_operations bad_sock_fops;

/* mm/shmem.c: the object behind MAP_SHARED|MAP_ANONYMOUS */
struct file *shmem_file_setup(unsigned long size);
struct file *shmem_kernel_file_setup(const char *name, unsigned long size);
int shmem_zero_setup(struct vm_area_struct *vma);
unsigned long shmem_pages(void);
bool file_is_shmem(const struct file *f);
void shmem_init(void);
void pipe_init(void);
bool mapping_is_shmem(const struct address_space *mapping);
struct file *shmem_file_setup_named(const char *name, unsigned long size,
				    const struct file_operations *fop);

/* mm/memfd.c: seals.  Each check is 0 or -EPERM. */
long memfd_fcntl(struct file *f, unsigned int cmd, unsigned long arg);
int seal_check_write(const struct inode *inode, loff_t pos, size_t *count);
int seal_check_setsize(const struct inode *inode, loff_t size);
int seal_check_mmap(const struct inode *inode, unsigned long *vm_flags);
int seal_check_fallocate(const struct inode *inode, int mode, loff_t offset, loff_t len);

/*
 * fs/locks.c: advisory locks.  locks_remove_file() at an open file's last
 * fput (its flock and OFD locks); locks_remove_posix() whenever a process
 * closes a descriptor (its POSIX locks on that inode: filp_close()).
 */
struct seq_buf;
void locks_remove_file(const struct file *f);
void locks_remove_posix(const struct file *f, fl_owner_t owner);
/* fcntl's lock commands; @cmd is F_GETLK..., F_GETLK64... or F_OFD_*. */
long fcntl_lock(struct file *f, unsigned int cmd, void __user *arg, bool is64);
void locks_show(struct seq_buf *m);

/* fs/ramfs: the in-memory trees (ramfs, tmpfs, devtmpfs, proc, debugfs) */
int ramfs_tmpfile(struct dentry *dir, umode_t mode, struct dentry **out);
int ramfs_mknod(struct dentry *dir, const char *name, umode_t mode, dev_t dev,
		struct dentry **out);
int ramfs_symlink(struct dentry *dir, const char *name, const char *target, size_t len);
/* fill_super's common part: the root directory.  0 or -ENOMEM. */
int ramfs_fill_root(struct super_block *sb, umode_t mode);
void simple_statfs(struct super_block *sb, struct kstatfs *buf);
void ramfs_init(void);
void generic_kill_sb(struct super_block *sb);
int populate_rootfs(void);
void vfs_init(void);
void files_cache_init(void);
void dcache_init(void);
/* Device drivers' registration (drivers/char/mem.c, drivers/tty/console.c). */
void chr_mem_init(void);
void console_dev_init(void);
extern const struct file_operations console_fops;
extern const struct file_operations kmsg_fops;

/* What stat() reports. */
struct kstat {
	unsigned long ino;
	dev_t dev, rdev;
	umode_t mode;
	unsigned int nlink, uid, gid;
	loff_t size;
	unsigned long blksize;
	unsigned long long blocks;
	long atime, mtime, ctime;
};
void generic_fillattr(struct inode *inode, struct kstat *st);
/* fs/stat.c: what stat of @dfd/@name (AT_SYMLINK_NOFOLLOW, AT_EMPTY_PATH) finds. */
int vfs_statx(int dfd, const char __user *name, int flags, struct kstat *st);

#endif
