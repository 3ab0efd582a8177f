/*
 * Plugging: between blk_start_plug() and blk_finish_plug() the bios a
 * task submits gather (and merge) in its own list, and reach the disks
 * at finish, so a run of small sequential bios becomes few requests.
 * The plug lives on the caller's stack; only its task touches it.  A
 * task that waits for its own I/O must send the plug first:
 * submit_bio_wait() does (Linnet's scheduler does not flush plugs when
 * a task sleeps, unlike Linux's: see Documentation/block/block-layer.md).
 */
#include <linux-ish/kernel.h>
#include <linux-ish/blkdev.h>
#include <linux-ish/sched.h>

void blk_dispatch_list(struct list_head *list);

void blk_start_plug(struct blk_plug *plug)
{
	INIT_LIST_HEAD(&plug->requests);
	if (!current->plug)
		current->plug = plug;	/* nested: the outer plug holds them */
}

void blk_flush_plug(void)
{
	struct blk_plug *plug = current->plug;

	if (plug)
		blk_dispatch_list(&plug->requests);
}

void blk_finish_plug(struct blk_plug *plug)
{
	if (current->plug != plug)
		return;
	blk_dispatch_list(&plug->requests);
	current->plug = NULL;
}
