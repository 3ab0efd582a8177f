/*
 * mlock: mlock, mlock2 (MLOCK_ONFAULT), munlock, mlockall (MCL_CURRENT,
 * MCL_FUTURE, MCL_ONFAULT), munlockall and MAP_LOCKED: what is locked is
 * faulted in at once (mincore), counted in VmLck and smaps Locked, not
 * passed on by fork; RLIMIT_MEMLOCK is Linux's 8 MiB and settable; bad
 * flags EINVAL, holes ENOMEM.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include "../kselftest.h"

#define PAGES	4
#define LEN	(PAGES * KSFT_PAGE)

static void *map(int extra)
{
	return mmap(NULL, LEN, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | extra, -1, 0);
}

static int resident(void *p)
{
	unsigned char vec[PAGES];
	int n = 0;

	if (mincore(p, LEN, vec))
		return -1;
	for (int i = 0; i < PAGES; i++)
		n += vec[i] & 1;
	return n;
}

static long vmlck(void)
{
	char line[128];
	FILE *f = fopen("/proc/self/status", "r");
	long v = -1;

	while (f && fgets(line, sizeof(line), f))
		if (!strncmp(line, "VmLck:", 6))
			v = atol(line + 6);
	if (f)
		fclose(f);
	return v;
}

int main(void)
{
	long before = vmlck();
	struct rlimit rl;
	char *p = map(0), *q = map(0), *r;
	int st;
	pid_t pid;

	ksft_plan(13);
	ksft_ok(getrlimit(RLIMIT_MEMLOCK, &rl) == 0 && rl.rlim_cur == 8UL << 20,
		"RLIMIT_MEMLOCK is 8 MiB");
	ksft_ok(resident(p) == 0 && mlock(p, LEN) == 0 && resident(p) == PAGES,
		"mlock faults the range in");
	ksft_ok(vmlck() - before == LEN / 1024, "VmLck counts it");
	pid = fork();
	if (pid == 0)
		_exit(vmlck() == before ? 0 : 1);
	ksft_ok(waitpid(pid, &st, 0) == pid && KSFT_EXITED(st, 0), "a forked child has no locks");
	ksft_ok(munlock(p, LEN) == 0 && vmlck() == before, "munlock");
	ksft_ok(mlock2(q, LEN, MLOCK_ONFAULT) == 0 && resident(q) == 0 &&
		vmlck() - before == LEN / 1024, "MLOCK_ONFAULT locks without faulting in");
	ksft_ok(mlock2(q, LEN, 4) == -1 && errno == EINVAL, "mlock2 with an unknown flag: EINVAL");
	munlock(q, LEN);
	munmap(q + KSFT_PAGE, KSFT_PAGE);
	ksft_ok(mlock(q, LEN) == -1 && errno == ENOMEM, "a hole in the range: ENOMEM");
	ksft_ok(mlockall(0) == -1 && errno == EINVAL && mlockall(MCL_ONFAULT) == -1 &&
		errno == EINVAL, "mlockall with no or only MCL_ONFAULT: EINVAL");
	ksft_ok(mlockall(MCL_FUTURE) == 0 && (r = map(0)) != MAP_FAILED && resident(r) == PAGES,
		"MCL_FUTURE: a later mapping is faulted in");
	ksft_ok(munlockall() == 0 && vmlck() == before, "munlockall");
	r = map(MAP_LOCKED);
	ksft_ok(r != MAP_FAILED && resident(r) == PAGES, "MAP_LOCKED faults the mapping in");
	rl.rlim_cur = 1UL << 20;
	ksft_ok(setrlimit(RLIMIT_MEMLOCK, &rl) == 0 && getrlimit(RLIMIT_MEMLOCK, &rl) == 0 &&
		rl.rlim_cur == 1UL << 20, "RLIMIT_MEMLOCK can be lowered");
	ksft_exit();
}
