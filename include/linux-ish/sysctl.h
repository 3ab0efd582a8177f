/*
 * Kernel tunables, shown and set through /proc/sys (fs/proc/proc_sysctl.c)
 * from the tables in kernel/sysctl.c.  Each variable lives with the code
 * that obeys it; a write is checked against the entry's bounds (EINVAL)
 * before the variable changes.
 */
#ifndef _LINUX_ISH_SYSCTL_H
#define _LINUX_ISH_SYSCTL_H

#include <linux-ish/types.h>

struct seq_buf;

struct ctl_table {
	const char *procname;
	void *data;
	unsigned int maxlen;		/* strings: the buffer's size */
	unsigned int mode;		/* 0644, or 0444 for read-only */
	/* Shows the value; takes a written one (NUL-terminated, trimmed).  0 or -errno. */
	void (*show)(struct seq_buf *m, const struct ctl_table *t);
	int (*store)(const struct ctl_table *t, const char *buf);
	long min, max;			/* integers: the accepted range */
};

/* The handlers of the common kinds. */
void sysctl_show_int(struct seq_buf *m, const struct ctl_table *t);
int sysctl_store_int(const struct ctl_table *t, const char *buf);
void sysctl_show_ulong(struct seq_buf *m, const struct ctl_table *t);
int sysctl_store_ulong(const struct ctl_table *t, const char *buf);
void sysctl_show_string(struct seq_buf *m, const struct ctl_table *t);
int sysctl_store_string(const struct ctl_table *t, const char *buf);
/* fs/dcache_lru.c: /proc/sys/fs/dentry-state. */
void dentry_state_show(struct seq_buf *m, const struct ctl_table *t);

/*
 * kernel/sysctl.c: /proc/sys/<dir>/ tables, each ending with a NULL
 * procname; a <dir> "a/b" comes after the entry of its parent "a".
 */
struct ctl_dir {
	const char *name;
	const struct ctl_table *table;
};
extern const struct ctl_dir sysctl_dirs[];
extern const struct ctl_table seccomp_sysctl_table[];	/* kernel/seccomp_info.c */

/* The tunables, each defined by the code that obeys it. */
extern unsigned long mmap_min_addr;		/* mm/mmap.c: vm.mmap_min_addr */
extern int sysctl_max_map_count;		/* mm/mmap.c: vm.max_map_count */
extern int pid_max;				/* kernel/fork.c: kernel.pid_max */
extern char init_hostname[65];			/* kernel/sys.c: kernel.hostname */
extern char init_domainname[65];		/* kernel/utsname.c: kernel.domainname */
extern unsigned long tainted_mask;		/* kernel/panic.c: kernel.tainted */
extern int sysctl_overcommit_memory;		/* mm/commit.c: vm.overcommit_* */
extern int sysctl_overcommit_ratio;
extern unsigned long sysctl_overcommit_kbytes;
extern unsigned long sysctl_user_reserve_kbytes;
int sysctl_store_overcommit_ratio(const struct ctl_table *t, const char *buf);
int sysctl_store_overcommit_kbytes(const struct ctl_table *t, const char *buf);

#define TAINT_WARN	9			/* a WARN happened */
void add_taint(unsigned int flag);

#endif
