/*
 * proc_kthreads: kernel threads in /proc as Linux shows them: pid 2 is
 * kthreadd (parent 0, state S, PF_KTHREAD in stat's flags), every other
 * kernel thread's parent is 2, init (pid 1) is no kernel thread and has
 * parent 0; a kernel thread's fd/ is empty (numbers ENOENT), maps and
 * cmdline are empty, exe is ENOENT, cwd and root are "/".  kill(2, 0)
 * and getpriority(PRIO_PROCESS, 2) find it.  Needs root.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>
#include "../kselftest.h"

#define PF_KTHREAD 0x00200000U

struct pstat {
	char comm[64];
	char state;
	int ppid, pgrp, session;
	unsigned int flags;
};

/* stat's fields 2-9, comm between the first '(' and the last ')'. */
static int read_stat(int pid, struct pstat *s)
{
	char path[64], buf[1024], *open, *close;

	snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	if (ksft_read_file(path, buf, sizeof(buf)) <= 0)
		return -1;
	open = strchr(buf, '(');
	close = strrchr(buf, ')');
	if (!open || !close || close - open - 1 >= (long)sizeof(s->comm))
		return -1;
	memcpy(s->comm, open + 1, close - open - 1);
	s->comm[close - open - 1] = '\0';
	return sscanf(close + 2, "%c %d %d %d %*d %*d %u", &s->state, &s->ppid, &s->pgrp,
		      &s->session, &s->flags) == 5 ? 0 : -1;
}

static int file_len(const char *path)
{
	char buf[4096];

	return ksft_read_file(path, buf, sizeof(buf));
}

static int link_is(const char *path, const char *want)
{
	char buf[256];
	ssize_t n = readlink(path, buf, sizeof(buf) - 1);

	if (n < 0)
		return 0;
	buf[n] = '\0';
	return !strcmp(buf, want);
}

/* Only "." and ".." in @path. */
static int dir_is_empty(const char *path)
{
	DIR *d = opendir(path);
	struct dirent *de;
	int n = 0;

	if (!d)
		return 0;
	while ((de = readdir(d)))
		if (strcmp(de->d_name, ".") && strcmp(de->d_name, ".."))
			n++;
	closedir(d);
	return n == 0;
}

int main(void)
{
	struct pstat s, i;
	char path[64], buf[64];
	int other = 0, others_ok = 1;
	struct stat st;

	ksft_plan(15);
	ksft_ok(read_stat(2, &s) == 0 && !strcmp(s.comm, "kthreadd"), "pid 2 is kthreadd");
	ksft_ok(s.ppid == 0 && s.pgrp == 0 && s.session == 0 && s.state == 'S',
		"its parent is 0, no group or session, sleeping (%d %d %d %c)", s.ppid, s.pgrp,
		s.session, s.state);
	ksft_ok(s.flags & PF_KTHREAD, "its stat flags have PF_KTHREAD (%#x)", s.flags);
	ksft_ok(read_stat(1, &i) == 0 && i.ppid == 0 && !(i.flags & PF_KTHREAD),
		"init: parent 0, no PF_KTHREAD");
	for (int pid = 3; pid < 400; pid++) {
		struct pstat k;

		if (read_stat(pid, &k) || !(k.flags & PF_KTHREAD))
			continue;
		other++;
		if (k.ppid != 2)
			others_ok = 0;
	}
	ksft_ok(other > 0 && others_ok, "the other kernel threads (%d) have parent 2", other);
	ksft_ok(dir_is_empty("/proc/2/fd") && dir_is_empty("/proc/2/fdinfo"),
		"fd/ and fdinfo/ are empty");
	ksft_ok(stat("/proc/2/fd/0", &st) == -1 && errno == ENOENT, "fd/0: ENOENT");
	ksft_ok(file_len("/proc/2/maps") == 0, "maps is empty");
	ksft_ok(file_len("/proc/2/cmdline") == 0, "cmdline is empty");
	ksft_ok(readlink("/proc/2/exe", buf, sizeof(buf)) == -1 && errno == ENOENT,
		"exe: ENOENT");
	ksft_ok(link_is("/proc/2/cwd", "/") && link_is("/proc/2/root", "/"), "cwd and root are /");
	snprintf(path, sizeof(path), "/proc/2/status");
	ksft_ok(ksft_read_file(path, (char[4096]){ 0 }, 4096) > 0, "status reads");
	ksft_ok(dir_is_empty("/proc/2/map_files"), "map_files/ is empty");
	ksft_ok(kill(2, 0) == 0, "kill(2, 0) finds it (errno %d)", errno);
	errno = 0;
	ksft_ok(getpriority(PRIO_PROCESS, 2) == 0 && errno == 0,
		"getpriority(PRIO_PROCESS, 2): nice 0 (errno %d)", errno);
	ksft_exit();
}
