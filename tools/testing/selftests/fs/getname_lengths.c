/*
 * getname_lengths: a path argument is read whole whatever its length up
 * to PATH_MAX - 1 bytes (lengths around 128 too, where Linnet switches
 * from a short buffer to a PATH_MAX one and reads the name again), is
 * ENAMETOOLONG from PATH_MAX bytes on, and EFAULT when it runs into an
 * unmapped page before its NUL, short or long, or starts in kernel space.
 * open() reads its path the same way.  An absolute path does not look
 * at the directory descriptor: openat() and fstatat() with a bad one
 * work, while a relative path with it is EBADF.
 */
#include "../kselftest.h"
#include <fcntl.h>
#include <limits.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/stat.h>

static char buf[PATH_MAX + 64];

/* "////...///tmp" of @len bytes. */
static const char *slashes_tmp(size_t len)
{
	memset(buf, '/', len - 3);
	memcpy(buf + len - 3, "tmp", 4);
	return buf;
}

static int stat_ok(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static int stat_errno(const char *path)
{
	struct stat st;

	errno = 0;
	return stat(path, &st) < 0 ? errno : 0;
}

/* open(@path, O_RDONLY | O_DIRECTORY) works (the descriptor is closed). */
static int open_ok(const char *path)
{
	int fd = open(path, O_RDONLY | O_DIRECTORY);

	return fd >= 0 && close(fd) == 0;
}

static int open_errno(const char *path)
{
	int fd;

	errno = 0;
	fd = open(path, O_RDONLY);
	if (fd >= 0) {
		close(fd);
		return 0;
	}
	return errno;
}

/* Absolute paths ignore the directory descriptor; relative ones need it. */
static void bad_dirfd(void)
{
	struct stat st;
	int fd = openat(-1, "/tmp", O_RDONLY | O_DIRECTORY), fd2 = openat(9999, "/tmp", O_RDONLY);

	ksft_ok(fd >= 0 && fd2 >= 0 && fstatat(12345, "/tmp", &st, 0) == 0 && S_ISDIR(st.st_mode),
		"an absolute path with a bad directory descriptor: openat and fstatat work");
	if (fd >= 0)
		close(fd);
	if (fd2 >= 0)
		close(fd2);
	errno = 0;
	fd = openat(-1, "tmp", O_RDONLY);
	ksft_ok(fd < 0 && errno == EBADF && fstatat(12345, "tmp", &st, 0) < 0 && errno == EBADF,
		"a relative path with one: EBADF");
}

int main(void)
{
	static const size_t ok_lengths[] = { 4, 126, 127, 128, 129, 254, 255, 256, 257, 300, 4094, PATH_MAX - 1 };
	char *pages = mmap(NULL, 2 * KSFT_PAGE, PROT_READ | PROT_WRITE,
			   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	int all = 1;

	ksft_plan(12);
	for (size_t i = 0; i < sizeof(ok_lengths) / sizeof(ok_lengths[0]); i++)
		if (!stat_ok(slashes_tmp(ok_lengths[i]))) {
			ksft_diag("length %zu: %s", ok_lengths[i], strerror(errno));
			all = 0;
		}
	ksft_ok(all, "paths of 4 to PATH_MAX - 1 bytes (126-129 and 254-257 among them) are looked up whole");
	ksft_ok(stat_errno(slashes_tmp(PATH_MAX)) == ENAMETOOLONG &&
		stat_errno(slashes_tmp(PATH_MAX + 40)) == ENAMETOOLONG,
		"PATH_MAX bytes and more: ENAMETOOLONG");
	all = 1;
	for (size_t i = 0; i < sizeof(ok_lengths) / sizeof(ok_lengths[0]); i++)
		if (!open_ok(slashes_tmp(ok_lengths[i]))) {
			ksft_diag("open, length %zu: %s", ok_lengths[i], strerror(errno));
			all = 0;
		}
	ksft_ok(all, "open: the same lengths are opened");
	ksft_ok(open_errno(slashes_tmp(PATH_MAX)) == ENAMETOOLONG, "open: PATH_MAX bytes: ENAMETOOLONG");
	ksft_ok(open_errno(NULL) == EFAULT && open_errno((const char *)0xc0000000UL) == EFAULT,
		"open: a NULL or kernel-space path: EFAULT");
	bad_dirfd();
	ksft_ok(stat_errno(NULL) == EFAULT, "a NULL path: EFAULT");
	ksft_ok(stat_errno((const char *)0xc0000000UL) == EFAULT &&
		stat_errno((const char *)0xfffffffcUL) == EFAULT, "a path in kernel space: EFAULT");
	if (pages == MAP_FAILED || munmap(pages + KSFT_PAGE, KSFT_PAGE)) {
		ksft_ok(0, "a page with an unmapped one after it");
		ksft_exit();
	}
	/* names that end exactly at the end of the mapped page */
	memset(pages, '/', KSFT_PAGE);
	memcpy(pages + KSFT_PAGE - 4, "tmp", 4);
	ksft_ok(stat_ok(pages + KSFT_PAGE - 300) && stat_ok(pages + KSFT_PAGE - 100),
		"a 300- and a 100-byte path whose NUL is the page's last byte work");
	pages[KSFT_PAGE - 1] = 'p';	/* no NUL before the unmapped page */
	ksft_ok(stat_errno(pages + KSFT_PAGE - 300) == EFAULT,
		"a 300-byte path running into an unmapped page: EFAULT");
	ksft_ok(stat_errno(pages + KSFT_PAGE - 100) == EFAULT,
		"a 100-byte one too");
	ksft_exit();
}
