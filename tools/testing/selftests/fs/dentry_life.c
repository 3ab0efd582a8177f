/*
 * dentry_life: names whose directory is gone, names that end in '/', and
 * the kernel's own /proc entries.  Each case once crashed Linnet or
 * changed the tree in a way Linux refuses.
 */
#define _FILE_OFFSET_BITS 64
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include "../kselftest.h"

static char base[] = "/tmp/linnet-dlife-XXXXXX";
static char p1[PATH_MAX], p2[PATH_MAX];

static const char *at(char *buf, const char *rel)
{
	snprintf(buf, PATH_MAX, "%s/%s", base, rel);
	return buf;
}

static int fails_with(int ret, int err)
{
	return ret == -1 && errno == err;
}

static int make_file(const char *rel)
{
	int fd = open(at(p1, rel), O_CREAT | O_RDWR | O_TRUNC, 0644);

	if (fd >= 0 && ftruncate(fd, 4096))
		return close(fd), -1;
	return fd;
}

/* Both a directory and its parent removed while a descriptor holds the child. */
static void test_removed_parent(void)
{
	struct stat st;
	char cwd[PATH_MAX];
	int fd, r;

	mkdir(at(p1, "a"), 0755);
	mkdir(at(p1, "a/b"), 0755);
	fd = open(at(p1, "a/b"), O_RDONLY | O_DIRECTORY);
	if (fd < 0 || rmdir(at(p1, "a/b")) || rmdir(at(p1, "a")) || fchdir(fd)) {
		ksft_ok(0, "set up a removed directory inside a removed directory");
		return;
	}
	r = stat("..", &st);
	ksft_ok((r == 0 && st.st_nlink == 0) || fails_with(r, ENOENT),
		"stat(\"..\") from a removed directory whose parent is removed too");
	ksft_ok(getcwd(cwd, sizeof(cwd)) == NULL && errno == ENOENT,
		"getcwd in a removed directory: ENOENT");
	ksft_ok(fails_with(mkdir("sub", 0755), ENOENT), "mkdir in a removed directory: ENOENT");
	ksft_ok(fails_with(open("f", O_CREAT | O_WRONLY, 0644), ENOENT),
		"creating a file in a removed directory: ENOENT");
	ksft_ok(fails_with(symlink("x", "l"), ENOENT), "symlink in a removed directory: ENOENT");
	ksft_ok(chdir(base) == 0 && close(fd) == 0, "leave the removed directory");
}

/* /proc/self/maps names a mapped file whose directory has gone. */
static void test_maps_of_removed_file(void)
{
	char buf[8192];
	ssize_t n;
	void *p;
	int fd, mfd;

	mkdir(at(p1, "m"), 0755);
	fd = make_file("m/f");
	p = fd >= 0 ? mmap(NULL, 4096, PROT_READ, MAP_SHARED, fd, 0) : MAP_FAILED;
	if (fd >= 0)
		close(fd);
	if (p == MAP_FAILED || unlink(at(p1, "m/f")) || rmdir(at(p1, "m"))) {
		ksft_ok(0, "map a file, then remove it and its directory");
		return;
	}
	mfd = open("/proc/self/maps", O_RDONLY);
	n = mfd >= 0 ? read(mfd, buf, sizeof(buf) - 1) : -1;
	if (mfd >= 0)
		close(mfd);
	buf[n > 0 ? n : 0] = '\0';
	ksft_ok(n > 0 && strstr(buf, "/f (deleted)"),
		"/proc/self/maps shows the removed file as \"(deleted)\"");
	munmap(p, 4096);
}

/* A descriptor of a regular file is no directory for the *at calls. */
static void test_file_as_dirfd(void)
{
	int fd = make_file("plain");

	ksft_ok(fd >= 0 && fails_with(mkdirat(fd, "sub", 0755), ENOTDIR),
		"mkdirat relative to a regular file: ENOTDIR");
	mkdir(at(p1, "mv"), 0755);
	ksft_ok(fails_with(renameat(AT_FDCWD, at(p1, "mv"), fd, "mv"), ENOTDIR),
		"renameat into a regular file: ENOTDIR");
	ksft_ok(fails_with(symlinkat("t", fd, "l"), ENOTDIR), "symlinkat relative to a file: ENOTDIR");
	if (fd >= 0)
		close(fd);
	ksft_ok(unlink(at(p1, "plain")) == 0 && rmdir(at(p1, "mv")) == 0,
		"the file and directory are still removable");
}

static void test_trailing_slash(void)
{
	struct stat a, b;
	int fd;

	ksft_ok(mkdir(at(p1, "s/"), 0755) == 0 && rmdir(at(p1, "s/")) == 0,
		"mkdir and rmdir accept a trailing slash");
	fd = make_file("t");
	if (fd >= 0)
		close(fd);
	ksft_ok(fails_with(rename(at(p1, "t/"), at(p2, "u")), ENOTDIR),
		"renaming a file named with a trailing slash: ENOTDIR");
	ksft_ok(fails_with(open(at(p1, "new/"), O_CREAT | O_WRONLY, 0644), EISDIR),
		"O_CREAT of a name with a trailing slash: EISDIR");
	ksft_ok(link(at(p1, "t"), at(p2, "t2")) == 0 && rename(at(p1, "t"), at(p2, "t2")) == 0 &&
		stat(at(p1, "t"), &a) == 0 && stat(at(p2, "t2"), &b) == 0 &&
		a.st_ino == b.st_ino && a.st_nlink == 2,
		"rename between two links of one file does nothing");
	unlink(at(p1, "t"));
	unlink(at(p1, "t2"));
	ksft_ok(fails_with(rmdir("/"), EBUSY), "rmdir(\"/\"): EBUSY");
	ksft_ok(fails_with(syscall(SYS_ftruncate, 0, -1L), EINVAL),
		"ftruncate to a negative length (32-bit call): EINVAL");
}

/* Users may not remove, rename or link the kernel's /proc entries. */
static void test_proc_entries(void)
{
	char dir[64], file[64], other[64];
	pid_t child = fork();
	int status, ok;

	if (child == 0) {
		pause();
		_exit(0);
	}
	snprintf(dir, sizeof(dir), "/proc/%d", child);
	snprintf(file, sizeof(file), "/proc/%d/status", child);
	snprintf(other, sizeof(other), "/proc/%d/renamed", child);
	ksft_ok(unlink(file) == -1 && access(file, R_OK) == 0, "unlink of /proc/<pid>/status fails");
	ksft_ok(rename(file, other) == -1 && access(file, R_OK) == 0,
		"rename of /proc/<pid>/status fails");
	ksft_ok(link(file, at(p1, "st")) == -1 && access(p1, F_OK) == -1,
		"hard link to /proc/<pid>/status fails");
	ksft_ok(rmdir(dir) == -1 && access(dir, F_OK) == 0, "rmdir of /proc/<pid> fails");
	ksft_ok(mkdir("/proc/linnet-test", 0755) == -1 && access("/proc/linnet-test", F_OK) == -1,
		"mkdir inside /proc fails");
	kill(child, SIGKILL);
	ok = waitpid(child, &status, 0) == child;
	ksft_ok(ok && access(dir, F_OK) == -1, "/proc/<pid> goes with the reaped process");
}

int main(void)
{
	ksft_plan(23);
	if (!mkdtemp(base) || chdir(base))
		return 1;
	test_removed_parent();
	test_maps_of_removed_file();
	test_file_as_dirfd();
	test_trailing_slash();
	test_proc_entries();
	rmdir(base);
	ksft_exit();
}
