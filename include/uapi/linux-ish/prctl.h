/* prctl(2) options (Linux's values); glibc's <sys/prctl.h> has the same names. */
#ifndef _UAPI_LINUX_ISH_PRCTL_H
#define _UAPI_LINUX_ISH_PRCTL_H

#define PR_SET_PDEATHSIG	1
#define PR_GET_PDEATHSIG	2
#define PR_GET_DUMPABLE		3
#define PR_SET_DUMPABLE		4
#define PR_SET_NAME		15
#define PR_GET_NAME		16
#define PR_CAPBSET_READ		23
#define PR_SET_CHILD_SUBREAPER	36
#define PR_GET_CHILD_SUBREAPER	37

/* Syscall user dispatch: a SIGSYS for syscalls made outside one region. */
#define PR_GET_SECCOMP		21
#define PR_SET_SECCOMP		22
#define PR_SET_NO_NEW_PRIVS	38
#define PR_GET_NO_NEW_PRIVS	39
#define PR_SET_SYSCALL_USER_DISPATCH	59
#define PR_SYS_DISPATCH_OFF		0
#define PR_SYS_DISPATCH_ON		1
/* The selector byte's values. */
#define SYSCALL_DISPATCH_FILTER_ALLOW	0
#define SYSCALL_DISPATCH_FILTER_BLOCK	1

#endif
