/*
 * The older i386 calls, raw: getdents (141, struct linux_dirent: 32-bit
 * fields, the type in the record's last byte), stat/lstat/fstat
 * (106-108, the 64-byte i386 struct stat) and oldstat/oldlstat/oldfstat
 * (18, 84, 28, the 32-byte struct __old_kernel_stat with 16-bit ids:
 * 70000 reads as 65534), each compared with stat64's answer on a fresh
 * tmpfs.
 */
#include <stdint.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <uapi/linux-ish/dirent.h>
#include "../kselftest.h"

/* uapi/linux-ish/stat.h's layouts (it cannot be included with glibc's stat64). */
struct __old_kernel_stat {
	unsigned short st_dev, st_ino, st_mode, st_nlink, st_uid, st_gid, st_rdev;
	unsigned long st_size, atime, mtime, ctime;	/* glibc makes st_mtime a macro */
};

struct stat32 {
	unsigned long st_dev, st_ino;
	unsigned short st_mode, st_nlink, st_uid, st_gid;
	unsigned long st_rdev, st_size, st_blksize, st_blocks;
	unsigned long atime, atime_nsec, mtime, mtime_nsec, ctime, ctime_nsec;
	unsigned long unused4, unused5;
};

#define NR_oldstat	18
#define NR_oldfstat	28
#define NR_oldlstat	84
#define NR_stat		106
#define NR_lstat	107
#define NR_fstat	108
#define NR_getdents	141

static char dir[64], file[96], link_[96], sub[96];

static long sys(long nr, long a, long b, long c)
{
	long r = syscall(nr, a, b, c);

	return r < 0 ? -errno : r;
}

/* Walks a getdents buffer: 1 if every record is sane; counts names and types. */
static int walk(const char *buf, long n, int *names, int *types_ok)
{
	long off = 0;

	*names = 0;
	*types_ok = 1;
	while (off < n) {
		const struct linux_dirent_head *h = (const void *)(buf + off);
		const char *name = buf + off + sizeof(*h);
		unsigned char type = buf[off + h->d_reclen - 1];

		if (h->d_reclen % 4 || h->d_reclen < sizeof(*h) + 2 || off + h->d_reclen > n)
			return 0;
		if (!strcmp(name, "f"))
			*types_ok &= type == DT_REG;
		else if (!strcmp(name, "l"))
			*types_ok &= type == DT_LNK;
		else if (!strcmp(name, "d") || !strcmp(name, ".") || !strcmp(name, ".."))
			*types_ok &= type == DT_DIR;
		else
			return 0;
		(*names)++;
		off += h->d_reclen;
	}
	return 1;
}

static void test_getdents(void)
{
	char buf[512];
	int fd = open(dir, O_RDONLY | O_DIRECTORY), names, types, f;
	long n = sys(NR_getdents, fd, (long)buf, sizeof(buf));

	ksft_ok(n > 0 && walk(buf, n, &names, &types) && names == 5 && types &&
		sys(NR_getdents, fd, (long)buf, sizeof(buf)) == 0,
		"getdents: 5 aligned records, the type in the last byte, then 0");
	lseek(fd, 0, SEEK_SET);
	ksft_ok(sys(NR_getdents, fd, (long)buf, 8) == -EINVAL &&
		sys(NR_getdents, fd, 0xc0000000, sizeof(buf)) == -EFAULT,
		"getdents: a buffer too small for one record EINVAL, a kernel address EFAULT");
	f = open(file, O_RDONLY);
	ksft_ok(sys(NR_getdents, f, (long)buf, sizeof(buf)) == -ENOTDIR &&
		sys(NR_getdents, 999, (long)buf, sizeof(buf)) == -EBADF,
		"getdents: ENOTDIR on a file, EBADF");
	close(f);
	close(fd);
}

static void test_stat(void)
{
	struct stat64 ref, lref;
	struct stat32 s, ls, fs;
	int fd = open(file, O_RDONLY);

	stat64(file, &ref);
	lstat64(link_, &lref);
	ksft_ok(sys(NR_stat, (long)file, (long)&s, 0) == 0 && s.st_ino == ref.st_ino &&
		s.st_mode == ref.st_mode && s.st_nlink == ref.st_nlink && s.st_size == 5 &&
		s.st_dev == (unsigned long)ref.st_dev && s.mtime == (unsigned long)ref.st_mtime &&
		s.st_blksize == (unsigned long)ref.st_blksize && s.st_uid == 65534 && s.st_gid == 65534,
		"stat: the fields of stat64; uid/gid 70000 read as 65534");
	ksft_ok(sys(NR_lstat, (long)link_, (long)&ls, 0) == 0 && S_ISLNK(ls.st_mode) &&
		ls.st_ino == lref.st_ino && sys(NR_fstat, fd, (long)&fs, 0) == 0 &&
		fs.st_ino == ref.st_ino && fs.st_size == 5,
		"lstat sees the link, fstat the file");
	ksft_ok(sys(NR_stat, (long)"/nonexistent", (long)&s, 0) == -ENOENT &&
		sys(NR_stat, (long)file, 0xc0000000, 0) == -EFAULT &&
		sys(NR_fstat, 999, (long)&s, 0) == -EBADF,
		"stat: ENOENT, EFAULT, EBADF");
	close(fd);
}

static void test_oldstat(void)
{
	struct stat64 ref, lref;
	struct __old_kernel_stat s, ls, fs;
	int fd = open(file, O_RDONLY);

	stat64(file, &ref);
	lstat64(link_, &lref);
	ksft_ok(sys(NR_oldstat, (long)file, (long)&s, 0) == 0 && s.st_ino == ref.st_ino &&
		s.st_mode == ref.st_mode && s.st_nlink == 1 && s.st_size == 5 &&
		s.st_dev == (unsigned short)ref.st_dev && s.mtime == (unsigned long)ref.st_mtime &&
		s.st_uid == 65534 && s.st_gid == 65534,
		"oldstat: 16-bit fields of stat64; uid/gid 70000 read as 65534");
	ksft_ok(sys(NR_oldlstat, (long)link_, (long)&ls, 0) == 0 && S_ISLNK(ls.st_mode) &&
		ls.st_ino == lref.st_ino && sys(NR_oldfstat, fd, (long)&fs, 0) == 0 &&
		fs.st_ino == ref.st_ino,
		"oldlstat sees the link, oldfstat the file");
	ksft_ok(sys(NR_oldstat, (long)"/nonexistent", (long)&s, 0) == -ENOENT &&
		sys(NR_oldstat, (long)file, 0xc0000000, 0) == -EFAULT &&
		sys(NR_oldfstat, 999, (long)&s, 0) == -EBADF,
		"oldstat: ENOENT, EFAULT, EBADF");
	close(fd);
}

int main(void)
{
	int fd;

	ksft_plan(9);
	snprintf(dir, sizeof(dir), "/tmp/oldstat.%d", getpid());
	snprintf(file, sizeof(file), "%s/f", dir);
	snprintf(link_, sizeof(link_), "%s/l", dir);
	snprintf(sub, sizeof(sub), "%s/d", dir);
	if (mkdir(dir, 0755) || mount("tmpfs", dir, "tmpfs", 0, "") || mkdir(sub, 0755) ||
	    symlink("f", link_) || (fd = open(file, O_CREAT | O_WRONLY, 0644)) < 0 ||
	    write(fd, "hello", 5) != 5 || fchown(fd, 70000, 70000)) {
		ksft_diag("setup: %s", strerror(errno));
		return 1;
	}
	close(fd);
	test_getdents();
	test_stat();
	test_oldstat();
	unlink(file);
	unlink(link_);
	rmdir(sub);
	umount2(dir, MNT_DETACH);
	rmdir(dir);
	ksft_exit();
}
