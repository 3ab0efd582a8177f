/*
 * sysctl: /proc/sys/vm and /proc/sys/kernel read and written, and obeyed:
 * max_map_count limits mmap and the splits of munmap (ENOMEM), pid_max
 * bounds new pids, hostname is uname's nodename, osrelease, ostype and
 * version its release, sysname and version (procps's sysctl reads them),
 * tainted cannot be cleared, bad values give EINVAL.  Needs root; puts
 * every value back.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>
#include "../kselftest.h"

static int get(const char *path, char *buf, size_t len)
{
	int fd = open(path, O_RDONLY);
	ssize_t n = fd >= 0 ? read(fd, buf, len - 1) : -1;

	if (fd >= 0)
		close(fd);
	if (n <= 0)
		return -1;
	buf[n] = '\0';
	buf[strcspn(buf, "\n")] = '\0';
	return 0;
}

static long get_long(const char *path)
{
	char buf[64];

	return get(path, buf, sizeof(buf)) ? -1 : atol(buf);
}

/* Writes @value; 0 or the errno of the write. */
static int set(const char *path, const char *value)
{
	int fd = open(path, O_WRONLY);
	int err = 0;

	if (fd < 0)
		return errno;
	if (write(fd, value, strlen(value)) < 0)
		err = errno;
	close(fd);
	return err;
}

static int count_maps(void)
{
	char line[512];
	FILE *f = fopen("/proc/self/maps", "r");
	int n = 0;

	while (f && fgets(line, sizeof(line), f))
		n++;
	if (f)
		fclose(f);
	return n;
}

static void test_max_map_count(void)
{
	char buf[32], *big;
	int n = 0, limit;

	ksft_ok(get_long("/proc/sys/vm/max_map_count") == 65530, "vm.max_map_count is 65530");
	ksft_ok(get_long("/proc/sys/vm/mmap_min_addr") >= 4096, "vm.mmap_min_addr reads");
	big = mmap(NULL, 3 * 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	limit = count_maps() + 8;
	snprintf(buf, sizeof(buf), "%d", limit);
	ksft_ok(set("/proc/sys/vm/max_map_count", buf) == 0, "set it to the maps we have + 8");
	/* Alternating protections: neighbours never merge. */
	for (int i = 0; i < 64; i++) {
		if (mmap(NULL, 4096, i % 2 ? PROT_READ : PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) == MAP_FAILED)
			break;
		n++;
	}
	ksft_ok(n < 64 && errno == ENOMEM && count_maps() == limit + 1,
		"mmap gives ENOMEM once the mm has more than the limit (%d more)", n);
	ksft_ok(munmap(big + 4096, 4096) == -1 && errno == ENOMEM,
		"munmap that would split a mapping: ENOMEM");
	ksft_ok(set("/proc/sys/vm/max_map_count", "65530") == 0 && munmap(big + 4096, 4096) == 0,
		"with the limit back, it splits");
	ksft_ok(set("/proc/sys/vm/max_map_count", "-1") == EINVAL, "a negative limit: EINVAL");
}

static void test_pid_max(void)
{
	long old = get_long("/proc/sys/kernel/pid_max");
	int ok = 1, limit = getpid() + 100 > 1000 ? getpid() + 100 : 1000;
	char buf[32];

	ksft_ok(old == 32768, "kernel.pid_max is 32768 (a 32-bit kernel's)");
	ksft_ok(set("/proc/sys/kernel/pid_max", "300") == EINVAL &&
		set("/proc/sys/kernel/pid_max", "32769") == EINVAL,
		"pid_max outside 301..32768: EINVAL");
	snprintf(buf, sizeof(buf), "%d", limit);
	ksft_ok(set("/proc/sys/kernel/pid_max", buf) == 0 &&
		get_long("/proc/sys/kernel/pid_max") == limit, "pid_max set to %d", limit);
	for (int i = 0; i < 150 && ok; i++) {
		pid_t pid = fork();

		if (pid == 0)
			_exit(0);
		ok = pid > 0 && pid < limit && waitpid(pid, NULL, 0) == pid;
	}
	ksft_ok(ok, "150 children all get pids below it");
	snprintf(buf, sizeof(buf), "%ld", old);
	set("/proc/sys/kernel/pid_max", buf);
}

static void test_kernel_names(void)
{
	char old[80], buf[80];
	struct utsname u;

	ksft_ok(uname(&u) == 0 && !get("/proc/sys/kernel/osrelease", buf, sizeof(buf)) &&
		!strcmp(buf, u.release), "kernel.osrelease is uname's release");
	ksft_ok(set("/proc/sys/kernel/osrelease", "x") == EACCES, "osrelease is read-only");
	ksft_ok(!get("/proc/sys/kernel/ostype", buf, sizeof(buf)) && !strcmp(buf, u.sysname) &&
		set("/proc/sys/kernel/ostype", "x") == EACCES, "kernel.ostype is uname's sysname, read-only");
	ksft_ok(!get("/proc/sys/kernel/version", buf, sizeof(buf)) && !strcmp(buf, u.version) &&
		set("/proc/sys/kernel/version", "x") == EACCES, "kernel.version is uname's version, read-only");
	get("/proc/sys/kernel/hostname", old, sizeof(old));
	ksft_ok(!strcmp(old, u.nodename), "kernel.hostname is uname's nodename");
	ksft_ok(set("/proc/sys/kernel/hostname", "sysctl-test\n") == 0 && uname(&u) == 0 &&
		!strcmp(u.nodename, "sysctl-test"), "writing hostname renames the machine");
	set("/proc/sys/kernel/hostname", old);
	long t = get_long("/proc/sys/kernel/tainted");

	ksft_ok(t >= 0 && set("/proc/sys/kernel/tainted", "0") == 0 &&
		get_long("/proc/sys/kernel/tainted") == t, "tainted cannot be cleared");
}

int main(void)
{
	ksft_plan(18);
	test_max_map_count();
	test_pid_max();
	test_kernel_names();
	ksft_exit();
}
