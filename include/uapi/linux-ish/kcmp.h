/* kcmp(2)'s types and the KCMP_EPOLL_TFD slot (linux/kcmp.h). */
#ifndef _UAPI_LINUX_ISH_KCMP_H
#define _UAPI_LINUX_ISH_KCMP_H

#include <uapi/linux-ish/types.h>

enum kcmp_type {
	KCMP_FILE,
	KCMP_VM,
	KCMP_FILES,
	KCMP_FS,
	KCMP_SIGHAND,
	KCMP_IO,
	KCMP_SYSVSEM,
	KCMP_EPOLL_TFD,

	KCMP_TYPES,
};

/* KCMP_EPOLL_TFD: the epoll descriptor, the target descriptor and which of its entries. */
struct kcmp_epoll_slot {
	__u32 efd;
	__u32 tfd;
	__u32 toff;
};

#endif
