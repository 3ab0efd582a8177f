/*
 * Resource limits that are enforced: RLIMIT_AS bounds mmap, brk and
 * MAP_FIXED replacement (only growth counts), RLIMIT_NPROC makes fork fail
 * with EAGAIN, and the limits round-trip through setrlimit/prlimit64 and
 * are inherited by a child.  Root is exempt from RLIMIT_NPROC (checked
 * first), so the NPROC case then becomes "nobody".
 */
#include "../kselftest.h"
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/syscall.h>

#define MiB (1024UL * 1024)

/* VmSize of this process in bytes, from /proc/self/status. */
static unsigned long vm_size(void)
{
	char line[128];
	unsigned long kb = 0;
	FILE *f = fopen("/proc/self/status", "r");

	if (!f)
		return 0;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "VmSize: %lu kB", &kb) == 1)
			break;
	fclose(f);
	return kb * 1024;
}

static void as_child(void *unused)
{
	struct rlimit r;
	void *big, *small, *fixed;
	int bad = 0;

	(void)unused;
	r.rlim_cur = vm_size() + MiB;
	r.rlim_max = RLIM_INFINITY;
	if (setrlimit(RLIMIT_AS, &r))
		_exit(10);
	big = mmap(NULL, 2 * MiB, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (big != MAP_FAILED || errno != ENOMEM)
		bad |= 1;
	small = mmap(NULL, MiB / 2, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (small == MAP_FAILED)
		_exit(11);
	fixed = mmap(small, MiB / 2, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	if (fixed != small)
		bad |= 2;		/* replacing mapped pages does not grow */
	if (sbrk(2 * MiB) != (void *)-1 || errno != ENOMEM)
		bad |= 4;
	munmap(small, MiB / 2);
	big = mmap(NULL, MiB, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (big == MAP_FAILED)
		bad |= 8;		/* room again after munmap */
	_exit(bad);
}

static void nproc_child(void *unused)
{
	struct rlimit r;
	pid_t pid;
	int bad = 0;

	(void)unused;
	if (getrlimit(RLIMIT_NPROC, &r))
		_exit(23);
	r.rlim_cur = 1;
	if (setrlimit(RLIMIT_NPROC, &r))
		_exit(21);
	if (geteuid() == 0) {
		pid = fork();		/* root: exempt */
		if (pid == 0)
			_exit(0);
		if (pid < 0)
			bad |= 4;
		else
			waitpid(pid, NULL, 0);
		if (setgid(65534) || setuid(65534))
			_exit(20);
	}
	pid = fork();
	if (pid == 0)
		_exit(0);
	if (pid > 0 || errno != EAGAIN)
		bad |= 1;
	if (pid > 0)
		waitpid(pid, NULL, 0);
	r.rlim_cur = r.rlim_max;
	if (setrlimit(RLIMIT_NPROC, &r))
		_exit(22);
	pid = fork();
	if (pid == 0)
		_exit(0);
	if (pid < 0)
		bad |= 2;
	else
		waitpid(pid, NULL, 0);
	_exit(bad);
}

/* RLIMIT_NOFILE lowered to 8: no descriptor at or above 8 can be made. */
static void nofile_child(void *unused)
{
	struct rlimit r;
	int bad = 0, fd;

	(void)unused;
	if (getrlimit(RLIMIT_NOFILE, &r))
		_exit(30);
	r.rlim_cur = 8;
	if (setrlimit(RLIMIT_NOFILE, &r))
		_exit(31);
	/* Whatever was open already, the slots up to 7 fill, then EMFILE. */
	for (int i = 0; i < 16 && (fd = open("/dev/null", O_RDONLY)) >= 0; i++)
		if (fd > 7)
			bad |= 1;
	if (fd >= 0 || errno != EMFILE || fcntl(7, F_GETFD) < 0)
		bad |= 2;
	if (dup2(0, 8) != -1 || errno != EBADF)
		bad |= 4;
	if (fcntl(0, F_DUPFD, 8) != -1 || errno != EINVAL)
		bad |= 8;
	close(7);
	if (dup(0) != 7)
		bad |= 16;
	_exit(bad);
}

static void inherit_child(void *unused)
{
	struct rlimit r;

	(void)unused;
	_exit(getrlimit(RLIMIT_AS, &r) == 0 && r.rlim_cur == 512 * MiB ? 0 : 1);
}

int main(void)
{
	struct rlimit r, saved;
	int st;

	ksft_plan(9);
	ksft_ok(getrlimit(RLIMIT_AS, &saved) == 0, "getrlimit(RLIMIT_AS)");
	r.rlim_cur = 2 * MiB;
	r.rlim_max = MiB;
	ksft_ok(setrlimit(RLIMIT_AS, &r) == -1 && errno == EINVAL,
		"soft limit above the hard limit: EINVAL");
	ksft_ok(syscall(SYS_setrlimit, RLIMIT_AS, NULL) == -1 && errno == EFAULT,
		"NULL limit: EFAULT");

	st = ksft_run_child(as_child, NULL);
	ksft_ok(KSFT_EXITED(st, 0), "RLIMIT_AS bounds mmap and brk, MAP_FIXED over "
		"mapped pages is fine, munmap makes room (status %#x)", st);

	r.rlim_cur = 512 * MiB;
	r.rlim_max = saved.rlim_max;
	ksft_ok(prlimit(0, RLIMIT_AS, &r, NULL) == 0 &&
		getrlimit(RLIMIT_AS, &r) == 0 && r.rlim_cur == 512 * MiB,
		"prlimit64 sets what getrlimit reads");
	st = ksft_run_child(inherit_child, NULL);
	ksft_ok(KSFT_EXITED(st, 0), "a child inherits the limit");
	ksft_ok(setrlimit(RLIMIT_AS, &saved) == 0, "the limit goes back");

	st = ksft_run_child(nofile_child, NULL);
	ksft_ok(KSFT_EXITED(st, 0), "RLIMIT_NOFILE 8: open EMFILE, dup2 to 8 EBADF, "
		"F_DUPFD from 8 EINVAL, a freed slot below is used (status %#x)", st);
	st = ksft_run_child(nproc_child, NULL);
	ksft_ok(KSFT_EXITED(st, 0), "RLIMIT_NPROC 1: root may fork; nobody's fork fails with EAGAIN; "
		"unlimited again: fork works (status %#x)", st);
	ksft_exit();
}
