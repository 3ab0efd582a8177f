/*
 * What a filter's return value does: ERRNO (and its cap at MAX_ERRNO),
 * TRAP's SIGSYS and its siginfo (si_code SYS_SECCOMP, si_errno the data,
 * si_syscall, si_arch, si_call_addr), KILL_PROCESS and KILL_THREAD
 * deaths by SIGSYS, unknown actions killing, TRACE without a tracer
 * (ENOSYS), USER_NOTIF without a listener (ENOSYS), LOG allowing, the
 * lowest action of a stack winning, argument filtering, and a TRAP
 * forced through an ignored SIGSYS.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include "../kselftest.h"
#include "seccomp_util.h"

static void errno_getpid(void *arg)
{
	(void)arg;
	if (set_nnp() || filter_one(__NR_getpid, SECCOMP_RET_ERRNO | E2BIG, 0))
		_exit(2);
	errno = 0;
	if (syscall(__NR_getpid) != -1 || errno != E2BIG)
		_exit(3);
	if (syscall(__NR_getppid) <= 0)
		_exit(4);		/* others still run */
	_exit(0);
}

static void errno_capped(void *arg)
{
	(void)arg;
	if (set_nnp() || filter_one(__NR_getpid, SECCOMP_RET_ERRNO | 0xffff, 0))
		_exit(2);
	errno = 0;
	_exit(syscall(__NR_getpid) == -1 && errno == 4095 ? 0 : 3);
}

static void errno_zero(void *arg)
{
	(void)arg;
	if (set_nnp() || filter_one(__NR_getpid, SECCOMP_RET_ERRNO | 0, 0))
		_exit(2);
	_exit(syscall(__NR_getpid) == 0 ? 0 : 3);
}

static volatile siginfo_t trap_info;
static volatile int trap_count;

static void on_sigsys(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)uc;
	memcpy((void *)&trap_info, si, sizeof(*si));
	trap_count++;
}

static void trap_handler(void *arg)
{
	struct sigaction sa = { .sa_sigaction = on_sigsys, .sa_flags = SA_SIGINFO };
	long r;

	(void)arg;
	if (sigaction(SIGSYS, &sa, NULL) || set_nnp() ||
	    filter_one(__NR_getpid, SECCOMP_RET_TRAP | 0x1234, 0))
		_exit(2);
	r = syscall(__NR_getpid);
	if (trap_count != 1)
		_exit(3);
	if (trap_info.si_signo != SIGSYS || trap_info.si_code != 1 /* SYS_SECCOMP */)
		_exit(4);
	if (trap_info.si_errno != 0x1234 || trap_info.si_syscall != __NR_getpid)
		_exit(5);
	if (trap_info.si_arch != AUDIT_ARCH_I386 || !trap_info.si_call_addr)
		_exit(6);
	_exit(r == __NR_getpid ? 0 : 7);	/* the call was rolled back: eax is its number */
}

static void trap_ignored(void *arg)
{
	(void)arg;
	signal(SIGSYS, SIG_IGN);
	if (set_nnp() || filter_one(__NR_getpid, SECCOMP_RET_TRAP, 0))
		_exit(2);
	syscall(__NR_getpid);
	_exit(0);
}

static void kill_with(void *arg)
{
	unsigned int action = *(unsigned int *)arg;

	if (set_nnp() || filter_one(__NR_getpid, action, 0))
		_exit(2);
	syscall(__NR_getpid);
	_exit(0);
}

static void enosys_with(void *arg)
{
	unsigned int action = *(unsigned int *)arg;

	if (set_nnp() || filter_one(__NR_getpid, action, 0))
		_exit(2);
	errno = 0;
	_exit(syscall(__NR_getpid) == -1 && errno == ENOSYS ? 0 : 3);
}

static void log_allows(void *arg)
{
	(void)arg;
	if (set_nnp() || filter_one(__NR_getpid, SECCOMP_RET_LOG, 0))
		_exit(2);
	_exit(syscall(__NR_getpid) == getpid() && syscall(__NR_getpid) > 0 ? 0 : 3);
}

/* A stack of ALLOW, ERRNO and TRAP filters in either order: TRAP wins, ERRNO over ALLOW. */
static void precedence(void *arg)
{
	int trap_last = *(int *)arg;
	struct sigaction sa = { .sa_sigaction = on_sigsys, .sa_flags = SA_SIGINFO };

	if (sigaction(SIGSYS, &sa, NULL) || set_nnp())
		_exit(2);
	if (filter_one(__NR_getpid, SECCOMP_RET_ALLOW, 0) ||
	    filter_one(__NR_getpid, trap_last ? SECCOMP_RET_ERRNO | 7 : SECCOMP_RET_TRAP, 0) ||
	    filter_one(__NR_getpid, trap_last ? SECCOMP_RET_TRAP : SECCOMP_RET_ERRNO | 7, 0))
		_exit(3);
	syscall(__NR_getpid);
	if (trap_count != 1)
		_exit(4);
	if (filter_one(__NR_getppid, SECCOMP_RET_ERRNO | 9, 0) ||
	    filter_one(__NR_getppid, SECCOMP_RET_LOG, 0))
		_exit(5);
	errno = 0;
	_exit(syscall(__NR_getppid) == -1 && errno == 9 ? 0 : 6);
}

/* Kills getpid only when its (ignored) first argument is 0x1234. */
static void arg_filter(void *arg)
{
	struct sock_filter f[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_getpid, 0, 3),
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, args[0])),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 0x1234, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | 33),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	struct sock_fprog prog = { .len = NR_ELEMS(f), .filter = f };

	(void)arg;
	if (set_nnp() || prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog, 0, 0))
		_exit(2);
	if (syscall(__NR_getpid, 0) <= 0)
		_exit(3);
	errno = 0;
	_exit(syscall(__NR_getpid, 0x1234) == -1 && errno == 33 ? 0 : 4);
}

int main(void)
{
	unsigned int kp = SECCOMP_RET_KILL_PROCESS, kt = SECCOMP_RET_KILL_THREAD;
	unsigned int unknown = 0x10000000U, trace = SECCOMP_RET_TRACE;
	unsigned int notif = SECCOMP_RET_USER_NOTIF;
	int zero = 0, one = 1, st;

	ksft_plan(14);
	st = ksft_run_child(errno_getpid, NULL);
	ksft_ok(KSFT_EXITED(st, 0), "ERRNO: getpid fails with the filter's errno (status %#x)", st);
	st = ksft_run_child(errno_capped, NULL);
	ksft_ok(KSFT_EXITED(st, 0), "ERRNO 0xffff is capped at 4095 (status %#x)", st);
	st = ksft_run_child(errno_zero, NULL);
	ksft_ok(KSFT_EXITED(st, 0), "ERRNO 0: the call returns 0 unrun (status %#x)", st);
	st = ksft_run_child(trap_handler, NULL);
	ksft_ok(KSFT_EXITED(st, 0), "TRAP: SIGSYS with SYS_SECCOMP, errno, syscall, arch, call_addr (status %#x)", st);
	st = ksft_run_child(trap_ignored, NULL);
	ksft_ok(KSFT_SIGNALLED(st, SIGSYS), "TRAP through an ignored SIGSYS kills (status %#x)", st);
	st = ksft_run_child(kill_with, &kp);
	ksft_ok(KSFT_SIGNALLED(st, SIGSYS), "KILL_PROCESS: killed by SIGSYS (status %#x)", st);
	st = ksft_run_child(kill_with, &kt);
	ksft_ok(KSFT_SIGNALLED(st, SIGSYS), "KILL_THREAD of the only thread: SIGSYS (status %#x)", st);
	st = ksft_run_child(kill_with, &unknown);
	ksft_ok(KSFT_SIGNALLED(st, SIGSYS), "an unknown action kills (status %#x)", st);
	st = ksft_run_child(enosys_with, &trace);
	ksft_ok(KSFT_EXITED(st, 0), "TRACE without a tracer: ENOSYS (status %#x)", st);
	st = ksft_run_child(enosys_with, &notif);
	ksft_ok(KSFT_EXITED(st, 0), "USER_NOTIF without a listener: ENOSYS (status %#x)", st);
	st = ksft_run_child(log_allows, NULL);
	ksft_ok(KSFT_EXITED(st, 0), "LOG lets the call run (status %#x)", st);
	st = ksft_run_child(precedence, &zero);
	ksft_ok(KSFT_EXITED(st, 0), "TRAP beats ERRNO beats ALLOW, older TRAP (status %#x)", st);
	st = ksft_run_child(precedence, &one);
	ksft_ok(KSFT_EXITED(st, 0), "TRAP beats ERRNO beats ALLOW, newer TRAP (status %#x)", st);
	st = ksft_run_child(arg_filter, NULL);
	ksft_ok(KSFT_EXITED(st, 0), "a filter on args[0] (status %#x)", st);
	ksft_exit();
}
