/*
 * bench-time: times one command in TSC cycles (guest instructions under
 * "-icount shift=0"), for the busybox workload script (workloads.sh).
 *
 *	bench-time CMD [ARG...]		runs CMD (execvp) in a child, its
 *					stdout on /dev/null, and prints the
 *					cycles from just before fork() to
 *					just after waitpid()
 *	bench-time -m NAME N...		prints the median of the numbers N
 *					as "bench: <NAME padded to 40> <N> cycles"
 *
 * The first form prints only the number, or "failed" when the command
 * could not run or did not exit with status 0 (and then exits 1), so a
 * broken row can never pass for a fast one.
 *
 * Build: gcc -m32 -static -O2 -o bench-time bench-time.c
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#define NAME_WIDTH	40
#define MAX_SAMPLES	64

static inline uint64_t rdtsc(void)
{
	uint32_t lo, hi;

	asm volatile("rdtsc" : "=a"(lo), "=d"(hi) : : "memory");
	return ((uint64_t)hi << 32) | lo;
}

/*
 * Runs @argv in a child; *@cycles = rdtsc at the reap - rdtsc before fork.
 * Returns 0, or -1 if it could not run or did not exit with status 0.
 */
static int time_command(char **argv, uint64_t *cycles)
{
	uint64_t t0, t1;
	pid_t pid;
	int status;

	t0 = rdtsc();
	pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		int null = open("/dev/null", O_WRONLY);

		if (null < 0 || dup2(null, STDOUT_FILENO) < 0)
			_exit(126);
		if (null != STDOUT_FILENO)
			close(null);
		execvp(argv[0], argv);
		_exit(127);
	}
	if (waitpid(pid, &status, 0) != pid)
		return -1;
	t1 = rdtsc();
	*cycles = t1 - t0;
	return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -1;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/* The median of the decimal numbers in @v (the lower middle one for an even count). */
static int print_median(const char *name, int n, char **v)
{
	uint64_t s[MAX_SAMPLES];
	int i;

	if (n < 1 || n > MAX_SAMPLES) {
		printf("bench: %-*s failed (%d samples)\n", NAME_WIDTH, name, n);
		return 1;
	}
	for (i = 0; i < n; i++) {
		char *end;

		s[i] = strtoull(v[i], &end, 10);
		if (end == v[i] || *end) {
			printf("bench: %-*s failed (sample \"%s\")\n", NAME_WIDTH, name, v[i]);
			return 1;
		}
	}
	qsort(s, n, sizeof(s[0]), cmp_u64);
	printf("bench: %-*s %llu cycles\n", NAME_WIDTH, name, (unsigned long long)s[(n - 1) / 2]);
	return 0;
}

int main(int argc, char **argv)
{
	uint64_t cycles;

	if (argc >= 3 && !strcmp(argv[1], "-m"))
		return print_median(argv[2], argc - 3, argv + 3);
	if (argc < 2 || argv[1][0] == '-') {
		fprintf(stderr, "usage: bench-time CMD [ARG...] | bench-time -m NAME N...\n");
		return 2;
	}
	if (time_command(argv + 1, &cycles)) {
		printf("failed\n");
		return 1;
	}
	printf("%llu\n", (unsigned long long)cycles);
	return 0;
}
