/*
 * The memory-management API: the coremap (mem_map), page refcounts, the
 * buddy allocator.  Reference rules:
 *   - alloc_pages() returns a block whose first page has _refcount 1.
 *   - get_page() takes another reference; put_page() drops one and frees
 *     the whole block (order remembered in the head page) at zero.
 *   - __free_pages(page, order) is put_page() with the order spelled out;
 *     the order must match the allocation.
 *   - Only the first page of a block carries a reference; the others have
 *     _refcount 0 and must not be get/put on their own.
 */
#ifndef _LINUX_ISH_MM_H
#define _LINUX_ISH_MM_H

#include <linux-ish/kernel.h>
#include <linux-ish/gfp.h>
#include <linux-ish/mm_types.h>
#include <linux-ish/sched.h>
#include <linux-ish/vmstat.h>
#include <asm/atomic.h>
#include <asm/page.h>

#define NR_PAGE_ORDERS	11		/* orders 0..10: up to 4 MiB blocks */
#define MAX_PAGE_ORDER	(NR_PAGE_ORDERS - 1)

/* Page flags (bit numbers). */
enum pageflags {
	PG_reserved,	/* never allocatable: BIOS, kernel image, mem_map */
	PG_buddy,	/* head of a free block in the buddy allocator */
	PG_slab,	/* owned by a slab cache */
	PG_head,	/* first page of an allocated block of order > 0 */
	PG_locked,
	PG_dirty,
	PG_uptodate,
	PG_anon,	/* private anonymous memory (not page cache) */
	PG_table,	/* a user page directory or page table */
	PG_stack,	/* head of a kernel stack's block */
	PG_large_kmalloc, /* head of a kmalloc block bigger than a page */
	PG_writeback,	/* page-cache page on its way to the backing store */
	PG_error,	/* page-cache page whose last read failed */
	PG_swapcache,	/* in the swap cache, entry in ->private (linux-ish/swap.h) */
	/* The LRU's (mm/swap.c, Documentation/mm/reclaim.md): under lru_lock but PG_referenced */
	PG_lru,		/* on one of the LRU lists (page->lru is the LRU's) */
	PG_active,	/* on an active list */
	PG_referenced,	/* touched once by read()/write(): the next touch activates */
	PG_unevictable,	/* on the unevictable list (mlocked, or a RAM file's page) */
	PG_mlocked,	/* mapped by a VM_LOCKED VMA */
	PG_swapbacked,	/* anon or shmem: on the anon lists (fixed while PG_lru) */
	NR_PAGEFLAGS
};

#define PAGEFLAG(name, bit)						\
static inline bool Page##name(const struct page *p)			\
{ return p->flags & (1UL << (bit)); }					\
static inline void SetPage##name(struct page *p)			\
{ __asm__ __volatile__("lock; orl %1, %0" : "+m"(p->flags) : "ir"(1UL << (bit))); } \
static inline void ClearPage##name(struct page *p)			\
{ __asm__ __volatile__("lock; andl %1, %0" : "+m"(p->flags) : "ir"(~(1UL << (bit)))); }

PAGEFLAG(Reserved, PG_reserved)
PAGEFLAG(Buddy, PG_buddy)
PAGEFLAG(Slab, PG_slab)
PAGEFLAG(Head, PG_head)
PAGEFLAG(Locked, PG_locked)
PAGEFLAG(Dirty, PG_dirty)
PAGEFLAG(Uptodate, PG_uptodate)
PAGEFLAG(Anon, PG_anon)
PAGEFLAG(Table, PG_table)
PAGEFLAG(Stack, PG_stack)
PAGEFLAG(LargeKmalloc, PG_large_kmalloc)
PAGEFLAG(Writeback, PG_writeback)
PAGEFLAG(Error, PG_error)
PAGEFLAG(SwapCache, PG_swapcache)
PAGEFLAG(LRU, PG_lru)
PAGEFLAG(Active, PG_active)
PAGEFLAG(Referenced, PG_referenced)
PAGEFLAG(Unevictable, PG_unevictable)
PAGEFLAG(Mlocked, PG_mlocked)
PAGEFLAG(SwapBacked, PG_swapbacked)

#define TESTSETFLAG(name, bit)						\
static inline bool TestSetPage##name(struct page *p)			\
{ bool old; __asm__ __volatile__("lock; btsl %2, %0; setc %1"		\
	: "+m"(p->flags), "=qm"(old) : "Ir"(bit) : "memory"); return old; } \
static inline bool TestClearPage##name(struct page *p)			\
{ bool old; __asm__ __volatile__("lock; btrl %2, %0; setc %1"		\
	: "+m"(p->flags), "=qm"(old) : "Ir"(bit) : "memory"); return old; }

TESTSETFLAG(Locked, PG_locked)
TESTSETFLAG(Dirty, PG_dirty)
TESTSETFLAG(Writeback, PG_writeback)
TESTSETFLAG(Referenced, PG_referenced)
TESTSETFLAG(Mlocked, PG_mlocked)

extern struct page *mem_map;
extern struct mm_struct init_mm;
extern unsigned long max_pfn;		/* one past the last frame with a struct page */
extern unsigned long totalram_pages;	/* frames handed to the buddy allocator at boot */

/* mm/commit.c: commit accounting and the overcommit policy */
#define OVERCOMMIT_GUESS	0
#define OVERCOMMIT_ALWAYS	1
#define OVERCOMMIT_NEVER	2
struct mm_struct;
int vm_enough_memory(const struct mm_struct *mm, unsigned long pages);
void vm_acct_memory(long pages);
bool accountable_mapping(unsigned long vm_flags);
unsigned long vm_commit_limit(void);
unsigned long vm_committed_pages(void);

static inline unsigned long page_to_pfn(const struct page *page)
{
	return page - mem_map;
}

static inline struct page *pfn_to_page(unsigned long pfn)
{
	return mem_map + pfn;
}

static inline bool pfn_valid(unsigned long pfn)
{
	return pfn < max_pfn;
}

static inline phys_addr_t page_to_phys(const struct page *page)
{
	return PFN_PHYS(page_to_pfn(page));
}

static inline void *page_address(const struct page *page)
{
	return __va(page_to_phys(page));
}

static inline struct page *virt_to_page(const void *addr)
{
	return pfn_to_page(PFN_DOWN(__pa(addr)));
}

static inline int page_count(const struct page *page)
{
	return atomic_read(&page->_refcount);
}

static inline int page_mapcount(const struct page *page)
{
	return atomic_read(&page->_mapcount) + 1;
}

static inline void get_page(struct page *page)
{
	VM_BUG_ON(page_count(page) <= 0);
	atomic_inc(&page->_refcount);
}

void put_page(struct page *page);

/* Buddy allocator (mm/page_alloc.c). */
struct page *alloc_pages(gfp_t gfp, unsigned int order);
void __free_pages(struct page *page, unsigned int order);
unsigned long __get_free_pages(gfp_t gfp, unsigned int order);
void free_pages(unsigned long addr, unsigned int order);
unsigned long nr_free_pages(void);
/* Free blocks per order (for tests and /proc/buddyinfo). */
void buddy_free_counts(unsigned long counts[NR_PAGE_ORDERS]);
void pcp_disable(void);		/* the per-CPU free list off and empty (ktests) */
void pcp_enable(void);

static inline struct page *alloc_page(gfp_t gfp)	{ return alloc_pages(gfp, 0); }
static inline void __free_page(struct page *page)	{ __free_pages(page, 0); }

/* Number of pages that a bad-page report has taken out of service. */
extern unsigned long nr_bad_pages;

void mem_init(void);
void mm_init(void);

/*
 * VMA flags: Linux's values, plus VM_FILE (Linnet's) for file-backed
 * areas.  VM_MAY* say what mprotect() may later grant.
 */
#define VM_NONE		0x00000000UL
#define VM_READ		0x00000001UL
#define VM_WRITE	0x00000002UL
#define VM_EXEC		0x00000004UL
#define VM_SHARED	0x00000008UL
#define VM_MAYREAD	0x00000010UL
#define VM_MAYWRITE	0x00000020UL
#define VM_MAYEXEC	0x00000040UL
#define VM_MAYSHARE	0x00000080UL
#define VM_GROWSDOWN	0x00000100UL
#define VM_FILE		0x00000800UL	/* backed by vm_file at vm_pgoff (see vma_set_anonymous) */
#define VM_LOCKED	0x00002000UL	/* mlock: resident, populated (mm/mlock.c) */
#define VM_SEQ_READ	0x00008000UL	/* madvise(MADV_SEQUENTIAL): a hint, kept */
#define VM_RAND_READ	0x00010000UL	/* madvise(MADV_RANDOM): a hint, kept */
#define VM_DONTCOPY	0x00020000UL	/* madvise(MADV_DONTFORK) */
#define VM_DONTEXPAND	0x00040000UL	/* mremap may not grow it (special mappings) */
#define VM_LOCKONFAULT	0x00080000UL	/* mlock2(MLOCK_ONFAULT): locked as faulted in */
#define VM_ACCOUNT	0x00100000UL	/* charged to Committed_AS (mm/commit.c) */
#define VM_NORESERVE	0x00200000UL
#define VM_WIPEONFORK	0x02000000UL	/* madvise(MADV_WIPEONFORK): the child gets zeros */
#define VM_DONTDUMP	0x04000000UL	/* madvise(MADV_DONTDUMP) */
#define VM_STACK	VM_GROWSDOWN
#define VM_ACCESS_FLAGS	(VM_READ | VM_WRITE | VM_EXEC)

/*
 * High-water marks, kept lazily as Linux does: raised only when the value
 * is about to fall (zap, unmap), and read as the larger of the mark and
 * the current value, so faults and mmaps pay nothing for them.
 */
static inline void update_hiwater_rss(struct mm_struct *mm)
{
	unsigned long rss = mm->rss_anon + mm->rss_file;

	if (mm->hiwater_rss < rss)
		mm->hiwater_rss = rss;
}

static inline unsigned long get_mm_hiwater_rss(const struct mm_struct *mm)
{
	return max(mm->hiwater_rss, mm->rss_anon + mm->rss_file);
}

static inline unsigned long get_mm_hiwater_vm(const struct mm_struct *mm)
{
	return max(mm->hiwater_vm, mm->total_vm);
}

static inline unsigned long vma_pages(const struct vm_area_struct *vma)
{
	return (vma->vm_end - vma->vm_start) >> PAGE_SHIFT;
}

/*
 * handle_mm_fault() flags and results.  FAULT_FLAG_ALLOW_RETRY (the
 * arch fault handler's; Linux's): a fault that would sleep for a page
 * (a swap-in read, a page locked by reclaim) drops mmap_lock instead,
 * waits without it and returns VM_FAULT_RETRY; the caller takes the
 * lock again and runs the fault again with FAULT_FLAG_TRIED.  Linnet
 * keeps ALLOW_RETRY on every try (Linux waits under the lock once
 * TRIED): its reverse map needs each mm's mmap_lock (rmap_lock_mm),
 * so no fault may sleep under it (Documentation/mm/faults.md).
 */
#define FAULT_FLAG_WRITE	0x01
#define FAULT_FLAG_USER		0x02
#define FAULT_FLAG_ALLOW_RETRY	0x04	/* may drop mmap_lock and return VM_FAULT_RETRY */
#define FAULT_FLAG_TRIED	0x08	/* an earlier try returned VM_FAULT_RETRY */

typedef unsigned int vm_fault_t;
#define VM_FAULT_OOM		0x0001
#define VM_FAULT_SIGBUS		0x0002
#define VM_FAULT_SIGSEGV	0x0004
#define VM_FAULT_ERROR		(VM_FAULT_OOM | VM_FAULT_SIGBUS | VM_FAULT_SIGSEGV)
#define VM_FAULT_RETRY		0x0400	/* mmap_lock was dropped: run the fault again */

struct vm_fault {
	struct vm_area_struct *vma;
	unsigned long address;		/* page aligned */
	pgoff_t pgoff;			/* in the file, in pages */
	unsigned int flags;
	struct page *page;		/* ->fault returns the page here, referenced */
	pte_t *pte;			/* ->map_pages: the PTE of vmf->address */
};

struct vm_operations_struct {
	/* Finds the page for vmf->pgoff; 0 with vmf->page referenced, or VM_FAULT_*. */
	vm_fault_t (*fault)(struct vm_fault *vmf);
	void (*open)(struct vm_area_struct *vma);	/* a copy of the VMA was made */
	void (*close)(struct vm_area_struct *vma);	/* the VMA is going away */
	/* A special mapping's name in /proc/<pid>/maps ("[vdso]"), or NULL. */
	const char *(*name)(const struct vm_area_struct *vma);
	/*
	 * mremap is moving the VMA to @new (linked nowhere yet, its final
	 * range set): 0 to go on, or -errno to refuse with nothing changed.
	 */
	int (*mremap)(struct vm_area_struct *new);
	/*
	 * Fault-around (optional): maps, read-only as a read fault would,
	 * the pages of [vmf->pgoff, @last] that are cached, uptodate and
	 * unlocked, each at its PTE counted from vmf->pte (one page table,
	 * inside the VMA) if that PTE is empty.  Starts no I/O, never sleeps.
	 */
	void (*map_pages)(struct vm_fault *vmf, pgoff_t last);
};

static inline bool vma_is_anonymous(const struct vm_area_struct *vma)
{
	return !vma->vm_ops;
}

/*
 * mmap of /dev/zero with MAP_PRIVATE: plain anonymous memory (no vm_ops,
 * no VM_FILE, an anonymous vm_pgoff), which keeps its vm_file as Linux's
 * does, only to name the file (/proc/<pid>/maps, map_files/).  So
 * "vm_file set" does not mean file-backed: test vma_is_anonymous().
 */
void vma_set_anonymous(struct vm_area_struct *vma);

/* The VMA after @vma in @mm's list, or NULL.  mmap_lock held. */
static inline struct vm_area_struct *vma_next(struct mm_struct *mm,
					      struct vm_area_struct *vma)
{
	return vma->vm_list.next == &mm->mmap_list ? NULL :
		list_next_entry(vma, vm_list);
}

/*
 * Visits, in address order, each VMA that overlaps [start, end), with
 * mmap_lock held.  The body may split or merge VMAs as long as @vma is
 * left pointing at a VMA that still ends where the next one to visit
 * begins (vma_merge_neighbours() returns such a survivor); it must not
 * free @vma.  A gap in the range is not visited: callers that need the
 * range fully mapped compare each vm_start with the previous vm_end.
 */
#define for_each_vma_range(vma, mm, start, end)				\
	for ((vma) = find_vma(mm, start); (vma) && (vma)->vm_start < (end);	\
	     (vma) = vma_next(mm, vma))

/* mm/mmap.c: the VMA list */
struct vm_area_struct *find_vma(struct mm_struct *mm, unsigned long addr);
struct vm_area_struct *vm_area_alloc(struct mm_struct *mm);
void vm_area_free(struct vm_area_struct *vma);
struct vm_area_struct *vm_area_dup(const struct vm_area_struct *orig);
void vma_link(struct mm_struct *mm, struct vm_area_struct *vma);
void vma_link_tail(struct mm_struct *mm, struct vm_area_struct *vma);
pgprot_t vm_get_page_prot(unsigned long vm_flags);
unsigned long do_brk(struct mm_struct *mm, unsigned long brk);
/*
 * mm/mmap.c: @hint if page aligned and free for @len bytes, else where
 * the mm's layout puts a new mapping; 0 if nothing fits.  mmap_lock held.
 */
unsigned long get_unmapped_area_hint(struct mm_struct *mm, unsigned long hint,
				     unsigned long len);
unsigned long do_mmap(struct file *file, unsigned long addr, unsigned long len,
		      unsigned long prot, unsigned long flags, unsigned long pgoff);
int do_munmap(struct mm_struct *mm, unsigned long start, size_t len);
int expand_stack(struct vm_area_struct *vma, unsigned long address);
void validate_mm(struct mm_struct *mm);
void exit_mmap(struct mm_struct *mm);

/* mm/memory.c: page tables and faults */
vm_fault_t handle_mm_fault(struct vm_area_struct *vma, unsigned long address,
			   unsigned int flags);
void zap_page_range(struct vm_area_struct *vma, unsigned long start, unsigned long end);
/* As zap_page_range, but only @mapping's page-cache pages: private copies stay. */
void zap_mapping_pages(struct vm_area_struct *vma, unsigned long start, unsigned long end,
		       const struct address_space *mapping);
void free_pgtables(struct mm_struct *mm, unsigned long start, unsigned long end);
int copy_page_range(struct mm_struct *dst, struct mm_struct *src,
		    struct vm_area_struct *vma, bool cow);
/* Calls @fn on each present PTE of [start, end) of @vma, then flushes the TLB. */
void walk_present_ptes(struct vm_area_struct *vma, unsigned long start, unsigned long end,
		       void (*fn)(pte_t *pte, void *arg), void *arg);
void change_protection(struct vm_area_struct *vma, unsigned long start,
		       unsigned long end, pgprot_t prot);
int populate_range(struct vm_area_struct *vma, unsigned long start, unsigned long end);
extern struct page *zero_page;
int read_remote_vm(struct mm_struct *mm, unsigned long addr, void *buf, int len);
void zero_page_init(void);
void mmap_init(void);

/*
 * Pages holding private anonymous memory (PG_anon): counted in
 * NR_ANON_PAGES when a fault makes one, uncounted when the page is freed
 * (free_pages_ok).  /proc/vmstat nr_anon_pages, /proc/meminfo AnonPages.
 */
static inline void page_set_anon(struct page *page)
{
	SetPageAnon(page);
	mod_vm_stat(NR_ANON_PAGES, 1);
}

/*
 * mm counts: COW copies and reuses, faults, and (block/blk-core.c) the
 * 512-byte sectors read and written by bios, which /proc/vmstat shows in
 * KiB as pgpgin/pgpgout (Linux counts them so too).
 */
struct vm_event_counts {
	unsigned long pgfault, pgmajfault, cow_copy, cow_reuse, zero_page_maps, pt_unshare;
	unsigned long long pgpgin_sectors, pgpgout_sectors;
};
extern struct vm_event_counts vm_events;

/*
 * kernel/fork.c / arch: address spaces.  mm_alloc() returns an mm with one
 * user and one struct reference (see struct mm_struct for the two
 * counts).  mmget() adds a user: only with a user reference in hand (one's
 * own ->mm, or get_task_mm()).  mmput() drops one; the last runs
 * exit_mmap() and then mmdrop().  mmgrab() keeps the structure and page
 * directory, not the mappings; the last mmdrop() frees them.  All four
 * may be called with spinlocks held except mmput(), which may sleep (it
 * takes mmap_lock); mmdrop() never sleeps.
 */
struct mm_struct *mm_alloc(void);
void mmput(struct mm_struct *mm);
void mmdrop(struct mm_struct *mm);

static inline void mmget(struct mm_struct *mm)
{
	atomic_inc(&mm->mm_users);
}

static inline void mmgrab(struct mm_struct *mm)
{
	atomic_inc(&mm->mm_count);
}

/*
 * @p's address space with one more user, or NULL (a kernel thread, or a
 * task past exit_mm()).  The caller mmput()s it.  Takes task_lock(@p).
 */
struct mm_struct *get_task_mm(struct task_struct *p);
/* fork's copy of @oldmm (kernel/fork.c), NULL when memory is short. */
struct mm_struct *dup_mm(struct mm_struct *oldmm);

int pgd_alloc(struct mm_struct *mm);
void pgd_free(struct mm_struct *mm);

int pte_alloc(struct mm_struct *mm, pgd_t *pgd);
void pte_free(struct mm_struct *mm, pgd_t *pgd);
struct page *pte_table_alloc(gfp_t gfp);
void pte_table_free(struct page *page);

/*
 * mm/pgtable_share.c: page tables shared by fork (fork_mode=share).  A
 * PTE under a read-only pgd entry is changed only after
 * pte_table_unshare() (or unshare_pte_range()) got its table for
 * writing; readers need nothing.
 */
extern bool fork_share_tables;
int __pte_table_unshare(struct mm_struct *mm, pgd_t *pgd, gfp_t gfp);
int __unshare_pte_range(struct mm_struct *mm, unsigned long start, unsigned long end,
			bool dropping);
void pte_table_drop(struct mm_struct *mm, pgd_t *pgd);
void drop_shared_tables(struct mm_struct *mm);
/* Which 4 MiB ranges (pgd indexes below KERNEL_PGD_BOUNDARY) fork may share. */
struct pgd_range_map {
	u32 bits[KERNEL_PGD_BOUNDARY / 32];
};
static inline void pgd_range_set(struct pgd_range_map *m, unsigned int i)
{
	m->bits[i / 32] |= 1u << (i % 32);
}
static inline bool pgd_range_test(const struct pgd_range_map *m, unsigned int i)
{
	return m->bits[i / 32] & (1u << (i % 32));
}
void fork_share_tables_of(struct mm_struct *dst, struct mm_struct *src,
			  const struct pgd_range_map *shareable);
int pgtable_share_check(struct mm_struct *const *mms, int n);
/* The page table a present user pgd entry points at. */
static inline struct page *pgd_page(pgd_t pgd)
{
	return pfn_to_page(pgd_pfn(pgd));
}
/* A page table reached through a read-only entry: maybe shared. */
static inline bool pgd_maybe_shared(pgd_t pgd)
{
	return pgd_present(pgd) && !pgd_write(pgd);
}
/* Inline for the common case: the table is this mm's alone already. */
static inline int pte_table_unshare(struct mm_struct *mm, pgd_t *pgd, gfp_t gfp)
{
	return pgd_maybe_shared(*pgd) ? __pte_table_unshare(mm, pgd, gfp) : 0;
}
/* Inline for the common case: no entry of [start, end) is read-only. */
static inline int unshare_pte_range(struct mm_struct *mm, unsigned long start,
				    unsigned long end, bool dropping)
{
	for (unsigned long addr = start & PGDIR_MASK; addr < end; addr += PGDIR_SIZE)
		if (pgd_maybe_shared(mm->pgd[pgd_index(addr)]))
			return __unshare_pte_range(mm, start, end, dropping);
	return 0;
}
/*
 * How many mms reach a PTE under @pgd (a present entry): a page mapped
 * there counts as that many mappings for /proc's Shared/Pss and
 * pagemap's exclusive bit, as if fork had copied the table.
 */
static inline int pgd_sharers(pgd_t pgd)
{
	return pgd_maybe_shared(pgd) ? page_count(pgd_page(pgd)) : 1;
}

static inline pgd_t *pgd_offset(struct mm_struct *mm, unsigned long addr)
{
	return mm->pgd + pgd_index(addr);
}

#endif
