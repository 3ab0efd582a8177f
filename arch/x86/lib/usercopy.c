/*
 * The instructions that touch user memory, each with an exception-table
 * entry.  Bulk moves go four bytes at a time (rep movsl/stosl) and the
 * rest byte-wise; if a fault stops them, the count of bytes not done is
 * rebuilt from ECX.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/uaccess.h>
#include <asm/extable.h>

unsigned long raw_copy_user(void *to, const void *from, unsigned long n)
{
	unsigned long tail = n & 3, words = n >> 2;

	__asm__ __volatile__(
		"1:	rep movsl\n"
		"	movl %[tail], %%ecx\n"
		"2:	rep movsb\n"
		"3:\n"
		"	.pushsection .text.fixup, \"ax\"\n"
		"4:	leal (%[tail], %%ecx, 4), %%ecx\n"
		"	jmp 3b\n"
		"	.popsection\n"
		_ASM_EXTABLE(1b, 4b)
		_ASM_EXTABLE(2b, 3b)
		: "+c"(words), "+D"(to), "+S"(from)
		: [tail] "r"(tail)
		: "memory");
	return words;
}

unsigned long raw_clear_user(void *to, unsigned long n)
{
	unsigned long tail = n & 3, words = n >> 2;

	__asm__ __volatile__(
		"1:	rep stosl\n"
		"	movl %[tail], %%ecx\n"
		"2:	rep stosb\n"
		"3:\n"
		"	.pushsection .text.fixup, \"ax\"\n"
		"4:	leal (%[tail], %%ecx, 4), %%ecx\n"
		"	jmp 3b\n"
		"	.popsection\n"
		_ASM_EXTABLE(1b, 4b)
		_ASM_EXTABLE(2b, 3b)
		: "+c"(words), "+D"(to)
		: "a"(0), [tail] "r"(tail)
		: "memory");
	return words;
}

unsigned long raw_copy_user_padded(void *to, const void *from, unsigned long n,
				   unsigned long size)
{
	unsigned long zero = size - n, words = n >> 2, err = 0;

	__asm__ __volatile__(
		"1:	rep movsl\n"
		"	movl %[n], %%ecx\n"
		"	andl $3, %%ecx\n"
		"2:	rep movsb\n"
		"	movl %[zero], %%ecx\n"
		"	shrl $2, %%ecx\n"
		"3:	rep stosl\n"
		"	movl %[zero], %%ecx\n"
		"	andl $3, %%ecx\n"
		"4:	rep stosb\n"
		"5:\n"
		"	.pushsection .text.fixup, \"ax\"\n"
		"6:	movl $1, %[err]\n"
		"	jmp 5b\n"
		"	.popsection\n"
		_ASM_EXTABLE(1b, 6b)
		_ASM_EXTABLE(2b, 6b)
		_ASM_EXTABLE(3b, 6b)
		_ASM_EXTABLE(4b, 6b)
		: "+c"(words), "+D"(to), "+S"(from), [err] "+d"(err)
		: "a"(0), [n] "rm"(n), [zero] "rm"(zero)
		: "memory");
	return err;
}

/* Reads one user byte; 0 or -EFAULT. */
static int get_user_byte(char *dst, const char *src)
{
	int err = 0;
	char c = 0;

	__asm__ __volatile__(
		"1:	movb (%[src]), %[c]\n"
		"2:\n"
		"	.pushsection .text.fixup, \"ax\"\n"
		"3:	movl %[efault], %[err]\n"
		"	jmp 2b\n"
		"	.popsection\n"
		_ASM_EXTABLE(1b, 3b)
		: [err] "+r"(err), [c] "+q"(c)
		: [src] "r"(src), [efault] "i"(-EFAULT));
	*dst = c;
	return err;
}

/*
 * Copies the string at @src, its NUL included, up to @count bytes: the
 * length without the NUL, @count if no NUL came first, or -EFAULT (a
 * fault, or the string runs into kernel space before its NUL or @count).
 * Over the part of [src, src + count) below TASK_SIZE: bytes (lodsb/
 * stosb) up to a 4-byte boundary of @src, then aligned words (lodsl/
 * stosl, about three instructions a byte instead of six) until one
 * holds a zero byte, then bytes again up to the NUL.  An aligned word
 * never crosses a page, so reading one faults only where reading the
 * string byte by byte would.
 */
long strncpy_from_user(char *dst, const char __user *src, long count)
{
	unsigned long a = (__force unsigned long)src, max, left, last = 0, tmp;
	char *d = dst;
	long err = 0;

	if (count <= 0)
		return 0;
	if (a >= TASK_SIZE)
		return -EFAULT;
	max = min_t(unsigned long, count, TASK_SIZE - a);
	left = max;
	/* AL ends as the last byte copied: 0 when a loop stopped at the NUL. */
	__asm__ __volatile__(
		"1:	testl $3, %%esi\n"	/* bytes up to an aligned word */
		"	jz 3f\n"
		"2:	lodsb\n"
		"	stosb\n"
		"	testb %%al, %%al\n"
		"	jz 8f\n"
		"	decl %[left]\n"
		"	jnz 1b\n"
		"	jmp 8f\n"
		"3:	cmpl $4, %[left]\n"	/* words while no byte is zero */
		"	jb 5f\n"
		"4:	lodsl\n"
		"	leal -0x01010101(%%eax), %[tmp]\n"
		"	notl %%eax\n"
		"	andl %%eax, %[tmp]\n"
		"	notl %%eax\n"
		"	testl $0x80808080, %[tmp]\n"
		"	jnz 6f\n"
		"	stosl\n"
		"	subl $4, %[left]\n"
		"	cmpl $4, %[left]\n"
		"	jae 4b\n"
		"	jmp 5f\n"
		"6:	subl $4, %%esi\n"	/* the word with the NUL: bytes */
		"5:	jecxz 8f\n"
		"7:	lodsb\n"
		"	stosb\n"
		"	testb %%al, %%al\n"
		"	jz 8f\n"
		"	decl %[left]\n"
		"	jnz 7b\n"
		"8:\n"
		"	.pushsection .text.fixup, \"ax\"\n"
		"9:	movl %[efault], %[err]\n"
		"	jmp 8b\n"
		"	.popsection\n"
		_ASM_EXTABLE(2b, 9b)
		_ASM_EXTABLE(4b, 9b)
		_ASM_EXTABLE(7b, 9b)
		: [left] "+c"(left), "+D"(d), "+S"(a), [err] "+r"(err), "+a"(last),
		  [tmp] "=&d"(tmp)
		: [efault] "i"(-EFAULT)
		: "memory", "cc");
	if (err)
		return err;
	/* cppcheck-suppress knownConditionTrueFalse ; the asm sets AL */
	if (!(last & 0xff))
		return max - left;	/* every byte before the NUL counted down @left */
	if (max < (unsigned long)count)
		return -EFAULT;		/* reached TASK_SIZE without a NUL */
	return count;
}

long strnlen_user(const char __user *s, long n)
{
	const char *p = (__force const char *)s;
	char c;

	for (long i = 0; i < n; i++) {
		if (!access_ok(s + i, 1) || get_user_byte(&c, p + i))
			return 0;
		if (!c)
			return i + 1;
	}
	return n + 1;
}
