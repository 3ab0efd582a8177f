/*
 * memfd_create and seals: names, flags, every seal against write, pwrite,
 * writev, ftruncate, fallocate and mmap, F_SEAL_WRITE refused (EBUSY)
 * while a shared mapping may write, F_SEAL_FUTURE_WRITE letting existing
 * mappings write, a memfd mapping shared with a forked child.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>
#include "../kselftest.h"

#define PG 4096

static int mfd(const char *name, unsigned int flags)
{
	return syscall(SYS_memfd_create, name, flags);
}

static int fails(long r, int err)
{
	return r == -1 && errno == err;
}

static int seals(int fd)
{
	return fcntl(fd, F_GET_SEALS);
}

static void test_names_flags(void)
{
	char name[300], link[64], target[512];
	struct stat st;
	int fd;
	ssize_t n;

	fd = mfd("hello", MFD_CLOEXEC);
	snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
	n = readlink(link, target, sizeof(target) - 1);
	if (n >= 0)
		target[n] = 0;
	ksft_ok(fd >= 0 && n > 0 && !strcmp(target, "/memfd:hello (deleted)"),
		"memfd_create: /proc/self/fd names it /memfd:hello (deleted)");
	ksft_ok(fcntl(fd, F_GETFD) == FD_CLOEXEC && (fcntl(fd, F_GETFL) & O_ACCMODE) == O_RDWR,
		"MFD_CLOEXEC sets FD_CLOEXEC; opened read-write");
	ksft_ok(fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size == 0 &&
		st.st_nlink == 0, "a regular empty file with no links");
	ksft_ok(seals(fd) == F_SEAL_SEAL && fails(fcntl(fd, F_ADD_SEALS, F_SEAL_WRITE), EPERM),
		"without MFD_ALLOW_SEALING: F_SEAL_SEAL, F_ADD_SEALS EPERM");
	close(fd);
	memset(name, 'a', sizeof(name));
	name[249] = 0;
	fd = mfd(name, 0);
	ksft_ok(fd >= 0, "a 249-byte name is accepted");
	close(fd);
	name[249] = 'a';
	name[250] = 0;
	ksft_ok(fails(mfd(name, 0), EINVAL), "a 250-byte name: EINVAL");
	ksft_ok(fails(mfd("x", 0x8), EINVAL) && fails(mfd("x", 0x10), EINVAL) &&
		fails(mfd("x", 0x100), EINVAL) && fails(mfd("x", MFD_CLOEXEC | 0x40), EINVAL),
		"unknown flags (MFD_NOEXEC_SEAL, MFD_EXEC on 6.1, others): EINVAL");
	ksft_ok(fails(mfd((const char *)1, 0), EFAULT) && fails(mfd(NULL, 0), EFAULT),
		"bad name pointer: EFAULT");
	fd = mfd("", MFD_ALLOW_SEALING);
	ksft_ok(fd >= 0 && seals(fd) == 0 && fcntl(fd, F_GETFD) == 0,
		"an empty name; MFD_ALLOW_SEALING starts with no seal");
	ksft_ok(fails(fcntl(fd, F_ADD_SEALS, 0x20), EINVAL) && seals(fd) == 0,
		"F_ADD_SEALS with an unknown seal: EINVAL");
	close(fd);
}

static void test_not_memfd(void)
{
	int p[2], r1, r2, r3;

	if (pipe(p))
		return;
	r1 = fcntl(p[0], F_GET_SEALS);
	r1 = r1 == -1 && errno == EINVAL;
	r2 = fails(fcntl(p[1], F_ADD_SEALS, F_SEAL_WRITE), EINVAL);
	r3 = fails(fcntl(p[0], F_ADD_SEALS, F_SEAL_WRITE), EPERM);
	ksft_ok(r1 && r2 && r3, "a pipe: F_GET_SEALS EINVAL, F_ADD_SEALS EINVAL (EPERM read-only)");
	close(p[0]);
	close(p[1]);
	ksft_ok(fails(fcntl(-1, F_GET_SEALS), EBADF), "F_GET_SEALS on a bad fd: EBADF");
}

/* A sealable memfd of two pages of 'a'. */
static int sealable(void)
{
	char buf[2 * PG];
	int fd = mfd("seal", MFD_ALLOW_SEALING);

	memset(buf, 'a', sizeof(buf));
	if (fd < 0 || write(fd, buf, sizeof(buf)) != (ssize_t)sizeof(buf))
		return -1;
	return fd;
}

static void test_seal_write(void)
{
	int fd = sealable(), ok;
	struct iovec iov = { "b", 1 };
	char *p, c = 0;

	p = mmap(NULL, 2 * PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	ksft_ok(p != MAP_FAILED && fails(fcntl(fd, F_ADD_SEALS, F_SEAL_WRITE), EBUSY) &&
		seals(fd) == 0, "F_SEAL_WRITE with a shared writable mapping: EBUSY");
	munmap(p, 2 * PG);
	p = mmap(NULL, 2 * PG, PROT_READ, MAP_SHARED, fd, 0);
	ok = p != MAP_FAILED && fails(fcntl(fd, F_ADD_SEALS, F_SEAL_WRITE), EBUSY);
	munmap(p, 2 * PG);
	ksft_ok(ok, "F_SEAL_WRITE with a shared read-only mapping of a writable fd: EBUSY (6.1)");
	p = mmap(NULL, 2 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	ksft_ok(p != MAP_FAILED && fcntl(fd, F_ADD_SEALS, F_SEAL_WRITE) == 0 &&
		seals(fd) == F_SEAL_WRITE, "a private mapping does not stop F_SEAL_WRITE");
	if (p != MAP_FAILED) {
		p[0] = 'z';
		ksft_ok(pread(fd, &c, 1, 0) == 1 && c == 'a', "the private mapping still copies on write");
		munmap(p, 2 * PG);
	} else {
		ksft_ok(0, "the private mapping still copies on write");
	}
	ksft_ok(fails(write(fd, "b", 1), EPERM) && fails(pwrite(fd, "b", 1, 0), EPERM) &&
		fails(writev(fd, &iov, 1), EPERM) && write(fd, "", 0) == 0,
		"sealed write: write, pwrite, writev EPERM; a zero-byte write is 0");
	ksft_ok(fails((long)mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0), EPERM),
		"sealed write: a writable shared mapping EPERM");
	p = mmap(NULL, PG, PROT_READ, MAP_SHARED, fd, 0);
	ksft_ok(p != MAP_FAILED && p[0] == 'a' && fails(mprotect(p, PG, PROT_READ | PROT_WRITE), EACCES),
		"sealed write: a read-only shared mapping, never writable (mprotect EACCES)");
	if (p != MAP_FAILED)
		munmap(p, PG);
	ksft_ok(fails(fallocate(fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, 0, PG), EPERM) &&
		fallocate(fd, 0, 0, 3 * PG) == 0,
		"sealed write: punching a hole EPERM, allocating allowed");
	ksft_ok(ftruncate(fd, PG) == 0 && ftruncate(fd, 3 * PG) == 0,
		"sealed write: ftruncate still shrinks and grows");
	close(fd);
}

static void test_future_write(void)
{
	int fd = sealable(), ok;
	char *w, *r, c = 0;

	w = mmap(NULL, 2 * PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	ksft_ok(w != MAP_FAILED && fcntl(fd, F_ADD_SEALS, F_SEAL_FUTURE_WRITE) == 0,
		"F_SEAL_FUTURE_WRITE with a shared writable mapping: allowed");
	if (w != MAP_FAILED)
		w[5] = 'm';
	ksft_ok(w != MAP_FAILED && pread(fd, &c, 1, 5) == 1 && c == 'm',
		"the existing mapping keeps writing");
	ksft_ok(fails(write(fd, "b", 1), EPERM) &&
		fails((long)mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0), EPERM),
		"future write: write and new writable shared mappings EPERM");
	r = mmap(NULL, PG, PROT_READ, MAP_SHARED, fd, 0);
	ok = r != MAP_FAILED && r[5] == 'm' && fails(mprotect(r, PG, PROT_READ | PROT_WRITE), EACCES);
	ksft_ok(ok, "a new shared read-only mapping cannot be made writable: EACCES");
	ksft_ok(fails(fcntl(fd, F_ADD_SEALS, F_SEAL_WRITE), EBUSY),
		"F_SEAL_WRITE still EBUSY while the old writable mapping lives");
	munmap(w, 2 * PG);
	if (r != MAP_FAILED)
		munmap(r, PG);
	close(fd);
}

static void test_shrink_grow(void)
{
	int fd = sealable();
	struct stat st;
	char buf[PG + 100], path[64];

	memset(buf, 'c', sizeof(buf));
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	ksft_ok(fcntl(fd, F_ADD_SEALS, F_SEAL_SHRINK) == 0 && fails(ftruncate(fd, PG), EPERM) &&
		fails(open(path, O_RDWR | O_TRUNC), EPERM) &&
		ftruncate(fd, 3 * PG) == 0 && write(fd, "x", 1) == 1,
		"F_SEAL_SHRINK: shrinking (ftruncate, O_TRUNC) EPERM, growing and writing allowed");
	ksft_ok(fcntl(fd, F_ADD_SEALS, F_SEAL_GROW) == 0 && fails(ftruncate(fd, 4 * PG), EPERM) &&
		ftruncate(fd, 3 * PG) == 0 && seals(fd) == (F_SEAL_SHRINK | F_SEAL_GROW),
		"F_SEAL_GROW: growing EPERM, the same size allowed");
	ksft_ok(fails(pwrite(fd, "x", 1, 3 * PG), EPERM) && pwrite(fd, "x", 1, 3 * PG - 1) == 1 &&
		fails(fallocate(fd, 0, 2 * PG, 2 * PG), EPERM) &&
		fails(fallocate(fd, FALLOC_FL_KEEP_SIZE, 2 * PG, 2 * PG), EPERM) &&
		fallocate(fd, 0, 0, PG) == 0, "F_SEAL_GROW: writes and fallocate past the end EPERM");
	ksft_ok(pwrite(fd, buf, sizeof(buf), 2 * PG) == PG && fstat(fd, &st) == 0 &&
		st.st_size == 3 * PG, "a write across the end stops at the last whole page inside");
	ksft_ok(fcntl(fd, F_ADD_SEALS, F_SEAL_SEAL) == 0 &&
		fails(fcntl(fd, F_ADD_SEALS, F_SEAL_WRITE), EPERM) &&
		seals(fd) == (F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_SEAL),
		"F_SEAL_SEAL: no further seal");
	close(fd);
}

static void test_readonly_fd(void)
{
	int fd = sealable(), ro;
	char path[64];

	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	ro = open(path, O_RDONLY);
	ksft_ok(ro >= 0 && fails(fcntl(ro, F_ADD_SEALS, F_SEAL_GROW), EPERM) && seals(ro) == 0,
		"a read-only descriptor of a memfd: F_ADD_SEALS EPERM, F_GET_SEALS works");
	close(ro);
	close(fd);
}

static void test_fork_shared(void)
{
	int fd = sealable(), status = -1;
	volatile char *p;
	pid_t pid;

	p = mmap(NULL, 2 * PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (p == MAP_FAILED) {
		ksft_ok(0, "fork shares a memfd mapping");
		ksft_ok(0, "the child's mapping counts for F_SEAL_WRITE");
		ksft_ok(0, "once the child is gone F_SEAL_WRITE succeeds");
		return;
	}
	pid = fork();
	if (pid == 0) {
		p[100] = 'k';
		munmap((void *)p, 2 * PG);
		_exit(0);
	}
	waitpid(pid, &status, 0);
	ksft_ok(KSFT_EXITED(status, 0) && p[100] == 'k', "fork shares a memfd mapping");
	pid = fork();
	if (pid == 0) {
		pause();
		_exit(0);
	}
	munmap((void *)p, 2 * PG);
	ksft_ok(fails(fcntl(fd, F_ADD_SEALS, F_SEAL_WRITE), EBUSY),
		"the child's inherited mapping counts for F_SEAL_WRITE");
	kill(pid, SIGKILL);
	waitpid(pid, &status, 0);
	ksft_ok(fcntl(fd, F_ADD_SEALS, F_SEAL_WRITE) == 0,
		"once the child is gone F_SEAL_WRITE succeeds");
	close(fd);
}

static void test_split_mapping(void)
{
	int fd = sealable();
	char *p = mmap(NULL, 2 * PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	int ok;

	/* Splitting a mapping in two and unmapping each half balances the count. */
	ok = p != MAP_FAILED && mprotect(p, PG, PROT_READ) == 0 && munmap(p + PG, PG) == 0 &&
	     fails(fcntl(fd, F_ADD_SEALS, F_SEAL_WRITE), EBUSY) && munmap(p, PG) == 0 &&
	     fcntl(fd, F_ADD_SEALS, F_SEAL_WRITE) == 0;
	ksft_ok(ok, "split shared mapping: EBUSY until its last piece is gone");
	close(fd);
}

int main(void)
{
	ksft_plan(36);
	test_names_flags();
	test_not_memfd();
	test_seal_write();
	test_future_write();
	test_shrink_grow();
	test_readonly_fd();
	test_fork_shared();
	test_split_mapping();
	ksft_exit();
}
