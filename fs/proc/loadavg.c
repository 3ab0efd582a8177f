/*
 * /proc/loadavg and /proc/cpuinfo.  Linnet computes no load average: the
 * three averages read 0.00; the rest of the line is Linux's (runnable and
 * total tasks, and the newest pid, here the highest one in use).
 */
#include <linux-ish/kernel.h>
#include <linux-ish/fs.h>
#include <linux-ish/sched.h>
#include "internal.h"

static void show_loadavg(struct seq_buf *m, struct task_struct *unused)
{
	unsigned int running = 0, total = 0;
	pid_t last = 0;
	struct task_struct *p;

	list_for_each_entry(p, &task_list, tasks) {
		if (!p->pid || p->exit_state)
			continue;
		total++;
		running += p->state == TASK_RUNNING;
		last = max(last, p->pid);
	}
	seq_printf(m, "0.00 0.00 0.00 %u/%u %d\n", running, total, last);
}

static void show_cpuinfo(struct seq_buf *m, struct task_struct *unused)
{
	arch_show_cpuinfo(m);
}

void proc_sysinfo_init(struct dentry *proc)
{
	proc_create_global(proc, "loadavg", show_loadavg);
	proc_create_global(proc, "cpuinfo", show_cpuinfo);
}
