/*
 * A write-back error found by the flusher, not by fsync (Linnet only:
 * fail_make_request's per-disk switch is under debugfs here, Linux's is
 * /sys/block/vda/make-it-fail).  With every request to vda failing, a
 * cached write is written back by the flusher (dirty_expire_centisecs
 * 100) and fails; then each descriptor open before the failure gets EIO
 * from its next fsync exactly once; one opened after the failure but
 * before anyone saw it gets it too (an unseen error is reported to the
 * next opener), one opened after it was seen never does (errseq, Linux
 * 4.13+).  Skips without the test disk or the switch.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/ioctl.h>
#include <uapi/linux-ish/fs.h>
#include "../kselftest.h"
#include "test_disk.h"

#define NTESTS	6
#define DBG	"/sys/kernel/debug"
#define VM	"/proc/sys/vm/"
#define OFF	((10 << 20) + (512 << 10))	/* in the test disk's free 8 MiB */

static long long meminfo(const char *name)
{
	static char text[8192];
	char *p;

	if (ksft_read_file("/proc/meminfo", text, sizeof(text)) < 0 || !(p = strstr(text, name)))
		return -1;
	return atoll(p + strlen(name));
}

/* Waits up to 30 s for Dirty + Writeback to fall to @kb or below.  Seconds, or -1. */
static double wait_clean(long long kb)
{
	struct timespec t0, t;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (;;) {
		double s;

		clock_gettime(CLOCK_MONOTONIC, &t);
		s = t.tv_sec - t0.tv_sec + (t.tv_nsec - t0.tv_nsec) / 1e9;
		if (meminfo("Dirty:") + meminfo("Writeback:") <= kb)
			return s;
		if (s > 30)
			return -1;
		usleep(100 * 1000);
	}
}

int main(void)
{
	static char buf[16384], expire[32], interval[32];
	int fd1 = open_dev("vda", O_RDWR), fd2 = open_dev("vda", O_RDWR), fd3, fd4, ok;
	double waited;

	ksft_plan(NTESTS);
	if (fd1 < 0 || fd2 < 0 || !is_test_disk(fd1) || access(DBG "/block/vda/make-it-fail", W_OK)) {
		for (int i = 0; i < NTESTS; i++)
			ksft_skip("no test disk", "no /dev/vda or its debugfs switch");
		ksft_exit();
	}
	ksft_read_file(VM "dirty_expire_centisecs", expire, sizeof(expire));
	ksft_read_file(VM "dirty_writeback_centisecs", interval, sizeof(interval));
	sync();
	ok = ksft_write_file(VM "dirty_expire_centisecs", "100") == 0 &&
	     ksft_write_file(VM "dirty_writeback_centisecs", "50") == 0 && fail_disk_requests("vda", 1) == 0;
	memset(buf, 'e', sizeof(buf));
	ok = ok && pwrite(fd1, buf, sizeof(buf), OFF) == sizeof(buf);
	ksft_ok(ok, "armed; 16 KiB written to the cache");
	waited = wait_clean(0);
	fail_disk_requests("vda", 0);
	ksft_ok(waited >= 0, "the flusher wrote them back (and failed) in %.1f s", waited);
	fd3 = open_dev("vda", O_RDWR);
	errno = 0;
	ok = fsync(fd1) == -1 && errno == EIO && fsync(fd1) == 0;
	ksft_ok(ok, "first descriptor: fsync EIO, then 0");
	errno = 0;
	ok = fsync(fd2) == -1 && errno == EIO && fsync(fd2) == 0;
	ksft_ok(ok, "second descriptor: fsync EIO once too");
	errno = 0;
	ok = fd3 >= 0 && fsync(fd3) == -1 && errno == EIO && fsync(fd3) == 0;
	ksft_ok(ok, "opened after the failure, before it was seen: fsync EIO once");
	fd4 = open_dev("vda", O_RDWR);
	ksft_ok(fd4 >= 0 && fsync(fd4) == 0, "opened after it was seen: fsync 0");
	close(fd4);
	ksft_write_file(VM "dirty_expire_centisecs", expire);
	ksft_write_file(VM "dirty_writeback_centisecs", interval);
	close(fd1);
	close(fd2);
	close(fd3);
	ksft_exit();
}
