/*
 * forkbomb: with RLIMIT_NPROC set to the processes its user has now plus
 * 32, a tree of processes forks (each up to 2..16 children, a number
 * drawn per round; 6 generations deep) until fork fails.  No process
 * exits before a fork has failed (or the tree has stopped growing), so
 * the limit is really reached.  The failure must be EAGAIN (ENOMEM only
 * means memory ran out first), never more processes than the limit may
 * be alive at once, and every process exits and is reaped.  Three rounds,
 * each in a fresh child so that the limit never binds this process.
 *
 * Linux lets root ignore RLIMIT_NPROC, so on a Linux host run as root the
 * bomb first becomes nobody (65534).  Linnet has one user, root, and
 * enforces the limit for it, counting every process in the system.
 */
#include "stress.h"
#include <dirent.h>
#include <grp.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/utsname.h>

#define HEADROOM	32	/* processes the bomb may add */
#define RUNAWAY		64	/* more than this alive: the limit is ignored */
#define MAX_FANOUT	16
#define DEPTH		6
#define ROUNDS		3
#define EXIT_NO_LIMIT	3	/* setrlimit refused: nothing to test */
#define NOBODY		65534
#define QUIET_MS	3000	/* no new process for this long: the bomb is over */

/* Shared by the whole bomb: counted with atomics. */
struct tally {
	int limit, alive, max_alive, created;
	int eagain, enomem, other, other_errno;
	int over;		/* a fork failed, or the bomb stopped growing */
};

static struct tally *tally;
static int fanout;		/* children per process, this round */

static int on_linnet(void)
{
	struct utsname u;

	return uname(&u) == 0 && !strcmp(u.sysname, "Linnet");
}

/* Whether /proc/@pid/status says real uid @uid; Linnet: everyone is 0. */
static int proc_has_uid(const char *pid, uid_t uid)
{
	char path[64], buf[1024];
	const char *u;
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "/proc/%s/status", pid);
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return 0;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return 0;
	buf[n] = '\0';
	u = strstr(buf, "\nUid:");
	return u && strtoul(u + 5, NULL, 10) == uid;
}

/* Processes of real uid @uid now (at least 1: the caller). */
static int count_processes(uid_t uid)
{
	DIR *d = opendir("/proc");
	struct dirent *e;
	int n = 0;

	if (!d)
		return 1;
	while ((e = readdir(d)))
		if (e->d_name[0] >= '1' && e->d_name[0] <= '9' &&
		    proc_has_uid(e->d_name, uid))
			n++;
	closedir(d);
	return n ? n : 1;
}

static void count_fork_error(int err)
{
	if (err == EAGAIN) {
		__atomic_add_fetch(&tally->eagain, 1, __ATOMIC_SEQ_CST);
	} else if (stress_resource(err)) {	/* ENOMEM, or EFAULT when injecting */
		__atomic_add_fetch(&tally->enomem, 1, __ATOMIC_SEQ_CST);
	} else {
		__atomic_add_fetch(&tally->other, 1, __ATOMIC_SEQ_CST);
		tally->other_errno = err;
	}
	__atomic_store_n(&tally->over, 1, __ATOMIC_SEQ_CST);
}

static void nap_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000 };

	nanosleep(&ts, NULL);
}

/*
 * Stays alive until the bomb is over, so that no exit makes room for a
 * fork before the limit has been hit.
 */
static void hold(void)
{
	while (!__atomic_load_n(&tally->over, __ATOMIC_SEQ_CST))
		nap_ms(1);
}

static void note_alive(void)
{
	int now = __atomic_add_fetch(&tally->alive, 1, __ATOMIC_SEQ_CST);
	int max = __atomic_load_n(&tally->max_alive, __ATOMIC_SEQ_CST);

	while (now > max && !__atomic_compare_exchange_n(&tally->max_alive, &max, now, 0,
							 __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST))
		;
	__atomic_add_fetch(&tally->created, 1, __ATOMIC_SEQ_CST);
}

/*
 * One process of the bomb: forks until fork fails (or has fanout children,
 * or the bomb has run away), holds until the bomb is over, waits for its
 * children and exits 0, STRESS_EXIT_SKIP if one was killed (out of
 * memory) or STRESS_EXIT_FAIL if one failed.  Never returns.
 */
__attribute__((noreturn))
static void bomb(int depth)
{
	int failed = 0, skipped = 0, children = 0, status;

	for (int i = 0; depth < DEPTH && i < fanout; i++) {
		int tries = 0;
		pid_t pid;

		if (__atomic_load_n(&tally->alive, __ATOMIC_SEQ_CST) > RUNAWAY)
			break;
		do		/* EAGAIN is the answer sought: retry only ENOMEM */
			pid = fork();
		while (pid < 0 && errno != EAGAIN && stress_again(&tries));
		if (pid < 0) {
			count_fork_error(errno);
			break;
		}
		if (pid == 0) {
			note_alive();
			depth++;
			i = -1;
			children = 0;
			continue;
		}
		children++;
	}
	hold();
	while (children && wait(&status) > 0) {
		enum stress_verdict v = stress_status(status, 0, "a bomb process");

		children--;
		failed |= v == STRESS_FAILED;
		skipped |= v == STRESS_SKIPPED;
	}
	if (wait(&status) >= 0 || errno != ECHILD)
		failed = 1;
	__atomic_sub_fetch(&tally->alive, 1, __ATOMIC_SEQ_CST);
	_exit(failed ? STRESS_EXIT_FAIL : skipped ? STRESS_EXIT_SKIP : 0);
}

/* Ends the bomb once it has not grown for QUIET_MS (no fork failed). */
static void watch(void)
{
	int last = -1, quiet = 0;

	while (!__atomic_load_n(&tally->over, __ATOMIC_SEQ_CST) && quiet < QUIET_MS) {
		int now = __atomic_load_n(&tally->created, __ATOMIC_SEQ_CST);

		quiet = now == last ? quiet + 10 : 0;
		last = now;
		nap_ms(10);
	}
	__atomic_store_n(&tally->over, 1, __ATOMIC_SEQ_CST);
}

/* Becomes nobody where the limit would not bind root. 0 or -errno. */
static int drop_root(void)
{
	if (geteuid() != 0 || on_linnet())
		return 0;
	if (setgroups(0, NULL) || setgid(NOBODY) || setuid(NOBODY))
		return -errno;
	return 0;
}

/*
 * The bomber: sets the limit, starts the bomb and ends it once it stops
 * growing; exits with the bomb's verdict.  Never returns.
 */
__attribute__((noreturn))
static void bomber(void)
{
	struct rlimit lim;
	int limit, tries = 0;
	pid_t pid;

	if (drop_root())
		stress_fail("becoming nobody: %s", strerror(errno));
	setpgid(0, 0);		/* the bomb is one group: round_once() ends it */
	limit = count_processes(getuid()) + HEADROOM;
	tally->limit = limit;
	lim.rlim_cur = lim.rlim_max = (rlim_t)limit;
	if (setrlimit(RLIMIT_NPROC, &lim)) {
		stress_diag("setrlimit(RLIMIT_NPROC, %d) failed with %s: skipped", limit,
			    stress_errname(errno));
		_exit(EXIT_NO_LIMIT);
	}
	do
		pid = fork();
	while (pid < 0 && errno != EAGAIN && stress_again(&tries));
	if (pid < 0) {			/* the others took every place already? */
		count_fork_error(errno);
		_exit(errno == EAGAIN ? 0 : STRESS_EXIT_SKIP);
	}
	if (pid == 0) {
		note_alive();
		bomb(0);
	}
	watch();
	switch (stress_status(stress_wait(pid), 0, "the bomb")) {
	case STRESS_OK:
		_exit(0);
	case STRESS_SKIPPED:
		_exit(STRESS_EXIT_SKIP);
	default:
		_exit(STRESS_EXIT_FAIL);
	}
}

/* Runs one round; returns its verdict. */
static enum stress_verdict round_once(int round)
{
	enum stress_verdict v;
	int status;
	pid_t pid;

	memset(tally, 0, sizeof(*tally));
	fanout = 2 + (int)stress_below(MAX_FANOUT - 1);
	pid = stress_fork();
	if (pid < 0)
		stress_syserr("fork of the bomber");
	if (pid == 0)
		bomber();
	status = stress_wait(pid);
	/*
	 * A bomber killed (out of memory) leaves its bomb forking: no process
	 * of this round may live on to count in the next one's tally.
	 */
	kill(-pid, SIGKILL);
	if (WIFEXITED(status) && WEXITSTATUS(status) == EXIT_NO_LIMIT)
		_exit(0);
	v = stress_status(status, 0, "the bomber");
	if (v == STRESS_FAILED)
		return v;
	if (tally->other)
		stress_fail("round %d: fork failed with %s, not EAGAIN", round,
			    stress_errname(tally->other_errno));
	/*
	 * A bomb process killed (out of memory) never says it is gone, and
	 * once init reaps it its place is free again: the count of processes
	 * alive only holds in a round where none was killed.
	 */
	if (v == STRESS_SKIPPED)
		return v;
	if (tally->max_alive > tally->limit)
		stress_fail("round %d: %d processes alive at once under RLIMIT_NPROC "
			    "%d: the limit is not enforced", round, tally->max_alive,
			    tally->limit);
	if (!tally->eagain && !tally->enomem)
		stress_fail("round %d: fork never failed (%d processes, at most %d alive, "
			    "limit %d)", round, tally->created, tally->max_alive, tally->limit);
	if (!tally->eagain)
		return STRESS_SKIPPED;
	return STRESS_OK;
}

int main(int argc, char **argv)
{
	int skipped = 0, most = 0, limit = 0, tries = 0;

	stress_init(argc, argv);
	do
		tally = mmap(NULL, sizeof(*tally), PROT_READ | PROT_WRITE,
			     MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	while (tally == MAP_FAILED && stress_again(&tries));
	if (tally == MAP_FAILED)
		stress_syserr("mmap of the tally");
	for (int round = 0; round < ROUNDS; round++) {
		enum stress_verdict v = round_once(round);

		if (v == STRESS_FAILED)
			return STRESS_EXIT_FAIL;
		skipped |= v == STRESS_SKIPPED;
		if (tally->max_alive > most) {
			most = tally->max_alive;
			limit = tally->limit;
		}
	}
	if (skipped)
		stress_skip("fork", ENOMEM);
	stress_diag("%d rounds: fork failed with EAGAIN at the limit (at most %d "
		    "processes alive under a limit of %d), all reaped", ROUNDS, most, limit);
	return 0;
}
