/*
 * futex_waitv(2), raw: its argument errors (flags, counts, NULL, clock,
 * timespec, entry flags and reserved word, alignment, bad pointers), EAGAIN
 * at the first word that differs, absolute timeouts on CLOCK_MONOTONIC and
 * CLOCK_REALTIME, the index of the waiter a FUTEX_WAKE from another
 * process woke (shared words), and a
 * signal: EINTR without SA_RESTART, a restart with it.
 */
#include <signal.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <time.h>
#include "../kselftest.h"
#include <uapi/linux-ish/futex.h>

struct ts64 { int64_t sec, nsec; };

static volatile uint32_t words[4] __attribute__((aligned(8)));

static long waitv(void *w, unsigned int n, unsigned int flags, void *t, int clk)
{
	long r = syscall(449, w, n, flags, t, clk);

	return r < 0 ? -errno : r;
}

static void fill(struct futex_waitv *w, volatile uint32_t *addr, uint32_t val, uint32_t flags)
{
	memset(w, 0, sizeof(*w));
	w->uaddr = (uintptr_t)addr;
	w->val = val;
	w->flags = flags;
}

/* @ms milliseconds from now on @clk. */
static struct ts64 after_ms(int clk, long ms)
{
	struct timespec now;
	struct ts64 t;

	clock_gettime(clk, &now);
	t.sec = now.tv_sec + ms / 1000;
	t.nsec = now.tv_nsec + (ms % 1000) * 1000000L;
	if (t.nsec >= 1000000000L) {
		t.sec++;
		t.nsec -= 1000000000L;
	}
	return t;
}

static double elapsed_ms(const struct timespec *from)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (now.tv_sec - from->tv_sec) * 1e3 + (now.tv_nsec - from->tv_nsec) / 1e6;
}

static void test_errors(void)
{
	static struct futex_waitv w[130];
	struct ts64 t = { 0, 0 };
	unsigned int i;

	for (i = 0; i < 130; i++)
		fill(&w[i], &words[0], 1, FUTEX_32);
	ksft_ok(waitv(w, 1, 1, NULL, 0) == -EINVAL, "flags 1: EINVAL");
	ksft_ok(waitv(w, 0, 0, NULL, 0) == -EINVAL && waitv(w, 129, 0, NULL, 0) == -EINVAL,
		"0 or 129 waiters: EINVAL");
	ksft_ok(waitv(w, 128, 0, NULL, 0) == -EAGAIN, "128 waiters are fine (EAGAIN: word differs)");
	ksft_ok(waitv(NULL, 1, 0, NULL, 0) == -EINVAL, "NULL waiters: EINVAL");
	ksft_ok(waitv(w, 1, 0, &t, CLOCK_BOOTTIME) == -EINVAL &&
		waitv(w, 1, 0, NULL, CLOCK_BOOTTIME) == -EAGAIN,
		"CLOCK_BOOTTIME: EINVAL with a timeout, ignored without");
	ksft_ok(waitv(w, 1, 0, (void *)8, CLOCK_MONOTONIC) == -EFAULT, "a bad timeout pointer: EFAULT");
	t.nsec = 1000000000;
	ksft_ok(waitv(w, 1, 0, &t, CLOCK_MONOTONIC) == -EINVAL, "tv_nsec 1e9: EINVAL");
	t.nsec = 0;
	t.sec = -1;
	ksft_ok(waitv(w, 1, 0, &t, CLOCK_MONOTONIC) == -EINVAL, "tv_sec -1: EINVAL");
	ksft_ok(waitv((void *)8, 1, 0, NULL, 0) == -EFAULT &&
		waitv((char *)mmap(NULL, 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0), 1, 0,
		      NULL, 0) == -EFAULT, "unreadable waiters: EFAULT");
	w[1].flags = 0;
	ksft_ok(waitv(w, 2, 0, NULL, 0) == -EINVAL, "an entry without FUTEX_32: EINVAL");
	w[1].flags = FUTEX_32 | 1;
	ksft_ok(waitv(w, 2, 0, NULL, 0) == -EINVAL, "an unknown entry flag: EINVAL");
	w[1].flags = FUTEX_32;
	w[1].__reserved = 1;
	ksft_ok(waitv(w, 2, 0, NULL, 0) == -EINVAL, "a non-zero reserved word: EINVAL");
	w[1].__reserved = 0;
	w[1].uaddr = (uintptr_t)&words[0] + 1;
	ksft_ok(waitv(w, 2, 0, NULL, 0) == -EINVAL, "an unaligned word (after a differing one): EINVAL");
	w[1].uaddr = 4096;
	w[0].val = words[0];
	ksft_ok(waitv(w, 2, 0, NULL, 0) == -EFAULT && waitv(&w[1], 1, 0, NULL, 0) == -EFAULT,
		"an unmapped word: EFAULT");
	w[1].uaddr = 0xfffffff0;
	ksft_ok(waitv(&w[1], 1, 0, NULL, 0) == -EFAULT, "a kernel address: EFAULT");
}

static void test_values_and_timeouts(void)
{
	struct futex_waitv w[3];
	struct timespec start;
	struct ts64 t;
	long r;

	words[0] = 5;
	words[1] = 6;
	fill(&w[0], &words[0], 5, FUTEX_32 | FUTEX_PRIVATE_FLAG);
	fill(&w[1], &words[1], 7, FUTEX_32 | FUTEX_PRIVATE_FLAG);
	ksft_ok(waitv(w, 2, 0, NULL, 0) == -EAGAIN, "the second word differs: EAGAIN");
	w[1].val = 6 | (0xabcdULL << 32);
	t = after_ms(CLOCK_MONOTONIC, 60);
	clock_gettime(CLOCK_MONOTONIC, &start);
	r = waitv(w, 2, 0, &t, CLOCK_MONOTONIC);
	ksft_ok(r == -ETIMEDOUT && elapsed_ms(&start) >= 55,
		"CLOCK_MONOTONIC +60 ms: ETIMEDOUT after %.0f ms (val's high bits ignored)",
		elapsed_ms(&start));
	t = after_ms(CLOCK_REALTIME, 60);
	clock_gettime(CLOCK_MONOTONIC, &start);
	r = waitv(w, 2, 0, &t, CLOCK_REALTIME);
	ksft_ok(r == -ETIMEDOUT && elapsed_ms(&start) >= 55,
		"CLOCK_REALTIME +60 ms: ETIMEDOUT after %.0f ms", elapsed_ms(&start));
	t.sec = 1;
	t.nsec = 0;
	ksft_ok(waitv(w, 2, 0, &t, CLOCK_MONOTONIC) == -ETIMEDOUT, "a deadline in the past: ETIMEDOUT");
}

/* A child waits on three shared words; we wake the last: it returns 2. */
static void test_wake_index(void)
{
	volatile uint32_t *m = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
				    MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	pid_t pid;
	int st = -1, i;
	long woke = 0;

	m[0] = m[1] = m[2] = 0;
	pid = fork();
	if (pid == 0) {
		struct futex_waitv w[3];

		for (i = 0; i < 3; i++)
			fill(&w[i], &m[i], 0, FUTEX_32);
		_exit(waitv(w, 3, 0, NULL, 0) == 2 ? 0 : 1);
	}
	for (i = 0; i < 500 && woke == 0; i++) {
		usleep(10000);
		woke = syscall(SYS_futex, &m[2], FUTEX_WAKE, 1, NULL, NULL, 0);
	}
	waitpid(pid, &st, 0);
	ksft_ok(woke == 1 && KSFT_EXITED(st, 0), "FUTEX_WAKE on the third shared word: index 2");
}

static void on_alarm(int sig)
{
	(void)sig;
	words[3] = 1;
}

/* A handler that changed a word: EINTR without SA_RESTART, EAGAIN after a restart. */
static void test_signal(void)
{
	struct sigaction sa = { .sa_handler = on_alarm };
	struct itimerval it = { .it_value = { 0, 30000 } };
	struct futex_waitv w[2];
	long r;

	fill(&w[0], &words[2], words[2], FUTEX_32 | FUTEX_PRIVATE_FLAG);
	fill(&w[1], &words[3], 0, FUTEX_32 | FUTEX_PRIVATE_FLAG);
	words[3] = 0;
	sigaction(SIGALRM, &sa, NULL);
	setitimer(ITIMER_REAL, &it, NULL);
	r = waitv(w, 2, 0, NULL, 0);
	ksft_ok(r == -EINTR, "a signal without SA_RESTART: EINTR (%ld)", r);
	words[3] = 0;
	sa.sa_flags = SA_RESTART;
	sigaction(SIGALRM, &sa, NULL);
	setitimer(ITIMER_REAL, &it, NULL);
	r = waitv(w, 2, 0, NULL, 0);
	ksft_ok(r == -EAGAIN, "with SA_RESTART it restarts and sees the new value: EAGAIN (%ld)", r);
	signal(SIGALRM, SIG_DFL);
}

int main(void)
{
	ksft_plan(22);
	test_errors();
	test_values_and_timeouts();
	test_wake_index();
	test_signal();
	ksft_exit();
}
