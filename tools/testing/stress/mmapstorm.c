/*
 * mmapstorm: random mmap (MAP_FIXED, MAP_FIXED_NOREPLACE, a hint),
 * munmap and mprotect calls over a window of 256 pages, against a model
 * of every page: mapped or not, its protection, private or shared, and
 * the value last stored in it.  Every so often /proc/self/maps is parsed
 * and compared with the model page by page (VMAs may merge or split
 * however they like); readable pages must hold their value, writable
 * pages must keep a new one, a forked child sees the values as of fork
 * and its stores reach the parent only through shared pages, and a
 * store the protection forbids kills a child with SIGSEGV.
 *
 * A call that runs out of memory leaves the kernel's state partly
 * unknown (a failed MAP_FIXED may already have unmapped the old pages):
 * the model then takes the kernel's view of those pages from
 * /proc/self/maps and forgets their contents.  No malloc() is used, so
 * nothing but this program's own calls maps pages in the window.
 */
#include "stress.h"
#include <sys/mman.h>
#include <uapi/linux-ish/mman.h>

#define WIN		256		/* pages in the window */
#define MAX_RUN		16		/* pages per call, at most */
#define OPS		3000
#define MAPS_EVERY	100

struct page_model {
	unsigned char mapped;
	unsigned char prot;		/* PROT_* */
	unsigned char shared;
	unsigned char known;		/* val is what the page holds */
	uint32_t val;
};

static struct page_model model[WIN];
static unsigned char *win;
static char maps[128 * 1024];
static unsigned int resource_failures, child_skips;
static uint32_t stamp = 1;

static uint32_t *word(int i, int last)
{
	return (uint32_t *)(win + (size_t)i * STRESS_PAGE) + (last ? STRESS_PAGE / 4 - 1 : 0);
}

static void *page_addr(int i)
{
	return win + (size_t)i * STRESS_PAGE;
}

/* Reads /proc/self/maps into maps[]; skips the program if it cannot. */
static void read_maps(void)
{
	stress_read_proc("/proc/self/maps", maps, sizeof(maps));
}

/* The kernel's view of window page @i, from maps[]: 0 if unmapped. */
static int kernel_page(int i, int *prot, int *shared)
{
	unsigned long a = (unsigned long)page_addr(i);

	for (char *line = maps; *line; ) {
		char *end;
		unsigned long lo = strtoul(line, &end, 16);
		unsigned long hi = strtoul(end + 1, &end, 16);
		char *perm = end + 1;

		if (a >= lo && a < hi) {
			*prot = (perm[0] == 'r' ? PROT_READ : 0) |
				(perm[1] == 'w' ? PROT_WRITE : 0) |
				(perm[2] == 'x' ? PROT_EXEC : 0);
			*shared = perm[3] == 's';
			return 1;
		}
		line = strchr(line, '\n');
		if (!line)
			break;
		line++;
	}
	return 0;
}

/* Adopts the kernel's view of pages [lo, hi); @keep: contents survive. */
static void resync(int lo, int hi, int keep)
{
	read_maps();
	for (int i = lo; i < hi; i++) {
		int prot = 0, shared = 0;

		model[i].mapped = (unsigned char)kernel_page(i, &prot, &shared);
		model[i].prot = (unsigned char)prot;
		model[i].shared = (unsigned char)shared;
		model[i].known &= (unsigned char)(keep && model[i].mapped);
	}
}

/* Fails unless every window page is as the model says. */
static void compare_maps(const char *when)
{
	read_maps();
	for (int i = 0; i < WIN; i++) {
		int prot = 0, shared = 0, mapped = kernel_page(i, &prot, &shared);

		if (mapped != model[i].mapped)
			stress_fail("%s: page %d (%p) is %s in /proc/self/maps, %s in the "
				    "model", when, i, page_addr(i), mapped ? "mapped" : "absent",
				    model[i].mapped ? "mapped" : "absent");
		if (mapped && (prot != model[i].prot || shared != model[i].shared))
			stress_fail("%s: page %d (%p) has prot %d%s in /proc/self/maps, "
				    "prot %d%s in the model", when, i, page_addr(i), prot,
				    shared ? " shared" : "", model[i].prot,
				    model[i].shared ? " shared" : "");
	}
}

static void set_pages(int lo, int n, int prot, int shared)
{
	for (int i = lo; i < lo + n; i++) {
		model[i].mapped = 1;
		model[i].prot = (unsigned char)prot;
		model[i].shared = (unsigned char)shared;
		model[i].known = 1;
		model[i].val = 0;	/* fresh anonymous pages are zero */
	}
}

static int any_mapped(int lo, int n)
{
	for (int i = lo; i < lo + n; i++)
		if (model[i].mapped)
			return 1;
	return 0;
}

static int random_prot(void)
{
	static const int prots[] = { PROT_NONE, PROT_READ, PROT_READ | PROT_WRITE,
				     PROT_READ | PROT_WRITE, PROT_READ | PROT_EXEC };

	return prots[stress_below(sizeof(prots) / sizeof(prots[0]))];
}

/* A random run [*lo, *lo + *n) inside the window. */
static void random_run(int *lo, int *n)
{
	*lo = (int)stress_below(WIN);
	*n = 1 + (int)stress_below(MAX_RUN);
	if (*lo + *n > WIN)
		*n = WIN - *lo;
}

/* Counts a call that ran out of memory; fails on any other errno. */
static void call_failed(const char *call, int err)
{
	if (!stress_resource(err))
		stress_fail("%s: %s", call, strerror(err));
	resource_failures++;
}

static void op_map(int noreplace)
{
	int lo, n, prot = random_prot(), shared = stress_below(4) == 0;
	int flags = (shared ? MAP_SHARED : MAP_PRIVATE) | MAP_ANONYMOUS |
		    (noreplace ? MAP_FIXED_NOREPLACE : MAP_FIXED);
	int clash;
	void *p;

	random_run(&lo, &n);
	clash = noreplace && any_mapped(lo, n);
	p = mmap(page_addr(lo), (size_t)n * STRESS_PAGE, prot, flags, -1, 0);
	if (p == MAP_FAILED && clash && errno == EEXIST)
		return;
	if (p == MAP_FAILED && clash && stress_injecting && stress_resource(errno)) {
		/*
		 * Linnet sets up shared anonymous memory before it looks for
		 * the clash (Linux after).  The old pages must be intact.
		 */
		resource_failures++;
		return;
	}
	if (clash)
		stress_fail("MAP_FIXED_NOREPLACE over mapped pages %d..%d returned %p (%s)",
			    lo, lo + n - 1, p, p == MAP_FAILED ? strerror(errno) : "success");
	if (p == MAP_FAILED) {
		call_failed(noreplace ? "mmap MAP_FIXED_NOREPLACE" : "mmap MAP_FIXED", errno);
		resync(lo, lo + n, 0);
		return;
	}
	if (p != page_addr(lo))
		stress_fail("mmap with MAP_FIXED%s at %p returned %p",
			    noreplace ? "_NOREPLACE" : "", page_addr(lo), p);
	set_pages(lo, n, prot, shared);
}

/* A hint inside the window: wherever it lands, it must not overlap. */
static void op_hint(void)
{
	int lo, n, prot = random_prot();
	unsigned long len, a;
	unsigned char *p;
	long first, last;

	random_run(&lo, &n);
	len = (unsigned long)n * STRESS_PAGE;
	p = mmap(page_addr(lo), len, prot, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED) {
		call_failed("mmap with a hint", errno);
		return;
	}
	a = (unsigned long)p;
	if (a + len <= (unsigned long)win || a >= (unsigned long)page_addr(WIN)) {
		if (munmap(p, len))
			call_failed("munmap outside the window", errno);
		return;
	}
	first = (long)(a - (unsigned long)win) / (long)STRESS_PAGE;
	last = first + n - 1;
	for (long i = first < 0 ? 0 : first; i <= last && i < WIN; i++)
		if (model[i].mapped)
			stress_fail("mmap with a hint returned %p: over mapped page %ld", p, i);
	if (first >= 0 && last < WIN) {
		set_pages((int)first, n, prot, 0);
		return;
	}
	if (munmap(p, len)) {
		call_failed("munmap across the window's edge", errno);
		resync(0, WIN, 0);
	}
}

static void op_unmap(void)
{
	int lo, n;

	random_run(&lo, &n);
	if (munmap(page_addr(lo), (size_t)n * STRESS_PAGE)) {
		call_failed("munmap", errno);
		resync(lo, lo + n, 1);
		return;
	}
	for (int i = lo; i < lo + n; i++)
		model[i].mapped = model[i].known = 0;
}

static void op_protect(void)
{
	int lo, n, prot = random_prot();
	int hole;

	random_run(&lo, &n);
	hole = 0;
	for (int i = lo; i < lo + n; i++)
		hole |= !model[i].mapped;
	if (mprotect(page_addr(lo), (size_t)n * STRESS_PAGE, prot) == 0) {
		if (hole)
			stress_fail("mprotect over unmapped pages in %d..%d succeeded",
				    lo, lo + n - 1);
		for (int i = lo; i < lo + n; i++)
			model[i].prot = (unsigned char)prot;
		return;
	}
	if (!hole || errno != ENOMEM)
		call_failed("mprotect", errno);
	/* Linux changes the part before the hole; Linnet nothing: ask. */
	resync(lo, lo + n, 1);
}

/* A page's last word: the complement of its first, or 0 if fresh (val 0). */
static uint32_t last_word(uint32_t val)
{
	return val ? ~val : 0;
}

/* Reads and (where allowed) rewrites the values of pages [lo, lo + n). */
static void touch(int lo, int n, int write)
{
	for (int i = lo; i < lo + n; i++) {
		struct page_model *m = &model[i];

		if (!m->mapped)
			continue;
		if ((m->prot & PROT_READ) && m->known &&
		    (*word(i, 0) != m->val || *word(i, 1) != last_word(m->val)))
			stress_fail("page %d (%p) holds %#x/%#x, stored %#x", i, page_addr(i),
				    *word(i, 0), *word(i, 1), m->val);
		if (write && (m->prot & PROT_WRITE)) {
			m->val = stamp++;
			m->known = 1;
			*word(i, 0) = m->val;
			*word(i, 1) = ~m->val;
		}
	}
}

static void op_touch(void)
{
	int lo, n;

	random_run(&lo, &n);
	touch(lo, n, 1);
}

/* The value a forked child stores, derived from the parent's; never 0. */
static uint32_t child_val(int i)
{
	return (model[i].val ^ 0x5a5a0000 ^ (uint32_t)i) | 0x80000000;
}

static void child_stores(void)
{
	touch(0, WIN, 0);
	for (int i = 0; i < WIN; i++)
		if (model[i].mapped && (model[i].prot & PROT_WRITE)) {
			*word(i, 0) = child_val(i);
			*word(i, 1) = ~child_val(i);
		}
	_exit(0);
}

/* A child sees the values as of fork; its stores reach shared pages only. */
static void op_fork(void)
{
	enum stress_verdict v;
	pid_t pid = fork();

	if (pid < 0) {
		call_failed("fork", errno);
		return;
	}
	if (pid == 0)
		child_stores();
	v = stress_status(stress_wait(pid), 0, "a forked child");
	if (v == STRESS_FAILED)
		_exit(STRESS_EXIT_FAIL);
	child_skips += v == STRESS_SKIPPED;
	for (int i = 0; i < WIN; i++) {
		struct page_model *m = &model[i];

		if (!m->mapped || !m->shared || !(m->prot & PROT_WRITE))
			continue;
		m->known &= v == STRESS_OK;
		m->val = child_val(i);
	}
	touch(0, WIN, 0);
}

#define EXIT_SEGV	3	/* a child's SIGSEGV handler ran */

/* Exits quietly, so the kernel does not log every expected SIGSEGV. */
static void on_segv(int sig)
{
	(void)sig;
	_exit(EXIT_SEGV);
}

/* A child's access the protection forbids must end in SIGSEGV. */
static void op_forbidden(void)
{
	int i = (int)stress_below(WIN), status;
	int write = model[i].mapped && (model[i].prot & PROT_READ);
	pid_t pid;

	if (model[i].mapped && (model[i].prot & PROT_WRITE))
		return;
	pid = fork();
	if (pid < 0) {
		call_failed("fork", errno);
		return;
	}
	if (pid == 0) {
		signal(SIGSEGV, on_segv);
		if (write)
			*word(i, 0) = 1;
		else
			(void)*(volatile uint32_t *)word(i, 0);
		_exit(0);
	}
	status = stress_wait(pid);
	if (WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL)
		child_skips++;
	else if (!(WIFEXITED(status) && WEXITSTATUS(status) == EXIT_SEGV) &&
		 !(WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV))
		stress_fail("a %s of %s page %d gave status %#x, not SIGSEGV",
			    write ? "store" : "load", model[i].mapped ? "PROT_NONE" :
			    "an unmapped", i, status);
}

static void one_op(void)
{
	uint32_t r = stress_below(100);

	if (r < 20)
		op_map(0);
	else if (r < 28)
		op_map(1);
	else if (r < 34)
		op_hint();
	else if (r < 52)
		op_unmap();
	else if (r < 72)
		op_protect();
	else if (r < 97)
		op_touch();
	else if (r < 99)
		op_fork();
	else
		op_forbidden();
}

int main(int argc, char **argv)
{
	int tries = 0;

	stress_init(argc, argv);
	do
		win = mmap(NULL, WIN * STRESS_PAGE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS,
			   -1, 0);
	while (win == MAP_FAILED && stress_again(&tries));
	if (win == MAP_FAILED)
		stress_syserr("mmap of the window");
	while (munmap(win, WIN * STRESS_PAGE))
		if (!stress_again(&tries))
			stress_syserr("munmap of the window");
	compare_maps("at the start");
	for (int op = 1; op <= OPS; op++) {
		one_op();
		if (op % MAPS_EVERY == 0)
			compare_maps("after a batch of calls");
	}
	touch(0, WIN, 0);
	compare_maps("at the end");
	munmap(win, WIN * STRESS_PAGE);
	if (resource_failures || child_skips)
		stress_diag("%u calls ran out of memory, %u children were killed: "
			    "model resynchronised", resource_failures, child_skips);
	stress_diag("%d calls over %d pages: maps, protections and contents agree", OPS, WIN);
	return 0;
}
