/* shm: System V shared memory through glibc (ipc(2) on i386): get, attach
 * across fork, exec and exit, deferred IPC_RMID, placement flags, read-only
 * attaches, shmdt, shmctl status and errors, futexes and Shmem accounting. */
#include <signal.h>
#include <stdint.h>
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/shm.h>
#include <sys/syscall.h>
#include <linux/futex.h>
#include "../kselftest.h"

#define PAGE KSFT_PAGE

static int key_base;

static int stat_of(int id, struct shmid_ds *ds)
{
	return shmctl(id, IPC_STAT, ds);
}

static unsigned long nattch(int id)
{
	struct shmid_ds ds;

	return stat_of(id, &ds) ? (unsigned long)-1 : ds.shm_nattch;
}

static void test_get(void)
{
	int key = key_base + 1, id, id2;

	errno = 0;
	ksft_ok(shmget(IPC_PRIVATE, 0, 0600) == -1 && errno == EINVAL,
		"shmget of size 0 is EINVAL");
	ksft_ok(shmget(IPC_PRIVATE, 0xffffffffUL, 0600) == -1 && errno == EINVAL,
		"shmget above shmmax is EINVAL");
	ksft_ok(shmget(key, PAGE, 0600) == -1 && errno == ENOENT, "an unknown key without IPC_CREAT is ENOENT");
	id = shmget(key, PAGE, IPC_CREAT | 0600);
	id2 = shmget(key, 100, 0);
	ksft_ok(id >= 0 && id2 == id, "IPC_CREAT makes a segment that the key finds again (smaller size ok)");
	ksft_ok(shmget(key, PAGE, IPC_CREAT | IPC_EXCL | 0600) == -1 && errno == EEXIST &&
		shmget(key, 2 * PAGE, 0) == -1 && errno == EINVAL,
		"IPC_EXCL on an existing key is EEXIST, a larger size EINVAL");
	ksft_ok(shmctl(id, IPC_RMID, NULL) == 0 && shmget(key, PAGE, 0) == -1 && errno == ENOENT &&
		shmctl(id, IPC_STAT, &(struct shmid_ds){ 0 }) == -1 && errno == EINVAL,
		"IPC_RMID of an unattached segment removes it at once");
	ksft_ok(shmctl(-1, IPC_STAT, NULL) == -1 && errno == EINVAL &&
		shmctl(0x7ffffff, IPC_RMID, NULL) == -1 && errno == EINVAL &&
		shmctl(0, 12345, NULL) == -1 && errno == EINVAL,
		"shmctl: a negative or unknown id, an unknown command: EINVAL");
}

static void test_fork_share(void)
{
	int id = shmget(IPC_PRIVATE, 3 * PAGE, IPC_CREAT | 0600), st;
	char *p = shmat(id, NULL, 0);
	struct shmid_ds ds;
	pid_t pid;

	if (p == (void *)-1) {
		ksft_ok(0, "shmat");
		return;
	}
	strcpy(p + 2 * PAGE, "parent");
	ksft_ok(stat_of(id, &ds) == 0 && ds.shm_segsz == 3 * PAGE && ds.shm_nattch == 1 &&
		ds.shm_cpid == getpid() && ds.shm_lpid == getpid() && (ds.shm_perm.mode & 0777) == 0600 &&
		ds.shm_perm.__key == IPC_PRIVATE && ds.shm_atime > 0 && ds.shm_ctime > 0,
		"IPC_STAT: size, nattch 1, cpid, lpid, mode, times");
	pid = fork();
	if (pid == 0) {
		int ok = !strcmp(p + 2 * PAGE, "parent") && nattch(id) == 2;

		strcpy(p, "child");
		_exit(ok ? 0 : 1);
	}
	waitpid(pid, &st, 0);
	ksft_ok(KSFT_EXITED(st, 0) && !strcmp(p, "child") && nattch(id) == 1,
		"fork shares the attach both ways; nattch 2 in the child, 1 after its exit");
	pid = fork();
	if (pid == 0) {
		char idarg[16];

		snprintf(idarg, sizeof(idarg), "%d", id);
		execl("/proc/self/exe", "shm", "--nattch", idarg, (char *)NULL);
		_exit(99);
	}
	waitpid(pid, &st, 0);
	ksft_ok(KSFT_EXITED(st, 0), "exec drops the attach (the new image sees nattch 1)");
	ksft_ok(shmctl(id, IPC_RMID, NULL) == 0 && stat_of(id, &ds) == 0 &&
		(ds.shm_perm.mode & SHM_DEST) && ds.shm_perm.__key == IPC_PRIVATE && !strcmp(p, "child"),
		"IPC_RMID while attached: SHM_DEST, key IPC_PRIVATE, still usable");
	ksft_ok(shmdt(p) == 0 && stat_of(id, &ds) == -1 && errno == EINVAL,
		"the last shmdt destroys a removed segment");
	ksft_ok(shmdt(p) == -1 && errno == EINVAL && shmdt(p + 1) == -1 && errno == EINVAL,
		"shmdt of a detached or unaligned address is EINVAL");
}

static void test_placement(void)
{
	int id = shmget(IPC_PRIVATE, 2 * PAGE, 0600);
	char *hole = mmap(NULL, 4 * PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0), *p;

	munmap(hole + 2 * PAGE, 2 * PAGE);
	ksft_ok(shmat(id, hole + 2 * PAGE + 5, 0) == (void *)-1 && errno == EINVAL,
		"an unaligned address without SHM_RND is EINVAL");
	p = shmat(id, hole + 2 * PAGE + 5, SHM_RND);
	ksft_ok(p == hole + 2 * PAGE, "SHM_RND rounds the address down");
	ksft_ok(shmat(id, hole, 0) == (void *)-1 && errno == EINVAL &&
		shmat(id, NULL, SHM_REMAP) == (void *)-1 && errno == EINVAL,
		"an address over a mapping without SHM_REMAP, or SHM_REMAP without one: EINVAL");
	p = shmat(id, hole, SHM_REMAP);
	ksft_ok(p == hole && (p[0] = 'x') == 'x' && nattch(id) == 2, "SHM_REMAP replaces the mapping there");
	ksft_ok(shmat(0x7fffffff, NULL, 0) == (void *)-1 && errno == EINVAL &&
		shmat(-1, NULL, 0) == (void *)-1 && errno == EINVAL, "shmat of a bad id is EINVAL");
	shmdt(hole);
	shmdt(hole + 2 * PAGE);
	ksft_ok(nattch(id) == 0, "both attaches detached");
	shmctl(id, IPC_RMID, NULL);
}

static void write_ro(void *arg)
{
	*(volatile char *)arg = 1;
}

static void test_rdonly(void)
{
	int id = shmget(IPC_PRIVATE, PAGE, 0600), st;
	char *rw = shmat(id, NULL, 0), *ro = shmat(id, NULL, SHM_RDONLY);

	rw[10] = 42;
	st = ksft_run_child(write_ro, ro);
	ksft_ok(ro[10] == 42 && KSFT_SIGNALLED(st, SIGSEGV), "SHM_RDONLY: reads the data, a write is SIGSEGV");
	ksft_ok(mprotect(ro, PAGE, PROT_READ | PROT_WRITE) == -1 && errno == EACCES,
		"mprotect cannot make a SHM_RDONLY attach writable (EACCES)");
	shmdt(rw);
	shmdt(ro);
	shmctl(id, IPC_RMID, NULL);
}

static void test_ctl(void)
{
	int id = shmget(IPC_PRIVATE, PAGE, 0640), idx, max;
	struct shmid_ds ds;
	struct shminfo info;
	struct shm_info sinfo;

	ds.shm_perm.mode = 0604;
	ds.shm_perm.uid = 0;
	ds.shm_perm.gid = 0;
	ksft_ok(shmctl(id, IPC_SET, &ds) == 0 && stat_of(id, &ds) == 0 && (ds.shm_perm.mode & 0777) == 0604,
		"IPC_SET changes the mode");
	ksft_ok(shmctl(id, SHM_LOCK, NULL) == 0 && stat_of(id, &ds) == 0 && (ds.shm_perm.mode & SHM_LOCKED) &&
		shmctl(id, SHM_UNLOCK, NULL) == 0 && stat_of(id, &ds) == 0 && !(ds.shm_perm.mode & SHM_LOCKED),
		"SHM_LOCK and SHM_UNLOCK set and clear SHM_LOCKED");
	max = shmctl(0, IPC_INFO, (struct shmid_ds *)&info);
	ksft_ok(max >= 0 && info.shmmin == 1 && info.shmmni > 0 && info.shmmax >= PAGE && info.shmall > 0,
		"IPC_INFO: the limits, the highest index");
	max = shmctl(0, SHM_INFO, (struct shmid_ds *)&sinfo);
	idx = id & 0x7fff;
	ksft_ok(max >= idx && sinfo.used_ids >= 1 && sinfo.shm_tot >= 1, "SHM_INFO: segments in use, pages");
	ksft_ok(shmctl(idx, SHM_STAT, &ds) == id && ds.shm_segsz == PAGE, "SHM_STAT by index gives the id");
	/* Raw ipc(2): glibc copies through a buffer of its own. */
	ksft_ok(syscall(SYS_ipc, 24, id, IPC_STAT | 0x100, 0, (void *)4) == -1 && errno == EFAULT &&
		syscall(SYS_ipc, 24, id, IPC_SET | 0x100, 0, (void *)4) == -1 && errno == EFAULT,
		"a bad buffer is EFAULT");
	shmctl(id, IPC_RMID, NULL);
}

static void test_futex_and_maps(void)
{
	int key = key_base + 2, id = shmget(key, 8 * PAGE, IPC_CREAT | 0600), st, woke = 0;
	uint32_t *f = shmat(id, NULL, 0);
	char maps[16384], want[32];
	struct shm_info si;
	long before, after;
	pid_t pid;

	pid = fork();
	if (pid == 0) {
		uint32_t *g = shmat(id, NULL, 0);	/* another attach: another address */

		_exit(syscall(SYS_futex, g, FUTEX_WAIT, 0, NULL, NULL, 0) == 0 ? 0 : 1);
	}
	for (int i = 0; i < 500 && !woke; i++) {
		usleep(10000);
		woke = syscall(SYS_futex, f, FUTEX_WAKE, 1, NULL, NULL, 0);
	}
	waitpid(pid, &st, 0);
	ksft_ok(woke == 1 && KSFT_EXITED(st, 0), "a futex in a segment: wait in one attach, wake through another");
	snprintf(want, sizeof(want), "/SYSV%08x", key);
	ksft_ok(ksft_read_file("/proc/self/maps", maps, sizeof(maps)) > 0 && strstr(maps, want),
		"/proc/self/maps names the attach %s", want);
	/* Linux's meminfo Shmem lags (per-CPU deltas); SHM_INFO's rss is exact. */
	shmctl(0, SHM_INFO, (struct shmid_ds *)&si);
	before = si.shm_rss;
	memset((char *)f + 4 * PAGE, 1, 4 * PAGE);	/* pages never touched */
	shmctl(0, SHM_INFO, (struct shmid_ds *)&si);
	after = si.shm_rss;
	ksft_ok(after - before == 4, "touching 4 pages adds 4 to SHM_INFO's shm_rss (%ld)", after - before);
	shmctl(id, IPC_RMID, NULL);
	shmdt(f);
}

int main(int argc, char **argv)
{
	if (argc == 3 && !strcmp(argv[1], "--nattch"))
		return nattch(atoi(argv[2])) == 1 ? 0 : 1;
	key_base = 0x53480000 | ((getpid() & 0xfff) << 4);
	ksft_plan(30);
	test_get();
	test_fork_share();
	test_placement();
	test_rdonly();
	test_ctl();
	test_futex_and_maps();
	ksft_exit();
}
