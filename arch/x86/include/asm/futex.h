/*
 * The one atomic read-modify-write of user memory that futexes need:
 * compare-and-exchange a u32, surviving a fault through the exception
 * table.  A fault on a valid user page (not present, copy-on-write) is
 * handled and the instruction retried, so the caller must not hold
 * mmap_lock or a spinlock.
 */
#ifndef _ASM_X86_FUTEX_H
#define _ASM_X86_FUTEX_H

#include <linux-ish/uaccess.h>
#include <asm/extable.h>

/*
 * If *@uaddr == @old, stores @new there.  Either way *@cur gets the value
 * that was found.  0, or -EFAULT (nothing stored).
 */
static inline int futex_cmpxchg_user(u32 *cur, u32 __user *uaddr, u32 old, u32 new)
{
	int err = 0;

	if (!access_ok(uaddr, sizeof(u32)))
		return -EFAULT;
	__asm__ __volatile__(
		"1:	lock; cmpxchgl %[new], %[mem]\n"
		"2:\n"
		"	.pushsection .text.fixup, \"ax\"\n"
		"3:	movl %[efault], %[err]\n"
		"	jmp 2b\n"
		"	.popsection\n"
		_ASM_EXTABLE(1b, 3b)
		: [err] "+r"(err), "+a"(old), [mem] "+m"(*(__force u32 *)uaddr)
		: [new] "r"(new), [efault] "i"(-EFAULT)
		: "memory");
	*cur = old;
	return err;
}

#endif
