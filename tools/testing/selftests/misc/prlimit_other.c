/*
 * prlimit64 on another process, as Linux 6.1: allowed when the caller's
 * real uid is the target's real, effective and saved uid and its real
 * gid the target's three gids, or with CAP_SYS_RESOURCE (root), else
 * EPERM, for reading as for writing; ESRCH for no such pid; a limit set
 * through any thread is the whole process's.  Linux's order: an
 * unreadable new limit EFAULT, then ESRCH, EPERM, then a bad resource
 * EINVAL.
 */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include "../kselftest.h"

#define NOBODY 65534

struct rlim64 {
	uint64_t cur, max;
};

static long raw_prlimit(pid_t pid, int res, const struct rlim64 *new, struct rlim64 *old)
{
	return syscall(SYS_prlimit64, pid, res, new, old);
}

/* A target: its process, the pid or tid it answered with, its command and answer pipes. */
struct target {
	pid_t proc, pid;
	int cmd, ans;
};

static void *thread_fn(void *arg)
{
	int fd = *(int *)arg;
	pid_t tid = (pid_t)syscall(SYS_gettid);

	if (write(fd, &tid, sizeof(tid)) != sizeof(tid))
		_exit(3);
	for (;;)
		pause();
	return NULL;
}

/*
 * Starts a target with real/effective/saved ids @uid/@euid/@suid (and the
 * gids alike; -1: stay root) and NOFILE soft limit 100.  With @thread it
 * starts a second thread first and answers with that thread's tid.  Then
 * each byte on cmd is answered with its own RLIMIT_NOFILE soft limit.
 */
static struct target start_target(int uid, int euid, int suid, int thread)
{
	struct target t = { -1, -1, -1, -1 };
	int cmd[2], ans[2];

	if (pipe(cmd) || pipe(ans))
		return t;
	t.proc = fork();
	if (t.proc == 0) {
		struct rlimit r = { 100, 4096 };
		pthread_t th;
		pid_t me = getpid();
		char c;

		close(cmd[1]);
		close(ans[0]);
		if (setrlimit(RLIMIT_NOFILE, &r))
			_exit(1);
		if (uid >= 0 && (setresgid(uid, euid, suid) || setresuid(uid, euid, suid)))
			_exit(2);
		if (thread) {
			if (pthread_create(&th, NULL, thread_fn, &ans[1]))
				_exit(4);
		} else if (write(ans[1], &me, sizeof(me)) != sizeof(me)) {
			_exit(3);
		}
		while (read(cmd[0], &c, 1) == 1) {
			uint32_t cur;

			getrlimit(RLIMIT_NOFILE, &r);
			cur = (uint32_t)r.rlim_cur;
			if (write(ans[1], &cur, sizeof(cur)) != sizeof(cur))
				_exit(3);
		}
		_exit(0);
	}
	close(cmd[0]);
	close(ans[1]);
	t.cmd = cmd[1];
	t.ans = ans[0];
	if (read(t.ans, &t.pid, sizeof(t.pid)) != sizeof(t.pid))	/* ready: its pid or tid */
		t.pid = -1;
	return t;
}

/* The target's own reading of its NOFILE soft limit, or -1. */
static long target_nofile(const struct target *t)
{
	uint32_t cur;

	if (write(t->cmd, "?", 1) != 1 || read(t->ans, &cur, sizeof(cur)) != sizeof(cur))
		return -1;
	return cur;
}

static void stop_target(struct target *t)
{
	close(t->cmd);
	close(t->ans);
	kill(t->proc, SIGKILL);
	waitpid(t->proc, NULL, 0);
}

/* Runs @fn in a child as nobody (all ids 65534); its exit status is the result. */
static int as_nobody(int (*fn)(void *), void *arg)
{
	pid_t pid = fork();
	int st;

	if (pid == 0) {
		if (setresgid(NOBODY, NOBODY, NOBODY) || setresuid(NOBODY, NOBODY, NOBODY))
			_exit(100);
		_exit(fn(arg));
	}
	waitpid(pid, &st, 0);
	return WIFEXITED(st) ? WEXITSTATUS(st) : 200;
}

/* As nobody: errno of reading @pid's limit (0 on success). */
static int nobody_get(void *arg)
{
	struct rlim64 old;

	return raw_prlimit(*(pid_t *)arg, RLIMIT_NOFILE, NULL, &old) ? errno : 0;
}

/* As nobody: errno of setting @pid's NOFILE to 64/4096 (0 on success). */
static int nobody_set(void *arg)
{
	struct rlim64 n = { 64, 4096 };

	return raw_prlimit(*(pid_t *)arg, RLIMIT_NOFILE, &n, NULL) ? errno : 0;
}

/* As nobody: errno of raising @pid's NOFILE hard limit past 4096. */
static int nobody_raise(void *arg)
{
	struct rlim64 n = { 64, 8192 };

	return raw_prlimit(*(pid_t *)arg, RLIMIT_NOFILE, &n, NULL) ? errno : 0;
}

static void test_root_get_set(void)
{
	struct target t = start_target(-1, -1, -1, 0);
	struct rlim64 old = { 0, 0 }, n = { 50, 4096 };
	long r;

	r = raw_prlimit(t.pid, RLIMIT_NOFILE, NULL, &old);
	ksft_ok(r == 0 && old.cur == 100 && old.max == 4096,
		"root reads a child's NOFILE limit (%ld: %llu/%llu)", r,
		(unsigned long long)old.cur, (unsigned long long)old.max);
	memset(&old, 0, sizeof(old));
	r = raw_prlimit(t.pid, RLIMIT_NOFILE, &n, &old);
	ksft_ok(r == 0 && old.cur == 100 && target_nofile(&t) == 50,
		"root sets it: the old value comes back and the child reads the new one");
	n.cur = 8192;
	n.max = 4096;
	errno = 0;
	r = raw_prlimit(t.pid, RLIMIT_NOFILE, &n, NULL);
	ksft_ok(r == -1 && errno == EINVAL && target_nofile(&t) == 50,
		"soft above hard on a child: EINVAL, unchanged (errno %d)", errno);
	errno = 0;
	r = raw_prlimit(t.pid, 999, NULL, &old);
	ksft_ok(r == -1 && errno == EINVAL, "a bad resource on a child: EINVAL (errno %d)", errno);
	errno = 0;
	r = raw_prlimit(t.pid, RLIMIT_NOFILE, NULL, (struct rlim64 *)1);
	ksft_ok(r == -1 && errno == EFAULT, "an unwritable old limit: EFAULT (errno %d)", errno);
	stop_target(&t);
}

static void test_thread(void)
{
	struct target t = start_target(-1, -1, -1, 1);
	struct rlim64 n = { 42, 4096 }, old = { 0, 0 };
	long r;

	/* t.pid is the second thread's tid: the process is its group. */
	r = raw_prlimit(t.pid, RLIMIT_NOFILE, &n, &old);
	ksft_ok(r == 0 && old.cur == 100 && target_nofile(&t) == 42,
		"a limit set through another thread's tid is the whole process's (%ld)", r);
	ksft_diag("thread %d of process %d", (int)t.pid, (int)t.proc);
	stop_target(&t);
}

static void test_esrch(void)
{
	struct rlim64 old;
	pid_t pid = fork();
	long r;

	if (pid == 0)
		_exit(0);
	waitpid(pid, NULL, 0);
	errno = 0;
	r = raw_prlimit(pid, RLIMIT_NOFILE, NULL, &old);
	ksft_ok(r == -1 && errno == ESRCH, "a reaped child's pid: ESRCH (errno %d)", errno);
	errno = 0;
	r = raw_prlimit(pid, 999, NULL, &old);
	ksft_ok(r == -1 && errno == ESRCH, "no such pid comes before a bad resource: ESRCH (errno %d)",
		errno);
	errno = 0;
	r = raw_prlimit(-1, RLIMIT_NOFILE, NULL, &old);
	ksft_ok(r == -1 && errno == ESRCH, "pid -1: ESRCH (errno %d)", errno);
	errno = 0;
	r = raw_prlimit(pid, RLIMIT_NOFILE, (const struct rlim64 *)1, NULL);
	ksft_ok(r == -1 && errno == EFAULT, "an unreadable new limit comes first: EFAULT (errno %d)",
		errno);
}

static void test_perm(void)
{
	pid_t self = getpid();
	struct target same = start_target(NOBODY, NOBODY, NOBODY, 0);
	struct target saved_root = start_target(NOBODY, NOBODY, 0, 0);
	struct target eff_other = start_target(NOBODY, 1000, NOBODY, 0);
	int e;

	e = as_nobody(nobody_get, &self);
	ksft_ok(e == EPERM, "nobody reads root's limits: EPERM (%d)", e);
	e = as_nobody(nobody_set, &self);
	ksft_ok(e == EPERM, "nobody sets root's limits: EPERM (%d)", e);
	e = as_nobody(nobody_set, &same.pid);
	ksft_ok(e == 0 && target_nofile(&same) == 64,
		"nobody sets another nobody process's limit (%d)", e);
	e = as_nobody(nobody_raise, &same.pid);
	ksft_ok(e == EPERM, "but raising its hard limit needs CAP_SYS_RESOURCE: EPERM (%d)", e);
	e = as_nobody(nobody_get, &saved_root.pid);
	ksft_ok(e == EPERM, "a target whose saved uid is root: EPERM (%d)", e);
	e = as_nobody(nobody_get, &eff_other.pid);
	ksft_ok(e == EPERM, "a target whose effective uid differs: EPERM (%d)", e);
	{
		struct rlim64 n = { 30, 4096 };
		long r = raw_prlimit(saved_root.pid, RLIMIT_NOFILE, &n, NULL);

		ksft_ok(r == 0 && target_nofile(&saved_root) == 30,
			"root (CAP_SYS_RESOURCE) sets it all the same (%ld)", r);
	}
	stop_target(&same);
	stop_target(&saved_root);
	stop_target(&eff_other);
}

int main(void)
{
	ksft_plan(5 + 1 + 4 + 7);
	if (getuid() != 0) {
		ksft_diag("needs root");
		return 4;
	}
	test_root_get_set();
	test_thread();
	test_esrch();
	test_perm();
	ksft_exit();
}
