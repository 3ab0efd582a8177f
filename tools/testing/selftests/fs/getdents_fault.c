/*
 * getdents64 into memory that faults: a fresh anonymous buffer (every
 * page's first touch is a fault inside the kernel's copy), a buffer
 * whose end runs into a PROT_NONE page (the records that fit before it
 * come back, the next call resumes with the first that did not), and a
 * buffer that starts in one (EFAULT, nothing lost).  Names of every
 * length from 1 to 255 bytes; each listed exactly once, NUL-terminated,
 * records 8-byte aligned, d_off rising.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "../kselftest.h"

#define NAMES	255		/* one name of each length 1..255 */
#define PAGE	4096
#define HEAD	19		/* bytes before d_name */

struct rec {
	unsigned long long d_ino;
	long long d_off;
	unsigned short d_reclen;
	unsigned char d_type;
	char d_name[];
};

static char base[] = "/tmp/linnet-gdfault-XXXXXX";
static unsigned char seen[NAMES + 1];
static int bad_rec, twice, dots;
static long long last_off;

static long getdents64(int fd, void *buf, size_t n)
{
	return syscall(SYS_getdents64, fd, buf, n);
}

/* The name of length @len: its length's last digit, repeated. */
static void name_of(int len, char *name)
{
	memset(name, '0' + len % 10, len);
	name[len] = '\0';
}

/* Checks and counts the @n bytes of records at @buf. */
static void take(const char *buf, long n)
{
	for (long off = 0; off < n;) {
		const struct rec *r = (const struct rec *)(buf + off);
		size_t len = strnlen(r->d_name, r->d_reclen - HEAD);
		char want[NAME_MAX + 1];

		if (r->d_reclen % 8 || r->d_reclen < HEAD + len + 1 || off + r->d_reclen > n ||
		    r->d_off <= last_off) {
			bad_rec++;
			return;
		}
		last_off = r->d_off;
		off += r->d_reclen;
		if (!strcmp(r->d_name, ".") || !strcmp(r->d_name, "..")) {
			dots++;
			continue;
		}
		name_of((int)len, want);
		if (len < 1 || len > NAMES || strcmp(r->d_name, want)) {
			bad_rec++;
			continue;
		}
		if (seen[len]++)
			twice++;
	}
}

static int all_seen_once(void)
{
	for (int i = 1; i <= NAMES; i++)
		if (seen[i] != 1)
			return 0;
	return !twice && !bad_rec && dots == 2;
}

static void reset(int fd)
{
	memset(seen, 0, sizeof(seen));
	bad_rec = twice = dots = 0;
	last_off = -1;
	lseek(fd, 0, SEEK_SET);
}

int main(void)
{
	char path[PATH_MAX], name[NAME_MAX + 1];
	int created = 0, fd, calls = 0, shortened = 0;
	char *map, *buf;
	long n;

	ksft_plan(7);
	if (!mkdtemp(base))
		return 1;
	for (int len = 1; len <= NAMES; len++) {
		name_of(len, name);
		snprintf(path, sizeof(path), "%s/%s", base, name);
		if (mknod(path, S_IFREG | 0644, 0) == 0)
			created++;
	}
	ksft_ok(created == NAMES, "created %d names of 1..255 bytes", created);
	fd = open(base, O_RDONLY | O_DIRECTORY);

	/* A fresh 64 KiB mapping: the first copy into each page faults. */
	map = mmap(NULL, 16 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	reset(fd);
	while (map != MAP_FAILED && (n = getdents64(fd, map, 16 * PAGE)) > 0)
		take(map, n);
	ksft_ok(map != MAP_FAILED && n == 0 && all_seen_once(),
		"fresh buffer: every name once (%d bad records, %d twice, %d dots)", bad_rec, twice,
		dots);

	/* 3 KiB before a PROT_NONE page: each call stops at the page. */
	buf = map == MAP_FAILED ? NULL : map + 4 * PAGE - 3072;
	if (buf)
		mprotect(map + 4 * PAGE, PAGE, PROT_NONE);
	reset(fd);
	while (buf && (n = getdents64(fd, buf, 2 * PAGE)) > 0) {
		calls++;
		if (n <= 3072 && n > 3072 - HEAD - NAME_MAX - 8)
			shortened++;
		take(buf, n);
	}
	ksft_ok(buf && n == 0 && all_seen_once(),
		"buffer into a PROT_NONE page: every name once in %d calls", calls);
	ksft_ok(shortened >= calls - 1 && calls > 1,
		"each call but the last returned the records before the page (%d of %d)",
		shortened, calls);

	/* The buffer starts in the PROT_NONE page: EFAULT, the position kept. */
	reset(fd);
	n = buf ? getdents64(fd, map + 4 * PAGE, PAGE) : 0;
	ksft_ok(n == -1 && errno == EFAULT, "buffer in a PROT_NONE page: EFAULT");
	while (map != MAP_FAILED && (n = getdents64(fd, map, PAGE)) > 0)
		take(map, n);
	ksft_ok(n == 0 && all_seen_once(), "then every name once from the start");

	/* Halfway, then into a bad page, then on: nothing lost or repeated. */
	reset(fd);
	n = map == MAP_FAILED ? -1 : getdents64(fd, map, 2048);
	if (n > 0)
		take(map, n);
	if (map != MAP_FAILED)
		getdents64(fd, map + 4 * PAGE, PAGE);
	while (map != MAP_FAILED && (n = getdents64(fd, map, 2 * PAGE)) > 0)
		take(map, n);
	ksft_ok(n == 0 && all_seen_once(), "EFAULT between two reads loses nothing");

	close(fd);
	for (int len = 1; len <= NAMES; len++) {
		name_of(len, name);
		snprintf(path, sizeof(path), "%s/%s", base, name);
		unlink(path);
	}
	rmdir(base);
	ksft_exit();
}
