/*
 * Disks and their partitions: registration, device numbers, /dev nodes,
 * /proc/partitions and /proc/diskstats.  Disk n of a driver has minors
 * [16n, 16n + 15]: the whole disk, then partitions 1..15 (Linux's
 * virtio-blk numbering: vdb is 254:16).  The disk list only grows, in
 * pid 1 at boot or under a driver's own lock (loop), so readers walk it
 * without a lock.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/blkdev.h>
#include <linux-ish/errno.h>
#include <linux-ish/pci.h>
#include <linux-ish/proc_fs.h>
#include <linux-ish/slab.h>
#include <linux-ish/string.h>

static LIST_HEAD(disks);

struct gendisk *blk_alloc_disk(struct request_queue *q, const char *name, unsigned int major,
			       unsigned int first_minor)
{
	struct gendisk *disk = kzalloc(sizeof(*disk), GFP_KERNEL);
	struct block_device *part0 = kzalloc(sizeof(*part0), GFP_KERNEL);

	if (!disk || !part0) {
		kfree(disk);
		kfree(part0);
		return NULL;
	}
	strlcpy(disk->disk_name, name, sizeof(disk->disk_name));
	disk->major = major;
	disk->first_minor = first_minor;
	disk->minors = DISK_MAX_PARTS;
	disk->queue = q;
	mutex_init(&disk->open_mutex);
	part0->bd_dev = MKDEV(major, first_minor);
	part0->bd_disk = disk;
	strlcpy(part0->bd_name, name, sizeof(part0->bd_name));
	disk->part0 = disk->parts[0] = part0;
	return disk;
}

/* A disk add_disk() refused: its memory (not the queue's). */
void put_disk_unregistered(struct gendisk *disk)
{
	kfree(disk->part0);
	kfree(disk);
}

struct block_device *bdev_by_dev(dev_t dev)
{
	struct gendisk *disk;

	list_for_each_entry(disk, &disks, node) {
		unsigned int minor = MINOR(dev);

		if (MAJOR(dev) != disk->major || minor < disk->first_minor ||
		    minor >= disk->first_minor + disk->minors)
			continue;
		return disk->parts[minor - disk->first_minor];
	}
	return NULL;
}

static void make_dev_node(struct block_device *bdev)
{
	if (devtmpfs_create_node(bdev->bd_name, S_IFBLK | 0660, bdev->bd_dev))
		pr_warn("%s: no /dev node\n", bdev->bd_name);
}

/* A new partition @n of @disk at [start, start + size): registered, or NULL. */
static struct block_device *add_partition(struct gendisk *disk, int n)
{
	struct block_device *p = kzalloc(sizeof(*p), GFP_KERNEL);

	if (!p)
		return NULL;
	snprintf(p->bd_name, sizeof(p->bd_name), "%s%d", disk->disk_name, n);
	p->bd_dev = MKDEV(disk->major, disk->first_minor + n);
	p->bd_disk = disk;
	p->bd_partno = n;
	p->bd_read_only = disk->part0->bd_read_only;
	if (bdev_make_inode(p)) {
		pr_warn("%s: no memory for its inode; left out\n", p->bd_name);
		kfree(p);
		return NULL;
	}
	make_dev_node(p);
	blk_debugfs_add_disk(p);
	return p;
}

/*
 * Applies a partition table read into @info: a partition that is gone
 * keeps its block_device (nothing is freed: debugfs and /dev name it)
 * with no sectors, so opening it is ENXIO.  Caller holds open_mutex, and
 * no partition is open.
 */
static void apply_partitions(struct gendisk *disk, const struct part_info *info)
{
	for (int i = 1; i < DISK_MAX_PARTS; i++) {
		struct block_device *p = disk->parts[i];

		if (!p && !info[i].size)
			continue;
		if (!p) {
			p = add_partition(disk, i);
			if (!p)
				continue;
		} else {
			blkdev_flush_buffers(p);
		}
		p->bd_start_sect = info[i].start;
		p->bd_nr_sectors = info[i].size;
		p->bd_inode->i_size = bdev_nr_bytes(p);
		disk->parts[i] = p;
	}
}

static void scan_partitions(struct gendisk *disk)
{
	struct part_info info[DISK_MAX_PARTS] = {};

	if (msdos_partition(disk, info) == -ENOMEM)
		pr_warn("%s: no memory to read the partition table\n", disk->disk_name);
	apply_partitions(disk, info);
}

int bdev_rescan_partitions(struct gendisk *disk)
{
	int err = 0;

	if (disk->minors == 1)
		return -EINVAL;
	mutex_lock(&disk->open_mutex);
	for (int i = 1; i < DISK_MAX_PARTS; i++)
		if (disk->parts[i] && disk->parts[i]->bd_openers)
			err = -EBUSY;
	if (!err) {
		blkdev_flush_buffers(disk->part0);
		scan_partitions(disk);
	}
	mutex_unlock(&disk->open_mutex);
	return err;
}

int add_disk(struct gendisk *disk, sector_t capacity)
{
	int err;

	disk->part0->bd_nr_sectors = capacity;
	err = bdev_make_inode(disk->part0);
	if (err)
		return err;
	list_add_tail(&disk->node, &disks);
	make_dev_node(disk->part0);
	blk_debugfs_add_disk(disk->part0);
	if (capacity)
		pr_info("%s: %llu %d-byte logical blocks (%llu kB)\n", disk->disk_name, capacity,
			disk->queue->logical_block_size, capacity / 2);
	if (disk->minors > 1) {
		mutex_lock(&disk->open_mutex);
		scan_partitions(disk);
		mutex_unlock(&disk->open_mutex);
	}
	return 0;
}

/* ---- /proc ---- */

/* Linux's /proc/partitions: whole disks and partitions, sizes in KiB. */
static void show_partitions(struct seq_buf *m, struct task_struct *unused)
{
	struct gendisk *disk;

	seq_printf(m, "major minor  #blocks  name\n\n");
	list_for_each_entry(disk, &disks, node) {
		for (int i = 0; i < DISK_MAX_PARTS; i++) {
			struct block_device *b = disk->parts[i];

			if (b && b->bd_nr_sectors)
				seq_printf(m, "%4d  %7d %10llu %s\n", MAJOR(b->bd_dev),
					   MINOR(b->bd_dev), b->bd_nr_sectors >> 1, b->bd_name);
		}
	}
}

/* Boot, before a panic over root=: the disks and partitions there are. */
void printk_all_partitions(void)
{
	struct gendisk *disk;

	list_for_each_entry(disk, &disks, node)
		for (int i = 0; i < DISK_MAX_PARTS; i++) {
			struct block_device *b = disk->parts[i];

			if (b && b->bd_nr_sectors)
				pr_emerg("%4d:%-3d %10llu %s\n", MAJOR(b->bd_dev), MINOR(b->bd_dev),
					 b->bd_nr_sectors >> 1, b->bd_name);
		}
}

static unsigned int ns_to_ms(u64 ns)
{
	return (unsigned int)(ns / 1000000);
}

/* One line of Linux 6.1's /proc/diskstats (Documentation/admin-guide/iostats.rst). */
static void diskstats_line(struct seq_buf *m, struct block_device *b)
{
	struct disk_stats *s = &b->bd_stats;
	unsigned long flags;
	struct disk_stats st;
	unsigned int inflight;
	u64 io_ticks;

	spin_lock_irqsave(&b->bd_disk->queue->lock, flags);
	st = *s;
	inflight = b->bd_in_flight[0] + b->bd_in_flight[1];
	io_ticks = st.io_ticks_ns;
	spin_unlock_irqrestore(&b->bd_disk->queue->lock, flags);
	seq_printf(m, "%4d %7d %s %lu %lu %lu %u %lu %lu %lu %u %u %u %u %lu %lu %lu %u %lu %u\n",
		   MAJOR(b->bd_dev), MINOR(b->bd_dev), b->bd_name,
		   st.ios[STAT_READ], st.merges[STAT_READ], st.sectors[STAT_READ],
		   ns_to_ms(st.nsecs[STAT_READ]),
		   st.ios[STAT_WRITE], st.merges[STAT_WRITE], st.sectors[STAT_WRITE],
		   ns_to_ms(st.nsecs[STAT_WRITE]),
		   inflight, ns_to_ms(io_ticks),
		   ns_to_ms(st.nsecs[STAT_READ] + st.nsecs[STAT_WRITE] + st.nsecs[STAT_DISCARD] +
			    st.nsecs[STAT_FLUSH]),
		   st.ios[STAT_DISCARD], st.merges[STAT_DISCARD], st.sectors[STAT_DISCARD],
		   ns_to_ms(st.nsecs[STAT_DISCARD]),
		   st.ios[STAT_FLUSH], ns_to_ms(st.nsecs[STAT_FLUSH]));
}

static void show_diskstats(struct seq_buf *m, struct task_struct *unused)
{
	struct gendisk *disk;

	list_for_each_entry(disk, &disks, node)
		for (int i = 0; i < DISK_MAX_PARTS; i++)
			if (disk->parts[i] && (i == 0 || disk->parts[i]->bd_nr_sectors))
				diskstats_line(m, disk->parts[i]);
}

static void show_pci_devices(struct seq_buf *m, struct task_struct *unused)
{
	pci_proc_devices_show(m);
}

int proc_create_global(struct dentry *dir, const char *name, proc_show_t show);

/* /proc/partitions, /proc/diskstats and /proc/bus/pci/devices. */
void blk_proc_init(struct dentry *proc)
{
	struct dentry *bus, *pci;

	proc_create_global(proc, "partitions", show_partitions);
	proc_create_global(proc, "diskstats", show_diskstats);
	if (ramfs_mknod(proc, "bus", S_IFDIR | 0555, 0, &bus))
		return;
	if (!ramfs_mknod(bus, "pci", S_IFDIR | 0555, 0, &pci)) {
		proc_create_global(pci, "devices", show_pci_devices);
		pci->d_inode->i_flags |= S_IMMUTABLE;
	}
	bus->d_inode->i_flags |= S_IMMUTABLE;
}
