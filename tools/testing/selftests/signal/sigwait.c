/*
 * Waiting for signals and queueing them, raw: rt_sigtimedwait (177) and
 * its time64 twin (421) with siginfo, timeouts, EAGAIN and EINTR;
 * rt_sigqueueinfo (178) and rt_tgsigqueueinfo (335) with their si_code
 * rules; the old sigsuspend (72) and sgetmask/ssetmask (68/69).
 */
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/wait.h>
#include "../kselftest.h"

struct ts32 { int32_t sec, nsec; };
struct ts64 { int64_t sec, nsec; };

static volatile int handled;

static void on_sig(int sig)
{
	handled = sig;
}

static uint64_t bit(int sig)
{
	return 1ULL << (sig - 1);
}

static long tw32(uint64_t set, siginfo_t *si, const struct ts32 *ts)
{
	return syscall(177, &set, si, ts, 8);
}

static long tw64(uint64_t set, siginfo_t *si, const struct ts64 *ts)
{
	return syscall(421, &set, si, ts, 8);
}

static long sq(pid_t pid, int sig, int code, int value)
{
	siginfo_t si;

	memset(&si, 0, sizeof(si));
	si.si_signo = sig;
	si.si_code = code;
	si.si_pid = getpid();
	si.si_uid = getuid();
	si.si_value.sival_int = value;
	return syscall(SYS_rt_sigqueueinfo, pid, sig, &si);
}

static long tgsq(pid_t tgid, pid_t tid, int sig, int code, int value)
{
	siginfo_t si;

	memset(&si, 0, sizeof(si));
	si.si_signo = sig;
	si.si_code = code;
	si.si_value.sival_int = value;
	return syscall(SYS_rt_tgsigqueueinfo, tgid, tid, sig, &si);
}

static double now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec + t.tv_nsec / 1e9;
}

/* A child that sends @sig to the parent after @ms milliseconds. */
static pid_t send_later(int sig, int ms)
{
	pid_t parent = getpid(), c = fork();

	if (c == 0) {
		usleep(ms * 1000);
		kill(parent, sig);
		_exit(0);
	}
	return c;
}

static void test_timedwait(void)
{
	struct ts32 zero = { 0, 0 }, short_ts = { 0, 60000000 }, bad = { 0, 1000000000 };
	struct ts64 zero64 = { 0, 0 }, bad64 = { -1, 0 };
	siginfo_t si;
	double t0;
	pid_t c;

	errno = 0;
	ksft_ok(tw32(bit(SIGUSR1), &si, &zero) == -1 && errno == EAGAIN,
		"nothing pending, zero timeout: EAGAIN");
	t0 = now();
	errno = 0;
	ksft_ok(tw32(bit(SIGUSR1), &si, &short_ts) == -1 && errno == EAGAIN && now() - t0 >= 0.055,
		"a 60 ms timeout runs out: EAGAIN after 60 ms or more");

	raise(SIGUSR1);
	memset(&si, 0, sizeof(si));
	ksft_ok(tw32(bit(SIGUSR1), &si, &zero) == SIGUSR1 && si.si_signo == SIGUSR1 &&
		si.si_code == SI_TKILL && si.si_pid == getpid() && si.si_uid == getuid(),
		"a pending raise() is taken with its siginfo (SI_TKILL, pid, uid)");
	ksft_ok(tw64(bit(SIGUSR1), &si, &zero64) == -1 && errno == EAGAIN,
		"taken once: the time64 call finds nothing left");

	ksft_ok(sq(getpid(), SIGUSR2, SI_QUEUE, 4242) == 0, "rt_sigqueueinfo to oneself");
	memset(&si, 0, sizeof(si));
	ksft_ok(tw64(bit(SIGUSR1) | bit(SIGUSR2), &si, NULL) == SIGUSR2 &&
		si.si_code == SI_QUEUE && si.si_value.sival_int == 4242 && si.si_pid == getpid(),
		"sigwaitinfo gets SI_QUEUE with its si_value");

	c = send_later(SIGUSR1, 50);
	memset(&si, 0, sizeof(si));
	ksft_ok(tw32(bit(SIGUSR1), &si, NULL) == SIGUSR1 && si.si_code == SI_USER && si.si_pid == c,
		"a blocked signal sent later wakes the wait (si_pid: the sender)");
	waitpid(c, NULL, 0);

	signal(SIGALRM, on_sig);
	handled = 0;
	c = send_later(SIGALRM, 50);
	errno = 0;
	ksft_ok(tw32(bit(SIGUSR1), &si, NULL) == -1 && errno == EINTR && handled == SIGALRM,
		"another, handled signal ends the wait with EINTR");
	waitpid(c, NULL, 0);

	errno = 0;
	ksft_ok(syscall(177, &(uint64_t){ bit(SIGUSR1) }, &si, &zero, 4) == -1 && errno == EINVAL,
		"a sigset size other than 8: EINVAL");
	errno = 0;
	ksft_ok(syscall(177, (void *)1, &si, &zero, 8) == -1 && errno == EFAULT &&
		tw32(bit(SIGUSR1), &si, (void *)1) == -1 && errno == EFAULT,
		"bad set or timespec pointers: EFAULT");
	errno = 0;
	ksft_ok(tw32(bit(SIGUSR1), &si, &bad) == -1 && errno == EINVAL &&
		tw64(bit(SIGUSR1), &si, &bad64) == -1 && errno == EINVAL,
		"tv_nsec of 1e9 or a negative tv_sec: EINVAL");
	raise(SIGUSR1);
	errno = 0;
	ksft_ok(tw32(bit(SIGUSR1), (void *)1, &zero) == -1 && errno == EFAULT &&
		tw32(bit(SIGUSR1), NULL, &zero) == -1 && errno == EAGAIN,
		"a bad siginfo pointer: EFAULT, and the signal is gone");
	raise(SIGUSR1);
	ksft_ok(tw32(bit(SIGUSR1) | bit(SIGKILL), NULL, &zero) == SIGUSR1,
		"a NULL siginfo is fine");
}

/* Blocked signals whose action is to ignore them are kept for sigwait. */
static void test_blocked_ignored(void)
{
	uint64_t chld = bit(SIGCHLD), pend = 0;
	siginfo_t si;
	pid_t c;

	syscall(SYS_rt_sigprocmask, SIG_BLOCK, &chld, NULL, 8);
	c = fork();
	if (c == 0) {
		usleep(30000);
		_exit(7);
	}
	memset(&si, 0, sizeof(si));
	ksft_ok(tw32(chld, &si, NULL) == SIGCHLD && si.si_code == CLD_EXITED && si.si_pid == c &&
		si.si_status == 7,
		"a blocked SIGCHLD (default: ignore) is waited for: CLD_EXITED, pid, status");
	waitpid(c, NULL, 0);
	signal(SIGUSR2, SIG_IGN);
	raise(SIGUSR2);
	syscall(SYS_rt_sigpending, &pend, 8);
	ksft_ok((pend & bit(SIGUSR2)) && tw32(bit(SIGUSR2), &si, NULL) == SIGUSR2,
		"a blocked signal set to SIG_IGN stays pending and can be taken");
	signal(SIGUSR2, SIG_DFL);
	syscall(SYS_rt_sigprocmask, SIG_UNBLOCK, &chld, NULL, 8);
}

static void test_queueinfo(void)
{
	siginfo_t si;
	pid_t c = fork();

	if (c == 0) {
		pause();
		_exit(0);
	}
	errno = 0;
	ksft_ok(sq(c, SIGUSR1, SI_USER, 1) == -1 && errno == EPERM &&
		sq(c, SIGUSR1, SI_TKILL, 1) == -1 && errno == EPERM &&
		sq(c, SIGUSR1, SI_KERNEL, 1) == -1 && errno == EPERM,
		"SI_USER, SI_TKILL or SI_KERNEL to another process: EPERM");
	ksft_ok(sq(c, 0, SI_QUEUE, 1) == 0, "signal 0 to another process with SI_QUEUE checks only");
	errno = 0;
	ksft_ok(sq(c, 65, SI_QUEUE, 1) == -1 && errno == EINVAL, "signal 65: EINVAL");
	ksft_ok(sq(c, SIGTERM, SI_QUEUE, 1) == 0, "SI_QUEUE to another process");
	waitpid(c, NULL, 0);
	errno = 0;
	ksft_ok(sq(c, SIGUSR1, SI_QUEUE, 1) == -1 && errno == ESRCH, "a reaped pid: ESRCH");
	errno = 0;
	ksft_ok(syscall(SYS_rt_sigqueueinfo, getpid(), SIGUSR1, (void *)1) == -1 && errno == EFAULT,
		"a bad siginfo pointer: EFAULT");
	ksft_ok(sq(getpid(), SIGUSR1, SI_USER, 7) == 0 && tw32(bit(SIGUSR1), &si, NULL) == SIGUSR1 &&
		si.si_code == SI_USER,
		"SI_USER to oneself is allowed");

	ksft_ok(tgsq(getpid(), getpid(), SIGUSR2, SI_QUEUE, 99) == 0 &&
		tw32(bit(SIGUSR2), &si, NULL) == SIGUSR2 && si.si_value.sival_int == 99 &&
		si.si_code == SI_QUEUE,
		"rt_tgsigqueueinfo to oneself delivers si_value");
	errno = 0;
	ksft_ok(tgsq(getpid(), 0, SIGUSR2, SI_QUEUE, 1) == -1 && errno == EINVAL &&
		tgsq(0, getpid(), SIGUSR2, SI_QUEUE, 1) == -1 && errno == EINVAL,
		"rt_tgsigqueueinfo with tgid or tid <= 0: EINVAL");
	errno = 0;
	ksft_ok(tgsq(getppid(), getpid(), SIGUSR2, SI_QUEUE, 1) == -1 && errno == ESRCH,
		"a tid outside the thread group: ESRCH");
}

static void test_old_calls(void)
{
	uint64_t m = 0, rt = bit(SIGRTMIN + 1);
	pid_t c;
	long r;

	syscall(SYS_rt_sigprocmask, SIG_SETMASK, &rt, NULL, 8);
	r = syscall(SYS_ssetmask, (long)bit(SIGUSR1));
	syscall(SYS_rt_sigprocmask, SIG_BLOCK, NULL, &m, 8);
	ksft_ok(r == 0 && m == bit(SIGUSR1), "ssetmask sets the low word and unblocks the rest");
	ksft_ok(syscall(SYS_sgetmask) == (long)bit(SIGUSR1), "sgetmask reads it");
	r = syscall(SYS_ssetmask, (long)(bit(SIGKILL) | bit(SIGUSR1)));
	ksft_ok(r == (long)bit(SIGUSR1) && syscall(SYS_sgetmask) == (long)bit(SIGUSR1),
		"SIGKILL cannot be blocked through ssetmask");

	signal(SIGUSR1, on_sig);
	handled = 0;
	c = send_later(SIGUSR1, 50);
	errno = 0;
	r = syscall(SYS_sigsuspend, 0, 0, 0);
	m = 0;
	syscall(SYS_rt_sigprocmask, SIG_BLOCK, NULL, &m, 8);
	ksft_ok(r == -1 && errno == EINTR && handled == SIGUSR1 && m == bit(SIGUSR1),
		"sigsuspend(mask in the third argument) waits, runs the handler, restores the mask");
	waitpid(c, NULL, 0);
}

int main(void)
{
	uint64_t block = bit(SIGUSR1) | bit(SIGUSR2);

	ksft_plan(29);
	syscall(SYS_rt_sigprocmask, SIG_BLOCK, &block, NULL, 8);
	test_timedwait();
	test_blocked_ignored();
	test_queueinfo();
	test_old_calls();
	ksft_exit();
}
