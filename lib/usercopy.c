/*
 * Extensible structs from user space (openat2's open_how, clone3's
 * clone_args): Linux's copy_struct_from_user().
 */
#include <linux-ish/kernel.h>
#include <linux-ish/errno.h>
#include <linux-ish/string.h>
#include <linux-ish/uaccess.h>

/* 1 if the @size user bytes at @from are all zero, 0 if not, -EFAULT. */
int check_zeroed_user(const void __user *from, size_t size)
{
	const char __user *p = from;
	char buf[64];

	while (size) {
		size_t n = size < sizeof(buf) ? size : sizeof(buf);

		if (copy_from_user(buf, p, n))
			return -EFAULT;
		if (memchr_inv(buf, 0, n))
			return 0;
		p += n;
		size -= n;
	}
	return 1;
}

/*
 * Copies a user struct of @usize bytes into the kernel's of @ksize: a
 * smaller one is zero-extended, a bigger one must be zero past @ksize
 * (-E2BIG otherwise).  0, -E2BIG or -EFAULT.
 */
int copy_struct_from_user(void *dst, size_t ksize, const void __user *src, size_t usize)
{
	size_t size = usize < ksize ? usize : ksize;

	if (usize < ksize) {
		memset((char *)dst + size, 0, ksize - size);
	} else if (usize > ksize) {
		int ret = check_zeroed_user((const char __user *)src + ksize, usize - ksize);

		if (ret <= 0)
			return ret ? ret : -E2BIG;
	}
	return copy_from_user(dst, src, size) ? -EFAULT : 0;
}
