/*
 * ipc.c: what the fuzzer needs for futex and System V IPC: biased
 * arguments (operations, keys, live ids, semop arrays), the shmat safety
 * rule, and the clean-up that removes every IPC object a run made.
 *
 * Keys are IPC_PRIVATE or one of FUZZ_KEY..FUZZ_KEY+3, so only the
 * fuzzer's own objects can be found by key.  The parent first moves to
 * a new IPC namespace where the kernel has them (a Linux host: nothing
 * else is seen or touched); then, at the end, it removes every object
 * that did not exist when the run began and whose key is private or the
 * fuzzer's (Linnet, which has no namespaces).  POSIX message queues are
 * named only FUZZ_MQ "0".."3", and the clean-up unlinks those four.
 */
#include "fuzz.h"

#include <errno.h>
#include <sched.h>
#include <string.h>
#include <unistd.h>
#include <sys/syscall.h>

#define FUZZ_KEY	0x46555a00	/* "FUZ\0" */
#define IPC_RMID	0
#define IPC_STAT	2
#define IPC_INFO	3
#define SHM_REMAP	040000
#define MAX_KNOWN	256
#define FUZZ_MQ		"fuzz_mq_"	/* + one digit 0..3 */
#define O_RDWR_		2
#define O_CREAT_	0100
#define O_NONBLOCK_	04000

/* The direct i386 *ctl calls, and each kind's *_STAT (by index). */
static const struct ipc_kind {
	int ctl_nr, stat_cmd;
} kinds[3] = {
	{ 396, 13 },		/* shmctl, SHM_STAT */
	{ 394, 18 },		/* semctl, SEM_STAT */
	{ 402, 11 },		/* msgctl, MSG_STAT */
};

/* Big enough for shmid64_ds, semid64_ds, msqid64_ds and the *info structures. */
static unsigned long ipc_buf[32];

static long ipc_ctl(int kind, int id, int cmd)
{
	const struct ipc_kind *k = &kinds[kind];

	if (k->ctl_nr == 394)	/* semctl(id, semnum, cmd, arg) */
		return syscall(k->ctl_nr, id, 0, cmd, ipc_buf);
	return syscall(k->ctl_nr, id, cmd, ipc_buf);
}

/* The live id in slot @idx of @kind, or -1.  Leaves the *id64_ds in ipc_buf. */
static long ipc_id_at(int kind, int idx)
{
	return ipc_ctl(kind, idx, kinds[kind].stat_cmd);
}

unsigned long gen_ipc_id(int kind)
{
	long id;

	if (one_in(8))
		return any_int();
	id = ipc_id_at(kind, below(8));
	return id >= 0 ? (unsigned long)id : below(4);
}

unsigned long gen_ipc_key(void)
{
	return one_in(2) ? 0 : FUZZ_KEY + below(4);
}

unsigned long gen_ipc_call(void)
{
	static const unsigned long calls[] = { 1, 2, 3, 4, 11, 12, 13, 14, 21, 22, 23, 24 };

	if (one_in(16))
		return any_int();
	return PICK(calls) | (one_in(4) ? 1UL << 16 : 0);
}

/* A *ctl command: 0..20, sometimes with IPC_64. */
unsigned long gen_ipc_cmd(void)
{
	if (one_in(16))
		return any_int();
	return below(21) | (one_in(3) ? 0x100 : 0);
}

/* One to three struct sembuf in the scratch area, mostly IPC_NOWAIT. */
unsigned long gen_semops(void)
{
	short *ops = (short *)SCRATCH(3072);

	if (one_in(8))
		return one_in(2) ? 0 : (unsigned long)pg(PG_HOLE);
	for (int i = 0; i < 3; i++) {
		ops[3 * i] = (short)(one_in(8) ? rnd() : below(4));
		ops[3 * i + 1] = one_in(8) ? (short)rnd() : (short)((int)below(5) - 2);
		ops[3 * i + 2] = (short)((one_in(4) ? 0 : 04000) | (one_in(3) ? 0x1000 : 0));
	}
	return (unsigned long)ops;
}

/* futex's op: a command 0..13 (the PI ones 6-8, 11-13 too), private or not, sometimes FUTEX_CLOCK_REALTIME. */
unsigned long gen_futex_op(void)
{
	if (one_in(16))
		return any_int();
	return below(14) | (one_in(2) ? 128 : 0) | (one_in(8) ? 256 : 0);
}

/* Mostly what the playground holds (zeros), so waits really wait. */
unsigned long gen_futex_val(void)
{
	return one_in(2) ? 0 : any_int();
}

/* SHM_REMAP only where the whole segment fits in the playground. */
void fix_shmat(unsigned long id, unsigned long addr, unsigned long *flags)
{
	unsigned long lo = (unsigned long)res.play, hi = lo + PG_COUNT * PAGE;
	unsigned long size;

	if (!(*flags & SHM_REMAP))
		return;
	if (addr < lo || addr >= hi || (long)id < 0 || ipc_ctl(0, (int)id, IPC_STAT) < 0) {
		*flags &= ~(unsigned long)SHM_REMAP;
		return;
	}
	size = ipc_buf[9];		/* shmid64_ds.shm_segsz */
	if (size > hi - (addr & ~(PAGE - 1)))
		*flags &= ~(unsigned long)SHM_REMAP;
}

/* The *get calls of ipc(2) take the key first: keep it ours (IPC_PRIVATE or FUZZ_KEY+n). */
void fix_ipc_key(unsigned long call, unsigned long *key)
{
	call &= 0xffff;
	if ((call == 2 || call == 13 || call == 23) && *key && (*key & ~3UL) != FUZZ_KEY)
		*key = FUZZ_KEY + (*key & 3);
}

/* FUZZ_MQ plus a digit, sometimes with a slash or a bad pointer (EACCES, EFAULT). */
unsigned long gen_mq_name(void)
{
	char *name = SCRATCH(3200);

	if (one_in(16))
		return one_in(2) ? 0 : (unsigned long)pg(PG_HOLE);
	strcpy(name, one_in(16) ? "/" FUZZ_MQ "0" : FUZZ_MQ "0");
	name[strlen(name) - 1] = (char)('0' + below(4));
	return (unsigned long)name;
}

/* An mq_attr: small sizes mostly, sometimes huge or negative ones. */
unsigned long gen_mq_attr(void)
{
	long *a = (long *)SCRATCH(3264);

	if (one_in(4))
		return one_in(2) ? 0 : (unsigned long)pg(PG_HOLE);
	a[0] = one_in(4) ? O_NONBLOCK_ : 0;
	a[1] = one_in(8) ? (long)any_int() : (long)below(12);
	a[2] = one_in(8) ? (long)any_int() : (long)below(300);
	for (int i = 3; i < 8; i++)
		a[i] = 0;
	return (unsigned long)a;
}

/* This child's queue descriptor (opened once, mostly non-blocking), or any fd. */
unsigned long gen_mqd(void)
{
	static int mqd = -1;
	char name[16] = FUZZ_MQ "0";

	if (one_in(8))
		return below(32);
	if (mqd < 0 || syscall(SYS_fcntl, mqd, 1 /* F_GETFD */) < 0) {
		name[strlen(name) - 1] = (char)('0' + below(4));
		mqd = (int)syscall(277, name, O_RDWR_ | O_CREAT_ | (one_in(4) ? 0 : O_NONBLOCK_),
				   0600, NULL);
	}
	return mqd < 0 ? below(32) : (unsigned long)mqd;
}

/* A struct sigevent (64 bytes): SIGALRM, 0 or an invalid signal (never a fatal one); any kind. */
unsigned long gen_sigevent(void)
{
	int *ev = (int *)SCRATCH(3328);

	if (one_in(4))
		return one_in(2) ? 0 : (unsigned long)pg(PG_HOLE);
	memset(ev, 0, 64);
	ev[0] = (int)rnd();
	ev[1] = one_in(2) ? 14 /* SIGALRM: the child handles it */ : one_in(2) ? 0 : 65 + (int)below(4);
	ev[2] = one_in(8) ? (int)rnd() : (int)below(3);
	if (ev[2] == 2)
		ev[0] = (int)(unsigned long)SCRATCH(3392);	/* SIGEV_THREAD's cookie */
	return (unsigned long)ev;
}

static long known[3][MAX_KNOWN];
static int nknown[3];

/* The highest slot of @kind in use, from IPC_INFO (0 when none or unknown). */
static int ipc_max_idx(int kind)
{
	long max = ipc_ctl(kind, 0, IPC_INFO);

	return max < 0 ? 0 : (int)max;
}

void ipc_setup(void)
{
	syscall(SYS_unshare, CLONE_NEWIPC);	/* fails without namespaces: fine */
	for (int k = 0; k < 3; k++) {
		int max = ipc_max_idx(k);

		for (int i = 0; i <= max && nknown[k] < MAX_KNOWN; i++) {
			long id = ipc_id_at(k, i);

			if (id >= 0)
				known[k][nknown[k]++] = id;
		}
	}
}

static int was_known(int kind, long id)
{
	for (int i = 0; i < nknown[kind]; i++)
		if (known[kind][i] == id)
			return 1;
	return 0;
}

void ipc_cleanup(void)
{
	char name[16] = FUZZ_MQ "0";

	for (int i = 0; i < 4; i++) {
		name[strlen(name) - 1] = (char)('0' + i);
		syscall(278, name);
	}
	for (int k = 0; k < 3; k++) {
		int max = ipc_max_idx(k);

		for (int i = 0; i <= max; i++) {
			long id = ipc_id_at(k, i);
			unsigned int key = (unsigned int)ipc_buf[0];	/* ipc64_perm.key */

			if (id < 0 || was_known(k, id))
				continue;
			if (key == 0 || (key & ~3U) == FUZZ_KEY)
				ipc_ctl(k, (int)id, IPC_RMID);
		}
	}
}
