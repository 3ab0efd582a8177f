/*
 * procfs internals shared by the files of fs/proc.
 *
 * Nothing per process is stored: /proc/<pid> and everything below it is
 * made by i_op->lookup when a walk asks for a name, from the task list
 * and a static table of entries, as uncached dentries (fs/dcache.c) that
 * go at their last dput.  Such an inode names its process by pid number
 * only; every use looks the task up again (proc_find_task) and gets
 * ESRCH once it has been reaped.  The global files (meminfo, ...) are
 * ordinary dentries made once in fill_super.
 *
 * Locking: the kernel is not preemptible and runs on one CPU; a task
 * found by proc_find_task() stays valid until the caller sleeps, so
 * whatever must outlive a sleep (the mm, a file, a path) is referenced
 * first.
 */
#ifndef _FS_PROC_INTERNAL_H
#define _FS_PROC_INTERNAL_H

#include <linux-ish/fs.h>
#include <linux-ish/proc_fs.h>
#include <linux-ish/sched.h>

/* What a procfs file shows: show/write for /proc, attr_* for debugfs. */
struct proc_entry {
	proc_show_t show;
	proc_write_t write;	/* NULL: read-only */
	bool at_read;		/* shown at the first read, not at open (syscall) */
	/* fdinfo/<n>: shown with the descriptor number instead. */
	void (*show_fd)(struct seq_buf *m, struct task_struct *p, int fd);
	/* Kernel attribute files (debugfs), with a data pointer: */
	attr_show_t attr_show;
	attr_write_t attr_write;
	void *data;
};

/* One name in a directory made from a table (/proc/<pid>, task/<tid>). */
struct pid_entry {
	const char *name;
	umode_t mode;
	const struct inode_operations *iop;
	const struct file_operations *fop;	/* NULL: proc_file_ops over .show */
	struct proc_entry show;
};

#define PE_FILE(n, m, s)	{ .name = n, .mode = S_IFREG | (m), .show = { .show = s } }
#define PE_AT_READ(n, m, s)	{ .name = n, .mode = S_IFREG | (m), .show = { .show = s, .at_read = true } }
#define PE_RW(n, s, w)		{ .name = n, .mode = S_IFREG | 0644, .show = { .show = s, .write = w } }
#define PE_FOPS(n, m, f)	{ .name = n, .mode = S_IFREG | (m), .fop = f }
#define PE_DIR(n, i, f)		{ .name = n, .mode = S_IFDIR | 0555, .iop = i, .fop = f }
#define PE_LINK(n, i)		{ .name = n, .mode = S_IFLNK | 0777, .iop = i }

/* Every procfs inode; i_private is its struct proc_entry (files only). */
struct proc_inode {
	pid_t pid;		/* the process of /proc/<pid>/...; 0 for global files */
	int fd;			/* fd/<n>, fdinfo/<n> */
	unsigned long vm_start, vm_end;	/* map_files/<start>-<end> */
	unsigned long start_time;	/* /proc/<pid>: the process's, at lookup */
	struct inode vfs_inode;
};

static inline struct proc_inode *PROC_I(struct inode *inode)
{
	return container_of(inode, struct proc_inode, vfs_inode);
}

/* Positions in /proc's listing at and after which pids are listed. */
#define PROC_PID_POS	1024

/* options.c: one instance per mount, its options in sb->s_fs_info. */
#define HIDEPID_OFF		0
#define HIDEPID_NO_ACCESS	1
#define HIDEPID_INVISIBLE	2
#define HIDEPID_NOT_PTRACEABLE	4
#define PROC_OPT_HIDEPID	0x1	/* mask: the options a string named */
#define PROC_OPT_GID		0x2
#define PROC_OPT_SUBSET		0x4

struct proc_fs_info {
	int hidepid;
	gid_t gid;
	bool pidonly;		/* subset=pid */
	unsigned int mask;
};

static inline struct proc_fs_info *proc_sb_info(const struct super_block *sb)
{
	return sb->s_fs_info;
}

int proc_parse_option(struct proc_fs_info *o, const char *key, const char *val, char *msg,
		      size_t size);
int proc_parse_options(struct proc_fs_info *o, char *data);
int proc_check_option(const char *key, const char *val, bool is_string, char *msg, size_t size);
int proc_remount(struct super_block *sb, unsigned long *flags, char *data);
void proc_show_options(struct seq_buf *m, struct super_block *sb);
bool proc_pid_visible(const struct super_block *sb, struct task_struct *p, int min);

/* generic.c */
extern const struct file_operations proc_file_ops;
extern const struct file_operations proc_dir_fops;	/* llseek only */
struct task_struct *proc_find_task(pid_t pid);
/* The task an inode of /proc/<pid>/... stands for, or NULL once it is gone. */
struct task_struct *proc_task(struct inode *inode);
/* The smallest pid >= @from of a process /proc lists, or 0. */
pid_t proc_next_pid(pid_t from);
/* A new inode for @dentry standing for @pid; i_nlink 2 for directories. */
struct inode *proc_make_inode(struct dentry *dentry, umode_t mode, pid_t pid);
/* Lookup and readdir over a pid_entry table, for the directory @dir of @pid. */
int proc_table_lookup(struct dentry *dentry, pid_t pid, const struct pid_entry *table,
		      unsigned int n);
int proc_table_readdir(struct file *f, struct dir_context *ctx,
		       const struct pid_entry *table, unsigned int n);
/* Parses a decimal name without sign or leading zero; -1 if it is none. */
long proc_name_number(const char *name);

/* base.c: /proc/<pid> and /proc/<pid>/task/<tid> */
int proc_pid_lookup(struct dentry *dentry);
int proc_pid_readdir(struct file *f, struct dir_context *ctx);

/* array.c: stat, statm, status */
void proc_show_stat(struct seq_buf *m, struct task_struct *p);
void proc_show_statm(struct seq_buf *m, struct task_struct *p);
void proc_show_syscall(struct seq_buf *m, struct task_struct *p);
void proc_show_wchan(struct seq_buf *m, struct task_struct *p);
void proc_show_status(struct seq_buf *m, struct task_struct *p);

/* task_mmu.c */
void proc_show_maps(struct seq_buf *m, struct task_struct *p);
void proc_show_smaps(struct seq_buf *m, struct task_struct *p);
void proc_show_smaps_rollup(struct seq_buf *m, struct task_struct *p);
extern const struct file_operations proc_pagemap_ops;
extern const struct file_operations proc_mem_ops;

/* map_files.c */
extern const struct inode_operations proc_map_files_iops;
extern const struct file_operations proc_map_files_fops;

/* fd.c */
extern const struct inode_operations proc_fd_iops, proc_fdinfo_iops;
extern const struct file_operations proc_fd_fops, proc_fdinfo_fops;

/* page.c: /proc/kpagecount, /proc/kpageflags; loadavg.c: loadavg, cpuinfo */
void proc_page_init(struct dentry *proc);
void proc_sysinfo_init(struct dentry *proc);
/* profile.c: /proc/profile when profile= is on */
void proc_profile_init(struct dentry *proc);

/* global.c, proc_sysctl.c */
void proc_show_globals(struct dentry *proc);
/* sysvipc.c */
void proc_sysvipc_init(struct dentry *proc);
void proc_sysctl_init(struct dentry *proc);
int proc_create_global(struct dentry *dir, const char *name, proc_show_t show);
int proc_create_fops(struct dentry *dir, const char *name, umode_t mode,
		     const struct file_operations *fop);

#endif
