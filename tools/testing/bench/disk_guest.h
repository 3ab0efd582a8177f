/*
 * What the disk-bench guests (diskbench.c, swapbench.c: each runs as
 * /init under Linnet and under Linux 6.1) share: the cycle counter,
 * medians and rows, the module loading Linux needs, mounting the ext2
 * disk.  The includer defines MNT and DEV and its own finish(), which
 * powers the machine off.
 */
#ifndef DISK_GUEST_H
#define DISK_GUEST_H

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/syscall.h>
#include <unistd.h>

static void finish(int code);

static inline uint64_t rdtsc(void)
{
	uint32_t lo, hi;

	asm volatile("rdtsc" : "=a"(lo), "=d"(hi) : : "memory");
	return ((uint64_t)hi << 32) | lo;
}

static void die(const char *what)
{
	printf("bench: FAILED: %s: %s\n", what, strerror(errno));
	finish(1);
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

static uint64_t median(uint64_t *s, int n)
{
	qsort(s, n, sizeof(*s), cmp_u64);
	return s[n / 2];
}

/* One row: the median of @n samples, divided by @per. */
static void report(const char *name, uint64_t *s, int n, unsigned long per)
{
	printf("bench: %-40s %llu cycles\n", name, (unsigned long long)(median(s, n) / per));
}

/* Loads the modules /modules/list names, in order (Linux only). */
static void load_modules(void)
{
	FILE *f = fopen("/modules/list", "r");
	char name[128], path[160];

	if (!f)
		return;
	while (fscanf(f, "%127s", name) == 1) {
		int fd;

		snprintf(path, sizeof(path), "/modules/%s.ko", name);
		fd = open(path, O_RDONLY | O_CLOEXEC);
		if (fd < 0 || syscall(SYS_finit_module, fd, "", 0))
			printf("bench: note: loading %s: %s\n", name, strerror(errno));
		if (fd >= 0)
			close(fd);
	}
	fclose(f);
}

static void do_mount(void)
{
	if (mount(DEV, MNT, "ext2", 0, NULL))
		die("mount " DEV);
}

/* umount + mount: both kernels drop the file system's cached pages. */
static void remount(void)
{
	if (umount(MNT))
		die("umount");
	do_mount();
}

#endif
