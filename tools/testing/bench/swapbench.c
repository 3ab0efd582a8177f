/*
 * swapbench: issue 14's reclaim and swap rows, run as /init (PID 1) of
 * an initramfs under Linnet and under Debian's Linux 6.1 alike, in a
 * small RAM (SB_RAM_MB on the command line, 64 by default: the -m of
 * the run), with a fresh ext2 image as /dev/vda and a swap disk made by
 * the host's mkswap as /dev/vdb.  Prints "bench: <name> <median> cycles"
 * lines (one rdtsc tick is one guest instruction under -icount
 * shift=0), "bench: note: ..." lines with /proc/vmstat counts, then
 * "bench: done", and powers off.
 *
 * Rows (tools/testing/bench/README.md, "The swap rows"); RAM is SB_RAM_MB:
 *   swap: file 2xRAM read pass 1/2    remount (cold), read() a 2 x RAM
 *                                     file twice in 64 KiB chunks;
 *                                     cycles per page of each pass
 *   swap: anon 3xRAM write/read back  mmap 3 x RAM anonymous, write a
 *                                     word into every page, then read
 *                                     and check every page; cycles per
 *                                     page of each phase
 *   swap: fork+exit+wait half swapped a RAM/2 anonymous region written,
 *                                     its second half MADV_PAGEOUTed:
 *                                     fork, child _exit(0), waitpid
 *   swap: working set 1.2xRAM round   0.6 x RAM anonymous (a word of each
 *                                     page incremented) and 0.6 x RAM of
 *                                     a MAP_SHARED ext2 file (a word of
 *                                     each page read) per round
 *
 * SB_ONLY=PATTERN on the command line ('_' for a space) runs only the
 * rows whose names contain PATTERN; SB_SAMPLES=N sets the samples of
 * the big rows (3).  Booted with profile= (Linnet: profile=2
 * profile_hz=8192), the rows that run are profiled: /proc/profile is
 * zeroed before them and printed after them as "profile:" lines for
 * scripts/profile-report (their setup and idle waits included).
 *
 * Linux needs its virtio and ext4 modules: when /modules/list exists,
 * the .ko files it names (in /modules) are loaded with finit_module
 * first.  On Linnet (no module loader) that list is absent.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <sys/swap.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#define MNT		"/mnt"
#define DEV		"/dev/vda"
#define SWAPDEV		"/dev/vdb"
#define FILE2X		MNT "/file2x"
#define WSFILE		MNT "/wsfile"
#define PAGE		4096u
#define CHUNK		(64u << 10)
#define PAGES_PER_CHUNK	(CHUNK / PAGE)
#define MAX_SAMPLES	15
#define FORK_SAMPLES	11
#define WS_ROUNDS	5

#ifndef MADV_PAGEOUT
#define MADV_PAGEOUT	21
#endif

#include "disk_guest.h"

static char buf[CHUNK] __attribute__((aligned(4096)));
static unsigned long ram_pages;
static int samples = 3;

static void finish(int code)
{
	fflush(stdout);
	swapoff(SWAPDEV);
	umount(MNT);
	umount("/proc");
	sync();
	reboot(RB_POWER_OFF);
	_exit(code);
}

/* A /proc/vmstat counter, or 0 when this kernel has none of that name. */
static unsigned long vmstat(const char *key)
{
	FILE *f = fopen("/proc/vmstat", "r");
	char name[64];
	unsigned long v, found = 0;

	if (!f)
		return 0;
	while (fscanf(f, "%63s %lu", name, &v) == 2)
		if (!strcmp(name, key)) {
			found = v;
			break;
		}
	fclose(f);
	return found;
}

/* The counters the notes report, read together. */
struct counts {
	unsigned long pswpin, pswpout, majflt, refault_anon, refault_file, scan, steal;
};

static void counts(struct counts *c)
{
	c->pswpin = vmstat("pswpin");
	c->pswpout = vmstat("pswpout");
	c->majflt = vmstat("pgmajfault");
	c->refault_anon = vmstat("workingset_refault_anon");
	c->refault_file = vmstat("workingset_refault_file");
	c->scan = vmstat("pgscan_kswapd") + vmstat("pgscan_direct");
	c->steal = vmstat("pgsteal_kswapd") + vmstat("pgsteal_direct");
}

/* Prints what happened between @a and @b, per @div (a sample or a round). */
static void note(const char *what, const struct counts *a, const struct counts *b, int div)
{
	printf("bench: note: %s: pswpout %lu pswpin %lu pgmajfault %lu workingset_refault anon %lu file %lu"
	       " pgscan %lu pgsteal %lu\n",
	       what, (b->pswpout - a->pswpout) / div, (b->pswpin - a->pswpin) / div,
	       (b->majflt - a->majflt) / div, (b->refault_anon - a->refault_anon) / div,
	       (b->refault_file - a->refault_file) / div, (b->scan - a->scan) / div,
	       (b->steal - a->steal) / div);
}

/* Writes @pages pages to a new file @path, page n starting with n; fsync. */
static void make_file(const char *path, unsigned long pages)
{
	unsigned long c, j;
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);

	if (fd < 0)
		die("create file");
	memset(buf, 'f', sizeof(buf));
	for (c = 0; c < pages / PAGES_PER_CHUNK; c++) {
		for (j = 0; j < PAGES_PER_CHUNK; j++)
			*(uint32_t *)(buf + j * PAGE) = c * PAGES_PER_CHUNK + j;
		if (write(fd, buf, CHUNK) != CHUNK)
			die("write file");
	}
	if (fsync(fd) || close(fd))
		die("fsync file");
}

/* One timed read() pass over the 2 x RAM file, each page checked. */
static uint64_t read_pass(unsigned long pages)
{
	unsigned long c, j;
	uint64_t t = rdtsc();
	int fd = open(FILE2X, O_RDONLY);

	if (fd < 0)
		die("open " FILE2X);
	for (c = 0; c < pages / PAGES_PER_CHUNK; c++) {
		if (read(fd, buf, CHUNK) != CHUNK)
			die("read " FILE2X);
		for (j = 0; j < PAGES_PER_CHUNK; j += 4)
			if (*(uint32_t *)(buf + j * PAGE) != c * PAGES_PER_CHUNK + j)
				die("read " FILE2X ": wrong data");
	}
	close(fd);
	return rdtsc() - t;
}

static void file_rows(void)
{
	unsigned long pages = 2 * ram_pages;
	uint64_t s1[MAX_SAMPLES], s2[MAX_SAMPLES];
	struct counts a, b;
	int i;

	make_file(FILE2X, pages);
	counts(&a);
	for (i = 0; i < samples; i++) {
		remount();
		s1[i] = read_pass(pages);
		s2[i] = read_pass(pages);
	}
	counts(&b);
	report("swap: file 2xRAM read pass 1, per page", s1, samples, pages);
	report("swap: file 2xRAM read pass 2, per page", s2, samples, pages);
	note("file 2xRAM, per sample of two passes", &a, &b, samples);
	if (unlink(FILE2X))
		die("unlink " FILE2X);
}

static void anon_rows(void)
{
	unsigned long pages = 3 * ram_pages, i;
	uint64_t sw[MAX_SAMPLES], sr[MAX_SAMPLES], t;
	struct counts a, b, c;
	int k;

	counts(&a);
	b = a;
	for (k = 0; k < samples; k++) {
		uint32_t *p = mmap(NULL, pages * PAGE, PROT_READ | PROT_WRITE,
				   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

		if (p == MAP_FAILED)
			die("mmap 3 x RAM");
		t = rdtsc();
		for (i = 0; i < pages; i++)
			p[i * (PAGE / 4)] = i ^ k;
		sw[k] = rdtsc() - t;
		if (k == 0)
			counts(&b);
		t = rdtsc();
		for (i = 0; i < pages; i++)
			if (p[i * (PAGE / 4)] != (i ^ k))
				die("anon 3 x RAM: wrong data read back");
		sr[k] = rdtsc() - t;
		if (munmap(p, pages * PAGE))
			die("munmap");
	}
	counts(&c);
	report("swap: anon 3xRAM write, per page", sw, samples, pages);
	report("swap: anon 3xRAM read back, per page", sr, samples, pages);
	note("anon 3xRAM, first write phase", &a, &b, 1);
	note("anon 3xRAM, per sample", &a, &c, samples);
}

static void fork_row(void)
{
	unsigned long pages = ram_pages / 2, i;
	uint64_t s[FORK_SAMPLES], t;
	struct counts a, b;
	char *p = mmap(NULL, pages * PAGE, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	int k, status;

	if (p == MAP_FAILED)
		die("mmap RAM/2");
	for (i = 0; i < pages; i++)
		p[i * PAGE] = (char)i;
	counts(&a);
	if (madvise(p + pages / 2 * PAGE, pages / 2 * PAGE, MADV_PAGEOUT))
		die("madvise(MADV_PAGEOUT)");
	counts(&b);
	printf("bench: note: fork row: %lu of %lu pages paged out\n", b.pswpout - a.pswpout, pages);
	for (k = 0; k < FORK_SAMPLES; k++) {
		pid_t pid;

		t = rdtsc();
		pid = fork();
		if (pid < 0)
			die("fork");
		if (pid == 0)
			_exit(0);
		if (waitpid(pid, &status, 0) != pid || status)
			die("waitpid");
		s[k] = rdtsc() - t;
	}
	report("swap: fork+exit+wait RAM/2, half swapped", s, FORK_SAMPLES, 1);
	for (i = 0; i < pages; i++)
		if (p[i * PAGE] != (char)i)
			die("fork row: wrong data");
	munmap(p, pages * PAGE);
}

static void ws_row(void)
{
	unsigned long pages = ram_pages * 6 / 10, i;
	uint64_t s[WS_ROUNDS], t, sum = 0;
	struct counts a, b;
	uint32_t *anon, *file;
	int k, fd;

	make_file(WSFILE, pages / PAGES_PER_CHUNK * PAGES_PER_CHUNK);
	pages = pages / PAGES_PER_CHUNK * PAGES_PER_CHUNK;
	fd = open(WSFILE, O_RDONLY);
	if (fd < 0)
		die("open " WSFILE);
	file = mmap(NULL, pages * PAGE, PROT_READ, MAP_SHARED, fd, 0);
	anon = mmap(NULL, pages * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (file == MAP_FAILED || anon == MAP_FAILED)
		die("mmap working set");
	for (i = 0; i < pages; i++)
		anon[i * (PAGE / 4)] = i;
	/* Round 0 is untimed: it brings both halves in once. */
	for (k = -1; k < WS_ROUNDS; k++) {
		if (k == 0)
			counts(&a);
		t = rdtsc();
		for (i = 0; i < pages; i++)
			anon[i * (PAGE / 4)]++;
		for (i = 0; i < pages; i++)
			sum += file[i * (PAGE / 4)];
		t = rdtsc() - t;
		if (k >= 0)
			s[k] = t;
	}
	counts(&b);
	for (i = 0; i < pages; i++)
		if (anon[i * (PAGE / 4)] != i + WS_ROUNDS + 1)
			die("working set: wrong anonymous data");
	if (sum != (uint64_t)(WS_ROUNDS + 1) * pages * (pages - 1) / 2)
		die("working set: wrong file data");
	report("swap: working set 1.2xRAM, per round", s, WS_ROUNDS, 1);
	note("working set 1.2xRAM, per round", &a, &b, WS_ROUNDS);
	munmap(anon, pages * PAGE);
	munmap(file, pages * PAGE);
	close(fd);
	if (unlink(WSFILE))
		die("unlink " WSFILE);
}

#define PROFILE		"/proc/profile"

/* Zeroes the kernel's counters (a one-byte write, as readprofile -r); false without them. */
static bool profile_reset(void)
{
	int fd = open(PROFILE, O_WRONLY);
	bool ok = fd >= 0 && write(fd, "0", 1) == 1;

	if (fd >= 0)
		close(fd);
	return ok;
}

/* Prints /proc/profile as "profile: step S counters N", "profile: INDEX COUNT", "profile: end". */
static void profile_print(void)
{
	static uint32_t c[1 << 20];
	int fd = open(PROFILE, O_RDONLY);
	long len = 0, n;

	if (fd < 0)
		return;
	while (len < (long)sizeof(c) && (n = read(fd, (char *)c + len, sizeof(c) - len)) > 0)
		len += n;
	close(fd);
	if (len < 8)
		return;
	printf("profile: step %u counters %ld\n", c[0], len / 4 - 1);
	for (long i = 1; i < len / 4; i++)
		if (c[i])
			printf("profile: %ld %u\n", i - 1, c[i]);
	printf("profile: end\n");
}

/* SB_ONLY=PATTERN ('_' for a space, from the command line): only the rows containing it. */
static bool runs(const char *row)
{
	static char only[64];
	const char *env = getenv("SB_ONLY");

	if (!env || !*env)
		return true;
	snprintf(only, sizeof(only), "%s", env);
	for (char *p = only; *p; p++)
		if (*p == '_')
			*p = ' ';
	return strstr(row, only) != NULL;
}

int main(void)
{
	const char *env;
	bool profiling;
	int i, fd;

	if (fcntl(1, F_GETFD) < 0) {
		fd = open("/dev/console", O_RDWR);
		if (fd >= 0) {
			dup2(fd, 0);
			dup2(fd, 1);
			dup2(fd, 2);
		}
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	env = getenv("SB_RAM_MB");
	ram_pages = (env ? strtoul(env, NULL, 10) : 64) << (20 - 12);
	env = getenv("SB_SAMPLES");
	if (env)
		samples = atoi(env);
	if (samples < 1 || samples > MAX_SAMPLES || ram_pages < 4096)
		die("SB_SAMPLES or SB_RAM_MB out of range");
	mkdir("/dev", 0755);
	mkdir("/proc", 0755);
	mkdir(MNT, 0755);
	mount("proc", "/proc", "proc", 0, NULL);
	if (access(DEV, F_OK))
		mount("devtmpfs", "/dev", "devtmpfs", 0, NULL);
	load_modules();
	for (i = 0; i < 1000 && (access(DEV, F_OK) || access(SWAPDEV, F_OK)); i++)
		usleep(10000);		/* Linux's devtmpfs nodes come from a thread */
	if (swapon(SWAPDEV, 0))
		die("swapon " SWAPDEV);
	do_mount();
	printf("bench: note: RAM %lu MiB (-m), %d samples\n", ram_pages >> 8, samples);
	profiling = profile_reset();

	if (runs("swap: file 2xRAM read pass 1, per page") || runs("swap: file 2xRAM read pass 2, per page"))
		file_rows();
	if (runs("swap: anon 3xRAM write, per page") || runs("swap: anon 3xRAM read back, per page"))
		anon_rows();
	if (runs("swap: fork+exit+wait RAM/2, half swapped"))
		fork_row();
	if (runs("swap: working set 1.2xRAM, per round"))
		ws_row();
	if (profiling)
		profile_print();
	printf("bench: done\n");
	finish(0);
	return 0;
}
