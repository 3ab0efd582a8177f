/*
 * clone(2) flags that need no threads: CLONE_PARENT makes the new task a
 * sibling of the caller (its getppid() is the caller's parent, which
 * waits for it; its exit signal is the caller's, whatever the flags
 * say), CLONE_PTRACE in an untraced caller and CLONE_UNTRACED are plain
 * forks, CLONE_VFORK without CLONE_VM waits for the child's exit.
 */
#include <signal.h>
#include <stdint.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include "../kselftest.h"
#include <uapi/linux-ish/sched.h>

/* A raw clone with no new stack: the child returns here like fork's. */
static long raw_clone(unsigned long flags)
{
	return syscall(SYS_clone, flags, 0, 0, 0, 0);
}

/* Pipes the new task reports its getppid() on and the caller its pid. */
static int report[2], pids[2];

/*
 * The middle task: makes a sibling with @flags | CLONE_PARENT, tells its
 * pid on the pipe, and exits 7 without waiting for it.
 */
static void middle(unsigned long flags)
{
	long pid = raw_clone(flags | CLONE_PARENT);

	if (pid == 0) {
		pid_t ppid = getppid();

		if (write(report[1], &ppid, sizeof(ppid)) != sizeof(ppid))
			_exit(98);
		_exit(9);
	}
	if (pid < 0)
		_exit(99);
	if (write(pids[1], &pid, sizeof(pid_t)) != sizeof(pid_t))
		_exit(97);
	_exit(7);
}

static void check_parent(unsigned long flags, const char *what)
{
	pid_t mid, sib = -1, sibppid = -1;
	int st_mid = -1, st_sib = -1;

	if (pipe(report) < 0 || pipe(pids) < 0) {
		ksft_ok(0, "%s: pipe", what);
		return;
	}
	mid = fork();
	if (mid == 0)
		middle(flags);
	if (read(pids[0], &sib, sizeof(sib)) != sizeof(sib) ||
	    read(report[0], &sibppid, sizeof(sibppid)) != sizeof(sibppid))
		sib = -1;
	waitpid(mid, &st_mid, 0);
	/* the sibling is our child: waitpid without __WALL finds it, since
	 * its exit signal is the middle task's SIGCHLD */
	ksft_ok(sib > 0 && sibppid == getpid(),
		"%s: the new task's parent is the caller's parent (%d, want %d)",
		what, (int)sibppid, (int)getpid());
	if (sib > 0 && waitpid(sib, &st_sib, 0) != sib)
		st_sib = -1;
	ksft_ok(WIFEXITED(st_sib) && WEXITSTATUS(st_sib) == 9,
		"%s: the caller's parent reaps it (status %#x)", what, st_sib);
	ksft_ok(WIFEXITED(st_mid) && WEXITSTATUS(st_mid) == 7,
		"%s: the caller itself exits as usual (status %#x)", what, st_mid);
	close(report[0]);
	close(report[1]);
	close(pids[0]);
	close(pids[1]);
}

/* A fork through raw clone with @flags: the child's exit status, or -errno. */
static int plain(unsigned long flags)
{
	long pid = raw_clone(flags);
	int st;

	if (pid < 0)
		return -errno;
	if (pid == 0)
		_exit(5);
	if (waitpid(pid, &st, 0) != pid || !WIFEXITED(st))
		return -1000;
	return WEXITSTATUS(st);
}

int main(void)
{
	ksft_plan(9);
	check_parent(SIGCHLD, "CLONE_PARENT|SIGCHLD");
	check_parent(0, "CLONE_PARENT with exit signal 0");
	ksft_ok(plain(CLONE_PTRACE | SIGCHLD) == 5,
		"CLONE_PTRACE in an untraced caller is a plain fork");
	ksft_ok(plain(CLONE_UNTRACED | SIGCHLD) == 5, "CLONE_UNTRACED is a plain fork");
	ksft_ok(plain(CLONE_VFORK | SIGCHLD) == 5,
		"CLONE_VFORK without CLONE_VM: the caller waits for the copy's exit");
	ksft_exit();
}
