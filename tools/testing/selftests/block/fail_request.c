/*
 * fail_make_request on the test disk (Linnet only: Linux's per-device
 * switch is /sys/block/vda/make-it-fail, Linnet's is under debugfs).
 * With probability 100 and the switch on: a read that reaches the disk
 * fails with EIO; a write succeeds into the page cache and its fsync
 * reports EIO (its FLUSH fails too while armed), and only once; the
 * failures are counted.  With the switch off the
 * disk works again.  Skips without the test disk.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <uapi/linux-ish/fs.h>
#include "../kselftest.h"
#include "test_disk.h"

#define NTESTS	5
#define DBG	"/sys/kernel/debug"

static long get(const char *path)
{
	char buf[32];

	return ksft_read_file(path, buf, sizeof(buf)) > 0 ? atol(buf) : -1;
}

int main(void)
{
	static char buf[4096];
	long errors, injected;
	int fd = open_dev("vda", O_RDWR), r1, e1, r2, e2;

	ksft_plan(NTESTS);
	if (fd < 0 || !is_test_disk(fd) || get(DBG "/block/vda/make-it-fail") < 0) {
		for (int i = 0; i < NTESTS; i++)
			ksft_skip("no test disk", "no /dev/vda or its debugfs switch");
		ksft_exit();
	}
	errors = get(DBG "/block/vda/io-errors");
	injected = get(DBG "/fail_make_request/injected-failures");
	ksft_ok(ioctl(fd, BLKFLSBUF, 0) == 0 && fail_disk_requests("vda", 1) == 0,
		"armed: probability 100, vda's switch on");
	errno = 0;
	ksft_ok(pread(fd, buf, sizeof(buf), 3 << 20) == -1 && errno == EIO,
		"a read that needs the disk: EIO");
	memset(buf, 'x', sizeof(buf));
	r1 = pwrite(fd, buf, sizeof(buf), 11 << 20) == sizeof(buf);
	e1 = fsync(fd) == -1 && errno == EIO;
	ksft_ok(get(DBG "/block/vda/io-errors") >= errors + 2 &&
		get(DBG "/fail_make_request/injected-failures") >= injected + 2,
		"io-errors and injected-failures count them");
	fail_disk_requests("vda", 0);
	r2 = fsync(fd);
	ksft_ok(r1 && e1 && r2 == 0,
		"a write lands in the cache; fsync EIO; disarmed, the next fsync 0 (reported once)");
	r2 = pread(fd, buf, sizeof(buf), 3 << 20) == sizeof(buf);
	e2 = pwrite(fd, buf, sizeof(buf), 11 << 20) == sizeof(buf) && fsync(fd) == 0;
	ksft_ok(r2 && e2, "switch off: reads and writes work again");
	close(fd);
	ksft_exit();
}
