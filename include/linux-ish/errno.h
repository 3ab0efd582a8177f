/* Linux errno values (asm-generic/errno-base.h numbering). */
#ifndef _LINUX_ISH_ERRNO_H
#define _LINUX_ISH_ERRNO_H

#define EPERM		1
#define ENOENT		2
#define ESRCH		3
#define EINTR		4
#define EIO		5
#define ENXIO		6
#define E2BIG		7
#define ENOEXEC		8
#define EBADF		9
#define ECHILD		10
#define EAGAIN		11
#define ENOMEM		12
#define EACCES		13
#define EFAULT		14
#define ENOTBLK		15
#define EBUSY		16
#define EEXIST		17
#define EXDEV		18
#define ENODEV		19
#define ENOTDIR		20
#define EISDIR		21
#define EINVAL		22
#define ENFILE		23
#define EMFILE		24
#define ENOTTY		25
#define ETXTBSY		26
#define EFBIG		27
#define ENOSPC		28
#define ESPIPE		29
#define EROFS		30
#define EMLINK		31
#define EPIPE		32
#define EDOM		33
#define ERANGE		34
#define EDEADLK		35
#define ENAMETOOLONG	36
#define ENOLCK		37
#define ENOSYS		38
#define ENOTEMPTY	39
#define ELOOP		40
#define ENOMSG		42
#define EIDRM		43
#define ENODATA		61	/* no such extended attribute (glibc ENOATTR) */
#define EOVERFLOW	75
#define ELIBBAD		80	/* an ELF interpreter that is not one */
#define EWOULDBLOCK	EAGAIN
#define ENOTSUP		95
#define EOPNOTSUPP	95
/* Sockets (net/). */
#define ENOTSOCK	88
#define EMSGSIZE	90
#define EPROTOTYPE	91
#define ENOPROTOOPT	92
#define EPROTONOSUPPORT	93
#define ESOCKTNOSUPPORT	94
#define EAFNOSUPPORT	97
#define EADDRINUSE	98
#define ECONNRESET	104
#define ENOBUFS		105
#define EISCONN		106
#define ENOTCONN	107
#define ETOOMANYREFS	109
#define ETIMEDOUT	110
#define ECONNREFUSED	111
#define EINPROGRESS	115
#define EUCLEAN		117	/* structure needs cleaning (a corrupt file system) */
#define ECANCELED	125

/* Kernel-internal: a signal interrupted a system call that may be restarted. */
#define ERESTARTSYS	512
#define ERESTARTNOINTR	513
#define ERESTARTNOHAND	514
#define ERESTART_RESTARTBLOCK	516	/* restart through current->restart_block */

#define MAX_ERRNO	4095

#endif
