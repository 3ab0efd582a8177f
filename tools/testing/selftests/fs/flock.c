/*
 * flock(2): shared and exclusive locks per open file description,
 * conversion (which drops the old lock first, as Linux), inheritance by
 * dup and fork, release at the last close, blocking until release,
 * EINTR, LOCK_NB (EWOULDBLOCK), the errors, and /proc/locks.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "../kselftest.h"

static char path[] = "/tmp/linnet-flock-XXXXXX";

static int fails(long r, int err)
{
	return r == -1 && errno == err;
}

static int reopen(void)
{
	return open(path, O_RDWR);
}

static void msleep(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

static void on_alarm(int sig)
{
	(void)sig;
}

/* Child: blocks on LOCK_EX until the parent lets go; exit 0 if it got it. */
static void child_blocks(void *arg)
{
	int fd = reopen(), *pipefd = arg;

	close(pipefd[0]);
	if (write(pipefd[1], "r", 1) != 1)
		_exit(2);
	_exit(flock(fd, LOCK_EX) == 0 ? 0 : 1);
}

static void child_eintr(void *arg)
{
	struct itimerval it = { { 0, 0 }, { 0, 100000 } };	/* 100 ms */
	struct sigaction sa;
	int fd = reopen();

	(void)arg;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_alarm;	/* no SA_RESTART */
	sigaction(SIGALRM, &sa, NULL);
	setitimer(ITIMER_REAL, &it, NULL);
	_exit(fails(flock(fd, LOCK_EX), EINTR) ? 0 : 1);
}

static void child_same_file(void *arg)
{
	int fd = *(int *)arg, other = reopen();

	/* The inherited open file is the lock's owner; a new open is not. */
	_exit(flock(fd, LOCK_EX | LOCK_NB) == 0 && fails(flock(other, LOCK_SH | LOCK_NB), EWOULDBLOCK)
	      ? 0 : 1);
}

static int proc_locks_has(const char *what, ino_t ino)
{
	char buf[8192], needle[64];
	int n = ksft_read_file("/proc/locks", buf, sizeof(buf));

	snprintf(needle, sizeof(needle), ":%lu 0 EOF", (unsigned long)ino);
	for (char *line = strtok(n > 0 ? buf : NULL, "\n"); line; line = strtok(NULL, "\n"))
		if (strstr(line, what) && strstr(line, needle))
			return 1;
	return 0;
}

int main(void)
{
	int a, b, d, st, p[2];
	struct stat sb;
	pid_t pid;

	ksft_plan(17);
	a = mkstemp(path);
	b = reopen();
	if (a < 0 || b < 0 || fstat(a, &sb))
		return 1;
	ksft_ok(flock(a, LOCK_EX | LOCK_NB) == 0 && fails(flock(b, LOCK_EX | LOCK_NB), EWOULDBLOCK) &&
		fails(flock(b, LOCK_SH | LOCK_NB), EAGAIN),
		"LOCK_EX excludes another open file description");
	ksft_ok(flock(a, LOCK_EX | LOCK_NB) == 0, "locking again with the same type succeeds");
	ksft_ok(proc_locks_has("FLOCK  ADVISORY  WRITE", sb.st_ino),
		"/proc/locks lists it: FLOCK  ADVISORY  WRITE pid maj:min:ino 0 EOF");
	d = dup(a);
	ksft_ok(flock(d, LOCK_UN) == 0 && flock(b, LOCK_SH | LOCK_NB) == 0,
		"a dup shares the lock: unlocking through it releases it");
	ksft_ok(flock(a, LOCK_SH | LOCK_NB) == 0 && fails(flock(d, LOCK_EX | LOCK_NB), EWOULDBLOCK),
		"shared locks coexist; converting to exclusive while shared elsewhere fails");
	ksft_ok(flock(b, LOCK_EX | LOCK_NB) == 0,
		"the failed conversion dropped the old lock (Linux): the other can now go exclusive");
	ksft_ok(flock(b, LOCK_SH) == 0 && flock(a, LOCK_SH | LOCK_NB) == 0 && !proc_locks_has("WRITE", sb.st_ino),
		"exclusive converts down to shared");
	close(b);
	ksft_ok(flock(a, LOCK_EX | LOCK_NB) == 0, "closing the other file's only descriptor released its lock");
	close(d);
	st = ksft_run_child(child_same_file, &a);
	ksft_ok(KSFT_EXITED(st, 0), "a forked child shares the open file's lock, not a new open's");
	if (pipe(p) == 0) {
		char c;

		pid = fork();
		if (pid == 0)
			child_blocks(p);
		close(p[1]);
		c = read(p[0], &c, 1) == 1;
		msleep(200);
		ksft_ok(c && waitpid(pid, &st, WNOHANG) == 0, "a blocking LOCK_EX waits while held");
		flock(a, LOCK_UN);
		ksft_ok(waitpid(pid, &st, 0) == pid && KSFT_EXITED(st, 0),
			"and gets the lock once released");
		close(p[0]);
	} else {
		ksft_ok(0, "a blocking LOCK_EX waits while held");
		ksft_ok(0, "and gets the lock once released");
	}
	b = reopen();
	ksft_ok(flock(b, LOCK_EX | LOCK_NB) == 0, "the child's lock went with its exit (last close)");
	close(b);
	ksft_ok(flock(a, LOCK_EX) == 0 && KSFT_EXITED(ksft_run_child(child_eintr, NULL), 0),
		"a signal interrupts a blocked flock: EINTR");
	ksft_ok(fails(flock(a, 0), EINVAL) && fails(flock(a, LOCK_SH | LOCK_EX), EINVAL) &&
		fails(flock(a, LOCK_NB), EINVAL) && fails(flock(a, 16), EINVAL),
		"bad commands: EINVAL");
	ksft_ok(fails(flock(-1, LOCK_SH), EBADF) && fails(flock(999, LOCK_UN), EBADF) &&
		fails(flock(-1, 0), EINVAL), "bad descriptor: EBADF (after the command check)");
	ksft_ok(flock(a, LOCK_MAND | LOCK_READ) == 0, "LOCK_MAND is accepted and ignored (5.17+)");
	if (pipe(p) == 0) {
		ksft_ok(flock(p[0], LOCK_EX | LOCK_NB) == 0 &&
			fails(flock(p[1], LOCK_EX | LOCK_NB), EWOULDBLOCK) && flock(p[0], LOCK_UN) == 0 &&
			flock(p[1], LOCK_SH | LOCK_NB) == 0,
			"flock works on a pipe: both ends are files of one inode");
		close(p[0]);
		close(p[1]);
	} else {
		ksft_ok(0, "flock works on a pipe");
	}
	close(a);
	unlink(path);
	ksft_exit();
}
