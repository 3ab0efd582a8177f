/*
 * Fault-around: a read fault in a file VMA also maps the neighbouring
 * pages that are already in the page cache, so a program reading a
 * mapped file (exec'd text above all) takes one fault per 64 KiB instead
 * of one per page.
 *
 * The window, as Linux 6.1's: fault_around_bytes (a power of two, 4 KiB
 * to one page table; 64 KiB by default) aligned down from the fault,
 * but not below the VMA's start; from there at most that many bytes,
 * ending at the VMA's end or the page table's, whichever comes first.
 * The VMA's ->map_pages maps what is cached, uptodate and unlocked there
 * (filemap_map_pages), read-only for a private VMA and for a shared one
 * that tracks dirtying (set_file_ptes_around), and starts no I/O.  If that
 * included the faulting page the fault is done; if not, ->fault reads it
 * as before.  The fault counts once (min_flt, pgfault), as on Linux.
 *
 * /sys/kernel/debug/fault_around_bytes (0644) reads the value; writing a
 * number (kstrtoull base 0) sets it as Linux does: above one page table
 * (PTRS_PER_PTE pages) -EINVAL, else rounded down to a power of two, and
 * a page or less is one page, which turns fault-around off.
 *
 * Locking: the fault's mmap_lock covers the PTEs; the value is read once
 * per fault (a concurrent write takes effect at the next one).
 */
#include <linux-ish/kernel.h>
#include <linux-ish/errno.h>
#include <linux-ish/mm.h>
#include <linux-ish/proc_fs.h>
#include <asm/pgtable.h>
#include "internal.h"

static unsigned long fault_around_bytes = 64 * 1024;

bool do_fault_around(struct vm_area_struct *vma, pte_t *pte, unsigned long address,
		     pgoff_t pgoff)
{
	unsigned long bytes = READ_ONCE(fault_around_bytes);
	unsigned long start, end, before;
	struct vm_fault vmf = { .vma = vma, .flags = 0 };

	if (bytes <= PAGE_SIZE || !vma->vm_ops->map_pages)
		return false;
	start = max(address & ~(bytes - 1), vma->vm_start);
	end = pgd_addr_end(start, vma->vm_end);	/* the VMA's or the table's end */
	if (end - start > bytes)
		end = start + bytes;
	/* start and address lie in one aligned window, so in one page table */
	before = (address - start) >> PAGE_SHIFT;
	vmf.address = start;
	vmf.pgoff = pgoff - before;
	vmf.pte = pte - before;
	vma->vm_ops->map_pages(&vmf, vmf.pgoff + ((end - start) >> PAGE_SHIFT) - 1);
	return pte_present(*pte);
}

static void fault_around_show(struct seq_buf *m, void *data)
{
	seq_printf(m, "%lu\n", READ_ONCE(fault_around_bytes));
}

static int fault_around_write(void *data, const char *buf)
{
	unsigned long long val;
	int err = kstrtoull(buf, 0, &val);

	if (err)
		return err;
	if (val / PAGE_SIZE > PTRS_PER_PTE)
		return -EINVAL;
	if (val <= PAGE_SIZE) {
		WRITE_ONCE(fault_around_bytes, PAGE_SIZE);
		return 0;
	}
	while (val & (val - 1))
		val &= val - 1;			/* keep the highest bit */
	WRITE_ONCE(fault_around_bytes, (unsigned long)val);
	return 0;
}

/* debugfs's root fills itself: the knob; best effort, as every debugfs file. */
void fault_around_debugfs(struct dentry *root)
{
	attr_file_create(root, "fault_around_bytes", 0644, fault_around_show,
			 fault_around_write, NULL);
}
