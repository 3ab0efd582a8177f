/*
 * kcmp: KCMP_FILE (dup'd and inherited descriptors are one file),
 * KCMP_VM, KCMP_FILES, KCMP_FS, KCMP_SIGHAND, KCMP_SYSVSEM and
 * KCMP_EPOLL_TFD; the order results (1 one way, 2 the other); ESRCH,
 * EBADF, EINVAL, EFAULT, ENOENT and EPERM for another uid.
 */
#include <errno.h>
#include <signal.h>
#include <sys/epoll.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include "../kselftest.h"
#include <uapi/linux-ish/kcmp.h>

#define NR_kcmp 349

static long kcmp(pid_t a, pid_t b, int type, unsigned long i1, unsigned long i2)
{
	return syscall(NR_kcmp, a, b, type, i1, i2);
}

static int fails(long r, int err)
{
	return r == -1 && errno == err;
}

/* 1 and 2 the two ways round. */
static int ordered(pid_t a, pid_t b, int type, unsigned long i1, unsigned long i2)
{
	long r = kcmp(a, b, type, i1, i2);

	return (r == 1 || r == 2) && kcmp(b, a, type, i2, i1) == 3 - r;
}

int main(void)
{
	pid_t me = getpid(), child, gone;
	int p[2], d, ep, st;

	ksft_plan(14);
	if (pipe(p))
		return 1;
	d = dup(p[0]);
	ksft_ok(kcmp(me, me, KCMP_FILE, p[0], d) == 0, "KCMP_FILE: a dup is the same file");
	ksft_ok(ordered(me, me, KCMP_FILE, p[0], p[1]), "two ends of a pipe: 1 one way, 2 the other");
	child = fork();
	if (child == 0)
		for (;;)
			pause();
	ksft_ok(kcmp(me, child, KCMP_FILE, p[1], p[1]) == 0,
		"an inherited descriptor is the same file in the child");
	ksft_ok(ordered(me, child, KCMP_VM, 0, 0) && ordered(me, child, KCMP_FILES, 0, 0) &&
		kcmp(me, me, KCMP_VM, 0, 0) == 0 && kcmp(me, me, KCMP_FILES, 0, 0) == 0,
		"KCMP_VM, KCMP_FILES: a forked child has its own");
	ksft_ok(ordered(me, child, KCMP_FS, 0, 0) && ordered(me, child, KCMP_SIGHAND, 0, 0) &&
		kcmp(me, me, KCMP_FS, 0, 0) == 0 && kcmp(me, me, KCMP_SIGHAND, 0, 0) == 0,
		"KCMP_FS, KCMP_SIGHAND: its own too");
	ksft_ok(kcmp(me, child, KCMP_SYSVSEM, 0, 0) == 0, "KCMP_SYSVSEM: neither has undo lists");
	ksft_ok(fails(kcmp(me, child, 99, 0, 0), EINVAL) && fails(kcmp(me, child, -1, 0, 0), EINVAL),
		"an unknown type: EINVAL");
	ksft_ok(fails(kcmp(me, me, KCMP_FILE, p[0], 200), EBADF) &&
		fails(kcmp(me, me, KCMP_FILE, 1000000, p[0]), EBADF), "KCMP_FILE: a closed fd EBADF");
	gone = fork();
	if (gone == 0)
		_exit(0);
	waitpid(gone, NULL, 0);
	ksft_ok(fails(kcmp(me, gone, KCMP_VM, 0, 0), ESRCH) && fails(kcmp(gone, me, 99, 0, 0), ESRCH),
		"a reaped pid: ESRCH (before EINVAL)");

	struct epoll_event ev = { .events = EPOLLIN };
	struct kcmp_epoll_slot slot;

	ep = epoll_create1(0);
	epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev);
	slot = (struct kcmp_epoll_slot){ .efd = ep, .tfd = p[0], .toff = 0 };
	ksft_ok(kcmp(me, me, KCMP_EPOLL_TFD, p[0], (unsigned long)&slot) == 0 &&
		kcmp(me, me, KCMP_EPOLL_TFD, d, (unsigned long)&slot) == 0,
		"KCMP_EPOLL_TFD: the watched file");
	ksft_ok(ordered(me, me, KCMP_FILE, p[1], p[0]) &&
		kcmp(me, me, KCMP_EPOLL_TFD, p[1], (unsigned long)&slot) ==
		kcmp(me, me, KCMP_FILE, p[1], p[0]), "another file: the KCMP_FILE order");
	slot.toff = 1;
	ksft_ok(fails(kcmp(me, me, KCMP_EPOLL_TFD, p[0], (unsigned long)&slot), ENOENT),
		"no such entry: ENOENT");
	slot = (struct kcmp_epoll_slot){ .efd = p[1], .tfd = p[0], .toff = 0 };
	ksft_ok(fails(kcmp(me, me, KCMP_EPOLL_TFD, p[0], (unsigned long)&slot), EINVAL) &&
		fails(kcmp(me, me, KCMP_EPOLL_TFD, p[0], 8), EFAULT),
		"not an epoll fd EINVAL, bad slot pointer EFAULT");
	kill(child, SIGKILL);
	waitpid(child, NULL, 0);
	if (geteuid() != 0) {
		ksft_skip("not root", "another uid may not compare our objects");
		ksft_exit();
	}
	child = fork();
	if (child == 0) {
		if (setresgid(1000, 1000, 1000) || setresuid(1000, 1000, 1000))
			_exit(3);
		_exit(fails(kcmp(getppid(), getpid(), KCMP_VM, 0, 0), EPERM) &&
		      kcmp(getpid(), getpid(), KCMP_VM, 0, 0) == 0 ? 0 : 1);
	}
	ksft_ok(waitpid(child, &st, 0) == child && KSFT_EXITED(st, 0),
		"another uid: EPERM (itself: fine)");
	ksft_exit();
}
