/* The global /proc files: meminfo, vmstat, cmdline, uptime; and syslog(2). */
#include <linux-ish/kernel.h>
#include <linux-ish/blkdev.h>
#include <linux-ish/errno.h>
#include <linux-ish/fs.h>
#include <linux-ish/init.h>
#include <linux-ish/mm.h>
#include <linux-ish/mm_inline.h>
#include <linux-ish/mount.h>
#include <linux-ish/proc_fs.h>
#include <linux-ish/sched.h>
#include <linux-ish/slab.h>
#include <linux-ish/swap.h>
#include <linux-ish/syscalls.h>
#include <linux-ish/time.h>
#include <linux-ish/uaccess.h>
#include <linux-ish/vmstack.h>
#include <linux-ish/vmscan.h>

int proc_create_global(struct dentry *dir, const char *name, proc_show_t show);
void proc_show_globals(struct dentry *proc);

static void show_locks(struct seq_buf *m, struct task_struct *unused)
{
	locks_show(m);
}

static void show_slabinfo(struct seq_buf *m, struct task_struct *unused)
{
	slabinfo_show(m);
}

#define K(pages)	((pages) << (PAGE_SHIFT - 10))

static void meminfo_line(struct seq_buf *m, const char *name, unsigned long pages)
{
	seq_printf(m, "%s:%*s%8lu kB\n", name, (int)(15 - strlen(name)), "", K(pages));
}

/* meminfo's LRU lines: the lists' lengths (mm/swap.c) and the mlocked pages. */
static void show_meminfo_lru(struct seq_buf *m)
{
	unsigned long lru[NR_LRU_LISTS];

	for (int i = 0; i < NR_LRU_LISTS; i++)
		lru[i] = global_page_state(NR_INACTIVE_ANON + i);
	meminfo_line(m, "Active", lru[LRU_ACTIVE_ANON] + lru[LRU_ACTIVE_FILE]);
	meminfo_line(m, "Inactive", lru[LRU_INACTIVE_ANON] + lru[LRU_INACTIVE_FILE]);
	meminfo_line(m, "Active(anon)", lru[LRU_ACTIVE_ANON]);
	meminfo_line(m, "Inactive(anon)", lru[LRU_INACTIVE_ANON]);
	meminfo_line(m, "Active(file)", lru[LRU_ACTIVE_FILE]);
	meminfo_line(m, "Inactive(file)", lru[LRU_INACTIVE_FILE]);
	meminfo_line(m, "Unevictable", lru[LRU_UNEVICTABLE]);
	meminfo_line(m, "Mlocked", global_page_state(NR_MLOCK));
}

/*
 * /proc/meminfo with Linux's fields and meanings (Documentation/mm/
 * page-accounting.md): Cached is every page-cache page, Shmem included;
 * Dirty and Writeback count the pages of file systems that write back
 * (none of the RAM ones); Buffers is 0 (no block devices); Slab counts the slab caches and the
 * kmalloc blocks bigger than a page, none reclaimable.  Nothing Linnet
 * holds is reclaimed yet, so MemAvailable is MemFree.  SwapCached pages
 * are also in AnonPages (Documentation/mm/swap.md).  MemTotal - MemFree is the sum of Cached, AnonPages, Slab,
 * KernelStack and PageTables, exactly.
 */
static void show_meminfo(struct seq_buf *m, struct task_struct *unused)
{
	unsigned long slab = global_page_state(NR_SLAB_PAGES) +
			     global_page_state(NR_KMALLOC_PAGES);
	unsigned long swap_total, swap_left;

	si_swapinfo(&swap_total, &swap_left);

	meminfo_line(m, "MemTotal", totalram_pages);
	meminfo_line(m, "MemFree", nr_free_pages());
	meminfo_line(m, "MemAvailable", nr_free_pages());
	meminfo_line(m, "Buffers", 0);
	meminfo_line(m, "Cached", global_page_state(NR_FILE_PAGES));
	meminfo_line(m, "SwapCached", READ_ONCE(swap_cache_pages));
	show_meminfo_lru(m);		/* Active ... Mlocked */
	meminfo_line(m, "SwapTotal", swap_total);
	meminfo_line(m, "SwapFree", swap_left);
	meminfo_line(m, "Dirty", global_page_state(NR_FILE_DIRTY));
	meminfo_line(m, "Writeback", global_page_state(NR_WRITEBACK));
	meminfo_line(m, "AnonPages", global_page_state(NR_ANON_PAGES));
	meminfo_line(m, "Shmem", global_page_state(NR_SHMEM));
	meminfo_line(m, "KReclaimable", 0);
	meminfo_line(m, "Slab", slab);
	meminfo_line(m, "SReclaimable", 0);
	meminfo_line(m, "SUnreclaim", slab);
	meminfo_line(m, "KernelStack", global_page_state(NR_KERNEL_STACK));
	meminfo_line(m, "PageTables", global_page_state(NR_PAGETABLE));
	meminfo_line(m, "CommitLimit", vm_commit_limit());
	meminfo_line(m, "Committed_AS", vm_committed_pages());
}

static const char *const lru_stat_names[NR_LRU_LISTS] = {
	"nr_inactive_anon", "nr_active_anon", "nr_inactive_file", "nr_active_file",
	"nr_unevictable",
};

/* /proc/vmstat: Linux's names and units (pages, but nr_kernel_stack in kB). */
static void show_vmstat(struct seq_buf *m, struct task_struct *unused)
{
	seq_printf(m, "nr_free_pages %lu\n", nr_free_pages());
	seq_printf(m, "nr_anon_pages %lu\n", global_page_state(NR_ANON_PAGES));
	seq_printf(m, "nr_file_pages %lu\n", global_page_state(NR_FILE_PAGES));
	seq_printf(m, "nr_dirty %lu\n", global_page_state(NR_FILE_DIRTY));
	seq_printf(m, "nr_writeback %lu\n", global_page_state(NR_WRITEBACK));
	for (int i = 0; i < NR_LRU_LISTS; i++)	/* Linux's nr_inactive_anon ... nr_unevictable */
		seq_printf(m, "%s %lu\n", lru_stat_names[i], global_page_state(NR_INACTIVE_ANON + i));
	seq_printf(m, "nr_mlock %lu\n", global_page_state(NR_MLOCK));
	seq_printf(m, "nr_shmem %lu\n", global_page_state(NR_SHMEM));
	seq_printf(m, "nr_slab_reclaimable %lu\n", 0UL);
	seq_printf(m, "nr_slab_unreclaimable %lu\n", global_page_state(NR_SLAB_PAGES) +
		   global_page_state(NR_KMALLOC_PAGES));
	seq_printf(m, "nr_kernel_stack %lu\n", K(global_page_state(NR_KERNEL_STACK)));
	seq_printf(m, "nr_page_table_pages %lu\n", global_page_state(NR_PAGETABLE));
	seq_printf(m, "nr_dirtied %lu\n", global_page_state(NR_DIRTIED));
	seq_printf(m, "nr_written %lu\n", global_page_state(NR_WRITTEN));
	seq_printf(m, "pgpgin %llu\n", vm_events.pgpgin_sectors / 2);
	seq_printf(m, "pgpgout %llu\n", vm_events.pgpgout_sectors / 2);
	seq_printf(m, "pswpin %lu\n", READ_ONCE(pswpin));
	seq_printf(m, "pswpout %lu\n", READ_ONCE(pswpout));
	seq_printf(m, "pgfault %lu\n", vm_events.pgfault);
	seq_printf(m, "pgmajfault %lu\n", vm_events.pgmajfault);
	show_reclaim_vmstat(m);
	/* Linnet's own events (no Linux counterpart). */
	seq_printf(m, "cow_copy %lu\n", vm_events.cow_copy);
	seq_printf(m, "cow_reuse %lu\n", vm_events.cow_reuse);
	seq_printf(m, "pt_unshare %lu\n", vm_events.pt_unshare);
	seq_printf(m, "zero_page_map %lu\n", vm_events.zero_page_maps);
}

static void show_zoneinfo_file(struct seq_buf *m, struct task_struct *unused)
{
	show_zoneinfo(m);
}

static void show_fs_types(struct seq_buf *m, struct task_struct *unused)
{
	show_filesystems(m);
}

static void show_cmdline(struct seq_buf *m, struct task_struct *unused)
{
	seq_printf(m, "%s\n", boot_command_line);
}

/* /proc/swaps: mm/swapfile.c */
static void show_swaps_file(struct seq_buf *m, struct task_struct *unused)
{
	show_swaps(m);
}

static void show_uptime(struct seq_buf *m, struct task_struct *unused)
{
	u64 up = local_clock() / (NSEC_PER_SEC / 100);
	u64 idle = (u64)init_task.cpu_ticks * 100 / HZ;

	seq_printf(m, "%llu.%02llu %llu.%02llu\n", up / 100, up % 100, idle / 100, idle % 100);
}

void proc_show_globals(struct dentry *proc)
{
	proc_create_global(proc, "meminfo", show_meminfo);
	proc_create_global(proc, "vmstat", show_vmstat);
	proc_create_global(proc, "zoneinfo", show_zoneinfo_file);
	proc_create_global(proc, "slabinfo", show_slabinfo);
	proc_create_global(proc, "cmdline", show_cmdline);
	proc_create_global(proc, "filesystems", show_fs_types);
	proc_create_global(proc, "uptime", show_uptime);
	proc_create_global(proc, "locks", show_locks);
	proc_create_global(proc, "swaps", show_swaps_file);
	blk_proc_init(proc);
}

/* ---- syslog(2): what dmesg reads ---- */

#define SYSLOG_ACTION_READ_ALL		3
#define SYSLOG_ACTION_SIZE_BUFFER	10
#define LOG_BUF_BYTES			(1U << CONFIG_LOG_BUF_SHIFT)

SYSCALL_DEFINE3(syslog, int, type, char __user *, buf, int, len)
{
	char *tmp;
	size_t n;
	long ret;

	switch (type) {
	case SYSLOG_ACTION_SIZE_BUFFER:
		return LOG_BUF_BYTES;
	case SYSLOG_ACTION_READ_ALL:
		if (len < 0)
			return -EINVAL;
		if (!len)
			return 0;
		tmp = kmalloc(LOG_BUF_BYTES, GFP_KERNEL);
		if (!tmp)
			return -ENOMEM;
		n = log_buf_copy(tmp, min_t(size_t, len, LOG_BUF_BYTES));
		ret = copy_to_user(buf, tmp, n) ? -EFAULT : (long)n;
		kfree(tmp);
		return ret;
	default:
		return -EINVAL;		/* reading destructively, clearing, levels: not yet */
	}
}
