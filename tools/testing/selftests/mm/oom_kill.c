/*
 * The OOM killer, end to end (Linnet-only: on a shared host it would be
 * the host's OOM killer at work).  A child eats anonymous memory until
 * the OOM killer kills it with SIGKILL and Linux's report in the kernel
 * log; a process with oom_score_adj -1000 holding memory of its own
 * survives with its data intact, as do this program (-1000 too) and
 * init; vmstat's oom_kill counts the kill and the memory comes back.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/klog.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include "../kselftest.h"

#define NTESTS	7
#define CHUNK	(1 << 20)
#define KEEP	(4 << 20)

static int set_adj(const char *val)
{
	int fd = open("/proc/self/oom_score_adj", O_WRONLY), ok;

	ok = fd >= 0 && write(fd, val, strlen(val)) == (ssize_t)strlen(val);
	close(fd);
	return ok ? 0 : -1;
}

static long meminfo_kb(const char *field)
{
	char m[4096], key[64], *p;
	long kb = -1;

	snprintf(key, sizeof(key), "\n%s:", field);
	if (ksft_read_file("/proc/meminfo", m, sizeof(m)) > 0 && (p = strstr(m, key)))
		sscanf(p + strlen(key), " %ld", &kb);
	return kb;
}

static long vmstat(const char *name)
{
	static char v[8192];
	char key[64], *p;
	long n = -1;

	snprintf(key, sizeof(key), "\n%s ", name);
	if (ksft_read_file("/proc/vmstat", v, sizeof(v)) > 0 && (p = strstr(v, key)))
		sscanf(p + strlen(key), "%ld", &n);
	return n;
}

/* Holds KEEP bytes with a pattern until SIGTERM; exits 0 if they are intact. */
static void survivor(int ready)
{
	sigset_t set;
	int sig;
	char *p = mmap(NULL, KEEP, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigprocmask(SIG_BLOCK, &set, NULL);
	if (p == MAP_FAILED || set_adj("-1000"))
		_exit(2);
	for (int i = 0; i < KEEP; i++)
		p[i] = (char)(i * 13);
	if (write(ready, "r", 1) != 1)
		_exit(3);
	sigwait(&set, &sig);
	for (int i = 0; i < KEEP; i++)
		if (p[i] != (char)(i * 13))
			_exit(4);
	_exit(0);
}

/* Touches new anonymous memory until killed; exits 1 if an mmap fails first. */
static void eater(void)
{
	if (set_adj("0"))
		_exit(2);
	for (;;) {
		char *p = mmap(NULL, CHUNK, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

		if (p == MAP_FAILED)
			_exit(1);
		for (int i = 0; i < CHUNK; i += 4096)
			p[i] = 1;
	}
}

static char klog[1 << 17];

/* The kernel log's report for @pid, or NULL. */
static const char *report_of(pid_t pid)
{
	char key[64];
	int n = klogctl(3, klog, sizeof(klog) - 1);

	if (n < 0)
		return NULL;
	klog[n] = '\0';
	snprintf(key, sizeof(key), "Out of memory: Killed process %d (oom_kill)", pid);
	return strstr(klog, key);
}

int main(void)
{
	long kills = vmstat("oom_kill"), free_before = meminfo_kb("MemFree"), now;
	int pipefd[2], status = 0, st2 = -1, alive;
	pid_t keeper, eat;
	const char *r;
	char c;

	ksft_plan(NTESTS);
	if (set_adj("-1000") || pipe(pipefd)) {
		for (int i = 0; i < NTESTS; i++)
			ksft_skip("not root", "oom_score_adj -1000 needs root");
		ksft_exit();
	}
	keeper = fork();
	if (keeper == 0)
		survivor(pipefd[1]);
	if (read(pipefd[0], &c, 1) != 1)
		return 1;	/* the survivor did not start */
	eat = fork();
	if (eat == 0)
		eater();
	waitpid(eat, &status, 0);
	ksft_ok(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL,
		"the eater was killed with SIGKILL (status %#x)", status);
	r = report_of(eat);
	ksft_ok(r != NULL, "the kernel log has \"Out of memory: Killed process %d (oom_kill)\"", eat);
	ksft_ok(r && strstr(r, "total-vm:") && strstr(r, "kB, anon-rss:") && strstr(r, "kB, file-rss:") &&
		strstr(r, "kB, shmem-rss:") && strstr(r, "kB, UID:0 pgtables:") &&
		strstr(r, "kB oom_score_adj:0"), "the report has Linux's fields");
	alive = kill(keeper, 0) == 0 && kill(keeper, SIGTERM) == 0 &&
		waitpid(keeper, &st2, 0) == keeper;
	ksft_ok(alive && WIFEXITED(st2) && WEXITSTATUS(st2) == 0,
		"the oom_score_adj -1000 process survived with its data (status %#x)", st2);
	ksft_ok(kill(1, 0) == 0, "init survived");
	now = vmstat("oom_kill");
	ksft_ok(now >= kills + 1, "vmstat oom_kill counted it (%ld -> %ld)", kills, now);
	now = meminfo_kb("MemFree");
	ksft_ok(now >= free_before / 2, "the memory came back (MemFree %ld kB before, %ld after)",
		free_before, now);
	ksft_exit();
}
