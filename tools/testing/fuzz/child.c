/*
 * child.c: one child: its setup (own process group, no terminal, its own
 * sandbox directory, lower limits), its signal handlers and interval
 * timer, the loop of calls, and the assembly stubs for the calls that
 * fork or sigreturn.  README.md, "How a child works", walks through it.
 */
#include "fuzz.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/time.h>

/* What glibc's sigaction() passes: SA_RESTORER and a trampoline, or not. */
unsigned long restorer, restorer_flag;

void on_tick(int sig)
{
	(void)sig;
}

/* A fault on a handled signal would repeat forever. */
int is_fault_signal(unsigned long sig)
{
	return sig == SIGSEGV || sig == SIGBUS || sig == SIGILL ||
	       sig == SIGFPE || sig == SIGTRAP;
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
	/*
	 * 4096 descriptors: the interesting values up to 4095 are usable
	 * dup2/F_DUPFD targets (growing tables), while a child's table stays
	 * at most 16 KiB and refresh() closes all but the pool.
	 */
	set_limit(RLIMIT_NOFILE, 4096);
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

/*
 * fds 0-2 become /dev/null: no call may ever reach the terminal.  Booted
 * without device nodes, they become the ends of a non-blocking pipe that
 * nobody else holds (reads give EAGAIN, writes fill it, then EAGAIN).
 */
static int detach_stdio(void)
{
	int p[2] = { -1, -1 };
	int fd = open("/dev/null", O_RDWR);

	if (fd < 0 && pipe2(p, O_NONBLOCK) < 0)
		return -1;
	for (int i = 0; i < 3; i++) {
		int from = fd >= 0 ? fd : p[i ? 1 : 0];

		if (from != i && dup2(from, i) != i)
			return -1;
	}
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

/*
 * The calls that may stop the tick (disarm the timer, ignore, reset or
 * block SIGALRM): it is re-armed after them.  The old sigprocmask (126)
 * and ssetmask (69) block as rt_sigprocmask does; missing them left
 * SIGALRM blocked until the next refresh, and every blocking call in
 * between waited for the watchdog.
 */
static int stops_tick(int nr)
{
	return nr == 27 || nr == 48 || nr == 67 || nr == 69 || nr == 72 || nr == 104 ||
	       nr == 119 || nr == 126 || nr == 173 || nr == 174 || nr == 175 ||
	       nr == 179 || nr == 186;
}

/*
 * Whether the tick is still running: SIGALRM unblocked, handled by
 * on_tick, the timer armed.  Every call that can stop it re-arms it
 * (stops_tick()), so a refresh that finds it stopped means a call is
 * missing from that list: the child's blocking calls would then wait
 * for the watchdog.  The parent counts these in its summary.
 */
static int tick_running(void)
{
	unsigned long mask[2] = { 0, 0 }, ksa[5] = { 0, 0, 0, 0, 0 };
	struct itimerval it = { { 0, 0 }, { 0, 0 } };

	if (syscall(SYS_rt_sigprocmask, SIG_BLOCK, NULL, mask, 8) ||
	    syscall(SYS_rt_sigaction, SIGALRM, NULL, ksa, 8) || getitimer(ITIMER_REAL, &it))
		return 1;	/* cannot tell (e.g. a bad limit): assume it runs */
	return !(mask[0] & (1UL << (SIGALRM - 1))) && ksa[0] == (unsigned long)on_tick &&
	       (it.it_interval.tv_sec || it.it_interval.tv_usec);
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

void child_main(unsigned long idx, unsigned long batch, struct slot *slot)
{
	struct call c;
	int made;

	rng_seed(opt_seed, idx);
	if (opt_trace)
		trace_open();
	if (child_setup(idx) < 0)
		_exit(2);
	make_it_fail();
	for (unsigned long i = 0; i < batch; i++) {
		if (i % REFRESH_EVERY == 0) {
			if (i && !tick_running())
				slot->ticks_lost++;
			refresh();
			start_tick();
		}
		gen_call(&c);
		slot->last_nr = (unsigned long)c.e->nr;
		made = make_safe(&c);
		if (opt_trace)
			trace_call(idx, i, &c, made);
		if (made)
			do_call(&c);
		if (stops_tick(c.e->nr))
			rearm_tick();
		slot->calls = i + 1;
	}
	_exit(0);
}
