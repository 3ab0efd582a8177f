/*
 * Lengths the ABI fixes: a name in a directory, a path handed to a system
 * call, the largest pipe write that is atomic, the most supplementary groups.
 */
#ifndef _UAPI_LINUX_ISH_LIMITS_H
#define _UAPI_LINUX_ISH_LIMITS_H

#define NAME_MAX	255
#define PATH_MAX	4096
#define PIPE_BUF	4096
#define NGROUPS_MAX	65536	/* supplementary groups of a process */

#endif
