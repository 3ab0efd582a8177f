/*
 * MBR ("msdos") partition tables: the four primary entries of sector 0
 * become partitions 1-4; an extended one (type 0x05, 0x0f or 0x85)
 * keeps its slot with a size of 2 sectors as Linux shows it, and the
 * logical partitions of its chain of extended boot records become 5, 6,
 * ... (up to 15).  Entries that run past the end of the disk are
 * clipped (Linux does the same, with a warning).
 */
#include <linux-ish/kernel.h>
#include <linux-ish/blkdev.h>
#include <linux-ish/errno.h>
#include <linux-ish/mm.h>

#define MBR_SIGNATURE_OFF	510
#define MBR_TABLE_OFF		0x1be
#define MBR_ENTRY_SIZE		16
#define MBR_MAX_LOGICAL_HOPS	64

struct mbr_entry {
	u8 type;
	u32 start, size;	/* in sectors, relative to the table's base */
};

static bool is_extended(u8 type)
{
	return type == 0x05 || type == 0x0f || type == 0x85;
}

static u32 get_le32(const u8 *p)
{
	return p[0] | p[1] << 8 | p[2] << 16 | (u32)p[3] << 24;
}

/* Reads sector @sector of the disk into @buf (one page).  0 or -errno. */
static int read_sector(struct gendisk *disk, sector_t sector, struct page *page)
{
	struct bio *bio = bio_alloc(disk->part0, 1, REQ_OP_READ, GFP_KERNEL);
	int err;

	if (!bio)
		return -ENOMEM;
	bio->bi_sector = sector;
	bio_add_page(bio, page, SECTOR_SIZE, 0);
	err = submit_bio_wait(bio);
	bio_put(bio);
	return err;
}

/* The table in @page: false without the 0x55AA signature. */
static bool parse_table(const u8 *buf, struct mbr_entry e[4])
{
	if (buf[MBR_SIGNATURE_OFF] != 0x55 || buf[MBR_SIGNATURE_OFF + 1] != 0xaa)
		return false;
	for (int i = 0; i < 4; i++) {
		const u8 *p = buf + MBR_TABLE_OFF + i * MBR_ENTRY_SIZE;

		if (p[0] && p[0] != 0x80)
			return false;	/* a boot indicator that is neither: no table */
		e[i].type = p[4];
		e[i].start = get_le32(p + 8);
		e[i].size = get_le32(p + 12);
	}
	return true;
}

/* Partition @n at [start, start + size), clipped to the disk. */
static int add_part(struct gendisk *disk, struct part_info *info, int n, sector_t start,
		    sector_t size)
{
	sector_t cap = get_capacity(disk);

	if (n >= DISK_MAX_PARTS || !size || start >= cap)
		return 0;
	if (size > cap - start) {
		pr_warn("%s: p%d size %llu extends beyond EOD, truncated\n", disk->disk_name, n,
			size);
		size = cap - start;
	}
	info[n].start = start;
	info[n].size = size;
	return 0;
}

/* The logical partitions of the extended one at @ext_start. */
static int parse_extended(struct gendisk *disk, struct part_info *info, struct page *page,
			  sector_t ext_start, sector_t ext_size)
{
	sector_t this = ext_start;
	int n = 5, err = 0;

	for (int hop = 0; hop < MBR_MAX_LOGICAL_HOPS && n < DISK_MAX_PARTS; hop++) {
		struct mbr_entry e[4];

		if (read_sector(disk, this, page) || !parse_table(page_address(page), e))
			break;
		if (e[0].size && !is_extended(e[0].type))
			err = add_part(disk, info, n++, this + e[0].start, e[0].size);
		if (err || !is_extended(e[1].type) || !e[1].start || e[1].start >= ext_size)
			break;
		this = ext_start + e[1].start;
	}
	return err;
}

int msdos_partition(struct gendisk *disk, struct part_info *info)
{
	struct page *page = alloc_page(GFP_KERNEL);
	struct mbr_entry e[4];
	int err = -ENOENT;

	if (!page)
		return -ENOMEM;
	if (read_sector(disk, 0, page) || !parse_table(page_address(page), e))
		goto out;
	err = 0;
	for (int i = 0; i < 4 && !err; i++) {
		if (!e[i].size || !e[i].type)
			continue;
		if (is_extended(e[i].type)) {
			err = add_part(disk, info, i + 1, e[i].start, 2);
			if (!err)
				err = parse_extended(disk, info, page, e[i].start, e[i].size);
		} else {
			err = add_part(disk, info, i + 1, e[i].start, e[i].size);
		}
	}
out:
	__free_page(page);
	return err;
}
