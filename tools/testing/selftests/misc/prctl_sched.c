/*
 * prctl_sched: prctl's name, parent-death signal, dumpable, child
 * subreaper and the capability bounding set read, and the sched_* calls of a kernel with normal policies:
 * priorities, getscheduler/setscheduler between SCHED_OTHER and
 * SCHED_BATCH, affinity, and their errors.
 */
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>
#include "../kselftest.h"

static int p2[2];

static void on_usr1(int sig __attribute__((unused)))
{
	(void)!write(p2[1], "d", 1);
	_exit(0);
}

static void test_name(void)
{
	char name[32] = "";
	int ok = prctl(PR_SET_NAME, "prctl-test-name-that-is-long") == 0 &&
		 prctl(PR_GET_NAME, name) == 0;

	ksft_ok(ok && !strcmp(name, "prctl-test-name"), "PR_SET_NAME keeps 15 bytes (%s)", name);
}

/* A grandchild asks for SIGUSR1 when its parent (our child) exits. */
static void test_pdeathsig(void)
{
	int sync[2], got = -1;
	char c = 0;
	pid_t mid;

	if (pipe(sync) || pipe(p2))
		return;
	mid = fork();
	if (mid == 0) {
		if (fork() == 0) {
			signal(SIGUSR1, on_usr1);
			prctl(PR_SET_PDEATHSIG, SIGUSR1);
			prctl(PR_GET_PDEATHSIG, &got);
			(void)!write(sync[1], got == SIGUSR1 ? "y" : "n", 1);
			pause();
			_exit(1);
		}
		(void)!read(sync[0], &c, 1);
		_exit(c == 'y' ? 0 : 1);	/* now its parent dies */
	}
	waitpid(mid, NULL, 0);
	ksft_ok(read(p2[0], &c, 1) == 1 && c == 'd', "the parent's exit sends PR_SET_PDEATHSIG's signal");
	got = -1;
	ksft_ok(prctl(PR_GET_PDEATHSIG, &got) == 0 && got == 0, "ours is 0");
	ksft_ok(prctl(PR_SET_PDEATHSIG, 65) == -1 && errno == EINVAL, "signal 65: EINVAL");
}

static void test_dumpable(const char *self)
{
	int st;
	pid_t pid;

	ksft_ok(prctl(PR_GET_DUMPABLE) == 1, "dumpable at start");
	ksft_ok(prctl(PR_SET_DUMPABLE, 0) == 0 && prctl(PR_GET_DUMPABLE) == 0, "PR_SET_DUMPABLE 0");
	ksft_ok(prctl(PR_SET_DUMPABLE, 2) == -1 && errno == EINVAL, "PR_SET_DUMPABLE 2: EINVAL");
	pid = fork();
	if (pid == 0) {
		execl(self, self, "-dumpable", (char *)NULL);
		_exit(2);
	}
	ksft_ok(waitpid(pid, &st, 0) == pid && KSFT_EXITED(st, 0), "exec makes it dumpable again");
	prctl(PR_SET_DUMPABLE, 1);
}

/* As a subreaper, we get our grandchild when its parent exits. */
static void test_subreaper(void)
{
	int sync[2], is = 0;
	pid_t mid, grand = 0, ppid = 0;

	ksft_ok(prctl(PR_SET_CHILD_SUBREAPER, 1) == 0 && prctl(PR_GET_CHILD_SUBREAPER, &is) == 0 &&
		is == 1, "PR_SET_CHILD_SUBREAPER");
	if (pipe(sync))
		return;
	mid = fork();
	if (mid == 0) {
		pid_t g = fork();

		if (g == 0) {
			usleep(200000);		/* until our parent has exited */
			ppid = getppid();
			(void)!write(sync[1], &ppid, sizeof(ppid));
			_exit(0);
		}
		(void)!write(sync[1], &g, sizeof(g));
		_exit(0);
	}
	waitpid(mid, NULL, 0);
	(void)!read(sync[0], &grand, sizeof(grand));
	(void)!read(sync[0], &ppid, sizeof(ppid));
	ksft_ok(ppid == getpid() && waitpid(grand, NULL, 0) == grand,
		"the orphan's new parent is us, and we reap it");
	prctl(PR_SET_CHILD_SUBREAPER, 0);
}

static void test_sched(void)
{
	struct sched_param sp = { .sched_priority = 0 };
	cpu_set_t set;

	ksft_ok(sched_get_priority_max(SCHED_OTHER) == 0 && sched_get_priority_max(SCHED_FIFO) == 99 &&
		sched_get_priority_min(SCHED_RR) == 1, "priority ranges");
	ksft_ok(sched_get_priority_max(123) == -1 && errno == EINVAL, "an unknown policy: EINVAL");
	ksft_ok(sched_getscheduler(0) == SCHED_OTHER, "SCHED_OTHER to start with");
	ksft_ok(sched_setscheduler(0, SCHED_BATCH, &sp) == 0 && sched_getscheduler(0) == SCHED_BATCH &&
		sched_setscheduler(0, SCHED_OTHER, &sp) == 0, "SCHED_BATCH and back");
	sp.sched_priority = 5;
	ksft_ok(sched_setscheduler(0, SCHED_OTHER, &sp) == -1 && errno == EINVAL,
		"SCHED_OTHER with priority 5: EINVAL");
	ksft_ok(sched_getscheduler(-1) == -1 && errno == EINVAL, "a negative pid: EINVAL");
	CPU_ZERO(&set);
	ksft_ok(sched_getaffinity(0, sizeof(set), &set) == 0 && CPU_ISSET(0, &set),
		"the affinity mask has CPU 0");
	CPU_ZERO(&set);
	CPU_SET(0, &set);
	ksft_ok(sched_setaffinity(0, sizeof(set), &set) == 0, "setting it to CPU 0 works");
	CPU_ZERO(&set);
	ksft_ok(sched_setaffinity(0, sizeof(set), &set) == -1 && errno == EINVAL,
		"an empty mask: EINVAL");
}

int main(int argc, char **argv)
{
	if (argc > 1 && !strcmp(argv[1], "-dumpable"))
		return prctl(PR_GET_DUMPABLE) == 1 ? 0 : 1;
	ksft_plan(22);
	test_name();
	test_pdeathsig();
	test_dumpable(argv[0]);
	test_subreaper();
	test_sched();
	ksft_ok(prctl(PR_CAPBSET_READ, 0, 0, 0, 0) == 1 && prctl(PR_CAPBSET_READ, 40, 0, 0, 0) == 1,
		"PR_CAPBSET_READ: CAP_CHOWN and CAP_CHECKPOINT_RESTORE are in the bounding set");
	ksft_ok(prctl(PR_CAPBSET_READ, 41, 0, 0, 0) == -1 && errno == EINVAL &&
		prctl(PR_CAPBSET_READ, -1L, 0, 0, 0) == -1 && errno == EINVAL,
		"PR_CAPBSET_READ past CAP_LAST_CAP (40): EINVAL");
	ksft_ok(prctl(9999, 0, 0, 0, 0) == -1 && errno == EINVAL, "an unknown option: EINVAL");
	ksft_exit();
}
