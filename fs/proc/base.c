/*
 * /proc/<pid> and /proc/<pid>/task/<tid>: directories made on lookup.
 * Each is a table of names (tgid_entries); looking one up makes an
 * uncached dentry and an inode that names the process by pid (see
 * internal.h), so nothing here is created at fork or removed at exit.
 * Linnet has one thread per process, so task/ holds the one tid, equal
 * to the pid, with the same files minus task/.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/err.h>
#include <linux-ish/errno.h>
#include <linux-ish/fs.h>
#include <linux-ish/mm.h>
#include <linux-ish/mount.h>
#include <linux-ish/oom.h>
#include <linux-ish/slab.h>
#include <linux-ish/string.h>
#include <linux-ish/posix-timers.h>
#include <linux-ish/pid.h>
#include "internal.h"

/* The @len bytes at @start of @p's memory, as they are (cmdline, environ). */
static void show_vm_range(struct seq_buf *m, struct task_struct *p, bool env)
{
	struct mm_struct *mm = get_task_mm(p);
	unsigned long start, end;

	if (!mm)
		return;
	start = env ? mm->env_start : mm->arg_start;
	end = env ? mm->env_end : mm->arg_end;
	if (end - start >= m->size) {
		m->overflow = true;	/* proc_generate tries a bigger buffer */
	} else {
		mutex_lock(&mm->mmap_lock);	/* open() holds no mmap_lock: safe for self too */
		m->len = read_remote_vm(mm, start, m->buf, end - start);
		mutex_unlock(&mm->mmap_lock);
	}
	mmput(mm);
}

/* The argument strings, NUL-separated, as they are in the process's memory. */
static void show_cmdline(struct seq_buf *m, struct task_struct *p)
{
	show_vm_range(m, p, false);
}

static void show_environ(struct seq_buf *m, struct task_struct *p)
{
	show_vm_range(m, p, true);
}

/* make-it-fail: 1 puts the task under task-filtered fault injection. */
static void show_make_it_fail(struct seq_buf *m, struct task_struct *p)
{
	seq_printf(m, "%d\n", p->make_it_fail);
}

/* comm: the task's name (read-only in Linnet; Linux lets its process write it). */
static void show_comm(struct seq_buf *m, struct task_struct *p)
{
	seq_printf(m, "%s\n", p->comm);
}

static int write_make_it_fail(struct task_struct *p, const char *buf)
{
	long v;

	if (kstrtol(buf, 0, &v))
		return -EINVAL;
	if (v < 0 || v > 1)
		return -EINVAL;
	p->make_it_fail = v;
	return 0;
}

/* The mount table from the process's root (empty once it has exited). */
static void show_pid_mounts(struct seq_buf *m, struct task_struct *p)
{
	if (p->fs->root.mnt)
		show_mounts(m, &p->fs->root);
}

static void show_pid_mountinfo(struct seq_buf *m, struct task_struct *p)
{
	if (p->fs->root.mnt)
		show_mountinfo(m, &p->fs->root);
}

/*
 * cwd and root: the task's own paths, referenced.  -ENOENT once it
 * exited.  A kernel thread has none of its own: Linux's share init_fs,
 * whose root and cwd are the root of the tree (init_root here).
 */
static int proc_fs_path(struct dentry *link, struct path *path, bool root)
{
	struct task_struct *p = proc_task(link->d_inode);
	const struct path *from = !p ? NULL : root ? &p->fs->root : &p->fs->pwd;

	if (p && (p->flags & PF_KTHREAD) && !from->mnt)
		from = &init_root;

	if (!from || !from->mnt)
		return -ENOENT;
	*path = *from;
	path_get(path);
	return 0;
}

static int proc_cwd_get_path(struct dentry *link, struct path *path)
{
	return proc_fs_path(link, path, false);
}

static int proc_root_get_path(struct dentry *link, struct path *path)
{
	return proc_fs_path(link, path, true);
}

/*
 * exe: the file mapped at the program's text (Linnet keeps no exe_file
 * in the mm; the VMA at start_code is what exec mapped from the file).
 */
static int proc_exe_get_path(struct dentry *link, struct path *path)
{
	struct task_struct *p = proc_task(link->d_inode);
	struct mm_struct *mm = p ? get_task_mm(p) : NULL;
	struct vm_area_struct *vma;
	int err = -ENOENT;

	if (!mm)
		return -ENOENT;
	mutex_lock(&mm->mmap_lock);
	vma = find_vma(mm, mm->start_code);
	if (vma && vma->vm_start <= mm->start_code && vma->vm_file) {
		*path = vma->vm_file->f_path;
		path_get(path);
		err = 0;
	}
	mutex_unlock(&mm->mmap_lock);
	mmput(mm);
	return err;
}

static const struct inode_operations proc_cwd_iops = { .get_path = proc_cwd_get_path };
static const struct inode_operations proc_root_link_iops = { .get_path = proc_root_get_path };
static const struct inode_operations proc_exe_iops = { .get_path = proc_exe_get_path };

static const struct inode_operations proc_task_iops;
static const struct file_operations proc_task_fops;

/* Everything in /proc/<pid>; task/ must stay last (task/<tid> has the rest). */
static const struct pid_entry tgid_entries[] = {
	PE_FILE("cmdline", 0444, show_cmdline),
	PE_FILE("comm", 0444, show_comm),
	PE_LINK("cwd", &proc_cwd_iops),
	PE_FILE("environ", 0400, show_environ),
	PE_LINK("exe", &proc_exe_iops),
	PE_DIR("fd", &proc_fd_iops, &proc_fd_fops),
	PE_DIR("fdinfo", &proc_fdinfo_iops, &proc_fdinfo_fops),
	PE_RW("make-it-fail", show_make_it_fail, write_make_it_fail),
	{ .name = "map_files", .mode = S_IFDIR | 0500, .iop = &proc_map_files_iops,
	  .fop = &proc_map_files_fops },
	PE_FILE("maps", 0444, proc_show_maps),
	PE_FOPS("mem", 0600, &proc_mem_ops),
	PE_FILE("mountinfo", 0444, show_pid_mountinfo),
	PE_FILE("mounts", 0444, show_pid_mounts),
	PE_RW("oom_adj", proc_oom_adj_show, proc_oom_adj_write),
	PE_FILE("oom_score", 0444, proc_oom_score_show),
	PE_RW("oom_score_adj", proc_oom_score_adj_show, proc_oom_score_adj_write),
	PE_FOPS("pagemap", 0400, &proc_pagemap_ops),
	PE_LINK("root", &proc_root_link_iops),
	PE_FILE("smaps", 0444, proc_show_smaps),
	PE_FILE("smaps_rollup", 0444, proc_show_smaps_rollup),
	PE_FILE("stat", 0444, proc_show_stat),
	PE_FILE("statm", 0444, proc_show_statm),
	PE_FILE("status", 0444, proc_show_status),
	PE_AT_READ("syscall", 0400, proc_show_syscall),
	PE_FILE("wchan", 0444, proc_show_wchan),
	PE_FILE("timers", 0444, proc_show_timers),
	PE_DIR("task", &proc_task_iops, &proc_task_fops),
};

#define NR_TGID_ENTRIES	ARRAY_SIZE(tgid_entries)
#define NR_TID_ENTRIES	(NR_TGID_ENTRIES - 1)

/* hidepid=1 and up: the contents only for who may see the process. */
static int proc_pid_access(struct inode *dir)
{
	struct task_struct *p = proc_task(dir);

	if (!p)
		return -ENOENT;
	return proc_pid_visible(dir->i_sb, p, HIDEPID_NO_ACCESS) ? 0 : -EPERM;
}

static int proc_tgid_lookup(struct inode *dir, struct dentry *dentry)
{
	int err = proc_pid_access(dir);

	if (err)
		return err;
	return proc_table_lookup(dentry, PROC_I(dir)->pid, tgid_entries, NR_TGID_ENTRIES);
}

static int proc_tgid_readdir(struct file *f, struct dir_context *ctx)
{
	int err = proc_pid_access(f->f_inode);

	if (err)
		return err;
	return proc_table_readdir(f, ctx, tgid_entries, NR_TGID_ENTRIES);
}

static int proc_tid_lookup(struct inode *dir, struct dentry *dentry)
{
	if (!proc_task(dir))
		return -ENOENT;
	return proc_table_lookup(dentry, PROC_I(dir)->pid, tgid_entries, NR_TID_ENTRIES);
}

static int proc_tid_readdir(struct file *f, struct dir_context *ctx)
{
	return proc_table_readdir(f, ctx, tgid_entries, NR_TID_ENTRIES);
}

static const struct inode_operations proc_tgid_iops = { .lookup = proc_tgid_lookup };
static const struct file_operations proc_tgid_fops = {
	.iterate = proc_tgid_readdir,
	.llseek = generic_file_llseek,
};
static const struct inode_operations proc_tid_iops = { .lookup = proc_tid_lookup };
static const struct file_operations proc_tid_fops = {
	.iterate = proc_tid_readdir,
	.llseek = generic_file_llseek,
};

/* The directory of process @pid as @dentry, with @iop/@fop.  0 or -errno. */
static int proc_pid_instantiate(struct dentry *dentry, pid_t pid,
				const struct inode_operations *iop,
				const struct file_operations *fop)
{
	struct inode *inode = proc_make_inode(dentry, S_IFDIR | 0555, pid);

	if (!inode)
		return -ENOMEM;
	inode->i_op = iop;
	inode->i_fop = fop;
	inode->i_nlink = 2 + 4;		/* ".", its name, fd/, fdinfo/, map_files/, task/ */
	return 0;
}

/* task/<tid>: a thread of the process (the directory's pid names one of its threads). */
static int proc_task_lookup(struct inode *dir, struct dentry *dentry)
{
	struct task_struct *p = proc_find_task(PROC_I(dir)->pid);
	long tid = proc_name_number(dentry->d_name);
	struct task_struct *t = tid > 0 ? proc_find_task(tid) : NULL;

	if (!p || !t || t->signal != p->signal)
		return -ENOENT;
	return proc_pid_instantiate(dentry, tid, &proc_tid_iops, &proc_tid_fops);
}

/*
 * The thread at index @i (0: the leader's list position first) of @p's
 * group that /proc knows, by the order of the thread list; NULL past the end.
 */
static struct task_struct *proc_nth_thread(struct task_struct *p, loff_t i)
{
	struct task_struct *t;

	for_each_thread(p, t)
		if (t->exit_state != EXIT_DEAD && !i--)
			return t;
	return NULL;
}

static int proc_task_readdir(struct file *f, struct dir_context *ctx)
{
	struct task_struct *p = proc_find_task(PROC_I(f->f_inode)->pid), *t;
	char name[16];

	if (!p)
		return -ENOENT;
	if (!dir_emit_dots(f, ctx))
		return 0;
	while ((t = proc_nth_thread(p, ctx->pos - 2))) {
		snprintf(name, sizeof(name), "%d", t->pid);
		if (!dir_emit(ctx, name, f->f_inode->i_ino + 1 + t->pid, DT_DIR))
			return 0;
	}
	return 0;
}

static const struct inode_operations proc_task_iops = { .lookup = proc_task_lookup };
static const struct file_operations proc_task_fops = {
	.iterate = proc_task_readdir,
	.llseek = generic_file_llseek,
};

/* /proc/<pid>, if process <pid> exists. */
int proc_pid_lookup(struct dentry *dentry)
{
	long pid = proc_name_number(dentry->d_name);
	struct task_struct *p = pid > 0 ? proc_find_task(pid) : NULL;

	int err;

	if (!p || !proc_pid_visible(dentry->d_sb, p, HIDEPID_INVISIBLE))
		return -ENOENT;
	err = proc_pid_instantiate(dentry, pid, &proc_tgid_iops, &proc_tgid_fops);
	if (!err)
		PROC_I(dentry->d_inode)->start_time = p->start_time;
	return err;
}

/*
 * For pidfd_send_signal on a /proc/<pid> descriptor (Linux's
 * tgid_pidfd_to_pid): the number of the process @f's directory named
 * when it was looked up, and that process's start time (a process given
 * the number later started later), or 0 if @f is no /proc/<pid>.
 */
int proc_tgid_file_nr(const struct file *f, unsigned long *start_time)
{
	if (f->f_op != &proc_tgid_fops)
		return 0;
	*start_time = PROC_I(f->f_inode)->start_time;
	return PROC_I(f->f_inode)->pid;
}

/* The pids from ctx->pos - PROC_PID_POS on, in increasing order. */
int proc_pid_readdir(struct file *f, struct dir_context *ctx)
{
	char name[16];

	for (pid_t pid = proc_next_pid(ctx->pos - PROC_PID_POS); pid;
	     pid = proc_next_pid(pid + 1)) {
		struct task_struct *p = proc_find_task(pid);

		if (!p || !proc_pid_visible(f->f_inode->i_sb, p, HIDEPID_INVISIBLE))
			continue;
		ctx->pos = PROC_PID_POS + pid;
		snprintf(name, sizeof(name), "%d", pid);
		if (!dir_emit(ctx, name, 0x40000000UL + pid, DT_DIR))
			return 0;
	}
	return 0;
}
