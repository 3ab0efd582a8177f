/*
 * orphan: orphaned process groups.  When the last process that could
 * continue a stopped group (a parent in another group of the same
 * session) exits, the group gets SIGHUP and SIGCONT; and the terminal's
 * stop signals do nothing to an orphaned group.
 */
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "../kselftest.h"

static void on_alarm(int sig)
{
	(void)sig;
}

/*
 * Forks a "shell" that forks a "job" in its own process group, lets
 * @job run in it, and exits when the job has stopped (or at once if
 * @wait_stop is 0).  Returns the read end of a pipe the job writes to.
 */
static int shell_with_job(void (*job)(int fd), int wait_stop)
{
	int p[2];
	pid_t sh;

	if (pipe(p))
		return -1;
	sh = fork();
	if (sh == 0) {
		pid_t j;
		int st;

		setsid();	/* a session of our own, as a login shell has */
		j = fork();
		if (j == 0) {
			close(p[0]);
			setpgid(0, 0);
			job(p[1]);
			_exit(0);
		}
		setpgid(j, j);
		if (wait_stop)
			waitpid(j, &st, WUNTRACED);
		_exit(0);
	}
	close(p[1]);
	waitpid(sh, NULL, 0);
	return p[0];
}

static void stop_self(int fd)
{
	(void)fd;
	raise(SIGSTOP);
	/* SIGHUP's default action ends us here; getting this far is a failure */
	write(fd, "continued-without-hup", 21);
}

static void tstp_self(int fd)
{
	usleep(200 * 1000);		/* let the "shell" exit: we are orphaned */
	raise(SIGTSTP);
	write(fd, "alive", 5);
}

static ssize_t read_all(int fd, char *buf, size_t len)
{
	ssize_t n, got = 0;

	while ((n = read(fd, buf + got, len - 1 - got)) > 0)
		got += n;
	buf[got] = '\0';
	return n < 0 ? -1 : got;
}

int main(void)
{
	struct sigaction sa;
	char buf[64];
	int fd;

	ksft_plan(2);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_alarm;
	sigaction(SIGALRM, &sa, NULL);	/* no SA_RESTART: a hang ends the read */

	alarm(5);
	fd = shell_with_job(stop_self, 1);
	ksft_ok(fd >= 0 && read_all(fd, buf, sizeof(buf)) == 0,
		"a stopped job whose shell exits gets SIGHUP (and SIGCONT) and ends");
	if (fd >= 0)
		close(fd);

	alarm(5);
	fd = shell_with_job(tstp_self, 0);
	ksft_ok(fd >= 0 && read_all(fd, buf, sizeof(buf)) == 5 && !strcmp(buf, "alive"),
		"SIGTSTP does not stop a process of an orphaned group");
	alarm(0);
	ksft_exit();
}
