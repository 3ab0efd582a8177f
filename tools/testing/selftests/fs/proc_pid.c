/*
 * proc_pid: /proc as a file system.  /proc/<pid> exists exactly while the
 * process does (zombies included) and is listed by readdir, however
 * small the getdents buffer; task/, fd/, fdinfo/, the cwd/root/exe links,
 * stat, statm and environ in Linux's formats; /proc/thread-self; syscall
 * (what the reader is doing as it reads) and wchan (none while running or
 * dead, the function a sleeping task waits in).
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include "../kselftest.h"

static char text[16384];

static int slurp(const char *path)
{
	return ksft_read_file(path, text, sizeof(text));
}

static int exists(const char *fmt, int pid)
{
	char path[64];
	struct stat st;

	snprintf(path, sizeof(path), fmt, pid);
	return stat(path, &st) == 0;
}

/* How often @name appears in @dir, read with getdents64 into a @bufsize buffer. */
static int count_entries(const char *dir, const char *name, size_t bufsize)
{
	char buf[4096];
	int fd = open(dir, O_RDONLY | O_DIRECTORY), found = 0;
	long n;

	if (fd < 0)
		return -1;
	while ((n = syscall(SYS_getdents64, fd, buf, bufsize)) > 0) {
		for (long off = 0; off < n;) {
			unsigned short reclen = *(unsigned short *)(buf + off + 16);

			found += !strcmp(buf + off + 19, name);
			off += reclen;
		}
	}
	close(fd);
	return n < 0 ? -1 : found;
}

static void test_lifetime(void)
{
	char me[16], name[16], path[64];
	int go[2], status;
	pid_t child;

	snprintf(me, sizeof(me), "%d", getpid());
	ksft_ok(count_entries("/proc", me, 4096) == 1 && count_entries("/proc", "self", 4096) == 1,
		"readdir of /proc lists our pid and self once");
	ksft_ok(count_entries("/proc", me, 40) == 1 && count_entries("/proc", "meminfo", 40) == 1,
		"the same with a buffer of one record at a time");
	if (pipe(go))
		return;
	child = fork();
	if (child == 0) {
		char c;

		close(go[1]);
		(void)!read(go[0], &c, 1);
		_exit(3);
	}
	close(go[0]);
	snprintf(name, sizeof(name), "%d", child);
	ksft_ok(exists("/proc/%d/status", child) && count_entries("/proc", name, 4096) == 1,
		"a new child has /proc/<pid> at once");
	close(go[1]);
	snprintf(path, sizeof(path), "/proc/%d/stat", child);
	for (int i = 0; i < 5000 && !(slurp(path) > 0 && strstr(text, ") Z ")); i++)
		usleep(1000);
	snprintf(path, sizeof(path), "/proc/%d/status", child);
	ksft_ok(slurp(path) > 0 && strstr(text, "State:\tZ (zombie)") != NULL,
		"an exited, unreaped child is a zombie in stat and status");
	waitpid(child, &status, 0);
	ksft_ok(!exists("/proc/%d", child) && count_entries("/proc", name, 4096) == 0,
		"a reaped child's /proc/<pid> is gone and no longer listed");
}

/* An open /proc/<pid> directory names nothing once the process is reaped. */
static void test_stale_dir(void)
{
	char path[64];
	pid_t child = fork();
	int dfd, status;

	if (child == 0) {
		pause();
		_exit(0);
	}
	snprintf(path, sizeof(path), "/proc/%d", child);
	dfd = open(path, O_RDONLY | O_DIRECTORY);
	ksft_ok(dfd >= 0 && faccessat(dfd, "status", R_OK, 0) == 0,
		"openat in an open /proc/<pid> while it lives");
	kill(child, SIGKILL);
	waitpid(child, &status, 0);
	ksft_ok(dfd >= 0 && openat(dfd, "status", O_RDONLY) == -1,
		"and fails once it has been reaped");
	close(dfd);
}

static void test_task_fd(void)
{
	char path[64], link[256], me[16], file[] = "/tmp/linnet-procfd-XXXXXX";
	struct stat a, b;
	int fd, fd2;
	ssize_t n;

	snprintf(path, sizeof(path), "/proc/self/task/%d/status", getpid());
	ksft_ok(slurp(path) > 0 && atoi(strstr(text, "\nPid:") + 5) == getpid(),
		"task/<tid>/status of the only thread");
	snprintf(me, sizeof(me), "%d", getpid());
	ksft_ok(count_entries("/proc/self/task", me, 4096) == 1 &&
		count_entries("/proc/self/task", "status", 4096) == 0, "task/ holds our tid");
	fd = mkostemp(file, O_CLOEXEC);
	(void)!write(fd, "hello", 5);
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	n = readlink(path, link, sizeof(link) - 1);
	link[n > 0 ? n : 0] = '\0';
	ksft_ok(n > 0 && !strcmp(link, file), "readlink fd/<n> gives the path");
	fd2 = open(path, O_RDONLY);
	ksft_ok(fd2 >= 0 && fstat(fd, &a) == 0 && fstat(fd2, &b) == 0 && a.st_ino == b.st_ino &&
		a.st_dev == b.st_dev, "opening fd/<n> opens the same file");
	snprintf(path, sizeof(path), "/proc/self/fdinfo/%d", fd);
	ksft_ok(slurp(path) > 0 && !strncmp(text, "pos:\t5\n", 7) &&
		(strtol(strstr(text, "flags:\t") + 7, NULL, 8) & O_CLOEXEC) &&
		strstr(text, "\nmnt_id:\t") != NULL, "fdinfo: pos, flags with O_CLOEXEC, mnt_id");
	unlink(file);
	close(fd2);
	close(fd);
	ksft_ok(!exists("/proc/self/fd/%d", fd) && count_entries("/proc/self/fd", "0", 4096) == 1,
		"a closed descriptor leaves fd/");
}

static void test_links(const char *argv0)
{
	char link[256], cwd[256];
	ssize_t n;
	const char *base = strrchr(argv0, '/') ? strrchr(argv0, '/') + 1 : argv0;

	n = readlink("/proc/self/cwd", link, sizeof(link) - 1);
	link[n > 0 ? n : 0] = '\0';
	ksft_ok(n > 0 && getcwd(cwd, sizeof(cwd)) && !strcmp(link, cwd), "cwd links to getcwd()");
	n = readlink("/proc/self/root", link, sizeof(link) - 1);
	ksft_ok(n == 1 && link[0] == '/', "root links to /");
	n = readlink("/proc/self/exe", link, sizeof(link) - 1);
	link[n > 0 ? n : 0] = '\0';
	ksft_ok(n > 0 && link[0] == '/' && strstr(link, base) != NULL, "exe links to this program");
}

/* stat and statm agree on the size; stat has 52 fields. */
static void test_stat(void)
{
	char stat[1024], *p;
	unsigned long vsize = 0, rss = 0, size = 0, resident = 0;
	int fields = 0, ppid = 0;
	char state = 0;

	if (slurp("/proc/self/stat") <= 0)
		text[0] = '\0';
	strcpy(stat, text);
	if (slurp("/proc/self/statm") <= 0)
		text[0] = '\0';
	p = strrchr(stat, ')');
	if (p) {
		sscanf(p + 2, "%c %d", &state, &ppid);
		for (char *t = strtok(p + 2, " \n"); t; t = strtok(NULL, " \n")) {
			fields++;
			if (fields == 21)
				vsize = strtoul(t, NULL, 10);
			if (fields == 22)
				rss = strtoul(t, NULL, 10);
		}
	}
	sscanf(text, "%lu %lu", &size, &resident);
	ksft_ok(fields + 2 == 52 && state == 'R' && ppid == getppid(),
		"stat: 52 fields, state R, ppid");
	ksft_ok(vsize && vsize == size * 4096 && rss > 0 && resident > 0,
		"stat vsize is statm size in bytes; rss > 0");
}

/* A re-executed copy of us checks its environ is exactly what execve got. */
static void check_environ_child(void)
{
	static const char want[] = "PROCTEST=42\0OTHER=x";
	int n = slurp("/proc/self/environ");

	_exit(n == (int)sizeof(want) && !memcmp(text, want, sizeof(want)) ? 0 : 1);
}

static void test_environ(void)
{
	char *args[] = { "/proc/self/exe", "environ-child", NULL };
	char *env[] = { "PROCTEST=42", "OTHER=x", NULL };
	int status = -1;
	pid_t child = fork();

	if (child == 0) {
		execve("/proc/self/exe", args, env);
		_exit(2);
	}
	waitpid(child, &status, 0);
	ksft_ok(KSFT_EXITED(status, 0), "environ is the environment execve was given");
}

/* /proc/thread-self, /proc/self/syscall and /proc/self/wchan. */
static void test_thread_self_syscall(void)
{
	char link[64] = "", want[64], buf[128] = "", expect[128];
	int fd = open("/", O_RDONLY | O_DIRECTORY), fd2 = -1, sfd;
	struct stat a, b;
	ssize_t n;

	snprintf(want, sizeof(want), "%d/task/%d", getpid(), getpid());
	if (fd >= 0) {
		snprintf(buf, sizeof(buf), "/proc/thread-self/fd/%d", fd);
		fd2 = open(buf, O_RDONLY);
	}
	ksft_ok(readlink("/proc/thread-self", link, sizeof(link) - 1) > 0 && !strcmp(link, want) &&
		fd2 >= 0 && fstat(fd, &a) == 0 && fstat(fd2, &b) == 0 && a.st_ino == b.st_ino,
		"/proc/thread-self is <pid>/task/<tid> and its fd/ reopens ours (%s)", link);
	close(fd2);
	close(fd);

	sfd = open("/proc/self/syscall", O_RDONLY);
	memset(buf, 0, sizeof(buf));
	snprintf(expect, sizeof(expect), "%ld 0x%lx 0x%lx 0x%lx", (long)SYS_read, (long)sfd,
		 (long)buf, (long)sizeof(buf) - 1);
	n = sfd >= 0 ? syscall(SYS_read, sfd, buf, sizeof(buf) - 1) : -1;
	ksft_ok(n > 0 && !strncmp(buf, expect, strlen(expect)),
		"/proc/self/syscall shows the read reading it: '%.40s'", buf);
	close(sfd);
	memset(buf, 0, sizeof(buf));
	sfd = open("/proc/self/wchan", O_RDONLY);
	ksft_ok(sfd >= 0 && read(sfd, buf, sizeof(buf)) == 1 && buf[0] == '0',
		"/proc/self/wchan of a running task is \"0\"");
	close(sfd);
}

/* @pid's /proc/<pid>/wchan into buf; its length, or -1. */
static ssize_t read_wchan(pid_t pid, char *buf, size_t size)
{
	char path[64];
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/wchan", pid);
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return -1;
	memset(buf, 0, size);
	n = read(fd, buf, size - 1);
	close(fd);
	return n;
}

/* A function name: letters, digits, '_' and '.', not starting with a digit. */
static int is_symbol(const char *s)
{
	if (!*s || (*s >= '0' && *s <= '9'))
		return 0;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		      (*s >= '0' && *s <= '9') || *s == '_' || *s == '.'))
			return 0;
	return 1;
}

/* A child asleep in read() has a wait channel, by name; a zombie has none. */
static void test_wchan_sleeping(void)
{
	char path[64], buf[128] = "", zbuf[32] = "";
	int p[2], asleep = 0, status;
	siginfo_t si;
	pid_t child;

	if (pipe(p)) {
		ksft_ok(0, "pipe: %s", strerror(errno));
		ksft_ok(0, "no zombie");
		return;
	}
	child = fork();
	if (child == 0) {
		char c;

		_exit(read(p[0], &c, 1) == 1 ? 0 : 1);
	}
	snprintf(path, sizeof(path), "/proc/%d/stat", child);
	for (int i = 0; i < 500 && !asleep; i++) {
		const char *paren;

		if (slurp(path) > 0 && (paren = strrchr(text, ')')) && !strncmp(paren, ") S", 3))
			asleep = 1;
		else
			usleep(10000);
	}
	ksft_ok(asleep && read_wchan(child, buf, sizeof(buf)) > 0 && is_symbol(buf) &&
		strcmp(buf, "0"), "/proc/<pid>/wchan of a child asleep in read names a function: '%s'",
		buf);
	if (write(p[1], "x", 1) != 1)
		kill(child, SIGKILL);
	/* a zombie (reaped only after the check) waits for nothing */
	memset(&si, 0, sizeof(si));
	waitid(P_PID, (id_t)child, &si, WEXITED | WNOWAIT);
	ksft_ok(read_wchan(child, zbuf, sizeof(zbuf)) == 1 && !strcmp(zbuf, "0"),
		"/proc/<pid>/wchan of a zombie is \"0\" ('%s')", zbuf);
	waitpid(child, &status, 0);
	close(p[0]);
	close(p[1]);
}

int main(int argc, char **argv)
{
	if (argc > 1 && !strcmp(argv[1], "environ-child"))
		check_environ_child();
	ksft_plan(24);
	test_lifetime();
	test_stale_dir();
	test_task_fd();
	test_links(argv[0]);
	test_stat();
	test_environ();
	test_thread_self_syscall();
	test_wchan_sleeping();
	ksft_exit();
}
