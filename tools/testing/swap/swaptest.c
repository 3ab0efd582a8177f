/*
 * swaptest: issue 14's small-RAM swap scenarios (make test's run-swap
 * phase) and its acceptance run (make swap-accept), one static i386
 * program that runs on Linnet and on Linux 6.1 alike.  TAP lines; every
 * byte written is checked, with a pattern per process (pattern.h).
 *
 *   swaptest run RAM_MIB SWAPDEV EXT2DEV   run-swap: (a)-(d) and the leak check
 *   swaptest accept MIB                    the acceptance program
 *   swaptest verify-file PATH MIB          (host build) check the (c) file
 *
 * The scenarios, with R the guest's RAM:
 *   (a) anon      3 x R of anonymous memory written, then all verified
 *   (b) forktree  R of memory, half of it paged out (MADV_PAGEOUT), then a
 *                 fork tree of 3 generations (2 children, 4 grandchildren):
 *                 each child verifies what it inherited, rewrites its own
 *                 half and verifies again while its parent verifies its copy
 *   (c) file      a 4 x R file on ext2 mapped MAP_SHARED, written,
 *                 msync(MS_SYNC)ed, unmapped, read back with read()
 *   (d) swapoff   a process keeps paging out and touching MemTotal/4 while
 *                 swapoff runs: its data intact, every page back
 * Each prints its /proc/vmstat pswpin/pswpout deltas; (a), (b) and (d)
 * require both to move.  The leak check at the end: no swap slot used,
 * SwapCached 0, /proc/swaps empty after swapoff; on Linnet also the LRU
 * lists holding every anon and file page, counters no higher than the
 * baseline and the page-accounting invariant.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/swap.h>
#include <sys/utsname.h>
#include <sys/wait.h>

#ifndef MADV_PAGEOUT
#define MADV_PAGEOUT 21
#endif

#define MIB (1024UL * 1024)

/*
 * The TAP counts, in a MAP_SHARED page once main() has run: each
 * scenario runs in a child of its own and counts there.  A scenario
 * named in SWAPTEST_TODO is a known failure: its results carry "# TODO"
 * and do not count as failures, and it runs inside an "expected error
 * report" window (the harness then tolerates its OOM kills).
 */
struct counts { int tests, failures, todo_failed; };
static struct counts local_counts, *counts = &local_counts;
static int todo;

/* One whole line per write(2): children and parents share the console. */
static void say(const char *fmt, ...)
{
	char line[512];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(line, sizeof(line) - 1, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if (n > (int)sizeof(line) - 2)
		n = sizeof(line) - 2;
	line[n++] = '\n';
	if (write(1, line, n) < 0)
		return;
}

/* ---- the pattern: word i of a region under seed s ---- */

static inline uint32_t pattern_word(unsigned long i, uint32_t seed)
{
	return (uint32_t)i * 0x9e3779b1u ^ (seed * 0x85ebca77u + 0x27d4eb2fu);
}

/* A process's seed, from its name in the tree ("forktree.2.1"). */
static uint32_t pattern_seed(const char *name)
{
	uint32_t h = 2166136261u;

	while (*name)
		h = (h ^ (unsigned char)*name++) * 16777619u;
	return h;
}

/* p[k] = word first + k, for k < n: p is where the region's word @first lives. */
static void pattern_fill(uint32_t *p, unsigned long first, unsigned long n, uint32_t seed)
{
	for (unsigned long k = 0; k < n; k++)
		p[k] = pattern_word(first + k, seed);
}

/* Counts the words p[k] != word first + k (k < n); says where the first is. */
static unsigned long pattern_check(const uint32_t *p, unsigned long first, unsigned long n,
				   uint32_t seed, const char *ctx)
{
	unsigned long bad = 0;

	for (unsigned long k = 0; k < n; k++) {
		uint32_t want = pattern_word(first + k, seed);

		if (p[k] == want)
			continue;
		if (!bad++)
			say("# %s: word %lu (byte offset %#lx) is %#x, want %#x", ctx, first + k,
			    (first + k) * 4, p[k], want);
	}
	if (bad)
		say("# %s: %lu bad words in [%lu, %lu)", ctx, bad, first, first + n);
	return bad;
}

static void result(int good, const char *fmt, ...)
{
	char desc[400];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(desc, sizeof(desc), fmt, ap);
	va_end(ap);
	if (!good)
		__atomic_add_fetch(todo ? &counts->todo_failed : &counts->failures, 1,
				   __ATOMIC_SEQ_CST);
	say("%sok %d - %s%s", good ? "" : "not ",
	    __atomic_add_fetch(&counts->tests, 1, __ATOMIC_SEQ_CST), desc,
	    todo ? " # TODO known failure on Linnet (SWAPTEST_TODO)" : "");
}

static int on_linnet(void)
{
	struct utsname u;

	return uname(&u) == 0 && !strcmp(u.sysname, "Linnet");
}

/* ---- /proc readers ---- */

/*
 * Every buffer is static and touched before the leak check's baseline
 * (warm_up()), so that this process's own pages do not look like a leak.
 */
static char filebuf[16384];
static uint32_t iobuf[16384];	/* read() of the (c) file */
static uint64_t pmbuf[1024];	/* /proc/PID/pagemap entries */

/* Reads @path into filebuf (NUL-terminated); returns its length or -1. */
static ssize_t read_file(const char *path)
{
	ssize_t n, len = 0;
	int fd = open(path, O_RDONLY);

	if (fd < 0)
		return -1;
	while ((n = read(fd, filebuf + len, sizeof(filebuf) - 1 - len)) > 0)
		len += n;
	close(fd);
	filebuf[len] = '\0';
	return n < 0 ? -1 : len;
}

/* The number after "@key" at a line's start in @path (-1 if none). */
static long field(const char *path, const char *key)
{
	size_t klen = strlen(key);
	char *p;

	if (read_file(path) < 0)
		return -1;
	for (p = filebuf; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL)
		if (!strncmp(p, key, klen) && (p[klen] == ' ' || p[klen] == ':' || p[klen] == '\t'))
			return strtol(p + klen + 1 + strspn(p + klen + 1, " \t"), NULL, 10);
	return -1;
}

static long vmstat(const char *name) { return field("/proc/vmstat", name); }
static long meminfo(const char *name) { return field("/proc/meminfo", name); }

/* Lines of /proc/swaps after its header. */
static int swaps_lines(void)
{
	int n = 0;

	if (read_file("/proc/swaps") < 0)
		return -1;
	for (char *p = strchr(filebuf, '\n'); p && p[1]; p = strchr(p + 1, '\n'))
		n++;
	return n;
}

/* Swap in use, kB (SwapTotal - SwapFree). */
static long swap_used_kb(void)
{
	long total = meminfo("SwapTotal");

	return total - meminfo("SwapFree");
}

struct swpcount { long in, out; };

static void swpcount_take(struct swpcount *c)
{
	c->in = vmstat("pswpin");
	c->out = vmstat("pswpout");
}

/* Prints the deltas since @c0; requires both to move when @need. */
static void swpcount_report(const char *what, const struct swpcount *c0, int need)
{
	struct swpcount c;

	swpcount_take(&c);
	say("# %s: pswpout +%ld, pswpin +%ld (pages)", what, c.out - c0->out, c.in - c0->in);
	if (need)
		result(c.out > c0->out && c.in > c0->in,
		       "%s: /proc/vmstat pswpout (+%ld) and pswpin (+%ld) moved", what,
		       c.out - c0->out, c.in - c0->in);
}

/* ---- memory helpers ---- */

static uint32_t *map_anon(unsigned long bytes)
{
	void *p = mmap(NULL, bytes, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);

	if (p == MAP_FAILED) {
		say("# mmap %lu MiB: %s", bytes / MIB, strerror(errno));
		return NULL;
	}
	return p;
}

/* Waits for @pid; returns 1 if it exited 0, else says why. */
static int reaped_ok(pid_t pid, const char *who)
{
	int st;

	if (waitpid(pid, &st, 0) != pid) {
		say("# %s: waitpid: %s", who, strerror(errno));
		return 0;
	}
	if (WIFEXITED(st) && WEXITSTATUS(st) == 0)
		return 1;
	if (WIFSIGNALED(st))
		say("# %s: killed by signal %d", who, WTERMSIG(st));
	else
		say("# %s: exit status %d", who, WEXITSTATUS(st));
	return 0;
}

/* ---- (a) 3 x RAM of anonymous memory ---- */

static void scenario_anon(unsigned long mib)
{
	unsigned long bytes = mib * MIB, bad;
	struct swpcount c0;
	uint32_t *p;

	swpcount_take(&c0);
	p = map_anon(bytes);
	if (!p) {
		result(0, "anon: map %lu MiB", mib);
		return;
	}
	pattern_fill(p, 0, bytes / 4, 0xa11a);
	bad = pattern_check(p, 0, bytes / 4, 0xa11a, "anon");
	result(bad == 0, "anon: %lu MiB written and every byte verified (%lu bad words)",
	       mib, bad);
	/* A second pass reads it all back from swap again, in the other order. */
	bad = 0;
	for (unsigned long half = 2; half-- > 0; )
		bad += pattern_check(p + half * bytes / 8, half * bytes / 8, bytes / 8, 0xa11a, "anon pass 2");
	result(bad == 0, "anon: verified again, second half first (%lu bad words)", bad);
	munmap(p, bytes);
	swpcount_report("anon", &c0, 1);
}

/* ---- (b) the fork tree ---- */

/*
 * A process of the tree knows the seed of each half of the region: its
 * parent's view when it starts, then its own half rewritten.  Generation
 * g (1 = the root) rewrites half g % 2 after verifying what it inherited.
 */
struct tree {
	uint32_t *p;
	unsigned long words;	/* of the whole region */
	uint32_t seed[2];	/* per half, as this process must see it */
	int fanout;
	char name[24];
};

static unsigned long tree_check(const struct tree *t, const char *what)
{
	unsigned long half = t->words / 2, bad;
	char ctx[64];

	snprintf(ctx, sizeof(ctx), "%s %s", t->name, what);
	bad = pattern_check(t->p, 0, half, t->seed[0], ctx);
	return bad + pattern_check(t->p + half, half, t->words - half, t->seed[1], ctx);
}

static int tree_node(struct tree *t, int gen);

/* Forks t->fanout children of generation @gen, verifying our copy meanwhile. */
static int tree_children(struct tree *t, int gen)
{
	pid_t pid[4];
	int n = 0, good = 1;

	for (int i = 0; i < t->fanout; i++) {
		struct tree child = *t;

		snprintf(child.name, sizeof(child.name), "%.18s.%d", t->name, i + 1);
		pid[n] = fork();
		if (pid[n] == 0)
			_exit(tree_node(&child, gen) ? 0 : 1);
		if (pid[n] < 0) {
			say("# %s: fork: %s", t->name, strerror(errno));
			good = 0;
			break;
		}
		n++;
	}
	/* The parent's own copy, while its children rewrite theirs. */
	if (tree_check(t, "(parent, children running)")) {
		say("# %s: the parent's copy changed while its children ran", t->name);
		good = 0;
	}
	for (int i = 0; i < n; i++)
		good &= reaped_ok(pid[i], t->name);
	return good;
}

/* The life of a child of generation @gen (2 or 3); returns 1 if all held. */
static int tree_node(struct tree *t, int gen)
{
	unsigned long half = t->words / 2;
	int mine = gen % 2;
	uint32_t seed = pattern_seed(t->name);

	if (tree_check(t, "(inherited)"))
		return 0;
	t->seed[mine] = seed;
	pattern_fill(t->p + mine * half, mine * half, mine ? t->words - half : half, seed);
	if (tree_check(t, "(own half rewritten)"))
		return 0;
	if (gen < 3 && !tree_children(t, gen + 1))
		return 0;
	return tree_check(t, "(at exit)") == 0;
}

static void scenario_forktree(const char *what, unsigned long mib, int fanout)
{
	struct tree t = { .words = mib * MIB / 4, .fanout = fanout };
	unsigned long bytes = mib * MIB;
	struct swpcount c0;
	long used;

	swpcount_take(&c0);
	snprintf(t.name, sizeof(t.name), "%s", what);
	t.p = map_anon(bytes);
	if (!t.p) {
		result(0, "%s: map %lu MiB", what, mib);
		return;
	}
	t.seed[0] = t.seed[1] = pattern_seed(t.name);
	pattern_fill(t.p, 0, t.words, t.seed[0]);
	if (madvise(t.p, bytes / 2, MADV_PAGEOUT))
		say("# %s: madvise(MADV_PAGEOUT): %s", what, strerror(errno));
	used = swap_used_kb();
	result(used > 0, "%s: %lu MiB written, first half paged out: %ld kB of swap in use",
	       what, mib, used);
	result(tree_children(&t, 2),
	       "%s: %d generations (fan-out %d): each verified what it inherited, its own "
	       "rewritten half, and its copy while its children ran", what, 3, fanout);
	result(tree_check(&t, "(root, at the end)") == 0,
	       "%s: the root's copy is intact after the whole tree exited", what);
	munmap(t.p, bytes);
	swpcount_report(what, &c0, 1);
}

/* ---- (c) a 4 x RAM file, MAP_SHARED ---- */

#define FILE_SEED 0xf11e

static void scenario_file(const char *path, unsigned long mib)
{
	unsigned long bytes = mib * MIB, bad = 0, off = 0;
	uint32_t *buf = iobuf;
	struct swpcount c0;
	uint32_t *p;
	ssize_t n;
	int fd;

	swpcount_take(&c0);
	fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);
	if (fd < 0 || ftruncate(fd, bytes)) {
		result(0, "file: create %s of %lu MiB: %s", path, mib, strerror(errno));
		if (fd >= 0)
			close(fd);
		return;
	}
	p = mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (p == MAP_FAILED) {
		result(0, "file: mmap MAP_SHARED %lu MiB: %s", mib, strerror(errno));
		close(fd);
		return;
	}
	pattern_fill(p, 0, bytes / 4, FILE_SEED);
	errno = 0;
	result(msync(p, bytes, MS_SYNC) == 0, "file: %lu MiB written through MAP_SHARED, "
	       "msync(MS_SYNC) (%s)", mib, errno ? strerror(errno) : "0");
	result(munmap(p, bytes) == 0, "file: munmap");
	fd = (close(fd), open(path, O_RDONLY));
	n = fd < 0 ? -1 : 0;
	while (fd >= 0 && (n = read(fd, buf, sizeof(iobuf))) > 0) {
		bad += pattern_check(buf, off / 4, n / 4, FILE_SEED, "file read()");
		off += n;
	}
	result(n == 0 && off == bytes && bad == 0,
	       "file: read() gives back all %lu bytes as written (%lu bad words)", off, bad);
	if (fd >= 0)
		close(fd);
	swpcount_report("file", &c0, 0);
	say("# file: nr_dirty %ld, nr_writeback %ld after the read-back", vmstat("nr_dirty"),
	    vmstat("nr_writeback"));
}

/* ---- (d) swapoff under load ---- */

/*
 * The toucher: @bytes of memory, written once; then, until the parent closes
 * the pipe, passes of MADV_PAGEOUT over all of it and a check of every
 * page (which faults each back in).  Exits 0 if every check passed and
 * its VmSwap is 0 at the end.
 */
static int toucher(unsigned long bytes, int stop_fd, int ready_fd)
{
	uint32_t *p = map_anon(bytes);
	unsigned long passes = 0, bad = 0;
	char c = 'r';

	if (!p)
		return 1;
	pattern_fill(p, 0, bytes / 4, 0xd0ff);
	madvise(p, bytes, MADV_PAGEOUT);
	if (write(ready_fd, &p, sizeof(p)) != sizeof(p))
		return 1;
	fcntl(stop_fd, F_SETFL, O_NONBLOCK);
	while (read(stop_fd, &c, 1) < 0 && errno == EAGAIN) {
		madvise(p, bytes / 2 + (passes & 1) * bytes / 4, MADV_PAGEOUT);
		bad += pattern_check(p, 0, bytes / 4, 0xd0ff, "toucher");
		passes++;
	}
	bad += pattern_check(p, 0, bytes / 4, 0xd0ff, "toucher (last)");
	say("# swapoff: the toucher made %lu passes (pageout + check) during swapoff; "
	    "VmSwap %ld kB at the end", passes, field("/proc/self/status", "VmSwap"));
	/* Linux 6.1's VmSwap lags (a task's counts reach its mm every 64 faults). */
	return bad || passes == 0 || (on_linnet() && field("/proc/self/status", "VmSwap") != 0);
}

#define PM_SWAP (1ULL << 62)

/* Pages of [addr, addr + bytes) of process @pid that hold a swap entry (-1: error). */
static long swapped_pages(pid_t pid, uintptr_t addr, unsigned long bytes)
{
	uint64_t *ent = pmbuf;
	unsigned long pages = bytes / 4096, done = 0;
	long swapped = 0;
	char path[64];
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/pagemap", (int)pid);
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return -1;
	while (done < pages) {
		unsigned long n = pages - done < 1024 ? pages - done : 1024;
		ssize_t got = pread(fd, ent, n * 8, (off_t)((addr / 4096 + done) * 8));

		if (got != (ssize_t)(n * 8)) {
			swapped = -1;
			break;
		}
		for (unsigned long i = 0; i < n; i++)
			swapped += !!(ent[i] & PM_SWAP);
		done += n;
	}
	close(fd);
	return swapped;
}

/* SwapCached, kB; on Linux after its per-CPU counts are folded (each second). */
static long swapcached_settled(void)
{
	long kb = meminfo("SwapCached");

	for (int i = 0; kb && !on_linnet() && i < 3; i++) {
		sleep(1);
		kb = meminfo("SwapCached");
	}
	return kb;
}

/*
 * The toucher's size: a quarter of RAM, but all of swap must fit in RAM
 * after swapoff, or the OOM killer takes swapoff's caller (Linux 6.1 has
 * 24 MiB of a 40 MiB machine, and its tmpfs root is in swap too).
 */
static unsigned long toucher_mib(void)
{
	long quarter = meminfo("MemTotal") / 4, room = (meminfo("MemAvailable") - swap_used_kb()) / 2;
	long kb = quarter < room ? quarter : room;

	say("# swapoff: the toucher gets %ld kB (MemTotal/4 %ld, (MemAvailable - swap used)/2 %ld)",
	    kb, quarter, room);
	return kb > 1024 ? kb / 1024 : 1;
}

static void scenario_swapoff(const char *dev, unsigned long mib)
{
	int stop[2], ready[2];
	struct swpcount c0;
	uint32_t *region;
	long before;
	pid_t pid;
	int rc;

	swpcount_take(&c0);
	if (pipe(stop) || pipe(ready)) {
		result(0, "swapoff: pipe");
		return;
	}
	pid = fork();
	if (pid == 0) {
		close(stop[1]);
		close(ready[0]);
		_exit(toucher(mib * MIB, stop[0], ready[1]));
	}
	close(stop[0]);
	close(ready[1]);
	if (pid < 0 || read(ready[0], &region, sizeof(region)) != sizeof(region)) {
		result(0, "swapoff: the toucher did not start");
		return;
	}
	usleep(200 * 1000);
	before = swapped_pages(pid, (uintptr_t)region, mib * MIB);
	say("# swapoff: %ld kB of swap in use as swapoff starts, %ld of the toucher's pages",
	    swap_used_kb(), before);
	rc = swapoff(dev);
	result(rc == 0, "swapoff(%s) while a process keeps paging out and touching %lu MiB "
	       "(returned %d%s%s)", dev, mib, rc, rc ? ", " : "", rc ? strerror(errno) : "");
	result(swapped_pages(pid, (uintptr_t)region, mib * MIB) == 0,
	       "swapoff: /proc/%d/pagemap shows none of the toucher's pages in swap (%ld before)",
	       (int)pid, before);
	close(stop[1]);
	result(reaped_ok(pid, "toucher"),
	       "swapoff: the toucher's data intact in every pass (and on Linnet VmSwap 0 at its end)");
	result(swaps_lines() == 0, "swapoff: /proc/swaps lists no area");
	result(meminfo("SwapTotal") == 0 && meminfo("SwapFree") == 0,
	       "swapoff: SwapTotal %ld kB, SwapFree %ld kB", meminfo("SwapTotal"),
	       meminfo("SwapFree"));
	result(swapcached_settled() == 0, "swapoff: SwapCached %ld kB", meminfo("SwapCached"));
	swpcount_report("swapoff", &c0, 1);
}

/* ---- the leak check ---- */

static const char *const lru_names[] = {
	"nr_inactive_anon", "nr_active_anon", "nr_inactive_file", "nr_active_file",
	"nr_unevictable",
};

struct baseline { long anon, file, tables, slab; };

static void drop_caches(void)
{
	int fd = open("/proc/sys/vm/drop_caches", O_WRONLY);

	sync();
	if (fd >= 0) {
		if (write(fd, "3", 1) != 1)
			say("# drop_caches: %s", strerror(errno));
		close(fd);
	}
}

static void baseline_take(struct baseline *b)
{
	drop_caches();
	b->anon = vmstat("nr_anon_pages");
	b->file = vmstat("nr_file_pages");
	b->tables = vmstat("nr_page_table_pages");
	b->slab = vmstat("nr_slab_unreclaimable");
}

/* VmSwap of every process, kB: what the live processes' PTEs name. */
static long vmswap_all_kb(void)
{
	DIR *dir = opendir("/proc");
	struct dirent *d;
	char path[64];
	long sum = 0, v;

	if (!dir)
		return -1;
	while ((d = readdir(dir)))
		if (d->d_name[0] >= '1' && d->d_name[0] <= '9') {
			snprintf(path, sizeof(path), "/proc/%.20s/status", d->d_name);
			v = field(path, "VmSwap");
			if (v > 0)
				sum += v;
		}
	closedir(dir);
	return sum;
}

/*
 * After (a)-(c) exited, the slots in use are those of the processes
 * still alive (init, the shell and us, whose idle pages reclaim may have
 * sent out): no more than their VmSwap and the swap cache (a page whose
 * last swap PTE went while its write was in flight keeps its slot until
 * reclaim takes it).  Linux keeps slots in its swap cache and swaps out its
 * tmpfs root's pages too, which no VmSwap shows: there it is only shown.
 */
static void swap_idle_checks(void)
{
	long used = swap_used_kb(), named = vmswap_all_kb(), cached = meminfo("SwapCached");

	if (!on_linnet()) {
		result(1, "leak: after (a)-(c) %ld kB of swap in use, the live processes' VmSwap "
		       "%ld kB, SwapCached %ld kB # SKIP not Linnet: Linux swaps its tmpfs root "
		       "too", used, named, cached);
		return;
	}
	result(used <= named + cached, "leak: after (a)-(c) %ld kB of swap in use, no more than "
	       "the live processes' VmSwap %ld kB + SwapCached %ld kB", used, named, cached);
}

/* Linnet only (Linux keeps pages it may reuse): the counters came back. */
static void leak_check(const struct baseline *b)
{
	struct baseline now;
	long lru = 0;
	int tries = 0;

	if (!on_linnet()) {
		result(1, "leak: counters back at the baseline # SKIP not Linnet");
		return;
	}
	do {
		if (tries)
			sleep(1);
		baseline_take(&now);
	} while ((now.anon > b->anon || now.file > b->file || now.tables > b->tables) &&
		 ++tries < 5);
	result(now.anon <= b->anon && now.file <= b->file && now.tables <= b->tables,
	       "leak: nr_anon_pages %ld (baseline %ld), nr_file_pages %ld (%ld), "
	       "nr_page_table_pages %ld (%ld); slab %ld (%ld)", now.anon, b->anon, now.file,
	       b->file, now.tables, b->tables, now.slab, b->slab);
	for (unsigned i = 0; i < sizeof(lru_names) / sizeof(lru_names[0]); i++)
		lru += vmstat(lru_names[i]);
	now.anon = vmstat("nr_anon_pages");
	now.file = vmstat("nr_file_pages");
	result(lru == now.anon + now.file,
	       "leak: the LRU lists hold every anon and file page (%ld = %ld + %ld)", lru,
	       now.anon, now.file);
	if (read_file("/sys/kernel/debug/page_accounting") < 0)
		result(0, "leak: /sys/kernel/debug/page_accounting unreadable");
	else
		result(strstr(filebuf, "invariant: ok") != NULL,
		       "leak: page accounting invariant (%.*s)",
		       (int)strcspn(strstr(filebuf, "invariant:") ?: "?", "\n"),
		       strstr(filebuf, "invariant:") ?: "?");
}

/* ---- drivers ---- */

/* The plan and the summary line the harness looks for; 1 if anything failed. */
static int summary(void)
{
	say("1..%d", counts->tests);
	say("# swaptest: %d passed, %d failed, %d known failures (TODO)",
	    counts->tests - counts->failures - counts->todo_failed, counts->failures,
	    counts->todo_failed);
	return counts->failures != 0;
}

/* Scenario @c runs unless SWAPTEST_ONLY (e.g. "cd", for a repro) leaves it out. */
static int wanted(char c)
{
	const char *only = getenv("SWAPTEST_ONLY");

	return !only || !*only || strchr(only, c);
}

static struct { unsigned long ram; const char *swapdev, *ext2dev; } cfg;

static void do_anon(void) { scenario_anon(3 * cfg.ram); }
static void do_forktree(void) { scenario_forktree("forktree", cfg.ram, 2); }
static void do_swapoff(void) { scenario_swapoff(cfg.swapdev, toucher_mib()); }

static void do_file(void)
{
	if (mount(cfg.ext2dev, "/mnt", "ext2", 0, NULL)) {
		result(0, "mount %s on /mnt as ext2: %s", cfg.ext2dev, strerror(errno));
		return;
	}
	scenario_file("/mnt/big", 4 * cfg.ram);
	errno = 0;
	result(umount("/mnt") == 0, "umount /mnt (%s)", errno ? strerror(errno) : "0");
}

/* After (c)'s process, even one that was killed: /mnt unmounted. */
static void file_cleanup(void)
{
	if (read_file("/proc/mounts") >= 0 && strstr(filebuf, " /mnt ")) {
		say("# /mnt is still mounted: unmounting it");
		if (umount("/mnt"))
			say("# umount /mnt: %s", strerror(errno));
	}
}

/*
 * The scenario's descendants that outlived it (its process was killed:
 * they are init's now) are killed too, and gone before the next one.
 */
static void end_group(pid_t pgid, const char *name)
{
	int i;

	if (kill(-pgid, 0))
		return;
	say("# %s: processes of its group are left: killing them", name);
	kill(-pgid, SIGKILL);
	for (i = 0; i < 200 && !kill(-pgid, 0); i++)
		usleep(50 * 1000);
	if (i == 200)
		say("# %s: its group is still there 10 s after SIGKILL", name);
}

/*
 * Runs scenario @letter (unless SWAPTEST_ONLY leaves it out) in a child
 * of its own: a crash or an OOM kill ends only it.  Then @cleanup, if any.
 */
static void scenario(char letter, const char *name, void (*fn)(void), void (*cleanup)(void))
{
	const char *todo_list = getenv("SWAPTEST_TODO");
	pid_t pid;

	if (!wanted(letter))
		return;
	todo = todo_list && strchr(todo_list, letter);
	if (todo)
		say("# expected error report begins: scenario (%c) %s is a known failure on "
		    "Linnet (SWAPTEST_TODO=%s)", letter, name, todo_list);
	pid = fork();
	if (pid == 0) {
		setpgid(0, 0);
		fn();
		_exit(0);
	}
	if (pid > 0)
		setpgid(pid, pid);
	result(pid > 0 && reaped_ok(pid, name), "(%c) %s: its process exited normally", letter,
	       name);
	if (pid > 0)
		end_group(pid, name);
	if (cleanup)
		cleanup();
	if (todo)
		say("# expected error report ends: scenario (%c) %s", letter, name);
	todo = 0;
}

static int run(unsigned long ram, const char *swapdev, const char *ext2dev)
{
	struct baseline b;

	say("# swaptest run: RAM %lu MiB, swap %s, ext2 %s", ram, swapdev, ext2dev);
	result(swaps_lines() == 1 && swap_used_kb() == 0,
	       "swapon'd: /proc/swaps lists one area, none of it used");
	/* Warm-up: our buffers and opendir's are ours before the baseline. */
	memset(iobuf, 0, sizeof(iobuf));
	memset(pmbuf, 0, sizeof(pmbuf));
	vmswap_all_kb();
	swapped_pages(getpid(), (uintptr_t)iobuf, sizeof(iobuf));
	baseline_take(&b);
	cfg.ram = ram;
	cfg.swapdev = swapdev;
	cfg.ext2dev = ext2dev;
	mkdir("/mnt", 0755);
	scenario('a', "anon", do_anon, NULL);
	scenario('b', "forktree", do_forktree, NULL);
	scenario('c', "file", do_file, file_cleanup);
	swap_idle_checks();
	scenario('d', "swapoff", do_swapoff, NULL);
	if (swaps_lines() > 0 && swapoff(swapdev))	/* (d) left out, or it failed */
		say("# swapoff %s: %s", swapdev, strerror(errno));
	leak_check(&b);
	return summary();
}

/* The acceptance program: MIB written and verified, a child, a tree. */
static unsigned long accept_mib;

static void do_accept_anon(void) { scenario_anon(accept_mib); }
static void do_accept_tree(void) { scenario_forktree("accept-tree", accept_mib, 1); }

/* A child checks the memory and rewrites half while the parent checks its copy. */
static void do_accept_child(void)
{
	struct tree t = { .words = accept_mib * MIB / 4, .fanout = 1 };
	unsigned long bytes = accept_mib * MIB;
	pid_t pid;

	snprintf(t.name, sizeof(t.name), "accept");
	t.p = map_anon(bytes);
	if (!t.p) {
		result(0, "accept: map %lu MiB", accept_mib);
		return;
	}
	t.seed[0] = t.seed[1] = pattern_seed(t.name);
	pattern_fill(t.p, 0, t.words, t.seed[0]);
	pid = fork();
	if (pid == 0) {
		struct tree c = t;

		snprintf(c.name, sizeof(c.name), "accept.child");
		c.fanout = 0;
		_exit(tree_node(&c, 3) ? 0 : 1);
	}
	result(pid > 0 && tree_check(&t, "(parent)") == 0 && reaped_ok(pid, "accept.child"),
	       "accept: %lu MiB: a forked child verified it and rewrote half while the parent "
	       "verified its copy", accept_mib);
	munmap(t.p, bytes);
}

static int accept(unsigned long mib)
{
	struct swpcount c0;

	accept_mib = mib;
	swpcount_take(&c0);
	say("# swaptest accept: %lu MiB of anonymous memory", mib);
	scenario('a', "anon", do_accept_anon, NULL);
	scenario('b', "child", do_accept_child, NULL);
	scenario('c', "tree", do_accept_tree, NULL);
	swpcount_report("accept (all)", &c0, 1);
	return summary();
}

/* Host side: the (c) file as debugfs dumped it, every byte. */
static int verify_file(const char *path, unsigned long mib)
{
	static uint32_t buf[16384];
	unsigned long off = 0, bad = 0;
	int fd = open(path, O_RDONLY);
	ssize_t n = -1;

	while (fd >= 0 && (n = read(fd, buf, sizeof(buf))) > 0) {
		bad += pattern_check(buf, off / 4, n / 4, FILE_SEED, "host");
		off += n;
	}
	printf("%lu bytes, %lu bad words\n", off, bad);
	return !(n == 0 && off == mib * MIB && bad == 0);
}

int main(int argc, char **argv)
{
	void *shared = mmap(NULL, sizeof(*counts), PROT_READ | PROT_WRITE,
			    MAP_SHARED | MAP_ANONYMOUS, -1, 0);

	setvbuf(stdout, NULL, _IONBF, 0);
	if (shared != MAP_FAILED)
		counts = shared;
	if (argc == 5 && !strcmp(argv[1], "run"))
		return run(strtoul(argv[2], NULL, 0), argv[3], argv[4]);
	if (argc == 3 && !strcmp(argv[1], "accept"))
		return accept(strtoul(argv[2], NULL, 0));
	if (argc == 4 && !strcmp(argv[1], "verify-file"))
		return verify_file(argv[2], strtoul(argv[3], NULL, 0));
	fprintf(stderr, "usage: swaptest run RAM_MIB SWAPDEV EXT2DEV | accept MIB | "
		"verify-file PATH MIB\n");
	return 2;
}
