/*
 * Open-file tables.  A task's files_struct maps descriptors to files;
 * fork copies it (each file gets one more reference), exec closes the
 * close-on-exec ones, exit closes all.  files->lock covers the arrays.
 */
#ifndef _LINUX_ISH_FDTABLE_H
#define _LINUX_ISH_FDTABLE_H

#include <linux-ish/fs.h>

struct task_struct;

#define NR_OPEN		256	/* descriptors per process (RLIMIT_NOFILE) */

struct files_struct {
	atomic_t count;
	spinlock_t lock;
	struct file *fd[NR_OPEN];
	unsigned long close_on_exec[NR_OPEN / 32];
};

struct files_struct *files_alloc(void);
struct files_struct *dup_fd(struct files_struct *old);
void put_files_struct(struct files_struct *files);
void do_close_on_exec(struct files_struct *files);

/* Lowest free descriptor >= 0, reserved for fd_install(); or -EMFILE. */
int get_unused_fd_flags(unsigned int flags);
/* Lowest free descriptor >= @from, given @f (NULL: reserved); or -EMFILE. */
int alloc_fd_from(int from, struct file *f, unsigned int flags);
/* min(RLIMIT_NOFILE, NR_OPEN): descriptors at or above it cannot be made. */
unsigned int fd_limit(void);
void put_unused_fd(int fd);
void fd_install(int fd, struct file *file);
/* The file behind @fd with a reference, or NULL (also for O_PATH ones). */
struct file *fget(int fd);
/* The same, O_PATH descriptors included: close, dup, fcntl, fchdir, fstat, *at dirfds. */
struct file *fget_raw(int fd);
/* The file behind descriptor @fd of @p, referenced, or NULL.  @p may not go meanwhile. */
struct file *fget_task(struct task_struct *p, unsigned int fd);
int close_fd(int fd);
/* Closing one descriptor of @f in @files: POSIX locks, then fput(). */
void filp_close(struct file *f, struct files_struct *files);

#endif
