/*
 * tmpfs: size= and nr_inodes= limits (ENOSPC from write and create,
 * SIGBUS from a fault on a page a full tmpfs cannot give), statfs,
 * remount that grows the limit and refuses to shrink it below what is
 * used, the options in /proc/self/mounts, mode=, and bad options.
 * Needs root.
 */
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <unistd.h>
#include <uapi/linux-ish/magic.h>
#include "../kselftest.h"

#define DIR		"/tmp/tmpfs_test"

static char chunk[65536];
static sigjmp_buf jb;

static void on_sigbus(int sig __attribute__((unused)))
{
	siglongjmp(jb, 1);
}

/* Writes @path until the file system is full; the bytes written, errno kept. */
static long fill(const char *path)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	long total = 0;
	ssize_t n;

	if (fd < 0)
		return -1;
	while ((n = write(fd, chunk, sizeof(chunk))) > 0)
		total += n;
	close(fd);
	return n < 0 ? total : -1;
}

static int mount_line_has(const char *what)
{
	char line[512];
	FILE *f = fopen("/proc/self/mounts", "r");
	int found = 0;

	while (f && fgets(line, sizeof(line), f))
		if (strstr(line, " " DIR " tmpfs ") && strstr(line, what))
			found = 1;
	if (f)
		fclose(f);
	return found;
}

static void test_size(void)
{
	struct statfs sf;
	long n;

	ksft_ok(mount("none", DIR, "tmpfs", 0, "size=1m") == 0, "mount tmpfs with size=1m");
	ksft_ok(statfs(DIR, &sf) == 0 && (unsigned long)sf.f_type == TMPFS_MAGIC &&
		sf.f_bsize == 4096 && sf.f_blocks == 256 && sf.f_bfree == 256,
		"statfs: TMPFS_MAGIC, 256 free blocks of 4 KiB");
	ksft_ok(mount_line_has(",size=1024k"), "/proc/self/mounts shows size=1024k");
	n = fill(DIR "/big");
	ksft_ok(n == 1048576 && errno == ENOSPC, "a file fills it to 1 MiB, then ENOSPC (%ld)", n);
	ksft_ok(statfs(DIR, &sf) == 0 && sf.f_bfree == 0 && sf.f_bavail == 0,
		"statfs: no block free");
	ksft_ok(mount(NULL, DIR, NULL, MS_REMOUNT, "size=512k") == -1 && errno == EINVAL,
		"remount below what is used: EINVAL");
	ksft_ok(mount(NULL, DIR, NULL, MS_REMOUNT, "size=2m") == 0 && statfs(DIR, &sf) == 0 &&
		sf.f_blocks == 512 && sf.f_bfree == 256, "remount to 2m: 256 blocks free again");
	n = fill(DIR "/more");
	ksft_ok(n == 1048576 && errno == ENOSPC, "the second MiB fills too (%ld)", n);
}

/* A shared mapping of a hole in a full tmpfs: the fault gets SIGBUS. */
static void test_fault_when_full(void)
{
	struct sigaction sa = { .sa_handler = on_sigbus };
	volatile int got_bus = 0;
	char *p;
	int fd = open(DIR "/sparse", O_RDWR | O_CREAT, 0644);

	sigaction(SIGBUS, &sa, NULL);
	p = fd >= 0 && ftruncate(fd, 8192) == 0 ?
	    mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0) : MAP_FAILED;
	if (p != MAP_FAILED && !sigsetjmp(jb, 1))
		p[4096] = 1;
	else
		got_bus = p != MAP_FAILED;
	ksft_ok(got_bus, "writing a new page of a full tmpfs through a mapping: SIGBUS");
	if (p != MAP_FAILED)
		munmap(p, 8192);
	close(fd);
	signal(SIGBUS, SIG_DFL);
	unlink(DIR "/big");
	ksft_ok(umount(DIR) == 0, "umount");
}

static void test_inodes(void)
{
	struct statfs sf;
	struct stat st;
	int made = 0;
	char name[64];

	ksft_ok(mount("none", DIR, "tmpfs", 0, "nr_inodes=4,mode=0700") == 0,
		"mount tmpfs with nr_inodes=4,mode=0700");
	ksft_ok(stat(DIR, &st) == 0 && (st.st_mode & 07777) == 0700, "the root has mode 0700");
	ksft_ok(statfs(DIR, &sf) == 0 && sf.f_files == 4 && sf.f_ffree == 3,
		"statfs: 4 inodes, the root uses one");
	for (int i = 0; i < 10; i++) {
		snprintf(name, sizeof(name), DIR "/f%d", i);
		if (open(name, O_WRONLY | O_CREAT, 0644) < 0)
			break;
		made++;
	}
	ksft_ok(made == 3 && errno == ENOSPC, "three files, then ENOSPC (%d)", made);
	ksft_ok(mkdir(DIR "/d", 0755) == -1 && errno == ENOSPC, "mkdir: ENOSPC too");
	ksft_ok(mount_line_has(",nr_inodes=4") && mount_line_has(",mode=700"),
		"/proc/self/mounts shows nr_inodes=4 and mode=700");
	ksft_ok(umount(DIR) == -1 && errno == EBUSY, "umount with the files open: EBUSY");
}

int main(void)
{
	ksft_plan(19);
	memset(chunk, 'x', sizeof(chunk));
	mkdir(DIR, 0755);
	test_size();
	test_fault_when_full();
	test_inodes();
	for (int fd = 3; fd < 64; fd++)
		close(fd);
	ksft_ok(umount(DIR) == 0 && rmdir(DIR) == 0, "umount once they are closed");
	ksft_ok(mount("none", "/tmp", "tmpfs", 0, "bogus=1") == -1 && errno == EINVAL,
		"an unknown option: EINVAL");
	ksft_exit();
}
