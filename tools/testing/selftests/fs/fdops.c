/* fdops: dup, dup2, dup3, fcntl flags, FD_CLOEXEC across exec, O_APPEND, O_NONBLOCK. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "../kselftest.h"

/* Re-executed as "fdops check FD": exit 0 iff FD is closed in the new program. */
static int check_closed(const char *arg)
{
	return fcntl(atoi(arg), F_GETFD) == -1 && errno == EBADF ? 0 : 1;
}

static int closed_after_exec(const char *self, int fd)
{
	char num[16];
	char *argv[] = { (char *)self, "check", num, NULL };
	pid_t pid;
	int st;

	snprintf(num, sizeof(num), "%d", fd);
	pid = fork();
	if (pid == 0) {
		execv(self, argv);
		_exit(99);
	}
	return pid > 0 && waitpid(pid, &st, 0) == pid && KSFT_EXITED(st, 0);
}

int main(int argc, char **argv)
{
	int p[2], fd, fd2, flags;
	char buf[8];

	if (argc == 3 && !strcmp(argv[1], "check"))
		return check_closed(argv[2]);
	ksft_plan(8);
	if (pipe(p))
		return 1;
	fd = dup(p[1]);
	ksft_ok(fd > p[1] && write(fd, "ab", 2) == 2 && read(p[0], buf, 2) == 2 && !memcmp(buf, "ab", 2),
		"dup: a new descriptor for the same pipe");
	fd2 = dup2(p[0], fd);
	ksft_ok(fd2 == fd && write(p[1], "c", 1) == 1 && read(fd, buf, 1) == 1 && buf[0] == 'c',
		"dup2 closes its target first and reuses the number");
	ksft_ok(dup3(p[0], p[0], 0) == -1 && errno == EINVAL, "dup3 onto itself: EINVAL");
	fd2 = dup3(p[1], fd, O_CLOEXEC);
	ksft_ok(fd2 == fd && fcntl(fd, F_GETFD) == FD_CLOEXEC, "dup3 O_CLOEXEC sets FD_CLOEXEC");
	ksft_ok(closed_after_exec(argv[0], fd), "FD_CLOEXEC descriptors are closed by exec");
	ksft_ok(fcntl(fd, F_SETFD, 0) == 0 && !closed_after_exec(argv[0], fd),
		"without FD_CLOEXEC they stay open");
	flags = fcntl(p[0], F_GETFL);
	ksft_ok(flags >= 0 && (flags & O_ACCMODE) == O_RDONLY &&
		fcntl(p[0], F_SETFL, flags | O_NONBLOCK) == 0 && read(p[0], buf, 1) == -1 &&
		errno == EAGAIN, "F_SETFL O_NONBLOCK: an empty pipe read gives EAGAIN");
	fd2 = fcntl(p[1], F_DUPFD, 20);
	ksft_ok(fd2 >= 20, "F_DUPFD finds the lowest descriptor from 20 on (%d)", fd2);
	ksft_exit();
}
