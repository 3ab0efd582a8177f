/*
 * PI futexes: FUTEX_LOCK_PI/LOCK_PI2/TRYLOCK_PI/UNLOCK_PI and the word
 * protocol (TID, FUTEX_WAITERS, FUTEX_OWNER_DIED), their errors (EDEADLK,
 * EPERM, ESRCH, EWOULDBLOCK, ETIMEDOUT, EFAULT, EINVAL), hand-off on
 * unlock, priority inheritance seen as scheduling order on one CPU, an
 * owner dying with and without the robust list, and the requeue_pi pair
 * (FUTEX_WAIT_REQUEUE_PI / FUTEX_CMP_REQUEUE_PI) with its EINVAL and
 * EAGAIN rules.  Run as root (it uses SCHED_FIFO).
 */
#include "../kselftest.h"
#include <errno.h>
#include <limits.h>
#include <linux/futex.h>
#include <pthread.h>
#include <sched.h>
#include <stdint.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#ifndef FUTEX_LOCK_PI2
#define FUTEX_LOCK_PI2 13
#endif

static long fx(volatile uint32_t *u, int op, uint32_t val, const struct timespec *ts,
	       volatile uint32_t *u2, uint32_t val3)
{
	return syscall(SYS_futex, u, op, val, ts, u2, val3);
}

static long lock_pi(volatile uint32_t *u) { return fx(u, FUTEX_LOCK_PI, 0, NULL, NULL, 0); }
static long unlock_pi(volatile uint32_t *u) { return fx(u, FUTEX_UNLOCK_PI, 0, NULL, NULL, 0); }
static long trylock_pi(volatile uint32_t *u) { return fx(u, FUTEX_TRYLOCK_PI, 0, NULL, NULL, 0); }
static uint32_t gettid32(void) { return (uint32_t)syscall(SYS_gettid); }

static void msleep(int ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

static long long cpu_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static void spin_cpu_ms(int ms)
{
	long long end = cpu_ns() + ms * 1000000LL;

	while (cpu_ns() < end)
		;
}

static long long now_ns(clockid_t c)
{
	struct timespec ts;

	clock_gettime(c, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static struct timespec after_ms(clockid_t c, int ms)
{
	long long t = now_ns(c) + ms * 1000000LL;
	struct timespec ts = { t / 1000000000LL, t % 1000000000LL };

	return ts;
}

static int start(pthread_t *t, void *(*fn)(void *), void *arg, int policy, int prio)
{
	struct sched_param sp = { .sched_priority = prio };
	pthread_attr_t a;
	int err;

	pthread_attr_init(&a);
	if (policy >= 0) {
		pthread_attr_setinheritsched(&a, PTHREAD_EXPLICIT_SCHED);
		pthread_attr_setschedpolicy(&a, policy);
		pthread_attr_setschedparam(&a, &sp);
	}
	err = pthread_create(t, &a, fn, arg);
	pthread_attr_destroy(&a);
	return err;
}

static volatile uint32_t lk, lk2, cond;
static volatile uint32_t seen_word, thread_tid;
static volatile long thread_ret;

static void test_basic(void)
{
	uint32_t me = gettid32();

	lk = 0;
	ksft_ok(lock_pi(&lk) == 0 && lk == me, "LOCK_PI of a free word: 0, the word holds our TID");
	ksft_ok(lock_pi(&lk) == -1 && errno == EDEADLK && trylock_pi(&lk) == -1 && errno == EDEADLK,
		"LOCK_PI and TRYLOCK_PI of a lock we hold: EDEADLK");
	ksft_ok(unlock_pi(&lk) == 0 && lk == 0, "UNLOCK_PI: 0, the word is 0");
	ksft_ok(unlock_pi(&lk) == -1 && errno == EPERM, "UNLOCK_PI of a free lock: EPERM");
	lk = me + 1;
	ksft_ok(unlock_pi(&lk) == -1 && errno == EPERM, "UNLOCK_PI of another TID's lock: EPERM");
	lk = 0x3ffff000;	/* no such thread */
	ksft_ok(lock_pi(&lk) == -1 && errno == ESRCH && trylock_pi(&lk) == -1 && errno == ESRCH,
		"LOCK_PI/TRYLOCK_PI of a word naming no thread: ESRCH");
	lk = 0;
	ksft_ok(trylock_pi(&lk) == 0 && lk == me && unlock_pi(&lk) == 0,
		"TRYLOCK_PI of a free lock takes it");
	ksft_ok(lock_pi((uint32_t *)8) == -1 && errno == EFAULT &&
		lock_pi((uint32_t *)((char *)&lk + 1)) == -1 && errno == EINVAL &&
		unlock_pi((uint32_t *)8) == -1 && errno == EFAULT,
		"bad address EFAULT, unaligned EINVAL");
	lk = FUTEX_OWNER_DIED;
	ksft_ok(lock_pi(&lk) == 0 && lk == (me | FUTEX_OWNER_DIED) && unlock_pi(&lk) == 0 && lk == 0,
		"a free word with OWNER_DIED: taken with the bit kept, unlock clears it");
}

/* Holds lk until told to let go. */
static volatile int holder_go;
static void *holder(void *arg)
{
	(void)arg;
	thread_tid = gettid32();
	thread_ret = lock_pi(&lk);
	while (!holder_go)
		msleep(1);
	unlock_pi(&lk);
	return NULL;
}

static void *locker(void *arg)
{
	(void)arg;
	thread_tid = gettid32();
	thread_ret = lock_pi(&lk);
	seen_word = lk;
	unlock_pi(&lk);
	return NULL;
}

static void test_contended(void)
{
	uint32_t me = gettid32();
	struct timespec ts;
	long long t0, t1;
	pthread_t t;
	long r;

	lk = 0;
	lock_pi(&lk);
	thread_ret = 1;
	start(&t, locker, NULL, -1, 0);
	msleep(50);
	ksft_ok(thread_ret == 1 && lk == (me | FUTEX_WAITERS),
		"a second locker sleeps and sets FUTEX_WAITERS");
	r = unlock_pi(&lk);
	pthread_join(t, NULL);
	ksft_ok(r == 0 && thread_ret == 0 && seen_word == (thread_tid | FUTEX_WAITERS) && lk == 0,
		"UNLOCK_PI hands the lock over: its TID with FUTEX_WAITERS; its unlock clears it");

	lk = 0;
	holder_go = 0;
	start(&t, holder, NULL, -1, 0);
	msleep(50);
	errno = 0;
	ksft_ok(trylock_pi(&lk) == -1 && errno == EWOULDBLOCK, "TRYLOCK_PI of a held lock: EWOULDBLOCK");
	ts = after_ms(CLOCK_REALTIME, 50);
	t0 = now_ns(CLOCK_MONOTONIC);
	r = fx(&lk, FUTEX_LOCK_PI, 0, &ts, NULL, 0);
	t1 = now_ns(CLOCK_MONOTONIC);
	ksft_ok(r == -1 && errno == ETIMEDOUT && t1 - t0 >= 40000000,
		"LOCK_PI with an absolute CLOCK_REALTIME timeout: ETIMEDOUT (%lld ms)",
		(t1 - t0) / 1000000);
	ts = after_ms(CLOCK_MONOTONIC, 50);
	r = fx(&lk, FUTEX_LOCK_PI2, 0, &ts, NULL, 0);
	t1 = now_ns(CLOCK_MONOTONIC);
	ksft_ok(r == -1 && errno == ETIMEDOUT && t1 >= ts.tv_sec * 1000000000LL + ts.tv_nsec,
		"LOCK_PI2 with an absolute CLOCK_MONOTONIC timeout: ETIMEDOUT, not early");
	holder_go = 1;
	pthread_join(t, NULL);
	ksft_ok(lk == 0, "the holder's unlock after timed-out waiters leaves 0");
}

/* Priority inversion on CPU 0: low holds, high waits, middle spins. */
static char order[8];
static int norder;
static pthread_mutex_t order_lock = PTHREAD_MUTEX_INITIALIZER;

static void note(char c)
{
	pthread_mutex_lock(&order_lock);
	order[norder++] = c;
	pthread_mutex_unlock(&order_lock);
}

static void *low(void *arg)
{
	(void)arg;
	lock_pi(&lk);
	spin_cpu_ms(60);
	unlock_pi(&lk);
	return NULL;
}

static void *high(void *arg)
{
	(void)arg;
	if (lock_pi(&lk) == 0) {
		note('H');
		unlock_pi(&lk);
	}
	return NULL;
}

static void *middle(void *arg)
{
	(void)arg;
	spin_cpu_ms(250);
	note('M');
	return NULL;
}

static void test_inheritance(void)
{
	struct sched_param sp = { .sched_priority = 50 };
	pthread_t l, m, h;
	cpu_set_t set;

	CPU_ZERO(&set);
	CPU_SET(0, &set);
	if (sched_setaffinity(0, sizeof(set), &set) || sched_setscheduler(0, SCHED_FIFO, &sp)) {
		ksft_ok(0, "SCHED_FIFO 50 on CPU 0: %s", strerror(errno));
		return;
	}
	lk = 0;
	norder = 0;
	start(&l, low, NULL, SCHED_FIFO, 1);
	msleep(20);		/* low takes the lock and spins; we preempt it */
	start(&m, middle, NULL, SCHED_FIFO, 20);
	start(&h, high, NULL, SCHED_FIFO, 30);
	pthread_join(h, NULL);
	pthread_join(m, NULL);
	pthread_join(l, NULL);
	ksft_ok(!strcmp(order, "HM"),
		"the holder inherits the waiter's priority and runs before the middle one (%s)", order);
	sp.sched_priority = 0;
	sched_setscheduler(0, SCHED_OTHER, &sp);
}

/* A thread that takes lk (on its robust list with @arg) and exits holding it. */
static struct {
	uintptr_t next;
	long offset;
	uintptr_t pending;
} rhead;
static struct {
	uintptr_t next;
	uint32_t word;
} rlock;

static void *dier(void *arg)
{
	volatile uint32_t *w = arg ? &rlock.word : &lk;

	if (arg) {
		rhead.next = (uintptr_t)&rlock | 1;	/* a PI entry */
		rhead.offset = (long)((char *)&rlock.word - (char *)&rlock);
		rhead.pending = 0;
		rlock.next = (uintptr_t)&rhead;
		syscall(SYS_set_robust_list, &rhead, sizeof(rhead));
	}
	thread_tid = gettid32();
	thread_ret = lock_pi(w);
	if (arg == (void *)2)
		while (!(*w & FUTEX_WAITERS))
			msleep(1);	/* until the main thread waits for it */
	syscall(SYS_exit, 0);
	return NULL;
}

static void test_owner_died(void)
{
	uint32_t me = gettid32();
	pthread_t t;
	long r;

	rlock.word = 0;
	start(&t, dier, (void *)1, -1, 0);
	pthread_join(t, NULL);
	msleep(20);
	ksft_ok(thread_ret == 0 && rlock.word == FUTEX_OWNER_DIED,
		"an owner exits with the lock on its robust list: the word is FUTEX_OWNER_DIED");
	ksft_ok(lock_pi(&rlock.word) == 0 && rlock.word == (me | FUTEX_OWNER_DIED) &&
		unlock_pi(&rlock.word) == 0, "the next LOCK_PI gets it with FUTEX_OWNER_DIED");

	lk = 0;
	start(&t, dier, NULL, -1, 0);
	pthread_join(t, NULL);
	msleep(20);
	ksft_ok(lk == thread_tid && lock_pi(&lk) == -1 && errno == ESRCH,
		"an owner exits holding a lock not on its robust list: LOCK_PI then is ESRCH");

	/* A waiter when the owner dies: it gets the lock with OWNER_DIED. */
	rlock.word = 0;
	thread_ret = 1;
	start(&t, dier, (void *)2, -1, 0);
	while (thread_ret == 1)
		msleep(1);
	r = lock_pi(&rlock.word);
	pthread_join(t, NULL);
	ksft_ok(r == 0 && rlock.word == (me | FUTEX_WAITERS | FUTEX_OWNER_DIED),
		"a waiter of a dying owner gets the lock: its TID, WAITERS and OWNER_DIED (%#x)",
		(unsigned)rlock.word);
	ksft_ok(unlock_pi(&rlock.word) == 0 && rlock.word == 0, "and unlocks it to 0");
}

static void *rq_waiter(void *arg)
{
	(void)arg;
	thread_tid = gettid32();
	thread_ret = fx(&cond, FUTEX_WAIT_REQUEUE_PI, 0, NULL, &lk, 0);
	seen_word = lk;
	if (thread_ret == 0)
		unlock_pi(&lk);
	return NULL;
}

/* Broadcast: each of NBCAST waiters comes back owning lk in turn. */
#define NBCAST 4
static volatile int bcast_ok, bcast_blocked;

static void *bcast_waiter(void *arg)
{
	struct timespec *ts = arg;
	long r;

	__sync_fetch_and_add(&bcast_blocked, 1);
	r = fx(&cond, FUTEX_WAIT_REQUEUE_PI, 0, ts, &lk, 0);
	if (r == 0 && (lk & FUTEX_TID_MASK) == gettid32() && unlock_pi(&lk) == 0)
		__sync_fetch_and_add(&bcast_ok, 1);
	else if (r == -1 && errno == ETIMEDOUT && ts)
		__sync_fetch_and_add(&bcast_ok, 1);
	return NULL;
}

static int broadcast(int locked, struct timespec *ts)
{
	pthread_t t[NBCAST];
	long r = 0;

	cond = 0;
	lk = 0;
	bcast_ok = bcast_blocked = 0;
	for (int i = 0; i < NBCAST; i++)
		start(&t[i], bcast_waiter, ts, -1, 0);
	while (bcast_blocked < NBCAST)
		msleep(1);
	msleep(50);
	if (locked)
		lock_pi(&lk);
	if (!ts)
		r = fx(&cond, FUTEX_CMP_REQUEUE_PI, 1, (void *)INT_MAX, &lk, 0);
	if (locked)
		unlock_pi(&lk);
	for (int i = 0; i < NBCAST; i++)
		pthread_join(t[i], NULL);
	return ts ? bcast_ok : (r == NBCAST ? bcast_ok : -1);
}

static void *plain_waiter(void *arg)
{
	(void)arg;
	thread_ret = fx(&cond, FUTEX_WAIT, 0, NULL, NULL, 0);
	return NULL;
}

static void test_requeue_pi(void)
{
	uint32_t me = gettid32();
	pthread_t t;
	long r, r2;

	cond = 0;
	lk = 0;
	thread_ret = 1;
	start(&t, rq_waiter, NULL, -1, 0);
	msleep(50);
	r = fx(&cond, FUTEX_CMP_REQUEUE_PI, 1, (void *)0, &lk, 0);
	pthread_join(t, NULL);
	ksft_ok(r == 1 && thread_ret == 0 && seen_word == thread_tid && lk == 0,
		"CMP_REQUEUE_PI (nr_requeue 0) to a free lock: the waiter returns owning it");

	thread_ret = 1;
	start(&t, rq_waiter, NULL, -1, 0);
	msleep(50);
	r = fx(&cond, FUTEX_CMP_REQUEUE_PI, 1, (void *)1, &lk, 0);
	pthread_join(t, NULL);
	ksft_ok(r == 1 && thread_ret == 0 && seen_word == (thread_tid | FUTEX_WAITERS) && lk == 0,
		"CMP_REQUEUE_PI (nr_requeue 1) to a free lock: owned with FUTEX_WAITERS");

	thread_ret = 1;
	start(&t, rq_waiter, NULL, -1, 0);
	msleep(50);
	lock_pi(&lk);
	r = fx(&cond, FUTEX_CMP_REQUEUE_PI, 1, (void *)0, &lk, 0);
	msleep(20);
	r2 = thread_ret;
	ksft_ok(r == 1 && r2 == 1 && lk == (me | FUTEX_WAITERS),
		"CMP_REQUEUE_PI to a held lock: requeued (1), the waiter still sleeps, WAITERS set");
	unlock_pi(&lk);
	pthread_join(t, NULL);
	ksft_ok(thread_ret == 0 && seen_word == (thread_tid | FUTEX_WAITERS) && lk == 0,
		"the owner's UNLOCK_PI hands the lock to the requeued waiter");

	errno = 0;
	ksft_ok(fx(&cond, FUTEX_CMP_REQUEUE_PI, 1, (void *)0, &cond, 0) == -1 && errno == EINVAL &&
		fx(&cond, FUTEX_WAIT_REQUEUE_PI, 0, NULL, &cond, 0) == -1 && errno == EINVAL &&
		fx(&cond, FUTEX_CMP_REQUEUE_PI, 2, (void *)0, &lk, 0) == -1 && errno == EINVAL,
		"requeue_pi with uaddr == uaddr2 or nr_wake 2: EINVAL");
	ksft_ok(fx(&cond, FUTEX_CMP_REQUEUE_PI, 1, (void *)0, &lk, 5) == -1 && errno == EAGAIN &&
		fx(&cond, FUTEX_WAIT_REQUEUE_PI, 5, NULL, &lk, 0) == -1 && errno == EAGAIN,
		"a value that differs: EAGAIN");

	ksft_ok(broadcast(0, NULL) == NBCAST && lk == 0,
		"broadcast CMP_REQUEUE_PI of %d waiters to a free lock: each gets it in turn", NBCAST);
	ksft_ok(broadcast(1, NULL) == NBCAST && lk == 0,
		"broadcast to a lock we hold: all requeued, each gets it after our unlock");
	{
		struct timespec ts = after_ms(CLOCK_MONOTONIC, 100);

		ksft_ok(broadcast(0, &ts) == NBCAST && lk == 0,
			"WAIT_REQUEUE_PI with an absolute monotonic timeout: ETIMEDOUT");
	}

	thread_ret = 1;
	start(&t, plain_waiter, NULL, -1, 0);
	msleep(50);
	r = fx(&cond, FUTEX_CMP_REQUEUE_PI, 1, (void *)0, &lk, 0);
	r2 = errno;
	ksft_ok(r == -1 && r2 == EINVAL && fx(&cond, FUTEX_WAKE, 1, NULL, NULL, 0) == 1,
		"CMP_REQUEUE_PI meeting a plain FUTEX_WAIT waiter: EINVAL; FUTEX_WAKE wakes it");
	pthread_join(t, NULL);

	thread_ret = 1;
	start(&t, rq_waiter, NULL, -1, 0);
	msleep(50);
	r = fx(&cond, FUTEX_WAKE, 1, NULL, NULL, 0);
	r2 = errno;
	ksft_ok(r == -1 && r2 == EINVAL && fx(&cond, FUTEX_CMP_REQUEUE_PI, 1, (void *)0, &lk, 0) == 1,
		"FUTEX_WAKE meeting a WAIT_REQUEUE_PI waiter: EINVAL");
	pthread_join(t, NULL);
}

int main(void)
{
	ksft_plan(32);
	test_basic();
	test_contended();
	test_inheritance();
	test_owner_died();
	test_requeue_pi();
	ksft_exit();
}
