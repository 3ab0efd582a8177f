/*
 * The coremap entry: one struct page per physical frame, in mem_map[].
 * Kept at 32 bytes (8 MiB of mem_map per GiB of RAM).  Who may touch
 * which field depends on what the page is, told by its flags:
 *
 *   free (PG_buddy)  private = order of the free block; lru on a free list;
 *                    zone lock.
 *   slab (PG_slab)   slab_cache, freelist, inuse; lru on the cache's
 *                    partial/full list; the cache's lock.
 *   other in-use     _refcount (atomic), _mapcount (atomic); a page-cache
 *                    page's mapping (its address_space) and index (file
 *                    offset in pages); an anonymous page's mapping is its
 *                    anon_vma with bit 0 set (PAGE_MAPPING_ANON) and index
 *                    its linear page index (linux-ish/rmap.h); private =
 *                    order for the head of a multi-page allocation
 *                    (PG_head).  lru: on an LRU list while PG_lru
 *                    (lru_lock, mm/swap.c).
 *   reserved         PG_reserved: never freed, never handed out.
 */
#ifndef _LINUX_ISH_MM_TYPES_H
#define _LINUX_ISH_MM_TYPES_H

#include <linux-ish/types.h>
#include <linux-ish/list.h>
#include <linux-ish/mutex.h>
#include <linux-ish/spinlock.h>
#include <asm/pgtable.h>
#include <asm/mmu.h>

struct address_space;
struct anon_vma;
struct kmem_cache;
struct file;
struct vm_area_struct;

struct page {
	unsigned long flags;		/* PG_* bits, atomic updates */
	atomic_t _refcount;		/* 0: free; the allocator hands out 1 */
	union {
		atomic_t _mapcount;	/* page-table mappings - 1 */
		unsigned int inuse;	/* slab: objects handed out */
	};
	union {
		struct address_space *mapping;
		struct kmem_cache *slab_cache;
	};
	union {
		pgoff_t index;		/* offset in mapping, in pages */
		void *freelist;		/* slab: first free object */
	};
	struct list_head lru;
	unsigned long private;		/* buddy order (free or PG_head) */
};

/*
 * An address space.  The VMAs are kept on mmap_list sorted by address
 * and never overlapping; mmap_cache is a VMA near the last find_vma()
 * answer, where the next lookup starts.
 * mmap_lock (a sleeping lock) covers the VMA list, the layout fields and
 * the page tables: syscalls that change the layout and the page-fault
 * handler take it; nothing may touch user memory while holding it (a
 * fault would take it again).
 *
 * Two counts, both atomic, keep an mm alive (Documentation/mm/fork.md):
 * mm_users counts the users of the address space -- every task whose
 * ->mm it is, and short-lived borrowers such as a /proc reader -- and the
 * last mmput() unmaps everything (exit_mmap).  mm_count counts references
 * to the structure and its page directory: one held by all the users
 * together, plus one per task that runs on it without being a user (a
 * kernel thread's or exiting task's borrowed ->active_mm); the last
 * mmdrop() frees the page directory and the structure.
 */
struct mm_struct {
	pgd_t *pgd;
	atomic_t mm_users;		/* address-space users: mmget()/mmput() */
	atomic_t mm_count;		/* struct references: mmgrab()/mmdrop() */

	struct mutex mmap_lock;
	struct list_head mmap_list;
	struct vm_area_struct *mmap_cache;
	int map_count;
	unsigned long start_code, end_code, start_data, end_data;
	unsigned long start_brk, brk, start_stack;
	unsigned long arg_start, arg_end, env_start, env_end;
	unsigned long total_vm;		/* pages mapped by VMAs */
	unsigned long hiwater_vm;	/* VmPeak, lazily: see get_mm_hiwater_vm() */
	unsigned long nr_ptes;		/* page-table pages */
	unsigned long rss_anon;		/* anonymous pages mapped */
	unsigned long rss_file;		/* file pages mapped */
	unsigned long swap_ents;	/* swap PTEs (VmSwap), counted as rss is */
	unsigned long hiwater_rss;	/* VmHWM, ru_maxrss, lazily: get_mm_hiwater_rss() */
	unsigned long def_flags;	/* given to every new VMA: mlockall(MCL_FUTURE) */
	unsigned long vdso_base;	/* arch: the vDSO's code as exec mapped it, or 0 */
	/*
	 * Where mmap(NULL) searches (arch_pick_mmap_layout() at exec): down
	 * from mmap_base when mmap_topdown, else up from it (0: from
	 * TASK_UNMAPPED_BASE).  Fixed for the mm's life; fork copies them.
	 */
	unsigned long mmap_base;
	bool mmap_topdown;
	unsigned int membarrier_state;	/* kernel/membarrier.c: registrations; kept by fork */
	struct mm_context context;	/* arch: the LDT (asm/mmu.h) */
};

/*
 * A virtual memory area: [vm_start, vm_end) of one mm with one set of
 * permissions and one backing (anonymous, a file at vm_pgoff, or a shmem
 * object).  vm_flags carries Linux's VM_* bits; fork decides per VMA
 * from them (see kernel/fork.c).
 */
struct vm_area_struct {
	struct mm_struct *vm_mm;
	unsigned long vm_start, vm_end;
	struct list_head vm_list;	/* in mm->mmap_list, sorted */
	struct list_head vm_shared;	/* file VMAs: in the file's mapping->i_mmap */
	unsigned long vm_flags;
	pgprot_t vm_page_prot;		/* PTE bits for this VMA's pages */
	unsigned long vm_pgoff;		/* offset in vm_file, in pages */
	struct file *vm_file;
	const struct vm_operations_struct *vm_ops;
	void *vm_private_data;
	/*
	 * A private copy (an anonymous page) was mapped here once: set by
	 * the COW fault, kept by split and copy, ORed by merge, never
	 * cleared (Linux's anon_vma plays this part).  Without it a private
	 * file VMA holds only page-cache pages and fork need not copy them.
	 */
	bool vm_anon_pages;
	/*
	 * A PTE may exist in the range: set by handle_mm_fault before it
	 * fills one (every PTE of a user VMA starts as a fault, or as a copy
	 * of another VMA's: fork, mremap), kept by split and copy, ORed by
	 * merge, never cleared.  zap_page_range passes a VMA without it:
	 * munmap of memory never touched reads no page table.
	 */
	bool vm_faulted;
	/*
	 * The reverse map of the VMA's anonymous pages (mm/rmap.c): NULL
	 * until the first one; then the VMA is on anon_vma->head through
	 * anon_vma_node (anon_vma->lock).  Split, mremap and fork copies
	 * join the same anon_vma.
	 */
	struct anon_vma *anon_vma;
	struct list_head anon_vma_node;
};

#endif
