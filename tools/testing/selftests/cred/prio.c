/*
 * prio: getpriority/setpriority on one process, a process group and a
 * user: the raw call returns 20 - nice, values are clamped to -20..19,
 * children inherit the value, /proc/<pid>/stat shows it; errors EINVAL,
 * ESRCH, and for an unprivileged caller EACCES (lowering) and EPERM
 * (another user's process).
 */
#include "../kselftest.h"
#include <grp.h>
#include <sys/resource.h>
#include <sys/syscall.h>

#define CHECK(c) do { if (!(c)) { ksft_diag("line %d: errno %d", __LINE__, errno); \
				_exit(1); } } while (0)

static int run(void (*fn)(void), const char *what)
{
	int st = ksft_run_child((void (*)(void *))fn, NULL);

	return ksft_ok(KSFT_EXITED(st, 0), "%s (status %#x)", what, st);
}

/* Fields 18 and 19 of /proc/self/stat: priority and nice. */
static int stat_nice(int *prio)
{
	char buf[1024], *p;
	int nice = 99;

	if (ksft_read_file("/proc/self/stat", buf, sizeof(buf)) < 0 || !(p = strrchr(buf, ')')))
		return 99;
	/* after ')': field 3 onwards; skip to field 18 */
	p += 2;
	for (int f = 3; f < 18 && p; f++)
		p = strchr(p, ' ') ? strchr(p, ' ') + 1 : NULL;
	if (!p || sscanf(p, "%d %d", prio, &nice) != 2)
		return 99;
	return nice;
}

static void process(void)
{
	int prio = 0, st;
	pid_t pid;

	CHECK(getpriority(PRIO_PROCESS, 0) == 0 && syscall(SYS_getpriority, PRIO_PROCESS, 0) == 20);
	CHECK(setpriority(PRIO_PROCESS, 0, 5) == 0);
	CHECK(getpriority(PRIO_PROCESS, getpid()) == 5);
	CHECK(syscall(SYS_getpriority, PRIO_PROCESS, 0) == 15);
	CHECK(stat_nice(&prio) == 5 && prio == 25);
	CHECK(setpriority(PRIO_PROCESS, 0, 100) == 0 && getpriority(PRIO_PROCESS, 0) == 19);
	CHECK(setpriority(PRIO_PROCESS, 0, -100) == 0 && getpriority(PRIO_PROCESS, 0) == -20);
	CHECK(setpriority(PRIO_PROCESS, 0, 3) == 0);
	pid = fork();
	if (pid == 0)
		_exit(getpriority(PRIO_PROCESS, 0) == 3 ? 0 : 1);
	CHECK(pid > 0 && waitpid(pid, &st, 0) == pid && WIFEXITED(st) && !WEXITSTATUS(st));
	CHECK(syscall(SYS_setpriority, 3, 0, 0) == -1 && errno == EINVAL);
	CHECK(syscall(SYS_getpriority, -1, 0) == -1 && errno == EINVAL);
	CHECK(setpriority(PRIO_PROCESS, 0x3ffffff0, 0) == -1 && errno == ESRCH);
	CHECK(syscall(SYS_getpriority, PRIO_PROCESS, 0x3ffffff0) == -1 && errno == ESRCH);
}

static void group_and_user(void)
{
	int st;
	pid_t pid;

	CHECK(setpgid(0, 0) == 0);
	pid = fork();
	if (pid == 0) {
		pause();
		_exit(0);
	}
	CHECK(pid > 0);
	CHECK(setpriority(PRIO_PGRP, 0, 7) == 0);
	CHECK(getpriority(PRIO_PROCESS, pid) == 7 && getpriority(PRIO_PROCESS, 0) == 7);
	CHECK(setpriority(PRIO_PROCESS, pid, 9) == 0);
	CHECK(getpriority(PRIO_PGRP, getpgrp()) == 7);	/* the lowest nice of the group */
	kill(pid, SIGKILL);
	CHECK(waitpid(pid, &st, 0) == pid);
	CHECK(setgroups(0, NULL) == 0 && setgid(4321) == 0 && setuid(4321) == 0);
	CHECK(setpriority(PRIO_USER, 0, 11) == 0 && getpriority(PRIO_USER, 4321) == 11);
	CHECK(getpriority(PRIO_PROCESS, 0) == 11);
	CHECK(setpriority(PRIO_USER, 4322, 11) == -1 && errno == ESRCH);
}

static void unprivileged(void)
{
	CHECK(setgroups(0, NULL) == 0 && setgid(65534) == 0 && setuid(65534) == 0);
	CHECK(setpriority(PRIO_PROCESS, 0, 2) == 0);
	CHECK(setpriority(PRIO_PROCESS, 0, 1) == -1 && errno == EACCES);
	CHECK(setpriority(PRIO_PROCESS, 0, 2) == 0);	/* unchanged is fine */
	CHECK(getpriority(PRIO_PROCESS, 0) == 2);
	CHECK(setpriority(PRIO_PROCESS, getppid(), 19) == -1 && errno == EPERM);
	errno = 0;
	CHECK(getpriority(PRIO_PROCESS, getppid()) == 0 && errno == 0);	/* reading is free */
}

int main(void)
{
	if (geteuid() != 0) {
		ksft_plan(1);
		ksft_skip("not root", "priority tests need root");
		ksft_exit();
	}
	ksft_plan(3);
	run(process, "PRIO_PROCESS: 20 - nice raw, clamped, inherited, in /proc stat; EINVAL, ESRCH");
	run(group_and_user, "PRIO_PGRP and PRIO_USER: every member, the best one read back");
	run(unprivileged, "nobody: raise only (EACCES), another user's process EPERM");
	ksft_exit();
}
