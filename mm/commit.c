/*
 * Commit accounting: how much memory processes may count on, and Linux's
 * three overcommit policies (vm.overcommit_memory).
 *
 * A VMA is charged (VM_ACCOUNT) when it is private and writable, or was
 * made writable by mprotect, unless it was mapped MAP_NORESERVE outside
 * mode 2: what a process could write without anyone else's page to
 * share.  Its pages are added to vm_committed_as when it is linked and
 * taken off when it is unlinked (vm_stat_account in mm/mmap.c), so
 * splits and merges change nothing, and Committed_AS in /proc/meminfo is
 * the sum over every mm.  Before a charge grows (mmap, brk, stack growth,
 * mprotect, fork's copies), vm_enough_memory() asks the policy:
 *
 *   0 (guess)  refuse one request larger than RAM + swap;
 *   1 (always) never refuse;
 *   2 (never)  refuse when Committed_AS would reach CommitLimit =
 *              RAM * overcommit_ratio / 100 (or overcommit_kbytes) + swap,
 *              less min(total_vm / 32, user_reserve_kbytes) of the
 *              caller; everyone is root, so no admin reserve applies.
 *
 * Shared anonymous memory (a shmem object) is not charged yet; Linux
 * charges its size once per object.  Linnet has no swap yet.
 *
 * Locking: vm_committed_as is atomic; the sysctls are read once per check.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/errno.h>
#include <linux-ish/mm.h>
#include <linux-ish/swap.h>
#include <linux-ish/sysctl.h>

int sysctl_overcommit_memory;			/* OVERCOMMIT_GUESS */
int sysctl_overcommit_ratio = 50;
unsigned long sysctl_overcommit_kbytes;
unsigned long sysctl_user_reserve_kbytes = 131072;	/* Linux: min(3% of RAM, 128 MiB) */

static atomic_t vm_committed_as = ATOMIC_INIT(0);

unsigned long vm_committed_pages(void)
{
	return (unsigned long)atomic_read(&vm_committed_as);
}

void vm_acct_memory(long pages)
{
	atomic_add(pages, &vm_committed_as);
}

/* CommitLimit in pages. */
unsigned long vm_commit_limit(void)
{
	unsigned long kbytes = READ_ONCE(sysctl_overcommit_kbytes);

	if (kbytes)
		return (kbytes >> (PAGE_SHIFT - 10)) + total_swap_pages;
	return totalram_pages * READ_ONCE(sysctl_overcommit_ratio) / 100 + total_swap_pages;
}

/* May @mm's charge grow by @pages?  0 or -ENOMEM (nothing is charged here). */
int vm_enough_memory(const struct mm_struct *mm, unsigned long pages)
{
	long allowed;

	switch (READ_ONCE(sysctl_overcommit_memory)) {
	case OVERCOMMIT_ALWAYS:
		return 0;
	case OVERCOMMIT_GUESS:
		return pages > totalram_pages + total_swap_pages ? -ENOMEM : 0;
	default:
		allowed = vm_commit_limit();
		if (mm)
			allowed -= min(mm->total_vm / 32,
				       READ_ONCE(sysctl_user_reserve_kbytes) >> (PAGE_SHIFT - 10));
		return (long)(vm_committed_pages() + pages) < allowed ? 0 : -ENOMEM;
	}
}

/* Is a VMA with these flags charged? */
bool accountable_mapping(unsigned long vm_flags)
{
	return (vm_flags & (VM_NORESERVE | VM_SHARED | VM_WRITE)) == VM_WRITE;
}

/* vm.overcommit_ratio and vm.overcommit_kbytes exclude each other, as on Linux. */
int sysctl_store_overcommit_ratio(const struct ctl_table *t, const char *buf)
{
	int err = sysctl_store_int(t, buf);

	if (!err)
		sysctl_overcommit_kbytes = 0;
	return err;
}

int sysctl_store_overcommit_kbytes(const struct ctl_table *t, const char *buf)
{
	int err = sysctl_store_ulong(t, buf);

	if (!err)
		sysctl_overcommit_ratio = 0;
	return err;
}
