/*
 * fallocate on tmpfs (a memfd and a mounted tmpfs): allocation with and
 * without FALLOC_FL_KEEP_SIZE, punching holes (zeros seen through shared
 * mappings, private copies kept), the modes tmpfs refuses, the errors,
 * tmpfs size= (ENOSPC, nothing allocated), and lseek SEEK_DATA/SEEK_HOLE
 * (also through _llseek).
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "../kselftest.h"

#define PG 4096
#define DIR "/tmp/linnet-falloc"

static int fails(long r, int err)
{
	return r == -1 && errno == err;
}

static long long blocks(int fd)
{
	struct stat st;

	return fstat(fd, &st) ? -1 : (long long)st.st_blocks;
}

static long long size(int fd)
{
	struct stat st;

	return fstat(fd, &st) ? -1 : (long long)st.st_size;
}

static long long llseek64(int fd, long long off, int whence)
{
	long long res = -1;

	if (syscall(SYS__llseek, fd, (unsigned long)(off >> 32), (unsigned long)off, &res, whence))
		return -1;
	return res;
}

static int all(const char *p, char c, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] != c)
			return 0;
	return 1;
}

static void test_allocate(int fd)
{
	ksft_ok(fallocate(fd, 0, PG, 2 * PG) == 0 && size(fd) == 3 * PG && blocks(fd) == 16,
		"mode 0: two pages allocated, size grows to cover them");
	ksft_ok(fallocate(fd, FALLOC_FL_KEEP_SIZE, 4 * PG, 100) == 0 && size(fd) == 3 * PG &&
		blocks(fd) == 24, "FALLOC_FL_KEEP_SIZE: a page past the end, size unchanged");
	ksft_ok(fallocate(fd, 0, 0, 10) == 0 && size(fd) == 3 * PG && blocks(fd) == 32,
		"allocating inside the file never shrinks it");
}

static void test_seek(int fd)
{
	/*
	 * Pages 0-2 allocated, 4 allocated past the end; size 3 pages.
	 * Write pages 0 and 4: data; 1, 2 (allocated, never written), 3
	 * (missing) and 5 are holes.
	 */
	ksft_ok(lseek(fd, 0, SEEK_DATA) == -1 && errno == ENXIO && lseek(fd, 0, SEEK_HOLE) == 0,
		"pages fallocate made and nobody wrote are holes (as Linux's tmpfs)");
	ksft_ok(pwrite(fd, "d", 1, 0) == 1 && ftruncate(fd, 6 * PG) == 0 &&
		pwrite(fd, "d", 1, 4 * PG) == 1 && lseek(fd, 10, SEEK_DATA) == 10 &&
		lseek(fd, 10, SEEK_HOLE) == PG, "SEEK_DATA in data is the offset; SEEK_HOLE the next hole");
	ksft_ok(lseek(fd, PG + 5, SEEK_HOLE) == PG + 5 && lseek(fd, PG + 5, SEEK_DATA) == 4 * PG &&
		lseek(fd, 0, SEEK_CUR) == 4 * PG,
		"SEEK_DATA skips holes and moves the offset; SEEK_HOLE in a hole stays");
	ksft_ok(fails(lseek(fd, 5 * PG, SEEK_DATA), ENXIO) && lseek(fd, 5 * PG, SEEK_HOLE) == 5 * PG,
		"SEEK_DATA with only a hole left: ENXIO");
	ksft_ok(fails(lseek(fd, 6 * PG, SEEK_DATA), ENXIO) && fails(lseek(fd, 6 * PG, SEEK_HOLE), ENXIO) &&
		fails(lseek(fd, -1, SEEK_DATA), ENXIO) && fails(lseek(fd, -1, SEEK_HOLE), ENXIO),
		"at or past the end, or negative: ENXIO");
	ksft_ok(llseek64(fd, PG + 1, SEEK_DATA) == 4 * PG &&
		llseek64(fd, 4 * PG, SEEK_HOLE) == 5 * PG && fails(llseek64(fd, 1LL << 40, SEEK_DATA), ENXIO),
		"_llseek: SEEK_DATA, SEEK_HOLE, ENXIO far out");
}

static void test_punch(int fd)
{
	char *sh, *pv, buf[PG];
	int ok;

	memset(buf, 'x', sizeof(buf));
	for (int i = 0; i < 6; i++)
		if (pwrite(fd, buf, PG, (off_t)i * PG) != PG)
			return;
	sh = mmap(NULL, 6 * PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	pv = mmap(NULL, 6 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	if (sh == MAP_FAILED || pv == MAP_FAILED)
		return;
	ok = sh[PG] == 'x' && pv[2 * PG] == 'x';	/* fault both in */
	pv[3 * PG] = 'p';				/* a private copy */
	ksft_ok(ok && fails(fallocate(fd, FALLOC_FL_PUNCH_HOLE, PG, PG), EOPNOTSUPP),
		"PUNCH_HOLE without KEEP_SIZE: EOPNOTSUPP");
	ksft_ok(fallocate(fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, PG + 100, 3 * PG) == 0 &&
		size(fd) == 6 * PG && blocks(fd) == 8 * 4, "punching [1 page + 100, 4 pages + 100): "
		"two whole pages freed, size kept");
	if (pread(fd, buf, PG, 2 * PG) != PG)
		buf[0] = 1;
	ksft_ok(all(buf, 0, PG) && lseek(fd, PG, SEEK_HOLE) == 2 * PG &&
		lseek(fd, 2 * PG, SEEK_DATA) == 4 * PG && blocks(fd) == 8 * 4,
		"read sees zeros and allocates nothing; the freed pages are holes");
	ksft_ok(all(sh, 'x', PG + 100) && all(sh + PG + 100, 0, 3 * PG) &&
		all(sh + 4 * PG + 100, 'x', 2 * PG - 100),
		"the shared mapping reads zeros exactly in the hole");
	ksft_ok(pv[3 * PG] == 'p' && all(pv + 2 * PG, 0, PG) && pv[PG + 99] == 'x' && pv[PG + 100] == 0,
		"the private mapping keeps its copy, sees zeros elsewhere");
	sh[2 * PG] = 's';
	ksft_ok(pread(fd, buf, 1, 2 * PG) == 1 && buf[0] == 's' && pv[2 * PG] == 's' &&
		blocks(fd) == 8 * 6, "faults in the hole make new pages, shared by both mappings");
	munmap(sh, 6 * PG);
	munmap(pv, 6 * PG);
}

static void test_errors(int fd)
{
	int p[2], dn, ro;
	char path[64];

	ksft_ok(fails(fallocate(fd, 0, 0, 0), EINVAL) && fails(fallocate(fd, 0, -1, 10), EINVAL) &&
		fails(fallocate(fd, 0, 0, -5), EINVAL), "len <= 0 or offset < 0: EINVAL");
	ksft_ok(fails(fallocate(fd, FALLOC_FL_ZERO_RANGE, 0, PG), EOPNOTSUPP) &&
		fails(fallocate(fd, FALLOC_FL_COLLAPSE_RANGE, 0, PG), EOPNOTSUPP) &&
		fails(fallocate(fd, FALLOC_FL_NO_HIDE_STALE, 0, PG), EOPNOTSUPP) &&
		fails(fallocate(fd, 0x80, 0, PG), EOPNOTSUPP) &&
		fails(fallocate(fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_ZERO_RANGE | FALLOC_FL_KEEP_SIZE, 0, PG),
		      EOPNOTSUPP), "modes tmpfs lacks: EOPNOTSUPP");
	ksft_ok(fails(fallocate(fd, FALLOC_FL_COLLAPSE_RANGE | FALLOC_FL_KEEP_SIZE, 0, PG), EINVAL) &&
		fails(fallocate(fd, FALLOC_FL_INSERT_RANGE | FALLOC_FL_KEEP_SIZE, 0, PG), EINVAL),
		"collapse or insert mixed with other modes: EINVAL");
	ksft_ok(fails(fallocate64(fd, 0, LLONG_MAX - 10, 100), EFBIG), "a range wrapping past 2^63: EFBIG");
	ksft_ok(fails(fallocate(-1, 0, 0, PG), EBADF) && fails(fallocate(999, 0, 0, PG), EBADF),
		"bad descriptor: EBADF");
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	ro = open(path, O_RDONLY);
	ksft_ok(ro >= 0 && fails(fallocate(ro, 0, 0, PG), EBADF), "a read-only descriptor: EBADF");
	close(ro);
	if (pipe(p) == 0) {
		ksft_ok(fails(fallocate(p[1], 0, 0, PG), ESPIPE), "a pipe: ESPIPE");
		close(p[0]);
		close(p[1]);
	} else {
		ksft_ok(0, "a pipe: ESPIPE");
	}
	dn = open("/dev/null", O_WRONLY);
	ksft_ok(dn >= 0 && fails(fallocate(dn, 0, 0, PG), ENODEV), "a character device: ENODEV");
	close(dn);
}

static void test_enospc(void)
{
	char file[] = DIR "/f";
	int fd, ok;

	mkdir(DIR, 0755);
	if (mount("none", DIR, "tmpfs", 0, "size=64k")) {
		ksft_ok(0, "tmpfs size=64k mounted");
		ksft_ok(0, "tmpfs size= limit: ENOSPC, nothing allocated");
		return;
	}
	fd = open(file, O_RDWR | O_CREAT, 0600);
	ok = fd >= 0 && fallocate(fd, 0, 0, 8 * PG) == 0 && blocks(fd) == 64;
	ksft_ok(ok, "tmpfs size=64k mounted; 8 pages allocated");
	ksft_ok(fails(fallocate(fd, 0, 8 * PG, 64 * PG), ENOSPC) && blocks(fd) == 64 &&
		size(fd) == 8 * PG && fallocate(fd, FALLOC_FL_KEEP_SIZE, 8 * PG, 8 * PG) == 0,
		"past the size= limit: ENOSPC, nothing allocated; what fits succeeds");
	close(fd);
	unlink(file);
	umount(DIR);
	rmdir(DIR);
}

int main(void)
{
	int fd = syscall(SYS_memfd_create, "falloc", 0);

	ksft_plan(25);
	if (fd < 0) {
		ksft_diag("memfd_create: %s", strerror(errno));
		return 1;
	}
	test_allocate(fd);
	test_seek(fd);
	test_punch(fd);
	test_errors(fd);
	close(fd);
	test_enospc();
	ksft_exit();
}
