/*
 * owner_times: creat, the chown family (32- and 16-bit, -1 keeps a value,
 * lchown changes the link, set-id bits cleared on non-directories),
 * utime/utimes/futimesat with their errors, and readlinkat.  Needs root.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>
#include <utime.h>
#include "../kselftest.h"

#define DIR	"/tmp/owner_times"
#define FILE_	DIR "/f"
#define LINK	DIR "/l"

static struct stat st(const char *path, int follow)
{
	struct stat s;

	memset(&s, 0, sizeof(s));
	if (follow)
		stat(path, &s);
	else
		lstat(path, &s);
	return s;
}

static void test_creat(void)
{
	char c;
	int fd = creat(FILE_, 0640);

	ksft_ok(fd >= 0 && write(fd, "abc", 3) == 3 && read(fd, &c, 1) == -1 && errno == EBADF,
		"creat opens for writing only");
	close(fd);
	fd = creat(FILE_, 0600);
	ksft_ok(fd >= 0 && st(FILE_, 1).st_size == 0 && (st(FILE_, 1).st_mode & 0777) == 0640,
		"creat of an existing file truncates it and keeps its mode");
	close(fd);
}

static void test_chown(void)
{
	int fd = open(FILE_, O_RDONLY);

	ksft_ok(chown(FILE_, 1000, 2000) == 0 && st(FILE_, 1).st_uid == 1000 &&
		st(FILE_, 1).st_gid == 2000, "chown sets owner and group");
	ksft_ok(chown(FILE_, -1, 3000) == 0 && st(FILE_, 1).st_uid == 1000 &&
		st(FILE_, 1).st_gid == 3000, "-1 keeps the owner");
	ksft_ok(fchown(fd, 4000, -1) == 0 && st(FILE_, 1).st_uid == 4000, "fchown");
	ksft_ok(fchownat(fd, "", 4001, 4002, AT_EMPTY_PATH) == 0 && st(FILE_, 1).st_uid == 4001 &&
		st(FILE_, 1).st_gid == 4002, "fchownat with AT_EMPTY_PATH");
	ksft_ok(fchownat(AT_FDCWD, FILE_, 0, 0, 0x8000) == -1 && errno == EINVAL,
		"fchownat with unknown flags: EINVAL");
	ksft_ok(symlink("f", LINK) == 0 && lchown(LINK, 7, 8) == 0 && st(LINK, 0).st_uid == 7 &&
		st(FILE_, 1).st_uid == 4001, "lchown changes the link, not its target");
	ksft_ok(syscall(182, FILE_, 5, 0xffff) == 0 && st(FILE_, 1).st_uid == 5 &&
		st(FILE_, 1).st_gid == 4002, "the 16-bit chown: 0xffff keeps the group");
	chmod(FILE_, 06755);
	ksft_ok(chown(FILE_, 0, 0) == 0 && (st(FILE_, 1).st_mode & 07777) == 0755,
		"chown of a group-executable file clears set-user-ID and set-group-ID");
	chmod(DIR, 02755);
	ksft_ok(chown(DIR, 0, 0) == 0 && (st(DIR, 1).st_mode & 02000), "a directory keeps set-group-ID");
	chmod(DIR, 0755);
	close(fd);
}

static void test_times(void)
{
	struct utimbuf ub = { .actime = 1000, .modtime = 2000 };
	struct timeval tv[2] = { { 3000, 0 }, { 4000, 500000 } };
	time_t now = time(NULL);

	ksft_ok(utime(FILE_, &ub) == 0 && st(FILE_, 1).st_atime == 1000 &&
		st(FILE_, 1).st_mtime == 2000, "utime sets both times");
	ksft_ok(utimes(FILE_, tv) == 0 && st(FILE_, 1).st_atime == 3000 &&
		st(FILE_, 1).st_mtime == 4000, "utimes too");
	tv[1].tv_usec = 1000000;
	ksft_ok(utimes(FILE_, tv) == -1 && errno == EINVAL, "a microsecond count of 10^6: EINVAL");
	ksft_ok(futimesat(AT_FDCWD, FILE_, NULL) == 0 && st(FILE_, 1).st_mtime >= now,
		"futimesat with NULL times: now");
	ksft_ok(utime(DIR "/missing", NULL) == -1 && errno == ENOENT, "utime of nothing: ENOENT");
}

static void test_readlinkat(void)
{
	char buf[16] = "";
	int dfd = open(DIR, O_RDONLY | O_DIRECTORY);
	ssize_t n = readlinkat(dfd, "l", buf, sizeof(buf));

	ksft_ok(n == 1 && buf[0] == 'f', "readlinkat relative to a directory descriptor");
	ksft_ok(readlinkat(dfd, "f", buf, sizeof(buf)) == -1 && errno == EINVAL,
		"readlinkat of a file: EINVAL");
	close(dfd);
}

int main(void)
{
	ksft_plan(18);
	mkdir(DIR, 0755);
	test_creat();
	test_chown();
	test_times();
	test_readlinkat();
	unlink(LINK);
	unlink(FILE_);
	rmdir(DIR);
	ksft_exit();
}
