/*
 * stress-run: the driver of Linnet's stress suite.
 *
 * Takes a snapshot of the kernel's memory counters (/proc/vmstat,
 * /proc/meminfo, /proc/slabinfo), then runs rounds of every stress
 * program at once -- each in its own process group, with fault
 * injection switched on for it alone (/proc/self/make-it-fail) -- until
 * STRESS_DURATION seconds have passed, and the fuzzer once if there is
 * one.  Each run gets one TAP line; a run killed by SIGKILL that the
 * driver did not kill is the kernel's out-of-memory kill, which passes,
 * and a run that could not even start (execve or glibc's start-up ran out
 * of memory) is skipped.  Each run has a fresh STRESS_DIR, removed with
 * all that is left in it when the run ends.  On Linnet the driver then
 * checks that every counter came back to its baseline.
 *
 * Environment: STRESS_SEED (1), STRESS_DURATION (60 s), STRESS_TIMEOUT
 * (120 s per run), STRESS_DIR (/tmp), STRESS_FUZZ_CALLS (200000),
 * STRESS_PROGRAMS (all; e.g. "fuzz" or "cowstress,filemap").  The
 * programs are found next to argv[0].  STRESS_DISK=vda (make stress's
 * disk phase): after the baseline the driver mounts that ext2 disk and
 * puts every run's directory on it, switches the disk's make-it-fail on
 * when fail_make_request= is on the command line; after the runs it
 * switches it off, syncs, checks that nr_dirty and nr_writeback are 0
 * and unmounts before the leak check, so the file system's memory (its
 * metadata in the device's cache, its inodes) must all come back too.
 *
 * Invariant for the leak check: after the baseline this process maps,
 * touches and allocates nothing new -- every buffer is static and was
 * touched, and every code path run, before the baseline was taken.
 */
#include "stress.h"
#include <dirent.h>
#include <sys/klog.h>
#include <sys/mount.h>
#include <sys/sysmacros.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <time.h>

#define MAX_RUNS	16
#define MAX_COUNTERS	256
#define FORK_TRIES	20
#define SETTLE_TRIES	5	/* seconds the counters may take to come back */
#define SHOW_OK		1	/* output lines shown for a run that passed */
#define SHOW_FAILED	10	/* ... and for one that failed */
#define FUZZ_GRACE	20	/* s the fuzzer has to clean up after SIGTERM */
#define START_TRIES	5	/* a run that could not start is started again */
#define EXIT_NO_EXEC	126	/* the child's execve ran out of memory */
#define EXIT_BAD_EXEC	125	/* ... failed otherwise */

extern char **environ;

static const char *const programs[] = {
	"forkbomb", "cowstress", "filemap", "mmapstorm", "execstorm",
	"pipestress", "allocmax", "unixstress",
};
#define NR_PROGRAMS	(int)(sizeof(programs) / sizeof(programs[0]))
#define FUZZ		NR_PROGRAMS	/* index of the fuzzer in run_counts[] */

struct run {
	pid_t pid;			/* 0: the slot is free */
	int prog;			/* index into programs[], or FUZZ */
	unsigned long seed;
	int round, attempt;		/* attempt: 0, or which restart this is */
	double started, limit;		/* limit: seconds it may run */
	int hung;			/* killed by us after the limit */
	double stopped;			/* the fuzzer: when we sent SIGTERM, or 0 */
	char dir[300];			/* its STRESS_DIR, made and removed by us */
	char out[320];			/* its output file, in dir */
};

struct counter {
	char name[48];
	long value;
};

struct snapshot {
	struct counter vm[MAX_COUNTERS], mem[MAX_COUNTERS], slab[MAX_COUNTERS];
	int nvm, nmem, nslab;
	char acct[160];		/* the page-accounting verdict, "" if unreadable */
};

static struct snapshot base, now;
static struct run runs[MAX_RUNS];
static char filebuf[64 * 1024];
static char klog[64 * 1024];		/* the kernel log (all of Linnet's) */
static char *child_env[256];		/* filled in the child only */
static char prog_dir[256], out_dir[200], fuzz_path[300];
static char run_base[200];		/* where the runs' directories go */
static unsigned long seed, fuzz_calls;
static double duration, timeout;
static int injecting;			/* the kernel was booted with a fault site */
static int tap, passed, failed, oom_killed, not_started, restarts;
static int run_counts[NR_PROGRAMS + 1];

__attribute__((format(printf, 1, 2)))
static void say(const char *fmt, ...)
{
	char line[512];
	va_list ap;
	int len;

	va_start(ap, fmt);
	len = vsnprintf(line, sizeof(line) - 1, fmt, ap);
	va_end(ap);
	if (len > (int)sizeof(line) - 2)
		len = (int)sizeof(line) - 2;
	line[len++] = '\n';
	stress_write_all(1, line, (size_t)len);
}

/* One TAP result line: "ok N - ..." or "not ok N - ...". */
__attribute__((format(printf, 2, 3)))
static void result(int ok, const char *fmt, ...)
{
	char text[400];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	if (ok)
		passed++;
	else
		failed++;
	say("%sok %d - %s", ok ? "" : "not ", ++tap, text);
}

static double seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void nap(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000 };

	while (nanosleep(&ts, &ts) && errno == EINTR)
		;
}

static unsigned long env_number(const char *name, unsigned long def)
{
	const char *s = getenv(name);

	return s && *s ? strtoul(s, NULL, 0) : def;
}

static const char *program_name(int prog)
{
	return prog == FUZZ ? "fuzz" : programs[prog];
}

/* ---- kernel counters ---- */

/* Reads @path into filebuf; returns its length, or -1. */
static long read_file(const char *path)
{
	int fd = open(path, O_RDONLY);
	long len = 0;
	ssize_t n;

	if (fd < 0)
		return -1;
	while ((n = read(fd, filebuf + len, sizeof(filebuf) - 1 - (size_t)len)) > 0)
		len += n;
	close(fd);
	filebuf[len] = '\0';
	return n < 0 ? -1 : len;
}

/*
 * Parses every line of filebuf as "name value" (name ending at a space or
 * ':'; with @column 1 the value is the first number after the name) into
 * @c; lines that start with @skip are ignored.  Returns the count.
 */
static int parse_counters(struct counter *c, const char *skip)
{
	int n = 0;

	for (char *line = filebuf; *line && n < MAX_COUNTERS; ) {
		char *end = strchr(line, '\n');
		size_t len = strcspn(line, " :\t\n");

		if (!(skip && !strncmp(line, skip, strlen(skip))) && len &&
		    len < sizeof(c[n].name)) {
			memcpy(c[n].name, line, len);
			c[n].name[len] = '\0';
			c[n].value = strtol(line + len + strspn(line + len, " :\t"), NULL, 10);
			n++;
		}
		if (!end)
			break;
		line = end + 1;
	}
	return n;
}

/*
 * The last line of Linnet's page-accounting census ("invariant: ok" or
 * "invariant: BROKEN: why"): every page frame counted exactly once.
 */
static void page_accounting_verdict(char *out, size_t size)
{
	char *last;

	out[0] = '\0';
	if (read_file("/sys/kernel/debug/page_accounting") < 0)
		return;
	last = strstr(filebuf, "invariant: ");
	if (last)
		snprintf(out, size, "%.*s", (int)strcspn(last, "\n"), last);
}

static void snapshot(struct snapshot *s)
{
	s->nvm = s->nmem = s->nslab = 0;
	if (read_file("/proc/vmstat") >= 0)
		s->nvm = parse_counters(s->vm, NULL);
	if (read_file("/proc/meminfo") >= 0)
		s->nmem = parse_counters(s->mem, NULL);
	if (read_file("/proc/slabinfo") >= 0)
		s->nslab = parse_counters(s->slab, NULL);
	page_accounting_verdict(s->acct, sizeof(s->acct));
	/* slabinfo's two header lines: "slabinfo - version" and "# name" */
	for (int i = 0; i < s->nslab; i++)
		if (!strcmp(s->slab[i].name, "slabinfo") || s->slab[i].name[0] == '#')
			s->slab[i].name[0] = '\0';
}

/* The value of counter @name in @c, or 0 if it is not there. */
static long value_of(const struct counter *c, int n, const char *name)
{
	for (int i = 0; i < n; i++)
		if (!strcmp(c[i].name, name))
			return c[i].value;
	return 0;
}

static int has_counter(const struct counter *c, int n, const char *name)
{
	for (int i = 0; i < n; i++)
		if (!strcmp(c[i].name, name))
			return 1;
	return 0;
}

static void leak_check_named(const char *label);

#include "stress-swap.h"	/* STRESS_SWAP: the swap area and its checks */

/* ---- starting and reaping runs ---- */

/*
 * In the child: our environment with STRESS_DIR, FUZZ_DIR and TMPDIR set
 * to @dir, so that whatever a killed run leaves behind is removed with it.
 */
static char **environment(const char *dir)
{
	static const char *const names[] = { "STRESS_DIR=", "FUZZ_DIR=", "TMPDIR=" };
	static char vars[3][320];
	int n = 0;

	for (int i = 0; i < 3; i++) {
		snprintf(vars[i], sizeof(vars[i]), "%s%s", names[i], dir);
		child_env[n++] = vars[i];
	}
	for (char **e = environ; *e && n < 255; e++)
		if (strncmp(*e, names[0], 11) && strncmp(*e, names[1], 9) &&
		    strncmp(*e, names[2], 7))
			child_env[n++] = *e;
	child_env[n] = NULL;
	return child_env;
}

/*
 * In the child: fault injection on for this task, then the program.  A
 * failed execve says why on the output and exits EXIT_NO_EXEC if it ran
 * out of memory, else EXIT_BAD_EXEC.  The fuzzer is the exception: its
 * children turn injection on for themselves, so that the fuzzer proper
 * lives to make every one of its calls.
 */
__attribute__((noreturn))
static void exec_program(const struct run *r, const char *path, char *const argv[], int out)
{
	int fd = r->prog == FUZZ ? -1 : open("/proc/self/make-it-fail", O_WRONLY);
	int err;

	setpgid(0, 0);
	child_oom_score_adj();
	if (fd >= 0) {
		ssize_t ignored = write(fd, "1", 1);	/* may be refused: fine */

		(void)ignored;
		close(fd);
	}
	if (out >= 0) {
		dup2(out, 1);
		dup2(out, 2);
		close(out);
	}
	execve(path, argv, environment(r->dir));
	err = errno;
	stress_diag("execve %s: %s", path, stress_errname(err));
	_exit(err == ENOMEM || err == EAGAIN || err == EFAULT ? EXIT_NO_EXEC : EXIT_BAD_EXEC);
}

/*
 * Removes @name (in directory @dirfd) and everything under it, without
 * allocating: a program that was killed leaves its files, which would
 * look like a leak.  Works by descriptors, so depth is no problem for
 * path lengths; unlinkat() never follows a symbolic link, and directories
 * cannot form cycles, so the recursion ends.  A pass over a directory is
 * repeated only while it removed something.  Returns 1 if @name is gone.
 */
static int remove_tree_at(int dirfd, const char *name, int depth)
{
	char buf[2048];
	int progress = 1;

	if (!unlinkat(dirfd, name, 0) || errno == ENOENT)
		return 1;
	if ((errno != EISDIR && errno != EPERM) || depth >= 200)
		return 0;
	while (progress) {
		int fd = openat(dirfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW);
		ssize_t n;

		if (fd < 0)
			break;
		n = getdents64(fd, buf, sizeof(buf));
		progress = 0;
		for (ssize_t off = 0; off < n; ) {
			struct dirent64 *d = (struct dirent64 *)(buf + off);

			off += d->d_reclen;
			if (strcmp(d->d_name, ".") && strcmp(d->d_name, ".."))
				progress |= remove_tree_at(fd, d->d_name, depth + 1);
		}
		close(fd);
	}
	return !unlinkat(dirfd, name, AT_REMOVEDIR) || errno == ENOENT;
}

static void remove_tree(const char *path)
{
	remove_tree_at(AT_FDCWD, path, 0);
}

/* fork(), retried while the kernel is short of memory or processes. */
static pid_t fork_retrying(void)
{
	for (int i = 0;; i++) {
		pid_t pid = fork();

		if (pid >= 0 || i == FORK_TRIES || (errno != EAGAIN && errno != ENOMEM))
			return pid;
		nap(100);
	}
}

static struct run *free_slot(void)
{
	for (int i = 0; i < MAX_RUNS; i++)
		if (!runs[i].pid)
			return &runs[i];
	return NULL;
}

/*
 * Starts program @prog (or the fuzzer) with seed @s in round @round;
 * @attempt counts the earlier attempts that could not start.
 */
static void start(int prog, unsigned long s, int round, int attempt)
{
	char path[400], seed_arg[24], calls_arg[24];
	char *argv[] = { path, seed_arg, NULL, NULL, NULL, NULL };
	struct run *r = free_slot();
	int out;

	snprintf(seed_arg, sizeof(seed_arg), "%lu", s);
	if (prog == FUZZ) {
		snprintf(calls_arg, sizeof(calls_arg), "%lu", fuzz_calls);
		argv[1] = "--seed";
		argv[2] = seed_arg;
		argv[3] = "--calls";
		argv[4] = calls_arg;
		snprintf(path, sizeof(path), "%s", fuzz_path);
	} else {
		snprintf(path, sizeof(path), "%s/%s", prog_dir, programs[prog]);
	}
	snprintf(r->dir, sizeof(r->dir), "%s/%s.%d", run_base, program_name(prog), round);
	snprintf(r->out, sizeof(r->out), "%s/output", r->dir);
	mkdir(r->dir, 0700);
	out = open(r->out, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	r->prog = prog;
	r->seed = s;
	r->round = round;
	r->attempt = attempt;
	r->hung = 0;
	r->stopped = 0;
	r->started = seconds();
	/* The fuzzer runs through all the rounds, once. */
	r->limit = prog == FUZZ ? timeout + duration : timeout;
	run_counts[prog] += !attempt;
	r->pid = fork_retrying();
	if (r->pid == 0)
		exec_program(r, path, argv, out);
	if (out >= 0)
		close(out);
	if (r->pid < 0) {
		result(0, "%s seed %lu: could not start (fork: %s)", program_name(prog), s,
		       stress_errname(errno));
		remove_tree(r->dir);
		r->pid = 0;
		return;
	}
	setpgid(r->pid, r->pid);	/* whichever of us gets there first */
}

/* Shows one line of a run's output as "# [name] text". */
static void show_line(const char *name, const char *line, size_t len)
{
	if (len >= 2 && line[0] == '#' && line[1] == ' ') {
		line += 2;
		len -= 2;
	}
	say("# [%s] %.*s", name, (int)(len > 300 ? 300 : len), line);
}

/* Prints the last @max lines of a run's output, in filebuf (past "# seed"). */
static void show_output(const struct run *r, int max)
{
	const char *lines[SHOW_FAILED + 1];
	int n = 0;

	for (char *p = filebuf; *p; ) {
		char *end = strchr(p, '\n');

		if (strncmp(p, "# seed ", 7)) {
			if (n == max)
				memmove(lines, lines + 1, sizeof(lines[0]) * (size_t)--n);
			lines[n++] = p;
		}
		if (!end)
			break;
		*end = '\0';
		p = end + 1;
	}
	for (int i = 0; i < n; i++)
		show_line(program_name(r->prog), lines[i], strlen(lines[i]));
}

/*
 * Whether the kernel log says that @pid's execve failed past its point of
 * no return (which kills it with SIGSEGV): "comm[pid]: exec of ...".
 */
static int exec_died(pid_t pid)
{
	char key[32];
	int n = klogctl(3, klog, sizeof(klog) - 1);	/* SYSLOG_ACTION_READ_ALL */

	if (n <= 0)
		return 0;
	klog[n] = '\0';
	snprintf(key, sizeof(key), "[%d]: exec of ", (int)pid);
	return strstr(klog, key) != NULL;
}

/*
 * Why a run that did not pass could not start, or NULL: its execve or
 * glibc's start-up (which exits 127 or aborts) ran out of memory.
 */
static const char *start_failure(const struct run *r, int status, const char *output)
{
	int sig = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
	int code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;

	if (code == EXIT_NO_EXEC)
		return "execve ran out of memory";
	if (sig == SIGSEGV && exec_died(r->pid))
		return "execve failed past its point of no return";
	/* No program exits 127; glibc's start-up may not manage to say why. */
	if ((code == 127 || sig == SIGABRT) && injecting && !strstr(output, "FAIL"))
		return "glibc's start-up ran out of memory";
	return NULL;
}

/*
 * The fuzzer passed if it said it made all its calls:
 * "# fuzz: N calls in N children, ...".
 */
static int fuzz_completed(const char *output)
{
	const char *line = strstr(output, "# fuzz: ");
	unsigned long calls = 0;

	for (; line; line = strstr(line + 1, "# fuzz: "))
		if (sscanf(line, "# fuzz: %lu calls in", &calls) == 1)
			break;
	return line && calls >= fuzz_calls;
}

/* The verdict on a finished run, from its wait status. */
static void finish(struct run *r, int status)
{
	const char *name = program_name(r->prog), *skip;
	int ok = WIFEXITED(status) && WEXITSTATUS(status) == 0;
	int oom = !r->hung && WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
	/* A fault on a page whose swap read failed (fail_make_request): its SIGBUS. */
	int bus = !r->hung && swap_injecting && r->prog != FUZZ && WIFSIGNALED(status) &&
		  WTERMSIG(status) == SIGBUS;
	int tick_lost = 0;

	kill(-r->pid, SIGKILL);		/* anything it left behind */
	if (read_file(r->out) < 0)
		filebuf[0] = '\0';
	if (r->prog == FUZZ) {
		/*
		 * Not under injection itself: it must finish, all calls made,
		 * and its children's tick (which cuts blocking calls short)
		 * must never have been left stopped: that makes it crawl.
		 */
		tick_lost = strstr(filebuf, "tick stopped") != NULL;
		ok = ok && fuzz_completed(filebuf) && !tick_lost;
		oom = 0;
	}
	skip = ok || oom || bus || r->hung || r->stopped ? NULL :
	       start_failure(r, status, filebuf);
	if (skip && r->attempt + 1 < START_TRIES) {
		remove_tree(r->dir);
		r->pid = 0;
		restarts++;
		start(r->prog, r->seed, r->round, r->attempt + 1);
		return;
	}
	show_output(r, ok || oom || bus || skip ? SHOW_OK : SHOW_FAILED);
	remove_tree(r->dir);
	if (r->hung)
		result(0, "%s seed %lu: hung (killed after %.0f s)", name, r->seed, r->limit);
	else if (r->stopped)
		result(0, "%s seed %lu: too slow (stopped after %.0f s, before its %lu calls)",
		       name, r->seed, r->limit, fuzz_calls);
	else if (ok)
		result(1, "%s seed %lu", name, r->seed);
	else if (oom)
		result(1, "%s seed %lu # oom-killed", name, r->seed);
	else if (bus)
		result(1, "%s seed %lu # SKIP SIGBUS: a swap read failed", name, r->seed);
	else if (skip)
		result(1, "%s seed %lu # SKIP %s", name, r->seed, skip);
	else if (tick_lost)
		result(0, "%s seed %lu: a child's tick was found stopped (a call missing from "
		       "stops_tick())", name, r->seed);
	else if (r->prog == FUZZ && WIFEXITED(status) && WEXITSTATUS(status) == 0)
		result(0, "%s seed %lu: did not report %lu calls made", name, r->seed, fuzz_calls);
	else if (WIFSIGNALED(status))
		result(0, "%s seed %lu: killed by signal %d (%s)", name, r->seed,
		       WTERMSIG(status), strsignal(WTERMSIG(status)));
	else if (WEXITSTATUS(status) == EXIT_BAD_EXEC)
		result(0, "%s seed %lu: could not be executed", name, r->seed);
	else
		result(0, "%s seed %lu: a check failed (exit status %d)", name, r->seed,
		       WEXITSTATUS(status));
	oom_killed += oom;
	swap_bus_kills += bus;
	not_started += skip != NULL;
	r->pid = 0;
}

/* Runs going on (with @fuzz, the fuzzer's too). */
static int running(int fuzz)
{
	int n = 0;

	for (int i = 0; i < MAX_RUNS; i++)
		n += runs[i].pid && (fuzz || runs[i].prog != FUZZ);
	return n;
}

/*
 * Kills the process group of every run past its timeout.  The fuzzer is
 * asked first (SIGTERM): it stops its children and removes its sandbox
 * and the System V objects and message queues its children made, which
 * outlive every process as in Linux and would show as leaks; only if it
 * has not exited FUZZ_GRACE s later is it killed.
 */
static void kill_hung(void)
{
	double t = seconds();

	for (int i = 0; i < MAX_RUNS; i++) {
		struct run *r = &runs[i];

		if (!r->pid)
			continue;
		if (r->prog == FUZZ && !r->hung && !r->stopped && t - r->started > r->limit) {
			r->stopped = t;
			kill(r->pid, SIGTERM);
		} else if (!r->hung && t - r->started > r->limit &&
			   (r->prog != FUZZ || t - r->stopped > FUZZ_GRACE)) {
			r->hung = 1;
			kill(-r->pid, SIGKILL);
			kill(r->pid, SIGKILL);
		}
	}
}

/*
 * Reaps children until no run is left (with @fuzz, the fuzzer's
 * neither); others (orphans handed to us when we are pid 1) are just
 * reaped.
 */
static void supervise(int fuzz)
{
	while (running(fuzz)) {
		int status;
		pid_t pid = waitpid(-1, &status, WNOHANG);

		if (pid > 0) {
			for (int i = 0; i < MAX_RUNS; i++)
				if (runs[i].pid == pid)
					finish(&runs[i], status);
			continue;
		}
		if (pid < 0 && errno == ECHILD) {
			for (int i = 0; i < MAX_RUNS; i++)
				if (runs[i].pid)
					result(0, "%s seed %lu: lost (waitpid: ECHILD)",
					       program_name(runs[i].prog), runs[i].seed);
			memset(runs, 0, sizeof(runs));
			return;
		}
		kill_hung();
		nap(50);
	}
}

/* A seed for program @prog in round @round, from the run's seed. */
static unsigned long seed_for(int round, int prog)
{
	uint64_t s = ((uint64_t)seed << 32) ^ ((uint64_t)round << 8) ^ (uint64_t)prog;

	return (unsigned long)(stress_mix(&s) & 0x7fffffff);
}

/*
 * Whether program @prog runs: $STRESS_PROGRAMS, if set, is a comma-separated
 * list of the names that do ("fuzz" for the fuzzer), for a smaller repro.
 */
static int selected(int prog)
{
	const char *list = getenv("STRESS_PROGRAMS"), *name = program_name(prog);
	size_t len = strlen(name);

	if (!list || !*list)
		return 1;
	for (const char *p = list; *p; p += strcspn(p, ",") + (p[strcspn(p, ",")] == ',')) {
		if (strcspn(p, ",") == len && !strncmp(p, name, len))
			return 1;
	}
	return 0;
}

static int run_rounds(void)
{
	double t0 = seconds();
	int round = 0, any = 0;

	for (int p = 0; p < NR_PROGRAMS; p++)
		any |= selected(p);
	do {
		say("# round %d", round + 1);
		swap_probe_round();	/* before this round's forks */
		for (int p = 0; p < NR_PROGRAMS; p++)
			if (selected(p))
				start(p, seed_for(round, p), round, 0);
		if (round == 0 && fuzz_path[0] && selected(FUZZ))
			start(FUZZ, seed_for(round, FUZZ), round, 0);
		supervise(0);
		round++;
		if (!any)
			break;	/* no rounds to make: just the fuzzer */
	} while (seconds() - t0 < duration);
	supervise(1);
	return round;
}

/* ---- the disk phase: STRESS_DISK ---- */

static const char *disk;		/* STRESS_DISK, or NULL */
static char disk_node[64] = "/tmp/stress-disk", disk_mnt[64] = "/tmp/stress-mnt";

/* Writes @value to the disk's fail_make_request switch; 0 if done. */
static int disk_switch(const char *value)
{
	return dev_switch(disk, value);
}

/* Before the baseline: the device node and the mount point. */
static int disk_prepare(void)
{
	char *line, *save;

	if (read_file("/proc/partitions") < 0)
		return -1;
	for (line = strtok_r(filebuf, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		unsigned int ma, mi;
		unsigned long long kib;
		char name[64];

		if (sscanf(line, "%u %u %llu %63s", &ma, &mi, &kib, name) == 4 &&
		    !strcmp(name, disk)) {
			unlink(disk_node);
			if (mknod(disk_node, S_IFBLK | 0600, makedev(ma, mi)))
				return -1;
			return mkdir(disk_mnt, 0755) && errno != EEXIST ? -1 : 0;
		}
	}
	errno = ENODEV;
	return -1;
}

/* After the baseline: mounted, the runs' base on it, the switch on. */
static int disk_mount(void)
{
	int armed;

	if (mount(disk_node, disk_mnt, "ext2", 0, NULL)) {
		result(0, "disk: mount %s (%s) on %s: %s", disk_node, disk, disk_mnt,
		       strerror(errno));
		return -1;
	}
	snprintf(run_base, sizeof(run_base), "%s/runs", disk_mnt);
	mkdir(run_base, 0755);
	armed = stress_file_has("/proc/cmdline", "fail_make_request=") == 1;
	if (armed && disk_switch("1")) {
		result(0, "disk: cannot switch on make-it-fail for %s", disk);
		return 0;
	}
	say("# disk: the runs' directories are on %s (ext2, %s)%s", run_base, disk,
	    armed ? ", make-it-fail on: fail_make_request may fail the programs' I/O" : "");
	return 0;
}

/* After the runs: switch off, sync, no dirty or writeback pages, unmount. */
static void disk_unmount(void)
{
	long dirty, writeback;

	disk_switch("0");
	sync();
	snapshot(&now);
	dirty = value_of(now.vm, now.nvm, "nr_dirty");
	writeback = value_of(now.vm, now.nvm, "nr_writeback");
	result(dirty == 0 && writeback == 0 && has_counter(now.vm, now.nvm, "nr_dirty") &&
	       has_counter(now.vm, now.nvm, "nr_writeback"),
	       "disk: after sync nr_dirty %ld, nr_writeback %ld", dirty, writeback);
	remove_tree(run_base);
	if (umount(disk_mnt))
		result(0, "disk: umount %s: %s", disk_mnt, strerror(errno));
	else
		result(1, "disk: umount of the file system the runs used");
}

/* ---- the leak check ---- */

static int on_linnet(void)
{
	struct utsname u;

	return uname(&u) == 0 && !strcmp(u.sysname, "Linnet");
}

/* The names of the counters that did not come back, or "" if all did. */
struct leaks {
	char free[160], slab[400], vm[400], mem[160], acct[200], swap[80];
	int any;
};

static void add_name(char *list, size_t size, const char *name, int *any)
{
	size_t len = strlen(list);

	snprintf(list + len, size - len, "%s%s", len ? ", " : "", name);
	*any = 1;
}

/* Every slab cache's active objects, in either snapshot, must match. */
static void compare_slabs(struct leaks *l, int report)
{
	const struct snapshot *sides[2] = { &base, &now };

	for (int k = 0; k < 2; k++)
		for (int i = 0; i < sides[k]->nslab; i++) {
			const char *name = sides[k]->slab[i].name;
			long b = value_of(base.slab, base.nslab, name);
			long n = value_of(now.slab, now.nslab, name);

			if (!name[0] || b == n)
				continue;
			if (k == 1 && has_counter(base.slab, base.nslab, name))
				continue;	/* reported from the baseline's side */
			add_name(l->slab, sizeof(l->slab), name, &l->any);
			if (report)
				say("# leak: slabinfo %s: baseline %ld active objects, now %ld",
				    name, b, n);
		}
}

/*
 * The LRU lists' gauges are compared in pairs: inactive + active anon,
 * inactive + active file.  Which of the two lists a page is on is aging
 * state (reclaim deactivates, a fault or swap-in activates, the driver's
 * and init's pages included), not a leak; every page that exists must
 * still be on one of them, and the census checks each list against the
 * pages themselves.  nr_unevictable is compared alone, as other gauges.
 */
static const char *const lru_pairs[2][2] = {
	{ "nr_inactive_anon", "nr_active_anon" },
	{ "nr_inactive_file", "nr_active_file" },
};

static int lru_pair(const char *name)
{
	for (int i = 0; i < 2; i++)
		if (!strcmp(name, lru_pairs[i][0]) || !strcmp(name, lru_pairs[i][1]))
			return 1;
	return 0;
}

static void compare_lru_pairs(struct leaks *l, int report)
{
	for (int i = 0; i < 2; i++) {
		long b = value_of(base.vm, base.nvm, lru_pairs[i][0]) +
			 value_of(base.vm, base.nvm, lru_pairs[i][1]);
		long n = value_of(now.vm, now.nvm, lru_pairs[i][0]) +
			 value_of(now.vm, now.nvm, lru_pairs[i][1]);

		if (b == n)
			continue;
		add_name(l->vm, sizeof(l->vm), lru_pairs[i][0], &l->any);
		if (report)
			say("# leak: vmstat %s + %s: baseline %ld, now %ld", lru_pairs[i][0],
			    lru_pairs[i][1], b, n);
	}
}

/* Compares @now with the baseline; with @report, says what differs. */
static void compare(struct leaks *l, int report)
{
	static const char *const mem[] = { "PageTables", "KernelStack", "Committed_AS" };
	long bfree = value_of(base.vm, base.nvm, "nr_free_pages");
	long nfree = value_of(now.vm, now.nvm, "nr_free_pages");
	long bslab = value_of(base.vm, base.nvm, "nr_slab_unreclaimable");
	long nslab = value_of(now.vm, now.nvm, "nr_slab_unreclaimable");

	memset(l, 0, sizeof(*l));
	if (bfree + bslab != nfree + nslab) {
		add_name(l->free, sizeof(l->free), "nr_free_pages", &l->any);
		if (report)
			say("# leak: vmstat nr_free_pages: baseline %ld, now %ld (%ld pages not "
			    "returned; nr_slab %ld -> %ld)", bfree, nfree, bfree - nfree,
			    bslab, nslab);
	} else if (bfree != nfree && report) {
		say("# note: nr_free_pages %ld -> %ld, offset exactly by nr_slab %ld -> %ld "
		    "(same objects, spread over other slab pages)", bfree, nfree, bslab, nslab);
	}
	for (int i = 0; i < base.nvm; i++) {
		const struct counter *c = &base.vm[i];

		if (strncmp(c->name, "nr_", 3) || !strcmp(c->name, "nr_free_pages") ||
		    !strcmp(c->name, "nr_slab_unreclaimable") ||
		    !strcmp(c->name, "nr_dirtied") || !strcmp(c->name, "nr_written") ||
		    lru_pair(c->name))
			continue;	/* events only grow (nr_dirtied and nr_written too,
					   despite their names); those two are above, the
					   LRU pairs below */
		if (value_of(now.vm, now.nvm, c->name) == c->value)
			continue;
		add_name(l->vm, sizeof(l->vm), c->name, &l->any);
		if (report)
			say("# leak: vmstat %s: baseline %ld, now %ld", c->name, c->value,
			    value_of(now.vm, now.nvm, c->name));
	}
	compare_lru_pairs(l, report);
	for (int i = 0; i < 2; i++) {
		long b = value_of(base.mem, base.nmem, mem[i]);
		long n = value_of(now.mem, now.nmem, mem[i]);

		if (b == n)
			continue;
		add_name(l->mem, sizeof(l->mem), mem[i], &l->any);
		if (report)
			say("# leak: meminfo %s: baseline %ld kB, now %ld kB", mem[i], b, n);
	}
	compare_slabs(l, report);
	if (!swap_counters_ok(report))
		add_name(l->swap, sizeof(l->swap), "swap slots or swap cache", &l->any);
	if (strcmp(now.acct, "invariant: ok")) {
		snprintf(l->acct, sizeof(l->acct), "%s", now.acct[0] ? now.acct : "unreadable");
		l->any = 1;
		if (report)
			say("# leak: page accounting: %s", l->acct);
	}
}

/* One TAP line per group of counters; @names lists those that differ. */
static void leak_result(const char *group, const char *names)
{
	if (names[0])
		result(0, "leak check: %s", names);
	else
		result(1, "leak check: %s", group);
}

/* The value after "@key:\t" in filebuf, up to the line's end, into @out. */
static void status_field(const char *key, char *out, size_t size)
{
	const char *p = strstr(filebuf, key);
	size_t len;

	out[0] = '\0';
	if (!p)
		return;
	p += strlen(key) + strspn(p + strlen(key), ":\t ");
	len = strcspn(p, "\n");
	snprintf(out, size, "%.*s", (int)(len < size ? len : size - 1), p);
}

/*
 * Lists (up to 10 of) the processes but init and us: they hold memory.
 * Without @report it only goes through the motions (the warm-up).
 */
static void list_strays(int report)
{
	char buf[2048], path[64], name[32], state[32], ppid[16], pending[24], blocked[24];
	int fd = open("/proc", O_RDONLY | O_DIRECTORY), shown = 0;
	ssize_t n;

	if (fd < 0)
		return;
	while ((n = getdents64(fd, buf, sizeof(buf))) > 0)
		for (ssize_t off = 0; off < n && shown < 10; ) {
			struct dirent64 *d = (struct dirent64 *)(buf + off);
			long pid = strtol(d->d_name, NULL, 10);

			off += d->d_reclen;
			if (pid <= 1 || pid == getpid())
				continue;
			snprintf(path, sizeof(path), "/proc/%ld/status", pid);
			if (read_file(path) < 0) {
				if (report)
					say("# process: pid %ld, status unreadable (%s)",
					    pid, stress_errname(errno));
				continue;
			}
			status_field("Name", name, sizeof(name));
			status_field("State", state, sizeof(state));
			status_field("PPid", ppid, sizeof(ppid));
			status_field("SigPnd", pending, sizeof(pending));
			status_field("SigBlk", blocked, sizeof(blocked));
			snprintf(path, sizeof(path), "/proc/%ld/wchan", pid);
			if (read_file(path) < 0)
				snprintf(filebuf, sizeof(filebuf), "?");
			if (report)
				say("# process: pid %ld (%s), state %s, parent %s, signals "
				    "pending %s, blocked %s, wchan %.40s", pid, name, state, ppid,
				    pending, blocked, filebuf);
			shown++;
		}
	close(fd);
}

/*
 * On Linnet, kills any process but init and us that is still there: the
 * fuzzer's children may leave its process group, and so escape the kill
 * that ends a run.  (Never on another system: kill(-1) means everything.)
 */
static void kill_strays(void)
{
	nap(200);
	while (waitpid(-1, NULL, WNOHANG) > 0)
		;
	if (kill(-1, 0))
		return;		/* ESRCH: nobody else */
	say("# stray processes left behind by the runs (or zombies not yet reaped): "
	    "killing them");
	list_strays(1);
	kill(-1, SIGKILL);
}

/*
 * The counters must come back once everything has exited and been freed;
 * @label (or NULL) says which check this is when there is more than one.
 */
static void leak_check_named(const char *label)
{
	char group[200];
	struct leaks l;
	int tries = 0;

	if (!on_linnet()) {
		result(1, "leak check # SKIP not Linnet");
		return;
	}
	kill_strays();
	do {
		nap(1000);
		while (waitpid(-1, NULL, WNOHANG) > 0)
			;	/* orphans, when we are init */
		snapshot(&now);
		compare(&l, 0);
	} while (l.any && ++tries < SETTLE_TRIES);
	compare(&l, 1);
	if (l.any)
		list_strays(1);
	if (tries)
		say("# leak check: counters compared %d s after the last run", tries + 1);
#define GROUP(what) (snprintf(group, sizeof(group), "%s%s%s", what, label ? " " : "", \
			      label ? label : ""), group)
	leak_result(GROUP("nr_free_pages + nr_slab_unreclaimable"), l.free);
	leak_result(GROUP("slab caches' active objects"), l.slab);
	leak_result(GROUP("vmstat nr_* counters (LRU lists included)"), l.vm);
	leak_result(GROUP("PageTables, KernelStack, Committed_AS"), l.mem);
	if (swap_disk && !label)
		leak_result(GROUP("swap: every slot free, SwapCached 0, /proc/swaps agrees"),
			    l.swap);
	leak_result(GROUP("page accounting invariant (LRU lists, swap cache)"), l.acct);
#undef GROUP
}

static void leak_check(void)
{
	leak_check_named(NULL);
}

/* What the counters that only grow did during the run: one line. */
static void show_events(void)
{
	char line[400] = "";
	size_t len = 0;

	for (int i = 0; i < now.nvm && len < sizeof(line) - 64; i++) {
		const struct counter *c = &now.vm[i];

		long delta = c->value - value_of(base.vm, base.nvm, c->name);

		if ((!strncmp(c->name, "nr_", 3) && strcmp(c->name, "nr_dirtied") &&
		     strcmp(c->name, "nr_written")) || !delta)
			continue;
		len += (size_t)snprintf(line + len, sizeof(line) - len, " %s %+ld", c->name,
					delta);
	}
	if (len)
		say("# vmstat events during the run:%s", line);
	if (swap_disk)
		say("# swap: pswpout %+ld pswpin %+ld pgmajfault %+ld during the run; %d runs "
		    "killed by SIGBUS (a failed swap read)",
		    value_of(now.vm, now.nvm, "pswpout") - value_of(base.vm, base.nvm, "pswpout"),
		    value_of(now.vm, now.nvm, "pswpin") - value_of(base.vm, base.nvm, "pswpin"),
		    value_of(now.vm, now.nvm, "pgmajfault") -
		    value_of(base.vm, base.nvm, "pgmajfault"), swap_bus_kills);
}

/* ---- setup and totals ---- */

static void find_programs(const char *argv0)
{
	const char *slash = strrchr(argv0, '/');
	const char *base_dir = getenv("STRESS_DIR");

	if (slash)
		snprintf(prog_dir, sizeof(prog_dir), "%.*s", (int)(slash - argv0), argv0);
	else
		snprintf(prog_dir, sizeof(prog_dir), ".");
	if (!prog_dir[0])
		snprintf(prog_dir, sizeof(prog_dir), "/");
	snprintf(fuzz_path, sizeof(fuzz_path), "%s/fuzz", prog_dir);
	if (access(fuzz_path, X_OK)) {
		snprintf(fuzz_path, sizeof(fuzz_path), "/stress/fuzz");
		if (access(fuzz_path, X_OK))
			fuzz_path[0] = '\0';
	}
	snprintf(out_dir, sizeof(out_dir), "%s/stress-run-XXXXXX",
		 base_dir && *base_dir ? base_dir : "/tmp");
}

/* Grows the stack further than anything later will, once. */
static void __attribute__((noinline)) touch_stack(void)
{
	volatile char deep[64 * 1024];

	for (size_t i = 0; i < sizeof(deep); i += 512)
		deep[i] = 0;
}

/*
 * Runs, before the baseline, every path the driver takes later, so that
 * the baseline already holds all the memory the driver will ever use.
 */
static void warm_up(void)
{
	struct run *r = &runs[0];
	struct leaks l;

	touch_stack();
	memset(&now, 0, sizeof(now));
	memset(&base, 0, sizeof(base));
	memset(runs, 0, sizeof(runs));
	memset(filebuf, 0, sizeof(filebuf));
	memset(klog, 0, sizeof(klog));
	memset(child_env, 0, sizeof(child_env));
	snapshot(&base);
	snapshot(&now);
	compare(&l, 0);
	snprintf(r->dir, sizeof(r->dir), "%s/warm-up", out_dir);
	snprintf(r->out, sizeof(r->out), "%s/output", r->dir);
	mkdir(r->dir, 0700);
	close(open(r->out, O_WRONLY | O_CREAT | O_TRUNC, 0600));
	read_file(r->out);
	show_output(r, SHOW_OK);
	start_failure(r, 0, "");
	exec_died(0);
	remove_tree(r->dir);
	list_strays(0);
	on_linnet();
	seconds();
	nap(1);
	waitpid(-1, NULL, WNOHANG);
	kill_hung();
	strsignal(SIGSEGV);
	stress_errname(ENOMEM);
}

static void totals(int rounds, double elapsed)
{
	char line[400];
	size_t len = 0;

	for (int p = 0; p <= NR_PROGRAMS; p++)
		if (run_counts[p])
			len += (size_t)snprintf(line + len, sizeof(line) - len, "%s%s %d",
						len ? ", " : "", program_name(p), run_counts[p]);
	say("# stress: %d rounds in %.0f s; runs: %s", rounds, elapsed, len ? line : "none");
	say("# stress: %d oom-killed (passed: the kernel's out-of-memory kill), %d could "
	    "not start in %d attempts (skipped: out of memory in execve or glibc's "
	    "start-up), %d restarts", oom_killed, not_started, START_TRIES, restarts);
	say("1..%d", tap);
	say("# stress: %d passed, %d failed", passed, failed);
}

int main(int argc, char **argv)
{
	double t0;
	int rounds;

	(void)argc;
	seed = env_number("STRESS_SEED", 1);
	duration = (double)env_number("STRESS_DURATION", 60);
	timeout = (double)env_number("STRESS_TIMEOUT", 120);
	fuzz_calls = env_number("STRESS_FUZZ_CALLS", 200000);
	injecting = stress_file_has("/proc/cmdline", "fail_page_alloc=") == 1 ||
		    stress_file_has("/proc/cmdline", "failslab=") == 1;
	find_programs(argv[0]);
	if (!mkdtemp(out_dir)) {
		say("not ok 1 - stress-run: cannot create a directory in %s: %s", out_dir,
		    strerror(errno));
		say("# stress: 0 passed, 1 failed");
		return 1;
	}
	say("# stress-run: seed %lu, duration %.0f s, timeout %.0f s, fault injection %s, "
	    "programs in %s%s%s", seed, duration, timeout, injecting ? "on" : "off",
	    prog_dir, fuzz_path[0] ? ", fuzzer " : "", fuzz_path);
	snprintf(run_base, sizeof(run_base), "%s", out_dir);
	disk = getenv("STRESS_DISK");
	if (disk && *disk && disk_prepare()) {
		say("not ok 1 - stress-run: no disk %s: %s", disk, strerror(errno));
		say("# stress: 0 passed, 1 failed");
		return 1;
	}
	ballast();
	if (swap_prepare()) {
		say("not ok 1 - stress-run: no swap disk %s: %s", swap_disk, strerror(errno));
		say("# stress: 0 passed, 1 failed");
		return 1;
	}
	warm_up();
	swap_start();
	snapshot(&base);
	t0 = seconds();
	if (disk && *disk && disk_mount())
		disk = NULL;
	swap_arm(1);
	rounds = run_rounds();
	if (disk && *disk) {
		kill_strays();
		disk_unmount();
	}
	swap_after_runs();
	leak_check();
	if (on_linnet())
		show_events();
	swap_finish();
	totals(rounds, seconds() - t0);
	rmdir(out_dir);
	if (getpid() == 1) {
		sync();
		reboot(RB_POWER_OFF);	/* init must not exit */
	}
	return failed != 0;
}
