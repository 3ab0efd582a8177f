/* setxattr(2) flags and the extended-attribute limits and name prefixes. */
#ifndef _UAPI_LINUX_ISH_XATTR_H
#define _UAPI_LINUX_ISH_XATTR_H

#define XATTR_CREATE	0x1	/* set value, fail if attr already exists */
#define XATTR_REPLACE	0x2	/* set value, fail if attr does not exist */

#define XATTR_NAME_MAX	255	/* chars in an extended attribute name */
#define XATTR_SIZE_MAX	65536	/* size of an extended attribute value (64k) */
#define XATTR_LIST_MAX	65536	/* size of extended attribute namelist (64k) */

#define XATTR_SECURITY_PREFIX	"security."
#define XATTR_SYSTEM_PREFIX	"system."
#define XATTR_TRUSTED_PREFIX	"trusted."
#define XATTR_USER_PREFIX	"user."
#define XATTR_NAME_CAPS			"security.capability"
#define XATTR_NAME_POSIX_ACL_ACCESS	"system.posix_acl_access"
#define XATTR_NAME_POSIX_ACL_DEFAULT	"system.posix_acl_default"

#endif
