/*
 * Credentials: who a task is and what it may do.
 *
 * A task points at a struct cred (task->cred) that is never changed once
 * it has been published: to change ids, a task takes a private copy with
 * prepare_creds(), edits it and installs it with commit_creds(), which
 * drops the old one.  Creds are reference counted and shared: a forked
 * child takes a reference on its parent's, an override (access(2)) a
 * reference on a temporary one.  The supplementary groups are a separate
 * refcounted, sorted, read-only group_info shared the same way.
 *
 * Capabilities follow Linux's root model (capabilities(7)): euid 0 has
 * every capability effective, set*id calls that leave all of uid, euid
 * and suid non-zero clear the permitted and effective sets, and so on
 * (kernel/cred.c).  There are no file capabilities, no securebits and no
 * ambient set; the bounding set is every capability.
 * Documentation/userspace-api/credentials.md has the whole model.
 */
#ifndef _LINUX_ISH_CRED_H
#define _LINUX_ISH_CRED_H

#include <linux-ish/types.h>
#include <asm/atomic.h>
#include <uapi/linux-ish/capability.h>
#include <uapi/linux-ish/limits.h>

typedef u64 kernel_cap_t;

#define CAP_FULL_SET	((kernel_cap_t)((1ULL << (CAP_LAST_CAP + 1)) - 1))
#define CAP_TO_MASK(c)	((kernel_cap_t)1 << (c))
/* What the fsuid fix-up drops and raises (capabilities(7)). */
#define CAP_FS_SET	(CAP_TO_MASK(CAP_CHOWN) | CAP_TO_MASK(CAP_DAC_OVERRIDE) | \
			 CAP_TO_MASK(CAP_DAC_READ_SEARCH) | CAP_TO_MASK(CAP_FOWNER) | \
			 CAP_TO_MASK(CAP_FSETID) | CAP_TO_MASK(CAP_LINUX_IMMUTABLE) | \
			 CAP_TO_MASK(CAP_MAC_OVERRIDE))

#define GLOBAL_ROOT_UID	0
#define INVALID_UID	((uid_t)-1)
#define INVALID_GID	((gid_t)-1)

/* Supplementary groups, sorted ascending; read-only once shared. */
struct group_info {
	atomic_t usage;
	int ngroups;
	gid_t gid[];
};

struct cred {
	atomic_t usage;
	uid_t uid, euid, suid, fsuid;	/* real, effective, saved, file system */
	gid_t gid, egid, sgid, fsgid;
	kernel_cap_t cap_inheritable, cap_permitted, cap_effective;
	struct group_info *group_info;
};

extern struct cred init_cred;		/* root with every capability */

static inline const struct cred *get_cred(const struct cred *c)
{
	atomic_inc(&((struct cred *)c)->usage);
	return c;
}

void put_cred(const struct cred *c);

/* A private, writable copy of current's creds (refcount 1), or NULL. */
struct cred *prepare_creds(void);
/* Installs @new as current's creds (consumes the reference); returns 0. */
int commit_creds(struct cred *new);
/* Drops a prepare_creds() copy that will not be installed. */
void abort_creds(struct cred *new);
/* Makes @new current's creds for a while; returns the old ones for revert_creds(). */
const struct cred *override_creds(const struct cred *new);
void revert_creds(const struct cred *old);

struct group_info *groups_alloc(int ngroups);	/* unsorted, usage 1, or NULL */
void groups_sort(struct group_info *gi);
void put_group_info(struct group_info *gi);
bool groups_search(const struct group_info *gi, gid_t gid);
/* @gid is current's fsgid or one of its supplementary groups. */
bool in_group_p(gid_t gid);
/* @gid is current's egid or one of its supplementary groups. */
bool in_egroup_p(gid_t gid);

/* current has capability @cap in its effective set. */
bool capable(int cap);

/* The Linux root-model fix-ups of a set*uid / setfsuid change (@new from @old). */
void cap_emulate_setxuid(struct cred *new, const struct cred *old);
void cap_emulate_setfsuid(struct cred *new, const struct cred *old);

#define current_cred()		(current->cred)
#define current_uid()		(current_cred()->uid)
#define current_euid()		(current_cred()->euid)
#define current_fsuid()		(current_cred()->fsuid)
#define current_fsgid()		(current_cred()->fsgid)

#endif
