/*
 * dynbench: issue 15's benchmark rows, run as /init (PID 1) of a small
 * initramfs that holds Debian 12's dynamically linked /bin/true with its
 * interpreter and libc (tools/testing/run-debian-bench), under the QEMU
 * settings of make bench (-icount shift=0: one rdtsc tick is one guest
 * instruction), on Linnet and on Linux 6.1.
 *
 *   fork+execve+wait Debian /bin/true   fork, the child execve()s the
 *       dynamic /bin/true (ld.so maps libc.so.6, relocates, runs
 *       coreutils' main), the parent waitpid()s; median of 21
 *   pthread_create+join                 glibc's pthread_create (clone
 *       with the thread flags, a cached stack after the first) of a
 *       thread that returns at once, then pthread_join; median of 31
 *
 * Output as linnet-bench's ("bench: NAME  N cycles"), "bench: done" last,
 * then a power-off.  Build: gcc -m32 -static -O2 -o dynbench dynbench.c
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/reboot.h>
#include <sys/wait.h>
#include <unistd.h>

#define NAME_WIDTH	40
#define TRUE_PATH	"/bin/true"

static inline uint64_t rdtsc(void)
{
	uint32_t lo, hi;

	asm volatile("rdtsc" : "=a"(lo), "=d"(hi) : : "memory");
	return ((uint64_t)hi << 32) | lo;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/* The median of @n samples; 0 (the row is skipped) if any sample failed. */
static void report(const char *name, uint64_t *v, int n)
{
	for (int i = 0; i < n; i++) {
		if (!v[i]) {
			printf("bench: %-*s skipped (a sample failed)\n", NAME_WIDTH, name);
			return;
		}
	}
	qsort(v, n, sizeof(*v), cmp_u64);
	printf("bench: %-*s %llu cycles\n", NAME_WIDTH, name,
	       (unsigned long long)(n & 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2));
	fflush(stdout);
}

/* One fork+execve(/bin/true)+waitpid; 0 unless the child exited 0. */
static uint64_t fork_exec_true(void)
{
	static char *const argv[] = { "true", NULL };
	static char *const envp[] = { "PATH=/bin", NULL };
	uint64_t t0, t1;
	int status;
	pid_t pid;

	t0 = rdtsc();
	pid = fork();
	if (pid == 0) {
		execve(TRUE_PATH, argv, envp);
		_exit(127);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return 0;
	t1 = rdtsc();
	return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? t1 - t0 : 0;
}

static void *thread_fn(void *arg)
{
	return arg;
}

/* One pthread_create+pthread_join; 0 on failure. */
static uint64_t create_join(void)
{
	static int token;
	uint64_t t0, t1;
	pthread_t t;
	void *ret = NULL;

	t0 = rdtsc();
	if (pthread_create(&t, NULL, thread_fn, &token) || pthread_join(t, &ret))
		return 0;
	t1 = rdtsc();
	return ret == &token ? t1 - t0 : 0;
}

int main(void)
{
	uint64_t v[31];

	if (fcntl(1, F_GETFD) < 0) {	/* no console opened for init */
		int fd = open("/dev/console", O_RDWR | O_NOCTTY);

		if (fd >= 0) {
			dup2(fd, 0);
			dup2(fd, 1);
			dup2(fd, 2);
		}
	}
	fork_exec_true();		/* warm: the page cache, ld.so's first run */
	for (int i = 0; i < 21; i++)
		v[i] = fork_exec_true();
	report("fork+execve+wait Debian /bin/true", v, 21);
	create_join();			/* warm: glibc's stack cache */
	for (int i = 0; i < 31; i++)
		v[i] = create_join();
	report("pthread_create+join", v, 31);
	printf("bench: done\n");
	fflush(stdout);
	sync();
	reboot(RB_POWER_OFF);
	_exit(0);
}
