/*
 * membarrier(2), raw: the commands QUERY offers, the private expedited
 * ones refused (EPERM) until the process registers, a forked child keeping
 * the registration, the rseq pair (MEMBARRIER_CMD_FLAG_CPU allowed only
 * there), and EINVAL for flags and unknown commands.
 */
#include <stdint.h>
#include <sys/syscall.h>
#include "../kselftest.h"

#define CMD_QUERY		0
#define CMD_GLOBAL		(1 << 0)
#define CMD_GLOBAL_EXPEDITED	(1 << 1)
#define CMD_REG_GLOBAL_EXP	(1 << 2)
#define CMD_PRIVATE_EXP		(1 << 3)
#define CMD_REG_PRIVATE_EXP	(1 << 4)
#define CMD_PRIVATE_SYNC	(1 << 5)
#define CMD_REG_PRIVATE_SYNC	(1 << 6)
#define CMD_PRIVATE_RSEQ	(1 << 7)
#define CMD_REG_PRIVATE_RSEQ	(1 << 8)
#define CMD_FLAG_CPU		(1 << 0)

static long membarrier(int cmd, unsigned int flags)
{
	return syscall(SYS_membarrier, cmd, flags, 0);
}

static int err(long r)
{
	return r == -1 ? errno : 0;
}

static void child_private(void *arg)
{
	(void)arg;
	_exit(membarrier(CMD_PRIVATE_EXP, 0) == 0 ? 0 : 1);
}

int main(void)
{
	long mask = membarrier(CMD_QUERY, 0);
	int st;

	ksft_plan(10);
	ksft_ok(mask >= 0 && (mask & 0x7f) == 0x7f,
		"QUERY offers GLOBAL, GLOBAL_EXPEDITED, PRIVATE_EXPEDITED (and SYNC_CORE) with their registrations (%#lx)",
		mask);
	ksft_ok(membarrier(CMD_GLOBAL, 0) == 0 && membarrier(CMD_GLOBAL_EXPEDITED, 0) == 0,
		"GLOBAL and GLOBAL_EXPEDITED need no registration");
	errno = 0;
	ksft_ok(membarrier(CMD_PRIVATE_EXP, 0) == -1 && errno == EPERM &&
		membarrier(CMD_PRIVATE_SYNC, 0) == -1 && errno == EPERM,
		"PRIVATE_EXPEDITED (and SYNC_CORE) before registering: EPERM");
	ksft_ok(membarrier(CMD_REG_PRIVATE_EXP, 0) == 0 && membarrier(CMD_PRIVATE_EXP, 0) == 0,
		"after REGISTER_PRIVATE_EXPEDITED it works");
	errno = 0;
	ksft_ok(membarrier(CMD_PRIVATE_SYNC, 0) == -1 && errno == EPERM &&
		membarrier(CMD_REG_PRIVATE_SYNC, 0) == 0 && membarrier(CMD_PRIVATE_SYNC, 0) == 0,
		"SYNC_CORE has a registration of its own");
	ksft_ok((mask & 0x180) == 0x180 && err(membarrier(CMD_PRIVATE_RSEQ, 0)) == EPERM &&
		err(membarrier(CMD_REG_PRIVATE_RSEQ, 0)) == 0 && err(membarrier(CMD_PRIVATE_RSEQ, 0)) == 0,
		"PRIVATE_EXPEDITED_RSEQ: offered, EPERM until its registration, then 0");
	ksft_ok(syscall(SYS_membarrier, CMD_PRIVATE_RSEQ, CMD_FLAG_CPU, 0) == 0 &&
		syscall(SYS_membarrier, CMD_PRIVATE_RSEQ, CMD_FLAG_CPU, 100000) == 0 &&
		err(membarrier(CMD_PRIVATE_EXP, CMD_FLAG_CPU)) == EINVAL &&
		err(membarrier(CMD_PRIVATE_RSEQ, 2)) == EINVAL,
		"MEMBARRIER_CMD_FLAG_CPU only with the rseq command (any cpu_id)");
	st = ksft_run_child(child_private, NULL);
	ksft_ok(KSFT_EXITED(st, 0), "a forked child keeps the registration (status %#x)", st);
	errno = 0;
	ksft_ok(membarrier(CMD_GLOBAL, 1) == -1 && errno == EINVAL, "flags are EINVAL");
	errno = 0;
	ksft_ok(membarrier(1 << 12, 0) == -1 && errno == EINVAL &&
		membarrier(-1, 0) == -1 && errno == EINVAL, "unknown commands are EINVAL");
	ksft_exit();
}
