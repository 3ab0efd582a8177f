/*
 * /proc/sys: one directory per table of kernel/sysctl.c, one file per
 * tunable, made once when the proc instance is filled.  Reading shows the
 * value; each write() is one new value, checked by the entry (EINVAL)
 * before anything changes.  Read-only entries refuse opening for writing
 * (EACCES).
 */
#include <linux-ish/kernel.h>
#include <linux-ish/fs.h>
#include <linux-ish/string.h>
#include <linux-ish/sysctl.h>
#include "internal.h"

static void sysctl_show(struct seq_buf *m, void *data)
{
	const struct ctl_table *t = data;

	t->show(m, t);
}

static int sysctl_store(void *data, const char *buf)
{
	const struct ctl_table *t = data;

	return t->store(t, buf);
}

/* A new directory @name in @parent, or NULL. */
static struct dentry *sysctl_dir(struct dentry *parent, const char *name)
{
	struct dentry *d;

	if (ramfs_mknod(parent, name, S_IFDIR | 0555, 0, &d))
		return NULL;
	return d;
}

/* The new directory @path ("a" or "a/b", whose "a" exists) under @sys, or NULL. */
static struct dentry *sysctl_path(struct dentry *sys, const char *path)
{
	const char *slash = strchr(path, '/');
	struct dentry *parent = slash ? d_lookup(sys, path, slash - path) : sys;

	return parent ? sysctl_dir(parent, slash ? slash + 1 : path) : NULL;
}

void proc_sysctl_init(struct dentry *proc)
{
	struct dentry *sys = sysctl_dir(proc, "sys");

	for (const struct ctl_dir *dir = sysctl_dirs; sys && dir->name; dir++) {
		struct dentry *d = sysctl_path(sys, dir->name);

		for (const struct ctl_table *t = dir->table; d && t->procname; t++)
			attr_file_create(d, t->procname, t->mode, sysctl_show,
					 t->store ? sysctl_store : NULL, (void *)t);
		if (d)
			d->d_inode->i_flags |= S_IMMUTABLE;
	}
	if (sys)
		sys->d_inode->i_flags |= S_IMMUTABLE;
}
