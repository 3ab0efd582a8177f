/*
 * /sbin/init for Linnet's initramfs.
 *
 * With "selftests" on the kernel command line (make test), it runs every
 * program listed in /selftests/list, each in its own child, then the
 * shell test script /selftests/sh-test.sh, prints one verdict line per
 * program and a total, and powers the machine off.  SELFTEST_LIST=PATH
 * on the command line (it reaches init's environment) runs that list
 * instead, without the shell script, and SELFTEST_NAMES=a/b,c/d just
 * those programs; SELFTEST_TIMEOUT=SECONDS kills a
 * program still running after that long (a list line "NAME SECONDS"
 * gives that program its own limit).  Under Linux (make test-host in
 * QEMU) nothing mounts /proc for an initramfs: init mounts it there.
 *
 * With "stress" (make stress), it runs the stress driver
 * /stress/stress-run with init's environment, which carries the command
 * line's STRESS_SEED=, STRESS_DURATION=... words, then powers off.
 *
 * Otherwise it is the init a person meets: it runs /etc/rc if there is
 * one, greets, and keeps a shell on the console, starting a new one
 * whenever the last exits.  Each shell is a session leader with the
 * console as its controlling terminal, so ^C and ^Z reach the job in
 * its foreground.  init, as pid 1, gets only the signals it has
 * handlers for, so the terminal's signals never reach it.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>
#include <errno.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <dirent.h>

#define LIST		"/selftests/list"
#define SH		"/bin/sh"
#define SH_TEST		"/selftests/sh-test.sh"
#define RC		"/etc/rc"
#define STRESS_RUN	"/stress/stress-run"

/*
 * What a Linux init mounts first: /proc, and debugfs (the fault-injection
 * knobs) at /sys/kernel/debug; the kernel mounts only the root.  A mount
 * that is already there (EBUSY never comes: mounts stack) or that fails
 * is reported and left.
 */
static void mount_early(void)
{
	static const struct { const char *type, *dir; } fs[] = {
		{ "proc", "/proc" }, { "debugfs", "/sys/kernel/debug" },
	};
	struct stat st;

	mkdir("/proc", 0555);
	mkdir("/sys", 0555);
	mkdir("/sys/kernel", 0555);
	mkdir("/sys/kernel/debug", 0700);
	for (unsigned int i = 0; i < sizeof(fs) / sizeof(fs[0]); i++) {
		if (!strcmp(fs[i].type, "proc") && stat("/proc/self", &st) == 0)
			continue;	/* mounted already (by whoever started us) */
		if (mount(fs[i].type, fs[i].dir, fs[i].type, MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL))
			printf("init: cannot mount %s on %s: %s\n", fs[i].type, fs[i].dir,
			       strerror(errno));
	}
}

static int has_arg(int argc, char **argv, const char *word)
{
	for (int i = 1; i < argc; i++)
		if (!strcmp(argv[i], word))
			return 1;
	return 0;
}

static volatile sig_atomic_t alarm_rang;

static void on_alarm(int sig)
{
	(void)sig;
	alarm_rang = 1;
}

/*
 * Runs @argv in a child (as a new session on the console if @session);
 * returns its wait status, or -1 if it could not be started.  With
 * @timeout seconds the child leads a process group of its own, and a
 * child still running then is killed with its whole group (SIGKILL to
 * -pid, as GNU timeout does) and *@timed_out is set: a test's own
 * children (the kselftest harness forks one per case, with threads) must
 * not outlive it and spin through the tests after it.
 */
static int run_timed(char *const argv[], char **envp, int session,
		     unsigned int timeout, int *timed_out)
{
	pid_t pid = fork();
	int status;
	pid_t got;

	if (pid < 0)
		return -1;
	if (pid == 0) {
		if (session && setsid() >= 0)
			ioctl(0, TIOCSCTTY, 0);
		else if (timeout)
			setpgid(0, 0);
		execve(argv[0], argv, envp);
		printf("init: cannot run %s\n", argv[0]);
		_exit(127);
	}
	if (timeout) {
		struct sigaction sa = { .sa_handler = on_alarm };	/* no SA_RESTART */

		if (!session)
			setpgid(pid, pid);	/* both sides: no window before the kill */

		sigaction(SIGALRM, &sa, NULL);
		alarm_rang = 0;
		alarm(timeout);
	}
	/* Orphans handed to init are reaped while we wait, not left as zombies. */
	for (;;) {
		if (alarm_rang) {
			alarm_rang = 0;
			*timed_out = 1;
			kill(-pid, SIGKILL);
			kill(pid, SIGKILL);	/* if it left its group */
		}
		got = waitpid(-1, &status, 0);
		if (got == pid)
			break;
		if (got < 0 && errno == ECHILD)
			return -1;
	}
	if (timeout)
		alarm(0);
	while (waitpid(-1, NULL, WNOHANG) > 0)
		;
	return status;
}

static int run(char *const argv[], char **envp, int session)
{
	return run_timed(argv, envp, session, 0, NULL);
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

/* One verdict line for test @name; true if it passed. */
static int verdict(const char *name, int status, int timed_out)
{
	char why[64];

	if (timed_out)
		snprintf(why, sizeof(why), "timed out, killed");
	else
		describe(status, why, sizeof(why));
	if (status == 0)
		printf("# selftest %s: ok\n", name);
	else
		printf("# selftest %s: FAILED (%s)\n", name, why);
	return status == 0;
}

/* Runs the selftest @name (relative to /selftests, or an absolute path). */
#define LINUX_PF_KTHREAD 0x00200000U	/* /proc/<pid>/stat flags: a kernel thread */

/*
 * After test @name: any process still there but init and kernel threads
 * is one the test left behind (an orphan reparented to init, in a process
 * group of its own that the timeout's kill did not reach).  Each is named
 * and killed, so that it cannot take the CPU from the tests after it;
 * the verdict stays the test's own.  Same on Linux (make test-host,
 * make linux-selftests).
 */
static void kill_leftovers(const char *name)
{
	DIR *proc = opendir("/proc");
	struct dirent *d;
	int killed = 0;

	if (!proc)
		return;
	while ((d = readdir(proc))) {
		char path[64], comm[64] = "?", state = '?';
		int pid = atoi(d->d_name), ppid;
		unsigned int flags = 0;
		FILE *f;

		if (pid <= 1 || pid == getpid())
			continue;
		snprintf(path, sizeof(path), "/proc/%d/stat", pid);
		f = fopen(path, "r");
		if (!f)
			continue;
		if (fscanf(f, "%*d (%63[^)]) %c %d %*d %*d %*d %*d %u", comm, &state, &ppid, &flags) != 4)
			flags = LINUX_PF_KTHREAD;	/* unreadable: leave it */
		fclose(f);
		if ((flags & LINUX_PF_KTHREAD) || state == 'Z' || ppid == 0 || ppid == 2)
			continue;
		printf("# leftover after %s: pid %d (%s) state %c, killed\n", name, pid, comm, state);
		kill(pid, SIGKILL);
		killed++;
	}
	closedir(proc);
	/* Reap them (the orphans are init's children); give up after 2 s. */
	for (int tries = 0; killed && tries < 200; tries++) {
		pid_t got = waitpid(-1, NULL, WNOHANG);

		if (got < 0)
			break;
		if (got == 0)
			usleep(10000);
	}
}

static int run_one_selftest(const char *name, char **envp, unsigned int timeout)
{
	char path[300];
	char *argv[] = { path, NULL };
	int timed_out = 0;
	int status;

	snprintf(path, sizeof(path), "%s%s", name[0] == '/' ? "" : "/selftests/", name);
	printf("# selftest %s\n", name);
	status = run_timed(argv, envp, 0, timeout, &timed_out);
	kill_leftovers(name);
	return verdict(name, status, timed_out);
}

static int run_selftests(char **envp)
{
	char *sh_test[] = { SH, SH_TEST, "/tmp", NULL };
	const char *list_path = getenv("SELFTEST_LIST");
	const char *names = getenv("SELFTEST_NAMES");
	const char *timeout_env = getenv("SELFTEST_TIMEOUT");
	unsigned int timeout = timeout_env ? (unsigned int)atoi(timeout_env) : 0;
	FILE *list = NULL;
	char line[1024];
	int passed = 0, failed = 0;

	/* SELFTEST_NAMES=a/b,c/d (make selftest T=...) names them directly. */
	if (names) {
		snprintf(line, sizeof(line), "%s", names);
		for (char *name = strtok(line, ","); name; name = strtok(NULL, ",")) {
			if (run_one_selftest(name, envp, timeout))
				passed++;
			else
				failed++;
		}
		printf("# selftests: %d programs passed, %d failed\n", passed, failed);
		return failed != 0;
	}
	list = fopen(list_path ? list_path : LIST, "r");
	if (!list) {
		printf("not ok - selftests: cannot open %s\n", list_path ? list_path : LIST);
		return 1;
	}
	while (fgets(line, sizeof(line), list)) {
		unsigned int t = timeout;
		char *own;

		line[strcspn(line, "\n")] = '\0';
		if (!line[0] || line[0] == '#')
			continue;
		/* "NAME SECONDS": that test's own limit (a kselftest settings file's timeout=). */
		own = strchr(line, ' ');
		if (own) {
			*own++ = '\0';
			t = (unsigned int)atoi(own);
		}
		if (run_one_selftest(line, envp, t))
			passed++;
		else
			failed++;
	}
	fclose(list);
	if (!list_path && access(SH_TEST, R_OK) == 0) {
		printf("# selftest sh-test\n");
		if (verdict("sh-test", run(sh_test, envp, 0), 0))
			passed++;
		else
			failed++;
	}
	printf("# selftests: %d programs passed, %d failed\n", passed, failed);
	return failed != 0;
}

static void run_stress(char **envp)
{
	char *argv[] = { STRESS_RUN, NULL };
	char why[64];
	int status = run(argv, envp, 0);

	describe(status, why, sizeof(why));
	printf("# init: %s finished (%s)\n", STRESS_RUN, why);
}

static void greet(void)
{
	printf("\nWelcome to Linnet.  Try the mm demos:\n"
	       "  cowdemo          fork, then watch pages being shared, copied and reused\n"
	       "  mapdemo          a file mapped MAP_SHARED by a parent and its child\n"
	       "  swapdemo [AREA]  COW pages paged out to swap and back (swapon first, or AREA)\n"
	       "Also: ls cat echo wc grep ps free df sync kill ...; cat /proc/self/maps;\n"
	       "^C stops a program, ^Z suspends it (fg, bg); poweroff when done.\n\n");
}

/* The console's shell, restarted whenever it exits. */
static void serve_console(void)
{
	extern char **environ;
	char **envp;

	char *sh[] = { SH, NULL };
	char *rc[] = { SH, RC, NULL };
	int status;

	/* What a login would set; the kernel passes only the command line's. */
	setenv("PATH", "/bin:/sbin", 0);
	setenv("HOME", "/", 0);
	setenv("TERM", "linux", 0);
	envp = environ;
	if (access(RC, R_OK) == 0)
		run(rc, envp, 0);
	greet();
	for (;;) {
		status = run(sh, envp, 1);
		if (status == -1 || (WIFEXITED(status) && WEXITSTATUS(status) == 127)) {
			printf("init: no working %s; powering off.\n", SH);
			return;
		}
		printf("init: the shell exited; starting a new one.\n");
		sleep(1);
	}
}

int main(int argc, char **argv, char **envp)
{
	struct utsname u;

	setvbuf(stdout, NULL, _IONBF, 0);
	mount_early();
	if (uname(&u) == 0)
		printf("init: %s %s (%s), pid %d\n", u.sysname, u.release, u.machine, getpid());
	if (has_arg(argc, argv, "selftests"))
		run_selftests(envp);
	else if (has_arg(argc, argv, "stress"))
		run_stress(envp);
	else
		serve_console();
	sync();
	reboot(RB_POWER_OFF);
	printf("init: reboot failed\n");
	for (;;)
		pause();
}
