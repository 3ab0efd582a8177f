/* stack_growth: the stack grows on demand past 1 MiB, also in a child. */
#include "../kselftest.h"

#define FRAME 4096
#define LEVELS 320	/* 320 frames of 4 KiB: 1.25 MiB of stack */

/* Fills a 4 KiB local array, recurses, then checks the array is intact. */
__attribute__((noinline)) static unsigned long dive(int level)
{
	volatile unsigned char frame[FRAME];
	unsigned long sum = 0;

	for (int i = 0; i < FRAME; i++)
		frame[i] = (unsigned char)(level + i);
	if (level > 0)
		sum = dive(level - 1);
	for (int i = 0; i < FRAME; i++)
		if (frame[i] != (unsigned char)(level + i))
			return 0x80000000UL;	/* poisons the result */
	return sum + frame[level % FRAME];
}

static unsigned long expected(int levels)
{
	unsigned long sum = 0;

	for (int level = 0; level <= levels; level++)
		sum += (unsigned char)(level + level % FRAME);
	return sum;
}

static void deeper(void *unused)
{
	(void)unused;
	_exit(dive(LEVELS * 3 / 2) == expected(LEVELS * 3 / 2) ? 0 : 1);
}

int main(void)
{
	volatile unsigned char mine[FRAME];
	int st, ok = 1;

	ksft_plan(3);
	memset((void *)mine, 0x3c, FRAME);
	ksft_ok(dive(LEVELS) == expected(LEVELS),
		"%d levels of 4 KiB frames (%d KiB of stack)", LEVELS + 1,
		(LEVELS + 1) * FRAME / 1024);
	st = ksft_run_child(deeper, NULL);
	ksft_ok(KSFT_EXITED(st, 0),
		"a forked child grows it further, to 1.5 times the depth (status %#x)",
		st);
	for (int i = 0; i < FRAME; i++)
		if (mine[i] != 0x3c)
			ok = 0;
	ksft_ok(ok && dive(LEVELS) == expected(LEVELS),
		"parent's frames are intact and the stack still works");
	ksft_exit();
}
