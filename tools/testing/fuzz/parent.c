/*
 * parent.c: the parent keeps --children children going, counts the calls
 * each reports in a shared page, reaps every process that ends (orphans
 * too, when it is init) and kills a child that stops making progress.
 * SIGTERM stops the run early: the children are killed and main() still
 * removes the sandbox and the IPC objects (a driver that gives up on a
 * slow run sends it, so that the run leaves nothing behind).
 */
#include "fuzz.h"

#include <signal.h>
#include <time.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/wait.h>

struct kid {
	pid_t pid;
	unsigned long idx;
	unsigned long batch;
	unsigned long seen;
	long long last_ms;
	struct slot *slot;
};

static struct kid kids[MAX_CHILDREN];
static struct slot *slots;
static unsigned long calls_done, calls_assigned, next_idx, nr_children;
static unsigned long nr_signalled, idle_kids, nr_stuck, nr_stopped, ticks_lost;
static long long t_start;
static volatile sig_atomic_t stop_requested;

static void on_sigterm(int sig)
{
	(void)sig;
	stop_requested = 1;
}

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int spawn(struct kid *k, unsigned int slot_nr)
{
	unsigned long left = opt_calls - calls_assigned;
	pid_t pid;

	k->slot = &slots[slot_nr];
	k->slot->calls = 0;
	k->slot->last_nr = 0;
	k->slot->ticks_lost = 0;
	k->idx = opt_child >= 0 ? (unsigned long)opt_child : next_idx;
	k->batch = opt_child >= 0 ? left : (left < opt_batch ? left : opt_batch);
	pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0)
		child_main(k->idx, k->batch, k->slot);
	k->pid = pid;
	k->seen = 0;
	k->last_ms = now_ms();
	calls_assigned += k->batch;
	next_idx++;
	nr_children++;
	return 0;
}

/* A child has gone: count its calls, give back the ones it did not make. */
static void reap(struct kid *k, int status)
{
	unsigned long done = k->slot->calls;

	if (done > k->batch)
		done = k->batch;
	calls_done += done;
	ticks_lost += k->slot->ticks_lost;
	calls_assigned -= k->batch - done;
	idle_kids = done ? 0 : idle_kids + 1;
	if (WIFSIGNALED(status)) {
		nr_signalled++;
		if (opt_verbose && WTERMSIG(status) != SIGKILL &&
		    WTERMSIG(status) != SIGALRM)
			say("# fuzz: seed %llu child %lu killed by signal %d after %lu calls (last syscall %lu)",
			    (unsigned long long)opt_seed, k->idx, WTERMSIG(status),
			    done, k->slot->last_nr);
	} else if (opt_verbose && WEXITSTATUS(status)) {
		say("# fuzz: seed %llu child %lu exited with %d after %lu calls",
		    (unsigned long long)opt_seed, k->idx, WEXITSTATUS(status), done);
	}
	k->pid = 0;
}

/* Kills a child whose count has not moved for STALL_MS. */
static void watchdog(struct kid *k)
{
	long long t = now_ms();

	if (k->slot->calls != k->seen) {
		k->seen = k->slot->calls;
		k->last_ms = t;
	} else if (t - k->last_ms > STALL_MS) {
		if (opt_verbose)
			say("# fuzz: child %lu stuck in syscall %lu, killing it",
			    k->idx, k->slot->last_nr);
		kill(k->pid, SIGKILL);	/* our own child, not yet reaped */
		k->last_ms = t;
		nr_stuck++;
	}
}

/*
 * Reaps every exited process: our children, and orphans if we are init.
 * A child that stopped itself (SIGSTOP through kill, tkill, a pidfd...)
 * would make no call until the watchdog: it is killed at once.
 */
static void reap_all(void)
{
	int status;
	pid_t pid;

	while ((pid = waitpid(-1, &status, WNOHANG | WUNTRACED)) > 0) {
		if (WIFSTOPPED(status)) {
			for (unsigned int i = 0; i < opt_children; i++)
				if (kids[i].pid == pid) {
					kill(pid, SIGKILL);	/* our own child, not yet reaped */
					nr_stopped++;
				}
			continue;
		}
		for (unsigned int i = 0; i < opt_children; i++)
			if (kids[i].pid == pid)
				reap(&kids[i], status);
	}
}

static int running(void)
{
	int n = 0;

	for (unsigned int i = 0; i < opt_children; i++)
		n += kids[i].pid != 0;
	return n;
}

/* Keeps the slots full until every call is assigned.  Returns -1 if no
 * child can be started or children keep failing before their first call. */
static int fill_slots(void)
{
	for (unsigned int i = 0; i < opt_children; i++) {
		if (kids[i].pid || calls_assigned >= opt_calls)
			continue;
		if (idle_kids >= MAX_IDLE_KIDS)
			return -1;
		for (int tries = 0; spawn(&kids[i], i) < 0; tries++) {
			if (tries > 100)
				return -1;
			usleep(10000);
		}
	}
	return 0;
}

int parent_run(void)
{
	struct timespec tick = { 0, 20 * 1000 * 1000 };

	for (;;) {
		reap_all();
		if (stop_requested)
			return 0;
		if (fill_slots() < 0)
			return -1;
		if (!running())
			return 0;
		for (unsigned int i = 0; i < opt_children; i++)
			if (kids[i].pid)
				watchdog(&kids[i]);
		nanosleep(&tick, NULL);
	}
}

int parent_init(void)
{
	struct sigaction sa = { .sa_handler = on_sigterm };

	t_start = now_ms();
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);	/* children: child_main() resets every handler */
	slots = mmap(NULL, PAGE, PROT_READ | PROT_WRITE,
		     MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	return slots == MAP_FAILED ? -1 : 0;
}

void parent_stop(void)
{
	for (unsigned int i = 0; i < opt_children; i++)
		if (kids[i].pid)
			kill(kids[i].pid, SIGKILL);
	while (running()) {
		reap_all();
		usleep(10000);
	}
}

void parent_report(int err)
{
	say("# fuzz: %lu calls in %lu children, %lu children killed by signals, "
	    "%lu stuck (killed after %d ms without a call), %lu stopped, %lld s",
	    calls_done, nr_children, nr_signalled, nr_stuck, STALL_MS, nr_stopped,
	    (now_ms() - t_start) / 1000);
	if (ticks_lost)
		say("# fuzz: %lu refreshes found a child's tick stopped: a call that stops it "
		    "is missing from stops_tick() (child.c)", ticks_lost);
	if (stop_requested)
		say("# fuzz: stopped by SIGTERM before every call was made");
	if (err)
		say("# fuzz: children keep failing before their first call; giving up");
}
