/*
 * mount: mount(2) and umount2(2) on a ramfs and a second proc: crossing
 * mount points both ways, EBUSY while in use, MNT_DETACH, remounting
 * read-only (EROFS), bind mounts, EXDEV between mounts, noexec, statfs
 * magic numbers and the mount tables in /proc/self/mounts and mountinfo.
 * Needs root (as on Linux).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/wait.h>
#include <unistd.h>
#include <uapi/linux-ish/magic.h>
#include "../kselftest.h"

static const char *top = "/tmp/mount_test";
static char mnt[64], bind_dir[64], procdir[64], file[96];

static int fails_with(long ret, int err)
{
	return ret == -1 && errno == err;
}

/* The line of /proc/self/@table whose mount point (field @col) is @dir, or "". */
static void find_mount(const char *table, const char *dir, int col, char *line, size_t len)
{
	char path[64];
	FILE *f;

	snprintf(path, sizeof(path), "/proc/self/%s", table);
	f = fopen(path, "r");
	line[0] = '\0';
	if (!f)
		return;
	while (fgets(line, len, f)) {
		char copy[512], *tok, *save;
		int i = 0;

		strncpy(copy, line, sizeof(copy) - 1);
		copy[sizeof(copy) - 1] = '\0';
		for (tok = strtok_r(copy, " ", &save); tok && i < col; i++)
			tok = strtok_r(NULL, " ", &save);
		if (tok && !strcmp(tok, dir)) {
			fclose(f);
			return;
		}
	}
	line[0] = '\0';
	fclose(f);
}

static int create(const char *path)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0755);

	if (fd < 0)
		return -1;
	close(fd);
	return 0;
}

static void test_crossing(void)
{
	struct stat in, below, up, parent;
	struct statfs sf;
	char dotdot[80];

	ksft_ok(mount("none", mnt, "ramfs", 0, NULL) == 0, "mount a ramfs");
	ksft_ok(create(file) == 0 && stat(file, &in) == 0 && stat(top, &parent) == 0 &&
		in.st_dev != parent.st_dev, "a file in it lives on another device");
	ksft_ok(stat(mnt, &below) == 0 && below.st_dev == in.st_dev && below.st_ino != in.st_ino,
		"the mount point shows the new root");
	snprintf(dotdot, sizeof(dotdot), "%s/..", mnt);
	ksft_ok(stat(dotdot, &up) == 0 && up.st_ino == parent.st_ino && up.st_dev == parent.st_dev,
		"\"..\" of the mount's root leads back to the parent directory");
	ksft_ok(statfs(mnt, &sf) == 0 && (unsigned long)sf.f_type == RAMFS_MAGIC, "statfs gives RAMFS_MAGIC");
}

static void test_tables(void)
{
	char line[512];
	char f[10][128];
	int n;

	find_mount("mounts", mnt, 1, line, sizeof(line));
	ksft_ok(!strncmp(line, "none ", 5) && strstr(line, " ramfs rw") && strstr(line, " 0 0\n"),
		"/proc/self/mounts: %s", line[0] ? "the line is right" : "no line");
	find_mount("mountinfo", mnt, 4, line, sizeof(line));
	n = sscanf(line, "%127s %127s %127s %127s %127s %127s %127s %127s %127s %127s",
		   f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7], f[8], f[9]);
	ksft_ok(n >= 9 && atoi(f[0]) > 0 && atoi(f[1]) > 0 && strchr(f[2], ':') &&
		!strcmp(f[3], "/") && !strncmp(f[5], "rw", 2),
		"/proc/self/mountinfo: id, parent, dev, root, options");
	/* Optional fields end at "-": then type, source, super options. */
	for (int i = 6; i < n; i++)
		if (!strcmp(f[i], "-")) {
			ksft_ok(i + 3 < n + 1 && !strcmp(f[i + 1], "ramfs") &&
				!strcmp(f[i + 2], "none"), "mountinfo: - ramfs none");
			return;
		}
	ksft_ok(0, "mountinfo: no \"-\" separator");
}

static void test_busy(void)
{
	int fd = open(file, O_RDONLY);
	int cwd = open(".", O_RDONLY);

	ksft_ok(fails_with(umount(mnt), EBUSY), "umount with a file open: EBUSY");
	close(fd);
	ksft_ok(chdir(mnt) == 0 && fails_with(umount(mnt), EBUSY),
		"umount with the working directory inside: EBUSY");
	ksft_ok(fchdir(cwd) == 0, "back to the old directory");
	close(cwd);
	ksft_ok(fails_with(rmdir(mnt), EBUSY), "rmdir of a mount point: EBUSY");
	ksft_ok(fails_with(rename(file, "/tmp/mount_test_x"), EXDEV) &&
		fails_with(link(file, "/tmp/mount_test_x"), EXDEV),
		"rename and link between mounts: EXDEV");
}

static void test_remount(void)
{
	char other[96];
	int fd;

	snprintf(other, sizeof(other), "%s/other", mnt);
	fd = open(file, O_WRONLY);
	ksft_ok(fd >= 0 && fails_with(mount(NULL, mnt, NULL, MS_REMOUNT | MS_RDONLY, NULL), EBUSY),
		"remount read-only with a file open for writing: EBUSY");
	close(fd);
	ksft_ok(mount(NULL, mnt, NULL, MS_REMOUNT | MS_RDONLY, NULL) == 0,
		"remount read-only");
	ksft_ok(fails_with(create(other), EROFS) && fails_with(mkdir(other, 0755), EROFS) &&
		fails_with(unlink(file), EROFS) && fails_with(open(file, O_WRONLY), EROFS),
		"read-only: create, mkdir, unlink, open for writing give EROFS");
	fd = open(file, O_RDONLY);
	ksft_ok(fd >= 0, "read-only: reading still works");
	close(fd);
	ksft_ok(mount(NULL, mnt, NULL, MS_REMOUNT, NULL) == 0 && create(other) == 0,
		"remount read-write: creating works again");
}

static void test_bind(void)
{
	char seen[128];
	struct stat a, b;

	snprintf(seen, sizeof(seen), "%s/file", bind_dir);
	ksft_ok(mkdir(bind_dir, 0755) == 0 && mount(mnt, bind_dir, NULL, MS_BIND, NULL) == 0,
		"bind-mount the ramfs's root elsewhere");
	ksft_ok(stat(seen, &a) == 0 && stat(file, &b) == 0 && a.st_ino == b.st_ino &&
		a.st_dev == b.st_dev, "the same file through both mounts");
	ksft_ok(umount(bind_dir) == 0 && fails_with(stat(seen, &a), ENOENT) && stat(file, &b) == 0,
		"unmounting the bind leaves the original");
	rmdir(bind_dir);
}

static void test_noexec(const char *self)
{
	char copy[96], buf[4096];
	char *argv[] = { copy, "-noexec", NULL };
	int in, out;
	ssize_t n;
	pid_t pid;
	int st;

	snprintf(copy, sizeof(copy), "%s/prog", mnt);
	in = open(self, O_RDONLY);
	out = open(copy, O_WRONLY | O_CREAT | O_TRUNC, 0755);
	while (in >= 0 && out >= 0 && (n = read(in, buf, sizeof(buf))) > 0)
		if (write(out, buf, n) != n)
			break;
	close(in);
	close(out);
	ksft_ok(mount(NULL, mnt, NULL, MS_REMOUNT | MS_NOEXEC, NULL) == 0, "remount noexec");
	pid = fork();
	if (pid == 0) {
		execv(copy, argv);
		_exit(errno == EACCES ? 0 : 1);
	}
	ksft_ok(pid > 0 && waitpid(pid, &st, 0) == pid && KSFT_EXITED(st, 0),
		"noexec: execve gives EACCES");
	mount(NULL, mnt, NULL, MS_REMOUNT, NULL);
}

static void test_proc(void)
{
	char self[96], target[32], want[16];
	struct statfs sf;
	ssize_t n;

	snprintf(want, sizeof(want), "%d", getpid());
	snprintf(self, sizeof(self), "%s/self", procdir);
	ksft_ok(mkdir(procdir, 0755) == 0 && mount("proc", procdir, "proc", 0, NULL) == 0,
		"mount another proc");
	n = readlink(self, target, sizeof(target) - 1);
	if (n > 0)
		target[n] = '\0';
	ksft_ok(n > 0 && !strcmp(target, want), "its self is this process");
	ksft_ok(statfs(procdir, &sf) == 0 && (unsigned long)sf.f_type == PROC_SUPER_MAGIC, "statfs gives PROC_SUPER_MAGIC");
	ksft_ok(umount(procdir) == 0 && rmdir(procdir) == 0, "unmount it");
}

static void test_detach(void)
{
	char line[512], buf[8];
	int fd = open(file, O_RDWR);

	ksft_ok(fd >= 0 && write(fd, "data", 4) == 4 && umount2(mnt, MNT_DETACH) == 0,
		"MNT_DETACH with a file open");
	find_mount("mounts", mnt, 1, line, sizeof(line));
	ksft_ok(!line[0] && access(file, F_OK) != 0, "the mount is gone from the tree");
	ksft_ok(pread(fd, buf, 4, 0) == 4 && !memcmp(buf, "data", 4),
		"the open file still reads");
	close(fd);
}

static void test_errors(void)
{
	ksft_ok(fails_with(mount("none", mnt, "no-such-fs", 0, NULL), ENODEV), "unknown type: ENODEV");
	ksft_ok(create(file) == 0 && fails_with(mount("none", file, "ramfs", 0, NULL), ENOTDIR),
		"mount on a file: ENOTDIR");
	unlink(file);
	ksft_ok(fails_with(umount(mnt), EINVAL), "umount of a directory that is no mount: EINVAL");
	ksft_ok(fails_with(umount2(mnt, 0x100), EINVAL), "umount2 with unknown flags: EINVAL");
	ksft_ok(fails_with(umount("/tmp/mount_test/none"), ENOENT), "umount of nothing: ENOENT");
}

int main(int argc, char **argv)
{
	if (argc > 1 && !strcmp(argv[1], "-noexec"))
		return 2;		/* ran although its mount is noexec */
	ksft_plan(35);
	snprintf(mnt, sizeof(mnt), "%s/mnt", top);
	snprintf(bind_dir, sizeof(bind_dir), "%s/bind", top);
	snprintf(procdir, sizeof(procdir), "%s/proc", top);
	snprintf(file, sizeof(file), "%s/file", mnt);
	mkdir(top, 0755);
	if (mkdir(mnt, 0755) && errno != EEXIST)
		return 1;
	test_crossing();
	test_tables();
	test_busy();
	test_remount();
	test_bind();
	test_noexec(argv[0]);
	test_proc();
	test_detach();
	test_errors();
	rmdir(mnt);
	rmdir(top);
	ksft_exit();
}
