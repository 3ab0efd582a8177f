/*
 * vdso: the i386 vDSO as Linux maps it.  AT_SYSINFO_EHDR points at a
 * valid ELF shared object whose dynamic symbol table (found through its
 * own PT_DYNAMIC, hash table and version definitions, parsed here)
 * exports Linux's entry points under LINUX_2.6 / LINUX_2.5; AT_SYSINFO
 * is __kernel_vsyscall; its clocks agree with the system calls (the
 * monotonic clocks never go backwards between the two); signal handlers
 * without SA_RESTORER return through its trampolines; /proc/self/maps
 * names [vdso] and [vvar]; fork keeps it, exec maps a fresh one, and a
 * process may unmap it.
 */
#include <elf.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>
#include "../kselftest.h"

struct ts32 { int32_t sec, nsec; };
struct ts64 { int64_t sec, nsec; };
struct tv32 { int32_t sec, usec; };

typedef int (*gettime32_fn)(int, struct ts32 *);
typedef int (*gettime64_fn)(int, struct ts64 *);
typedef int (*gettimeofday_fn)(struct tv32 *, void *);
typedef int (*time_fn)(int32_t *);

static const struct {
	const char *name, *version;
} wanted[] = {
	{ "__vdso_clock_gettime", "LINUX_2.6" },
	{ "__vdso_gettimeofday", "LINUX_2.6" },
	{ "__vdso_time", "LINUX_2.6" },
	{ "__vdso_clock_getres", "LINUX_2.6" },
	{ "__vdso_clock_gettime64", "LINUX_2.6" },
	{ "__kernel_vsyscall", "LINUX_2.5" },
	{ "__kernel_sigreturn", "LINUX_2.5" },
	{ "__kernel_rt_sigreturn", "LINUX_2.5" },
};
#define NWANTED (sizeof(wanted) / sizeof(wanted[0]))

#define VDSO_CASES 19

static uintptr_t base;
static uintptr_t addr_of[NWANTED];
static int has_hash, has_versym, has_verdef, soname_ok;

/*
 * Plain int $0x80: once the vDSO is gone, glibc's own system calls (which
 * go through AT_SYSINFO's __kernel_vsyscall) cannot be made any more.
 */
static long raw3(long nr, long a, long b, long c)
{
	long ret;

	__asm__ volatile("xchg %%edi, %%ebx\n\tint $0x80\n\txchg %%edi, %%ebx"
			 : "=a"(ret) : "0"(nr), "D"(a), "c"(b), "d"(c) : "memory");
	return ret;
}

static long raw2(long nr, long a, long b)
{
	return raw3(nr, a, b, 0);
}

static __attribute__((noreturn)) void raw_exit(int code)
{
	for (;;)
		raw2(SYS_exit_group, code, 0);
}

/* The version name of dynamic symbol @i, through versym and verdef. */
static const char *sym_version(const Elf32_Versym *versym, const Elf32_Verdef *vd,
			       const char *strs, unsigned int i)
{
	unsigned int want = versym[i] & 0x7fff;

	for (;;) {
		const Elf32_Verdaux *aux = (const void *)((const char *)vd + vd->vd_aux);

		if (vd->vd_ndx == want)
			return strs + aux->vda_name;
		if (!vd->vd_next)
			return NULL;
		vd = (const void *)((const char *)vd + vd->vd_next);
	}
}

/* Parses the image at @base; 0 or which step failed. */
static int parse_vdso(void)
{
	const Elf32_Ehdr *eh = (const void *)base;
	const Elf32_Phdr *ph = (const void *)(base + eh->e_phoff);
	const Elf32_Dyn *dyn = NULL;
	const Elf32_Sym *syms = NULL;
	const Elf32_Versym *versym = NULL;
	const Elf32_Verdef *verdef = NULL;
	const char *strs = NULL;
	uintptr_t load = 0, soname = 0;
	unsigned int nsyms = 0;
	int loads = 0;

	if (memcmp(eh->e_ident, ELFMAG, SELFMAG) || eh->e_ident[EI_CLASS] != ELFCLASS32 ||
	    eh->e_type != ET_DYN || eh->e_machine != EM_386)
		return 1;
	for (int i = 0; i < eh->e_phnum; i++) {
		if (ph[i].p_type == PT_LOAD && !loads++)
			load = base - ph[i].p_vaddr;
		if (ph[i].p_type == PT_DYNAMIC)
			dyn = (const void *)(base + ph[i].p_offset);
	}
	if (!loads || !dyn)
		return 2;
	for (; dyn->d_tag != DT_NULL; dyn++) {
		uintptr_t p = load + dyn->d_un.d_ptr;

		switch (dyn->d_tag) {
		case DT_HASH:
			nsyms = ((const uint32_t *)p)[1];
			has_hash = 1;
			break;
		case DT_GNU_HASH:
			has_hash = 1;
			break;
		case DT_SYMTAB: syms = (const void *)p; break;
		case DT_STRTAB: strs = (const void *)p; break;
		case DT_VERSYM: versym = (const void *)p; has_versym = 1; break;
		case DT_VERDEF: verdef = (const void *)p; has_verdef = 1; break;
		case DT_SONAME: soname = dyn->d_un.d_val; break;
		}
	}
	if (!syms || !strs || !nsyms || !versym || !verdef)
		return 3;
	soname_ok = soname && !strcmp(strs + soname, "linux-gate.so.1");
	for (unsigned int i = 1; i < nsyms; i++) {
		const char *ver = sym_version(versym, verdef, strs, i);

		for (unsigned int w = 0; w < NWANTED; w++)
			if (!strcmp(strs + syms[i].st_name, wanted[w].name) && ver &&
			    !strcmp(ver, wanted[w].version) && syms[i].st_shndx != SHN_UNDEF &&
			    ELF32_ST_TYPE(syms[i].st_info) == STT_FUNC)
				addr_of[w] = load + syms[i].st_value;
	}
	return 0;
}

static uintptr_t sym(const char *name)
{
	for (unsigned int w = 0; w < NWANTED; w++)
		if (!strcmp(wanted[w].name, name))
			return addr_of[w];
	return 0;
}

static int64_t ns64(const struct ts64 *t)
{
	return t->sec * 1000000000LL + t->nsec;
}

/* Syscall, vDSO, syscall, vDSO...: never backwards, 300 times. */
static int monotonic_between(int clock)
{
	gettime64_fn vdso = (gettime64_fn)sym("__vdso_clock_gettime64");
	gettime32_fn vdso32 = (gettime32_fn)sym("__vdso_clock_gettime");
	int64_t last = 0;

	for (int i = 0; i < 300; i++) {
		struct ts64 a, b;
		struct ts32 c;
		int64_t na, nb, nc;

		if (raw2(SYS_clock_gettime64, clock, (long)&a) || vdso(clock, &b) ||
		    vdso32(clock, &c))
			return 0;
		na = ns64(&a);
		nb = ns64(&b);
		nc = c.sec * 1000000000LL + c.nsec;
		if (na < last || nb < na || nc < nb || b.nsec < 0 || b.nsec >= 1000000000)
			return 0;
		last = nc;
	}
	return 1;
}

static int realtime_agrees(void)
{
	gettime64_fn vdso = (gettime64_fn)sym("__vdso_clock_gettime64");
	gettimeofday_fn gtod = (gettimeofday_fn)sym("__vdso_gettimeofday");
	struct ts64 a, b;
	struct tv32 tv, ktv;
	int tz[2] = { 77, 77 }, ktz[2] = { 66, 66 };
	int64_t d;

	if (raw2(SYS_clock_gettime64, CLOCK_REALTIME, (long)&a) || vdso(CLOCK_REALTIME, &b))
		return 0;
	d = ns64(&b) - ns64(&a);
	if (d < 0 || d > 50000000)
		return 0;
	if (gtod(&tv, tz) || raw2(SYS_gettimeofday, (long)&ktv, (long)ktz))
		return 0;
	d = (ktv.sec - tv.sec) * 1000000LL + (ktv.usec - tv.usec);
	return d >= 0 && d < 50000 && tz[0] == ktz[0] && tz[1] == ktz[1] &&
	       tv.usec >= 0 && tv.usec < 1000000 && gtod(NULL, NULL) == 0;
}

static int time_agrees(void)
{
	time_fn vtime = (time_fn)sym("__vdso_time");
	int32_t t1 = 0, t2, k;

	t2 = vtime(&t1);
	k = raw2(SYS_time, 0, 0);
	return t1 == t2 && k - t2 >= 0 && k - t2 <= 1 && vtime(NULL) - t2 <= 1;
}

static int getres_agrees(void)
{
	gettime32_fn getres = (gettime32_fn)sym("__vdso_clock_getres");
	static const int clocks[] = { CLOCK_REALTIME, CLOCK_MONOTONIC, CLOCK_BOOTTIME,
				      CLOCK_MONOTONIC_RAW, CLOCK_REALTIME_COARSE,
				      CLOCK_MONOTONIC_COARSE, CLOCK_PROCESS_CPUTIME_ID };

	for (unsigned int i = 0; i < sizeof(clocks) / sizeof(clocks[0]); i++) {
		struct ts32 v = { -1, -1 }, k = { -2, -2 };

		if (getres(clocks[i], &v) || raw2(SYS_clock_getres, clocks[i], (long)&k) ||
		    v.sec != k.sec || v.nsec != k.nsec || getres(clocks[i], NULL))
			return 0;
	}
	return getres(12345, NULL) == -EINVAL;
}

/* Clocks the data page does not serve come from the system call, errno and all. */
static int fallbacks(void)
{
	gettime64_fn vdso = (gettime64_fn)sym("__vdso_clock_gettime64");
	gettime32_fn vdso32 = (gettime32_fn)sym("__vdso_clock_gettime");
	struct ts64 t = { -1, -1 };
	struct ts32 t32;

	return vdso(12345, &t) == -EINVAL && vdso32(-1, &t32) == -EINVAL &&
	       vdso(CLOCK_PROCESS_CPUTIME_ID, &t) == 0 && t.sec >= 0 && t.nsec >= 0;
}

/* Finds the maps line naming @what: its start and end, 1 if found. */
static int find_map(const char *what, uintptr_t *start, uintptr_t *end, char *perms)
{
	static char buf[16384];
	long fd = raw3(SYS_open, (long)"/proc/self/maps", O_RDONLY, 0), n = 0, r;
	char *line;

	if (fd < 0)
		return 0;
	while ((r = raw3(SYS_read, fd, (long)buf + n, sizeof(buf) - 1 - n)) > 0)
		n += r;
	raw2(SYS_close, fd, 0);
	buf[n] = '\0';
	for (line = strtok(buf, "\n"); line; line = strtok(NULL, "\n")) {
		unsigned long s, e;
		char p[5];

		if (strstr(line, what) && sscanf(line, "%lx-%lx %4s", &s, &e, p) == 3) {
			*start = s;
			*end = e;
			if (perms)
				memcpy(perms, p, 5);
			return 1;
		}
	}
	return 0;
}

static volatile uintptr_t ret_addr;
static volatile int retcode_ok;

static void classic_handler(int sig)
{
	/*
	 * Linux's sigframe: pretcode, sig (here), sigcontext (88), an unused
	 * _fpstate_32 (624), extramask (4), retcode.
	 */
	uintptr_t frame_sig = (uintptr_t)&sig;
	static const unsigned char want[8] = { 0x58, 0xb8, 0x77, 0, 0, 0, 0xcd, 0x80 };
	const unsigned char *rc;

	__asm__("" : "+r"(frame_sig));	/* an address on the stack, not just &sig */
	rc = (const unsigned char *)frame_sig + 4 + 88 + 624 + 4;
	ret_addr = (uintptr_t)__builtin_return_address(0);
	retcode_ok = !memcmp(rc, want, 8);
}

static void rt_handler(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)si;
	(void)uc;
	ret_addr = (uintptr_t)__builtin_return_address(0);
}

struct k_sigaction { uint32_t handler, flags, restorer, mask[2]; };

static long raw_sigaction(int sig, void *handler, uint32_t flags)
{
	struct k_sigaction act = { (uint32_t)(uintptr_t)handler, flags, 0, { 0, 0 } };
	long ret;

	__asm__ volatile("xchg %%edi, %%ebx\n\tint $0x80\n\txchg %%edi, %%ebx"
			 : "=a"(ret) : "0"(SYS_rt_sigaction), "D"(sig), "c"(&act), "d"(0),
			   "S"(8) : "memory");
	return ret;
}

/* Handlers without SA_RESTORER return to the vDSO's trampolines. */
static int handlers_return_through_vdso(void)
{
	ret_addr = 0;
	if (raw_sigaction(SIGUSR1, classic_handler, 0) || raise(SIGUSR1) ||
	    ret_addr != sym("__kernel_sigreturn") || !retcode_ok) {
		ksft_diag("classic: returned to %#lx, retcode %s", (unsigned long)ret_addr,
			  retcode_ok ? "ok" : "wrong");
		return 0;
	}
	ret_addr = 0;
	if (raw_sigaction(SIGUSR2, rt_handler, 4 /* SA_SIGINFO */) || raise(SIGUSR2) ||
	    ret_addr != sym("__kernel_rt_sigreturn")) {
		ksft_diag("rt: returned to %#lx", (unsigned long)ret_addr);
		return 0;
	}
	return 1;
}

static void child_has_it(void *arg)
{
	uintptr_t s, e;
	struct ts64 t;

	(void)arg;
	if (getauxval(AT_SYSINFO_EHDR) != base || !find_map("[vdso]", &s, &e, NULL) || s != base)
		_exit(1);
	if (((gettime64_fn)sym("__vdso_clock_gettime64"))(CLOCK_MONOTONIC, &t))
		_exit(2);
	if (!handlers_return_through_vdso())
		_exit(3);
}

/* Unmapping it is allowed; the process goes on with plain system calls. */
static void child_unmaps(void *arg)
{
	uintptr_t s, e, vs, ve;

	(void)arg;
	if (!find_map("[vdso]", &s, &e, NULL) || !find_map("[vvar]", &vs, &ve, NULL))
		_exit(1);
	if (raw2(SYS_munmap, s, e - s) || raw2(SYS_munmap, vs, ve - vs))
		raw_exit(2);
	if (find_map("[vdso]", &s, &e, NULL) || find_map("[vvar]", &vs, &ve, NULL))
		raw_exit(3);
	raw_exit(raw2(SYS_getpid, 0, 0) > 0 ? 0 : 4);
}

static long raw_mremap(uintptr_t addr, size_t old_len, size_t new_len, long flags,
		       uintptr_t new_addr)
{
	unsigned long args[2] = { addr, new_addr };
	long ret;

	__asm__ volatile("push %%ebx\n\tmov 0(%%eax), %%ebx\n\tmov 4(%%eax), %%edi\n\t"
			 "mov %[nr], %%eax\n\tint $0x80\n\tpop %%ebx"
			 : "=a"(ret) : "0"(args), "c"(old_len), "d"(new_len), "S"(flags),
			   [nr] "i"(SYS_mremap) : "edi", "memory");
	return ret;
}

/*
 * mremap may move [vdso] whole (CRIU does): handlers without SA_RESTORER
 * then return to the trampoline at its new place.  Growing it is EFAULT
 * (a special mapping does not expand).
 */
static void child_moves(void *arg)
{
	uintptr_t s, e, to;
	void *spot;

	(void)arg;
	if (!find_map("[vdso]", &s, &e, NULL))
		_exit(1);
	spot = mmap(NULL, e - s, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (spot == MAP_FAILED)
		_exit(2);
	if (raw_mremap(s, e - s, e - s + 4096, 0, 0) != -EFAULT)
		raw_exit(3);
	to = (uintptr_t)raw_mremap(s, e - s, e - s, MREMAP_MAYMOVE | MREMAP_FIXED,
				   (uintptr_t)spot);
	if (to != (uintptr_t)spot)
		raw_exit(4);
	ret_addr = 0;
	if (raw_sigaction(SIGUSR1, classic_handler, 0) ||
	    raw2(SYS_kill, raw2(SYS_getpid, 0, 0), SIGUSR1))
		raw_exit(5);
	raw_exit(ret_addr == to + (sym("__kernel_sigreturn") - s) ? 0 : 6);
}

/*
 * glibc's own mremap() goes through __kernel_vsyscall: moving the vDSO
 * that way must return into the moved copy (Linux's vdso_fix_landing).
 */
static void child_moves_via_glibc(void *arg)
{
	uintptr_t s, e;
	void *spot, *got;

	(void)arg;
	if (!find_map("[vdso]", &s, &e, NULL))
		_exit(1);
	spot = mmap(NULL, e - s, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (spot == MAP_FAILED)
		_exit(2);
	got = mremap((void *)s, e - s, e - s, MREMAP_MAYMOVE | MREMAP_FIXED, spot);
	raw_exit(got == spot ? 0 : 3);	/* glibc's calls would go to the old place */
}

/* The data page cannot be made writable; the code page is not writable. */
static void child_writes(void *arg)
{
	uintptr_t vs, ve;

	(void)arg;
	if (!find_map("[vvar]", &vs, &ve, NULL))
		_exit(1);
	if (mprotect((void *)vs, ve - vs, PROT_READ | PROT_WRITE) != -1 || errno != EACCES)
		_exit(2);
	*(volatile char *)base = 0;	/* SIGSEGV */
	_exit(3);
}

static void child_execs(void *arg)
{
	char *argv[] = { (char *)arg, "--exec-check", NULL };
	uintptr_t s, e;

	if (!find_map("[vdso]", &s, &e, NULL) || raw2(SYS_munmap, s, e - s))
		raw_exit(1);
	raw3(SYS_execve, (long)"/proc/self/exe", (long)argv, (long)environ);
	raw_exit(2);
}

/* After exec (of a process that had unmapped it): a fresh vDSO. */
static int exec_check(void)
{
	uintptr_t s, e;
	unsigned long ehdr = getauxval(AT_SYSINFO_EHDR);
	struct timespec t;

	if (!ehdr || !find_map("[vdso]", &s, &e, NULL) || s != ehdr ||
	    clock_gettime(CLOCK_MONOTONIC, &t))
		return 1;
	return 0;
}

/* Booted with vdso=0 (Linux and Linnet both take it)? */
static int vdso_off(void)
{
	char cmdline[4096];

	return ksft_read_file("/proc/cmdline", cmdline, sizeof(cmdline)) > 0 &&
	       (!strncmp(cmdline, "vdso=0", 6) || strstr(cmdline, " vdso=0"));
}

/* vdso=0: nothing mapped, nothing announced; the rest is skipped. */
static int without_vdso(void)
{
	uintptr_t s, e;
	struct timespec t;

	ksft_ok(!getauxval(AT_SYSINFO) && !find_map("[vdso]", &s, &e, NULL) &&
		!find_map("[vvar]", &s, &e, NULL) && clock_gettime(CLOCK_MONOTONIC, &t) == 0,
		"vdso=0: no AT_SYSINFO(_EHDR), no [vdso] or [vvar], clocks through the system call");
	for (int i = 1; i < VDSO_CASES; i++)
		ksft_skip("booted with vdso=0", "case %d", i + 1);
	ksft_exit();
}

int main(int argc, char **argv)
{
	uintptr_t s = 0, e = 0, vs = 0, ve = 0;
	char perms[5] = "", vperms[5] = "";
	struct timespec gt;
	int st, missing = 0;

	if (argc > 1 && !strcmp(argv[1], "--exec-check"))
		return exec_check();
	ksft_plan(VDSO_CASES);
	base = getauxval(AT_SYSINFO_EHDR);
	if (!base && vdso_off())
		return without_vdso();
	if (!ksft_ok(base && !(base & 4095), "AT_SYSINFO_EHDR is a page address (%#lx)",
		     (unsigned long)base)) {
		ksft_exit();
	}
	if (!ksft_ok(parse_vdso() == 0, "it is an ELF32 i386 shared object with a dynamic section"))
		ksft_exit();
	ksft_ok(has_hash && has_versym && has_verdef && soname_ok,
		"it has a hash table, versym, verdef and soname linux-gate.so.1");
	for (unsigned int w = 0; w < NWANTED; w++)
		if (!addr_of[w]) {
			ksft_diag("missing %s@%s", wanted[w].name, wanted[w].version);
			missing++;
		}
	if (!ksft_ok(!missing, "it exports all %u entry points with Linux's versions",
		     (unsigned int)NWANTED))
		ksft_exit();
	ksft_ok(getauxval(AT_SYSINFO) == sym("__kernel_vsyscall"),
		"AT_SYSINFO is __kernel_vsyscall");
	ksft_ok(monotonic_between(CLOCK_MONOTONIC) && monotonic_between(CLOCK_BOOTTIME) &&
		monotonic_between(CLOCK_MONOTONIC_RAW),
		"MONOTONIC, BOOTTIME, MONOTONIC_RAW: syscall <= vDSO <= vDSO 32-bit, never backwards");
	ksft_ok(realtime_agrees(), "REALTIME and gettimeofday agree with the system calls");
	ksft_ok(time_agrees(), "__vdso_time agrees with time(2)");
	ksft_ok(getres_agrees(), "__vdso_clock_getres agrees with clock_getres(2)");
	ksft_ok(fallbacks(), "unknown and CPU-time clocks go to the system call (EINVAL, values)");
	ksft_ok(clock_gettime(CLOCK_MONOTONIC, &gt) == 0 && gt.tv_nsec < 1000000000,
		"glibc's clock_gettime works through it");
	ksft_ok(find_map("[vdso]", &s, &e, perms) && s == base && !strcmp(perms, "r-xp") &&
		find_map("[vvar]", &vs, &ve, vperms) && ve == s && !strcmp(vperms, "r--p"),
		"/proc/self/maps: [vvar] r--p right below [vdso] r-xp at AT_SYSINFO_EHDR");
	ksft_ok(handlers_return_through_vdso(),
		"handlers without SA_RESTORER return to __kernel_sigreturn / __kernel_rt_sigreturn");
	st = ksft_run_child(child_has_it, NULL);
	ksft_ok(KSFT_EXITED(st, 0), "a forked child has it at the same address, working");
	st = ksft_run_child(child_unmaps, NULL);
	ksft_ok(KSFT_EXITED(st, 0), "a child may munmap [vdso] and [vvar] and go on (status %#x)",
		st);
	st = ksft_run_child(child_moves, NULL);
	ksft_ok(KSFT_EXITED(st, 0),
		"mremap moves [vdso] (handlers return to its new place), cannot grow it (status %#x)",
		st);
	st = ksft_run_child(child_moves_via_glibc, NULL);
	ksft_ok(KSFT_EXITED(st, 0),
		"glibc's mremap (through __kernel_vsyscall) of [vdso] returns into the moved copy (status %#x)",
		st);
	st = ksft_run_child(child_writes, NULL);
	ksft_ok(KSFT_SIGNALLED(st, SIGSEGV),
		"[vvar] cannot be made writable (EACCES), [vdso] writes fault");
	st = ksft_run_child(child_execs, argv[0]);
	ksft_ok(KSFT_EXITED(st, 0), "exec after munmap maps a fresh one (status %#x)", st);
	ksft_exit();
}
