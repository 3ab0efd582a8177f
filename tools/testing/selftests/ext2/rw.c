/*
 * ext2 read-write on the images of scripts/mkdisk-ext2 (vdb: 1 KiB
 * blocks, vdc: 4 KiB; skipped without them): mount, files through
 * direct/indirect/triple-indirect blocks, a sparse file at 4 GiB, holes
 * that stay holes, directories, rename (over a name, across
 * directories, a directory's ".."), hard and symbolic links (fast and
 * slow), mknod, chmod/chown/utimensat, truncate both ways, unlink of an
 * open file, statfs counts, error cases; then umount, mount again and
 * everything is still there.  It leaves /host/hello.txt and /host/big
 * for make test's host check (tools/testing/check-ext2: e2fsck -fn,
 * debugfs cat).
 */
#define _FILE_OFFSET_BITS 64
#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <unistd.h>
#include "../kselftest.h"
#include "../block/ext2_image.h"

#define NPER	44		/* cases per image */
#define BIG	(1 << 20)
#define MANY	1000

static char mnt[64];
static char buf[BIG];

static const char *p(const char *name)
{
	static char path[2][PATH_MAX];
	static int i;

	i ^= 1;
	snprintf(path[i], sizeof(path[i]), "%s/%s", mnt, name);
	return path[i];
}

static unsigned char pattern(size_t i)
{
	return (i * 7 + i / 4096) & 0xff;
}

/* A node for disk @name in @dev (/dev/NAME or one made in /tmp), open. */
static int open_disk(const char *name, char *dev, size_t size)
{
	return disk_node(name, dev, size) ? -1 : open(dev, O_RDONLY);
}

static int write_file(const char *name, const void *data, size_t len)
{
	int fd = open(p(name), O_WRONLY | O_CREAT | O_TRUNC, 0644);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = write(fd, data, len);
	return close(fd) || n != (ssize_t)len ? -1 : 0;
}

/* 1 if @name holds exactly @len bytes equal to @data. */
static int file_is(const char *name, const void *data, size_t len)
{
	static char got[BIG + 1];
	int fd = open(p(name), O_RDONLY);
	ssize_t n;

	if (fd < 0)
		return 0;
	n = read(fd, got, sizeof(got));
	close(fd);
	return n == (ssize_t)len && !memcmp(got, data, len);
}

static long entries(const char *dir)
{
	DIR *d = opendir(p(dir));
	struct dirent *e;
	long n = 0;

	if (!d)
		return -1;
	while ((e = readdir(d)))
		n += strcmp(e->d_name, ".") && strcmp(e->d_name, "..");
	closedir(d);
	return n;
}

static int has_entry(const char *dir, const char *name, unsigned char type)
{
	DIR *d = opendir(p(dir));
	struct dirent *e;
	int found = 0;

	if (!d)
		return 0;
	while ((e = readdir(d)))
		found |= !strcmp(e->d_name, name) && e->d_type == type;
	closedir(d);
	return found;
}

/* Copies this program to @name on the image (the exec case).  0 or -1. */
static int copy_self(const char *name)
{
	static char chunk[65536];	/* not buf: persisted() compares it */
	int in = open("/proc/self/exe", O_RDONLY), out = open(p(name), O_CREAT | O_WRONLY | O_TRUNC, 0755);
	ssize_t n = 0;

	while (in >= 0 && out >= 0 && (n = read(in, chunk, sizeof(chunk))) > 0)
		if (write(out, chunk, n) != n) {
			n = -1;
			break;
		}
	if (in >= 0)
		close(in);
	if (out >= 0 && close(out))
		n = -1;
	return in >= 0 && out >= 0 && n == 0 ? 0 : -1;
}

/* Runs @name (this program) with "--exit-42": its exit status, or -1. */
static int run_copy(const char *name)
{
	const char *path = p(name);
	int status;
	pid_t pid = fork();

	if (pid == 0) {
		execl(path, path, "--exit-42", (char *)NULL);
		_exit(127);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

static void files(unsigned int bs)
{
	struct statfs s0, s1;
	struct stat st;
	char name[300];
	int fd, ok;

	ksft_ok(statfs(mnt, &s0) == 0 && s0.f_type == 0xEF53 && s0.f_bsize == (long)bs &&
		s0.f_bfree > 0 && s0.f_ffree > 0 && s0.f_namelen == 255,
		"statfs: ext2's magic, %u-byte blocks, free counts", bs);
	for (size_t i = 0; i < BIG; i++)
		buf[i] = pattern(i);
	ksft_ok(mkdir(p("host"), 0755) == 0 && write_file("host/big", buf, BIG) == 0 &&
		file_is("host/big", buf, BIG), "1 MiB through direct, indirect and double-indirect blocks");
	ksft_ok(write_file("host/hello.txt", "hello from linnet\n", 18) == 0,
		"a small file for the host's debugfs");
	ksft_ok(statfs(mnt, &s1) == 0 && s1.f_ffree == s0.f_ffree - 3 &&
		s0.f_bfree - s1.f_bfree >= (BIG + 18) / bs + 1,
		"statfs: three inodes and the blocks taken");

	/* A sparse file: a byte at 4 GiB takes a few blocks, not 4 GiB. */
	fd = open(p("sparse"), O_RDWR | O_CREAT, 0644);
	ok = fd >= 0 && pwrite(fd, "tail", 4, 4LL << 30) == 4 && fstat(fd, &st) == 0 &&
	     st.st_size == (4LL << 30) + 4 && st.st_blocks <= 4 * bs / 512;
	ksft_ok(ok, "a write at 4 GiB: size 4 GiB + 4, %lld sectors", (long long)st.st_blocks);
	memset(name, 1, 16);
	ksft_ok(fd >= 0 && pread(fd, name, 16, 1LL << 30) == 16 && !memcmp(name, "\0\0\0\0\0\0\0\0", 8),
		"the hole reads as zeros");
	{
		blkcnt_t before = st.st_blocks;

		ok = pwrite(fd, "hole", 4, 5 * bs + 3) == 4 && fstat(fd, &st) == 0 &&
		     st.st_blocks == before + bs / 512;
		ksft_ok(ok, "writing into a hole allocates that block only (%lld -> %lld)",
			(long long)before, (long long)st.st_blocks);
	}
	ksft_ok(fd >= 0 && pread(fd, name, 4, (4LL << 30)) == 4 && !memcmp(name, "tail", 4) &&
		fsync(fd) == 0 && close(fd) == 0, "the byte at 4 GiB reads back; fsync");

	/* Directories and renames. */
	ksft_ok(mkdir(p("d"), 0755) == 0 && mkdir(p("d/sub"), 0700) == 0 &&
		write_file("f", "file", 4) == 0 && rename(p("f"), p("d/moved")) == 0 &&
		stat(p("d"), &st) == 0 && st.st_nlink == 3, "mkdir, rename into a directory, nlink 3");
	ksft_ok(entries("d") == 2 && has_entry("d", "moved", DT_REG) && has_entry("d", "sub", DT_DIR),
		"readdir: the two names with their types");
	ksft_ok(write_file("a", "AAA", 3) == 0 && write_file("b", "BBB", 3) == 0 &&
		rename(p("a"), p("b")) == 0 && file_is("b", "AAA", 3) && access(p("a"), F_OK) == -1,
		"rename over an existing name");
	{
		struct stat y, dotdot;

		ok = mkdir(p("x"), 0755) == 0 && mkdir(p("y"), 0755) == 0 &&
		     mkdir(p("x/inner"), 0755) == 0 && rename(p("x/inner"), p("y/inner")) == 0 &&
		     stat(p("y"), &y) == 0 && stat(p("y/inner/.."), &dotdot) == 0 &&
		     y.st_nlink == 3 && dotdot.st_ino == y.st_ino && stat(p("x"), &st) == 0 &&
		     st.st_nlink == 2;
		ksft_ok(ok, "a directory moved across directories: link counts and \"..\"");
	}
	errno = 0;
	ksft_ok(rename(p("y"), p("y/inner/z")) == -1 && errno == EINVAL,
		"rename a directory into itself: EINVAL");
	ksft_ok(mkdir(p("vd"), 0755) == 0 &&
		write_file("vd/f", "x", 1) == 0 && mkdir(p("vd2"), 0755) == 0 &&
		rename(p("vd2"), p("vd")) == -1 && errno == ENOTEMPTY, "rename over a non-empty directory: ENOTEMPTY");

	/* Links. */
	ksft_ok(link(p("b"), p("b.link")) == 0 && stat(p("b"), &st) == 0 && st.st_nlink == 2 &&
		file_is("b.link", "AAA", 3), "a hard link: nlink 2, same data");
	memset(name, 'a', 200);
	name[200] = '\0';
	{
		char got[300];
		ssize_t n1, n2;

		ok = symlink("b", p("fast")) == 0 && symlink(name, p("slow")) == 0;
		n1 = readlink(p("fast"), got, sizeof(got));
		ok = ok && n1 == 1 && got[0] == 'b';
		n2 = readlink(p("slow"), got, sizeof(got));
		ok = ok && n2 == 200 && !memcmp(got, name, 200) && file_is("fast", "AAA", 3);
		ksft_ok(ok, "symlinks: fast (in the inode) and slow (200 bytes, a block)");
	}
	ksft_ok(mknod(p("fifo"), S_IFIFO | 0640, 0) == 0 && mknod(p("cdev"), S_IFCHR | 0600, makedev(1, 3)) == 0 &&
		stat(p("cdev"), &st) == 0 && S_ISCHR(st.st_mode) && st.st_rdev == makedev(1, 3),
		"mknod: a FIFO and a character device");
	{
		struct timespec ts[2] = { { 1000000, 0 }, { 2000000, 0 } };

		ok = chmod(p("b"), 0600) == 0 && chown(p("b"), 1234, 5678) == 0 &&
		     utimensat(AT_FDCWD, p("b"), ts, 0) == 0 && stat(p("b"), &st) == 0 &&
		     (st.st_mode & 07777) == 0600 && st.st_uid == 1234 && st.st_gid == 5678 &&
		     st.st_mtime == 2000000 && st.st_atime == 1000000;
		ksft_ok(ok, "chmod, chown, utimensat");
	}

	/* Truncation both ways. */
	ksft_ok(write_file("t", buf, BIG) == 0 && statfs(mnt, &s0) == 0 && truncate(p("t"), 1000) == 0 &&
		statfs(mnt, &s1) == 0 && s1.f_bfree - s0.f_bfree >= BIG / bs - 2 && file_is("t", buf, 1000),
		"truncate down frees the blocks (indirect ones too), keeps the head");
	memset(buf + 1000, 0, 49000);
	ksft_ok(truncate(p("t"), 50000) == 0 && file_is("t", buf, 50000), "truncate up reads zeros");
	for (size_t i = 1000; i < 50000; i++)
		buf[i] = pattern(i);

	/* Unlink, also of an open file. */
	statfs(mnt, &s0);
	fd = open(p("open"), O_RDWR | O_CREAT, 0644);
	ok = fd >= 0 && write(fd, buf, 100000) == 100000 && unlink(p("open")) == 0 &&
	     access(p("open"), F_OK) == -1 && pread(fd, name, 10, 50000) == 10 &&
	     !memcmp(name, buf + 50000, 10);
	ksft_ok(ok, "an unlinked open file still reads");
	ksft_ok(fd >= 0 && close(fd) == 0 && statfs(mnt, &s1) == 0 && s1.f_bfree + 2 >= s0.f_bfree &&
		s1.f_ffree == s0.f_ffree, "its last close frees its blocks and inode");
	ksft_ok(rmdir(p("d")) == -1 && errno == ENOTEMPTY && rmdir(p("d/sub")) == 0 &&
		stat(p("d"), &st) == 0 && st.st_nlink == 2, "rmdir: ENOTEMPTY, then an empty one");

	/* Many names in one directory. */
	ok = mkdir(p("many"), 0755) == 0;
	for (int i = 0; i < MANY && ok; i++) {
		snprintf(name, sizeof(name), "many/file-%04d", i);
		ok = write_file(name, "", 0) == 0;
	}
	ksft_ok(ok && entries("many") == MANY, "%d files in one directory, all listed", MANY);
	for (int i = 0; i < MANY && ok; i += 2) {
		snprintf(name, sizeof(name), "many/file-%04d", i);
		ok = unlink(p(name)) == 0;
	}
	ksft_ok(ok && entries("many") == MANY / 2, "half of them unlinked");

	ksft_ok(copy_self("prog") == 0 && run_copy("prog") == 42,
		"a program copied onto the image runs from it");

	/* Errors. */
	errno = 0;
	ksft_ok(open(p("nonexistent"), O_RDONLY) == -1 && errno == ENOENT, "a missing name: ENOENT");
	errno = 0;
	ksft_ok(mkdir(p("x"), 0755) == -1 && errno == EEXIST, "mkdir of an existing name: EEXIST");
	memset(name, 'n', 256);
	name[256] = '\0';
	errno = 0;
	ksft_ok(open(p(name), O_CREAT | O_RDWR, 0644) == -1 && errno == ENAMETOOLONG,
		"a 256-byte name: ENAMETOOLONG");
	errno = 0;
	ksft_ok(rmdir(p("b")) == -1 && errno == ENOTDIR, "rmdir of a file: ENOTDIR");
}

/* After umount and mount: everything from files() is there. */
static void persisted(void)
{
	struct stat st;
	char got[300], name[300];
	int fd, ok;

	static char exp[50000];

	memcpy(exp, buf, 1000);
	ksft_ok(file_is("host/big", buf, BIG) && file_is("t", exp, 50000) &&
		file_is("host/hello.txt", "hello from linnet\n", 18), "file contents survived");
	fd = open(p("sparse"), O_RDONLY);
	ok = fd >= 0 && fstat(fd, &st) == 0 && st.st_size == (4LL << 30) + 4 &&
	     pread(fd, got, 4, 4LL << 30) == 4 && !memcmp(got, "tail", 4);
	if (fd >= 0)
		close(fd);
	ksft_ok(ok, "the sparse file survived");
	ok = file_is("d/moved", "file", 4) && stat(p("y/inner"), &st) == 0 && S_ISDIR(st.st_mode) &&
	     access(p("x/inner"), F_OK) == -1 && file_is("b", "AAA", 3) &&
	     stat(p("b"), &st) == 0 && st.st_nlink == 2 && st.st_uid == 1234 && st.st_mtime == 2000000 &&
	     (st.st_mode & 07777) == 0600;
	ksft_ok(ok, "renames, links, owners, modes and times survived");
	memset(name, 'a', 200);
	ok = readlink(p("slow"), got, sizeof(got)) == 200 && !memcmp(got, name, 200) &&
	     readlink(p("fast"), got, sizeof(got)) == 1 && stat(p("fifo"), &st) == 0 &&
	     S_ISFIFO(st.st_mode) && entries("many") == MANY / 2 && entries("d") == 1;
	ksft_ok(ok, "symlinks, the FIFO and the directories survived");
	ksft_ok(run_copy("prog") == 42, "the program runs from the disk after a remount (cold cache)");
}

/*
 * Sets feature bit @bit in the superblock's word at @off, tries a
 * read-write mount, puts the word back.  mount's result.
 */
static int with_feature(const char *dev, int off, uint32_t bit)
{
	int fd = open(dev, O_RDWR), ret, saved;
	uint32_t word, orig;

	if (fd < 0 || pread(fd, &orig, 4, 1024 + off) != 4)
		return -2;
	word = orig | bit;
	if (pwrite(fd, &word, 4, 1024 + off) != 4 || fsync(fd))
		return -2;
	ret = mount(dev, mnt, "ext2", 0, NULL);
	saved = errno;
	if (!ret)
		umount(mnt);
	if (pwrite(fd, &orig, 4, 1024 + off) != 4 || fsync(fd) || close(fd))
		return -2;
	errno = saved;
	return ret;
}

static void one(const char *disk, const char *label, unsigned int bs)
{
	char dev[64];
	struct stat st;
	int fd, ok;

	if (find_ext2_image(disk, label, dev, sizeof(dev))) {
		for (int i = 0; i < NPER; i++)
			ksft_skip("no ext2 image", "%s: not attached (scripts/mkdisk-ext2)", label);
		return;
	}
	snprintf(mnt, sizeof(mnt), "/tmp/mnt-%s", label);
	mkdir(mnt, 0755);
	errno = 0;
	ksft_ok(with_feature(dev, 96, 0x40) == -1 && errno == EINVAL,
		"%s: an unsupported incompatible feature (extent): EINVAL", label);
	errno = 0;
	ksft_ok(with_feature(dev, 100, 0x08) == -1 && errno == EINVAL,
		"an unsupported read-only-compatible feature (huge_file), read-write: EINVAL");
	ksft_ok(mount(dev, mnt, "ext2", 0, NULL) == 0, "%s: mount -t ext2 %s", label, dev);
	ksft_ok(stat(mnt, &st) == 0 && st.st_ino == 2 && S_ISDIR(st.st_mode) &&
		has_entry(".", "lost+found", DT_DIR), "the root is inode 2 with lost+found");
	files(bs);
	ksft_ok(umount(mnt) == 0, "umount");
	ksft_ok(mount(dev, mnt, "ext2", MS_RDONLY, NULL) == 0, "mount again, read-only");
	errno = 0;
	ksft_ok(open(p("new"), O_CREAT | O_RDWR, 0644) == -1 && errno == EROFS,
		"read-only: creating is EROFS");
	persisted();
	ksft_ok(umount(mnt) == 0 && mount(dev, mnt, "ext2", 0, NULL) == 0, "mount again, read-write");
	fd = open(p("host/after"), O_CREAT | O_WRONLY, 0644);
	ok = fd >= 0 && write(fd, "again\n", 6) == 6 && close(fd) == 0;
	sync();
	ksft_ok(ok && umount(mnt) == 0, "a file written after the remount; sync; umount");
}

int main(int argc, char **argv)
{
	char dev[64];
	int fd;

	if (argc > 1 && !strcmp(argv[1], "--exit-42"))
		return 42;	/* run_copy()'s child, from the image */

	ksft_plan(2 * NPER + 1);
	/* Not ext2: the block test disk, if attached. */
	fd = open_disk("vda", dev, sizeof(dev));
	mkdir("/tmp/mnt-notext2", 0755);
	errno = 0;
	if (fd >= 0 && !close(fd))
		ksft_ok(mount(dev, "/tmp/mnt-notext2", "ext2", MS_RDONLY, NULL) == -1 && errno == EINVAL,
			"mounting a disk without ext2 on it: EINVAL");
	else
		ksft_skip("no vda", "mounting a disk without ext2 on it: EINVAL");
	one("vdb", "linnet-ext2-1k", 1024);
	one("vdc", "linnet-ext2-4k", 4096);
	ksft_exit();
}
