/*
 * fpstate: the FPU state in a signal frame has Linux's i386 layout
 * (struct _fpstate_32: an FNSAVE-style header, magic 0, the FXSAVE image
 * at offset 112), and what a handler writes to the header is what the
 * program finds in its registers after sigreturn.
 */
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/ucontext.h>
#include <unistd.h>
#include <uapi/linux-ish/sigcontext.h>
#include "../kselftest.h"

static struct fpstate32 seen;
static int have_fpregs;

/* 80-bit extended values: 64-bit significand (explicit 1), sign+exponent. */
static int is_ext(const uint8_t *r, uint64_t mant, uint16_t exp)
{
	uint64_t m;
	uint16_t e;

	memcpy(&m, r, 8);
	memcpy(&e, r + 8, 2);
	return m == mant && e == exp;
}

static void on_usr1(int sig, siginfo_t *si, void *ctx)
{
	ucontext_t *uc = ctx;
	struct fpstate32 *fp = (struct fpstate32 *)uc->uc_mcontext.fpregs;
	uint64_t two = 0x8000000000000000ULL;
	uint16_t exp2 = 0x4000;

	(void)sig;
	(void)si;
	if (!fp)
		return;
	have_fpregs = 1;
	memcpy(&seen, fp, sizeof(seen));
	memcpy(fp->st[0], &two, 8);	/* st(0) := 2.0 */
	memcpy(fp->st[0] + 8, &exp2, 2);
}

int main(void)
{
	struct sigaction sa;
	double st0, st1;
	uint32_t mxcsr, fcw;
	unsigned int top;

	ksft_plan(7);
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_usr1;
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGUSR1, &sa, NULL);
	/* st(1) = pi, st(0) = 1.0, then kill(getpid(), SIGUSR1) with both loaded. */
	__asm__ __volatile__("fldpi\n\tfld1\n\tint $0x80\n\tfstpl %0\n\tfstpl %1"
			     : "=m"(st0), "=m"(st1)
			     : "a"(SYS_kill), "b"(getpid()), "c"(SIGUSR1)
			     : "memory", "cc");
	ksft_ok(have_fpregs, "the handler gets uc_mcontext.fpregs");
	ksft_ok(seen.magic == FPSTATE_MAGIC_FXSR, "magic 0: an FXSAVE image follows the header");
	ksft_ok((seen.cw & 0xffff) == 0x037f, "control word is the default 0x037f (%#x)",
		seen.cw & 0xffff);
	top = (seen.sw >> 11) & 7;
	ksft_ok(top == 6 && (seen.tag & 0xffff) == 0x0fff,
		"two registers pushed: TOP 6, tag word 0x0fff (TOP %u, tag %#x)", top,
		seen.tag & 0xffff);
	ksft_ok(is_ext(seen.st[0], 0x8000000000000000ULL, 0x3fff) &&
		is_ext(seen.st[1], 0xc90fdaa22168c235ULL, 0x4000),
		"st(0) = 1.0 and st(1) = pi in 80-bit form");
	memcpy(&fcw, seen.fxsave, 2);
	memcpy(&mxcsr, seen.fxsave + 24, 4);
	ksft_ok((fcw & 0xffff) == 0x037f && (mxcsr & 0xffbf) == 0x1f80,
		"the FXSAVE image at offset 112 (FCW %#x, MXCSR %#x)", fcw & 0xffff, mxcsr);
	ksft_ok(st0 == 2.0 && st1 > 3.14159 && st1 < 3.1416,
		"after sigreturn st(0) is the 2.0 the handler wrote, st(1) still pi");
	ksft_exit();
}
