/*
 * waitid: P_PID, P_PGID and P_ALL; WEXITED, WSTOPPED, WCONTINUED, WNOHANG
 * and WNOWAIT; the siginfo (SIGCHLD, CLD_* code, pid, status), all zeros
 * when WNOHANG finds nothing; EINVAL and ECHILD.
 */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "../kselftest.h"

static pid_t child(int code)
{
	pid_t pid = fork();

	if (pid == 0) {
		if (code < 0)
			for (;;)
				pause();
		_exit(code);
	}
	return pid;
}

static int info_is(const siginfo_t *si, pid_t pid, int code, int status)
{
	return si->si_signo == SIGCHLD && si->si_pid == pid && si->si_code == code &&
	       si->si_status == status;
}

int main(void)
{
	siginfo_t si;
	pid_t pid;
	int ok;

	ksft_plan(10);
	pid = child(3);
	ok = waitid(P_PID, pid, &si, WEXITED | WNOWAIT) == 0 && info_is(&si, pid, CLD_EXITED, 3);
	ksft_ok(ok, "WNOWAIT reports an exit with code 3");
	ok = waitid(P_PID, pid, &si, WEXITED) == 0 && info_is(&si, pid, CLD_EXITED, 3);
	ksft_ok(ok, "the child was still there: reaped now");
	ksft_ok(waitid(P_PID, pid, &si, WEXITED) == -1 && errno == ECHILD, "then ECHILD");
	pid = child(-1);
	memset(&si, 0xff, sizeof(si));
	ok = waitid(P_PID, pid, &si, WEXITED | WNOHANG) == 0 && si.si_pid == 0 && si.si_signo == 0;
	ksft_ok(ok, "WNOHANG with nothing to report: 0 and a zeroed siginfo");
	kill(pid, SIGSTOP);
	ok = waitid(P_PID, pid, &si, WSTOPPED) == 0 && info_is(&si, pid, CLD_STOPPED, SIGSTOP);
	ksft_ok(ok, "WSTOPPED reports the stop");
	kill(pid, SIGCONT);
	ok = waitid(P_PID, pid, &si, WCONTINUED) == 0 && info_is(&si, pid, CLD_CONTINUED, SIGCONT);
	ksft_ok(ok, "WCONTINUED reports the continue");
	kill(pid, SIGKILL);
	ok = waitid(P_PGID, 0, &si, WEXITED) == 0 && info_is(&si, pid, CLD_KILLED, SIGKILL);
	ksft_ok(ok, "P_PGID 0 (our group) reaps the killed child: CLD_KILLED");
	pid = child(0);
	ok = waitid(P_ALL, 0, &si, WEXITED) == 0 && info_is(&si, pid, CLD_EXITED, 0);
	ksft_ok(ok, "P_ALL");
	ksft_ok(waitid(P_ALL, 0, &si, WNOHANG) == -1 && errno == EINVAL &&
		waitid(P_PID, 0, &si, WEXITED) == -1 && errno == EINVAL &&
		waitid(99, 0, &si, WEXITED) == -1 && errno == EINVAL,
		"no event, pid 0 or an unknown idtype: EINVAL");
	ksft_ok(waitid(P_ALL, 0, &si, WEXITED) == -1 && errno == ECHILD, "no children: ECHILD");
	ksft_exit();
}
