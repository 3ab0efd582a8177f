/*
 * sigaltstack: what it reports inside and outside a handler running on the
 * alternate stack, SS_AUTODISARM (the stack is disarmed while the handler
 * runs, uc_stack holds the settings, sigreturn brings them back), EPERM
 * while on it, and Linux's EINVAL/ENOMEM.
 */
#include <signal.h>
#include <stdint.h>
#include <ucontext.h>
#include "../kselftest.h"

#ifndef SS_AUTODISARM
#define SS_AUTODISARM (1U << 31)
#endif

static char stack_mem[65536];
static volatile int in_flags, uc_flags, on_alt, set_err;
static volatile uintptr_t uc_sp;

static void handler(int sig, siginfo_t *si, void *ctx)
{
	ucontext_t *uc = ctx;
	stack_t now, other = { .ss_sp = stack_mem, .ss_size = sizeof(stack_mem) };
	char here;

	(void)sig;
	(void)si;
	on_alt = &here >= stack_mem && &here < stack_mem + sizeof(stack_mem);
	sigaltstack(NULL, &now);
	in_flags = now.ss_flags;
	uc_flags = uc->uc_stack.ss_flags;
	uc_sp = (uintptr_t)uc->uc_stack.ss_sp;
	set_err = sigaltstack(&other, NULL) == 0 ? 0 : errno;
}

static int install(int flags)
{
	stack_t ss = { .ss_sp = stack_mem, .ss_size = sizeof(stack_mem), .ss_flags = flags };

	return sigaltstack(&ss, NULL);
}

int main(void)
{
	struct sigaction sa = { .sa_sigaction = handler, .sa_flags = SA_SIGINFO | SA_ONSTACK };
	stack_t ss = { .ss_sp = stack_mem, .ss_size = 1024 }, now;
	int ran;

	ksft_plan(7);
	sigaction(SIGUSR1, &sa, NULL);

	ksft_ok(sigaltstack(NULL, &now) == 0 && now.ss_flags == SS_DISABLE,
		"no alternate stack at first: SS_DISABLE");

	ran = install(0) == 0 && raise(SIGUSR1) == 0;
	ksft_ok(ran && on_alt && in_flags == SS_ONSTACK &&
		set_err == EPERM && uc_flags == 0 && uc_sp == (uintptr_t)stack_mem,
		"a handler on it: SS_ONSTACK, sigaltstack EPERM, uc_stack the settings (%d, %d, %#x)",
		in_flags, set_err, uc_flags);

	ran = install(SS_AUTODISARM) == 0 && sigaltstack(NULL, &now) == 0;
	ksft_ok(ran && now.ss_flags == (int)SS_AUTODISARM, "SS_AUTODISARM is reported back (%#x)",
		now.ss_flags);
	ran = raise(SIGUSR1) == 0;
	ksft_ok(ran && on_alt && in_flags == SS_DISABLE && set_err == 0 &&
		uc_flags == (int)SS_AUTODISARM,
		"with SS_AUTODISARM the handler sees SS_DISABLE and may set one (%#x, %d, uc %#x)",
		in_flags, set_err, uc_flags);
	ran = sigaltstack(NULL, &now) == 0;
	ksft_ok(ran && now.ss_flags == (int)SS_AUTODISARM &&
		now.ss_sp == stack_mem && now.ss_size == sizeof(stack_mem),
		"sigreturn brings the saved settings back (%#x)", now.ss_flags);

	errno = 0;
	ss.ss_flags = 5;
	ksft_ok(sigaltstack(&ss, NULL) == -1 && errno == EINVAL, "an unknown mode is EINVAL");
	errno = 0;
	ss.ss_flags = 0;
	ksft_ok(sigaltstack(&ss, NULL) == -1 && errno == ENOMEM,
		"a stack below MINSIGSTKSZ is ENOMEM");
	ksft_exit();
}
