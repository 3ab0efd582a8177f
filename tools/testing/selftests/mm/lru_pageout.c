/*
 * madvise(MADV_PAGEOUT / MADV_COLD) and the LRU's /proc views, as Linux
 * 6.1 has them without swap: a clean page-cache page mapped only by us
 * leaves memory at once (mincore says so) and reads back unchanged from
 * the disk; anonymous memory has nowhere to go and stays, intact;
 * mlocked ranges are EINVAL.  meminfo's Active/Inactive sum their anon
 * and file parts, and mlock shows in Mlocked and kpageflags' MLOCKED.
 * The page-cache part uses a file on the 4 KiB ext2 image (vdc,
 * scripts/mkdisk-ext2; skipped without it), removed afterwards.
 */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <unistd.h>
#include "../kselftest.h"
#include "../block/ext2_image.h"

#ifndef MADV_COLD
#define MADV_COLD	20
#define MADV_PAGEOUT	21
#endif
#define NTESTS		12
#define PAGES		16
#define PG		4096
#define DISK_OFF	(4 << 20)
#define KPF_MLOCKED	33

static unsigned char vec[PAGES];

static void die(const char *what, const char *why)
{
	ksft_diag("%s: %s", what, why);
	_exit(1);
}

static int resident(void *p, int pages)
{
	int n = 0;

	if (mincore(p, (size_t)pages * PG, vec))
		return -1;
	for (int i = 0; i < pages; i++)
		n += vec[i] & 1;
	return n;
}

/* A meminfo field in kB, or -1. */
static long meminfo(const char *name)
{
	static char buf[8192];
	char key[64], *at;

	if (ksft_read_file("/proc/meminfo", buf, sizeof(buf)) < 0)
		return -1;
	snprintf(key, sizeof(key), "\n%s:", name);
	at = strstr(buf, key);
	return at ? atol(at + strlen(key)) : -1;
}

/* Mounts the 4 KiB-block ext2 image (vdc, scripts/mkdisk-ext2) on @mnt: 0, or -1 without it. */
static int mount_ext2(const char *mnt)
{
	char dev[64];

	if (find_ext2_image("vdc", NULL, dev, sizeof(dev)))
		return -1;
	mkdir(mnt, 0755);
	return mount(dev, mnt, "ext2", 0, NULL);
}

static void pagecache_pageout(void)
{
	static char want[PAGES * PG];
	const char *mnt = "/tmp/mnt-lru", *path = "/tmp/mnt-lru/pageout";
	volatile char sum = 0;
	char *p;
	int fd;

	if (mount_ext2(mnt)) {
		for (int i = 0; i < 4; i++)
			ksft_skip("no ext2 image", "MADV_PAGEOUT of the page cache");
		return;
	}
	for (int i = 0; i < PAGES * PG; i++)
		want[i] = (char)(i * 13 + i / PG);
	fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);
	if (fd < 0 || write(fd, want, sizeof(want)) != sizeof(want) || fsync(fd))
		die("writing the file", strerror(errno));
	p = mmap(NULL, sizeof(want), PROT_READ, MAP_PRIVATE, fd, 0);
	if (p == MAP_FAILED)
		die("mmap of the file", strerror(errno));
	for (int i = 0; i < PAGES; i++)
		sum += p[i * PG];
	ksft_ok(resident(p, PAGES) == PAGES, "every page of the mapping resident once read");
	ksft_ok(madvise(p, sizeof(want), MADV_PAGEOUT) == 0, "MADV_PAGEOUT of a private clean file mapping");
	ksft_ok(resident(p, PAGES) == 0, "no page left in memory (mincore: %d of %d)",
		resident(p, PAGES), PAGES);
	ksft_ok(!memcmp(p, want, sizeof(want)), "the pages read back unchanged");
	munmap(p, sizeof(want));
	close(fd);
	unlink(path);
	umount(mnt);
}

static void anon_pageout(void)
{
	char *p = mmap(NULL, PAGES * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	int ok = 1;

	if (p == MAP_FAILED)
		die("mmap", strerror(errno));
	for (int i = 0; i < PAGES * PG; i++)
		p[i] = (char)(i * 7);
	ksft_ok(madvise(p, PAGES * PG, MADV_COLD) == 0 &&
			 madvise(p, PAGES * PG, MADV_PAGEOUT) == 0, "MADV_COLD and MADV_PAGEOUT of anonymous memory");
	for (int i = 0; i < PAGES * PG; i++)
		ok &= p[i] == (char)(i * 7);
	ksft_ok(ok, "its contents survive (swapped or not)");
	munmap(p, PAGES * PG);
}

static void errors(void)
{
	char *p = mmap(NULL, 3 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		die("mmap", strerror(errno));
	munmap(p + PG, PG);
	errno = 0;
	ksft_ok(madvise(p, 3 * PG, MADV_PAGEOUT) == -1 && errno == ENOMEM,
			 "a range across a hole: ENOMEM (%s)", strerror(errno));
	errno = 0;
	ksft_ok(madvise(p + 1, PG, MADV_COLD) == -1 && errno == EINVAL,
			 "an unaligned start: EINVAL (%s)", strerror(errno));
	mlock(p, PG);
	errno = 0;
	ksft_ok(madvise(p, PG, MADV_PAGEOUT) == -1 && errno == EINVAL &&
			 madvise(p, PG, MADV_COLD) == -1 && errno == EINVAL,
			 "mlocked memory: EINVAL (%s)", strerror(errno));
	munmap(p, 3 * PG);
}

/* The kpageflags word of the frame behind @p, or 0 when it cannot be read. */
static uint64_t kpageflags_of(void *p)
{
	uint64_t ent = 0, flags = 0;
	int pm = open("/proc/self/pagemap", O_RDONLY), kf = open("/proc/kpageflags", O_RDONLY);

	if (pm >= 0 && kf >= 0 &&
	    pread(pm, &ent, 8, (uintptr_t)p / PG * 8) == 8 && (ent >> 63) &&
	    (ent & ((1ULL << 55) - 1)))
		pread(kf, &flags, 8, (ent & ((1ULL << 55) - 1)) * 8);
	close(pm);
	close(kf);
	return flags;
}

static void lru_views(void)
{
	long act = meminfo("Active"), inact = meminfo("Inactive");
	long parts = meminfo("Active(anon)") + meminfo("Active(file)");
	long iparts = meminfo("Inactive(anon)") + meminfo("Inactive(file)");
	long before = meminfo("Mlocked"), locked;
	char *p;

	ksft_ok(act >= 0 && inact >= 0 && meminfo("Unevictable") >= 0 &&
			 labs(act - parts) <= 64 && labs(inact - iparts) <= 64,
			 "meminfo Active/Inactive are their anon and file parts (%ld/%ld, %ld/%ld kB)",
			 act, parts, inact, iparts);
	p = mmap(NULL, 64 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED || mlock(p, 64 * PG))
		die("mmap+mlock", strerror(errno));
	locked = meminfo("Mlocked");
	ksft_ok(locked - before >= 64 * 4 - 16 && (kpageflags_of(p) >> KPF_MLOCKED & 1),
			 "mlock of 256 kB shows in Mlocked (%ld -> %ld kB) and kpageflags",
			 before, locked);
	munlock(p, 64 * PG);
	ksft_ok(meminfo("Mlocked") <= before + 16,
			 "munlock gives it back (%ld kB)", meminfo("Mlocked"));
	munmap(p, 64 * PG);
}

int main(void)
{
	ksft_plan(NTESTS);
	pagecache_pageout();
	anon_pageout();
	errors();
	lru_views();
	ksft_exit();
}
