/*
 * pidfd: pidfd_open, pidfd_send_signal (with and without a siginfo),
 * pidfd_getfd, clone(CLONE_PIDFD), waitid(P_PIDFD), poll on a pidfd
 * (readable once the process exits), fdinfo's Pid line, PIDFD_NONBLOCK,
 * and each call's errors.  Raw system calls: glibc 2.36 has few wrappers.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include "../kselftest.h"

#define NR_pidfd_send_signal	424
#define NR_pidfd_open		434
#define NR_pidfd_getfd		438
#ifndef P_PIDFD
#define P_PIDFD			3
#endif
#define PIDFD_NONBLOCK		O_NONBLOCK
#define CLONE_PIDFD_FLAG	0x00001000

static int pidfd_open(pid_t pid, unsigned int flags)
{
	return syscall(NR_pidfd_open, pid, flags);
}

static int pidfd_send_signal(int fd, int sig, siginfo_t *info, unsigned int flags)
{
	return syscall(NR_pidfd_send_signal, fd, sig, info, flags);
}

static int pidfd_getfd(int fd, int target, unsigned int flags)
{
	return syscall(NR_pidfd_getfd, fd, target, flags);
}

static int fails(long r, int err)
{
	return r == -1 && errno == err;
}

/* A child that waits for a signal (or to be read from fd 100 onwards). */
static pid_t sleeper(void)
{
	pid_t pid = fork();

	if (pid == 0)
		for (;;)
			pause();
	return pid;
}

static int readable(int fd, int ms)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };

	return poll(&p, 1, ms) == 1 && (p.revents & POLLIN);
}

/* The number after "Pid:\t" in fdinfo of @fd, or -2. */
static int fdinfo_pid(int fd)
{
	char path[64], buf[512], *s;
	int pid;

	snprintf(path, sizeof(path), "/proc/self/fdinfo/%d", fd);
	if (ksft_read_file(path, buf, sizeof(buf)) < 0)
		return -2;
	s = strstr(buf, "\nPid:\t");
	return s && sscanf(s + 6, "%d", &pid) == 1 ? pid : -2;
}

static void test_open_errors(void)
{
	pid_t gone = fork();
	char c;

	if (gone == 0)
		_exit(0);
	waitpid(gone, NULL, 0);
	ksft_ok(fails(pidfd_open(getpid(), 1), EINVAL) &&
		fails(pidfd_open(getpid(), O_CLOEXEC), EINVAL), "pidfd_open: unknown flags EINVAL");
	ksft_ok(fails(pidfd_open(0, 0), EINVAL) && fails(pidfd_open(-1, 0), EINVAL),
		"pidfd_open: pid 0 or -1 EINVAL");
	ksft_ok(fails(pidfd_open(gone, 0), ESRCH), "pidfd_open: a reaped pid ESRCH");
	int fd = pidfd_open(getpid(), 0);
	struct stat st;

	ksft_ok(fd >= 0 && fcntl(fd, F_GETFD) == FD_CLOEXEC && !(fcntl(fd, F_GETFL) & O_NONBLOCK),
		"pidfd_open(self): close-on-exec, blocking");
	ksft_ok(fstat(fd, &st) == 0 && fails(read(fd, &c, 1), EINVAL) &&
		fails(write(fd, "x", 1), EINVAL), "fstat works, read and write EINVAL");
	ksft_ok(fdinfo_pid(fd) == getpid(), "fdinfo: Pid:\\t<pid>");
	ksft_ok(!readable(fd, 0), "a living process: not readable");
	close(fd);
}

static void test_signal_and_wait(void)
{
	pid_t pid = sleeper();
	int fd = pidfd_open(pid, 0), p[2];
	siginfo_t si;

	if (pipe(p))
		return;
	ksft_ok(fails(pidfd_send_signal(fd, SIGKILL, NULL, 1), EINVAL) &&
		fails(pidfd_send_signal(p[0], SIGKILL, NULL, 0), EBADF) &&
		fails(pidfd_send_signal(-1, SIGKILL, NULL, 0), EBADF) &&
		fails(pidfd_send_signal(fd, 100, NULL, 0), EINVAL),
		"pidfd_send_signal: flags EINVAL, no pidfd EBADF, bad signal EINVAL");
	memset(&si, 0, sizeof(si));
	si.si_signo = SIGKILL;
	si.si_code = SI_USER;
	ksft_ok(fails(pidfd_send_signal(fd, SIGKILL, &si, 0), EPERM),
		"a siginfo with si_code >= 0 for another process: EPERM");
	si.si_code = SI_TKILL;
	ksft_ok(fails(pidfd_send_signal(fd, SIGKILL, &si, 0), EPERM), "and SI_TKILL: EPERM");
	si.si_code = SI_QUEUE;
	ksft_ok(fails(pidfd_send_signal(fd, SIGTERM, &si, 0), EINVAL) &&
		fails(pidfd_send_signal(fd, SIGKILL, (siginfo_t *)8, 0), EFAULT),
		"si_signo not the signal EINVAL, bad siginfo pointer EFAULT");
	ksft_ok(pidfd_send_signal(fd, 0, NULL, 0) == 0, "signal 0 to a living process");
	ksft_ok(fails(waitid(P_PIDFD, p[0], &si, WEXITED), EBADF) &&
		fails(waitid(P_PIDFD, -1, &si, WEXITED), EINVAL) && si.si_signo == 0 &&
		si.si_code == 0, "waitid(P_PIDFD): no pidfd EBADF, -1 EINVAL (the siginfo zeroed)");
	memset(&si, 0, sizeof(si));
	si.si_signo = SIGKILL;
	si.si_code = SI_QUEUE;
	if (!ksft_ok(pidfd_send_signal(fd, SIGKILL, &si, 0) == 0, "SIGKILL with an SI_QUEUE siginfo"))
		kill(pid, SIGKILL);
	ksft_ok(readable(fd, 5000), "poll: readable once it has exited");
	memset(&si, 0, sizeof(si));
	ksft_ok(waitid(P_PIDFD, fd, &si, WEXITED) == 0 && si.si_pid == pid &&
		si.si_code == CLD_KILLED && si.si_status == SIGKILL, "waitid(P_PIDFD) reaps it");
	ksft_ok(fails(pidfd_send_signal(fd, SIGKILL, NULL, 0), ESRCH) &&
		fails(pidfd_send_signal(fd, 0, NULL, 0), ESRCH), "reaped: pidfd_send_signal ESRCH");
	ksft_ok(readable(fd, 0) && fdinfo_pid(fd) == -1, "reaped: still readable, fdinfo Pid -1");
	ksft_ok(fails(waitid(P_PIDFD, fd, &si, WEXITED), ECHILD), "reaped: waitid ECHILD");
	close(fd);
	fd = pidfd_open(getpid(), 0);
	ksft_ok(fails(waitid(P_PIDFD, fd, &si, WEXITED | WNOHANG), ECHILD), "waitid on our own pidfd: ECHILD");
	close(fd);
	close(p[0]);
	close(p[1]);
}

static volatile sig_atomic_t got_code, got_pid;

static void on_usr1(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)uc;
	got_code = si->si_code;
	got_pid = si->si_pid;
}

static void test_self_siginfo(void)
{
	struct sigaction sa = { .sa_sigaction = on_usr1, .sa_flags = SA_SIGINFO };
	int fd = pidfd_open(getpid(), 0);
	siginfo_t si;

	sigaction(SIGUSR1, &sa, NULL);
	memset(&si, 0, sizeof(si));
	si.si_signo = SIGUSR1;
	si.si_code = SI_QUEUE;
	si.si_pid = 4242;
	ksft_ok(pidfd_send_signal(fd, SIGUSR1, &si, 0) == 0 && got_code == SI_QUEUE &&
		got_pid == 4242, "to itself: the siginfo's code and pid arrive");
	si.si_code = SI_USER;
	si.si_pid = 4343;
	ksft_ok(pidfd_send_signal(fd, SIGUSR1, &si, 0) == 0 && got_code == SI_USER && got_pid == 4343,
		"to itself even si_code SI_USER is allowed");
	ksft_ok(pidfd_send_signal(fd, SIGUSR1, NULL, 0) == 0 && got_code == SI_USER &&
		got_pid == getpid(), "no siginfo: SI_USER from the caller");
	signal(SIGUSR1, SIG_DFL);
	close(fd);
}

/*
 * pidfd_send_signal also takes a /proc/<pid> directory descriptor (as
 * Linux 5.1+): the process it named, ESRCH once that one is reaped;
 * another /proc directory or a file is EBADF.
 */
static void test_proc_dir_fd(void)
{
	int self = open("/proc/self", O_DIRECTORY | O_CLOEXEC), fdd = open("/proc/self/fd", O_DIRECTORY);
	int file = open("/proc/self/status", O_RDONLY), child = -1;
	pid_t pid = sleeper();
	char path[32];

	ksft_ok(self >= 0 && pidfd_send_signal(self, 0, NULL, 0) == 0,
		"pidfd_send_signal on a /proc/<pid> directory: 0");
	ksft_ok(fails(pidfd_send_signal(fdd, 0, NULL, 0), EBADF) &&
		fails(pidfd_send_signal(file, 0, NULL, 0), EBADF),
		"on /proc/self/fd or a /proc file: EBADF");
	snprintf(path, sizeof(path), "/proc/%d", (int)pid);
	child = open(path, O_DIRECTORY | O_CLOEXEC);
	ksft_ok(child >= 0 && pidfd_send_signal(child, SIGKILL, NULL, 0) == 0 &&
		waitpid(pid, NULL, 0) == pid && fails(pidfd_send_signal(child, 0, NULL, 0), ESRCH),
		"a child's /proc/<pid>: SIGKILL reaches it; reaped: ESRCH");
	close(self);
	close(fdd);
	close(file);
	if (child >= 0)
		close(child);
}

static void test_clone_pidfd(void)
{
	int pidfd = -1, bad = -1;
	siginfo_t si;
	pid_t pid;

	pid = syscall(SYS_clone, CLONE_PIDFD_FLAG | SIGCHLD, 0, &pidfd, 0, 0);
	if (pid == 0)
		_exit(7);
	ksft_ok(pid > 0 && pidfd >= 0 && fcntl(pidfd, F_GETFD) == FD_CLOEXEC &&
		fdinfo_pid(pidfd) == pid, "clone(CLONE_PIDFD): the pidfd at parent_tid, close-on-exec");
	ksft_ok(waitid(P_PIDFD, pidfd, &si, WEXITED) == 0 && si.si_pid == pid &&
		si.si_code == CLD_EXITED && si.si_status == 7, "waitid(P_PIDFD) on it: exit 7");
	close(pidfd);
	ksft_ok(fails(syscall(SYS_clone, CLONE_PIDFD_FLAG | CLONE_PARENT_SETTID | SIGCHLD, 0,
			      &bad, 0, 0), EINVAL) && bad == -1,
		"CLONE_PIDFD with CLONE_PARENT_SETTID: EINVAL");
	ksft_ok(fails(syscall(SYS_clone, CLONE_PIDFD_FLAG | SIGCHLD, 0, (int *)8, 0, 0), EFAULT) &&
		fails(waitid(P_ALL, 0, &si, WEXITED | WNOHANG), ECHILD),
		"a bad pidfd pointer: EFAULT and no child");
}

static void test_nonblock(void)
{
	pid_t pid = sleeper();
	int fd = pidfd_open(pid, PIDFD_NONBLOCK);
	siginfo_t si;

	ksft_ok(fd >= 0 && (fcntl(fd, F_GETFL) & O_NONBLOCK), "PIDFD_NONBLOCK: an O_NONBLOCK file");
	ksft_ok(fails(waitid(P_PIDFD, fd, &si, WEXITED), EAGAIN), "waitid on it while alive: EAGAIN");
	kill(pid, SIGTERM);
	ksft_ok(readable(fd, 5000) && waitid(P_PIDFD, fd, &si, WEXITED) == 0 &&
		si.si_code == CLD_KILLED && si.si_status == SIGTERM, "after the exit: reaped");
	close(fd);
}

static void test_getfd(void)
{
	int p[2], fd, got;
	struct stat a, b;
	pid_t pid;

	if (pipe(p))
		return;
	pid = fork();
	if (pid == 0) {
		dup2(p[1], 100);
		close(p[0]);
		write(p[1], "r", 1);
		for (;;)
			pause();
	}
	fd = pidfd_open(pid, 0);
	char c;
	read(p[0], &c, 1);	/* its fd 100 is there now */
	ksft_ok(fails(pidfd_getfd(fd, 100, 1), EINVAL) && fails(pidfd_getfd(p[0], 100, 0), EBADF),
		"pidfd_getfd: flags EINVAL, no pidfd EBADF");
	ksft_ok(fails(pidfd_getfd(fd, 200, 0), EBADF) && fails(pidfd_getfd(fd, -1, 0), EBADF),
		"its unused or negative descriptor: EBADF");
	got = pidfd_getfd(fd, 100, 0);
	ksft_ok(got >= 0 && fcntl(got, F_GETFD) == FD_CLOEXEC && fstat(got, &a) == 0 &&
		fstat(p[1], &b) == 0 && a.st_ino == b.st_ino, "pidfd_getfd: its pipe, close-on-exec");
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
	ksft_ok(fails(pidfd_getfd(fd, 100, 0), ESRCH), "reaped: ESRCH");
	close(got);
	close(fd);
	close(p[0]);
	close(p[1]);
	if (geteuid() != 0) {
		ksft_skip("not root", "a process of another uid may not take our descriptors");
		return;
	}
	pid = fork();
	if (pid == 0) {
		int pfd = pidfd_open(getppid(), 0);

		if (setresgid(1000, 1000, 1000) || setresuid(1000, 1000, 1000))
			_exit(3);
		_exit(fails(pidfd_getfd(pfd, 0, 0), EPERM) &&
		      pidfd_send_signal(pfd, 0, NULL, 0) == -1 && errno == EPERM ? 0 : 1);
	}
	int st;

	ksft_ok(waitpid(pid, &st, 0) == pid && KSFT_EXITED(st, 0),
		"another uid: pidfd_getfd and pidfd_send_signal EPERM");
}

int main(void)
{
	ksft_plan(38);
	test_open_errors();
	test_signal_and_wait();
	test_self_siginfo();
	test_proc_dir_fd();
	test_clone_pidfd();
	test_nonblock();
	test_getfd();
	ksft_exit();
}
