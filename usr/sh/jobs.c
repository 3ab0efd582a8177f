/*
 * The job table.  A job is one pipeline (or one background and-or chain)
 * and everything needed to report on it later: its process group, its
 * processes, and the text the user typed.  Foreground jobs live on the
 * caller's stack and enter the table only if they get stopped.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>
#include "sh.h"

static struct job jobs[MAX_JOBS];

/* Turns a wait status into a shell status ($?), maybe saying why it died. */
int status_of(int ws, int report)
{
	int sig;

	if (WIFEXITED(ws))
		return WEXITSTATUS(ws);
	if (WIFSTOPPED(ws))
		return 128 + WSTOPSIG(ws);
	sig = WTERMSIG(ws);
	/* ^C and broken pipes are expected; saying so would only be noise. */
	if (report && sig != SIGINT && sig != SIGPIPE)
		fprintf(stderr, "%s%s\n", strsignal(sig),
			WCOREDUMP(ws) ? " (core dumped)" : "");
	else if (report && sig == SIGINT && interactive)
		fputc('\n', stderr);
	return 128 + sig;
}

void job_free(struct job *j)
{
	free(j->cmd);
	memset(j, 0, sizeof(*j));
}

static int job_done(struct job *j)
{
	return j->id && j->nalive == 0;
}

struct job *job_add(pid_t pgid, pid_t *pids, int npids, const char *cmd)
{
	struct job *slot = NULL;

	for (int i = 0; i < MAX_JOBS && !slot; i++)
		if (!jobs[i].id)
			slot = &jobs[i];
	/* Full: recycle a finished job nobody has asked about yet. */
	for (int i = 0; i < MAX_JOBS && !slot; i++)
		if (job_done(&jobs[i])) {
			job_free(&jobs[i]);
			slot = &jobs[i];
		}
	if (!slot) {
		sh_error("too many jobs");
		return NULL;
	}
	slot->id = slot - jobs + 1;
	slot->pgid = pgid;
	slot->npids = npids;
	slot->nalive = npids;
	memcpy(slot->pids, pids, npids * sizeof(pid_t));
	slot->cmd = strdup(cmd);	/* NULL is fine: printed as "?" */
	return slot;
}

/* Records that pid changed state in whichever job owns it. */
static void note(struct job *j, pid_t pid, int ws)
{
	for (int i = 0; i < j->npids; i++) {
		if (j->pids[i] != pid)
			continue;
		if (WIFSTOPPED(ws)) {
			j->stopped = 1;
			return;
		}
		j->pids[i] = -pid;	/* negative: already reaped */
		j->nalive--;
		if (i == j->npids - 1)
			j->status = ws;	/* the last command decides */
		return;
	}
}

void job_note_exit(pid_t pid, int ws)
{
	for (int i = 0; i < MAX_JOBS; i++)
		if (jobs[i].id)
			note(&jobs[i], pid, ws);
}

static const char *cmd_of(struct job *j)
{
	return j->cmd ? j->cmd : "?";
}

static void print_done(struct job *j)
{
	int ws = j->status;

	if (WIFEXITED(ws) && WEXITSTATUS(ws))
		printf("[%d] Exit %d  %s\n", j->id, WEXITSTATUS(ws), cmd_of(j));
	else if (WIFSIGNALED(ws))
		printf("[%d] %s  %s\n", j->id, strsignal(WTERMSIG(ws)), cmd_of(j));
	else
		printf("[%d] Done  %s\n", j->id, cmd_of(j));
}

/*
 * Collects finished children without blocking.  An interactive shell
 * reports and forgets them; a script keeps them so "wait" can still
 * return their status.
 */
void jobs_reap(int notify)
{
	pid_t pid;
	int ws;

	while ((pid = waitpid(-1, &ws, WNOHANG | WUNTRACED)) > 0)
		job_note_exit(pid, ws);
	if (!notify)
		return;
	for (int i = 0; i < MAX_JOBS; i++)
		if (job_done(&jobs[i])) {
			print_done(&jobs[i]);
			job_free(&jobs[i]);
		}
	fflush(stdout);
}

void jobs_list(void)
{
	jobs_reap(0);
	for (int i = 0; i < MAX_JOBS; i++) {
		struct job *j = &jobs[i];

		if (!j->id)
			continue;
		if (job_done(j)) {
			print_done(j);
			job_free(j);
		} else {
			printf("[%d] %s  %s\n", j->id,
			       j->stopped ? "Stopped" : "Running", cmd_of(j));
		}
	}
}

/* Blocks until every process of j has exited (or one stops). */
static void wait_all(struct job *j)
{
	for (int i = 0; i < j->npids; i++) {
		pid_t pid = j->pids[i];
		int ws;

		if (pid <= 0)
			continue;
		while (waitpid(pid, &ws, WUNTRACED) < 0) {
			if (errno != EINTR) {
				ws = 0;	/* lost child: count it as done */
				break;
			}
		}
		note(j, pid, ws);
		if (j->stopped)
			return;
	}
}

/* Waits for a foreground job.  Returns its shell status. */
int job_wait_fg(struct job *j)
{
	wait_all(j);
	if (j->stopped) {
		/* Keep a stopped job around so "jobs" can show it. */
		struct job *kept = job_add(j->pgid, j->pids, j->npids, cmd_of(j));

		if (kept) {
			kept->stopped = 1;
			kept->nalive = j->nalive;
			printf("\n[%d]+ Stopped  %s\n", kept->id, cmd_of(kept));
			fflush(stdout);
		}
		return 128 + SIGTSTP;
	}
	return status_of(j->status, 1);
}

static struct job *find_job(const char *arg)
{
	int n = atoi(arg + (arg[0] == '%'));

	for (int i = 0; i < MAX_JOBS; i++) {
		struct job *j = &jobs[i];

		if (!j->id)
			continue;
		if (arg[0] == '%' && j->id == n)
			return j;
		for (int k = 0; arg[0] != '%' && k < j->npids; k++)
			if (j->pids[k] == n || j->pids[k] == -n)
				return j;
	}
	return NULL;
}

/* The "wait" builtin: no argument waits for all jobs and returns 0. */
int jobs_wait(const char *arg)
{
	int st;

	if (arg) {
		struct job *j = find_job(arg);

		if (!j) {
			sh_error("wait: %s: no such job", arg);
			return 127;
		}
		wait_all(j);
		st = status_of(j->status, 0);
		if (!j->stopped)
			job_free(j);
		return st;
	}
	for (int i = 0; i < MAX_JOBS; i++) {
		if (!jobs[i].id || jobs[i].stopped)
			continue;
		wait_all(&jobs[i]);
		if (jobs[i].stopped) {		/* stopped meanwhile: keep it for fg/bg */
			if (interactive)
				printf("[%d]+ Stopped  %s\n", jobs[i].id, cmd_of(&jobs[i]));
			continue;
		}
		if (interactive)
			print_done(&jobs[i]);
		job_free(&jobs[i]);
	}
	return 0;
}

/* The job @arg names (%n or a pid), or with no @arg the newest one. */
static struct job *pick_job(const char *arg)
{
	struct job *best = NULL;

	if (arg)
		return find_job(arg);
	for (int i = 0; i < MAX_JOBS; i++)
		if (jobs[i].id && !job_done(&jobs[i]) && (!best || jobs[i].id > best->id))
			best = &jobs[i];
	return best;
}

/*
 * The "fg" and "bg" builtins: SIGCONT to the job's process group; fg then
 * hands it the terminal and waits for it as for any foreground job.
 */
int jobs_continue(const char *arg, int foreground)
{
	struct job *j = pick_job(arg);
	int st;

	if (!j) {
		sh_error("%s: %s: no such job", foreground ? "fg" : "bg", arg ? arg : "current");
		return 1;
	}
	if (foreground)
		printf("%s\n", cmd_of(j));
	else
		printf("[%d] %s &\n", j->id, cmd_of(j));
	fflush(stdout);
	if (foreground && interactive)
		tcsetpgrp(0, j->pgid);
	j->stopped = 0;
	if (kill(-j->pgid, SIGCONT) < 0)
		sh_error("%s: %s", foreground ? "fg" : "bg", strerror(errno));
	if (!foreground)
		return 0;
	wait_all(j);
	if (interactive) {
		tcsetpgrp(0, shell_pgid);
		term_restore();
	}
	if (j->stopped) {
		printf("\n[%d]+ Stopped  %s\n", j->id, cmd_of(j));
		fflush(stdout);
		return 128 + SIGTSTP;
	}
	st = status_of(j->status, 1);
	job_free(j);
	return st;
}
