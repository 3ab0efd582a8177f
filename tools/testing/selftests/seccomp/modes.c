/*
 * seccomp's modes and its checks at install time: strict mode (what it
 * lets through, SIGKILL for the rest), PR_GET_SECCOMP, no_new_privs,
 * EACCES without no_new_privs or CAP_SYS_ADMIN, EINVAL for bad programs
 * and flags, EFAULT for bad pointers, the instruction limits,
 * SECCOMP_GET_ACTION_AVAIL, SECCOMP_GET_NOTIF_SIZES, /proc status lines.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include "../kselftest.h"
#include "seccomp_util.h"

static void strict_write_ok(void *arg)
{
	(void)arg;
	if (prctl(PR_SET_SECCOMP, SECCOMP_MODE_STRICT, 0, 0, 0))
		syscall(__NR_exit, 2);
	if (syscall(__NR_write, 1, "", 0) != 0)
		syscall(__NR_exit, 3);
	syscall(__NR_exit, 7);		/* exit, not exit_group: allowed */
}

static void strict_getpid(void *arg)
{
	(void)arg;
	if (sys_seccomp(SECCOMP_SET_MODE_STRICT, 0, NULL))
		syscall(__NR_exit, 2);
	syscall(__NR_getpid);
	syscall(__NR_exit, 0);
}

static void strict_exit_group(void *arg)
{
	(void)arg;
	if (prctl(PR_SET_SECCOMP, SECCOMP_MODE_STRICT, 0, 0, 0))
		syscall(__NR_exit, 2);
	syscall(__NR_exit_group, 0);
}

static void check_strict(void)
{
	int st = ksft_run_child(strict_write_ok, NULL);

	ksft_ok(KSFT_EXITED(st, 7), "strict: write and exit pass (status %#x)", st);
	st = ksft_run_child(strict_getpid, NULL);
	ksft_ok(KSFT_SIGNALLED(st, SIGKILL), "strict: getpid is SIGKILL (status %#x)", st);
	st = ksft_run_child(strict_exit_group, NULL);
	ksft_ok(KSFT_SIGNALLED(st, SIGKILL), "strict: exit_group is SIGKILL (status %#x)", st);
	errno = 0;
	ksft_ok(sys_seccomp(SECCOMP_SET_MODE_STRICT, 1, NULL) == -1 && errno == EINVAL,
		"strict: flags are EINVAL");
	errno = 0;
	ksft_ok(prctl(PR_SET_SECCOMP, 3, 0, 0, 0) == -1 && errno == EINVAL,
		"PR_SET_SECCOMP mode 3 is EINVAL");
}

/* Gives up root (and so CAP_SYS_ADMIN); exits 0 if the install got EACCES. */
static void no_privs(void *arg)
{
	(void)arg;
	if (setresgid(65534, 65534, 65534) || setresuid(65534, 65534, 65534))
		_exit(2);
	errno = 0;
	if (filter_one(__NR_getpid, SECCOMP_RET_ERRNO | 1, 0) != -1 || errno != EACCES)
		_exit(3);
	if (prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0) != 0 || set_nnp() ||
	    prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0) != 1)
		_exit(4);
	if (filter_one(__NR_getpid, SECCOMP_RET_ERRNO | 1, 0))
		_exit(5);
	if (prctl(PR_GET_SECCOMP, 0, 0, 0, 0) != SECCOMP_MODE_FILTER)
		_exit(6);
	_exit(0);
}

static void check_privs(void)
{
	int st = ksft_run_child(no_privs, NULL);

	ksft_ok(KSFT_EXITED(st, 0), "no root: EACCES without no_new_privs, works with (status %#x)", st);
	errno = 0;
	ksft_ok(prctl(PR_SET_NO_NEW_PRIVS, 2, 0, 0, 0) == -1 && errno == EINVAL,
		"PR_SET_NO_NEW_PRIVS 2 is EINVAL");
	errno = 0;
	ksft_ok(prctl(PR_GET_NO_NEW_PRIVS, 1, 0, 0, 0) == -1 && errno == EINVAL,
		"PR_GET_NO_NEW_PRIVS with an argument is EINVAL");
}

/* Installs @f (@n instructions); returns errno (0 on success). */
static int try_prog(struct sock_filter *f, unsigned int n)
{
	struct sock_fprog prog = { .len = (unsigned short)n, .filter = f };

	errno = 0;
	return sys_seccomp(SECCOMP_SET_MODE_FILTER, 0, &prog) ? errno : 0;
}

static void check_bad_programs(void)
{
	struct sock_filter ld_out[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, sizeof(struct seccomp_data)),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW) };
	struct sock_filter ld_unaligned[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, 2),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW) };
	struct sock_filter ld_byte[] = {
		BPF_STMT(BPF_LD | BPF_B | BPF_ABS, 0),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW) };
	struct sock_filter no_ret[] = { BPF_STMT(BPF_LD | BPF_IMM, 1) };
	struct sock_filter jump_out[] = {
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 0, 1, 0),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW) };
	struct sock_filter ja_out[] = {
		BPF_STMT(BPF_JMP | BPF_JA, 5),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW) };
	struct sock_filter div0[] = {
		BPF_STMT(BPF_ALU | BPF_DIV | BPF_K, 0),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW) };
	struct sock_filter bad_op[] = {
		BPF_STMT(0xff, 0),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW) };
	struct sock_filter mem_unset[] = {
		BPF_STMT(BPF_LD | BPF_MEM, 3),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW) };
	struct sock_filter mem_out[] = {
		BPF_STMT(BPF_ST, 16),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW) };
	struct sock_filter mod[] = {
		BPF_STMT(BPF_ALU | BPF_MOD | BPF_K, 3),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW) };
	struct sock_fprog null_prog = { .len = 1, .filter = NULL };

	ksft_ok(try_prog(ld_out, 2) == EINVAL, "load past seccomp_data: EINVAL");
	ksft_ok(try_prog(ld_unaligned, 2) == EINVAL, "unaligned load: EINVAL");
	ksft_ok(try_prog(ld_byte, 2) == EINVAL, "byte load: EINVAL");
	ksft_ok(try_prog(no_ret, 1) == EINVAL, "no final return: EINVAL");
	ksft_ok(try_prog(jump_out, 2) == EINVAL, "conditional jump past the end: EINVAL");
	ksft_ok(try_prog(ja_out, 2) == EINVAL, "BPF_JA past the end: EINVAL");
	ksft_ok(try_prog(div0, 2) == EINVAL, "division by constant 0: EINVAL");
	ksft_ok(try_prog(bad_op, 2) == EINVAL, "unknown opcode: EINVAL");
	ksft_ok(try_prog(mem_unset, 2) == EINVAL, "M[3] read before any store: EINVAL");
	ksft_ok(try_prog(mem_out, 2) == EINVAL, "M[16]: EINVAL");
	ksft_ok(try_prog(mod, 2) == EINVAL, "BPF_MOD (not in seccomp's set): EINVAL");
	ksft_ok(try_prog(ld_out, 0) == EINVAL, "length 0: EINVAL");
	ksft_ok(try_prog(ld_out, BPF_MAXINSNS + 1) == EINVAL, "length 4097: EINVAL");
	errno = 0;
	ksft_ok(sys_seccomp(SECCOMP_SET_MODE_FILTER, 0, &null_prog) == -1 && errno == EINVAL,
		"NULL instructions: EINVAL");
	ksft_ok(try_prog((struct sock_filter *)8, 2) == EFAULT, "bad instruction pointer: EFAULT");
	errno = 0;
	ksft_ok(sys_seccomp(SECCOMP_SET_MODE_FILTER, 0, (void *)8) == -1 && errno == EFAULT,
		"bad sock_fprog pointer: EFAULT");
	errno = 0;
	ksft_ok(sys_seccomp(SECCOMP_SET_MODE_FILTER, 1U << 10, NULL) == -1 && errno == EINVAL,
		"unknown flag: EINVAL");
	errno = 0;
	ksft_ok(sys_seccomp(SECCOMP_SET_MODE_FILTER, SECCOMP_FILTER_FLAG_TSYNC |
			    SECCOMP_FILTER_FLAG_LOG | SECCOMP_FILTER_FLAG_SPEC_ALLOW, NULL) == -1 &&
		errno == EFAULT, "known flags, NULL program: EFAULT");
	errno = 0;
	ksft_ok(sys_seccomp(99, 0, NULL) == -1 && errno == EINVAL, "unknown operation: EINVAL");
	ksft_ok(prctl(PR_GET_SECCOMP, 0, 0, 0, 0) == 0, "none of that installed a filter");
}

/*
 * Filters of 4096 instructions stack until the chain passes 32768
 * instructions (each earlier filter counting 4 more): then ENOMEM.
 * Linux counts its eBPF translation (two instructions per return: 3
 * such filters fit), Linnet the classic instructions (7 fit).
 */
static void big_filters(void *arg)
{
	static struct sock_filter f[BPF_MAXINSNS];
	int i, err = 0;

	(void)arg;
	for (i = 0; i < BPF_MAXINSNS; i++)
		f[i] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW);
	if (set_nnp())
		_exit(2);
	for (i = 0; i < 9 && !err; i++)
		err = try_prog(f, BPF_MAXINSNS);
	if (err != ENOMEM)
		_exit(3);
	_exit(i - 1 >= 3 && i - 1 <= 7 ? 0 : 10 + i);
}

static void check_limits(void)
{
	int st = ksft_run_child(big_filters, NULL);

	ksft_ok(KSFT_EXITED(st, 0), "filters of 4096 stack until ENOMEM (status %#x)", st);
}

static void check_queries(void)
{
	unsigned int ok[] = { SECCOMP_RET_KILL_PROCESS, SECCOMP_RET_KILL_THREAD, SECCOMP_RET_TRAP,
			      SECCOMP_RET_ERRNO, SECCOMP_RET_TRACE, SECCOMP_RET_LOG,
			      SECCOMP_RET_ALLOW };
	unsigned int bad = 0x10000000U;
	struct seccomp_notif_sizes sz = { 0 };
	unsigned int i, good = 0;

	for (i = 0; i < NR_ELEMS(ok); i++)
		good += sys_seccomp(SECCOMP_GET_ACTION_AVAIL, 0, &ok[i]) == 0;
	ksft_ok(good == NR_ELEMS(ok), "GET_ACTION_AVAIL: %u of %u actions", good,
		(unsigned int)NR_ELEMS(ok));
	errno = 0;
	ksft_ok(sys_seccomp(SECCOMP_GET_ACTION_AVAIL, 0, &bad) == -1 && errno == EOPNOTSUPP,
		"GET_ACTION_AVAIL of 0x10000000: EOPNOTSUPP");
	errno = 0;
	ksft_ok(sys_seccomp(SECCOMP_GET_ACTION_AVAIL, 0, (void *)8) == -1 && errno == EFAULT,
		"GET_ACTION_AVAIL of a bad pointer: EFAULT");
	errno = 0;
	ksft_ok(sys_seccomp(SECCOMP_GET_ACTION_AVAIL, 1, &ok[0]) == -1 && errno == EINVAL,
		"GET_ACTION_AVAIL with flags: EINVAL");
	good = sys_seccomp(SECCOMP_GET_NOTIF_SIZES, 0, &sz) == 0;
	ksft_ok(good && sz.seccomp_data == 64 && sz.seccomp_notif == 80 &&
		sz.seccomp_notif_resp == 24, "GET_NOTIF_SIZES: %u %u %u", sz.seccomp_notif,
		sz.seccomp_notif_resp, sz.seccomp_data);
}

/* /proc/self/status: NoNewPrivs 1, Seccomp 2, Seccomp_filters 2 after two filters. */
static void status_lines(void *arg)
{
	char buf[4096];

	(void)arg;
	if (set_nnp() || filter_one(__NR_getpid, SECCOMP_RET_ERRNO | 1, 0) ||
	    filter_one(__NR_getppid, SECCOMP_RET_ERRNO | 1, 0))
		_exit(2);
	if (ksft_read_file("/proc/self/status", buf, sizeof(buf)) <= 0)
		_exit(3);
	if (!strstr(buf, "\nNoNewPrivs:\t1\nSeccomp:\t2\nSeccomp_filters:\t2\n"))
		_exit(4);
	_exit(0);
}

static void check_status(void)
{
	char buf[256];
	int st = ksft_run_child(status_lines, NULL);

	ksft_ok(KSFT_EXITED(st, 0), "/proc/self/status: NoNewPrivs, Seccomp, Seccomp_filters (status %#x)", st);
	ksft_ok(ksft_read_file("/proc/sys/kernel/seccomp/actions_avail", buf, sizeof(buf)) > 0 &&
		!strcmp(buf, "kill_process kill_thread trap errno user_notif trace log allow\n"),
		"actions_avail lists the eight actions");
}

int main(void)
{
	ksft_plan(36);
	check_strict();
	check_privs();
	check_bad_programs();
	check_limits();
	check_queries();
	check_status();
	ksft_exit();
}
