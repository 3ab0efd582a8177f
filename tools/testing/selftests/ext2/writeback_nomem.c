/*
 * Writeback short of memory loses nothing (Linnet only: it arms
 * fail_page_alloc through Linnet's debugfs knobs, for this task alone
 * with task-filter and /proc/self/make-it-fail).  On vdc
 * (scripts/mkdisk-ext2, 4 KiB blocks; skipped without it, without root
 * or without the knobs): 1 MiB written through a MAP_SHARED mapping of
 * a new sparse file, so that writeback must allocate every block; then
 * drop_caches 1 (the clean metadata pages go: writeback must read or
 * make the bitmap and the indirect block again) and sync_file_range
 * (write and wait, the data only) with this task's next four page
 * allocations failing.  A writepage that cannot have its memory dirties
 * the page again and the integrity pass goes again (Linux 6.1's
 * do_writepages on -ENOMEM): the call returns 0, and after umount and
 * mount every byte reads back.  make test's e2fsck of the image checks
 * the rest.  (Slab failures are left out: a request the block layer
 * cannot allocate fails a metadata read as EIO, which is an I/O error
 * to ext2: Documentation/mm/writeback.md.)
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

#define NTESTS	6
#define SIZE	(1 << 20)
#define MNT	"/tmp/mnt-writeback-nomem"
#define FILE_	MNT "/writeback-nomem.dat"
#define DBG	"/sys/kernel/debug/"

#define NSITES	1
static const char *const sites[NSITES] = { "fail_page_alloc" };
/* task-filter first and probability last: nobody else ever fails meanwhile */
static const char *const keys[] = { "task-filter", "interval", "times", "verbose", "probability" };
static char saved[NSITES][5][32];
static char rbuf[SIZE];

static int knob(int site, int key, const char *val, char *save, size_t size)
{
	char path[128];

	snprintf(path, sizeof(path), DBG "%s/%s", sites[site], keys[key]);
	if (save) {
		if (ksft_read_file(path, save, size) < 0)
			return -1;
		save[strcspn(save, "\n")] = '\0';
	}
	return val ? ksft_write_file(path, val) : 0;
}

static long long injected(void)
{
	long long n = 0;
	char path[128], buf[32];

	for (int s = 0; s < NSITES; s++) {
		snprintf(path, sizeof(path), DBG "%s/injected-failures", sites[s]);
		if (ksft_read_file(path, buf, sizeof(buf)) >= 0)
			n += atoll(buf);
	}
	return n;
}

/* This task's next four page allocations fail (0 if armed). */
static int arm(void)
{
	static const char *const vals[] = { "Y", "1", "4", "0", "100" };
	int err = 0;

	for (int s = 0; s < NSITES; s++)
		for (int k = 0; k < 5; k++)
			err |= knob(s, k, vals[k], saved[s][k], sizeof(saved[s][k]));
	return err | ksft_write_file("/proc/self/make-it-fail", "1");
}

/* Probability back first, then the rest; only what arm() saved. */
static void disarm(void)
{
	ksft_write_file("/proc/self/make-it-fail", "0");
	for (int s = 0; s < NSITES; s++)
		for (int k = 4; k >= 0; k--)
			if (saved[s][k][0])
				knob(s, k, saved[s][k], NULL, 0);
}

static unsigned char byte_at(long i)
{
	return (unsigned char)(i * 11 + i / 4096 + 1);
}

static int reads_back(void)
{
	int fd = open(FILE_, O_RDONLY), ok;

	ok = fd >= 0 && read(fd, rbuf, SIZE) == SIZE;
	for (long i = 0; ok && i < SIZE; i++)
		ok = (unsigned char)rbuf[i] == byte_at(i);
	if (fd >= 0)
		close(fd);
	return ok;
}

static void run(const char *dev)
{
	unsigned char *p = MAP_FAILED;
	long long before;
	int fd, ok, r = -1, err = 0;

	fd = open(FILE_, O_RDWR | O_CREAT | O_TRUNC, 0644);
	if (fd >= 0 && ftruncate(fd, SIZE) == 0)
		p = mmap(NULL, SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	ok = p != MAP_FAILED;
	for (long i = 0; ok && i < SIZE; i++)
		p[i] = byte_at(i);
	ksft_ok(ok, "1 MiB written through MAP_SHARED into a new sparse file");
	before = injected();
	if (ok && ksft_write_file("/proc/sys/vm/drop_caches", "1") == 0 && arm() == 0) {
		r = sync_file_range(fd, 0, SIZE, SYNC_FILE_RANGE_WAIT_BEFORE |
			SYNC_FILE_RANGE_WRITE | SYNC_FILE_RANGE_WAIT_AFTER);
		err = errno;
	}
	disarm();
	ksft_ok(injected() > before, "allocations failed meanwhile (%lld)", injected() - before);
	ksft_ok(r == 0, "sync_file_range (write and wait) with page allocations failing: 0 (%s)",
		r ? strerror(err) : "0");
	ok = fd >= 0 && sync_file_range(fd, 0, SIZE, SYNC_FILE_RANGE_WRITE) == 0 &&
	     fsync(fd) == 0;
	ksft_ok(ok, "then fsync: 0");
	if (p != MAP_FAILED)
		munmap(p, SIZE);
	if (fd >= 0)
		close(fd);
	ksft_ok(reads_back(), "read() gives back every byte");
	ok = umount(MNT) == 0 && mount(dev, MNT, "ext2", 0, NULL) == 0;
	ksft_ok(ok && reads_back(), "after umount and mount too: nothing was lost");
}

int main(void)
{
	char dev[64];

	ksft_plan(NTESTS);
	if (getuid() != 0 || access(DBG "fail_page_alloc/task-filter", W_OK) ||
	    find_ext2_image("vdc", "linnet-ext2-4k", dev, sizeof(dev))) {
		for (int i = 0; i < NTESTS; i++)
			ksft_skip("no ext2 image, no fault-injection knobs or not root",
				  "writeback_nomem needs vdc (linnet-ext2-4k)");
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
