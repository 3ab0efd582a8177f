/*
 * clone's sharing flags without thread groups: CLONE_VM (a child running
 * beside its parent in one mm), CLONE_FILES, CLONE_FS, CLONE_SIGHAND,
 * CLONE_SYSVSEM, each against the same clone without the flag; exit
 * signals other than SIGCHLD (__WCLONE/__WALL); Linux's EINVAL rules for
 * flag combinations.
 */
#include "../kselftest.h"
#include <sched.h>
#include <signal.h>
#include <fcntl.h>
#include <sys/ipc.h>
#include <sys/sem.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <uapi/linux-ish/sched.h>

#ifndef __WALL
#define __WALL		0x40000000
#define __WCLONE	0x80000000
#endif

#define STACK_SIZE	(64 * 1024)

static char child_stack[STACK_SIZE] __attribute__((aligned(16)));
static volatile int shared_word, go, done;

/* Runs @fn(@arg) in a clone child with @flags; returns its pid or -1. */
static pid_t spawn(int (*fn)(void *), void *arg, unsigned long flags)
{
	return clone(fn, child_stack + STACK_SIZE, flags, arg);
}

static int wait_exit0(pid_t pid, int options)
{
	int st;

	return pid > 0 && waitpid(pid, &st, options) == pid && KSFT_EXITED(st, 0);
}

/* Waits (bounded) for the child to set @done while we keep running. */
static int saw_done(void)
{
	for (long i = 0; i < 200000000L && !done; i++)
		if (!(i & 0xffff))
			sched_yield();
	return done;
}

static int vm_child(void *arg)
{
	(void)arg;
	while (!go)
		sched_yield();
	shared_word = 42;
	done = 1;
	return 0;
}

/* Both run at once: the parent lets the child go and sees its write. */
static void test_vm(void)
{
	pid_t pid;
	int ok;

	shared_word = go = done = 0;
	pid = spawn(vm_child, NULL, CLONE_VM | SIGCHLD);
	go = 1;
	ok = pid > 0 && saw_done() && shared_word == 42;
	ksft_ok(ok && wait_exit0(pid, 0), "CLONE_VM child runs beside its parent in one mm");
}

static int files_child(void *arg)
{
	int fd = *(int *)arg, newfd = open("/", O_RDONLY);

	close(fd);
	return newfd >= 0 ? 0 : 1;
}

/* The child closes one descriptor and opens another: seen only with CLONE_FILES. */
static void test_files(unsigned long flag, const char *what)
{
	int fd = open("/", O_RDONLY), newfd = dup(fd), st;
	pid_t pid;
	int closed, opened;

	close(newfd);		/* newfd: the slot the child's open() will take */
	pid = spawn(files_child, &fd, CLONE_VM | flag | SIGCHLD);
	st = wait_exit0(pid, 0);
	closed = fcntl(fd, F_GETFD) == -1 && errno == EBADF;
	opened = fcntl(newfd, F_GETFD) >= 0;
	ksft_ok(st && (flag ? closed && opened : !closed && !opened), "%s", what);
	close(fd);
	close(newfd);
}

static int fs_child(void *arg)
{
	(void)arg;
	umask(0071);
	return chdir("/proc") ? 1 : 0;
}

static void test_fs(unsigned long flag, const char *what)
{
	char cwd[64] = "";
	mode_t old;
	pid_t pid;
	int ok;

	umask(022);
	if (chdir("/"))
		ksft_diag("chdir /: %d", errno);
	pid = spawn(fs_child, NULL, CLONE_VM | flag | SIGCHLD);
	ok = wait_exit0(pid, 0);
	old = umask(022);
	ok &= getcwd(cwd, sizeof(cwd)) != NULL;
	if (flag)
		ok &= old == 0071 && !strcmp(cwd, "/proc");
	else
		ok &= old == 022 && !strcmp(cwd, "/");
	ksft_ok(ok, "%s (umask %#o, cwd %s)", what, old, cwd);
	if (chdir("/"))
		ksft_diag("chdir /: %d", errno);
}

static void on_usr1(int sig)
{
	(void)sig;
}

static int sighand_child(void *arg)
{
	(void)arg;
	return signal(SIGUSR1, on_usr1) == SIG_ERR;
}

static void test_sighand(unsigned long flag, const char *what)
{
	struct sigaction sa;
	pid_t pid;
	int ok;

	signal(SIGUSR1, SIG_DFL);
	pid = spawn(sighand_child, NULL, CLONE_VM | flag | SIGCHLD);
	ok = wait_exit0(pid, 0) && sigaction(SIGUSR1, NULL, &sa) == 0;
	ok &= flag ? sa.sa_handler == on_usr1 : sa.sa_handler == SIG_DFL;
	ksft_ok(ok, "%s", what);
	signal(SIGUSR1, SIG_DFL);
}

static int semid;

static int sem_child(void *arg)
{
	struct sembuf op = { 0, 1, SEM_UNDO };

	(void)arg;
	return semop(semid, &op, 1) ? 1 : 0;
}

/* The child's SEM_UNDO +1: undone at its exit unless the list is shared. */
static void test_sysvsem(unsigned long flag, const char *what)
{
	pid_t pid;
	int ok, val;

	semid = semget(IPC_PRIVATE, 1, 0600);
	if (semid < 0) {
		ksft_ok(0, "%s: semget %d", what, errno);
		return;
	}
	pid = spawn(sem_child, NULL, CLONE_VM | flag | SIGCHLD);
	ok = wait_exit0(pid, 0);
	val = semctl(semid, 0, GETVAL);
	ksft_ok(ok && val == (flag ? 1 : 0), "%s (value %d)", what, val);
	semctl(semid, 0, IPC_RMID);
}

static int quick_child(void *arg)
{
	(void)arg;
	return 0;
}

static volatile int got_usr2;

static void on_usr2(int sig)
{
	(void)sig;
	got_usr2 = 1;
}

/* exit signal 0 and SIGUSR2: clone children, waited for only with __WCLONE/__WALL. */
static void test_exit_signal(void)
{
	pid_t pid = spawn(quick_child, NULL, CLONE_VM | 0);
	int st, ok;

	usleep(20000);
	ok = waitpid(pid, &st, WNOHANG) == -1 && errno == ECHILD;
	ok &= waitpid(pid, &st, __WCLONE) == pid && KSFT_EXITED(st, 0);
	ksft_ok(pid > 0 && ok, "exit signal 0: ECHILD without __WCLONE, reaped with it");

	signal(SIGUSR2, on_usr2);
	got_usr2 = 0;
	pid = spawn(quick_child, NULL, CLONE_VM | SIGUSR2);
	ok = wait_exit0(pid, __WALL);
	ksft_ok(pid > 0 && ok && got_usr2, "exit signal SIGUSR2 sent to the parent, __WALL reaps");

	pid = spawn(quick_child, NULL, CLONE_VM | SIGCHLD);
	usleep(20000);
	ok = waitpid(pid, &st, __WCLONE | WNOHANG) == -1 && errno == ECHILD;
	ksft_ok(pid > 0 && ok && wait_exit0(pid, 0), "__WCLONE skips a SIGCHLD child");
}

static long raw_clone(unsigned long flags)
{
	return syscall(SYS_clone, flags, child_stack + STACK_SIZE, NULL, 0, NULL);
}

static void einval(unsigned long flags, const char *what)
{
	long r = raw_clone(flags);

	if (r == 0)
		_exit(0);	/* would be a bug: never reached on a good kernel */
	ksft_ok(r == -1 && errno == EINVAL, "EINVAL: %s (%ld, errno %d)", what, r, errno);
}

int main(void)
{
	ksft_plan(18);
	test_vm();
	test_files(CLONE_FILES, "CLONE_FILES: close and open are seen by the parent");
	test_files(0, "without CLONE_FILES the child's table is a copy");
	test_fs(CLONE_FS, "CLONE_FS: chdir and umask are seen by the parent");
	test_fs(0, "without CLONE_FS the child's cwd and umask are its own");
	test_sighand(CLONE_SIGHAND, "CLONE_SIGHAND: the child's handler is the parent's");
	test_sighand(0, "without CLONE_SIGHAND handlers are copied");
	test_sysvsem(CLONE_SYSVSEM, "CLONE_SYSVSEM: the shared undo list outlives the child");
	test_sysvsem(0, "without CLONE_SYSVSEM the child's SEM_UNDO is undone at its exit");
	test_exit_signal();
	einval(CLONE_SIGHAND | SIGCHLD, "CLONE_SIGHAND without CLONE_VM");
	einval(CLONE_VM | CLONE_THREAD | SIGCHLD, "CLONE_THREAD without CLONE_SIGHAND");
	einval(CLONE_FS | CLONE_NEWNS | SIGCHLD, "CLONE_FS with CLONE_NEWNS");
	einval(CLONE_FS | CLONE_NEWUSER | SIGCHLD, "CLONE_FS with CLONE_NEWUSER");
	einval(CLONE_VM | CLONE_SIGHAND | CLONE_THREAD | CLONE_PIDFD,
	       "CLONE_PIDFD with CLONE_THREAD");
	einval(CLONE_PIDFD | 0x00400000 | SIGCHLD, "CLONE_PIDFD with CLONE_DETACHED");
	ksft_exit();
}
