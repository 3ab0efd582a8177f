/*
 * open(2) flags, the *at() calls' AT_* values, fcntl(2) commands and
 * access(2) modes of the Linux i386 ABI.  glibc's <fcntl.h> and
 * <unistd.h> define the same names with the same values (glibc spells
 * some differently, e.g. O_CREAT 0100).
 */
#ifndef _UAPI_LINUX_ISH_FCNTL_H
#define _UAPI_LINUX_ISH_FCNTL_H

#define O_ACCMODE	00000003
#define O_RDONLY	00000000
#define O_WRONLY	00000001
#define O_RDWR		00000002
#define O_CREAT		00000100
#define O_EXCL		00000200
#define O_NOCTTY	00000400
#define O_TRUNC		00001000
#define O_APPEND	00002000
#define O_NONBLOCK	00004000
#define O_LARGEFILE	00100000
#define O_DIRECTORY	00200000
#define O_NOFOLLOW	00400000
#define O_CLOEXEC	02000000
#define O_PATH		010000000

#define AT_FDCWD		-100
#define AT_SYMLINK_NOFOLLOW	0x100
#define AT_REMOVEDIR		0x200
#define AT_EACCESS		0x200	/* faccessat: effective ids (same bit) */
#define AT_SYMLINK_FOLLOW	0x400
#define AT_EMPTY_PATH		0x1000

#define F_DUPFD		0
#define F_GETFD		1
#define F_SETFD		2
#define F_GETFL		3
#define F_SETFL		4
#define F_DUPFD_CLOEXEC	1030
#define FD_CLOEXEC	1

/* access(2), faccessat(2) */
#define F_OK	0
#define X_OK	1
#define W_OK	2
#define R_OK	4

#endif
