/*
 * walk_race: path lookups (stat, lstat, open, through a symlink, "./")
 * while another process renames, unlinks, recreates, removes
 * directories and mounts over a directory on the way.  Every answer
 * must be one the tree had at some moment (the right inode, or ENOENT),
 * never a stale or foreign inode nor another error; afterwards, with
 * everything removed, the tmpfs gets every inode back (no reference
 * leaked on a dentry) and unmounts (none leaked on a mount).  Written
 * for Linnet's lockless walk (fs/namei_cached.c); passes on Linux 6.1.
 */
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/wait.h>
#include <unistd.h>
#include "../kselftest.h"

#define ROUNDS	1500

static char base[] = "/tmp/linnet-wrace-XXXXXX";

static ino_t ino_of(const char *path)
{
	struct stat st;

	return stat(path, &st) ? 0 : st.st_ino;
}

static int make(const char *path)
{
	int fd = open(path, O_CREAT | O_WRONLY | O_TRUNC, 0644);

	return fd < 0 ? -1 : close(fd);
}

/*
 * umount, again while a lookup of the other process holds the mount
 * for a moment (Linux says EBUSY then).
 */
static int umount_busy(const char *dir)
{
	for (int i = 0; i < 10000; i++) {
		if (umount(dir) == 0)
			return 0;
		if (errno != EBUSY)
			break;
		sched_yield();
	}
	return -1;
}

/* The other process: every change it makes must succeed. */
static void churn(void)
{
	int bad = 0;

	for (int i = 0; i < ROUNDS; i++) {
		bad |= rename("a/x", "b/x") | rename("b/x", "a/x");
		bad |= unlink("a/t") | make("a/t");
		bad |= rmdir("c") | mkdir("c", 0755);
		if (i % 8 == 0) {
			bad |= mount("none", "m", "tmpfs", 0, "size=64k");
			bad |= make("m/z");
			bad |= umount_busy("m");
		}
		if (bad) {
			fprintf(stderr, "churn: round %d: %s\n", i, strerror(errno));
			_exit(1);
		}
	}
	_exit(0);
}

int main(void)
{
	unsigned long lookups = 0, wrong = 0, errs = 0, ffree0;
	ino_t x, y;
	dev_t dev;
	struct statfs sf;
	struct stat st;
	int status = -1;
	pid_t pid;

	ksft_plan(8);
	if (!mkdtemp(base) || mount("none", base, "tmpfs", 0, "nr_inodes=64") || chdir(base)) {
		ksft_ok(0, "a private tmpfs at %s (%s)", base, strerror(errno));
		ksft_exit();
	}
	statfs(".", &sf);
	ffree0 = sf.f_ffree;
	ksft_ok(!mkdir("a", 0755) && !mkdir("b", 0755) && !mkdir("c", 0755) && !mkdir("m", 0755) &&
		!make("a/x") && !make("a/t") && !make("m/y") && !symlink("a/x", "l"),
		"set up a/x, a/t, b, c, m/y and the symlink l -> a/x");
	x = ino_of("a/x");
	y = ino_of("m/y");
	dev = stat(".", &st) ? 0 : st.st_dev;

	pid = fork();
	if (pid == 0)
		churn();
	while (waitpid(pid, &status, WNOHANG) == 0 || lookups == 0) {
		static const char *const xs[] = { "a/x", "./a/x", "l", "b/x", "./b/x" };
		int fd;

		for (unsigned int i = 0; i < sizeof(xs) / sizeof(xs[0]); i++, lookups++) {
			if (stat(xs[i], &st) == 0)
				wrong += st.st_ino != x;
			else
				errs += errno != ENOENT;
		}
		fd = open("a/x", O_RDONLY);
		if (fd >= 0) {
			wrong += fstat(fd, &st) || st.st_ino != x;
			close(fd);
		} else {
			errs += errno != ENOENT;
		}
		if (lstat("a/t", &st) == 0)
			wrong += !S_ISREG(st.st_mode) || st.st_ino == x || st.st_ino == y;
		else
			errs += errno != ENOENT;
		errs += !(stat("c/q", &st) == -1 && errno == ENOENT);
		if (stat("m/y", &st) == 0)
			wrong += st.st_ino != y;	/* the directory under the mount */
		else
			errs += errno != ENOENT;	/* the tmpfs mounted over it */
		if (stat("m/z", &st) == 0)
			wrong += st.st_dev == dev;	/* only on the mounted tmpfs */
		else
			errs += errno != ENOENT;
		lookups += 5;
	}
	ksft_ok(WIFEXITED(status) && WEXITSTATUS(status) == 0,
		"the other process renamed, recreated, removed and mounted %d times", ROUNDS);
	ksft_ok(wrong == 0, "%lu lookups: no stale or foreign inode (%lu)", lookups, wrong);
	ksft_ok(errs == 0, "every failed lookup said ENOENT (%lu did not)", errs);
	ksft_ok(ino_of("l") == x && ino_of("m/y") == y && stat("m/z", &st) == -1 && errno == ENOENT,
		"afterwards: l leads to a/x, m/y is back, m/z went with its mount");
	ksft_ok(!unlink("l") && !unlink("a/x") && !unlink("a/t") && !unlink("m/y") &&
		!rmdir("a") && !rmdir("b") && !rmdir("c") && !rmdir("m"),
		"everything removed");
	if (statfs(".", &sf))
		sf.f_ffree = 0;
	ksft_ok(sf.f_ffree == ffree0,
		"every inode came back (%lu free, %lu before): no dentry kept", (unsigned long)sf.f_ffree,
		ffree0);
	ksft_ok(chdir("/") == 0 && umount(base) == 0 && rmdir(base) == 0,
		"the tmpfs unmounts: no reference left on it");
	ksft_exit();
}
