/* kill: send a signal (default TERM) to processes; -SIGNAL, -s SIGNAL, -l lists signal names. */
#include <ctype.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct {
	const char *name;
	int num;
} signals[] = {
	{ "HUP", SIGHUP }, { "INT", SIGINT }, { "QUIT", SIGQUIT },
	{ "ILL", SIGILL }, { "TRAP", SIGTRAP }, { "ABRT", SIGABRT },
	{ "BUS", SIGBUS }, { "FPE", SIGFPE }, { "KILL", SIGKILL },
	{ "USR1", SIGUSR1 }, { "SEGV", SIGSEGV }, { "USR2", SIGUSR2 },
	{ "PIPE", SIGPIPE }, { "ALRM", SIGALRM }, { "TERM", SIGTERM },
	{ "STKFLT", SIGSTKFLT }, { "CHLD", SIGCHLD }, { "CONT", SIGCONT },
	{ "STOP", SIGSTOP }, { "TSTP", SIGTSTP }, { "TTIN", SIGTTIN },
	{ "TTOU", SIGTTOU }, { "URG", SIGURG }, { "XCPU", SIGXCPU },
	{ "XFSZ", SIGXFSZ }, { "VTALRM", SIGVTALRM }, { "PROF", SIGPROF },
	{ "WINCH", SIGWINCH }, { "IO", SIGIO }, { "PWR", SIGPWR },
	{ "SYS", SIGSYS },
};
#define NSIGNALS (int)(sizeof(signals) / sizeof(signals[0]))

/* Compares a signal name ignoring case, e.g. "term" matches "TERM". */
static int name_is(const char *s, const char *name)
{
	for (; *s && *name; s++, name++)
		if (toupper((unsigned char)*s) != *name)
			return 0;
	return *s == '\0' && *name == '\0';
}

/* Parses "TERM", "SIGTERM", "sigterm" or "15"; returns the number or -1. */
static int parse_signal(const char *s)
{
	char *end;
	long n;

	if (isdigit((unsigned char)*s)) {
		n = strtol(s, &end, 10);
		return (*end || n < 0 || n >= NSIG) ? -1 : (int)n;
	}
	if (!strncasecmp(s, "SIG", 3))
		s += 3;
	for (int i = 0; i < NSIGNALS; i++)
		if (name_is(s, signals[i].name))
			return signals[i].num;
	return -1;
}

/* kill -l [N]: list every signal, or name the one numbered N. */
static int list(const char *arg)
{
	int n;

	if (!arg) {
		for (int i = 0; i < NSIGNALS; i++)
			printf("%2d %s\n", signals[i].num, signals[i].name);
		return 0;
	}
	n = atoi(arg);
	for (int i = 0; i < NSIGNALS; i++) {
		if (signals[i].num == n) {
			printf("%s\n", signals[i].name);
			return 0;
		}
	}
	fprintf(stderr, "kill: %s: unknown signal\n", arg);
	return 1;
}

static int send(const char *arg, int sig)
{
	char *end;
	long pid = strtol(arg, &end, 10);

	if (*arg == '\0' || *end) {
		fprintf(stderr, "kill: %s: not a process id\n", arg);
		return 1;
	}
	if (kill((pid_t)pid, sig) < 0) {
		fprintf(stderr, "kill: %s: %s\n", arg, strerror(errno));
		return 1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	int sig = SIGTERM, i = 1, status = 0;
	const char *name = NULL;

	if (argc > 1 && !strcmp(argv[1], "-l"))
		return list(argc > 2 ? argv[2] : NULL);
	if (argc > 2 && !strcmp(argv[1], "-s")) {
		name = argv[2];
		i = 3;
	} else if (argc > 1 && argv[1][0] == '-' && strcmp(argv[1], "--")) {
		name = argv[1] + 1;
		i = 2;
	}
	if (name && (sig = parse_signal(name)) < 0) {
		fprintf(stderr, "kill: %s: unknown signal\n", name);
		return 2;
	}
	if (i < argc && !strcmp(argv[i], "--"))
		i++;
	if (i >= argc) {
		fprintf(stderr, "usage: kill [-SIGNAL | -s SIGNAL] pid... | kill -l\n");
		return 2;
	}
	for (; i < argc; i++)
		status |= send(argv[i], sig);
	return status;
}
