/*
 * sethostname (74) and setdomainname (121): uname's nodename and
 * domainname, also /proc/sys/kernel/hostname and domainname.  One UTS
 * namespace.  As Linux: CAP_SYS_ADMIN (EPERM) first, then a length
 * outside 0..64 EINVAL, then the copy (EFAULT); the name is stored
 * without its terminator's help (the rest of the field is zeroed).
 */
#include <linux-ish/kernel.h>
#include <linux-ish/cred.h>
#include <linux-ish/errno.h>
#include <linux-ish/string.h>
#include <linux-ish/syscalls.h>
#include <linux-ish/sysctl.h>
#include <linux-ish/uaccess.h>
#include <uapi/linux-ish/capability.h>

#define UTS_LEN		64	/* Linux's __NEW_UTS_LEN */

/* kernel.domainname: uname's domainname. */
char init_domainname[UTS_LEN + 1] = "(none)";

/* Copies @len bytes of @name into @field (UTS_LEN + 1 bytes).  0 or -errno. */
static long set_uts_field(char *field, const char __user *name, int len)
{
	char tmp[UTS_LEN];

	if (!capable(CAP_SYS_ADMIN))
		return -EPERM;
	if (len < 0 || len > UTS_LEN)
		return -EINVAL;
	if (copy_from_user(tmp, name, len))
		return -EFAULT;
	memcpy(field, tmp, len);
	memset(field + len, 0, UTS_LEN + 1 - len);
	return 0;
}

SYSCALL_DEFINE2(sethostname, const char __user *, name, int, len)
{
	return set_uts_field(init_hostname, name, len);
}

SYSCALL_DEFINE2(setdomainname, const char __user *, name, int, len)
{
	return set_uts_field(init_domainname, name, len);
}
