/* proc_sysinfo: /proc/loadavg and /proc/cpuinfo in Linux's formats. */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "../kselftest.h"

static char text[65536];

static int slurp(const char *path)
{
	return ksft_read_file(path, text, sizeof(text));
}

int main(void)
{
	double a1 = -1, a5 = -1, a15 = -1;
	int running = 0, total = 0, last = 0, n;

	ksft_plan(3);
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
	ksft_exit();
}
