/*
 * A pending signal is delivered as soon as the mask that held it back
 * goes: before the call that unblocked it returns to user mode, whether
 * that call is rt_sigprocmask, the old sigprocmask, pthread_sigmask in
 * another thread (a signal sent to the process), sigreturn restoring a
 * mask (the handler's own sa_mask, or one the handler edited in its
 * ucontext), or a temporary mask of ppoll, pselect6 or sigsuspend.  And
 * calls that fail change nothing and deliver nothing.
 */
#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/select.h>
#include <sys/syscall.h>
#include <ucontext.h>
#include <unistd.h>
#include "../kselftest.h"

static volatile int hits[_NSIG];
static volatile int order[8], norder;
static volatile pid_t hit_tid;

static void handler(int sig)
{
	hits[sig]++;
	if (norder < 8)
		order[norder++] = sig;
	hit_tid = (pid_t)syscall(SYS_gettid);
}

/* SIGUSR1's handler: raises SIGUSR2, which its sa_mask blocks until sigreturn. */
static void raise_blocked(int sig)
{
	handler(sig);
	raise(SIGUSR2);
	if (hits[SIGUSR2])
		order[norder++] = -1;	/* ran too early */
}

/* SIGUSR2's handler: lets SIGUSR1 through once it returns, by its ucontext. */
static void unblock_in_uc(int sig, siginfo_t *si, void *ucv)
{
	ucontext_t *uc = ucv;

	(void)si;
	handler(sig);
	sigdelset(&uc->uc_sigmask, SIGUSR1);
}

static void on(int sig, void (*fn)(int), int also_blocked)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = fn;
	sigemptyset(&sa.sa_mask);
	if (also_blocked)
		sigaddset(&sa.sa_mask, also_blocked);
	sigaction(sig, &sa, NULL);
}

static void reset(void)
{
	sigset_t none;

	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	memset((void *)hits, 0, sizeof(hits));
	norder = 0;
	hit_tid = 0;
}

static void block(int sig)
{
	sigset_t s;

	sigemptyset(&s);
	sigaddset(&s, sig);
	sigprocmask(SIG_BLOCK, &s, NULL);
}

static int is_blocked(int sig)
{
	sigset_t cur;

	sigprocmask(SIG_BLOCK, NULL, &cur);
	return sigismember(&cur, sig);
}

static uint64_t bit(int sig)
{
	return 1ULL << (sig - 1);
}

static void *unblock_thread(void *arg)
{
	sigset_t s;
	int seen;

	(void)arg;
	sigemptyset(&s);
	sigaddset(&s, SIGUSR1);
	pthread_sigmask(SIG_UNBLOCK, &s, NULL);
	seen = hits[SIGUSR1];
	return (void *)(intptr_t)(seen == 1 && hit_tid == (pid_t)syscall(SYS_gettid));
}

static void test_procmask(void)
{
	uint64_t u1 = bit(SIGUSR1);
	uint32_t w = (uint32_t)u1;
	int before;

	reset();
	block(SIGUSR1);
	raise(SIGUSR1);
	before = hits[SIGUSR1];
	syscall(SYS_rt_sigprocmask, SIG_UNBLOCK, &u1, NULL, 8);
	ksft_ok(before == 0 && hits[SIGUSR1] == 1,
		"rt_sigprocmask(SIG_UNBLOCK): the pending SIGUSR1 ran before it returned (%d, %d)",
		before, hits[SIGUSR1]);

	reset();
	block(SIGUSR1);
	raise(SIGUSR1);
	w = 0;
	syscall(SYS_sigprocmask, SIG_SETMASK, &w, NULL);
	ksft_ok(hits[SIGUSR1] == 1, "old sigprocmask(SIG_SETMASK, 0): delivered before it returned");

	reset();
	block(SIGUSR1);
	raise(SIGUSR1);
	errno = 0;
	ksft_ok(syscall(SYS_rt_sigprocmask, 7, &u1, NULL, 8) == -1 && errno == EINVAL &&
		hits[SIGUSR1] == 0 && is_blocked(SIGUSR1),
		"an unknown how: EINVAL, mask kept, nothing delivered");
	errno = 0;
	ksft_ok(syscall(SYS_rt_sigprocmask, SIG_UNBLOCK, (void *)8, NULL, 8) == -1 &&
		errno == EFAULT && hits[SIGUSR1] == 0 && is_blocked(SIGUSR1),
		"a bad set pointer: EFAULT, mask kept, nothing delivered");
	errno = 0;
	ksft_ok(syscall(SYS_rt_sigprocmask, SIG_UNBLOCK, &u1, NULL, 4) == -1 &&
		errno == EINVAL && hits[SIGUSR1] == 0,
		"a sigsetsize of 4: EINVAL, nothing delivered");
	syscall(SYS_rt_sigprocmask, SIG_UNBLOCK, &u1, NULL, 8);
	ksft_ok(hits[SIGUSR1] == 1, "and it comes once the mask goes");
}

static void test_thread(void)
{
	pthread_t t;
	void *ok = NULL;
	sigset_t none;

	sigemptyset(&none);
	reset();
	block(SIGUSR1);
	kill(getpid(), SIGUSR1);	/* the process's: any thread may take it */
	if (pthread_create(&t, NULL, unblock_thread, NULL) == 0)
		pthread_join(t, &ok);
	ksft_ok(ok == (void *)1 && hits[SIGUSR1] == 1,
		"a process signal blocked everywhere: the thread that unblocks it takes it at once");
	sigprocmask(SIG_SETMASK, &none, NULL);
	ksft_ok(hits[SIGUSR1] == 1, "taken once only: the main thread unblocking it gets nothing");
}

static void test_sigreturn(void)
{
	struct sigaction sa;

	reset();
	on(SIGUSR1, raise_blocked, SIGUSR2);
	on(SIGUSR2, handler, 0);
	raise(SIGUSR1);
	ksft_ok(norder == 2 && order[0] == SIGUSR1 && order[1] == SIGUSR2,
		"sigreturn lifting the handler's sa_mask delivers the signal it held (%d: %d %d)",
		norder, order[0], order[1]);

	reset();
	on(SIGUSR1, handler, 0);
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = unblock_in_uc;
	sa.sa_flags = SA_SIGINFO;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGUSR2, &sa, NULL);
	block(SIGUSR1);
	raise(SIGUSR1);
	raise(SIGUSR2);
	ksft_ok(norder == 2 && order[0] == SIGUSR2 && order[1] == SIGUSR1 &&
		!is_blocked(SIGUSR1),
		"a handler unblocking a pending signal in its ucontext: it runs on sigreturn");
}

static void test_temporary_masks(void)
{
	sigset_t open_mask, keep_mask, cur;
	struct timespec zero = { 0, 0 };
	int r;

	sigemptyset(&open_mask);
	sigfillset(&keep_mask);

	reset();
	on(SIGUSR1, handler, 0);
	block(SIGUSR1);
	raise(SIGUSR1);
	errno = 0;
	r = ppoll(NULL, 0, &zero, &open_mask);
	sigprocmask(SIG_BLOCK, NULL, &cur);
	ksft_ok(r == -1 && errno == EINTR && hits[SIGUSR1] == 1 && sigismember(&cur, SIGUSR1),
		"ppoll with a mask that lets a pending signal in: EINTR, delivered, old mask back");

	reset();
	block(SIGUSR1);
	raise(SIGUSR1);
	r = pselect(0, NULL, NULL, NULL, &zero, &keep_mask);
	ksft_ok(r == 0 && hits[SIGUSR1] == 0 && is_blocked(SIGUSR1),
		"pselect6 with a mask that keeps it out: 0, not delivered");
	errno = 0;
	r = pselect(0, NULL, NULL, NULL, &zero, &open_mask);
	ksft_ok(r == -1 && errno == EINTR && hits[SIGUSR1] == 1 && is_blocked(SIGUSR1),
		"then pselect6 letting it in: EINTR, delivered, old mask back");

	reset();
	block(SIGUSR1);
	raise(SIGUSR1);
	errno = 0;
	r = sigsuspend(&open_mask);
	ksft_ok(r == -1 && errno == EINTR && hits[SIGUSR1] == 1 && is_blocked(SIGUSR1),
		"sigsuspend with a signal already pending: returns at once, old mask back");
	errno = 0;
	ksft_ok(syscall(SYS_rt_sigsuspend, (void *)8, 8) == -1 && errno == EFAULT &&
		is_blocked(SIGUSR1),
		"rt_sigsuspend with a bad mask pointer: EFAULT, mask kept");
}

int main(void)
{
	ksft_plan(15);
	on(SIGUSR1, handler, 0);
	on(SIGUSR2, handler, 0);
	test_procmask();
	test_thread();
	test_sigreturn();
	test_temporary_masks();
	ksft_exit();
}
