/*
 * Swap areas: swapon(2), swapoff(2), the slot allocator and the per-slot
 * swap counts (the rules are in linux-ish/swap.h; the story in
 * Documentation/mm/swap.md).
 *
 * An area is a block device or a file holding Linux's format (mkswap:
 * page 0 the header, "SWAPSPACE2" version 1, last_page, bad pages);
 * slot n is page n.  Slots are handed out from the area of the highest
 * priority that has room, next-fit within an area.
 *
 * Locking: swap_lock (IRQ-safe) covers swap_info[], every swap_map and
 * the counters; swapon_mutex serializes swapon and swapoff.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/blkdev.h>
#include <linux-ish/cred.h>
#include <linux-ish/err.h>
#include <linux-ish/errno.h>
#include <linux-ish/fs.h>
#include <linux-ish/mm.h>
#include <linux-ish/mutex.h>
#include <linux-ish/pagemap.h>
#include <linux-ish/proc_fs.h>
#include <linux-ish/sched.h>
#include <linux-ish/slab.h>
#include <linux-ish/spinlock.h>
#include <linux-ish/string.h>
#include <linux-ish/swap.h>
#include <linux-ish/syscalls.h>
#include <uapi/linux-ish/capability.h>
#include <uapi/linux-ish/fcntl.h>
#include <uapi/linux-ish/stat.h>
#include <uapi/linux-ish/swap.h>

#define SWAP_FLAGS_VALID	(SWAP_FLAG_PRIO_MASK | SWAP_FLAG_PREFER | SWAP_FLAG_DISCARD | \
				 SWAP_FLAG_DISCARD_ONCE | SWAP_FLAG_DISCARD_PAGES)

static DEFINE_SPINLOCK(swap_lock);
static DEFINE_MUTEX(swapon_mutex);
static struct swap_info_struct *swap_info[MAX_SWAPFILES];
unsigned int nr_swapfiles;		/* highest type in use + 1 */
unsigned long total_swap_pages;		/* usable slots of the writable areas */
unsigned long nr_swap_pages;		/* ... of which free */
static int least_priority = -1;		/* the next default priority is one below */
static unsigned int next_type;		/* where get_swap_page's search starts: round robin */

/* The area of @entry if it is in use and the offset is inside; NULL otherwise. */
struct swap_info_struct *swp_swap_info(swp_entry_t entry)
{
	unsigned int type = swp_type(entry);
	struct swap_info_struct *si;

	if (type >= MAX_SWAPFILES)
		return NULL;
	si = READ_ONCE(swap_info[type]);
	if (!si || !(si->flags & SWP_USED) || !swp_offset(entry) || swp_offset(entry) >= si->max)
		return NULL;
	return si;
}

bool swap_entry_valid(swp_entry_t entry)
{
	return swp_swap_info(entry) != NULL;
}

unsigned short *__swap_map(swp_entry_t entry)
{
	struct swap_info_struct *si = swp_swap_info(entry);

	return si ? &si->swap_map[swp_offset(entry)] : NULL;
}

/* A slot goes back to the free pool.  swap_lock held. */
static void slot_release(struct swap_info_struct *si, unsigned long offset)
{
	si->swap_map[offset] = 0;
	si->inuse_pages--;
	if (si->flags & SWP_WRITEOK)
		nr_swap_pages++;
}

/* The first free slot at or after @si->cluster_next (wrapping), or 0. */
static unsigned long scan_swap_map(struct swap_info_struct *si)
{
	unsigned long off = si->cluster_next;

	for (unsigned long n = 1; n < si->max; n++, off++) {
		if (off >= si->max || !off)
			off = 1;
		if (!si->swap_map[off]) {
			si->cluster_next = off + 1;
			return off;
		}
	}
	return 0;
}

/*
 * A free slot for a page that is about to enter the swap cache: its map
 * entry becomes SWAP_HAS_CACHE (count 0).  The area of the highest
 * priority with room; areas of equal priority take turns, one slot each
 * (Linux 6.1 requeues an area behind its equals at each allocation).
 * .val 0 when swap is full or off.
 */
swp_entry_t get_swap_page(void)
{
	struct swap_info_struct *best = NULL;
	unsigned long flags, off = 0;

	spin_lock_irqsave(&swap_lock, flags);
	for (unsigned int n = 0; n < nr_swapfiles; n++) {
		struct swap_info_struct *si = swap_info[(next_type + n) % nr_swapfiles];

		if (!si || (si->flags & (SWP_USED | SWP_WRITEOK)) != (SWP_USED | SWP_WRITEOK) ||
		    si->inuse_pages >= si->pages)
			continue;
		if (!best || si->prio > best->prio)
			best = si;
	}
	if (best) {
		off = scan_swap_map(best);
		next_type = best->type + 1;	/* its equals after it go first next time */
	}
	if (off) {
		best->swap_map[off] = SWAP_HAS_CACHE;
		best->inuse_pages++;
		nr_swap_pages--;
	}
	spin_unlock_irqrestore(&swap_lock, flags);
	return off ? swp_entry(best->type, off) : (swp_entry_t){ 0 };
}

int swap_duplicate(swp_entry_t entry)
{
	unsigned long flags;
	unsigned short *map;
	int err = -ENOMEM;

	spin_lock_irqsave(&swap_lock, flags);
	map = __swap_map(entry);
	if (map && *map && SWAP_COUNT(*map) < SWAP_MAP_MAX) {
		(*map)++;
		err = 0;
	}
	spin_unlock_irqrestore(&swap_lock, flags);
	WARN_ON_ONCE(err && !map);
	return err;
}

/*
 * A copy of a shared page table cannot fail: at the (unreachable in
 * practice) maximum the count sticks there and the slot is never freed.
 */
void swap_duplicate_nofail(swp_entry_t entry)
{
	WARN_ON_ONCE(swap_duplicate(entry));	/* saturated: the slot leaks */
}

/* One PTE's count less; the map entry that is left (0: the slot is free). */
static unsigned short swap_put_count(swp_entry_t entry)
{
	struct swap_info_struct *si;
	unsigned long flags;
	unsigned short v = 0, *map;

	spin_lock_irqsave(&swap_lock, flags);
	si = swp_swap_info(entry);
	map = si ? &si->swap_map[swp_offset(entry)] : NULL;
	if (!map || !SWAP_COUNT(*map) || SWAP_COUNT(*map) == SWAP_MAP_BAD) {
		spin_unlock_irqrestore(&swap_lock, flags);
		pr_err("swap_free: bad swap entry %08lx\n", entry.val);
		return 0;
	}
	if (SWAP_COUNT(*map) != SWAP_MAP_MAX + 1)	/* not saturated */
		(*map)--;
	v = *map;
	if (!v)
		slot_release(si, swp_offset(entry));
	spin_unlock_irqrestore(&swap_lock, flags);
	return v;
}

/* The caller holds the cache page of @entry locked, if there is one, and deals with it. */
void swap_free(swp_entry_t entry)
{
	swap_put_count(entry);
}

/* A swap PTE is zapped: at count 0 the cache lets go of the slot's page too. */
void free_swap_and_cache(swp_entry_t entry)
{
	if (swap_put_count(entry) != SWAP_HAS_CACHE)
		return;
	struct page *page = lookup_swap_cache(entry);

	if (!page)
		return;
	lock_page(page);	/* a read in flight ends first */
	try_to_free_swap(page);
	unlock_page(page);
	put_page(page);
}

int swap_count(swp_entry_t entry)
{
	unsigned long flags;
	unsigned short *map;
	int n;

	spin_lock_irqsave(&swap_lock, flags);
	map = __swap_map(entry);
	n = map ? SWAP_COUNT(*map) : 0;
	spin_unlock_irqrestore(&swap_lock, flags);
	return n == SWAP_MAP_BAD ? 0 : n;
}

/* A page for @entry enters the cache: false if the slot is free or cached already. */
bool swap_set_cache_bit(swp_entry_t entry)
{
	unsigned long flags;
	unsigned short *map;
	bool ok;

	spin_lock_irqsave(&swap_lock, flags);
	map = __swap_map(entry);
	ok = map && SWAP_COUNT(*map) && SWAP_COUNT(*map) != SWAP_MAP_BAD &&
	     !(*map & SWAP_HAS_CACHE);
	if (ok)
		*map |= SWAP_HAS_CACHE;
	spin_unlock_irqrestore(&swap_lock, flags);
	return ok;
}

void swap_clear_cache_bit(swp_entry_t entry)
{
	struct swap_info_struct *si;
	unsigned long flags;

	spin_lock_irqsave(&swap_lock, flags);
	si = swp_swap_info(entry);
	if (si) {
		unsigned short *map = &si->swap_map[swp_offset(entry)];

		*map &= ~SWAP_HAS_CACHE;
		if (!*map)
			slot_release(si, swp_offset(entry));
	}
	spin_unlock_irqrestore(&swap_lock, flags);
}

/* sysinfo(2), /proc/meminfo: usable and free slots of the writable areas. */
void si_swapinfo(unsigned long *total, unsigned long *free)
{
	unsigned long flags;

	spin_lock_irqsave(&swap_lock, flags);
	*total = total_swap_pages;
	*free = nr_swap_pages;
	spin_unlock_irqrestore(&swap_lock, flags);
}

/* ---- swapon ---- */

/* Is an active area on the same device or file as @f? */
static bool area_of(const struct swap_info_struct *si, const struct file *f)
{
	const struct inode *inode = f->f_inode;

	if (S_ISBLK(inode->i_mode))
		return (si->flags & SWP_BLKDEV) && si->bdev->bd_dev == inode->i_rdev;
	return !(si->flags & SWP_BLKDEV) && si->swap_file->f_inode == inode;
}

/*
 * The inode S_SWAPFILE marks while the area is on (Linux's mapping->host):
 * the file, or the device's own inode, whatever node it was opened by.
 * Writes and truncation of it are ETXTBSY, unlink and rename EPERM.
 */
static struct inode *area_inode(const struct swap_info_struct *si)
{
	return (si->flags & SWP_BLKDEV) ? si->bdev->bd_inode : si->swap_file->f_inode;
}

static u32 hdr_u32(const void *hdr, unsigned int off)
{
	u32 v;

	memcpy(&v, (const char *)hdr + off, sizeof(v));
	return v;
}

/*
 * Checks the header in @page against an area of @size_pages pages and
 * builds the map: slot 0 and the bad pages SWAP_MAP_BAD.  0 or -EINVAL
 * (with Linux's message), -ENOMEM.  Linux 6.1's checks in its order
 * (read_swap_header, setup_swap_map_and_extents): the magic, version 1,
 * last_page not 0, the area not longer than the device or file, no bad
 * pages in a swap file (they make sense only on a partition), at most
 * SWAP_HDR_MAX_BADPAGES of them, each in 1..last_page.
 */
static int setup_swap_map(struct swap_info_struct *si, const void *hdr, unsigned long size_pages)
{
	u32 last_page, nr_bad;
	unsigned long maxpages;

	if (memcmp((const char *)hdr + SWAP_HDR_MAGIC, "SWAPSPACE2", 10)) {
		pr_err("Unable to find swap-space signature\n");
		return -EINVAL;
	}
	if (hdr_u32(hdr, SWAP_HDR_VERSION) != 1) {
		pr_warn("Unable to handle swap header version %u\n", hdr_u32(hdr, SWAP_HDR_VERSION));
		return -EINVAL;
	}
	last_page = hdr_u32(hdr, SWAP_HDR_LAST_PAGE);
	nr_bad = hdr_u32(hdr, SWAP_HDR_NR_BADPAGES);
	if (!last_page) {
		pr_warn("Empty swap-file\n");
		return -EINVAL;
	}
	if (last_page > SWP_OFFSET_MAX)
		pr_warn("Truncating oversized swap area, only using %luk out of %luk\n",
			(unsigned long)SWP_OFFSET_MAX << (PAGE_SHIFT - 10),
			(unsigned long)last_page << (PAGE_SHIFT - 10));
	maxpages = min_t(unsigned long, (unsigned long)last_page + 1, SWP_OFFSET_MAX + 1);
	if (maxpages > size_pages) {
		pr_warn("Swap area shorter than signature indicates\n");
		return -EINVAL;
	}
	if (nr_bad && !(si->flags & SWP_BLKDEV))
		return -EINVAL;
	if (nr_bad > SWAP_HDR_MAX_BADPAGES)
		return -EINVAL;
	si->swap_map = kzalloc(maxpages * sizeof(*si->swap_map), GFP_KERNEL | __GFP_NOWARN);
	if (!si->swap_map)
		return -ENOMEM;
	si->max = maxpages;
	si->swap_map[0] = SWAP_MAP_BAD;
	si->pages = maxpages - 1;
	for (u32 i = 0; i < nr_bad; i++) {
		u32 bad = hdr_u32(hdr, SWAP_HDR_BADPAGES + 4 * i);

		if (!bad || bad > last_page)
			return -EINVAL;
		if (bad < maxpages && si->swap_map[bad] != SWAP_MAP_BAD) {
			si->swap_map[bad] = SWAP_MAP_BAD;
			si->pages--;
		}
	}
	if (!si->pages) {
		pr_warn("Empty swap-file\n");
		return -EINVAL;
	}
	si->cluster_next = 1;
	return 0;
}

/* Where the area's pages are: the device itself, or a file's blocks. */
static int claim_swapfile(struct swap_info_struct *si, unsigned long *size_pages)
{
	struct inode *inode = si->swap_file->f_inode;
	int err;

	for (unsigned int t = 0; t < nr_swapfiles; t++)
		if (swap_info[t] && swap_info[t] != si && (swap_info[t]->flags & SWP_USED) &&
		    area_of(swap_info[t], si->swap_file))
			return -EBUSY;
	if (S_ISBLK(inode->i_mode)) {
		si->bdev = bdev_by_dev(inode->i_rdev);
		if (!si->bdev || !si->bdev->bd_nr_sectors)
			return -EINVAL;
		/* Linux's exclusive open: a mounted device, an O_EXCL opener: EBUSY. */
		if (bd_claim(si->bdev, si))
			return -EBUSY;
		si->flags |= SWP_BLKDEV;
		*size_pages = si->bdev->bd_nr_sectors >> (PAGE_SHIFT - SECTOR_SHIFT);
		/* Slots are written past the device's page cache: none may stay dirty there. */
		return blkdev_flush_buffers(si->bdev);
	}
	if (!S_ISREG(inode->i_mode))
		return -EINVAL;
	if (inode->i_flags & S_SWAPFILE)
		return -EBUSY;
	err = vfs_fsync(si->swap_file, 0);	/* the same for the file's cached pages */
	return err ?: swapfile_activate(si, size_pages);
}

static void free_area(struct swap_info_struct *si)
{
	if (si->flags & SWP_BLKDEV)
		bd_unclaim(si->bdev, si);
	if (si->swap_file)
		fput(si->swap_file);
	kfree(si->swap_map);
	kfree(si->slot_sector);
	kfree(si);
}

/* A free type, its slot taken by @si (SWP_USED, not yet writable): -EPERM when all are used. */
static int alloc_type(struct swap_info_struct *si)
{
	unsigned long flags;
	unsigned int t;

	spin_lock_irqsave(&swap_lock, flags);
	for (t = 0; t < MAX_SWAPFILES && swap_info[t]; t++)
		;
	if (t < MAX_SWAPFILES) {
		si->type = t;
		si->flags = SWP_USED;
		swap_info[t] = si;
		if (t >= nr_swapfiles)
			nr_swapfiles = t + 1;
	}
	spin_unlock_irqrestore(&swap_lock, flags);
	return t < MAX_SWAPFILES ? 0 : -EPERM;
}

static void release_type(struct swap_info_struct *si)
{
	unsigned long flags;

	spin_lock_irqsave(&swap_lock, flags);
	swap_info[si->type] = NULL;
	while (nr_swapfiles && !swap_info[nr_swapfiles - 1])
		nr_swapfiles--;
	spin_unlock_irqrestore(&swap_lock, flags);
}

static long do_swapon(const char *name, int swap_flags)
{
	struct swap_info_struct *si = kzalloc(sizeof(*si), GFP_KERNEL);
	unsigned long size_pages = 0, flags;
	struct page *page;
	void *header = NULL;
	struct file *f;
	int err;

	if (!si)
		return -ENOMEM;
	err = alloc_type(si);
	if (err) {
		kfree(si);
		return err;
	}
	f = filp_open(name, O_RDWR | O_LARGEFILE);
	if (IS_ERR(f)) {
		err = PTR_ERR(f);
		goto fail;
	}
	si->swap_file = f;
	err = claim_swapfile(si, &size_pages);
	if (err)
		goto fail;
	/*
	 * kmalloc, not alloc_page: a whole page of kmalloc-4096, so that the
	 * page accounting counts it while this task sleeps on the read.
	 */
	header = kmalloc(PAGE_SIZE, GFP_KERNEL);
	page = header ? virt_to_page(header) : NULL;
	err = page ? swap_read_header(si, page) : -ENOMEM;
	if (err)
		goto fail;
	err = setup_swap_map(si, page_address(page), size_pages);
	if (err)
		goto fail;
	kfree(header);
	header = NULL;
	spin_lock_irqsave(&swap_lock, flags);
	si->prio = (swap_flags & SWAP_FLAG_PREFER) ?
		   (swap_flags & SWAP_FLAG_PRIO_MASK) >> SWAP_FLAG_PRIO_SHIFT : --least_priority;
	si->flags |= SWP_WRITEOK;
	total_swap_pages += si->pages;
	nr_swap_pages += si->pages;
	spin_unlock_irqrestore(&swap_lock, flags);
	area_inode(si)->i_flags |= S_SWAPFILE;
	pr_info("Adding %luk swap on %s.  Priority:%d extents:1 across:%luk\n",
		si->pages << (PAGE_SHIFT - 10), name, si->prio, si->pages << (PAGE_SHIFT - 10));
	return 0;
fail:
	kfree(header);
	release_type(si);
	free_area(si);
	return err;
}

SYSCALL_DEFINE2(swapon, const char __user *, specialfile, int, swap_flags)
{
	char *name;
	long err;

	if (swap_flags & ~SWAP_FLAGS_VALID)
		return -EINVAL;
	if (!capable(CAP_SYS_ADMIN))
		return -EPERM;
	name = getname(specialfile);
	if (IS_ERR(name))
		return PTR_ERR(name);
	mutex_lock(&swapon_mutex);
	err = do_swapon(name, swap_flags);
	mutex_unlock(&swapon_mutex);
	kfree(name);
	return err;
}

/* ---- swapoff ---- */

/*
 * Brings back the pages of @type's swap PTEs in every mm of @mms[0..n),
 * dropping each reference.  0 or -ENOMEM / -EINTR.
 */
static int unuse_mms(unsigned int type, struct mm_struct **mms, unsigned int n)
{
	int err = 0;

	for (unsigned int i = 0; i < n; i++) {
		if (!err) {
			mutex_lock(&mms[i]->mmap_lock);
			err = unuse_mm(mms[i], type);
			mutex_unlock(&mms[i]->mmap_lock);
			if (!err && signal_pending(current))
				err = -EINTR;
		}
		mmput(mms[i]);
	}
	return err;
}

/* Every user mm (with a reference each) into @mms[], at most @max: how many. */
static unsigned int collect_mms(struct mm_struct **mms, unsigned int max)
{
	struct task_struct *p;
	unsigned long flags;
	unsigned int n = 0;

	spin_lock_irqsave(&tasklist_lock, flags);
	list_for_each_entry(p, &task_list, tasks) {
		struct mm_struct *mm = p->mm;
		bool seen = false;

		if (!mm || (p->flags & PF_KTHREAD) || n == max)
			continue;
		for (unsigned int i = 0; i < n && !seen; i++)
			seen = mms[i] == mm;
		if (!seen && atomic_read(&mm->mm_users) > 0) {
			mmget(mm);
			mms[n++] = mm;
		}
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return n;
}

/* The slots of @si still in use, counted under the lock. */
static unsigned long area_inuse(struct swap_info_struct *si)
{
	unsigned long flags, n;

	spin_lock_irqsave(&swap_lock, flags);
	n = si->inuse_pages;
	spin_unlock_irqrestore(&swap_lock, flags);
	return n;
}

/*
 * swapoff's work: no slot of @type may stay in use.  Each pass walks
 * every mm's page tables for swap PTEs of the area and swaps them in
 * (a fork during the pass may copy an entry the pass already missed,
 * hence the passes), until the area is empty.  The cache holds no page
 * of a free slot.  0, -ENOMEM (a page could not be had) or -EINTR.
 */
int try_to_unuse(unsigned int type)
{
	struct swap_info_struct *si = swap_info[type];
	unsigned int max = nr_tasks() + 8;
	struct mm_struct **mms = kmalloc(max * sizeof(*mms), GFP_KERNEL);
	unsigned long last = 0, stuck = 0;
	int err = 0;

	if (!mms)
		return -ENOMEM;
	while (!err && area_inuse(si)) {
		unsigned int n = collect_mms(mms, max);

		err = unuse_mms(type, mms, n);
		if (!err && area_inuse(si)) {
			/* Only a leaked count could stop all progress: do not spin for ever. */
			stuck = area_inuse(si) == last ? stuck + 1 : 0;
			last = area_inuse(si);
			if (WARN_ON_ONCE(stuck > 100))
				err = -EBUSY;
			else if (signal_pending(current))
				err = -EINTR;
			else
				schedule();
		}
	}
	kfree(mms);
	return err;
}


/* The active area of @f, or NULL.  swapon_mutex held. */
static struct swap_info_struct *find_area(const struct file *f)
{
	for (unsigned int t = 0; t < nr_swapfiles; t++) {
		struct swap_info_struct *si = swap_info[t];

		if (si && (si->flags & SWP_WRITEOK) && area_of(si, f))
			return si;
	}
	return NULL;
}

/* Stops or restarts handing out @si's slots. */
static void set_writeok(struct swap_info_struct *si, bool on)
{
	unsigned long flags;

	spin_lock_irqsave(&swap_lock, flags);
	if (on) {
		si->flags |= SWP_WRITEOK;
		total_swap_pages += si->pages;
		nr_swap_pages += si->pages - si->inuse_pages;
	} else {
		si->flags &= ~SWP_WRITEOK;
		total_swap_pages -= si->pages;
		nr_swap_pages -= si->pages - si->inuse_pages;
	}
	spin_unlock_irqrestore(&swap_lock, flags);
}

static long do_swapoff(const char *name)
{
	struct swap_info_struct *si;
	unsigned long flags;
	struct file *f;
	int err;

	f = filp_open(name, O_RDWR | O_LARGEFILE);
	if (IS_ERR(f))
		return PTR_ERR(f);
	si = find_area(f);
	fput(f);
	if (!si)
		return -EINVAL;
	if (vm_enough_memory(current->mm, si->pages))
		return -ENOMEM;
	set_writeok(si, false);
	err = try_to_unuse(si->type);
	if (err) {
		set_writeok(si, true);
		return err;
	}
	spin_lock_irqsave(&swap_lock, flags);
	if (si->prio < 0) {
		/* Linux: the default priorities below close up, one step each. */
		for (unsigned int t = 0; t < nr_swapfiles; t++)
			if (swap_info[t] && swap_info[t]->prio < si->prio)
				swap_info[t]->prio++;
		least_priority++;
	}
	spin_unlock_irqrestore(&swap_lock, flags);
	area_inode(si)->i_flags &= ~S_SWAPFILE;
	release_type(si);
	free_area(si);
	return 0;
}

SYSCALL_DEFINE1(swapoff, const char __user *, specialfile)
{
	char *name;
	long err;

	if (!capable(CAP_SYS_ADMIN))
		return -EPERM;
	name = getname(specialfile);
	if (IS_ERR(name))
		return PTR_ERR(name);
	mutex_lock(&swapon_mutex);
	err = do_swapoff(name);
	mutex_unlock(&swapon_mutex);
	kfree(name);
	return err;
}

/* ---- ktest: an area in memory only ---- */

/*
 * An area of @slots slots (slot 0 the header) with no device behind it:
 * its reads and writes fail, the counts and the cache work.  The
 * highest priority, so that it is the one get_swap_page() picks.  Its
 * type, or -errno.  For mm/swap_test.c only.
 */
int swap_test_area_add(unsigned long slots)
{
	struct swap_info_struct *si = kzalloc(sizeof(*si), GFP_KERNEL);
	int err = si ? alloc_type(si) : -ENOMEM;

	if (err) {
		kfree(si);
		return err;
	}
	si->swap_map = kzalloc(slots * sizeof(*si->swap_map), GFP_KERNEL);
	if (!si->swap_map) {
		release_type(si);
		free_area(si);
		return -ENOMEM;
	}
	si->max = slots;
	si->pages = slots - 1;
	si->swap_map[0] = SWAP_MAP_BAD;
	si->cluster_next = 1;
	si->prio = SWAP_FLAG_PRIO_MASK;
	set_writeok(si, true);
	return si->type;
}

/* Takes the area away; every slot must be free.  False (and kept) if not. */
bool swap_test_area_remove(int type)
{
	struct swap_info_struct *si = swap_info[type];

	if (area_inuse(si))
		return false;
	set_writeok(si, false);
	release_type(si);
	free_area(si);
	return true;
}

/* ---- /proc/swaps ---- */

/* Prints @path with space, tab, newline and backslash octal-escaped (\\040), as Linux: its length. */
static int seq_swap_path(struct seq_buf *m, const char *path)
{
	int len = 0;

	for (; *path; path++, len++) {
		if (*path == ' ' || *path == '\t' || *path == '\n' || *path == '\\') {
			seq_printf(m, "\\%03o", (unsigned char)*path);
			len += 3;
		} else {
			seq_putc(m, *path);
		}
	}
	return len;
}

void show_swaps(struct seq_buf *m)
{
	char *buf = kmalloc(PATH_MAX, GFP_KERNEL);

	seq_printf(m, "Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority\n");
	mutex_lock(&swapon_mutex);
	for (unsigned int t = 0; t < nr_swapfiles; t++) {
		struct swap_info_struct *si = swap_info[t];
		unsigned long bytes, inuse;
		const char *path;
		int len;

		if (!si || !(si->flags & SWP_WRITEOK) || !si->swap_file)
			continue;	/* a ktest's area has no file */
		path = buf ? d_path(&si->swap_file->f_path, buf, PATH_MAX) : ERR_PTR(-ENOMEM);
		len = seq_swap_path(m, IS_ERR(path) ? "?" : path);
		bytes = si->pages << (PAGE_SHIFT - 10);
		inuse = READ_ONCE(si->inuse_pages) << (PAGE_SHIFT - 10);
		seq_printf(m, "%*s%s\t%lu\t%s%lu\t%s%d\n", len < 40 ? 40 - len : 1, " ",
			   (si->flags & SWP_BLKDEV) ? "partition" : "file\t",
			   bytes, bytes < 10000000 ? "\t" : "", inuse, inuse < 10000000 ? "\t" : "",
			   si->prio);
	}
	mutex_unlock(&swapon_mutex);
	kfree(buf);
}
