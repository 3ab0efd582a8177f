/* uname(2) (newuname, i386 syscall 122): six NUL-terminated 65-byte fields. */
#ifndef _UAPI_LINUX_ISH_UTSNAME_H
#define _UAPI_LINUX_ISH_UTSNAME_H

#define __NEW_UTS_LEN	64
#define __OLD_UTS_LEN	8	/* oldolduname (59): five 9-byte fields */

struct new_utsname {
	char sysname[__NEW_UTS_LEN + 1];
	char nodename[__NEW_UTS_LEN + 1];
	char release[__NEW_UTS_LEN + 1];
	char version[__NEW_UTS_LEN + 1];
	char machine[__NEW_UTS_LEN + 1];
	char domainname[__NEW_UTS_LEN + 1];
};

#endif
