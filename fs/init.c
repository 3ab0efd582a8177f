/* Bringing the VFS up: caches, devices, the root ramfs and its contents. */
#include <linux-ish/kernel.h>
#include <linux-ish/blkdev.h>
#include <linux-ish/fs.h>
#include <linux-ish/mount.h>
#include <linux-ish/proc_fs.h>
#include <linux-ish/rtc.h>

void vfs_init(void)
{
	dcache_init();
	files_cache_init();
	chr_mem_init();
	console_dev_init();
	rtc_dev_init();
	pipe_init();
	shmem_init();
	ramfs_init();
	init_mount_tree();
	devtmpfs_init();
	populate_rootfs();
	blk_dev_init();
	proc_init();
	debugfs_init();
	mqueue_init();
}
