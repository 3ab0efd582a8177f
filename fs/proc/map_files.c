/*
 * /proc/<pid>/map_files/: one magic link per VMA that has a file
 * (vm_file), named "start-end" in lowercase hex without "0x", as Linux's.
 * The link leads to the mapped file's path; readlink shows it.
 *
 * Access, as Linux 6.1: listing the directory or looking a name up needs
 * ptrace read access to the process (EACCES otherwise); following a link
 * (open through it) needs CAP_SYS_ADMIN or CAP_CHECKPOINT_RESTORE
 * (EPERM), readlink only the lookup's access.  A name parses as Linux's
 * dname_to_vma_addr does: hex digits of either case, no leading zero
 * (but "0" itself), nothing else around them, no overflow.
 *
 * The inode keeps only the range: every use finds the VMA again under
 * mmap_lock, so a link whose mapping went away gives ENOENT.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/cred.h>
#include <linux-ish/errno.h>
#include <linux-ish/fs.h>
#include <linux-ish/mm.h>
#include <linux-ish/ptrace.h>
#include <linux-ish/slab.h>
#include <linux-ish/string.h>
#include "internal.h"

static int hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* One hex number up to @stop (or the end): no sign, no leading zero, no overflow. */
static const char *parse_hex(const char *s, char stop, unsigned long *val)
{
	unsigned long v = 0;
	const char *start = s;

	if (s[0] == '0' && s[1] && s[1] != stop)
		return NULL;
	for (; *s && *s != stop; s++) {
		int d = hex_digit(*s);

		if (d < 0 || v > (ULONG_MAX >> 4))
			return NULL;
		v = (v << 4) | d;
	}
	if (s == start)
		return NULL;
	*val = v;
	return s;
}

/* "start-end" as Linux's dname_to_vma_addr.  0 or -ENOENT. */
static int parse_range(const char *name, unsigned long *start, unsigned long *end)
{
	const char *s = parse_hex(name, '-', start);

	if (!s || *s != '-')
		return -ENOENT;
	s = parse_hex(s + 1, '\0', end);
	return s && !*s ? 0 : -ENOENT;
}

/*
 * The VMA exactly [start, end) of @p's mm, with its file referenced into
 * *@file (the f_mode too, for the inode's mode).  0, -ENOENT or -EACCES.
 */
static int map_file_get(struct task_struct *p, unsigned long start, unsigned long end,
			struct file **file)
{
	struct mm_struct *mm;
	struct vm_area_struct *vma;
	int err = -ENOENT;

	if (!ptrace_may_access(p, PTRACE_MODE_READ))
		return -EACCES;
	mm = get_task_mm(p);
	if (!mm)
		return -ENOENT;
	mutex_lock(&mm->mmap_lock);
	vma = find_vma(mm, start);
	if (vma && vma->vm_start == start && vma->vm_end == end && vma->vm_file) {
		*file = get_file(vma->vm_file);
		err = 0;
	}
	mutex_unlock(&mm->mmap_lock);
	mmput(mm);
	return err;
}

static int map_files_link_get_path(struct dentry *link, struct path *path)
{
	struct proc_inode *pi = PROC_I(link->d_inode);
	struct task_struct *p = proc_task(link->d_inode);
	struct file *f;
	int err;

	if (!p)
		return -ENOENT;
	err = map_file_get(p, pi->vm_start, pi->vm_end, &f);
	if (err)
		return err;
	*path = f->f_path;
	path_get(path);
	fput(f);
	return 0;
}

/* Following (not readlink) needs Linux's checkpoint_restore_ns_capable(). */
static int map_files_may_follow(struct dentry *link)
{
	return capable(CAP_SYS_ADMIN) || capable(CAP_CHECKPOINT_RESTORE) ? 0 : -EPERM;
}

static const struct inode_operations map_files_link_iops = {
	.get_path = map_files_link_get_path,
	.may_follow = map_files_may_follow,
};

static int map_files_lookup(struct inode *dir, struct dentry *dentry)
{
	struct task_struct *p = proc_task(dir);
	unsigned long start, end;
	struct inode *inode;
	struct file *f;
	umode_t mode;
	int err;

	if (!p)
		return -ENOENT;
	if (!ptrace_may_access(p, PTRACE_MODE_READ))
		return -EACCES;
	if (parse_range(dentry->d_name, &start, &end))
		return -ENOENT;
	err = map_file_get(p, start, end, &f);
	if (err)
		return err;
	mode = S_IFLNK | ((f->f_mode & FMODE_READ) ? 0400 : 0) |
	       ((f->f_mode & FMODE_WRITE) ? 0200 : 0);
	fput(f);
	inode = proc_make_inode(dentry, mode, PROC_I(dir)->pid);
	if (!inode)
		return -ENOMEM;
	inode->i_op = &map_files_link_iops;
	PROC_I(inode)->vm_start = start;
	PROC_I(inode)->vm_end = end;
	return 0;
}

/*
 * The VMAs with a file from position ctx->pos - 2 on (position 2 + n for
 * the n-th such VMA).  The names are collected under mmap_lock first:
 * dir_emit copies to the user and may fault on this very mm.
 */
static int map_files_readdir(struct file *file, struct dir_context *ctx)
{
	struct task_struct *p = proc_task(file->f_inode);
	struct vm_area_struct *vma;
	struct mm_struct *mm;
	unsigned long (*ranges)[2];
	unsigned int n = 0, max;
	char name[32];
	int err = 0;

	if (!p)
		return -ENOENT;
	if (!ptrace_may_access(p, PTRACE_MODE_READ))
		return -EACCES;
	if (!dir_emit_dots(file, ctx))
		return 0;
	mm = get_task_mm(p);
	if (!mm)
		return 0;
	mutex_lock(&mm->mmap_lock);
	max = mm->map_count;
	ranges = max ? kmalloc(max * sizeof(*ranges), GFP_KERNEL) : NULL;
	if (max && !ranges) {
		err = -ENOMEM;
	} else {
		list_for_each_entry(vma, &mm->mmap_list, vm_list) {
			if (!vma->vm_file || n >= max)
				continue;
			ranges[n][0] = vma->vm_start;
			ranges[n][1] = vma->vm_end;
			n++;
		}
	}
	mutex_unlock(&mm->mmap_lock);
	mmput(mm);
	for (unsigned int i = ctx->pos - 2; !err && i < n; i++) {
		snprintf(name, sizeof(name), "%lx-%lx", ranges[i][0], ranges[i][1]);
		if (!dir_emit(ctx, name, 0x10000000UL + i, DT_LNK))
			break;
	}
	kfree(ranges);
	return err;
}

const struct inode_operations proc_map_files_iops = { .lookup = map_files_lookup };
const struct file_operations proc_map_files_fops = {
	.iterate = map_files_readdir,
	.llseek = generic_file_llseek,
};
