/* /proc/sysvipc/{shm,sem,msg}: every System V IPC object, in Linux's format (ipc/). */
#include <linux-ish/kernel.h>
#include <linux-ish/fs.h>
#include <linux-ish/ipc.h>
#include <linux-ish/proc_fs.h>
#include "internal.h"

static void show_shm(struct seq_buf *m, struct task_struct *unused)
{
	sysvipc_shm_show(m);
}

static void show_sem(struct seq_buf *m, struct task_struct *unused)
{
	sysvipc_sem_show(m);
}

static void show_msg(struct seq_buf *m, struct task_struct *unused)
{
	sysvipc_msg_show(m);
}

void proc_sysvipc_init(struct dentry *proc)
{
	struct dentry *d;

	if (ramfs_mknod(proc, "sysvipc", S_IFDIR | 0555, 0, &d))
		return;
	proc_create_global(d, "shm", show_shm);
	proc_create_global(d, "sem", show_sem);
	proc_create_global(d, "msg", show_msg);
}
