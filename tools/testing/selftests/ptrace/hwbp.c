/*
 * ptrace's single-stepping and the debug registers: PTRACE_SINGLESTEP
 * stops after each instruction (TRAP_TRACE), TF hidden from GETREGS; a
 * write watchpoint set through POKEUSER of u_debugreg[] gives SIGTRAP
 * with TRAP_HWBKPT and DR6 in u_debugreg[6]; DR7 and DR0-3 values Linux
 * refuses (kernel addresses, I/O breakpoints, wide instruction
 * breakpoints, misaligned watchpoints, DR4/DR5) are refused alike.
 */
#include <errno.h>
#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/ptrace.h>
#include <sys/user.h>
#include <sys/wait.h>
#include <unistd.h>
#include "../kselftest.h"

#define DR_OFF(n)	((void *)(offsetof(struct user, u_debugreg) + (n) * 4))
#define TF		0x100

static volatile int watched;

static pid_t traced_child(void (*fn)(void))
{
	pid_t pid = fork();

	if (pid == 0) {
		if (ptrace(PTRACE_TRACEME, 0, 0, 0))
			_exit(99);
		raise(SIGSTOP);
		fn();
		_exit(0);
	}
	return pid;
}

static int resume(int req, pid_t pid)
{
	int st;

	ptrace(req, pid, 0, 0);
	if (waitpid(pid, &st, 0) != pid)
		return -1;
	return st;
}

static void nops(void)
{
	__asm__ __volatile__("int3\n\tnop\n\tnop\n\tnop\n\tnop\n\tnop\n\tint3");
}

static void test_singlestep(void)
{
	pid_t pid = traced_child(nops);
	struct user_regs_struct regs;
	unsigned long start;
	siginfo_t si = { 0 };
	int st, steps = 0, tf_seen = 0;

	waitpid(pid, &st, 0);
	st = resume(PTRACE_CONT, pid);		/* the first int3 */
	ptrace(PTRACE_GETREGS, pid, 0, &regs);
	start = regs.eip;
	for (int i = 1; i <= 5; i++) {
		st = resume(PTRACE_SINGLESTEP, pid);
		ptrace(PTRACE_GETREGS, pid, 0, &regs);
		tf_seen |= regs.eflags & TF;
		if (WIFSTOPPED(st) && WSTOPSIG(st) == SIGTRAP && (unsigned long)regs.eip == start + i)
			steps++;
	}
	ptrace(PTRACE_GETSIGINFO, pid, 0, &si);
	ksft_ok(steps == 5, "SINGLESTEP: one SIGTRAP stop per instruction (%d of 5)", steps);
	ksft_ok(si.si_signo == SIGTRAP && si.si_code == 2 /* TRAP_TRACE */ && !tf_seen,
		"the step's siginfo is TRAP_TRACE; GETREGS hides the TF it set (code %d)", si.si_code);
	st = resume(PTRACE_CONT, pid);		/* the second int3 */
	st = resume(PTRACE_CONT, pid);
	ksft_ok(KSFT_EXITED(st, 0), "then the tracee runs on without TF (%#x)", st);
}

static void write_watched(void)
{
	watched = 1;
	watched = 2;
}

static void test_watchpoint(void)
{
	pid_t pid = traced_child(write_watched);
	unsigned long dr7 = 1 | (1UL << 16) | (3UL << 18);	/* L0, write, 4 bytes */
	unsigned long dr6_before, dr6 = 0, back;
	siginfo_t si = { 0 };
	int st, hits = 0;

	waitpid(pid, &st, 0);
	errno = 0;
	dr6_before = ptrace(PTRACE_PEEKUSER, pid, DR_OFF(6), 0);
	ksft_ok(ptrace(PTRACE_POKEUSER, pid, DR_OFF(0), (void *)&watched) == 0 &&
		ptrace(PTRACE_POKEUSER, pid, DR_OFF(7), (void *)dr7) == 0,
		"POKEUSER DR0 = &watched, DR7 = write watch, 4 bytes");
	back = ptrace(PTRACE_PEEKUSER, pid, DR_OFF(7), 0);
	ksft_ok(back == dr7 && dr6_before == 0xffff0ff0, "PEEKUSER reads DR7 back; DR6 reads 0xffff0ff0 (%#lx)",
		dr6_before);
	for (;;) {
		st = resume(PTRACE_CONT, pid);
		if (!WIFSTOPPED(st) || WSTOPSIG(st) != SIGTRAP)
			break;
		if (!hits)
			ptrace(PTRACE_GETSIGINFO, pid, 0, &si);
		dr6 = ptrace(PTRACE_PEEKUSER, pid, DR_OFF(6), 0);
		hits++;
	}
	ksft_ok(hits == 2 && si.si_code == 4 /* TRAP_HWBKPT */ && (dr6 & 1),
		"each write stops the tracee: SIGTRAP, TRAP_HWBKPT, DR6 bit 0 (%d, %d, %#lx)",
		hits, si.si_code, dr6);
	ksft_ok(KSFT_EXITED(st, 0), "the tracee finishes (%#x)", st);
}

static void test_validation(void)
{
	pid_t pid = traced_child(write_watched);
	uintptr_t w = (uintptr_t)&watched;
	int st;

	waitpid(pid, &st, 0);
	ksft_ok(ptrace(PTRACE_POKEUSER, pid, DR_OFF(0), (void *)0xc0001000UL) == -1 && errno == EINVAL,
		"a kernel address in DR0: EINVAL");
	ptrace(PTRACE_POKEUSER, pid, DR_OFF(1), (void *)(w + 1));
	ksft_ok(ptrace(PTRACE_POKEUSER, pid, DR_OFF(7), (void *)(4 | (1UL << 20) | (3UL << 22))) == -1 &&
		errno == EINVAL, "a 4-byte watch at a misaligned address: EINVAL");
	ksft_ok(ptrace(PTRACE_POKEUSER, pid, DR_OFF(7), (void *)(4 | (2UL << 20))) == -1 && errno == EINVAL,
		"an I/O breakpoint: EINVAL");
	ksft_ok(ptrace(PTRACE_POKEUSER, pid, DR_OFF(7), (void *)(4 | (3UL << 22))) == -1 && errno == EINVAL,
		"an instruction breakpoint 4 bytes wide: EINVAL");
	ksft_ok(ptrace(PTRACE_POKEUSER, pid, DR_OFF(4), 0) == -1 && errno == EIO,
		"DR4: EIO");
	ksft_ok(ptrace(PTRACE_PEEKUSER, pid, DR_OFF(7), 0) == 0, "DR7 unchanged by the refusals");
	kill(pid, SIGKILL);
	waitpid(pid, &st, 0);
}

int main(void)
{
	ksft_plan(13);
	test_singlestep();
	test_watchpoint();
	test_validation();
	ksft_exit();
}
