/*
 * rseq(2), raw: glibc's own registration at start, the registration
 * errors, unregistering, cpu_id written on return, a critical section
 * aborted on signal delivery (the handler's saved ip is abort_ip) and on
 * preemption by a CPU hog, SIGSEGV for a bad signature, version or abort_ip,
 * the lazy clearing of rseq_cs, fork keeping and vfork/exec dropping it.
 */
#include <sched.h>
#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <ucontext.h>
#include "../kselftest.h"
#include <uapi/linux-ish/rseq.h>

#define SIG	0x53053053u		/* glibc's RSEQ_SIG on x86 */

extern const ptrdiff_t __rseq_offset;
extern const unsigned int __rseq_size;

/*
 * cs_spin(rs, cs, n): points rs->rseq_cs at cs, then loops n times inside
 * [cs_start, cs_commit).  Returns 0 if the loop ran out, 1 if aborted.
 */
extern char cs_start[], cs_commit[], cs_abort[], bad_abort[];
int cs_spin(struct rseq *rs, struct rseq_cs *cs, unsigned int n);
asm(".text\n"
    ".globl cs_spin, cs_start, cs_commit, cs_abort, bad_abort\n"
    "cs_spin:\n"
    "	movl 4(%esp), %edx\n"
    "	movl 8(%esp), %eax\n"
    "	movl 12(%esp), %ecx\n"
    "	movl $0, 12(%edx)\n"
    "	movl %eax, 8(%edx)\n"
    "cs_start:\n"
    "	decl %ecx\n"
    "	jnz cs_start\n"
    "cs_commit:\n"
    "	xorl %eax, %eax\n"
    "	ret\n"
    "	.byte 0x0f, 0xb9, 0x3d\n"
    "	.long 0x53053053\n"
    "cs_abort:\n"
    "	movl $1, %eax\n"
    "	ret\n"
    "	.byte 0x0f, 0xb9, 0x3d\n"
    "	.long 0x12345678\n"
    "bad_abort:\n"
    "	movl $2, %eax\n"
    "	ret\n");

static struct rseq own __attribute__((aligned(32)));
static struct rseq_cs good_cs;
static volatile unsigned long handler_ip;

static long sys_rseq(void *rs, unsigned int len, int flags, unsigned int sig)
{
	return syscall(386, rs, len, flags, sig);
}

static struct rseq *glibc_area(void)
{
	char *tp;

	asm("movl %%gs:0, %0" : "=r"(tp));
	return (struct rseq *)(tp + __rseq_offset);
}

static struct rseq_cs make_cs(const char *abort_ip, unsigned int version)
{
	struct rseq_cs cs = { .version = version, .start_ip = (uintptr_t)cs_start,
			      .post_commit_offset = (uintptr_t)(cs_commit - cs_start),
			      .abort_ip = (uintptr_t)abort_ip };
	return cs;
}

static void on_alarm(int sig, siginfo_t *si, void *uc)
{
	(void)sig, (void)si;
	handler_ip = ((ucontext_t *)uc)->uc_mcontext.gregs[REG_EIP];
}

static int err_of(long r)
{
	return r == -1 ? errno : 0;
}

static void test_glibc_registration(void)
{
	struct rseq *rs = glibc_area();

	ksft_ok(__rseq_size >= 20 && (int)rs->cpu_id >= 0 && rs->cpu_id == rs->cpu_id_start,
		"glibc registered rseq at start: size %u, cpu_id %d", __rseq_size, (int)rs->cpu_id);
	ksft_ok(err_of(sys_rseq(rs, 32, 0, SIG)) == EBUSY, "the same again: EBUSY");
	ksft_ok(err_of(sys_rseq(rs, 32, 0, SIG + 1)) == EPERM, "the same with another signature: EPERM");
	ksft_ok(err_of(sys_rseq(&own, 32, 0, SIG)) == EINVAL, "another area while registered: EINVAL");
	ksft_ok(err_of(sys_rseq(rs, 32, RSEQ_FLAG_UNREGISTER, SIG + 1)) == EPERM,
		"unregister with another signature: EPERM");
	ksft_ok(err_of(sys_rseq(rs, 64, RSEQ_FLAG_UNREGISTER, SIG)) == EINVAL &&
		err_of(sys_rseq(&own, 32, RSEQ_FLAG_UNREGISTER, SIG)) == EINVAL &&
		err_of(sys_rseq(rs, 32, RSEQ_FLAG_UNREGISTER | 2, SIG)) == EINVAL,
		"unregister with another length, area or flag: EINVAL");
	ksft_ok(sys_rseq(rs, 32, RSEQ_FLAG_UNREGISTER, SIG) == 0 && (int)rs->cpu_id == -1 &&
		rs->cpu_id_start == 0, "unregister: cpu_id -1, cpu_id_start 0");
	ksft_ok(err_of(sys_rseq(rs, 32, RSEQ_FLAG_UNREGISTER, SIG)) == EINVAL,
		"unregister when not registered: EINVAL");
}

static void test_register_errors(void)
{
	char *misaligned = (char *)&own + 4;

	ksft_ok(err_of(sys_rseq(misaligned, 32, 0, SIG)) == EINVAL, "misaligned area: EINVAL");
	ksft_ok(err_of(sys_rseq(&own, 31, 0, SIG)) == EINVAL &&
		err_of(sys_rseq(&own, 64, 0, SIG)) == EINVAL, "length 31 or 64: EINVAL");
	ksft_ok(err_of(sys_rseq(&own, 32, 4, SIG)) == EINVAL, "unknown flag: EINVAL");
	ksft_ok(err_of(sys_rseq((void *)0xffffffe0, 32, 0, SIG)) == EFAULT,
		"an area in the kernel's half: EFAULT");
	long r;

	own.cpu_id = 0x7777;
	r = sys_rseq(&own, 32, 0, SIG);
	ksft_ok(r == 0 && (int)own.cpu_id >= 0 && own.cpu_id < 0x7777,
		"own area registered, cpu_id written on return (%d)", (int)own.cpu_id);
}

/* A SIGALRM delivered inside the section lands the handler's ip on abort_ip. */
static void test_signal_abort(void)
{
	struct sigaction sa = { .sa_sigaction = on_alarm, .sa_flags = SA_SIGINFO };
	struct itimerval it = { .it_value = { 0, 20000 } };
	int r;

	sigaction(SIGALRM, &sa, NULL);
	setitimer(ITIMER_REAL, &it, NULL);
	r = cs_spin(&own, &good_cs, 0xffffffffu);
	ksft_ok(r == 1 && handler_ip == (uintptr_t)cs_abort,
		"a signal aborts the section: returned %d, handler saw ip %#lx (abort %p)",
		r, handler_ip, (void *)cs_abort);
	ksft_ok(own.rseq_cs == 0, "rseq_cs cleared by the abort");
}

/* Another task hogging the same CPU preempts the section: no signal at all. */
static void test_preempt_abort(void)
{
	cpu_set_t one;
	pid_t hog;
	int r, st;

	CPU_ZERO(&one);
	CPU_SET(0, &one);
	sched_setaffinity(0, sizeof(one), &one);
	hog = fork();
	if (hog == 0)
		for (;;)
			asm volatile("" ::: "memory");
	handler_ip = 0;
	r = cs_spin(&own, &good_cs, 0xffffffffu);
	kill(hog, SIGKILL);
	waitpid(hog, &st, 0);
	ksft_ok(r == 1 && handler_ip == 0, "preemption aborts the section (returned %d)", r);
}

/* A finished section leaves rseq_cs set; the next preemption clears it. */
static void test_lazy_clear(void)
{
	int r = cs_spin(&own, &good_cs, 1);

	ksft_ok(r == 0 && own.rseq_cs != 0, "a completed section leaves rseq_cs set");
	raise(SIGALRM);
	ksft_ok(own.rseq_cs == 0, "a signal outside the section clears rseq_cs");
}

static struct rseq_cs child_cs;

static void spin_with_bad_cs(void *arg)
{
	(void)arg;
	signal(SIGALRM, SIG_IGN);
	cs_spin(&own, &child_cs, 100);	/* leaves rseq_cs pointing at child_cs */
	raise(SIGUSR1);
	_exit(0);
}

static void usr1(int sig)
{
	(void)sig;
}

static void test_bad_cs(const char *what, struct rseq_cs cs)
{
	int st;

	child_cs = cs;
	signal(SIGUSR1, usr1);
	st = ksft_run_child(spin_with_bad_cs, NULL);
	ksft_ok(KSFT_SIGNALLED(st, SIGSEGV), "%s: SIGSEGV (status %#x)", what, st);
}

static void fork_child(void *arg)
{
	(void)arg;
	_exit(err_of(sys_rseq(&own, 32, 0, SIG)) == EBUSY ? 0 : 1);
}

static void test_inheritance(const char *self)
{
	int st = ksft_run_child(fork_child, NULL);
	pid_t pid;

	ksft_ok(KSFT_EXITED(st, 0), "a fork child keeps the registration (EBUSY)");
	pid = vfork();
	if (pid == 0)
		_exit(sys_rseq(&own, 32, 0, SIG) == 0 ? 0 : 1);	/* a new one: 0 */
	waitpid(pid, &st, 0);
	ksft_ok(KSFT_EXITED(st, 0), "a vfork (CLONE_VM) child starts without one");
	pid = fork();
	if (pid == 0) {
		execl(self, self, "exec-check", (char *)NULL);
		_exit(2);
	}
	waitpid(pid, &st, 0);
	ksft_ok(KSFT_EXITED(st, 0), "after exec glibc registers again (status %#x)", st);
}

int main(int argc, char **argv)
{
	if (argc > 1)	/* exec'd: glibc's registration must have worked */
		return (int)glibc_area()->cpu_id >= 0 && __rseq_size >= 20 ? 0 : 1;
	ksft_plan(24);
	good_cs = make_cs(cs_abort, 0);
	test_glibc_registration();
	test_register_errors();
	test_signal_abort();
	test_preempt_abort();
	test_lazy_clear();
	test_bad_cs("wrong signature before abort_ip", make_cs(bad_abort, 0));
	test_bad_cs("version 1", make_cs(cs_abort, 1));
	test_bad_cs("abort_ip inside the section", make_cs(cs_start + 1, 0));
	test_inheritance(argv[0]);
	ksft_exit();
}
