/* Bringing the VFS up: caches, devices, the root ramfs and its contents. */
#include <linux-ish/kernel.h>
#include <linux-ish/fs.h>
#include <linux-ish/proc_fs.h>

void vfs_init(void)
{
	struct super_block *sb;

	dcache_init();
	files_cache_init();
	chr_mem_init();
	console_dev_init();
	sb = ramfs_mount();
	root_dentry = sb->s_root;
	populate_rootfs();
	proc_init();
	debugfs_init();
}
