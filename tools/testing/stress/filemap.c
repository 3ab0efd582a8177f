/*
 * filemap: a file mapped MAP_SHARED by a parent and written by several
 * children, each through its own or the inherited mapping, at pages
 * dealt out at random.  After msync and wait the parent finds every
 * child's pages through its mapping and through pread(); pages of a
 * MAP_PRIVATE mapping that the parent had copied (written) before keep
 * the parent's private data.  Finally the file is truncated: a page past
 * the new end gives SIGBUS.  The file and its directory are removed.
 */
#include "stress.h"
#include <sys/mman.h>
#include <sys/stat.h>

#define PAGES		48
#define FILE_SIZE	(PAGES * STRESS_PAGE)
#define WRITERS		4
#define ROUNDS		4

enum { KEY_CHILD, KEY_PRIVATE };

static unsigned long seed;
static char dir[256], path[300];
static int owner[PAGES];	/* which child writes page p */
static unsigned char buf[STRESS_PAGE];

static void cleanup(void)
{
	unlink(path);
	rmdir(dir);
}

/* Like stress_syserr(), but removes the file first. */
__attribute__((noreturn))
static void give_up(const char *what)
{
	int err = errno;

	if (getpid() == stress_top)
		cleanup();
	errno = err;
	stress_syserr(what);
}

static uint64_t page_key(int round, int p)
{
	return stress_key(seed, KEY_CHILD, (unsigned)(round * PAGES + p), owner[p]);
}

/* Child @w: writes its pages through @map, or through a fresh mapping. */
static void writer(int fd, unsigned char *map, int w, int round)
{
	int tries = 0;

	while (w & 1) {
		map = mmap(NULL, FILE_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
		if (map != MAP_FAILED)
			break;
		if (!stress_again(&tries))
			stress_syserr("mmap in a child");
	}
	for (int p = 0; p < PAGES; p++)
		if (owner[p] == w)
			stress_fill(map + p * STRESS_PAGE, STRESS_PAGE, page_key(round, p));
	while (msync(map, FILE_SIZE, MS_SYNC))
		if (!stress_again(&tries))
			stress_syserr("msync");
	_exit(0);
}

/* Runs the writers; returns 0 if all finished, 1 if some ran out. */
static int run_writers(int fd, unsigned char *map, int round)
{
	pid_t pids[WRITERS];
	int skipped = 0;

	for (int w = 0; w < WRITERS; w++) {
		int tries = 0;

		do
			pids[w] = fork();
		while (pids[w] < 0 && stress_again(&tries));
		if (pids[w] < 0 && !stress_resource(errno))
			stress_fail("fork: %s", strerror(errno));
		if (pids[w] == 0)
			writer(fd, map, w, round);
	}
	for (int w = 0; w < WRITERS; w++) {
		enum stress_verdict v = STRESS_SKIPPED;

		if (pids[w] > 0)
			v = stress_status(stress_wait(pids[w]), 0, "writer");
		if (v == STRESS_FAILED) {
			cleanup();
			_exit(STRESS_EXIT_FAIL);
		}
		skipped |= v != STRESS_OK;
	}
	return skipped;
}

/* Page @p as seen through @map and through pread(): both must match. */
static void check_page(int fd, const unsigned char *map, int round, int p)
{
	long bad = stress_check(map + p * STRESS_PAGE, STRESS_PAGE, page_key(round, p));
	int tries = 0;
	ssize_t n;

	if (bad >= 0) {
		cleanup();
		stress_fail("round %d: page %d of child %d differs at byte %ld in the "
			    "parent's MAP_SHARED mapping", round, p, owner[p], bad);
	}
	do
		n = pread(fd, buf, STRESS_PAGE, (off_t)p * STRESS_PAGE);
	while (n < 0 && stress_again(&tries));
	if (n < 0)
		give_up("pread");
	if (n != (ssize_t)STRESS_PAGE) {
		cleanup();
		stress_fail("round %d: pread of page %d returned %zd", round, p, n);
	}
	bad = stress_check(buf, STRESS_PAGE, page_key(round, p));
	if (bad >= 0) {
		cleanup();
		stress_fail("round %d: page %d of child %d differs at byte %ld through "
			    "pread()", round, p, owner[p], bad);
	}
}

/* The pages the parent wrote through its MAP_PRIVATE mapping are its own. */
static void check_private(const unsigned char *priv, int round)
{
	for (int p = 0; p < PAGES; p += 3) {
		uint64_t key = stress_key(seed, KEY_PRIVATE, (unsigned)(round * PAGES + p), 0);
		long bad = stress_check(priv + p * STRESS_PAGE, STRESS_PAGE, key);

		if (bad >= 0) {
			cleanup();
			stress_fail("round %d: MAP_PRIVATE page %d, copied before the "
				    "children wrote, differs at byte %ld", round, p, bad);
		}
	}
}

#define EXIT_SIGBUS	3	/* a child's SIGBUS handler ran */

/* Exits quietly, so the kernel does not log the expected SIGBUS. */
static void on_sigbus(int sig)
{
	(void)sig;
	_exit(EXIT_SIGBUS);
}

/* After truncating to half, a touch past the end must be SIGBUS. */
static void check_truncate(int fd, unsigned char *map)
{
	int status, tries = 0;
	pid_t pid;

	while (ftruncate(fd, FILE_SIZE / 2))
		if (!stress_again(&tries))
			give_up("ftruncate");
	pid = stress_fork();
	if (pid < 0)
		give_up("fork");
	if (pid == 0) {
		signal(SIGBUS, on_sigbus);
		map[FILE_SIZE - 1] = 1;
		_exit(0);
	}
	status = stress_wait(pid);
	if (WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL)
		return;
	if (!(WIFEXITED(status) && WEXITSTATUS(status) == EXIT_SIGBUS) &&
	    !(WIFSIGNALED(status) && WTERMSIG(status) == SIGBUS)) {
		cleanup();
		stress_fail("a store past the end of a truncated file gave status "
			    "%#x, not SIGBUS", status);
	}
}

static void deal_pages(void)
{
	for (int p = 0; p < PAGES; p++)
		owner[p] = (int)stress_below(WRITERS);
}

/* One round on a fresh file: returns 1 if a child ran out of memory. */
static int round_once(int round)
{
	unsigned char *map, *priv;
	int fd, skipped, tries = 0;

	do
		fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
	while (fd < 0 && stress_again(&tries));
	if (fd < 0)
		give_up("open");
	while (ftruncate(fd, FILE_SIZE))
		if (!stress_again(&tries))
			give_up("ftruncate");
	do
		map = mmap(NULL, FILE_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	while (map == MAP_FAILED && stress_again(&tries));
	do
		priv = mmap(NULL, FILE_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	while (priv == MAP_FAILED && stress_again(&tries));
	if (map == MAP_FAILED || priv == MAP_FAILED)
		give_up("mmap");
	for (int p = 0; p < PAGES; p += 3)
		stress_fill(priv + p * STRESS_PAGE, STRESS_PAGE,
			    stress_key(seed, KEY_PRIVATE, (unsigned)(round * PAGES + p), 0));
	deal_pages();
	skipped = run_writers(fd, map, round);
	for (int p = 0; !skipped && p < PAGES; p++)
		check_page(fd, map, round, p);
	check_private(priv, round);
	if (!skipped)
		check_truncate(fd, map);
	munmap(map, FILE_SIZE);
	munmap(priv, FILE_SIZE);
	close(fd);
	return skipped;
}

int main(int argc, char **argv)
{
	const char *base = getenv("STRESS_DIR");
	int skipped = 0, tries = 0;
	char *made;

	seed = stress_init(argc, argv);
	do {
		snprintf(dir, sizeof(dir), "%s/filemap-XXXXXX", base && *base ? base : "/tmp");
		made = mkdtemp(dir);
	} while (!made && stress_again(&tries));
	if (!made)
		stress_syserr("mkdtemp");
	snprintf(path, sizeof(path), "%s/file", dir);
	for (int round = 0; round < ROUNDS; round++)
		skipped |= round_once(round);
	cleanup();
	if (skipped)
		stress_skip("a writer's fork or page fault", ENOMEM);
	stress_diag("%d rounds of %d writers on a %lu KiB file: all pages seen", ROUNDS,
		    WRITERS, FILE_SIZE / 1024);
	return 0;
}
