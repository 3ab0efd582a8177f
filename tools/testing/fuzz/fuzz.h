/*
 * fuzz.h: what the fuzzer's files share.  README.md ("Files") says which
 * file owns what; the safety rules it lists live in safety.c, args.c and
 * child.c, next to the code they constrain.
 *
 * The Makefile defines _FILE_OFFSET_BITS=64 and _TIME_BITS=64 for every
 * file, so all of them agree on struct stat and time_t.
 */
#ifndef FUZZ_H
#define FUZZ_H

#if !defined(_FILE_OFFSET_BITS) || !defined(_TIME_BITS)
#error "build with the Makefile: -D_FILE_OFFSET_BITS=64 -D_TIME_BITS=64"
#endif

#include <stdint.h>
#include <sys/types.h>

#define PAGE		4096UL
#define MAX_CHILDREN	16
#define STALL_MS	1500		/* no progress for this long: SIGKILL */
#define TICK_US		20000		/* the child's interval timer */
#define REFRESH_EVERY	500		/* calls between re-made resources */
#define MAX_IDLE_KIDS	200		/* children in a row with no call done */

/* ---- options (main.c) ---- */

extern uint64_t opt_seed;
extern unsigned long opt_calls;
extern unsigned int opt_children;
extern unsigned long opt_batch;
extern long opt_child;			/* replay just this child */
extern int opt_verbose;
extern int opt_trace;			/* FUZZ_TRACE: debug only */

/* One write(2) per line, so forking never repeats any. */
__attribute__((format(printf, 1, 2)))
void say(const char *fmt, ...);

/* ---- the generator (args.c): xorshift64*, seeded through splitmix64 ---- */

extern uint64_t rng_state;

/* Child @idx of run @seed always draws the same sequence. */
void rng_seed(uint64_t seed, unsigned long idx);

static inline uint32_t rnd(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return (uint32_t)((rng_state * 0x2545f4914f6cdd1dULL) >> 32);
}

static inline uint32_t below(uint32_t n)
{
	return n ? rnd() % n : 0;
}

static inline int one_in(uint32_t n)
{
	return below(n) == 0;
}

#define PICK(arr) ((arr)[below(sizeof(arr) / sizeof((arr)[0]))])
#define ARRAY_SIZE(arr) (sizeof(arr) / sizeof((arr)[0]))

/* ---- the child's resources (resources.c) ---- */

/* Playground pages: buffers, mappings and holes the calls may reshape. */
enum {
	PG_RW = 0,		/* 4 pages anonymous private */
	PG_SHARED = 4,		/* 2 pages anonymous shared */
	PG_RO = 6,		/* PROT_READ */
	PG_NONE = 7,		/* PROT_NONE: the end of the straddle */
	PG_FSHARED = 8,		/* 2 pages of m0, MAP_SHARED */
	PG_FPRIV = 10,		/* 2 pages of m0, MAP_PRIVATE */
	PG_RW2 = 12,		/* 1 page, then a hole */
	PG_HOLE = 13,
	PG_RW3 = 14,
	PG_GUARD = 15,
	PG_FREE = 16,		/* 16..63: holes for MAP_FIXED */
	PG_COUNT = 64,
};

#define MAX_FDS 24

struct resources {
	char *play;
	int fds[MAX_FDS];
	int nfds;
	int dirfds[4];
	int ndirfds;
	pid_t pid;
	dev_t sandbox_dev;
};

extern struct resources res;

/*
 * Structures built right before a call (iovecs, sigactions, argv...).  In
 * .bss, below every mapping the calls may make or remove, so no mmap or
 * munmap of the playground can take it away.
 */
extern unsigned long scratch[1024];
#define SCRATCH(off) ((char *)scratch + (off))

/* Returns the address of playground page @page. */
char *pg(unsigned int page);
/* Re-opens the descriptor pool and rebuilds the playground. */
void refresh(void);

/* ---- the call table (table.c) ---- */

/* Argument types: how args.c draws each argument. */
enum arg {
	A_0, A_INT, A_FD, A_DIRFD, A_PATH, A_RPATH, A_BUF, A_LEN, A_MODE,
	A_OFLAGS, A_ATFLAGS, A_SIG, A_PIDSELF, A_PIDANY, A_WOPTS, A_WHENCE,
	A_TIMESPEC, A_SIGSET, A_SIGSZ, A_SIGACT, A_IOV, A_IOVCNT, A_ARGV,
	A_RLIM, A_UDESC, A_ITIMER, A_STACK, A_IOCTL, A_FCNTL, A_ADDR,
	A_MAPLEN, A_PROT, A_MFLAGS, A_MAPFD, A_CLOCK, A_SMALL, A_MMARGS,
	A_FDMUT, A_OPATH, A_BRK, A_SYSLOG, A_RLIM64, A_CLONE, A_INTBUF,
	A_MADV, A_MRLEN, A_MRFLAGS, A_MRADDR,
	A_FUTEXOP, A_FUTEXVAL, A_IPCKEY, A_IPCFLG, A_IPCCMD, A_IPCCALL,
	A_SHMID, A_SEMID, A_MSGID, A_SEMOPS, A_MQNAME, A_MQATTR, A_MQD, A_SIGEV,
	A_LDTFUNC, A_LDTPTR, A_LDTLEN,
	/* args_task.c */
	A_RSEQLEN, A_RSEQFLAGS, A_CLONE3, A_C3SIZE, A_WAITV, A_WAITVN, A_SUDOPT, A_SUDMODE,
	A_SCOP, A_SCFLAGS, A_SCARGS,
	A_PTREQ,
	/* files.c */
	A_OPENHOW, A_HOWSIZE, A_XNAME,
	/* args_net.c */
	A_FAMILY, A_SOCKTYPE, A_SOCKADDR, A_ALEN, A_MSGHDR, A_MSGFLAGS, A_EPEVENT,
	A_EPOP, A_SOCKCALL, A_SOCKARGS, A_SOCKOPT,
	/* args_mount.c */
	A_FSTYPE, A_FSKEY, A_FSVAL, A_FSCMD,
	/* args_swap.c */
	A_SWAPPATH, A_SWAPFLAGS, A_MADVSWAP,
};

/* args_mount.c: fsopen/fsconfig/fsmount/open_tree's argument types. */
unsigned long gen_mount_arg(int type);

/* args_net.c: the socket, epoll and eventfd argument types. */
unsigned long gen_net_arg(int type, unsigned long prev);
unsigned long gen_buf_public(void);
/* args_swap.c: swapon/swapoff on make stress's area (FUZZ_SWAP, Linnet only), MADV_PAGEOUT/COLD. */
void swap_args_init(void);
unsigned long gen_swap_arg(int type);
/* args_task.c: rseq, clone3, futex_waitv and syscall-user-dispatch arguments. */
unsigned long gen_task_arg(int type, unsigned long prev);

/* Flags of an entry. */
#define F_MUTATES	1	/* changes a file system: dirfds must be safe */
#define F_FORKS		2	/* the new process leaves at once */
#define F_ROPEN		4	/* an open: outside the sandbox, read-only */
#define F_KILL		8	/* the pid is checked against our own group */
#define F_EXEC		16	/* execve: only an all-zero file may be tried */
#define F_SIGRET	32	/* sigreturn on a random frame: the child ends */
#define F_RARE		64	/* ends or stalls the child: weight 1 of 32 */

struct entry {
	int nr;
	const char *name;
	unsigned char weight;
	unsigned char flags;
	unsigned char args[6];
};

/* One call as generated, then as made safe. */
struct call {
	const struct entry *e;
	unsigned long a[6];
};

/* Sums the weights; before the first gen_call(). */
void table_init(void);
/* Picks an entry by weight and draws its arguments. */
void gen_call(struct call *c);

/* ---- argument generators (args.c) ---- */

/* The break the child started with: brk never goes below it. */
extern unsigned long brk_base;

/* 0..63, any 32 bits, or one of the interesting values. */
unsigned long any_int(void);
/* Draws one argument of type @type; @prev is the one before it. */
unsigned long gen_arg(int type, unsigned long prev);
/* Returns 1 if @p points at one of the sandbox-relative names. */
int is_sandbox_name(unsigned long p);
/* Writes a symbolic form of pointer @v (for FUZZ_TRACE) into @buf. */
int arg_name(char *buf, size_t size, unsigned long v);

/* ---- futex and System V IPC (ipc.c) ---- */

/* A live id of kind 0 (shm), 1 (sem) or 2 (msg), or a likely-bad one. */
unsigned long gen_ipc_id(int kind);
unsigned long gen_ipc_key(void);
unsigned long gen_ipc_call(void);
unsigned long gen_ipc_cmd(void);
unsigned long gen_semops(void);
unsigned long gen_futex_op(void);
unsigned long gen_futex_val(void);
/* POSIX message queues: one of the fuzzer's names, an mq_attr, a queue descriptor, a sigevent. */
unsigned long gen_mq_name(void);
unsigned long gen_mq_attr(void);
unsigned long gen_mqd(void);
unsigned long gen_sigevent(void);

/* files.c: the files branch's calls */
unsigned long gen_open_how(void);
unsigned long gen_open_how_size(void);
unsigned long gen_xattr_name(void);
/* Takes SHM_REMAP out of @flags unless segment @id fits at @addr in the playground. */
void fix_shmat(unsigned long id, unsigned long addr, unsigned long *flags);
/* ipc(2)'s *get calls get only the fuzzer's keys. */
void fix_ipc_key(unsigned long call, unsigned long *key);
/* The parent: a new IPC namespace if it can; notes the objects that exist. */
void ipc_setup(void);
/* The parent, at the end: removes the objects the run made. */
void ipc_cleanup(void);

/* ---- safety checks (safety.c) ---- */

/* Returns 0 if the call must not be made as generated. */
int make_safe(struct call *c);

/* ---- the child (child.c) ---- */

/* What glibc's sigaction() passes: SA_RESTORER and a trampoline, or not. */
extern unsigned long restorer, restorer_flag;

/* The handler every catchable signal gets. */
void on_tick(int sig);
/* Returns 1 for the signals a fault raises (handled only once). */
int is_fault_signal(unsigned long sig);

/* Shared with the parent: the child's progress. */
struct slot {
	volatile unsigned long calls;
	volatile unsigned long last_nr;
	volatile unsigned long ticks_lost;	/* refreshes that found the tick stopped */
};

/* Runs child @idx for @batch calls in the sandbox; never returns. */
__attribute__((noreturn))
void child_main(unsigned long idx, unsigned long batch, struct slot *slot);

/* ---- FUZZ_TRACE (trace.c) ---- */

/* Keeps stderr open for the trace (as a descriptor no call is given). */
void trace_open(void);
/* Prints call number @i of child @idx, and whether it was made. */
void trace_call(unsigned long idx, unsigned long i, const struct call *c,
		int made);

/* ---- the parent (parent.c) ---- */

/* Maps the slots shared with the children.  Returns 0 or -1. */
int parent_init(void);
/* Keeps the children going until every call is made.  Returns 0, or -1
 * if children keep failing before their first call. */
int parent_run(void);
/* Kills the children still running and reaps everything. */
void parent_stop(void);
/* Prints the summary line for a run that returned @err. */
void parent_report(int err);

/* ---- the sandbox directory (sandbox.c) ---- */

extern char sandbox[256];

/* Makes the sandbox and chdirs into it.  Returns 0 or -1. */
int make_sandbox(void);
/* rm -r of the sandbox, never following a symbolic link. */
void remove_sandbox(void);

#endif /* FUZZ_H */
