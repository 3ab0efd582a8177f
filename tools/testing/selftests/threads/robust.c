/*
 * Robust futexes: a robust mutex whose owner thread (or process, for a
 * process-shared one) dies without unlocking gives the next locker
 * EOWNERDEAD, through the robust list the kernel walks at exit;
 * set_robust_list's length check and get_robust_list's answers.
 */
#include "../kselftest.h"
#include <pthread.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <uapi/linux-ish/futex.h>

static pthread_mutex_t *mtx;

static void *lock_and_exit(void *arg)
{
	(void)arg;
	pthread_mutex_lock(mtx);
	return NULL;		/* exits holding it */
}

static int init_robust(pthread_mutex_t *m, int pshared)
{
	pthread_mutexattr_t a;

	pthread_mutexattr_init(&a);
	pthread_mutexattr_setrobust(&a, PTHREAD_MUTEX_ROBUST);
	pthread_mutexattr_setpshared(&a, pshared);
	return pthread_mutex_init(m, &a);
}

static void test_thread_death(void)
{
	static pthread_mutex_t m;
	pthread_t t;
	int r;

	mtx = &m;
	init_robust(&m, PTHREAD_PROCESS_PRIVATE);
	pthread_create(&t, NULL, lock_and_exit, NULL);
	pthread_join(t, NULL);
	r = pthread_mutex_lock(&m);
	ksft_ok(r == EOWNERDEAD, "owner thread died: EOWNERDEAD (%d)", r);
	pthread_mutex_consistent(&m);
	pthread_mutex_unlock(&m);
	r = pthread_mutex_lock(&m);
	ksft_ok(r == 0, "made consistent: locks normally (%d)", r);
	pthread_mutex_unlock(&m);
}

/* A waiter asleep on the mutex is woken by the death and gets EOWNERDEAD. */
static volatile int waiter_result = -1;

static void *waiter(void *arg)
{
	(void)arg;
	waiter_result = pthread_mutex_lock(mtx);
	if (waiter_result == EOWNERDEAD)
		pthread_mutex_consistent(mtx);
	pthread_mutex_unlock(mtx);
	return NULL;
}

static void *lock_wait_exit(void *arg)
{
	pthread_t w;

	(void)arg;
	pthread_mutex_lock(mtx);
	pthread_create(&w, NULL, waiter, NULL);
	usleep(50000);		/* the waiter sleeps in FUTEX_WAIT */
	pthread_detach(w);
	return NULL;
}

static void test_waiter_woken(void)
{
	static pthread_mutex_t m;
	pthread_t t;

	mtx = &m;
	init_robust(&m, PTHREAD_PROCESS_PRIVATE);
	pthread_create(&t, NULL, lock_wait_exit, NULL);
	pthread_join(t, NULL);
	for (int i = 0; i < 2000 && waiter_result < 0; i++)
		usleep(1000);
	ksft_ok(waiter_result == EOWNERDEAD, "a sleeping waiter is woken with EOWNERDEAD (%d)",
		waiter_result);
}

static void test_process_death(void)
{
	pthread_mutex_t *m = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS,
				  -1, 0);
	pid_t pid;
	int st, r = -1;

	if (m == MAP_FAILED || init_robust(m, PTHREAD_PROCESS_SHARED)) {
		ksft_ok(0, "process-shared robust mutex: setup");
		return;
	}
	pid = fork();
	if (pid == 0) {
		pthread_mutex_lock(m);
		_exit(0);
	}
	if (pid > 0 && waitpid(pid, &st, 0) == pid)
		r = pthread_mutex_lock(m);
	ksft_ok(r == EOWNERDEAD, "owner process died: EOWNERDEAD (%d)", r);
	munmap(m, 4096);
}

static void test_syscalls(void)
{
	struct robust_list_head *head = NULL;
	size_t len = 0;
	int ok;

	ok = syscall(SYS_get_robust_list, 0, &head, &len) == 0 && head && len == 12;
	ksft_ok(ok, "get_robust_list(0): glibc's head, length 12");
	ok = syscall(SYS_set_robust_list, head, 24) == -1 && errno == EINVAL;
	ok &= syscall(SYS_set_robust_list, head, 0) == -1 && errno == EINVAL;
	ksft_ok(ok, "set_robust_list with a wrong length: EINVAL");
	ok = syscall(SYS_get_robust_list, 0, NULL, &len) == -1 && errno == EFAULT;
	ok &= syscall(SYS_get_robust_list, 0, &head, (size_t *)1) == -1 && errno == EFAULT;
	ksft_ok(ok, "get_robust_list with bad pointers: EFAULT");
	ok = syscall(SYS_get_robust_list, 0x3ffffff0, &head, &len) == -1 && errno == ESRCH;
	ksft_ok(ok, "get_robust_list of no such pid: ESRCH");
}

int main(void)
{
	ksft_plan(8);
	test_thread_death();
	test_waiter_woken();
	test_process_death();
	test_syscalls();
	ksft_exit();
}
