/*
 * Open-file tables.  A task's files_struct maps descriptors to files;
 * fork copies it (each file gets one more reference) or shares it
 * (CLONE_FILES), exec closes the close-on-exec ones, exit closes all.
 *
 * The slots live in a struct fdtable that files->fdt points to: first
 * the NR_OPEN_DEFAULT slots embedded in the files_struct, replaced by a
 * bigger kmalloc'ed one (a power of two, at most RLIMIT_NOFILE and
 * fs.nr_open rounded up to 32) when a descriptor at or beyond max_fds is
 * asked for (expand_files in fs/fdtable.c).  Tables only grow.
 *
 * Locking: files->lock covers files->fdt and everything in the table.
 * A table may be replaced (and the old one freed) by any task sharing
 * the files_struct whenever it holds the lock, so nobody keeps a
 * pointer into a table (fdt, fd[], the bitmaps) after dropping the
 * lock: one reads the slot under the lock and takes a reference to the
 * struct file (fget and friends); that reference may be kept across a
 * sleep.  Linnet has one CPU and a non-preemptible kernel, but the
 * allocator may one day sleep, so expand_files drops the lock around
 * the allocation and rechecks after.
 */
#ifndef _LINUX_ISH_FDTABLE_H
#define _LINUX_ISH_FDTABLE_H

#include <linux-ish/fs.h>

struct task_struct;

#define NR_OPEN_DEFAULT	32		/* slots in the embedded table */
/*
 * Linnet's bound on fs.nr_open (Linux allows up to 0x3fffffe0 on 32-bit):
 * the fd array of 2^20 slots is 4 MiB, the largest block kmalloc gives.
 */
#define NR_OPEN_MAX	(1U << 20)
#define NR_OPEN_MIN	32		/* Linux's lower bound of fs.nr_open (BITS_PER_LONG) */
#define INR_OPEN_CUR	1024		/* initial RLIMIT_NOFILE soft limit */
#define INR_OPEN_MAX	4096		/* initial RLIMIT_NOFILE hard limit */

/* fs.nr_open: no RLIMIT_NOFILE hard limit beyond it, no table bigger. */
extern unsigned int sysctl_nr_open;

struct fdtable {
	unsigned int max_fds;		/* slots in fd[], a multiple of 32 */
	struct file **fd;		/* NULL, a file, or reserved (1) */
	unsigned long *close_on_exec;	/* max_fds bits */
	unsigned long *open_fds;	/* bit set iff fd[n] != NULL */
};

struct files_struct {
	atomic_t count;
	spinlock_t lock;
	struct fdtable *fdt;		/* &fdtab or a kmalloc'ed table */
	struct fdtable fdtab;
	struct file *fd_array[NR_OPEN_DEFAULT];
	unsigned long cloexec_init[NR_OPEN_DEFAULT / 32];
	unsigned long open_init[NR_OPEN_DEFAULT / 32];
};

struct files_struct *files_alloc(void);
struct files_struct *dup_fd(struct files_struct *old);
void put_files_struct(struct files_struct *files);
void do_close_on_exec(struct files_struct *files);

/* Lowest free descriptor >= 0, reserved for fd_install(); or -EMFILE/-ENOMEM. */
int get_unused_fd_flags(unsigned int flags);
/* Would get_unused_fd_flags() find a descriptor now?  (An error's precedence.) */
bool fd_available(void);
/* Lowest free descriptor >= @from, given @f (NULL: reserved); or -EMFILE/-ENOMEM. */
int alloc_fd_from(int from, struct file *f, unsigned int flags);
/* RLIMIT_NOFILE: descriptors at or above it cannot be made. */
unsigned int fd_limit(void);
void put_unused_fd(int fd);
void fd_install(int fd, struct file *file);
/*
 * dup2/dup3's install: @newfd (< fd_limit()) now refers to @f (whose
 * reference the table takes), what it had is closed.  @newfd, -EBUSY
 * (being opened), -EBADF (beyond fs.nr_open) or -ENOMEM; on error the
 * reference to @f is dropped.
 */
int replace_fd(unsigned int newfd, struct file *f, unsigned int flags);
/* The file behind @fd with a reference, or NULL (also for O_PATH ones). */
struct file *fget(int fd);
/* The same, O_PATH descriptors included: close, dup, fcntl, fchdir, fstat, *at dirfds. */
struct file *fget_raw(int fd);
/* The file behind descriptor @fd of @p, referenced, or NULL.  @p may not go meanwhile. */
struct file *fget_task(struct task_struct *p, unsigned int fd);
/* The lowest open descriptor >= @from of @p, or -1. */
int fd_next_open(struct task_struct *p, unsigned int from);
/* Slots in @p's table (/proc/<pid>/status FDSize), 0 without one. */
unsigned int fd_table_size(struct task_struct *p);
/* The current table's slots (select caps nfds there). */
unsigned int current_max_fds(void);
/* Close-on-exec flag of @fd in @files (false if not a slot). */
bool fd_is_close_on_exec(struct files_struct *files, unsigned int fd);
void fd_set_close_on_exec(struct files_struct *files, unsigned int fd, bool on);
int close_fd(int fd);
/* Closing one descriptor of @f in @files: POSIX locks, then fput(). */
void filp_close(struct file *f, struct files_struct *files);

#endif
