/* The global /proc files: meminfo, vmstat, cmdline, uptime; and syslog(2). */
#include <linux-ish/kernel.h>
#include <linux-ish/errno.h>
#include <linux-ish/fs.h>
#include <linux-ish/init.h>
#include <linux-ish/mm.h>
#include <linux-ish/mount.h>
#include <linux-ish/proc_fs.h>
#include <linux-ish/sched.h>
#include <linux-ish/slab.h>
#include <linux-ish/syscalls.h>
#include <linux-ish/time.h>
#include <linux-ish/uaccess.h>
#include <linux-ish/vmstack.h>

int proc_create_global(struct dentry *dir, const char *name, proc_show_t show);
void proc_show_globals(struct dentry *proc);

static void show_slabinfo(struct seq_buf *m, struct task_struct *unused)
{
	slabinfo_show(m);
}

/* Every mm's page directory and page tables, each mm once however many tasks share it. */
static unsigned long page_table_pages(void)
{
	return (unsigned long)atomic_read(&nr_page_table_pages);
}

#define K(pages)	((pages) << (PAGE_SHIFT - 10))

static void show_meminfo(struct seq_buf *m, struct task_struct *unused)
{
	unsigned long free = nr_free_pages(), cached = nr_pagecache_pages;

	seq_printf(m, "MemTotal:       %8lu kB\n", K(totalram_pages));
	seq_printf(m, "MemFree:        %8lu kB\n", K(free));
	seq_printf(m, "MemAvailable:   %8lu kB\n", K(free));
	seq_printf(m, "Buffers:        %8lu kB\n", 0UL);
	seq_printf(m, "Cached:         %8lu kB\n", K(cached));
	seq_printf(m, "SwapCached:     %8lu kB\n", 0UL);
	seq_printf(m, "AnonPages:      %8lu kB\n", K((unsigned long)atomic_read(&nr_anon_pages)));
	seq_printf(m, "Shmem:          %8lu kB\n", K(shmem_pages()));
	seq_printf(m, "Slab:           %8lu kB\n", K(slab_pages()));
	seq_printf(m, "KernelStack:    %8u kB\n", nr_thread_stacks() * (THREAD_SIZE >> 10));
	seq_printf(m, "PageTables:     %8lu kB\n", K(page_table_pages()));
	seq_printf(m, "SwapTotal:      %8lu kB\n", 0UL);
	seq_printf(m, "SwapFree:       %8lu kB\n", 0UL);
}

static void show_vmstat(struct seq_buf *m, struct task_struct *unused)
{
	seq_printf(m, "nr_free_pages %lu\n", nr_free_pages());
	seq_printf(m, "nr_file_pages %lu\n", nr_pagecache_pages);
	seq_printf(m, "nr_shmem %lu\n", shmem_pages());
	seq_printf(m, "nr_slab %lu\n", slab_pages());
	seq_printf(m, "nr_anon_pages %d\n", atomic_read(&nr_anon_pages));
	seq_printf(m, "nr_page_table_pages %lu\n", page_table_pages());
	seq_printf(m, "nr_kernel_stack %u\n", nr_thread_stacks() * (THREAD_SIZE >> 10));
	seq_printf(m, "pgfault %lu\n", vm_events.pgfault);
	seq_printf(m, "pgmajfault %lu\n", vm_events.pgmajfault);
	seq_printf(m, "cow_copy %lu\n", vm_events.cow_copy);
	seq_printf(m, "cow_reuse %lu\n", vm_events.cow_reuse);
	seq_printf(m, "zero_page_map %lu\n", vm_events.zero_page_maps);
}

static void show_fs_types(struct seq_buf *m, struct task_struct *unused)
{
	show_filesystems(m);
}

static void show_cmdline(struct seq_buf *m, struct task_struct *unused)
{
	seq_printf(m, "%s\n", boot_command_line);
}

static void show_uptime(struct seq_buf *m, struct task_struct *unused)
{
	u64 up = local_clock() / (NSEC_PER_SEC / 100);
	u64 idle = (u64)init_task.cpu_ticks * (100 / HZ);

	seq_printf(m, "%llu.%02llu %llu.%02llu\n", up / 100, up % 100, idle / 100, idle % 100);
}

void proc_show_globals(struct dentry *proc)
{
	proc_create_global(proc, "meminfo", show_meminfo);
	proc_create_global(proc, "vmstat", show_vmstat);
	proc_create_global(proc, "slabinfo", show_slabinfo);
	proc_create_global(proc, "cmdline", show_cmdline);
	proc_create_global(proc, "filesystems", show_fs_types);
	proc_create_global(proc, "uptime", show_uptime);
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
