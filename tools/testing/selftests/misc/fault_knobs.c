/*
 * The run-time fault-injection interface: /proc/<pid>/make-it-fail (per
 * task, inherited across fork, 0 or 1) and the knobs under
 * /sys/kernel/debug/{fail_page_alloc,failslab}/.  A kernel built without
 * fault injection (most distribution kernels) has neither: every case is
 * skipped there.  Nothing here enables a failure: probability stays as
 * found, so the test cannot disturb the system it runs on.
 */
#include "../kselftest.h"
#include <fcntl.h>
#include <signal.h>
#include <sys/utsname.h>

#define MIF	"/proc/self/make-it-fail"
#define KNOBS	"/sys/kernel/debug/fail_page_alloc/"

static int read_str(const char *path, char *buf, size_t len)
{
	int fd = open(path, O_RDONLY);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = read(fd, buf, len - 1);
	close(fd);
	if (n < 0)
		return -1;
	buf[n] = '\0';
	return 0;
}

/* The first line of @path without its newline; "" if unreadable. */
static const char *line_of(const char *path)
{
	static char buf[32];

	if (read_str(path, buf, sizeof(buf)))
		buf[0] = '\0';
	buf[strcspn(buf, "\n")] = '\0';
	return buf;
}

/* write(2) of @val to @path: 0, or -errno from open or write. */
static int write_str(const char *path, const char *val)
{
	int fd = open(path, O_WRONLY);
	ssize_t n;
	int err;

	if (fd < 0)
		return -errno;
	n = write(fd, val, strlen(val));
	err = n < 0 ? -errno : 0;
	close(fd);
	return err;
}

static void child_reads_one(void *unused)
{
	char buf[16];

	(void)unused;
	_exit(read_str(MIF, buf, sizeof(buf)) == 0 && !strcmp(buf, "1\n") ? 0 : 1);
}

/* Opens a child's make-it-fail, lets the child die, then writes: -errno. */
static int write_to_gone_child(void)
{
	char path[64];
	pid_t pid = fork();
	int fd, err = 0;

	if (pid == 0) {
		pause();
		_exit(0);
	}
	if (pid < 0)
		return -errno;
	snprintf(path, sizeof(path), "/proc/%d/make-it-fail", pid);
	fd = open(path, O_WRONLY);
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
	if (fd < 0)
		return -errno;
	if (write(fd, "1", 1) < 0)
		err = -errno;
	close(fd);
	return err;
}

static void make_it_fail_cases(void)
{
	char buf[16], path[64];
	int st;

	ksft_ok(read_str(MIF, buf, sizeof(buf)) == 0 && !strcmp(buf, "0\n"),
		"make-it-fail starts at 0 (read '%s')", line_of(MIF));
	ksft_ok(write_str(MIF, "1\n") == 0 && read_str(MIF, buf, sizeof(buf)) == 0 &&
		!strcmp(buf, "1\n"), "writing 1 sets it");
	st = ksft_run_child(child_reads_one, NULL);
	ksft_ok(KSFT_EXITED(st, 0), "a forked child inherits make-it-fail=1");
	ksft_ok(write_str(MIF, "2") == -EINVAL, "2 is refused with EINVAL");
	ksft_ok(write_str(MIF, "x") == -EINVAL, "a non-number is refused with EINVAL");
	snprintf(path, sizeof(path), "/proc/%d/make-it-fail", getpid());
	ksft_ok(write_str(path, "0") == 0 && read_str(MIF, buf, sizeof(buf)) == 0 &&
		!strcmp(buf, "0\n"), "writing 0 through /proc/<pid> clears it");
	ksft_ok(write_to_gone_child() == -ESRCH,
		"writing to the file of a process that has exited: ESRCH");
}

static void knob_cases(void)
{
	char buf[32], saved[32];

	ksft_ok(read_str(KNOBS "probability", saved, sizeof(saved)) == 0,
		"fail_page_alloc/probability is readable (%s)", line_of(KNOBS "probability"));
	ksft_ok(read_str(KNOBS "interval", buf, sizeof(buf)) == 0 && atoi(buf) >= 1,
		"interval is at least 1");
	ksft_ok(read_str(KNOBS "times", buf, sizeof(buf)) == 0, "times is readable");
	ksft_ok(write_str(KNOBS "probability", saved) == 0,
		"writing probability back succeeds");
}

/* Linnet's own knobs: the checks and counters Linux does not have. */
static void linnet_cases(void)
{
	char before[32], after[32];

	ksft_ok(write_str(KNOBS "probability", "101") == -EINVAL,
		"probability 101 is refused with EINVAL");
	ksft_ok(write_str(KNOBS "calls", "1") == -EACCES, "counters are read-only");
	ksft_ok(read_str(KNOBS "calls", before, sizeof(before)) == 0 &&
		read_str(KNOBS "calls", after, sizeof(after)) == 0 &&
		strtoul(after, NULL, 10) >= strtoul(before, NULL, 10),
		"the calls counter never goes back (%lu -> %lu)",
		strtoul(before, NULL, 10), strtoul(after, NULL, 10));
	ksft_ok(read_str("/sys/kernel/debug/failslab/task-filter", before,
			 sizeof(before)) == 0 && (before[0] == 'Y' || before[0] == 'N'),
		"failslab/task-filter reads Y or N");
	ksft_ok(unlink(KNOBS "seed") == -1 && errno == EPERM,
		"debugfs entries cannot be removed (EPERM)");
	ksft_ok(read_str(KNOBS "seed", before, sizeof(before)) == 0 &&
		write_str(KNOBS "seed", "0x5851f42d4c957f2d") == 0 &&
		!strcmp(line_of(KNOBS "seed"), "6364136223846793005") &&
		write_str(KNOBS "seed", before) == 0,
		"a 64-bit seed (as the report prints them) can be set and read back");
}

int main(void)
{
	struct utsname u;
	int linnet = uname(&u) == 0 && !strcmp(u.sysname, "Linnet");

	ksft_plan(17);
	if (access(MIF, F_OK)) {
		for (int i = 0; i < 17; i++)
			ksft_skip("no fault injection in this kernel", "case %d", i + 1);
		ksft_exit();
	}
	make_it_fail_cases();
	if (access(KNOBS "probability", F_OK)) {
		for (int i = 0; i < 10; i++)
			ksft_skip("debugfs not mounted", "knob case %d", i + 1);
		ksft_exit();
	}
	knob_cases();
	if (linnet) {
		linnet_cases();
	} else {
		for (int i = 0; i < 6; i++)
			ksft_skip("Linnet-only", "Linnet knob case %d", i + 1);
	}
	ksft_exit();
}
