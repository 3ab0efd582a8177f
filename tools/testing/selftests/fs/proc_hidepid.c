/*
 * proc_hidepid: one proc instance per mount (each its own st_dev and
 * options, shown in /proc/self/mounts), hidepid=0/1/2/4 and their names,
 * gid=, subset=pid, remount changing hidepid, and the EINVAL cases of
 * the option parser.  The views are checked from a child that is nobody
 * (uid and gid 65534, no groups, dumpable) against init (pid 1, root).
 * Needs root.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include "../kselftest.h"

static const char *dir1 = "/tmp/hidepid1", *dir2 = "/tmp/hidepid2";

/* What nobody sees in @dir: bit 0 pid 1 listed, 1 own pid listed, 2 stat of
 * @dir/1 works, 3 @dir/1/status opens; the errno of that open (or of the
 * stat) in bits 8 and up. */
static int nobody_view(const char *dir, gid_t extra)
{
	int pipefd[2], st, res = -1;
	pid_t pid;

	if (pipe(pipefd))
		return -1;
	pid = fork();
	if (pid == 0) {
		char path[128], self[16];
		struct dirent *de;
		struct stat sb;
		DIR *d;
		int v = 0, fd;

		close(pipefd[0]);
		if (setgroups(extra ? 1 : 0, &extra) || setgid(65534) || setuid(65534) ||
		    prctl(PR_SET_DUMPABLE, 1))
			_exit(1);
		snprintf(self, sizeof(self), "%d", getpid());
		d = opendir(dir);
		while (d && (de = readdir(d))) {
			if (!strcmp(de->d_name, "1"))
				v |= 1;
			if (!strcmp(de->d_name, self))
				v |= 2;
		}
		if (d)
			closedir(d);
		snprintf(path, sizeof(path), "%s/1", dir);
		if (stat(path, &sb) == 0)
			v |= 4;
		else
			v |= errno << 8;
		snprintf(path, sizeof(path), "%s/1/status", dir);
		fd = open(path, O_RDONLY);
		if (fd >= 0)
			v |= 8;
		else if (v & 4)
			v |= errno << 8;
		if (write(pipefd[1], &v, sizeof(v)) != sizeof(v))
			_exit(1);
		_exit(0);
	}
	close(pipefd[1]);
	if (pid > 0 && waitpid(pid, &st, 0) == pid && KSFT_EXITED(st, 0) &&
	    read(pipefd[0], &res, sizeof(res)) != sizeof(res))
		res = -1;
	close(pipefd[0]);
	return res;
}

/* Does /proc/self/mounts' line for @dir contain @opt (NULL: no hidepid)? */
static int mount_shows(const char *dir, const char *opt)
{
	char line[512], want[64];
	FILE *f = fopen("/proc/self/mounts", "r");
	int ok = 0;

	if (!f)
		return 0;
	snprintf(want, sizeof(want), "proc %s proc ", dir);
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, want, strlen(want)))
			ok = opt ? strstr(line, opt) != NULL : strstr(line, ",hidepid=") == NULL;
	fclose(f);
	return ok;
}

static int bad(const char *opts)
{
	int ok = mount("proc", dir2, "proc", 0, opts) == -1 && errno == EINVAL;

	if (!ok)
		umount(dir2);
	return ok;
}

int main(void)
{
	struct stat s1, s2;
	char path[64];
	int v;

	ksft_plan(22);
	mkdir(dir1, 0755);
	mkdir(dir2, 0755);
	ksft_ok(mount("proc", dir1, "proc", 0, "hidepid=1") == 0 &&
		mount("proc", dir2, "proc", 0, "hidepid=invisible") == 0, "two proc mounts");
	ksft_ok(stat(dir1, &s1) == 0 && stat(dir2, &s2) == 0 && s1.st_dev != s2.st_dev,
		"each its own st_dev");
	ksft_ok(mount_shows(dir1, ",hidepid=noaccess") && mount_shows(dir2, ",hidepid=invisible"),
		"mounts shows each one's hidepid by name");
	v = nobody_view(dir1, 0);
	ksft_ok(v >= 0 && (v & 1) && (v & 2) && (v & 4) && !(v & 8) && (v >> 8) == EPERM,
		"hidepid=1: pid 1 listed and stat-able, its files EPERM (%#x)", v);
	v = nobody_view(dir2, 0);
	ksft_ok(v >= 0 && !(v & 1) && (v & 2) && !(v & 4) && (v >> 8) == ENOENT,
		"hidepid=2: pid 1 neither listed nor found, own pid listed (%#x)", v);
	v = nobody_view("/proc", 0);
	ksft_ok(v >= 0 && (v & 1) && (v & 8), "/proc itself is unchanged (%#x)", v);
	v = mount(NULL, dir2, NULL, MS_REMOUNT, "hidepid=0");
	ksft_ok(v == 0 && mount_shows(dir2, NULL), "remount with hidepid=0 (%d %d)", v,
		v ? errno : 0);
	v = nobody_view(dir2, 0);
	ksft_ok(v >= 0 && (v & 1) && (v & 8), "now nobody sees pid 1 there (%#x)", v);
	ksft_ok(umount(dir2) == 0 && umount(dir1) == 0, "unmounted");

	ksft_ok(mount("proc", dir1, "proc", 0, "hidepid=2,gid=4321") == 0 &&
		mount_shows(dir1, ",gid=4321") && mount_shows(dir1, ",hidepid=invisible"),
		"hidepid=2,gid=4321 shown");
	v = nobody_view(dir1, 4321);
	ksft_ok(v >= 0 && (v & 1) && (v & 8), "a member of gid 4321 sees everything (%#x)", v);
	v = nobody_view(dir1, 0);
	ksft_ok(v >= 0 && !(v & 1) && (v & 2), "a non-member does not (%#x)", v);
	ksft_ok(umount(dir1) == 0, "unmounted");

	ksft_ok(mount("proc", dir1, "proc", 0, "hidepid=ptraceable,gid=4321") == 0 &&
		mount_shows(dir1, ",hidepid=ptraceable"), "hidepid=ptraceable");
	v = nobody_view(dir1, 4321);
	ksft_ok(v >= 0 && !(v & 1) && (v & 2) && !(v & 4),
		"ptraceable: even the gid group sees only what it may ptrace (%#x)", v);
	ksft_ok(umount(dir1) == 0, "unmounted");

	ksft_ok(mount("proc", dir1, "proc", 0, "subset=pid") == 0 && mount_shows(dir1, ",subset=pid"),
		"subset=pid");
	snprintf(path, sizeof(path), "%s/meminfo", dir1);
	ksft_ok(open(path, O_RDONLY) == -1 && errno == ENOENT, "its meminfo: ENOENT");
	snprintf(path, sizeof(path), "%s/self/status", dir1);
	v = open(path, O_RDONLY);
	ksft_ok(v >= 0, "its self/status opens");
	close(v);
	ksft_ok(umount(dir1) == 0, "unmounted");

	ksft_ok(bad("hidepid=3") && bad("hidepid=5") && bad("hidepid=foo") && bad("hidepid") &&
		bad("hidepid=") && bad("gid=x") && bad("gid") && bad("subset=foo") &&
		bad("bogus") && bad("hidepid=1,bogus=1"), "bad options: EINVAL");
	ksft_ok(mount("proc", dir2, "proc", 0, "hidepid=0x2") == 0 &&
		mount_shows(dir2, ",hidepid=invisible") && umount(dir2) == 0,
		"hidepid takes 0x2 (kstrtouint base 0)");
	rmdir(dir1);
	rmdir(dir2);
	ksft_exit();
}
