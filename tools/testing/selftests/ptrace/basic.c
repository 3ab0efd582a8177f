/*
 * ptrace(2) as a debugger uses it: the exec SIGTRAP of a PTRACE_TRACEME
 * child, PEEK/POKE of text (an int3 breakpoint in a private read-only
 * mapping, the tracer's own copy untouched) and data, GETREGS/SETREGS
 * and PEEKUSER/POKEUSER, syscall stops with TRACESYSGOOD where the
 * tracer skips a call and sets its result, signal suppression and
 * injection with GETSIGINFO, the fork event with the tracer as a second
 * parent, SEIZE + INTERRUPT, and the errors (ESRCH, EPERM, EIO, EFAULT).
 */
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/user.h>
#include <sys/wait.h>
#include <unistd.h>
#include "../kselftest.h"

static volatile int data_word = 5;
static volatile int handled;

__attribute__((noinline)) static int target(void)
{
	__asm__ __volatile__("" ::: "memory");
	return 30;
}

static void stop_self(void)
{
	raise(SIGSTOP);
}

static pid_t traced_child(void (*fn)(void))
{
	pid_t pid = fork();

	if (pid == 0) {
		if (ptrace(PTRACE_TRACEME, 0, 0, 0))
			_exit(99);
		stop_self();
		fn();
		_exit(98);
	}
	return pid;
}

static int wait_stop(pid_t pid)
{
	int st;

	if (waitpid(pid, &st, 0) != pid)
		return -1;
	return st;
}

static int finish(pid_t pid)
{
	int st;

	ptrace(PTRACE_CONT, pid, 0, 0);
	if (waitpid(pid, &st, 0) != pid)
		return -1;
	return st;
}

/* ---- exec ---- */

static void test_exec(const char *self)
{
	pid_t pid = fork();
	int st, st2;

	if (pid == 0) {
		ptrace(PTRACE_TRACEME, 0, 0, 0);
		execl(self, self, "--exit7", (char *)NULL);
		_exit(1);
	}
	st = wait_stop(pid);
	st2 = finish(pid);
	ksft_ok(WIFSTOPPED(st) && WSTOPSIG(st) == SIGTRAP && KSFT_EXITED(st2, 7),
		"TRACEME + exec: SIGTRAP stop, then the program runs (%#x, %#x)", st, st2);
}

/* ---- breakpoints and memory ---- */

static void call_target(void)
{
	_exit(target() + data_word);
}

static void test_breakpoint(void)
{
	pid_t pid = traced_child(call_target);
	uintptr_t at = (uintptr_t)target;
	struct user_regs_struct regs, again;
	long orig, got, peek_ip, data;
	int st, st2, ok_regs;

	wait_stop(pid);
	errno = 0;
	orig = ptrace(PTRACE_PEEKTEXT, pid, (void *)at, 0);
	ksft_ok(errno == 0 && orig == *(long *)at, "PEEKTEXT reads the tracee's text");
	ksft_ok(ptrace(PTRACE_POKETEXT, pid, (void *)at, (void *)((orig & ~0xffL) | 0xcc)) == 0,
		"POKETEXT writes an int3 into read-only private text");
	got = ptrace(PTRACE_PEEKTEXT, pid, (void *)at, 0);
	ksft_ok((got & 0xff) == 0xcc && *(unsigned char *)at != 0xcc,
		"the tracee sees it; the tracer's own copy of the page does not");
	data = ptrace(PTRACE_PEEKDATA, pid, (void *)&data_word, 0);
	ksft_ok(data == 5 && ptrace(PTRACE_POKEDATA, pid, (void *)&data_word, (void *)12L) == 0,
		"PEEKDATA/POKEDATA of a variable");
	st = finish(pid);
	ptrace(PTRACE_GETREGS, pid, 0, &regs);
	ksft_ok(WIFSTOPPED(st) && WSTOPSIG(st) == SIGTRAP && (uintptr_t)regs.eip == at + 1,
		"the breakpoint stops the tracee with SIGTRAP after the int3 (%#x, eip %#lx)",
		st, (unsigned long)regs.eip);
	peek_ip = ptrace(PTRACE_PEEKUSER, pid, (void *)offsetof(struct user, regs.eip), 0);
	regs.eip = (long)at;
	ok_regs = ptrace(PTRACE_SETREGS, pid, 0, &regs) == 0 &&
		  ptrace(PTRACE_GETREGS, pid, 0, &again) == 0 && !memcmp(&regs, &again, sizeof(regs));
	ksft_ok(ok_regs && peek_ip == (long)(at + 1), "GETREGS/SETREGS round trip, PEEKUSER eip");
	ptrace(PTRACE_POKETEXT, pid, (void *)at, (void *)orig);
	st2 = finish(pid);
	ksft_ok(KSFT_EXITED(st2, 42), "text restored, eip moved back: target() runs (%#x)", st2);
}

/* ---- syscall stops ---- */

static void call_getppid(void)
{
	long r = syscall(SYS_getppid);

	_exit(r == 1234 ? 0 : 1);
}

static void test_syscall_stops(void)
{
	pid_t pid = traced_child(call_getppid);
	struct user_regs_struct regs = { 0 };
	int st = 0, n, st2, entry_ok;

	wait_stop(pid);
	ksft_ok(ptrace(PTRACE_SETOPTIONS, pid, 0, (void *)PTRACE_O_TRACESYSGOOD) == 0,
		"SETOPTIONS TRACESYSGOOD");
	for (n = 0; n < 40; n++) {	/* entry stops, exit stops, until getppid's entry */
		ptrace(PTRACE_SYSCALL, pid, 0, 0);
		st = wait_stop(pid);
		ptrace(PTRACE_GETREGS, pid, 0, &regs);
		if (!WIFSTOPPED(st) || regs.orig_eax == SYS_getppid)
			break;
	}
	entry_ok = WIFSTOPPED(st) && WSTOPSIG(st) == (SIGTRAP | 0x80) &&
		   regs.orig_eax == SYS_getppid && regs.eax == -ENOSYS;
	ksft_ok(entry_ok, "syscall-entry stop: SIGTRAP|0x80, orig_eax the call, eax -ENOSYS (%#x, %ld)",
		st, (long)regs.eax);
	regs.orig_eax = -1;
	regs.eax = 1234;
	ptrace(PTRACE_SETREGS, pid, 0, &regs);
	ptrace(PTRACE_SYSCALL, pid, 0, 0);
	st = wait_stop(pid);
	ptrace(PTRACE_GETREGS, pid, 0, &regs);
	ksft_ok(WIFSTOPPED(st) && WSTOPSIG(st) == (SIGTRAP | 0x80) && regs.eax == 1234,
		"orig_eax -1 skips the call: the exit stop shows the tracer's eax");
	st2 = finish(pid);
	ksft_ok(KSFT_EXITED(st2, 0), "the tracee got the tracer's result (%#x)", st2);
}

/* ---- signals ---- */

static void on_usr1(int sig)
{
	(void)sig;
	handled++;
}

static void raise_two(void)
{
	signal(SIGUSR1, on_usr1);
	raise(SIGUSR1);
	raise(SIGUSR2);
	_exit(handled == 1 ? 0 : 10 + handled);
}

static void test_signals(void)
{
	pid_t pid = traced_child(raise_two);
	siginfo_t si = { 0 };
	int st1, st2, st3;

	wait_stop(pid);
	st1 = finish(pid);
	ptrace(PTRACE_GETSIGINFO, pid, 0, &si);
	ksft_ok(WIFSTOPPED(st1) && WSTOPSIG(st1) == SIGUSR1 && si.si_signo == SIGUSR1 &&
		si.si_code == SI_TKILL && si.si_pid == pid,
		"signal-delivery-stop for SIGUSR1, GETSIGINFO (%#x, code %d)", st1, si.si_code);
	ptrace(PTRACE_CONT, pid, 0, 0);		/* suppressed: no handler run */
	st2 = wait_stop(pid);
	ksft_ok(WIFSTOPPED(st2) && WSTOPSIG(st2) == SIGUSR2, "then SIGUSR2 (%#x)", st2);
	ptrace(PTRACE_CONT, pid, 0, (void *)SIGUSR1);	/* replaced: the handler runs once */
	st3 = wait_stop(pid);
	if (WIFSTOPPED(st3))		/* the injected SIGUSR1 is reported again? not on Linux */
		st3 = finish(pid);
	ksft_ok(KSFT_EXITED(st3, 0), "suppressed SIGUSR1, SIGUSR2 replaced by SIGUSR1 (%#x)", st3);
}

/* ---- fork event: the tracer as a second parent ---- */

static void fork_grandchild(void)
{
	int st;
	pid_t g = fork();

	if (g == 0)
		_exit(5);
	if (waitpid(g, &st, 0) != g)
		_exit(20);
	_exit(KSFT_EXITED(st, 5) ? 0 : 21);
}

static void test_fork_event(void)
{
	pid_t pid = traced_child(fork_grandchild), g = 0;
	unsigned long msg = 0;
	int st, gst, gst2, st2;

	wait_stop(pid);
	ptrace(PTRACE_SETOPTIONS, pid, 0, (void *)PTRACE_O_TRACEFORK);
	st = finish(pid);
	ptrace(PTRACE_GETEVENTMSG, pid, 0, &msg);
	g = msg;
	ksft_ok(WIFSTOPPED(st) && st >> 8 == (SIGTRAP | PTRACE_EVENT_FORK << 8) && g > 0,
		"PTRACE_O_TRACEFORK: event stop, GETEVENTMSG the new pid (%#x)", st);
	gst = g > 0 ? wait_stop(g) : -1;
	ksft_ok(WIFSTOPPED(gst) && WSTOPSIG(gst) == SIGSTOP,
		"the grandchild is traced from its start: SIGSTOP stop (%#x)", gst);
	gst2 = finish(g);
	ksft_ok(KSFT_EXITED(gst2, 5), "the tracer's wait sees the grandchild exit (%#x)", gst2);
	st2 = finish(pid);
	while (WIFSTOPPED(st2) && WSTOPSIG(st2) == SIGCHLD) {	/* passed on to the tracee */
		ptrace(PTRACE_CONT, pid, 0, (void *)SIGCHLD);
		st2 = wait_stop(pid);
	}
	ksft_ok(KSFT_EXITED(st2, 0), "so does its real parent (%#x)", st2);
}

/* ---- vfork events ---- */

static void do_vfork(void)
{
	pid_t g = vfork();

	if (g == 0)
		_exit(3);
	_exit(g > 0 ? 0 : 1);
}

/* Resumes @pid passing on signals until it stops with @event (-1: none) or ends. */
static int until_event(pid_t pid, int event)
{
	int st = finish(pid);

	while (WIFSTOPPED(st) && st >> 8 != (SIGTRAP | event << 8)) {
		ptrace(PTRACE_CONT, pid, 0, (void *)(long)(WSTOPSIG(st) == SIGTRAP ? 0 : WSTOPSIG(st)));
		st = wait_stop(pid);
	}
	return st;
}

static void test_vfork_events(void)
{
	pid_t pid = traced_child(do_vfork), g;
	unsigned long msg = 0, done = 0;
	int st, gst, st2;

	wait_stop(pid);
	ptrace(PTRACE_SETOPTIONS, pid, 0, (void *)(PTRACE_O_TRACEVFORK | PTRACE_O_TRACEVFORKDONE));
	st = until_event(pid, PTRACE_EVENT_VFORK);
	ptrace(PTRACE_GETEVENTMSG, pid, 0, &msg);
	g = msg;
	gst = g > 0 ? wait_stop(g) : -1;
	gst = WIFSTOPPED(gst) ? finish(g) : -1;
	ksft_ok(WIFSTOPPED(st) && KSFT_EXITED(gst, 3),
		"TRACEVFORK: the event, then the traced vfork child runs and exits (%#x, %#x)", st, gst);
	st = until_event(pid, PTRACE_EVENT_VFORK_DONE);
	ptrace(PTRACE_GETEVENTMSG, pid, 0, &done);
	st2 = until_event(pid, -1);	/* no such event: to its end */
	ksft_ok(WIFSTOPPED(st) && done == msg && KSFT_EXITED(st2, 0),
		"TRACEVFORKDONE once the child is gone, with its pid (%#x, %#x)", st, st2);
}

/* ---- the tracer's exit ---- */

static void spin(void)
{
	for (;;)
		__asm__ __volatile__("" ::: "memory");
}

/* Forks a spinning tracee, seizes it with @options and exits; the tracee comes to us. */
static pid_t tracer_leaves(unsigned long options)
{
	int p[2], st;
	pid_t c = -1, t;

	if (pipe(p))
		return -1;
	t = fork();
	if (t == 0) {
		c = fork();
		if (c == 0)
			spin();
		ptrace(PTRACE_SEIZE, c, 0, (void *)options);
		write(p[1], &c, sizeof(c));
		_exit(0);
	}
	read(p[0], &c, sizeof(c));
	close(p[0]);
	close(p[1]);
	waitpid(t, &st, 0);		/* gone: its tracee is ours now */
	return c;
}

static void test_tracer_exit(void)
{
	pid_t a, b;
	int st, sta, stb;

	prctl(PR_SET_CHILD_SUBREAPER, 1);
	a = tracer_leaves(PTRACE_O_EXITKILL);
	b = tracer_leaves(0);
	waitpid(a, &sta, 0);
	usleep(50000);
	stb = waitpid(b, &st, WNOHANG);
	kill(b, SIGKILL);
	waitpid(b, &st, 0);
	prctl(PR_SET_CHILD_SUBREAPER, 0);
	ksft_ok(a > 0 && KSFT_SIGNALLED(sta, SIGKILL), "EXITKILL: the tracer's exit kills the tracee (%#x)", sta);
	ksft_ok(b > 0 && stb == 0, "without it the tracee runs on, detached");
}

/* ---- SEIZE and INTERRUPT ---- */

static void test_seize(void)
{
	pid_t pid = fork();
	int st = 0, st2;

	if (pid == 0)
		for (;;)
			__asm__ __volatile__("" ::: "memory");
	ksft_ok(ptrace(PTRACE_SEIZE, pid, 0, (void *)PTRACE_O_TRACESYSGOOD) == 0 &&
		ptrace(PTRACE_INTERRUPT, pid, 0, 0) == 0, "SEIZE, INTERRUPT");
	st = wait_stop(pid);
	ksft_ok(WIFSTOPPED(st) && st >> 16 == PTRACE_EVENT_STOP && WSTOPSIG(st) == SIGTRAP,
		"INTERRUPT: a PTRACE_EVENT_STOP (%#x)", st);
	ptrace(PTRACE_KILL, pid, 0, 0);
	st2 = wait_stop(pid);
	ksft_ok(KSFT_SIGNALLED(st2, SIGKILL), "PTRACE_KILL (%#x)", st2);
}

/* ---- errors ---- */

static void loop_forever(void)
{
	for (;;)
		pause();
}

/* The state letter of /proc/<pid>/stat, or '?'. */
static char proc_state(pid_t pid)
{
	char path[64], buf[512], *p;

	snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	if (ksft_read_file(path, buf, sizeof(buf)) <= 0 || !(p = strrchr(buf, ')')))
		return '?';
	return p[2];
}

/* /proc/<pid>/status's TracerPid, or -1. */
static int tracer_pid(pid_t pid)
{
	char path[64], buf[2048], *p;

	snprintf(path, sizeof(path), "/proc/%d/status", pid);
	if (ksft_read_file(path, buf, sizeof(buf)) <= 0 || !(p = strstr(buf, "TracerPid:")))
		return -1;
	return atoi(p + 10);
}

static void test_errors(void)
{
	pid_t pid = traced_child(loop_forever);
	struct user_regs_struct regs;
	long r;

	wait_stop(pid);
	ksft_ok(proc_state(pid) == 't' && tracer_pid(pid) == getpid(),
		"/proc/<pid>: state t in a ptrace stop, TracerPid the tracer (%c, %d)",
		proc_state(pid), tracer_pid(pid));
	errno = 0;
	r = ptrace(PTRACE_PEEKDATA, pid, (void *)0, 0);
	ksft_ok(r == -1 && errno == EIO, "PEEKDATA at an unmapped address: EIO");
	ksft_ok(ptrace(PTRACE_GETREGS, pid, 0, (void *)4) == -1 && errno == EFAULT,
		"GETREGS to a bad pointer: EFAULT");
	ksft_ok(ptrace((enum __ptrace_request)0x1234, pid, 0, 0) == -1 && errno == EIO,
		"an unknown request: EIO");
	ksft_ok(ptrace(PTRACE_POKEUSER, pid, (void *)2, 0) == -1 && errno == EIO &&
		ptrace(PTRACE_PEEKUSER, pid, (void *)4096, 0) == -1 && errno == EIO,
		"PEEKUSER/POKEUSER unaligned or past struct user: EIO");
	ksft_ok(ptrace(PTRACE_CONT, pid, 0, (void *)100) == -1 && errno == EIO,
		"CONT with a bad signal: EIO");
	ksft_ok(ptrace(PTRACE_ATTACH, pid, 0, 0) == -1 && errno == EPERM,
		"ATTACH to a traced task: EPERM");
	ptrace(PTRACE_CONT, pid, 0, 0);
	usleep(20000);
	ksft_ok(ptrace(PTRACE_GETREGS, pid, 0, &regs) == -1 && errno == ESRCH,
		"GETREGS on a running tracee: ESRCH");
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
	ksft_ok(ptrace(PTRACE_CONT, getppid(), 0, 0) == -1 && errno == ESRCH,
		"a request on an untraced task: ESRCH");
	ksft_ok(ptrace(PTRACE_ATTACH, getpid(), 0, 0) == -1 && errno == EPERM,
		"ATTACH to oneself: EPERM");
	ksft_ok(ptrace(PTRACE_SEIZE, getppid(), (void *)1, 0) == -1 && errno == EIO &&
		ptrace(PTRACE_SEIZE, getppid(), 0, (void *)0x400) == -1 && errno == EIO &&
		ptrace(PTRACE_ATTACH, pid, 0, 0) == -1 && errno == ESRCH,
		"SEIZE with addr or bad options: EIO; ATTACH to a reaped pid: ESRCH");
}

/* As uid 65534: init and a non-dumpable child are off limits, a plain child is not. */
static void unprivileged(void *arg)
{
	int p[2], nondumpable = *(int *)arg;
	pid_t pid;
	char c;
	long r;

	if (setgid(65534) || setuid(65534))
		_exit(50);
	if (pipe(p))
		_exit(51);
	if (ptrace(PTRACE_ATTACH, 1, 0, 0) == 0 || errno != EPERM)
		_exit(52);
	pid = fork();
	if (pid == 0) {
		prctl(PR_SET_DUMPABLE, !nondumpable);
		write(p[1], "x", 1);
		loop_forever();
	}
	read(p[0], &c, 1);
	r = ptrace(PTRACE_ATTACH, pid, 0, 0);
	kill(pid, SIGKILL);
	if (nondumpable)
		_exit(r == -1 && errno == EPERM ? 0 : 53);
	_exit(r == 0 ? 0 : 54);
}

/* Copies this program to @path, set-uid root.  0 or -1. */
static int make_suid_copy(const char *path)
{
	char buf[4096];
	int in = open("/proc/self/exe", O_RDONLY), out, ok = in >= 0;
	ssize_t n;

	out = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0755);
	ok &= out >= 0;
	while (ok && (n = read(in, buf, sizeof(buf))) > 0)
		ok = write(out, buf, n) == n;
	close(in);
	close(out);
	return ok && chmod(path, 04755) == 0 ? 0 : -1;
}

/* As uid 65534: exec @path (set-uid root), traced or not; exits with the new euid == 0. */
static void exec_suid(void *arg)
{
	const char *path = arg;
	int st, traced;

	for (traced = 0; traced < 2; traced++) {
		pid_t pid = fork();

		if (pid == 0) {
			if (setgid(65534) || setuid(65534))
				_exit(60);
			if (traced)
				ptrace(PTRACE_TRACEME, 0, 0, 0);
			execl(path, path, "--euid", (char *)NULL);
			_exit(61);
		}
		if (traced) {
			waitpid(pid, &st, 0);		/* the exec SIGTRAP */
			ptrace(PTRACE_CONT, pid, 0, 0);
		}
		waitpid(pid, &st, 0);
		if (!traced && !KSFT_EXITED(st, 1))
			_exit(70);		/* no set-uid here at all (nosuid /tmp) */
		if (traced && !KSFT_EXITED(st, 0))
			_exit(71);
	}
	_exit(0);
}

static void test_suid_exec(void)
{
	const char *path = "/tmp/ptrace_basic_suid";
	int st;

	if (getuid() != 0 || make_suid_copy(path)) {
		ksft_skip("not root, or no copy", "a traced set-uid exec keeps the euid");
		return;
	}
	st = ksft_run_child(exec_suid, (void *)path);
	unlink(path);
	if (KSFT_EXITED(st, 70))
		ksft_skip("set-uid does not work here", "a traced set-uid exec keeps the euid");
	else
		ksft_ok(KSFT_EXITED(st, 0),
			"a set-uid program exec'd after TRACEME without CAP_SYS_PTRACE keeps the euid (%#x)",
			st);
}

static void test_permissions(void)
{
	int nondumpable = 1, plain = 0;

	if (getuid() != 0) {
		ksft_skip("not root", "EPERM as uid 65534");
		ksft_skip("not root", "ATTACH as uid 65534");
		return;
	}
	ksft_ok(KSFT_EXITED(ksft_run_child(unprivileged, &nondumpable), 0),
		"as uid 65534: ATTACH to init and to a non-dumpable child: EPERM");
	ksft_ok(KSFT_EXITED(ksft_run_child(unprivileged, &plain), 0),
		"as uid 65534: ATTACH to its own dumpable child works");
}

int main(int argc, char **argv)
{
	if (argc > 1 && !strcmp(argv[1], "--exit7"))
		_exit(7);
	if (argc > 1 && !strcmp(argv[1], "--euid"))
		_exit(geteuid() == 0);
	ksft_plan(40);
	test_exec("/proc/self/exe");
	test_breakpoint();
	test_syscall_stops();
	test_signals();
	test_fork_event();
	test_vfork_events();
	test_tracer_exit();
	test_seize();
	test_errors();
	test_permissions();
	test_suid_exec();
	ksft_exit();
}
