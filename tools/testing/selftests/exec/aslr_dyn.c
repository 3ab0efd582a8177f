/*
 * aslr_dyn: address-space layout randomisation as Linux i386 does it,
 * seen from re-executed copies of this dynamically linked PIE, each
 * reporting where its stack top, a stack variable, an mmap(NULL), the
 * break, the vDSO and the program itself landed:
 *   - kernel.randomize_va_space is 2 by default; runs differ in all six;
 *   - personality(ADDR_NO_RANDOMIZE) (setarch -R): runs are identical,
 *     the stack ends at 0xc0000000 and the PIE starts at 0x400000;
 *   - the default layout is top-down (mmap above 2.5 GiB), while
 *     ADDR_COMPAT_LAYOUT gives the legacy bottom-up one from 0x40000000;
 *   - randomize_va_space 0 makes runs identical, 1 randomises all but
 *     the break, which stays at the program's end (as root; the sysctl
 *     is restored).
 */
#include "../kselftest.h"
#include <elf.h>
#include <link.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <sys/personality.h>

extern const ElfW(Ehdr) __ehdr_start;

enum { STACKTOP, STACK, MMAP, BRK, VDSO, BASE, NFIELDS };
static const char *const names[NFIELDS] = { "stacktop", "stack", "mmap", "brk", "vdso", "base" };

struct sample {
	unsigned long v[NFIELDS];
};

#define RUNS 3

static unsigned long stack_top(void)
{
	static char buf[16384];
	char *p = buf;

	if (ksft_read_file("/proc/self/maps", buf, sizeof(buf)) < 0)
		return 0;
	while (p && *p) {
		unsigned long start, end;

		if (sscanf(p, "%lx-%lx", &start, &end) == 2 && strstr(p, "[stack]") &&
		    strstr(p, "[stack]") < strchr(p, '\n'))
			return end;
		p = strchr(p, '\n');
		if (p)
			p++;
	}
	return 0;
}

static int child(void)
{
	volatile int local = 0;
	void *m = mmap(NULL, KSFT_PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	printf("%lx %lx %lx %lx %lx %lx\n", stack_top(), (unsigned long)&local, (unsigned long)m,
	       (unsigned long)sbrk(0), getauxval(AT_SYSINFO_EHDR), (unsigned long)&__ehdr_start);
	return local;
}

/* One re-executed copy under @persona (or the inherited one for -1). */
static int sample(unsigned long persona, struct sample *s)
{
	char out[256];
	int fd[2], st, n = 0, r;
	pid_t pid;

	if (pipe(fd))
		return 0;
	pid = fork();
	if (pid == 0) {
		if (persona != ~0UL)
			personality(persona);
		dup2(fd[1], 1);
		execl("/proc/self/exe", "aslr_dyn", "--child", (char *)NULL);
		_exit(127);
	}
	close(fd[1]);
	while (pid > 0 && (r = read(fd[0], out + n, sizeof(out) - 1 - n)) > 0)
		n += r;
	close(fd[0]);
	out[n] = '\0';
	if (pid < 0 || waitpid(pid, &st, 0) != pid || !KSFT_EXITED(st, 0))
		return 0;
	return sscanf(out, "%lx %lx %lx %lx %lx %lx", &s->v[0], &s->v[1], &s->v[2], &s->v[3],
		      &s->v[4], &s->v[5]) == NFIELDS;
}

static int samples(unsigned long persona, struct sample *s)
{
	for (int i = 0; i < RUNS; i++)
		if (!sample(persona, &s[i]))
			return 0;
	return 1;
}

/* Field @f took more than one value over the runs. */
static int varies(const struct sample *s, int f)
{
	for (int i = 1; i < RUNS; i++)
		if (s[i].v[f] != s[0].v[f])
			return 1;
	return 0;
}

static int write_rvs(const char *val)
{
	return !ksft_write_file("/proc/sys/kernel/randomize_va_space", val);
}

static void check_rvs(void)
{
	struct sample s0[RUNS], s1[RUNS];
	int ok0, ok1;

	if (getuid() != 0 || !write_rvs("0")) {
		ksft_skip("not root", "randomize_va_space 0: runs are identical");
		ksft_skip("not root", "randomize_va_space 1: all but the break vary");
		return;
	}
	ok0 = samples(~0UL, s0);
	write_rvs("1");
	ok1 = samples(~0UL, s1);
	write_rvs("2");
	ksft_ok(ok0 && !varies(s0, STACK) && !varies(s0, MMAP) && !varies(s0, BRK) &&
		!varies(s0, VDSO) && !varies(s0, BASE) && s0[0].v[STACKTOP] == 0xc0000000,
		"randomize_va_space 0: runs are identical");
	ksft_ok(ok1 && varies(s1, STACK) && varies(s1, MMAP) && varies(s1, BASE) &&
		s1[0].v[BRK] - s1[0].v[BASE] == s1[1].v[BRK] - s1[1].v[BASE] &&
		s1[0].v[BRK] - s1[0].v[BASE] == s1[2].v[BRK] - s1[2].v[BASE],
		"randomize_va_space 1: all but the break (at the program's end) vary");
}

int main(int argc, char **argv)
{
	struct sample def[RUNS], norand[RUNS], legacy;
	char rvs[16] = "";
	int ok, all = 1;

	if (argc > 1 && !strcmp(argv[1], "--child"))
		return child();
	ksft_plan(9);
	ksft_read_file("/proc/sys/kernel/randomize_va_space", rvs, sizeof(rvs));
	ksft_ok(!strcmp(rvs, "2\n"), "kernel.randomize_va_space is 2 (%.1s)", rvs);
	ok = samples(~0UL, def);
	for (int f = 0; f < NFIELDS; f++)
		if (!ok || !varies(def, f)) {
			ksft_diag("%s does not vary", names[f]);
			all = 0;
		}
	ksft_ok(ok && all, "by default the stack top, stack, mmap, brk, vDSO and PIE base vary");
	ksft_ok(ok && def[0].v[STACKTOP] <= 0xc0000000 && def[0].v[STACKTOP] >= 0xc0000000 - (8 << 20),
		"the stack ends within 8 MiB below 0xc0000000 (%#lx)", def[0].v[STACKTOP]);
	ksft_ok(ok && def[0].v[MMAP] >= 0xa0000000 && def[0].v[MMAP] < def[0].v[STACK] &&
		def[0].v[BASE] >= 0x400000 && def[0].v[BASE] < 0x500000,
		"top-down: mmap(NULL) at %#lx under the stack, the PIE at %#lx", def[0].v[MMAP],
		def[0].v[BASE]);

	ok = samples(ADDR_NO_RANDOMIZE, norand);
	all = ok;
	for (int f = 0; f < NFIELDS && ok; f++)
		if (varies(norand, f)) {
			ksft_diag("%s varies under ADDR_NO_RANDOMIZE", names[f]);
			all = 0;
		}
	ksft_ok(all, "personality(ADDR_NO_RANDOMIZE): every run is the same");
	ksft_ok(ok && norand[0].v[STACKTOP] == 0xc0000000 && norand[0].v[BASE] == 0x400000,
		"ADDR_NO_RANDOMIZE: the stack ends at 0xc0000000 (%#lx), the PIE is at 0x400000 (%#lx)",
		norand[0].v[STACKTOP], norand[0].v[BASE]);
	ok = sample(ADDR_NO_RANDOMIZE | ADDR_COMPAT_LAYOUT, &legacy);
	ksft_ok(ok && legacy.v[MMAP] >= 0x40000000 && legacy.v[MMAP] < 0x41000000,
		"ADDR_COMPAT_LAYOUT: mmap(NULL) bottom-up from 0x40000000 (%#lx)", legacy.v[MMAP]);
	check_rvs();
	ksft_exit();
}
