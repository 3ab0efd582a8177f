/*
 * An active swap area is protected as Linux 6.1 protects it.  A swap
 * file (on the ext2 image of vdc, see swap_file.h) may be opened for
 * writing, but write, truncation (ftruncate, truncate, O_TRUNC) and
 * fallocate are ETXTBSY, unlink and rename (from or onto it) EPERM; all
 * work again after swapoff.  A swap partition (vda5, see swap_dev.h):
 * an O_EXCL open and a mount are EBUSY, a write through the device
 * ETXTBSY; and the other way round, a mounted device or one held open
 * with O_EXCL cannot become swap (EBUSY), nor be opened O_EXCL twice.
 * Skipped without the test disk and the image.
 */
#include <sys/mount.h>
#include "swap_dev.h"
#include "swap_file.h"

#define NTESTS	18
#define FPAGES	32
#define FILE1	MNT "/protect-swap"
#define OTHER	MNT "/protect-other"

static int err_is(long r, int e)
{
	return r == -1 && errno == e;
}

static void test_file(const char *ext2dev)
{
	static char page[PAGE];
	int fd, fd2, ok;

	ok = make_swapfile(FILE1, FPAGES, 0) == 0 && sys_swapon(FILE1, 0) == 0;
	ksft_ok(ok, "swapon of a %d-page swap file", FPAGES);
	fd = open(FILE1, O_RDWR);
	ksft_ok(fd >= 0, "the active swap file opens O_RDWR");
	errno = 0;
	ok = err_is(pwrite(fd, page, PAGE, PAGE), ETXTBSY) && err_is(write(fd, page, 0), ETXTBSY);
	ksft_ok(ok, "pwrite and a 0-byte write: ETXTBSY");
	errno = 0;
	ok = err_is(ftruncate(fd, PAGE), ETXTBSY) && err_is(truncate(FILE1, 0), ETXTBSY) &&
	     err_is(ftruncate(fd, FPAGES * PAGE), ETXTBSY);
	ksft_ok(ok, "ftruncate, truncate (also to its own size): ETXTBSY");
	errno = 0;
	fd2 = open(FILE1, O_WRONLY | O_TRUNC);
	ksft_ok(err_is(fd2, ETXTBSY), "open O_TRUNC: ETXTBSY");
	if (fd2 >= 0)
		close(fd2);
	errno = 0;
	ksft_ok(err_is(fallocate(fd, 0, 0, PAGE), ETXTBSY), "fallocate: ETXTBSY");
	fd2 = open(OTHER, O_RDWR | O_CREAT | O_TRUNC, 0600);
	if (fd2 >= 0)
		close(fd2);
	errno = 0;
	ok = err_is(unlink(FILE1), EPERM) && err_is(rename(FILE1, MNT "/moved"), EPERM) &&
	     err_is(rename(OTHER, FILE1), EPERM);
	ksft_ok(ok, "unlink, rename from and onto it: EPERM");
	errno = 0;
	ok = err_is(sys_swapon(ext2dev, 0), EBUSY);
	ksft_ok(ok, "swapon of the mounted ext2 device: EBUSY");
	errno = 0;
	fd2 = open(ext2dev, O_RDONLY | O_EXCL);
	ksft_ok(err_is(fd2, EBUSY), "O_EXCL open of the mounted device: EBUSY");
	if (fd2 >= 0)
		close(fd2);
	ok = sys_swapoff(FILE1) == 0 && pwrite(fd, page, PAGE, PAGE) == PAGE &&
	     ftruncate(fd, PAGE) == 0 && rename(OTHER, FILE1) == 0 && unlink(FILE1) == 0;
	ksft_ok(ok, "after swapoff: write, ftruncate, rename onto it and unlink work");
	if (fd >= 0)
		close(fd);
	unlink(OTHER);
	unlink(FILE1);
}

static void test_partition(void)
{
	static char page[PAGE];
	int fd, fd2, ok;

	ok = mkswap() == 0 && sys_swapon(swap_path, 0) == 0;
	ksft_ok(ok, "swapon of the partition");
	errno = 0;
	fd = open(swap_path, O_RDONLY | O_EXCL);
	ksft_ok(err_is(fd, EBUSY), "O_EXCL open of the active partition: EBUSY");
	if (fd >= 0)
		close(fd);
	fd = open(swap_path, O_RDWR);
	ksft_ok(fd >= 0, "a plain O_RDWR open of it works");
	errno = 0;
	ksft_ok(err_is(pwrite(fd, page, PAGE, PAGE), ETXTBSY), "a write through the device: ETXTBSY");
	if (fd >= 0)
		close(fd);
	errno = 0;
	ksft_ok(err_is(mount(swap_path, MNT, "ext2", 0, NULL), EBUSY), "mounting it: EBUSY");
	ok = sys_swapoff(swap_path) == 0;
	fd = open(swap_path, O_RDONLY | O_EXCL);
	errno = 0;
	fd2 = open(swap_path, O_RDONLY | O_EXCL);
	ok = ok && fd >= 0 && err_is(fd2, EBUSY);
	ksft_ok(ok, "after swapoff O_EXCL opens, a second O_EXCL open: EBUSY");
	if (fd2 >= 0)
		close(fd2);
	errno = 0;
	ksft_ok(err_is(sys_swapon(swap_path, 0), EBUSY), "swapon while it is open O_EXCL: EBUSY");
	if (fd >= 0)
		close(fd);
	ok = sys_swapon(swap_path, 0) == 0 && sys_swapoff(swap_path) == 0;
	ksft_ok(ok, "closed, swapon and swapoff work again");
}

int main(void)
{
	char dev[64];

	ksft_plan(NTESTS);
	if (geteuid() != 0 || find_swap_dev()) {
		for (int i = 0; i < NTESTS; i++)
			ksft_skip("no test disk (vda5) or not root", "protect case %d", i + 1);
		ksft_exit();
	}
	if (mount_ext2(dev, sizeof(dev))) {
		for (int i = 0; i < 10; i++)
			ksft_skip("no ext2 image on vdc", "protect file case %d", i + 1);
	} else {
		test_file(dev);
		umount(MNT);
	}
	test_partition();
	ksft_exit();
}
