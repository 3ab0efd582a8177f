/*
 * procfs: /proc, the kernel's state as files.  A text file's contents
 * are generated when it is opened (a snapshot), by a show function
 * writing into a seq_buf.  /proc/<pid>/ is made on lookup from the task
 * list (fs/proc/internal.h): nothing is created at fork or exit.
 */
#ifndef _LINUX_ISH_PROC_FS_H
#define _LINUX_ISH_PROC_FS_H

#include <linux-ish/types.h>

struct task_struct;

struct seq_buf {
	char *buf;
	size_t size, len;
	bool overflow;
	bool consumed;		/* procfs: read from; a read at offset 0 regenerates it */
};

__printf(2, 3) void seq_printf(struct seq_buf *m, const char *fmt, ...);
void seq_putc(struct seq_buf *m, char c);

/* @p is the process of /proc/<pid>, or NULL for the global files. */
typedef void (*proc_show_t)(struct seq_buf *m, struct task_struct *p);
/* Takes one written value (NUL-terminated, trailing white space gone);
 * 0 or -errno. */
typedef int (*proc_write_t)(struct task_struct *p, const char *buf);

/*
 * Kernel attribute files outside /proc (debugfs) use the same machinery
 * with a data pointer instead of a task.
 */
typedef void (*attr_show_t)(struct seq_buf *m, void *data);
typedef int (*attr_write_t)(void *data, const char *buf);
struct dentry;
/* An immutable file @name in @dir; @write may be NULL.  0 or -errno. */
int attr_file_create(struct dentry *dir, const char *name, unsigned int mode,
		     attr_show_t show, attr_write_t write, void *data);

/* arch: /proc/cpuinfo's text. */
void arch_show_cpuinfo(struct seq_buf *m);

void proc_init(void);
/* fs/debugfs.c: /sys/kernel/debug and its fault-injection knobs. */
void debugfs_init(void);
struct dentry *debugfs_create_dir(const char *name, struct dentry *parent);
void fault_around_debugfs(struct dentry *root);	/* mm/fault_around.c */
void mqueue_init(void);		/* ipc/mqueue.c */

#endif
