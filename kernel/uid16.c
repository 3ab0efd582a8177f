/*
 * The 16-bit identity calls of i386 (the oldest numbers): ids travel as
 * 16 bits, 0xffff standing for -1 on the way in and any id above 65535
 * reading as the overflow id 65534 on the way out, as Linux's uid16.c.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/cred.h>
#include <linux-ish/errno.h>
#include <linux-ish/sched.h>
#include <linux-ish/syscalls.h>
#include <linux-ish/uaccess.h>
#include "setid.h"

SYSCALL_DEFINE0(getuid16)	{ return high2low(current_cred()->uid); }
SYSCALL_DEFINE0(geteuid16)	{ return high2low(current_cred()->euid); }
SYSCALL_DEFINE0(getgid16)	{ return high2low(current_cred()->gid); }
SYSCALL_DEFINE0(getegid16)	{ return high2low(current_cred()->egid); }

SYSCALL_DEFINE1(setuid16, u16, uid)	{ return do_setid(false, low2high(uid)); }
SYSCALL_DEFINE1(setgid16, u16, gid)	{ return do_setid(true, low2high(gid)); }
SYSCALL_DEFINE1(setfsuid16, u16, uid)	{ return do_setfsid(false, low2high(uid)); }
SYSCALL_DEFINE1(setfsgid16, u16, gid)	{ return do_setfsid(true, low2high(gid)); }

SYSCALL_DEFINE2(setreuid16, u16, r, u16, e)
{
	return do_setreid(false, low2high(r), low2high(e));
}

SYSCALL_DEFINE2(setregid16, u16, r, u16, e)
{
	return do_setreid(true, low2high(r), low2high(e));
}

SYSCALL_DEFINE3(setresuid16, u16, r, u16, e, u16, s)
{
	return do_setresid(false, low2high(r), low2high(e), low2high(s));
}

SYSCALL_DEFINE3(setresgid16, u16, r, u16, e, u16, s)
{
	return do_setresid(true, low2high(r), low2high(e), low2high(s));
}

/* Writes three ids as 16-bit values.  0 or -EFAULT. */
static long put_ids16(u32 a, u32 b, u32 c, u16 __user *pa, u16 __user *pb, u16 __user *pc)
{
	if (put_user(high2low(a), pa) || put_user(high2low(b), pb) || put_user(high2low(c), pc))
		return -EFAULT;
	return 0;
}

SYSCALL_DEFINE3(getresuid16, u16 __user *, r, u16 __user *, e, u16 __user *, s)
{
	const struct cred *c = current_cred();

	return put_ids16(c->uid, c->euid, c->suid, r, e, s);
}

SYSCALL_DEFINE3(getresgid16, u16 __user *, r, u16 __user *, e, u16 __user *, s)
{
	const struct cred *c = current_cred();

	return put_ids16(c->gid, c->egid, c->sgid, r, e, s);
}

SYSCALL_DEFINE2(getgroups16, int, size, u16 __user *, list)
{
	return do_getgroups(size, list, true);
}

SYSCALL_DEFINE2(setgroups16, int, size, const u16 __user *, list)
{
	return do_setgroups(size, list, true);
}
