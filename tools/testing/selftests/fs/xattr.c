/*
 * Extended attributes as Linux 6.1 has them on RAM file systems: ramfs
 * and procfs keep none (EOPNOTSUPP, listxattr 0); tmpfs keeps trusted.*
 * and security.* (not user.*, which came in 6.6) and has no POSIX ACLs
 * set (ENODATA).  The checks before the file system: flags EINVAL, an
 * empty or too long name ERANGE, a value over 64 KiB E2BIG, EFAULT,
 * trusted.* for root only (security.* for anyone: no LSM asks for a
 * capability in Debian's 6.1), user.* only on regular files and
 * directories.
 */
#include <stdlib.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <sys/xattr.h>
#include "../kselftest.h"

static char dir[64], rfile[96], tfile[96], tlink[96];

static long e(long r)
{
	return r < 0 ? -errno : r;
}

static int setup(void)
{
	char rdir[80], tdir[80];
	int fd;

	snprintf(dir, sizeof(dir), "/tmp/xattr.%d", getpid());
	snprintf(rdir, sizeof(rdir), "%s/r", dir);
	snprintf(tdir, sizeof(tdir), "%s/t", dir);
	snprintf(rfile, sizeof(rfile), "%s/f", rdir);
	snprintf(tfile, sizeof(tfile), "%s/f", tdir);
	snprintf(tlink, sizeof(tlink), "%s/l", tdir);
	if (mkdir(dir, 0755) || mkdir(rdir, 0755) || mkdir(tdir, 0755) ||
	    mount("ramfs", rdir, "ramfs", 0, "") || mount("tmpfs", tdir, "tmpfs", 0, ""))
		return -1;
	fd = open(rfile, O_CREAT | O_WRONLY, 0644);
	if (fd < 0)
		return -1;
	close(fd);
	fd = open(tfile, O_CREAT | O_WRONLY, 0644);
	if (fd < 0)
		return -1;
	close(fd);
	return symlink("f", tlink);
}

static void cleanup(void)
{
	char p[96];

	snprintf(p, sizeof(p), "%s/r", dir);
	umount2(p, MNT_DETACH);
	rmdir(p);
	snprintf(p, sizeof(p), "%s/t", dir);
	umount2(p, MNT_DETACH);
	rmdir(p);
	rmdir(dir);
}

static void unprivileged(void *arg)
{
	char buf[64];

	(void)arg;
	if (setresgid(65534, 65534, 65534) || setresuid(65534, 65534, 65534))
		_exit(2);
	if (e(getxattr(tfile, "trusted.a", buf, sizeof(buf))) != -ENODATA)
		_exit(3);
	if (e(setxattr(tfile, "trusted.b", "x", 1, 0)) != -EPERM)
		_exit(4);
	if (e(setxattr(rfile, "security.b", "x", 1, 0)) != -EOPNOTSUPP)
		_exit(5);
	if (e(listxattr(tfile, buf, sizeof(buf))) != 0)
		_exit(6);	/* trusted.* is not listed */
	if (e(setxattr(tfile, "security.c", "x", 1, 0)) != 0 ||
	    e(listxattr(tfile, buf, sizeof(buf))) != 11 || e(removexattr(tfile, "security.c")))
		_exit(8);	/* security.* has no capability check (Debian's LSMs) */
	if (e(setxattr(tfile, "user.x", "x", 1, 0)) != -EACCES)
		_exit(7);	/* 0644, not ours: the permission check comes first */
	_exit(0);
}

int main(void)
{
	char buf[128], name[300];
	int p[2];
	long n;

	ksft_plan(17);
	if (setup() || pipe(p)) {
		ksft_diag("setup: %s", strerror(errno));
		cleanup();
		return 1;
	}
	ksft_ok(e(setxattr(rfile, "user.x", "v", 1, 0)) == -EOPNOTSUPP &&
		e(setxattr(rfile, "trusted.x", "v", 1, 0)) == -EOPNOTSUPP &&
		e(setxattr(rfile, "security.x", "v", 1, 0)) == -EOPNOTSUPP,
		"ramfs: setxattr of user., trusted., security. names EOPNOTSUPP");
	ksft_ok(e(getxattr(rfile, "user.x", buf, sizeof(buf))) == -EOPNOTSUPP &&
		e(getxattr(rfile, "trusted.x", buf, sizeof(buf))) == -EOPNOTSUPP &&
		e(removexattr(rfile, "user.x")) == -EOPNOTSUPP,
		"ramfs: getxattr and removexattr EOPNOTSUPP");
	ksft_ok(e(listxattr(rfile, buf, sizeof(buf))) == 0 && e(listxattr(rfile, NULL, 0)) == 0,
		"ramfs: listxattr 0");
	ksft_ok(e(setxattr(tfile, "user.x", "v", 1, 0)) == -EOPNOTSUPP &&
		e(getxattr(tfile, "user.x", buf, sizeof(buf))) == -EOPNOTSUPP,
		"tmpfs: user.* EOPNOTSUPP (6.1)");
	ksft_ok(e(setxattr(tfile, "trusted.a", "hello", 5, 0)) == 0 &&
		e(getxattr(tfile, "trusted.a", NULL, 0)) == 5 &&
		e(getxattr(tfile, "trusted.a", buf, sizeof(buf))) == 5 && !memcmp(buf, "hello", 5) &&
		e(getxattr(tfile, "trusted.a", buf, 2)) == -ERANGE,
		"tmpfs: trusted.a set, size asked with 0, read, ERANGE for a small buffer");
	ksft_ok(e(setxattr(tfile, "trusted.a", "x", 1, XATTR_CREATE)) == -EEXIST &&
		e(setxattr(tfile, "trusted.z", "x", 1, XATTR_REPLACE)) == -ENODATA &&
		e(setxattr(tfile, "trusted.a", "bye", 3, XATTR_REPLACE)) == 0 &&
		e(getxattr(tfile, "trusted.a", buf, sizeof(buf))) == 3 && !memcmp(buf, "bye", 3),
		"tmpfs: XATTR_CREATE EEXIST, XATTR_REPLACE ENODATA, then replaces");
	ksft_ok(e(setxattr(tfile, "security.b", "", 0, 0)) == 0 &&
		e(getxattr(tfile, "security.b", buf, sizeof(buf))) == 0,
		"tmpfs: security.b with an empty value");
	n = e(listxattr(tfile, buf, sizeof(buf)));
	ksft_ok(n == 21 && e(listxattr(tfile, NULL, 0)) == 21 &&
		((!strcmp(buf, "trusted.a") && !strcmp(buf + 10, "security.b")) ||
		 (!strcmp(buf, "security.b") && !strcmp(buf + 11, "trusted.a"))) &&
		e(listxattr(tfile, buf, 20)) == -ERANGE,
		"tmpfs: listxattr gives both names (21 bytes), ERANGE when short");
	ksft_ok(e(removexattr(tfile, "security.b")) == 0 &&
		e(removexattr(tfile, "security.b")) == -ENODATA &&
		e(getxattr(tfile, "security.b", buf, sizeof(buf))) == -ENODATA,
		"tmpfs: removexattr, then ENODATA");
	ksft_ok(e(getxattr(tfile, "system.posix_acl_access", buf, sizeof(buf))) == -ENODATA &&
		e(removexattr(tfile, "system.posix_acl_access")) == 0,
		"tmpfs: no ACL: system.posix_acl_access ENODATA, removing it 0");
	memset(name, 'a', sizeof(name));
	memcpy(name, "user.", 5);
	name[256] = '\0';
	ksft_ok(e(setxattr(tfile, "trusted.a", "x", 1, 4)) == -EINVAL &&
		e(setxattr(tfile, "", "x", 1, 0)) == -ERANGE &&
		e(getxattr(tfile, name, buf, sizeof(buf))) == -ERANGE &&
		e(syscall(SYS_setxattr, tfile, "trusted.a", buf, 65537, 0)) == -E2BIG,
		"bad flags EINVAL, an empty or 256-byte name ERANGE, 64 KiB + 1 E2BIG");
	ksft_ok(e(setxattr(tfile, (char *)1, "x", 1, 0)) == -EFAULT &&
		e(setxattr(tfile, "trusted.a", (void *)0xc0000000, 4, 0)) == -EFAULT &&
		e(getxattr(tfile, "trusted.a", (void *)0xc0000000, 64)) == -EFAULT,
		"bad name or value pointers EFAULT");
	ksft_ok(e(getxattr("/nonexistent/x", "user.x", buf, 8)) == -ENOENT &&
		e(fgetxattr(999, "user.x", buf, 8)) == -EBADF &&
		e(fsetxattr(999, "user.x", "x", 1, 0)) == -EBADF,
		"ENOENT for a missing path, EBADF for a bad descriptor");
	ksft_ok(e(lsetxattr(tlink, "user.x", "v", 1, 0)) == -EPERM &&
		e(lgetxattr(tlink, "user.x", buf, sizeof(buf))) == -ENODATA &&
		e(fsetxattr(p[1], "user.x", "v", 1, 0)) == -EPERM &&
		e(fgetxattr(p[0], "user.x", buf, sizeof(buf))) == -ENODATA,
		"user.* on a symlink or a pipe: set EPERM, get ENODATA");
	ksft_ok(e(lgetxattr(tlink, "trusted.a", buf, sizeof(buf))) == -ENODATA &&
		e(fgetxattr(p[0], "trusted.x", buf, sizeof(buf))) == -EOPNOTSUPP,
		"trusted.* on a tmpfs symlink ENODATA, on a pipe EOPNOTSUPP");
	ksft_ok(e(getxattr("/proc/self/status", "user.x", buf, sizeof(buf))) == -EOPNOTSUPP &&
		e(listxattr("/proc/self/status", buf, sizeof(buf))) == 0,
		"procfs: EOPNOTSUPP, listxattr 0");
	ksft_ok(ksft_run_child(unprivileged, NULL) == 0,
		"unprivileged: trusted.* hidden (ENODATA, not listed) and EPERM; security.* "
		"set and removed on another's file; user.* EACCES there");
	close(p[0]);
	close(p[1]);
	unlink(tlink);
	unlink(tfile);
	unlink(rfile);
	cleanup();
	ksft_exit();
}
