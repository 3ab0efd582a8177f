/*
 * pt_share: after fork, changing the child's mappings (munmap, mprotect,
 * madvise, mremap) or writing through process_vm_writev never reaches
 * the parent's, and the other way round; a shared mapping in the same
 * 4 MiB as private ones stays shared.  Linnet shares whole page tables
 * at fork (fork_mode=share): each of these must copy the table first.
 */
#include "../kselftest.h"
#include <sys/mman.h>
#include <sys/uio.h>

#define MiB (1024UL * 1024UL)
#define SIZE (8 * MiB)

static unsigned char *region;		/* 8 MiB private anonymous, 4 MiB aligned */

static unsigned char at(size_t off)
{
	return (unsigned char)(off / KSFT_PAGE * 13 + 1);
}

static void fill(void)
{
	for (size_t off = 0; off < SIZE; off += KSFT_PAGE)
		region[off] = at(off);
}

/* Every page holds its pattern, but those in [skip, skip + len). */
static int intact(size_t skip, size_t len)
{
	for (size_t off = 0; off < SIZE; off += KSFT_PAGE)
		if ((off < skip || off >= skip + len) && region[off] != at(off))
			return 0;
	return 1;
}

static void child_munmap(void *unused)
{
	(void)unused;
	if (munmap(region + 5 * KSFT_PAGE, KSFT_PAGE))
		_exit(1);
	region[6 * KSFT_PAGE] = 0xee;	/* a write beside the hole */
	_exit(intact(5 * KSFT_PAGE, 2 * KSFT_PAGE) && region[6 * KSFT_PAGE] == 0xee ? 0 : 2);
}

static void child_mprotect(void *unused)
{
	(void)unused;
	if (mprotect(region, 4 * MiB, PROT_READ))
		_exit(1);
	_exit(intact(0, 0) ? 0 : 2);
}

static void child_dontneed(void *unused)
{
	(void)unused;
	if (madvise(region + 4 * MiB, 4 * MiB, MADV_DONTNEED))
		_exit(1);
	for (size_t off = 4 * MiB; off < SIZE; off += KSFT_PAGE)
		if (region[off])
			_exit(2);	/* private anonymous: zeros again */
	_exit(intact(4 * MiB, 4 * MiB) ? 0 : 3);
}

/* Moves the first MiB of the region past its end (into the hole we left). */
static void child_mremap(void *unused)
{
	unsigned char *to = region + SIZE + 4 * MiB;

	(void)unused;
	if (mremap(region, MiB, MiB, MREMAP_MAYMOVE | MREMAP_FIXED, to) != to)
		_exit(1);
	for (size_t off = 0; off < MiB; off += KSFT_PAGE)
		if (to[off] != at(off))
			_exit(2);
	to[0] = 0xdd;
	_exit(intact(0, MiB) ? 0 : 3);
}

static int parent_kept_after(void (*fn)(void *))
{
	fill();
	return KSFT_EXITED(ksft_run_child(fn, NULL), 0) && intact(0, 0);
}

/* The child's write is its own; the parent's later write is the parent's. */
static int both_write(void)
{
	int go[2], done[2], status;
	char c;
	pid_t pid;

	fill();
	if (pipe(go) || pipe(done))
		return 0;
	pid = fork();
	if (pid < 0)
		return 0;
	if (pid == 0) {
		region[KSFT_PAGE] = 0xc1;
		if (write(done[1], "w", 1) != 1 || read(go[0], &c, 1) != 1)
			_exit(1);
		_exit(region[KSFT_PAGE] == 0xc1 && region[2 * KSFT_PAGE] == at(2 * KSFT_PAGE) ? 0 : 2);
	}
	if (read(done[0], &c, 1) != 1)
		return 0;
	region[2 * KSFT_PAGE] = 0xb2;
	if (write(go[1], "g", 1) != 1 || waitpid(pid, &status, 0) != pid)
		return 0;
	return KSFT_EXITED(status, 0) && region[KSFT_PAGE] == at(KSFT_PAGE) &&
	       region[2 * KSFT_PAGE] == 0xb2;
}

/* process_vm_readv sees the child's copy; process_vm_writev changes only the child's. */
static int remote_access(void)
{
	int go[2], done[2], status, ok = 1;
	unsigned char got = 0, put = 0x77;
	struct iovec local, remote;
	char c;
	pid_t pid;

	fill();
	if (pipe(go) || pipe(done))
		return 0;
	pid = fork();
	if (pid < 0)
		return 0;
	if (pid == 0) {
		region[3 * KSFT_PAGE] = 0x5a;
		if (write(done[1], "w", 1) != 1 || read(go[0], &c, 1) != 1)
			_exit(1);
		_exit(region[4 * KSFT_PAGE] == 0x77 && region[3 * KSFT_PAGE] == 0x5a ? 0 : 2);
	}
	if (read(done[0], &c, 1) != 1)
		return 0;
	local = (struct iovec){ &got, 1 };
	remote = (struct iovec){ region + 3 * KSFT_PAGE, 1 };
	if (process_vm_readv(pid, &local, 1, &remote, 1, 0) != 1 || got != 0x5a) {
		ksft_diag("process_vm_readv: %s, got %#x", strerror(errno), got);
		ok = 0;
	}
	local = (struct iovec){ &put, 1 };
	remote = (struct iovec){ region + 4 * KSFT_PAGE, 1 };
	if (process_vm_writev(pid, &local, 1, &remote, 1, 0) != 1) {
		ksft_diag("process_vm_writev: %s", strerror(errno));
		ok = 0;
	}
	if (write(go[1], "g", 1) != 1 || waitpid(pid, &status, 0) != pid)
		return 0;
	return ok && KSFT_EXITED(status, 0) && intact(0, 0);
}

/* A MAP_SHARED page inside the private region's 4 MiB stays shared. */
static int shared_beside_private(void)
{
	unsigned char *shared = region + 7 * KSFT_PAGE;
	int status;
	pid_t pid;

	if (mmap(shared, KSFT_PAGE, PROT_READ | PROT_WRITE,
		 MAP_SHARED | MAP_ANONYMOUS | MAP_FIXED, -1, 0) != shared)
		return 0;
	fill();
	pid = fork();
	if (pid < 0)
		return 0;
	if (pid == 0) {
		shared[0] = 0x99;		/* seen by the parent */
		region[8 * KSFT_PAGE] = 0x98;	/* not seen */
		_exit(0);
	}
	if (waitpid(pid, &status, 0) != pid)
		return 0;
	return KSFT_EXITED(status, 0) && shared[0] == 0x99 &&
	       region[8 * KSFT_PAGE] == at(8 * KSFT_PAGE);
}

/* The child's mincore sees the inherited pages resident. */
static void child_mincore(void *unused)
{
	unsigned char vec[SIZE / KSFT_PAGE];

	(void)unused;
	if (mincore(region, SIZE, vec))
		_exit(1);
	for (size_t i = 0; i < sizeof(vec); i++)
		if (!(vec[i] & 1))
			_exit(2);
	_exit(0);
}

int main(void)
{
	unsigned char *area;

	ksft_plan(9);
	/* 8 MiB on a 4 MiB boundary, with 8 MiB free above it for mremap */
	area = mmap(NULL, SIZE + 12 * MiB, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (area == MAP_FAILED) {
		ksft_diag("mmap: %s", strerror(errno));
		return 1;
	}
	region = (unsigned char *)(((unsigned long)area + 4 * MiB - 1) & ~(4 * MiB - 1));
	if (mprotect(region, SIZE, PROT_READ | PROT_WRITE) ||
	    munmap(region + SIZE, 8 * MiB)) {
		ksft_diag("mprotect/munmap: %s", strerror(errno));
		return 1;
	}
	ksft_ok(parent_kept_after(child_munmap), "the child's munmap of one page leaves the parent's");
	ksft_ok(parent_kept_after(child_mprotect), "the child's mprotect leaves the parent's pages");
	ksft_ok(KSFT_EXITED(ksft_run_child(child_mprotect, NULL), 0) &&
		(region[0] = 0x42, region[0] == 0x42), "the parent still writes what the child made read-only");
	ksft_ok(parent_kept_after(child_dontneed), "the child's MADV_DONTNEED of 4 MiB zeroes only its own");
	ksft_ok(parent_kept_after(child_mremap), "the child's mremap moves only its own pages");
	ksft_ok(both_write(), "parent and child each write their own copy");
	ksft_ok(remote_access(), "process_vm_readv/writev reach the child's copy only");
	ksft_ok(shared_beside_private(), "a MAP_SHARED page beside private ones stays shared");
	fill();
	ksft_ok(KSFT_EXITED(ksft_run_child(child_mincore, NULL), 0), "the child's mincore sees inherited pages");
	ksft_exit();
}
