/*
 * Loop devices: LOOP_CTL_GET_FREE on /dev/loop-control, LOOP_SET_FD of a
 * file in /tmp (its size, its data both ways), LOOP_SET_STATUS64 and
 * LOOP_GET_STATUS64 (offset, size limit, name), LOOP_CLR_FD, the errors
 * (unbound ENXIO, bound twice EBUSY, a pipe EINVAL, a bad fd EBADF), and
 * LOOP_CTL_ADD/REMOVE.  Nodes are made in /tmp when /dev lacks them.
 */
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <uapi/linux-ish/fs.h>
#include <uapi/linux-ish/loop.h>
#include "../kselftest.h"

#define NTESTS		10
#define FILE_SIZE	(1 << 20)
#define ADD_NR		200

static int open_node(const char *name, mode_t type, unsigned int ma, unsigned int mi)
{
	char path[64];
	int fd;

	snprintf(path, sizeof(path), "/dev/%s", name);
	fd = open(path, O_RDWR);
	if (fd >= 0)
		return fd;
	snprintf(path, sizeof(path), "/tmp/looptest-%s", name);
	unlink(path);
	if (mknod(path, type | 0600, makedev(ma, mi)))
		return -1;
	return open(path, O_RDWR);
}

static unsigned char byte_at(long i)
{
	return (unsigned char)(i * 13 + i / 512);
}

int main(void)
{
	static unsigned char buf[FILE_SIZE], back[8192];
	struct loop_info64 info;
	unsigned long long size = 1;
	int ctl, nr, lo, file, p[2], ok;
	char name[16];

	ksft_plan(NTESTS);
	ctl = open_node("loop-control", S_IFCHR, 10, 237);
	nr = ctl >= 0 ? ioctl(ctl, LOOP_CTL_GET_FREE) : -1;
	if (nr < 0) {
		for (int i = 0; i < NTESTS; i++)
			ksft_skip("no loop driver", "no /dev/loop-control or no free device");
		ksft_exit();
	}
	snprintf(name, sizeof(name), "loop%d", nr);
	lo = open_node(name, S_IFBLK, 7, nr);
	for (long i = 0; i < FILE_SIZE; i++)
		buf[i] = byte_at(i);
	file = open("/tmp/looptest-backing", O_RDWR | O_CREAT | O_TRUNC, 0600);
	ok = lo >= 0 && file >= 0 && write(file, buf, FILE_SIZE) == FILE_SIZE;
	errno = 0;
	ksft_ok(ok && ioctl(lo, LOOP_GET_STATUS64, &info) == -1 && errno == ENXIO &&
		ioctl(lo, LOOP_CLR_FD, 0) == -1 && errno == ENXIO,
		"%s unbound: GET_STATUS64 and CLR_FD ENXIO", name);
	ok = ioctl(lo, LOOP_SET_FD, file) == 0 && ioctl(lo, BLKGETSIZE64, &size) == 0 &&
	     size == FILE_SIZE;
	ksft_ok(ok, "LOOP_SET_FD: the device is the file's size (%llu)", size);
	errno = 0;
	ksft_ok(ioctl(lo, LOOP_SET_FD, file) == -1 && errno == EBUSY, "bound twice: EBUSY");
	ok = pread(lo, back, 4096, 8192) == 4096 && !memcmp(back, buf + 8192, 4096);
	memset(back, 'L', 4096);
	ok &= pwrite(lo, back, 4096, 12288) == 4096 && fsync(lo) == 0 &&
	      pread(file, buf, 4096, 12288) == 4096 && !memcmp(buf, back, 4096);
	ksft_ok(ok, "reads see the file; a write and fsync reach the file");
	memset(&info, 0, sizeof(info));
	info.lo_offset = 65536;
	info.lo_sizelimit = 32768;
	strcpy((char *)info.lo_file_name, "/tmp/looptest-backing");
	ok = ioctl(lo, LOOP_SET_STATUS64, &info) == 0;
	memset(&info, 0, sizeof(info));
	ok &= ioctl(lo, LOOP_GET_STATUS64, &info) == 0 && info.lo_offset == 65536 &&
	      info.lo_sizelimit == 32768 && info.lo_number == (unsigned int)nr &&
	      !strcmp((char *)info.lo_file_name, "/tmp/looptest-backing");
	ksft_ok(ok, "SET_STATUS64 then GET_STATUS64: offset, size limit, number, name");
	ok = ioctl(lo, BLKGETSIZE64, &size) == 0 && size == 32768 &&
	     pread(lo, back, 512, 0) == 512 && back[0] == byte_at(65536) && back[511] == byte_at(65536 + 511);
	ksft_ok(ok, "the device now starts at the offset and ends at the limit (%llu)", size);
	ok = ioctl(lo, LOOP_CLR_FD, 0) == 0 && ioctl(lo, BLKGETSIZE64, &size) == 0 && size == 0;
	errno = 0;
	ok &= ioctl(lo, LOOP_GET_STATUS64, &info) == -1 && errno == ENXIO;
	ksft_ok(ok, "LOOP_CLR_FD: size 0, unbound again");
	errno = 0;
	ok = pipe(p) == 0 && ioctl(lo, LOOP_SET_FD, p[0]) == -1 && errno == EINVAL;
	errno = 0;
	ok &= ioctl(lo, LOOP_SET_FD, 999) == -1 && errno == EBADF;
	ksft_ok(ok, "LOOP_SET_FD of a pipe EINVAL, of a closed descriptor EBADF");
	errno = 0;
	ok = ioctl(ctl, LOOP_CTL_ADD, ADD_NR) == ADD_NR &&
	     ioctl(ctl, LOOP_CTL_ADD, ADD_NR) == -1 && errno == EEXIST;
	ksft_ok(ok, "LOOP_CTL_ADD %d, and again EEXIST", ADD_NR);
	errno = 0;
	ok = ioctl(ctl, LOOP_CTL_REMOVE, ADD_NR) == 0 &&
	     ioctl(ctl, LOOP_CTL_REMOVE, ADD_NR) == -1 && errno == ENODEV;
	ksft_ok(ok, "LOOP_CTL_REMOVE %d, and again ENODEV", ADD_NR);
	close(lo);
	close(file);
	unlink("/tmp/looptest-backing");
	ksft_exit();
}
