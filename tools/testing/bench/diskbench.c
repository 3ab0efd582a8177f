/*
 * diskbench: issue 13's disk rows, run as /init (PID 1) of an initramfs
 * under Linnet and under Debian's Linux 6.1 alike, with a fresh ext2
 * image (mke2fs -t ext2 -b 4096) as the only virtio disk, /dev/vda.
 * Prints "bench: <name padded to 40> <median> cycles" lines (one rdtsc
 * tick is one guest instruction under -icount shift=0), then
 * "bench: done", and powers off.
 *
 * Rows (tools/testing/bench/README.md, "The disk rows"):
 *   disk: seq write 64MiB + fsync      open, 1,024 writes of 64 KiB,
 *                                      fsync, close (a new file each time)
 *   disk: seq read 64MiB cold          umount + mount first (untimed),
 *                                      then open, 1,024 reads of 64 KiB, close
 *   disk: create 1000 files + syncfs   open(O_CREAT|O_EXCL)+close each in
 *                                      an empty directory, then syncfs
 *   disk: remove 1000 files + syncfs   unlink each, then syncfs
 *   disk: shared write+msync per page  MAP_SHARED mapping of a 1 MiB file
 *                                      on disk: write one byte of a page,
 *                                      msync(MS_SYNC) that page; / 256
 *
 * DISK_ONLY=PATTERN on the command line ('_' for a space) runs only
 * the rows whose names contain PATTERN.
 *
 * Linux needs its virtio and ext4 modules: when /modules/list exists,
 * the .ko files it names (in /modules) are loaded with finit_module
 * first.  On Linnet (no module loader) that list is absent.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdbool.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#define MNT		"/mnt"
#define DEV		"/dev/vda"
#define BIG		MNT "/big"
#define CHUNK		(64 << 10)
#define BIG_CHUNKS	1024		/* 64 MiB */
#define NFILES		1000
#define MAP_PAGES	256
#define SAMPLES		5

#include "disk_guest.h"

static char buf[CHUNK] __attribute__((aligned(4096)));

static void finish(int code)
{
	fflush(stdout);
	umount(MNT);
	umount("/proc");
	sync();
	reboot(RB_POWER_OFF);
	_exit(code);
}

static void fill(unsigned int i)
{
	memset(buf, 'a' + i % 26, sizeof(buf));
	memcpy(buf, &i, sizeof(i));
}

/* One timed 64 MiB write + fsync of a new file. */
static uint64_t write_big(void)
{
	uint64_t t;
	unsigned int i;
	int fd;

	unlink(BIG);
	sync();
	fill(0);
	t = rdtsc();
	fd = open(BIG, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0)
		die("open " BIG);
	for (i = 0; i < BIG_CHUNKS; i++) {
		memcpy(buf, &i, sizeof(i));
		if (write(fd, buf, CHUNK) != CHUNK)
			die("write");
	}
	if (fsync(fd))
		die("fsync");
	close(fd);
	return rdtsc() - t;
}

/* One timed read of the 64 MiB file after a fresh mount. */
static uint64_t read_big(void)
{
	uint64_t t;
	unsigned int i;
	int fd;

	remount();
	t = rdtsc();
	fd = open(BIG, O_RDONLY);
	if (fd < 0)
		die("open " BIG " for reading");
	for (i = 0; i < BIG_CHUNKS; i++) {
		if (read(fd, buf, CHUNK) != CHUNK)
			die("read");
		if (memcmp(buf, &i, sizeof(i)) || buf[CHUNK - 1] != 'a')
			die("read back: wrong data");
	}
	close(fd);
	return rdtsc() - t;
}

static void files(uint64_t *create, uint64_t *remove)
{
	char name[64];
	uint64_t t;
	int i, dfd;

	if (mkdir(MNT "/d", 0755))
		die("mkdir " MNT "/d");
	dfd = open(MNT "/d", O_RDONLY | O_DIRECTORY);
	if (dfd < 0)
		die("open " MNT "/d");
	sync();
	t = rdtsc();
	for (i = 0; i < NFILES; i++) {
		int fd;

		snprintf(name, sizeof(name), "f%d", i);
		fd = openat(dfd, name, O_WRONLY | O_CREAT | O_EXCL, 0644);
		if (fd < 0)
			die("create");
		close(fd);
	}
	if (syncfs(dfd))
		die("syncfs");
	*create = rdtsc() - t;
	t = rdtsc();
	for (i = 0; i < NFILES; i++) {
		snprintf(name, sizeof(name), "f%d", i);
		if (unlinkat(dfd, name, 0))
			die("unlink");
	}
	if (syncfs(dfd))
		die("syncfs");
	*remove = rdtsc() - t;
	close(dfd);
	if (rmdir(MNT "/d"))
		die("rmdir");
}

/* Requests vda completed so far (/proc/diskstats: reads + writes), or -1. */
static long disk_requests(void)
{
	FILE *f = fopen("/proc/diskstats", "r");
	char line[256], name[32];
	unsigned long rd, rm, rs, rt, wr;
	long n = -1;

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "%*u %*u %31s %lu %lu %lu %lu %lu", name, &rd, &rm, &rs, &rt, &wr) == 6 &&
		    !strcmp(name, "vda"))
			n = (long)(rd + wr);
	fclose(f);
	return n;
}

/* Writes a byte into each page of a shared mapping, msync()ing each. */
static uint64_t shared_msync(void)
{
	uint64_t t;
	char *p;
	int i, fd;

	fd = open(MNT "/map", O_RDWR);
	if (fd < 0)
		die("open " MNT "/map");
	t = rdtsc();
	p = mmap(NULL, MAP_PAGES * 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (p == MAP_FAILED)
		die("mmap");
	for (i = 0; i < MAP_PAGES; i++) {
		p[i * 4096] ^= 1;
		if (msync(p + i * 4096, 4096, MS_SYNC))
			die("msync");
	}
	munmap(p, MAP_PAGES * 4096);
	t = rdtsc() - t;
	close(fd);
	return t;
}

/*
 * The msync row, first: one 4 KiB write and one wait per page, so it is
 * the host's write latency; after the 64 MiB rows the host is still
 * writing their data back to its own disk, which made it slower for the
 * kernel that got there sooner.  The file rows come next, the 64 MiB
 * rows last, for the same reason.
 */
static void msync_row(void)
{
	uint64_t s[SAMPLES];
	long before;
	int i, fd;

	fd = open(MNT "/map", O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0)
		die("create " MNT "/map");
	fill(1);
	for (i = 0; i < MAP_PAGES * 4096 / CHUNK; i++)
		if (write(fd, buf, CHUNK) != CHUNK)
			die("write " MNT "/map");
	if (fsync(fd))
		die("fsync " MNT "/map");
	close(fd);
	before = disk_requests();
	for (i = 0; i < SAMPLES; i++)
		s[i] = shared_msync();
	report("disk: shared write+msync per page", s, SAMPLES, MAP_PAGES);
	if (before >= 0)
		printf("bench: note: %.2f disk requests per msync\n",
		       (double)(disk_requests() - before) / (SAMPLES * MAP_PAGES));
	if (unlink(MNT "/map"))
		die("unlink " MNT "/map");
}

/* DISK_ONLY=PATTERN ('_' for a space, from the command line): only the rows containing it. */
static bool runs(const char *row)
{
	static char only[64];
	const char *env = getenv("DISK_ONLY");

	if (!env || !*env)
		return true;
	snprintf(only, sizeof(only), "%s", env);
	for (char *p = only; *p; p++)
		if (*p == '_')
			*p = ' ';
	return strstr(row, only) != NULL;
}

int main(void)
{
	uint64_t s[SAMPLES], s2[SAMPLES];
	int i, fd;

	if (fcntl(1, F_GETFD) < 0) {
		fd = open("/dev/console", O_RDWR);
		if (fd >= 0) {
			dup2(fd, 0);
			dup2(fd, 1);
			dup2(fd, 2);
		}
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	mkdir("/dev", 0755);
	mkdir("/proc", 0755);
	mkdir(MNT, 0755);
	mount("proc", "/proc", "proc", 0, NULL);	/* for /proc/diskstats */
	if (access(DEV, F_OK))
		mount("devtmpfs", "/dev", "devtmpfs", 0, NULL);
	load_modules();
	for (i = 0; i < 1000 && access(DEV, F_OK); i++)
		usleep(10000);		/* Linux's devtmpfs node comes from a thread */
	do_mount();

	if (runs("disk: shared write+msync per page"))
		msync_row();

	if (runs("disk: create 1000 files + syncfs") || runs("disk: remove 1000 files + syncfs")) {
		for (i = 0; i < SAMPLES; i++)
			files(&s[i], &s2[i]);
		report("disk: create 1000 files + syncfs", s, SAMPLES, 1);
		report("disk: remove 1000 files + syncfs", s2, SAMPLES, 1);
	}

	if (runs("disk: seq write 64MiB + fsync") || runs("disk: seq read 64MiB cold")) {
		for (i = 0; i < SAMPLES; i++)
			s[i] = write_big();
		report("disk: seq write 64MiB + fsync", s, SAMPLES, 1);
		for (i = 0; i < SAMPLES; i++)
			s[i] = read_big();
		report("disk: seq read 64MiB cold", s, SAMPLES, 1);
		if (unlink(BIG))
			die("unlink " BIG);
	}
	printf("bench: done\n");
	finish(0);
	return 0;
}
