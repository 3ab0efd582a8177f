/*
 * failcmd: run one command with fault injection enabled for it alone.
 *
 *   failcmd [-p PERCENT] [-i INTERVAL] [-t TIMES] [-s SPACE] [-v VERBOSE]
 *           [-S SEED] [-a SITE]... [--] COMMAND [ARG]...
 *
 * For each site (-a fail_page_alloc, -a failslab; both if none is given)
 * it sets the knobs under /sys/kernel/debug/SITE/ with task-filter on, so
 * only tasks that wrote 1 to /proc/self/make-it-fail see failures; the
 * child does that before exec, and its own children inherit it.  When the
 * command ends, failcmd prints how many calls each site saw and how many
 * failures it injected, restores the knobs, and exits with the command's
 * status (128 + N if it was killed by signal N).  Defaults: -p 10 -i 1
 * -t -1 -s 0 -v 1; without -S the site keeps its current seed stream.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define DEBUGFS		"/sys/kernel/debug"
#define MAX_SITES	2

static const char *const knobs[] = {
	"task-filter", "probability", "interval", "times", "space", "verbose",
};
#define NKNOBS (int)(sizeof(knobs) / sizeof(knobs[0]))

struct site {
	const char *name;
	char saved[NKNOBS][32];
	unsigned long calls, failures;
};

static int read_knob(const char *site, const char *knob, char *buf, size_t len)
{
	char path[128];
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), DEBUGFS "/%s/%s", site, knob);
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return -1;
	n = read(fd, buf, len - 1);
	close(fd);
	if (n < 0)
		return -1;
	buf[n] = '\0';
	buf[strcspn(buf, "\n")] = '\0';
	return 0;
}

static int write_file(const char *path, const char *val)
{
	int fd = open(path, O_WRONLY);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = write(fd, val, strlen(val));
	close(fd);
	return n == (ssize_t)strlen(val) ? 0 : -1;
}

static int write_knob(const char *site, const char *knob, const char *val)
{
	char path[128];

	snprintf(path, sizeof(path), DEBUGFS "/%s/%s", site, knob);
	if (write_file(path, val) == 0)
		return 0;
	fprintf(stderr, "failcmd: %s=%s: %s\n", path, val, strerror(errno));
	return -1;
}

static unsigned long counter(const char *site, const char *name)
{
	char buf[32];

	return read_knob(site, name, buf, sizeof(buf)) ? 0 : strtoul(buf, NULL, 10);
}

static void usage(void)
{
	fprintf(stderr, "usage: failcmd [-p PERCENT] [-i INTERVAL] [-t TIMES] [-s SPACE] "
		"[-v VERBOSE] [-S SEED] [-a SITE]... [--] COMMAND [ARG]...\n");
	exit(2);
}

static void restore_site(const struct site *s)
{
	/* Probability first, so nothing fails while the rest is restored. */
	write_knob(s->name, "probability", "0");
	for (int i = NKNOBS - 1; i >= 0; i--)
		write_knob(s->name, knobs[i], s->saved[i]);
}

/* Saves a site's knobs and counters, then applies @vals (NULL: keep). */
static int arm_site(struct site *s, const char *const vals[NKNOBS], const char *seed)
{
	for (int i = 0; i < NKNOBS; i++)
		if (read_knob(s->name, knobs[i], s->saved[i], sizeof(s->saved[i]))) {
			fprintf(stderr, "failcmd: cannot read %s/%s/%s: %s "
				"(a kernel without fault injection?)\n",
				DEBUGFS, s->name, knobs[i], strerror(errno));
			return -1;
		}
	if (seed && write_knob(s->name, "seed", seed))
		return -1;
	s->calls = counter(s->name, "calls");
	s->failures = counter(s->name, "injected-failures");
	for (int i = 0; i < NKNOBS; i++)
		if (vals[i] && write_knob(s->name, knobs[i], vals[i])) {
			restore_site(s);
			return -1;
		}
	return 0;
}

static void disarm_site(struct site *s)
{
	unsigned long calls = counter(s->name, "calls") - s->calls;
	unsigned long failures = counter(s->name, "injected-failures") - s->failures;

	restore_site(s);
	fprintf(stderr, "failcmd: %s: %lu calls, %lu injected failures\n",
		s->name, calls, failures);
}

static int run(char **argv)
{
	pid_t pid = fork();
	int status;

	if (pid < 0) {
		perror("failcmd: fork");
		return 1;
	}
	if (pid == 0) {
		if (write_file("/proc/self/make-it-fail", "1")) {
			perror("failcmd: /proc/self/make-it-fail");
			_exit(126);
		}
		execvp(argv[0], argv);
		fprintf(stderr, "failcmd: %s: %s\n", argv[0], strerror(errno));
		_exit(errno == ENOENT ? 127 : 126);
	}
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return 1;
	return WIFSIGNALED(status) ? 128 + WTERMSIG(status) : WEXITSTATUS(status);
}

int main(int argc, char **argv)
{
	const char *vals[NKNOBS] = { "Y", "10", "1", "-1", "0", "1" };
	struct site sites[MAX_SITES] = { { .name = "fail_page_alloc" }, { .name = "failslab" } };
	int nsites = 0, opt, status, i;
	const char *seed = NULL;

	while ((opt = getopt(argc, argv, "+p:i:t:s:v:S:a:h")) != -1) {
		switch (opt) {
		case 'p': vals[1] = optarg; break;
		case 'i': vals[2] = optarg; break;
		case 't': vals[3] = optarg; break;
		case 's': vals[4] = optarg; break;
		case 'v': vals[5] = optarg; break;
		case 'S': seed = optarg; break;
		case 'a':
			if (strcmp(optarg, "fail_page_alloc") && strcmp(optarg, "failslab")) {
				fprintf(stderr, "failcmd: unknown site %s\n", optarg);
				return 2;
			}
			if (nsites == MAX_SITES)
				usage();
			sites[nsites++].name = optarg;
			break;
		default:
			usage();
		}
	}
	if (optind >= argc)
		usage();
	if (!nsites)
		nsites = MAX_SITES;
	for (i = 0; i < nsites; i++)
		if (arm_site(&sites[i], vals, seed))
			break;
	if (i < nsites) {
		while (i-- > 0)
			disarm_site(&sites[i]);
		return 1;
	}
	status = run(argv + optind);
	for (i = 0; i < nsites; i++)
		disarm_site(&sites[i]);
	return status;
}
