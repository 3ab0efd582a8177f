/*
 * main.c: the fuzzer's options and its main(): a seeded system-call
 * fuzzer for Linnet that is safe to run on a Linux host as root.
 * README.md lists the safety rules and which file enforces each.
 *
 *   fuzz --seed N --calls N [--children N] [--batch N] [--child C] [--verbose]
 *
 * (or FUZZ_SEED=, FUZZ_CALLS=, FUZZ_CHILDREN=, FUZZ_BATCH=, FUZZ_CHILD=,
 * FUZZ_VERBOSE= in the environment, for a kernel command line).
 *
 * The parent forks children one after another (up to --children at
 * once); child number C seeds its generator from (seed, C) alone and
 * issues a batch of raw system calls in a sandbox directory of its own,
 * counting them in a shared page.  The parent kills a child that makes no
 * progress for a few seconds.  Exit status 0 means the run completed.
 */
#include "fuzz.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

uint64_t opt_seed = 1;
unsigned long opt_calls = 10000;
unsigned int opt_children = 1;
unsigned long opt_batch = 2000;
long opt_child = -1;
int opt_verbose;
int opt_trace;

/* One write(2) per line, so forking never repeats any. */
void say(const char *fmt, ...)
{
	char line[256];
	va_list ap;
	int len;

	va_start(ap, fmt);
	len = vsnprintf(line, sizeof(line) - 1, fmt, ap);
	va_end(ap);
	if (len < 0)
		return;
	if (len > (int)sizeof(line) - 2)
		len = sizeof(line) - 2;
	line[len++] = '\n';
	if (write(1, line, (size_t)len) < 0)
		return;
}

/* ---- options ---- */

static int parse_num(const char *s, unsigned long long *v)
{
	char *end;

	errno = 0;
	*v = strtoull(s, &end, 0);
	return (!*s || *end || errno) ? -1 : 0;
}

static int set_option(const char *name, const char *val)
{
	unsigned long long v;

	if (!strcmp(name, "verbose")) {
		opt_verbose = !val || strcmp(val, "0");
		return 0;
	}
	if (!val || parse_num(val, &v) < 0)
		return -1;
	if (!strcmp(name, "seed"))
		opt_seed = v;
	else if (!strcmp(name, "calls"))
		opt_calls = (unsigned long)v;
	else if (!strcmp(name, "children") && v >= 1 && v <= MAX_CHILDREN)
		opt_children = (unsigned int)v;
	else if (!strcmp(name, "batch") && v >= 1)
		opt_batch = (unsigned long)v;
	else if (!strcmp(name, "child"))
		opt_child = (long)v;
	else
		return -1;
	return 0;
}

/* FUZZ_SEED=... and friends first, then the command line over them. */
static int parse_options(int argc, char **argv)
{
	static const char *const names[] = {
		"seed", "calls", "children", "batch", "child", "verbose",
	};
	char env[32];

	for (unsigned int i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		const char *v;

		snprintf(env, sizeof(env), "FUZZ_%s", names[i]);
		for (char *p = env; *p; p++)
			*p = (char)(*p >= 'a' && *p <= 'z' ? *p - 32 : *p);
		v = getenv(env);
		if (v && set_option(names[i], v) < 0)
			return -1;
	}
	for (int i = 1; i < argc; i++) {
		const char *name = argv[i];

		if (strncmp(name, "--", 2))
			return -1;
		name += 2;
		if (!strcmp(name, "verbose"))
			set_option(name, NULL);
		else if (i + 1 >= argc || set_option(name, argv[++i]) < 0)
			return -1;
	}
	return 0;
}


int main(int argc, char **argv)
{
	const char *trace = getenv("FUZZ_TRACE");
	int err;

	if (parse_options(argc, argv) < 0) {
		say("usage: fuzz --seed N --calls N [--children N] [--batch N] [--child C] [--verbose]");
		return 2;
	}
	opt_trace = trace && strcmp(trace, "0");
	table_init();
	swap_args_init();
	say("# fuzz: seed %llu calls %lu", (unsigned long long)opt_seed, opt_calls);
	if (parent_init() < 0 || make_sandbox() < 0) {
		say("# fuzz: cannot set up: %s", strerror(errno));
		return 1;
	}
	if (opt_verbose)
		say("# fuzz: sandbox %s", sandbox);
	ipc_setup();
	err = parent_run();
	parent_stop();
	remove_sandbox();
	ipc_cleanup();
	parent_report(err);
	return err ? 1 : 0;
}
