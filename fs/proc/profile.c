/*
 * /proc/profile: the sampling profiler's counters (kernel/profile.c),
 * present only when profile= turned profiling on, as on Linux.  Mode
 * 0644: anyone reads, root resets.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/fs.h>
#include <linux-ish/profile.h>
#include "internal.h"

static ssize_t proc_profile_read(struct file *f, char __user *buf, size_t count, loff_t *pos)
{
	return profile_read(buf, count, pos);
}

static ssize_t proc_profile_write(struct file *f, const char __user *buf, size_t count,
				  loff_t *pos)
{
	return profile_write(buf, count);
}

static const struct file_operations proc_profile_ops = {
	.read = proc_profile_read,
	.write = proc_profile_write,
	.llseek = generic_file_llseek,
};

void proc_profile_init(struct dentry *proc)
{
	if (profile_enabled())
		proc_create_fops(proc, "profile", 0644, &proc_profile_ops);
}
