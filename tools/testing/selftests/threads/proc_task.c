/*
 * /proc and threads: /proc/<pid>/task lists every thread, task/<tid>/
 * has stat, status, comm and maps; /proc/thread-self is
 * <tgid>/task/<tid>; /proc/self is the process; stat's num_threads and
 * status's Tgid/Pid/Threads; /proc lists only processes, yet /proc/<tid>
 * can be opened.
 */
#include "../kselftest.h"
#include <dirent.h>
#include <pthread.h>
#include <sys/syscall.h>

#define NTH	3

static volatile int stop;
static pid_t tids[NTH];
static char thread_self[64];

static void *worker(void *arg)
{
	long i = (long)arg;

	tids[i] = syscall(SYS_gettid);
	if (i == 0) {
		ssize_t n = readlink("/proc/thread-self", thread_self, sizeof(thread_self) - 1);

		if (n > 0)
			thread_self[n] = 0;
	}
	while (!stop)
		usleep(1000);
	return NULL;
}

/* Does directory @path list @name? */
static int lists(const char *path, const char *name)
{
	DIR *d = opendir(path);
	struct dirent *e;
	int found = 0;

	if (!d)
		return -1;
	while ((e = readdir(d)))
		found |= !strcmp(e->d_name, name);
	closedir(d);
	return found;
}

static int count_entries(const char *path)
{
	DIR *d = opendir(path);
	struct dirent *e;
	int n = 0;

	if (!d)
		return -1;
	while ((e = readdir(d)))
		n += e->d_name[0] != '.';
	closedir(d);
	return n;
}

static int field(const char *buf, const char *key)
{
	const char *p = strstr(buf, key);

	return p ? atoi(p + strlen(key)) : -1;
}

/* Field 20 (num_threads) of a stat line. */
static int stat_threads(const char *buf)
{
	const char *p = strrchr(buf, ')');
	int n = 0;

	for (int f = 2; p && f < 20; f++)
		p = strchr(p + 1, ' ');
	if (p)
		n = atoi(p + 1);
	return n;
}

int main(void)
{
	pthread_t th[NTH];
	char path[128], name[32], buf[4096], want[64];
	int ok, n, nt;

	ksft_plan(7);
	for (long i = 0; i < NTH; i++)
		pthread_create(&th[i], NULL, worker, (void *)i);
	for (int i = 0; i < 2000 && (!tids[NTH - 1] || !thread_self[0]); i++)
		usleep(1000);

	snprintf(path, sizeof(path), "/proc/%d/task", getpid());
	n = count_entries(path);
	ok = n == NTH + 1;
	snprintf(name, sizeof(name), "%d", getpid());
	ok &= lists(path, name) == 1;
	for (int i = 0; i < NTH; i++) {
		snprintf(name, sizeof(name), "%d", tids[i]);
		ok &= lists(path, name) == 1;
	}
	ksft_ok(ok, "task/ lists the %d threads (%d entries)", NTH + 1, n);

	snprintf(want, sizeof(want), "%d/task/%d", getpid(), tids[0]);
	ksft_ok(!strcmp(thread_self, want), "/proc/thread-self in a thread: %s", thread_self);

	snprintf(path, sizeof(path), "/proc/%d/task/%d/status", getpid(), tids[1]);
	ok = ksft_read_file(path, buf, sizeof(buf)) > 0 && field(buf, "Tgid:") == getpid() &&
	     field(buf, "Pid:") == tids[1] && field(buf, "Threads:") == NTH + 1;
	ksft_ok(ok, "task/<tid>/status: Tgid, Pid, Threads");

	snprintf(path, sizeof(path), "/proc/%d/task/%d/stat", getpid(), tids[1]);
	ok = ksft_read_file(path, buf, sizeof(buf)) > 0 && atoi(buf) == tids[1];
	nt = stat_threads(buf);
	ok &= nt == NTH + 1;
	snprintf(path, sizeof(path), "/proc/%d/task/%d/comm", getpid(), tids[1]);
	ok &= ksft_read_file(path, buf, sizeof(buf)) > 0 && !strncmp(buf, "proc_task", 9);
	snprintf(path, sizeof(path), "/proc/%d/task/%d/maps", getpid(), tids[1]);
	ok &= ksft_read_file(path, buf, sizeof(buf)) > 0 && strstr(buf, "[stack]");
	ksft_ok(ok, "task/<tid>/stat (num_threads %d), comm, maps", nt);

	snprintf(name, sizeof(name), "%d", tids[2]);
	ok = lists("/proc", name) == 0;
	snprintf(path, sizeof(path), "/proc/%d/status", tids[2]);
	ok &= ksft_read_file(path, buf, sizeof(buf)) > 0 && field(buf, "Tgid:") == getpid();
	ksft_ok(ok, "/proc does not list a thread, /proc/<tid> opens");

	snprintf(path, sizeof(path), "/proc/%d/task/%d", getpid(), 0x3ffffff0);
	ok = access(path, F_OK) == -1 && errno == ENOENT;
	snprintf(path, sizeof(path), "/proc/%d/task/1", getpid());
	ok &= access(path, F_OK) == -1 && errno == ENOENT;
	ksft_ok(ok, "task/<tid> of another process or none: ENOENT");

	ok = ksft_read_file("/proc/self/stat", buf, sizeof(buf)) > 0 && atoi(buf) == getpid();
	ksft_ok(ok && stat_threads(buf) == NTH + 1, "/proc/self is the process, num_threads %d",
		stat_threads(buf));
	stop = 1;
	for (int i = 0; i < NTH; i++)
		pthread_join(th[i], NULL);
	ksft_exit();
}
