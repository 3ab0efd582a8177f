/*
 * ext2 meets corrupt on-disk values (vdc, the 4 KiB image of
 * scripts/mkdisk-ext2; skipped without it): a directory record whose
 * rec_len is not a multiple of 4, and a file whose block pointer is past
 * the end of the file system, are reported (EUCLEAN or EIO, a kernel
 * message), never a crash.  The test corrupts the image through the
 * block device while it is unmounted, looks with a read-only mount,
 * and puts every byte back (the superblock too) so that make test's
 * e2fsck finds it clean.
 */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>
#include "../kselftest.h"
#include "../block/ext2_image.h"

#define NTESTS	6
#define MNT	"/tmp/mnt-ext2-corrupt"

static char dev[64];

/* vdc opened read-write (its node in dev) if it holds linnet-ext2-4k; fd or -1. */
static int open_vdc(void)
{
	return find_ext2_image("vdc", "linnet-ext2-4k", dev, sizeof(dev)) ? -1 : open(dev, O_RDWR);
}

/* The byte offset on the disk of inode @ino's i_block[@n]. */
static off_t iblock_offset(int fd, unsigned long ino, int n)
{
	uint32_t sb[256], gd[8];
	uint32_t bs, ipg, isz, table;

	if (pread(fd, sb, sizeof(sb), 1024) != sizeof(sb))
		return -1;
	bs = 1024u << sb[6];
	ipg = sb[10];
	isz = sb[22] & 0xffff;
	if (pread(fd, gd, sizeof(gd), (off_t)(sb[5] + 1) * bs + ((ino - 1) / ipg) * 32) != sizeof(gd))
		return -1;
	table = gd[2];
	return (off_t)table * bs + (off_t)((ino - 1) % ipg) * isz + 40 + 4 * n;
}

static int disk_word(int fd, off_t off, uint32_t *old, uint32_t val)
{
	return pread(fd, old, 4, off) == 4 && pwrite(fd, &val, 4, off) == 4 && fsync(fd) == 0 ? 0 : -1;
}

int main(void)
{
	char sb[1024], buf[64];
	struct stat dst, fst;
	uint32_t dirblk, old, old2;
	off_t doff, foff;
	int fd = open_vdc(), ok, f, e;

	ksft_plan(NTESTS);
	if (fd < 0) {
		for (int i = 0; i < NTESTS; i++)
			ksft_skip("no ext2 image", "no 4 KiB ext2 image on vdc");
		ksft_exit();
	}
	mkdir(MNT, 0755);
	ok = mount(dev, MNT, "ext2", 0, NULL) == 0 && mkdir(MNT "/cdir", 0755) == 0 &&
	     (f = open(MNT "/cdir/file", O_CREAT | O_WRONLY, 0644)) >= 0 && write(f, "data", 4) == 4 &&
	     close(f) == 0 && (f = open(MNT "/cfile", O_CREAT | O_WRONLY, 0644)) >= 0 &&
	     write(f, "data", 4) == 4 && close(f) == 0 && stat(MNT "/cdir", &dst) == 0 &&
	     stat(MNT "/cfile", &fst) == 0 && umount(MNT) == 0;
	ksft_ok(ok, "a directory and a file made, unmounted");
	ok = pread(fd, sb, sizeof(sb), 1024) == sizeof(sb);
	doff = iblock_offset(fd, dst.st_ino, 0);
	foff = iblock_offset(fd, fst.st_ino, 0);
	ok = ok && doff > 0 && foff > 0 && pread(fd, &dirblk, 4, doff) == 4 && dirblk;
	/* The first record's rec_len ("."): 13 is no multiple of 4. */
	ok = ok && disk_word(fd, (off_t)dirblk * 4096 + 4, &old, 13) == 0;
	ok = ok && disk_word(fd, foff, &old2, 0x7fffffff) == 0;
	ksft_ok(ok, "corrupted on the disk: a rec_len, a block number");

	ok = mount(dev, MNT, "ext2", MS_RDONLY, NULL) == 0;
	errno = 0;
	f = open(MNT "/cdir/file", O_RDONLY);
	e = errno;
	if (f >= 0)
		close(f);
	ksft_ok(ok && f == -1 && (e == EUCLEAN || e == EIO), "a bad rec_len: EUCLEAN or EIO (errno %d)", e);
	errno = 0;
	f = open(MNT "/cfile", O_RDONLY);	/* Linux checks the inode's map here */
	ok = f < 0 ? errno == EUCLEAN || errno == EIO :
	     read(f, buf, sizeof(buf)) == -1 && (errno == EUCLEAN || errno == EIO);
	if (f >= 0)
		close(f);
	ksft_ok(ok, "a block number past the end: opening or reading is EUCLEAN or EIO");
	ksft_ok(umount(MNT) == 0, "umount");
	ok = pwrite(fd, &old, 4, (off_t)dirblk * 4096 + 4) == 4 && pwrite(fd, &old2, 4, foff) == 4 &&
	     pwrite(fd, sb, sizeof(sb), 1024) == sizeof(sb) && fsync(fd) == 0 &&
	     mount(dev, MNT, "ext2", 0, NULL) == 0 && unlink(MNT "/cdir/file") == 0 &&
	     rmdir(MNT "/cdir") == 0 && unlink(MNT "/cfile") == 0 && umount(MNT) == 0;
	ksft_ok(ok && close(fd) == 0, "the bytes put back, the files removed");
	ksft_exit();
}
