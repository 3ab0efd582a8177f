/*
 * User notification: a listener (SECCOMP_FILTER_FLAG_NEW_LISTENER) whose
 * supervisor answers a target's getpid with a value or an error, lets it
 * CONTINUE, installs descriptors in it (ADDFD, SETFD, SEND), ID_VALID
 * after the target died, the EBUSY second listener and the flag rules,
 * RECV's zeroed-buffer rule, poll's POLLIN/POLLOUT/POLLHUP, a signal
 * restarting the call as a new notification, and the listener's close
 * failing the call with ENOSYS.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include "../kselftest.h"
#include "seccomp_util.h"

/* Child: no_new_privs and a getpid USER_NOTIF filter; its listener or exit(2). */
static int listen_getpid(unsigned int flags)
{
	int fd;

	if (set_nnp())
		_exit(2);
	fd = (int)filter_one(__NR_getpid, SECCOMP_RET_USER_NOTIF,
			     SECCOMP_FILTER_FLAG_NEW_LISTENER | flags);
	if (fd < 0)
		_exit(2);
	return fd;
}

/* A target process: closes its copy of the listener, exits 0 if getpid gives @want. */
static pid_t target(int listener, long want, int want_errno)
{
	pid_t p = fork();

	if (p == 0) {
		long r;

		close(listener);
		errno = 0;
		r = syscall(__NR_getpid);
		if (want_errno)
			_exit(r == -1 && errno == want_errno ? 0 : 1);
		_exit(r == want ? 0 : 1);
	}
	return p;
}

static int recv_one(int listener, struct seccomp_notif *n)
{
	memset(n, 0, sizeof(*n));
	return ioctl(listener, SECCOMP_IOCTL_NOTIF_RECV, n);
}

static int send_resp(int listener, __u64 id, long long val, int error, unsigned int flags)
{
	struct seccomp_notif_resp r = { .id = id, .val = val, .error = error, .flags = flags };

	return ioctl(listener, SECCOMP_IOCTL_NOTIF_SEND, &r);
}

static int reaped_ok(pid_t p)
{
	int st;

	return waitpid(p, &st, 0) == p && WIFEXITED(st) && WEXITSTATUS(st) == 0;
}

/* An answer with a value, checking what RECV tells and SEND's error rules. */
static void answer_value(void *arg)
{
	int l = listen_getpid(0);
	struct seccomp_notif n;
	pid_t t;

	(void)arg;
	if (!(fcntl(l, F_GETFD) & FD_CLOEXEC))
		_exit(3);
	t = target(l, 4242, 0);
	memset(&n, 0, sizeof(n));
	n.pid = 1;
	errno = 0;
	if (ioctl(l, SECCOMP_IOCTL_NOTIF_RECV, &n) != -1 || errno != EINVAL)
		_exit(4);		/* the buffer must be zeroed */
	if (recv_one(l, &n))
		_exit(5);
	if ((pid_t)n.pid != t || n.data.nr != __NR_getpid || n.data.arch != AUDIT_ARCH_I386 ||
	    n.flags)
		_exit(6);
	errno = 0;
	if (send_resp(l, n.id + 1, 0, 0, 0) != -1 || errno != ENOENT)
		_exit(7);
	errno = 0;
	if (send_resp(l, n.id, 0, 0, 2) != -1 || errno != EINVAL)
		_exit(8);
	errno = 0;
	if (send_resp(l, n.id, 1, 0, SECCOMP_USER_NOTIF_FLAG_CONTINUE) != -1 || errno != EINVAL)
		_exit(9);
	if (send_resp(l, n.id, 4242, 0, 0))
		_exit(10);
	_exit(reaped_ok(t) ? 0 : 11);
}

/* An answer with an error, and CONTINUE running the call. */
static void answer_error_continue(void *arg)
{
	int l = listen_getpid(0);
	struct seccomp_notif n;
	pid_t t = target(l, 0, EPERM);

	(void)arg;
	if (recv_one(l, &n) || send_resp(l, n.id, 5, -EPERM, 0) || !reaped_ok(t))
		_exit(3);
	t = fork();
	if (t == 0) {
		close(l);
		_exit(syscall(__NR_getpid) == syscall(__NR_gettid) ? 0 : 1);	/* really run */
	}
	if (recv_one(l, &n) || send_resp(l, n.id, 0, 0, SECCOMP_USER_NOTIF_FLAG_CONTINUE))
		_exit(4);
	_exit(reaped_ok(t) ? 0 : 5);
}

/* ADDFD: a pipe's end in the target, at the lowest free slot and at 100 with SEND. */
static void addfd(void *arg)
{
	int l = listen_getpid(0), pfd[2], ret;
	struct seccomp_notif n;
	struct seccomp_notif_addfd a;
	pid_t t;

	(void)arg;
	if (pipe(pfd))
		_exit(2);
	t = fork();
	if (t == 0) {
		struct stat st;
		long fd;

		close(l);
		fd = syscall(__NR_getpid);
		if (fd < 0 || fstat((int)fd, &st) || !S_ISFIFO(st.st_mode))
			_exit(1);
		if (fcntl((int)fd, F_GETFD) != FD_CLOEXEC)
			_exit(1);
		fd = syscall(__NR_getpid);
		_exit(fd == 100 && fstat(100, &st) == 0 && S_ISFIFO(st.st_mode) &&
		      fcntl(100, F_GETFD) == 0 ? 0 : 1);
	}
	memset(&a, 0, sizeof(a));
	a.id = 12345;
	a.srcfd = (__u32)pfd[0];
	errno = 0;
	if (ioctl(l, SECCOMP_IOCTL_NOTIF_ADDFD, &a) != -1 || errno != ENOENT)
		_exit(3);
	if (recv_one(l, &n))
		_exit(4);
	a.id = n.id;
	a.flags = 4;
	errno = 0;
	if (ioctl(l, SECCOMP_IOCTL_NOTIF_ADDFD, &a) != -1 || errno != EINVAL)
		_exit(5);
	a.flags = 0;
	a.newfd = 7;
	errno = 0;
	if (ioctl(l, SECCOMP_IOCTL_NOTIF_ADDFD, &a) != -1 || errno != EINVAL)
		_exit(6);	/* newfd without SETFD */
	a.newfd = 0;
	a.srcfd = 999;
	errno = 0;
	if (ioctl(l, SECCOMP_IOCTL_NOTIF_ADDFD, &a) != -1 || errno != EBADF)
		_exit(7);
	a.srcfd = (__u32)pfd[0];
	a.newfd_flags = O_CLOEXEC;
	ret = ioctl(l, SECCOMP_IOCTL_NOTIF_ADDFD, &a);
	if (ret < 3 || send_resp(l, n.id, ret, 0, 0))
		_exit(8);
	if (recv_one(l, &n))
		_exit(9);
	a.id = n.id;
	a.flags = SECCOMP_ADDFD_FLAG_SETFD | SECCOMP_ADDFD_FLAG_SEND;
	a.newfd = 100;
	a.newfd_flags = 0;
	if (ioctl(l, SECCOMP_IOCTL_NOTIF_ADDFD, &a) != 100)
		_exit(10);
	errno = 0;
	if (send_resp(l, n.id, 0, 0, 0) != -1 || (errno != EINPROGRESS && errno != ENOENT))
		_exit(11);	/* already answered */
	_exit(reaped_ok(t) ? 0 : 12);
}

/* ID_VALID while the target waits, ENOENT once it died. */
static void id_valid(void *arg)
{
	int l = listen_getpid(0);
	struct seccomp_notif n;
	pid_t t = target(l, 0, 0);
	__u64 id;

	(void)arg;
	if (recv_one(l, &n))
		_exit(3);
	id = n.id;
	if (ioctl(l, SECCOMP_IOCTL_NOTIF_ID_VALID, &id))
		_exit(4);
	kill(t, SIGKILL);
	waitpid(t, NULL, 0);
	errno = 0;
	if (ioctl(l, SECCOMP_IOCTL_NOTIF_ID_VALID, &id) != -1 || errno != ENOENT)
		_exit(5);
	errno = 0;
	if (send_resp(l, id, 0, 0, 0) != -1 || errno != ENOENT)
		_exit(6);
	errno = 0;
	if (ioctl(l, SECCOMP_IOCTL_NOTIF_ID_VALID, (void *)8) != -1 || errno != EFAULT)
		_exit(7);
	errno = 0;
	_exit(ioctl(l, 0x1234, &id) == -1 && errno == EINVAL ? 0 : 8);
}

/* One listener per chain; the flags that need or exclude NEW_LISTENER. */
static void flag_rules(void *arg)
{
	(void)arg;
	if (set_nnp())
		_exit(2);
	errno = 0;
	if (filter_one(__NR_getpid, SECCOMP_RET_USER_NOTIF,
		       SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV) != -1 || errno != EINVAL)
		_exit(3);
	errno = 0;
	if (filter_one(__NR_getpid, SECCOMP_RET_USER_NOTIF, SECCOMP_FILTER_FLAG_TSYNC |
		       SECCOMP_FILTER_FLAG_NEW_LISTENER) != -1 || errno != EINVAL)
		_exit(4);
	if (filter_one(__NR_getpid, SECCOMP_RET_USER_NOTIF, SECCOMP_FILTER_FLAG_NEW_LISTENER |
		       SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV) < 0)
		_exit(5);
	errno = 0;
	if (filter_one(__NR_getppid, SECCOMP_RET_USER_NOTIF,
		       SECCOMP_FILTER_FLAG_NEW_LISTENER) != -1 || errno != EBUSY)
		_exit(6);
	_exit(filter_one(__NR_getppid, SECCOMP_RET_ALLOW, 0) == 0 ? 0 : 7);
}

static int listener_fd = -1;
static long thread_ret;

static void *notified_thread(void *arg)
{
	(void)arg;
	listener_fd = (int)filter_one(__NR_getpid, SECCOMP_RET_USER_NOTIF,
				      SECCOMP_FILTER_FLAG_NEW_LISTENER);
	thread_ret = listener_fd < 0 ? -1 : syscall(__NR_getpid);
	return NULL;
}

static short poll_bits(int fd, short events, int ms)
{
	struct pollfd p = { .fd = fd, .events = events };

	return poll(&p, 1, ms) == 1 ? p.revents : 0;
}

/* POLLIN while queued, POLLOUT once received, POLLHUP once the only user is gone. */
static void poll_states(void *arg)
{
	struct seccomp_notif n;
	pthread_t th;
	int i;

	(void)arg;
	if (set_nnp() || pthread_create(&th, NULL, notified_thread, NULL))
		_exit(2);
	for (i = 0; i < 200 && !(listener_fd >= 0 && (poll_bits(listener_fd, POLLIN, 10) & POLLIN)); i++)
		usleep(1000);
	if (poll_bits(listener_fd, POLLIN | POLLOUT, 0) != POLLIN)
		_exit(3);
	if (recv_one(listener_fd, &n))
		_exit(4);
	if (poll_bits(listener_fd, POLLIN | POLLOUT, 0) != POLLOUT)
		_exit(5);
	if (send_resp(listener_fd, n.id, 77, 0, 0))
		_exit(6);
	pthread_join(th, NULL);
	if (thread_ret != 77)
		_exit(7);
	if (!(poll_bits(listener_fd, POLLIN, 2000) & POLLHUP))
		_exit(8);
	_exit(syscall(__NR_getpid) > 0 ? 0 : 9);	/* this thread has no filter */
}

static void on_usr1(int sig)
{
	(void)sig;
}

/* A signal takes the notification away; SA_RESTART makes the call a new one. */
static void signal_restart(void *arg)
{
	int l = listen_getpid(0);
	struct sigaction sa;
	struct seccomp_notif n1, n2;
	pid_t t;

	(void)arg;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_usr1;
	sa.sa_flags = SA_RESTART;
	sigaction(SIGUSR1, &sa, NULL);
	t = target(l, 9, 0);
	if (recv_one(l, &n1))
		_exit(3);
	kill(t, SIGUSR1);
	if (recv_one(l, &n2) || n2.id == n1.id || (pid_t)n2.pid != t)
		_exit(4);
	errno = 0;
	if (send_resp(l, n1.id, 1, 0, 0) != -1 || errno != ENOENT)
		_exit(5);
	if (send_resp(l, n2.id, 9, 0, 0))
		_exit(6);
	_exit(reaped_ok(t) ? 0 : 7);
}

/* Closing the listener fails the waiting call, and later ones, with ENOSYS. */
static void close_enosys(void *arg)
{
	int l = listen_getpid(0);
	pid_t t = target(l, 0, ENOSYS);
	int i;

	(void)arg;
	for (i = 0; i < 2000 && !(poll_bits(l, POLLIN, 10) & POLLIN); i++)
		;
	close(l);
	if (!reaped_ok(t))
		_exit(3);
	errno = 0;
	_exit(syscall(__NR_getpid) == -1 && errno == ENOSYS ? 0 : 4);
}

int main(void)
{
	int st;

	ksft_plan(8);
	st = ksft_run_child(answer_value, NULL);
	ksft_ok(KSFT_EXITED(st, 0), "RECV (zeroed buffer, pid, data) and SEND a value; SEND's EINVAL/ENOENT (status %#x)", st);
	st = ksft_run_child(answer_error_continue, NULL);
	ksft_ok(KSFT_EXITED(st, 0), "SEND an error; CONTINUE runs the call (status %#x)", st);
	st = ksft_run_child(addfd, NULL);
	ksft_ok(KSFT_EXITED(st, 0), "ADDFD: lowest slot with O_CLOEXEC, SETFD|SEND at 100; its errors (status %#x)", st);
	st = ksft_run_child(id_valid, NULL);
	ksft_ok(KSFT_EXITED(st, 0), "ID_VALID while waiting, ENOENT after the target died; unknown ioctl EINVAL (status %#x)", st);
	st = ksft_run_child(flag_rules, NULL);
	ksft_ok(KSFT_EXITED(st, 0), "second listener EBUSY; WAIT_KILLABLE_RECV alone, TSYNC|NEW_LISTENER EINVAL (status %#x)", st);
	st = ksft_run_child(poll_states, NULL);
	ksft_ok(KSFT_EXITED(st, 0), "poll: POLLIN queued, POLLOUT received, POLLHUP when unused (status %#x)", st);
	st = ksft_run_child(signal_restart, NULL);
	ksft_ok(KSFT_EXITED(st, 0), "a signal drops the notification, SA_RESTART makes a new one (status %#x)", st);
	st = ksft_run_child(close_enosys, NULL);
	ksft_ok(KSFT_EXITED(st, 0), "closing the listener: ENOSYS for the waiting call and later ones (status %#x)", st);
	ksft_exit();
}
