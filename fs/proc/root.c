/*
 * The proc file system type and its root.  /proc holds the global files
 * and the links "self" and "mounts" as ordinary dentries made once in
 * fill_super; its lookup hook adds /proc/<pid> for any process that
 * exists when a walk asks (base.c), and its readdir lists the stored
 * names, then the pids in increasing order (positions PROC_PID_POS + pid).
 */
#include <linux-ish/kernel.h>
#include <linux-ish/errno.h>
#include <linux-ish/fs.h>
#include <linux-ish/mount.h>
#include <linux-ish/slab.h>
#include <linux-ish/string.h>
#include <uapi/linux-ish/magic.h>
#include "internal.h"


static struct kmem_cache *proc_inode_cachep;

static struct inode *proc_alloc_inode(struct super_block *sb)
{
	struct proc_inode *pi = kmem_cache_alloc(proc_inode_cachep, GFP_KERNEL | __GFP_ZERO);

	return pi ? &pi->vfs_inode : NULL;
}

static void proc_free_inode(struct inode *inode)
{
	kmem_cache_free(proc_inode_cachep, PROC_I(inode));
}

static const struct super_operations proc_sops = {
	.alloc_inode = proc_alloc_inode,
	.free_inode = proc_free_inode,
	.statfs = simple_statfs,
	.remount_fs = proc_remount,
	.show_options = proc_show_options,
};

static int proc_root_lookup(struct inode *dir, struct dentry *dentry)
{
	return proc_pid_lookup(dentry);
}

static int proc_root_readdir(struct file *f, struct dir_context *ctx)
{
	if (ctx->pos < PROC_PID_POS) {
		if (!dir_emit_dots(f, ctx) ||
		    !dcache_readdir_children(f->f_path.dentry, ctx))
			return 0;
		ctx->pos = PROC_PID_POS;
	}
	return proc_pid_readdir(f, ctx);
}

static const struct inode_operations proc_root_iops = {
	.lookup = proc_root_lookup,
};

static const struct file_operations proc_root_fops = {
	.iterate = proc_root_readdir,
	.llseek = generic_file_llseek,
};

/* A link whose target is computed for the reader (inode_link_target()). */
static void proc_computed_link(struct dentry *proc, const char *name, unsigned int flag)
{
	if (!ramfs_symlink(proc, name, "", 0)) {
		struct dentry *link = d_lookup(proc, name, strlen(name));

		link->d_inode->i_flags |= flag | S_IMMUTABLE;
	}
}

/* The options first (nothing to undo if they are wrong), then the tree. */
static int proc_fill_super(struct super_block *sb, char *data)
{
	struct proc_fs_info *fi = kzalloc(sizeof(*fi), GFP_KERNEL);
	struct dentry *proc;
	int err;

	if (!fi)
		return -ENOMEM;
	err = proc_parse_options(fi, data);
	if (err) {
		kfree(fi);
		return err;
	}
	sb->s_fs_info = fi;
	sb->s_magic = PROC_SUPER_MAGIC;
	sb->s_op = &proc_sops;		/* first: every inode is a proc_inode */
	err = ramfs_fill_root(sb, 0555);
	if (err) {
		kfree(fi);
		return err;
	}
	proc = sb->s_root;
	proc->d_inode->i_op = &proc_root_iops;
	proc->d_inode->i_fop = &proc_root_fops;
	if (fi->pidonly)
		goto links;
	proc_show_globals(proc);
	proc_page_init(proc);
	proc_sysinfo_init(proc);
	proc_sysctl_init(proc);
	proc_sysvipc_init(proc);
	proc_profile_init(proc);
	ramfs_symlink(proc, "mounts", "self/mounts", 11);
links:
	proc_computed_link(proc, "self", S_PROCSELF);
	proc_computed_link(proc, "thread-self", S_PROCTHREADSELF);
	proc->d_inode->i_flags |= S_IMMUTABLE;	/* last: the files above go in first */
	return 0;
}

static void proc_kill_sb(struct super_block *sb)
{
	kfree(sb->s_fs_info);
	generic_kill_sb(sb);
}

/*
 * One instance per mount, as Linux 5.8 on: each has its own options and
 * st_dev, and all show the same processes (options.c).
 */
static struct file_system_type proc_fs_type = {
	.name = "proc",
	.fs_flags = FS_USERMOUNT,
	.fill_super = proc_fill_super,
	.kill_sb = proc_kill_sb,
	.check_option = proc_check_option,
};

void proc_init(void)
{
	proc_inode_cachep = kmem_cache_create("proc_inode", sizeof(struct proc_inode), 0,
					      SLAB_PANIC, NULL);
	register_filesystem(&proc_fs_type);
	kern_mount(&proc_fs_type);
}
