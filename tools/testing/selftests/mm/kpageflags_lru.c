/*
 * /proc/kpageflags' LRU bits for pages whose state both Linux 6.1
 * (classic LRU: Debian's kernel has MGLRU built but off) and Linnet fix
 * without reclaim: issue 14's LRU, ACTIVE, REFERENCED, DIRTY,
 * SWAPBACKED, UNEVICTABLE, and meminfo Unevictable:.
 *   - a fresh anonymous page: ANON, SWAPBACKED, LRU, MMAP, inactive and
 *     unreferenced (new pages start inactive);
 *   - a page written with write() to an ext2 file: DIRTY, on the file
 *     LRU (not SWAPBACKED); after fsync not DIRTY;
 *   - the same page read from the disk again (the file system remounted,
 *     so the page cache is empty): one read() makes it REFERENCED and
 *     inactive, a second read() through another descriptor ACTIVE with
 *     REFERENCED cleared (the two-touch rule of mark_page_accessed);
 *   - 64 mlocked pages: UNEVICTABLE and MLOCKED, meminfo Unevictable up
 *     by about 256 kB; munlock gives both back.
 * Linux batches LRU additions per CPU, so the flags are read after an
 * mlock()+munlock() of a spare page, which drains every CPU's batches
 * (lru_add_drain_all) on Linux and is harmless on Linnet.  Pages are
 * found through /proc/self/pagemap (root: frames are shown).  The file
 * part uses the 4 KiB ext2 image (vdc, scripts/mkdisk-ext2) and skips
 * without it.
 */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>
#include <uapi/linux-ish/kernel-page-flags.h>
#include <uapi/linux-ish/pagemap.h>
#include "../kselftest.h"
#include "../block/ext2_image.h"

#define NTESTS		12
#define PG		4096
#define NLOCK		64
#define KPF(b)		(1ULL << (b))
#define MNT		"/tmp/mnt-kpf"
#define FILE_PATH	MNT "/kpf"

static char *spare;

/* Empties Linux's per-CPU LRU batches (mlock calls lru_add_drain_all). */
static void drain(void)
{
	if (mlock(spare, PG) == 0)
		munlock(spare, PG);
}

/* The kpageflags word of the frame mapped at @p, or 0 if it cannot be read. */
static uint64_t kflags(const void *p)
{
	uint64_t ent = 0, flags = 0;
	int pm = open("/proc/self/pagemap", O_RDONLY), kf = open("/proc/kpageflags", O_RDONLY);

	drain();
	if (pm >= 0 && kf >= 0 &&
	    pread(pm, &ent, 8, (uintptr_t)p / PG * PM_ENTRY_BYTES) == 8 &&
	    (ent & PM_PRESENT) && (ent & PM_PFN_MASK))
		pread(kf, &flags, 8, (ent & PM_PFN_MASK) * 8);
	if (pm >= 0)
		close(pm);
	if (kf >= 0)
		close(kf);
	return flags;
}

static int has(uint64_t f, int bit)
{
	return (f >> bit) & 1;
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

static void anon_page(void)
{
	char *p = mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	uint64_t f;

	if (p == MAP_FAILED) {
		ksft_ok(0, "anonymous page: mmap failed");
		ksft_ok(0, "anonymous page: mmap failed");
		return;
	}
	p[0] = 1;
	f = kflags(p);
	ksft_diag("anonymous page: kpageflags %#llx", (unsigned long long)f);
	ksft_ok(has(f, KPF_ANON) && has(f, KPF_SWAPBACKED) && has(f, KPF_LRU) &&
		has(f, KPF_MMAP) && has(f, KPF_UPTODATE),
		"a new anonymous page is ANON SWAPBACKED LRU MMAP UPTODATE");
	ksft_ok(!has(f, KPF_ACTIVE) && !has(f, KPF_REFERENCED) && !has(f, KPF_UNEVICTABLE),
		"... inactive, not REFERENCED, not UNEVICTABLE");
	munmap(p, PG);
}

/* Mounts the 4 KiB-block ext2 image (vdc) on MNT: 0, or -1 without it. */
static int mount_ext2(void)
{
	char dev[64];

	if (find_ext2_image("vdc", NULL, dev, sizeof(dev)))
		return -1;
	mkdir(MNT, 0755);
	return mount(dev, MNT, "ext2", 0, NULL);
}

/* Page 0 of @fd mapped read-only and faulted in (for pagemap), or NULL. */
static char *map_page0(int fd)
{
	char *m = mmap(NULL, PG, PROT_READ, MAP_SHARED, fd, 0);
	volatile char c;

	if (m == MAP_FAILED)
		return NULL;
	c = m[0];
	(void)c;
	return m;
}

/* The flags of page 0 of @fd, through a mapping made and removed for the look. */
static uint64_t file_kflags(int fd)
{
	char *m = map_page0(fd);
	uint64_t f = m ? kflags(m) : 0;

	if (m)
		munmap(m, PG);
	return f;
}

/* A new descriptor's read() of page 0: 0 if the bytes are @want's. */
static int read_page(const char *want)
{
	static char got[PG];
	int fd = open(FILE_PATH, O_RDONLY);
	int ok = fd >= 0 && pread(fd, got, PG, 0) == PG && !memcmp(got, want, PG);

	if (fd >= 0)
		close(fd);
	return ok ? 0 : -1;
}

static void file_page(void)
{
	static char want[4 * PG];
	char *m;
	uint64_t f;
	int fd, ok;

	if (mount_ext2()) {
		for (int i = 0; i < 6; i++)
			ksft_skip("no ext2 image", "file page flags");
		return;
	}
	for (int i = 0; i < (int)sizeof(want); i++)
		want[i] = (char)(i * 7 + 3);
	fd = open(FILE_PATH, O_RDWR | O_CREAT | O_TRUNC, 0644);
	ok = fd >= 0 && write(fd, want, sizeof(want)) == (ssize_t)sizeof(want);
	f = ok ? file_kflags(fd) : 0;
	ksft_diag("written file page: kpageflags %#llx", (unsigned long long)f);
	ksft_ok(ok && has(f, KPF_DIRTY) && has(f, KPF_LRU) && has(f, KPF_UPTODATE) &&
		!has(f, KPF_ANON) && !has(f, KPF_SWAPBACKED),
		"a page written with write() is DIRTY, on the file LRU, not SWAPBACKED");
	ok = ok && fsync(fd) == 0;
	f = ok ? file_kflags(fd) : 0;
	ksft_ok(ok && !has(f, KPF_DIRTY) && has(f, KPF_UPTODATE) && has(f, KPF_LRU),
		"after fsync it is clean (%#llx)", (unsigned long long)f);
	if (fd >= 0)
		close(fd);

	/* An empty page cache: the next read() brings the page from the disk. */
	ok = umount(MNT) == 0 && mount_ext2() == 0;
	ksft_ok(ok && read_page(want) == 0, "remounted, read() returns the data");
	/*
	 * One mapping for both looks: Linux's munmap marks a page whose PTE
	 * is young accessed (zap_pte_range), which would be a third touch.
	 */
	fd = open(FILE_PATH, O_RDONLY);
	m = fd >= 0 ? map_page0(fd) : NULL;
	f = m ? kflags(m) : 0;
	ksft_diag("read once: kpageflags %#llx", (unsigned long long)f);
	ksft_ok(has(f, KPF_REFERENCED) && !has(f, KPF_ACTIVE) && has(f, KPF_LRU) &&
		!has(f, KPF_DIRTY),
		"one read(): REFERENCED, inactive, clean");
	ksft_ok(read_page(want) == 0, "a second read() through another descriptor");
	f = m ? kflags(m) : 0;
	ksft_diag("read twice: kpageflags %#llx", (unsigned long long)f);
	ksft_ok(has(f, KPF_ACTIVE) && !has(f, KPF_REFERENCED) && has(f, KPF_LRU),
		"two read()s: ACTIVE, REFERENCED cleared (two-touch rule)");
	if (m)
		munmap(m, PG);
	if (fd >= 0)
		close(fd);
	unlink(FILE_PATH);
	umount(MNT);
	rmdir(MNT);
}

static void mlocked_pages(void)
{
	long before = meminfo("Unevictable"), locked, after;
	char *p = mmap(NULL, NLOCK * PG, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	uint64_t f;

	if (p == MAP_FAILED || mlock(p, NLOCK * PG)) {
		for (int i = 0; i < 4; i++)
			ksft_ok(0, "mmap+mlock of %d pages failed", NLOCK);
		return;
	}
	f = kflags(p);
	locked = meminfo("Unevictable");
	ksft_ok(before >= 0 && locked - before >= NLOCK * 4 - 32,
		"mlock of %d kB: meminfo Unevictable %ld -> %ld kB", NLOCK * 4, before, locked);
	ksft_ok(has(f, KPF_UNEVICTABLE) && has(f, KPF_MLOCKED) && !has(f, KPF_ACTIVE),
		"an mlocked page is UNEVICTABLE and MLOCKED, not ACTIVE (%#llx)",
		(unsigned long long)f);
	munlock(p, NLOCK * PG);
	f = kflags(p);
	after = meminfo("Unevictable");
	ksft_ok(after <= before + 32,
		"munlock: Unevictable back to %ld kB (was %ld)", after, before);
	ksft_ok(!has(f, KPF_UNEVICTABLE) && !has(f, KPF_MLOCKED) && has(f, KPF_LRU),
		"an unlocked page is evictable again (%#llx)", (unsigned long long)f);
	munmap(p, NLOCK * PG);
}

int main(void)
{
	ksft_plan(NTESTS);
	spare = mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (spare == MAP_FAILED) {
		ksft_diag("mmap: %s", strerror(errno));
		return 1;
	}
	spare[0] = 1;
	anon_page();
	file_page();
	mlocked_pages();
	ksft_exit();
}
