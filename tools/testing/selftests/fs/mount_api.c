/*
 * mount_api: the new mount API by raw syscall (428-433): fsopen's flags
 * and errors, the [fscontext] descriptor, fsconfig's argument checks and
 * phases (EBUSY), proc's options (strings only: blobs and flags EINVAL),
 * "source" once, CMD_CREATE, fsmount (attributes, EBUSY twice), the
 * detached mount usable as a dirfd and attached by move_mount, fspick
 * and CMD_RECONFIGURE changing hidepid, a tmpfs with size=, open_tree
 * (O_PATH, OPEN_TREE_CLONE bind mount attached elsewhere, a detached
 * clone dropped at close), move_mount of an attached mount (ELOOP into
 * itself) and the EINVAL/EBADF/EFAULT/ENODEV cases.  Needs root.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <uapi/linux-ish/mount.h>
#include "../kselftest.h"

#define NR_open_tree	428
#define NR_move_mount	429
#define NR_fsopen	430
#define NR_fsconfig	431
#define NR_fsmount	432
#define NR_fspick	433

static long sys_fsopen(const char *name, unsigned int flags)
{
	return syscall(NR_fsopen, name, flags);
}

static long sys_fsconfig(int fd, unsigned int cmd, const char *key, const void *val, int aux)
{
	return syscall(NR_fsconfig, fd, cmd, key, val, aux);
}

static long sys_fsmount(int fd, unsigned int flags, unsigned int attr)
{
	return syscall(NR_fsmount, fd, flags, attr);
}

static long sys_move_mount(int fd1, const char *p1, int fd2, const char *p2, unsigned int flags)
{
	return syscall(NR_move_mount, fd1, p1, fd2, p2, flags);
}

static long sys_fspick(int dfd, const char *path, unsigned int flags)
{
	return syscall(NR_fspick, dfd, path, flags);
}

static long sys_open_tree(int dfd, const char *path, unsigned int flags)
{
	return syscall(NR_open_tree, dfd, path, flags);
}

static int fails(long ret, int err)
{
	return ret == -1 && errno == err;
}

static int umount(const char *dir)
{
	return syscall(SYS_umount2, dir, 0);
}

static const char *top = "/tmp/mount_api";
static char a[64], b[64], c[64], sub[80];

/* The /proc/self/mounts line with mount point @dir into @line; 0 if none. */
static int mount_line(const char *dir, char *line, size_t len)
{
	FILE *f = fopen("/proc/self/mounts", "r");
	char want[96];
	int found = 0;

	if (!f)
		return 0;
	snprintf(want, sizeof(want), " %s ", dir);
	while (fgets(line, len, f))
		if (strstr(line, want)) {
			found = 1;
			break;
		}
	fclose(f);
	return found;
}

/* The line number (from 1) of @dir's mount in /proc/self/mounts; 0 if none. */
static int mount_index(const char *dir)
{
	FILE *f = fopen("/proc/self/mounts", "r");
	char line[512], want[96];
	int n = 0, found = 0;

	if (!f)
		return 0;
	snprintf(want, sizeof(want), " %s ", dir);
	while (fgets(line, sizeof(line), f)) {
		n++;
		if (strstr(line, want))
			found = n;
	}
	fclose(f);
	return found;
}

static void test_fsopen_fsconfig(void)
{
	char buf[64], path[64];
	long fd, n;
	int v = 2;

	ksft_ok(fails(sys_fsopen("nosuchfs", 0), ENODEV), "fsopen of an unknown type: ENODEV");
	ksft_ok(fails(sys_fsopen("proc", 2), EINVAL), "fsopen with a bad flag: EINVAL");
	ksft_ok(fails(sys_fsopen((const char *)1, 0), EFAULT), "fsopen of a bad pointer: EFAULT");
	fd = sys_fsopen("proc", FSOPEN_CLOEXEC);
	ksft_ok(fd >= 0 && fcntl(fd, F_GETFD) == FD_CLOEXEC, "fsopen(FSOPEN_CLOEXEC)");
	snprintf(path, sizeof(path), "/proc/self/fd/%ld", fd);
	n = readlink(path, buf, sizeof(buf) - 1);
	ksft_ok(n > 0 && (buf[n] = '\0', !strcmp(buf, "anon_inode:[fscontext]")),
		"it is anon_inode:[fscontext]");
	ksft_ok(fails(sys_fsconfig(fd, 99, NULL, NULL, 0), EOPNOTSUPP), "unknown command: EOPNOTSUPP");
	ksft_ok(fails(sys_fsconfig(-1, FSCONFIG_SET_STRING, "hidepid", "2", 0), EINVAL),
		"fd -1: EINVAL");
	ksft_ok(fails(sys_fsconfig(999, FSCONFIG_SET_STRING, "hidepid", "2", 0), EBADF),
		"a closed fd: EBADF");
	ksft_ok(fails(sys_fsconfig(0, FSCONFIG_SET_STRING, "hidepid", "2", 0), EINVAL),
		"not a context: EINVAL");
	ksft_ok(fails(sys_fsconfig(fd, FSCONFIG_SET_FLAG, "ro", "x", 0), EINVAL) &&
		fails(sys_fsconfig(fd, FSCONFIG_SET_STRING, NULL, "2", 0), EINVAL) &&
		fails(sys_fsconfig(fd, FSCONFIG_SET_STRING, "hidepid", "2", 1), EINVAL) &&
		fails(sys_fsconfig(fd, FSCONFIG_SET_BINARY, "hidepid", &v, 0), EINVAL) &&
		fails(sys_fsconfig(fd, FSCONFIG_SET_FD, "hidepid", NULL, -1), EINVAL) &&
		fails(sys_fsconfig(fd, FSCONFIG_CMD_CREATE, "x", NULL, 0), EINVAL),
		"argument checks: EINVAL");
	ksft_ok(fails(sys_fsconfig(fd, FSCONFIG_SET_STRING, (const char *)1, "2", 0), EFAULT),
		"a bad key pointer: EFAULT");
	ksft_ok(fails(sys_fsconfig(fd, FSCONFIG_SET_BINARY, "hidepid", &v, sizeof(v)), EINVAL) &&
		fails(sys_fsconfig(fd, FSCONFIG_SET_FLAG, "hidepid", NULL, 0), EINVAL),
		"proc's hidepid as a blob or a flag: EINVAL");
	ksft_ok(fails(sys_fsconfig(fd, FSCONFIG_SET_STRING, "hidepid", "3", 0), EINVAL) &&
		fails(sys_fsconfig(fd, FSCONFIG_SET_STRING, "nosuchopt", "1", 0), EINVAL),
		"a bad value, an unknown key: EINVAL");
	ksft_ok(sys_fsconfig(fd, FSCONFIG_SET_STRING, "hidepid", "2", 0) == 0 &&
		sys_fsconfig(fd, FSCONFIG_SET_STRING, "hidepid", "invisible", 0) == 0 &&
		sys_fsconfig(fd, FSCONFIG_SET_FLAG, "rw", NULL, 0) == 0, "good options");
	ksft_ok(sys_fsconfig(fd, FSCONFIG_SET_STRING, "source", "myproc", 0) == 0 &&
		fails(sys_fsconfig(fd, FSCONFIG_SET_STRING, "source", "again", 0), EINVAL),
		"source once, twice EINVAL");
	ksft_ok(fails(sys_fsmount(fd, 0, 0), EINVAL), "fsmount before CMD_CREATE: EINVAL");
	ksft_ok(close(fd) == 0, "closed without creating");
}

/* The next message of context @fd is @want. */
static int msg_is(long fd, const char *want)
{
	char buf[256];
	ssize_t n = read(fd, buf, sizeof(buf) - 1);

	if (n < 0)
		return 0;
	buf[n] = '\0';
	return !strcmp(buf, want);
}

static void test_log(void)
{
	long fd = sys_fsopen("proc", 0);
	char small[4];
	int v = 1, n = 0;

	ksft_ok(fails(read(fd, small, sizeof(small)), ENODATA), "no messages: ENODATA");
	ksft_ok(fails(sys_fsconfig(fd, FSCONFIG_SET_STRING, "hidepid", "foo", 0), EINVAL) &&
		fails(sys_fsconfig(fd, FSCONFIG_SET_STRING, "bogus", "1", 0), EINVAL) &&
		fails(sys_fsconfig(fd, FSCONFIG_SET_BINARY, "gid", &v, sizeof(v)), EINVAL) &&
		fails(sys_fsconfig(fd, FSCONFIG_SET_STRING, "subset", "x", 0), EINVAL),
		"four bad options");
	ksft_ok(fails(read(fd, small, sizeof(small)), EMSGSIZE), "a short buffer: EMSGSIZE");
	ksft_ok(msg_is(fd, "e proc: unknown value of hidepid - foo\n\n") &&
		msg_is(fd, "e proc: Unknown parameter 'bogus'\n") &&
		msg_is(fd, "e proc: Bad value for 'gid'\n") &&
		msg_is(fd, "e proc: unsupported subset option - x\n\n") &&
		fails(read(fd, small, sizeof(small)), ENODATA), "read gives Linux's messages in order");
	for (int i = 0; i < 10; i++)
		sys_fsconfig(fd, FSCONFIG_SET_STRING, "source", "s", 0);
	while (msg_is(fd, "e Multiple sources\n"))
		n++;
	ksft_ok(n == 8, "the log keeps the last 8 (%d)", n);
	ksft_ok(sys_fsconfig(fd, FSCONFIG_CMD_CREATE, NULL, NULL, 0) == 0,
		"bad options leave the context usable");
	close(fd);
	fd = sys_fsopen("tmpfs", 0);
	ksft_ok(fails(sys_fsconfig(fd, FSCONFIG_SET_STRING, "size", "xx", 0), EINVAL) &&
		fails(sys_fsconfig(fd, FSCONFIG_SET_STRING, "bogus", "1", 0), EINVAL) &&
		msg_is(fd, "e tmpfs: Bad value for 'size'\n") &&
		msg_is(fd, "e tmpfs: Unknown parameter 'bogus'\n"), "tmpfs checks each option");
	close(fd);
	fd = sys_fsopen("ramfs", 0);
	ksft_ok(sys_fsconfig(fd, FSCONFIG_SET_STRING, "bogus", "a,b", 0) == 0 &&
		sys_fsconfig(fd, FSCONFIG_SET_BINARY, "bogus", &v, sizeof(v)) == 0 &&
		sys_fsconfig(fd, FSCONFIG_SET_PATH, "bogus", "/nonexistent", AT_FDCWD) == 0,
		"ramfs takes anything");
	close(fd);
	fd = sys_fsopen("debugfs", 0);
	ksft_ok(fails(sys_fsconfig(fd, FSCONFIG_SET_BINARY, "x", &v, sizeof(v)), EOPNOTSUPP) &&
		fails(sys_fsconfig(fd, FSCONFIG_SET_STRING, "a,b", "1", 0), EINVAL) &&
		msg_is(fd, "e VFS: Legacy: Option 'a,b' contained comma\n"),
		"a legacy type: blobs EOPNOTSUPP, commas EINVAL");
	close(fd);
}

static void test_create_mount(void)
{
	long fd = sys_fsopen("proc", 0), mfd, pfd, sfd;
	struct stat st1, st2;
	char line[512];

	ksft_ok(fd >= 0 && sys_fsconfig(fd, FSCONFIG_SET_STRING, "hidepid", "2", 0) == 0 &&
		sys_fsconfig(fd, FSCONFIG_SET_STRING, "source", "apiproc", 0) == 0 &&
		sys_fsconfig(fd, FSCONFIG_CMD_CREATE, NULL, NULL, 0) == 0, "CMD_CREATE");
	ksft_ok(fails(sys_fsconfig(fd, FSCONFIG_CMD_CREATE, NULL, NULL, 0), EBUSY) &&
		fails(sys_fsconfig(fd, FSCONFIG_SET_STRING, "hidepid", "0", 0), EBUSY),
		"after it, CMD_CREATE and options: EBUSY");
	ksft_ok(fails(sys_fsmount(fd, 2, 0), EINVAL) &&
		fails(sys_fsmount(fd, 0, 0x40000), EINVAL) &&
		fails(sys_fsmount(fd, 0, 0x30), EINVAL), "fsmount's bad flags and attributes: EINVAL");
	ksft_ok(fails(sys_fsmount(0, 0, 0), EINVAL) && fails(sys_fsmount(999, 0, 0), EBADF),
		"fsmount of no context: EINVAL, EBADF");
	mfd = sys_fsmount(fd, FSMOUNT_CLOEXEC, MOUNT_ATTR_NOEXEC);
	ksft_ok(mfd >= 0 && fcntl(mfd, F_GETFD) == FD_CLOEXEC &&
		(fcntl(mfd, F_GETFL) & O_PATH), "fsmount: an O_PATH close-on-exec fd");
	ksft_ok(fails(sys_fsmount(fd, 0, 0), EBUSY), "fsmount twice: EBUSY");
	sfd = openat(mfd, "self/status", O_RDONLY);
	ksft_ok(sfd >= 0, "the detached mount works as a dirfd");
	close(sfd);
	ksft_ok(fstat(mfd, &st1) == 0 && stat("/proc", &st2) == 0 && st1.st_dev != st2.st_dev,
		"a new instance (its own st_dev)");
	ksft_ok(!mount_line(a, line, sizeof(line)), "not in the mount table yet");
	ksft_ok(fails(sys_move_mount(mfd, "", AT_FDCWD, a, 0x1000), EINVAL),
		"move_mount with a bad flag: EINVAL");
	ksft_ok(fails(sys_move_mount(mfd, "", AT_FDCWD, a, 0), ENOENT),
		"an empty path without MOVE_MOUNT_F_EMPTY_PATH: ENOENT");
	ksft_ok(sys_move_mount(mfd, "", AT_FDCWD, a, MOVE_MOUNT_F_EMPTY_PATH) == 0 &&
		mount_line(a, line, sizeof(line)) && !strncmp(line, "apiproc ", 8) &&
		strstr(line, "noexec") && strstr(line, "hidepid=invisible"),
		"move_mount attaches it: source, noexec, hidepid shown");
	ksft_ok(close(mfd) == 0 && mount_line(a, line, sizeof(line)), "it stays after the close");
	pfd = sys_fspick(AT_FDCWD, a, FSPICK_CLOEXEC);
	ksft_ok(pfd >= 0 && fcntl(pfd, F_GETFD) == FD_CLOEXEC, "fspick");
	ksft_ok(fails(sys_fsconfig(pfd, FSCONFIG_CMD_CREATE, NULL, NULL, 0), EBUSY),
		"CMD_CREATE on a picked context: EBUSY");
	ksft_ok(sys_fsconfig(pfd, FSCONFIG_SET_STRING, "hidepid", "noaccess", 0) == 0 &&
		sys_fsconfig(pfd, FSCONFIG_CMD_RECONFIGURE, NULL, NULL, 0) == 0 &&
		mount_line(a, line, sizeof(line)) && strstr(line, "hidepid=noaccess"),
		"CMD_RECONFIGURE changes hidepid");
	close(pfd);
	close(fd);
	ksft_ok(fails(sys_fspick(AT_FDCWD, a, 0x10), EINVAL), "fspick with a bad flag: EINVAL");
	ksft_ok(umount(a) == 0, "unmounted");
	ksft_ok(fails(sys_fspick(AT_FDCWD, a, 0), EINVAL), "fspick of a directory that is no mount's root: EINVAL");
}

static void test_tmpfs_and_trees(void)
{
	long fd = sys_fsopen("tmpfs", 0), mfd, tfd, pfd;
	struct statfs sf;
	char line[512], f[96];

	ksft_ok(fd >= 0 && sys_fsconfig(fd, FSCONFIG_SET_STRING, "size", "1m", 0) == 0 &&
		sys_fsconfig(fd, FSCONFIG_CMD_CREATE, NULL, NULL, 0) == 0, "a tmpfs with size=1m");
	mfd = sys_fsmount(fd, 0, 0);
	ksft_ok(mfd >= 0 && sys_move_mount(mfd, "", AT_FDCWD, b, MOVE_MOUNT_F_EMPTY_PATH) == 0 &&
		statfs(b, &sf) == 0 && (unsigned long long)sf.f_blocks * sf.f_bsize == 1 << 20,
		"mounted: 1 MiB");
	close(mfd);
	close(fd);
	snprintf(f, sizeof(f), "%s/file", b);
	close(open(f, O_CREAT | O_WRONLY, 0644));
	tfd = sys_open_tree(AT_FDCWD, b, OPEN_TREE_CLOEXEC);
	ksft_ok(tfd >= 0 && (fcntl(tfd, F_GETFL) & O_PATH) && fcntl(tfd, F_GETFD) == FD_CLOEXEC,
		"open_tree without CLONE: an O_PATH fd");
	close(tfd);
	ksft_ok(fails(sys_open_tree(AT_FDCWD, b, 0x4), EINVAL) &&
		fails(sys_open_tree(AT_FDCWD, b, AT_RECURSIVE), EINVAL),
		"open_tree: a bad flag, AT_RECURSIVE without CLONE: EINVAL");
	tfd = sys_open_tree(AT_FDCWD, b, OPEN_TREE_CLONE);
	ksft_ok(tfd >= 0 && sys_move_mount(tfd, "", AT_FDCWD, c, MOVE_MOUNT_F_EMPTY_PATH) == 0,
		"OPEN_TREE_CLONE, moved to a third directory");
	snprintf(f, sizeof(f), "%s/file", c);
	ksft_ok(access(f, F_OK) == 0 && mount_line(c, line, sizeof(line)), "the clone shows b's files");
	close(tfd);
	ksft_ok(umount(c) == 0, "the clone unmounts");
	tfd = sys_open_tree(AT_FDCWD, b, OPEN_TREE_CLONE);
	ksft_ok(tfd >= 0 && close(tfd) == 0 && !mount_line(c, line, sizeof(line)),
		"a clone never moved goes at its close");
	mkdir(sub, 0755);
	ksft_ok(fails(sys_move_mount(AT_FDCWD, b, AT_FDCWD, sub, 0), ELOOP),
		"moving a mount below itself: ELOOP");
	ksft_ok(syscall(SYS_mount, "subfs", sub, "ramfs", 0, NULL) == 0, "a ramfs below it");
	ksft_ok(sys_move_mount(AT_FDCWD, b, AT_FDCWD, c, 0) == 0 &&
		mount_line(c, line, sizeof(line)) && !mount_line(b, line, sizeof(line)),
		"move_mount moves an attached mount");
	snprintf(f, sizeof(f), "%s/sub", c);
	ksft_ok(mount_index(f) > mount_index(c) && mount_index(c) > 0 && !mount_line(sub, line, sizeof(line)),
		"its submount moves along, listed after it");
	ksft_ok(umount(f) == 0, "the submount unmounts at its new place");
	snprintf(f, sizeof(f), "%s/file", c);
	pfd = sys_fspick(AT_FDCWD, c, 0);
	ksft_ok(pfd >= 0 && sys_fsconfig(pfd, FSCONFIG_SET_FLAG, "ro", NULL, 0) == 0 &&
		sys_fsconfig(pfd, FSCONFIG_CMD_RECONFIGURE, NULL, NULL, 0) == 0 &&
		fails(open(f, O_WRONLY), EROFS), "fspick + ro + CMD_RECONFIGURE: read-only (EROFS)");
	close(pfd);
	ksft_ok(umount(c) == 0, "unmounted");
}

int main(void)
{
	ksft_plan(61);
	snprintf(a, sizeof(a), "%s/a", top);
	snprintf(b, sizeof(b), "%s/b", top);
	snprintf(c, sizeof(c), "%s/c", top);
	snprintf(sub, sizeof(sub), "%s/b/sub", top);
	mkdir(top, 0755);
	if (!ksft_ok(syscall(SYS_mount, "none", top, "tmpfs", 0, NULL) == 0 &&
		     syscall(SYS_mount, NULL, top, NULL, MS_PRIVATE, NULL) == 0,
		     "a private tmpfs to work in"))
		ksft_exit();
	mkdir(a, 0755);
	mkdir(b, 0755);
	mkdir(c, 0755);
	test_fsopen_fsconfig();
	test_log();
	test_create_mount();
	test_tmpfs_and_trees();
	syscall(SYS_umount2, top, MNT_DETACH);
	rmdir(top);
	ksft_exit();
}
