/*
 * openat2(2), raw: struct open_how's size rules (EINVAL below 24 bytes,
 * E2BIG for a non-zero tail, EFAULT), the checks openat skips (unknown
 * flags, a mode without O_CREAT, O_PATH's companions), O_TMPFILE, and
 * each RESOLVE_* flag on a small tree:
 *
 *   root/            (the dirfd)
 *   |-- etc/passwd
 *   |-- rel -> etc/passwd
 *   |-- abs -> /etc/passwd
 *   |-- up -> ../root/etc/passwd
 *   |-- absroot -> /
 *   `-- mnt/         (a tmpfs) with mnt/f
 */
#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <uapi/linux-ish/openat2.h>
#include "../kselftest.h"

#define SYS_openat2_ 437

static char top[64];

static long openat2_(int dfd, const char *path, const void *how, size_t size)
{
	long r = syscall(SYS_openat2_, dfd, path, how, size);

	return r < 0 ? -errno : r;
}

/* openat2 with flags, mode and resolve; fd or -errno. */
static long oa2(int dfd, const char *path, uint64_t flags, uint64_t mode, uint64_t resolve)
{
	struct open_how how = { .flags = flags, .mode = mode, .resolve = resolve };

	return openat2_(dfd, path, &how, sizeof(how));
}

/* 1 if @fd is the same file as @path. Closes @fd. */
static int same(long fd, const char *path)
{
	struct stat a, b;
	int ok = fd >= 0 && fstat(fd, &a) == 0 && stat(path, &b) == 0 &&
		 a.st_dev == b.st_dev && a.st_ino == b.st_ino;

	if (fd >= 0)
		close(fd);
	return ok;
}

static int closed_ok(long fd)
{
	if (fd < 0)
		return 0;
	close(fd);
	return 1;
}

static int setup(void)
{
	char p[128];
	int fd;

	snprintf(top, sizeof(top), "/tmp/openat2.%d", getpid());
	if (mkdir(top, 0755) || chdir(top) || mkdir("root", 0755) || mkdir("root/etc", 0755) ||
	    mkdir("root/mnt", 0755))
		return -1;
	fd = open("root/etc/passwd", O_CREAT | O_WRONLY, 0644);
	if (fd < 0)
		return -1;
	close(fd);
	if (symlink("etc/passwd", "root/rel") || symlink("/etc/passwd", "root/abs") ||
	    symlink("../root/etc/passwd", "root/up") || symlink("/", "root/absroot"))
		return -1;
	if (mount("tmpfs", "root/mnt", "tmpfs", 0, ""))
		return -1;
	fd = open("root/mnt/f", O_CREAT | O_WRONLY, 0644);
	if (fd < 0)
		return -1;
	close(fd);
	snprintf(p, sizeof(p), "%s/root", top);
	return open(p, O_PATH | O_DIRECTORY);
}

static void cleanup(void)
{
	umount2("root/mnt", MNT_DETACH);
	unlink("root/mnt/f");
	unlink("root/etc/passwd");
	unlink("root/rel");
	unlink("root/abs");
	unlink("root/up");
	unlink("root/absroot");
	unlink("root/new1");
	unlink("root/new2");
	rmdir("root/etc");
	rmdir("root/mnt");
	rmdir("root");
	if (chdir("/") == 0)
		rmdir(top);
}

static void test_size(void)
{
	struct { struct open_how how; uint64_t extra[4]; } big = { .how.flags = O_RDONLY };
	char *page;

	ksft_ok(openat2_(AT_FDCWD, ".", &big, 0) == -EINVAL &&
		openat2_(AT_FDCWD, ".", &big, 23) == -EINVAL, "size 0 and 23 EINVAL");
	ksft_ok(closed_ok(openat2_(AT_FDCWD, ".", &big, 24)) &&
		closed_ok(openat2_(AT_FDCWD, ".", &big, sizeof(big))),
		"size 24 and a bigger struct with a zero tail open");
	big.extra[3] = 1;
	ksft_ok(openat2_(AT_FDCWD, ".", &big, sizeof(big)) == -E2BIG,
		"a non-zero byte past 24 is E2BIG");
	ksft_ok(openat2_(AT_FDCWD, ".", NULL, 24) == -EFAULT &&
		openat2_(AT_FDCWD, NULL, &big.how, 24) == -EFAULT, "bad how or path EFAULT");
	page = mmap(NULL, 2 * KSFT_PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	munmap(page + KSFT_PAGE, KSFT_PAGE);
	memset(page, 0, KSFT_PAGE);
	ksft_ok(openat2_(AT_FDCWD, ".", page + KSFT_PAGE - 24, 64) == -EFAULT,
		"a tail running into a hole EFAULT");
	munmap(page, KSFT_PAGE);
}

static void test_flags(void)
{
	ksft_ok(oa2(AT_FDCWD, ".", 1ULL << 40, 0, 0) == -EINVAL &&
		oa2(AT_FDCWD, ".", 0x80000000u, 0, 0) == -EINVAL,
		"unknown flag bits EINVAL");
	ksft_ok(closed_ok(syscall(SYS_openat, AT_FDCWD, ".", 0x80000000u)),
		"openat ignores the same unknown bit");
	ksft_ok(oa2(AT_FDCWD, ".", O_RDONLY, 0600, 0) == -EINVAL &&
		oa2(AT_FDCWD, "etc/passwd", O_CREAT, 010000, 0) == -EINVAL,
		"a mode without O_CREAT, or beyond 07777, EINVAL");
	ksft_ok(oa2(AT_FDCWD, ".", O_RDONLY, 0, RESOLVE_BENEATH | RESOLVE_IN_ROOT) == -EINVAL &&
		oa2(AT_FDCWD, ".", O_RDONLY, 0, 0x40) == -EINVAL,
		"BENEATH with IN_ROOT, or an unknown resolve bit, EINVAL");
	ksft_ok(oa2(AT_FDCWD, ".", O_PATH | O_RDWR, 0, 0) == -EINVAL &&
		oa2(AT_FDCWD, ".", O_PATH | O_NONBLOCK, 0, 0) == -EINVAL &&
		closed_ok(oa2(AT_FDCWD, ".", O_PATH | O_DIRECTORY | O_CLOEXEC, 0, 0)),
		"O_PATH takes only O_DIRECTORY, O_NOFOLLOW, O_CLOEXEC");
}

static void test_tmpfile(int root)
{
	struct stat st;
	char buf[4] = "";
	long fd;

	umask(0);
	fd = oa2(root, "etc", O_TMPFILE | O_RDWR, 0640, 0);
	ksft_ok(fd >= 0 && fstat(fd, &st) == 0 && st.st_nlink == 0 && S_ISREG(st.st_mode) &&
		(st.st_mode & 07777) == 0640 && fcntl(fd, F_GETFL) == (O_TMPFILE | O_RDWR) &&
		write(fd, "abc", 3) == 3 && pread(fd, buf, 3, 0) == 3 && !memcmp(buf, "abc", 3),
		"O_TMPFILE: a nameless 0640 file, F_GETFL shows O_TMPFILE, read/write work");
	if (fd >= 0)
		close(fd);
	ksft_ok(oa2(root, "etc", O_TMPFILE | O_RDONLY, 0600, 0) == -EINVAL &&
		oa2(root, "etc", 020000000 | O_RDWR, 0600, 0) == -EINVAL &&
		oa2(root, "etc", O_TMPFILE | O_CREAT | O_RDWR, 0600, 0) == -EINVAL,
		"O_TMPFILE read-only, without O_DIRECTORY or with O_CREAT EINVAL");
	ksft_ok(oa2(root, "etc/passwd", O_TMPFILE | O_RDWR, 0600, 0) == -ENOTDIR &&
		oa2(AT_FDCWD, "/proc", O_TMPFILE | O_RDWR, 0600, 0) == -EOPNOTSUPP,
		"O_TMPFILE on a file ENOTDIR, in /proc EOPNOTSUPP");
}

static void test_beneath(int root)
{
	ksft_ok(same(oa2(root, "etc/passwd", O_RDONLY, 0, RESOLVE_BENEATH), "root/etc/passwd") &&
		same(oa2(root, "rel", O_RDONLY, 0, RESOLVE_BENEATH), "root/etc/passwd") &&
		same(oa2(root, "etc/../etc/./passwd", O_RDONLY, 0, RESOLVE_BENEATH),
		     "root/etc/passwd"),
		"BENEATH: paths and relative links that stay inside open");
	ksft_ok(oa2(root, "/etc/passwd", O_RDONLY, 0, RESOLVE_BENEATH) == -EXDEV &&
		oa2(root, "..", O_RDONLY, 0, RESOLVE_BENEATH) == -EXDEV &&
		oa2(root, "abs", O_RDONLY, 0, RESOLVE_BENEATH) == -EXDEV &&
		oa2(root, "up", O_RDONLY, 0, RESOLVE_BENEATH) == -EXDEV,
		"BENEATH: an absolute path, '..' above the dirfd, an absolute or escaping link EXDEV");
	ksft_ok(closed_ok(oa2(root, "new1", O_CREAT | O_WRONLY, 0600, RESOLVE_BENEATH)) &&
		access("root/new1", F_OK) == 0 &&
		oa2(root, "/tmp/nope", O_CREAT | O_WRONLY, 0600, RESOLVE_BENEATH) == -EXDEV,
		"BENEATH: O_CREAT inside works, an absolute one EXDEV");
}

static void test_in_root(int root)
{
	ksft_ok(same(oa2(root, "/etc/passwd", O_RDONLY, 0, RESOLVE_IN_ROOT), "root/etc/passwd") &&
		same(oa2(root, "abs", O_RDONLY, 0, RESOLVE_IN_ROOT), "root/etc/passwd") &&
		same(oa2(root, "../../../etc/passwd", O_RDONLY, 0, RESOLVE_IN_ROOT),
		     "root/etc/passwd") &&
		same(oa2(root, "absroot", O_RDONLY, 0, RESOLVE_IN_ROOT), "root"),
		"IN_ROOT: '/', '..' and absolute links stay at the dirfd");
	ksft_ok(closed_ok(oa2(root, "/new2", O_CREAT | O_WRONLY, 0600, RESOLVE_IN_ROOT)) &&
		access("root/new2", F_OK) == 0, "IN_ROOT: O_CREAT of '/new2' lands in the dirfd");
}

static void test_links(int root)
{
	char path[64];
	int dev = open("/dev/null", O_RDONLY);

	ksft_ok(oa2(root, "rel", O_RDONLY, 0, RESOLVE_NO_SYMLINKS) == -ELOOP &&
		same(oa2(root, "etc/passwd", O_RDONLY, 0, RESOLVE_NO_SYMLINKS), "root/etc/passwd") &&
		closed_ok(oa2(root, "rel", O_PATH | O_NOFOLLOW, 0, RESOLVE_NO_SYMLINKS)),
		"NO_SYMLINKS: a link ELOOP, a plain path or O_PATH|O_NOFOLLOW on the link opens");
	snprintf(path, sizeof(path), "/proc/self/fd/%d", dev);
	ksft_ok(oa2(AT_FDCWD, path, O_RDONLY, 0, RESOLVE_NO_MAGICLINKS) == -ELOOP &&
		same(oa2(AT_FDCWD, path, O_RDONLY, 0, 0), "/dev/null") &&
		closed_ok(oa2(AT_FDCWD, "/proc/self/status", O_RDONLY, 0, RESOLVE_NO_MAGICLINKS)),
		"NO_MAGICLINKS: /proc/self/fd/N ELOOP (/proc/self is no magic link)");
	ksft_ok(oa2(AT_FDCWD, path, O_RDONLY, 0, RESOLVE_NO_SYMLINKS) == -ELOOP,
		"NO_SYMLINKS refuses magic links too");
	snprintf(path, sizeof(path), "%d", dev);
	{
		int fds = open("/proc/self/fd", O_RDONLY | O_DIRECTORY);

		ksft_ok(oa2(fds, path, O_RDONLY, 0, RESOLVE_BENEATH) == -EXDEV &&
			oa2(fds, path, O_RDONLY, 0, RESOLVE_IN_ROOT) == -EXDEV,
			"a magic link in a scoped walk EXDEV");
		close(fds);
	}
	close(dev);
}

static void test_xdev(int root)
{
	int mnt = openat(root, "mnt", O_PATH | O_DIRECTORY);

	ksft_ok(oa2(root, "mnt", O_RDONLY, 0, RESOLVE_NO_XDEV) == -EXDEV &&
		oa2(root, "mnt/f", O_RDONLY, 0, RESOLVE_NO_XDEV) == -EXDEV &&
		same(oa2(root, "mnt/f", O_RDONLY, 0, 0), "root/mnt/f"),
		"NO_XDEV: into a mount EXDEV");
	ksft_ok(same(oa2(mnt, "f", O_RDONLY, 0, RESOLVE_NO_XDEV), "root/mnt/f") &&
		oa2(mnt, "..", O_RDONLY, 0, RESOLVE_NO_XDEV) == -EXDEV &&
		oa2(mnt, "../etc", O_RDONLY, 0, RESOLVE_NO_XDEV) == -EXDEV,
		"NO_XDEV: inside the mount opens, '..' out of it EXDEV");
	close(mnt);
}

static void test_cached(int root)
{
	char path[64];

	ksft_ok(oa2(root, "etc/passwd", O_CREAT | O_RDONLY, 0600, RESOLVE_CACHED) == -EAGAIN &&
		oa2(root, "etc/passwd", O_TRUNC | O_WRONLY, 0, RESOLVE_CACHED) == -EAGAIN &&
		oa2(root, "etc", O_TMPFILE | O_RDWR, 0600, RESOLVE_CACHED) == -EAGAIN,
		"CACHED: O_CREAT, O_TRUNC, O_TMPFILE EAGAIN");
	snprintf(path, sizeof(path), "/proc/self/fd/%d", root);
	ksft_ok(same(oa2(root, "etc/passwd", O_RDONLY, 0, RESOLVE_CACHED), "root/etc/passwd") &&
		oa2(AT_FDCWD, path, O_RDONLY, 0, RESOLVE_CACHED) == -EAGAIN,
		"CACHED: a cached path opens, a magic link EAGAIN");
}

int main(void)
{
	int root;

	ksft_plan(26);
	root = setup();
	if (root < 0) {
		ksft_diag("setup failed: %s", strerror(errno));
		cleanup();
		return 1;
	}
	test_size();
	test_flags();
	test_tmpfile(root);
	test_beneath(root);
	test_in_root(root);
	test_links(root);
	test_xdev(root);
	test_cached(root);
	close(root);
	cleanup();
	ksft_exit();
}
