/*
 * execve in a process with several threads (Linux's de_thread): the
 * other threads die, and the new program runs as the process, with its
 * pid, as its only thread -- whether a non-leader thread or the leader
 * called execve.  The parent sees one exit, of the new program.
 */
#include "../kselftest.h"
#include <pthread.h>
#include <signal.h>
#include <sys/syscall.h>

#define AFTER_ARG	"--exec-thread-after"

static char self[256];
static char pidarg[32];

static void *sleeper(void *arg)
{
	(void)arg;
	for (;;)
		pause();
	return NULL;
}

static void *exec_thread(void *arg)
{
	char *argv[] = { self, AFTER_ARG, pidarg, NULL };

	(void)arg;
	execv(self, argv);
	_exit(90);
}

/* The new program: the process's pid, one thread, tid == pid. */
static int after_exec(const char *want)
{
	char buf[2048], *p;
	int threads = 0;

	if (ksft_read_file("/proc/self/status", buf, sizeof(buf)) > 0 &&
	    (p = strstr(buf, "Threads:")))
		threads = atoi(p + 8);
	if (getpid() != atoi(want))
		return 11;
	if (syscall(SYS_gettid) != getpid())
		return 12;
	return threads == 1 ? 42 : 13;
}

/* @from_leader: the leader execs, else a second thread does. */
static int run(int from_leader)
{
	pid_t pid = fork();
	int st;

	if (pid == 0) {
		pthread_t t1, t2;

		snprintf(pidarg, sizeof(pidarg), "%d", getpid());
		pthread_create(&t1, NULL, sleeper, NULL);
		if (from_leader) {
			char *argv[] = { self, AFTER_ARG, pidarg, NULL };

			usleep(20000);
			execv(self, argv);
			_exit(91);
		}
		pthread_create(&t2, NULL, exec_thread, NULL);
		for (;;)
			pause();
	}
	if (pid < 0 || waitpid(pid, &st, 0) != pid)
		return -1;
	if (waitpid(-1, NULL, WNOHANG) != -1 || errno != ECHILD)
		return -2;
	return st;
}

int main(int argc, char **argv)
{
	int st;

	if (argc == 3 && !strcmp(argv[1], AFTER_ARG))
		return after_exec(argv[2]);
	if (readlink("/proc/self/exe", self, sizeof(self) - 1) <= 0)
		return 1;
	ksft_plan(2);
	st = run(0);
	ksft_ok(st >= 0 && KSFT_EXITED(st, 42),
		"exec from a non-leader thread: same pid, one thread, one exit (%#x)", st);
	st = run(1);
	ksft_ok(st >= 0 && KSFT_EXITED(st, 42),
		"exec from the leader kills the other threads (%#x)", st);
	ksft_exit();
}
