/*
 * readdir of a big directory: every entry present throughout is listed
 * exactly once while another process creates and unlinks names; rm -rf's
 * pattern (unlink what each getdents64 returned) empties it in one pass;
 * telldir/seekdir and lseek on a directory; getdents64 fills the buffer,
 * EINVAL when not even one record fits, EFAULT, ENOTDIR, EBADF.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sched.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include "../kselftest.h"

#define NSTABLE	1000
#define NSEEK	300

struct dirent64_rec {
	unsigned long long d_ino;
	long long d_off;
	unsigned short d_reclen;
	unsigned char d_type;
	char d_name[];
};

static char base[] = "/tmp/linnet-readdir-XXXXXX";

static long sys_getdents64(int fd, void *buf, size_t n)
{
	return syscall(SYS_getdents64, fd, buf, n);
}

/* A regular file named @fmt (with @i) in @dir, by one mknod.  0 or -1. */
static int make_file(const char *dir, const char *fmt, int i)
{
	char path[PATH_MAX], name[64];

	snprintf(name, sizeof(name), fmt, i);
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	return mknod(path, S_IFREG | 0644, 0);
}

/* Creates and unlinks "churn-N" names in @dir until killed (or orphaned). */
static void churn(const char *dir, pid_t parent)
{
	char path[PATH_MAX];

	for (int i = 0; getppid() == parent; i++) {
		make_file(dir, "churn-%d", i);
		if (i >= 40) {
			snprintf(path, sizeof(path), "%s/churn-%d", dir, i - 40);
			unlink(path);
		}
		if (i % 8 == 0)
			sched_yield();
	}
	_exit(0);
}

/*
 * Lists @dir with a @bufsize buffer, yielding between calls; counts the
 * "stable-N" names in @seen.  Returns the number of getdents64 calls, or
 * -1 on an error.
 */
static int list_stable(const char *dir, unsigned char *seen, size_t bufsize)
{
	char *buf = malloc(bufsize);
	int fd = open(dir, O_RDONLY | O_DIRECTORY), calls = 0;
	long n;

	if (fd < 0 || !buf)
		return -1;
	while ((n = sys_getdents64(fd, buf, bufsize)) > 0) {
		for (long off = 0; off < n;) {
			struct dirent64_rec *e = (void *)(buf + off);

			if (!strncmp(e->d_name, "stable-", 7)) {
				int i = atoi(e->d_name + 7);

				if (i >= 0 && i < NSTABLE && seen[i] < 255)
					seen[i]++;
			}
			off += e->d_reclen;
		}
		calls++;
		sched_yield();
	}
	close(fd);
	free(buf);
	return n < 0 ? -1 : calls;
}

static void test_churn(void)
{
	static unsigned char seen[NSTABLE];
	int created = 0, missing = 0, twice = 0, calls;
	pid_t pid;

	for (int i = 0; i < NSTABLE; i++)
		created += make_file(base, "stable-%d", i) == 0;
	ksft_ok(created == NSTABLE, "created %d stable names", created);
	pid = fork();
	if (pid == 0)
		churn(base, getppid());
	for (int round = 0; round < 3; round++) {
		memset(seen, 0, sizeof(seen));
		calls = list_stable(base, seen, 512 << round);
		for (int i = 0; i < NSTABLE; i++) {
			missing += seen[i] == 0;
			twice += seen[i] > 1;
		}
		if (calls < 0)
			break;
	}
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
	ksft_ok(calls > 0 && !missing && !twice,
		"3 listings beside a create/unlink storm: %d missing, %d twice", missing, twice);
}

/* rm -rf: unlink what each call returned; one pass must empty the directory. */
static void test_unlink_while_listing(void)
{
	char buf[1024], path[PATH_MAX];
	int fd = open(base, O_RDONLY | O_DIRECTORY), removed = 0, bad = 0;
	long n;

	while (fd >= 0 && (n = sys_getdents64(fd, buf, sizeof(buf))) > 0) {
		for (long off = 0; off < n;) {
			struct dirent64_rec *e = (void *)(buf + off);

			off += e->d_reclen;
			if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
				continue;
			snprintf(path, sizeof(path), "%s/%s", base, e->d_name);
			if (unlink(path) == 0)
				removed++;
			else
				bad++;
		}
	}
	if (fd >= 0)
		close(fd);
	ksft_ok(removed >= NSTABLE && !bad && rmdir(base) == 0,
		"unlinking each batch as listed: %d removed (%d failed), then rmdir", removed, bad);
}

/* telldir before each entry; seekdir back to every 7th gives that entry again. */
static void test_seekdir(void)
{
	static long pos[NSEEK + 2];
	static char names[NSEEK + 2][NAME_MAX + 1];
	int n = 0, bad = 0, created = 0;
	struct dirent *e;
	DIR *d;

	if (mkdir(base, 0755))
		return;
	for (int i = 0; i < NSEEK; i++)
		created += make_file(base, "seek-%d", i) == 0;
	d = opendir(base);
	while (d && n < NSEEK + 2) {
		pos[n] = telldir(d);
		e = readdir(d);
		if (!e)
			break;
		snprintf(names[n++], sizeof(names[0]), "%s", e->d_name);
	}
	for (int i = n - 1; d && i >= 0; i -= 7) {
		seekdir(d, pos[i]);
		e = readdir(d);
		bad += !e || strcmp(e->d_name, names[i]);
	}
	ksft_ok(created == NSEEK && n == NSEEK + 2 && !bad,
		"seekdir to %d telldir() values lists the same entry (%d wrong)", (n + 6) / 7, bad);
	if (d) {
		rewinddir(d);
		e = readdir(d);
		ksft_ok(e && !strcmp(e->d_name, names[0]), "rewinddir starts again at %s",
			e ? e->d_name : "(nothing)");
		closedir(d);
	}
}

static void test_lseek(void)
{
	int fd = open(base, O_RDONLY | O_DIRECTORY);
	char buf[4096];
	long first = sys_getdents64(fd, buf, sizeof(buf)), again;
	long long end;

	ksft_ok(lseek(fd, 0, SEEK_END) < 0 && errno == EINVAL, "lseek SEEK_END on a directory: EINVAL");
	ksft_ok(lseek(fd, -1, SEEK_SET) < 0 && errno == EINVAL, "lseek to -1: EINVAL");
	ksft_ok(lseek(fd, 0, SEEK_SET) == 0 && (again = sys_getdents64(fd, buf, sizeof(buf))) == first,
		"lseek to 0 lists the same %ld bytes again", first);
	end = lseek(fd, 1000000, SEEK_SET);
	ksft_ok(end == 1000000 && sys_getdents64(fd, buf, sizeof(buf)) == 0,
		"lseek past the end: getdents64 returns 0");
	close(fd);
}

/* Record sizes: 19 bytes of head, the name, a NUL, rounded to 8. */
static size_t reclen_of(const char *name)
{
	return (19 + strlen(name) + 1 + 7) & ~7UL;
}

static void test_small_buffers(void)
{
	int fd = open(base, O_RDONLY | O_DIRECTORY), file;
	char buf[4096], path[PATH_MAX];
	struct dirent64_rec *e = (void *)buf;
	long n, total = 0, calls = 0, unfilled = 0;

	errno = 0;
	ksft_ok(sys_getdents64(fd, buf, 1) < 0 && errno == EINVAL, "a 1-byte buffer: EINVAL");
	n = sys_getdents64(fd, buf, reclen_of("."));
	ksft_ok(n == (long)reclen_of(".") && !strcmp(e->d_name, ".") && e->d_reclen == n,
		"a buffer of exactly one record gets \".\" (%ld bytes)", n);
	errno = 0;
	ksft_ok(sys_getdents64(fd, buf, reclen_of("..") - 1) < 0 && errno == EINVAL,
		"one byte short of \"..\": EINVAL, and the position stays");
	n = sys_getdents64(fd, buf, reclen_of(".."));
	ksft_ok(n > 0 && !strcmp(e->d_name, ".."), "then \"..\" comes");
	/* 100 bytes: each call must take as many records as fit. */
	while ((n = sys_getdents64(fd, buf, 100)) > 0) {
		long next;
		char peek[256];
		off_t here = lseek(fd, 0, SEEK_CUR);

		total += n;
		calls++;
		next = sys_getdents64(fd, peek, sizeof(peek));
		if (next > 0 && n + ((struct dirent64_rec *)peek)->d_reclen <= 100)
			unfilled++;
		lseek(fd, here, SEEK_SET);
	}
	ksft_ok(n == 0 && calls >= NSEEK / 4 && !unfilled,
		"100-byte buffers: %ld calls, %ld left room for the next record", calls, unfilled);
	ksft_ok(sys_getdents64(fd, (void *)8, sizeof(buf)) == 0, "at the end a bad buffer is not touched");
	lseek(fd, 0, SEEK_SET);
	errno = 0;
	ksft_ok(sys_getdents64(fd, (void *)8, sizeof(buf)) < 0 && errno == EFAULT, "bad buffer: EFAULT");
	close(fd);
	snprintf(path, sizeof(path), "%s/seek-0", base);
	file = open(path, O_RDONLY);
	errno = 0;
	ksft_ok(sys_getdents64(file, buf, sizeof(buf)) < 0 && errno == ENOTDIR, "a regular file: ENOTDIR");
	close(file);
	errno = 0;
	ksft_ok(sys_getdents64(-1, buf, sizeof(buf)) < 0 && errno == EBADF, "fd -1: EBADF");
	for (int i = 0; i < NSEEK; i++) {
		snprintf(path, sizeof(path), "%s/seek-%d", base, i);
		unlink(path);
	}
	ksft_ok(rmdir(base) == 0, "cleaned up");
}

int main(void)
{
	ksft_plan(19);
	alarm(300);		/* a listing that never ends fails, not hangs */
	if (!mkdtemp(base))
		return 1;
	test_churn();
	test_unlink_while_listing();
	test_seekdir();
	test_lseek();
	test_small_buffers();
	ksft_exit();
}
