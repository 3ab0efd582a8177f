/* Importing user iovec arrays (readv/writev, process_vm_readv/writev). */
#ifndef _LINUX_ISH_UIO_H
#define _LINUX_ISH_UIO_H

#include <linux-ish/types.h>
#include <uapi/linux-ish/uio.h>

/*
 * The user's @vlen iovecs, checked as Linux's import_iovec: more than
 * UIO_MAXIOV or a negative length -EINVAL, an unreadable array -EFAULT;
 * with @local the buffers are the caller's own, so one outside user space
 * is -EFAULT and lengths past MAX_RW_COUNT in all are cut (without it, as
 * Linux's iovec_from_user for another process's ranges, neither).
 * kmalloc'd array (NULL for none) with the total in *@total, or ERR_PTR.
 */
struct iovec *iovec_import(const struct iovec __user *uvec, unsigned long vlen, bool local,
			   size_t *total);

#endif
