/*
 * fcntl record locks: POSIX locks between a parent and a forked child
 * (F_GETLK reporting the conflicting lock and its pid), ranges split and
 * merged, l_whence and negative lengths, release when the process closes
 * any descriptor of the file and at exit, F_SETLKW waiting, EDEADLK,
 * the errors, OFD locks, the 64-bit and 32-bit structures, /proc/locks.
 */
#define _FILE_OFFSET_BITS 64
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "../kselftest.h"

/*
 * The i386 kernel's struct flock (32-bit offsets) and its commands, for
 * the raw calls (with _FILE_OFFSET_BITS 64 glibc's F_GETLK is F_GETLK64).
 */
#define K_GETLK		5
#define K_SETLK		6
#define K_GETLK64	12
struct flock32 {
	short l_type, l_whence;
	long l_start, l_len;
	int l_pid;
};

static char path[] = "/tmp/linnet-fcntl-lock-XXXXXX";
static pid_t parent;

static int fails(long r, int err)
{
	return r == -1 && errno == err;
}

static void msleep(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

static int lk(int fd, int cmd, int type, int whence, off_t start, off_t len)
{
	struct flock fl = { .l_type = type, .l_whence = whence, .l_start = start, .l_len = len };

	return fcntl(fd, cmd, &fl);
}

/* F_GETLK for a write lock on [start, start+len): the answer in *fl. */
static int getlk(int fd, int cmd, off_t start, off_t len, struct flock *fl)
{
	memset(fl, 0, sizeof(*fl));
	fl->l_type = F_WRLCK;
	fl->l_start = start;
	fl->l_len = len;
	return fcntl(fd, cmd, fl);
}

/* From a child: is [start, start+len) write-lockable by another process? */
static int free_for_others(int fd, off_t start, off_t len)
{
	struct flock fl;

	return getlk(fd, F_GETLK, start, len, &fl) == 0 && fl.l_type == F_UNLCK;
}

static int reported(const struct flock *fl, int type, off_t start, off_t len, pid_t pid)
{
	return fl->l_type == type && fl->l_start == start && fl->l_len == len &&
	       fl->l_pid == pid && fl->l_whence == SEEK_SET;
}

static void child_checks(void *arg)
{
	int fd = *(int *)arg, bad = 0;
	struct flock fl;

	/* Parent holds: WR [0,40) [60,100), RD [100,300), WR [500,EOF). */
	bad |= !(getlk(fd, F_GETLK, 50, 20, &fl) == 0 && reported(&fl, F_WRLCK, 60, 40, parent)) << 0;
	bad |= !(getlk(fd, F_GETLK, 10, 5, &fl) == 0 && reported(&fl, F_WRLCK, 0, 40, parent)) << 1;
	bad |= !free_for_others(fd, 40, 20) << 2;
	bad |= !fails(lk(fd, F_SETLK, F_WRLCK, SEEK_SET, 39, 2), EAGAIN) << 3;
	bad |= !(lk(fd, F_SETLK, F_RDLCK, SEEK_SET, 150, 10) == 0) << 4;	/* read vs read */
	bad |= !(getlk(fd, F_GETLK, 150, 1, &fl) == 0 && reported(&fl, F_RDLCK, 100, 200, parent)) << 5;
	bad |= !(getlk(fd, F_GETLK, 1000, 0, &fl) == 0 && reported(&fl, F_WRLCK, 500, 0, parent)) << 6;
	bad |= !fails(lk(fd, F_SETLK, F_WRLCK, SEEK_END, 0, 0), EAGAIN) << 7;
	_exit(bad);
}

static void child_lock_and_exit(void *arg)
{
	_exit(lk(*(int *)arg, F_SETLK, F_WRLCK, SEEK_SET, 0, 10) == 0 ? 0 : 1);
}

static void child_can_lock(void *arg)
{
	_exit(lk(*(int *)arg, F_SETLK, F_WRLCK, SEEK_SET, 0, 0) == 0 ? 0 : 1);
}

static int proc_locks_line(const char *kind, int pid, off_t start, const char *end, ino_t ino)
{
	char buf[8192], needle[128];
	int n = ksft_read_file("/proc/locks", buf, sizeof(buf));

	snprintf(needle, sizeof(needle), "%s %d ", kind, pid);
	for (char *line = strtok(n > 0 ? buf : NULL, "\n"); line; line = strtok(NULL, "\n")) {
		char tail[64];

		snprintf(tail, sizeof(tail), ":%lu %lld %s", (unsigned long)ino, (long long)start, end);
		if (strstr(line, needle) && strstr(line, tail) &&
		    !strcmp(line + strlen(line) - strlen(tail), tail))
			return 1;
	}
	return 0;
}

#define proc_locks_line_p(kind, ...) proc_locks_line(kind, parent, __VA_ARGS__)

static void test_ranges(int fd, ino_t ino)
{
	struct flock fl;

	ksft_ok(lk(fd, F_SETLK, F_WRLCK, SEEK_SET, 0, 100) == 0 &&
		getlk(fd, F_GETLK, 0, 0, &fl) == 0 && fl.l_type == F_UNLCK,
		"F_SETLK a write lock; the owner's own locks never conflict (F_GETLK: F_UNLCK)");
	ksft_ok(lk(fd, F_SETLK, F_UNLCK, SEEK_SET, 40, 20) == 0 &&
		proc_locks_line_p("POSIX  ADVISORY  WRITE", 0, "39", ino) &&
		proc_locks_line_p("POSIX  ADVISORY  WRITE", 60, "99", ino),
		"unlocking the middle splits the lock in two (/proc/locks)");
	ksft_ok(lk(fd, F_SETLK, F_RDLCK, SEEK_SET, 100, 100) == 0 &&
		lk(fd, F_SETLK, F_RDLCK, SEEK_SET, 200, 100) == 0 &&
		proc_locks_line_p("POSIX  ADVISORY  READ", 100, "299", ino),
		"adjacent read locks merge into one");
	ksft_ok(lseek(fd, 450, SEEK_SET) == 450 && lk(fd, F_SETLK, F_WRLCK, SEEK_CUR, 50, 0) == 0 &&
		proc_locks_line_p("POSIX  ADVISORY  WRITE", 500, "EOF", ino),
		"SEEK_CUR with l_len 0: to the end of file, whatever it becomes");
	ksft_ok(KSFT_EXITED(ksft_run_child(child_checks, &fd), 0),
		"a child sees each conflicting lock with its range and the parent's pid; read locks share");
	ksft_ok(lk(fd, F_SETLK, F_UNLCK, SEEK_SET, 0, 0) == 0 && lk(fd, F_SETLK, F_WRLCK, SEEK_SET, 100, -50) == 0 &&
		proc_locks_line_p("POSIX  ADVISORY  WRITE", 50, "99", ino),
		"a negative length locks the bytes before l_start");
	lk(fd, F_SETLK, F_UNLCK, SEEK_SET, 0, 0);
}

static void test_errors(int fd)
{
	int ro = open(path, O_RDONLY), wo = open(path, O_WRONLY);
	struct flock fl = { .l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 0, .l_len = 1 };

	ksft_ok(fails(lk(ro, F_SETLK, F_WRLCK, SEEK_SET, 0, 1), EBADF) &&
		fails(lk(wo, F_SETLK, F_RDLCK, SEEK_SET, 0, 1), EBADF) &&
		lk(ro, F_SETLK, F_UNLCK, SEEK_SET, 0, 1) == 0,
		"a lock type the descriptor cannot access: EBADF");
	ksft_ok(fails(lk(fd, F_SETLK, 7, SEEK_SET, 0, 1), EINVAL) &&
		fails(lk(fd, F_SETLK, F_WRLCK, 9, 0, 1), EINVAL) &&
		fails(lk(fd, F_SETLK, F_WRLCK, SEEK_SET, -1, 1), EINVAL) &&
		fails(lk(fd, F_SETLK, F_WRLCK, SEEK_SET, 5, -10), EINVAL) &&
		fails(lk(fd, F_GETLK, F_UNLCK, SEEK_SET, 0, 1), EINVAL),
		"bad type, whence, start, negative range, F_GETLK of F_UNLCK: EINVAL");
	ksft_ok(fails(fcntl(fd, F_SETLK, (void *)1), EFAULT) && fails(fcntl(-1, F_SETLK, &fl), EBADF),
		"bad pointer EFAULT, bad descriptor EBADF");
	ksft_ok(fails(lk(fd, F_SETLK, F_WRLCK, SEEK_SET, 0x7fffffffffffffffLL, 2), EOVERFLOW),
		"a range past 2^63: EOVERFLOW");
	close(ro);
	close(wo);
}

static void test_release(int fd)
{
	int other = open(path, O_RDWR);

	ksft_ok(lk(fd, F_SETLK, F_WRLCK, SEEK_SET, 0, 0) == 0 &&
		!KSFT_EXITED(ksft_run_child(child_can_lock, &fd), 0) && close(other) == 0 &&
		KSFT_EXITED(ksft_run_child(child_can_lock, &fd), 0),
		"closing any other descriptor of the file releases the process's locks");
	ksft_ok(KSFT_EXITED(ksft_run_child(child_lock_and_exit, &fd), 0) &&
		lk(fd, F_SETLK, F_WRLCK, SEEK_SET, 0, 10) == 0,
		"a child's locks go at its exit");
	lk(fd, F_SETLK, F_UNLCK, SEEK_SET, 0, 0);
}

static void test_wait_deadlock(int fd)
{
	int p[2], st = -1, ok;
	char c;
	pid_t pid;

	if (pipe(p) || lk(fd, F_SETLK, F_WRLCK, SEEK_SET, 0, 1))
		return;
	pid = fork();
	if (pid == 0) {
		int ok2 = lk(fd, F_SETLK, F_WRLCK, SEEK_SET, 1, 1) == 0 && write(p[1], "x", 1) == 1;

		/* Blocks on byte 0 until the parent lets it go. */
		_exit(ok2 && lk(fd, F_SETLKW, F_WRLCK, SEEK_SET, 0, 1) == 0 ? 0 : 1);
	}
	ok = read(p[0], &c, 1) == 1;
	msleep(200);
	ksft_ok(ok && waitpid(pid, &st, WNOHANG) == 0, "F_SETLKW waits while the range is held");
	ksft_ok(fails(lk(fd, F_SETLKW, F_WRLCK, SEEK_SET, 1, 1), EDEADLK),
		"waiting for a process that waits for us: EDEADLK");
	lk(fd, F_SETLK, F_UNLCK, SEEK_SET, 0, 1);
	ksft_ok(waitpid(pid, &st, 0) == pid && KSFT_EXITED(st, 0), "the waiter gets the lock once released");
	close(p[0]);
	close(p[1]);
}

static void test_ofd(int fd, ino_t ino)
{
	int a = open(path, O_RDWR), b = open(path, O_RDWR), dupa = dup(a);
	struct flock fl = { .l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 0, .l_len = 10, .l_pid = 1 };

	ksft_ok(fails(fcntl(a, F_OFD_SETLK, &fl), EINVAL) && (fl.l_pid = 0, 1) &&
		fcntl(a, F_OFD_SETLK, &fl) == 0, "F_OFD_SETLK: l_pid must be 0");
	ksft_ok(fails(fcntl(b, F_OFD_SETLK, &fl), EAGAIN) && fails(lk(fd, F_SETLK, F_WRLCK, SEEK_SET, 5, 1), EAGAIN),
		"an OFD lock conflicts with another open file and with POSIX locks, in one process");
	ksft_ok(getlk(b, F_OFD_GETLK, 0, 1, &fl) == 0 && reported(&fl, F_WRLCK, 0, 10, -1),
		"F_OFD_GETLK reports l_pid -1");
	ksft_ok(proc_locks_line("OFDLCK ADVISORY  WRITE", -1, 0, "9", ino),
		"/proc/locks: OFDLCK ADVISORY  WRITE -1 ... 0 9");
	ksft_ok(close(dupa) == 0 && close(b) == 0 && fails(lk(fd, F_SETLK, F_WRLCK, SEEK_SET, 5, 1), EAGAIN),
		"closing other descriptors keeps the OFD lock");
	ksft_ok(close(a) == 0 && lk(fd, F_SETLK, F_WRLCK, SEEK_SET, 5, 1) == 0,
		"the last close of its open file releases it");
	lk(fd, F_SETLK, F_UNLCK, SEEK_SET, 0, 0);
}

static void child_big(void *arg)
{
	int fd = *(int *)arg, bad = 0;
	struct flock32 f32 = { F_WRLCK, SEEK_SET, 0, 0, 0 };
	struct flock fl;

	bad |= !(getlk(fd, F_GETLK, 0, 0, &fl) == 0 && reported(&fl, F_WRLCK, 5LL << 30, 4096, parent)) << 0;
	bad |= !fails(syscall(SYS_fcntl64, fd, K_GETLK, &f32), EOVERFLOW) << 1;
	f32.l_len = 100;
	bad |= !(syscall(SYS_fcntl, fd, K_GETLK, &f32) == 0 && f32.l_type == F_UNLCK) << 2;
	bad |= !fails(syscall(SYS_fcntl, fd, K_GETLK64, &fl), EINVAL) << 3;
	_exit(bad);
}

static void test_64bit(int fd)
{
	struct flock32 f32 = { F_RDLCK, SEEK_SET, 10, 20, 0 };

	ksft_ok(lk(fd, F_SETLK, F_WRLCK, SEEK_SET, 5LL << 30, 4096) == 0 &&
		KSFT_EXITED(ksft_run_child(child_big, &fd), 0),
		"F_SETLK64 past 4 GiB; a 32-bit F_GETLK of it: EOVERFLOW; F_GETLK64 through fcntl: EINVAL");
	ksft_ok(syscall(SYS_fcntl, fd, K_SETLK, &f32) == 0 &&
		syscall(SYS_fcntl, fd, K_GETLK, &f32) == 0 && f32.l_type == F_UNLCK,
		"the 32-bit struct flock through fcntl(2)");
	lk(fd, F_SETLK, F_UNLCK, SEEK_SET, 0, 0);
}

int main(void)
{
	struct stat st;
	int fd;

	ksft_plan(23);
	parent = getpid();
	fd = mkstemp(path);
	if (fd < 0 || fstat(fd, &st))
		return 1;
	test_ranges(fd, st.st_ino);
	test_errors(fd);
	test_release(fd);
	test_wait_deadlock(fd);
	test_ofd(fd, st.st_ino);
	test_64bit(fd);
	close(fd);
	unlink(path);
	ksft_exit();
}
