/*
 * misc: personality (stored, queried with 0xffffffff, inherited, its
 * flags kept at exec), unshare as a kernel without namespaces answers
 * the flags every kernel takes (CLONE_FILES, CLONE_FS, CLONE_SYSVSEM,
 * CLONE_VM in a single-threaded process; EINVAL in a vfork child; bad
 * flags EINVAL; namespaces EPERM unprivileged), setns on descriptors
 * that are no namespace (EBADF, EINVAL), and execveat: relative to a
 * directory descriptor, AT_EMPTY_PATH on a descriptor (fexecve),
 * AT_SYMLINK_NOFOLLOW, AT_EXECFN naming /dev/fd/N, scripts through a
 * close-on-exec descriptor ENOENT.
 */
#include "../kselftest.h"
#include <grp.h>
#include <libgen.h>
#include <sched.h>
#include <sys/auxv.h>
#include <sys/personality.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/utsname.h>

static char self[4096], dir[64];
extern char **environ;

static int is_linnet(void)
{
	struct utsname u;

	return uname(&u) == 0 && !strcmp(u.sysname, "Linnet");
}

/* Status of a child that runs execveat(dfd, name, { self, a1, a2 }, flags), or 1000 + errno. */
static int execveat_status(int dfd, const char *name, int flags, const char *a1, const char *a2)
{
	char *argv[] = { self, (char *)a1, (char *)a2, NULL };
	int st;
	pid_t pid = fork();

	if (pid == 0) {
		syscall(SYS_execveat, dfd, name, argv, environ, flags);
		_exit(errno > 200 ? 200 : errno + 100);
	}
	if (waitpid(pid, &st, 0) != pid || !WIFEXITED(st))
		return -1;
	return WEXITSTATUS(st) >= 100 ? 1000 + WEXITSTATUS(st) - 100 : WEXITSTATUS(st);
}

static void persona(void)
{
	int st;
	pid_t pid;

	ksft_ok(personality(0xffffffff) == PER_LINUX, "personality(0xffffffff) reads PER_LINUX");
	ksft_ok(personality(PER_LINUX32) == PER_LINUX && personality(0xffffffff) == PER_LINUX32 &&
		personality(PER_LINUX) == PER_LINUX32, "personality(PER_LINUX32) is stored; the old value returns");
	personality(PER_LINUX | ADDR_NO_RANDOMIZE);
	pid = fork();
	if (pid == 0)
		_exit(personality(0xffffffff) == (PER_LINUX | ADDR_NO_RANDOMIZE) ? 0 : 1);
	ksft_ok(waitpid(pid, &st, 0) == pid && KSFT_EXITED(st, 0), "fork inherits the personality");
	st = execveat_status(AT_FDCWD, self, 0, "--persona", NULL);
	ksft_ok(st == 0, "exec keeps ADDR_NO_RANDOMIZE (%d)", st);
	personality(PER_LINUX);
}

static void unshare_cases(void)
{
	volatile long vfork_ret = 0;
	int st;
	pid_t pid;

	ksft_ok(unshare(0) == 0 && unshare(CLONE_FILES) == 0 && unshare(CLONE_FS) == 0 &&
		unshare(CLONE_SYSVSEM) == 0 && fcntl(1, F_GETFD) >= 0,
		"unshare: 0, CLONE_FILES, CLONE_FS, CLONE_SYSVSEM succeed");
	ksft_ok(unshare(CLONE_VM) == 0 && unshare(CLONE_SIGHAND) == 0 && unshare(CLONE_THREAD) == 0,
		"unshare: CLONE_VM, CLONE_SIGHAND, CLONE_THREAD in a single-threaded process");
	errno = 0;
	ksft_ok(unshare(CLONE_VFORK) == -1 && errno == EINVAL && unshare(CLONE_PARENT) == -1 &&
		unshare(0x11) == -1 && errno == EINVAL && unshare(CLONE_SETTLS) == -1,
		"unshare: CLONE_VFORK, CLONE_PARENT, a signal number, CLONE_SETTLS: EINVAL");
	pid = vfork();
	if (pid == 0) {
		vfork_ret = syscall(SYS_unshare, CLONE_VM) == -1 ? errno : 0;
		_exit(0);
	}
	waitpid(pid, &st, 0);
	ksft_ok(vfork_ret == EINVAL, "unshare(CLONE_VM) in a vfork child (shared mm): EINVAL (%ld)",
		(long)vfork_ret);
	pid = fork();
	if (pid == 0) {
		if (setgroups(0, NULL) || setgid(65534) || setuid(65534))
			_exit(2);
		_exit(unshare(CLONE_NEWUTS) == -1 && errno == EPERM &&
		      unshare(CLONE_NEWNS) == -1 && errno == EPERM &&
		      unshare(CLONE_NEWIPC | CLONE_FILES) == -1 && errno == EPERM &&
		      unshare(CLONE_NEWPID) == -1 && errno == EPERM ? 0 : 1);
	}
	ksft_ok(waitpid(pid, &st, 0) == pid && KSFT_EXITED(st, 0),
		"unshare of namespaces unprivileged: EPERM");
	pid = fork();
	if (pid == 0)	/* Linnet has no namespaces: EINVAL; Linux makes one */
		_exit(is_linnet() ? !(unshare(CLONE_NEWUTS) == -1 && errno == EINVAL &&
				      unshare(CLONE_NEWUSER) == -1 && errno == EINVAL) :
		      unshare(CLONE_NEWUTS) != 0);
	ksft_ok(waitpid(pid, &st, 0) == pid && KSFT_EXITED(st, 0),
		"unshare(CLONE_NEWUTS) as root: %s", is_linnet() ? "EINVAL (no namespaces)" : "a new namespace");
}

static void setns_cases(void)
{
	int fd = open("/", O_RDONLY);

	errno = 0;
	ksft_ok(syscall(SYS_setns, -1, 0) == -1 && errno == EBADF &&
		syscall(SYS_setns, 999, CLONE_NEWUTS) == -1 && errno == EBADF,
		"setns on a bad descriptor: EBADF");
	ksft_ok(syscall(SYS_setns, fd, 0) == -1 && errno == EINVAL &&
		syscall(SYS_setns, fd, CLONE_NEWNET) == -1 && errno == EINVAL &&
		syscall(SYS_setns, 1, 0) == -1 && errno == EINVAL,
		"setns on a directory or a file that is no namespace: EINVAL");
	close(fd);
}

static void execveat_cases(void)
{
	char want[128], script[128], link[128];
	int dfd, fd, st;

	st = execveat_status(AT_FDCWD, self, 0, "--execfn", self);
	ksft_ok(st == 42, "execveat(AT_FDCWD, absolute path): runs, AT_EXECFN the path (%d)", st);
	dfd = open(dirname(strdupa(self)), O_RDONLY | O_DIRECTORY);
	snprintf(want, sizeof(want), "/dev/fd/%d/%s", dfd, basename(strdupa(self)));
	st = execveat_status(dfd, basename(strdupa(self)), 0, "--execfn", want);
	ksft_ok(st == 42, "execveat(dirfd, name): AT_EXECFN %s (%d)", want, st);
	st = execveat_status(999, self, 0, "--execfn", self);
	ksft_ok(st == 42, "an absolute path ignores a bad dirfd (%d)", st);
	st = execveat_status(999, "x", 0, NULL, NULL);
	ksft_ok(st == 1000 + EBADF, "a relative path from a bad dirfd: EBADF (%d)", st);
	fd = open(self, O_RDONLY);
	snprintf(want, sizeof(want), "/dev/fd/%d", fd);
	st = execveat_status(fd, "", AT_EMPTY_PATH, "--execfn", want);
	ksft_ok(st == 42, "execveat(fd, \"\", AT_EMPTY_PATH): AT_EXECFN %s (%d)", want, st);
	st = execveat_status(fd, "", 0, NULL, NULL);
	ksft_ok(st == 1000 + ENOENT, "an empty path without AT_EMPTY_PATH: ENOENT (%d)", st);
	st = execveat_status(AT_FDCWD, self, 0x1, NULL, NULL);
	ksft_ok(st == 1000 + EINVAL, "unknown flags: EINVAL (%d)", st);
	st = execveat_status(fd, "", 0x1, NULL, NULL);
	ksft_ok(st == 1000 + ENOENT, "an empty path is ENOENT before the flags are checked (%d)", st);
	snprintf(link, sizeof(link), "%s/link", dir);
	ksft_ok(symlink(self, link) == 0, "symlink to the test");
	st = execveat_status(AT_FDCWD, link, AT_SYMLINK_NOFOLLOW, NULL, NULL);
	ksft_ok(st == 1000 + ELOOP, "AT_SYMLINK_NOFOLLOW on a symlink: ELOOP (%d)", st);
	st = execveat_status(AT_FDCWD, link, 0, "--execfn", link);
	ksft_ok(st == 42, "following the symlink runs it (%d)", st);
	snprintf(script, sizeof(script), "%s/script", dir);
	fd = open(script, O_CREAT | O_WRONLY, 0755);
	dprintf(fd, "#!%s\n", self);
	close(fd);
	fd = open(script, O_RDONLY | O_CLOEXEC);
	st = execveat_status(fd, "", AT_EMPTY_PATH, NULL, NULL);
	ksft_ok(st == 1000 + ENOENT, "a script through a close-on-exec fd: ENOENT (%d)", st);
	close(fd);
	fd = open(script, O_RDONLY);
	st = execveat_status(fd, "", AT_EMPTY_PATH, NULL, NULL);
	ksft_ok(st == 43, "a script through a plain fd: its interpreter gets /dev/fd/N (%d)", st);
	close(fd);
	unlink(script);
	unlink(link);
	close(dfd);
}

int main(int argc, char **argv)
{
	if (argc >= 2 && !strcmp(argv[1], "--persona"))
		return personality(0xffffffff) == (PER_LINUX | ADDR_NO_RANDOMIZE) ? 0 : 1;
	if (argc >= 3 && !strcmp(argv[1], "--execfn"))
		return !strcmp((const char *)getauxval(AT_EXECFN), argv[2]) ? 42 : 41;
	if (argc >= 2 && !strncmp(argv[1], "/dev/fd/", 8))
		return 43;	/* run as a script's interpreter */
	if (!realpath(argv[0], self) || geteuid() != 0) {
		ksft_plan(1);
		ksft_skip("not root", "needs root and its own path");
		ksft_exit();
	}
	strcpy(dir, "/tmp/miscXXXXXX");
	if (!mkdtemp(dir))
		return 1;
	ksft_plan(25);
	persona();
	unshare_cases();
	setns_cases();
	execveat_cases();
	rmdir(dir);
	ksft_exit();
}
