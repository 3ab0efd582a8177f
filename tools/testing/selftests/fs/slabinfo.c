/*
 * slabinfo: /proc/slabinfo in Linux's version 2.1 format, and counts that
 * move: on Linnet, creating 500 files adds 501 dentries and removing them
 * gives every one back (elsewhere other processes move the counts too).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/utsname.h>
#include "../kselftest.h"

struct cache {
	char name[64];
	unsigned long active, total, objsize, perslab, pages, slabs, nslabs;
};

/* Reads every cache line; returns how many, -1 if the format is wrong. */
static int read_slabinfo(struct cache *c, int max, char *first, size_t flen)
{
	FILE *f = fopen("/proc/slabinfo", "r");
	char line[512];
	int n = 0;

	if (!f)
		return -1;
	if (!fgets(first, flen, f) || !fgets(line, sizeof(line), f) || strncmp(line, "# name", 6)) {
		fclose(f);
		return -1;
	}
	while (n < max && fgets(line, sizeof(line), f)) {
		unsigned long lim, batch, shared, avail;

		if (sscanf(line, "%63s %lu %lu %lu %lu %lu : tunables %lu %lu %lu : slabdata %lu %lu %lu",
			   c[n].name, &c[n].active, &c[n].total, &c[n].objsize, &c[n].perslab,
			   &c[n].pages, &lim, &batch, &shared, &c[n].slabs, &c[n].nslabs,
			   &avail) != 12) {
			fclose(f);
			return -1;
		}
		n++;
	}
	fclose(f);
	return n;
}

/* Active objects of the cache called @name (every file has a dentry). */
static unsigned long active_of(const struct cache *c, int n, const char *name)
{
	for (int i = 0; i < n; i++)
		if (!strcmp(c[i].name, name))
			return c[i].active;
	return 0;
}

static int on_linnet(void)
{
	struct utsname u;

	return uname(&u) == 0 && !strcmp(u.sysname, "Linnet");
}

/* Creates (or with @create 0 removes) the files f0..f499 in @dir. */
static void make_files(const char *dir, int create)
{
	char path[128];

	for (int i = 0; i < 500; i++) {
		int fd;

		snprintf(path, sizeof(path), "%s/f%d", dir, i);
		if (!create) {
			unlink(path);
			continue;
		}
		fd = open(path, O_CREAT | O_WRONLY, 0644);
		if (fd >= 0)
			close(fd);
	}
}

int main(void)
{
	static struct cache before[512], after[512];
	char first[128], dir[] = "/tmp/linnet-slab-XXXXXX";
	int n, m, sane = 1;

	if (access("/proc/slabinfo", R_OK) != 0) {
		ksft_plan(1);
		ksft_skip(strerror(errno), "/proc/slabinfo is not readable here");
		ksft_exit();
	}
	ksft_plan(4);
	n = read_slabinfo(before, 512, first, sizeof(first));
	ksft_ok(n > 0 && !strcmp(first, "slabinfo - version: 2.1\n"),
		"version 2.1 header, then %d cache lines in the 12-number format", n);
	for (int i = 0; i < n; i++)
		sane &= before[i].active <= before[i].total && before[i].objsize > 0 &&
			before[i].perslab > 0 && before[i].pages > 0 &&
			before[i].total <= before[i].nslabs * before[i].perslab;
	ksft_ok(n > 0 && sane, "active <= total <= slabs * objects per slab, sizes positive");
	if (!on_linnet()) {
		/* Counts are system-wide; on a busy host others move them too. */
		ksft_skip("not Linnet", "500 new files add 500 active dentries");
		ksft_skip("not Linnet", "removing them brings the dentry count back");
		ksft_exit();
	}
	if (!mkdtemp(dir))
		return 1;
	make_files(dir, 1);
	m = read_slabinfo(after, 512, first, sizeof(first));
	ksft_ok(m > 0 && active_of(after, m, "dentry") >= active_of(before, n, "dentry") + 501,
		"500 new files (and their directory) add 501 active dentries (%lu -> %lu)",
		active_of(before, n, "dentry"), m > 0 ? active_of(after, m, "dentry") : 0);
	make_files(dir, 0);
	rmdir(dir);
	m = read_slabinfo(after, 512, first, sizeof(first));
	ksft_ok(m > 0 && active_of(after, m, "dentry") == active_of(before, n, "dentry"),
		"removing them brings the dentry count back (%lu -> %lu): nothing leaks",
		active_of(before, n, "dentry"), m > 0 ? active_of(after, m, "dentry") : 0);
	ksft_exit();
}
