/*
 * The caller's credentials as System V IPC sees them (ipc_permission,
 * ipc_owner_check, new objects' owner and creator): the effective ids,
 * group membership through the supplementary groups, and the two
 * capabilities Linux consults (CAP_IPC_OWNER for access, CAP_SYS_ADMIN
 * for owner-only operations).
 */
#include <linux-ish/kernel.h>
#include <linux-ish/sched.h>
#include <linux-ish/cred.h>
#include "util.h"

unsigned int ipc_current_uid(void)
{
	return current_euid();
}

unsigned int ipc_current_gid(void)
{
	return current_cred()->egid;
}

bool ipc_in_group(unsigned int gid)
{
	return in_group_p(gid);
}

bool ipc_capable(int cap)
{
	return capable(cap);
}
