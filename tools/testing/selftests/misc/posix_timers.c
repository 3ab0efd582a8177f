/*
 * posix_timers: timer_create/settime/gettime/getoverrun/delete (both
 * time layouts) through raw system calls: ids, the SI_TIMER siginfo,
 * overruns while blocked, SIGEV_NONE, TIMER_ABSTIME, CPU-time clocks,
 * ITIMER_VIRTUAL/PROF, fork, and the error cases.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "../kselftest.h"

struct kevent { int value, signo, notify, tid; int pad[12]; };
struct its32 { int32_t is, ins, vs, vns; };
struct its64 { int64_t is, ins, vs, vns; };

#define BAD ((void *)4)

static volatile int got_sig, got_code, got_tid, got_overrun, got_value;
/*
 * first_only: keep the first delivery's fields and its timer_getoverrun
 * (a periodic 5 ms timer may fire again before the next line runs on a
 * loaded host, and a second delivery would overwrite them).
 */
static volatile int first_only, got_getoverrun;

static void handler(int sig, siginfo_t *si, void *uc)
{
	(void)uc;
	if (first_only && got_sig)
		return;
	if (first_only)
		got_getoverrun = (int)syscall(SYS_timer_getoverrun, si->si_timerid);
	got_sig = sig;
	got_code = si->si_code;
	got_tid = si->si_timerid;
	got_overrun = si->si_overrun;
	got_value = si->si_value.sival_int;
}

static long tcreate(int clk, struct kevent *ev, int *id)
{
	return syscall(SYS_timer_create, clk, ev, id);
}

static long tset(int id, int flags, long vs, long vns, long is, long ins, struct its32 *old)
{
	struct its32 n = { is, ins, vs, vns };

	return syscall(SYS_timer_settime, id, flags, &n, old);
}

static long err(long r)
{
	return r < 0 ? -errno : r;
}

static double mono(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void wait_sig(double max)
{
	double t0 = mono();

	while (!got_sig && mono() - t0 < max)
		;
}

int main(void)
{
	struct sigaction sa = { .sa_sigaction = handler, .sa_flags = SA_SIGINFO };
	struct kevent ev = { 0 };
	struct its32 o32;
	struct its64 n64 = { 0, 0, 5, 0 }, o64;
	sigset_t set;
	int id, id2, id3, st;
	pid_t pid;

	ksft_plan(32);
	sigaction(SIGALRM, &sa, NULL);
	sigaction(SIGUSR1, &sa, NULL);
	sigaction(SIGVTALRM, &sa, NULL);
	sigaction(SIGPROF, &sa, NULL);

	ksft_ok(tcreate(CLOCK_MONOTONIC, NULL, &id) == 0 && id == 0, "first timer id is 0");
	ksft_ok(tcreate(CLOCK_REALTIME, NULL, &id2) == 0 && id2 == 1, "ids count up");
	got_sig = 0;
	ksft_ok(tset(id, 0, 0, 20000000, 0, 0, NULL) == 0, "arm a 20 ms one-shot");
	wait_sig(2);
	ksft_ok(got_sig == SIGALRM && got_code == SI_TIMER && got_tid == id && got_value == id &&
		got_overrun == 0, "NULL sigevent: SIGALRM, SI_TIMER, timer id as value");
	ksft_ok(syscall(SYS_timer_gettime, id, &o32) == 0 && o32.vs == 0 && o32.vns == 0,
		"expired one-shot reads 0");

	ksft_ok(tset(id, 0, 10, 0, 3, 500, NULL) == 0 &&
		syscall(SYS_timer_gettime, id, &o32) == 0 && o32.vs == 9 && o32.is == 3 &&
		o32.ins == 500, "gettime: time left and interval");
	ksft_ok(tset(id, 0, 0, 0, 0, 0, &o32) == 0 && o32.vs == 9 && o32.is == 3,
		"settime returns the old setting");
	ksft_ok(syscall(SYS_timer_gettime, id, &o32) == 0 && o32.vs == 0 && o32.vns == 0,
		"zero value disarms");

	ev.notify = SIGEV_SIGNAL;
	ev.signo = SIGUSR1;
	ev.value = 1234;
	ksft_ok(tcreate(CLOCK_MONOTONIC, &ev, &id3) == 0 && id3 == 2, "SIGEV_SIGNAL SIGUSR1");
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigprocmask(SIG_BLOCK, &set, NULL);
	got_sig = 0;
	tset(id3, 0, 0, 5000000, 0, 5000000, NULL);
	usleep(80000);
	ksft_ok(got_sig == 0, "blocked: nothing delivered");
	first_only = 1;
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	st = got_getoverrun;		/* read in the handler of that delivery */
	tset(id3, 0, 0, 0, 0, 0, NULL);
	ksft_ok(got_sig == SIGUSR1 && got_value == 1234 && got_tid == id3 && got_overrun >= 5,
		"periodic while blocked: one signal with overruns");
	ksft_ok(st == got_overrun && syscall(SYS_timer_getoverrun, id3) == 0,
		"timer_getoverrun matches si_overrun; settime resets it");
	first_only = 0;

	ev.notify = SIGEV_NONE;
	ksft_ok(tcreate(CLOCK_BOOTTIME, &ev, &id3) == 0, "SIGEV_NONE on CLOCK_BOOTTIME");
	got_sig = 0;
	tset(id3, 0, 0, 10000000, 0, 0, NULL);
	usleep(30000);
	ksft_ok(got_sig == 0 && syscall(SYS_timer_gettime, id3, &o32) == 0 && o32.vns == 0,
		"SIGEV_NONE: no signal, expires");

	got_sig = 0;
	ksft_ok(tset(id2, TIMER_ABSTIME, 1, 0, 0, 0, NULL) == 0, "TIMER_ABSTIME in the past");
	wait_sig(2);
	ksft_ok(got_sig == SIGALRM && got_tid == id2, "fires at once");

	ksft_ok(syscall(SYS_timer_settime64, id, 0, &n64, NULL) == 0 &&
		syscall(SYS_timer_gettime64, id, &o64) == 0 && o64.vs == 4 && o64.is == 0,
		"time64 settime/gettime");

	pid = fork();
	if (pid == 0)
		_exit(err(syscall(SYS_timer_gettime, id, &o32)) == -EINVAL ? 0 : 1);
	waitpid(pid, &st, 0);
	ksft_ok(WIFEXITED(st) && WEXITSTATUS(st) == 0, "a fork child has no timers");
	tset(id, 0, 0, 0, 0, 0, NULL);

	ksft_ok(tcreate(CLOCK_PROCESS_CPUTIME_ID, NULL, &id3) == 0, "CPU-time timer");
	got_sig = 0;
	tset(id3, 0, 0, 50000000, 0, 0, NULL);
	wait_sig(3);
	ksft_ok(got_sig == SIGALRM && got_tid == id3, "fires after 50 ms of CPU time");
	ksft_ok(tcreate(-6, NULL, &id2) == 0 && tcreate(-2, NULL, &id2) == 0 &&
		err(tcreate(-99999 * 8 - 8 + 2, NULL, &id2)) == -EINVAL,
		"glibc's encoded CPU clocks (process -6, thread -2); no such pid EINVAL");
	{
		struct itimerval iv = { { 0, 0 }, { 0, 50000 } }, ov;

		got_sig = 0;
		setitimer(ITIMER_VIRTUAL, &iv, NULL);
		wait_sig(3);
		ksft_ok(got_sig == SIGVTALRM, "ITIMER_VIRTUAL: SIGVTALRM");
		got_sig = 0;
		iv.it_value.tv_sec = 100;
		setitimer(ITIMER_PROF, &iv, NULL);
		ksft_ok(getitimer(ITIMER_PROF, &ov) == 0 && ov.it_value.tv_sec == 100 &&
			setitimer(ITIMER_PROF, &(struct itimerval){ 0 }, &ov) == 0 &&
			ov.it_value.tv_sec == 100, "ITIMER_PROF get and old value");
	}

	/* errors */
	ksft_ok(err(tcreate(10, NULL, &id3)) == -EINVAL, "no such clock: EINVAL");
	ksft_ok(err(tcreate(CLOCK_MONOTONIC_RAW, NULL, &id3)) == -EOPNOTSUPP,
		"CLOCK_MONOTONIC_RAW: EOPNOTSUPP");
	ksft_ok(err(tcreate(CLOCK_MONOTONIC, BAD, &id3)) == -EFAULT &&
		err(tcreate(CLOCK_MONOTONIC, NULL, BAD)) == -EFAULT, "bad pointers: EFAULT");
	ev.notify = 99;
	st = err(tcreate(CLOCK_MONOTONIC, &ev, &id3));
	ev.notify = SIGEV_SIGNAL;
	ev.signo = 65;
	ksft_ok(st == -EINVAL && err(tcreate(CLOCK_MONOTONIC, &ev, &id3)) == -EINVAL,
		"bad notify or signal: EINVAL");
	ev.notify = 4;		/* SIGEV_THREAD_ID */
	ev.signo = SIGUSR1;
	ev.tid = getpid() + 100000;
	st = err(tcreate(CLOCK_MONOTONIC, &ev, &id3));
	ev.tid = getpid();
	ksft_ok(st == -EINVAL && tcreate(CLOCK_MONOTONIC, &ev, &id3) == 0,
		"SIGEV_THREAD_ID: only the caller");
	ksft_ok(err(syscall(SYS_timer_settime, id, 0, NULL, NULL)) == -EINVAL &&
		err(syscall(SYS_timer_settime, id, 0, BAD, NULL)) == -EFAULT &&
		err(tset(id, 0, 0, 1000000000, 0, 0, NULL)) == -EINVAL &&
		err(tset(id, 0, -1, 0, 0, 0, NULL)) == -EINVAL, "settime: bad values");
	ksft_ok(err(tset(12345, 0, 1, 0, 0, 0, NULL)) == -EINVAL &&
		err(syscall(SYS_timer_gettime, 12345, &o32)) == -EINVAL &&
		err(syscall(SYS_timer_gettime, id, BAD)) == -EFAULT, "bad id EINVAL, bad buffer EFAULT");
	{
		char buf[4096], want[128];
		int fd = open("/proc/self/timers", O_RDONLY);
		ssize_t n = fd >= 0 ? read(fd, buf, sizeof(buf) - 1) : -1;

		buf[n > 0 ? n : 0] = 0;
		snprintf(want, sizeof(want),
			 "ID: %d\nsignal: 14/00000000\nnotify: signal/pid.%d\nClockID: 1\n",
			 id, getpid());
		ksft_ok(strstr(buf, want) && strstr(buf, "notify: signal/tid.") &&
			strstr(buf, "ClockID: -6\n"), "/proc/self/timers");
		close(fd);
	}
	ksft_ok(syscall(SYS_timer_delete, id) == 0 && err(syscall(SYS_timer_delete, id)) == -EINVAL &&
		err(syscall(SYS_timer_getoverrun, id)) == -EINVAL, "delete, then EINVAL");
	ksft_exit();
}
