/*
 * /proc/loadavg, /proc/cpuinfo and /proc/stat.  Linnet computes no load
 * average: the three averages read 0.00; the rest of the line is Linux's
 * (runnable and total tasks, and the newest pid, here the highest one in
 * use).  /proc/stat's cpu times are timer ticks, split by what each tick
 * found running (the idle task, user mode, the kernel), in USER_HZ.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/fs.h>
#include <linux-ish/sched.h>
#include <linux-ish/time.h>
#include <asm/irq.h>
#include <uapi/linux-ish/time.h>
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


static unsigned long long to_clock_t(u64 ticks)
{
	return ticks * USER_HZ / HZ;
}

/* Linux's format: cpu times (user nice system idle iowait irq softirq steal guest guest_nice). */
static void show_cpu_line(struct seq_buf *m, const char *name, const struct cpu_times *t)
{
	seq_printf(m, "%s %llu 0 %llu %llu 0 0 0 0 0 0\n", name, to_clock_t(t->user),
		   to_clock_t(t->system), to_clock_t(t->idle));
}

static void show_stat(struct seq_buf *m, struct task_struct *unused)
{
	unsigned int running = 0, blocked = 0;
	unsigned long long intr = 0;
	struct task_struct *p;
	struct cpu_times t;

	cpu_times_get(&t);
	show_cpu_line(m, "cpu ", &t);
	show_cpu_line(m, "cpu0", &t);
	for (unsigned int i = 0; i < ARRAY_SIZE(irq_count); i++)
		intr += irq_count[i];
	seq_printf(m, "intr %llu", intr);
	for (unsigned int i = 0; i < ARRAY_SIZE(irq_count); i++)
		seq_printf(m, " %lu", irq_count[i]);
	list_for_each_entry(p, &task_list, tasks) {
		if (!p->pid || p->exit_state)
			continue;
		running += p->state == TASK_RUNNING;
		blocked += p->state == TASK_UNINTERRUPTIBLE || p->state == TASK_KILLABLE;
	}
	seq_printf(m, "\nctxt %lu\nbtime %ld\nprocesses %lu\nprocs_running %u\n"
		   "procs_blocked %u\nsoftirq 0 0 0 0 0 0 0 0 0 0 0\n", nr_context_switches(),
		   boot_time_seconds(), nr_forks(), running, blocked);
}

void proc_sysinfo_init(struct dentry *proc)
{
	proc_create_global(proc, "stat", show_stat);
	proc_create_global(proc, "loadavg", show_loadavg);
	proc_create_global(proc, "cpuinfo", show_cpuinfo);
}
