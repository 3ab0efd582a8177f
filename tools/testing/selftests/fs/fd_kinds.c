/*
 * fd_kinds: every kind of descriptor (a regular file, a directory, both
 * ends of a pipe, a /proc file, a device file, and whatever fds 0-2 are:
 * on Linnet booted without device nodes, a console no directory names)
 * through every system call that takes a descriptor, with Linux's answer
 * for each, and the name /proc/self/fd gives it.  A kernel that keeps a file without a dentry or an inode
 * crashes here.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <termios.h>
#include <unistd.h>
#include <uapi/linux-ish/magic.h>
#include "../kselftest.h"

enum kind { REG, DIR_, FIFO, PROCFILE, CHR, ANY };

struct fd_case {
	const char *name;
	int fd;
	enum kind kind;
	int accmode;
	char link[96];			/* what readlink(/proc/self/fd/N) must say */
};



static const mode_t kind_type[] = {
	[REG] = S_IFREG, [DIR_] = S_IFDIR, [FIFO] = S_IFIFO,
	[PROCFILE] = S_IFREG, [CHR] = S_IFCHR,
};

static int fails_with(long ret, int err)
{
	return ret == -1 && errno == err;
}

/* fstat, fstatat(AT_EMPTY_PATH) and statx(AT_EMPTY_PATH) agree on the file. */
static void check_stat(const struct fd_case *c)
{
	struct stat st, at;
	struct statx sx;
	int ok = fstat(c->fd, &st) == 0 &&
		 fstatat(c->fd, "", &at, AT_EMPTY_PATH) == 0 &&
		 syscall(SYS_statx, c->fd, "", AT_EMPTY_PATH, STATX_BASIC_STATS, &sx) == 0;

	ok = ok && st.st_ino == at.st_ino && st.st_ino == sx.stx_ino &&
	     st.st_mode == at.st_mode && st.st_mode == sx.stx_mode;
	if (ok && c->kind != ANY)
		ok = (st.st_mode & S_IFMT) == kind_type[c->kind];
	ksft_ok(ok, "%s: fstat, fstatat and statx with AT_EMPTY_PATH agree", c->name);
}

/* fchdir and getdents64 work on directories only. */
static void check_dir_calls(const struct fd_case *c, int is_dir)
{
	char buf[512];
	int cwd = open(".", O_RDONLY | O_DIRECTORY);
	long r = fchdir(c->fd);

	if (r == 0 && fchdir(cwd) != 0)
		r = -2;
	ksft_ok(is_dir ? r == 0 : fails_with(r, ENOTDIR), "%s: fchdir %s", c->name,
		is_dir ? "works" : "gives ENOTDIR");
	close(cwd);
	r = syscall(SYS_getdents64, c->fd, buf, sizeof(buf));
	ksft_ok(is_dir ? r > 0 : fails_with(r, ENOTDIR), "%s: getdents64 %s", c->name,
		is_dir ? "lists entries" : "gives ENOTDIR");
}

/* lseek, fcntl, ioctl(TCGETS) on anything that is not a terminal. */
static void check_misc(const struct fd_case *c)
{
	struct termios t;
	int fl = fcntl(c->fd, F_GETFL);
	long r = lseek(c->fd, 0, SEEK_SET);

	ksft_ok(c->kind == FIFO ? fails_with(r, ESPIPE) : r == 0, "%s: lseek %s", c->name,
		c->kind == FIFO ? "gives ESPIPE" : "rewinds");
	ksft_ok(fl >= 0 && (fl & O_ACCMODE) == c->accmode, "%s: F_GETFL gives the access mode",
		c->name);
	ksft_ok(fails_with(ioctl(c->fd, TCGETS, &t), ENOTTY), "%s: TCGETS gives ENOTTY", c->name);
}

/*
 * mmap: a regular file maps; directories, pipes and /proc files give
 * ENODEV.  Linux looks at the descriptor's access mode before it looks for
 * an mmap method (do_mmap: FMODE_READ, then f_op->mmap), so a descriptor
 * not open for reading gives EACCES, whatever kind of file it is.
 */
static void check_mmap(const struct fd_case *c)
{
	void *p = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, c->fd, 0);

	if (c->accmode == O_WRONLY) {
		ksft_ok(p == MAP_FAILED && errno == EACCES,
			"%s: mmap gives EACCES (not open for reading)", c->name);
		return;
	}
	if (c->kind == REG) {
		ksft_ok(p != MAP_FAILED && ((char *)p)[0] == 'x', "%s: mmap maps it", c->name);
		if (p != MAP_FAILED)
			munmap(p, 4096);
		return;
	}
	ksft_ok(p == MAP_FAILED && errno == ENODEV, "%s: mmap gives ENODEV", c->name);
}

/* fstatfs names the file system (pipefs, proc); /proc/self/fd/N names the file. */
static void check_names(const struct fd_case *c)
{
	struct statfs sf;
	char path[32], got[128];
	ssize_t n;

	ksft_ok(fstatfs(c->fd, &sf) == 0 &&
		(c->kind != FIFO || (unsigned long)sf.f_type == PIPEFS_MAGIC) &&
		(c->kind != PROCFILE || (unsigned long)sf.f_type == PROC_SUPER_MAGIC),
		"%s: fstatfs", c->name);
	snprintf(path, sizeof(path), "/proc/self/fd/%d", c->fd);
	n = readlink(path, got, sizeof(got) - 1);
	if (n >= 0)
		got[n] = '\0';
	ksft_ok(n > 0 && (!c->link[0] || !strcmp(got, c->link)), "%s: /proc/self/fd/%d is %s",
		c->name, c->fd, n > 0 ? got : "unreadable");
}

/* fchmod and futimens change a pipe's or a file's own inode. */
static void check_attr(const struct fd_case *c)
{
	struct stat st;

	ksft_ok(fchmod(c->fd, 0640) == 0 && fstat(c->fd, &st) == 0 &&
		(st.st_mode & 07777) == 0640, "%s: fchmod changes its mode", c->name);
	ksft_ok(futimens(c->fd, NULL) == 0, "%s: futimens works", c->name);
}

/* What fds 0-2 are is up to whoever started us; they must stat sanely. */
static void check_stdio(void)
{
	for (int fd = 0; fd < 3; fd++) {
		struct fd_case c = { "stdio", fd, ANY, 0, "" };
		struct stat st;
		char name[16];

		snprintf(name, sizeof(name), "fd %d", fd);
		c.name = name;
		if (fcntl(fd, F_GETFD) < 0) {
			for (int k = 0; k < 5; k++)
				ksft_skip("not open", "%s", name);
			continue;
		}
		check_stat(&c);
		c.link[0] = '\0';		/* whatever started us gave it: any name */
		check_names(&c);
		if (fstat(fd, &st) == 0 && !S_ISDIR(st.st_mode)) {
			check_dir_calls(&c, 0);
		} else {
			ksft_skip("a directory", "%s: fchdir", name);
			ksft_skip("a directory", "%s: getdents64", name);
		}
	}
}

/* The names Linux gives: an unlinked file's path (deleted), pipe:[ino], the path. */
static void set_links(struct fd_case *cases, const char *unlinked)
{
	struct stat st;

	snprintf(cases[0].link, sizeof(cases[0].link), "%s (deleted)", unlinked);
	snprintf(cases[1].link, sizeof(cases[1].link), "/tmp");
	fstat(cases[2].fd, &st);
	snprintf(cases[2].link, sizeof(cases[2].link), "pipe:[%lu]", (unsigned long)st.st_ino);
	snprintf(cases[3].link, sizeof(cases[3].link), "pipe:[%lu]", (unsigned long)st.st_ino);
	snprintf(cases[4].link, sizeof(cases[4].link), "/proc/%d/status", getpid());
	snprintf(cases[5].link, sizeof(cases[5].link), "/dev/null");
}

int main(void)
{
	char tmpl[] = "/tmp/fd_kinds.XXXXXX";
	int p[2], dirfd, regfd;
	struct fd_case cases[6];
	int n = 0;

	ksft_plan(75);
	regfd = mkstemp(tmpl);
	dirfd = open("/tmp", O_RDONLY | O_DIRECTORY);
	if (regfd < 0 || dirfd < 0 || pipe(p) || write(regfd, "x", 1) != 1)
		return 1;
	unlink(tmpl);
	cases[n++] = (struct fd_case){ "regular file", regfd, REG, O_RDWR, "" };
	cases[n++] = (struct fd_case){ "directory", dirfd, DIR_, O_RDONLY, "" };
	cases[n++] = (struct fd_case){ "pipe read end", p[0], FIFO, O_RDONLY, "" };
	cases[n++] = (struct fd_case){ "pipe write end", p[1], FIFO, O_WRONLY, "" };
	cases[n++] = (struct fd_case){ "/proc file", open("/proc/self/status", O_RDONLY),
				       PROCFILE, O_RDONLY, "" };
	cases[n++] = (struct fd_case){ "/dev/null", open("/dev/null", O_RDONLY), CHR, O_RDONLY, "" };
	set_links(cases, tmpl);
	for (int i = 0; i < n; i++) {
		if (cases[i].fd < 0) {
			for (int k = 0; k < 9; k++)
				ksft_skip("cannot open it", "%s", cases[i].name);
			continue;
		}
		check_stat(&cases[i]);
		check_names(&cases[i]);
		check_dir_calls(&cases[i], cases[i].kind == DIR_);
		check_misc(&cases[i]);
		check_mmap(&cases[i]);
	}
	check_attr(&cases[0]);
	check_attr(&cases[2]);
	ksft_ok(fails_with(read(dirfd, tmpl, 1), EISDIR), "directory: read gives EISDIR");
	ksft_ok(fails_with(ftruncate(p[1], 0), EINVAL), "pipe: ftruncate gives EINVAL");
	check_stdio();
	ksft_exit();
}
