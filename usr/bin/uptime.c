/* uptime: print the time (UTC) and how long the system has been up, from /proc/uptime; no options. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

/* Reads the whole seconds of uptime; returns 0 or -1. */
static int read_uptime(unsigned long *secs)
{
	FILE *f = fopen("/proc/uptime", "r");
	int ok;

	if (!f)
		return -1;
	ok = fscanf(f, "%lu", secs) == 1;
	fclose(f);
	if (!ok)
		errno = EINVAL;
	return ok ? 0 : -1;
}

/* Prints "D days, H:MM" (or "M min"), the way procps uptime does. */
static void print_duration(unsigned long secs)
{
	unsigned long days = secs / 86400;
	unsigned long hours = secs / 3600 % 24;
	unsigned long mins = secs / 60 % 60;

	if (days)
		printf("%lu day%s, ", days, days == 1 ? "" : "s");
	if (hours)
		printf("%2lu:%02lu", hours, mins);
	else
		printf("%lu min", mins);
}

int main(void)
{
	struct timespec now;
	unsigned long secs;
	struct tm tm;

	if (read_uptime(&secs) < 0) {
		fprintf(stderr, "uptime: /proc/uptime: %s\n", strerror(errno));
		return 1;
	}
	if (clock_gettime(CLOCK_REALTIME, &now) < 0 ||
	    !gmtime_r(&now.tv_sec, &tm)) {
		fprintf(stderr, "uptime: clock_gettime: %s\n", strerror(errno));
		return 1;
	}
	printf(" %02d:%02d:%02d up ", tm.tm_hour, tm.tm_min, tm.tm_sec);
	print_duration(secs);
	printf(",  load average: n/a\n");
	return 0;
}
