/*
 * args_task.c: the argument types of rseq, clone3, futex_waitv and
 * prctl(PR_SET_SYSCALL_USER_DISPATCH).  Their structures are built in
 * .bss (like scratch[]), below every mapping the calls can change.
 *
 * clone3 only ever gets the flags clone's generator uses (no namespace,
 * no CLONE_THREAD-family surprises beyond them) plus CLONE_CLEAR_SIGHAND
 * and, rarely, CLONE_INTO_CGROUP, so a root fuzzer on a Linux host makes
 * nothing outside its own process tree.  The child of a successful call
 * leaves at once (F_FORKS), on whatever stack it was given.
 *
 * seccomp never enters strict mode, and every filter it may install
 * returns only SECCOMP_RET_ALLOW or SECCOMP_RET_LOG: random instructions
 * with each return forced to one of those, and no division by X (a
 * division by X = 0 would return 0, KILL_THREAD).  A filter that checks
 * wrongly or stacks in the child costs time, never the child.
 */
#include "fuzz.h"

#include <signal.h>
#include <string.h>

#define CLONE_CLEAR_SIGHAND_	0x100000000ULL
#define CLONE_INTO_CGROUP_	0x200000000ULL
#define FUTEX_32_		2
#define FUTEX_PRIVATE_		128

static unsigned long long clone3_block[16] __attribute__((aligned(8)));
static unsigned int waitv_block[8 * 6] __attribute__((aligned(8)));
static int set_tid_block[2];
static unsigned short seccomp_insns[4 * 16] __attribute__((aligned(8)));	/* sock_filter[16] */
static unsigned long seccomp_fprog[2];
static unsigned int seccomp_word;
static unsigned long seccomp_op;		/* the op just drawn: A_SCARGS follows it */

#define SECCOMP_OP_FILTER_	1
#define SECCOMP_RET_ALLOW_	0x7fff0000U
#define SECCOMP_RET_LOG_	0x7ffc0000U
#define SECCOMP_FLAGS_		0x3fU	/* all six; listeners are harmless: the filters only ALLOW or LOG */


/* A struct clone_args: sensible flags and signal, sometimes a stack or set_tid. */
static unsigned long gen_clone3_args(void)
{
	unsigned long long *a = clone3_block;

	if (one_in(8))
		return gen_buf_public();
	memset(clone3_block, 0, sizeof(clone3_block));
	a[0] = gen_arg(A_CLONE, 0) & ~0xffULL;			/* flags */
	if (one_in(4))
		a[0] |= CLONE_CLEAR_SIGHAND_;
	if (one_in(16))
		a[0] |= one_in(2) ? CLONE_INTO_CGROUP_ : (unsigned long long)any_int() << 32;
	a[1] = gen_buf_public();				/* pidfd */
	a[2] = gen_buf_public();				/* child_tid */
	a[3] = gen_buf_public();				/* parent_tid */
	a[4] = one_in(2) ? SIGCHLD : below(66);			/* exit_signal */
	if (one_in(3)) {
		a[5] = gen_buf_public();			/* stack */
		a[6] = one_in(4) ? any_int() : below(4) * 4096;	/* stack_size */
	}
	if (one_in(8)) {
		set_tid_block[0] = one_in(2) ? (int)any_int() : (int)(3000 + below(2000));
		a[8] = one_in(4) ? gen_buf_public() : (unsigned long)set_tid_block;
		a[9] = one_in(4) ? below(40) : 1;
	}
	a[10] = below(8);					/* cgroup */
	return (unsigned long)a;
}

static unsigned long gen_clone3_size(void)
{
	static const unsigned long sizes[] = { 64, 80, 88, 88, 96, 128, 4096, 4097, 56, 0 };

	return one_in(8) ? any_int() : PICK(sizes);
}

/* Up to 8 struct futex_waitv over playground words. */
static unsigned long gen_waitv(void)
{
	unsigned int i;

	if (one_in(8))
		return gen_buf_public();
	for (i = 0; i < 8; i++) {
		unsigned int *w = &waitv_block[i * 6];

		w[0] = one_in(2) ? 0 : any_int();		/* val, low */
		w[1] = one_in(8) ? any_int() : 0;		/* val, high: ignored */
		w[2] = gen_buf_public() & ~(one_in(8) ? 0UL : 3UL);	/* uaddr */
		w[3] = 0;
		w[4] = one_in(8) ? any_int() : FUTEX_32_ | (one_in(2) ? FUTEX_PRIVATE_ : 0);
		w[5] = one_in(16) ? 1 : 0;			/* __reserved */
	}
	return (unsigned long)waitv_block;
}

/* seccomp's operation: FILTER, GET_ACTION_AVAIL, GET_NOTIF_SIZES or junk; never 0 (strict). */
static unsigned long gen_seccomp_op(void)
{
	unsigned long op = one_in(16) ? any_int() : 1 + below(3);

	seccomp_op = op ? op : SECCOMP_OP_FILTER_;
	return seccomp_op;
}

/* One instruction: a random code whose returns and divisions are made harmless. */
static void gen_seccomp_insn(unsigned short *f, unsigned int left)
{
	static const unsigned short codes[] = {
		0x20, 0x00, 0x01, 0x02, 0x03, 0x04, 0x0c, 0x14, 0x24, 0x34, 0x44, 0x54, 0x64,
		0x74, 0x84, 0xa4, 0x05, 0x15, 0x1d, 0x25, 0x35, 0x45, 0x60, 0x61, 0x80, 0x07, 0x87,
	};
	unsigned int k = one_in(2) ? below(16) * 4 : any_int();
	unsigned short code = one_in(8) ? (unsigned short)below(256) : PICK(codes);

	if ((code & 7) == 6) {				/* BPF_RET: only K, ALLOW or LOG */
		code = 6;
		k = one_in(8) ? SECCOMP_RET_LOG_ : SECCOMP_RET_ALLOW_;
	}
	if ((code & 7) == 4 && ((code & 0xf0) == 0x30 || (code & 0xf0) == 0x90)) {
		code &= ~0x08;				/* DIV/MOD by a nonzero K only */
		k |= 1;
	}
	f[0] = code;
	((unsigned char *)f)[2] = (unsigned char)below(left ? left : 1);	/* jt */
	((unsigned char *)f)[3] = (unsigned char)below(left ? left : 1);	/* jf */
	memcpy(&f[2], &k, sizeof(k));
}

/* A struct sock_fprog of up to 16 harmless instructions ending in a return. */
static unsigned long gen_seccomp_args(unsigned long op)
{
	unsigned int n = 1 + below(16), i;

	if (op != SECCOMP_OP_FILTER_ || one_in(16)) {
		seccomp_word = one_in(2) ? below(8) << 16 : any_int();
		return one_in(8) ? gen_buf_public() : (unsigned long)&seccomp_word;
	}
	for (i = 0; i + 1 < n; i++)
		gen_seccomp_insn(&seccomp_insns[4 * i], n - i - 1);
	gen_seccomp_insn(&seccomp_insns[4 * i], 0);
	seccomp_insns[4 * i] = 6;				/* the last: ALLOW */
	memcpy(&seccomp_insns[4 * i + 2], &(unsigned int){ SECCOMP_RET_ALLOW_ }, 4);
	/* A wrong length is shorter (no other returns) or over BPF_MAXINSNS: never into other data. */
	seccomp_fprog[0] = !one_in(16) ? n : one_in(2) ? below(n) : 4097 + below(60000);
	seccomp_fprog[1] = (unsigned long)seccomp_insns;
	return (unsigned long)seccomp_fprog;
}

unsigned long gen_task_arg(int type, unsigned long prev)
{
	switch (type) {
	case A_RSEQLEN:		return one_in(4) ? any_int() : 32;
	case A_RSEQFLAGS:	return one_in(4) ? any_int() : below(2);
	case A_CLONE3:		return gen_clone3_args();
	case A_C3SIZE:		return gen_clone3_size();
	case A_WAITV:		return gen_waitv();
	case A_WAITVN:		return one_in(8) ? any_int() : below(10);
	case A_SUDOPT:		return 59;	/* PR_SET_SYSCALL_USER_DISPATCH */
	case A_SUDMODE:		return one_in(8) ? any_int() : below(2);
	case A_SCOP:		return gen_seccomp_op();
	case A_SCFLAGS:		return one_in(16) ? any_int() : (prev == SECCOMP_OP_FILTER_ ?
					 any_int() & SECCOMP_FLAGS_ : 0);
	case A_SCARGS:		return gen_seccomp_args(seccomp_op);
	}
	return 0;
}
