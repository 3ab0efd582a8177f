/* futex(2): operations, flags and the FUTEX_WAKE_OP encoding (Linux's values). */
#ifndef _UAPI_LINUX_ISH_FUTEX_H
#define _UAPI_LINUX_ISH_FUTEX_H

#include <uapi/linux-ish/types.h>

#define FUTEX_WAIT		0
#define FUTEX_WAKE		1
#define FUTEX_FD		2	/* removed from Linux in 2.6.26 */
#define FUTEX_REQUEUE		3
#define FUTEX_CMP_REQUEUE	4
#define FUTEX_WAKE_OP		5
#define FUTEX_LOCK_PI		6
#define FUTEX_UNLOCK_PI		7
#define FUTEX_TRYLOCK_PI	8
#define FUTEX_WAIT_BITSET	9
#define FUTEX_WAKE_BITSET	10
#define FUTEX_WAIT_REQUEUE_PI	11
#define FUTEX_CMP_REQUEUE_PI	12
#define FUTEX_LOCK_PI2		13

#define FUTEX_PRIVATE_FLAG	128
#define FUTEX_CLOCK_REALTIME	256
#define FUTEX_CMD_MASK		(~(FUTEX_PRIVATE_FLAG | FUTEX_CLOCK_REALTIME))

#define FUTEX_WAIT_PRIVATE		(FUTEX_WAIT | FUTEX_PRIVATE_FLAG)
#define FUTEX_WAKE_PRIVATE		(FUTEX_WAKE | FUTEX_PRIVATE_FLAG)
#define FUTEX_REQUEUE_PRIVATE		(FUTEX_REQUEUE | FUTEX_PRIVATE_FLAG)
#define FUTEX_CMP_REQUEUE_PRIVATE	(FUTEX_CMP_REQUEUE | FUTEX_PRIVATE_FLAG)
#define FUTEX_WAKE_OP_PRIVATE		(FUTEX_WAKE_OP | FUTEX_PRIVATE_FLAG)
#define FUTEX_WAIT_BITSET_PRIVATE	(FUTEX_WAIT_BITSET | FUTEX_PRIVATE_FLAG)
#define FUTEX_WAKE_BITSET_PRIVATE	(FUTEX_WAKE_BITSET | FUTEX_PRIVATE_FLAG)

#define FUTEX_BITSET_MATCH_ANY	0xffffffff

/* futex_waitv(2): one waiter per entry, at most FUTEX_WAITV_MAX. */
#define FUTEX_32		2	/* the only size: a 32-bit futex word */
#define FUTEX_WAITV_MAX		128

struct futex_waitv {
	__u64 val;			/* compared with the low 32 bits */
	__u64 uaddr;
	__u32 flags;			/* FUTEX_32, optionally FUTEX_PRIVATE_FLAG */
	__u32 __reserved;		/* 0 */
};

/* A robust futex word: the owner's tid and two flags (set_robust_list(2)). */
#define FUTEX_WAITERS		0x80000000
#define FUTEX_OWNER_DIED	0x40000000
#define FUTEX_TID_MASK		0x3fffffff
#define ROBUST_LIST_LIMIT	2048	/* entries walked at most (Linux's) */

/* The i386 layout: three 32-bit words (12 bytes, set_robust_list's len). */
struct robust_list {
	struct robust_list *next;	/* bit 0: a PI futex */
};

struct robust_list_head {
	struct robust_list list;
	long futex_offset;		/* from an entry to its futex word */
	struct robust_list *list_op_pending;
};

/* FUTEX_WAKE_OP's val3: op(4 bits) cmp(4) oparg(12) cmparg(12). */
#define FUTEX_OP_SET		0	/* uaddr2 = oparg */
#define FUTEX_OP_ADD		1	/* uaddr2 += oparg */
#define FUTEX_OP_OR		2	/* uaddr2 |= oparg */
#define FUTEX_OP_ANDN		3	/* uaddr2 &= ~oparg */
#define FUTEX_OP_XOR		4	/* uaddr2 ^= oparg */
#define FUTEX_OP_OPARG_SHIFT	8	/* use (1 << oparg) as the operand */

#define FUTEX_OP_CMP_EQ		0
#define FUTEX_OP_CMP_NE		1
#define FUTEX_OP_CMP_LT		2
#define FUTEX_OP_CMP_LE		3
#define FUTEX_OP_CMP_GT		4
#define FUTEX_OP_CMP_GE		5

#define FUTEX_OP(op, oparg, cmp, cmparg)				\
	((((op) & 0xf) << 28) | (((cmp) & 0xf) << 24) |			\
	 (((oparg) & 0xfff) << 12) | ((cmparg) & 0xfff))

#endif
