/*
 * dirbench: instructions (rdtsc under -icount shift=0) for directory
 * operations on N = 100, 1,000 and 10,000 files in one directory:
 * create, list with an lstat per entry (ls -l), stat by name, rename,
 * and remove (list, then unlink each, as rm -rf).  Runs as /init of an
 * initramfs under Linnet and Linux alike; prints "dirbench:" lines.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <unistd.h>

static unsigned long long rdtsc(void)
{
	unsigned int lo, hi;

	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return ((unsigned long long)hi << 32) | lo;
}

static void die(const char *what)
{
	perror(what);
	printf("dirbench: FAILED\n");
	fflush(stdout);
	reboot(RB_POWER_OFF);
	_exit(1);
}

/* Lists @dir; with @dfd >= 0 and @do_unlink, unlinks each entry; else lstats it. */
static int list_dir(const char *dir, int do_unlink)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	struct stat st;
	int n = 0;

	if (!d)
		die("opendir");
	while ((e = readdir(d))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		if (do_unlink ? unlinkat(dirfd(d), e->d_name, 0) :
				fstatat(dirfd(d), e->d_name, &st, AT_SYMLINK_NOFOLLOW))
			die(do_unlink ? "unlinkat" : "fstatat");
		n++;
	}
	closedir(d);
	return n;
}

static void report(const char *op, int n, unsigned long long t)
{
	printf("dirbench: %-8s N=%-6d %12llu instructions %8llu per file\n", op, n, t,
	       t / (unsigned long long)n);
}

static void run(int n)
{
	char dir[32], name[64], name2[64];
	unsigned long long t;
	struct stat st;
	int i;

	snprintf(dir, sizeof(dir), "/dirbench%d", n);
	if (mkdir(dir, 0755))
		die("mkdir");
	t = rdtsc();
	for (i = 0; i < n; i++) {
		int fd;

		snprintf(name, sizeof(name), "%s/file-%06d", dir, i);
		fd = open(name, O_WRONLY | O_CREAT | O_EXCL, 0644);
		if (fd < 0)
			die("open");
		close(fd);
	}
	report("create", n, rdtsc() - t);

	t = rdtsc();
	if (list_dir(dir, 0) != n)
		die("list count");
	report("ls-l", n, rdtsc() - t);

	t = rdtsc();
	for (i = 0; i < n; i++) {
		snprintf(name, sizeof(name), "%s/file-%06d", dir, i);
		if (stat(name, &st))
			die("stat");
		snprintf(name, sizeof(name), "%s/none-%06d", dir, i);
		if (!stat(name, &st))
			die("stat of a missing name");
	}
	report("stat", n, rdtsc() - t);

	t = rdtsc();
	for (i = 0; i < n; i++) {
		snprintf(name, sizeof(name), "%s/file-%06d", dir, i);
		snprintf(name2, sizeof(name2), "%s/renamed-%06d", dir, i);
		if (rename(name, name2))
			die("rename");
	}
	report("rename", n, rdtsc() - t);

	/* A readdir that loses its place under unlinks needs more passes. */
	t = rdtsc();
	for (i = 1; list_dir(dir, 1) > 0; i++)
		;
	if (rmdir(dir))
		die("rmdir");
	report("rm-rf", n, rdtsc() - t);
	if (i > 2)
		printf("dirbench: rm-rf    N=%-6d took %d readdir passes, not 1\n", n, i - 1);
}

int main(void)
{
	if (fcntl(1, F_GETFD) < 0) {
		int fd = open("/dev/console", O_RDWR);

		if (fd >= 0) {
			dup2(fd, 0);
			dup2(fd, 1);
			dup2(fd, 2);
		}
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	run(100);
	run(1000);
	run(10000);
	printf("dirbench: done\n");
	fflush(stdout);
	sync();
	reboot(RB_POWER_OFF);
	_exit(0);
}
