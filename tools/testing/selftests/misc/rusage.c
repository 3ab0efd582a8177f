/*
 * rusage: getrusage, wait4's rusage and times() count what happened:
 * CPU time burnt in user mode, page faults, the high-water RSS, and
 * voluntary context switches; a reaped child's usage shows up in
 * RUSAGE_CHILDREN, in wait4 and in times()'s children fields.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/times.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "../kselftest.h"

#define MIB	(1024 * 1024)

static double secs(struct timeval tv)
{
	return tv.tv_sec + tv.tv_usec / 1e6;
}

/* Spins in user mode for @s seconds of CPU time. */
static void burn(double s)
{
	struct timespec t;
	volatile unsigned long x = 0;

	do {
		for (int i = 0; i < 100000; i++)
			x += i;
		clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
	} while (t.tv_sec + t.tv_nsec / 1e9 < s);
}

/* Touches @len fresh bytes of anonymous memory (and leaves them mapped). */
static void touch(size_t len)
{
	char *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		return;
	for (size_t i = 0; i < len; i += 4096)
		p[i] = 1;
}

static void test_self(void)
{
	struct rusage a, b;

	getrusage(RUSAGE_SELF, &a);
	burn(0.3);
	touch(8 * MIB);
	for (int i = 0; i < 5; i++)
		usleep(10000);
	b.ru_minflt = -1;
	ksft_ok(getrusage(RUSAGE_SELF, &b) == 0 && b.ru_minflt >= 0, "getrusage(RUSAGE_SELF)");
	ksft_ok(secs(b.ru_utime) + secs(b.ru_stime) >= 0.2, "CPU time counted (%.2f s user)",
		secs(b.ru_utime));
	ksft_ok(b.ru_minflt - a.ru_minflt >= 2048, "8 MiB touched: %ld more minor faults",
		b.ru_minflt - a.ru_minflt);
	ksft_ok(b.ru_maxrss >= 8192, "ru_maxrss covers it (%ld kB)", b.ru_maxrss);
	ksft_ok(b.ru_nvcsw - a.ru_nvcsw >= 5, "5 sleeps: %ld voluntary switches",
		b.ru_nvcsw - a.ru_nvcsw);
}

static void test_children(void)
{
	struct rusage child = { 0 }, all = { 0 };
	struct tms t = { 0 };
	int st, reaped, got_all, got_t;
	pid_t pid = fork();

	if (pid == 0) {
		burn(0.2);
		touch(4 * MIB);
		_exit(0);
	}
	/* Called first: arguments are evaluated in no set order. */
	reaped = wait4(pid, &st, 0, &child) == pid;
	got_all = getrusage(RUSAGE_CHILDREN, &all) == 0;
	got_t = times(&t) != (clock_t)-1;
	ksft_ok(reaped && secs(child.ru_utime) + secs(child.ru_stime) >= 0.1 &&
		child.ru_minflt >= 1024 &&
		child.ru_maxrss >= 4096,
		"wait4 reports the child's time, faults and maxrss (%ld kB)", child.ru_maxrss);
	ksft_ok(got_all && secs(all.ru_utime) + secs(all.ru_stime) >= 0.1 &&
		all.ru_minflt >= child.ru_minflt &&
		all.ru_maxrss >= 4096, "RUSAGE_CHILDREN includes it");
	ksft_ok(got_t && t.tms_cutime + t.tms_cstime >= 10 && t.tms_utime + t.tms_stime >= 20,
		"times(): utime %ld, children's %ld ticks", (long)t.tms_utime, (long)t.tms_cutime);
}

int main(void)
{
	clock_t t0 = times(NULL);

	ksft_plan(10);
	test_self();
	test_children();
	ksft_ok(times(NULL) > t0, "times() counts ticks since boot");
	ksft_ok(getrusage(5, NULL) == -1 && errno == EINVAL, "an unknown who: EINVAL");
	ksft_exit();
}
