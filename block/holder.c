/*
 * Exclusive claims on block devices (Linux's bd_holder): a mounted file
 * system, an active swap area and a file opened with O_EXCL each claim
 * their device with a holder of their own; a claim by another holder is
 * EBUSY, one by the same holder nests.  A claimed partition also marks
 * its whole disk (bd_part_claims), so that the whole disk cannot be
 * claimed under it, nor a partition of a disk claimed whole.
 *
 * Locking: the disk's open_mutex covers bd_holder, bd_holders and
 * bd_part_claims of the disk and all its partitions.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/blkdev.h>
#include <linux-ish/errno.h>
#include <linux-ish/mutex.h>

/* May @holder claim @bdev?  open_mutex held. */
static bool may_claim(const struct block_device *bdev, const void *holder)
{
	const struct block_device *whole = bdev->bd_disk->part0;

	if (bdev->bd_holder)
		return bdev->bd_holder == holder;
	if (bdev == whole)
		return !bdev->bd_part_claims;
	return !whole->bd_holder;
}

/* Claims @bdev for @holder (not NULL): 0 or -EBUSY. */
int bd_claim(struct block_device *bdev, void *holder)
{
	struct gendisk *disk = bdev->bd_disk;
	int err = -EBUSY;

	mutex_lock(&disk->open_mutex);
	if (may_claim(bdev, holder)) {
		if (!bdev->bd_holders++ && bdev != disk->part0)
			disk->part0->bd_part_claims++;
		bdev->bd_holder = holder;
		err = 0;
	}
	mutex_unlock(&disk->open_mutex);
	return err;
}

/* Drops one claim of @holder on @bdev; the last frees the device. */
void bd_unclaim(struct block_device *bdev, const void *holder)
{
	struct gendisk *disk = bdev->bd_disk;

	mutex_lock(&disk->open_mutex);
	if (!WARN_ON_ONCE(bdev->bd_holder != holder || !bdev->bd_holders) && !--bdev->bd_holders) {
		bdev->bd_holder = NULL;
		if (bdev != disk->part0)
			disk->part0->bd_part_claims--;
	}
	mutex_unlock(&disk->open_mutex);
}
