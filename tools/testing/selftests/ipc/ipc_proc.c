/* ipc_proc: /proc/sysvipc/{shm,sem,msg} in Linux's format, and the
 * kernel.shm*, msg*, sem sysctls: defaults, bounds and enforcement. */
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include "../kselftest.h"

static char buf[65536];

static const char *read_proc(const char *path)
{
	buf[0] = 0;
	ksft_read_file(path, buf, sizeof(buf));
	return buf;
}

static int starts_with(const char *s, const char *head)
{
	return !strncmp(s, head, strlen(head));
}

static int write_proc(const char *path, const char *s)
{
	int fd = open(path, O_WRONLY), ok;

	if (fd < 0)
		return -errno;
	ok = write(fd, s, strlen(s));
	ok = ok < 0 ? -errno : 0;
	close(fd);
	return ok;
}

/* The line of /proc/sysvipc/@kind whose first two fields are @key and @id. */
static const char *find_line(const char *kind, int key, int id)
{
	char path[64], want[32];
	const char *p;

	snprintf(path, sizeof(path), "/proc/sysvipc/%s", kind);
	snprintf(want, sizeof(want), "%10d %10d ", key, id);
	read_proc(path);
	p = strstr(buf, want);
	return p;
}

static void test_proc(int key)
{
	int shm = shmget(key, 5000, IPC_CREAT | 0640), sem = semget(key, 3, IPC_CREAT | 0600);
	int msg = msgget(key, IPC_CREAT | 0604);
	const char *l;
	char *at = shmat(shm, NULL, 0);
	unsigned int mode, nattch, nsems;
	unsigned long size, cbytes, qnum;
	int cpid, lpid;

	msgsnd(msg, &(struct { long t; char c[10]; }){ 1, "hello" }, 10, 0);
	at[0] = 1;
	ksft_ok(starts_with(read_proc("/proc/sysvipc/shm"),
			 "       key      shmid perms       size  cpid  lpid nattch   uid   gid  cuid  cgid      atime      dtime      ctime        rss       swap\n"),
		"/proc/sysvipc/shm header");
	l = find_line("shm", key, shm);
	ksft_ok(l && sscanf(l, "%*d %*d %o %lu %d %d %u", &mode, &size, &cpid, &lpid, &nattch) == 5 &&
		mode == 0640 && size == 5000 && cpid == getpid() && lpid == getpid() && nattch == 1,
		"the segment's line: perms, size, cpid, lpid, nattch");
	ksft_ok(starts_with(read_proc("/proc/sysvipc/sem"),
			 "       key      semid perms      nsems   uid   gid  cuid  cgid      otime      ctime\n"),
		"/proc/sysvipc/sem header");
	l = find_line("sem", key, sem);
	ksft_ok(l && sscanf(l, "%*d %*d %o %u", &mode, &nsems) == 2 && mode == 0600 && nsems == 3,
		"the set's line: perms, nsems");
	ksft_ok(starts_with(read_proc("/proc/sysvipc/msg"),
			 "       key      msqid perms      cbytes       qnum lspid lrpid   uid   gid  cuid  cgid      stime      rtime      ctime\n"),
		"/proc/sysvipc/msg header");
	l = find_line("msg", key, msg);
	ksft_ok(l && sscanf(l, "%*d %*d %o %lu %lu %d", &mode, &cbytes, &qnum, &lpid) == 4 &&
		mode == 0604 && cbytes == 10 && qnum == 1 && lpid == getpid(),
		"the queue's line: perms, cbytes, qnum, lspid");
	shmdt(at);
	shmctl(shm, IPC_RMID, NULL);
	semctl(sem, 0, IPC_RMID);
	msgctl(msg, IPC_RMID, NULL);
	ksft_ok(!find_line("shm", key, shm) && !find_line("sem", key, sem) && !find_line("msg", key, msg),
		"removed objects leave /proc/sysvipc");
}

static int sysctl_is(const char *name, const char *want)
{
	char path[64];

	snprintf(path, sizeof(path), "/proc/sys/kernel/%s", name);
	return !strcmp(read_proc(path), want);
}

static void test_sysctls(void)
{
	char old[64];

	ksft_ok(sysctl_is("shmmax", "4278190079\n") && sysctl_is("shmall", "4278190079\n") &&
		sysctl_is("shmmni", "4096\n"), "shmmax, shmall, shmmni: Linux's 32-bit defaults");
	ksft_ok(sysctl_is("msgmax", "8192\n") && sysctl_is("msgmnb", "16384\n") &&
		sysctl_is("msgmni", "32000\n") && sysctl_is("sem", "32000\t1024000000\t500\t32000\n"),
		"msgmax, msgmnb, msgmni, sem: Linux's defaults");
	ksft_ok(write_proc("/proc/sys/kernel/shmmax", "8192") == 0 &&
		shmget(IPC_PRIVATE, 8193, 0600) == -1 && errno == EINVAL &&
		write_proc("/proc/sys/kernel/shmmax", "4278190079") == 0, "shmmax bounds shmget (EINVAL)");
	ksft_ok(write_proc("/proc/sys/kernel/msgmax", "100") == 0 &&
		msgsnd(0, &(struct { long t; char c[200]; }){ 1, "" }, 101, 0) == -1 && errno == EINVAL &&
		write_proc("/proc/sys/kernel/msgmax", "8192") == 0, "msgmax bounds msgsnd (EINVAL)");
	ksft_ok(write_proc("/proc/sys/kernel/shmmni", "32769") == -EINVAL &&
		write_proc("/proc/sys/kernel/msgmni", "-1") == -EINVAL && sysctl_is("shmmni", "4096\n"),
		"shmmni and msgmni above IPCMNI or negative: EINVAL");
	strcpy(old, read_proc("/proc/sys/kernel/sem"));
	ksft_ok(write_proc("/proc/sys/kernel/sem", "250 32000 32 32769") == -ERANGE &&
		sysctl_is("sem", "250\t32000\t32\t32000\n") && write_proc("/proc/sys/kernel/sem", "4 32000 32 128") == 0 &&
		semget(IPC_PRIVATE, 5, 0600) == -1 && errno == EINVAL &&
		semop(0, (struct sembuf[33]){ { 0 } }, 33) == -1 && errno == E2BIG,
		"sem: semmni above IPCMNI ERANGE (the rest written); semmsl and semopm bound semget and semop");
	write_proc("/proc/sys/kernel/sem", old);
	ksft_ok(sysctl_is("sem", old), "sem restored");
}

int main(void)
{
	ksft_plan(14);
	test_proc(0x50520000 | ((getpid() & 0xfff) << 4));
	test_sysctls();
	ksft_exit();
}
