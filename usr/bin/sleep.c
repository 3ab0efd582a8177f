/* sleep: pause for SECONDS, a whole or decimal number such as 2 or 0.5; no options. */
#include <errno.h>
#include <stdio.h>
#include <time.h>

/* Parses "123" or "1.25" into ts; returns 0, or -1 if malformed. */
static int parse(const char *s, struct timespec *ts)
{
	long scale = 100000000;

	ts->tv_sec = 0;
	ts->tv_nsec = 0;
	if (*s == '\0' || (*s == '.' && s[1] == '\0'))
		return -1;
	for (; *s >= '0' && *s <= '9'; s++) {
		if (ts->tv_sec > 100000000)
			return -1;
		ts->tv_sec = ts->tv_sec * 10 + (*s - '0');
	}
	if (*s == '.')
		s++;
	for (; *s >= '0' && *s <= '9'; s++) {
		ts->tv_nsec += (*s - '0') * scale;
		scale /= 10;
	}
	return *s == '\0' ? 0 : -1;
}

int main(int argc, char **argv)
{
	struct timespec ts;

	if (argc != 2 || parse(argv[1], &ts) < 0) {
		fprintf(stderr, "usage: sleep SECONDS\n");
		return 2;
	}
	while (nanosleep(&ts, &ts) < 0) {
		if (errno != EINTR) {
			perror("sleep: nanosleep");
			return 1;
		}
	}
	return 0;
}
