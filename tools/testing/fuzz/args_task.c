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

unsigned long gen_task_arg(int type, unsigned long prev)
{
	(void)prev;
	switch (type) {
	case A_RSEQLEN:		return one_in(4) ? any_int() : 32;
	case A_RSEQFLAGS:	return one_in(4) ? any_int() : below(2);
	case A_CLONE3:		return gen_clone3_args();
	case A_C3SIZE:		return gen_clone3_size();
	case A_WAITV:		return gen_waitv();
	case A_WAITVN:		return one_in(8) ? any_int() : below(10);
	case A_SUDOPT:		return 59;	/* PR_SET_SYSCALL_USER_DISPATCH */
	case A_SUDMODE:		return one_in(8) ? any_int() : below(2);
	}
	return 0;
}
