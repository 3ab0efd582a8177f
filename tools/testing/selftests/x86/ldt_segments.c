/*
 * Using what modify_ldt builds, as on Linux i386: a data segment with a
 * base read through %fs, a far call into a
 * 32-bit LDT code segment, the faults of bad selectors (SIGSEGV for a
 * missing entry, SIGBUS for a not-present one, with trapno and err), a
 * cleared entry leaving %fs null after the next kernel exit, selectors
 * surviving a signal handler, sigreturn to a bad CS or SS (SIGILL
 * ILL_BADSTK trapno 32, or death by SIGILL; never a kernel fault), and
 * espfix: a 16-bit LDT stack segment keeps ESP's high 16 bits across the
 * iret; a sweep of every selector through sigreturn; Linux i386's legacy
 * signal-stack switch to sa_restorer; two processes with different LDTs
 * across context switches.  set_thread_area
 * refuses 16-bit and not-present segments.
 */
#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sched.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <ucontext.h>
#include <unistd.h>
#include <uapi/linux-ish/ldt.h>
#include "../kselftest.h"

#define LDT_SEL(i)	(((i) << 3) | 7)
#define E_DATA		0	/* 32-bit data over buf */
#define E_CODE		1	/* 32-bit flat code */
#define E_NPDATA	2	/* not present */
#define E_STACK16	3	/* 16-bit data over stack16 */
#define E_MISSING	9	/* past the table's end */

static uint32_t buf[1024] = { 11, 22, 0xfeedf00d };
static unsigned char stack16[65536] __attribute__((aligned(4096)));
static char altstack[65536];
static sigjmp_buf jb;
static volatile int got_sig, got_code, got_trapno, got_err;
static volatile uint32_t got_sp, got_ss;

/* A far call target: returns 0x1234 in EAX and its CS in ECX. */
asm(".pushsection .text\n"
    "far_target:\n"
    "	movl $0x1234, %eax\n"
    "	movl %cs, %ecx\n"
    "	lret\n"
    /* Where the espfix test's sigreturn lands: trap at once. */
    "	.p2align 4\n"
    "trap_here:\n"
    "	int3\n"
    ".popsection\n");
extern char far_target[], trap_here[];

static long mldt(int func, void *ptr, unsigned long bytecount)
{
	return syscall(SYS_modify_ldt, func, ptr, bytecount);
}

static int set_entry(unsigned int n, void *base, unsigned int limit, int bits32,
		     int contents, int pages, int not_present)
{
	struct user_desc d = {
		.entry_number = n, .base_addr = (uint32_t)(uintptr_t)base, .limit = limit,
		.seg_32bit = bits32, .contents = contents, .read_exec_only = 0,
		.limit_in_pages = pages, .seg_not_present = not_present, .useable = 0,
	};

	return mldt(0x11, &d, sizeof(d));
}

static void on_fault(int sig, siginfo_t *si, void *ctx)
{
	ucontext_t *uc = ctx;

	got_sig = sig;
	got_code = si->si_code;
	got_trapno = uc->uc_mcontext.gregs[REG_TRAPNO];
	got_err = uc->uc_mcontext.gregs[REG_ERR];
	siglongjmp(jb, 1);
}

static void handle(int sig, void (*fn)(int, siginfo_t *, void *), int flags)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = fn;
	sa.sa_flags = SA_SIGINFO | flags;
	sigaction(sig, &sa, NULL);
}

static uint16_t get_fs(void)
{
	uint16_t v;

	asm volatile("movw %%fs, %0" : "=r"(v));
	return v;
}

static void set_fs(uint16_t v)
{
	asm volatile("movw %0, %%fs" : : "r"(v) : "memory");
}

static void test_data_segment(void)
{
	uint16_t old = get_fs();
	uint32_t v = 0;

	set_fs(LDT_SEL(E_DATA));
	asm volatile("movl %%fs:8, %0" : "=r"(v));
	set_fs(old);
	/* (Its limit is not tested: QEMU's TCG, which runs both kernels, ignores data limits.) */
	ksft_ok(v == 0xfeedf00d, "a load through %%fs uses the LDT segment's base (%#x)", v);
}

static void test_far_call(void)
{
	struct { uint32_t off; uint16_t sel; } __attribute__((packed)) fp = {
		(uint32_t)(uintptr_t)far_target, LDT_SEL(E_CODE)
	};
	uint32_t a, c;

	asm volatile("lcall *%2" : "=a"(a), "=c"(c) : "m"(fp) : "memory");
	ksft_ok(a == 0x1234 && c == LDT_SEL(E_CODE),
		"a far call runs in the LDT code segment (cs %#x) and returns", c);
}

/* Loads @sel into %fs; returns the signal that came of it, or 0. */
static int try_fs(uint16_t sel)
{
	uint16_t old = get_fs();

	got_sig = 0;
	if (!sigsetjmp(jb, 1))
		set_fs(sel);
	set_fs(old);
	return got_sig;
}

static void test_bad_selectors(void)
{
	int sig = try_fs(LDT_SEL(E_MISSING));

	ksft_ok(sig == SIGSEGV && got_trapno == 13 && got_err == (LDT_SEL(E_MISSING) & ~3) &&
		got_code == 0x80, "a selector past the LDT: SIGSEGV SI_KERNEL, #GP(sel) (err %#x)",
		got_err);
	sig = try_fs(LDT_SEL(E_NPDATA));
	ksft_ok(sig == SIGBUS && got_trapno == 11 && got_err == (LDT_SEL(E_NPDATA) & ~3),
		"a not-present segment: SIGBUS, #NP(sel) (sig %d trapno %d)", sig, got_trapno);
	ksft_ok(try_fs(LDT_SEL(E_CODE)) == 0, "a readable code segment loads into %%fs");
}

static void test_cleared_entry(void)
{
	uint16_t old = get_fs(), now;
	struct user_desc d = { .entry_number = 5, .read_exec_only = 1, .seg_not_present = 1 };

	set_entry(5, buf, 4095, 1, 0, 0, 0);
	set_fs(LDT_SEL(5));
	mldt(0x11, &d, sizeof(d));	/* back to user mode with %fs naming nothing */
	now = get_fs();
	set_fs(old);
	ksft_ok(now == 0, "clearing the entry %%fs holds leaves %%fs null (%#x)", now);
}

static volatile uint16_t handler_fs;

static void on_usr2(int sig, siginfo_t *si, void *ctx)
{
	ucontext_t *uc = ctx;

	(void)sig;
	(void)si;
	handler_fs = uc->uc_mcontext.gregs[REG_FS];
}

static void test_signal_keeps_selectors(void)
{
	uint16_t old = get_fs(), gs_before, gs_after, fs_after;
	uint32_t v = 0;

	handle(SIGUSR2, on_usr2, 0);
	asm volatile("movw %%gs, %0" : "=r"(gs_before));
	set_fs(LDT_SEL(E_DATA));
	raise(SIGUSR2);
	fs_after = get_fs();
	asm volatile("movl %%fs:4, %0" : "=r"(v));
	asm volatile("movw %%gs, %0" : "=r"(gs_after));
	set_fs(old);
	ksft_ok(handler_fs == LDT_SEL(E_DATA) && fs_after == LDT_SEL(E_DATA) && v == 22 &&
		gs_after == gs_before,
		"an LDT %%fs and the TLS %%gs survive a signal (frame fs %#x)", handler_fs);
}

/* ---- sigreturn into chosen CS/SS ---- */

static greg_t saved[NGREG];
static volatile uint16_t want_cs, want_ss;
static volatile uint32_t want_sp;
static volatile uint16_t want_data = 0xffff;	/* DS, ES, FS to return with; 0xffff: as they were */

/* SIGUSR1: return into trap_here with the CS, SS and ESP asked for. */
static void on_usr1(int sig, siginfo_t *si, void *ctx)
{
	ucontext_t *uc = ctx;

	(void)sig;
	(void)si;
	memcpy(saved, uc->uc_mcontext.gregs, sizeof(saved));
	uc->uc_mcontext.gregs[REG_CS] = want_cs;
	uc->uc_mcontext.gregs[REG_SS] = want_ss;
	uc->uc_mcontext.gregs[REG_ESP] = want_sp;
	uc->uc_mcontext.gregs[REG_EIP] = (greg_t)(uintptr_t)trap_here;
	if (want_data != 0xffff)
		uc->uc_mcontext.gregs[REG_DS] = uc->uc_mcontext.gregs[REG_ES] =
			uc->uc_mcontext.gregs[REG_FS] = want_data;
}

/* SIGTRAP or SIGILL on the alternate stack: note the state, resume raise(). */
static void on_return(int sig, siginfo_t *si, void *ctx)
{
	ucontext_t *uc = ctx;

	got_sig = sig;
	got_code = si->si_code;
	got_trapno = uc->uc_mcontext.gregs[REG_TRAPNO];
	got_sp = uc->uc_mcontext.gregs[REG_ESP];
	got_ss = uc->uc_mcontext.gregs[REG_SS];
	memcpy(uc->uc_mcontext.gregs, saved, sizeof(saved));
}

static void sigreturn_into(uint16_t cs, uint16_t ss, uint32_t sp)
{
	want_cs = cs;
	want_ss = ss;
	want_sp = sp;
	got_sig = 0;
	raise(SIGUSR1);
}

/*
 * Every GDT selector (index 0-31) and LDT selector (0-10), with RPL 3, as
 * CS and as SS, and as DS, ES and FS together: the return either works
 * (SIGTRAP from trap_here) or is refused (SIGILL); the data segments
 * never make it fail (an unusable one is left null).  Returns the number
 * of outcomes outside that.
 */
static int sigreturn_sweep(uint16_t cs, uint16_t ss)
{
	int bad = 0;

	for (int i = 0; i < 32 + 11; i++) {
		uint16_t sel = i < 32 ? (i << 3) | 3 : LDT_SEL(i - 32);

		sigreturn_into(sel, ss, 0x5aad0ff0);
		bad += got_sig != SIGTRAP && got_sig != SIGILL;
		sigreturn_into(cs, sel, 0x5aad0ff0);
		bad += got_sig != SIGTRAP && got_sig != SIGILL;
		want_data = sel;
		sigreturn_into(cs, ss, 0x5aad0ff0);
		want_data = 0xffff;
		bad += got_sig != SIGTRAP;
	}
	return bad;
}

static void child_unhandled(void *arg)
{
	(void)arg;
	signal(SIGILL, SIG_DFL);
	sigreturn_into(0x60, LDT_SEL(E_MISSING), 0x1000);
}

static void test_sigreturn(void)
{
	stack_t st = { .ss_sp = altstack, .ss_size = sizeof(altstack) };
	uint16_t cs, ss;

	asm volatile("movw %%cs, %0; movw %%ss, %1" : "=r"(cs), "=r"(ss));
	sigaltstack(&st, NULL);
	handle(SIGUSR1, on_usr1, 0);
	handle(SIGTRAP, on_return, SA_ONSTACK);
	handle(SIGILL, on_return, SA_ONSTACK);

	sigreturn_into(cs, LDT_SEL(E_STACK16), 0x5aad0ff0);
	ksft_ok(got_sig == SIGTRAP && got_ss == LDT_SEL(E_STACK16) && got_sp == 0x5aad0ff0,
		"iret to a 16-bit LDT stack keeps all of ESP (espfix): sp %#x ss %#x",
		got_sp, got_ss);
	sigreturn_into(cs, LDT_SEL(E_DATA), 0x5aad0ff0);
	ksft_ok(got_sig == SIGTRAP && got_sp == 0x5aad0ff0, "and a 32-bit LDT stack too");
	sigreturn_into(cs, LDT_SEL(E_MISSING), 0x5aad0ff0);
	ksft_ok(got_sig == SIGILL && got_code == 8 && got_trapno == 32,
		"a missing LDT stack segment: SIGILL ILL_BADSTK, trapno 32 (sig %d code %d trapno %d)",
		got_sig, got_code, got_trapno);
	sigreturn_into(cs, LDT_SEL(E_NPDATA), 0x5aad0ff0);
	ksft_ok(got_sig == SIGILL && got_trapno == 32, "a not-present LDT stack segment: SIGILL");
	sigreturn_into(LDT_SEL(E_DATA), ss, 0x1000);
	ksft_ok(got_sig == SIGILL && got_trapno == 32, "a data segment as CS: SIGILL");
	sigreturn_into(0x60, ss, 0x1000);
	ksft_ok(got_sig == SIGILL, "the kernel's CS (RPL forced to 3): SIGILL");
	ksft_ok(KSFT_SIGNALLED(ksft_run_child(child_unhandled, NULL), SIGILL),
		"without a handler the process dies of SIGILL");
	ksft_ok(sigreturn_sweep(cs, ss) == 0,
		"every GDT and LDT selector as CS, as SS, as DS/ES/FS: SIGTRAP or SIGILL, no crash");
}

/* ---- Linux i386's legacy stack switch ---- */

static char other_stack[16384] __attribute__((aligned(16)));
static volatile int legacy_on_alt, legacy_restore;

static void on_trap_legacy(int sig, siginfo_t *si, void *ctx)
{
	ucontext_t *uc = ctx;
	char here;

	(void)si;
	got_sig = sig;
	legacy_on_alt = &here >= altstack && &here < altstack + sizeof(altstack);
	if (legacy_restore)
		memcpy(uc->uc_mcontext.gregs, saved, sizeof(saved));
}

/* rt_sigaction without SA_RESTORER (glibc always adds it), restorer @restorer. */
static int raw_sigaction(int sig, void (*fn)(int, siginfo_t *, void *), void *restorer)
{
	struct { void *handler; unsigned long flags; void *restorer; uint32_t mask[2]; } ka = {
		(void *)fn, SA_SIGINFO, restorer, { 0, 0 }
	};

	return syscall(SYS_rt_sigaction, sig, &ka, NULL, 8);
}

/* The legacy switch to a restorer outside the alternate stack: no frame, SIGSEGV. */
static void child_legacy_outside(void *arg)
{
	uint16_t cs;

	(void)arg;
	asm volatile("movw %%cs, %0" : "=r"(cs));
	signal(SIGSEGV, SIG_DFL);
	raw_sigaction(SIGTRAP, on_trap_legacy, other_stack + sizeof(other_stack));
	legacy_restore = 1;
	sigreturn_into(cs, LDT_SEL(E_DATA), 0x5aad0ff0);
	_exit(0);
}

static void test_legacy_stack(void)
{
	uint16_t cs;
	int ok1, ok2;

	asm volatile("movw %%cs, %0" : "=r"(cs));
	raw_sigaction(SIGTRAP, on_trap_legacy, altstack + sizeof(altstack));
	legacy_restore = 1;
	sigreturn_into(cs, LDT_SEL(E_DATA), 0x5aad0ff0);
	ok1 = got_sig == SIGTRAP && legacy_on_alt;
	legacy_restore = 0;
	got_sig = 0;
	raise(SIGTRAP);
	ok2 = got_sig == SIGTRAP && !legacy_on_alt;
	handle(SIGTRAP, on_return, SA_ONSTACK);
	ksft_ok(ok1 && ok2, "a signal from a non-__USER_DS stack goes to sa_restorer without "
		"SA_RESTORER (legacy switch %d), from the flat stack it does not (%d)", ok1, ok2);
	ksft_ok(KSFT_SIGNALLED(ksft_run_child(child_legacy_outside, NULL), SIGSEGV),
		"a legacy switch outside the alternate stack: SIGSEGV, as Linux 6.1");
}

/* ---- context switches ---- */

static uint32_t mine[2] = { 0x11111111, 0x22222222 };

/* Reads %fs:0 through LDT entry 6 across @rounds yields; 0 if always @want. */
static int read_across_switches(uint32_t want, int rounds)
{
	uint16_t old = get_fs();
	int bad = 0;

	set_fs(LDT_SEL(6));
	for (int i = 0; i < rounds; i++) {
		uint32_t v;

		sched_yield();
		asm volatile("movl %%fs:0, %0" : "=r"(v));
		bad += v != want;
	}
	set_fs(old);
	return bad;
}

static void test_switches(void)
{
	int st = -1, bad;
	pid_t pid;

	set_entry(6, &mine[0], 3, 1, 0, 0, 0);
	pid = fork();
	if (pid == 0) {
		set_entry(6, &mine[1], 3, 1, 0, 0, 0);	/* the child's own LDT */
		_exit(read_across_switches(0x22222222, 500) ? 1 : 0);
	}
	bad = read_across_switches(0x11111111, 500);
	waitpid(pid, &st, 0);
	ksft_ok(!bad && KSFT_EXITED(st, 0),
		"two processes with different LDTs each see their own across switches");
}

static void test_tls_refusals(void)
{
	struct user_desc d = {
		.entry_number = -1, .base_addr = (uint32_t)(uintptr_t)buf, .limit = 0xfff,
		.seg_32bit = 0, .contents = 0, .read_exec_only = 0,
		.limit_in_pages = 0, .seg_not_present = 0, .useable = 0,
	};
	long r = syscall(SYS_set_thread_area, &d);

	ksft_ok(r == -1 && errno == EINVAL && d.entry_number == (unsigned int)-1,
		"set_thread_area refuses a 16-bit segment before allocating a slot");
	d.seg_32bit = 1;
	d.seg_not_present = 1;
	r = syscall(SYS_set_thread_area, &d);
	ksft_ok(r == -1 && errno == EINVAL, "set_thread_area refuses a not-present segment");
}

int main(void)
{
	ksft_plan(20);
	handle(SIGSEGV, on_fault, 0);
	handle(SIGBUS, on_fault, 0);
	if (set_entry(E_DATA, buf, sizeof(buf) - 1, 1, 0, 0, 0) ||
	    set_entry(E_CODE, 0, 0xfffff, 1, 2, 1, 0) ||
	    set_entry(E_NPDATA, buf, sizeof(buf) - 1, 1, 0, 0, 1) ||
	    set_entry(E_STACK16, stack16, 0xffff, 0, 0, 0, 0) ||
	    set_entry(E_MISSING - 1, 0, 0, 0, 0, 0, 0)) {
		ksft_diag("modify_ldt: %s", strerror(errno));
		return 1;
	}
	test_data_segment();
	test_far_call();
	test_bad_selectors();
	test_cleared_entry();
	test_signal_keeps_selectors();
	test_sigreturn();
	test_legacy_stack();
	test_switches();
	test_tls_refusals();
	ksft_exit();
}
