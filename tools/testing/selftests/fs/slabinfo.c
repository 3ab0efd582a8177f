/*
 * slabinfo: /proc/slabinfo in Linux's version 2.1 format, and counts that
 * move: creating many files grows the active objects of some cache.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
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

static unsigned long total_active(const struct cache *c, int n)
{
	unsigned long sum = 0;

	for (int i = 0; i < n; i++)
		sum += c[i].active;
	return sum;
}

int main(void)
{
	static struct cache before[512], after[512];
	char first[128], dir[] = "/tmp/linnet-slab-XXXXXX", path[128];
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
	if (!mkdtemp(dir))
		return 1;
	for (int i = 0; i < 500; i++) {
		int fd;

		snprintf(path, sizeof(path), "%s/f%d", dir, i);
		fd = open(path, O_CREAT | O_WRONLY, 0644);
		if (fd >= 0)
			close(fd);
	}
	m = read_slabinfo(after, 512, first, sizeof(first));
	ksft_ok(m > 0 && total_active(after, m) >= total_active(before, n) + 500,
		"500 new files add at least 500 active objects (%lu -> %lu)",
		total_active(before, n), m > 0 ? total_active(after, m) : 0);
	for (int i = 0; i < 500; i++) {
		snprintf(path, sizeof(path), "%s/f%d", dir, i);
		unlink(path);
	}
	rmdir(dir);
	m = read_slabinfo(after, 512, first, sizeof(first));
	ksft_ok(m > 0, "still readable after the files are gone");
	ksft_exit();
}
