/* fork_nocopy (Linnet only): fork of 64 MiB touched copies no pages. */
#include "../kselftest.h"
#include <sys/mman.h>
#include <sys/sysinfo.h>

#define SIZE (64UL << 20)
#define BUDGET (1UL << 20)

static unsigned long long free_bytes(void)
{
	struct sysinfo si;

	if (sysinfo(&si))
		return 0;
	return (unsigned long long)si.freeram * (si.mem_unit ? si.mem_unit : 1);
}

int main(void)
{
	unsigned long long before, after;
	unsigned char *mem;
	int go[2], st, ok = 1;
	char c;
	pid_t pid;

	ksft_plan(3);
	mem = mmap(NULL, SIZE, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (mem == MAP_FAILED || pipe(go)) {
		ksft_diag("mmap/pipe: %s", strerror(errno));
		return 1;
	}
	for (unsigned long i = 0; i < SIZE; i += KSFT_PAGE)
		mem[i] = (unsigned char)(i >> 12);

	before = free_bytes();
	pid = fork();
	if (pid < 0)
		return 1;
	if (pid == 0) {		/* touch nothing until told to check */
		close(go[1]);
		if (read(go[0], &c, 1) != 1)
			_exit(2);
		for (unsigned long i = 0; i < SIZE; i += KSFT_PAGE)
			if (mem[i] != (unsigned char)(i >> 12))
				_exit(1);
		_exit(0);
	}
	after = free_bytes();	/* before anyone writes to mem */
	close(go[0]);
	if (write(go[1], "g", 1) != 1)
		ok = 0;
	close(go[1]);
	ok = ok && waitpid(pid, &st, 0) == pid && KSFT_EXITED(st, 0);

	ksft_diag("free before fork %llu, after %llu", before, after);
	ksft_ok(before && before < after + BUDGET,
		"fork of 64 MiB touched memory costs under 1 MiB (%lld KiB)",
		((long long)before - (long long)after) / 1024);
	ksft_ok(ok, "the child reads the parent's data");
	for (unsigned long i = 0; i < SIZE; i += KSFT_PAGE)
		if (mem[i] != (unsigned char)(i >> 12))
			ok = 0;
	ksft_ok(ok && munmap(mem, SIZE) == 0, "the parent's data is intact");
	ksft_exit();
}
