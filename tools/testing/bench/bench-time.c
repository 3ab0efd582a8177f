/*
 * bench-time: times one command in TSC cycles (guest instructions under
 * "-icount shift=0"), for the busybox workload script (workloads.sh).
 *
 *	bench-time CMD [ARG...]		runs CMD (execvp) in a child, its
 *					stdin and stdout on /dev/null, and
 *					prints the
 *					cycles from just before fork() to
 *					just after waitpid()
 *	bench-time -p FILE CMD [ARG...]	the same, and profiles CMD: zeroes
 *					/proc/profile before the fork and adds
 *					its counters to FILE after the reap
 *	bench-time -m NAME N...		prints the median of the numbers N
 *					as "bench: <NAME padded to 40> <N> cycles"
 *	bench-time -P FILE		prints FILE's step and non-zero
 *					counters as "profile: step S
 *					counters N" and
 *					"profile: INDEX COUNT" lines, and
 *					"profile: fn NAME COUNT" per function
 *					when /proc/kallsyms has addresses
 *					(Linux), for scripts/profile-report
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
#define PROFILE		"/proc/profile"
#define PROFILE_MAX	(16 << 20)	/* bytes: far above Linnet's text / 1 */

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
		int null = open("/dev/null", O_RDWR);

		if (null < 0 || dup2(null, STDIN_FILENO) < 0 || dup2(null, STDOUT_FILENO) < 0)
			_exit(126);
		if (null > STDOUT_FILENO)
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

/* Reads all of @path (at most PROFILE_MAX bytes) into *@buf; its length, or -1. */
static long read_all(const char *path, uint32_t **buf)
{
	int fd = open(path, O_RDONLY);
	long len = 0;
	ssize_t n;

	*buf = malloc(PROFILE_MAX);
	if (fd < 0 || !*buf) {
		if (fd >= 0)
			close(fd);
		return -1;
	}
	while (len < PROFILE_MAX && (n = read(fd, (char *)*buf + len, PROFILE_MAX - len)) > 0)
		len += n;
	close(fd);
	return n < 0 ? -1 : len;
}

/* Zeroes the kernel's counters (a one-byte write, as readprofile -r). */
static int profile_reset(void)
{
	int fd = open(PROFILE, O_WRONLY);
	int ok = fd >= 0 && write(fd, "0", 1) == 1;

	if (fd >= 0)
		close(fd);
	return ok ? 0 : -1;
}

/* Adds /proc/profile's counters to @file's (same layout; a missing file counts as zeros). */
static int profile_add(const char *file)
{
	uint32_t *now, *sum;
	long len = read_all(PROFILE, &now), old = read_all(file, &sum);
	FILE *f;
	int ok;

	if (len < 8 || !sum)
		return -1;
	if (old != len)
		memcpy(sum, now, len);
	else
		for (long i = 1; i < len / 4; i++)
			sum[i] += now[i];
	f = fopen(file, "w");
	ok = f && fwrite(sum, 1, len, f) == (size_t)len;
	if (f && fclose(f))
		ok = 0;
	free(now);
	free(sum);
	return ok ? 0 : -1;
}

struct ksym {
	unsigned long addr;
	char *name;
};

static int cmp_ksym(const void *a, const void *b)
{
	const struct ksym *x = a, *y = b;

	return x->addr < y->addr ? -1 : x->addr > y->addr;
}

/*
 * The kernel's text symbols from /proc/kallsyms, sorted, and *@text (the
 * address of _text); the count, or 0 when there is no usable kallsyms
 * (Linnet has none: scripts/profile-report maps through vmlinux).
 */
static long read_kallsyms(struct ksym **out, unsigned long *text)
{
	FILE *f = fopen("/proc/kallsyms", "r");
	long n = 0, cap = 0;
	struct ksym *s = NULL;
	char line[512], name[256], type;
	unsigned long addr;

	*text = 0;
	while (f && fgets(line, sizeof(line), f)) {
		if (sscanf(line, "%lx %c %255s", &addr, &type, name) != 3 || strchr(line, '['))
			continue;
		if (!strcmp(name, "_text"))
			*text = addr;
		if (type != 't' && type != 'T')
			continue;
		if (n == cap) {
			struct ksym *t = realloc(s, (cap = cap ? 2 * cap : 4096) * sizeof(*s));

			if (!t)
				break;
			s = t;
		}
		s[n].addr = addr;
		s[n++].name = strdup(name);
	}
	if (f)
		fclose(f);
	if (!*text || !n)
		return 0;
	qsort(s, n, sizeof(*s), cmp_ksym);
	*out = s;
	return n;
}

/* "profile: fn NAME COUNT" per function with samples, through /proc/kallsyms. */
static void profile_print_functions(const uint32_t *c, long counters)
{
	unsigned long text;
	struct ksym *s;
	long n = read_kallsyms(&s, &text), k = 0;
	uint64_t sum = 0;

	for (long i = 0; n && i <= n; i++) {
		unsigned long end = i < n ? s[i].addr : ~0UL;

		/* counters below symbol i belong to symbol i - 1 */
		while (k < counters && text + (unsigned long)k * c[0] < end)
			sum += c[1 + k++];
		if (i > 0 && sum)
			printf("profile: fn %s %llu\n", s[i - 1].name, (unsigned long long)sum);
		sum = 0;
	}
}

static int profile_print(const char *file)
{
	uint32_t *c;
	long len = read_all(file, &c);

	if (len < 8) {
		printf("profile: none (%s)\n", file);
		return 1;
	}
	printf("profile: step %u counters %ld\n", c[0], len / 4 - 1);
	for (long i = 1; i < len / 4; i++)
		if (c[i])
			printf("profile: %ld %u\n", i - 1, c[i]);
	profile_print_functions(c, len / 4 - 1);
	printf("profile: end\n");
	free(c);
	return 0;
}

int main(int argc, char **argv)
{
	const char *prof = NULL;
	uint64_t cycles;

	if (argc >= 3 && !strcmp(argv[1], "-m"))
		return print_median(argv[2], argc - 3, argv + 3);
	if (argc == 3 && !strcmp(argv[1], "-P"))
		return profile_print(argv[2]);
	if (argc >= 4 && !strcmp(argv[1], "-p")) {
		prof = argv[2];
		argv += 2;
		argc -= 2;
	}
	if (argc < 2 || argv[1][0] == '-') {
		fprintf(stderr, "usage: bench-time [-p FILE] CMD [ARG...] | -m NAME N... | -P FILE\n");
		return 2;
	}
	if ((prof && profile_reset()) || time_command(argv + 1, &cycles) ||
	    (prof && profile_add(prof))) {
		printf("failed\n");
		return 1;
	}
	printf("%llu\n", (unsigned long long)cycles);
	return 0;
}
