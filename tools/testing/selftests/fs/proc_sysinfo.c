/* proc_sysinfo: /proc/loadavg, /proc/cpuinfo and /proc/stat in Linux's formats. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "../kselftest.h"

static char text[65536];

static int slurp(const char *path)
{
	return ksft_read_file(path, text, sizeof(text));
}

/* The number after "\n@key " in /proc/stat, or -1. */
static long long stat_field(const char *key)
{
	char pat[32];
	const char *p;

	snprintf(pat, sizeof(pat), "\n%s ", key);
	if (slurp("/proc/stat") <= 0 || !(p = strstr(text, pat)))
		return -1;
	return atoll(p + strlen(pat));
}

static void test_stat(void)
{
	unsigned long long v[10];
	long long forks, ctxt, btime = stat_field("btime");
	pid_t pid;

	ksft_ok(slurp("/proc/stat") > 0 &&
		sscanf(text, "cpu  %llu %llu %llu %llu %llu %llu %llu %llu %llu %llu", &v[0], &v[1],
		       &v[2], &v[3], &v[4], &v[5], &v[6], &v[7], &v[8], &v[9]) == 10 &&
		strstr(text, "\ncpu0 ") && strstr(text, "\nintr "),
		"stat: the cpu line has ten counts, then cpu0 and intr");
	ksft_ok(btime > 0 && btime <= time(NULL) && time(NULL) - btime < 30 * 24 * 3600,
		"stat: btime is the boot time");
	forks = stat_field("processes");
	ctxt = stat_field("ctxt");
	pid = fork();
	if (pid == 0)
		_exit(0);
	waitpid(pid, NULL, 0);
	ksft_ok(forks > 0 && stat_field("processes") > forks && stat_field("ctxt") > ctxt &&
		stat_field("procs_running") >= 1, "stat: processes and ctxt grow with a fork");
}

int main(void)
{
	double a1 = -1, a5 = -1, a15 = -1;
	int running = 0, total = 0, last = 0, n;

	ksft_plan(6);
	n = slurp("/proc/loadavg");
	ksft_ok(n > 0 && sscanf(text, "%lf %lf %lf %d/%d %d", &a1, &a5, &a15, &running, &total,
				&last) == 6 && a1 >= 0 && a5 >= 0 && a15 >= 0,
		"loadavg: three averages, running/total, last pid");
	ksft_ok(running >= 1 && total >= running && last >= getpid(),
		"we are running, and no older than the last pid");
	n = slurp("/proc/cpuinfo");
	ksft_ok(n > 0 && !strncmp(text, "processor\t: 0\n", 14) && strstr(text, "\nvendor_id\t: ") &&
		strstr(text, "\nmodel name\t: ") && strstr(text, "\nflags\t\t: fpu"),
		"cpuinfo: processor 0, vendor_id, model name, flags");
	test_stat();
	ksft_exit();
}
