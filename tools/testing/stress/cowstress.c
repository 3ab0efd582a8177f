/*
 * cowstress: a tree of processes (3 children each, 3 generations below
 * the first) over private memory -- anonymous pages, .data, .bss and the
 * stack -- and a MAP_SHARED|MAP_ANONYMOUS region with one slot per node.
 *
 * Node n writes version v of its own pattern into every private buffer
 * right before forking its child v, and version v+1 right after.  So:
 *  - a child sees its parent's version v (memory as of fork), however
 *    the parent wrote meanwhile;
 *  - a parent finds its last version intact after its children wrote
 *    their own patterns into the same (COW-shared) pages;
 *  - every node fills its shared slot, and an ancestor sees the slots of
 *    all its descendants once it has waited for them.
 * With a swap area on, each node pages out a random part of its private
 * buffers (MADV_PAGEOUT) right before each fork and right after writing
 * its next version: children inherit swap entries and read them back
 * through the swap cache, parents find their own versions back from
 * swap after the children wrote theirs.
 */
#include "stress.h"
#include <sys/mman.h>

#define FANOUT		3
#define DEPTH		3			/* generations below the root */
#define NODES		40			/* 1 + 3 + 9 + 27 */
#define ANON_PAGES	24
#define ANON_SIZE	(ANON_PAGES * STRESS_PAGE)
#define DATA_SIZE	(2 * STRESS_PAGE)
#define STACK_SIZE	(2 * STRESS_PAGE)
#define SLOT_SIZE	(2 * STRESS_PAGE)

enum { KEY_ANON, KEY_DATA, KEY_BSS, KEY_STACK, KEY_SLOT };

/* A shared slot: data, then done = 1 written last by its owner. */
struct slot {
	unsigned char data[SLOT_SIZE - 64];
	volatile uint32_t done;
};

static unsigned long seed;
static unsigned char *anon;
static struct slot *slots;
static uint64_t data_buf[DATA_SIZE / 8] = { 1 };	/* in .data */
static uint64_t bss_buf[DATA_SIZE / 8];

static int child_id(int n, int c)
{
	return n * FANOUT + c + 1;
}

/* Writes version @ver of node @n's pattern into its private buffers. */
static void write_private(int n, int ver, uint64_t *stack)
{
	stress_fill(anon, ANON_SIZE, stress_key(seed, KEY_ANON, n, ver));
	stress_fill(data_buf, DATA_SIZE, stress_key(seed, KEY_DATA, n, ver));
	stress_fill(bss_buf, DATA_SIZE, stress_key(seed, KEY_BSS, n, ver));
	stress_fill(stack, STACK_SIZE, stress_key(seed, KEY_STACK, n, ver));
}

/*
 * Pages out a random part of node @n's private buffers (each buffer with
 * probability 1/2, the anonymous one as a random run of its pages).
 */
static void page_out_private(uint64_t *stack)
{
	size_t first = stress_below(ANON_PAGES), count = 1 + stress_below(ANON_PAGES - first);

	stress_pageout(anon + first * STRESS_PAGE, count * STRESS_PAGE, MADV_PAGEOUT);
	if (stress_below(2))
		stress_pageout(data_buf, DATA_SIZE, MADV_PAGEOUT);
	if (stress_below(2))
		stress_pageout(bss_buf, DATA_SIZE, MADV_PAGEOUT);
	if (stress_below(2))
		stress_pageout(stack, STACK_SIZE, stress_below(4) ? MADV_PAGEOUT : MADV_COLD);
}

/* Fails unless the private buffers hold version @ver of node @n. */
static void check_private(int n, int ver, const uint64_t *stack, const char *when)
{
	static const char *const names[] = { "anonymous", ".data", ".bss", "stack" };
	const void *bufs[] = { anon, data_buf, bss_buf, stack };
	size_t sizes[] = { ANON_SIZE, DATA_SIZE, DATA_SIZE, STACK_SIZE };

	for (int k = KEY_ANON; k <= KEY_STACK; k++) {
		long bad = stress_check(bufs[k], sizes[k], stress_key(seed, k, n, ver));

		if (bad >= 0)
			stress_fail("node %d %s: %s memory of node %d version %d "
				    "differs at byte %ld", n, when, names[k], n, ver, bad);
	}
}

static void fill_slot(int n)
{
	stress_fill(slots[n].data, sizeof(slots[n].data), stress_key(seed, KEY_SLOT, n, 0));
	__atomic_store_n(&slots[n].done, 1, __ATOMIC_RELEASE);
}

/*
 * Checks the slots of node @n's subtree: a finished slot must hold its
 * pattern; with @complete (the subtree exited 0) every slot must be done.
 */
static void check_slots(int observer, int n, int complete)
{
	if (n >= NODES)
		return;
	if (__atomic_load_n(&slots[n].done, __ATOMIC_ACQUIRE)) {
		long bad = stress_check(slots[n].data, sizeof(slots[n].data),
					stress_key(seed, KEY_SLOT, n, 0));
		if (bad >= 0)
			stress_fail("node %d: shared slot of node %d differs at byte %ld",
				    observer, n, bad);
	} else if (complete) {
		stress_fail("node %d: shared slot of node %d not visible after wait",
			    observer, n);
	}
	for (int c = 0; c < FANOUT; c++)
		check_slots(observer, child_id(n, c), complete);
}

static void node(int n, int depth, int parent, int pver, const uint64_t *pstack);

/* Forks child @c of node @n; returns its pid, or 0 if fork ran out. */
static pid_t spawn(int n, int c, int depth, const uint64_t *stack)
{
	pid_t pid;

	pid = stress_fork();
	if (pid < 0 && !stress_resource(errno))
		stress_fail("node %d: fork: %s", n, strerror(errno));
	if (pid == 0) {
		node(child_id(n, c), depth + 1, n, c, stack);
		_exit(0);
	}
	return pid > 0 ? pid : 0;
}

/*
 * Node @n at @depth: checks it inherited version @pver of its parent's
 * private memory (whose stack buffer is @pstack), then runs its children.
 * Exits only through _exit() in a child; returns in the root.
 */
static void node(int n, int depth, int parent, int pver, const uint64_t *pstack)
{
	uint64_t stack[STACK_SIZE / 8];
	pid_t pids[FANOUT] = { 0 };
	int skipped = 0;

	if (parent >= 0)
		check_private(parent, pver, pstack, "after fork");
	fill_slot(n);
	for (int c = 0; depth < DEPTH && c < FANOUT; c++) {
		write_private(n, c, stack);
		page_out_private(stack);
		pids[c] = spawn(n, c, depth, stack);
		skipped |= !pids[c];
		write_private(n, c + 1, stack);
		page_out_private(stack);
	}
	for (int c = 0; depth < DEPTH && c < FANOUT; c++) {
		enum stress_verdict v = STRESS_SKIPPED;

		if (pids[c])
			v = stress_status(stress_wait(pids[c]), 0, "child");
		if (v == STRESS_FAILED)
			_exit(STRESS_EXIT_FAIL);
		skipped |= v == STRESS_SKIPPED;
		check_slots(n, child_id(n, c), v == STRESS_OK);
	}
	if (depth < DEPTH)
		check_private(n, FANOUT, stack, "after its children wrote");
	if (skipped)
		stress_skip("fork or a child's page fault", ENOMEM);
}

int main(int argc, char **argv)
{
	seed = stress_init(argc, argv);
	for (int round = 0; round < 4; round++) {
		int tries = 0;

		do
			anon = mmap(NULL, ANON_SIZE, PROT_READ | PROT_WRITE,
				    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		while (anon == MAP_FAILED && stress_again(&tries));
		if (anon == MAP_FAILED)
			stress_syserr("mmap of private memory");
		do
			slots = mmap(NULL, NODES * sizeof(*slots), PROT_READ | PROT_WRITE,
				     MAP_SHARED | MAP_ANONYMOUS, -1, 0);
		while (slots == MAP_FAILED && stress_again(&tries));
		if (slots == MAP_FAILED)
			stress_syserr("mmap of shared memory");
		seed = seed * 31 + (unsigned long)round;
		node(0, 0, -1, 0, NULL);
		munmap(anon, ANON_SIZE);
		munmap(slots, NODES * sizeof(*slots));
	}
	stress_diag("4 rounds of %d processes: private and shared memory intact", NODES);
	return 0;
}
