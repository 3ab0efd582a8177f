/*
 * Access to user memory.  Every function checks the range against
 * TASK_SIZE (access_ok) and survives faults through the exception table:
 * a bad user pointer gives -EFAULT (or a short count), never an oops.
 * A fault on a valid but not-yet-present user page is handled normally,
 * so callers must not hold mm->mmap_lock.  With CR0.WP on, writing a
 * copy-on-write page from here breaks COW exactly as a user write would.
 */
#ifndef _LINUX_ISH_UACCESS_H
#define _LINUX_ISH_UACCESS_H

#include <linux-ish/kernel.h>
#include <linux-ish/errno.h>
#include <linux-ish/string.h>
#include <asm/page.h>

static inline bool access_ok(const void __user *addr, unsigned long size)
{
	unsigned long a = (__force unsigned long)addr;

	return size <= TASK_SIZE && a <= TASK_SIZE - size;
}

/* Raw copies with fixups (arch/x86/lib/usercopy.c): return bytes NOT copied. */
unsigned long raw_copy_user(void *to, const void *from, unsigned long n);
unsigned long raw_clear_user(void *to, unsigned long n);

static inline unsigned long copy_to_user(void __user *to, const void *from, unsigned long n)
{
	if (!access_ok(to, n))
		return n;
	return raw_copy_user((__force void *)to, from, n);
}

static inline unsigned long copy_from_user(void *to, const void __user *from, unsigned long n)
{
	unsigned long left;

	if (!access_ok(from, n)) {
		memset(to, 0, n);
		return n;
	}
	left = raw_copy_user(to, (__force const void *)from, n);
	if (left)
		memset((char *)to + n - left, 0, left);
	return left;
}

static inline unsigned long clear_user(void __user *to, unsigned long n)
{
	if (!access_ok(to, n))
		return n;
	return raw_clear_user((__force void *)to, n);
}

/*
 * @n bytes from @from, then zeroes up to @size (>= @n), in one pass:
 * a record whose tail is reserved (statx).  0, or nonzero if any of
 * the @size bytes could not be written.
 */
unsigned long raw_copy_user_padded(void *to, const void *from, unsigned long n,
				   unsigned long size);

static inline unsigned long copy_to_user_padded(void __user *to, const void *from,
						unsigned long n, unsigned long size)
{
	if (!access_ok(to, size))
		return size;
	return raw_copy_user_padded((__force void *)to, from, n, size);
}

/* x must be an lvalue of the pointed-to size. 0 or -EFAULT. */
#define get_user(x, ptr) ({						\
	BUILD_BUG_ON_EXPR(sizeof(x) != sizeof(*(ptr)));			\
	copy_from_user(&(x), (ptr), sizeof(x)) ? -EFAULT : 0;		\
})

#define put_user(x, ptr) ({						\
	__typeof__(x) __pu_val = (x);					\
	BUILD_BUG_ON_EXPR(sizeof(__pu_val) != sizeof(*(ptr)));		\
	copy_to_user((ptr), &__pu_val, sizeof(__pu_val)) ? -EFAULT : 0;	\
})

/*
 * Copies a NUL-terminated string of at most @count bytes (NUL included).
 * Returns its length, @count if no NUL came within @count bytes (then @dst
 * is not terminated), or -EFAULT.
 */
long strncpy_from_user(char *dst, const char __user *src, long count);

/* Length of the user string including its NUL; 0 on fault; > n if too long. */
long strnlen_user(const char __user *s, long n);

/* lib/usercopy.c: extensible user structs (openat2, clone3). */
int check_zeroed_user(const void __user *from, size_t size);
int copy_struct_from_user(void *dst, size_t ksize, const void __user *src, size_t usize);

#endif
