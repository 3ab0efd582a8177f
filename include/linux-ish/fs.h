/*
 * The VFS objects.
 *
 *   inode      a file's identity and metadata; its data lives in the page
 *              cache (i_mapping: an address_space of struct page by index)
 *   dentry     a name in a directory tree; ramfs keeps the whole tree in
 *              dentries, so lookup is a walk of d_subdirs
 *   file       an open file: position, flags, operations; counted, shared
 *              by dup() and fork()
 *   super_block one mounted file system
 *
 * Reference rules: a file holds a dentry reference and an inode reference;
 * get_file()/fput().  Dentries and inodes of a RAM file system live until
 * they are unlinked (the unlinking arrives with the read-write VFS).
 */
#ifndef _LINUX_ISH_FS_H
#define _LINUX_ISH_FS_H

#include <linux-ish/types.h>
#include <linux-ish/list.h>
#include <linux-ish/mutex.h>
#include <linux-ish/spinlock.h>
#include <asm/atomic.h>

struct page;
struct vm_area_struct;
struct file;
struct inode;
struct dentry;
struct kstat;

typedef unsigned int umode_t;
typedef unsigned int fmode_t;
typedef long long loff_t;
typedef unsigned int dev_t;

#define NAME_MAX	255
#define MAX_FILE_SIZE	(1LL << 30)	/* RAM files: the page-cache array stays <= 1 MiB */
#define PATH_MAX	4096
#define MAX_SYMLINKS	8

#define S_IFMT		00170000
#define S_IFSOCK	0140000
#define S_IFLNK		0120000
#define S_IFREG		0100000
#define S_IFBLK		0060000
#define S_IFDIR		0040000
#define S_IFCHR		0020000
#define S_IFIFO		0010000
#define S_ISLNK(m)	(((m) & S_IFMT) == S_IFLNK)
#define S_ISREG(m)	(((m) & S_IFMT) == S_IFREG)
#define S_ISDIR(m)	(((m) & S_IFMT) == S_IFDIR)
#define S_ISCHR(m)	(((m) & S_IFMT) == S_IFCHR)

#define O_ACCMODE	00000003
#define O_RDONLY	00000000
#define O_WRONLY	00000001
#define O_RDWR		00000002
#define O_CREAT		00000100
#define O_EXCL		00000200
#define O_NOCTTY	00000400
#define O_TRUNC		00001000
#define O_APPEND	00002000
#define O_NONBLOCK	00004000
#define O_LARGEFILE	00100000
#define O_DIRECTORY	00200000
#define O_NOFOLLOW	00400000
#define O_CLOEXEC	02000000
#define O_PATH		010000000

#define AT_FDCWD		-100
#define AT_SYMLINK_NOFOLLOW	0x100
#define AT_EMPTY_PATH		0x1000

#define FMODE_READ	0x1
#define FMODE_WRITE	0x2

#define SEEK_SET	0
#define SEEK_CUR	1
#define SEEK_END	2

#define S_PROCSELF	0x1
#define S_IMMUTABLE	0x2	/* procfs: no unlink, rename, link, or new names inside */

#define MKDEV(ma, mi)	(((ma) << 8) | (mi))
#define MAJOR(dev)	((dev) >> 8)
#define MINOR(dev)	((dev) & 0xff)

/* The page cache of one inode: pages indexed by file offset / PAGE_SIZE. */
struct address_space {
	struct inode *host;
	spinlock_t lock;		/* pages[], nr_slots, nrpages */
	struct page **pages;		/* kmalloc'd, grown on demand */
	unsigned long nr_slots;
	unsigned long nrpages;
	spinlock_t i_mmap_lock;		/* i_mmap */
	struct list_head i_mmap;	/* VMAs mapping this file (vma->vm_shared) */
};

struct file_operations {
	ssize_t (*read)(struct file *, char __user *, size_t, loff_t *);
	ssize_t (*write)(struct file *, const char __user *, size_t, loff_t *);
	loff_t (*llseek)(struct file *, loff_t, int);
	long (*ioctl)(struct file *, unsigned int, unsigned long);
	int (*mmap)(struct file *, struct vm_area_struct *);
	int (*open)(struct inode *, struct file *);
	int (*release)(struct inode *, struct file *);
};

struct super_block {
	const char *s_type;
	dev_t s_dev;
	struct dentry *s_root;
	unsigned long s_next_ino;
	unsigned long s_nr_pages;	/* page-cache pages of this file system */
};

struct inode {
	umode_t i_mode;
	unsigned int i_nlink;
	unsigned int i_uid, i_gid;
	unsigned long i_ino;
	dev_t i_rdev;			/* device files */
	loff_t i_size;
	long i_mtime, i_atime, i_ctime;	/* seconds */
	atomic_t i_count;
	struct super_block *i_sb;
	const struct file_operations *i_fop;
	char *i_link;			/* symlink target (kmalloc'd) */
	unsigned int i_flags;		/* S_PROCSELF, S_IMMUTABLE */
	void *i_private;		/* the file system's own (procfs: what to show) */
	struct address_space i_data;
	struct address_space *i_mapping;
};

struct dentry {
	char d_name[NAME_MAX + 1];
	struct dentry *d_parent;	/* the root is its own parent */
	struct inode *d_inode;
	struct list_head d_child;	/* in d_parent->d_subdirs */
	struct list_head d_subdirs;
	atomic_t d_count;
	bool d_unlinked;		/* out of the tree; freed at the last dput */
};

struct file {
	atomic_t f_count;
	unsigned int f_flags;		/* O_* as opened (plus later F_SETFL) */
	fmode_t f_mode;
	loff_t f_pos;
	struct dentry *f_dentry;
	struct inode *f_inode;
	const struct file_operations *f_op;
	void *private_data;
};

struct path_root {
	struct dentry *root, *cwd;
};

/* fs/file_table.c */
struct file *alloc_file(struct dentry *dentry, unsigned int flags,
			const struct file_operations *fop);
struct file *get_file(struct file *f);
void fput(struct file *f);

/* fs/inode.c, fs/dcache.c */
struct inode *new_inode(struct super_block *sb, umode_t mode);
void kfree_inode(struct inode *inode);
struct dentry *d_alloc(struct dentry *parent, const char *name, size_t len);
struct dentry *d_lookup(struct dentry *parent, const char *name, size_t len);
struct dentry *dget(struct dentry *d);
void dput(struct dentry *d);
void d_delete(struct dentry *d);
void d_move(struct dentry *d, struct dentry *newdir);

/* Entries the kernel owns (procfs): users may not rename, remove or link them. */
static inline bool d_immutable(const struct dentry *d)
{
	return d->d_inode->i_flags & S_IMMUTABLE;
}
void iput(struct inode *inode);

/* fs/namei.c: resolve a path (kernel string).  Referenced dentry or ERR_PTR. */
#define LOOKUP_FOLLOW	0x1
#define LOOKUP_PARENT	0x2
struct dentry *path_lookup(struct dentry *base, const char *path, unsigned int flags);
struct dentry *kern_path(const char *path, unsigned int flags);
char *getname(const char __user *upath);
struct dentry *dfd_dentry(int dfd);
struct dentry *user_path_at(int dfd, const char __user *upath, unsigned int flags);
struct dentry *path_lookup_at(int dfd, const char *path, unsigned int flags);
struct dentry *lookup_parent(int dfd, char *path, const char **last);
/* A symlink's target; @buf (16 bytes) holds it for computed links. */
const char *inode_link_target(const struct inode *inode, char *buf);
long do_rmdirat(int dfd, const char __user *upath);
extern struct dentry *root_dentry;

/* fs/open.c */
struct file *filp_open(const char *path, int flags);
struct file *dentry_open(struct dentry *dentry, int flags);

/* fs/read_write.c */
ssize_t kernel_read(struct file *f, void *buf, size_t count, loff_t *pos);
ssize_t kernel_write(struct file *f, const void *buf, size_t count, loff_t *pos);
loff_t generic_file_llseek(struct file *f, loff_t offset, int whence);

/* mm/filemap.c: the page cache */
struct page *find_get_page(struct address_space *mapping, pgoff_t index);
int add_to_page_cache(struct address_space *mapping, struct page *page, pgoff_t index);
/* The page at @index, created (zeroed) if missing.  Referenced, or NULL. */
struct page *find_or_create_page(struct address_space *mapping, pgoff_t index);
void truncate_inode_pages(struct address_space *mapping);
ssize_t generic_file_read(struct file *f, char __user *buf, size_t count, loff_t *pos);
ssize_t generic_file_write(struct file *f, const char __user *buf, size_t count,
			   loff_t *pos);
void truncate_to_zero(struct inode *inode);
int truncate_setsize(struct inode *inode, loff_t size);
int generic_file_mmap(struct file *f, struct vm_area_struct *vma);
void address_space_init(struct address_space *mapping, struct inode *host);

/* mm/mmap.c: may this file be mapped with these VMA flags?  0 or -errno. */
int file_mmap_check(struct file *f, unsigned long vm_flags);

/* fs/char_dev.c: character devices by major/minor */
int register_chrdev(unsigned int major, unsigned int minor,
		    const struct file_operations *fops);
extern const struct file_operations def_chr_fops;

/* mm/shmem.c: the object behind MAP_SHARED|MAP_ANONYMOUS */
struct file *shmem_file_setup(unsigned long size);
unsigned long shmem_pages(void);
bool file_is_shmem(const struct file *f);
bool mapping_is_shmem(const struct address_space *mapping);

/* fs/ramfs, fs/initramfs.c */
struct super_block *ramfs_mount(void);
int ramfs_mknod(struct dentry *dir, const char *name, umode_t mode, dev_t dev,
		struct dentry **out);
int ramfs_symlink(struct dentry *dir, const char *name, const char *target, size_t len);
int populate_rootfs(void);
void vfs_init(void);
void files_cache_init(void);
void dcache_init(void);
/* Device drivers' registration (drivers/char/mem.c, drivers/tty/console.c). */
void chr_mem_init(void);
void console_dev_init(void);
extern const struct file_operations console_fops;

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

#endif
