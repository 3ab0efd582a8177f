/*
 * linnet-bench: a static i386 benchmark meant to run as /init (PID 1) of an
 * initramfs, under Linux and under Linnet, with the QEMU settings of
 * BENCHMARKING.md.  Under "-icount shift=0" one rdtsc tick is one guest
 * instruction (kernel and user), so the numbers are instruction counts and
 * runs are repeatable.
 *
 * Every row is the median of several samples.  Output lines look like
 *
 *	bench: <name padded to 40> <median> cycles
 *
 * and the program ends with "bench: done", sync() and a power-off.
 *
 * Build: gcc -m32 -static -O2 -o linnet-bench linnet-bench.c
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <sys/sysinfo.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define PAGE		4096UL
#define MiB		(1024UL * 1024UL)

#define SAMPLES		21	/* cheap rows */
#define SAMPLES_BIG	11	/* rows that touch 16 or 64 MiB */

#define EXEC_PATH	"/bench-true"
#define FILE_PATH	"/bench.dat"
#define FILE_SIZE	(1 * MiB)

#define NAME_WIDTH	40

/*
 * Region size of the anonymous fault rows.  It has to be well above what
 * Linux keeps on its per-CPU free page lists (a few hundred pages here):
 * with 1 MiB the pages freed by one sample's munmap are handed straight
 * back to the next sample and a write fault looks ~6 % cheaper than in
 * steady state.  16 MiB gives the steady-state (buddy allocator) cost.
 */
#ifndef ANON_SIZE
#define ANON_SIZE	(16 * MiB)
#endif

static inline uint64_t rdtsc(void)
{
	uint32_t lo, hi;

	asm volatile("rdtsc" : "=a"(lo), "=d"(hi) : : "memory");
	return ((uint64_t)hi << 32) | lo;
}

/* ------------------------------------------------------------------ */
/* Reporting                                                           */

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

static uint64_t median(uint64_t *v, int n)
{
	qsort(v, n, sizeof(*v), cmp_u64);
	if (n & 1)
		return v[n / 2];
	return (v[n / 2 - 1] + v[n / 2]) / 2;
}

static void report(const char *name, uint64_t cycles)
{
	printf("bench: %-*s %llu cycles\n", NAME_WIDTH, name,
	       (unsigned long long)cycles);
	fflush(stdout);
}

static void report_skipped(const char *name, const char *why)
{
	printf("bench: %-*s skipped (%s)\n", NAME_WIDTH, name, why);
	fflush(stdout);
}

/* ------------------------------------------------------------------ */
/* Helpers                                                             */

static void *map_anon(size_t len)
{
	void *p = mmap(NULL, len, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	return p == MAP_FAILED ? NULL : p;
}

static void touch_write(volatile char *p, size_t len)
{
	for (size_t off = 0; off < len; off += PAGE)
		p[off] = 1;
}

static void touch_read(volatile char *p, size_t len)
{
	for (size_t off = 0; off < len; off += PAGE)
		(void)p[off];
}

/*
 * One fork: the child writes one byte in each page of [cow, cow+cow_len)
 * (nothing when cow_len is 0) and calls _exit(0); the parent waits for it.
 * Returns the cycles from just before fork() to just after waitpid()
 * returned, or 0 on failure.
 */
static uint64_t fork_exit_wait(volatile char *cow, size_t cow_len)
{
	uint64_t t0, t1;
	int status;
	pid_t pid;

	t0 = rdtsc();
	pid = fork();
	if (pid == 0) {
		if (cow_len)
			touch_write(cow, cow_len);
		_exit(0);
	}
	if (pid < 0)
		return 0;
	if (waitpid(pid, &status, 0) != pid)
		return 0;
	t1 = rdtsc();
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		return 0;
	return t1 - t0;
}

/* ------------------------------------------------------------------ */
/* Rows                                                                */

static void bench_getppid(void)
{
	uint64_t s[31];

	for (int i = 0; i < 31; i++) {
		uint64_t t0, t1;
		long ret;

		t0 = rdtsc();
		/* A real syscall every time: glibc's getppid() is fine too,
		 * but this leaves no doubt. 64 is __NR_getppid on i386. */
		asm volatile("int $0x80" : "=a"(ret) : "0"(64L) : "memory");
		t1 = rdtsc();
		s[i] = t1 - t0;
	}
	report("getppid", median(s, 31));
}

/*
 * clock_gettime(CLOCK_MONOTONIC): through glibc, which uses the vDSO when
 * the kernel maps one (no kernel entry), and as the raw system call (403,
 * clock_gettime64) for comparison.
 */
static void bench_clock_gettime(void)
{
	uint64_t s[31], r[31];

	for (int i = 0; i < 31; i++) {
		struct timespec ts;
		struct { int64_t sec, nsec; } ts64;
		uint64_t t0, t1, t2;
		long ret;

		t0 = rdtsc();
		clock_gettime(CLOCK_MONOTONIC, &ts);
		t1 = rdtsc();
		asm volatile("int $0x80" : "=a"(ret) : "0"(403L), "b"(CLOCK_MONOTONIC), "c"(&ts64)
			     : "memory");
		t2 = rdtsc();
		s[i] = t1 - t0;
		r[i] = t2 - t1;
	}
	report("clock_gettime (glibc, vDSO)", median(s, 31));
	report("clock_gettime64 syscall", median(r, 31));
}

static void bench_fork(const char *name, size_t len, int n)
{
	uint64_t s[SAMPLES > SAMPLES_BIG ? SAMPLES : SAMPLES_BIG];
	char *mem = NULL;

	if (len) {
		mem = map_anon(len);
		if (!mem) {
			report_skipped(name, "mmap failed");
			return;
		}
		touch_write(mem, len);
	}
	for (int i = 0; i < n; i++) {
		s[i] = fork_exit_wait(NULL, 0);
		if (!s[i]) {
			report_skipped(name, "fork failed");
			goto out;
		}
	}
	report(name, median(s, n));
out:
	if (mem)
		munmap(mem, len);
}

/*
 * 512 MiB touched: only in a guest with room for it (tools/testing/bench/
 * Makefile's BENCH_MEM); fork sharing page tables should cost at most
 * twice the 64 MiB row.
 */
static void bench_fork_512(void)
{
	const char *name = "fork+exit+wait 512MiB";
	struct sysinfo si;

	if (sysinfo(&si) || (uint64_t)si.totalram * si.mem_unit < 640ull * MiB) {
		report_skipped(name, "less than 640 MiB of RAM");
		return;
	}
	bench_fork(name, 512 * MiB, SAMPLES_BIG);
}

static void bench_cow(void)
{
	const char *name = "cow break per page";
	const size_t len = 4 * MiB;
	const unsigned long pages = len / PAGE;
	uint64_t with[SAMPLES], without[SAMPLES], a, b;
	char *mem = map_anon(len);

	if (!mem) {
		report_skipped(name, "mmap failed");
		return;
	}
	touch_write(mem, len);
	/* Interleave the two kinds so that both see the same history. */
	for (int i = 0; i < SAMPLES; i++) {
		without[i] = fork_exit_wait(NULL, 0);
		with[i] = fork_exit_wait(mem, len);
		if (!with[i] || !without[i]) {
			report_skipped(name, "fork failed");
			goto out;
		}
	}
	a = median(with, SAMPLES);
	b = median(without, SAMPLES);
	report(name, a > b ? (a - b) / pages : 0);
out:
	munmap(mem, len);
}

enum fault_kind { FAULT_WRITE, FAULT_READ, FAULT_WRITE_AFTER_READ };

static void bench_anon_fault(const char *name, enum fault_kind kind)
{
	const size_t len = ANON_SIZE;
	const unsigned long pages = len / PAGE;
	uint64_t s[SAMPLES_BIG];

	for (int i = 0; i < SAMPLES_BIG; i++) {
		char *mem = map_anon(len);
		uint64_t t0, t1;

		if (!mem) {
			report_skipped(name, "mmap failed");
			return;
		}
		if (kind == FAULT_WRITE_AFTER_READ)
			touch_read(mem, len);
		t0 = rdtsc();
		if (kind == FAULT_READ)
			touch_read(mem, len);
		else
			touch_write(mem, len);
		t1 = rdtsc();
		munmap(mem, len);
		s[i] = (t1 - t0) / pages;
	}
	report(name, median(s, SAMPLES_BIG));
}

static void bench_mmap_munmap(const char *name, size_t len)
{
	uint64_t s[SAMPLES];

	for (int i = 0; i < SAMPLES; i++) {
		uint64_t t0, t1;
		void *p;

		t0 = rdtsc();
		p = mmap(NULL, len, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (p == MAP_FAILED) {
			report_skipped(name, "mmap failed");
			return;
		}
		munmap(p, len);
		t1 = rdtsc();
		s[i] = t1 - t0;
	}
	report(name, median(s, SAMPLES));
}

/*
 * The data file: /bench.dat from the initramfs when it is there and big
 * enough, otherwise created now (the rootfs of an initramfs is writable).
 */
static int open_bench_file(void)
{
	static char buf[64 * 1024];
	struct stat st;
	size_t done;
	int fd;

	fd = open(FILE_PATH, O_RDWR);
	if (fd >= 0 && fstat(fd, &st) == 0 && (size_t)st.st_size >= FILE_SIZE)
		return fd;
	if (fd >= 0)
		close(fd);

	fd = open(FILE_PATH, O_RDWR | O_CREAT | O_TRUNC, 0644);
	if (fd < 0)
		return -1;
	memset(buf, 0x5a, sizeof(buf));
	for (done = 0; done < FILE_SIZE; done += sizeof(buf)) {
		if (write(fd, buf, sizeof(buf)) != (ssize_t)sizeof(buf)) {
			close(fd);
			return -1;
		}
	}
	return fd;
}

static void bench_file_fault(void)
{
	const char *rname = "file fault private read per page";
	const char *wname = "file fault shared write per page";
	const unsigned long pages = FILE_SIZE / PAGE;
	uint64_t r[SAMPLES], w[SAMPLES];
	int fd = open_bench_file();

	if (fd < 0) {
		report_skipped(rname, "no " FILE_PATH);
		report_skipped(wname, "no " FILE_PATH);
		return;
	}
	/* Every page is in the page cache already (ramfs/tmpfs keep them
	 * there; a disk file would have been read by the write above or by
	 * the first sample).  Each sample maps the file afresh. */
	for (int i = 0; i < SAMPLES; i++) {
		char *p = mmap(NULL, FILE_SIZE, PROT_READ, MAP_PRIVATE, fd, 0);
		uint64_t t0, t1;

		if (p == MAP_FAILED) {
			report_skipped(rname, "mmap failed");
			goto shared;
		}
		t0 = rdtsc();
		touch_read(p, FILE_SIZE);
		t1 = rdtsc();
		munmap(p, FILE_SIZE);
		r[i] = (t1 - t0) / pages;
	}
	report(rname, median(r, SAMPLES));

shared:
	for (int i = 0; i < SAMPLES; i++) {
		char *p = mmap(NULL, FILE_SIZE, PROT_READ | PROT_WRITE,
			       MAP_SHARED, fd, 0);
		uint64_t t0, t1;

		if (p == MAP_FAILED) {
			report_skipped(wname, "mmap failed");
			goto out;
		}
		t0 = rdtsc();
		touch_write(p, FILE_SIZE);
		t1 = rdtsc();
		munmap(p, FILE_SIZE);
		w[i] = (t1 - t0) / pages;
	}
	report(wname, median(w, SAMPLES));
out:
	close(fd);
}

static void bench_exec(void)
{
	const char *name = "fork+execve+wait";
	static char *const argv[] = { EXEC_PATH, NULL };
	static char *const envp[] = { NULL };
	uint64_t s[SAMPLES];

	if (access(EXEC_PATH, X_OK) != 0) {
		report_skipped(name, "no " EXEC_PATH);
		return;
	}
	for (int i = 0; i < SAMPLES; i++) {
		uint64_t t0, t1;
		int status;
		pid_t pid;

		t0 = rdtsc();
		pid = fork();
		if (pid == 0) {
			execve(EXEC_PATH, argv, envp);
			_exit(127);
		}
		if (pid < 0 || waitpid(pid, &status, 0) != pid) {
			report_skipped(name, "fork failed");
			return;
		}
		t1 = rdtsc();
		if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
			report_skipped(name, "execve failed");
			return;
		}
		s[i] = t1 - t0;
	}
	report(name, median(s, SAMPLES));
}

/* ------------------------------------------------------------------ */

static void setup_console(void)
{
	/* Linux opens /dev/console for init when the initramfs has it; if
	 * nothing is open on fd 1, try ourselves. */
	if (fcntl(1, F_GETFD) < 0) {
		int fd = open("/dev/console", O_RDWR | O_NOCTTY);

		if (fd >= 0) {
			if (fcntl(0, F_GETFD) < 0 && fd != 0)
				dup2(fd, 0);
			if (fd != 1)
				dup2(fd, 1);
			if (fcntl(2, F_GETFD) < 0)
				dup2(fd, 2);
			if (fd > 2)
				close(fd);
		}
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
}

int main(void)
{
	setup_console();

	bench_getppid();

	bench_fork("fork+exit+wait 0MiB", 0, SAMPLES);
	bench_fork("fork+exit+wait 1MiB", 1 * MiB, SAMPLES);
	bench_fork("fork+exit+wait 4MiB", 4 * MiB, SAMPLES);
	bench_fork("fork+exit+wait 16MiB", 16 * MiB, SAMPLES_BIG);
	bench_fork("fork+exit+wait 64MiB", 64 * MiB, SAMPLES_BIG);
	bench_fork_512();

	bench_cow();

	bench_anon_fault("anon fault write per page", FAULT_WRITE);
	bench_anon_fault("anon fault read per page", FAULT_READ);
	bench_anon_fault("anon fault write after read per page",
			 FAULT_WRITE_AFTER_READ);

	bench_mmap_munmap("mmap+munmap 4KiB", 4 * 1024);
	bench_mmap_munmap("mmap+munmap 1MiB", 1 * MiB);

	bench_file_fault();

	bench_exec();

	bench_clock_gettime();

	printf("bench: done\n");
	fflush(stdout);
	sync();
	reboot(RB_POWER_OFF);
	_exit(0);
}
