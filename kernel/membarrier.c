/*
 * membarrier(2) on one CPU.  Every command's guarantee (each thread that
 * runs, or each registered process's, has passed a full memory barrier
 * when the call returns) already holds on a uniprocessor: the caller is
 * the only one running, and entering the kernel orders its own accesses.
 * What remains is Linux's bookkeeping, kept exactly: which commands exist
 * (MEMBARRIER_CMD_QUERY), and that the private expedited commands need
 * the mm's registration first (EPERM), recorded in mm->membarrier_state
 * (a forked child keeps it, exec's new mm starts without, as on Linux).
 * The rseq commands restart the other running threads' critical
 * sections: no other thread runs on one CPU, and the caller's own
 * section is never restarted (as Linux), so only the registration and
 * MEMBARRIER_CMD_FLAG_CPU's checks remain.  SMP will have to send the
 * IPIs this file does not.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/errno.h>
#include <linux-ish/mm_types.h>
#include <linux-ish/sched.h>
#include <linux-ish/syscalls.h>

#define MEMBARRIER_CMD_QUERY					0
#define MEMBARRIER_CMD_GLOBAL					(1 << 0)
#define MEMBARRIER_CMD_GLOBAL_EXPEDITED				(1 << 1)
#define MEMBARRIER_CMD_REGISTER_GLOBAL_EXPEDITED		(1 << 2)
#define MEMBARRIER_CMD_PRIVATE_EXPEDITED			(1 << 3)
#define MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED		(1 << 4)
#define MEMBARRIER_CMD_PRIVATE_EXPEDITED_SYNC_CORE		(1 << 5)
#define MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED_SYNC_CORE	(1 << 6)
#define MEMBARRIER_CMD_PRIVATE_EXPEDITED_RSEQ			(1 << 7)
#define MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED_RSEQ		(1 << 8)

#define MEMBARRIER_CMD_FLAG_CPU		(1 << 0)	/* rseq: only @cpu_id */

#define MEMBARRIER_SUPPORTED (MEMBARRIER_CMD_GLOBAL | MEMBARRIER_CMD_GLOBAL_EXPEDITED | \
	MEMBARRIER_CMD_REGISTER_GLOBAL_EXPEDITED | MEMBARRIER_CMD_PRIVATE_EXPEDITED | \
	MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED | MEMBARRIER_CMD_PRIVATE_EXPEDITED_SYNC_CORE | \
	MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED_SYNC_CORE | \
	MEMBARRIER_CMD_PRIVATE_EXPEDITED_RSEQ | MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED_RSEQ)

/* A private expedited command, allowed once its REGISTER command ran. */
static int private_expedited(unsigned int registered_by)
{
	if (!(current->mm->membarrier_state & registered_by))
		return -EPERM;
	barrier();
	return 0;
}

SYSCALL_DEFINE3(membarrier, int, cmd, unsigned int, flags, int, cpu_id)
{
	struct mm_struct *mm = current->mm;

	(void)cpu_id;			/* any CPU but ours has nothing of ours running */
	if (flags && !(cmd == MEMBARRIER_CMD_PRIVATE_EXPEDITED_RSEQ &&
		       flags == MEMBARRIER_CMD_FLAG_CPU))
		return -EINVAL;
	switch (cmd) {
	case MEMBARRIER_CMD_QUERY:
		return MEMBARRIER_SUPPORTED;
	case MEMBARRIER_CMD_GLOBAL:
	case MEMBARRIER_CMD_GLOBAL_EXPEDITED:
		barrier();
		return 0;
	case MEMBARRIER_CMD_REGISTER_GLOBAL_EXPEDITED:
	case MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED:
	case MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED_SYNC_CORE:
	case MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED_RSEQ:
		mm->membarrier_state |= cmd;
		return 0;
	case MEMBARRIER_CMD_PRIVATE_EXPEDITED:
		return private_expedited(MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED);
	case MEMBARRIER_CMD_PRIVATE_EXPEDITED_SYNC_CORE:
		return private_expedited(MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED_SYNC_CORE);
	case MEMBARRIER_CMD_PRIVATE_EXPEDITED_RSEQ:
		return private_expedited(MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED_RSEQ);
	default:
		return -EINVAL;
	}
}
