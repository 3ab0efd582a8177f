/*
 * perm: what a process that dropped to nobody (65534) may no longer do:
 * read or write a 0600 root file, run a file without x, search a 0700
 * directory, create or remove names in a 0755 root directory, remove
 * another's file from a sticky directory, chmod/chown/utime/truncate
 * another's file, signal a root process, raise a hard limit, mount;
 * and what it still may (its own files, exec of a 0711 program).  Also
 * root's own limits (exec needs an x bit) and access(2) by real ids.
 */
#include "../kselftest.h"
#include <ftw.h>
#include <grp.h>
#include <signal.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/syscall.h>

#define CHECK(c) do { if (!(c)) { ksft_diag("line %d: errno %d", __LINE__, errno); \
				_exit(1); } } while (0)
#define NOBODY 65534

static char dir[64], paths[2][128];
static const char *self;

/* @name inside the test directory (two at a time may be in use). */
static const char *in(const char *name)
{
	static int turn;
	char *p = paths[turn++ & 1];

	snprintf(p, sizeof(paths[0]), "%s/%s", dir, name);
	return p;
}

static int remove_one(const char *p, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb, (void)flag, (void)ftw;
	return remove(p);
}

static void make_file(const char *name, mode_t mode)
{
	int fd = open(in(name), O_CREAT | O_WRONLY | O_TRUNC, 0600);

	if (fd < 0 || write(fd, "data\n", 5) != 5 || close(fd) || chmod(in(name), mode))
		ksft_diag("setup of %s failed: %d", name, errno);
}

/* A copy of this program at @name with @mode, for the exec cases. */
static void copy_self(const char *name, mode_t mode)
{
	static char buf[65536];
	int in_fd = open(self, O_RDONLY), out = open(in(name), O_CREAT | O_WRONLY | O_TRUNC, 0700);
	ssize_t n;

	while (in_fd >= 0 && out >= 0 && (n = read(in_fd, buf, sizeof(buf))) > 0)
		if (write(out, buf, n) != n)
			break;
	close(in_fd);
	close(out);
	chmod(in(name), mode);
}

static void drop(void)
{
	CHECK(setgroups(0, NULL) == 0);
	CHECK(setgid(NOBODY) == 0);
	CHECK(setuid(NOBODY) == 0);
	CHECK(geteuid() == NOBODY && getegid() == NOBODY);
}

static int run(void (*fn)(void), const char *what)
{
	int st = ksft_run_child((void (*)(void *))fn, NULL);

	return ksft_ok(KSFT_EXITED(st, 0), "%s (status %#x)", what, st);
}

static int exec_status(const char *file)
{
	int st;
	pid_t pid = fork();

	if (pid == 0) {
		char *argv[] = { (char *)file, "--exit-42", NULL };

		execv(file, argv);
		_exit(errno);
	}
	return waitpid(pid, &st, 0) == pid && WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static void read_write(void)
{
	drop();
	CHECK(open(in("secret"), O_RDONLY) == -1 && errno == EACCES);
	CHECK(open(in("secret"), O_WRONLY) == -1 && errno == EACCES);
	CHECK(open(in("pub"), O_RDWR) == -1 && errno == EACCES);
	CHECK(open(in("pub"), O_RDONLY | O_TRUNC) == -1 && errno == EACCES);
	CHECK(open(in("pub"), O_RDONLY) >= 0);
	CHECK(access(in("secret"), R_OK) == -1 && errno == EACCES);
	CHECK(access(in("pub"), R_OK) == 0 && access(in("pub"), W_OK) == -1 && errno == EACCES);
	CHECK(access(in("secret"), F_OK) == 0);
	CHECK(truncate(in("pub"), 0) == -1 && errno == EACCES);
	CHECK(open("/proc/sys/kernel/hostname", O_WRONLY) == -1 && errno == EACCES);
}

static void walk_create(void)
{
	struct stat st;

	drop();
	CHECK(stat(in("private/f"), &st) == -1 && errno == EACCES);
	CHECK(open(in("private/f"), O_RDONLY) == -1 && errno == EACCES);
	CHECK(stat(in("private"), &st) == 0);
	CHECK(chdir(in("private")) == -1 && errno == EACCES);
	CHECK(open(in("new"), O_CREAT | O_WRONLY, 0644) == -1 && errno == EACCES);
	CHECK(mkdir(in("newdir"), 0755) == -1 && errno == EACCES);
	CHECK(symlink("x", in("newlink")) == -1 && errno == EACCES);
	CHECK(mknod(in("fifo"), S_IFIFO | 0644, 0) == -1 && errno == EACCES);
	CHECK(unlink(in("pub")) == -1 && errno == EACCES);
	CHECK(rmdir(in("private")) == -1 && errno == EACCES);
	CHECK(rename(in("pub"), in("pub2")) == -1 && errno == EACCES);
	CHECK(mkdir(in("pub"), 0755) == -1 && errno == EEXIST);	/* exists first */
	CHECK(mknod(in("sticky/dev"), S_IFCHR | 0644, makedev(1, 3)) == -1 && errno == EPERM);
}

static void exec_rules(void)
{
	drop();
	CHECK(exec_status(in("pub")) == EACCES);		/* 0644: no x */
	CHECK(exec_status(in("rootonly")) == EACCES);		/* 0700 root */
	CHECK(exec_status(in("exeonly")) == 42);		/* 0711: x without r */
	CHECK(access(in("exeonly"), X_OK) == 0 && access(in("exeonly"), R_OK) == -1);
}

static void sticky(void)
{
	struct stat st;
	int fd;

	drop();
	CHECK(unlink(in("sticky/rootfile")) == -1 && errno == EPERM);
	CHECK(rename(in("sticky/rootfile"), in("sticky/mine")) == -1 && errno == EPERM);
	fd = open(in("sticky/own"), O_CREAT | O_EXCL | O_WRONLY, 0600);
	CHECK(fd >= 0 && fstat(fd, &st) == 0);
	CHECK(st.st_uid == NOBODY && st.st_gid == NOBODY);
	CHECK(rename(in("sticky/own"), in("sticky/own2")) == 0);
	CHECK(unlink(in("sticky/own2")) == 0);
	CHECK(mkdir(in("sticky/d"), 0700) == 0 && rmdir(in("sticky/d")) == 0);
}

static void owner_ops(void)
{
	struct timespec t[2] = { { 1000, 0 }, { 1000, 0 } };
	struct stat st;
	int fd;

	drop();
	CHECK(chmod(in("pub"), 0666) == -1 && errno == EPERM);
	CHECK(chown(in("pub"), NOBODY, -1) == -1 && errno == EPERM);
	CHECK(chown(in("pub"), -1, NOBODY) == -1 && errno == EPERM);
	CHECK(utimensat(AT_FDCWD, in("pub"), NULL, 0) == -1 && errno == EACCES);
	CHECK(utimensat(AT_FDCWD, in("pub"), t, 0) == -1 && errno == EPERM);
	CHECK(utimensat(AT_FDCWD, in("world"), NULL, 0) == 0);	/* 0666: writable */
	CHECK(utimensat(AT_FDCWD, in("world"), t, 0) == -1 && errno == EPERM);
	fd = open(in("sticky/mine2"), O_CREAT | O_WRONLY, 0644);
	CHECK(fd >= 0);
	CHECK(fchmod(fd, 0600) == 0 && utimensat(AT_FDCWD, in("sticky/mine2"), t, 0) == 0);
	CHECK(fchown(fd, NOBODY, NOBODY) == 0);			/* no change: allowed */
	CHECK(fchown(fd, -1, 0) == -1 && errno == EPERM);	/* not in group 0 */
	CHECK(fchown(fd, 0, -1) == -1 && errno == EPERM);
	CHECK(fstat(fd, &st) == 0 && st.st_mtime == 1000);
	CHECK(unlink(in("sticky/mine2")) == 0);
	/* In the set-group-ID directory: the directory's group, and S_ISGID kept by subdirs. */
	CHECK(mkdir(in("sticky/nosgid"), 02755) == 0 && stat(in("sticky/nosgid"), &st) == 0);
	CHECK(!(st.st_mode & S_ISGID));
	fd = open(in("sgid/f"), O_CREAT | O_WRONLY, 0755);
	CHECK(fd >= 0 && fstat(fd, &st) == 0 && st.st_gid == 0 && st.st_uid == NOBODY);
	CHECK(fchmod(fd, 02755) == 0 && fstat(fd, &st) == 0 && !(st.st_mode & S_ISGID));
	CHECK(mkdir(in("sgid/sub"), 0755) == 0 && stat(in("sgid/sub"), &st) == 0);
	CHECK((st.st_mode & S_ISGID) && st.st_gid == 0);
}

static void privileged_ops(void)
{
	struct rlimit r;

	drop();
	CHECK(kill(getppid(), 0) == -1 && errno == EPERM);
	CHECK(kill(1, SIGTERM) == -1 && errno == EPERM);
	CHECK(kill(getpid(), 0) == 0);
	CHECK(getrlimit(RLIMIT_NOFILE, &r) == 0 && r.rlim_max > 8);
	r.rlim_max--;
	r.rlim_cur = r.rlim_max;
	CHECK(setrlimit(RLIMIT_NOFILE, &r) == 0);
	r.rlim_max++;
	CHECK(setrlimit(RLIMIT_NOFILE, &r) == -1 && errno == EPERM);
	CHECK(mount("none", dir, "tmpfs", 0, NULL) == -1 && errno == EPERM);
	CHECK(umount(dir) == -1 && errno == EPERM);
	CHECK(setpriority(PRIO_PROCESS, 0, 5) == 0 && getpriority(PRIO_PROCESS, 0) == 5);
	CHECK(setpriority(PRIO_PROCESS, 0, 4) == -1 && errno == EACCES);
	CHECK(setpriority(PRIO_PROCESS, getppid(), 10) == -1 && errno == EPERM);
}

/* Root: DAC overrides for reading and writing, but exec needs an x bit. */
static void root_rules(void)
{
	CHECK(open(in("secret"), O_RDWR) >= 0);
	CHECK(chmod(in("none"), 0) == 0 && open(in("none"), O_RDWR) >= 0);
	CHECK(access(in("none"), R_OK | W_OK) == 0);
	CHECK(access(in("none"), X_OK) == -1 && errno == EACCES);
	CHECK(exec_status(in("none")) == EACCES);
	CHECK(exec_status(in("exeonly")) == 42);
	/* access() checks with the real uid: 65534 here. */
	CHECK(setreuid(NOBODY, 0) == 0 && geteuid() == 0);
	CHECK(open(in("secret"), O_RDONLY) >= 0);
	CHECK(access(in("secret"), R_OK) == -1 && errno == EACCES);
	CHECK(faccessat(AT_FDCWD, in("secret"), R_OK, AT_EACCESS) == 0);
}

int main(int argc, char **argv)
{
	if (argc > 1 && !strcmp(argv[1], "--exit-42"))
		return 42;
	self = argv[0];
	if (geteuid() != 0) {
		ksft_plan(1);
		ksft_skip("not root", "permission tests need root");
		ksft_exit();
	}
	strcpy(dir, "/tmp/permXXXXXX");
	if (!mkdtemp(dir) || chmod(dir, 0755)) {
		ksft_plan(1);
		ksft_ok(0, "mkdtemp in /tmp: errno %d", errno);
		ksft_exit();
	}
	umask(0);
	make_file("secret", 0600);
	make_file("pub", 0644);
	make_file("world", 0666);
	make_file("none", 0);
	copy_self("rootonly", 0700);
	copy_self("exeonly", 0711);
	mkdir(in("private"), 0700);
	make_file("private/f", 0644);
	mkdir(in("sticky"), 01777);
	make_file("sticky/rootfile", 0666);
	mkdir(in("sgid"), 02777);		/* mkdir drops S_ISGID: */
	chmod(in("sgid"), 02777);
	ksft_plan(7);
	run(read_write, "nobody: 0600 root file EACCES for read and write, 0644 not writable");
	run(walk_create, "nobody: search of a 0700 dir, names in a 0755 root dir EACCES");
	run(exec_rules, "nobody: exec needs x (0644, 0700 root EACCES), not r (0711 runs)");
	run(sticky, "nobody: sticky dir: another's file EPERM, own created/renamed/removed");
	run(owner_ops, "nobody: chmod/chown/utimensat of another's file; own file; setgid dir");
	run(privileged_ops, "nobody: kill root EPERM, raise hard limit EPERM, mount EPERM, nice");
	run(root_rules, "root: DAC override except exec without x; access uses real ids");
	nftw(dir, remove_one, 16, FTW_DEPTH | FTW_PHYS);
	ksft_exit();
}
