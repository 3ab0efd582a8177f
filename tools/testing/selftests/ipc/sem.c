/* sem: System V semaphores through glibc (ipc(2) on i386) and the direct
 * calls: get, values, atomic semop, blocking across fork, counts, timeouts,
 * EINTR, EIDRM, SEM_UNDO at exit, semctl status and errors. */
#include <signal.h>
#include <stdint.h>
#include <sys/ipc.h>
#include <sys/sem.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <time.h>
#include "../kselftest.h"

union semun {
	int val;
	struct semid_ds *buf;
	unsigned short *array;
	struct seminfo *__buf;
};

static int op(int id, int num, int val, int flg)
{
	struct sembuf b = { num, val, flg };

	return semop(id, &b, 1);
}

static int getval(int id, int num)
{
	return semctl(id, num, GETVAL);
}

/* Polls until semaphore @num has @n waiters of the kind @cmd counts. */
static int wait_count(int id, int num, int cmd, int n)
{
	for (int i = 0; i < 500; i++) {
		if (semctl(id, num, cmd) == n)
			return 1;
		usleep(10000);
	}
	return 0;
}

static int reaped_with(pid_t pid, int code)
{
	int st;

	return waitpid(pid, &st, 0) == pid && KSFT_EXITED(st, code);
}

static void test_get(int key)
{
	int id;

	ksft_ok(semget(IPC_PRIVATE, 0, 0600) == -1 && errno == EINVAL &&
		semget(IPC_PRIVATE, -1, 0600) == -1 && errno == EINVAL &&
		semget(IPC_PRIVATE, 32001, 0600) == -1 && errno == EINVAL,
		"semget: 0, negative or more than semmsl semaphores is EINVAL");
	ksft_ok(semget(key, 2, 0600) == -1 && errno == ENOENT, "an unknown key is ENOENT");
	id = semget(key, 2, IPC_CREAT | 0600);
	ksft_ok(id >= 0 && semget(key, 1, 0) == id && semget(key, 0, 0) == id &&
		semget(key, 3, 0) == -1 && errno == EINVAL &&
		semget(key, 2, IPC_CREAT | IPC_EXCL) == -1 && errno == EEXIST,
		"the key finds the set (fewer semaphores ok, more EINVAL), IPC_EXCL EEXIST");
	ksft_ok(semctl(id, 0, IPC_RMID) == 0 && semget(key, 1, 0) == -1 && errno == ENOENT &&
		semctl(id, 0, GETVAL) == -1 && errno == EINVAL, "IPC_RMID removes the set");
}

static void test_values(void)
{
	int id = semget(IPC_PRIVATE, 3, 0600);
	unsigned short all[3] = { 1, 2, 3 }, got[3] = { 0 }, big[3] = { 1, 32768, 1 };

	ksft_ok(getval(id, 0) == 0 && semctl(id, 1, SETVAL, (union semun){ .val = 7 }) == 0 &&
		getval(id, 1) == 7 && semctl(id, 1, GETPID) == getpid(),
		"a new set is 0; SETVAL, GETVAL, GETPID");
	ksft_ok(semctl(id, 0, SETVAL, (union semun){ .val = 32768 }) == -1 && errno == ERANGE &&
		semctl(id, 0, SETVAL, (union semun){ .val = -1 }) == -1 && errno == ERANGE &&
		semctl(id, 3, GETVAL) == -1 && errno == EINVAL && semctl(id, -1, SETVAL, 1) == -1 &&
		errno == EINVAL, "SETVAL outside 0..32767 is ERANGE; a bad semnum EINVAL");
	ksft_ok(semctl(id, 0, SETALL, (union semun){ .array = all }) == 0 &&
		semctl(id, 0, GETALL, (union semun){ .array = got }) == 0 &&
		got[0] == 1 && got[1] == 2 && got[2] == 3, "SETALL then GETALL");
	ksft_ok(semctl(id, 0, SETALL, (union semun){ .array = big }) == -1 && errno == ERANGE &&
		getval(id, 0) == 1 &&
		semctl(id, 0, GETALL, (union semun){ .array = (void *)4 }) == -1 && errno == EFAULT &&
		semctl(id, 0, SETALL, (union semun){ .array = (void *)4 }) == -1 && errno == EFAULT,
		"SETALL with a value above 32767 is ERANGE and changes nothing; bad arrays EFAULT");
	semctl(id, 0, IPC_RMID);
}

static void test_semop(void)
{
	int id = semget(IPC_PRIVATE, 2, 0600);
	struct sembuf two[2] = { { 0, -1, IPC_NOWAIT }, { 1, -1, IPC_NOWAIT } }, many[501];
	struct timespec t = { 0, 60000000 }, bad = { 0, 1000000000 };
	struct semid_ds ds;
	struct timespec a, b;
	long ms;

	memset(many, 0, sizeof(many));
	semctl(id, 0, SETVAL, (union semun){ .val = 1 });
	ksft_ok(semop(id, two, 2) == -1 && errno == EAGAIN && getval(id, 0) == 1,
		"all or nothing: one blocked operation leaves the others undone (EAGAIN)");
	ksft_ok(op(id, 0, -1, 0) == 0 && getval(id, 0) == 0 && op(id, 0, 0, 0) == 0 &&
		op(id, 1, 5, 0) == 0 && getval(id, 1) == 5, "decrement, wait-for-zero, increment");
	ksft_ok(op(id, 1, 32767, 0) == -1 && errno == ERANGE && getval(id, 1) == 5 &&
		op(id, 2, 1, 0) == -1 && errno == EFBIG &&
		semop(id, many, 0) == -1 && errno == EINVAL && semop(id, many, 501) == -1 && errno == E2BIG &&
		semop(id, (void *)4, 1) == -1 && errno == EFAULT && semop(0x7fffffff, many, 1) == -1 &&
		errno == EINVAL, "semop: ERANGE, EFBIG, EINVAL, E2BIG, EFAULT");
	clock_gettime(CLOCK_MONOTONIC, &a);
	errno = 0;
	ksft_ok(semtimedop(id, &(struct sembuf){ 0, -1, 0 }, 1, &t) == -1 && errno == EAGAIN,
		"semtimedop times out with EAGAIN");
	clock_gettime(CLOCK_MONOTONIC, &b);
	ms = (b.tv_sec - a.tv_sec) * 1000 + (b.tv_nsec - a.tv_nsec) / 1000000;
	ksft_ok(ms >= 55 && ms < 2000 && semtimedop(id, &(struct sembuf){ 0, -1, 0 }, 1, &bad) == -1 &&
		errno == EINVAL && semtimedop(id, many, 501, &bad) == -1 && errno == E2BIG &&
		semtimedop(id, (void *)4, 1, &bad) == -1 && errno == EFAULT,
		"after the timeout (%ld ms); a bad timeout is EINVAL, after E2BIG and EFAULT", ms);
	ksft_ok(semctl(id, 0, IPC_STAT, (union semun){ .buf = &ds }) == 0 && ds.sem_nsems == 2 &&
		ds.sem_otime > 0 && ds.sem_ctime > 0 && (ds.sem_perm.mode & 0777) == 0600,
		"IPC_STAT: nsems, otime, ctime, mode");
	semctl(id, 0, IPC_RMID);
}

static void test_blocking(void)
{
	int id = semget(IPC_PRIVATE, 2, 0600);
	pid_t a, b;

	a = fork();
	if (a == 0)
		_exit(op(id, 0, -2, 0) == 0 ? 0 : 1);
	b = fork();
	if (b == 0)
		_exit(op(id, 1, 0, 0) == 0 ? 0 : 1);
	semctl(id, 1, SETVAL, (union semun){ .val = 1 });
	ksft_ok(wait_count(id, 0, GETNCNT, 1) && wait_count(id, 1, GETZCNT, 1) &&
		semctl(id, 1, GETNCNT) == 0 && semctl(id, 0, GETZCNT) == 0,
		"GETNCNT and GETZCNT count the sleepers per semaphore and kind");
	op(id, 0, 1, 0);
	usleep(50000);
	ksft_ok(semctl(id, 0, GETNCNT) == 1 && op(id, 0, 1, 0) == 0 && reaped_with(a, 0) &&
		getval(id, 0) == 0, "a decrement by 2 waits for 2, then runs");
	ksft_ok(op(id, 1, -1, 0) == 0 && reaped_with(b, 0), "a wait-for-zero runs when the value reaches 0");
	a = fork();
	if (a == 0)
		_exit(op(id, 0, -1, 0) == -1 && errno == EIDRM ? 0 : 1);
	wait_count(id, 0, GETNCNT, 1);
	ksft_ok(semctl(id, 0, IPC_RMID) == 0 && reaped_with(a, 0), "IPC_RMID wakes a sleeper with EIDRM");
}

static void on_alarm(int sig) { (void)sig; }

static void test_eintr(void)
{
	int id = semget(IPC_PRIVATE, 1, 0600);
	struct sigaction sa;
	struct itimerval it = { { 0, 0 }, { 0, 50000 } };

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_alarm;
	sa.sa_flags = SA_RESTART;
	sigaction(SIGALRM, &sa, NULL);
	setitimer(ITIMER_REAL, &it, NULL);
	ksft_ok(op(id, 0, -1, 0) == -1 && errno == EINTR, "a signal ends semop with EINTR, even with SA_RESTART");
	signal(SIGALRM, SIG_DFL);
	semctl(id, 0, IPC_RMID);
}

static void test_undo(void)
{
	int id = semget(IPC_PRIVATE, 2, 0600), p[2], q[2];
	pid_t pid;
	char c;

	semctl(id, 0, SETVAL, (union semun){ .val = 3 });
	pid = fork();
	if (pid == 0)
		_exit(op(id, 0, 2, SEM_UNDO) || op(id, 0, -4, SEM_UNDO) || op(id, 1, 1, SEM_UNDO) ||
		      op(id, 1, 1, 0));
	ksft_ok(reaped_with(pid, 0) && getval(id, 0) == 3 && getval(id, 1) == 1,
		"SEM_UNDO: the exit undoes the undoable operations only");
	op(id, 0, 10, SEM_UNDO);
	pid = fork();
	if (pid == 0)		/* inherits no adjustment: its exit undoes nothing */
		_exit(0);
	ksft_ok(reaped_with(pid, 0) && getval(id, 0) == 13, "fork children inherit no adjustments");
	op(id, 0, -10, SEM_UNDO);
	if (pipe(p) || pipe(q))
		return;
	pid = fork();
	if (pid == 0) {
		op(id, 1, 4, SEM_UNDO);
		write(p[1], "x", 1);
		read(q[0], &c, 1);
		_exit(0);
	}
	read(p[0], &c, 1);
	semctl(id, 1, SETVAL, (union semun){ .val = 9 });
	write(q[1], "x", 1);
	ksft_ok(reaped_with(pid, 0) && getval(id, 1) == 9, "SETVAL voids the adjustments for that semaphore");
	semctl(id, 0, IPC_RMID);
}

static void test_ctl(void)
{
	int id = semget(IPC_PRIVATE, 4, 0640), idx = id & 0x7fff, max;
	struct semid_ds ds;
	struct seminfo si;
	struct timespec64 { int64_t s, ns; } t = { 0, 1000000 };

	ds.sem_perm.uid = 0;
	ds.sem_perm.gid = 0;
	ds.sem_perm.mode = 0600;
	ksft_ok(semctl(id, 0, IPC_SET, (union semun){ .buf = &ds }) == 0 &&
		semctl(id, 0, IPC_STAT, (union semun){ .buf = &ds }) == 0 && (ds.sem_perm.mode & 0777) == 0600,
		"IPC_SET changes the mode");
	ksft_ok(semctl(idx, 0, SEM_STAT, (union semun){ .buf = &ds }) == id && ds.sem_nsems == 4,
		"SEM_STAT by index gives the id");
	max = semctl(0, 0, IPC_INFO, (union semun){ .__buf = &si });
	ksft_ok(max >= idx && si.semmsl == 32000 && si.semopm == 500 && si.semvmx == 32767 &&
		si.semmni == 32000, "IPC_INFO: Linux's default limits");
	ksft_ok(semctl(0, 0, SEM_INFO, (union semun){ .__buf = &si }) >= idx && si.semusz >= 1 &&
		si.semaem >= 4, "SEM_INFO: sets and semaphores in use");
	ksft_ok(syscall(394, id, 2, GETVAL, 0) == 0 && syscall(393, IPC_PRIVATE, 0, 0600) == -1 &&
		errno == EINVAL && syscall(394, id, 0, IPC_STAT | 0x100, &ds) == -1 && errno == EINVAL,
		"the direct semget/semctl calls; IPC_64 in a direct call's command is EINVAL");
	ksft_ok(syscall(420, id, &(struct sembuf){ 3, 1, 0 }, 1, &t) == 0 && getval(id, 3) == 1 &&
		syscall(420, id, &(struct sembuf){ 3, -2, 0 }, 1, &t) == -1 && errno == EAGAIN,
		"semtimedop_time64 (420)");
	ksft_ok(semctl(id, 0, 999) == -1 && errno == EINVAL && semctl(-1, 0, GETVAL) == -1 &&
		errno == EINVAL, "an unknown command or negative id is EINVAL");
	semctl(id, 0, IPC_RMID);
}

int main(void)
{
	ksft_plan(29);
	test_get(0x53450000 | ((getpid() & 0xfff) << 4));
	test_values();
	test_semop();
	test_blocking();
	test_eintr();
	test_undo();
	test_ctl();
	ksft_exit();
}
