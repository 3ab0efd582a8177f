/*
 * proc: /proc/self/{maps,status,cmdline}, /proc/meminfo, uptime, vmstat,
 * self; a read at offset 0 of a file already read shows it anew.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include "../kselftest.h"

static char text[65536];

static int slurp(const char *path)
{
	return ksft_read_file(path, text, sizeof(text));
}

/* Is there a maps line for [start, end) with these permissions (and name)? */
static int has_map(unsigned long start, unsigned long end, const char *perms, const char *name)
{
	char *line = text;

	while (line && *line) {
		unsigned long s, e;
		char p[5], path[256] = "";

		if (sscanf(line, "%lx-%lx %4s %*x %*x:%*x %*u %255[^\n]", &s, &e, p, path) >= 3 &&
		    s == start && e == end && !strcmp(p, perms) &&
		    (!name || strstr(path, name)))
			return 1;
		line = strchr(line, '\n');
		if (line)
			line++;
	}
	return 0;
}

static long field(const char *key)
{
	char *at = strstr(text, key);

	return at ? strtol(at + strlen(key), NULL, 10) : -1;
}

/* One descriptor of /proc/uptime, read at offset 0 before and after 50 ms. */
static int uptime_advances(void)
{
	char a[64] = "", b[64] = "";
	int fd = open("/proc/uptime", O_RDONLY), ok;

	if (fd < 0)
		return 0;
	ok = pread(fd, a, sizeof(a) - 1, 0) > 0;
	usleep(50000);
	ok = ok && pread(fd, b, sizeof(b) - 1, 0) > 0 && atof(b) > atof(a);
	close(fd);
	return ok;
}

int main(int argc, char **argv)
{
	char *anon, *shared, link[32] = { 0 }, want[32];
	int n;

	(void)argc;
	ksft_plan(9);
	anon = mmap(NULL, 3 * KSFT_PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	shared = mmap(NULL, KSFT_PAGE, PROT_READ, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	mprotect(anon + KSFT_PAGE, KSFT_PAGE, PROT_READ);
	n = slurp("/proc/self/maps");
	ksft_ok(n > 0 && has_map((unsigned long)anon, (unsigned long)anon + KSFT_PAGE, "rw-p", NULL) &&
		has_map((unsigned long)anon + KSFT_PAGE, (unsigned long)anon + 2 * KSFT_PAGE, "r--p", NULL),
		"maps shows the mapping split by mprotect");
	ksft_ok(has_map((unsigned long)shared, (unsigned long)shared + KSFT_PAGE, "r--s", NULL),
		"maps shows shared memory with 's'");
	ksft_ok(strstr(text, "[stack]") != NULL && strstr(text, "r-xp") != NULL,
		"maps names the stack and has the program's text");
	n = slurp("/proc/self/status");
	ksft_ok(n > 0 && field("Pid:") == getpid() && field("PPid:") == getppid() &&
		field("VmRSS:") > 0 && strstr(text, "Name:\tproc") != NULL,
		"status: Name, Pid, PPid, VmRSS");
	n = slurp("/proc/self/cmdline");
	ksft_ok(n == (int)strlen(argv[0]) + 1 && !strcmp(text, argv[0]), "cmdline is argv");
	n = slurp("/proc/meminfo");
	ksft_ok(n > 0 && field("MemTotal:") > 0 && field("MemFree:") > 0 &&
		field("MemFree:") <= field("MemTotal:") && field("Cached:") >= 0,
		"meminfo: MemTotal, MemFree, Cached");
	ksft_ok(slurp("/proc/uptime") > 0 && atof(text) > 0 && slurp("/proc/vmstat") > 0 &&
		strstr(text, "pgfault ") != NULL, "uptime and vmstat");
	ksft_ok(uptime_advances(), "pread at 0 of one /proc/uptime descriptor shows it advance");
	snprintf(want, sizeof(want), "%d", getpid());
	ksft_ok(readlink("/proc/self", link, sizeof(link) - 1) > 0 && !strcmp(link, want),
		"/proc/self links to our pid");
	ksft_exit();
}
