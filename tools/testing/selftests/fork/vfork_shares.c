/*
 * vfork shares the parent's memory (Linux's CLONE_VM | CLONE_VFORK): what
 * the child writes -- globals, the parent's stack frame, the heap, a
 * mapping, even a page first touched by the child -- is the parent's,
 * and the parent does not run again until the child has exec'd or exited.
 * The children here only store, read, exec or _exit, as vfork children
 * may; none of them prints.
 */
#include "../kselftest.h"
#include <sched.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <time.h>
#include <fcntl.h>
#include <uapi/linux-ish/sched.h>

#define CHILD_ARG	"--vfork-shares-child"

static volatile int global_word;
static volatile int child_errno;
static volatile int steps;

static int global_is_shared(void)
{
	int st;
	pid_t pid;

	global_word = 1;
	pid = vfork();
	if (pid == 0) {
		global_word = 42;
		_exit(0);
	}
	return pid > 0 && waitpid(pid, &st, 0) == pid && KSFT_EXITED(st, 0) &&
	       global_word == 42;
}

static int stack_is_shared(void)
{
	volatile int on_stack = 1;
	int st;
	pid_t pid = vfork();

	if (pid == 0) {
		on_stack = 43;
		_exit(0);
	}
	return pid > 0 && waitpid(pid, &st, 0) == pid && on_stack == 43;
}

static int heap_is_shared(void)
{
	volatile char *buf = malloc(64 * 1024);
	int st, ok;
	pid_t pid;

	if (!buf)
		return 0;
	buf[0] = 'p';
	pid = vfork();
	if (pid == 0) {
		buf[0] = 'c';
		buf[60 * 1024] = 'c';	/* maybe a page the parent never touched */
		_exit(0);
	}
	ok = pid > 0 && waitpid(pid, &st, 0) == pid && buf[0] == 'c' && buf[60 * 1024] == 'c';
	free((void *)buf);
	return ok;
}

/* Private anonymous pages: one touched before vfork, one first by the child. */
static int private_mapping_is_shared(void)
{
	volatile char *m = mmap(NULL, 2 * KSFT_PAGE, PROT_READ | PROT_WRITE,
				MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	int st, ok;
	pid_t pid;

	if (m == MAP_FAILED)
		return 0;
	m[0] = 'p';
	pid = vfork();
	if (pid == 0) {
		m[0] = 'c';
		m[KSFT_PAGE] = 'c';	/* the fault happens in the child */
		_exit(0);
	}
	ok = pid > 0 && waitpid(pid, &st, 0) == pid && m[0] == 'c' && m[KSFT_PAGE] == 'c';
	munmap((void *)m, 2 * KSFT_PAGE);
	return ok;
}

/* A mapping made by the child is the parent's too. */
static int child_mmap_is_parents(void)
{
	static char *volatile made;
	int st, ok;
	pid_t pid;

	made = NULL;
	pid = vfork();
	if (pid == 0) {
		char *m = mmap(NULL, KSFT_PAGE, PROT_READ | PROT_WRITE,
			       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

		if (m != MAP_FAILED) {
			m[0] = 'x';
			made = m;
		}
		_exit(0);
	}
	ok = pid > 0 && waitpid(pid, &st, 0) == pid && made && made[0] == 'x';
	if (made)
		munmap(made, KSFT_PAGE);
	return ok;
}

/* The parent sleeps until the child's _exit: the child's last store is seen. */
static int parent_waits_for_exit(void)
{
	struct timespec t = { 0, 100 * 1000 * 1000 };
	pid_t pid;
	int ok;

	steps = 0;
	pid = vfork();
	if (pid == 0) {
		steps = 1;
		nanosleep(&t, NULL);	/* the parent would run now if it could */
		steps = 2;
		_exit(0);
	}
	ok = steps == 2;		/* before waitpid: the child has exited */
	return pid > 0 && waitpid(pid, NULL, 0) == pid && ok;
}

/* exec of a missing file fails in the child, which reports and _exits. */
static int failed_exec_then_exit(void)
{
	char *argv[] = { "no-such-program", NULL }, *envp[] = { NULL };
	int st;
	pid_t pid;

	child_errno = 0;
	pid = vfork();
	if (pid == 0) {
		execve("/no/such/program", argv, envp);
		child_errno = errno;
		_exit(127);
	}
	return pid > 0 && waitpid(pid, &st, 0) == pid && KSFT_EXITED(st, 127) &&
	       child_errno == ENOENT;
}

/* A successful exec lets the parent go, and leaves the parent's memory alone. */
static int exec_lets_parent_go(const char *self)
{
	char *argv[] = { (char *)self, CHILD_ARG, NULL }, *envp[] = { NULL };
	int st;
	pid_t pid;

	global_word = 0;
	pid = vfork();
	if (pid == 0) {
		global_word = 7;
		execve(self, argv, envp);
		_exit(127);
	}
	return pid > 0 && waitpid(pid, &st, 0) == pid && KSFT_EXITED(st, 5) &&
	       global_word == 7;
}

/* A child killed by a signal lets the parent go too. */
static int killed_child_lets_parent_go(void)
{
	int st;
	pid_t pid = vfork();

	if (pid == 0) {
		raise(SIGKILL);
		_exit(0);
	}
	return pid > 0 && waitpid(pid, &st, 0) == pid && KSFT_SIGNALLED(st, SIGKILL);
}

/*
 * A handler run by the vfork child runs on the child's stack -- the
 * parent's -- and what it stores is the parent's.
 */
static volatile sig_atomic_t handled_by;

static void note_handler(int sig)
{
	(void)sig;
	handled_by = getpid();
}

static int child_handler_store_is_seen(void)
{
	struct sigaction sa = { .sa_handler = note_handler }, old;
	int st, ok;
	pid_t pid;

	handled_by = 0;
	if (sigaction(SIGUSR1, &sa, &old))
		return 0;
	pid = vfork();
	if (pid == 0) {
		raise(SIGUSR1);
		_exit(handled_by == getpid() ? 0 : 1);
	}
	ok = pid > 0 && waitpid(pid, &st, 0) == pid && KSFT_EXITED(st, 0) && handled_by == pid;
	sigaction(SIGUSR1, &old, NULL);
	return ok;
}

/* ... and so does one that dies of a bad access. */
static int faulting_child_lets_parent_go(void)
{
	static int *volatile bad = (int *)8;	/* page 0: never mapped */
	int st;
	pid_t pid = vfork();

	if (pid == 0) {
		*bad = 1;
		_exit(0);
	}
	return pid > 0 && waitpid(pid, &st, 0) == pid && KSFT_SIGNALLED(st, SIGSEGV);
}

/* The child's /proc/self/maps is the parent's: one address space. */
static char maps_child[16384], maps_parent[16384];
static volatile ssize_t maps_child_len;

static ssize_t read_maps(char *buf, size_t size)
{
	int fd = open("/proc/self/maps", O_RDONLY);
	ssize_t len = 0, n;

	if (fd < 0)
		return -1;
	while ((size_t)len < size && (n = read(fd, buf + len, size - (size_t)len)) > 0)
		len += n;
	close(fd);
	return len;
}

static int maps_are_the_parents(void)
{
	ssize_t len;
	pid_t pid;

	maps_child_len = -1;
	pid = vfork();
	if (pid == 0) {
		maps_child_len = read_maps(maps_child, sizeof(maps_child));
		_exit(0);
	}
	if (pid < 0 || waitpid(pid, NULL, 0) != pid)
		return 0;
	len = read_maps(maps_parent, sizeof(maps_parent));
	if (len <= 0 || len != maps_child_len) {
		ksft_diag("maps: %zd bytes in the parent, %zd in the child", len,
			  (ssize_t)maps_child_len);
		return 0;
	}
	return !memcmp(maps_child, maps_parent, (size_t)len);
}

/*
 * clone(CLONE_VM | CLONE_VFORK | SIGCHLD) as a raw system call, the child
 * sharing the parent's stack.  The child runs only the instructions
 * below -- it stores 1 through @flag (passed in %edi, which clone ignores
 * without CLONE_CHILD_*TID) and exits with code 7 -- so it touches no
 * stack.  Returns what clone returned to the parent.
 */
static long raw_clone_vfork(volatile int *flag)
{
	long ret;

	__asm__ __volatile__(
		"int $0x80\n\t"
		"test %%eax, %%eax\n\t"
		"jnz 1f\n\t"
		"movl $1, (%%edi)\n\t"
		"movl $7, %%ebx\n\t"
		"movl %[nr_exit], %%eax\n\t"
		"int $0x80\n"
		"1:"
		: "=a"(ret)
		: "0"(SYS_clone), "b"(CLONE_VM | CLONE_VFORK | SIGCHLD), "c"(0), "d"(0),
		  "S"(0), "D"(flag), [nr_exit] "i"(SYS_exit)
		: "memory", "cc");
	return ret;
}

static int raw_clone_vm_vfork(void)
{
	static volatile int flag;
	long pid;
	int st;

	flag = 0;
	pid = raw_clone_vfork(&flag);
	if (pid <= 0) {
		ksft_diag("clone(CLONE_VM|CLONE_VFORK) returned %ld", pid);
		return 0;
	}
	return flag == 1 && waitpid((pid_t)pid, &st, 0) == pid && KSFT_EXITED(st, 7);
}

/* glibc's clone(): CLONE_VM | CLONE_VFORK, the child on a stack of its own. */
static int clone_child(void *arg)
{
	*(volatile int *)arg = 99;
	return 3;
}

static int clone_vm_vfork_own_stack(void)
{
	static volatile int word;
	size_t size = 64 * 1024;
	char *stack = mmap(NULL, size, PROT_READ | PROT_WRITE,
			   MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK, -1, 0);
	int st = 0, ok;
	pid_t pid;

	if (stack == MAP_FAILED)
		return 0;
	word = 0;
	pid = clone(clone_child, stack + size, CLONE_VM | CLONE_VFORK | SIGCHLD, (void *)&word);
	ok = pid > 0 && word == 99 && waitpid(pid, &st, 0) == pid && KSFT_EXITED(st, 3);
	munmap(stack, size);
	return ok;
}

int main(int argc, char **argv)
{
	if (argc > 1 && !strcmp(argv[1], CHILD_ARG))
		return 5;
	ksft_plan(14);
	ksft_ok(global_is_shared(), "a vfork child's store to a global is seen by the parent");
	ksft_ok(stack_is_shared(), "... and to the parent's stack frame");
	ksft_ok(heap_is_shared(), "... and to a malloc'd buffer");
	ksft_ok(private_mapping_is_shared(), "... and to a private anonymous mapping, "
		"a page first faulted in by the child included");
	ksft_ok(child_mmap_is_parents(), "a mapping made by the vfork child is the parent's");
	ksft_ok(parent_waits_for_exit(), "the parent runs again only after the child's _exit");
	ksft_ok(failed_exec_then_exit(), "a failed exec returns ENOENT to the child, which "
		"_exits(127); the parent goes on");
	ksft_ok(exec_lets_parent_go(argv[0]), "a successful exec lets the parent go, "
		"the child's earlier store stays");
	ksft_ok(killed_child_lets_parent_go(), "a vfork child killed by SIGKILL lets the parent go");
	ksft_ok(maps_are_the_parents(), "the vfork child's /proc/self/maps is the parent's");
	ksft_ok(raw_clone_vm_vfork(), "raw clone(CLONE_VM|CLONE_VFORK|SIGCHLD): the child's "
		"store is seen, exit status 7");
	ksft_ok(clone_vm_vfork_own_stack(), "glibc clone(CLONE_VM|CLONE_VFORK) on a stack of "
		"its own: the child's store is seen");
	ksft_ok(child_handler_store_is_seen(), "a signal handler run by the vfork child "
		"stores into the parent's memory");
	ksft_ok(faulting_child_lets_parent_go(), "a vfork child killed by a fault (SIGSEGV) "
		"lets the parent go");
	ksft_exit();
}
