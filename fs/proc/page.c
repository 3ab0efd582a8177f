/*
 * /proc/kpagecount and /proc/kpageflags: the coremap (mem_map[]) seen
 * from user space, one 64-bit entry per page frame, indexed by PFN, in
 * Linux's formats.  kpagecount is the number of page-table mappings of
 * the frame (page_mapcount), kpageflags the KPF_* bits of
 * Documentation/admin-guide/mm/pagemap.rst that Linnet's page flags can
 * say.  Reads past the last frame are end of file.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/errno.h>
#include <linux-ish/fs.h>
#include <linux-ish/mm.h>
#include <linux-ish/slab.h>
#include <linux-ish/uaccess.h>
#include <uapi/linux-ish/kernel-page-flags.h>
#include "internal.h"

#define KPM_BYTES	8
#define KPM_CHUNK	512


#define KPF(bit)	(1ULL << (bit))

static u64 kpagecount_of(const struct page *page)
{
	return page == zero_page ? 0 : (u64)max(page_mapcount(page), 0);
}

static u64 kpageflags_of(const struct page *page)
{
	u64 f = 0;

	if (page == zero_page)
		return KPF(KPF_ZERO_PAGE) | KPF(KPF_RESERVED);
	f |= PageLocked(page) ? KPF(KPF_LOCKED) : 0;
	f |= PageUptodate(page) ? KPF(KPF_UPTODATE) : 0;
	f |= PageDirty(page) ? KPF(KPF_DIRTY) : 0;
	f |= PageSlab(page) ? KPF(KPF_SLAB) : 0;
	f |= PageBuddy(page) ? KPF(KPF_BUDDY) : 0;
	f |= page_mapcount(page) > 0 ? KPF(KPF_MMAP) : 0;
	f |= PageAnon(page) ? KPF(KPF_ANON) : 0;
	/* Linux's PG_swapcache is PG_owner_priv_1, which kpageflags shows raw too. */
	f |= PageSwapCache(page) ? KPF(KPF_SWAPCACHE) | KPF(KPF_OWNER_PRIVATE) : 0;
	f |= PageSwapBacked(page) ? KPF(KPF_SWAPBACKED) : 0;
	f |= PageReferenced(page) ? KPF(KPF_REFERENCED) : 0;
	f |= PageLRU(page) ? KPF(KPF_LRU) : 0;
	f |= PageActive(page) ? KPF(KPF_ACTIVE) : 0;
	f |= PageUnevictable(page) ? KPF(KPF_UNEVICTABLE) : 0;
	f |= PageMlocked(page) ? KPF(KPF_MLOCKED) : 0;
	f |= PageHead(page) ? KPF(KPF_COMPOUND_HEAD) : 0;
	f |= PageReserved(page) ? KPF(KPF_RESERVED) : 0;
	return f;
}

/* One entry per frame from *@pos / 8 on, through @entry. */
static ssize_t kpage_read(char __user *ubuf, size_t count, loff_t *pos,
			  u64 (*entry)(const struct page *page))
{
	u64 *buf;
	ssize_t done = 0;

	if ((*pos % KPM_BYTES) || (count % KPM_BYTES))
		return -EINVAL;
	buf = kmalloc(KPM_CHUNK * KPM_BYTES, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	while (count && *pos / KPM_BYTES < max_pfn) {
		unsigned long pfn = *pos / KPM_BYTES;
		size_t n = min_t(size_t, count / KPM_BYTES, KPM_CHUNK);

		n = min_t(size_t, n, max_pfn - pfn);

		for (size_t i = 0; i < n; i++)
			buf[i] = entry(pfn_to_page(pfn + i));
		if (copy_to_user(ubuf + done, buf, n * KPM_BYTES)) {
			done = done ? done : -EFAULT;
			break;
		}
		done += n * KPM_BYTES;
		count -= n * KPM_BYTES;
		*pos += n * KPM_BYTES;
	}
	kfree(buf);
	return done;
}

static ssize_t kpagecount_read(struct file *f, char __user *buf, size_t count, loff_t *pos)
{
	return kpage_read(buf, count, pos, kpagecount_of);
}

static ssize_t kpageflags_read(struct file *f, char __user *buf, size_t count, loff_t *pos)
{
	return kpage_read(buf, count, pos, kpageflags_of);
}

static const struct file_operations kpagecount_ops = {
	.read = kpagecount_read,
	.llseek = generic_file_llseek,
};

static const struct file_operations kpageflags_ops = {
	.read = kpageflags_read,
	.llseek = generic_file_llseek,
};

void proc_page_init(struct dentry *proc)
{
	proc_create_fops(proc, "kpagecount", 0400, &kpagecount_ops);
	proc_create_fops(proc, "kpageflags", 0400, &kpageflags_ops);
}
