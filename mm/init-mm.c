/* The kernel's own address space: no VMAs, the master page directory. */
#include <linux-ish/kernel.h>
#include <linux-ish/mm.h>

struct mm_struct init_mm = {
	.pgd = swapper_pg_dir,
	.mm_users = ATOMIC_INIT(2),
	.mmap_lock = __MUTEX_INITIALIZER(init_mm.mmap_lock),
	.mmap_list = LIST_HEAD_INIT(init_mm.mmap_list),
};
