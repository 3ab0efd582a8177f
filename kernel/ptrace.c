/*
 * Linux's ptrace access rule, for pidfd_getfd and kcmp (there is no
 * ptrace(2) yet).  Only the REALCREDS modes: the caller's real uid and
 * gid are compared.  Without Linux security modules the read and attach
 * modes decide alike.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/cred.h>
#include <linux-ish/ptrace.h>
#include <linux-ish/sched.h>

/*
 * As Linux's __ptrace_may_access: itself always; otherwise the caller's
 * real uid is the target's real, effective and saved uid and its real
 * gid the target's three gids, or it has CAP_SYS_PTRACE; and a target
 * that is not dumpable needs CAP_SYS_PTRACE too.
 */
bool ptrace_may_access(struct task_struct *p, unsigned int mode)
{
	const struct cred *c = current_cred(), *t = p->cred;
	bool same;

	if (p == current)
		return true;
	same = c->uid == t->uid && c->uid == t->euid && c->uid == t->suid &&
	       c->gid == t->gid && c->gid == t->egid && c->gid == t->sgid;
	if (!same && !capable(CAP_SYS_PTRACE))
		return false;
	return !p->mm || p->dumpable || capable(CAP_SYS_PTRACE);
}
