/*
 * msync_sync: the write-and-wait calls on a file whose data lives in the
 * page cache (a tmpfs file, or /tmp): a shared mapping's writes are in the
 * file after msync(MS_SYNC), for the mapped part of the file only, and
 * fsync, fdatasync, syncfs and sync succeed on it; bad descriptors EBADF;
 * /proc/meminfo has Dirty: and Writeback:, /proc/vmstat nr_dirty and
 * nr_writeback.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include "../kselftest.h"

static int fails_with(long ret, int err)
{
	return ret == -1 && errno == err;
}

/* Does the /proc file @path have a line starting with @key? */
static int proc_has(const char *path, const char *key)
{
	char line[256];
	FILE *f = fopen(path, "r");
	int found = 0;

	if (!f)
		return 0;
	while (!found && fgets(line, sizeof(line), f))
		found = !strncmp(line, key, strlen(key));
	fclose(f);
	return found;
}

int main(void)
{
	char path[] = "/tmp/msync_syncXXXXXX", buf[8] = "";
	int fd = mkstemp(path);
	char *p;

	ksft_plan(12);
	if (fd < 0 || ftruncate(fd, 3 * KSFT_PAGE))
		return 1;
	unlink(path);
	p = mmap(NULL, 2 * KSFT_PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, KSFT_PAGE);
	if (p == MAP_FAILED)
		return 1;
	memcpy(p + 100, "shared", 6);
	memcpy(p + KSFT_PAGE, "second", 6);
	ksft_ok(msync(p, 2 * KSFT_PAGE, MS_SYNC) == 0, "msync(MS_SYNC) of a shared file mapping: 0");
	ksft_ok(pread(fd, buf, 6, KSFT_PAGE + 100) == 6 && !memcmp(buf, "shared", 6),
		"the mapping's write is at the mapped offset of the file");
	ksft_ok(pread(fd, buf, 6, 2 * KSFT_PAGE) == 6 && !memcmp(buf, "second", 6),
		"and so is the second page's");
	ksft_ok(pread(fd, buf, 6, 100) == 6 && !memcmp(buf, "\0\0\0\0\0\0", 6),
		"the unmapped first page is untouched");
	ksft_ok(pwrite(fd, "W", 1, KSFT_PAGE) == 1 && p[0] == 'W', "write() shows in the mapping");
	ksft_ok(fsync(fd) == 0 && fdatasync(fd) == 0, "fsync and fdatasync: 0");
	ksft_ok(syncfs(fd) == 0, "syncfs: 0");
	sync();
	ksft_ok(msync(p, KSFT_PAGE, MS_ASYNC) == 0 && p[0] == 'W', "after sync: MS_ASYNC 0, data kept");
	ksft_ok(fails_with(fsync(-1), EBADF) && fails_with(fdatasync(1000), EBADF),
		"fsync/fdatasync of a bad descriptor: EBADF");
	ksft_ok(fails_with(syncfs(-1), EBADF), "syncfs of a bad descriptor: EBADF");
	ksft_ok(proc_has("/proc/meminfo", "Dirty:") && proc_has("/proc/meminfo", "Writeback:"),
		"/proc/meminfo has Dirty: and Writeback:");
	ksft_ok(proc_has("/proc/vmstat", "nr_dirty ") && proc_has("/proc/vmstat", "nr_writeback "),
		"/proc/vmstat has nr_dirty and nr_writeback");
	munmap(p, 2 * KSFT_PAGE);
	close(fd);
	ksft_exit();
}
