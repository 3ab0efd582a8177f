/*
 * ptrace's register images beyond GETREGS: the x87 state as FSAVE's
 * image (GETFPREGS/SETFPREGS: ST(0), the full tag word), the FXSAVE image
 * (GETFPXREGS/SETFPXREGS: an XMM register), GETREGSET (NT_PRSTATUS as
 * GETREGS, a short iovec cut, NT_386_TLS and GET_THREAD_AREA showing
 * glibc's TLS segment, an unknown note EINVAL), and
 * PTRACE_GET_SYSCALL_INFO at syscall stops (op NONE without
 * TRACESYSGOOD, as Linux).
 */
#include <elf.h>
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/user.h>
#include <sys/wait.h>
#include <unistd.h>
#include <asm/ldt.h>
#include "../kselftest.h"

static volatile double dval = 2.5;

static void child(void)
{
	double x;
	unsigned int xmm;

	if (ptrace(PTRACE_TRACEME, 0, 0, 0))
		_exit(99);
	raise(SIGSTOP);
	__asm__ __volatile__("fldl %1\n\tint3\n\tfstpl %0" : "=m"(x) : "m"(dval));
	__asm__ __volatile__("movl $0x12345678, %%eax\n\tmovd %%eax, %%xmm1\n\tint3\n\t"
			     "movd %%xmm1, %0" : "=r"(xmm) : : "eax");	/* built without SSE: xmm1 is ours */
	syscall(SYS_getppid, 11, 22);
	syscall(SYS_getppid, 11, 22);
	_exit(x == 7.0 && xmm == 0x0badcafe ? 0 : 1);
}

static int cont(pid_t pid, int req)
{
	int st;

	ptrace(req, pid, 0, 0);
	return waitpid(pid, &st, 0) == pid ? st : -1;
}

static void test_fpregs(pid_t pid)
{
	struct user_fpregs_struct fp = { 0 };
	long double want = 2.5, seven = 7.0;
	int ok = ptrace(PTRACE_GETFPREGS, pid, 0, &fp) == 0;

	ksft_ok(ok && !memcmp(fp.st_space, &want, 10) && (fp.twd & 0xffff) == 0x3fff &&
		((fp.swd >> 11) & 7) == 7,
		"GETFPREGS: ST(0) 2.5, TOP 7, tag word 0x3fff (%#lx, %#lx)",
		(unsigned long)fp.twd, (unsigned long)fp.swd);
	memcpy(fp.st_space, &seven, 10);
	ksft_ok(ptrace(PTRACE_SETFPREGS, pid, 0, &fp) == 0, "SETFPREGS: ST(0) = 7");
}

static void test_fpxregs(pid_t pid)
{
	struct user_fpxregs_struct fx;

	memset(&fx, 0, sizeof(fx));
	int ok = ptrace(PTRACE_GETFPXREGS, pid, 0, &fx) == 0;

	ksft_ok(ok && fx.xmm_space[4] == 0x12345678,
		"GETFPXREGS: xmm1 as the tracee set it (%#lx)", (unsigned long)fx.xmm_space[4]);
	fx.xmm_space[4] = 0x0badcafe;
	ksft_ok(ptrace(PTRACE_SETFPXREGS, pid, 0, &fx) == 0, "SETFPXREGS: xmm1 changed");
}

static void test_regsets(pid_t pid)
{
	struct user_regs_struct regs, rs;
	struct user_desc tls[3], one;
	struct iovec iov = { &rs, sizeof(rs) };
	int found = -1;

	ptrace(PTRACE_GETREGS, pid, 0, &regs);
	ksft_ok(ptrace(PTRACE_GETREGSET, pid, (void *)NT_PRSTATUS, &iov) == 0 &&
		iov.iov_len == sizeof(rs) && !memcmp(&rs, &regs, sizeof(rs)),
		"GETREGSET NT_PRSTATUS is GETREGS");
	iov.iov_len = 8;
	ksft_ok(ptrace(PTRACE_GETREGSET, pid, (void *)NT_PRSTATUS, &iov) == 0 && iov.iov_len == 8,
		"a short iovec: only its length moves");
	iov = (struct iovec){ tls, sizeof(tls) };
	if (ptrace(PTRACE_GETREGSET, pid, (void *)NT_386_TLS, &iov) == 0 && iov.iov_len == sizeof(tls))
		for (int i = 0; i < 3; i++)
			if (tls[i].entry_number == (unsigned int)(regs.xgs >> 3) && tls[i].base_addr)
				found = i;
	ksft_ok(found >= 0, "NT_386_TLS: glibc's %%gs segment (gs %#lx)", (unsigned long)regs.xgs);
	ksft_ok(found >= 0 && ptrace(PTRACE_GET_THREAD_AREA, pid, (void *)(regs.xgs >> 3), &one) == 0 &&
		one.base_addr == tls[found].base_addr,
		"GET_THREAD_AREA of that entry");
	ksft_ok(ptrace(PTRACE_GET_THREAD_AREA, pid, (void *)1, &one) == -1 && errno == EINVAL,
		"GET_THREAD_AREA of a non-TLS entry: EINVAL");
	iov = (struct iovec){ &rs, sizeof(rs) };
	ksft_ok(ptrace(PTRACE_GETREGSET, pid, (void *)0x999, &iov) == -1 && errno == EINVAL,
		"GETREGSET of an unknown note: EINVAL");
}

/* Linux's struct ptrace_syscall_info, i386. */
struct sci {
	uint8_t op, pad[3];
	uint32_t arch;
	uint64_t ip, sp;
	uint64_t nr, args[6];
} __attribute__((packed));

/* The child is at its first getppid(11, 22)'s entry; a second follows. */
static void test_syscall_info(pid_t pid)
{
	struct sci si;
	long n;
	int st = cont(pid, PTRACE_SYSCALL);

	memset(&si, 0, sizeof(si));
	n = ptrace(PTRACE_GET_SYSCALL_INFO, pid, (void *)sizeof(si), &si);
	ksft_ok(WIFSTOPPED(st) && n == 24 && si.op == 0 && si.arch == 0x40000003,
		"GET_SYSCALL_INFO at a stop without TRACESYSGOOD: op NONE, 24 bytes (%ld)", n);
	ptrace(PTRACE_SETOPTIONS, pid, 0, (void *)PTRACE_O_TRACESYSGOOD);
	st = cont(pid, PTRACE_SYSCALL);
	n = ptrace(PTRACE_GET_SYSCALL_INFO, pid, (void *)sizeof(si), &si);
	ksft_ok(WIFSTOPPED(st) && n == 33 && si.op == 2 && si.nr == (uint64_t)getpid(),
		"at the exit stop: op EXIT, rval, 33 bytes (%ld)", n);
	st = cont(pid, PTRACE_SYSCALL);
	memset(&si, 0, sizeof(si));
	n = ptrace(PTRACE_GET_SYSCALL_INFO, pid, (void *)sizeof(si), &si);
	ksft_ok(n == 80 && si.op == 1 && si.arch == 0x40000003 && si.nr == SYS_getppid &&
		si.args[0] == 11 && si.args[1] == 22,
		"at the next entry: op ENTRY, arch, nr, arguments (%ld, %d)", n, si.op);
}

int main(void)
{
	pid_t pid = fork();
	int st;

	if (pid == 0)
		child();
	ksft_plan(14);
	waitpid(pid, &st, 0);
	cont(pid, PTRACE_CONT);			/* the first int3 */
	test_fpregs(pid);
	cont(pid, PTRACE_CONT);			/* the second */
	test_fpxregs(pid);
	test_regsets(pid);
	test_syscall_info(pid);
	st = cont(pid, PTRACE_CONT);
	ksft_ok(KSFT_EXITED(st, 0), "the tracee saw ST(0) = 7 and xmm1 as set (%#x)", st);
	ksft_exit();
}
