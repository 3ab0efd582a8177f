/*
 * Small calls, raw: nice (34), the old getrlimit (76) with its
 * 0x7fffffff clamp, sched_rr_get_interval (161, 423), sethostname (74)
 * and setdomainname (121) as uname and /proc/sys/kernel show them, and
 * chroot (61): CAP_SYS_CHROOT, ENOTDIR, ".." at the new root stays there.
 */
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include "../kselftest.h"

struct rlim32 { uint32_t cur, max; };
struct ts32 { int32_t sec, nsec; };
struct ts64 { int64_t sec, nsec; };

/* Runs @fn in a child as uid 65534 (no capabilities); true if it returned 1. */
static int as_nobody(int (*fn)(void))
{
	int status = -1;
	pid_t c = fork();

	if (c == 0)
		_exit(setuid(65534) == 0 && fn() ? 0 : 1);
	waitpid(c, &status, 0);
	return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

static int nice_down_eperm(void)
{
	errno = 0;
	return syscall(SYS_nice, -1) == -1 && errno == EPERM && syscall(SYS_nice, 1) == 0;
}

static void test_nice(void)
{
	int before = getpriority(PRIO_PROCESS, 0);

	ksft_ok(syscall(SYS_nice, 3) == 0 && getpriority(PRIO_PROCESS, 0) == before + 3,
		"nice(3) adds 3 and returns 0");
	ksft_ok(syscall(SYS_nice, 100) == 0 && getpriority(PRIO_PROCESS, 0) == 19,
		"a large increment stops at 19");
	ksft_ok(syscall(SYS_nice, -1000) == 0 && getpriority(PRIO_PROCESS, 0) == -20,
		"root lowers it, stopping at -20");
	ksft_ok(as_nobody(nice_down_eperm), "without CAP_SYS_NICE a negative increment is EPERM");
	setpriority(PRIO_PROCESS, 0, before);
}

static void test_getrlimit(void)
{
	struct rlimit now, big = { 100, RLIM_INFINITY };
	struct rlim32 old;

	getrlimit(RLIMIT_NOFILE, &now);
	ksft_ok(syscall(76, RLIMIT_NOFILE, &old) == 0 && old.cur == now.rlim_cur &&
		old.max == now.rlim_max, "old getrlimit: finite limits as they are");
	setrlimit(RLIMIT_CORE, &big);
	ksft_ok(syscall(76, RLIMIT_CORE, &old) == 0 && old.cur == 100 && old.max == 0x7fffffff,
		"RLIM_INFINITY reads as 0x7fffffff");
	errno = 0;
	ksft_ok(syscall(76, 100, &old) == -1 && errno == EINVAL &&
		syscall(76, RLIMIT_NOFILE, (void *)1) == -1 && errno == EFAULT,
		"a bad resource EINVAL, a bad pointer EFAULT");
}

static void test_rr_interval(void)
{
	struct ts32 t32 = { -1, -1 };
	struct ts64 t64 = { -1, -1 };

	ksft_ok(syscall(161, 0, &t32) == 0 && t32.sec >= 0 && t32.nsec >= 0 &&
		t32.nsec < 1000000000 && syscall(423, getpid(), &t64) == 0 && t64.sec >= 0 &&
		t64.nsec >= 0 && t64.nsec < 1000000000,
		"sched_rr_get_interval: a valid timespec in both layouts");
	errno = 0;
	ksft_ok(syscall(161, -1, &t32) == -1 && errno == EINVAL &&
		syscall(161, 999999, &t32) == -1 && errno == ESRCH &&
		syscall(423, 0, (void *)1) == -1 && errno == EFAULT,
		"negative pid EINVAL, no such process ESRCH, bad pointer EFAULT");
}

static int sethostname_eperm(void)
{
	errno = 0;
	return syscall(SYS_sethostname, "x", 1) == -1 && errno == EPERM &&
	       syscall(SYS_setdomainname, "x", 1) == -1 && errno == EPERM;
}

static int file_says(const char *path, const char *want)
{
	char buf[128] = "";
	int fd = open(path, O_RDONLY), n;

	n = fd >= 0 ? read(fd, buf, sizeof(buf) - 1) : -1;
	close(fd);
	return n >= 0 && !strcmp(buf, want);
}

static void test_names(void)
{
	char long_name[70];
	struct utsname u, saved;

	uname(&saved);
	memset(long_name, 'a', sizeof(long_name));
	ksft_ok(syscall(SYS_sethostname, "linnet-test-host", 11) == 0 && uname(&u) == 0 &&
		!strcmp(u.nodename, "linnet-test") &&
		file_says("/proc/sys/kernel/hostname", "linnet-test\n"),
		"sethostname: len bytes, seen by uname and kernel.hostname");
	ksft_ok(syscall(SYS_setdomainname, "example.org", 11) == 0 && uname(&u) == 0 &&
		!strcmp(u.domainname, "example.org") &&
		file_says("/proc/sys/kernel/domainname", "example.org\n"),
		"setdomainname: seen by uname and kernel.domainname");
	ksft_ok(syscall(SYS_sethostname, long_name, 64) == 0 && uname(&u) == 0 &&
		strlen(u.nodename) == 64, "64 bytes fit");
	errno = 0;
	ksft_ok(syscall(SYS_sethostname, long_name, 65) == -1 && errno == EINVAL &&
		syscall(SYS_setdomainname, long_name, -1) == -1 && errno == EINVAL,
		"a length over 64 or negative: EINVAL");
	errno = 0;
	ksft_ok(syscall(SYS_sethostname, (void *)1, 4) == -1 && errno == EFAULT,
		"a bad pointer: EFAULT");
	ksft_ok(as_nobody(sethostname_eperm), "without CAP_SYS_ADMIN: EPERM");
	syscall(SYS_sethostname, saved.nodename, strlen(saved.nodename));
	syscall(SYS_setdomainname, saved.domainname, strlen(saved.domainname));
}

static char base[] = "/tmp/linnet-chroot-XXXXXX";

static int chroot_eperm(void)
{
	errno = 0;
	return syscall(SYS_chroot, base) == -1 && errno == EPERM;
}

/* In a child: chroot to base, then what can be seen. */
static int chroot_walk(void)
{
	struct stat root, dotdot, up;

	if (syscall(SYS_chroot, base) || chdir("/"))
		return 0;
	if (access("/sub/file", F_OK) || stat("/", &root) || stat("/..", &dotdot) ||
	    stat("../../..", &up))
		return 0;
	return root.st_ino == dotdot.st_ino && root.st_ino == up.st_ino &&
	       access("/tmp", F_OK) == -1;
}

/* In a child: chroot with the working directory left outside the new root. */
static int chroot_unreachable(void)
{
	char buf[256];
	long n;

	if (chdir("/tmp") || syscall(SYS_chroot, base))
		return 0;
	n = syscall(SYS_getcwd, buf, sizeof(buf));
	return n > 0 && !strcmp(buf, "(unreachable)/tmp");
}

static void test_chroot(void)
{
	char path[64];
	int status = -1;
	pid_t c;

	if (!mkdtemp(base))
		ksft_diag("mkdtemp failed");
	chmod(base, 0755);
	snprintf(path, sizeof(path), "%s/sub", base);
	mkdir(path, 0755);
	snprintf(path, sizeof(path), "%s/sub/file", base);
	close(open(path, O_CREAT | O_WRONLY, 0644));
	c = fork();
	if (c == 0)
		_exit(chroot_walk() ? 0 : 1);
	waitpid(c, &status, 0);
	ksft_ok(WIFEXITED(status) && WEXITSTATUS(status) == 0,
		"chroot: / is the new root, \"..\" there stays, the old tree is gone");
	c = fork();
	if (c == 0)
		_exit(chroot_unreachable() ? 0 : 1);
	waitpid(c, &status, 0);
	ksft_ok(WIFEXITED(status) && WEXITSTATUS(status) == 0,
		"a working directory left outside: getcwd says (unreachable)/tmp");
	errno = 0;
	ksft_ok(syscall(SYS_chroot, path) == -1 && errno == ENOTDIR &&
		syscall(SYS_chroot, "/nonexistent-dir") == -1 && errno == ENOENT &&
		syscall(SYS_chroot, (void *)1) == -1 && errno == EFAULT,
		"a file ENOTDIR, a missing name ENOENT, a bad pointer EFAULT");
	ksft_ok(as_nobody(chroot_eperm), "without CAP_SYS_CHROOT: EPERM");
	unlink(path);
	snprintf(path, sizeof(path), "%s/sub", base);
	rmdir(path);
	rmdir(base);
}

int main(void)
{
	ksft_plan(19);
	test_nice();
	test_getrlimit();
	test_rr_interval();
	test_names();
	test_chroot();
	ksft_exit();
}
