/*
 * no_restorer: handlers installed with the raw rt_sigaction system call
 * and no SA_RESTORER (as a program that does not use glibc's sigaction
 * does) run and return -- Linux i386 returns them through the vDSO's
 * __kernel_sigreturn / __kernel_rt_sigreturn -- for every catchable
 * signal 1..64 and every mix of SA_SIGINFO, SA_RESETHAND and SA_NODEFER,
 * with the right arguments, the right mask inside, and every register
 * of the interrupted code intact afterwards.  The old sigaction (67) and
 * signal (48) calls too, when the kernel has them.
 */
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "../kselftest.h"

#define K_SA_SIGINFO	0x00000004u
#define K_SA_RESTORER	0x04000000u
#define K_SA_NODEFER	0x40000000u
#define K_SA_RESETHAND	0x80000000u
#define K_SI_TKILL	(-6)

/* The i386 kernel's struct sigaction for rt_sigaction. */
struct k_sigaction {
	uint32_t handler, flags, restorer;
	uint32_t mask[2];
};

/* The i386 old_sigaction for sigaction (67). */
struct k_old_sigaction {
	uint32_t handler, mask, flags, restorer;
};

static long raw4(long nr, long a, long b, long c, long d)
{
	long ret;

	/* %ebx by hand: the compiler may hold the GOT pointer there. */
	__asm__ volatile("xchg %%edi, %%ebx\n\tint $0x80\n\txchg %%edi, %%ebx"
			 : "=a"(ret)
			 : "0"(nr), "D"(a), "c"(b), "d"(c), "S"(d)
			 : "memory");
	return ret;
}

/*
 * raise_check(tgid, tid, sig, out[9]): tgkill with esi/edi/ebp holding
 * known values; the signal is delivered on the way back from the call.
 * Stores eax ebx ecx edx esi edi ebp, esp delta and DF afterwards.
 */
void raise_check(long tgid, long tid, long sig, uint32_t *out);
__asm__(".text\n"
	".globl raise_check\n"
	"raise_check:\n"
	"	push %ebp\n push %ebx\n push %esi\n push %edi\n"
	"	mov 20(%esp), %ebx\n mov 24(%esp), %ecx\n mov 28(%esp), %edx\n"
	"	mov $0x5a5a1234, %esi\n mov $0xa5a54321, %edi\n mov $0x13572468, %ebp\n"
	"	mov %esp, %eax\n movd %eax, %xmm7\n"
	"	mov $270, %eax\n int $0x80\n"
	"	push %eax\n mov 36(%esp), %eax\n"	/* out; the saved eax is below */
	"	mov %ebx, 4(%eax)\n mov %ecx, 8(%eax)\n mov %edx, 12(%eax)\n"
	"	mov %esi, 16(%eax)\n mov %edi, 20(%eax)\n mov %ebp, 24(%eax)\n"
	"	pop %ecx\n mov %ecx, 0(%eax)\n"
	"	movd %xmm7, %ecx\n sub %esp, %ecx\n mov %ecx, 28(%eax)\n"
	"	pushf\n pop %ecx\n and $0x400, %ecx\n mov %ecx, 32(%eax)\n"
	"	pop %edi\n pop %esi\n pop %ebx\n pop %ebp\n ret\n");

static volatile int got_sig, got_info_ok, got_uc, blocked_inside, calls;
static volatile uint32_t want_flags;
static volatile int *failed_check;
static long my_pid, my_tid;		/* the child's, looked up once */

static uint64_t blocked_now(void)
{
	uint32_t set[2] = { 0, 0 };

	raw4(SYS_rt_sigprocmask, SIG_BLOCK, 0, (long)set, 8);
	return ((uint64_t)set[1] << 32) | set[0];
}

static void handler(int sig, siginfo_t *si, void *uc)
{
	calls++;
	got_sig = sig;
	blocked_inside = (blocked_now() >> (sig - 1)) & 1;
	if (want_flags & K_SA_SIGINFO) {
		got_info_ok = si && si->si_signo == sig && si->si_code == K_SI_TKILL &&
			      si->si_pid == my_pid;
		got_uc = uc != NULL;
	}
	/*
	 * Disturb the registers a C function may clobber, and %xmm7 (which
	 * raise_check keeps its stack pointer in: the kernel restores the
	 * SSE state).  This file is built without -msse, so the compiler
	 * itself never holds anything in %xmm7.
	 */
	__asm__ volatile("mov $-1, %%eax; mov $-1, %%ecx; mov $-1, %%edx; pxor %%xmm7, %%xmm7"
			 ::: "eax", "ecx", "edx");
}

static int catchable(int sig)
{
	return sig != SIGKILL && sig != SIGSTOP;
}

/* Installs, raises and checks one signal; 0 or a code telling what broke. */
static int one_signal(int sig, uint32_t flags)
{
	struct k_sigaction act = { 0 }, old = { 0 }, after = { 0 };
	uint32_t regs[9];
	int expect_blocked = !(flags & K_SA_NODEFER);

	act.handler = (uint32_t)(uintptr_t)handler;
	act.flags = flags;
	want_flags = flags;
	calls = got_sig = got_info_ok = got_uc = blocked_inside = 0;
	if (raw4(SYS_rt_sigaction, sig, (long)&act, (long)&old, 8))
		return 1;
	raise_check(my_pid, my_tid, sig, regs);
	if (calls != 1 || got_sig != sig)
		return 2;
	if ((flags & K_SA_SIGINFO) && (!got_info_ok || !got_uc))
		return 3;
	if (blocked_inside != expect_blocked)
		return 4;
	if (regs[0] != 0 || regs[1] != (uint32_t)my_pid || regs[3] != (uint32_t)sig ||
	    regs[4] != 0x5a5a1234 || regs[5] != 0xa5a54321 || regs[6] != 0x13572468 ||
	    regs[7] != 0 || regs[8] != 0)
		return 5;
	if (blocked_now() != 0)
		return 6;
	if (raw4(SYS_rt_sigaction, sig, 0, (long)&after, 8))
		return 7;
	if ((flags & K_SA_RESETHAND) ? after.handler != (uint32_t)(uintptr_t)SIG_DFL
				     : after.handler != act.handler)
		return 8;
	return 0;	/* the handler stays: this child raises each signal once */
}

/* Child: every catchable signal with one flag mix; exit 0, or the signal
 * that failed with the failed check in *failed_check. */
static void all_signals(void *arg)
{
	uint32_t flags = *(uint32_t *)arg;

	my_pid = getpid();
	my_tid = syscall(SYS_gettid);
	for (int sig = 1; sig <= 64; sig++) {
		int bad;

		if (!catchable(sig))
			continue;
		bad = one_signal(sig, flags);
		if (bad) {
			*failed_check = bad;
			_exit(sig);
		}
	}
}

static void report(int st, const char *what)
{
	if (KSFT_EXITED(st, 0)) {
		ksft_ok(1, "%s", what);
		return;
	}
	if (st != -1 && WIFEXITED(st))
		ksft_diag("%s: exit %d (signal or step), check %d", what, WEXITSTATUS(st),
			  *failed_check);
	else if (st != -1 && WIFSIGNALED(st))
		ksft_diag("%s: killed by signal %d", what, WTERMSIG(st));
	ksft_ok(0, "%s", what);
}

/* sigaction (67): old_sigaction layout, 32-bit mask. */
static void old_sigaction_case(void *arg)
{
	struct k_old_sigaction act = { 0 }, after = { 0 };
	uint32_t regs[9];
	long r;

	(void)arg;
	act.handler = (uint32_t)(uintptr_t)handler;
	act.flags = 0;
	want_flags = 0;
	r = raw4(67, SIGUSR1, (long)&act, 0, 0);
	if (r == -ENOSYS)
		_exit(99);
	if (r)
		_exit(1);
	my_pid = getpid();
	raise_check(my_pid, syscall(SYS_gettid), SIGUSR1, regs);
	if (calls != 1 || got_sig != SIGUSR1 || !blocked_inside)
		_exit(2);
	if (regs[4] != 0x5a5a1234 || regs[5] != 0xa5a54321 || regs[6] != 0x13572468 ||
	    regs[7] != 0 || blocked_now())
		_exit(3);
	if (raw4(67, SIGUSR1, 0, (long)&after, 0) || after.handler != act.handler)
		_exit(4);
	if (raw4(67, SIGUSR1, (long)&act, 1, 0) != -EFAULT ||
	    raw4(67, SIGUSR1, 1, 0, 0) != -EFAULT || raw4(67, 0, (long)&act, 0, 0) != -EINVAL ||
	    raw4(67, 65, 0, (long)&after, 0) != -EINVAL || raw4(67, SIGSTOP, (long)&act, 0, 0) != -EINVAL)
		_exit(5);
}

/* signal (48): SA_RESETHAND | SA_NODEFER, returns the old handler. */
static void signal_case(void *arg)
{
	uint32_t regs[9];
	long r;

	(void)arg;
	want_flags = 0;
	r = raw4(48, SIGUSR2, (long)handler, 0, 0);
	if (r == -ENOSYS)
		_exit(99);
	if (r != (long)(uintptr_t)SIG_DFL)
		_exit(1);
	my_pid = getpid();
	raise_check(my_pid, syscall(SYS_gettid), SIGUSR2, regs);
	if (calls != 1 || got_sig != SIGUSR2 || blocked_inside)
		_exit(2);
	if (regs[4] != 0x5a5a1234 || regs[5] != 0xa5a54321 || regs[6] != 0x13572468 ||
	    regs[7] != 0 || blocked_now())
		_exit(3);
	if (raw4(48, SIGUSR2, (long)SIG_IGN, 0, 0) != (long)(uintptr_t)SIG_DFL)
		_exit(4);
	if (raw4(48, SIGKILL, (long)handler, 0, 0) != -EINVAL || raw4(48, 0, 0, 0, 0) != -EINVAL ||
	    raw4(48, 65, 0, 0, 0) != -EINVAL)
		_exit(5);
}

static void optional(void (*fn)(void *), const char *what)
{
	int st = ksft_run_child(fn, NULL);

	if (KSFT_EXITED(st, 99))
		ksft_skip("not implemented", "%s", what);
	else
		report(st, what);
}

int main(void)
{
	static const uint32_t mixes[] = {
		0, K_SA_SIGINFO, K_SA_RESETHAND, K_SA_NODEFER,
		K_SA_SIGINFO | K_SA_RESETHAND, K_SA_SIGINFO | K_SA_NODEFER,
		K_SA_RESETHAND | K_SA_NODEFER, K_SA_SIGINFO | K_SA_RESETHAND | K_SA_NODEFER,
	};
	struct k_sigaction act = { 0 };

	failed_check = mmap(NULL, KSFT_PAGE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS,
			    -1, 0);
	if (failed_check == MAP_FAILED)
		return 1;
	ksft_plan(11);
	for (unsigned int i = 0; i < sizeof(mixes) / sizeof(mixes[0]); i++) {
		uint32_t flags = mixes[i];
		char what[128];

		snprintf(what, sizeof(what), "signals 1..64 with flags%s%s%s%s",
			 flags & K_SA_SIGINFO ? " SA_SIGINFO" : "",
			 flags & K_SA_RESETHAND ? " SA_RESETHAND" : "",
			 flags & K_SA_NODEFER ? " SA_NODEFER" : "", flags ? "" : " 0");
		report(ksft_run_child(all_signals, &flags), what);
	}
	act.handler = (uint32_t)(uintptr_t)handler;
	ksft_ok(raw4(SYS_rt_sigaction, SIGKILL, (long)&act, 0, 8) == -EINVAL &&
		raw4(SYS_rt_sigaction, SIGUSR1, (long)&act, 0, 4) == -EINVAL &&
		raw4(SYS_rt_sigaction, SIGUSR1, 1, 0, 8) == -EFAULT,
		"rt_sigaction refuses SIGKILL, a bad sigsetsize and a bad pointer");
	optional(old_sigaction_case, "sigaction (67) without SA_RESTORER");
	optional(signal_case, "signal (48): one-shot, not deferred");
	ksft_exit();
}
