/*
 * args.c: the generator and the argument generators.  Each argument type
 * of the call table (enum arg) is drawn here: interesting values, paths
 * only from constant strings, playground buffers and addresses, and the
 * hand-made structures (iovec, sigaction, timespec, argv...) in scratch.
 */
#include "fuzz.h"

#include <fcntl.h>
#include <signal.h>
#include <stdio.h>

/* ---- the generator: xorshift64*, seeded through splitmix64 ---- */

uint64_t rng_state;

static uint64_t splitmix64(uint64_t *s)
{
	uint64_t z = (*s += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* Child @idx of run @seed always draws the same sequence. */
void rng_seed(uint64_t seed, unsigned long idx)
{
	uint64_t s = seed ^ ((uint64_t)idx << 32) ^ idx;

	rng_state = splitmix64(&s) | 1;
}

/* ---- interesting values ---- */

static const unsigned long interesting[] = {
	0, 1, 2, 3, 4, 7, 8, 16, 64, 255, 256, 511, 4095, 4096, 4097,
	65535, 65536, 1UL << 20, 1UL << 30, 0x7fffffff, 0x80000000, 0xffffffff,
	0xfffffffe, (unsigned long)-4095, (unsigned long)-4096,
	(unsigned long)-2, (unsigned long)-22, 0xc0000000, 0xfffff000,
};

unsigned long any_int(void)
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

int is_sandbox_name(unsigned long p)
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

unsigned long brk_base;

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

/* modify_ldt's func: mostly the four Linux knows (read, write, default, new write). */
static unsigned long gen_ldt_func(void)
{
	static const unsigned long funcs[] = { 0, 1, 2, 0x11 };

	return one_in(8) ? any_int() : funcs[below(4)];
}

/*
 * modify_ldt's pointer, for func @func: a user_desc for the writes, a
 * playground buffer for the reads (they write up to 64 KiB: never scratch).
 */
static unsigned long gen_ldt_ptr(unsigned long func)
{
	if (func == 1 || func == 0x11)
		return gen_user_desc();
	return gen_buf();
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
		0x5421, 0x5429, 0x5450, 0x5451, 0x5452, 0x5460,
	};

	/* The tty group only: nothing outside it can reach a file system. */
	return one_in(4) ? (0x5400 | below(256)) : PICK(reqs);
}

static unsigned long gen_fcntl_cmd(void)
{
	static const unsigned long cmds[] = {
		0, 1, 2, 3, 4, 5, 6, 7, 9, 12, 13, 14, 36, 37, 38, 1030, 1031, 1032,
		1033, 1034,
	};

	/* Never F_SETOWN(8), F_SETSIG(10), F_SETOWN_EX(15), leases: they aim signals. */
	return one_in(10) ? (0x10000 + rnd() % 0x10000) : PICK(cmds);
}

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

/* madvise advice: mostly one Linux 6.1 knows, sometimes any number. */
static unsigned long gen_madv(void)
{
	static const unsigned long advice[] = {
		0, 1, 2, 3, 4, 8, 9, 10, 11, 12, 14, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25,
	};

	unsigned long v = one_in(10) ? any_int() : PICK(advice);

	/* Never MADV_HWPOISON (100) or MADV_SOFT_OFFLINE (101): root on Linux poisons pages. */
	return (v == 100 || v == 101) ? 4 : v;
}

/*
 * mremap's new length: at most 4 pages (so a MREMAP_FIXED target stays in
 * the playground, see gen_mraddr), sometimes unaligned, 0 or too big to
 * be a user range.
 */
static unsigned long gen_mrlen(void)
{
	switch (below(8)) {
	case 0:
		return 0;
	case 1:
		return 1 + below(4 * PAGE);
	case 2:
		return 0xc0000000UL + below(16) * PAGE;
	default:
		return PAGE * (1 + below(4));
	}
}

/* mremap's flags: MAYMOVE, FIXED, DONTUNMAP mixed, sometimes a bad bit. */
static unsigned long gen_mrflags(void)
{
	return below(8) | (one_in(10) ? 8UL << below(20) : 0);
}

/* A MREMAP_FIXED target: a playground page 4 pages below its end, or bad. */
static unsigned long gen_mraddr(void)
{
	if (one_in(10))
		return gen_bad_ptr();
	return (unsigned long)pg(below(PG_COUNT - 4)) + (one_in(10) ? below(PAGE) : 0);
}

/*
 * A ptrace request: any but PTRACE_TRACEME (0), which would hand the
 * child to the fuzzer as its tracer and stop it at every signal.  With
 * A_PIDSELF's pids (self, 0, no such process) every other request ends
 * in EPERM, ESRCH or EIO: nothing is ever attached or stopped.
 */
static unsigned long gen_ptrace_req(void)
{
	static const unsigned long reqs[] = {
		1, 2, 3, 4, 5, 6, 7, 8, 9, 12, 13, 14, 15, 16, 17, 18, 19, 24, 25, 26,
		31, 32, 0x4200, 0x4201, 0x4202, 0x4203, 0x4204, 0x4205, 0x4206, 0x4207,
		0x4208, 0x4209, 0x420e,
	};
	unsigned long r = one_in(8) ? any_int() : reqs[below(sizeof(reqs) / sizeof(reqs[0]))];

	return r ? r : 16;
}

unsigned long gen_arg(int type, unsigned long prev)
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
	case A_MADV:		return gen_madv();
	case A_MRLEN:		return gen_mrlen();
	case A_MRFLAGS:		return gen_mrflags();
	case A_MRADDR:		return gen_mraddr();
	case A_FUTEXOP:		return gen_futex_op();
	case A_FUTEXVAL:	return gen_futex_val();
	case A_IPCKEY:		return gen_ipc_key();
	case A_IPCFLG:		return flags_from(0177777);
	case A_IPCCMD:		return gen_ipc_cmd();
	case A_IPCCALL:		return gen_ipc_call();
	case A_SHMID:		return gen_ipc_id(0);
	case A_SEMID:		return gen_ipc_id(1);
	case A_MSGID:		return gen_ipc_id(2);
	case A_SEMOPS:		return gen_semops();
	case A_MQNAME:		return gen_mq_name();
	case A_MQATTR:		return gen_mq_attr();
	case A_MQD:		return gen_mqd();
	case A_SIGEV:		return gen_sigevent();
	case A_LDTFUNC:		return gen_ldt_func();
	case A_LDTPTR:		return gen_ldt_ptr(prev);
	case A_LDTLEN:		return one_in(2) ? 16 : gen_len();	/* 16: sizeof(user_desc) */
	case A_PTREQ:		return gen_ptrace_req();
	case A_OPENHOW:		return gen_open_how();
	case A_HOWSIZE:		return gen_open_how_size();
	case A_XNAME:		return gen_xattr_name();
	case A_FAMILY: case A_SOCKTYPE: case A_SOCKADDR: case A_ALEN: case A_MSGHDR:
	case A_MSGFLAGS: case A_EPEVENT: case A_EPOP: case A_SOCKCALL: case A_SOCKARGS:
	case A_SOCKOPT:
				return gen_net_arg(type, prev);
	case A_FSTYPE: case A_FSKEY: case A_FSVAL: case A_FSCMD:
				return gen_mount_arg(type);
	case A_SWAPPATH: case A_SWAPFLAGS: case A_MADVSWAP:
				return gen_swap_arg(type);
	case A_RSEQLEN: case A_RSEQFLAGS: case A_CLONE3: case A_C3SIZE: case A_WAITV:
	case A_WAITVN: case A_SUDOPT: case A_SUDMODE: case A_SCOP: case A_SCFLAGS:
	case A_SCARGS:
				return gen_task_arg(type, prev);
	}
	return 0;
}

unsigned long gen_buf_public(void)
{
	return gen_buf();
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

/* ---- FUZZ_TRACE ---- */

static int name_index(const char *const *names, unsigned int n, unsigned long v)
{
	for (unsigned int i = 0; i < n; i++)
		if (v == (unsigned long)names[i])
			return (int)i;
	return -1;
}

/*
 * Pointer @v as it reads the same from run to run and build to build:
 * constant paths as strings, addresses relative to the playground, scratch
 * and the first break.  Returns what snprintf() returns.
 */
int arg_name(char *buf, size_t size, unsigned long v)
{
	unsigned long play = (unsigned long)res.play;
	unsigned long scr = (unsigned long)scratch;
	int i;

	if ((i = name_index(sandbox_names, ARRAY_SIZE(sandbox_names), v)) >= 0 ||
	    (i = name_index(readonly_files, ARRAY_SIZE(readonly_files), v)) >= 0 ||
	    (i = name_index(statonly_paths, ARRAY_SIZE(statonly_paths), v)) >= 0)
		return snprintf(buf, size, "\"%.16s\"", (const char *)v);
	if (v == (unsigned long)&gen_buf)
		return snprintf(buf, size, "text");
	if (v == (unsigned long)on_tick)
		return snprintf(buf, size, "on_tick");
	if (v && v == restorer)
		return snprintf(buf, size, "restorer");
	if (play && v >= play && v <= play + PG_COUNT * PAGE)
		return snprintf(buf, size, "play+%#lx", v - play);
	if (v >= scr && v < scr + sizeof(scratch))
		return snprintf(buf, size, "scratch+%lu", v - scr);
	if (brk_base && v >= brk_base && v < brk_base + 64 * PAGE)
		return snprintf(buf, size, "brk+%#lx", v - brk_base);
	return snprintf(buf, size, "%#lx", v);
}
