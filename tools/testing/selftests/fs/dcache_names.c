/*
 * Names through the dentry cache: a lookup after unlink is ENOENT (and
 * stays so), a recreated name is a new file, one name in two directories
 * is two files, rename over an existing name (same and other directory)
 * leaves one entry, 255-byte names work and 256 are ENAMETOOLONG,
 * /proc/sys/fs/dentry-state has Linux's six fields, and a 10,000-entry
 * directory is created, listed (each entry once) and removed within a
 * generous time.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>
#include "../kselftest.h"

#define NBIG		10000
#define BIG_SECONDS	120	/* generous: Linnet takes about 2 s under TCG */

static char base[] = "/tmp/linnet-dcache-XXXXXX";

static int touch(const char *path)
{
	int fd = open(path, O_CREAT | O_WRONLY | O_EXCL, 0644);

	if (fd < 0)
		return -1;
	close(fd);
	return 0;
}

static char *at(const char *name)
{
	static char path[2][PATH_MAX];
	static int which;

	which ^= 1;
	snprintf(path[which], sizeof(path[0]), "%s/%s", base, name);
	return path[which];
}

/* How often @name appears in directory @dir. */
static int count_in(const char *dir, const char *name)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	while (d && (e = readdir(d)))
		n += !strcmp(e->d_name, name);
	if (d)
		closedir(d);
	return n;
}

static void test_unlink(void)
{
	struct stat st, st2;
	int fd, stays = 1;

	ksft_ok(touch(at("gone")) == 0 && stat(at("gone"), &st) == 0, "created and found");
	fd = open(at("gone"), O_RDWR);
	ksft_ok(unlink(at("gone")) == 0 && stat(at("gone"), &st2) < 0 && errno == ENOENT,
		"after unlink: ENOENT");
	for (int i = 0; i < 5; i++)
		stays &= stat(at("gone"), &st2) < 0 && errno == ENOENT &&
			 open(at("gone"), O_RDONLY) < 0 && errno == ENOENT;
	ksft_ok(stays && count_in(base, "gone") == 0, "and again, by stat and open; not listed");
	ksft_ok(fd >= 0 && fstat(fd, &st2) == 0 && st2.st_nlink == 0 && st2.st_ino == st.st_ino,
		"the open file lives on with nlink 0");
	ksft_ok(touch(at("gone")) == 0 && stat(at("gone"), &st2) == 0 && st2.st_ino != st.st_ino &&
		count_in(base, "gone") == 1, "recreated: a new inode, listed once");
	close(fd);
	ksft_ok(unlink(at("gone")) == 0 && unlink(at("gone")) < 0 && errno == ENOENT,
		"a second unlink: ENOENT");
}

static void test_two_dirs(void)
{
	struct stat a, b;

	mkdir(at("d1"), 0755);
	mkdir(at("d2"), 0755);
	ksft_ok(touch(at("d1/same")) == 0 && touch(at("d2/same")) == 0 &&
		stat(at("d1/same"), &a) == 0 && stat(at("d2/same"), &b) == 0 && a.st_ino != b.st_ino,
		"one name in two directories: two files");
	unlink(at("d2/same"));
	ksft_ok(stat(at("d1/same"), &a) == 0 && stat(at("d2/same"), &b) < 0 && errno == ENOENT,
		"unlinking one leaves the other");
}

static void test_rename(void)
{
	struct stat a, b;

	touch(at("old"));
	touch(at("new"));
	stat(at("old"), &a);
	ksft_ok(rename(at("old"), at("new")) == 0 && stat(at("new"), &b) == 0 &&
		b.st_ino == a.st_ino && stat(at("old"), &b) < 0 && errno == ENOENT,
		"rename over an existing name: the name is the old file's, the old name ENOENT");
	ksft_ok(count_in(base, "new") == 1 && count_in(base, "old") == 0,
		"listed once under the new name");
	ksft_ok(rename(at("new"), at("d2/moved")) == 0 && rename(at("d1/same"), at("d2/moved")) == 0 &&
		count_in(at("d2"), "moved") == 1 && count_in(at("d1"), "same") == 0 &&
		stat(at("d1/same"), &b) < 0 && errno == ENOENT,
		"rename into another directory, then over that name");
	ksft_ok(rename(at("d2/moved"), at("d2/moved")) == 0 && count_in(at("d2"), "moved") == 1,
		"rename onto itself changes nothing");
	ksft_ok(rename(at("d2/none"), at("d2/x")) < 0 && errno == ENOENT, "rename of a missing name: ENOENT");
	unlink(at("d2/moved"));
	ksft_ok(rmdir(at("d1")) == 0 && rmdir(at("d2")) == 0, "the emptied directories go");
}

static void test_long_names(void)
{
	char name[258];

	memset(name, 'n', 255);
	name[255] = '\0';
	ksft_ok(touch(at(name)) == 0 && count_in(base, name) == 1 && unlink(at(name)) == 0,
		"a 255-byte name is created, listed and removed");
	strcat(name, "n");
	ksft_ok(touch(at(name)) < 0 && errno == ENAMETOOLONG, "256 bytes: ENAMETOOLONG");
	errno = 0;
	ksft_ok(access(at(name), F_OK) < 0 && errno == ENAMETOOLONG, "looking it up too");
}

static void test_dentry_state(void)
{
	long v[6];
	FILE *f = fopen("/proc/sys/fs/dentry-state", "r");
	int n = f ? fscanf(f, "%ld %ld %ld %ld %ld %ld", &v[0], &v[1], &v[2], &v[3], &v[4], &v[5]) : 0;

	if (f)
		fclose(f);
	ksft_ok(n == 6 && v[0] > 0 && v[1] >= 0 && v[2] == 45 && v[3] == 0 && v[4] >= 0,
		"/proc/sys/fs/dentry-state: six fields, age_limit 45");
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/*
 * Creates (mknod: one system call each), lists (every entry exactly
 * once), stats every 100th and removes @n files in @dir; seconds, or -1.
 */
static double big_dir(const char *dir, int n)
{
	static unsigned char seen[NBIG];
	static char buf[65536];
	char path[PATH_MAX];
	double t = now();
	int listed = 0, fd;
	struct stat st;
	long got;

	if (mkdir(dir, 0755))
		return -1;
	for (int i = 0; i < n; i++) {
		snprintf(path, sizeof(path), "%s/entry-%d", dir, i);
		if (mknod(path, S_IFREG | 0644, 0))
			return -1;
	}
	memset(seen, 0, sizeof(seen));
	fd = open(dir, O_RDONLY | O_DIRECTORY);
	while (fd >= 0 && (got = syscall(SYS_getdents64, fd, buf, sizeof(buf))) > 0) {
		for (long off = 0; off < got;) {
			const char *name = buf + off + 19;	/* d_ino, d_off, d_reclen, d_type */
			int i = !strncmp(name, "entry-", 6) ? atoi(name + 6) : -1;

			if (i >= 0 && i < n && !seen[i]++)
				listed++;
			off += *(unsigned short *)(buf + off + 16);
		}
	}
	if (fd >= 0)
		close(fd);
	for (int i = 0; i < n; i++) {
		snprintf(path, sizeof(path), "%s/entry-%d", dir, i);
		if (i % 100 == 0 && stat(path, &st))
			return -1;
		if (unlink(path))
			return -1;
	}
	if (listed != n || rmdir(dir))
		return -1;
	return now() - t;
}

/*
 * Linnet's page_accounting_check=N (make test's selftest boot) takes a
 * census of every page frame every Nth system call: 10,000 entries then
 * cost minutes, so that boot checks 1,000; make selftest and Linux 10,000.
 */
static int big_n(void)
{
	char line[1024] = "";
	FILE *f = fopen("/proc/cmdline", "r");
	const char *p;

	if (f) {
		if (!fgets(line, sizeof(line), f))
			line[0] = '\0';
		fclose(f);
	}
	p = strstr(line, "page_accounting_check=");
	return p && atoi(p + 22) > 0 ? NBIG / 10 : NBIG;
}

static void test_big(void)
{
	int n = big_n();
	double t = big_dir(at("big"), n);

	if (n != NBIG)
		ksft_diag("page_accounting_check is on: %d entries, not %d", n, NBIG);
	ksft_ok(t >= 0 && t < BIG_SECONDS,
		"%d entries created, each listed once, removed in %.1f s (bound %d s)", n, t,
		BIG_SECONDS);
}

int main(void)
{
	ksft_plan(20);
	if (!mkdtemp(base))
		return 1;
	test_unlink();
	test_two_dirs();
	test_rename();
	test_long_names();
	test_dentry_state();
	test_big();
	ksft_ok(rmdir(base) == 0, "all gone");
	ksft_exit();
}
