/*
 * The old one-word signal-mask calls of i386, sigprocmask (126) and
 * sigpending (73), raw: they see and change signals 1-32 only, and the
 * old SIG_SETMASK keeps the blocked real-time signals above 32.
 */
#include <signal.h>
#include <stdint.h>
#include <sys/syscall.h>
#include "../kselftest.h"

static long old_sigprocmask(int how, const uint32_t *set, uint32_t *oset)
{
	return syscall(SYS_sigprocmask, how, set, oset);
}

static uint64_t rt_blocked(void)
{
	uint64_t m = 0;

	syscall(SYS_rt_sigprocmask, SIG_BLOCK, NULL, &m, 8);
	return m;
}

static uint64_t bit(int sig)
{
	return 1ULL << (sig - 1);
}

int main(void)
{
	uint64_t rt = bit(SIGRTMIN + 2);
	uint32_t set, old = 0xdeadbeef, pend = 0;

	ksft_plan(8);
	syscall(SYS_rt_sigprocmask, SIG_SETMASK, &rt, NULL, 8);	/* a signal above 32 */

	set = (uint32_t)bit(SIGUSR1);
	ksft_ok(old_sigprocmask(SIG_BLOCK, &set, &old) == 0 && old == 0 &&
		rt_blocked() == (rt | bit(SIGUSR1)),
		"SIG_BLOCK adds SIGUSR1; the old word had nothing below 33");
	ksft_ok(old_sigprocmask(SIG_BLOCK, NULL, &old) == 0 && old == (uint32_t)bit(SIGUSR1),
		"a NULL set only reads the mask's low word");

	set = (uint32_t)bit(SIGUSR2);
	ksft_ok(old_sigprocmask(SIG_SETMASK, &set, NULL) == 0 && rt_blocked() == (rt | bit(SIGUSR2)),
		"SIG_SETMASK sets signals 1-32 and keeps the real-time one above");
	ksft_ok(old_sigprocmask(SIG_UNBLOCK, &set, NULL) == 0 && rt_blocked() == rt,
		"SIG_UNBLOCK removes SIGUSR2");

	set = (uint32_t)(bit(SIGKILL) | bit(SIGSTOP) | bit(SIGUSR1));
	ksft_ok(old_sigprocmask(SIG_SETMASK, &set, NULL) == 0 && rt_blocked() == (rt | bit(SIGUSR1)),
		"SIGKILL and SIGSTOP cannot be blocked");

	raise(SIGUSR1);
	ksft_ok(syscall(SYS_sigpending, &pend) == 0 && pend == (uint32_t)bit(SIGUSR1),
		"sigpending reports the blocked SIGUSR1 (%#x)", pend);

	errno = 0;
	ksft_ok(old_sigprocmask(3, &set, NULL) == -1 && errno == EINVAL,
		"an unknown how is EINVAL");
	errno = 0;
	ksft_ok(old_sigprocmask(SIG_BLOCK, (uint32_t *)1, NULL) == -1 && errno == EFAULT &&
		syscall(SYS_sigpending, (uint32_t *)1) == -1 && errno == EFAULT,
		"bad pointers are EFAULT");
	signal(SIGUSR1, SIG_IGN);	/* the pending one goes quietly */
	ksft_exit();
}
