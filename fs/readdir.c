/*
 * getdents64 and getdents: list a directory as struct linux_dirent64
 * records, or (getdents, 141) the older struct linux_dirent ones with
 * 32-bit fields and the type in the record's last byte, as many as fit
 * in the caller's buffer.  The file position is the directory's: for a
 * RAM tree a count (0 is ".", 1 is "..", 2 + i after i entries), with
 * the place itself kept by a cursor dentry in the child list, so each
 * call resumes in O(1) and entries present throughout are listed
 * exactly once whatever else is created or removed meanwhile (as
 * Linux's dcache_readdir); a directory with f_op->iterate (procfs)
 * numbers its entries its own way.  Each record's d_off is the position
 * after it.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/errno.h>
#include <linux-ish/fdtable.h>
#include <linux-ish/fs.h>
#include <linux-ish/mm.h>
#include <linux-ish/sched.h>
#include <linux-ish/string.h>
#include <linux-ish/syscalls.h>
#include <linux-ish/uaccess.h>

/*
 * A directory entry's d_type: the DT_* values are the S_IFMT bits shifted
 * down (DT_FIFO 1, DT_CHR 2, DT_DIR 4, DT_BLK 6, DT_REG 8, DT_LNK 10,
 * DT_SOCK 12), as Linux reports every type.
 */
static inline unsigned char umode_to_dtype(umode_t mode)
{
	return (mode & S_IFMT) >> 12;
}

unsigned char fs_umode_to_dtype(umode_t mode)
{
	return umode_to_dtype(mode);
}

/* Where getdents64 puts records: the caller's buffer. */
struct getdents_ctx {
	struct dir_context ctx;
	char __user *buf;
	size_t room, done;
	int err;			/* -EFAULT from a record */
	bool full;			/* a record did not fit */
	bool old;			/* getdents: struct linux_dirent */
};

/* A record's length: head, name, NUL, padding to 8 bytes. */
static size_t dirent64_reclen(size_t namelen)
{
	return ALIGN(sizeof(struct linux_dirent64_head) + namelen + 1, 8);
}

/*
 * Puts one record together at @rec; returns its length.  The NUL and
 * the padding (1 to 8 bytes) all lie in the record's last 8 bytes,
 * which are zeroed before the head and the name go in.
 */
static size_t fill_dirent64(char *rec, const char *name, size_t namelen, unsigned long ino,
			    unsigned char type, loff_t next)
{
	size_t reclen = dirent64_reclen(namelen);
	struct linux_dirent64_head h = {
		.d_ino = ino, .d_off = next, .d_reclen = reclen, .d_type = type,
	};

	char *to = rec + sizeof(h);

	__builtin_memset(rec + reclen - 8, 0, 8);
	__builtin_memcpy(rec, &h, sizeof(h));
	/* rep movsb: a short name in a few instructions, no call */
	__asm__ __volatile__("rep movsb" : "+D"(to), "+S"(name), "+c"(namelen) : : "memory");
	return reclen;
}

/*
 * Copies one record; returns its length, 0 if it does not fit, or
 * -EFAULT.  The record is put together here and copied out at once:
 * one user copy per entry instead of three (head, name, padding).
 */
static long put_dirent(char __user *buf, size_t room, const char *name,
		       unsigned long ino, unsigned char type, loff_t next)
{
	size_t namelen = strlen(name);
	char rec[sizeof(struct linux_dirent64_head) + NAME_MAX + 1 + 7] __aligned(8);

	if (dirent64_reclen(namelen) > room)
		return 0;
	fill_dirent64(rec, name, namelen, ino, type, next);
	return copy_to_user(buf, rec, dirent64_reclen(namelen)) ? -EFAULT :
	       (long)dirent64_reclen(namelen);
}

/*
 * One old-style record (4-byte aligned: head, name, NUL, padding, type);
 * its length, 0 if it does not fit, -EOVERFLOW for an inode number past
 * 32 bits, or -EFAULT.
 */
static long put_dirent_old(char __user *buf, size_t room, const char *name,
			   unsigned long ino, unsigned char type, loff_t next)
{
	size_t namelen = strlen(name);
	size_t reclen = ALIGN(sizeof(struct linux_dirent_head) + namelen + 2, sizeof(long));
	struct linux_dirent_head h = { ino, (unsigned long)next, (unsigned short)reclen };
	char tail[8] = { 0 };		/* NUL, padding, and the type last */

	if (reclen > room)
		return 0;
	tail[reclen - sizeof(h) - namelen - 1] = type;
	if (copy_to_user(buf, &h, sizeof(h)) ||
	    copy_to_user(buf + sizeof(h), name, namelen) ||
	    copy_to_user(buf + sizeof(h) + namelen, tail, reclen - sizeof(h) - namelen))
		return -EFAULT;
	return reclen;
}

/* The actor: one record at ctx->pos, or false once the buffer is full. */
static bool filldir64(struct dir_context *ctx, const char *name, unsigned long ino,
		      unsigned int type)
{
	struct getdents_ctx *g = container_of(ctx, struct getdents_ctx, ctx);
	long n = (g->old ? put_dirent_old : put_dirent)(g->buf + g->done, g->room - g->done,
							 name, ino, type, ctx->pos + 1);

	if (n <= 0) {
		g->err = n;
		g->full = !n;
		return false;
	}
	g->done += n;
	return true;
}

/* The first entry after @pos in @dir's d_subdirs that names something, or NULL. */
static inline struct dentry *next_positive(struct dentry *dir, struct list_head *pos)
{
	for (pos = pos->next; pos != &dir->d_subdirs; pos = pos->next) {
		struct dentry *d = list_entry(pos, struct dentry, d_child);

		if (d->d_inode)
			return d;
	}
	return NULL;
}

/* The @i-th child of @dir that names something (from 0), or NULL. */
static struct dentry *nth_child(struct dentry *dir, loff_t i)
{
	struct dentry *d = next_positive(dir, &dir->d_subdirs);

	for (; d && i > 0; i--)
		d = next_positive(dir, &d->d_child);
	return d;
}

/* Emits @d; false once the buffer is full. */
static bool emit_dentry(struct dir_context *ctx, struct dentry *d)
{
	return dir_emit(ctx, d->d_name, d->d_inode->i_ino, fs_umode_to_dtype(d->d_inode->i_mode));
}

/*
 * The d_subdirs of a dentry from ctx->pos - 2 on, counted from the
 * start (procfs lists them before its pids; its directories are small).
 * False if the buffer filled first.
 */
bool dcache_readdir_children(struct dentry *dir, struct dir_context *ctx)
{
	struct dentry *d = nth_child(dir, ctx->pos - 2);

	for (; d; d = next_positive(dir, &d->d_child))
		if (!emit_dentry(ctx, d))
			return false;
	return true;
}

/* "." and "..", if ctx->pos is still before them.  False once the buffer is full. */
bool dir_emit_dots(struct file *f, struct dir_context *ctx)
{
	struct dentry *dir = f->f_path.dentry;

	if (ctx->pos == 0 && !dir_emit(ctx, ".", dir->d_inode->i_ino, DT_DIR))
		return false;
	if (ctx->pos == 1 && !dir_emit(ctx, "..", dir->d_parent->d_inode->i_ino, DT_DIR))
		return false;
	return true;
}

/*
 * A RAM tree's directory opened: its file keeps a cursor dentry in
 * d_subdirs, just before the next entry to list.  0 or -ENOMEM.
 */
int dcache_dir_open(struct inode *inode, struct file *f)
{
	struct dentry *cursor = d_alloc_cursor(f->f_path.dentry);

	if (!cursor)
		return -ENOMEM;
	f->private_data = cursor;
	return 0;
}

int dcache_dir_close(struct inode *inode, struct file *f)
{
	d_free_cursor(f->private_data);
	return 0;
}

/*
 * lseek on a RAM directory, as Linux's dcache_dir_lseek: SEEK_SET or
 * SEEK_CUR to a position >= 0 (EINVAL otherwise, SEEK_END too); a new
 * position puts the cursor after the (pos - 2)-th entry counted from
 * the start, so seekdir() to a telldir() value comes back to the same
 * place unless entries before it were removed or added meanwhile.
 */
loff_t dcache_dir_lseek(struct file *f, loff_t offset, int whence)
{
	struct dentry *dir = f->f_path.dentry, *cursor = f->private_data, *d;

	if (whence == SEEK_CUR)
		offset += f->f_pos;
	else if (whence != SEEK_SET)
		return -EINVAL;
	if (offset < 0)
		return -EINVAL;
	if (offset == f->f_pos)
		return offset;
	f->f_pos = offset;
	if (offset <= 2) {
		list_move(&cursor->d_child, &dir->d_subdirs);
		return offset;
	}
	d = nth_child(dir, offset - 3);
	if (d)
		list_move(&cursor->d_child, &d->d_child);
	else
		list_move_tail(&cursor->d_child, &dir->d_subdirs);	/* past the end */
	return offset;
}

/*
 * Changes whenever the task may have slept or a page fault ran (which
 * may allocate, and an allocation may reclaim unused dentries): while it
 * stays the same, nothing but this task touched the dcache (one CPU, a
 * non-preemptible kernel, IRQ handlers never touch dentries).
 */
static unsigned long sleep_or_fault_events(void)
{
	return current->nr_switches + vm_events.pgfault;
}

#define READDIR_STAGE	512		/* bytes of records per user copy */
#define READDIR_RETRIES	4		/* batches redone after a fault, per call */

/* What readdir_batch() says. */
enum batch_result {
	BATCH_DONE,			/* the end, or the caller's buffer is full */
	BATCH_MORE,			/* a batch went out; more may follow */
	BATCH_AGAIN,			/* the copy faulted or slept: nothing counted, redo */
	BATCH_SLOW,			/* the copy failed: go entry by entry */
};

/*
 * getdents64 from the cursor, a batch at a time: records for the
 * entries after the cursor are put together on the stack, copied out
 * at once, and the cursor moves past the batch's last entry.  Nothing
 * can sleep while the batch is made, so no entry needs a reference.  If
 * the copy faulted or slept (the list may have changed meanwhile), the
 * batch does not count (its bytes beyond the returned length are
 * garbage the caller ignores) and is made again: the pages it faulted
 * in are there now (a fresh malloc'ed buffer faults once per page).  If
 * the copy failed, the entry-by-entry path finds which record could not
 * be written.  Per entry this is about a third of the entry-by-entry
 * path's instructions (a reference taken and dropped, the cursor moved,
 * a copy each).
 */
static enum batch_result readdir_batch(struct dentry *dir, struct dentry *cursor,
				       struct getdents_ctx *g)
{
	char stage[READDIR_STAGE] __aligned(8);
	size_t used = 0, room = g->room - g->done;
	loff_t pos0 = g->ctx.pos;
	struct dentry *d, *last = NULL;
	unsigned long events;

	for (d = next_positive(dir, &cursor->d_child); d; d = next_positive(dir, &d->d_child)) {
		size_t reclen = dirent64_reclen(d->d_len);

		if (used + reclen > room) {
			g->full = true;
			break;
		}
		if (used + reclen > sizeof(stage))
			break;
		used += fill_dirent64(stage + used, d->d_name, d->d_len, d->d_inode->i_ino,
				      umode_to_dtype(d->d_inode->i_mode), g->ctx.pos + 1);
		g->ctx.pos++;
		last = d;
	}
	if (!last)
		return BATCH_DONE;
	events = sleep_or_fault_events();
	if (copy_to_user(g->buf + g->done, stage, used)) {
		g->ctx.pos = pos0;
		g->full = false;
		return BATCH_SLOW;
	}
	if (sleep_or_fault_events() != events) {
		g->ctx.pos = pos0;
		g->full = false;
		return BATCH_AGAIN;
	}
	list_move(&cursor->d_child, &last->d_child);
	g->done += used;
	return d && !g->full ? BATCH_MORE : BATCH_DONE;
}

/*
 * The children from the cursor on.  The cursor moves past each entry
 * once it is in the buffer.  An entry that left its place while its
 * record was being copied (a fault may sleep: unlinked, or renamed to
 * the head) leaves the cursor where it was, which is then just before
 * the entry that followed it.  So an entry present from the first call
 * to the last is listed exactly once, however many others come and go;
 * one created meanwhile is not (creates go to the head of the list,
 * behind every cursor that has started, as Linux's), so the listing
 * ends however fast others create.  getdents64 goes a batch at a time
 * (readdir_batch) unless a copy fails or keeps faulting.
 */
static void dcache_readdir_cursor(struct dentry *dir, struct dentry *cursor,
				  struct dir_context *ctx)
{
	struct getdents_ctx *g = container_of(ctx, struct getdents_ctx, ctx);
	struct dentry *d;

	if (ctx->actor == filldir64 && !g->old) {
		int retries = 0;

		for (;;) {
			enum batch_result r = readdir_batch(dir, cursor, g);

			if (r == BATCH_DONE)
				return;
			if (r == BATCH_SLOW || (r == BATCH_AGAIN && ++retries > READDIR_RETRIES))
				break;
		}
	}
	while ((d = next_positive(dir, &cursor->d_child))) {
		bool ok;

		dget(d);
		ok = emit_dentry(ctx, d);
		if (ok && next_positive(dir, &cursor->d_child) == d)
			list_move(&cursor->d_child, &d->d_child);
		dput(d);
		if (!ok)
			break;
	}
}

/* A RAM tree's directory: the dots, then the child list in order. */
static int dcache_readdir(struct file *f, struct dir_context *ctx)
{
	if (!dir_emit_dots(f, ctx))
		return 0;
	if (f->f_op && f->f_op->release == dcache_dir_close)	/* opened with a cursor (ext2 too) */
		dcache_readdir_cursor(f->f_path.dentry, f->private_data, ctx);
	else
		dcache_readdir_children(f->f_path.dentry, ctx);
	return 0;
}

static long do_getdents(int fd, char __user *buf, unsigned int count, bool old)
{
	struct getdents_ctx g = { .ctx.actor = filldir64, .buf = buf, .room = count, .old = old };
	struct file *f;
	int err;

	f = fget(fd);
	if (!f)
		return -EBADF;
	if (!S_ISDIR(f->f_inode->i_mode)) {
		fput(f);
		return -ENOTDIR;
	}
	g.ctx.pos = f->f_pos;
	err = f->f_op && f->f_op->iterate ? f->f_op->iterate(f, &g.ctx) :
	      dcache_readdir(f, &g.ctx);
	f->f_pos = g.ctx.pos;
	fput(f);
	if (g.done)
		return g.done;
	if (err || g.err)
		return err ? err : g.err;
	return g.full ? -EINVAL : 0;	/* -EINVAL: not even one record fits */
}

SYSCALL_DEFINE3(getdents64, int, fd, char __user *, buf, unsigned int, count)
{
	return do_getdents(fd, buf, count, false);
}

SYSCALL_DEFINE3(getdents, int, fd, char __user *, buf, unsigned int, count)
{
	return do_getdents(fd, buf, count, true);
}
