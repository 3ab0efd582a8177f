/* readv(2)/writev(2): one buffer of a vector, and the longest vector. */
#ifndef _UAPI_LINUX_ISH_UIO_H
#define _UAPI_LINUX_ISH_UIO_H

#include <uapi/linux-ish/types.h>

#define UIO_MAXIOV	1024

struct iovec {
	void __user *iov_base;
	__kernel_size_t iov_len;
};

#endif
