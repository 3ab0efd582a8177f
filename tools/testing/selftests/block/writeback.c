/*
 * Writeback of the test disk's page cache (scripts/mkdisk-test, vda):
 * sync(2) cleans it at once, the flusher cleans it without any fsync
 * once pages are older than dirty_expire_centisecs, pgpgin/pgpgout count
 * KiB read and written, a small dirty_bytes throttles a big write,
 * sync_file_range writes and waits.  Pages written go to [8, 11) MiB of
 * the disk (no partition, nothing checks them).  Timing bounds are loose
 * (a loaded machine): the flusher gets 30 s for what takes ~2 s.
 * Sets vm.dirty_* while it runs and puts them back.  Skips without the
 * test disk.
 */
#include <sys/ioctl.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <uapi/linux-ish/fs.h>
#include "../kselftest.h"
#include "test_disk.h"

#define NTESTS		16
#define AREA		(8 << 20)
#define VM		"/proc/sys/vm/"
#define SLACK_KB	64	/* dirt of anything else running meanwhile */

static const char *const knobs[] = {
	"dirty_ratio", "dirty_background_ratio", "dirty_expire_centisecs",
	"dirty_writeback_centisecs",
};
static char saved[4][32];
static char buf[1 << 20];

/* Writes @val to /proc/sys/vm/@name: 0 or -1. */
static int put(const char *name, const char *val)
{
	char path[128];

	snprintf(path, sizeof(path), VM "%s", name);
	return ksft_write_file(path, val);
}

static void save_knobs(void)
{
	for (int i = 0; i < 4; i++) {
		char path[128];

		snprintf(path, sizeof(path), VM "%s", knobs[i]);
		ksft_read_file(path, saved[i], sizeof(saved[i]));
	}
}

/* Writing the ratios also clears dirty_bytes and dirty_background_bytes. */
static void restore_knobs(void)
{
	put("dirty_ratio", "1");	/* a change: Linux clears dirty_bytes only then */
	for (int i = 0; i < 4; i++)
		put(knobs[i], saved[i]);
}

/* A "name value" line of @path (/proc/vmstat) or "name: value kB" (/proc/meminfo). */
static long long stat_of(const char *path, const char *name)
{
	static char text[16384];
	size_t len = strlen(name);

	if (ksft_read_file(path, text, sizeof(text)) < 0)
		return -1;
	for (char *line = text; line && *line; line = strchr(line, '\n') ? strchr(line, '\n') + 1 : NULL)
		if (!strncmp(line, name, len) && (line[len] == ' ' || line[len] == ':'))
			return atoll(line + len + 1 + (line[len] == ':'));
	return -1;
}

static long long dirty_kb(void)
{
	return stat_of("/proc/meminfo", "Dirty");
}

static long long dirty_wb_kb(void)
{
	return dirty_kb() + stat_of("/proc/meminfo", "Writeback");
}

static long long vmstat(const char *name)
{
	return stat_of("/proc/vmstat", name);
}

static int fill(int fd, off_t off, size_t len, char c)
{
	memset(buf, c, len);
	return pwrite(fd, buf, len, off) == (ssize_t)len ? 0 : -1;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void test_sync(int fd)
{
	long long out = vmstat("pgpgout"), written = vmstat("nr_written");
	long long dirtied = vmstat("nr_dirtied"), d = -1, after, delta;
	int ok;

	ksft_ok(out >= 0 && written >= 0 && dirtied >= 0 && vmstat("nr_dirty") >= 0 &&
		vmstat("nr_writeback") >= 0 && vmstat("pgpgin") >= 0,
		"/proc/vmstat has pgpgin, pgpgout, nr_dirty, nr_writeback, nr_dirtied, nr_written");
	ok = fill(fd, AREA, 256 << 10, 's') == 0;
	if (ok)
		d = dirty_kb();
	ksft_ok(ok && d >= 200 && vmstat("nr_dirtied") >= dirtied + 50,
		"256 KiB written to the cache: Dirty %lld kB, nr_dirtied counts them", d);
	sync();
	after = dirty_wb_kb();
	delta = vmstat("pgpgout") - out;
	ksft_ok(after >= 0 && after <= SLACK_KB, "sync(2): Dirty + Writeback %lld kB at once", after);
	written = vmstat("nr_written") - written;
	/* Linux folds per-CPU counter deltas lazily: nr_written may lag a little */
	ksft_ok(delta >= 256 && delta <= 256 + 4096 && written >= 32,
		"pgpgout grew by the KiB written (%lld), nr_written by the pages (%lld)", delta,
		written);
}

static void test_pgpgin(int fd)
{
	long long in, delta;
	int ok;

	ok = ioctl(fd, BLKFLSBUF, 0) == 0;
	in = vmstat("pgpgin");
	ok = ok && pread(fd, buf, 128 << 10, AREA) == 128 << 10 && buf[0] == 's' &&
	     buf[(128 << 10) - 1] == 's';
	delta = vmstat("pgpgin") - in;
	ksft_ok(ok && delta >= 128 && delta <= 128 + 4096,
		"a cold 128 KiB read: pgpgin grew by %lld KiB, the bytes are sync's", delta);
}

/* The flusher alone: no fsync, no close, dirt older than the expiry goes. */
static void test_flusher(int fd)
{
	long long out = vmstat("pgpgout"), d = -1, left = -1;
	double t0, waited = -1;

	ksft_ok(put("dirty_expire_centisecs", "100") == 0 &&
		put("dirty_writeback_centisecs", "50") == 0,
		"dirty_expire_centisecs 100, dirty_writeback_centisecs 50");
	t0 = now();
	if (fill(fd, AREA + (1 << 20), 256 << 10, 'f') == 0)
		d = dirty_kb();
	while (now() - t0 < 30) {
		left = dirty_wb_kb();
		if (left <= SLACK_KB) {
			waited = now() - t0;
			break;
		}
		usleep(100 * 1000);
	}
	ksft_ok(d >= 200, "256 KiB dirtied (Dirty %lld kB)", d);
	ksft_ok(waited >= 0, "the flusher wrote it without fsync (%lld kB left, %.1f s)",
		left, waited);
	ksft_ok(vmstat("pgpgout") - out >= 256, "pgpgout counts the flusher's writes");
	put("dirty_expire_centisecs", saved[2]);
	put("dirty_writeback_centisecs", saved[3]);
}

/* dirty_bytes 1 MiB: writing 3 MiB never holds much more than that dirty. */
static void test_throttle(int fd)
{
	long long peak = 0;
	int ok;

	ok = put("dirty_bytes", "1048576") == 0 && put("dirty_background_bytes", "262144") == 0;
	ksft_ok(ok, "dirty_bytes 1 MiB, dirty_background_bytes 256 KiB");
	for (int i = 0; ok && i < 48; i++) {
		long long d;

		ok = fill(fd, AREA + i * (64 << 10), 64 << 10, 't' + i % 2) == 0;
		d = dirty_kb();
		if (d > peak)
			peak = d;
	}
	ksft_ok(ok, "3 MiB written in 64 KiB pieces");
	ksft_ok(peak > 0 && peak <= 2048 + SLACK_KB, "Dirty peaked at %lld kB (limit 1024 kB)", peak);
	restore_knobs();
	ok = pread(fd, buf, 64 << 10, AREA + 47 * (64 << 10)) == 64 << 10 && buf[0] == 't' + 1;
	ksft_ok(ok && fsync(fd) == 0, "the last piece reads back; fsync 0");
}

static void test_sync_file_range(int fd)
{
	long long out;
	int p[2], ok;

	ok = fill(fd, AREA + (2 << 20), 64 << 10, 'r') == 0;
	out = vmstat("pgpgout");
	ok = ok && sync_file_range(fd, AREA + (2 << 20), 64 << 10,
				   SYNC_FILE_RANGE_WRITE | SYNC_FILE_RANGE_WAIT_AFTER) == 0;
	ksft_ok(ok && vmstat("pgpgout") - out >= 64,
		"sync_file_range WRITE|WAIT_AFTER wrote the 64 KiB (pgpgout +%lld)",
		vmstat("pgpgout") - out);
	ok = fill(fd, AREA + (2 << 20), 64 << 10, 'R') == 0 &&
	     sync_file_range(fd, 0, 0, SYNC_FILE_RANGE_WAIT_BEFORE | SYNC_FILE_RANGE_WRITE |
			     SYNC_FILE_RANGE_WAIT_AFTER) == 0 &&
	     sync_file_range(fd, AREA, 1, SYNC_FILE_RANGE_WAIT_BEFORE) == 0;
	ksft_ok(ok && dirty_wb_kb() <= SLACK_KB,
		"all three flags over nbytes 0 (to the end): clean after; WAIT_BEFORE alone 0");
	errno = 0;
	ok = sync_file_range(fd, 0, 1, 8) == -1 && errno == EINVAL;
	ok = ok && sync_file_range(fd, -1, 1, 0) == -1 && errno == EINVAL;
	ok = ok && sync_file_range(fd, 1, 0x7fffffffffffffffLL, 0) == -1 && errno == EINVAL;
	ok = ok && sync_file_range(-1, 0, 1, 0) == -1 && errno == EBADF;
	ok = ok && pipe(p) == 0 && sync_file_range(p[0], 0, 1, 0) == -1 && errno == ESPIPE;
	ksft_ok(ok, "bad flags, negative offset, overflowing range EINVAL; bad fd EBADF; pipe ESPIPE");
	close(p[0]);
	close(p[1]);
}

int main(void)
{
	int fd = open_dev("vda", O_RDWR);

	ksft_plan(NTESTS);
	if (fd < 0 || !is_test_disk(fd) || access(VM "dirty_bytes", W_OK)) {
		for (int i = 0; i < NTESTS; i++)
			ksft_skip("no test disk", "no /dev/vda with the test MBR, or no vm.dirty_bytes");
		ksft_exit();
	}
	save_knobs();
	sync();
	test_sync(fd);
	test_pgpgin(fd);
	test_flusher(fd);
	test_throttle(fd);
	test_sync_file_range(fd);
	restore_knobs();
	close(fd);
	ksft_exit();
}
