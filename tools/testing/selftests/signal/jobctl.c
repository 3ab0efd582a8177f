/*
 * jobctl: stopping and continuing processes — SIGSTOP/SIGTSTP/SIGCONT,
 * wait4 with WUNTRACED/WCONTINUED, SIGCHLD with CLD_STOPPED/CLD_CONTINUED.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "../kselftest.h"

static volatile sig_atomic_t chld_code, chld_count;
static volatile unsigned int *counter;

static void on_chld(int sig, siginfo_t *si, void *ctx)
{
	(void)sig;
	(void)ctx;
	chld_code = si->si_code;
	chld_count++;
}

static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) == -1 && errno == EINTR)
		;
}

static void set_chld(int flags)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_chld;
	sa.sa_flags = SA_SIGINFO | SA_RESTART | flags;
	sigaction(SIGCHLD, &sa, NULL);
}

/*
 * A busy child in a process group of its own, as a shell's job is: the
 * group has a parent (us) in another group of the session, so it is not
 * orphaned and the terminal's stop signals work on it.
 */
static pid_t spin_child(void)
{
	pid_t c = fork();

	if (c == 0) {
		setpgid(0, 0);
		signal(SIGCHLD, SIG_DFL);
		for (;;)
			(*counter)++;
	}
	if (c > 0)
		setpgid(c, c);
	return c;
}

static char proc_state(pid_t pid)
{
	char path[64], buf[512], *s;
	int fd;
	ssize_t n;

	snprintf(path, sizeof(path), "/proc/%d/status", pid);
	fd = open(path, O_RDONLY);
	n = fd >= 0 ? read(fd, buf, sizeof(buf) - 1) : -1;
	if (fd >= 0)
		close(fd);
	if (n <= 0)
		return '?';
	buf[n] = '\0';
	s = strstr(buf, "State:\t");
	return s ? s[7] : '?';
}

static void stop_and_continue(void)
{
	pid_t c = spin_child();
	unsigned int before, after;
	int st = 0;

	sleep_ms(50);
	chld_count = 0;
	kill(c, SIGSTOP);
	ksft_ok(waitpid(c, &st, WUNTRACED) == c && WIFSTOPPED(st) && WSTOPSIG(st) == SIGSTOP,
		"SIGSTOP: waitpid(WUNTRACED) reports stopped by SIGSTOP");
	ksft_ok(chld_count == 1 && chld_code == CLD_STOPPED, "the parent got SIGCHLD, CLD_STOPPED");
	ksft_ok(proc_state(c) == 'T', "/proc/<pid>/status says T (stopped)");
	before = *counter;
	sleep_ms(100);
	after = *counter;
	ksft_ok(before == after, "a stopped process does not run");
	ksft_ok(waitpid(c, &st, WUNTRACED | WNOHANG) == 0, "the stop is reported once");
	chld_count = 0;
	kill(c, SIGCONT);
	ksft_ok(waitpid(c, &st, WCONTINUED) == c && WIFCONTINUED(st),
		"SIGCONT: waitpid(WCONTINUED) reports continued");
	sleep_ms(50);		/* Linux sends this SIGCHLD from the resumed child */
	ksft_ok(chld_count == 1 && chld_code == CLD_CONTINUED, "the parent got SIGCHLD, CLD_CONTINUED");
	before = *counter;
	sleep_ms(100);
	ksft_ok(*counter != before, "a continued process runs again");
	kill(c, SIGSTOP);
	waitpid(c, &st, WUNTRACED);
	kill(c, SIGKILL);
	ksft_ok(waitpid(c, &st, 0) == c && WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL,
		"SIGKILL ends a stopped process");
}

static void tstp_variants(void)
{
	pid_t c = spin_child();
	int st = 0;

	sleep_ms(20);
	kill(c, SIGTSTP);
	ksft_ok(waitpid(c, &st, WUNTRACED) == c && WIFSTOPPED(st) && WSTOPSIG(st) == SIGTSTP,
		"SIGTSTP stops by default");
	ksft_ok(waitpid(c, &st, WNOHANG) == 0, "waitpid without WUNTRACED does not see a stop");
	kill(c, SIGKILL);
	waitpid(c, &st, 0);

	set_chld(SA_NOCLDSTOP);
	chld_count = 0;
	c = spin_child();
	sleep_ms(20);
	kill(c, SIGSTOP);
	waitpid(c, &st, WUNTRACED);
	ksft_ok(WIFSTOPPED(st) && chld_count == 0, "SA_NOCLDSTOP: no SIGCHLD for a stop");
	kill(c, SIGKILL);
	waitpid(c, &st, 0);
	set_chld(0);
}

static volatile sig_atomic_t got_tstp;

static void on_tstp(int sig)
{
	(void)sig;
	got_tstp = 1;
}

/* The child reports, by exit status, what it saw. */
static void caught_and_discarded(void)
{
	int ready[2], go[2], st = 0;
	char b;
	pid_t c;

	if (pipe(ready) || pipe(go))
		return;
	c = fork();
	if (c == 0) {
		sigset_t set, pend;

		signal(SIGTSTP, on_tstp);
		sigemptyset(&set);
		sigaddset(&set, SIGTTIN);
		sigprocmask(SIG_BLOCK, &set, NULL);
		write(ready[1], "r", 1);
		read(go[0], &b, 1);
		sigpending(&pend);
		_exit((got_tstp ? 1 : 0) | (sigismember(&pend, SIGTTIN) ? 2 : 0));
	}
	read(ready[0], &b, 1);
	kill(c, SIGTSTP);	/* caught: runs the handler, no stop */
	sleep_ms(50);		/* let it run: SIGCONT would discard it too */
	kill(c, SIGTTIN);	/* blocked, pending ... */
	kill(c, SIGCONT);	/* ... and thrown away by SIGCONT */
	write(go[1], "g", 1);
	ksft_ok(waitpid(c, &st, WUNTRACED) == c && WIFEXITED(st) && (WEXITSTATUS(st) & 1),
		"SIGTSTP with a handler runs the handler instead of stopping");
	ksft_ok(WIFEXITED(st) && !(WEXITSTATUS(st) & 2), "SIGCONT discards a pending stop signal");
}

int main(void)
{
	counter = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (counter == MAP_FAILED)
		return 1;
	ksft_plan(14);
	set_chld(0);
	stop_and_continue();
	tstp_variants();
	caught_and_discarded();
	ksft_exit();
}
