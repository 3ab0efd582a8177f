/* Descriptor tables (see linux-ish/fdtable.h for the locking rule). */
#include <linux-ish/kernel.h>
#include <linux-ish/errno.h>
#include <linux-ish/fdtable.h>
#include <linux-ish/resource.h>
#include <linux-ish/sched.h>
#include <linux-ish/slab.h>
#include <linux-ish/string.h>
#include <linux-ish/syscalls.h>

/* A reserved-but-not-yet-installed slot. */
#define FD_RESERVED	((struct file *)1)

unsigned int sysctl_nr_open = NR_OPEN_MAX;	/* Linux's default, 1048576 */

/* ---- bitmaps of 32-bit words ---- */

static bool fd_test(const unsigned long *map, unsigned int fd)
{
	return map[fd / 32] & (1UL << (fd % 32));
}

static void fd_assign(unsigned long *map, unsigned int fd, bool on)
{
	if (on)
		map[fd / 32] |= 1UL << (fd % 32);
	else
		map[fd / 32] &= ~(1UL << (fd % 32));
}

/* The first bit >= @from that is @set in @map of @size bits, or @size. */
static unsigned int fd_find(const unsigned long *map, unsigned int size, unsigned int from, bool set)
{
	while (from < size) {
		unsigned long w = map[from / 32];

		if (!set)
			w = ~w;
		w &= ~0UL << (from % 32);
		if (w)
			return min(size, (from & ~31U) + __builtin_ctzl(w));
		from = (from & ~31U) + 32;
	}
	return size;
}

/* ---- tables ---- */

static void fdtable_free(struct files_struct *files, struct fdtable *fdt)
{
	if (fdt == &files->fdtab)
		return;
	kfree(fdt->fd);
	kfree(fdt->close_on_exec);
	kfree(fdt);
}

/* A zeroed table of @nr slots (a multiple of 32), or NULL. */
static struct fdtable *fdtable_alloc(unsigned int nr)
{
	struct fdtable *fdt = kmalloc(sizeof(*fdt), GFP_KERNEL);

	if (!fdt)
		return NULL;
	fdt->max_fds = nr;
	fdt->fd = kzalloc(nr * sizeof(struct file *), GFP_KERNEL | __GFP_NOWARN);
	fdt->close_on_exec = kzalloc(2 * (nr / 8), GFP_KERNEL | __GFP_NOWARN);
	if (!fdt->fd || !fdt->close_on_exec) {
		kfree(fdt->fd);
		kfree(fdt->close_on_exec);
		kfree(fdt);
		return NULL;
	}
	fdt->open_fds = fdt->close_on_exec + nr / 32;
	return fdt;
}

/* Slots for a table that must hold descriptor @nr: a power of two, at least 64, at most @cap. */
static unsigned int fdtable_size(unsigned int nr, unsigned int cap)
{
	unsigned int size = 64;

	while (size <= nr && size < (1U << 31))
		size <<= 1;
	cap = (cap + 31) & ~31U;
	size = min(size, cap);
	return max(size, (nr + 32) & ~31U);
}

/* Copies @old's slots into the bigger, zeroed @new. */
static void fdtable_copy(struct fdtable *new, const struct fdtable *old)
{
	unsigned int n = min(old->max_fds, new->max_fds);

	memcpy(new->fd, old->fd, n * sizeof(struct file *));
	memcpy(new->close_on_exec, old->close_on_exec, n / 8);
	memcpy(new->open_fds, old->open_fds, n / 8);
}

/*
 * Makes room for descriptor @nr in @files, whose lock is held (with
 * *@irq): 0 if it fits already, 1 if the table was replaced (the lock
 * was dropped meanwhile: the caller looks again), -EMFILE at or beyond
 * fs.nr_open, -ENOMEM.  Linux's expand_files.
 */
static int expand_files(struct files_struct *files, unsigned int nr, unsigned long *irq)
	__must_hold(&files->lock)
{
	struct fdtable *new, *old;
	unsigned int cap;

	if (nr < files->fdt->max_fds)
		return 0;
	if (nr >= sysctl_nr_open)
		return -EMFILE;
	cap = max_t(unsigned long, rlimit(RLIMIT_NOFILE), nr + 1);
	cap = min(cap, sysctl_nr_open);
	spin_unlock_irqrestore(&files->lock, *irq);
	new = fdtable_alloc(fdtable_size(nr, cap));
	spin_lock_irqsave(&files->lock, *irq);
	if (!new)
		return -ENOMEM;
	old = files->fdt;
	if (old->max_fds >= new->max_fds) {	/* another sharer grew it meanwhile */
		spin_unlock_irqrestore(&files->lock, *irq);
		fdtable_free(files, new);
		spin_lock_irqsave(&files->lock, *irq);
		return 1;
	}
	fdtable_copy(new, old);
	files->fdt = new;
	spin_unlock_irqrestore(&files->lock, *irq);
	fdtable_free(files, old);	/* nobody points into it (the locking rule) */
	spin_lock_irqsave(&files->lock, *irq);
	return 1;
}

static void files_init(struct files_struct *files)
{
	atomic_set(&files->count, 1);
	spin_lock_init(&files->lock);
	files->fdtab.max_fds = NR_OPEN_DEFAULT;
	files->fdtab.fd = files->fd_array;
	files->fdtab.close_on_exec = files->cloexec_init;
	files->fdtab.open_fds = files->open_init;
	files->fdt = &files->fdtab;
}

struct files_struct *files_alloc(void)
{
	struct files_struct *files = kzalloc(sizeof(*files), GFP_KERNEL);

	if (files)
		files_init(files);
	return files;
}

/* Slots needed to hold @fdt's open descriptors: a multiple of 32, at least the embedded count. */
static unsigned int open_span(const struct fdtable *fdt)
{
	unsigned int n = fdt->max_fds / 32;

	while (n > NR_OPEN_DEFAULT / 32 && !fdt->open_fds[n - 1])
		n--;
	return max(n * 32, (unsigned int)NR_OPEN_DEFAULT);
}

/*
 * fork, unshare: a copy of @old holding its open descriptors (a table no
 * bigger than they need, as Linux's count_open_files); every open file
 * gains a reference.  Reserved slots stay free in the copy.
 */
struct files_struct *dup_fd(struct files_struct *old)
{
	struct files_struct *files = files_alloc();
	struct fdtable *new = NULL, *src;
	unsigned long irq;
	unsigned int span;

	if (!files)
		return NULL;
	spin_lock_irqsave(&old->lock, irq);
	while ((span = open_span(old->fdt)) > (new ? new->max_fds : NR_OPEN_DEFAULT)) {
		spin_unlock_irqrestore(&old->lock, irq);
		if (new)
			fdtable_free(files, new);
		new = fdtable_alloc(fdtable_size(span - 1, span));
		if (!new) {
			kfree(files);
			return NULL;
		}
		spin_lock_irqsave(&old->lock, irq);
	}
	if (new)
		files->fdt = new;
	new = files->fdt;
	src = old->fdt;
	for (unsigned int fd = 0; fd < span; fd++) {
		struct file *f = src->fd[fd];

		if (f && f != FD_RESERVED) {
			new->fd[fd] = get_file(f);
			fd_assign(new->open_fds, fd, true);
			fd_assign(new->close_on_exec, fd, fd_test(src->close_on_exec, fd));
		}
	}
	spin_unlock_irqrestore(&old->lock, irq);
	return files;
}

/* A descriptor of @f closed in @files: its POSIX locks go, then the reference. */
void filp_close(struct file *f, struct files_struct *files)
{
	locks_remove_posix(f, files);
	fput(f);
}

/* Empties slot @fd (lock held): the file it had, or NULL (free, reserved, beyond the table). */
static struct file *pick_file_locked(struct files_struct *files, unsigned int fd)
{
	struct fdtable *fdt = files->fdt;
	struct file *f;

	if (fd >= fdt->max_fds)
		return NULL;
	f = fdt->fd[fd];
	if (!f || f == FD_RESERVED)
		return NULL;
	fdt->fd[fd] = NULL;
	fd_assign(fdt->close_on_exec, fd, false);
	fd_assign(fdt->open_fds, fd, false);
	return f;
}

static struct file *pick_file(struct files_struct *files, unsigned int fd)
{
	struct file *f;
	unsigned long flags;

	spin_lock_irqsave(&files->lock, flags);
	f = pick_file_locked(files, fd);
	spin_unlock_irqrestore(&files->lock, flags);
	return f;
}

/*
 * Closes the open descriptors in [@first, @last] of @files, or only those
 * marked close-on-exec (@cloexec_only).  The table is looked up again
 * after each close (filp_close may sleep).
 */
static void close_files_range(struct files_struct *files, unsigned int first, unsigned int last,
			      bool cloexec_only)
{
	unsigned int fd = first;
	unsigned long irq;

	for (;;) {
		struct fdtable *fdt;
		struct file *f;

		spin_lock_irqsave(&files->lock, irq);
		fdt = files->fdt;
		fd = fd_find(cloexec_only ? fdt->close_on_exec : fdt->open_fds, fdt->max_fds, fd, true);
		if (fd >= fdt->max_fds || fd > last) {
			spin_unlock_irqrestore(&files->lock, irq);
			return;
		}
		f = pick_file_locked(files, fd);
		spin_unlock_irqrestore(&files->lock, irq);
		if (f)
			filp_close(f, files);
		if (fd == last)
			return;
		fd++;
	}
}

/*
 * Drops a reference; the last closes every descriptor and frees the
 * table (no descriptor is still reserved: whoever reserved one held a
 * reference).
 */
void put_files_struct(struct files_struct *files)
{
	if (!atomic_dec_and_test(&files->count))
		return;
	close_files_range(files, 0, ~0U, false);
	fdtable_free(files, files->fdt);
	kfree(files);
}

void do_close_on_exec(struct files_struct *files)
{
	close_files_range(files, 0, ~0U, true);
}

/* Descriptors below this may be used: RLIMIT_NOFILE (at most fs.nr_open when set). */
unsigned int fd_limit(void)
{
	return min_t(unsigned long, rlimit(RLIMIT_NOFILE), INT_MAX);
}

/*
 * Takes the lowest free descriptor >= @from for @f (or reserves it for a
 * later fd_install() if @f is NULL), growing the table as needed.  The
 * descriptor, -EMFILE (RLIMIT_NOFILE or fs.nr_open reached) or -ENOMEM.
 */
int alloc_fd_from(int from, struct file *f, unsigned int flags)
{
	struct files_struct *files = current->files;
	unsigned int fd, limit = fd_limit();
	unsigned long irq;
	int err;

	if (from < 0)
		return -EINVAL;
	spin_lock_irqsave(&files->lock, irq);
	do {
		struct fdtable *fdt = files->fdt;

		/* beyond the table every slot is free */
		fd = (unsigned int)from >= fdt->max_fds ? (unsigned int)from :
		     fd_find(fdt->open_fds, fdt->max_fds, from, false);
		err = -EMFILE;
		if (fd >= limit)
			goto out;
		err = expand_files(files, fd, &irq);
		if (err < 0)
			goto out;
	} while (err);
	files->fdt->fd[fd] = f ? f : FD_RESERVED;
	fd_assign(files->fdt->open_fds, fd, true);
	fd_assign(files->fdt->close_on_exec, fd, flags & O_CLOEXEC);
	err = fd;
out:
	spin_unlock_irqrestore(&files->lock, irq);
	return err;
}

int get_unused_fd_flags(unsigned int flags)
{
	return alloc_fd_from(0, NULL, flags);
}

/*
 * A free descriptor below RLIMIT_NOFILE exists (in the table or past its
 * end, where growing it could give one), nothing reserved.
 */
bool fd_available(void)
{
	struct files_struct *files = current->files;
	unsigned int limit = fd_limit(), fd;
	unsigned long irq, free0 = ~files->fdt->open_fds[0];

	/*
	 * The common answer from the first word without the lock: every
	 * table has at least 32 slots, and on one CPU without kernel
	 * preemption nothing changes it between this read and the return
	 * (IRQ handlers never touch descriptor tables).  A failed open of
	 * a missing file (glibc's /etc/localtime, once per ls -l line)
	 * asks this every time.
	 */
	/* cppcheck-suppress knownConditionTrueFalse ; a table may be full */
	if (free0)
		return (unsigned int)__builtin_ctzl(free0) < limit;
	spin_lock_irqsave(&files->lock, irq);
	fd = fd_find(files->fdt->open_fds, files->fdt->max_fds, 0, false);
	spin_unlock_irqrestore(&files->lock, irq);
	return fd < limit;
}

void put_unused_fd(int fd)
{
	struct files_struct *files = current->files;
	struct fdtable *fdt;
	unsigned long flags;

	spin_lock_irqsave(&files->lock, flags);
	fdt = files->fdt;
	if ((unsigned int)fd < fdt->max_fds && fdt->fd[fd] == FD_RESERVED) {
		fdt->fd[fd] = NULL;
		fd_assign(fdt->open_fds, fd, false);
		fd_assign(fdt->close_on_exec, fd, false);
	}
	spin_unlock_irqrestore(&files->lock, flags);
}

void fd_install(int fd, struct file *file)
{
	struct files_struct *files = current->files;
	struct fdtable *fdt;
	unsigned long flags;

	spin_lock_irqsave(&files->lock, flags);
	fdt = files->fdt;
	if (!WARN_ON((unsigned int)fd >= fdt->max_fds || fdt->fd[fd] != FD_RESERVED))
		fdt->fd[fd] = file;
	spin_unlock_irqrestore(&files->lock, flags);
}

int replace_fd(unsigned int newfd, struct file *f, unsigned int flags)
{
	struct files_struct *files = current->files;
	struct file *old;
	unsigned long irq;
	int err;

	spin_lock_irqsave(&files->lock, irq);
	do {
		err = expand_files(files, newfd, &irq);
	} while (err > 0);
	if (err < 0)
		goto fail;
	err = -EBUSY;
	if (files->fdt->fd[newfd] == FD_RESERVED)	/* being opened right now */
		goto fail;
	old = files->fdt->fd[newfd];
	files->fdt->fd[newfd] = f;
	fd_assign(files->fdt->open_fds, newfd, true);
	fd_assign(files->fdt->close_on_exec, newfd, flags & O_CLOEXEC);
	spin_unlock_irqrestore(&files->lock, irq);
	if (old)
		filp_close(old, files);
	return newfd;
fail:
	spin_unlock_irqrestore(&files->lock, irq);
	fput(f);
	return err == -EMFILE ? -EBADF : err;	/* as Linux's do_dup2 */
}

/* The file in slot @fd of @files, referenced, or NULL. */
static struct file *files_lookup(struct files_struct *files, unsigned int fd)
{
	struct file *f = NULL;
	unsigned long flags;

	if (!files)
		return NULL;
	spin_lock_irqsave(&files->lock, flags);
	if (fd < files->fdt->max_fds) {
		f = files->fdt->fd[fd];
		if (f == FD_RESERVED)		/* being opened: not yet there */
			f = NULL;
		if (f)
			get_file(f);
	}
	spin_unlock_irqrestore(&files->lock, flags);
	return f;
}

/* The file behind @fd, O_PATH ones included, with a reference; or NULL. */
struct file *fget_raw(int fd)
{
	return fd < 0 ? NULL : files_lookup(current->files, fd);
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
	return files_lookup(p->files, fd);
}

int fd_next_open(struct task_struct *p, unsigned int from)
{
	struct files_struct *files = p->files;
	unsigned long flags;
	unsigned int fd;

	if (!files)
		return -1;
	spin_lock_irqsave(&files->lock, flags);
	fd = fd_find(files->fdt->open_fds, files->fdt->max_fds, from, true);
	while (fd < files->fdt->max_fds && files->fdt->fd[fd] == FD_RESERVED)
		fd = fd_find(files->fdt->open_fds, files->fdt->max_fds, fd + 1, true);
	if (fd >= files->fdt->max_fds)
		fd = -1;
	spin_unlock_irqrestore(&files->lock, flags);
	return fd;
}

unsigned int fd_table_size(struct task_struct *p)
{
	struct files_struct *files = p->files;
	unsigned long flags;
	unsigned int n;

	if (!files)
		return 0;
	spin_lock_irqsave(&files->lock, flags);
	n = files->fdt->max_fds;
	spin_unlock_irqrestore(&files->lock, flags);
	return n;
}

unsigned int current_max_fds(void)
{
	return fd_table_size(current);
}

bool fd_is_close_on_exec(struct files_struct *files, unsigned int fd)
{
	unsigned long flags;
	bool ret = false;

	if (!files)
		return false;
	spin_lock_irqsave(&files->lock, flags);
	if (fd < files->fdt->max_fds)
		ret = fd_test(files->fdt->close_on_exec, fd);
	spin_unlock_irqrestore(&files->lock, flags);
	return ret;
}

/* Only for an open descriptor: a free slot's flag stays clear. */
void fd_set_close_on_exec(struct files_struct *files, unsigned int fd, bool on)
{
	unsigned long flags;

	spin_lock_irqsave(&files->lock, flags);
	if (fd < files->fdt->max_fds && files->fdt->fd[fd] && files->fdt->fd[fd] != FD_RESERVED)
		fd_assign(files->fdt->close_on_exec, fd, on);
	spin_unlock_irqrestore(&files->lock, flags);
}

int close_fd(int fd)
{
	struct file *f;

	if (fd < 0 || !current->files)
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
 * close_range(2): every open descriptor in [first, last] (last may be
 * ~0U) closed, or with CLOSE_RANGE_CLOEXEC marked close-on-exec; the
 * table never grows for it.  CLOSE_RANGE_UNSHARE first gives a table
 * shared by CLONE_FILES a private copy (unshare_files, as exec).
 */
SYSCALL_DEFINE3(close_range, unsigned int, first, unsigned int, last, unsigned int, flags)
{
	struct files_struct *files;

	if (flags & ~(CLOSE_RANGE_UNSHARE | CLOSE_RANGE_CLOEXEC))
		return -EINVAL;
	if (first > last)
		return -EINVAL;
	if (flags & CLOSE_RANGE_UNSHARE) {
		int err = unshare_files();

		if (err)
			return err;
	}
	files = current->files;
	if (flags & CLOSE_RANGE_CLOEXEC) {
		unsigned long irq;
		struct fdtable *fdt;

		spin_lock_irqsave(&files->lock, irq);
		fdt = files->fdt;
		for (unsigned int fd = fd_find(fdt->open_fds, fdt->max_fds, first, true);
		     fd < fdt->max_fds && fd <= last;
		     fd = fd_find(fdt->open_fds, fdt->max_fds, fd + 1, true))
			if (fdt->fd[fd] != FD_RESERVED)
				fd_assign(fdt->close_on_exec, fd, true);
		spin_unlock_irqrestore(&files->lock, irq);
	} else {
		close_files_range(files, first, last, false);
	}
	return 0;
}
