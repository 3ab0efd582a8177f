/* auxv: execve passes argv/envp exactly and a Linux-layout auxv. */
#include "../kselftest.h"
#include <elf.h>
#include <link.h>
#include <sys/auxv.h>

#define LONG_ARG 5000	/* an argument spanning page boundaries */

extern char _start[];

/* Bits of the exit status of the re-executed child. */
enum { BAD_ARGV = 1, BAD_ENVP = 2, BAD_EXECFN = 4 };

static char long_arg[LONG_ARG + 1];
#define MAX_AUXV 64
static Elf32_auxv_t *auxv;	/* found right after envp's NULL */
static int auxv_len = -1;	/* entries before AT_NULL, -1 if none seen */

static int aux(unsigned int type, unsigned long *val)
{
	for (int i = 0; i < auxv_len; i++)
		if (auxv[i].a_type == type) {
			*val = auxv[i].a_un.a_val;
			return 1;
		}
	return 0;
}

static unsigned long aux_or(unsigned int type, unsigned long dflt)
{
	unsigned long v;

	return aux(type, &v) ? v : dflt;
}

static void find_auxv(char **envp)
{
	while (*envp)
		envp++;
	auxv = (Elf32_auxv_t *)(envp + 1);
	for (int i = 0; i < MAX_AUXV; i++)
		if (auxv[i].a_type == AT_NULL) {
			auxv_len = i;
			break;
		}
}

static int child_mode(int argc, char **argv, char **envp)
{
	static const char *want_argv[] = { "auxv-child", "--child", "",
					   "two words", NULL };
	const char *self = getenv("LINNET_SELF");
	const char *execfn = (const char *)aux_or(AT_EXECFN, 0);
	int bad = 0, n;

	if (argc != 5 || argv[5] != NULL)
		bad |= BAD_ARGV;
	for (int i = 0; i < 4 && !(bad & BAD_ARGV); i++)
		if (strcmp(argv[i], want_argv[i]))
			bad |= BAD_ARGV;
	if (!(bad & BAD_ARGV) && strcmp(argv[4], long_arg))
		bad |= BAD_ARGV;
	for (n = 0; envp[n]; n++)
		;
	if (n != 3 || strcmp(envp[0], "LINNET_ONE=1") ||
	    strcmp(envp[1], "EMPTY=") || !self ||
	    strncmp(envp[2], "LINNET_SELF=", 12))
		bad |= BAD_ENVP;
	if (!execfn || !self || strcmp(execfn, self))
		bad |= BAD_EXECFN;
	return bad;
}

static void read_random(void *p)
{
	const volatile unsigned char *r = p;
	unsigned char acc = 0;

	for (int i = 0; i < 16; i++)
		acc |= r[i];
	_exit(acc ? 0 : 1);	/* 16 zero bytes: not random */
}

static int phdrs_ok(void)
{
	const Elf32_Phdr *ph = (const Elf32_Phdr *)aux_or(AT_PHDR, 0);
	unsigned long n = aux_or(AT_PHNUM, 0);

	if (!ph || aux_or(AT_PHENT, 0) != sizeof(Elf32_Phdr) || n == 0)
		return 0;
	for (unsigned long i = 0; i < n; i++)
		if (ph[i].p_type == PT_LOAD)
			return 1;
	return 0;
}

static void reexec(char *self)
{
	char self_env[4200];
	char *cargv[] = { "auxv-child", "--child", "", "two words", long_arg, NULL };
	char *cenvp[] = { "LINNET_ONE=1", "EMPTY=", self_env, NULL };
	int st = -1;
	pid_t pid;

	snprintf(self_env, sizeof(self_env), "LINNET_SELF=%s", self);
	pid = fork();
	if (pid == 0) {
		execve(self, cargv, cenvp);
		_exit(127);
	}
	if (pid < 0 || waitpid(pid, &st, 0) != pid || !WIFEXITED(st) ||
	    WEXITSTATUS(st) > 7) {
		ksft_diag("re-exec of %s failed, status %#x", self, st);
		st = 0xff00;
	}
	st = WEXITSTATUS(st);
	ksft_ok(!(st & BAD_ARGV), "execve passes argv exactly (incl. empty and %d-byte strings)",
		LONG_ARG);
	ksft_ok(!(st & BAD_ENVP), "execve passes envp exactly");
	ksft_ok(!(st & BAD_EXECFN), "AT_EXECFN is the path given to execve");
}

int main(int argc, char **argv, char **envp)
{
	unsigned long v;

	memset(long_arg, 'L', LONG_ARG);
	find_auxv(envp);
	if (argc > 1 && !strcmp(argv[1], "--child"))
		return child_mode(argc, argv, envp);

	ksft_plan(12);
	ksft_ok(argv[argc] == NULL && envp == argv + argc + 1,
		"argv is NULL-terminated and envp follows it");
	ksft_ok(auxv_len > 0, "after envp's NULL: %d auxv entries, then AT_NULL",
		auxv_len);
	ksft_ok(aux(AT_PAGESZ, &v) && v == 4096 && getauxval(AT_PAGESZ) == 4096,
		"AT_PAGESZ is 4096 (in the vector and by getauxval)");
	v = aux_or(AT_RANDOM, 0);
	ksft_ok(v && KSFT_EXITED(ksft_run_child(read_random, (void *)v), 0),
		"AT_RANDOM points at 16 readable, not all zero bytes");
	ksft_ok(aux_or(AT_ENTRY, 0) == (unsigned long)_start,
		"AT_ENTRY is _start (%#lx)", aux_or(AT_ENTRY, 0));
	ksft_ok(phdrs_ok(), "AT_PHDR/AT_PHENT/AT_PHNUM describe program headers with a PT_LOAD");
	v = aux_or(AT_EXECFN, 0);
	ksft_ok(v && strlen((const char *)v) > 0, "AT_EXECFN is a string (%s)",
		v ? (const char *)v : "(none)");
	ksft_ok(aux_or(AT_UID, ~0UL) == getuid() && aux_or(AT_EUID, ~0UL) == geteuid() &&
		aux_or(AT_GID, ~0UL) == getgid() && aux_or(AT_EGID, ~0UL) == getegid(),
		"AT_UID/AT_EUID/AT_GID/AT_EGID match getuid() and friends");
	ksft_ok(aux(AT_SECURE, &v) && v == 0, "AT_SECURE is present and 0");
	reexec(argv[0]);
	ksft_exit();
}
