/* mqueue: POSIX message queues by raw syscall (277-282, 418, 419): names,
 * O_CREAT/O_EXCL, access modes, attributes and their limits, priority
 * order, full/empty queues with O_NONBLOCK and timeouts (both timespec
 * layouts), a receiver blocked across fork, EINTR, EMSGSIZE, EBADF,
 * mq_getsetattr, mq_notify (SIGEV_SIGNAL, SIGEV_NONE, EBUSY), poll, the
 * QSIZE line, close-on-exec, /proc/sys/fs/mqueue, RLIMIT_MSGQUEUE and the
 * mqueue file system. */
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <time.h>
#include "../kselftest.h"

struct mq_attr_k {
	long mq_flags, mq_maxmsg, mq_msgsize, mq_curmsgs, reserved[4];
};

struct ts32 {
	long tv_sec, tv_nsec;
};

struct ts64 {
	long long tv_sec;
	long tv_nsec, pad;
};

static char name[64];		/* without the slash, as glibc passes it */

static int mqopen(const char *n, int flags, int mode, struct mq_attr_k *a)
{
	return syscall(277, n, flags, mode, a);
}

static int mqsend(int fd, const char *m, size_t len, unsigned int prio, struct ts32 *t)
{
	return syscall(279, fd, m, len, prio, t);
}

static int mqrecv(int fd, char *m, size_t len, unsigned int *prio, struct ts32 *t)
{
	return syscall(280, fd, m, len, prio, t);
}

static int getattr(int fd, struct mq_attr_k *a)
{
	return syscall(282, fd, NULL, a);
}

static void test_open(void)
{
	struct mq_attr_k a = { .mq_maxmsg = 4, .mq_msgsize = 16 }, g;
	char big[300];
	int fd, fd2;

	syscall(278, name);
	ksft_ok(mqopen(name, O_RDWR, 0, NULL) == -1 && errno == ENOENT, "no queue: ENOENT");
	ksft_ok(mqopen("", O_RDWR | O_CREAT, 0600, NULL) == -1 && errno == ENOENT &&
		mqopen("a/b", O_RDWR | O_CREAT, 0600, NULL) == -1 && errno == EACCES &&
		mqopen("..", O_RDWR | O_CREAT, 0600, NULL) == -1 && errno == EACCES,
		"empty name ENOENT, a slash or .. EACCES");
	memset(big, 'x', 299);
	big[299] = 0;
	ksft_ok(mqopen(big, O_RDWR | O_CREAT, 0600, NULL) == -1 && errno == ENAMETOOLONG &&
		mqopen((char *)8, O_RDWR, 0, NULL) == -1 && errno == EFAULT &&
		mqopen(name, O_RDWR | O_CREAT, 0600, (void *)8) == -1 && errno == EFAULT,
		"a 299-byte name ENAMETOOLONG; bad name or attr EFAULT");
	fd = mqopen(name, O_RDWR | O_CREAT | O_EXCL, 0600, &a);
	ksft_ok(fd >= 0 && getattr(fd, &g) == 0 && g.mq_maxmsg == 4 && g.mq_msgsize == 16 &&
		g.mq_curmsgs == 0 && g.mq_flags == 0 && fcntl(fd, F_GETFD) == FD_CLOEXEC,
		"create with attributes; always close-on-exec");
	ksft_ok(mqopen(name, O_RDWR | O_CREAT | O_EXCL, 0600, &a) == -1 && errno == EEXIST &&
		mqopen(name, O_ACCMODE, 0, NULL) == -1 && errno == EINVAL,
		"O_EXCL EEXIST, O_ACCMODE EINVAL");
	fd2 = mqopen(name, O_RDONLY | O_NONBLOCK, 0, NULL);
	ksft_ok(fd2 >= 0 && getattr(fd2, &g) == 0 && g.mq_flags == O_NONBLOCK && g.mq_maxmsg == 4,
		"open again O_NONBLOCK: mq_flags and the same queue");
	close(fd2);
	ksft_ok(syscall(278, name) == 0 && syscall(278, name) == -1 && errno == ENOENT &&
		getattr(fd, &g) == 0, "unlink, again ENOENT; the open queue lives on");
	close(fd);
	a.mq_maxmsg = 0;
	ksft_ok(mqopen(name, O_RDWR | O_CREAT, 0600, &a) == -1 && errno == EINVAL, "mq_maxmsg 0 EINVAL");
	a.mq_maxmsg = 65537;
	ksft_ok(mqopen(name, O_RDWR | O_CREAT, 0600, &a) == -1 && errno == EINVAL,
		"mq_maxmsg past HARD_MSGMAX EINVAL");
	a.mq_maxmsg = 65536;
	a.mq_msgsize = 65536;
	ksft_ok(mqopen(name, O_RDWR | O_CREAT, 0600, &a) == -1 && errno == EOVERFLOW,
		"a 4 GiB queue EOVERFLOW");
	fd = mqopen(name, O_RDWR | O_CREAT, 0600, NULL);
	ksft_ok(fd >= 0 && getattr(fd, &g) == 0 && g.mq_maxmsg == 10 && g.mq_msgsize == 8192,
		"defaults 10 x 8192");
	close(fd);
	syscall(278, name);
}

static void test_order(void)
{
	struct mq_attr_k a = { .mq_maxmsg = 3, .mq_msgsize = 8 }, g;
	unsigned int prio;
	char buf[16];
	int fd = mqopen(name, O_RDWR | O_CREAT | O_NONBLOCK, 0600, &a);
	int ok;

	ok = mqsend(fd, "low", 4, 1, NULL) == 0 && mqsend(fd, "high", 5, 9, NULL) == 0 &&
	     mqsend(fd, "low2", 5, 1, NULL) == 0;
	ksft_ok(ok && mqsend(fd, "x", 1, 0, NULL) == -1 && errno == EAGAIN, "full queue EAGAIN");
	ksft_ok(mqsend(fd, "x", 1, 32768, NULL) == -1 && errno == EINVAL &&
		mqsend(fd, "123456789", 9, 0, NULL) == -1 && errno == EMSGSIZE,
		"priority 32768 EINVAL, too long EMSGSIZE");
	ksft_ok(mqrecv(fd, buf, 7, NULL, NULL) == -1 && errno == EMSGSIZE, "short buffer EMSGSIZE");
	ksft_ok(mqrecv(fd, buf, 16, &prio, NULL) == 5 && !strcmp(buf, "high") && prio == 9 &&
		mqrecv(fd, buf, 16, &prio, NULL) == 4 && !strcmp(buf, "low") && prio == 1 &&
		mqrecv(fd, buf, 16, NULL, NULL) == 5 && !strcmp(buf, "low2"),
		"highest priority first, FIFO within one");
	ksft_ok(mqrecv(fd, buf, 16, NULL, NULL) == -1 && errno == EAGAIN, "empty queue EAGAIN");
	ksft_ok(mqsend(fd, "z", 1, 0, NULL) == 0 && mqrecv(fd, buf, 16, (void *)8, NULL) == -1 &&
		errno == EFAULT && getattr(fd, &g) == 0 && g.mq_curmsgs == 0,
		"a bad priority pointer EFAULT, the message is gone");
	ksft_ok(mqsend(fd, (void *)8, 4, 0, NULL) == -1 && errno == EFAULT &&
		mqsend(fd, "", 0, 0, NULL) == 0 && mqrecv(fd, buf, 16, NULL, NULL) == 0,
		"bad text EFAULT; empty messages");
	close(fd);
	syscall(278, name);
}

static void test_modes_and_attr(void)
{
	struct mq_attr_k a = { .mq_maxmsg = 2, .mq_msgsize = 8 }, n = { .mq_flags = O_NONBLOCK }, g;
	char buf[8];
	int fd = mqopen(name, O_RDWR | O_CREAT, 0600, &a);
	int ro = mqopen(name, O_RDONLY, 0, NULL), wo = mqopen(name, O_WRONLY, 0, NULL);

	ksft_ok(mqsend(ro, "a", 1, 0, NULL) == -1 && errno == EBADF &&
		mqrecv(wo, buf, 8, NULL, NULL) == -1 && errno == EBADF &&
		mqsend(0, "a", 1, 0, NULL) == -1 && errno == EBADF && mqsend(-1, "a", 1, 0, NULL) == -1 &&
		errno == EBADF, "wrong access mode or not a queue EBADF");
	ksft_ok(syscall(282, fd, &n, &g) == 0 && g.mq_flags == 0 && getattr(fd, &g) == 0 &&
		g.mq_flags == O_NONBLOCK && mqrecv(fd, buf, 8, NULL, NULL) == -1 && errno == EAGAIN &&
		getattr(ro, &g) == 0 && g.mq_flags == 0, "mq_getsetattr sets O_NONBLOCK on one descriptor");
	n.mq_flags = O_NONBLOCK | 1;
	ksft_ok(syscall(282, fd, &n, NULL) == -1 && errno == EINVAL &&
		syscall(282, fd, (void *)8, NULL) == -1 && errno == EFAULT &&
		syscall(282, fd, NULL, (void *)8) == -1 && errno == EFAULT &&
		syscall(282, 0, NULL, &g) == -1 && errno == EBADF,
		"mq_getsetattr: other flags EINVAL, EFAULT, EBADF");
	ksft_ok(read(fd, buf, 0) == 0 && mqsend(wo, "abc", 3, 0, NULL) == 0, "send on O_WRONLY");
	{
		char line[128] = "";
		int r = read(ro, line, sizeof(line) - 1);

		ksft_ok(r > 0 && !strncmp(line, "QSIZE:3 ", 8) && strstr(line, "NOTIFY:0 ") &&
			strstr(line, "NOTIFY_PID:0"), "reading a descriptor: QSIZE line");
	}
	close(fd);
	close(ro);
	close(wo);
	syscall(278, name);
}

static void test_timeouts(void)
{
	struct mq_attr_k a = { .mq_maxmsg = 1, .mq_msgsize = 8 };
	struct ts32 t32;
	struct ts64 t64;
	struct timespec now;
	char buf[8];
	int fd = mqopen(name, O_RDWR | O_CREAT, 0600, &a);

	clock_gettime(CLOCK_REALTIME, &now);
	t32.tv_sec = now.tv_sec;
	t32.tv_nsec = now.tv_nsec;
	ksft_ok(mqrecv(fd, buf, 8, NULL, &t32) == -1 && errno == ETIMEDOUT, "receive: a past timeout ETIMEDOUT");
	t32.tv_nsec = 1000000000;
	ksft_ok(mqrecv(fd, buf, 8, NULL, &t32) == -1 && errno == EINVAL &&
		mqrecv(fd, buf, 8, NULL, (void *)8) == -1 && errno == EFAULT,
		"tv_nsec 1e9 EINVAL, a bad pointer EFAULT");
	t64.tv_sec = now.tv_sec;
	t64.tv_nsec = now.tv_nsec + 100000000 > 999999999 ? 999999999 : now.tv_nsec + 100000000;
	t64.pad = 0;
	ksft_ok(syscall(419, fd, buf, 8, NULL, &t64) == -1 && errno == ETIMEDOUT,
		"mq_timedreceive_time64 ETIMEDOUT");
	ksft_ok(syscall(418, fd, "a", 1, 0, &t64) == 0 && syscall(418, fd, "b", 1, 0, &t64) == -1 &&
		errno == ETIMEDOUT, "mq_timedsend_time64: sends, then a full queue ETIMEDOUT");
	t32.tv_nsec = -1;
	ksft_ok(mqsend(fd, "b", 1, 0, &t32) == -1 && errno == EINVAL, "send: tv_nsec -1 EINVAL");
	close(fd);
	syscall(278, name);
}

static void on_alarm(int sig)
{
	(void)sig;
}

static void test_blocking(void)
{
	struct mq_attr_k a = { .mq_maxmsg = 2, .mq_msgsize = 8 };
	struct itimerval it = { { 0, 0 }, { 0, 100000 } };
	struct sigaction sa = { .sa_handler = on_alarm };
	struct pollfd p;
	char buf[8];
	int st;
	int fd = mqopen(name, O_RDWR | O_CREAT, 0600, &a);
	pid_t pid = fork();

	if (pid == 0) {
		unsigned int prio;

		_exit(mqrecv(fd, buf, 8, &prio, NULL) == 2 && prio == 7 && !strcmp(buf, "h") ? 0 : 1);
	}
	usleep(100000);
	ksft_ok(mqsend(fd, "h", 2, 7, NULL) == 0 && waitpid(pid, &st, 0) == pid && KSFT_EXITED(st, 0),
		"a receiver blocked in a child gets the message");
	sigaction(SIGALRM, &sa, NULL);		/* no SA_RESTART: the receive is not restarted */
	setitimer(ITIMER_REAL, &it, NULL);
	ksft_ok(mqrecv(fd, buf, 8, NULL, NULL) == -1 && errno == EINTR,
		"a handler without SA_RESTART ends a blocked receive: EINTR");
	signal(SIGALRM, SIG_DFL);
	p.fd = fd;
	p.events = POLLIN | POLLOUT;
	ksft_ok(poll(&p, 1, 0) == 1 && p.revents == POLLOUT, "empty: POLLOUT only");
	mqsend(fd, "a", 1, 0, NULL);
	mqsend(fd, "b", 1, 0, NULL);
	ksft_ok(poll(&p, 1, 0) == 1 && p.revents == POLLIN, "full: POLLIN only");
	close(fd);
	syscall(278, name);
}

static volatile siginfo_t got;

static void on_usr1(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)uc;
	got = *si;
}

static void test_notify(void)
{
	struct mq_attr_k a = { .mq_maxmsg = 2, .mq_msgsize = 8 };
	struct sigaction sa = { .sa_sigaction = on_usr1, .sa_flags = SA_SIGINFO };
	struct sigevent ev = { .sigev_notify = SIGEV_SIGNAL, .sigev_signo = SIGUSR1 };
	char buf[8], line[128] = "";
	int fd = mqopen(name, O_RDWR | O_CREAT | O_NONBLOCK, 0600, &a);

	sigaction(SIGUSR1, &sa, NULL);
	ev.sigev_value.sival_int = 1234;
	ksft_ok(syscall(281, fd, &ev) == 0 && syscall(281, fd, &ev) == -1 && errno == EBUSY,
		"mq_notify registers once: EBUSY");
	ksft_ok(read(fd, line, sizeof(line)) > 0 && strstr(line, "NOTIFY:0 ") && strstr(line, "SIGNO:10 "),
		"the QSIZE line shows the registration");
	ksft_ok(mqsend(fd, "a", 1, 0, NULL) == 0 && got.si_signo == SIGUSR1 && got.si_code == SI_MESGQ &&
		got.si_value.sival_int == 1234 && got.si_pid == getpid(),
		"a message into the empty queue signals SI_MESGQ with the value");
	got.si_signo = 0;
	mqrecv(fd, buf, 8, NULL, NULL);
	ksft_ok(mqsend(fd, "a", 1, 0, NULL) == 0 && got.si_signo == 0, "fired once: the registration is gone");
	mqrecv(fd, buf, 8, NULL, NULL);
	ev.sigev_notify = SIGEV_NONE;
	ksft_ok(syscall(281, fd, &ev) == 0 && syscall(281, fd, NULL) == 0 && syscall(281, fd, &ev) == 0,
		"SIGEV_NONE; NULL removes it");
	ev.sigev_notify = 7;
	ksft_ok(syscall(281, fd, &ev) == -1 && errno == EINVAL && syscall(281, fd, (void *)8) == -1 &&
		errno == EFAULT && syscall(281, 0, NULL) == -1 && errno == EBADF,
		"mq_notify: unknown kind EINVAL, EFAULT, EBADF");
	ev.sigev_notify = SIGEV_SIGNAL;
	ev.sigev_signo = 65;
	ksft_ok(syscall(281, fd, &ev) == -1 && errno == EINVAL, "signal 65 EINVAL");
	ev.sigev_notify = SIGEV_THREAD;
	ev.sigev_value.sival_ptr = line;
	ev.sigev_signo = fd;		/* a queue: not a netlink socket */
	ksft_ok(syscall(281, fd, &ev) == -1 && errno == ENOTSOCK, "SIGEV_THREAD on a non-socket ENOTSOCK");
	signal(SIGUSR1, SIG_DFL);
	close(fd);
	syscall(278, name);
}

/* In a child: a small RLIMIT_MSGQUEUE refuses a 10 x 8192 queue, takes 1 x 1000. */
static void limits_child(void *unused)
{
	struct mq_attr_k a = { .mq_maxmsg = 10, .mq_msgsize = 8192 };
	struct rlimit small = { 4096, 4096 };
	int ok = setrlimit(RLIMIT_MSGQUEUE, &small) == 0 &&
		 mqopen(name, O_RDWR | O_CREAT, 0600, &a) == -1 && errno == EMFILE;

	a.mq_maxmsg = 1;
	a.mq_msgsize = 1000;
	ok = ok && mqopen(name, O_RDWR | O_CREAT, 0600, &a) >= 0 && syscall(278, name) == 0;
	(void)unused;
	_exit(ok ? 0 : 1);
}

static void test_limits(void)
{
	struct rlimit r;
	char buf[32];

	ksft_ok(ksft_read_file("/proc/sys/fs/mqueue/msg_max", buf, sizeof(buf)) > 0 &&
		atoi(buf) == 10 &&
		ksft_read_file("/proc/sys/fs/mqueue/msgsize_max", buf, sizeof(buf)) > 0 &&
		atoi(buf) == 8192 &&
		ksft_read_file("/proc/sys/fs/mqueue/queues_max", buf, sizeof(buf)) > 0 &&
		atoi(buf) == 256, "/proc/sys/fs/mqueue: Linux's defaults");
	ksft_ok(getrlimit(RLIMIT_MSGQUEUE, &r) == 0 && r.rlim_cur == 819200 && r.rlim_max == 819200,
		"RLIMIT_MSGQUEUE 819200");
	ksft_ok(KSFT_EXITED(ksft_run_child(limits_child, NULL), 0),
		"past RLIMIT_MSGQUEUE EMFILE, a smaller queue fits");
}

/* The mqueue file system: each queue a file whose read is its QSIZE line. */
static void test_mount(void)
{
	char dir[] = "/tmp/mqmntXXXXXX", path[128], line[128] = "";
	struct stat st;
	int fd = mqopen(name, O_RDWR | O_CREAT, 0640, NULL), f;

	umask(022);
	ksft_ok(mkdtemp(dir) && mount("none", dir, "mqueue", 0, NULL) == 0, "mount -t mqueue");
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = open(path, O_RDONLY);
	ksft_ok(stat(path, &st) == 0 && S_ISREG(st.st_mode) && (st.st_mode & 07777) == 0640 &&
		st.st_uid == getuid() && mqsend(fd, "abcd", 4, 0, NULL) == 0 && f >= 0 &&
		read(f, line, sizeof(line) - 1) > 0 && !strncmp(line, "QSIZE:4 ", 8),
		"a queue is a file there: mode, owner, its QSIZE line");
	close(f);
	ksft_ok(syscall(278, name) == 0 && stat(path, &st) == -1 && errno == ENOENT,
		"mq_unlink removes the file");
	umount(dir);
	rmdir(dir);
	close(fd);
}

int main(void)
{
	snprintf(name, sizeof(name), "ksft_mqueue_%d", getpid());
	ksft_plan(46);
	test_open();
	test_order();
	test_modes_and_attr();
	test_timeouts();
	test_blocking();
	test_notify();
	test_limits();
	test_mount();
	ksft_exit();
}
