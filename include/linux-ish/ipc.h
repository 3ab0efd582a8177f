/* System V IPC (ipc/): what the rest of the kernel calls. */
#ifndef _LINUX_ISH_IPC_H
#define _LINUX_ISH_IPC_H

#include <linux-ish/types.h>

struct seq_buf;
struct task_struct;
struct ctl_table;

/* The kernel.shm*, msg* and sem sysctls, with Linux's defaults. */
extern unsigned long shm_ctlmax, shm_ctlall;
extern int shm_ctlmni;
extern int msg_ctlmax, msg_ctlmnb, msg_ctlmni;
/* ipc/mqueue.c: /proc/sys/fs/mqueue/ */
extern int mq_queues_max, mq_msg_max, mq_msgsize_max, mq_msg_default, mq_msgsize_default;
extern int sem_ctls[4];			/* semmsl, semmns, semopm, semmni */
/*
 * kernel.{msg,sem,shm}_next_id (Linux's checkpoint/restore knobs): the
 * id the next new object of that kind gets (its slot, or the next free
 * one above), then -1 again; -1: ids as usual.
 */
extern int msg_next_id, sem_next_id, shm_next_id;
int sysctl_store_next_id(const struct ctl_table *t, const char *buf);
void sysctl_show_sem(struct seq_buf *m, const struct ctl_table *t);
int sysctl_store_sem(const struct ctl_table *t, const char *buf);

/* /proc/sysvipc/{shm,sem,msg} */
void sysvipc_shm_show(struct seq_buf *m);
void sysvipc_sem_show(struct seq_buf *m);
void sysvipc_msg_show(struct seq_buf *m);

/* At exit: applies and frees @p's SEM_UNDO adjustments (ipc/sem_undo.c). */
void exit_sem(struct task_struct *p);
/* fork: CLONE_SYSVSEM shares the SEM_UNDO list.  0 or -ENOMEM (ipc/sem_undo.c). */
int copy_semundo(unsigned long clone_flags, struct task_struct *p);

#endif
