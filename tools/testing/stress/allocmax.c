/*
 * allocmax: under RLIMIT_AS set to what is mapped now plus a budget (64
 * MiB, or a quarter of free memory and half of free swap if that is
 * less), allocate in random
 * chunks -- mmap, then brk, then malloc -- touching every page, until the
 * allocation fails.  It must fail with ENOMEM, only once the chunk would
 * really cross the limit (mmap and brk), never with more mapped than the
 * limit; every page keeps its stamp.  After freeing everything, mmap must
 * reach as far again.  The bounded child runs it; this process keeps its
 * own limits.  One chunk in 8 is paged out once stamped (MADV_PAGEOUT:
 * with swap on it goes to swap and the stamps come back from there).
 */
#include "stress.h"
#include <malloc.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/sysinfo.h>

#define BUDGET		(64UL << 20)
#define MIN_CHUNK	16		/* pages */
#define MAX_CHUNK	256
#define MAX_CHUNKS	2048
#define EXIT_NO_LIMIT	3

struct chunk {
	unsigned char *p;
	size_t len;
};

static struct chunk chunks[MAX_CHUNKS];
static int nr_chunks;
static unsigned long limit;
static char maps[64 * 1024];

/* Bytes mapped now, the sum over /proc/self/maps (what RLIMIT_AS counts). */
static unsigned long mapped_now(void)
{
	unsigned long sum = 0;

	stress_read_proc("/proc/self/maps", maps, sizeof(maps));
	for (char *line = maps; line && *line; line = strchr(line, '\n'), line = line ? line + 1 : NULL) {
		char *end;
		unsigned long lo = strtoul(line, &end, 16);

		sum += strtoul(end + 1, NULL, 16) - lo;
	}
	return sum;
}

static size_t random_len(void)
{
	return (MIN_CHUNK + stress_below(MAX_CHUNK - MIN_CHUNK + 1)) * STRESS_PAGE;
}

static void stamp(int c)
{
	for (size_t off = 0; off < chunks[c].len; off += STRESS_PAGE)
		*(uint32_t *)(chunks[c].p + off) = (uint32_t)(c << 16) ^ (uint32_t)off;
}

static void verify(const char *how)
{
	for (int c = 0; c < nr_chunks; c++)
		for (size_t off = 0; off < chunks[c].len; off += STRESS_PAGE)
			if (*(uint32_t *)(chunks[c].p + off) != ((uint32_t)(c << 16) ^ (uint32_t)off))
				stress_fail("%s chunk %d lost its stamp at offset %zu", how, c, off);
}

/*
 * The allocation of @len bytes by @how failed with @err: it must be
 * ENOMEM, and (with @exact) the chunk must not have fit under the limit.
 */
static void check_failure(const char *how, size_t len, int err, int exact)
{
	unsigned long now = mapped_now();

	if (err != ENOMEM)
		stress_fail("%s of %zu KiB failed with %s, not ENOMEM", how, len >> 10,
			    stress_errname(err));
	if (exact && !stress_injecting && now + len <= limit)
		stress_fail("%s of %zu KiB failed with only %lu of %lu KiB mapped", how,
			    len >> 10, now >> 10, limit >> 10);
	if (now > limit)
		stress_fail("%lu KiB mapped under an RLIMIT_AS of %lu KiB", now >> 10,
			    limit >> 10);
}

/* Adds chunk @p of @len bytes and stamps it. */
static void add_chunk(void *p, size_t len)
{
	if (nr_chunks == MAX_CHUNKS)
		stress_fail("more than %d chunks fit under the limit", MAX_CHUNKS);
	chunks[nr_chunks].p = p;
	chunks[nr_chunks].len = len;
	stamp(nr_chunks++);
	if (!stress_below(8))
		stress_pageout(p, len, MADV_PAGEOUT);
}

/* mmap until ENOMEM; returns the bytes mapped, all unmapped again. */
static unsigned long fill_mmap(void)
{
	unsigned long total = 0;

	for (nr_chunks = 0;;) {
		size_t len = random_len();
		void *p = mmap(NULL, len, PROT_READ | PROT_WRITE,
			       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

		if (p == MAP_FAILED) {
			check_failure("mmap", len, errno, 1);
			break;
		}
		add_chunk(p, len);
		total += len;
	}
	verify("mmap");
	for (int c = 0; c < nr_chunks; c++)
		munmap(chunks[c].p, chunks[c].len);
	return total;
}

/* Grows brk until ENOMEM, then gives it all back. */
static void fill_brk(void)
{
	unsigned char *start = sbrk(0);

	for (nr_chunks = 0;;) {
		size_t len = random_len();
		void *p = sbrk((intptr_t)len);

		if (p == (void *)-1) {
			check_failure("brk", len, errno, 1);
			break;
		}
		add_chunk(p, len);
	}
	verify("brk");
	if (brk(start))
		stress_fail("brk back to its start: %s", strerror(errno));
}

/* malloc until NULL (glibc's overhead makes the end inexact), then free. */
static void fill_malloc(void)
{
	for (nr_chunks = 0;;) {
		size_t len = random_len();
		void *p = malloc(len);

		if (!p) {
			check_failure("malloc", len, errno, 0);
			break;
		}
		add_chunk(p, len);
	}
	verify("malloc");
	for (int c = 0; c < nr_chunks; c++)
		free(chunks[c].p);
}

/* The bounded child: sets RLIMIT_AS and runs every phase. */
__attribute__((noreturn))
static void bounded(unsigned long budget)
{
	struct rlimit lim;
	unsigned long first, again, before;

	limit = mapped_now() + budget;
	lim.rlim_cur = lim.rlim_max = limit;
	if (setrlimit(RLIMIT_AS, &lim)) {
		stress_diag("setrlimit(RLIMIT_AS, %lu KiB) failed with %s: skipped",
			    limit >> 10, stress_errname(errno));
		_exit(EXIT_NO_LIMIT);
	}
	first = fill_mmap();
	fill_brk();
	fill_malloc();
	malloc_trim(0);
	before = mapped_now();
	again = fill_mmap();
	if (!stress_injecting && before + again + MAX_CHUNK * STRESS_PAGE < limit)
		stress_fail("after freeing everything mmap reached only %lu KiB (with %lu "
			    "KiB mapped, under %lu KiB)", again >> 10, before >> 10, limit >> 10);
	stress_diag("mmap reached %lu of %lu KiB, twice; brk and malloc stopped at ENOMEM",
		    first >> 10, budget >> 10);
	_exit(0);
}

int main(int argc, char **argv)
{
	unsigned long budget = BUDGET;
	struct sysinfo si;
	int status;
	pid_t pid;

	stress_init(argc, argv);
	/*
	 * A quarter of free memory, and with swap on half the free swap too:
	 * then the budget can be more than free memory, and reclaim must swap.
	 */
	if (sysinfo(&si) == 0 && ((unsigned long long)si.freeram / 4 + si.freeswap / 2) *
				  si.mem_unit < budget)
		budget = (unsigned long)(((unsigned long long)si.freeram / 4 + si.freeswap / 2) *
					 si.mem_unit);
	budget &= ~(STRESS_PAGE - 1);
	pid = stress_fork();
	if (pid < 0)
		stress_syserr("fork");
	if (pid == 0)
		bounded(budget);
	status = stress_wait(pid);
	if (WIFEXITED(status) && WEXITSTATUS(status) == EXIT_NO_LIMIT)
		return 0;
	switch (stress_status(status, 0, "the bounded child")) {
	case STRESS_OK:
		return 0;
	case STRESS_SKIPPED:
		stress_skip("an allocation", ENOMEM);
	default:
		return STRESS_EXIT_FAIL;
	}
}
