/*
 * execstorm: fork + execve of this very program (by argv[0], so run it by
 * a path) again and again, each child exec'ing itself down a chain of
 * random depth with an argument of random length (up to 16 KiB) and an
 * environment variable that must arrive intact, the last link exiting
 * with a status derived from its token; and execve of a missing path
 * (ENOENT) and of a file that is not a program (ENOEXEC).
 *
 *   execstorm [SEED]                       the storm
 *   execstorm --chain DEPTH TOKEN ARG      one link (internal)
 */
#include "stress.h"
#include <sys/stat.h>

#define ITERATIONS	40
#define MAX_DEPTH	4
#define MAX_ARG		16384
#define ENV_NAME	"STRESS_CHAIN"

extern char **environ;

static char dir[256], junk[300], missing[300];
static char big[MAX_ARG + 1];
static char *envp[64];

static int exit_code(unsigned long token)
{
	return (int)(token % 200) + 10;
}

/* The argument a link with @token carries: its length and letters. */
static void make_arg(unsigned long token)
{
	size_t len = token % MAX_ARG;

	for (size_t i = 0; i < len; i++)
		big[i] = (char)('a' + (i * 7 + token) % 26);
	big[len] = '\0';
}

/* Our environment with ENV_NAME=@token added in front. */
static void make_env(unsigned long token)
{
	static char var[64];
	int n = 1;

	snprintf(var, sizeof(var), ENV_NAME "=%lu", token);
	envp[0] = var;
	for (char **e = environ; *e && n < 63; e++)
		if (strncmp(*e, ENV_NAME "=", sizeof(ENV_NAME)))
			envp[n++] = *e;
	envp[n] = NULL;
}

/* Execs link @depth of the chain for @token; returns only on failure. */
static void exec_link(const char *self, int depth, unsigned long token)
{
	char d[16], t[24];
	char *argv[] = { (char *)self, "--chain", d, t, big, NULL };

	snprintf(d, sizeof(d), "%d", depth);
	snprintf(t, sizeof(t), "%lu", token);
	int tries = 0;

	make_arg(token);
	make_env(token);
	do
		execve(self, argv, envp);
	while (stress_again(&tries));
}

/* A child's verdict on its failed execve: resource, or a real error. */
__attribute__((noreturn))
static void exec_failed(const char *what)
{
	int err = errno;

	if (stress_resource(err))
		_exit(STRESS_EXIT_SKIP);
	stress_fail("execve of %s: %s", what, strerror(err));
}

/* One link: checks what it was given, then execs the next or exits. */
static int chain(int argc, char **argv)
{
	unsigned long token = strtoul(argv[3], NULL, 10);
	int depth = atoi(argv[2]);
	const char *env = getenv(ENV_NAME);

	stress_injecting = stress_probe_injection();
	if (argc != 5)
		stress_fail("chain link got %d arguments, not 5", argc);
	if (!env || strtoul(env, NULL, 10) != token)
		stress_fail("chain link %lu: " ENV_NAME " is %s", token, env ? env : "unset");
	make_arg(token);
	if (strcmp(argv[4], big))
		stress_fail("chain link %lu: the %zu-byte argument arrived as %zu bytes "
			    "or changed", token, strlen(big), strlen(argv[4]));
	if (depth == 0)
		_exit(exit_code(token));
	exec_link(argv[0], depth - 1, token);
	exec_failed("itself, down the chain");
}

/* Forks a chain for @token; its exit status must say it ran to the end. */
static enum stress_verdict run_chain(const char *self, unsigned long token)
{
	int depth = (int)stress_below(MAX_DEPTH + 1), status;
	pid_t pid;

	pid = stress_fork();
	if (pid < 0)
		stress_syserr("fork");
	if (pid == 0) {
		exec_link(self, depth, token);
		exec_failed("itself");
	}
	status = stress_wait(pid);
	if (WIFEXITED(status) && WEXITSTATUS(status) == exit_code(token))
		return STRESS_OK;
	return stress_status(status, 1, "an exec chain");
}

/* execve of @path in a child must fail with @want. */
static enum stress_verdict run_bad(const char *path, int want)
{
	char *argv[] = { (char *)path, NULL };
	int tries = 0;
	pid_t pid;

	pid = stress_fork();
	if (pid < 0)
		stress_syserr("fork");
	if (pid == 0) {
		do
			execve(path, argv, environ);
		while (errno != want && stress_again(&tries));
		if (errno == want)
			_exit(0);
		exec_failed(path);
	}
	return stress_status(stress_wait(pid), 0, "a bad execve");
}

static void make_junk(void)
{
	const char *base = getenv("STRESS_DIR");
	static const char text[] = "this is not a program\n";
	int fd, tries = 0;
	char *made;

	do {
		snprintf(dir, sizeof(dir), "%s/execstorm-XXXXXX", base && *base ? base : "/tmp");
		made = mkdtemp(dir);
	} while (!made && stress_again(&tries));
	if (!made)
		stress_syserr("mkdtemp");
	snprintf(junk, sizeof(junk), "%s/junk", dir);
	snprintf(missing, sizeof(missing), "%s/missing", dir);
	do
		fd = open(junk, O_WRONLY | O_CREAT | O_TRUNC, 0755);
	while (fd < 0 && stress_again(&tries));
	if (fd < 0 || write(fd, text, sizeof(text) - 1) != sizeof(text) - 1) {
		int err = errno;

		unlink(junk);
		rmdir(dir);
		errno = err;
		stress_syserr("creating a file");
	}
	close(fd);
}

int main(int argc, char **argv)
{
	unsigned int counts[3] = { 0 };

	if (argc > 1 && !strcmp(argv[1], "--chain"))
		return chain(argc, argv);
	stress_init(argc, argv);
	if (!strchr(argv[0], '/'))
		stress_fail("run me by a path: execve(argv[0]) cannot search PATH");
	make_junk();
	for (int i = 0; i < ITERATIONS; i++) {
		counts[run_chain(argv[0], stress_rand())]++;
		if (i % 4 == 0) {
			counts[run_bad(missing, ENOENT)]++;
			counts[run_bad(junk, ENOEXEC)]++;
		}
		if (counts[STRESS_FAILED])
			break;
	}
	unlink(junk);
	rmdir(dir);
	if (counts[STRESS_FAILED])
		return STRESS_EXIT_FAIL;
	if (counts[STRESS_SKIPPED])
		stress_skip("execve or fork in some children", ENOMEM);
	stress_diag("%u exec chains and bad execs: statuses, arguments, environment right",
		    counts[STRESS_OK]);
	return 0;
}
