/*
 * proc_map_files: /proc/self/map_files/ names each VMA with a file as
 * "start-end" (lowercase hex, no 0x): readlink gives the path, open
 * through it reaches the file; anonymous memory is not there; names
 * parse strictly (no leading zero, no spaces, no part of a VMA); a MAP_PRIVATE mapping of
 * /dev/zero keeps /dev/zero as its file (maps and map_files) while
 * staying anonymous memory (copy-on-write at fork, mremap, mincore,
 * MADV_WIPEONFORK refused as for any file VMA); following needs
 * CAP_SYS_ADMIN, readlink does not.  Needs root.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include "../kselftest.h"

#define PAGE 4096UL

static char name[128];

static const char *mf(void *a, unsigned long len)
{
	snprintf(name, sizeof(name), "/proc/self/map_files/%lx-%lx", (unsigned long)a,
		 (unsigned long)a + len);
	return name;
}

static int link_is(const char *path, const char *want)
{
	char buf[256];
	ssize_t n = readlink(path, buf, sizeof(buf) - 1);

	if (n < 0)
		return 0;
	buf[n] = '\0';
	return !strcmp(buf, want);
}

static int enoent(const char *path)
{
	char buf[64];

	return readlink(path, buf, sizeof(buf)) == -1 && errno == ENOENT;
}

/* Is the name of @a-@a+len in the directory listing? */
static int listed(void *a, unsigned long len)
{
	char want[64];
	struct dirent *de;
	DIR *d = opendir("/proc/self/map_files");
	int found = 0;

	if (!d)
		return -1;
	snprintf(want, sizeof(want), "%lx-%lx", (unsigned long)a, (unsigned long)a + len);
	while ((de = readdir(d)))
		if (!strcmp(de->d_name, want) && de->d_type == DT_LNK)
			found = 1;
	closedir(d);
	return found;
}

/* Does /proc/self/maps have a line starting at @a that ends in @path? */
static int maps_names(void *a, const char *path)
{
	char line[512], start[32];
	FILE *f = fopen("/proc/self/maps", "r");
	int found = 0;

	if (!f)
		return 0;
	snprintf(start, sizeof(start), "%08lx-", (unsigned long)a);
	while (fgets(line, sizeof(line), f)) {
		size_t n = strlen(line);

		if (n && line[n - 1] == '\n')
			line[--n] = '\0';
		if (!strncmp(line, start, strlen(start)) && n >= strlen(path) &&
		    !strcmp(line + n - strlen(path), path))
			found = 1;
	}
	fclose(f);
	return found;
}

static void test_file(void)
{
	const char *path = "/tmp/map_files_test";
	char buf[8] = { 0 };
	struct stat st1, st2;
	char *p;
	int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600), fd2;

	ksft_ok(fd >= 0 && write(fd, "hello", 5) == 5 && ftruncate(fd, 2 * PAGE) == 0,
		"a two-page file");
	p = mmap(NULL, 2 * PAGE, PROT_READ, MAP_SHARED, fd, 0);
	ksft_ok(p != MAP_FAILED, "mapped shared");
	ksft_ok(link_is(mf(p, 2 * PAGE), path), "readlink gives its path");
	ksft_ok(listed(p, 2 * PAGE) == 1, "the directory lists it as a link");
	fd2 = open(mf(p, 2 * PAGE), O_RDONLY);
	ksft_ok(fd2 >= 0 && read(fd2, buf, 5) == 5 && !strcmp(buf, "hello") &&
		fstat(fd, &st1) == 0 && fstat(fd2, &st2) == 0 && st1.st_ino == st2.st_ino,
		"open through it reaches the file");
	close(fd2);
	ksft_ok(enoent(mf(p, PAGE)) && enoent(mf(p + PAGE, PAGE)), "part of the VMA: ENOENT");
	snprintf(name, sizeof(name), "/proc/self/map_files/0%lx-%lx", (unsigned long)p,
		 (unsigned long)p + 2 * PAGE);
	ksft_ok(enoent(name), "a leading zero: ENOENT");
	snprintf(name, sizeof(name), "/proc/self/map_files/%lx-%lx ", (unsigned long)p,
		 (unsigned long)p + 2 * PAGE);
	ksft_ok(enoent(name), "a trailing space: ENOENT");
	snprintf(name, sizeof(name), "/proc/self/map_files/100000000%lx-%lx", (unsigned long)p,
		 (unsigned long)p + 2 * PAGE);
	ksft_ok(enoent(name), "overflowing: ENOENT");
	ksft_ok(enoent("/proc/self/map_files/-") && enoent("/proc/self/map_files/x-y") &&
		enoent("/proc/self/map_files/1000"), "not a range: ENOENT");
	ksft_ok(munmap(p, 2 * PAGE) == 0 && enoent(mf(p, 2 * PAGE)) && listed(p, 2 * PAGE) == 0,
		"gone with the mapping");
	close(fd);
	unlink(path);
}

static void test_anon(void)
{
	char *p = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	ksft_ok(p != MAP_FAILED && enoent(mf(p, PAGE)) && listed(p, PAGE) == 0,
		"anonymous memory has no entry");
	munmap(p, PAGE);
}

static void test_dev_zero(void)
{
	int fd = open("/dev/zero", O_RDWR), st;
	unsigned char vec;
	char *p, *q;
	pid_t pid;

	p = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	ksft_ok(p != MAP_FAILED, "/dev/zero mapped private");
	ksft_ok(maps_names(p, "/dev/zero"), "maps names /dev/zero");
	ksft_ok(link_is(mf(p, 2 * PAGE), "/dev/zero") && listed(p, 2 * PAGE) == 1,
		"map_files lists it, leading to /dev/zero");
	ksft_ok(mincore(p, PAGE, &vec) == 0 && !(vec & 1), "not resident before a touch");
	p[0] = 'p';
	ksft_ok(mincore(p, PAGE, &vec) == 0 && (vec & 1), "resident after a write");
	pid = fork();
	if (pid == 0) {
		p[0] = 'c';
		p[PAGE] = 'c';
		_exit(p[0] == 'c' && p[PAGE] == 'c' ? 0 : 1);
	}
	ksft_ok(pid > 0 && waitpid(pid, &st, 0) == pid && KSFT_EXITED(st, 0) && p[0] == 'p' &&
		p[PAGE] == 0, "fork: copy-on-write, the child's writes stay its own");
	ksft_ok(madvise(p, PAGE, MADV_WIPEONFORK) == -1 && errno == EINVAL,
		"MADV_WIPEONFORK: EINVAL (it has a file, as Linux)");
	q = mremap(p, 2 * PAGE, 4 * PAGE, MREMAP_MAYMOVE);
	ksft_ok(q != MAP_FAILED && q[0] == 'p' && q[3 * PAGE] == 0, "mremap grows it, contents kept");
	ksft_ok(q != MAP_FAILED && link_is(mf(q, 4 * PAGE), "/dev/zero"),
		"the grown mapping still names /dev/zero");
	munmap(q, 4 * PAGE);
	close(fd);
}

/* As nobody (dumpable, no capabilities): readlink works, open through it EPERM. */
static void test_unprivileged(void)
{
	int fd = open("/dev/zero", O_RDONLY), st;
	char *p = mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE, fd, 0);
	pid_t pid = fork();

	if (pid == 0) {
		if (setgid(65534) || setuid(65534) || prctl(PR_SET_DUMPABLE, 1))
			_exit(2);
		if (!link_is(mf(p, PAGE), "/dev/zero"))
			_exit(3);
		_exit(open(mf(p, PAGE), O_RDONLY) == -1 && errno == EPERM ? 0 : 4);
	}
	ksft_ok(pid > 0 && waitpid(pid, &st, 0) == pid && KSFT_EXITED(st, 0),
		"without CAP_SYS_ADMIN: readlink works, open EPERM");
	munmap(p, PAGE);
	close(fd);
}

int main(void)
{
	ksft_plan(23);
	test_file();
	test_anon();
	test_dev_zero();
	test_unprivileged();
	ksft_ok(access("/proc/self/map_files", R_OK | X_OK) == 0, "the directory is there");
	ksft_exit();
}
