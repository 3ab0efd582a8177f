/*
 * ext2 on a failing disk (Linnet only: the per-device fail_make_request
 * switch is Linnet's debugfs file; Linux's is in sysfs).  On the 1 KiB
 * image (vdb, scripts/mkdisk-ext2): with every request failing, reading
 * a file that is not cached is EIO (at open, if its directory is not
 * read yet), fsync of new data is EIO once and the metadata is written
 * again once the disk works; the file system stays clean (make test's
 * e2fsck afterwards).  Skips without the image or the switch.
 */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>
#include "../kselftest.h"
#include "../block/ext2_image.h"

#define NTESTS	8
#define DBG	"/sys/kernel/debug"
#define MNT	"/tmp/mnt-ext2-eio"
#define LEN	65536

static char dev[64];

/* A node for vdb (/dev/vdb or one made in /tmp), if it is the 1 KiB ext2 image.  0 if so. */
static int find_vdb(void)
{
	return find_ext2_image("vdb", "linnet-ext2-1k", dev, sizeof(dev));
}

int main(void)
{
	static char buf[LEN], got[LEN];
	int fd, ok, e;

	ksft_plan(NTESTS);
	if (find_vdb() || access(DBG "/block/vdb/make-it-fail", W_OK)) {
		for (int i = 0; i < NTESTS; i++)
			ksft_skip("no ext2 image", "no 1 KiB ext2 image on vdb or no debugfs switch");
		ksft_exit();
	}
	for (int i = 0; i < LEN; i++)
		buf[i] = i * 13;
	mkdir(MNT, 0755);
	ok = mount(dev, MNT, "ext2", 0, NULL) == 0 && mkdir(MNT "/eio", 0755) == 0;
	fd = open(MNT "/eio/file", O_CREAT | O_WRONLY, 0644);
	ok = ok && fd >= 0 && write(fd, buf, LEN) == LEN && fsync(fd) == 0 && close(fd) == 0;
	ksft_ok(ok && umount(MNT) == 0 && mount(dev, MNT, "ext2", 0, NULL) == 0,
		"a file written, fsync'd; umount and mount again (nothing cached)");

	fail_disk_requests("vdb", 1);
	errno = 0;
	fd = open(MNT "/eio/file", O_RDONLY);
	e = errno;
	ok = fd < 0 ? e == EIO : read(fd, got, LEN) == -1 && errno == EIO;
	if (fd >= 0)
		close(fd);
	fail_disk_requests("vdb", 0);
	ksft_ok(ok, "with the disk failing, opening or reading the file: EIO");
	fd = open(MNT "/eio/file", O_RDONLY);
	ksft_ok(fd >= 0 && read(fd, got, LEN) == LEN && !memcmp(got, buf, LEN) && close(fd) == 0,
		"with the disk back, the file reads");

	fd = open(MNT "/eio/new", O_CREAT | O_RDWR, 0644);
	ksft_ok(fd >= 0 && write(fd, buf, LEN) == LEN, "a new file written into the cache");
	fail_disk_requests("vdb", 1);
	errno = 0;
	ok = fsync(fd) == -1 && errno == EIO;
	fail_disk_requests("vdb", 0);
	ksft_ok(ok, "fsync with the disk failing: EIO");
	ksft_ok(fsync(fd) == 0, "fsync again with the disk back: 0 (the metadata written now)");
	ksft_ok(close(fd) == 0 && unlink(MNT "/eio/new") == 0 && unlink(MNT "/eio/file") == 0 &&
		rmdir(MNT "/eio") == 0, "the files and the directory removed");
	ksft_ok(umount(MNT) == 0, "umount");
	ksft_exit();
}
