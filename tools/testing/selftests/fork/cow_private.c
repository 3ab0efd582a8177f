/* cow_private: after fork, private memory is COW both ways, 3 deep. */
#include "../kselftest.h"
#include <sys/mman.h>

#define PAGES 4
#define SIZE (PAGES * KSFT_PAGE)

static unsigned char *region;
static int data_word = 0x1234;	/* .data: a private file-backed page */

static void fill(unsigned char *p, unsigned char seed)
{
	for (size_t i = 0; i < SIZE; i++)
		p[i] = (unsigned char)(seed + i * 7);
}

static int holds(const unsigned char *p, unsigned char seed)
{
	for (size_t i = 0; i < SIZE; i++)
		if (p[i] != (unsigned char)(seed + i * 7))
			return 0;
	return 1;
}

/* Parent writes after fork; the child, told afterwards, still sees 'A'. */
static int parent_writes(void)
{
	int go[2], status;
	char c;
	pid_t pid;

	fill(region, 'A');
	if (pipe(go))
		return 0;
	pid = fork();
	if (pid < 0)
		return 0;
	if (pid == 0) {
		close(go[1]);
		if (read(go[0], &c, 1) != 1)
			_exit(2);
		_exit(holds(region, 'A') ? 0 : 1);
	}
	close(go[0]);
	fill(region, 'B');
	if (write(go[1], "g", 1) != 1)
		return 0;
	close(go[1]);
	if (waitpid(pid, &status, 0) != pid)
		return 0;
	return KSFT_EXITED(status, 0) && holds(region, 'B');
}

static void child_fills_c(void *unused)
{
	(void)unused;
	if (!holds(region, 'A'))
		_exit(1);
	fill(region, 'C');
	if (!holds(region, 'C'))
		_exit(2);
}

/* Child writes; the parent keeps 'A'. */
static int child_writes(void)
{
	fill(region, 'A');
	return KSFT_EXITED(ksft_run_child(child_fills_c, NULL), 0) &&
	       holds(region, 'A');
}

static void touch_data_and_stack(void *stack_word)
{
	data_word = 0x5678;
	*(int *)stack_word = 0x5678;
}

/* .data and the stack are private too. */
static int data_and_stack(void)
{
	volatile int stack_word = 0x1234;
	int st = ksft_run_child(touch_data_and_stack, (void *)&stack_word);

	return KSFT_EXITED(st, 0) && data_word == 0x1234 &&
	       stack_word == 0x1234;
}

/* Generation g checks it inherited g-1's pattern, writes its own, lets
 * g+1 do the same, then checks its own pattern survived. */
static int generation(int g, int last)
{
	int status;
	pid_t pid;

	if (g > 0 && !holds(region, (unsigned char)('a' + g - 1)))
		return 0;
	fill(region, (unsigned char)('a' + g));
	if (g == last)
		return 1;
	pid = fork();
	if (pid < 0)
		return 0;
	if (pid == 0)
		_exit(generation(g + 1, last) ? 0 : 1);
	if (waitpid(pid, &status, 0) != pid || !KSFT_EXITED(status, 0))
		return 0;
	return holds(region, (unsigned char)('a' + g));
}

int main(void)
{
	ksft_plan(4);
	region = mmap(NULL, SIZE, PROT_READ | PROT_WRITE,
		      MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (region == MAP_FAILED) {
		ksft_diag("mmap: %s", strerror(errno));
		return 1;
	}
	ksft_ok(parent_writes(), "parent's write after fork is not seen by the child");
	ksft_ok(child_writes(), "child's write is not seen by the parent");
	ksft_ok(data_and_stack(), "child's writes to .data and stack stay private");
	ksft_ok(generation(0, 3), "three generations each keep their own pattern");
	ksft_exit();
}
