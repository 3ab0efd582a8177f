/*
 * Syscall user dispatch (prctl PR_SET_SYSCALL_USER_DISPATCH), raw: the
 * prctl's errors; a blocked call is not run and raises SIGSYS with
 * SYS_USER_DISPATCH, si_call_addr, si_syscall, si_arch and eax = the
 * number; the allowed region and FILTER_ALLOW let calls through; a bad
 * selector value kills with SIGSYS, an unreadable selector with SIGSEGV,
 * an ignored SIGSYS is fatal; a handler returning through the vDSO's
 * rt_sigreturn trampoline is never intercepted; fork and exec drop it.
 */
#include <signal.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <ucontext.h>
#include "../kselftest.h"
#include <uapi/linux-ish/audit.h>
#include <uapi/linux-ish/prctl.h>

#ifndef SYS_USER_DISPATCH
#define SYS_USER_DISPATCH 2
#endif

static volatile char sel;
static volatile int got_code, got_nr, got_errno;
static volatile unsigned int got_arch;
static volatile unsigned long got_addr, got_eax;
static volatile int reset_selector;

extern char raw_start[], raw_after_int[], raw_end[];

/* getpid(20) through a bare int $0x80 between raw_start and raw_end. */
long raw_getpid(void);
asm(".text\n"
    ".globl raw_getpid, raw_start, raw_after_int, raw_end\n"
    "raw_getpid:\n"
    "raw_start:\n"
    "	movl $20, %eax\n"
    "	int $0x80\n"
    "raw_after_int:\n"
    "	nop\n"
    "raw_end:\n"
    "	ret\n");

static long sud(unsigned long mode, unsigned long off, unsigned long len, void *s)
{
	return prctl(PR_SET_SYSCALL_USER_DISPATCH, mode, off, len, s) ? -errno : 0;
}

static void on_sigsys(int sig, siginfo_t *si, void *ucv)
{
	ucontext_t *uc = ucv;

	(void)sig;
	got_code = si->si_code;
	got_nr = si->si_syscall;
	got_arch = si->si_arch;
	got_addr = (unsigned long)si->si_call_addr;
	got_errno = si->si_errno;
	got_eax = uc->uc_mcontext.gregs[REG_EAX];
	uc->uc_mcontext.gregs[REG_EAX] = 4242;
	if (reset_selector)
		sel = SYSCALL_DISPATCH_FILTER_ALLOW;
}

static void test_errors(void)
{
	ksft_ok(sud(PR_SYS_DISPATCH_OFF, 1, 0, NULL) == -EINVAL &&
		sud(PR_SYS_DISPATCH_OFF, 0, 0, (void *)&sel) == -EINVAL, "OFF with arguments: EINVAL");
	ksft_ok(sud(2, 0, 0, NULL) == -EINVAL, "mode 2: EINVAL");
	ksft_ok(sud(PR_SYS_DISPATCH_ON, 0xffff0000, 0x20000, (void *)&sel) == -EINVAL &&
		sud(PR_SYS_DISPATCH_ON, 0x1000, 0, (void *)&sel) == -EINVAL,
		"a wrapping or empty region: EINVAL");
	ksft_ok(sud(PR_SYS_DISPATCH_ON, 0, 0, (void *)0xfffff000) == -EFAULT,
		"a selector in the kernel's half: EFAULT");
	ksft_ok(sud(PR_SYS_DISPATCH_OFF, 0, 0, NULL) == 0, "OFF: 0");
}

static void test_dispatch(void)
{
	struct sigaction sa = { .sa_sigaction = on_sigsys, .sa_flags = SA_SIGINFO };
	long r;

	sigaction(SIGSYS, &sa, NULL);
	reset_selector = 1;
	sel = SYSCALL_DISPATCH_FILTER_ALLOW;
	ksft_ok(sud(PR_SYS_DISPATCH_ON, 0, 0, (void *)&sel) == 0, "ON, no region");
	ksft_ok(raw_getpid() == getpid() && got_code == 0, "FILTER_ALLOW: the call runs");
	sel = SYSCALL_DISPATCH_FILTER_BLOCK;
	r = raw_getpid();
	ksft_ok(r == 4242 && got_code == SYS_USER_DISPATCH && got_errno == 0,
		"FILTER_BLOCK: not run, SIGSYS with SYS_USER_DISPATCH (returned %ld, code %d)",
		r, got_code);
	ksft_ok(got_nr == 20 && got_arch == AUDIT_ARCH_I386 &&
		got_addr == (unsigned long)raw_after_int,
		"si_syscall %d, si_arch %#x, si_call_addr past the int $0x80", got_nr, got_arch);
	ksft_ok(got_eax == 20, "the handler's eax is the syscall number (%lu)", got_eax);
	sel = SYSCALL_DISPATCH_FILTER_ALLOW;
	ksft_ok(sud(PR_SYS_DISPATCH_ON, (unsigned long)raw_start, raw_end - raw_start,
		    (void *)&sel) == 0, "ON with the raw call's bytes as the region");
	sel = SYSCALL_DISPATCH_FILTER_BLOCK;
	got_code = 0;
	r = raw_getpid();
	sel = SYSCALL_DISPATCH_FILTER_ALLOW;
	ksft_ok(r == getpid() && got_code == 0, "a call from inside the region runs while blocked");
	ksft_ok(sud(PR_SYS_DISPATCH_OFF, 0, 0, NULL) == 0, "OFF again");
}

static void bad_selector(void *arg)
{
	(void)arg;
	sel = 2;
	sud(PR_SYS_DISPATCH_ON, 0, 0, (void *)&sel);
	raw_getpid();
	_exit(0);
}

static void unreadable_selector(void *arg)
{
	char *page = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	(void)arg;
	sud(PR_SYS_DISPATCH_ON, 0, 0, page);
	munmap(page, 4096);		/* the selector still says ALLOW */
	raw_getpid();
	_exit(0);
}

static void ignored_sigsys(void *arg)
{
	(void)arg;
	signal(SIGSYS, SIG_IGN);
	sel = SYSCALL_DISPATCH_FILTER_BLOCK;
	sud(PR_SYS_DISPATCH_ON, 0, 0, (void *)&sel);
	raw_getpid();
	_exit(0);
}

static void test_fatal(void)
{
	int st;

	st = ksft_run_child(bad_selector, NULL);
	ksft_ok(KSFT_SIGNALLED(st, SIGSYS), "selector value 2: killed by SIGSYS (status %#x)", st);
	st = ksft_run_child(unreadable_selector, NULL);
	ksft_ok(KSFT_SIGNALLED(st, SIGSEGV), "an unmapped selector: killed by SIGSEGV (status %#x)", st);
	st = ksft_run_child(ignored_sigsys, NULL);
	ksft_ok(KSFT_SIGNALLED(st, SIGSYS), "an ignored SIGSYS is fatal (status %#x)", st);
}

/* The kernel's struct sigaction for rt_sigaction(174). */
struct ksa {
	void *handler;
	unsigned long flags;
	void *restorer;
	unsigned long long mask;
};

/* A handler without SA_RESTORER returns through the vDSO: never blocked. */
static void vdso_return(void *arg)
{
	struct ksa ka = { .handler = (void *)on_sigsys, .flags = SA_SIGINFO };
	long r;

	(void)arg;
	if (syscall(174, SIGSYS, &ka, NULL, 8))
		_exit(3);
	reset_selector = 0;
	sel = SYSCALL_DISPATCH_FILTER_BLOCK;
	sud(PR_SYS_DISPATCH_ON, 0, 0, (void *)&sel);
	r = raw_getpid();
	sel = SYSCALL_DISPATCH_FILTER_ALLOW;
	_exit(r == 4242 ? 0 : 1);
}

static void fork_drops(void *arg)
{
	(void)arg;
	sel = SYSCALL_DISPATCH_FILTER_ALLOW;
	sud(PR_SYS_DISPATCH_ON, 0, 0, (void *)&sel);
	if (fork() == 0) {
		signal(SIGSYS, SIG_DFL);
		sel = SYSCALL_DISPATCH_FILTER_BLOCK;
		raw_getpid();
		_exit(0);
	}
	_exit(wait(&(int){0}) > 0 ? 0 : 1);
}

static void test_trampoline_and_inheritance(const char *self)
{
	int st = ksft_run_child(vdso_return, NULL);
	pid_t pid;

	ksft_ok(KSFT_EXITED(st, 0), "a handler returns through the vDSO's rt_sigreturn (status %#x)", st);
	st = ksft_run_child(fork_drops, NULL);
	ksft_ok(KSFT_EXITED(st, 0), "a forked child runs without it (status %#x)", st);
	pid = fork();
	if (pid == 0) {
		signal(SIGSYS, SIG_DFL);
		sel = SYSCALL_DISPATCH_FILTER_ALLOW;
		sud(PR_SYS_DISPATCH_ON, 0, 0, (void *)&sel);
		execl(self, self, "exec-check", (char *)NULL);
		_exit(2);
	}
	waitpid(pid, &st, 0);
	ksft_ok(KSFT_EXITED(st, 0), "exec drops it (status %#x)", st);
}

int main(int argc, char **argv)
{
	if (argc > 1) {		/* exec'd: the same address now blocks */
		sel = SYSCALL_DISPATCH_FILTER_BLOCK;
		raw_getpid();
		return 0;
	}
	ksft_plan(19);
	test_errors();
	test_dispatch();
	test_fatal();
	test_trampoline_and_inheritance(argv[0]);
	ksft_exit();
}
