/*
 * The identity system calls, 32-bit forms: get*id, set*id, set*fs*id,
 * getres*id/setres*id.  Rules as Linux's kernel/sys.c: an unprivileged
 * caller may only move among ids it already has (which ones, per call,
 * below); CAP_SETUID / CAP_SETGID lift that.  Every change builds a new
 * cred (prepare_creds/commit_creds), never edits the shared one.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/cred.h>
#include <linux-ish/errno.h>
#include <linux-ish/sched.h>
#include <linux-ish/string.h>
#include <linux-ish/syscalls.h>
#include <linux-ish/uaccess.h>
#include "setid.h"

SYSCALL_DEFINE0(getuid32)	{ return current_cred()->uid; }
SYSCALL_DEFINE0(geteuid32)	{ return current_cred()->euid; }
SYSCALL_DEFINE0(getgid32)	{ return current_cred()->gid; }
SYSCALL_DEFINE0(getegid32)	{ return current_cred()->egid; }

/* @id is one of the three: an unprivileged caller may take it. */
static bool id_is_one_of(u32 id, u32 a, u32 b, u32 c)
{
	return id == a || id == b || id == c;
}

/*
 * setreuid/setregid: the real id may become the real or effective one,
 * the effective id any of the three; the saved id follows the new
 * effective one when the real id is set or the effective one becomes
 * other than the old real id.  @ids: { real, effective, saved, fs } of
 * the new cred; @olds the old ones; -1 leaves a field.
 */
static int set_re_ids(u32 *ids, const u32 *olds, u32 r, u32 e, bool cap)
{
	if (r != (u32)-1) {
		if (!cap && r != olds[0] && r != olds[1])
			return -EPERM;
		ids[0] = r;
	}
	if (e != (u32)-1) {
		if (!cap && !id_is_one_of(e, olds[0], olds[1], olds[2]))
			return -EPERM;
		ids[1] = e;
	}
	if (r != (u32)-1 || (e != (u32)-1 && e != olds[0]))
		ids[2] = ids[1];
	ids[3] = ids[1];
	return 0;
}

/* setresuid/setresgid: each id given must be one of the old three. */
static int set_res_ids(u32 *ids, const u32 *olds, const u32 *want, bool cap)
{
	for (int i = 0; i < 3; i++)
		if (want[i] != (u32)-1 && !cap &&
		    !id_is_one_of(want[i], olds[0], olds[1], olds[2]))
			return -EPERM;
	for (int i = 0; i < 3; i++)
		if (want[i] != (u32)-1)
			ids[i] = want[i];
	ids[3] = ids[1];
	return 0;
}

/* The uids or gids of @c as { real, effective, saved, fs }. */
static void cred_ids(const struct cred *c, bool gids, u32 *ids)
{
	if (gids) {
		ids[0] = c->gid, ids[1] = c->egid, ids[2] = c->sgid, ids[3] = c->fsgid;
	} else {
		ids[0] = c->uid, ids[1] = c->euid, ids[2] = c->suid, ids[3] = c->fsuid;
	}
}

/* Builds and commits a cred with @ids as its uids or gids. */
static long commit_ids(bool gids, const u32 *ids)
{
	const struct cred *old = current_cred();
	struct cred *new = prepare_creds();

	if (!new)
		return -ENOMEM;
	if (gids) {
		new->gid = ids[0], new->egid = ids[1], new->sgid = ids[2], new->fsgid = ids[3];
	} else {
		new->uid = ids[0], new->euid = ids[1], new->suid = ids[2], new->fsuid = ids[3];
		cap_emulate_setxuid(new, old);
	}
	return commit_creds(new);
}

/*
 * setuid/setgid: with CAP_SETUID / CAP_SETGID all four ids become @id;
 * otherwise @id must be the real or saved id and only the effective and
 * fs ids change.
 */
long do_setid(bool gids, u32 id)
{
	u32 olds[4], ids[4];

	if (id == (u32)-1)
		return -EINVAL;
	cred_ids(current_cred(), gids, olds);
	memcpy(ids, olds, sizeof(ids));
	if (capable(gids ? CAP_SETGID : CAP_SETUID))
		ids[0] = ids[2] = id;
	else if (id != olds[0] && id != olds[2])
		return -EPERM;
	ids[1] = ids[3] = id;
	return commit_ids(gids, ids);
}

/* Applies set_re_ids (@res false) or set_res_ids to the uids or gids. */
static long change_ids(bool gids, bool res, const u32 *want)
{
	bool cap = capable(gids ? CAP_SETGID : CAP_SETUID);
	u32 olds[4], ids[4];
	int err;

	cred_ids(current_cred(), gids, olds);
	memcpy(ids, olds, sizeof(ids));
	err = res ? set_res_ids(ids, olds, want, cap) :
		    set_re_ids(ids, olds, want[0], want[1], cap);
	return err ? err : commit_ids(gids, ids);
}

long do_setreid(bool gids, u32 r, u32 e)
{
	u32 want[3] = { r, e, (u32)-1 };

	return change_ids(gids, false, want);
}

long do_setresid(bool gids, u32 r, u32 e, u32 s)
{
	u32 want[3] = { r, e, s };

	return change_ids(gids, true, want);
}

/*
 * setfsuid/setfsgid: always return the old fs id; change it only to one
 * of the real, effective, saved or current fs ids (or anything with
 * CAP_SETUID / CAP_SETGID).  -1 only reads it.
 */
long do_setfsid(bool gids, u32 id)
{
	const struct cred *old = current_cred();
	u32 prev = gids ? old->fsgid : old->fsuid;
	struct cred *new;

	if (id == (u32)-1)
		return prev;
	if (gids ? !(id_is_one_of(id, old->gid, old->egid, old->sgid) || id == old->fsgid ||
		     capable(CAP_SETGID)) :
		   !(id_is_one_of(id, old->uid, old->euid, old->suid) || id == old->fsuid ||
		     capable(CAP_SETUID)))
		return prev;
	if (id == prev)
		return prev;
	new = prepare_creds();
	if (!new)
		return prev;		/* Linux too reports nothing but the old id */
	if (gids) {
		new->fsgid = id;
	} else {
		new->fsuid = id;
		cap_emulate_setfsuid(new, old);
	}
	commit_creds(new);
	return prev;
}

SYSCALL_DEFINE1(setuid32, uid_t, uid)	{ return do_setid(false, uid); }
SYSCALL_DEFINE1(setgid32, gid_t, gid)	{ return do_setid(true, gid); }
SYSCALL_DEFINE2(setreuid32, uid_t, ruid, uid_t, euid)	{ return do_setreid(false, ruid, euid); }
SYSCALL_DEFINE2(setregid32, gid_t, rgid, gid_t, egid)	{ return do_setreid(true, rgid, egid); }
SYSCALL_DEFINE1(setfsuid32, uid_t, uid)	{ return do_setfsid(false, uid); }
SYSCALL_DEFINE1(setfsgid32, gid_t, gid)	{ return do_setfsid(true, gid); }

SYSCALL_DEFINE3(setresuid32, uid_t, r, uid_t, e, uid_t, s)
{
	return do_setresid(false, r, e, s);
}

SYSCALL_DEFINE3(setresgid32, gid_t, r, gid_t, e, gid_t, s)
{
	return do_setresid(true, r, e, s);
}

SYSCALL_DEFINE3(getresuid32, uid_t __user *, r, uid_t __user *, e, uid_t __user *, s)
{
	const struct cred *c = current_cred();

	if (put_user(c->uid, r) || put_user(c->euid, e) || put_user(c->suid, s))
		return -EFAULT;
	return 0;
}

SYSCALL_DEFINE3(getresgid32, gid_t __user *, r, gid_t __user *, e, gid_t __user *, s)
{
	const struct cred *c = current_cred();

	if (put_user(c->gid, r) || put_user(c->egid, e) || put_user(c->sgid, s))
		return -EFAULT;
	return 0;
}
