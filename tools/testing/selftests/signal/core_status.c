/*
 * What wait reports for a process killed by a signal whose default action
 * is "core": killed by that signal, and the core bit (WCOREDUMP, si_code
 * CLD_DUMPED) only when a core file was really written.  With RLIMIT_CORE
 * 0 (Linux's default) none is, so Linux reports CLD_KILLED and no core
 * bit; so must Linnet, which never writes core files.
 */
#include <signal.h>
#include <sys/prctl.h>
#include "../kselftest.h"

static volatile sig_atomic_t chld_code;

static void on_chld(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)uc;
	chld_code = si->si_code;
}

static pid_t spawn_killed_by(int sig)
{
	pid_t pid = fork();

	if (pid == 0) {
		signal(sig, SIG_DFL);
		raise(sig);
		_exit(99);
	}
	return pid;
}

/* waitpid's status for a child killed by @sig. */
static void check_waitpid(int sig, const char *name)
{
	pid_t pid = spawn_killed_by(sig);
	int status = 0;
	int reaped = pid > 0 && waitpid(pid, &status, 0) == pid;

	ksft_ok(reaped && WIFSIGNALED(status) && WTERMSIG(status) == sig &&
		!WCOREDUMP(status),
		"%s: killed by %s, no core bit (status %#x)", name, name, status);
}

/* waitid's si_code and the SIGCHLD handler's for a child killed by @sig. */
static void check_siginfo(int sig, const char *name)
{
	siginfo_t si;
	pid_t pid;
	int reaped;

	chld_code = 0;
	pid = spawn_killed_by(sig);
	memset(&si, 0, sizeof(si));
	reaped = pid > 0 && waitid(P_PID, (id_t)pid, &si, WEXITED) == 0;
	ksft_ok(reaped && si.si_code == CLD_KILLED && si.si_status == sig && chld_code == CLD_KILLED,
		"%s: waitid and SIGCHLD say CLD_KILLED (si_code %d, handler %d)",
		name, si.si_code, (int)chld_code);
}

int main(void)
{
	static const struct { int sig; const char *name; } sigs[] = {
		{ SIGSEGV, "SIGSEGV" }, { SIGABRT, "SIGABRT" }, { SIGQUIT, "SIGQUIT" },
		{ SIGFPE, "SIGFPE" }, { SIGBUS, "SIGBUS" }, { SIGSYS, "SIGSYS" },
	};
	struct rlimit none = { 0, 0 };
	struct sigaction sa;
	unsigned int i;
	pid_t pid;
	int status = 0, reaped;

	ksft_plan(2 * (int)(sizeof(sigs) / sizeof(sigs[0])) + 2);
	if (setrlimit(RLIMIT_CORE, &none) != 0)
		ksft_diag("setrlimit(RLIMIT_CORE, 0): %s", strerror(errno));
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_chld;
	sa.sa_flags = SA_SIGINFO | SA_RESTART;
	sigaction(SIGCHLD, &sa, NULL);
	for (i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++) {
		check_waitpid(sigs[i].sig, sigs[i].name);
		check_siginfo(sigs[i].sig, sigs[i].name);
	}

	/* A real fault, not raise(): a store to page 0. */
	pid = fork();
	if (pid == 0) {
		*(volatile int *)0 = 1;
		_exit(99);
	}
	reaped = pid > 0 && waitpid(pid, &status, 0) == pid;
	ksft_ok(reaped && WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV && !WCOREDUMP(status),
		"a store to page 0: SIGSEGV, no core bit (status %#x)", status);

	/* A non-dumpable process: no core either way. */
	pid = fork();
	if (pid == 0) {
		prctl(PR_SET_DUMPABLE, 0);
		abort();
	}
	reaped = pid > 0 && waitpid(pid, &status, 0) == pid;
	ksft_ok(reaped && WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT && !WCOREDUMP(status),
		"non-dumpable: SIGABRT, no core bit (status %#x)", status);
	ksft_exit();
}
