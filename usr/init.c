/*
 * /sbin/init for Linnet's initramfs.
 *
 * With "selftests" on the kernel command line (make test), it runs every
 * program listed in /selftests/list, each in its own child, prints one
 * TAP line per program after the program's own TAP output, totals them,
 * and powers the machine off.  Otherwise it greets and powers off: the
 * shell arrives with the next issue.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/reboot.h>
#include <sys/utsname.h>
#include <sys/wait.h>

#define LIST	"/selftests/list"

static int has_arg(int argc, char **argv, const char *word)
{
	for (int i = 1; i < argc; i++)
		if (!strcmp(argv[i], word))
			return 1;
	return 0;
}

/* Runs one test program; returns its wait status, or -1 if fork failed. */
static int run_one(const char *path, char **envp)
{
	char *argv[] = { (char *)path, NULL };
	pid_t pid = fork();
	int status;

	if (pid < 0)
		return -1;
	if (pid == 0) {
		execve(path, argv, envp);
		printf("not ok - %s: execve failed\n", path);
		_exit(127);
	}
	if (waitpid(pid, &status, 0) != pid)
		return -1;
	while (waitpid(-1, NULL, WNOHANG) > 0)
		;	/* orphans the test left behind are init's to reap */
	return status;
}

static void describe(int status, char *buf, size_t len)
{
	if (status == -1)
		snprintf(buf, len, "could not run");
	else if (WIFSIGNALED(status))
		snprintf(buf, len, "killed by signal %d", WTERMSIG(status));
	else
		snprintf(buf, len, "exit status %d", WEXITSTATUS(status));
}

static int run_selftests(char **envp)
{
	FILE *list = fopen(LIST, "r");
	char line[256], path[300], why[64];
	int passed = 0, failed = 0;

	if (!list) {
		printf("not ok - selftests: cannot open %s\n", LIST);
		return 1;
	}
	while (fgets(line, sizeof(line), list)) {
		int status;

		line[strcspn(line, "\n")] = '\0';
		if (!line[0] || line[0] == '#')
			continue;
		snprintf(path, sizeof(path), "/selftests/%s", line);
		printf("# selftest %s\n", line);
		fflush(stdout);
		status = run_one(path, envp);
		describe(status, why, sizeof(why));
		if (status == 0) {
			passed++;
			printf("# selftest %s: ok\n", line);
		} else {
			failed++;
			printf("# selftest %s: FAILED (%s)\n", line, why);
		}
		fflush(stdout);
	}
	fclose(list);
	printf("# selftests: %d programs passed, %d failed\n", passed, failed);
	return failed != 0;
}

int main(int argc, char **argv, char **envp)
{
	struct utsname u;

	setvbuf(stdout, NULL, _IONBF, 0);
	if (uname(&u) == 0)
		printf("init: %s %s (%s), pid %d\n", u.sysname, u.release, u.machine, getpid());
	if (has_arg(argc, argv, "selftests"))
		run_selftests(envp);
	else
		printf("init: no shell yet in this Linnet; powering off.\n");
	sync();
	reboot(RB_POWER_OFF);
	printf("init: reboot failed\n");
	for (;;)
		pause();
}
