/* shared_anon: MAP_SHARED|MAP_ANONYMOUS memory is shared across forks. */
#include "../kselftest.h"
#include <sys/mman.h>

#define PAGES 3
#define SIZE (PAGES * KSFT_PAGE)

static unsigned char *shared;

static void fill(unsigned char seed)
{
	for (size_t i = 0; i < SIZE; i++)
		shared[i] = (unsigned char)(seed ^ (i * 13));
}

static int holds(unsigned char seed)
{
	for (size_t i = 0; i < SIZE; i++)
		if (shared[i] != (unsigned char)(seed ^ (i * 13)))
			return 0;
	return 1;
}

static void child_fills(void *seed)
{
	fill((unsigned char)(unsigned long)seed);
}

static int child_writes(void)
{
	fill(1);
	return KSFT_EXITED(ksft_run_child(child_fills, (void *)2), 0) &&
	       holds(2);
}

/* The child waits on a pipe until the parent has written. */
static int parent_writes(void)
{
	int go[2], status;
	char c;
	pid_t pid;

	fill(3);
	if (pipe(go))
		return 0;
	pid = fork();
	if (pid < 0)
		return 0;
	if (pid == 0) {
		close(go[1]);
		if (read(go[0], &c, 1) != 1)
			_exit(2);
		_exit(holds(4) ? 0 : 1);
	}
	close(go[0]);
	fill(4);
	if (write(go[1], "g", 1) != 1)
		return 0;
	close(go[1]);
	return waitpid(pid, &status, 0) == pid && KSFT_EXITED(status, 0);
}

static void grandchild_fills(void *unused)
{
	(void)unused;
	if (!KSFT_EXITED(ksft_run_child(child_fills, (void *)6), 0))
		_exit(1);
	if (!holds(6))
		_exit(2);
}

/* A region inherited twice is still the same memory. */
static int grandchild_writes(void)
{
	fill(5);
	return KSFT_EXITED(ksft_run_child(grandchild_fills, NULL), 0) &&
	       holds(6);
}

int main(void)
{
	ksft_plan(3);
	shared = mmap(NULL, SIZE, PROT_READ | PROT_WRITE,
		      MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (shared == MAP_FAILED) {
		ksft_diag("mmap: %s", strerror(errno));
		return 1;
	}
	ksft_ok(child_writes(), "child's writes are seen by the parent");
	ksft_ok(parent_writes(), "parent's writes after fork are seen by the child");
	ksft_ok(grandchild_writes(), "grandchild's writes are seen by child and parent");
	ksft_exit();
}
