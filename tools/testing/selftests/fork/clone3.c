/*
 * clone3(2), raw: the struct's sizes (VER0/VER1/VER2, a bigger one with a
 * zero or non-zero tail), exit_signal, the flag rules (CSIGNAL bits,
 * CLONE_DETACHED, unknown high flags, CLONE_SIGHAND with
 * CLONE_CLEAR_SIGHAND), the stack rules and a child that starts on the
 * given stack, CLONE_CLEAR_SIGHAND's effect, CLONE_PIDFD beside
 * CLONE_PARENT_SETTID, set_tid (EINVAL/EFAULT/EEXIST/EPERM and a chosen
 * pid), CLONE_INTO_CGROUP's argument checks.  Run as root.
 */
#include <signal.h>
#include <stdint.h>
#include <sys/syscall.h>
#include "../kselftest.h"
#include <uapi/linux-ish/sched.h>

static char big[4096 + 64] __attribute__((aligned(8)));
static char child_stack[16384] __attribute__((aligned(16)));

static long clone3(void *args, size_t size)
{
	return syscall(435, args, size);
}

/* Starts a child (same stack) that exits with @code at once; its wait status or -errno. */
static int run(struct clone_args *a, size_t size, int code)
{
	long pid = clone3(a, size);
	int st;

	if (pid < 0)
		return -errno;
	if (pid == 0)
		_exit(code);
	if (waitpid(pid, &st, 0) != pid)
		return -1000;
	return st;
}

static int err_of(struct clone_args *a, size_t size)
{
	int r = run(a, size, 0);

	return r < 0 ? -r : 0;
}

/* clone3 whose child exits at once with 0 if its esp is @top, else 1. */
static long clone3_on_stack(struct clone_args *a, unsigned long top)
{
	long ret;

	asm volatile("pushl %%ebx\n\t"
		     "movl %%esi, %%ebx\n\t"
		     "movl $435, %%eax\n\t"
		     "int $0x80\n\t"
		     "testl %%eax, %%eax\n\t"
		     "jnz 1f\n\t"
		     "xorl %%ebx, %%ebx\n\t"
		     "cmpl %%edx, %%esp\n\t"
		     "setne %%bl\n\t"
		     "movl $1, %%eax\n\t"
		     "int $0x80\n"
		     "1:\n\t"
		     "popl %%ebx"
		     : "=a"(ret) : "S"(a), "c"(sizeof(*a)), "d"(top) : "memory");
	return ret;
}

static void test_sizes(void)
{
	struct clone_args a = { .exit_signal = SIGCHLD };
	struct clone_args *b = (struct clone_args *)big;

	ksft_ok(KSFT_EXITED(run(&a, CLONE_ARGS_SIZE_VER0, 7), 7), "VER0 (64 bytes): a child");
	ksft_ok(KSFT_EXITED(run(&a, CLONE_ARGS_SIZE_VER1, 8), 8) &&
		KSFT_EXITED(run(&a, CLONE_ARGS_SIZE_VER2, 9), 9), "VER1 (80) and VER2 (88)");
	ksft_ok(err_of(&a, 63) == EINVAL && err_of(&a, 0) == EINVAL, "63 or 0 bytes: EINVAL");
	memset(big, 0, sizeof(big));
	b->exit_signal = SIGCHLD;
	ksft_ok(KSFT_EXITED(run(b, 4096, 3), 3), "4096 bytes with a zero tail: a child");
	ksft_ok(err_of(b, 4097) == E2BIG, "4097 bytes: E2BIG");
	big[100] = 1;
	ksft_ok(err_of(b, 104) == E2BIG, "a non-zero byte past VER2: E2BIG");
	ksft_ok(err_of((void *)8, 64) == EFAULT && err_of((void *)0xffffffc0, 64) == EFAULT,
		"a bad pointer: EFAULT");
}

static void test_flags(void)
{
	struct clone_args a = { .exit_signal = 65 };

	ksft_ok(err_of(&a, 64) == EINVAL, "exit_signal 65: EINVAL");
	a.exit_signal = SIGCHLD | (1ULL << 32);
	ksft_ok(err_of(&a, 64) == EINVAL, "exit_signal with high bits: EINVAL");
	a.exit_signal = 0;
	a.flags = SIGCHLD;
	ksft_ok(err_of(&a, 64) == EINVAL, "a signal in flags' CSIGNAL byte: EINVAL");
	a.flags = CLONE_DETACHED;
	ksft_ok(err_of(&a, 64) == EINVAL, "CLONE_DETACHED: EINVAL");
	a.flags = 1ULL << 34;
	ksft_ok(err_of(&a, 64) == EINVAL, "an unknown flag above bit 31: EINVAL");
	a.flags = CLONE_SIGHAND | CLONE_VM | CLONE_CLEAR_SIGHAND;
	ksft_ok(err_of(&a, 64) == EINVAL, "CLONE_SIGHAND with CLONE_CLEAR_SIGHAND: EINVAL");
	a.flags = CLONE_PARENT;
	a.exit_signal = SIGCHLD;
	ksft_ok(err_of(&a, 64) == EINVAL, "CLONE_PARENT with an exit_signal: EINVAL");
	a.flags = CLONE_INTO_CGROUP;
	a.cgroup = 0x80000000ULL;
	ksft_ok(err_of(&a, 88) == EINVAL, "CLONE_INTO_CGROUP with cgroup > INT_MAX: EINVAL");
	a.cgroup = 0;
	ksft_ok(err_of(&a, 80) == EINVAL, "CLONE_INTO_CGROUP in an 80-byte struct: EINVAL");
}

static void test_stack(void)
{
	struct clone_args a = { .exit_signal = SIGCHLD, .stack_size = 4096 };
	unsigned long top = (unsigned long)child_stack + sizeof(child_stack);
	long pid;
	int st = -1;

	ksft_ok(err_of(&a, 64) == EINVAL, "stack_size without a stack: EINVAL");
	a.stack = (uintptr_t)child_stack;
	a.stack_size = 0;
	ksft_ok(err_of(&a, 64) == EINVAL, "a stack of size 0: EINVAL");
	a.stack = 0xbfff0000;
	a.stack_size = 0x40010000;
	ksft_ok(err_of(&a, 64) == EINVAL, "a stack reaching past user space: EINVAL");
	a.stack = (uintptr_t)child_stack;
	a.stack_size = sizeof(child_stack);
	pid = clone3_on_stack(&a, top);
	if (pid > 0)
		waitpid(pid, &st, 0);
	ksft_ok(pid > 0 && KSFT_EXITED(st, 0), "the child starts with esp = stack + stack_size");
}

static void handler(int sig)
{
	(void)sig;
}

static void test_clear_sighand(void)
{
	struct clone_args a = { .flags = CLONE_CLEAR_SIGHAND, .exit_signal = SIGCHLD };
	struct sigaction sa = { .sa_handler = handler, .sa_flags = SA_RESTART };
	long pid;
	int st = -1;

	sigaction(SIGUSR1, &sa, NULL);
	signal(SIGUSR2, SIG_IGN);
	pid = clone3(&a, 64);
	if (pid == 0) {
		struct sigaction o1, o2;

		sigaction(SIGUSR1, NULL, &o1);
		sigaction(SIGUSR2, NULL, &o2);
		_exit(o1.sa_handler == SIG_DFL && !(o1.sa_flags & SA_RESTART) &&
		      o2.sa_handler == SIG_IGN ? 0 : 1);
	}
	if (pid > 0)
		waitpid(pid, &st, 0);
	ksft_ok(pid > 0 && KSFT_EXITED(st, 0), "CLONE_CLEAR_SIGHAND: a handler is SIG_DFL, SIG_IGN stays");
	signal(SIGUSR1, SIG_DFL);
	signal(SIGUSR2, SIG_DFL);
}

static void test_pidfd(void)
{
	int pidfd = -1, tid = 0;
	struct clone_args a = { .flags = CLONE_PIDFD | CLONE_PARENT_SETTID,
				.pidfd = (uintptr_t)&pidfd, .parent_tid = (uintptr_t)&tid,
				.exit_signal = SIGCHLD };
	long pid = clone3(&a, 64);
	int st;

	if (pid == 0)
		_exit(0);
	waitpid(pid, &st, 0);
	ksft_ok(pid > 0 && pidfd >= 0 && tid == pid,
		"CLONE_PIDFD and CLONE_PARENT_SETTID, two places: pidfd %d, tid %d", pidfd, tid);
	close(pidfd);
	a.parent_tid = a.pidfd;
	ksft_ok(err_of(&a, 64) == EINVAL, "the two at one place: EINVAL");
}

/* A pid nobody uses, well below pid_max. */
static pid_t free_pid(void)
{
	pid_t p;

	for (p = 3000 + getpid() % 1000; kill(p, 0) == 0 || errno != ESRCH; p++)
		;
	return p;
}

static void set_tid_as_nobody(void *arg)
{
	struct clone_args *a = arg;

	if (setuid(65534))
		_exit(2);
	_exit(err_of(a, 80) == EPERM ? 0 : 1);
}

static void test_set_tid(void)
{
	pid_t tid[2] = { 0, 0 };
	struct clone_args a = { .exit_signal = SIGCHLD, .set_tid_size = 1 };
	long pid;
	int st = -1;

	ksft_ok(err_of(&a, 80) == EINVAL, "set_tid_size without set_tid: EINVAL");
	a.set_tid = (uintptr_t)tid;
	a.set_tid_size = 0;
	ksft_ok(err_of(&a, 80) == EINVAL, "set_tid without a size: EINVAL");
	a.set_tid_size = 33;
	ksft_ok(err_of(&a, 80) == EINVAL, "set_tid_size 33: EINVAL");
	a.set_tid_size = 1;
	ksft_ok(err_of(&a, 80) == EINVAL, "pid 0: EINVAL");
	tid[0] = 1 << 22;
	ksft_ok(err_of(&a, 80) == EINVAL, "a pid past pid_max: EINVAL");
	tid[0] = getpid();
	ksft_ok(err_of(&a, 80) == EEXIST, "our own pid: EEXIST");
	tid[0] = free_pid();
	tid[1] = free_pid();
	a.set_tid_size = 2;
	ksft_ok(err_of(&a, 80) == EINVAL, "two levels without pid namespaces: EINVAL");
	a.set_tid_size = 1;
	a.set_tid = 8;
	ksft_ok(err_of(&a, 80) == EFAULT, "set_tid a bad pointer: EFAULT");
	a.set_tid = (uintptr_t)tid;
	st = ksft_run_child(set_tid_as_nobody, &a);
	ksft_ok(KSFT_EXITED(st, 0), "without CAP_SYS_ADMIN/CAP_CHECKPOINT_RESTORE: EPERM");
	pid = clone3(&a, 80);
	if (pid == 0)
		_exit(getpid() == tid[0] ? 0 : 1);
	if (pid > 0)
		waitpid(pid, &st, 0);
	ksft_ok(pid == tid[0] && KSFT_EXITED(st, 0), "a free pid %d: the child has it (%ld)",
		tid[0], pid);
}

int main(void)
{
	ksft_plan(33);
	test_sizes();
	test_flags();
	test_stack();
	test_clear_sighand();
	test_pidfd();
	test_set_tid();
	ksft_exit();
}
