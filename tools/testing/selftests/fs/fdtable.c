/*
 * Growing descriptor tables: RLIMIT_NOFILE 1024/4096 at start, dup2 to
 * 1000 and (after raising the soft limit) 4095 and 65535, EBADF at the
 * limit, EMFILE when the soft limit is used up, new descriptors past
 * 1024 from pipe(), fork and exec keeping high descriptors (CLOEXEC
 * honoured), poll/select on high descriptors (select's nfds capped at the
 * table), close_range over a big range, a CLONE_FILES child growing the
 * shared table and unsharing it, /proc/self/fd and FDSize, kcmp,
 * fs.nr_open bounding the hard limit (EPERM) and the table (EBADF/EMFILE).
 */
#include <dirent.h>
#include <poll.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/select.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include "../kselftest.h"

#define NR_OPEN_FILE "/proc/sys/fs/nr_open"

static int is_open(int fd)
{
	return fcntl(fd, F_GETFD) != -1;
}

static int set_nofile(rlim_t cur, rlim_t max)
{
	struct rlimit r = { cur, max };

	return setrlimit(RLIMIT_NOFILE, &r);
}

static long read_long(const char *path, const char *key)
{
	char buf[4096];
	int fd = open(path, O_RDONLY);
	ssize_t n = fd < 0 ? -1 : read(fd, buf, sizeof(buf) - 1);
	char *p;

	if (fd >= 0)
		close(fd);
	if (n <= 0)
		return -1;
	buf[n] = 0;
	p = key ? strstr(buf, key) : buf;
	return p ? strtol(p + (key ? strlen(key) : 0), NULL, 10) : -1;
}

static int write_str(const char *path, const char *s)
{
	int fd = open(path, O_WRONLY);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = write(fd, s, strlen(s));
	close(fd);
	return n == (ssize_t)strlen(s) ? 0 : -1;
}

/* Does /proc/self/fd list @fd? */
static int proc_lists(int fd)
{
	DIR *d = opendir("/proc/self/fd");
	struct dirent *e;
	int found = 0;

	if (!d)
		return 0;
	while ((e = readdir(d)))
		if (atoi(e->d_name) == fd && e->d_name[0] != '.')
			found = 1;
	closedir(d);
	return found;
}

/* After exec: 2000 inherited, 3000 (close-on-exec) gone. */
static int exec_child(void)
{
	return is_open(2000) && !is_open(3000) ? 0 : 1;
}

static int fork_exec_check(void)
{
	int status;
	pid_t pid = fork();

	if (pid == 0) {
		if (!is_open(2000) || !is_open(3000) || fcntl(3000, F_GETFD) != FD_CLOEXEC)
			_exit(2);
		execl("/proc/self/exe", "fdtable", "exec-child", (char *)NULL);
		_exit(3);
	}
	return pid > 0 && waitpid(pid, &status, 0) == pid && WIFEXITED(status) ?
	       WEXITSTATUS(status) : -1;
}

/* In a fresh child (a small table copy): growing beyond fs.nr_open fails. */
static int nr_open_child(void)
{
	int status;
	pid_t pid = fork();

	if (pid == 0) {
		int ok;

		errno = 0;
		ok = dup2(0, 9000) == -1 && errno == EBADF;
		errno = 0;
		ok = ok && fcntl(0, F_DUPFD, 9000) == -1 && errno == EMFILE;
		ok = ok && fcntl(0, F_DUPFD, 5000) == 5000;	/* far beyond the small table */
		ok = ok && dup2(0, 8191) == 8191;	/* below fs.nr_open: fine */
		_exit(ok ? 0 : 1);
	}
	return pid > 0 && waitpid(pid, &status, 0) == pid && WIFEXITED(status) ?
	       WEXITSTATUS(status) : -1;
}

static char clone_stack[65536] __attribute__((aligned(16)));

/* A CLONE_FILES child: grows the shared table, or unshares it and closes all. */
static int files_child(void *arg)
{
	if (arg)
		return syscall(SYS_close_range, 3, ~0U, 2 /* CLOSE_RANGE_UNSHARE */) == 0 &&
		       !is_open(500) ? 0 : 1;
	return dup2(0, 500) == 500 ? 0 : 1;
}

/* Runs files_child(@unshare) sharing our table; its exit status or -1. */
static int run_files_child(int unshare)
{
	int status;
	pid_t pid = clone(files_child, clone_stack + sizeof(clone_stack), CLONE_FILES | SIGCHLD,
			  unshare ? (void *)1 : NULL);

	return pid > 0 && waitpid(pid, &status, 0) == pid && WIFEXITED(status) ?
	       WEXITSTATUS(status) : -1;
}

static void set_bit_(uint32_t *set, int fd)
{
	set[fd / 32] |= 1U << (fd % 32);
}

static int test_bit_(const uint32_t *set, int fd)
{
	return !!(set[fd / 32] & (1U << (fd % 32)));
}

int main(int argc, char **argv)
{
	static uint32_t rset[4096 / 32], wset[4096 / 32];
	struct rlimit r;
	struct pollfd pfd[2];
	struct timeval tv = { 0, 0 };
	int ok, p[2], n;
	long nr_open;

	if (argc > 1 && !strcmp(argv[1], "exec-child"))
		return exec_child();
	ksft_plan(24);

	ok = getrlimit(RLIMIT_NOFILE, &r) == 0;
	ksft_ok(ok && r.rlim_cur == 1024 && r.rlim_max == 4096,
		"RLIMIT_NOFILE starts at 1024/4096 (got %lu/%lu)",
		(unsigned long)r.rlim_cur, (unsigned long)r.rlim_max);
	ok = read_long("/proc/self/status", "FDSize:") < 500 && run_files_child(0) == 0 &&
	     is_open(500) && read_long("/proc/self/status", "FDSize:") > 500;
	ksft_ok(ok && run_files_child(1) == 0 && is_open(500) && close(500) == 0,
		"a CLONE_FILES child's dup2 to 500 grows our table; its CLOSE_RANGE_UNSHARE closes nothing here");
	ksft_ok(dup2(0, 1000) == 1000 && is_open(1000) && fcntl(1000, F_GETFD) == 0,
		"dup2 to 1000 grows the table");
	ksft_ok(read_long("/proc/self/status", "FDSize:") >= 1024 && proc_lists(1000),
		"FDSize covers 1000 and /proc/self/fd lists it");
	errno = 0;
	ok = dup2(0, 1024) == -1 && errno == EBADF;
	errno = 0;
	ksft_ok(ok && fcntl(0, F_DUPFD, 1024) == -1 && errno == EINVAL,
		"at the soft limit: dup2 EBADF, F_DUPFD EINVAL");

	ok = set_nofile(4096, 4096) == 0 && dup2(0, 4095) == 4095 &&
	     dup3(0, 3000, O_CLOEXEC) == 3000 && dup2(0, 2000) == 2000;
	ksft_ok(ok && fcntl(3000, F_GETFD) == FD_CLOEXEC, "soft limit raised: dup2 to 4095, dup3 O_CLOEXEC to 3000");
	errno = 0;
	ksft_ok(dup2(0, 4096) == -1 && errno == EBADF, "dup2 to the hard limit 4096 is EBADF");
	ksft_ok(fcntl(0, F_DUPFD, 3500) == 3500 && close(3500) == 0 &&
		fcntl(0, F_DUPFD_CLOEXEC, 3000) == 3001 && fcntl(3001, F_GETFD) == FD_CLOEXEC &&
		close(3001) == 0, "F_DUPFD/F_DUPFD_CLOEXEC pick the lowest free slot above a high start");
	ksft_ok(syscall(SYS_kcmp, getpid(), getpid(), 0 /* KCMP_FILE */, 0, 4095) == 0,
		"kcmp KCMP_FILE sees descriptor 4095");
	ksft_ok(fork_exec_check() == 0, "fork keeps 2000 and 3000, exec keeps 2000 and closes 3000 (CLOEXEC)");

	ok = pipe(p) == 0 && dup2(p[0], 3999) == 3999 && dup2(p[1], 4001) == 4001 &&
	     write(4001, "x", 1) == 1;
	pfd[0] = (struct pollfd){ .fd = 3999, .events = POLLIN };
	pfd[1] = (struct pollfd){ .fd = 4001, .events = POLLOUT };
	ksft_ok(ok && poll(pfd, 2, 0) == 2 && (pfd[0].revents & POLLIN) && (pfd[1].revents & POLLOUT),
		"poll on 3999 and 4001");
	errno = 0;
	ksft_ok(syscall(SYS_poll, pfd, 4097, 0) == -1 && errno == EINVAL, "poll with nfds beyond RLIMIT_NOFILE is EINVAL");
	set_bit_(rset, 3999);
	set_bit_(wset, 4001);
	ksft_ok(select(4002, (fd_set *)rset, (fd_set *)wset, NULL, &tv) == 2 && test_bit_(rset, 3999) &&
		test_bit_(wset, 4001), "select on 3999 and 4001");
	memset(rset, 0, sizeof(rset));
	set_bit_(rset, 3999);
	ksft_ok(select(1 << 20, (fd_set *)rset, NULL, NULL, &tv) == 1 && test_bit_(rset, 3999),
		"select's nfds is capped at the table's size (1 << 20 with a 4096-bit set)");
	close(p[0]);
	close(p[1]);

	ksft_ok(syscall(SYS_close_range, 3, ~0U, 0) == 0 && !is_open(1000) && !is_open(2000) &&
		!is_open(3999) && !is_open(4095) && is_open(0) && is_open(2),
		"close_range(3, ~0U) closes every high descriptor");

	ok = set_nofile(2048, 4096) == 0;
	for (int fd = 3; ok && fd < 1100; fd++)
		ok = dup2(0, fd) == fd;
	ksft_ok(ok && pipe(p) == 0 && p[0] == 1100 && p[1] == 1101 && proc_lists(1101),
		"pipe() takes 1100 and 1101 when 0..1099 are used");
	ok = 1;
	for (int i = 0; ok && i < 2048 - 1102; i++)
		ok = dup(0) == 1102 + i;
	errno = 0;
	n = dup(0);
	ksft_ok(ok && n == -1 && errno == EMFILE, "dup is EMFILE once the 2048 soft limit is used up");
	{
		int e1, e2, e3;

		errno = 0;
		e1 = open("/nonexistent-fdtable", O_RDONLY) == -1 ? errno : 0;
		errno = 0;
		e2 = open("/", O_RDONLY) == -1 ? errno : 0;
		errno = 0;
		e3 = open("/tmp/fdtable-no-room", O_RDWR | O_CREAT, 0600) == -1 ? errno : 0;
		ksft_ok(e1 == EMFILE && e2 == EMFILE && e3 == EMFILE &&
			access("/tmp/fdtable-no-room", F_OK) == -1,
			"then open is EMFILE, for a missing file too, and O_CREAT creates nothing (%d %d %d)",
			e1, e2, e3);
	}
	syscall(SYS_close_range, 3, ~0U, 0);

	nr_open = read_long(NR_OPEN_FILE, NULL);
	ksft_ok(nr_open == 1048576, "fs.nr_open is 1048576 (got %ld)", nr_open);
	errno = 0;
	ok = set_nofile(4096, 1048577) == -1 && errno == EPERM;
	ksft_ok(ok && set_nofile(65536, 1048576) == 0 && dup2(0, 65535) == 65535 &&
		is_open(65535) && close(65535) == 0,
		"hard limit above fs.nr_open is EPERM; at it, fine; dup2 to 65535");
	ok = write_str(NR_OPEN_FILE, "8192") == 0 && read_long(NR_OPEN_FILE, NULL) == 8192;
	errno = 0;
	ok = ok && set_nofile(4096, 8193) == -1 && errno == EPERM;
	errno = 0;
	ksft_ok(ok && set_nofile(65536, 1048576) == -1 && errno == EPERM,
		"fs.nr_open 8192: hard limit 8193 is EPERM, so is keeping 1048576");
	ksft_ok(nr_open_child() == 0,
		"a child's small table, RLIMIT_NOFILE 65536 above fs.nr_open 8192: dup2(9000) EBADF, F_DUPFD(9000) EMFILE, F_DUPFD(5000) 5000, 8191 fine");
	ksft_ok(write_str(NR_OPEN_FILE, "31") == -1 && write_str(NR_OPEN_FILE, "-1") == -1 &&
		read_long(NR_OPEN_FILE, NULL) == 8192, "fs.nr_open below 32 is refused");
	ksft_ok(write_str(NR_OPEN_FILE, "1048576") == 0 && set_nofile(1024, 4096) == 0,
		"fs.nr_open and the limits restored");
	ksft_exit();
}
