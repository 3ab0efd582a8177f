/*
 * A process's address space seen through /proc: maps, smaps and
 * smaps_rollup (text), pagemap (one 64-bit entry per virtual page) and
 * mem (the memory itself).  Each takes a reference on the mm, then its
 * mmap_lock, and never touches user memory while holding the lock (a
 * fault would take it again): binary files fill a kernel buffer under
 * the lock and copy it out after.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/err.h>
#include <linux-ish/errno.h>
#include <linux-ish/fs.h>
#include <linux-ish/mm.h>
#include <linux-ish/ptrace.h>
#include <linux-ish/slab.h>
#include <linux-ish/string.h>
#include <linux-ish/uaccess.h>
#include <linux-ish/swap.h>
#include <uapi/linux-ish/pagemap.h>
#include "internal.h"

/* The PTE mapping @addr in @mm, or NULL if there is no page table.  mmap_lock held. */
static pte_t *proc_pte(struct mm_struct *mm, unsigned long addr)
{
	pgd_t *pgd = pgd_offset(mm, addr);

	return pgd_none(*pgd) ? NULL : pte_offset(pgd, addr);
}

/* The page mapped at @addr, or NULL if none is present.  mmap_lock held. */
static struct page *proc_present_page(struct mm_struct *mm, unsigned long addr)
{
	pte_t *pte = proc_pte(mm, addr);

	if (!pte || !pte_present(*pte))
		return NULL;
	return pfn_to_page(pte_pfn(*pte));
}

/* ---- maps ---- */

static char vma_perm(const struct vm_area_struct *vma, unsigned long flag, char c)
{
	return (vma->vm_flags & flag) ? c : '-';
}

/* The path of an open file, as d_path() gives it. */
static void seq_file_path(struct seq_buf *m, const struct file *f)
{
	char *buf = kmalloc(PATH_MAX, GFP_KERNEL);
	const char *p = buf ? d_path(&f->f_path, buf, PATH_MAX) : ERR_PTR(-ENOMEM);

	seq_printf(m, "%s", IS_ERR(p) ? "?" : p);
	kfree(buf);
}

/* Pads the line begun at @start to Linux's name column (49 on 32-bit), then one space. */
static void seq_pad(struct seq_buf *m, size_t start)
{
	while (m->len - start < 48 && !m->overflow)
		seq_putc(m, ' ');
	seq_putc(m, ' ');
}

/* One line of /proc/<pid>/maps in Linux's format (32-bit kernel widths). */
static void show_map_vma(struct seq_buf *m, const struct vm_area_struct *vma,
			 const struct mm_struct *mm)
{
	const struct inode *inode = vma->vm_file ? vma->vm_file->f_inode : NULL;
	size_t start = m->len;

	seq_printf(m, "%08lx-%08lx %c%c%c%c %08lx %02x:%02x %lu ", vma->vm_start, vma->vm_end,
		   vma_perm(vma, VM_READ, 'r'), vma_perm(vma, VM_WRITE, 'w'),
		   vma_perm(vma, VM_EXEC, 'x'), (vma->vm_flags & VM_MAYSHARE) ? 's' : 'p',
		   inode ? vma->vm_pgoff << PAGE_SHIFT : 0,
		   inode ? MAJOR(inode->i_sb->s_dev) : 0, inode ? MINOR(inode->i_sb->s_dev) : 0,
		   inode ? inode->i_ino : 0);
	if (vma->vm_file) {
		seq_pad(m, start);
		seq_file_path(m, vma->vm_file);
	} else if (vma->vm_ops && vma->vm_ops->name) {
		seq_pad(m, start);
		seq_printf(m, "%s", vma->vm_ops->name(vma));
	} else if (vma->vm_start <= mm->brk && vma->vm_end >= mm->start_brk) {
		seq_pad(m, start);
		seq_printf(m, "[heap]");
	} else if (vma->vm_start <= mm->start_stack - 1 && vma->vm_end >= mm->start_stack) {
		seq_pad(m, start);
		seq_printf(m, "[stack]");
	}
	seq_putc(m, '\n');
}

/* Shows every VMA of @p through @show, under the mm's lock. */
static void for_each_vma_of(struct seq_buf *m, struct task_struct *p,
			    void (*show)(struct seq_buf *, const struct vm_area_struct *,
					 const struct mm_struct *))
{
	struct mm_struct *mm = get_task_mm(p);
	struct vm_area_struct *vma;

	if (!mm)
		return;
	mutex_lock(&mm->mmap_lock);	/* open() holds no mmap_lock: safe for self too */
	list_for_each_entry(vma, &mm->mmap_list, vm_list)
		show(m, vma, mm);
	mutex_unlock(&mm->mmap_lock);
	mmput(mm);
}

void proc_show_maps(struct seq_buf *m, struct task_struct *p)
{
	for_each_vma_of(m, p, show_map_vma);
}

/* ---- smaps ---- */

/* What smaps counts, in bytes; pss in bytes << PSS_SHIFT for precision. */
#define PSS_SHIFT	12
struct mem_size_stats {
	unsigned long resident, shared_clean, shared_dirty, private_clean, private_dirty;
	unsigned long referenced, anonymous;
	u64 pss, pss_dirty, pss_anon, pss_file;
	u64 pss_locked;			/* the pss of VM_LOCKED VMAs */
	unsigned long swap;		/* swap PTEs' pages */
	u64 swap_pss;			/* ... each shared by the PTEs naming its slot */
};

/* A swap PTE of the VMA: its page is in swap, shared by every PTE naming the slot. */
static void smaps_account_swap(struct mem_size_stats *mss, pte_t pte, int sharers)
{
	int count = swap_count(pte_to_swp_entry(pte)) + sharers - 1;

	mss->swap += PAGE_SIZE;
	mss->swap_pss += (PAGE_SIZE << PSS_SHIFT) / (count > 1 ? count : 1);
}

/* Accounts one present page mapped by @vma through @pte. */
static void smaps_account(struct mem_size_stats *mss, pte_t pte, int sharers)
{
	struct page *page = pfn_to_page(pte_pfn(pte));
	bool dirty = pte_dirty(pte) || PageDirty(page);
	int mapcount = page_mapcount(page) + sharers - 1;	/* a table shared by fork */
	unsigned long pss = PAGE_SIZE << PSS_SHIFT;	/* 2^24: fits, divides in 32 bits */

	mss->resident += PAGE_SIZE;
	if (pte_young(pte))
		mss->referenced += PAGE_SIZE;
	if (page == zero_page)
		return;		/* Linux counts the zero page as resident only */
	if (PageAnon(page))
		mss->anonymous += PAGE_SIZE;
	if (mapcount >= 2) {
		pss /= mapcount;
		if (dirty)
			mss->shared_dirty += PAGE_SIZE;
		else
			mss->shared_clean += PAGE_SIZE;
	} else if (dirty) {
		mss->private_dirty += PAGE_SIZE;
	} else {
		mss->private_clean += PAGE_SIZE;
	}
	mss->pss += pss;
	if (dirty)
		mss->pss_dirty += pss;
	if (PageAnon(page))
		mss->pss_anon += pss;
	else
		mss->pss_file += pss;
}

/* Accounts every present page of @vma, one page table at a time.  mmap_lock held. */
static void smaps_gather(struct mem_size_stats *mss, const struct vm_area_struct *vma)
{
	unsigned long addr = vma->vm_start, next;
	u64 pss_before = mss->pss;

	do {
		pgd_t *pgd = pgd_offset(vma->vm_mm, addr);

		next = pgd_addr_end(addr, vma->vm_end);
		if (pgd_none(*pgd))
			continue;
		for (unsigned long a = addr; a != next; a += PAGE_SIZE) {
			pte_t pte = *pte_offset(pgd, a);

			if (pte_present(pte))
				smaps_account(mss, pte, pgd_sharers(*pgd));
			else if (is_swap_pte(pte))
				smaps_account_swap(mss, pte, pgd_sharers(*pgd));
		}
	} while (addr = next, addr != vma->vm_end);
	if (vma->vm_flags & VM_LOCKED)
		mss->pss_locked += mss->pss - pss_before;
}

static void seq_kb(struct seq_buf *m, const char *name, unsigned long bytes)
{
	seq_printf(m, "%-16s%8lu kB\n", name, bytes >> 10);
}

/* The counters smaps and smaps_rollup share, from Rss to Locked. */
static void show_smap_counts(struct seq_buf *m, const struct mem_size_stats *mss, bool rollup)
{
	seq_kb(m, "Rss:", mss->resident);
	seq_kb(m, "Pss:", mss->pss >> PSS_SHIFT);
	seq_kb(m, "Pss_Dirty:", mss->pss_dirty >> PSS_SHIFT);
	if (rollup) {
		seq_kb(m, "Pss_Anon:", mss->pss_anon >> PSS_SHIFT);
		seq_kb(m, "Pss_File:", mss->pss_file >> PSS_SHIFT);
		seq_kb(m, "Pss_Shmem:", 0);
	}
	seq_kb(m, "Shared_Clean:", mss->shared_clean);
	seq_kb(m, "Shared_Dirty:", mss->shared_dirty);
	seq_kb(m, "Private_Clean:", mss->private_clean);
	seq_kb(m, "Private_Dirty:", mss->private_dirty);
	seq_kb(m, "Referenced:", mss->referenced);
	seq_kb(m, "Anonymous:", mss->anonymous);
	seq_kb(m, "LazyFree:", 0);
	seq_kb(m, "AnonHugePages:", 0);
	seq_kb(m, "ShmemPmdMapped:", 0);
	seq_kb(m, "FilePmdMapped:", 0);
	seq_kb(m, "Shared_Hugetlb:", 0);
	seq_kb(m, "Private_Hugetlb:", 0);
	seq_kb(m, "Swap:", mss->swap);
	seq_kb(m, "SwapPss:", mss->swap_pss >> PSS_SHIFT);
	seq_kb(m, "Locked:", mss->pss_locked >> PSS_SHIFT);
}

/* VmFlags: Linux's two-letter names of the flags Linnet has. */
static void show_vm_flags(struct seq_buf *m, unsigned long flags)
{
	static const struct { unsigned long flag; char name[3]; } names[] = {
		{ VM_READ, "rd" }, { VM_WRITE, "wr" }, { VM_EXEC, "ex" }, { VM_SHARED, "sh" },
		{ VM_MAYREAD, "mr" }, { VM_MAYWRITE, "mw" }, { VM_MAYEXEC, "me" },
		{ VM_MAYSHARE, "ms" }, { VM_GROWSDOWN, "gd" }, { VM_LOCKED, "lo" },
		{ VM_SEQ_READ, "sr" }, { VM_RAND_READ, "rr" }, { VM_DONTCOPY, "dc" },
		{ VM_DONTEXPAND, "de" }, { VM_ACCOUNT, "ac" }, { VM_NORESERVE, "nr" },
		{ VM_WIPEONFORK, "wf" }, { VM_DONTDUMP, "dd" },
	};

	seq_printf(m, "VmFlags:");
	for (size_t i = 0; i < ARRAY_SIZE(names); i++)
		if (flags & names[i].flag)
			seq_printf(m, " %s", names[i].name);
	seq_putc(m, '\n');
}

static void show_smap(struct seq_buf *m, const struct vm_area_struct *vma,
		      const struct mm_struct *mm)
{
	struct mem_size_stats mss = { 0 };

	smaps_gather(&mss, vma);
	show_map_vma(m, vma, mm);
	seq_kb(m, "Size:", vma->vm_end - vma->vm_start);
	seq_kb(m, "KernelPageSize:", PAGE_SIZE);
	seq_kb(m, "MMUPageSize:", PAGE_SIZE);
	show_smap_counts(m, &mss, false);
	seq_printf(m, "%-16s%d\n", "THPeligible:", 0);
	show_vm_flags(m, vma->vm_flags);
}

void proc_show_smaps(struct seq_buf *m, struct task_struct *p)
{
	for_each_vma_of(m, p, show_smap);
}

/* smaps_rollup: the sums over every VMA, under a "[rollup]" maps-style line. */
void proc_show_smaps_rollup(struct seq_buf *m, struct task_struct *p)
{
	struct mm_struct *mm = get_task_mm(p);
	struct mem_size_stats mss = { 0 };
	struct vm_area_struct *vma;
	unsigned long start = 0, end = 0;
	size_t line;

	if (!mm)
		return;
	mutex_lock(&mm->mmap_lock);
	list_for_each_entry(vma, &mm->mmap_list, vm_list) {
		smaps_gather(&mss, vma);
		start = start ? start : vma->vm_start;
		end = vma->vm_end;
	}
	mutex_unlock(&mm->mmap_lock);
	mmput(mm);
	line = m->len;
	seq_printf(m, "%08lx-%08lx ---p 00000000 00:00 0 ", start, end);
	seq_pad(m, line);
	seq_printf(m, "[rollup]\n");
	show_smap_counts(m, &mss, true);
}

/* ---- pagemap ---- */

#define PM_CHUNK		512		/* entries per locked pass */

/*
 * A swap PTE's entry: PM_SWAP with the type in bits 0-4 and the slot
 * offset above them, as Linux (no soft-dirty bit on i386).
 */
static u64 pagemap_swap_entry(pte_t pte)
{
	swp_entry_t entry = pte_to_swp_entry(pte);

	return PM_SWAP | ((swp_type(entry) | ((u64)swp_offset(entry) << MAX_SWAPFILES_SHIFT)) &
			  PM_PFN_MASK);
}

/*
 * The entry for @addr: 0 if nothing is mapped there (soft-dirty reads
 * 0); a swap entry (above); else present, the frame,
 * "file" for page-cache and shared-anonymous pages, "exclusive" when this
 * is the page's only mapping.  The zero page is present with no flags.
 */
static u64 pagemap_entry(struct mm_struct *mm, unsigned long addr)
{
	struct page *page = proc_present_page(mm, addr);
	u64 e;

	if (!page) {
		pte_t *pte = proc_pte(mm, addr);

		return pte && is_swap_pte(*pte) ? pagemap_swap_entry(*pte) : 0;
	}
	e = PM_PRESENT | (page_to_pfn(page) & PM_PFN_MASK);
	if (page == zero_page)
		return e;
	if (!PageAnon(page))
		e |= PM_FILE;
	if (page_mapcount(page) == 1 && pgd_sharers(*pgd_offset(mm, addr)) == 1)
		e |= PM_MMAP_EXCLUSIVE;
	return e;
}

/* Fills @buf with @n entries from virtual page @vpn on. */
static void pagemap_fill(struct mm_struct *mm, u64 *buf, unsigned long vpn, size_t n)
{
	mutex_lock(&mm->mmap_lock);
	for (size_t i = 0; i < n; i++)
		buf[i] = pagemap_entry(mm, (vpn + i) << PAGE_SHIFT);
	mutex_unlock(&mm->mmap_lock);
}

/* The mm of the file's process, referenced; NULL if it has none any more. */
static struct mm_struct *proc_file_mm(struct file *f)
{
	struct task_struct *p = proc_task(f->f_inode);

	return p ? get_task_mm(p) : NULL;
}

/* Entries for user space only: reads at or past TASK_SIZE's entry are EOF. */
static ssize_t pagemap_read(struct file *f, char __user *ubuf, size_t count, loff_t *pos)
{
	struct mm_struct *mm;
	u64 *buf;
	ssize_t done = 0;

	if ((*pos % PM_ENTRY_BYTES) || (count % PM_ENTRY_BYTES))
		return -EINVAL;
	mm = proc_file_mm(f);
	if (!mm)
		return 0;
	buf = kmalloc(PM_CHUNK * PM_ENTRY_BYTES, GFP_KERNEL);
	while (buf && count) {
		u64 vpn = *pos / PM_ENTRY_BYTES;
		size_t n = min_t(size_t, count / PM_ENTRY_BYTES, PM_CHUNK);

		if (vpn >= TASK_SIZE >> PAGE_SHIFT)
			break;
		n = min_t(u64, n, (TASK_SIZE >> PAGE_SHIFT) - vpn);
		pagemap_fill(mm, buf, vpn, n);
		if (copy_to_user(ubuf + done, buf, n * PM_ENTRY_BYTES)) {
			done = done ? done : -EFAULT;
			break;
		}
		done += n * PM_ENTRY_BYTES;
		count -= n * PM_ENTRY_BYTES;
		*pos += n * PM_ENTRY_BYTES;
	}
	if (!buf)
		done = -ENOMEM;
	kfree(buf);
	mmput(mm);
	return done;
}

static int proc_binary_open(struct inode *inode, struct file *f)
{
	return proc_task(inode) ? 0 : -ESRCH;
}

const struct file_operations proc_pagemap_ops = {
	.open = proc_binary_open,
	.read = pagemap_read,
	.llseek = generic_file_llseek,
};

/* ---- mem ---- */

/*
 * May mem write into @vma?  Where the process may, and, with @force as
 * ptrace's forced writes, into a readable private mapping it could make
 * writable (VM_MAYWRITE): the write goes to the process's own copy of
 * the page.
 */
static bool mem_may_write(const struct vm_area_struct *vma, bool force, bool *forced)
{
	unsigned long f = vma->vm_flags;

	*forced = !(f & VM_WRITE);
	return (f & VM_WRITE) ||
	       (force && (f & VM_READ) && (f & VM_MAYWRITE) && !(f & VM_SHARED));
}

/* Is the page behind @pte ready for this access (a forced write: a private copy)? */
static bool mem_pte_ready(pte_t pte, bool write, bool forced)
{
	struct page *page;

	if (!pte_present(pte))
		return false;
	if (!write || pte_write(pte))
		return true;
	page = pfn_to_page(pte_pfn(pte));
	return forced && PageAnon(page) && page != zero_page && page_count(page) == 1;
}

/*
 * The page at @addr, faulted in for reading or writing as the target's
 * own access would be (or, with @force, forced: see mem_may_write),
 * referenced; NULL where it cannot be.  mmap_lock held.
 */
static struct page *mem_get_page(struct mm_struct *mm, unsigned long addr, bool write,
				 bool force)
{
	struct vm_area_struct *vma = find_vma(mm, addr);
	bool forced = false;

	if (!vma || vma->vm_start > addr ||
	    !(write ? mem_may_write(vma, force, &forced) : (vma->vm_flags & VM_READ)))
		return NULL;
	for (int tries = 0; tries < 2; tries++) {
		pte_t *pte = proc_pte(mm, addr);

		/* A write under a table shared by fork faults first: it unshares. */
		if (pte && !(write && pgd_maybe_shared(*pgd_offset(mm, addr))) &&
		    mem_pte_ready(*pte, write, forced)) {
			struct page *page = pfn_to_page(pte_pfn(*pte));

			get_page(page);
			return page;
		}
		if (handle_mm_fault(vma, addr, write ? FAULT_FLAG_WRITE : 0) & VM_FAULT_ERROR)
			return NULL;
	}
	return NULL;
}

/*
 * Copies @n bytes between @buf and @addr of @mm (in one page).  false if
 * unmapped, or not accessible that way (unless @force: ptrace's rules).
 * /proc/<pid>/mem, ptrace's PEEK/POKE, process_vm_readv/writev.
 */
bool access_remote_page_flags(struct mm_struct *mm, unsigned long addr, char *buf, size_t n,
			      bool write, bool force)
{
	struct page *page;

	mutex_lock(&mm->mmap_lock);
	page = mem_get_page(mm, addr, write, force);
	if (page) {
		char *kaddr = (char *)page_address(page) + (addr & ~PAGE_MASK);

		if (write) {
			memcpy(kaddr, buf, n);
			if (!PageAnon(page))
				SetPageDirty(page);
		} else {
			memcpy(buf, kaddr, n);
		}
		put_page(page);
	}
	mutex_unlock(&mm->mmap_lock);
	return page != NULL;
}

bool access_remote_page(struct mm_struct *mm, unsigned long addr, char *buf, size_t n, bool write)
{
	return access_remote_page_flags(mm, addr, buf, n, write, true);
}

/* One page-sized step of a mem read or write; bytes moved or -errno. */
static ssize_t mem_step(struct mm_struct *mm, char *kbuf, char __user *ubuf, size_t count,
			loff_t pos, bool write)
{
	size_t n = min_t(size_t, count, PAGE_SIZE - (pos & ~PAGE_MASK));

	if (pos >= TASK_SIZE)
		return -EIO;
	if (write && copy_from_user(kbuf, ubuf, n))
		return -EFAULT;
	if (!access_remote_page(mm, pos, kbuf, n, write))
		return -EIO;
	if (!write && copy_to_user(ubuf, kbuf, n))
		return -EFAULT;
	return n;
}

/*
 * read/write of /proc/<pid>/mem at the file position as an address.
 * Writes into a private page shared after fork break COW through the
 * ordinary write fault.  -EIO if the first byte is not accessible.
 */
static ssize_t mem_rw(struct file *f, char __user *ubuf, size_t count, loff_t *pos, bool write)
{
	struct mm_struct *mm = proc_file_mm(f);
	char *kbuf;
	ssize_t done = 0, n = 0;

	if (!mm)
		return 0;		/* the process has no memory any more */
	kbuf = kmalloc(PAGE_SIZE, GFP_KERNEL);
	if (!kbuf)
		n = -ENOMEM;
	while (kbuf && done < (ssize_t)count) {
		n = mem_step(mm, kbuf, ubuf + done, count - done, *pos, write);
		if (n <= 0)
			break;
		done += n;
		*pos += n;
	}
	kfree(kbuf);
	mmput(mm);
	return done ? done : n;
}

static ssize_t mem_read(struct file *f, char __user *buf, size_t count, loff_t *pos)
{
	return mem_rw(f, buf, count, pos, false);
}

static ssize_t mem_write(struct file *f, const char __user *buf, size_t count, loff_t *pos)
{
	return mem_rw(f, (char __user *)buf, count, pos, true);
}

const struct file_operations proc_mem_ops = {
	.open = proc_binary_open,
	.read = mem_read,
	.write = mem_write,
	.llseek = generic_file_llseek,
};
