/*
 * The real-time policies' system calls as root and unprivileged:
 * sched_setscheduler/sched_setparam/sched_getparam with SCHED_FIFO and
 * SCHED_RR, their EINVAL/EFAULT/ESRCH/EPERM rules, RLIMIT_RTPRIO,
 * inheritance at fork and SCHED_RESET_ON_FORK, sched_rr_get_interval,
 * and sched_setattr/sched_getattr with their size rules.  Run as root.
 */
#include "../kselftest.h"
#include <errno.h>
#include <sched.h>
#include <stdint.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

struct attr {			/* struct sched_attr, VER1 (56 bytes) */
	uint32_t size, policy;
	uint64_t flags;
	int32_t nice;
	uint32_t priority;
	uint64_t runtime, deadline, period;
	uint32_t util_min, util_max;
};

static int setsched(pid_t pid, int policy, int prio)
{
	struct sched_param sp = { .sched_priority = prio };

	return sched_setscheduler(pid, policy, &sp);
}

static int getprio(pid_t pid)
{
	struct sched_param sp = { .sched_priority = -1 };

	return sched_getparam(pid, &sp) ? -1 : sp.sched_priority;
}

/* Runs @fn in a child; true if it exited 0. */
static int in_child(int (*fn)(void))
{
	int st;
	pid_t pid = fork();

	if (pid == 0)
		_exit(fn());
	return pid > 0 && waitpid(pid, &st, 0) == pid && WIFEXITED(st) && WEXITSTATUS(st) == 0;
}

static int child_inherits(void)
{
	return sched_getscheduler(0) == SCHED_FIFO && getprio(0) == 20 ? 0 : 1;
}

static int child_reset(void)
{
	return sched_getscheduler(0) == SCHED_OTHER && getprio(0) == 0 ? 0 : 1;
}

/* Unprivileged with RLIMIT_RTPRIO 0: no RT.  With 10: up to 10, then no higher. */
static int child_unprivileged(void)
{
	struct rlimit r = { 0, 0 };

	if (setrlimit(RLIMIT_RTPRIO, &r) || setresuid(65534, 65534, 65534))
		return 2;
	if (setsched(0, SCHED_FIFO, 1) != -1 || errno != EPERM)
		return 3;
	if (setsched(1, SCHED_OTHER, 0) != -1 || errno != EPERM)
		return 4;		/* another user's task */
	return 0;
}

static int child_rtprio_limit(void)
{
	struct rlimit r = { 10, 10 };

	if (setrlimit(RLIMIT_RTPRIO, &r) || setresuid(65534, 65534, 65534))
		return 2;
	if (setsched(0, SCHED_RR, 10) || sched_getscheduler(0) != SCHED_RR)
		return 3;
	if (setsched(0, SCHED_RR, 11) != -1 || errno != EPERM)
		return 4;
	if (setsched(0, SCHED_FIFO, 5))
		return 5;
	if (setsched(0, SCHED_OTHER, 0))
		return 6;
	return 0;
}

static int child_reset_sticky(void)
{
	if (setsched(0, SCHED_OTHER | SCHED_RESET_ON_FORK, 0) || setresuid(65534, 65534, 65534))
		return 2;
	if (sched_getscheduler(0) != (SCHED_OTHER | SCHED_RESET_ON_FORK))
		return 3;
	if (setsched(0, SCHED_OTHER, 0) != -1 || errno != EPERM)
		return 4;	/* an unprivileged task cannot clear it */
	return 0;
}

static void test_set_get(void)
{
	struct sched_param sp = { .sched_priority = 10 };

	ksft_ok(setsched(0, SCHED_FIFO, 10) == 0 && sched_getscheduler(0) == SCHED_FIFO &&
		getprio(0) == 10, "root: SCHED_FIFO 10 set and read back");
	sp.sched_priority = 20;
	ksft_ok(sched_setparam(0, &sp) == 0 && sched_getscheduler(0) == SCHED_FIFO &&
		getprio(0) == 20, "sched_setparam changes the priority, keeps the policy");
	errno = 0;
	ksft_ok(setsched(0, SCHED_FIFO, 0) == -1 && errno == EINVAL &&
		setsched(0, SCHED_RR, 100) == -1 && errno == EINVAL &&
		setsched(0, SCHED_BATCH, 1) == -1 && errno == EINVAL &&
		setsched(0, 4, 0) == -1 && errno == EINVAL &&
		setsched(0, 77, 1) == -1 && errno == EINVAL,
		"priority 0 or 100 for RT, 1 for BATCH, policy 4 or 77: EINVAL");
	sp.sched_priority = 0;
	ksft_ok(sched_setparam(0, &sp) == -1 && errno == EINVAL && getprio(0) == 20,
		"sched_setparam 0 under SCHED_FIFO: EINVAL, nothing changed");
	ksft_ok(sched_setscheduler(0, SCHED_FIFO, NULL) == -1 && errno == EINVAL &&
		sched_setscheduler(0, SCHED_FIFO, (void *)8) == -1 && errno == EFAULT &&
		sched_getparam(0, NULL) == -1 && errno == EINVAL &&
		sched_getparam(0, (void *)8) == -1 && errno == EFAULT,
		"NULL param EINVAL, bad param pointer EFAULT");
	ksft_ok(setsched(-1, SCHED_FIFO, 1) == -1 && errno == EINVAL &&
		setsched(999999, SCHED_FIFO, 1) == -1 && errno == ESRCH &&
		sched_setscheduler(0, -1, &sp) == -1 && errno == EINVAL,
		"negative pid or policy EINVAL, no such pid ESRCH");
	ksft_ok(in_child(child_inherits), "a child inherits SCHED_FIFO 20");
	ksft_ok(setsched(0, SCHED_FIFO | SCHED_RESET_ON_FORK, 5) == 0 &&
		sched_getscheduler(0) == (SCHED_FIFO | SCHED_RESET_ON_FORK) && getprio(0) == 5,
		"SCHED_RESET_ON_FORK is reported by sched_getscheduler");
	ksft_ok(in_child(child_reset), "SCHED_RESET_ON_FORK: the child runs SCHED_OTHER, priority 0");
	ksft_ok(setsched(0, SCHED_OTHER, 0) == 0 && sched_getscheduler(0) == SCHED_OTHER &&
		getprio(0) == 0, "root clears SCHED_RESET_ON_FORK, back to SCHED_OTHER");
}

static void test_permissions(void)
{
	ksft_ok(in_child(child_unprivileged),
		"unprivileged, RLIMIT_RTPRIO 0: SCHED_FIFO EPERM, another user's task EPERM");
	ksft_ok(in_child(child_rtprio_limit),
		"unprivileged, RLIMIT_RTPRIO 10: RR 10 and FIFO 5 allowed, 11 EPERM");
	ksft_ok(in_child(child_reset_sticky),
		"unprivileged: SCHED_RESET_ON_FORK cannot be cleared (EPERM)");
}

static void test_rr_interval(void)
{
	struct timespec ts = { -1, -1 };

	ksft_ok(setsched(0, SCHED_RR, 1) == 0 && sched_rr_get_interval(0, &ts) == 0 &&
		ts.tv_sec == 0 && ts.tv_nsec == 100000000, "SCHED_RR's slice is 100 ms");
	ksft_ok(setsched(0, SCHED_FIFO, 1) == 0 && sched_rr_get_interval(0, &ts) == 0 &&
		ts.tv_sec == 0 && ts.tv_nsec == 0, "SCHED_FIFO has no slice: 0");
	setsched(0, SCHED_OTHER, 0);
}

static void test_attr(void)
{
	struct attr a;
	unsigned char big[64];

	memset(&a, 0, sizeof(a));
	a.size = 48;
	a.policy = SCHED_RR;
	a.priority = 3;
	ksft_ok(syscall(SYS_sched_setattr, 0, &a, 0) == 0 && sched_getscheduler(0) == SCHED_RR &&
		getprio(0) == 3, "sched_setattr: SCHED_RR 3");
	memset(&a, 0xff, sizeof(a));
	ksft_ok(syscall(SYS_sched_getattr, 0, &a, 48, 0) == 0 && a.size == 48 &&
		a.policy == SCHED_RR && a.priority == 3 && a.flags == 0 &&
		a.util_min == 0xffffffffu, "sched_getattr with 48 bytes: 48 written, RR 3");
	errno = 0;
	ksft_ok(syscall(SYS_sched_getattr, 0, &a, 40, 0) == -1 && errno == EINVAL &&
		syscall(SYS_sched_getattr, 0, &a, 48, 1) == -1 && errno == EINVAL &&
		syscall(SYS_sched_getattr, 0, (void *)8, 48, 0) == -1 && errno == EFAULT,
		"sched_getattr: a short size or flags EINVAL, a bad pointer EFAULT");
	memset(&a, 0, sizeof(a));
	a.size = 40;
	ksft_ok(syscall(SYS_sched_setattr, 0, &a, 0) == -1 && errno == E2BIG && a.size >= 48,
		"sched_setattr with size 40: E2BIG, the kernel's size written back");
	memset(big, 0, sizeof(big));
	((struct attr *)big)->size = sizeof(big);
	big[60] = 1;
	ksft_ok(syscall(SYS_sched_setattr, 0, big, 0) == -1 && errno == E2BIG,
		"sched_setattr with a larger struct whose tail is not zero: E2BIG");
	big[60] = 0;
	ksft_ok(syscall(SYS_sched_setattr, 0, big, 0) == 0 && sched_getscheduler(0) == SCHED_OTHER,
		"a larger struct with a zero tail: accepted (SCHED_OTHER)");
	memset(&a, 0, sizeof(a));
	a.size = 48;
	a.flags = 0x80;
	ksft_ok(syscall(SYS_sched_setattr, 0, &a, 0) == -1 && errno == EINVAL &&
		syscall(SYS_sched_setattr, 0, &a, 1) == -1 && errno == EINVAL &&
		syscall(SYS_sched_setattr, 0, NULL, 0) == -1 && errno == EINVAL,
		"sched_setattr: unknown sched_flags, flags or NULL: EINVAL");
	memset(&a, 0, sizeof(a));
	a.size = 48;
	a.policy = SCHED_FIFO;
	a.priority = 7;
	a.flags = 1;		/* SCHED_FLAG_RESET_ON_FORK */
	ksft_ok(syscall(SYS_sched_setattr, 0, &a, 0) == 0 &&
		sched_getscheduler(0) == (SCHED_FIFO | SCHED_RESET_ON_FORK) &&
		syscall(SYS_sched_getattr, 0, &a, sizeof(a), 0) == 0 && a.flags == 1 &&
		a.priority == 7, "SCHED_FLAG_RESET_ON_FORK through sched_setattr and back");
	memset(&a, 0, sizeof(a));
	a.size = 48;
	a.policy = SCHED_OTHER;
	a.nice = 5;
	ksft_ok(syscall(SYS_sched_setattr, 0, &a, 0) == 0 && getpriority(PRIO_PROCESS, 0) == 5 &&
		sched_getscheduler(0) == SCHED_OTHER, "sched_setattr sets nice for SCHED_OTHER");
	a.nice = 0;
	syscall(SYS_sched_setattr, 0, &a, 0);
}

int main(void)
{
	ksft_plan(24);
	test_set_get();
	test_permissions();
	test_rr_interval();
	test_attr();
	ksft_exit();
}
