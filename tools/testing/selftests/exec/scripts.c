/*
 * scripts: "#!" executables and execve's errors, as Linux 6.1.
 *
 * The interpreter of every test script is this binary itself: run with
 * SCRIPT_EXPECT in its environment it only compares its argv with that
 * list (fields split by '|') and exits 0 if they match, 200 if not.  A
 * failed execve in a child exits with the errno.
 */
#include "../kselftest.h"
#include <limits.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>

#define DIR_	"/tmp/linnet-scripts"
#define MISMATCH 200

static char self[PATH_MAX];

/* Interpreter mode: argv against SCRIPT_EXPECT ("a|b|c"), or argc 1 and "". */
static int check_argv(int argc, char **argv, const char *expect)
{
	char buf[4096], *field, *save = NULL;
	int i = 0;

	if (!strcmp(expect, "<empty>"))
		return argc == 1 && argv[0] && !argv[0][0] && !argv[1] ? 0 : MISMATCH;
	snprintf(buf, sizeof(buf), "%s", expect);
	for (field = strtok_r(buf, "|", &save); field; field = strtok_r(NULL, "|", &save), i++)
		if (i >= argc || strcmp(argv[i], field))
			break;
	if (!field && i == argc)
		return 0;
	for (i = 0; i < argc; i++)
		fprintf(stderr, "# argv[%d] = \"%s\"\n", i, argv[i]);
	fprintf(stderr, "# expected %s\n", expect);
	return MISMATCH;
}

/* Writes @text to @path with @mode.  0 or -1. */
static int write_file(const char *path, const char *text, size_t len, mode_t mode)
{
	int fd;

	unlink(path);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (fd < 0)
		return -1;
	if (write(fd, text, len) != (ssize_t)len || fchmod(fd, mode)) {
		close(fd);
		return -1;
	}
	return close(fd);
}

static int write_script(const char *path, const char *line)
{
	return write_file(path, line, strlen(line), 0755);
}

/*
 * Runs @path with @argv in a child whose interpreter expects @expect.
 * Returns 0 (ran, argv matched), MISMATCH, or the execve errno.
 */
static int run(const char *path, char *const argv[], const char *expect)
{
	int st;
	pid_t pid = fork();

	if (pid == 0) {
		setenv("SCRIPT_EXPECT", expect ? expect : "<no run expected>", 1);
		if (argv == (char *const *)-1)
			syscall(SYS_execve, path, NULL, environ);
		else
			execv(path, argv);
		_exit(errno);
	}
	if (pid < 0 || waitpid(pid, &st, 0) != pid || !WIFEXITED(st))
		return -1;
	return WEXITSTATUS(st);
}

static void expect_run(const char *path, char *const argv[], const char *expect,
		       const char *what)
{
	int r = run(path, argv, expect);

	ksft_ok(r == 0, "%s (%s)", what, r == MISMATCH ? "wrong argv" : strerror(r));
}

static void expect_errno(const char *path, int err, const char *what)
{
	char *argv[] = { (char *)path, NULL };
	int r = run(path, argv, NULL);

	ksft_ok(r == err, "%s: %s (got %s)", what, strerror(err), strerror(r));
}

static void test_splitting(void)
{
	char line[PATH_MAX + 400], want[2 * PATH_MAX];
	char *argv[] = { "zero", "x", "y z", NULL };
	size_t len;

	snprintf(line, sizeof(line), "#!%s\necho not a shell\n", self);
	write_script(DIR_ "/plain", line);
	snprintf(want, sizeof(want), "%s|" DIR_ "/plain|x|y z", self);
	expect_run(DIR_ "/plain", argv, want, "#!interp: argv[0] replaced by interp, script");

	snprintf(line, sizeof(line), "#!%s  -a  -b \t \n", self);
	write_script(DIR_ "/arg", line);
	snprintf(want, sizeof(want), "%s|-a  -b|" DIR_ "/arg|x|y z", self);
	expect_run(DIR_ "/arg", argv, want, "one optional argument, inner blanks kept, trailing stripped");

	snprintf(line, sizeof(line), "#! \t%s\targ\n", self);
	write_script(DIR_ "/tab", line);
	snprintf(want, sizeof(want), "%s|arg|" DIR_ "/tab", self);
	argv[1] = NULL;
	expect_run(DIR_ "/tab", argv, want, "blanks after #!, a tab before the argument");

	snprintf(line, sizeof(line), "#!%s", self);
	write_script(DIR_ "/nonl", line);
	snprintf(want, sizeof(want), "%s|" DIR_ "/nonl", self);
	expect_run(DIR_ "/nonl", argv, want, "a #! line without a newline");

	/* No newline in 255 bytes: the argument is what fits before byte 255. */
	len = (size_t)snprintf(line, sizeof(line), "#!%s ", self);
	memset(line + len, 'b', 300);
	write_file(DIR_ "/cut", line, len + 300, 0755);
	snprintf(want, sizeof(want), "%s|%.*s|" DIR_ "/cut", self, (int)(255 - len), line + len);
	expect_run(DIR_ "/cut", argv, want, "no newline: the argument cut at byte 255");

	snprintf(want, sizeof(want), "%s|./plain", self);
	if (chdir(DIR_) == 0)
		expect_run("./plain", argv, want, "the script's name as given (./plain)");
	else
		ksft_ok(0, "chdir " DIR_ ": %s", strerror(errno));
	chdir("/");

	snprintf(want, sizeof(want), "%s|" DIR_ "/plain", self);
	expect_run(DIR_ "/plain", (char *const *)-1, want, "a script with a NULL argv");
}

/* @n scripts, s1 run by s2 ... sn run by this binary; returns s1's path. */
static const char *make_chain(int n, char *want, size_t size)
{
	static char path[64];
	char line[PATH_MAX + 8];
	size_t len;

	len = (size_t)snprintf(want, size, "%s", self);
	for (int i = n; i >= 1; i--) {
		snprintf(path, sizeof(path), DIR_ "/chain%d", i);
		if (i == n)
			snprintf(line, sizeof(line), "#!%s\n", self);
		else
			snprintf(line, sizeof(line), "#!" DIR_ "/chain%d\n", i + 1);
		write_script(path, line);
		len += (size_t)snprintf(want + len, size - len, "|%s", path);
	}
	return path;
}

static void test_nesting(void)
{
	char want[4096];
	const char *s1 = make_chain(5, want, sizeof(want));
	char *argv[] = { (char *)s1, NULL };

	expect_run(s1, argv, want, "5 scripts, each the next one's interpreter");
	s1 = make_chain(6, want, sizeof(want));
	expect_errno(s1, ELOOP, "6 scripts in a chain");
	/* Linux opens each interpreter as it reads its script: ENOENT first. */
	write_script(DIR_ "/chain6", "#!" DIR_ "/no-such-interpreter\n");
	expect_errno(s1, ENOENT, "6 scripts, the last one's interpreter missing");
}

static void test_bad_scripts(void)
{
	char line[400];

	write_script(DIR_ "/noint", "#!" DIR_ "/no-such-interpreter\n");
	expect_errno(DIR_ "/noint", ENOENT, "missing interpreter");
	write_script(DIR_ "/noname", "#!  \n");
	expect_errno(DIR_ "/noname", ENOEXEC, "#! with no interpreter name");
	memset(line, 'a', sizeof(line));
	memcpy(line, "#!/", 3);
	write_file(DIR_ "/long", line, sizeof(line), 0755);
	expect_errno(DIR_ "/long", ENOEXEC, "a 400-byte interpreter name, no newline");
	write_script(DIR_ "/garbage", "this is no executable\n\x01\x02\x03");
	expect_errno(DIR_ "/garbage", ENOEXEC, "a file of no known format");
	write_script(DIR_ "/empty", "");
	expect_errno(DIR_ "/empty", ENOEXEC, "an empty file");
}

static void test_file_kinds(void)
{
	char line[PATH_MAX + 8];

	expect_errno(DIR_, EACCES, "a directory");
	expect_errno("/dev/null", EACCES, "a device (/dev/null)");
	if (mkfifo(DIR_ "/fifo", 0777) == 0) {
		chmod(DIR_ "/fifo", 0777);
		expect_errno(DIR_ "/fifo", EACCES, "a FIFO with mode 0777");
	} else {
		ksft_skip(strerror(errno), "a FIFO: mkfifo failed");
	}
	symlink(DIR_ "/loop1", DIR_ "/loop2");
	symlink(DIR_ "/loop2", DIR_ "/loop1");
	expect_errno(DIR_ "/loop1", ELOOP, "a symlink loop");
	snprintf(line, sizeof(line), "#!%s\n", self);
	write_file(DIR_ "/nox", line, strlen(line), 0644);
	expect_errno(DIR_ "/nox", EACCES, "no execute bit (0644)");
	write_script(DIR_ "/noxint", "#!" DIR_ "/nox\n");
	expect_errno(DIR_ "/noxint", EACCES, "an interpreter without an execute bit");
	mkdir(DIR_ "/noexec", 0755);
	if (mount("none", DIR_ "/noexec", "tmpfs", MS_NOEXEC, NULL) == 0) {
		write_script(DIR_ "/noexec/s", line);
		expect_errno(DIR_ "/noexec/s", EACCES, "a script on a noexec mount");
		umount(DIR_ "/noexec");
	} else {
		ksft_skip(strerror(errno), "a noexec mount: mount failed");
	}
}

static void test_empty_argv(void)
{
	char *none[] = { NULL };

	expect_run(self, (char *const *)-1, "<empty>", "execve(self, NULL, envp): argc 1, argv[0] \"\"");
	expect_run(self, none, "<empty>", "execve(self, { NULL }, envp): argc 1, argv[0] \"\"");
}

int main(int argc, char **argv)
{
	const char *expect = getenv("SCRIPT_EXPECT");
	ssize_t n;

	if (expect)
		return check_argv(argc, argv, expect);
	n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	if (n <= 0 && !realpath(argv[0], self))
		return 1;
	if (n > 0)
		self[n] = '\0';
	ksft_plan(24);
	mkdir(DIR_, 0755);
	test_splitting();
	test_nesting();
	test_bad_scripts();
	test_file_kinds();
	test_empty_argv();
	ksft_exit();
}
