/* The kernel's own address space: no VMAs, the master page directory. */
#include <linux-ish/kernel.h>
#include <linux-ish/mm.h>

struct mm_struct init_mm = {
	.pgd = swapper_pg_dir,
	/*
	 * Never torn down or freed: no task is its user, and it keeps a
	 * struct reference of its own besides the one the boot task (later
	 * the idle task) holds on it as its active_mm.
	 */
	.mm_users = ATOMIC_INIT(1),
	.mm_count = ATOMIC_INIT(2),
	.mmap_lock = __MUTEX_INITIALIZER(init_mm.mmap_lock),
	.mmap_list = LIST_HEAD_INIT(init_mm.mmap_list),
};
