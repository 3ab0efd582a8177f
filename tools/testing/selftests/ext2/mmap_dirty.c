/*
 * A writer through a MAP_SHARED mapping of an ext2 file counts against
 * the dirty limits as a write(2) writer does, and its data reaches the
 * disk: on vdc (scripts/mkdisk-ext2, 4 KiB blocks; skipped without it or
 * without root), with vm.dirty_bytes 1 MiB, 4 MiB written through the
 * mapping of a new sparse file (every page a hole, so writeback
 * allocates its blocks) never hold much more than that dirty; msync
 * (MS_SYNC) writes it all; after munmap, umount and mount every byte
 * reads back.  msync's errors: unaligned EINVAL, MS_SYNC|MS_ASYNC
 * EINVAL, the range once unmapped ENOMEM.  Puts vm.dirty_* back.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>
#include "../kselftest.h"
#include "../block/ext2_image.h"

#define NTESTS		9
#define SIZE		(4 << 20)
#define STEP		(64 << 10)
#define MNT		"/tmp/mnt-mmap-dirty"
#define FILE_		MNT "/mmap-dirty.dat"
#define VM		"/proc/sys/vm/"
#define SLACK_KB	64	/* dirt of anything else running meanwhile */

static const char *const knobs[] = { "dirty_ratio", "dirty_background_ratio" };
static char saved[2][32];
static char rbuf[STEP];

/* Writes @val to /proc/sys/vm/@name: 0 or -1. */
static int put(const char *name, const char *val)
{
	char path[128];

	snprintf(path, sizeof(path), VM "%s", name);
	return ksft_write_file(path, val);
}

/* Writing the ratios back also clears dirty_bytes and dirty_background_bytes. */
static void restore_knobs(void)
{
	put("dirty_ratio", "1");	/* a change: Linux clears dirty_bytes only then */
	for (int i = 0; i < 2; i++)
		put(knobs[i], saved[i]);
}

static long long dirty_kb(void)
{
	static char text[8192];
	char *p;

	if (ksft_read_file("/proc/meminfo", text, sizeof(text)) < 0)
		return -1;
	p = strstr(text, "\nDirty:");
	return p ? atoll(p + 7) : -1;
}

static unsigned char byte_at(long i)
{
	return (unsigned char)(i * 7 + i / 4096 + 1);	/* never a whole zero page */
}

/* Every byte of the file as written; 1 if so. */
static int reads_back(void)
{
	int fd = open(FILE_, O_RDONLY), ok = fd >= 0;

	for (long off = 0; ok && off < SIZE; off += STEP) {
		ok = pread(fd, rbuf, STEP, off) == STEP;
		for (long i = 0; ok && i < STEP; i++)
			ok = (unsigned char)rbuf[i] == byte_at(off + i);
	}
	if (fd >= 0)
		close(fd);
	return ok;
}

/* Writes the mapping in STEP pieces; the highest Dirty: seen, in kB (-1: no mapping). */
static long long write_mapping(unsigned char *p)
{
	long long peak = 0;

	for (long off = 0; off < SIZE; off += STEP) {
		long long d;

		for (long i = 0; i < STEP; i++)
			p[off + i] = byte_at(off + i);
		d = dirty_kb();
		if (d > peak)
			peak = d;
	}
	return peak;
}

/* msync's checks, Linux's order: flags and alignment first, then the range. */
static void msync_errors(unsigned char *p)
{
	int r;

	r = msync(p + 1, 4096, MS_SYNC);
	ksft_ok(r == -1 && errno == EINVAL, "msync of an unaligned address: EINVAL (%s)",
		r ? strerror(errno) : "0");
	r = msync(p, 4096, MS_SYNC | MS_ASYNC);
	ksft_ok(r == -1 && errno == EINVAL, "msync MS_SYNC|MS_ASYNC: EINVAL (%s)",
		r ? strerror(errno) : "0");
	munmap(p, SIZE);
	r = msync(p, 4096, MS_SYNC);
	ksft_ok(r == -1 && errno == ENOMEM, "msync of the range once unmapped: ENOMEM (%s)",
		r ? strerror(errno) : "0");
}

static void run(const char *dev)
{
	unsigned char *p = MAP_FAILED;
	long long peak = -1;
	int fd, ok;

	fd = open(FILE_, O_RDWR | O_CREAT | O_TRUNC, 0644);
	ok = fd >= 0 && ftruncate(fd, SIZE) == 0;
	if (ok)
		p = mmap(NULL, SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	ksft_ok(ok && p != MAP_FAILED, "a new 4 MiB sparse file mapped MAP_SHARED");
	ok = put("dirty_bytes", "1048576") == 0 && put("dirty_background_bytes", "262144") == 0;
	ksft_ok(ok, "dirty_bytes 1 MiB, dirty_background_bytes 256 KiB");
	if (p != MAP_FAILED && ok)
		peak = write_mapping(p);
	ksft_ok(peak > 0 && peak <= 2048 + SLACK_KB,
		"4 MiB written through the mapping: Dirty peaked at %lld kB (limit 1024 kB)", peak);
	restore_knobs();
	ok = p != MAP_FAILED && msync(p, SIZE, MS_SYNC) == 0;
	ksft_ok(ok, "msync(MS_SYNC) of all of it: 0 (%s)", ok ? "0" : strerror(errno));
	if (p != MAP_FAILED) {
		msync_errors(p);
	} else {
		for (int i = 0; i < 3; i++)
			ksft_ok(0, "msync errors: no mapping");
	}
	if (fd >= 0)
		close(fd);
	ksft_ok(reads_back(), "read() gives back every byte written through the mapping");
	ok = umount(MNT) == 0 && mount(dev, MNT, "ext2", 0, NULL) == 0;
	ksft_ok(ok && reads_back(), "after umount and mount too (it reached the disk)");
}

int main(void)
{
	char dev[64];

	ksft_plan(NTESTS);
	for (int i = 0; i < 2; i++) {
		char path[128];

		snprintf(path, sizeof(path), VM "%s", knobs[i]);
		ksft_read_file(path, saved[i], sizeof(saved[i]));
	}
	if (getuid() != 0 || find_ext2_image("vdc", "linnet-ext2-4k", dev, sizeof(dev))) {
		for (int i = 0; i < NTESTS; i++)
			ksft_skip("no ext2 image or not root", "mmap_dirty needs vdc (linnet-ext2-4k)");
		ksft_exit();
	}
	mkdir(MNT, 0755);
	if (mount(dev, MNT, "ext2", 0, NULL)) {
		for (int i = 0; i < NTESTS; i++)
			ksft_ok(0, "mount %s: %s", dev, strerror(errno));
		ksft_exit();
	}
	run(dev);
	unlink(FILE_);
	umount(MNT);
	ksft_exit();
}
