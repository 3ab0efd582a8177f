/*
 * The VMA list of an address space: lookup, insertion, merging,
 * splitting, and the mmap/munmap/brk operations built on them.
 *
 * Invariants (checked by validate_mm() under CONFIG_DEBUG_VM): the list
 * is sorted by address; VMAs do not overlap; every VMA is page aligned
 * and non-empty; map_count is the list's length.
 * Every function here expects mm->mmap_lock held unless it says otherwise.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/errno.h>
#include <linux-ish/fs.h>
#include <linux-ish/init.h>
#include <linux-ish/mm.h>
#include <linux-ish/sysctl.h>
#include <linux-ish/mount.h>
#include <linux-ish/mman.h>
#include <linux-ish/slab.h>
#include <linux-ish/string.h>
#include <linux-ish/err.h>
#include <linux-ish/fdtable.h>
#include <linux-ish/syscalls.h>
#include <linux-ish/uaccess.h>
#include <linux-ish/rmap.h>
#include <asm/setup.h>
#include "internal.h"

/*
 * vm.mmap_min_addr: no mapping below it (Linux's x86 default).  Linux lets
 * CAP_SYS_RAWIO (root) below it; Linnet, with no capabilities, holds
 * everyone to it, and never maps page 0 whatever it is set to.
 */
unsigned long mmap_min_addr = 65536;

/* vm.max_map_count: no mm gets more VMAs (ENOMEM), Linux's default. */
int sysctl_max_map_count = 65530;

unsigned long stack_guard_gap = 256UL << PAGE_SHIFT;

static int __init stack_guard_gap_setup(const char *val)
{
	unsigned long pages;
	int err = kstrtoul(val, 10, &pages);

	if (!err)
		stack_guard_gap = pages << PAGE_SHIFT;
	return err;
}
__setup("stack_guard_gap=", stack_guard_gap_setup);

/* Where @vma's claim begins: a growing stack keeps its guard gap free. */
static unsigned long vm_start_gap(const struct vm_area_struct *vma)
{
	unsigned long start = vma->vm_start;

	if (!(vma->vm_flags & VM_GROWSDOWN))
		return start;
	return start > stack_guard_gap ? start - stack_guard_gap : 0;
}

static unsigned long mmap_floor(void)
{
	return max(PAGE_ALIGN(READ_ONCE(mmap_min_addr)), PAGE_SIZE);
}

/*
 * Linux's vm.max_map_count checks: a new mapping is refused once the mm
 * has more than the limit, a split (which adds @extra = 1) once it has
 * the limit.
 */
bool too_many_maps(const struct mm_struct *mm, int extra)
{
	return mm->map_count + extra > READ_ONCE(sysctl_max_map_count);
}

static struct kmem_cache *vm_area_cachep;

struct vm_area_struct *vm_area_alloc(struct mm_struct *mm)
{
	struct vm_area_struct *vma = kmem_cache_alloc(vm_area_cachep,
						      GFP_KERNEL | __GFP_ZERO);

	if (vma) {
		vma->vm_mm = mm;
		INIT_LIST_HEAD(&vma->vm_list);
	}
	return vma;
}

/* A copy of @orig, not on any list; takes a reference on its file. */
struct vm_area_struct *vm_area_dup(const struct vm_area_struct *orig)
{
	struct vm_area_struct *vma = kmem_cache_alloc(vm_area_cachep, GFP_KERNEL);

	if (!vma)
		return NULL;
	*vma = *orig;
	INIT_LIST_HEAD(&vma->vm_list);
	anon_vma_clone(vma);		/* the copy may map the original's pages */
	if (vma->vm_file)
		get_file(vma->vm_file);
	if (vma->vm_ops && vma->vm_ops->open)
		vma->vm_ops->open(vma);
	return vma;
}

/* Drops the VMA's file reference and frees it.  It must be off the list. */
void vm_area_free(struct vm_area_struct *vma)
{
	if (vma->vm_ops && vma->vm_ops->close)
		vma->vm_ops->close(vma);
	if (vma->vm_file)
		fput(vma->vm_file);
	anon_vma_unlink(vma);
	kmem_cache_free(vm_area_cachep, vma);
}

#define for_each_vma(vma, mm) list_for_each_entry(vma, &(mm)->mmap_list, vm_list)

static struct vm_area_struct *vma_prev(struct mm_struct *mm, struct vm_area_struct *vma)
{
	return vma->vm_list.prev == &mm->mmap_list ? NULL :
		list_entry(vma->vm_list.prev, struct vm_area_struct, vm_list);
}

/*
 * The first VMA that ends above @addr (it may start above @addr too), or
 * NULL.  A miss walks from mmap_cache when that lies below @addr (munmap
 * looks up the VMA mmap linked last, and its end), else from the head.
 */
struct vm_area_struct *find_vma(struct mm_struct *mm, unsigned long addr)
{
	struct vm_area_struct *vma = mm->mmap_cache;
	struct list_head *head = &mm->mmap_list, *pos = head;

	if (vma) {
		if (addr < vma->vm_end) {
			if (vma->vm_start <= addr)
				return vma;
		} else {
			pos = &vma->vm_list;
		}
	}
	for (pos = pos->next; pos != head; pos = pos->next) {
		vma = list_entry(pos, struct vm_area_struct, vm_list);
		if (vma->vm_end > addr) {
			mm->mmap_cache = vma;
			return vma;
		}
	}
	return NULL;
}

/*
 * The one place total_vm and the commit charge change: by @npages
 * (negative to shrink) when the pages covered by @vma grow or shrink.  A
 * split or a merge covers the same pages as before and does not come here.
 */
void vm_stat_account(struct mm_struct *mm, const struct vm_area_struct *vma, long npages)
{
	if (npages < 0 && mm->hiwater_vm < mm->total_vm)
		mm->hiwater_vm = mm->total_vm;		/* about to fall: keep the mark */
	mm->total_vm += npages;
	if (vma->vm_flags & VM_ACCOUNT)
		vm_acct_memory(npages);
}

/*
 * List and count only: puts @vma before @pos (a list node of @mm, or the
 * list head for the end).  The caller keeps the list sorted and accounts
 * the pages if they are new.
 */
static void __vma_link(struct mm_struct *mm, struct vm_area_struct *vma,
		       struct list_head *pos)
{
	list_add_tail(&vma->vm_list, pos);
	mm->map_count++;
}

/* A cached @vma leaves the one before it cached: lookups above start there. */
static void __vma_unlink(struct mm_struct *mm, struct vm_area_struct *vma)
{
	if (mm->mmap_cache == vma)
		mm->mmap_cache = vma_prev(mm, vma);
	list_del(&vma->vm_list);
	mm->map_count--;
}

/* Inserts @vma (not overlapping any VMA of @mm) in address order. */
void vma_link(struct mm_struct *mm, struct vm_area_struct *vma)
{
	struct vm_area_struct *next = find_vma(mm, vma->vm_start);

	VM_BUG_ON(next && next->vm_start < vma->vm_end);
	__vma_link(mm, vma, next ? &next->vm_list : &mm->mmap_list);
	mm->mmap_cache = vma;		/* what mmap's caller looks up next */
	vm_stat_account(mm, vma, vma_pages(vma));
}

/* Appends @vma, which lies above every VMA of @mm (fork copies in order). */
void vma_link_tail(struct mm_struct *mm, struct vm_area_struct *vma)
{
	VM_BUG_ON(!list_empty(&mm->mmap_list) &&
		  list_last_entry(&mm->mmap_list, struct vm_area_struct, vm_list)->vm_end >
		  vma->vm_start);
	__vma_link(mm, vma, &mm->mmap_list);
	vm_stat_account(mm, vma, vma_pages(vma));
}

static void vma_unlink(struct mm_struct *mm, struct vm_area_struct *vma)
{
	__vma_unlink(mm, vma);
	vm_stat_account(mm, vma, -(long)vma_pages(vma));
}

/*
 * Order, size and owner are checked per VMA; alignment and the page
 * total are gathered over the list and checked once at the end (this
 * runs at every mmap, munmap and brk).
 */
void validate_mm(struct mm_struct *mm)
{
	struct vm_area_struct *vma;
	unsigned long prev_end = 0, bytes = 0, edges = 0;
	int count = 0;

	if (!CONFIG_DEBUG_VM)
		return;
	for_each_vma(vma, mm) {
		BUG_ON(vma->vm_start < prev_end || vma->vm_start >= vma->vm_end);
		BUG_ON(vma->vm_mm != mm);
		edges |= vma->vm_start | vma->vm_end;
		bytes += vma->vm_end - vma->vm_start;	/* below TASK_SIZE: no overflow */
		prev_end = vma->vm_end;
		count++;
	}
	BUG_ON(edges & ~PAGE_MASK);	/* a VMA not page aligned */
	BUG_ON(count != mm->map_count);
	BUG_ON(bytes >> PAGE_SHIFT != mm->total_vm);
}

pgprot_t vm_get_page_prot(unsigned long vm_flags)
{
	if (!(vm_flags & VM_ACCESS_FLAGS))
		return PAGE_NONE;	/* pages kept, every access faults and is refused */
	if (vm_flags & VM_WRITE)
		return (vm_flags & VM_SHARED) ? PAGE_SHARED : PAGE_COPY;
	return PAGE_READONLY;
}

/* Can @b be glued onto the end of @a (same kind, contiguous, same backing)? */
static bool vma_mergeable(const struct vm_area_struct *a, const struct vm_area_struct *b)
{
	if (a->vm_end != b->vm_start || a->vm_flags != b->vm_flags ||
	    a->vm_file != b->vm_file || a->vm_ops != b->vm_ops ||
	    a->vm_private_data != b->vm_private_data || !anon_vma_mergeable(a, b))
		return false;
	return !a->vm_file || a->vm_pgoff + vma_pages(a) == b->vm_pgoff;
}

/* Absorbs @next into @vma (which grows); @next is freed. */
static void vma_absorb_next(struct mm_struct *mm, struct vm_area_struct *vma,
			    struct vm_area_struct *next)
{
	__vma_unlink(mm, next);
	anon_vma_merge(vma, next);
	vma->vm_end = next->vm_end;
	vma->vm_anon_pages |= next->vm_anon_pages;
	vma->vm_faulted |= next->vm_faulted;
	vm_area_free(next);
}

/* Merges @vma with its neighbours where compatible; returns the survivor. */
struct vm_area_struct *vma_merge_neighbours(struct mm_struct *mm, struct vm_area_struct *vma)
{
	struct vm_area_struct *next = vma_next(mm, vma), *prev = vma_prev(mm, vma);

	if (next && vma_mergeable(vma, next))
		vma_absorb_next(mm, vma, next);
	if (prev && vma_mergeable(prev, vma)) {
		vma_absorb_next(mm, prev, vma);
		vma = prev;
	}
	return vma;
}

/*
 * Splits @vma at @addr into [start, addr) and [addr, end); @vma keeps the
 * lower part and a new VMA takes the upper.  0 or -ENOMEM (nothing done).
 */
static int __split_vma(struct mm_struct *mm, struct vm_area_struct *vma, unsigned long addr)
{
	struct vm_area_struct *upper;

	VM_BUG_ON(addr <= vma->vm_start || addr >= vma->vm_end);
	upper = vm_area_dup(vma);
	if (!upper)
		return -ENOMEM;
	upper->vm_start = addr;
	upper->vm_pgoff += (addr - vma->vm_start) >> PAGE_SHIFT;
	vma->vm_end = addr;
	__vma_link(mm, upper, vma->vm_list.next);
	return 0;
}

/* As __split_vma, refused (-ENOMEM) once the mm has vm.max_map_count VMAs. */
int split_vma(struct mm_struct *mm, struct vm_area_struct *vma, unsigned long addr)
{
	return too_many_maps(mm, 1) ? -ENOMEM : __split_vma(mm, vma, addr);
}

/* Every byte of [start, end) must be mapped.  0 or -ENOMEM. */
int range_fully_mapped(struct mm_struct *mm, unsigned long start, unsigned long end)
{
	struct vm_area_struct *vma;
	unsigned long at = start;

	for_each_vma_range(vma, mm, start, end) {
		if (vma->vm_start > at)
			break;		/* a hole at @at */
		at = vma->vm_end;
	}
	return at >= end ? 0 : -ENOMEM;
}

/* Splits the VMAs straddling @start and @end so the range has exact edges. */
int split_range(struct mm_struct *mm, unsigned long start, unsigned long end)
{
	struct vm_area_struct *vma = find_vma(mm, start);

	if (vma && vma->vm_start < start && vma->vm_end > start) {
		int err = split_vma(mm, vma, start);

		if (err)
			return err;
	}
	vma = find_vma(mm, end);
	if (vma && vma->vm_start < end && vma->vm_end > end)
		return split_vma(mm, vma, end);
	return 0;
}

/*
 * Lowest free gap of @len bytes at or above @low, ending below the
 * stack's reserve, or 0.
 */
static unsigned long unmapped_area(struct mm_struct *mm, unsigned long low, unsigned long len)
{
	unsigned long addr = low;
	struct vm_area_struct *vma;

	for_each_vma(vma, mm) {
		if (vma->vm_end <= addr)
			continue;
		if (vm_start_gap(vma) >= addr + len && addr + len > addr)
			break;
		addr = vma->vm_end;
	}
	if (addr + len < addr || addr + len > mm->start_stack - STACK_RLIMIT_DEFAULT)
		return 0;
	return addr;
}

/* Highest free gap of @len bytes ending at or below mm->mmap_base, or 0. */
static unsigned long unmapped_area_topdown(struct mm_struct *mm, unsigned long len)
{
	unsigned long end = mm->mmap_base, floor = mmap_floor();
	struct list_head *pos;

	for (pos = mm->mmap_list.prev; pos != &mm->mmap_list; pos = pos->prev) {
		struct vm_area_struct *vma = list_entry(pos, struct vm_area_struct, vm_list);

		if (vma->vm_end < end && end - vma->vm_end >= len)
			return end - len;
		end = min(end, vm_start_gap(vma));
		if (end < floor + len)
			return 0;
	}
	return end >= floor + len ? end - len : 0;
}

/*
 * Where mmap(NULL) puts @len bytes: by the mm's layout (arch/x86/mm/mmap.c),
 * top-down from mmap_base and, that failing, bottom-up above
 * TASK_UNMAPPED_BASE as Linux's fallback; or bottom-up from mmap_base
 * (TASK_UNMAPPED_BASE for an mm exec never set up).  0 if nothing fits.
 */
static unsigned long get_unmapped_area(struct mm_struct *mm, unsigned long len)
{
	unsigned long addr;

	if (!mm->mmap_topdown)
		return unmapped_area(mm, mm->mmap_base ?: TASK_UNMAPPED_BASE, len);
	addr = unmapped_area_topdown(mm, len);
	return addr ?: unmapped_area(mm, TASK_UNMAPPED_BASE, len);
}

bool range_is_free(struct mm_struct *mm, unsigned long start, unsigned long end)
{
	struct vm_area_struct *vma = find_vma(mm, start);

	return !vma || vma->vm_start >= end;
}

/* Removes every VMA in [start, end) (edges already split). */
static void unmap_vmas(struct mm_struct *mm, unsigned long start, unsigned long end)
{
	struct vm_area_struct *vma = find_vma(mm, start), *next;

	while (vma && vma->vm_start < end) {
		next = vma_next(mm, vma);
		zap_page_range(vma, vma->vm_start, vma->vm_end);
		vma_unlink(mm, vma);
		vm_area_free(vma);
		vma = next;
	}
	free_pgtables(mm, start, end);
}

/*
 * munmap's splits, with Linux's one max_map_count check: only a hole in
 * the middle of a VMA leaves the mm with more VMAs than before, and it is
 * refused once the mm has the limit.
 */
static int munmap_split(struct mm_struct *mm, unsigned long start, unsigned long end)
{
	struct vm_area_struct *vma = find_vma(mm, start);

	if (vma && vma->vm_start < start) {
		int err;

		if (end < vma->vm_end && too_many_maps(mm, 1))
			return -ENOMEM;
		err = __split_vma(mm, vma, start);
		if (err)
			return err;
	}
	vma = find_vma(mm, end);
	if (vma && vma->vm_start < end && vma->vm_end > end)
		return __split_vma(mm, vma, end);
	return 0;
}

/* munmap(): 0, -EINVAL for a bad range, -ENOMEM if a split failed. */
int do_munmap(struct mm_struct *mm, unsigned long start, size_t len)
{
	unsigned long end;
	int err;

	if ((start & ~PAGE_MASK) || !len || start >= TASK_SIZE)
		return -EINVAL;
	end = PAGE_ALIGN(start + len);
	if (end > TASK_SIZE || end <= start)
		return -EINVAL;
	err = munmap_split(mm, start, end);
	if (err)
		return err;
	err = unshare_pte_range(mm, start, end, true);	/* page tables shared by fork */
	if (err)
		return err;
	unmap_vmas(mm, start, end);
	validate_mm(mm);
	return 0;
}

static unsigned long calc_vm_flags(unsigned long prot, unsigned long flags)
{
	unsigned long vm_flags = VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC;

	if (prot & PROT_READ)
		vm_flags |= VM_READ;
	if (prot & PROT_WRITE)
		vm_flags |= VM_WRITE;
	if (prot & PROT_EXEC)
		vm_flags |= VM_EXEC;
	if ((flags & MAP_TYPE) != MAP_PRIVATE)
		vm_flags |= VM_SHARED | VM_MAYSHARE;
	if (flags & MAP_GROWSDOWN)
		vm_flags |= VM_GROWSDOWN;
	if (flags & MAP_LOCKED)
		vm_flags |= VM_LOCKED;
	/* Mode 2 charges everything: there MAP_NORESERVE means nothing (Linux). */
	if ((flags & MAP_NORESERVE) && READ_ONCE(sysctl_overcommit_memory) != OVERCOMMIT_NEVER)
		vm_flags |= VM_NORESERVE;
	if (accountable_mapping(vm_flags))
		vm_flags |= VM_ACCOUNT;
	return vm_flags;
}

/* Pages of VMAs inside [start, end). */
static unsigned long mapped_pages_in(struct mm_struct *mm, unsigned long start,
				     unsigned long end)
{
	struct vm_area_struct *vma;
	unsigned long n = 0;

	for_each_vma_range(vma, mm, start, end)
		n += (min(vma->vm_end, end) - max(vma->vm_start, start)) >> PAGE_SHIFT;
	return n;
}

/* RLIMIT_AS: may the current task's @mm grow by @npages? */
bool may_expand_vm(struct mm_struct *mm, unsigned long npages)
{
	return mm->total_vm + npages <= rlimit(RLIMIT_AS) >> PAGE_SHIFT;
}

/* @hint if it is page aligned and [hint, hint + len) free, else the lowest gap; 0 if none. */
unsigned long get_unmapped_area_hint(struct mm_struct *mm, unsigned long hint,
				     unsigned long len)
{
	if (hint && !(hint & ~PAGE_MASK) && hint >= mmap_floor() && hint <= TASK_SIZE - len) {
		struct vm_area_struct *next = find_vma(mm, hint);

		/* As the search: the hint may not reach into a growing VMA's guard gap. */
		if (!next || vm_start_gap(next) >= hint + len)
			return hint;
	}
	return get_unmapped_area(mm, len);
}

/* Checks flags and picks the address; returns it or -errno. */
static long mmap_check(struct mm_struct *mm, unsigned long addr, unsigned long len,
		       unsigned long prot, unsigned long flags)
{
	unsigned long type = flags & MAP_TYPE;

	if (type != MAP_SHARED && type != MAP_PRIVATE && type != MAP_SHARED_VALIDATE)
		return -EINVAL;
	/* Bits 26-31 carry a huge-page size; only MAP_HUGETLB gives them meaning. */
	if (type == MAP_SHARED_VALIDATE && (flags & ~MAP_KNOWN_FLAGS & ((1UL << 26) - 1)))
		return -EOPNOTSUPP;
	if (prot & ~(PROT_READ | PROT_WRITE | PROT_EXEC))
		return -EINVAL;
	if (flags & MAP_HUGETLB)
		return -EINVAL;
	if (flags & (MAP_FIXED | MAP_FIXED_NOREPLACE)) {
		if (addr & ~PAGE_MASK)
			return -EINVAL;
		if (addr < mmap_floor())
			return -EPERM;
		if (addr > TASK_SIZE - len)
			return -ENOMEM;
		if ((flags & MAP_FIXED_NOREPLACE) && !range_is_free(mm, addr, addr + len))
			return -EEXIST;
		return addr;
	}
	addr = get_unmapped_area_hint(mm, addr, len);
	return addr ? (long)addr : -ENOMEM;
}

/*
 * mmap() for the current mm (mmap_lock held).  Returns the address or
 * -errno.  @file (referenced by the caller) backs the mapping, or NULL
 * for anonymous memory; shared anonymous memory arrives here already
 * turned into a shmem file by the caller.
 */
unsigned long do_mmap(struct file *file, unsigned long addr, unsigned long len,
		      unsigned long prot, unsigned long flags, unsigned long pgoff)
{
	struct mm_struct *mm = current->mm;
	struct vm_area_struct *vma;
	unsigned long vm_flags;
	long ret;

	if (!len)
		return -EINVAL;
	len = PAGE_ALIGN(len);
	if (!len || len > TASK_SIZE)
		return -ENOMEM;
	if (pgoff + (len >> PAGE_SHIFT) < pgoff)
		return -EOVERFLOW;
	if (too_many_maps(mm, 0))
		return -ENOMEM;
	ret = mmap_check(mm, addr, len, prot, flags);
	if (ret < 0 && ret >= -MAX_ERRNO)
		return ret;
	addr = ret;
	if (!may_expand_vm(mm, (len >> PAGE_SHIFT) - ((flags & MAP_FIXED) ?
			   mapped_pages_in(mm, addr, addr + len) : 0)))
		return -ENOMEM;
	vm_flags = calc_vm_flags(prot, flags) | mm->def_flags;	/* mlockall(MCL_FUTURE) */
	if (file) {
		ret = file_mmap_check(file, vm_flags);
		if (ret)
			return ret;
		vm_flags |= VM_FILE;
		/* A shared mapping writes the file; a private one only copies it. */
		if ((vm_flags & VM_SHARED) && !(file->f_mode & FMODE_WRITE))
			vm_flags &= ~(VM_MAYWRITE | VM_MAYSHARE);
		if (file->f_path.mnt->mnt_flags & MNT_NOEXEC)
			vm_flags &= ~VM_MAYEXEC;
	}
	vma = vm_area_alloc(mm);
	if (!vma)
		return -ENOMEM;
	if ((flags & MAP_FIXED) && !(flags & MAP_FIXED_NOREPLACE)) {
		ret = do_munmap(mm, addr, len);
		if (ret) {
			vm_area_free(vma);
			return ret;
		}
	}
	/* After the unmap, as Linux: what MAP_FIXED replaces is uncharged first. */
	if ((vm_flags & VM_ACCOUNT) && vm_enough_memory(mm, len >> PAGE_SHIFT)) {
		vm_area_free(vma);
		return -ENOMEM;
	}
	vma->vm_start = addr;
	vma->vm_end = addr + len;
	vma->vm_flags = vm_flags;
	vma->vm_page_prot = vm_get_page_prot(vm_flags);
	vma->vm_pgoff = pgoff;
	if (file) {
		vma->vm_file = get_file(file);
		ret = file->f_op->mmap(file, vma);
		if (ret) {
			vm_area_free(vma);
			return ret;
		}
	}
	vma_link(mm, vma);
	/*
	 * Populate before merging: while the VMA is exactly [addr, addr+len),
	 * undoing it needs no split, so the unwind cannot fail for want of
	 * memory in its turn.
	 */
	if ((flags & MAP_POPULATE || (vm_flags & (VM_LOCKED | VM_LOCKONFAULT)) == VM_LOCKED) &&
	    (vm_flags & VM_ACCESS_FLAGS) && populate_range(vma, addr, addr + len)) {
		do_munmap(mm, addr, len);
		return -ENOMEM;
	}
	vma_merge_neighbours(mm, vma);
	validate_mm(mm);
	return addr;
}

/* The stack VMA grows down to cover @address, within RLIMIT_STACK. 0 or -ENOMEM. */
int expand_stack(struct vm_area_struct *vma, unsigned long address)
{
	struct mm_struct *mm = vma->vm_mm;
	struct vm_area_struct *prev = vma_prev(mm, vma);
	unsigned long start = address & PAGE_MASK;

	if (!(vma->vm_flags & VM_GROWSDOWN) || start >= vma->vm_start)
		return -ENOMEM;
	if (vma->vm_end - start > min(rlimit(RLIMIT_STACK), STACK_RLIMIT_DEFAULT) ||
	    start < mmap_floor() || !may_expand_vm(mm, (vma->vm_start - start) >> PAGE_SHIFT))
		return -ENOMEM;
	/* Linux's rule: only an accessible mapping below keeps the gap free. */
	if (prev && !(prev->vm_flags & VM_GROWSDOWN) && (prev->vm_flags & VM_ACCESS_FLAGS) &&
	    start - prev->vm_end < stack_guard_gap)
		return -ENOMEM;
	if ((vma->vm_flags & VM_ACCOUNT) &&
	    vm_enough_memory(mm, (vma->vm_start - start) >> PAGE_SHIFT))
		return -ENOMEM;
	vm_stat_account(mm, vma, (vma->vm_start - start) >> PAGE_SHIFT);
	vma->vm_pgoff -= (vma->vm_start - start) >> PAGE_SHIFT;	/* pages keep their index */
	vma->vm_start = start;
	return 0;
}

/* Tears down every mapping (the last user is gone).  Takes mmap_lock. */
void exit_mmap(struct mm_struct *mm)
{
	struct vm_area_struct *vma, *next;

	/* No user is left; the lock keeps reverse-map walks (mm/rmap.c) out. */
	mutex_lock(&mm->mmap_lock);
	/* Tables still shared with another mm are only let go of, not zapped. */
	drop_shared_tables(mm);

	list_for_each_entry_safe(vma, next, &mm->mmap_list, vm_list) {
		zap_page_range(vma, vma->vm_start, vma->vm_end);
		vma_unlink(mm, vma);
		vm_area_free(vma);
	}
	free_pgtables(mm, 0, TASK_SIZE);
	/*
	 * The tables let go of took their share of the rss with them
	 * uncounted (a fork that failed half-way can leave some under no
	 * VMA, dropped by free_pgtables): nothing is mapped any more.
	 */
	mm->rss_anon = mm->rss_file = 0;
	mm->swap_ents = 0;
	mutex_unlock(&mm->mmap_lock);
}

/* Is [oldbrk, newbrk) free, with a page to spare below the next VMA's claim? */
static bool brk_room(struct mm_struct *mm, unsigned long oldbrk, unsigned long newbrk)
{
	struct vm_area_struct *next = find_vma(mm, oldbrk);

	return !next || newbrk + PAGE_SIZE <= vm_start_gap(next);
}

/* brk(): moves the end of the heap.  Returns the new break, or the old one on failure. */
unsigned long do_brk(struct mm_struct *mm, unsigned long brk)
{
	unsigned long oldbrk = PAGE_ALIGN(mm->brk), newbrk = PAGE_ALIGN(brk);
	struct vm_area_struct *vma;

	if (brk < mm->start_brk || brk >= mm->start_stack - STACK_RLIMIT_DEFAULT)
		return mm->brk;
	if (newbrk < oldbrk) {
		if (do_munmap(mm, newbrk, oldbrk - newbrk))
			return mm->brk;
	} else if (newbrk > oldbrk) {
		if (!brk_room(mm, oldbrk, newbrk) ||
		    !may_expand_vm(mm, (newbrk - oldbrk) >> PAGE_SHIFT) || too_many_maps(mm, 0) ||
		    vm_enough_memory(mm, (newbrk - oldbrk) >> PAGE_SHIFT))
			return mm->brk;
		vma = vm_area_alloc(mm);
		if (!vma)
			return mm->brk;
		vma->vm_start = oldbrk;
		vma->vm_end = newbrk;
		vma->vm_flags = VM_READ | VM_WRITE | VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC |
				VM_ACCOUNT | mm->def_flags;
		vma->vm_page_prot = vm_get_page_prot(vma->vm_flags);
		vma_link(mm, vma);
		vma_merge_neighbours(mm, vma);
	}
	mm->brk = brk;
	validate_mm(mm);
	return brk;
}

void mmap_init(void)
{
	vm_area_cachep = kmem_cache_create("vm_area_struct", sizeof(struct vm_area_struct),
					   0, SLAB_PANIC, NULL);
}

/* ---- system calls ---- */

/* May @f be mapped with @vm_flags?  0, -EACCES, -EPERM (noexec) or -ENODEV. */
int file_mmap_check(struct file *f, unsigned long vm_flags)
{
	/* Linux's order: the access mode is checked before the file's kind. */
	if ((vm_flags & VM_SHARED) && (vm_flags & VM_WRITE) && !(f->f_mode & FMODE_WRITE))
		return -EACCES;
	if (!(f->f_mode & FMODE_READ))
		return -EACCES;
	if ((vm_flags & VM_EXEC) && (f->f_path.mnt->mnt_flags & MNT_NOEXEC))
		return -EPERM;
	if (!f->f_op || !f->f_op->mmap)
		return -ENODEV;
	return 0;
}

void vma_set_anonymous(struct vm_area_struct *vma)
{
	vma->vm_flags &= ~VM_FILE;
	vma->vm_ops = NULL;
	vma->vm_pgoff = vma->vm_start >> PAGE_SHIFT;	/* as an anonymous VMA's */
}

static long ksys_mmap_pgoff(unsigned long addr, unsigned long len, unsigned long prot,
			    unsigned long flags, int fd, unsigned long pgoff)
{
	struct mm_struct *mm = current->mm;
	struct file *file = NULL;
	unsigned long ret;

	if (!(flags & MAP_ANONYMOUS)) {
		file = fget(fd);
		if (!file)
			return -EBADF;
	} else if ((flags & MAP_TYPE) != MAP_PRIVATE) {
		if ((flags & MAP_TYPE) == MAP_SHARED_VALIDATE)
			return -EINVAL;		/* as Linux: validation is for files */
		if (!len)
			return -EINVAL;
		if (len > TASK_SIZE)
			return -ENOMEM;
		file = shmem_file_setup(PAGE_ALIGN(len));	/* shared anonymous memory */
		if (IS_ERR(file))
			return PTR_ERR(file);
		pgoff = 0;
	}
	mutex_lock(&mm->mmap_lock);
	ret = do_mmap(file, addr, len, prot, flags, pgoff);
	mutex_unlock(&mm->mmap_lock);
	if (file)
		fput(file);
	return ret;
}

SYSCALL_DEFINE6(mmap_pgoff, unsigned long, addr, unsigned long, len, unsigned long, prot,
		unsigned long, flags, int, fd, unsigned long, pgoff)
{
	return ksys_mmap_pgoff(addr, len, prot, flags, fd, pgoff);
}

SYSCALL_DEFINE1(old_mmap, struct mmap_arg_struct __user *, arg)
{
	struct mmap_arg_struct a;

	if (copy_from_user(&a, arg, sizeof(a)))
		return -EFAULT;
	if (a.offset & ~PAGE_MASK)
		return -EINVAL;
	return ksys_mmap_pgoff(a.addr, a.len, a.prot, a.flags, a.fd, a.offset >> PAGE_SHIFT);
}

SYSCALL_DEFINE2(munmap, unsigned long, addr, size_t, len)
{
	struct mm_struct *mm = current->mm;
	int ret;

	mutex_lock(&mm->mmap_lock);
	ret = do_munmap(mm, addr, len);
	mutex_unlock(&mm->mmap_lock);
	return ret;
}

SYSCALL_DEFINE1(brk, unsigned long, brk)
{
	struct mm_struct *mm = current->mm;
	unsigned long ret;

	mutex_lock(&mm->mmap_lock);
	ret = do_brk(mm, brk);
	mutex_unlock(&mm->mmap_lock);
	return ret;
}
