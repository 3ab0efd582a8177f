/* ps: list every process from /proc/<pid>/status and cmdline: PID PPID STAT VSZ RSS COMMAND; no options. */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct proc {
	int pid, ppid;
	char state;
	unsigned long vsz, rss;		/* kB */
	char name[64];
};

/* Returns 1 if s is all digits (a process directory in /proc). */
static int is_pid(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (!isdigit((unsigned char)*s))
			return 0;
	return 1;
}

static int compare_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return (x > y) - (x < y);
}

/* Collects the numeric entries of /proc, sorted; returns count or -1. */
static int read_pids(int **pids)
{
	DIR *d = opendir("/proc");
	struct dirent *e;
	int n = 0, cap = 0, *v = NULL, *nv;

	if (!d)
		return -1;
	while ((e = readdir(d)) != NULL) {
		if (!is_pid(e->d_name))
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			nv = realloc(v, cap * sizeof(*v));
			if (!nv)
				break;
			v = nv;
		}
		v[n++] = atoi(e->d_name);
	}
	closedir(d);
	qsort(v, n, sizeof(*v), compare_int);
	*pids = v;
	return n;
}

/* Parses one "Key:\tvalue" line of /proc/<pid>/status into p. */
static void parse_status_line(const char *line, struct proc *p)
{
	const char *v = strchr(line, ':');

	if (!v)
		return;
	for (v++; *v == ' ' || *v == '\t'; v++)
		;
	if (!strncmp(line, "Name:", 5))
		snprintf(p->name, sizeof(p->name), "%.*s",
			 (int)strcspn(v, "\n"), v);
	else if (!strncmp(line, "State:", 6))
		p->state = *v;
	else if (!strncmp(line, "PPid:", 5))
		p->ppid = atoi(v);
	else if (!strncmp(line, "VmSize:", 7))
		p->vsz = strtoul(v, NULL, 10);
	else if (!strncmp(line, "VmRSS:", 6))
		p->rss = strtoul(v, NULL, 10);
}

/* Reads /proc/<pid>/status; returns 0, or -1 if the process is gone. */
static int read_status(int pid, struct proc *p)
{
	char path[64], line[256];
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/status", pid);
	f = fopen(path, "r");
	if (!f)
		return -1;
	memset(p, 0, sizeof(*p));
	p->pid = pid;
	p->state = '?';
	while (fgets(line, sizeof(line), f))
		parse_status_line(line, p);
	fclose(f);
	return 0;
}

/* Reads the command line with NULs turned into spaces; "" if none. */
static void read_cmdline(int pid, char *buf, size_t size)
{
	char path[64];
	ssize_t n;
	int fd;

	buf[0] = '\0';
	snprintf(path, sizeof(path), "/proc/%d/cmdline", pid);
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return;
	n = read(fd, buf, size - 1);
	close(fd);
	if (n <= 0)
		return;
	while (n > 0 && buf[n - 1] == '\0')
		n--;
	buf[n] = '\0';
	for (ssize_t i = 0; i < n; i++)
		if (buf[i] == '\0')
			buf[i] = ' ';
}

static void show(int pid)
{
	struct proc p;
	char cmd[4096];

	if (read_status(pid, &p) < 0)
		return;
	read_cmdline(pid, cmd, sizeof(cmd));
	printf("%5d %5d %-4c %5lu %5lu ", p.pid, p.ppid, p.state, p.vsz, p.rss);
	if (cmd[0])
		printf("%s\n", cmd);
	else
		printf("[%s]\n", p.name);
}

int main(void)
{
	int *pids, n;

	n = read_pids(&pids);
	if (n < 0) {
		fprintf(stderr, "ps: /proc: %s\n", strerror(errno));
		return 1;
	}
	printf("  PID  PPID STAT   VSZ   RSS COMMAND\n");
	for (int i = 0; i < n; i++)
		show(pids[i]);
	free(pids);
	return 0;
}
