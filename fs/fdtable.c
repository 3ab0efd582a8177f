/* Descriptor tables (see linux-ish/fdtable.h). */
#include <linux-ish/kernel.h>
#include <linux-ish/errno.h>
#include <linux-ish/fdtable.h>
#include <linux-ish/sched.h>
#include <linux-ish/slab.h>
#include <linux-ish/string.h>
#include <linux-ish/syscalls.h>

/* A reserved-but-not-yet-installed slot. */
#define FD_RESERVED	((struct file *)1)

struct files_struct *files_alloc(void)
{
	struct files_struct *files = kzalloc(sizeof(*files), GFP_KERNEL);

	if (files) {
		atomic_set(&files->count, 1);
		spin_lock_init(&files->lock);
	}
	return files;
}

/* fork: a copy of @old; every open file gains a reference. */
struct files_struct *dup_fd(struct files_struct *old)
{
	struct files_struct *files = files_alloc();
	unsigned long flags;

	if (!files)
		return NULL;
	spin_lock_irqsave(&old->lock, flags);
	for (int fd = 0; fd < NR_OPEN; fd++) {
		struct file *f = old->fd[fd];

		if (f && f != FD_RESERVED)
			files->fd[fd] = get_file(f);
	}
	memcpy(files->close_on_exec, old->close_on_exec, sizeof(files->close_on_exec));
	spin_unlock_irqrestore(&old->lock, flags);
	return files;
}

/* A descriptor of @f closed in @files: its POSIX locks go, then the reference. */
void filp_close(struct file *f, struct files_struct *files)
{
	locks_remove_posix(f, files);
	fput(f);
}

static struct file *pick_file(struct files_struct *files, int fd)
{
	struct file *f;
	unsigned long flags;

	spin_lock_irqsave(&files->lock, flags);
	f = files->fd[fd];
	if (f == FD_RESERVED)
		f = NULL;
	if (f) {
		files->fd[fd] = NULL;
		files->close_on_exec[fd / 32] &= ~(1UL << (fd % 32));
	}
	spin_unlock_irqrestore(&files->lock, flags);
	return f;
}

/*
 * Drops a reference; the last closes every descriptor and frees the
 * table.  The last holder is the only one who can see the table, so it
 * is read without files->lock (and no descriptor is still reserved:
 * whoever reserved one held a reference).
 */
void put_files_struct(struct files_struct *files)
{
	if (!atomic_dec_and_test(&files->count))
		return;
	for (int fd = 0; fd < NR_OPEN; fd++) {
		struct file *f = files->fd[fd];

		if (f && f != FD_RESERVED)
			filp_close(f, files);
	}
	kfree(files);
}

void do_close_on_exec(struct files_struct *files)
{
	for (int fd = 0; fd < NR_OPEN; fd++) {
		if (files->close_on_exec[fd / 32] & (1UL << (fd % 32))) {
			struct file *f = pick_file(files, fd);

			if (f)
				filp_close(f, files);
		}
	}
}

/* Descriptors below this may be used: RLIMIT_NOFILE, at most NR_OPEN. */
unsigned int fd_limit(void)
{
	return min_t(unsigned long, rlimit(RLIMIT_NOFILE), NR_OPEN);
}

/*
 * Takes the lowest free descriptor >= @from for @f (or reserves it for a
 * later fd_install() if @f is NULL).  The descriptor or -EMFILE.
 */
int alloc_fd_from(int from, struct file *f, unsigned int flags)
{
	struct files_struct *files = current->files;
	int fd, limit = fd_limit();
	unsigned long irqflags;

	spin_lock_irqsave(&files->lock, irqflags);
	for (fd = from; fd < limit && files->fd[fd]; fd++)
		;
	if (fd < limit) {
		files->fd[fd] = f ? f : FD_RESERVED;
		if (flags & O_CLOEXEC)
			files->close_on_exec[fd / 32] |= 1UL << (fd % 32);
		else
			files->close_on_exec[fd / 32] &= ~(1UL << (fd % 32));
	}
	spin_unlock_irqrestore(&files->lock, irqflags);
	return fd < limit ? fd : -EMFILE;
}

int get_unused_fd_flags(unsigned int flags)
{
	return alloc_fd_from(0, NULL, flags);
}

void put_unused_fd(int fd)
{
	struct files_struct *files = current->files;
	unsigned long flags;

	spin_lock_irqsave(&files->lock, flags);
	if (files->fd[fd] == FD_RESERVED)
		files->fd[fd] = NULL;
	spin_unlock_irqrestore(&files->lock, flags);
}

void fd_install(int fd, struct file *file)
{
	struct files_struct *files = current->files;
	unsigned long flags;

	spin_lock_irqsave(&files->lock, flags);
	WARN_ON(files->fd[fd] != FD_RESERVED);
	files->fd[fd] = file;
	spin_unlock_irqrestore(&files->lock, flags);
}

/* The file behind @fd, O_PATH ones included, with a reference; or NULL. */
struct file *fget_raw(int fd)
{
	struct files_struct *files = current->files;
	struct file *f = NULL;
	unsigned long flags;

	if (fd < 0 || fd >= NR_OPEN || !files)
		return NULL;
	spin_lock_irqsave(&files->lock, flags);
	if (files->fd[fd] && files->fd[fd] != FD_RESERVED)
		f = get_file(files->fd[fd]);
	spin_unlock_irqrestore(&files->lock, flags);
	return f;
}

/*
 * The file behind @fd for an operation on the open file: an O_PATH
 * descriptor (FMODE_PATH) counts as none, so every such call says EBADF
 * for it, as Linux's fdget().
 */
struct file *fget(int fd)
{
	struct file *f = fget_raw(fd);

	if (f && (f->f_mode & FMODE_PATH)) {
		fput(f);
		return NULL;
	}
	return f;
}

struct file *fget_task(struct task_struct *p, unsigned int fd)
{
	struct files_struct *files = p->files;
	struct file *f = NULL;
	unsigned long flags;

	if (!files || fd >= NR_OPEN)
		return NULL;
	spin_lock_irqsave(&files->lock, flags);
	if (files->fd[fd] && files->fd[fd] != FD_RESERVED)	/* being opened: not yet there */
		f = get_file(files->fd[fd]);
	spin_unlock_irqrestore(&files->lock, flags);
	return f;
}

int close_fd(int fd)
{
	struct file *f;

	if (fd < 0 || fd >= NR_OPEN || !current->files)
		return -EBADF;
	f = pick_file(current->files, fd);
	if (!f)
		return -EBADF;
	filp_close(f, current->files);
	return 0;
}

SYSCALL_DEFINE1(close, int, fd)
{
	return close_fd(fd);
}

#define CLOSE_RANGE_UNSHARE	(1U << 1)
#define CLOSE_RANGE_CLOEXEC	(1U << 2)

/*
 * close_range(2): every descriptor in [first, last] (last may be ~0U)
 * closed, or with CLOSE_RANGE_CLOEXEC marked close-on-exec.
 * CLOSE_RANGE_UNSHARE changes nothing here: a table is never shared
 * (no CLONE_FILES yet).  Descriptors that are not open are skipped.
 */
SYSCALL_DEFINE3(close_range, unsigned int, first, unsigned int, last, unsigned int, flags)
{
	struct files_struct *files = current->files;

	if (flags & ~(CLOSE_RANGE_UNSHARE | CLOSE_RANGE_CLOEXEC))
		return -EINVAL;
	if (first > last)
		return -EINVAL;
	if (last >= NR_OPEN)
		last = NR_OPEN - 1;
	for (unsigned int fd = first; fd <= last && fd < NR_OPEN; fd++) {
		if (flags & CLOSE_RANGE_CLOEXEC) {
			unsigned long irq;

			spin_lock_irqsave(&files->lock, irq);
			if (files->fd[fd] && files->fd[fd] != FD_RESERVED)
				files->close_on_exec[fd / 32] |= 1UL << (fd % 32);
			spin_unlock_irqrestore(&files->lock, irq);
		} else {
			struct file *f = pick_file(files, fd);

			if (f)
				filp_close(f, files);
		}
	}
	return 0;
}
