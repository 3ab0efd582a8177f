/* handlers: signal handlers run, return, see masks, and get siginfo. */
#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>
#include "../kselftest.h"

static volatile sig_atomic_t hits, last_sig, usr2_blocked_inside;
static volatile void *fault_addr;
static sigjmp_buf env;

static void on_usr1(int sig)
{
	sigset_t now;

	hits++;
	last_sig = sig;
	sigprocmask(SIG_BLOCK, NULL, &now);
	usr2_blocked_inside = sigismember(&now, SIGUSR2) && sigismember(&now, SIGUSR1);
}

static void on_segv(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)uc;
	fault_addr = si->si_addr;
	siglongjmp(env, 1);
}

static void on_usr2_float(int sig)
{
	volatile double x = 1.0;

	(void)sig;
	for (int i = 0; i < 100; i++)
		x = x * 3.0 + 1.0;	/* disturbs the FPU inside the handler */
	hits += x > 0;
}

int main(void)
{
	struct sigaction sa;
	sigset_t block, pend;
	volatile double y = 1.0 / 3.0;
	int *bad;

	ksft_plan(8);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_usr1;
	sigemptyset(&sa.sa_mask);
	sigaddset(&sa.sa_mask, SIGUSR2);
	ksft_ok(sigaction(SIGUSR1, &sa, NULL) == 0 && raise(SIGUSR1) == 0 && hits == 1 &&
		last_sig == SIGUSR1, "a handler runs and returns");
	ksft_ok(usr2_blocked_inside, "inside it, sa_mask and the signal itself are blocked");
	sigemptyset(&block);
	sigaddset(&block, SIGUSR1);
	sigprocmask(SIG_BLOCK, &block, NULL);
	kill(getpid(), SIGUSR1);
	ksft_ok(hits == 1 && sigpending(&pend) == 0 && sigismember(&pend, SIGUSR1),
		"a blocked signal waits, pending");
	sigprocmask(SIG_UNBLOCK, &block, NULL);
	ksft_ok(hits == 2, "unblocking delivers it");
	signal(SIGUSR1, SIG_IGN);
	ksft_ok(raise(SIGUSR1) == 0 && hits == 2, "SIG_IGN drops it");
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_segv;
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGSEGV, &sa, NULL);
	bad = mmap(NULL, 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (sigsetjmp(env, 1) == 0)
		*(volatile int *)(bad + 3) = 1;
	ksft_ok(fault_addr == bad + 3, "a SIGSEGV handler gets si_addr (%p, want %p)",
		(void *)fault_addr, (void *)(bad + 3));
	signal(SIGUSR2, on_usr2_float);
	raise(SIGUSR2);
	ksft_ok(hits == 3 && y * 3.0 > 0.99 && y * 3.0 < 1.01,
		"the FPU state of the interrupted code survives a handler");
	sa.sa_handler = on_usr1;
	sa.sa_flags = SA_RESETHAND;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGUSR1, &sa, NULL);
	raise(SIGUSR1);
	sigaction(SIGUSR1, NULL, &sa);
	ksft_ok(hits == 4 && sa.sa_handler == SIG_DFL, "SA_RESETHAND: once, then the default");
	ksft_exit();
}
