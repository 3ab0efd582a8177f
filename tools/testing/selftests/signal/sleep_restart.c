/*
 * Sleeps interrupted by a signal that runs no handler (a stop and
 * SIGCONT) go on to their full time and return 0, as Linux restarts
 * them (restart_syscall): nanosleep, clock_nanosleep relative and
 * TIMER_ABSTIME, poll and a futex wait with timeouts.  With a handler,
 * nanosleep returns EINTR and the time left.
 */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <linux/futex.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include "../kselftest.h"

#define SLEEP_MS 600

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
	default:
		r = syscall(SYS_futex, &futex_word, FUTEX_WAIT, 0, &t, NULL, 0);
		if (r == -1 && errno == ETIMEDOUT)
			r = 0;
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
	"poll timeout", "futex wait timeout",
};

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
	ksft_plan(6);
	for (int k = 0; k < 5; k++)
		test_stop_cont(k);
	test_handler();
	ksft_exit();
}
