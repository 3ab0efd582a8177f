/*
 * PTRACE_PEEKSIGINFO on a stopped tracee with one blocked signal pending
 * for the thread (tgkill: SIGUSR1, SI_TKILL) and one for the process
 * (kill: SIGUSR2, SI_USER, the sender's pid): each set read alone, from
 * an offset past the end (0), with nr 0 (0); unknown flags and a
 * negative count EINVAL, a bad argument or buffer pointer EFAULT, a pid
 * that is not a tracee ESRCH; the signals still pending afterwards.
 */
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include "../kselftest.h"

#define PEEKSIGINFO	0x4209
#define PEEK_SHARED	1

struct peek_args {
	uint64_t off;
	uint32_t flags;
	int32_t nr;
};

static long peek(pid_t pid, uint64_t off, uint32_t flags, int32_t nr, void *buf)
{
	struct peek_args a = { off, flags, nr };

	return syscall(SYS_ptrace, PEEKSIGINFO, pid, &a, buf);
}

static void child(void)
{
	sigset_t s;

	sigemptyset(&s);
	sigaddset(&s, SIGUSR1);
	sigaddset(&s, SIGUSR2);
	sigprocmask(SIG_BLOCK, &s, NULL);
	for (;;)
		pause();
}

int main(void)
{
	siginfo_t si[4];
	struct peek_args a = { 0, 0, 1 };
	sigset_t blocked;
	pid_t pid;
	int st;

	ksft_plan(10);
	sigemptyset(&blocked);
	sigaddset(&blocked, SIGUSR1);
	sigaddset(&blocked, SIGUSR2);
	sigprocmask(SIG_BLOCK, &blocked, NULL);	/* inherited: no race with the child's own */
	pid = fork();
	if (pid == 0)
		child();
	syscall(SYS_tgkill, pid, pid, SIGUSR1);
	kill(pid, SIGUSR2);
	ptrace(PTRACE_ATTACH, pid, 0, 0);
	waitpid(pid, &st, 0);
	ksft_ok(WIFSTOPPED(st) && WSTOPSIG(st) == SIGSTOP, "attached, stopped");

	memset(si, 0, sizeof(si));
	ksft_ok(peek(pid, 0, 0, 4, si) == 1 && si[0].si_signo == SIGUSR1 &&
		si[0].si_code == SI_TKILL && si[0].si_pid == getpid(),
		"thread's set: SIGUSR1 from tgkill");
	memset(si, 0, sizeof(si));
	ksft_ok(peek(pid, 0, PEEK_SHARED, 4, si) == 1 && si[0].si_signo == SIGUSR2 &&
		si[0].si_code == SI_USER && si[0].si_pid == getpid(),
		"process's set: SIGUSR2 from kill");
	ksft_ok(peek(pid, 1, 0, 4, si) == 0 && peek(pid, 0, 0, 0, si) == 0,
		"offset past the end, nr 0: 0");
	errno = 0;
	ksft_ok(peek(pid, 0, ~0u, 1, si) == -1 && errno == EINVAL, "unknown flags: EINVAL");
	errno = 0;
	ksft_ok(peek(pid, 0, 0, -1, si) == -1 && errno == EINVAL, "nr -1: EINVAL");
	errno = 0;
	ksft_ok(syscall(SYS_ptrace, PEEKSIGINFO, pid, (void *)8, si) == -1 && errno == EFAULT,
		"bad argument pointer: EFAULT");
	errno = 0;
	ksft_ok(peek(pid, 0, 0, 1, (void *)8) == -1 && errno == EFAULT, "bad buffer: EFAULT");
	errno = 0;
	ksft_ok(syscall(SYS_ptrace, PEEKSIGINFO, getppid(), &a, si) == -1 && errno == ESRCH,
		"not a tracee: ESRCH");
	ksft_ok(peek(pid, 0, 0, 4, si) == 1 && peek(pid, 0, PEEK_SHARED, 4, si) == 1,
		"still pending after peeking");
	kill(pid, SIGKILL);
	waitpid(pid, &st, 0);
	ksft_exit();
}
