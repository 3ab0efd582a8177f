/*
 * O_PATH descriptors: what they allow (close, dup, fcntl F_GETFD/F_SETFD/
 * F_GETFL/F_DUPFD, fstat, fstatat with AT_EMPTY_PATH, fstatfs, fchdir,
 * *at() directory use, readlinkat with an empty path on a handle on a
 * symlink) and what they refuse with EBADF (read, write, ioctl, mmap,
 * lseek, fchmod, ftruncate, fsync, getdents, flock, other fcntl commands);
 * no truncation, creation or FIFO wait; O_DIRECTORY; poll says POLLNVAL.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "../kselftest.h"

#define DIR "/tmp/linnet-opath"

static int fails(long r, int err)
{
	return r == -1 && errno == err;
}

static void test_file(void)
{
	int fd = open(DIR "/file", O_PATH | O_WRONLY | O_TRUNC | O_APPEND), d, ok, n = 0;
	char buf[64], link[64];
	struct stat st;
	struct statfs sf;
	struct flock fl = { .l_type = F_RDLCK, .l_whence = SEEK_SET };

	ksft_ok(fd >= 0 && (fcntl(fd, F_GETFL) & O_PATH) && !(fcntl(fd, F_GETFL) & (O_APPEND | O_ACCMODE)),
		"O_PATH opens; F_GETFL shows O_PATH and drops the other flags");
	ksft_ok(fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size == 5 &&
		fstatat(fd, "", &st, AT_EMPTY_PATH) == 0 && st.st_size == 5 && fstatfs(fd, &sf) == 0,
		"fstat, fstatat(AT_EMPTY_PATH), fstatfs work; O_TRUNC did nothing");
	ksft_ok(fails(read(fd, buf, 1), EBADF) && fails(write(fd, "x", 1), EBADF) &&
		fails(pread(fd, buf, 1, 0), EBADF) && fails(lseek(fd, 0, SEEK_SET), EBADF),
		"read, write, pread, lseek: EBADF");
	ksft_ok(fails(ioctl(fd, FIONREAD, &n), EBADF) &&
		fails((long)mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, fd, 0), EBADF) &&
		fails(fchmod(fd, 0600), EBADF) && fails(ftruncate(fd, 0), EBADF) && fails(fsync(fd), EBADF),
		"ioctl, mmap, fchmod, ftruncate, fsync: EBADF");
	ksft_ok(fails(flock(fd, LOCK_SH), EBADF) && fails(fcntl(fd, F_SETLK, &fl), EBADF) &&
		fails(fcntl(fd, F_SETFL, 0), EBADF) && fails(fcntl(fd, F_GETPIPE_SZ), EBADF),
		"flock and fcntl F_SETLK, F_SETFL, F_GETPIPE_SZ: EBADF");
	ok = fcntl(fd, F_SETFD, FD_CLOEXEC) == 0 && fcntl(fd, F_GETFD) == FD_CLOEXEC;
	d = dup(fd);
	ksft_ok(ok && d >= 0 && fails(read(d, buf, 1), EBADF) && fcntl(fd, F_DUPFD, 20) >= 20,
		"F_SETFD/F_GETFD, dup and F_DUPFD work; the copy is O_PATH too");
	snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
	n = readlink(link, buf, sizeof(buf) - 1);
	ksft_ok(n > 0 && (buf[n] = 0, !strcmp(buf, DIR "/file")), "/proc/self/fd shows the path");
	{
		struct pollfd pfd = { .fd = fd, .events = POLLIN };

		ksft_ok(poll(&pfd, 1, 0) == 1 && pfd.revents == POLLNVAL, "poll: POLLNVAL");
	}
	close(d);
	{
		int mfd = syscall(SYS_memfd_create, "x", 0);

		ksft_ok(linkat(fd, "", AT_FDCWD, DIR "/hard", AT_EMPTY_PATH) == 0 &&
			stat(DIR "/hard", &st) == 0 && st.st_nlink == 2 &&
			fails(linkat(mfd, "", AT_FDCWD, DIR "/m", AT_EMPTY_PATH), EXDEV) &&
			fails(linkat(fd, "", AT_FDCWD, DIR "/h2", 0), ENOENT),
			"linkat(AT_EMPTY_PATH) names the file again; a memfd: EXDEV; without the flag ENOENT");
		unlink(DIR "/hard");
		close(mfd);
	}
	ksft_ok(close(fd) == 0 && fails(read(fd, buf, 1), EBADF), "close works");
}

static void test_dir_link_fifo(void)
{
	int dfd = open(DIR, O_PATH | O_DIRECTORY), fd, lfd, ffd;
	char buf[PATH_MAX], cwd[PATH_MAX];
	struct stat st;
	ssize_t n;

	fd = dfd >= 0 ? openat(dfd, "file", O_RDONLY) : -1;
	ksft_ok(fd >= 0 && read(fd, buf, 5) == 5 && !memcmp(buf, "hello", 5),
		"an O_PATH directory works as an *at() dirfd");
	close(fd);
	ksft_ok(fails(syscall(SYS_getdents64, dfd, buf, sizeof(buf)), EBADF), "getdents64: EBADF");
	if (!getcwd(cwd, sizeof(cwd)))
		cwd[0] = 0;
	ksft_ok(fchdir(dfd) == 0 && getcwd(buf, sizeof(buf)) && !strcmp(buf, DIR) && chdir(cwd) == 0,
		"fchdir works");
	lfd = open(DIR "/link", O_PATH | O_NOFOLLOW);
	n = readlinkat(lfd, "", buf, sizeof(buf));
	ksft_ok(lfd >= 0 && fstat(lfd, &st) == 0 && S_ISLNK(st.st_mode) && n == 4 && !memcmp(buf, "file", 4),
		"O_PATH|O_NOFOLLOW: a handle on the link itself; readlinkat(fd, \"\") reads it");
	fd = open(DIR "/link", O_PATH);
	ksft_ok(fd >= 0 && fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
		fails(readlinkat(fd, "", buf, sizeof(buf)), ENOENT),
		"without O_NOFOLLOW it follows; readlinkat(fd, \"\") of a non-link: ENOENT");
	close(fd);
	ksft_ok(fails(open(DIR "/file", O_PATH | O_DIRECTORY), ENOTDIR) &&
		fails(open(DIR "/link", O_PATH | O_NOFOLLOW | O_DIRECTORY), ENOTDIR) &&
		fails(open(DIR "/none", O_PATH | O_CREAT, 0600), ENOENT),
		"O_DIRECTORY on a file or link: ENOTDIR; O_CREAT is ignored (ENOENT)");
	ffd = open(DIR "/fifo", O_PATH);
	ksft_ok(ffd >= 0 && fstat(ffd, &st) == 0 && S_ISFIFO(st.st_mode),
		"a FIFO opens without waiting for a writer");
	close(ffd);
	close(lfd);
	close(dfd);
}

int main(void)
{
	int fd;

	ksft_plan(17);
	mkdir(DIR, 0755);
	fd = open(DIR "/file", O_RDWR | O_CREAT | O_TRUNC, 0600);
	if (fd < 0 || write(fd, "hello", 5) != 5 || symlink("file", DIR "/link") ||
	    mkfifo(DIR "/fifo", 0600))
		ksft_diag("setup failed: %s", strerror(errno));
	close(fd);
	test_file();
	test_dir_link_fifo();
	unlink(DIR "/file");
	unlink(DIR "/link");
	unlink(DIR "/fifo");
	rmdir(DIR);
	ksft_exit();
}
