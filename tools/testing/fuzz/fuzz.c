/*
 * fuzz: a seeded system-call fuzzer for Linnet that is safe to run on a
 * Linux host as root.  README.md lists the safety rules; every rule is
 * enforced in this file, next to the code it constrains.
 *
 *   fuzz --seed N --calls N [--children N] [--batch N] [--child C] [--verbose]
 *
 * (or FUZZ_SEED=, FUZZ_CALLS=, FUZZ_CHILDREN=, FUZZ_BATCH=, FUZZ_CHILD=,
 * FUZZ_VERBOSE= in the environment, for a kernel command line).
 *
 * The parent forks children one after another (up to --children at
 * once); child number C seeds its generator from (seed, C) alone and
 * issues a batch of raw system calls in a sandbox directory of its own,
 * counting them in a shared page.  The parent kills a child that makes no
 * progress for a few seconds.  Exit status 0 means the run completed.
 */
#define _FILE_OFFSET_BITS 64	/* stat() must not fail on a big inode number */
#define _TIME_BITS 64		/* or on a time the calls set past 2038 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/wait.h>

#define PAGE		4096UL
#define MAX_CHILDREN	16
#define STALL_MS	1500		/* no progress for this long: SIGKILL */
#define TICK_US		20000		/* the child's interval timer */
#define REFRESH_EVERY	500		/* calls between re-made resources */
#define MAX_IDLE_KIDS	200		/* children in a row with no call done */

static uint64_t opt_seed = 1;
static unsigned long opt_calls = 10000;
static unsigned int opt_children = 1;
static unsigned long opt_batch = 2000;
static long opt_child = -1;		/* replay just this child */
static int opt_verbose;

/* ---- output: one write(2) per line, so forking never repeats any ---- */

__attribute__((format(printf, 1, 2)))
static void say(const char *fmt, ...)
{
	char line[256];
	va_list ap;
	int len;

	va_start(ap, fmt);
	len = vsnprintf(line, sizeof(line) - 1, fmt, ap);
	va_end(ap);
	if (len < 0)
		return;
	if (len > (int)sizeof(line) - 2)
		len = sizeof(line) - 2;
	line[len++] = '\n';
	if (write(1, line, (size_t)len) < 0)
		return;
}

/* ---- the generator: xorshift64*, seeded through splitmix64 ---- */

static uint64_t rng_state;

static uint64_t splitmix64(uint64_t *s)
{
	uint64_t z = (*s += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* Child @idx of run @seed always draws the same sequence. */
static void rng_seed(uint64_t seed, unsigned long idx)
{
	uint64_t s = seed ^ ((uint64_t)idx << 32) ^ idx;

	rng_state = splitmix64(&s) | 1;
}

static uint32_t rnd(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return (uint32_t)((rng_state * 0x2545f4914f6cdd1dULL) >> 32);
}

static uint32_t below(uint32_t n)
{
	return n ? rnd() % n : 0;
}

static int one_in(uint32_t n)
{
	return below(n) == 0;
}

#define PICK(arr) ((arr)[below(sizeof(arr) / sizeof((arr)[0]))])

/* ---- interesting values ---- */

static const unsigned long interesting[] = {
	0, 1, 2, 3, 4, 7, 8, 16, 64, 255, 256, 511, 4095, 4096, 4097,
	65535, 65536, 1UL << 20, 1UL << 30, 0x7fffffff, 0x80000000, 0xffffffff,
	0xfffffffe, (unsigned long)-4095, (unsigned long)-4096,
	(unsigned long)-2, (unsigned long)-22, 0xc0000000, 0xfffff000,
};

static unsigned long any_int(void)
{
	switch (below(4)) {
	case 0:
		return below(64);
	case 1:
		return rnd();
	default:
		return PICK(interesting);
	}
}

/* Mostly-valid bits of @valid, sometimes with random bits mixed in. */
static unsigned long flags_from(unsigned long valid)
{
	unsigned long f = rnd() & valid;

	if (one_in(8))
		f |= 1UL << below(32);
	if (one_in(32))
		f = rnd();
	return f;
}

/*
 * Path names.  Every string a path argument may point at is a constant
 * here, in read-only memory no system call can write to: a sandbox-
 * relative name (no "..", no leading '/') for anything, or a well-known
 * read-only file for read-only calls.  Symbolic links may point only at
 * sandbox names, so following one never leaves the sandbox either.
 */
static const char *const sandbox_names[] = {
	"f0", "f1", "f2", "d0", "d0/f0", "d0/d1", "d0/d1/f1", "l0", "d0/l1",
	"m0", "f0/", "d0/", ".", "", "f0/x", "d0/d1/", "l0/",
	"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
	"d0/./f0", "d0//f0",
};

/* Opened only read-only (see fix_open_flags()). */
static const char *const readonly_files[] = {
	"/dev/null", "/proc/self/maps", "/proc/self/status", "/proc/meminfo",
	"/proc/self/cmdline", "/proc/uptime",
};

/* Only ever given to stat, access and readlink. */
static const char *const statonly_paths[] = {
	"/", "/proc/self/exe", "/proc/self", "/dev", "/proc/self/fd/0",
};

/* Unwritable, unmappable bad pointers: safe even for path arguments. */
static const unsigned long bad_ptrs[] = {
	0, 1, 0xfff, 0xc0000000, 0xc0001000, 0xfffff000, 0xffffffff,
	0xbffffffe,
};

/* ---- the child's resources ---- */

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

static struct {
	char *play;
	int fds[MAX_FDS];
	int nfds;
	int dirfds[4];
	int ndirfds;
	pid_t pid;
	dev_t sandbox_dev;
} res;

/*
 * Structures built right before a call (iovecs, sigactions, argv...).  In
 * .bss, below every mapping the calls may make or remove, so no mmap or
 * munmap of the playground can take it away.
 */
static unsigned long scratch[1024] __attribute__((aligned(4096)));
#define SCRATCH(off) ((char *)scratch + (off))

struct slot {
	volatile unsigned long calls;
	volatile unsigned long last_nr;
};

static char *pg(unsigned int page)
{
	return res.play + page * PAGE;
}

static void add_fd(int fd, int is_dir)
{
	if (fd < 0 || res.nfds >= MAX_FDS)
		return;
	res.fds[res.nfds++] = fd;
	if (is_dir && res.ndirfds < 4)
		res.dirfds[res.ndirfds++] = fd;
}

static void fill_random(char *p, size_t len)
{
	for (size_t i = 0; i < len; i++)
		p[i] = (char)rnd();
}

static void map_fixed(unsigned int page, unsigned int n, int prot, int flags, int fd)
{
	void *p = mmap(pg(page), n * PAGE, prot, flags | MAP_FIXED, fd, 0);

	if (p != MAP_FAILED && (prot & PROT_WRITE))
		fill_random(p, n * PAGE);
}

/* (Re)builds the playground at res.play; failures only leave holes. */
static void make_mappings(int mfd)
{
	mmap(res.play, PG_COUNT * PAGE, PROT_NONE,
	     MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	map_fixed(PG_RW, 4, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1);
	map_fixed(PG_SHARED, 2, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1);
	map_fixed(PG_RO, 1, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1);
	map_fixed(PG_FSHARED, 2, PROT_READ | PROT_WRITE, MAP_SHARED, mfd);
	map_fixed(PG_FPRIV, 2, PROT_READ | PROT_WRITE, MAP_PRIVATE, mfd);
	map_fixed(PG_RW2, 1, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1);
	map_fixed(PG_RW3, 1, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1);
	munmap(pg(PG_HOLE), PAGE);
	munmap(pg(PG_FREE), (PG_COUNT - PG_FREE) * PAGE);
}

/* Closes every descriptor above 2, then opens the pool afresh. */
static void make_fds(void)
{
	int p[2];

	for (int fd = 3; fd < 256; fd++)
		close(fd);
	res.nfds = res.ndirfds = 0;
	add_fd(open("f0", O_RDWR | O_CREAT, 0644), 0);
	add_fd(open("f1", O_RDWR | O_CREAT | O_APPEND, 0600), 0);
	add_fd(open(".", O_RDONLY | O_DIRECTORY), 1);
	if (mkdir("d0", 0755) == 0 || errno == EEXIST)
		add_fd(open("d0", O_RDONLY | O_DIRECTORY), 1);
	for (int i = 0; i < 2; i++)
		if (pipe2(p, i ? O_NONBLOCK : 0) == 0) {
			add_fd(p[0], 0);
			add_fd(p[1], 0);
		}
	add_fd(open("/dev/null", O_RDONLY), 0);
	add_fd(open("/proc/self/maps", O_RDONLY), 0);
	add_fd(open("/proc/self/status", O_RDONLY), 0);
}

static void refresh(void)
{
	int mfd;

	make_fds();
	mfd = open("m0", O_RDWR | O_CREAT, 0644);
	if (mfd >= 0 && ftruncate(mfd, 2 * PAGE) == 0)
		add_fd(mfd, 0);
	make_mappings(mfd);
}

/*
 * The guard for descriptors a call may change through (fchmod,
 * ftruncate, fchdir, utimensat on a descriptor, and every dirfd of a
 * path-changing *at call): it must be invalid, or name a file, directory
 * or symbolic link on the sandbox's file system, or a pipe.  The only
 * other objects the child can reach are the read-only files above, on
 * /dev and /proc.
 */
static int fd_is_safe(long fd)
{
	struct stat st;

	if (fd == AT_FDCWD || fd < 0)
		return 1;
	if (fstat((int)fd, &st) < 0)
		return errno == EBADF;	/* EOVERFLOW and the like: unknown */
	if (S_ISFIFO(st.st_mode))
		return 1;
	if (st.st_dev != res.sandbox_dev)
		return 0;
	return S_ISREG(st.st_mode) || S_ISDIR(st.st_mode) || S_ISLNK(st.st_mode);
}

/* ---- argument generators ---- */

static unsigned long gen_fd(void)
{
	switch (below(8)) {
	case 0:
		return PICK(interesting);
	case 1:
		return below(32);
	default:
		return res.nfds ? (unsigned long)res.fds[below(res.nfds)] : 0;
	}
}

static unsigned long gen_dirfd(void)
{
	if (one_in(2))
		return (unsigned long)AT_FDCWD;
	if (res.ndirfds && one_in(2))
		return (unsigned long)res.dirfds[below(res.ndirfds)];
	return gen_fd();
}

static unsigned long gen_bad_ptr(void)
{
	return PICK(bad_ptrs);
}

/* A sandbox name, or a bad pointer. */
static unsigned long gen_path(void)
{
	if (one_in(12))
		return gen_bad_ptr();
	return (unsigned long)PICK(sandbox_names);
}

/* For open: also files outside the sandbox (opened read-only). */
static unsigned long gen_opath(void)
{
	if (one_in(6))
		return (unsigned long)PICK(readonly_files);
	return gen_path();
}

/* For read-only calls: also well-known paths outside the sandbox. */
static unsigned long gen_rpath(void)
{
	switch (below(6)) {
	case 0:
		return (unsigned long)PICK(readonly_files);
	case 1:
		return (unsigned long)PICK(statonly_paths);
	default:
		return gen_path();
	}
}

static int is_sandbox_name(unsigned long p)
{
	for (unsigned int i = 0; i < sizeof(sandbox_names) / sizeof(sandbox_names[0]); i++)
		if (p == (unsigned long)sandbox_names[i])
			return 1;
	return 0;
}

/* A user buffer: any playground page, a straddle, read-only text, or bad. */
static unsigned long gen_buf(void)
{
	switch (below(12)) {
	case 0:
		return gen_bad_ptr();
	case 1:
		return (unsigned long)&gen_buf;		/* read-only text */
	case 2:
		return (unsigned long)pg(PG_NONE) - 1 - below(64);	/* straddle */
	case 3:
		return (unsigned long)pg(PG_HOLE) - 1 - below(64);
	case 4:
		return (unsigned long)pg(PG_RO) + below(PAGE);
	case 5:
		return (unsigned long)pg(PG_SHARED) + below(2 * PAGE);
	case 6:
		return (unsigned long)pg(PG_FSHARED) + below(2 * PAGE);
	case 7:
		return (unsigned long)pg(PG_FPRIV) + below(2 * PAGE);
	case 8:
		return (unsigned long)pg(PG_FREE + below(PG_COUNT - PG_FREE));
	default:
		return (unsigned long)pg(PG_RW) + below(4 * PAGE);
	}
}

static unsigned long gen_len(void)
{
	switch (below(6)) {
	case 0:
		return PICK(interesting);
	case 1:
		return below(3 * PAGE);
	default:
		return below(256);
	}
}

/* A playground address for the mapping calls, aligned or not, or bad. */
static unsigned long gen_addr(void)
{
	if (one_in(10))
		return gen_bad_ptr();
	if (one_in(10))
		return (unsigned long)pg(below(PG_COUNT)) + below(PAGE);
	return (unsigned long)pg(below(PG_COUNT));
}

/* A length for the page at @addr: within the playground, or silly. */
static unsigned long gen_maplen(unsigned long addr)
{
	unsigned long end = (unsigned long)pg(PG_COUNT);

	if (one_in(12))
		return PICK(interesting);
	if (addr < (unsigned long)res.play || addr >= end)
		return PAGE * (1 + below(4));
	return 1 + below((unsigned int)(end - addr));
}

/* A descriptor for MAP_FIXED-free mmap of a sandbox file, or anything. */
static unsigned long gen_mapfd(void)
{
	if (one_in(3))
		return (unsigned long)-1;
	return gen_fd();
}

static unsigned long gen_mode(void)
{
	return one_in(8) ? rnd() : (rnd() & 07777);
}

/* A signal number; SIGSTOP seldom, as it stalls the child until killed. */
static unsigned long gen_sig(void)
{
	unsigned long sig = one_in(16) ? any_int() : below(66);

	return sig == SIGSTOP && !one_in(8) ? 0 : sig;
}

static unsigned long gen_timespec(void)
{
	long *ts = (long *)SCRATCH(256);

	if (one_in(8))
		return one_in(2) ? gen_bad_ptr() : gen_buf();
	ts[0] = one_in(8) ? (long)any_int() : 0;
	ts[1] = one_in(8) ? (long)any_int() : (long)below(2000000);
	if (one_in(4)) {	/* a 64-bit timespec for the time64 calls */
		ts[1] = 0;
		ts[2] = (long)below(2000000);
	}
	return (unsigned long)ts;
}

static unsigned long gen_sigset(void)
{
	unsigned long *set = (unsigned long *)SCRATCH(512);

	if (one_in(6))
		return gen_buf();
	set[0] = rnd() & ~(1UL << (SIGALRM - 1));
	set[1] = rnd();
	return (unsigned long)set;
}

static void on_tick(int sig)
{
	(void)sig;
}

/* A fault on a handled signal would repeat forever. */
static int is_fault_signal(unsigned long sig)
{
	return sig == SIGSEGV || sig == SIGBUS || sig == SIGILL ||
	       sig == SIGFPE || sig == SIGTRAP;
}

/* What glibc's sigaction() passes: SA_RESTORER and a trampoline, or not. */
static unsigned long restorer, restorer_flag;

/* A struct kernel_sigaction: handler, flags, restorer, mask. */
static unsigned long gen_sigaction(void)
{
	unsigned long *sa = (unsigned long *)SCRATCH(768);
	static const unsigned long handlers[] = {
		(unsigned long)SIG_DFL, (unsigned long)SIG_IGN,
		(unsigned long)on_tick, 0xc0000000, 0x1000,
	};

	if (one_in(6))
		return one_in(2) ? 0 : gen_bad_ptr();
	sa[0] = PICK(handlers);
	sa[1] = flags_from(0xdc000004);	/* SA_SIGINFO ONSTACK RESTART NODEFER RESETHAND */
	sa[1] |= restorer_flag;
	if (one_in(8))
		sa[1] ^= 0x04000000;		/* SA_RESTORER */
	sa[2] = one_in(8) ? gen_buf() : restorer;
	sa[3] = rnd();
	sa[4] = rnd();
	return (unsigned long)sa;
}

/* An iovec array of @n entries over playground buffers. */
static unsigned long gen_iov(void)
{
	unsigned long *iov = (unsigned long *)SCRATCH(1024);
	unsigned int n = 1 + below(8);

	if (one_in(8))
		return gen_buf();
	for (unsigned int i = 0; i < n; i++) {
		iov[2 * i] = gen_buf();
		iov[2 * i + 1] = gen_len();
	}
	return (unsigned long)iov;
}

static unsigned long gen_iovcnt(void)
{
	return one_in(6) ? any_int() : below(9);
}

/* An argv or envp array: NULL-terminated sandbox names, or bad. */
static unsigned long gen_argv(void)
{
	unsigned long *v = (unsigned long *)SCRATCH(1536 + (rnd() & 1) * 128);
	unsigned int n = below(6);

	if (one_in(4))
		return one_in(2) ? 0 : gen_bad_ptr();
	for (unsigned int i = 0; i < n; i++)
		v[i] = one_in(6) ? gen_bad_ptr() : (unsigned long)PICK(sandbox_names);
	v[n] = one_in(10) ? rnd() : 0;
	return (unsigned long)v;
}

/*
 * A struct rlimit: soft and hard limits below 128, so a limit set by
 * limit_child() may be lowered, never raised past what it was.
 */
static unsigned long gen_rlimit(void)
{
	unsigned long *r = (unsigned long *)SCRATCH(1856);

	if (one_in(4))
		return one_in(2) ? 0 : gen_bad_ptr();
	r[0] = below(64);
	r[1] = r[0] + below(64);
	return (unsigned long)r;
}

/* The same as a struct rlimit64 (two 64-bit values). */
static unsigned long gen_rlimit64(void)
{
	unsigned long *r = (unsigned long *)SCRATCH(1856);

	if (one_in(4))
		return one_in(2) ? 0 : gen_bad_ptr();
	r[0] = below(64);
	r[1] = 0;
	r[2] = r[0] + below(64);
	r[3] = 0;
	return (unsigned long)r;
}

/* syslog: only the reading actions (never clear, console off/on/level). */
static unsigned long gen_syslog_type(void)
{
	static const unsigned long types[] = {
		0, 1, 3, 9, 10, 11, 0x7fffffff, (unsigned long)-1,
	};

	return PICK(types);
}

/* clone: mostly fork-like flags; make_safe() takes out the dangerous ones. */
static unsigned long gen_clone_flags(void)
{
	unsigned long sig = one_in(2) ? SIGCHLD : below(65);

	return sig | flags_from(0x00ffff00);
}

static unsigned long brk_base;

/* brk: around the break we started with, never below it (static glibc
 * keeps its TLS there), or nonsense. */
static unsigned long gen_brk(void)
{
	if (one_in(4))
		return one_in(2) ? gen_bad_ptr() : any_int();
	return brk_base + below(64) * PAGE + (one_in(4) ? below(PAGE) : 0);
}

/* A struct user_desc for set_thread_area. */
static unsigned long gen_user_desc(void)
{
	unsigned long *d = (unsigned long *)SCRATCH(1920);

	if (one_in(4))
		return gen_buf();
	d[0] = one_in(2) ? (unsigned long)-1 : (one_in(2) ? below(16) : any_int());
	d[1] = gen_buf();
	d[2] = any_int();
	d[3] = rnd();
	return (unsigned long)d;
}

/* A struct itimerval with small times. */
static unsigned long gen_itimerval(void)
{
	long *it = (long *)SCRATCH(1984);

	if (one_in(6))
		return gen_buf();
	for (int i = 0; i < 4; i++)
		it[i] = one_in(8) ? (long)any_int() : (long)below(300000);
	it[0] = it[2] = 0;
	return (unsigned long)it;
}

static unsigned long gen_stack_t(void)
{
	unsigned long *ss = (unsigned long *)SCRATCH(2048);

	if (one_in(4))
		return one_in(2) ? 0 : gen_buf();
	ss[0] = gen_buf();
	ss[1] = flags_from(3);		/* SS_ONSTACK, SS_DISABLE */
	ss[2] = one_in(2) ? 8192 : any_int();
	return (unsigned long)ss;
}

/* The arguments of old_mmap (90): a block of six longs. */
static unsigned long gen_mmap_args(void);

static unsigned long gen_ioctl_req(void)
{
	static const unsigned long reqs[] = {
		0x5401, 0x5402, 0x540f, 0x5410, 0x5413, 0x5414, 0x541b,
		0x5421, 0x5429, 0x5450, 0x5451,
	};

	/* The tty group only: nothing outside it can reach a file system. */
	return one_in(4) ? (0x5400 | below(256)) : PICK(reqs);
}

static unsigned long gen_fcntl_cmd(void)
{
	static const unsigned long cmds[] = {
		0, 1, 2, 3, 4, 5, 6, 7, 9, 12, 13, 14, 1030, 1031, 1032,
	};

	/* Never F_SETOWN(8), F_SETSIG(10), F_SETOWN_EX(15), leases: they aim signals. */
	return one_in(10) ? (0x10000 + rnd() % 0x10000) : PICK(cmds);
}

/* ---- the call table ---- */

enum arg {
	A_0, A_INT, A_FD, A_DIRFD, A_PATH, A_RPATH, A_BUF, A_LEN, A_MODE,
	A_OFLAGS, A_ATFLAGS, A_SIG, A_PIDSELF, A_PIDANY, A_WOPTS, A_WHENCE,
	A_TIMESPEC, A_SIGSET, A_SIGSZ, A_SIGACT, A_IOV, A_IOVCNT, A_ARGV,
	A_RLIM, A_UDESC, A_ITIMER, A_STACK, A_IOCTL, A_FCNTL, A_ADDR,
	A_MAPLEN, A_PROT, A_MFLAGS, A_MAPFD, A_CLOCK, A_SMALL, A_MMARGS,
	A_FDMUT, A_OPATH, A_BRK, A_SYSLOG, A_RLIM64, A_CLONE, A_INTBUF,
};

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

#define E(nr, name, w, fl, ...) { nr, name, w, fl, { __VA_ARGS__ } }

static const struct entry table[] = {
	E(1, "exit", 1, F_RARE, A_INT),
	E(2, "fork", 2, F_FORKS),
	E(3, "read", 20, 0, A_FD, A_BUF, A_LEN),
	E(4, "write", 20, 0, A_FD, A_BUF, A_LEN),
	E(5, "open", 12, F_MUTATES | F_ROPEN, A_OPATH, A_OFLAGS, A_MODE),
	E(6, "close", 8, 0, A_FD),
	E(7, "waitpid", 2, 0, A_PIDANY, A_BUF, A_WOPTS),
	E(9, "link", 4, F_MUTATES, A_PATH, A_PATH),
	E(10, "unlink", 4, F_MUTATES, A_PATH),
	E(11, "execve", 2, F_EXEC, A_PATH, A_ARGV, A_ARGV),
	E(12, "chdir", 3, 0, A_PATH),
	E(13, "time", 2, 0, A_BUF),
	E(15, "chmod", 3, F_MUTATES, A_PATH, A_MODE),
	E(19, "lseek", 6, 0, A_FD, A_INT, A_WHENCE),
	E(20, "getpid", 1, 0),
	E(27, "alarm", 1, 0, A_SMALL),
	E(29, "pause", 1, F_RARE),
	E(33, "access", 4, 0, A_RPATH, A_INT),
	E(36, "sync", 1, F_RARE),
	E(37, "kill", 3, F_KILL, A_PIDSELF, A_SIG),
	E(38, "rename", 5, F_MUTATES, A_PATH, A_PATH),
	E(39, "mkdir", 5, F_MUTATES, A_PATH, A_MODE),
	E(40, "rmdir", 4, F_MUTATES, A_PATH),
	E(41, "dup", 4, 0, A_FD),
	E(42, "pipe", 3, 0, A_BUF),
	E(45, "brk", 4, 0, A_BRK),
	E(54, "ioctl", 6, 0, A_FD, A_IOCTL, A_INTBUF),
	E(55, "fcntl", 6, 0, A_FD, A_FCNTL, A_INTBUF),
	E(57, "setpgid", 1, 0, A_PIDSELF, A_PIDSELF),
	E(60, "umask", 1, 0, A_MODE),
	E(63, "dup2", 4, 0, A_FD, A_FD),
	E(64, "getppid", 1, 0),
	E(65, "getpgrp", 1, 0),
	E(66, "setsid", 1, 0),
	E(75, "setrlimit", 1, 0, A_SMALL, A_RLIM),
	E(77, "getrusage", 1, 0, A_INT, A_BUF),
	E(78, "gettimeofday", 2, 0, A_BUF, A_BUF),
	E(83, "symlink", 4, F_MUTATES, A_PATH, A_PATH),
	E(85, "readlink", 4, 0, A_RPATH, A_BUF, A_LEN),
	E(90, "old_mmap", 4, 0, A_MMARGS),
	E(91, "munmap", 8, 0, A_ADDR, A_MAPLEN),
	E(92, "truncate", 4, F_MUTATES, A_PATH, A_LEN),
	E(93, "ftruncate", 4, 0, A_FDMUT, A_LEN),
	E(94, "fchmod", 2, 0, A_FDMUT, A_MODE),
	E(103, "syslog", 1, 0, A_SYSLOG, A_BUF, A_LEN),
	E(104, "setitimer", 2, 0, A_SMALL, A_ITIMER, A_BUF),
	E(105, "getitimer", 2, 0, A_SMALL, A_BUF),
	E(114, "wait4", 2, 0, A_PIDANY, A_BUF, A_WOPTS, A_BUF),
	E(116, "sysinfo", 2, 0, A_BUF),
	E(118, "fsync", 2, 0, A_FD),
	E(119, "sigreturn", 1, F_SIGRET | F_RARE),
	E(120, "clone", 3, F_FORKS, A_CLONE, A_BUF, A_BUF, A_BUF, A_BUF),
	E(122, "uname", 2, 0, A_BUF),
	E(125, "mprotect", 10, 0, A_ADDR, A_MAPLEN, A_PROT),
	E(132, "getpgid", 1, 0, A_PIDANY),
	E(133, "fchdir", 2, 0, A_FDMUT),
	E(140, "_llseek", 4, 0, A_FD, A_INT, A_INT, A_BUF, A_WHENCE),
	E(144, "msync", 4, 0, A_ADDR, A_MAPLEN, A_INT),
	E(145, "readv", 8, 0, A_FD, A_IOV, A_IOVCNT),
	E(146, "writev", 8, 0, A_FD, A_IOV, A_IOVCNT),
	E(147, "getsid", 1, 0, A_PIDANY),
	E(148, "fdatasync", 1, 0, A_FD),
	E(158, "sched_yield", 1, 0),
	E(162, "nanosleep", 2, 0, A_TIMESPEC, A_BUF),
	E(173, "rt_sigreturn", 1, F_SIGRET | F_RARE),
	E(174, "rt_sigaction", 6, 0, A_SIG, A_SIGACT, A_BUF, A_SIGSZ),
	E(175, "rt_sigprocmask", 4, 0, A_SMALL, A_SIGSET, A_BUF, A_SIGSZ),
	E(176, "rt_sigpending", 2, 0, A_BUF, A_SIGSZ),
	E(179, "rt_sigsuspend", 1, F_RARE, A_SIGSET, A_SIGSZ),
	E(180, "pread64", 8, 0, A_FD, A_BUF, A_LEN, A_INT, A_INT),
	E(181, "pwrite64", 8, 0, A_FD, A_BUF, A_LEN, A_INT, A_SMALL),
	E(183, "getcwd", 2, 0, A_BUF, A_LEN),
	E(186, "sigaltstack", 2, 0, A_STACK, A_BUF),
	E(190, "vfork", 1, F_FORKS),
	E(191, "ugetrlimit", 2, 0, A_SMALL, A_BUF),
	E(192, "mmap2", 14, 0, A_ADDR, A_MAPLEN, A_PROT, A_MFLAGS, A_MAPFD, A_SMALL),
	E(193, "truncate64", 3, F_MUTATES, A_PATH, A_LEN, A_SMALL),
	E(194, "ftruncate64", 3, 0, A_FDMUT, A_LEN, A_SMALL),
	E(195, "stat64", 4, 0, A_RPATH, A_BUF),
	E(196, "lstat64", 4, 0, A_RPATH, A_BUF),
	E(197, "fstat64", 4, 0, A_FD, A_BUF),
	E(219, "madvise", 6, 0, A_ADDR, A_MAPLEN, A_SMALL),
	E(220, "getdents64", 6, 0, A_FD, A_BUF, A_LEN),
	E(221, "fcntl64", 4, 0, A_FD, A_FCNTL, A_INTBUF),
	E(224, "gettid", 1, 0),
	E(238, "tkill", 1, F_KILL, A_PIDSELF, A_SIG),
	E(243, "set_thread_area", 2, 0, A_UDESC),
	E(244, "get_thread_area", 2, 0, A_UDESC),
	E(258, "set_tid_address", 1, 0, A_BUF),
	E(265, "clock_gettime", 2, 0, A_CLOCK, A_BUF),
	E(267, "clock_nanosleep", 2, 0, A_CLOCK, A_INT, A_TIMESPEC, A_BUF),
	E(270, "tgkill", 1, F_KILL, A_PIDSELF, A_PIDSELF, A_SIG),
	E(295, "openat", 10, F_MUTATES | F_ROPEN, A_DIRFD, A_OPATH, A_OFLAGS, A_MODE),
	E(296, "mkdirat", 3, F_MUTATES, A_DIRFD, A_PATH, A_MODE),
	E(300, "fstatat64", 4, 0, A_DIRFD, A_RPATH, A_BUF, A_ATFLAGS),
	E(301, "unlinkat", 4, F_MUTATES, A_DIRFD, A_PATH, A_ATFLAGS),
	E(302, "renameat", 4, F_MUTATES, A_DIRFD, A_PATH, A_DIRFD, A_PATH),
	E(303, "linkat", 3, F_MUTATES, A_DIRFD, A_PATH, A_DIRFD, A_PATH, A_ATFLAGS),
	E(304, "symlinkat", 3, F_MUTATES, A_PATH, A_DIRFD, A_PATH),
	E(306, "fchmodat", 2, F_MUTATES, A_DIRFD, A_PATH, A_MODE, A_ATFLAGS),
	E(307, "faccessat", 2, 0, A_DIRFD, A_RPATH, A_INT, A_ATFLAGS),
	E(311, "set_robust_list", 1, 0, A_BUF, A_LEN),
	E(320, "utimensat", 2, F_MUTATES, A_DIRFD, A_PATH, A_TIMESPEC, A_ATFLAGS),
	E(330, "dup3", 3, 0, A_FD, A_FD, A_OFLAGS),
	E(331, "pipe2", 3, 0, A_BUF, A_OFLAGS),
	E(340, "prlimit64", 2, 0, A_PIDSELF, A_SMALL, A_RLIM64, A_BUF),
	E(353, "renameat2", 3, F_MUTATES, A_DIRFD, A_PATH, A_DIRFD, A_PATH, A_SMALL),
	E(355, "getrandom", 2, 0, A_BUF, A_LEN, A_SMALL),
	E(383, "statx", 3, 0, A_DIRFD, A_RPATH, A_ATFLAGS, A_INT, A_BUF),
	E(403, "clock_gettime64", 2, 0, A_CLOCK, A_BUF),
	E(407, "clock_nanosleep64", 2, 0, A_CLOCK, A_INT, A_TIMESPEC, A_BUF),
	E(412, "utimensat64", 2, F_MUTATES, A_DIRFD, A_PATH, A_TIMESPEC, A_ATFLAGS),
};

#define NR_ENTRIES (sizeof(table) / sizeof(table[0]))

static unsigned long gen_pidself(void)
{
	switch (below(4)) {
	case 0:
		return 0;
	case 1:
		return (unsigned long)-1 - 0x7ffffff0;	/* no such process group */
	default:
		return (unsigned long)res.pid;
	}
}

static unsigned long gen_arg(int type, unsigned long prev)
{
	switch (type) {
	case A_0:		return 0;
	case A_INT:		return any_int();
	case A_SMALL:		return one_in(10) ? any_int() : below(16);
	case A_FD:		return gen_fd();
	case A_FDMUT:		return gen_fd();
	case A_DIRFD:		return gen_dirfd();
	case A_PATH:		return gen_path();
	case A_RPATH:		return gen_rpath();
	case A_BUF:		return gen_buf();
	case A_LEN:		return gen_len();
	case A_MODE:		return gen_mode();
	case A_OFLAGS:		return flags_from(0x3fffff);
	case A_ATFLAGS:		return flags_from(0x1f00);
	case A_SIG:		return gen_sig();
	case A_PIDSELF:		return gen_pidself();
	case A_PIDANY:		return one_in(2) ? (unsigned long)-1 : any_int();
	case A_WOPTS:		return flags_from(0x0100000f) | !one_in(4);	/* WNOHANG mostly */
	case A_WHENCE:		return one_in(8) ? any_int() : below(5);
	case A_TIMESPEC:	return gen_timespec();
	case A_SIGSET:		return gen_sigset();
	case A_SIGSZ:		return one_in(8) ? any_int() : 8;
	case A_SIGACT:		return gen_sigaction();
	case A_IOV:		return gen_iov();
	case A_IOVCNT:		return gen_iovcnt();
	case A_ARGV:		return gen_argv();
	case A_RLIM:		return gen_rlimit();
	case A_UDESC:		return gen_user_desc();
	case A_ITIMER:		return gen_itimerval();
	case A_STACK:		return gen_stack_t();
	case A_IOCTL:		return gen_ioctl_req();
	case A_FCNTL:		return gen_fcntl_cmd();
	case A_ADDR:		return gen_addr();
	case A_MAPLEN:		return gen_maplen(prev);
	case A_PROT:		return flags_from(7);
	case A_MFLAGS:		return flags_from(0x10003f) | (one_in(3) ? 0x20 : 0);
	case A_MAPFD:		return gen_mapfd();
	case A_CLOCK:		return one_in(6) ? any_int() : below(12);
	case A_MMARGS:		return gen_mmap_args();
	case A_OPATH:		return gen_opath();
	case A_BRK:		return gen_brk();
	case A_SYSLOG:		return gen_syslog_type();
	case A_RLIM64:		return gen_rlimit64();
	case A_CLONE:		return gen_clone_flags();
	case A_INTBUF:		return one_in(2) ? any_int() : gen_buf();
	}
	return 0;
}

static unsigned long gen_mmap_args(void)
{
	unsigned long *a = (unsigned long *)SCRATCH(2304);

	if (one_in(6))
		return gen_buf();
	a[0] = gen_addr();
	a[1] = gen_maplen(a[0]);
	a[2] = gen_arg(A_PROT, 0);
	a[3] = gen_arg(A_MFLAGS, 0);
	a[4] = gen_mapfd();
	a[5] = one_in(4) ? any_int() : below(4) * PAGE;
	return (unsigned long)a;
}

/* ---- safety checks made right before a call ---- */

struct call {
	const struct entry *e;
	unsigned long a[6];
};

#define O_WRITEISH (O_WRONLY | O_RDWR | O_CREAT | O_TRUNC | O_APPEND | \
		    O_EXCL | __O_TMPFILE)

/* open/openat of a path outside the sandbox: read-only, never creating. */
static void fix_open_flags(struct call *c)
{
	int pi = c->e->nr == 5 ? 0 : 1;

	if (!is_sandbox_name(c->a[pi]) && c->a[pi] > 0xffff &&
	    c->a[pi] < 0xc0000000)
		c->a[pi + 1] &= ~(unsigned long)O_WRITEISH;
}

/*
 * MAP_FIXED (0x10) and MAP_FIXED_NOREPLACE (0x100000) only inside the
 * playground; other hints are only hints.  The same for old_mmap's block.
 */
static void fix_mmap(unsigned long *addr, unsigned long *flags)
{
	unsigned long lo = (unsigned long)res.play, hi = lo + PG_COUNT * PAGE;

	if ((*flags & 0x100010) && (*addr < lo || *addr >= hi))
		*flags &= ~0x100010UL;
}

/* Only an empty or all-zero file may be handed to execve: no interpreter
 * (#!, binfmt_misc magic, an ELF header) can ever be found in it. */
static int exec_is_safe(unsigned long path)
{
	unsigned char buf[512];
	ssize_t n;
	int fd;

	if (!is_sandbox_name(path))
		return 1;	/* a bad pointer */
	fd = open((const char *)path, O_RDONLY | O_NONBLOCK);
	if (fd < 0)
		return 1;	/* the kernel will fail too */
	n = read(fd, buf, sizeof(buf));
	close(fd);
	for (ssize_t i = 0; i < n; i++)
		if (buf[i])
			return 0;
	return n >= 0 || errno == EISDIR;
}

/* kill/tkill/tgkill: our own pid, or group 0 only while we lead it. */
static int kill_is_safe(struct call *c)
{
	long pid = (long)c->a[0];

	if (pid == res.pid)
		return c->e->nr != 270 || (long)c->a[1] == res.pid;
	if (pid == 0 && c->e->nr == 37)
		return getpgrp() == res.pid;
	return 0;
}

/* The descriptor arguments of a call that may change what they name. */
static int fds_are_safe(struct call *c)
{
	for (int i = 0; i < 6; i++) {
		int t = c->e->args[i];

		if (t == A_FDMUT && !fd_is_safe((long)c->a[i]))
			return 0;
		if (t == A_DIRFD && (c->e->flags & F_MUTATES) &&
		    !fd_is_safe((long)c->a[i]))
			return 0;
	}
	return 1;
}

/* Returns 0 if the call must not be made as generated. */
static int make_safe(struct call *c)
{
	const struct entry *e = c->e;

	if (e->flags & F_ROPEN)
		fix_open_flags(c);
	if (e->nr == 192)
		fix_mmap(&c->a[0], &c->a[3]);
	if (e->nr == 90 && c->a[0] == (unsigned long)SCRATCH(2304)) {
		unsigned long *blk = (unsigned long *)c->a[0];

		fix_mmap(&blk[0], &blk[3]);
	}
	if (e->nr == 174 && c->a[1] == (unsigned long)SCRATCH(768) &&
	    is_fault_signal(c->a[0]))
		((unsigned long *)c->a[1])[1] |= 0x80000000;	/* SA_RESETHAND */
	if (e->nr == 120)	/* no namespaces, no CLONE_PARENT (0x8000) */
		c->a[0] &= ~0x7e028080UL;
	if ((e->flags & F_KILL) && !kill_is_safe(c))
		return 0;
	if ((e->flags & F_EXEC) && !exec_is_safe(c->a[0]))
		return 0;
	return fds_are_safe(c);
}

/* ---- making the call ---- */

/* fork, vfork, clone: the new process (or thread) exits before it
 * touches memory, so even CLONE_VM with a random stack is harmless. */
static long call_forking(struct call *c)
{
	long blk[6] = { c->e->nr, (long)c->a[0], (long)c->a[1],
			(long)c->a[2], (long)c->a[3], (long)c->a[4] };
	long ret = (long)blk;

	__asm__ __volatile__(
		"push %%ebx\n\t"
		"mov 4(%%eax), %%ebx\n\t"
		"mov 8(%%eax), %%ecx\n\t"
		"mov 12(%%eax), %%edx\n\t"
		"mov 16(%%eax), %%esi\n\t"
		"mov 20(%%eax), %%edi\n\t"
		"mov 0(%%eax), %%eax\n\t"
		"int $0x80\n\t"
		"test %%eax, %%eax\n\t"
		"jnz 1f\n\t"
		"mov $1, %%eax\n\t"
		"xor %%ebx, %%ebx\n\t"
		"int $0x80\n\t"
		"1: pop %%ebx"
		: "+a"(ret)
		: : "ecx", "edx", "esi", "edi", "memory");
	return ret;
}

/* sigreturn with the stack pointer on a frame of random words. */
static void call_sigreturn(struct call *c)
{
	unsigned long *frame = (unsigned long *)SCRATCH(3072);

	for (int i = 0; i < 200; i++)
		frame[i] = one_in(2) ? below(0x100) : any_int();
	__asm__ __volatile__(
		"mov %1, %%esp\n\t"
		"int $0x80\n\t"
		"ud2"
		: : "a"(c->e->nr), "r"(frame) : "memory");
}

static void do_call(struct call *c)
{
	if (c->e->flags & F_FORKS) {
		call_forking(c);
		return;
	}
	if (c->e->flags & F_SIGRET)
		call_sigreturn(c);
	syscall(c->e->nr, c->a[0], c->a[1], c->a[2], c->a[3], c->a[4], c->a[5]);
}

static unsigned int total_weight;

static unsigned int weight(const struct entry *e)
{
	return (e->flags & F_RARE) ? 1 : e->weight * 32U;
}

static const struct entry *pick_entry(void)
{
	uint32_t w = below(total_weight);
	unsigned int i;

	for (i = 0; i < NR_ENTRIES - 1; i++) {
		if (w < weight(&table[i]))
			break;
		w -= weight(&table[i]);
	}
	return &table[i];
}

static void gen_call(struct call *c)
{
	c->e = pick_entry();
	for (int i = 0; i < 6; i++)
		c->a[i] = gen_arg(c->e->args[i], i ? c->a[i - 1] : 0);
}

/* ---- the child ---- */

static void set_limit(int resource, rlim_t value)
{
	struct rlimit rl = { value, value };

	setrlimit(resource, &rl);	/* Linnet may refuse: harmless */
}

static void limit_child(void)
{
	set_limit(RLIMIT_AS, 256UL << 20);
	set_limit(RLIMIT_FSIZE, 16UL << 20);
	set_limit(RLIMIT_NPROC, 64);
	set_limit(RLIMIT_NOFILE, 64);
	set_limit(RLIMIT_CORE, 0);
}

static void make_it_fail(void)
{
	int fd = open("/proc/self/make-it-fail", O_WRONLY);

	if (fd < 0)
		return;
	if (write(fd, "1", 1) < 0) {
		/* not supported: the fuzz runs all the same */
	}
	close(fd);
}

/* fds 0-2 become /dev/null: no call may ever reach the terminal. */
static int detach_stdio(void)
{
	int fd = open("/dev/null", O_RDWR);

	if (fd < 0)
		return -1;
	for (int i = 0; i < 3; i++)
		if (fd != i && dup2(fd, i) != i)
			return -1;
	return 0;
}

/*
 * Signals the calls send the child interrupt it instead of ending it;
 * the interval timer cuts every blocking call short.
 */
static void set_handler(int sig, unsigned long handler, unsigned long flags)
{
	unsigned long ksa[5] = { handler, flags | restorer_flag, restorer, 0, 0 };

	syscall(SYS_rt_sigaction, sig, ksa, NULL, 8);	/* KILL, STOP fail */
}

/* Our handler, without SA_RESTART, and the timer running. */
static void rearm_tick(void)
{
	struct itimerval it = { { 0, TICK_US }, { 0, TICK_US } };
	unsigned long alrm[2] = { 1UL << (SIGALRM - 1), 0 };

	set_handler(SIGALRM, (unsigned long)on_tick, 0);
	syscall(SYS_rt_sigprocmask, SIG_UNBLOCK, alrm, NULL, 8);
	setitimer(ITIMER_REAL, &it, NULL);
}

/* The calls that may stop the tick: it is re-armed after them. */
static int stops_tick(int nr)
{
	return nr == 27 || nr == 104 || nr == 119 || nr == 173 ||
	       nr == 174 || nr == 175 || nr == 179 || nr == 186;
}

/*
 * Every signal the calls may send the child interrupts it instead of
 * ending it (once, for the fault signals); the interval timer cuts every
 * blocking call short.
 */
static void start_tick(void)
{
	struct sigaction sa = { .sa_handler = on_tick };

	sigaction(SIGALRM, &sa, NULL);		/* glibc's restorer... */
	syscall(SYS_rt_sigaction, SIGALRM, NULL, scratch, 8);
	restorer_flag = scratch[1] & 0x04000000;	/* ...for every other one */
	restorer = scratch[2];
	for (int sig = 1; sig < 65; sig++)
		if (sig != SIGCHLD)
			set_handler(sig, (unsigned long)on_tick,
				    is_fault_signal(sig) ? 0x80000000 : 0);
	set_handler(SIGPIPE, (unsigned long)SIG_IGN, 0);
	set_handler(SIGXFSZ, (unsigned long)SIG_IGN, 0);
	rearm_tick();
}

/*
 * Everything that must hold before the first fuzzed call: our own process
 * group, no terminal, a private sandbox directory as the working
 * directory.  Returns 0, or -1 if the child must not fuzz.
 */
static int child_setup(unsigned long idx)
{
	char name[32];
	struct stat st;

	res.pid = getpid();
	if (setpgid(0, 0) < 0 && getpgrp() != res.pid)
		return -1;
	if (detach_stdio() < 0)
		return -1;
	snprintf(name, sizeof(name), "c%lu", idx);
	if (mkdir(name, 0755) < 0 && errno != EEXIST)
		return -1;
	if (chdir(name) < 0 || stat(".", &st) < 0)
		return -1;
	res.sandbox_dev = st.st_dev;
	brk_base = (unsigned long)sbrk(0);
	limit_child();
	res.play = mmap(NULL, PG_COUNT * PAGE, PROT_NONE,
			MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (res.play == MAP_FAILED)
		return -1;
	return 0;
}

static __attribute__((noreturn)) void child_main(unsigned long idx,
						 unsigned long batch,
						 struct slot *slot)
{
	struct call c;

	rng_seed(opt_seed, idx);
	if (child_setup(idx) < 0)
		_exit(2);
	make_it_fail();
	for (unsigned long i = 0; i < batch; i++) {
		if (i % REFRESH_EVERY == 0) {
			refresh();
			start_tick();
		}
		gen_call(&c);
		slot->last_nr = (unsigned long)c.e->nr;
		if (make_safe(&c))
			do_call(&c);
		if (stops_tick(c.e->nr))
			rearm_tick();
		slot->calls = i + 1;
	}
	_exit(0);
}

/* ---- the parent ---- */

struct kid {
	pid_t pid;
	unsigned long idx;
	unsigned long batch;
	unsigned long seen;
	long long last_ms;
	struct slot *slot;
};

static struct kid kids[MAX_CHILDREN];
static struct slot *slots;
static unsigned long calls_done, calls_assigned, next_idx, nr_children;
static unsigned long nr_signalled, idle_kids;

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int spawn(struct kid *k, unsigned int slot_nr)
{
	unsigned long left = opt_calls - calls_assigned;
	pid_t pid;

	k->slot = &slots[slot_nr];
	k->slot->calls = 0;
	k->slot->last_nr = 0;
	k->idx = opt_child >= 0 ? (unsigned long)opt_child : next_idx;
	k->batch = opt_child >= 0 ? left : (left < opt_batch ? left : opt_batch);
	pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0)
		child_main(k->idx, k->batch, k->slot);
	k->pid = pid;
	k->seen = 0;
	k->last_ms = now_ms();
	calls_assigned += k->batch;
	next_idx++;
	nr_children++;
	return 0;
}

/* A child has gone: count its calls, give back the ones it did not make. */
static void reap(struct kid *k, int status)
{
	unsigned long done = k->slot->calls;

	if (done > k->batch)
		done = k->batch;
	calls_done += done;
	calls_assigned -= k->batch - done;
	idle_kids = done ? 0 : idle_kids + 1;
	if (WIFSIGNALED(status)) {
		nr_signalled++;
		if (opt_verbose && WTERMSIG(status) != SIGKILL &&
		    WTERMSIG(status) != SIGALRM)
			say("# fuzz: seed %llu child %lu killed by signal %d after %lu calls (last syscall %lu)",
			    (unsigned long long)opt_seed, k->idx, WTERMSIG(status),
			    done, k->slot->last_nr);
	} else if (opt_verbose && WEXITSTATUS(status)) {
		say("# fuzz: seed %llu child %lu exited with %d after %lu calls",
		    (unsigned long long)opt_seed, k->idx, WEXITSTATUS(status), done);
	}
	k->pid = 0;
}

/* Kills a child whose count has not moved for STALL_MS. */
static void watchdog(struct kid *k)
{
	long long t = now_ms();

	if (k->slot->calls != k->seen) {
		k->seen = k->slot->calls;
		k->last_ms = t;
	} else if (t - k->last_ms > STALL_MS) {
		if (opt_verbose)
			say("# fuzz: child %lu stuck in syscall %lu, killing it",
			    k->idx, k->slot->last_nr);
		kill(k->pid, SIGKILL);	/* our own child, not yet reaped */
		k->last_ms = t;
	}
}

/* Reaps every exited process: our children, and orphans if we are init. */
static void reap_all(void)
{
	int status;
	pid_t pid;

	while ((pid = waitpid(-1, &status, WNOHANG)) > 0)
		for (unsigned int i = 0; i < opt_children; i++)
			if (kids[i].pid == pid)
				reap(&kids[i], status);
}

static int running(void)
{
	int n = 0;

	for (unsigned int i = 0; i < opt_children; i++)
		n += kids[i].pid != 0;
	return n;
}

/* Keeps the slots full until every call is assigned.  Returns -1 if no
 * child can be started or children keep failing before their first call. */
static int fill_slots(void)
{
	for (unsigned int i = 0; i < opt_children; i++) {
		if (kids[i].pid || calls_assigned >= opt_calls)
			continue;
		if (idle_kids >= MAX_IDLE_KIDS)
			return -1;
		for (int tries = 0; spawn(&kids[i], i) < 0; tries++) {
			if (tries > 100)
				return -1;
			usleep(10000);
		}
	}
	return 0;
}

static int run(void)
{
	struct timespec tick = { 0, 20 * 1000 * 1000 };

	for (;;) {
		reap_all();
		if (fill_slots() < 0)
			return -1;
		if (!running())
			return 0;
		for (unsigned int i = 0; i < opt_children; i++)
			if (kids[i].pid)
				watchdog(&kids[i]);
		nanosleep(&tick, NULL);
	}
}

/* ---- the sandbox ---- */

static char sandbox[256];

static int make_sandbox(void)
{
	static const char *const bases[] = { "FUZZ_DIR", "TMPDIR" };
	const char *base = NULL;

	for (unsigned int i = 0; i < 2 && !base; i++)
		base = getenv(bases[i]);
	for (int tries = 0; tries < 10; tries++) {
		snprintf(sandbox, sizeof(sandbox), "%s/fuzz.XXXXXX", base ? base : "/tmp");
		if (mkdtemp(sandbox) && chdir(sandbox) == 0)
			return 0;
	}
	return -1;
}

/* rm -r of the directory open as @dfd, never following a symbolic link. */
static void remove_tree_at(int dfd)
{
	DIR *d = fdopendir(dfd);
	struct dirent *de;

	if (!d) {
		close(dfd);
		return;
	}
	while ((de = readdir(d))) {
		struct stat st;
		int sub;

		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		if (fstatat(dfd, de->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
		    S_ISDIR(st.st_mode)) {
			fchmodat(dfd, de->d_name, 0700, 0);
			sub = openat(dfd, de->d_name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW);
			if (sub >= 0)
				remove_tree_at(sub);
			if (unlinkat(dfd, de->d_name, AT_REMOVEDIR) < 0 && opt_verbose)
				say("# fuzz: rmdir %s: %s", de->d_name, strerror(errno));
		} else if (unlinkat(dfd, de->d_name, 0) < 0 && opt_verbose) {
			say("# fuzz: unlink %s: %s", de->d_name, strerror(errno));
		}
	}
	closedir(d);
}

static void remove_sandbox(void)
{
	int fd;

	if (chdir("/") < 0)
		return;
	fd = open(sandbox, O_RDONLY | O_DIRECTORY | O_NOFOLLOW);
	if (fd >= 0)
		remove_tree_at(fd);
	if (rmdir(sandbox) < 0 && opt_verbose)
		say("# fuzz: could not remove %s: %s", sandbox, strerror(errno));
}

/* ---- options ---- */

static int parse_num(const char *s, unsigned long long *v)
{
	char *end;

	errno = 0;
	*v = strtoull(s, &end, 0);
	return (!*s || *end || errno) ? -1 : 0;
}

static int set_option(const char *name, const char *val)
{
	unsigned long long v;

	if (!strcmp(name, "verbose")) {
		opt_verbose = !val || strcmp(val, "0");
		return 0;
	}
	if (!val || parse_num(val, &v) < 0)
		return -1;
	if (!strcmp(name, "seed"))
		opt_seed = v;
	else if (!strcmp(name, "calls"))
		opt_calls = (unsigned long)v;
	else if (!strcmp(name, "children") && v >= 1 && v <= MAX_CHILDREN)
		opt_children = (unsigned int)v;
	else if (!strcmp(name, "batch") && v >= 1)
		opt_batch = (unsigned long)v;
	else if (!strcmp(name, "child"))
		opt_child = (long)v;
	else
		return -1;
	return 0;
}

/* FUZZ_SEED=... and friends first, then the command line over them. */
static int parse_options(int argc, char **argv)
{
	static const char *const names[] = {
		"seed", "calls", "children", "batch", "child", "verbose",
	};
	char env[32];

	for (unsigned int i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		const char *v;

		snprintf(env, sizeof(env), "FUZZ_%s", names[i]);
		for (char *p = env; *p; p++)
			*p = (char)(*p >= 'a' && *p <= 'z' ? *p - 32 : *p);
		v = getenv(env);
		if (v && set_option(names[i], v) < 0)
			return -1;
	}
	for (int i = 1; i < argc; i++) {
		const char *name = argv[i];

		if (strncmp(name, "--", 2))
			return -1;
		name += 2;
		if (!strcmp(name, "verbose"))
			set_option(name, NULL);
		else if (i + 1 >= argc || set_option(name, argv[++i]) < 0)
			return -1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	int err;

	if (parse_options(argc, argv) < 0) {
		say("usage: fuzz --seed N --calls N [--children N] [--batch N] [--child C] [--verbose]");
		return 2;
	}
	for (unsigned int i = 0; i < NR_ENTRIES; i++)
		total_weight += weight(&table[i]);
	say("# fuzz: seed %llu calls %lu", (unsigned long long)opt_seed, opt_calls);
	slots = mmap(NULL, PAGE, PROT_READ | PROT_WRITE,
		     MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (slots == MAP_FAILED || make_sandbox() < 0) {
		say("# fuzz: cannot set up: %s", strerror(errno));
		return 1;
	}
	if (opt_verbose)
		say("# fuzz: sandbox %s", sandbox);
	err = run();
	for (unsigned int i = 0; i < opt_children; i++)
		if (kids[i].pid)
			kill(kids[i].pid, SIGKILL);
	while (running()) {
		reap_all();
		usleep(10000);
	}
	remove_sandbox();
	say("# fuzz: %lu calls in %lu children, %lu children killed by signals",
	    calls_done, nr_children, nr_signalled);
	if (err)
		say("# fuzz: children keep failing before their first call; giving up");
	return err ? 1 : 0;
}
