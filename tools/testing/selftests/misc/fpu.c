/* fpu: x87/SSE state is per process, inherited by fork, reset by exec. */
#include "../kselftest.h"
#include <fenv.h>
#include <sched.h>

#define ITERS 1000000
#define YIELD_EVERY 8192	/* interleave the two processes often */

/* The logistic map at r = 3.9 is chaotic: a single wrong bit anywhere in
 * the FPU state grows into a completely different result. */
__attribute__((noinline)) static long double x87_run(long double x)
{
	for (int i = 1; i <= ITERS; i++) {
		x = 3.9L * x * (1.0L - x);
		if (i % YIELD_EVERY == 0)
			sched_yield();
	}
	return x;
}

#pragma GCC push_options
#pragma GCC target("sse2")
#include <emmintrin.h>
/* Two lanes of the same map in XMM registers; returns both lanes summed
 * as raw bits so the comparison is exact. */
__attribute__((noinline)) static unsigned long long sse_run(double a, double b)
{
	__m128d x = _mm_set_pd(a, b), r = _mm_set1_pd(3.9), one = _mm_set1_pd(1.0);
	double out[2];
	unsigned long long bits[2];

	for (int i = 1; i <= ITERS; i++) {
		x = _mm_mul_pd(_mm_mul_pd(r, x), _mm_sub_pd(one, x));
		if (i % YIELD_EVERY == 0)
			sched_yield();
	}
	_mm_storeu_pd(out, x);
	memcpy(bits, out, sizeof(bits));
	return bits[0] * 31 + bits[1];
}

static unsigned int get_mxcsr(void)
{
	return (unsigned int)_mm_getcsr();
}
#pragma GCC pop_options

static unsigned short get_x87_cw(void)
{
	unsigned short cw;

	__asm__ volatile("fnstcw %0" : "=m"(cw));
	return cw;
}

static int same(long double a, long double b)
{
	return memcmp(&a, &b, 10) == 0;	/* all 80 bits */
}

/* Parent and child compute at once, with different inputs and (when
 * child_mode differs from FE_TONEAREST) different rounding modes. */
static int concurrent(int sse, int child_mode)
{
	long double px = 0, cx = 0, want_p, want_c;
	unsigned long long ps = 0, want_ps, want_cs;
	int st;
	pid_t pid;

	want_p = x87_run(0.123L);
	want_ps = sse_run(0.25, 0.375);
	fesetround(child_mode);
	want_c = x87_run(0.456L);
	want_cs = sse_run(0.5625, 0.6875);
	fesetround(FE_TONEAREST);

	pid = fork();
	if (pid < 0)
		return 0;
	if (pid == 0) {
		fesetround(child_mode);
		if (sse)
			_exit(sse_run(0.5625, 0.6875) == want_cs &&
			      fegetround() == child_mode ? 0 : 1);
		cx = x87_run(0.456L);
		_exit(same(cx, want_c) && fegetround() == child_mode ? 0 : 1);
	}
	if (sse)
		ps = sse_run(0.25, 0.375);
	else
		px = x87_run(0.123L);
	if (waitpid(pid, &st, 0) != pid)
		return 0;
	return KSFT_EXITED(st, 0) && fegetround() == FE_TONEAREST &&
	       (sse ? ps == want_ps : same(px, want_p));
}

static void child_sees_upward(void *unused)
{
	(void)unused;
	_exit(fegetround() == FE_UPWARD && (get_x87_cw() & 0xc00) == 0x800 &&
	      (get_mxcsr() & 0x6000) == 0x4000 ? 0 : 1);
}

static int fork_inherits(void)
{
	int st;

	fesetround(FE_UPWARD);
	st = ksft_run_child(child_sees_upward, NULL);
	fesetround(FE_TONEAREST);
	return KSFT_EXITED(st, 0);
}

/* After execve the x87 control word and MXCSR are the defaults again. */
static int exec_resets(char *self)
{
	char *argv[] = { "fpu-exec-child", NULL }, *envp[] = { NULL };
	int st;
	pid_t pid;

	fesetround(FE_DOWNWARD);
	pid = fork();
	if (pid == 0) {
		execve(self, argv, envp);
		_exit(127);
	}
	fesetround(FE_TONEAREST);
	return pid > 0 && waitpid(pid, &st, 0) == pid && KSFT_EXITED(st, 0);
}

int main(int argc, char **argv)
{
	(void)argc;
	if (!strcmp(argv[0], "fpu-exec-child"))
		return get_x87_cw() == 0x37f && get_mxcsr() == 0x1f80 ? 0 : 1;

	ksft_plan(5);
	ksft_ok(concurrent(0, FE_TONEAREST),
		"x87: parent and child compute at once, both exact");
	ksft_ok(concurrent(1, FE_TONEAREST),
		"SSE: parent and child compute at once, both exact");
	ksft_ok(concurrent(0, FE_TOWARDZERO) && concurrent(1, FE_TOWARDZERO),
		"child rounding toward zero, parent to nearest: both exact");
	ksft_ok(fork_inherits(), "fork copies the rounding mode (x87 CW and MXCSR)");
	ksft_ok(exec_resets(argv[0]), "execve resets x87 CW to 0x37f and MXCSR to 0x1f80");
	ksft_exit();
}
