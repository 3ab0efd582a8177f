/* futex: wait/wake across fork in shared and file memory, private keys,
 * requeue, wake_op, bitsets, timeouts, clocks, errors, signals, time64. */
#include <signal.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <time.h>
#include <uapi/linux-ish/futex.h>
#include "../kselftest.h"

struct ts32 { int32_t sec, nsec; };
struct ts64 { int64_t sec, nsec; };

static long fx(volatile uint32_t *uaddr, int op, uint32_t val, const void *t,
	       volatile uint32_t *uaddr2, uint32_t val3)
{
	return syscall(240, uaddr, op, val, t, uaddr2, val3);
}

static long fx64(volatile uint32_t *uaddr, int op, uint32_t val, const void *t,
		 volatile uint32_t *uaddr2, uint32_t val3)
{
	return syscall(422, uaddr, op, val, t, uaddr2, val3);
}

/* -errno or the result. */
static long e(long r)
{
	return r < 0 ? -errno : r;
}

static long long now_ns(clockid_t c)
{
	struct timespec t;

	clock_gettime(c, &t);
	return t.tv_sec * 1000000000LL + t.tv_nsec;
}

static long long ms_since(long long start)
{
	return (now_ns(CLOCK_MONOTONIC) - start) / 1000000;
}

/* The number of waiters on @f (shared key): a requeue onto itself moves none. */
static long waiters(volatile uint32_t *f, int priv)
{
	return e(fx(f, FUTEX_REQUEUE | priv, 0, (void *)0x7fffffff, f, 0));
}

/* Polls until @n waiters sit on @f (or 5 s pass). */
static int wait_for_waiters(volatile uint32_t *f, long n, int priv)
{
	for (int i = 0; i < 500; i++) {
		if (waiters(f, priv) >= n)
			return 1;
		usleep(10000);
	}
	return 0;
}

/* A child that waits on @f for its value @v (with FUTEX_WAIT @op) and exits 0 if woken. */
static pid_t spawn_waiter(volatile uint32_t *f, uint32_t v, int op, const void *t)
{
	pid_t pid = fork();

	if (pid == 0)
		_exit(e(fx(f, op, v, t, NULL, 0)) == 0 ? 0 : 10 + (int)-e(-1));
	return pid;
}

static int reaped_ok(pid_t pid)
{
	int st;

	return waitpid(pid, &st, 0) == pid && KSFT_EXITED(st, 0);
}

static void test_errors(volatile uint32_t *shm)
{
	static uint32_t word;
	struct ts32 bad = { 0, 1000000000 }, neg = { -1, 0 };
	char *unaligned = (char *)&word + 1;

	ksft_ok(e(fx((uint32_t *)unaligned, FUTEX_WAKE, 1, NULL, NULL, 0)) == -EINVAL &&
		e(fx((uint32_t *)unaligned, FUTEX_WAIT_PRIVATE, 0, NULL, NULL, 0)) == -EINVAL,
		"an unaligned address is EINVAL");
	ksft_ok(e(fx(&word, 99, 0, NULL, NULL, 0)) == -ENOSYS &&
		e(fx(&word, FUTEX_FD, 0, NULL, NULL, 0)) == -ENOSYS,
		"unknown op and FUTEX_FD are ENOSYS");
	ksft_ok(e(fx(&word, FUTEX_WAIT | FUTEX_CLOCK_REALTIME, 1, NULL, NULL, 0)) == -ENOSYS &&
		e(fx(&word, FUTEX_WAKE | FUTEX_CLOCK_REALTIME, 1, NULL, NULL, 0)) == -ENOSYS,
		"FUTEX_CLOCK_REALTIME without WAIT_BITSET is ENOSYS");
	word = 1;
	ksft_ok(e(fx(&word, FUTEX_WAIT, 2, NULL, NULL, 0)) == -EAGAIN &&
		e(fx(&word, FUTEX_WAIT_PRIVATE, 0, NULL, NULL, 0)) == -EAGAIN &&
		e(fx(shm, FUTEX_WAIT, *shm + 1, NULL, NULL, 0)) == -EAGAIN,
		"a value that differs is EAGAIN (private and shared memory)");
	ksft_ok(e(fx(&word, FUTEX_WAIT_BITSET, 1, NULL, NULL, 0)) == -EINVAL &&
		e(fx(&word, FUTEX_WAKE_BITSET, 1, NULL, NULL, 0)) == -EINVAL,
		"a bitset of 0 is EINVAL");
	ksft_ok(e(fx(&word, FUTEX_WAIT, 1, &bad, NULL, 0)) == -EINVAL &&
		e(fx(&word, FUTEX_WAIT, 1, &neg, NULL, 0)) == -EINVAL &&
		e(fx(&word, FUTEX_WAIT, 1, (void *)1, NULL, 0)) == -EFAULT,
		"a bad timeout is EINVAL, an unreadable one EFAULT");
	ksft_ok(e(fx((uint32_t *)0xC0000000, FUTEX_WAIT, 0, NULL, NULL, 0)) == -EFAULT &&
		e(fx(NULL, FUTEX_WAIT_PRIVATE, 0, NULL, NULL, 0)) == -EFAULT &&
		e(fx((uint32_t *)0xC0000000, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0)) == -EFAULT,
		"kernel and NULL addresses are EFAULT");
	ksft_ok(e(fx((uint32_t *)4096, FUTEX_WAKE, 1, NULL, NULL, 0)) == -EFAULT &&
		e(fx((uint32_t *)4096, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0)) == 0,
		"waking an unmapped address: shared EFAULT, private 0 (no lookup)");
	ksft_ok(e(fx(&word, FUTEX_REQUEUE, (uint32_t)-1, NULL, &word, 0)) == -EINVAL &&
		e(fx(&word, FUTEX_CMP_REQUEUE, 1, (void *)1, &word, 7)) == -EAGAIN &&
		e(fx(&word, FUTEX_CMP_REQUEUE, 1, (void *)1, (uint32_t *)0xC0000000, 1)) == -EFAULT,
		"requeue: a negative count EINVAL, CMP_REQUEUE mismatch EAGAIN, bad uaddr2 EFAULT");
}

static void test_timeouts(void)
{
	static uint32_t word;
	struct ts32 rel = { 0, 60000000 }, abs32;
	struct ts64 rel64 = { 0, 60000000 };
	long long t0, t, r;

	t0 = now_ns(CLOCK_MONOTONIC);
	r = e(fx(&word, FUTEX_WAIT_PRIVATE, 0, &rel, NULL, 0));
	t = ms_since(t0);
	ksft_ok(r == -ETIMEDOUT && t >= 59 && t < 2000, "relative FUTEX_WAIT times out (%lld ms)", t);
	t0 = now_ns(CLOCK_MONOTONIC);
	r = e(fx64(&word, FUTEX_WAIT, 0, &rel64, NULL, 0));
	t = ms_since(t0);
	ksft_ok(r == -ETIMEDOUT && t >= 59 && t < 2000, "futex_time64 relative wait times out (%lld ms)", t);
	ksft_ok(e(fx64(&word, FUTEX_WAIT, 0, (void *)1, NULL, 0)) == -EFAULT &&
		e(fx64(&word, FUTEX_WAKE, 1, NULL, NULL, 0)) == 0,
		"futex_time64: bad timeout EFAULT, wake works");

	t0 = now_ns(CLOCK_MONOTONIC);
	abs32.sec = (t0 + 60000000) / 1000000000;
	abs32.nsec = (t0 + 60000000) % 1000000000;
	r = e(fx(&word, FUTEX_WAIT_BITSET_PRIVATE, 0, &abs32, NULL, FUTEX_BITSET_MATCH_ANY));
	t = ms_since(t0);
	ksft_ok(r == -ETIMEDOUT && t >= 59 && t < 2000, "WAIT_BITSET absolute CLOCK_MONOTONIC (%lld ms)", t);

	t = now_ns(CLOCK_REALTIME) + 60000000;
	abs32.sec = t / 1000000000;
	abs32.nsec = t % 1000000000;
	t0 = now_ns(CLOCK_MONOTONIC);
	r = e(fx(&word, FUTEX_WAIT_BITSET | FUTEX_CLOCK_REALTIME, 0, &abs32, NULL, 1));
	t = ms_since(t0);
	ksft_ok(r == -ETIMEDOUT && t >= 50 && t < 2000, "WAIT_BITSET absolute CLOCK_REALTIME (%lld ms)", t);

	abs32.sec = 1;
	abs32.nsec = 0;
	t0 = now_ns(CLOCK_MONOTONIC);
	r = e(fx(&word, FUTEX_WAIT_BITSET, 0, &abs32, NULL, 1));
	ksft_ok(r == -ETIMEDOUT && ms_since(t0) < 1000 &&
		e(fx(&word, FUTEX_WAIT_BITSET, 1, &abs32, NULL, 1)) == -EAGAIN,
		"an absolute time in the past times out at once (EAGAIN first if the value differs)");
}

static void test_cross_fork(volatile uint32_t *shm, volatile uint32_t *fa, volatile uint32_t *fb)
{
	static volatile uint32_t priv;
	struct ts32 t = { 0, 300000000 };
	pid_t pid;
	int st;

	*shm = 0;
	pid = spawn_waiter(shm, 0, FUTEX_WAIT, NULL);
	ksft_ok(wait_for_waiters(shm, 1, 0) && e(fx(shm, FUTEX_WAKE, 1, NULL, NULL, 0)) == 1 &&
		reaped_ok(pid), "a child waiting in MAP_SHARED anonymous memory is woken by the parent");

	pid = spawn_waiter(fa, 0, FUTEX_WAIT, NULL);
	ksft_ok(fa != fb && wait_for_waiters(fb, 1, 0) && e(fx(fb, FUTEX_WAKE, 1, NULL, NULL, 0)) == 1 &&
		reaped_ok(pid), "a waiter in one MAP_SHARED file mapping is woken through another mapping");

	/* Private anonymous memory: after fork each has its own copy. */
	pid = fork();
	if (pid == 0)
		_exit(e(fx(&priv, FUTEX_WAIT_PRIVATE, 0, &t, NULL, 0)) == -ETIMEDOUT ? 0 : 1);
	usleep(100000);
	ksft_ok(e(fx(&priv, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0)) == 0 &&
		e(fx(&priv, FUTEX_WAKE, 1, NULL, NULL, 0)) == 0 && reaped_ok(pid),
		"a private futex after fork: the parent's wakes never reach the child");

	/* A killed waiter leaves nothing behind. */
	pid = spawn_waiter(shm, 0, FUTEX_WAIT, NULL);
	wait_for_waiters(shm, 1, 0);
	kill(pid, SIGKILL);
	ksft_ok(waitpid(pid, &st, 0) == pid && KSFT_SIGNALLED(st, SIGKILL) &&
		e(fx(shm, FUTEX_WAKE, 1, NULL, NULL, 0)) == 0, "a waiter killed by SIGKILL is gone from the queue");
}

static void test_requeue(volatile uint32_t *f1, volatile uint32_t *f2)
{
	pid_t a, b, c;
	int ok;

	*f1 = 7;
	*f2 = 0;
	a = spawn_waiter(f1, 7, FUTEX_WAIT, NULL);
	b = spawn_waiter(f1, 7, FUTEX_WAIT, NULL);
	c = spawn_waiter(f1, 7, FUTEX_WAIT, NULL);
	ok = wait_for_waiters(f1, 3, 0);
	ok &= e(fx(f1, FUTEX_CMP_REQUEUE, 1, (void *)10, f2, 8)) == -EAGAIN;
	ok &= e(fx(f1, FUTEX_CMP_REQUEUE, 1, (void *)1, f2, 7)) == 2;	/* 1 woken, 1 moved */
	ok &= waiters(f1, 0) == 1 && waiters(f2, 0) == 1;
	ksft_ok(ok, "CMP_REQUEUE: EAGAIN on a changed value; wakes 1 and moves 1, returns 2");
	ok = e(fx(f1, FUTEX_REQUEUE, 0, (void *)5, f2, 0)) == 1;
	ok &= waiters(f1, 0) == 0 && waiters(f2, 0) == 2;
	ok &= e(fx(f2, FUTEX_WAKE, 0x7fffffff, NULL, NULL, 0)) == 2;
	ok &= reaped_ok(a) & reaped_ok(b) & reaped_ok(c);
	ksft_ok(ok, "REQUEUE moves the rest; waking the second futex wakes all three");
	a = spawn_waiter(f1, 7, FUTEX_WAIT, NULL);
	wait_for_waiters(f1, 1, 0);
	ksft_ok(e(fx(f1, FUTEX_WAKE, 0, NULL, NULL, 0)) == 1 && reaped_ok(a),
		"FUTEX_WAKE with a count of 0 still wakes one (as Linux)");
}

static void test_bitset(volatile uint32_t *f)
{
	pid_t a, b;
	int ok;

	*f = 3;
	a = spawn_waiter(f, 3, FUTEX_WAIT_BITSET, NULL);	/* val3 0 -> only with a bitset */
	(void)a;
	ok = reaped_ok(a) == 0;		/* bitset 0: EINVAL, exit non-zero */
	a = fork();
	if (a == 0)
		_exit(e(fx(f, FUTEX_WAIT_BITSET, 3, NULL, NULL, 0x1)) == 0 ? 0 : 1);
	b = fork();
	if (b == 0)
		_exit(e(fx(f, FUTEX_WAIT_BITSET, 3, NULL, NULL, 0x6)) == 0 ? 0 : 1);
	ok &= wait_for_waiters(f, 2, 0);
	ok &= e(fx(f, FUTEX_WAKE_BITSET, 10, NULL, NULL, 0x8)) == 0;
	ok &= e(fx(f, FUTEX_WAKE_BITSET, 10, NULL, NULL, 0x4)) == 1 && reaped_ok(b);
	ok &= e(fx(f, FUTEX_WAKE, 10, NULL, NULL, 0)) == 1 && reaped_ok(a);
	ksft_ok(ok, "WAKE_BITSET wakes only waiters whose bitset meets it; FUTEX_WAKE matches any");
}

static void test_wake_op_values(void)
{
	static uint32_t w, g;
	int ok = 1;

	w = 0x0f;
#define OPV(op, arg, want) do {							\
	ok &= e(fx(&g, FUTEX_WAKE_OP_PRIVATE, 1, (void *)1, &w,			\
		   FUTEX_OP(op, arg, FUTEX_OP_CMP_EQ, 0))) == 0 && w == (want);	\
	} while (0)
	OPV(FUTEX_OP_SET, 3, 3);
	OPV(FUTEX_OP_ADD, 2, 5);
	OPV(FUTEX_OP_OR, 8, 13);
	OPV(FUTEX_OP_ANDN, 1, 12);
	OPV(FUTEX_OP_XOR, 0xff, 0xf3);
	OPV(FUTEX_OP_SET | FUTEX_OP_OPARG_SHIFT, 4, 16);
	OPV(FUTEX_OP_ADD, 0xfff, 15);		/* oparg is a signed 12-bit field */
	ksft_ok(ok, "WAKE_OP: SET, ADD, OR, ANDN, XOR, OPARG_SHIFT, a negative oparg");
	ok = e(fx(&g, FUTEX_WAKE_OP, 1, (void *)1, &w, FUTEX_OP(5, 0, 0, 0))) == -ENOSYS;
	ok &= e(fx(&g, FUTEX_WAKE_OP, 1, (void *)1, &w, FUTEX_OP(0, 0, 9, 0))) == -ENOSYS;
	ok &= e(fx(&g, FUTEX_WAKE_OP, 1, (void *)1, (uint32_t *)4096, 0)) == -EFAULT;
	ok &= e(fx(&g, FUTEX_WAKE_OP_PRIVATE, 1, (void *)1, (uint32_t *)0xC0000000, 0)) == -EFAULT;
	ksft_ok(ok, "WAKE_OP: an unknown op or comparison is ENOSYS, a bad uaddr2 EFAULT");
}

/* For each comparison: a false one wakes nobody on uaddr2, a true one wakes its waiter. */
static void test_wake_op_cmp(volatile uint32_t *f, volatile uint32_t *g)
{
	static const struct { int cmp; int yes, no; uint32_t v; } c[] = {
		{ FUTEX_OP_CMP_EQ, 5, 4, 5 }, { FUTEX_OP_CMP_NE, 4, 5, 5 },
		{ FUTEX_OP_CMP_LT, 6, 5, 5 }, { FUTEX_OP_CMP_LE, 5, 4, 5 },
		{ FUTEX_OP_CMP_GT, 4, 5, 5 }, { FUTEX_OP_CMP_GE, 5, 6, 5 },
		{ FUTEX_OP_CMP_LT, -2, -3, (uint32_t)-3 },
	};
	int ok = 1;

	for (unsigned int i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		pid_t pid;

		*f = c[i].v;
		pid = spawn_waiter(f, c[i].v, FUTEX_WAIT, NULL);
		ok &= wait_for_waiters(f, 1, 0);
		ok &= e(fx(g, FUTEX_WAKE_OP, 1, (void *)1, f,
			   FUTEX_OP(FUTEX_OP_ADD, 0, c[i].cmp, c[i].no))) == 0;
		ok &= e(fx(g, FUTEX_WAKE_OP, 1, (void *)1, f,
			   FUTEX_OP(FUTEX_OP_ADD, 0, c[i].cmp, c[i].yes))) == 1;
		ok &= reaped_ok(pid);
	}
	*g = 1;
	{
		pid_t a = spawn_waiter(g, 1, FUTEX_WAIT, NULL), b;

		*f = 0;
		b = spawn_waiter(f, 0, FUTEX_WAIT, NULL);
		ok &= wait_for_waiters(g, 1, 0) && wait_for_waiters(f, 1, 0);
		ok &= e(fx(g, FUTEX_WAKE_OP, 1, (void *)1, f,
			   FUTEX_OP(FUTEX_OP_SET, 9, FUTEX_OP_CMP_EQ, 0))) == 2 && *f == 9;
		ok &= reaped_ok(a) & reaped_ok(b);
	}
	ksft_ok(ok, "WAKE_OP comparisons EQ NE LT LE GT GE (signed) decide the second wake");
}

static volatile sig_atomic_t hits;
static void on_alarm(int sig) { (void)sig; hits++; }

static void set_handler(void (*fn)(int), int flags)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = fn;
	sa.sa_flags = flags;
	sigaction(SIGALRM, &sa, NULL);
}

static void test_signals(volatile uint32_t *f)
{
	static uint32_t word;
	struct itimerval it = { { 0, 0 }, { 0, 50000 } };
	struct ts32 t = { 2, 0 }, t5 = { 0, 500000000 };
	long long t0, ms;
	pid_t pid;
	long r;
	int st;

	set_handler(on_alarm, 0);
	setitimer(ITIMER_REAL, &it, NULL);
	r = e(fx(&word, FUTEX_WAIT_PRIVATE, 0, NULL, NULL, 0));
	ksft_ok(r == -EINTR && hits == 1, "a handler (no SA_RESTART) interrupts FUTEX_WAIT: EINTR");
	set_handler(on_alarm, SA_RESTART);
	setitimer(ITIMER_REAL, &it, NULL);
	t0 = now_ns(CLOCK_MONOTONIC);
	r = e(fx(&word, FUTEX_WAIT_PRIVATE, 0, &t, NULL, 0));
	ksft_ok(r == -EINTR && hits == 2 && ms_since(t0) < 1500,
		"with a timeout even an SA_RESTART handler gives EINTR");
	signal(SIGALRM, SIG_DFL);

	/* No handler: stopped and continued, the wait goes on with its old deadline. */
	pid = fork();
	if (pid == 0) {
		t0 = now_ns(CLOCK_MONOTONIC);
		r = e(fx(&word, FUTEX_WAIT_PRIVATE, 0, &t5, NULL, 0));
		ms = ms_since(t0);
		_exit(r == -ETIMEDOUT && ms >= 495 && ms < 850 ? 0 : 1);
	}
	usleep(100000);
	kill(pid, SIGSTOP);
	usleep(200000);
	kill(pid, SIGCONT);
	ksft_ok(reaped_ok(pid), "stopped and continued, a timed wait restarts with the time left");

	*f = 0;
	pid = spawn_waiter(f, 0, FUTEX_WAIT, NULL);
	wait_for_waiters(f, 1, 0);
	kill(pid, SIGSTOP);
	usleep(50000);
	kill(pid, SIGCONT);
	ksft_ok(wait_for_waiters(f, 1, 0) && e(fx(f, FUTEX_WAKE, 1, NULL, NULL, 0)) == 1 && reaped_ok(pid),
		"stopped and continued, an untimed wait restarts and is woken (not EINTR)");
	(void)st;
}

int main(void)
{
	char path[] = "/tmp/linnet-futex-XXXXXX";
	volatile uint32_t *shm, *fa, *fb;
	int fd;

	ksft_plan(30);
	shm = mmap(NULL, KSFT_PAGE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	fd = mkstemp(path);
	if (shm == MAP_FAILED || fd < 0 || ftruncate(fd, 2 * KSFT_PAGE))
		return 1;
	unlink(path);
	fa = mmap(NULL, 2 * KSFT_PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	fb = mmap(NULL, KSFT_PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, KSFT_PAGE);
	if (fa == MAP_FAILED || fb == MAP_FAILED)
		return 1;
	fa += KSFT_PAGE / 4 + 3;	/* page 1 of the file, word 3: the same word as fb[3] */
	fb += 3;
	test_errors(shm);
	test_timeouts();
	test_cross_fork(shm, fa, fb);
	test_requeue(shm, shm + 1);
	test_bitset(shm + 2);
	test_wake_op_values();
	test_wake_op_cmp(shm + 3, shm + 4);
	test_signals(shm + 5);
	ksft_exit();
}
