/*
 * Sleeps interrupted by a signal that runs no handler (a stop and
 * SIGCONT) go on to their full time and return 0, as Linux restarts
 * them (restart_syscall or the same call again): nanosleep,
 * clock_nanosleep relative and TIMER_ABSTIME, poll, select, ppoll,
 * pselect6 and a futex wait with timeouts.  Waits without a timeout
 * (pause, sigsuspend, a futex wait, a pipe read) go on waiting until a
 * handler runs, then EINTR.  The calls man 7 signal lists as failing
 * with EINTR after a stop even without a handler do so: epoll_wait,
 * semtimedop, sigtimedwait.  With a handler, nanosleep returns EINTR and
 * the time left.
 */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <linux/futex.h>
#include <sys/epoll.h>
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/select.h>
#include <sys/sem.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include "../kselftest.h"

#define SLEEP_MS 600
/*
 * The EINTR calls' timeout: long, so that a stop and continue 200 ms in
 * ends them well before it even when a loaded host delays the parent's
 * SIGCONT (they return at the SIGCONT, so the length costs nothing).
 */
#define EINTR_MS 3000

static int64_t now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (int64_t)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

static void ms_sleep(int ms)
{
	struct timespec t = { ms / 1000, (ms % 1000) * 1000000L };

	while (nanosleep(&t, &t) == -1 && errno == EINTR)
		;
}

/* The child's sleeps: exit 0 if it returned 0 after its full time, else a code. */
static int do_sleep(int kind)
{
	struct timespec t = { 0, SLEEP_MS * 1000000L }, rem = { 0, 0 };
	int64_t start = now_ms();
	uint32_t futex_word = 0;
	long r;

	switch (kind) {
	case 0:
		r = nanosleep(&t, &rem);
		break;
	case 1:
		r = syscall(SYS_clock_nanosleep, CLOCK_MONOTONIC, 0, &t, &rem);
		break;
	case 2: {
		struct timespec abs;

		clock_gettime(CLOCK_MONOTONIC, &abs);
		abs.tv_nsec += t.tv_nsec;
		if (abs.tv_nsec >= 1000000000L) {
			abs.tv_sec++;
			abs.tv_nsec -= 1000000000L;
		}
		r = syscall(SYS_clock_nanosleep, CLOCK_MONOTONIC, TIMER_ABSTIME, &abs, NULL);
		break;
	}
	case 3:
		r = poll(NULL, 0, SLEEP_MS);
		break;
	case 4:
		r = syscall(SYS_futex, &futex_word, FUTEX_WAIT, 0, &t, NULL, 0);
		if (r == -1 && errno == ETIMEDOUT)
			r = 0;
		break;
	case 5: {
		struct timeval tv = { 0, SLEEP_MS * 1000L };

		r = select(0, NULL, NULL, NULL, &tv);
		break;
	}
	case 6: {
		sigset_t none;

		sigemptyset(&none);
		r = ppoll(NULL, 0, &t, &none);
		break;
	}
	default:
		r = pselect(0, NULL, NULL, NULL, &t, NULL);
		break;
	}
	if (r != 0)
		return 10 + (errno & 0x3f);
	if (now_ms() - start < SLEEP_MS - 1)
		return 2;		/* came back early */
	return 0;
}

static const char *const names[] = {
	"nanosleep", "clock_nanosleep relative", "clock_nanosleep TIMER_ABSTIME",
	"poll timeout", "futex wait timeout", "select timeout", "ppoll timeout",
	"pselect6 timeout",
};
#define NR_TIMED ((int)(sizeof(names) / sizeof(names[0])))

static void test_stop_cont(int kind)
{
	pid_t pid = fork();
	int st;

	if (pid == 0)
		_exit(do_sleep(kind));
	ms_sleep(100);
	kill(pid, SIGSTOP);
	ms_sleep(100);
	kill(pid, SIGCONT);
	waitpid(pid, &st, 0);
	ksft_ok(WIFEXITED(st) && WEXITSTATUS(st) == 0,
		"%s: stopped and continued, it sleeps its full time and returns 0 (status %#x)",
		names[kind], st);
}

static void on_usr1(int sig)
{
	(void)sig;
}

/* SIGUSR1 runs a handler, without SA_RESTART. */
static void catch_usr1(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_usr1;
	sigaction(SIGUSR1, &sa, NULL);
}

/* Waits without a timeout: exit 0 if the call failed with EINTR (the handler's). */
static int do_wait(int kind)
{
	uint32_t futex_word = 0;
	sigset_t none;
	int fds[2];
	char c;
	long r;

	catch_usr1();
	switch (kind) {
	case 0:
		r = pause();
		break;
	case 1:
		sigemptyset(&none);
		r = sigsuspend(&none);
		break;
	case 2:
		r = syscall(SYS_futex, &futex_word, FUTEX_WAIT, 0, NULL, NULL, 0);
		break;
	default:
		if (pipe(fds))
			return 3;
		r = read(fds[0], &c, 1);
		break;
	}
	return r == -1 && errno == EINTR ? 0 : 10 + (errno & 0x3f);
}

static const char *const wait_names[] = { "pause", "sigsuspend", "futex wait", "pipe read" };

static void test_wait_stop_cont(int kind)
{
	pid_t pid = fork();
	pid_t still;
	int st;

	if (pid == 0)
		_exit(do_wait(kind));
	ms_sleep(100);
	kill(pid, SIGSTOP);
	ms_sleep(100);
	kill(pid, SIGCONT);
	ms_sleep(200);
	still = waitpid(pid, &st, WNOHANG);
	kill(pid, SIGUSR1);
	if (still == 0)
		waitpid(pid, &st, 0);
	ksft_ok(still == 0 && WIFEXITED(st) && WEXITSTATUS(st) == 0,
		"%s: stopped and continued, it goes on waiting; a handler then ends it with EINTR (%s, status %#x)",
		wait_names[kind], still == 0 ? "waiting" : "returned", st);
}

/*
 * The calls Linux ends with EINTR after a stop even without a handler
 * (man 7 signal): exit 0 if the call failed with EINTR well before its
 * timeout.
 */
static int do_eintr(int kind)
{
	struct timespec t = { EINTR_MS / 1000, 0 };
	int64_t start = now_ms();
	struct epoll_event ev;
	struct sembuf op = { 0, -1, 0 };
	sigset_t usr2;
	long r;
	int id;

	switch (kind) {
	case 0:
		id = epoll_create1(0);
		r = epoll_wait(id, &ev, 1, EINTR_MS);
		break;
	case 1:
		id = semget(IPC_PRIVATE, 1, 0600);
		r = semtimedop(id, &op, 1, &t);
		semctl(id, 0, IPC_RMID);
		break;
	default:
		sigemptyset(&usr2);
		sigaddset(&usr2, SIGUSR2);
		sigprocmask(SIG_BLOCK, &usr2, NULL);
		r = sigtimedwait(&usr2, NULL, &t);
		break;
	}
	if (r != -1 || errno != EINTR)
		return 10 + (r == -1 ? errno & 0x3f : 0);
	if (now_ms() - start >= EINTR_MS - 100)
		return 2;		/* it slept its time after all */
	return 0;
}

static const char *const eintr_names[] = { "epoll_wait", "semtimedop", "sigtimedwait" };

static void test_eintr_stop_cont(int kind)
{
	pid_t pid = fork();
	int st;

	if (pid == 0)
		_exit(do_eintr(kind));
	ms_sleep(100);
	kill(pid, SIGSTOP);
	ms_sleep(100);
	kill(pid, SIGCONT);
	waitpid(pid, &st, 0);
	ksft_ok(WIFEXITED(st) && WEXITSTATUS(st) == 0,
		"%s: stopped and continued, it fails with EINTR at once, as Linux (status %#x)",
		eintr_names[kind], st);
}

static void test_handler(void)
{
	struct timespec t = { 2, 0 }, rem = { 0, 0 };
	pid_t parent = getpid(), pid;
	long r;
	int st;

	signal(SIGUSR1, on_usr1);
	pid = fork();
	if (pid == 0) {
		ms_sleep(100);
		kill(parent, SIGUSR1);
		_exit(0);
	}
	errno = 0;
	r = nanosleep(&t, &rem);
	ksft_ok(r == -1 && errno == EINTR && rem.tv_sec >= 1 && rem.tv_sec <= 2,
		"a handler: nanosleep returns EINTR with the time left (%ld.%09ld)",
		(long)rem.tv_sec, rem.tv_nsec);
	waitpid(pid, &st, 0);
	signal(SIGUSR1, SIG_DFL);
}

int main(void)
{
	ksft_plan(NR_TIMED + 4 + 3 + 1);
	for (int k = 0; k < NR_TIMED; k++)
		test_stop_cont(k);
	for (int k = 0; k < 4; k++)
		test_wait_stop_cont(k);
	for (int k = 0; k < 3; k++)
		test_eintr_stop_cont(k);
	test_handler();
	ksft_exit();
}
