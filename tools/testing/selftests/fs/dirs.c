/* dirs: mkdir, rmdir, rename, link, symlink and their errors, as Linux has them. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "../kselftest.h"

static char base[] = "/tmp/linnet-dirs-XXXXXX";
static char p1[PATH_MAX], p2[PATH_MAX];

static const char *at(char *buf, const char *rel)
{
	snprintf(buf, PATH_MAX, "%s/%s", base, rel);
	return buf;
}

static int make_file(const char *rel, const char *text)
{
	int fd = open(at(p1, rel), O_CREAT | O_WRONLY | O_TRUNC, 0644);
	int ok = fd >= 0 && write(fd, text, strlen(text)) == (ssize_t)strlen(text);

	if (fd >= 0)
		close(fd);
	return ok;
}

static int file_is(const char *rel, const char *text)
{
	char buf[64] = { 0 };
	int fd = open(at(p1, rel), O_RDONLY);
	ssize_t n = fd >= 0 ? read(fd, buf, sizeof(buf) - 1) : -1;

	if (fd >= 0)
		close(fd);
	return n == (ssize_t)strlen(text) && !strcmp(buf, text);
}

static int fails_with(int ret, int err)
{
	return ret == -1 && errno == err;
}

int main(void)
{
	struct stat st;
	char target[64] = { 0 };

	ksft_plan(14);
	if (!mkdtemp(base))
		return 1;
	ksft_ok(mkdir(at(p1, "d"), 0755) == 0 && stat(p1, &st) == 0 && S_ISDIR(st.st_mode) &&
		st.st_nlink == 2, "mkdir makes a directory with two links");
	ksft_ok(fails_with(mkdir(at(p1, "d"), 0755), EEXIST), "mkdir over a name: EEXIST");
	ksft_ok(make_file("d/f", "one") && fails_with(rmdir(at(p1, "d")), ENOTEMPTY),
		"rmdir of a non-empty directory: ENOTEMPTY");
	ksft_ok(fails_with(mkdir(at(p1, "d/f/x"), 0755), ENOTDIR), "mkdir under a file: ENOTDIR");
	ksft_ok(rename(at(p1, "d/f"), at(p2, "g")) == 0 && file_is("g", "one") &&
		fails_with(access(at(p1, "d/f"), F_OK), ENOENT), "rename moves a file between directories");
	ksft_ok(make_file("h", "two") && rename(at(p1, "h"), at(p2, "g")) == 0 && file_is("g", "two"),
		"rename over an existing file replaces it");
	ksft_ok(fails_with(rename(at(p1, "d"), at(p2, "d/sub")), EINVAL),
		"rename of a directory into itself: EINVAL");
	ksft_ok(link(at(p1, "g"), at(p2, "g2")) == 0 && stat(at(p1, "g"), &st) == 0 &&
		st.st_nlink == 2 && file_is("g2", "two"), "link: a second name, two links");
	ksft_ok(unlink(at(p1, "g")) == 0 && file_is("g2", "two") && stat(at(p1, "g2"), &st) == 0 &&
		st.st_nlink == 1, "unlink of one name keeps the other");
	ksft_ok(symlink("g2", at(p1, "s")) == 0 && readlink(at(p1, "s"), target, sizeof(target)) == 2 &&
		!strcmp(target, "g2") && file_is("s", "two"), "symlink, readlink, and open through it");
	ksft_ok(lstat(at(p1, "s"), &st) == 0 && S_ISLNK(st.st_mode), "lstat sees the link itself");
	ksft_ok(fails_with(rmdir(at(p1, "g2")), ENOTDIR), "rmdir of a file: ENOTDIR");
	ksft_ok(fails_with(rmdir(at(p1, "nothing")), ENOENT), "rmdir of nothing: ENOENT");
	ksft_ok(unlink(at(p1, "s")) == 0 && unlink(at(p1, "g2")) == 0 && rmdir(at(p1, "d")) == 0 &&
		rmdir(base) == 0, "everything removes again");
	ksft_exit();
}
