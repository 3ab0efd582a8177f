/*
 * Linnet /bin/sh: start-up and the read-parse-run loop.
 *
 *   sh                 commands from stdin (interactive if it is a tty)
 *   sh -c 'cmds' [name [args...]]
 *   sh script [args...]
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "sh.h"

pid_t shell_pid;		/* $$: the shell's pid, also in subshell children */

extern char **environ;

/* Where commands come from when no one is typing them. */
struct input {
	int fd;
	int unbuffered;		/* stdin: commands may read the rest of it */
	char buf[4096];
	int len, pos;
};

static int next_byte(struct input *in)
{
	if (in->pos == in->len) {
		ssize_t n;

		/* One byte at a time on stdin, so "sh < f" leaves the
		 * lines after a "cat" command for cat to read. */
		do
			n = read(in->fd, in->buf, in->unbuffered ? 1 : sizeof(in->buf));
		while (n < 0 && errno == EINTR);
		if (n <= 0)
			return -1;
		in->len = n;
		in->pos = 0;
	}
	return (unsigned char)in->buf[in->pos++];
}

/* Returns the length, -1 at end of input, -2 if the line was too long. */
static int read_line(struct input *in, char *line, int size)
{
	int len = 0, c, too_long = 0;

	while ((c = next_byte(in)) >= 0 && c != '\n') {
		if (len < size - 1)
			line[len++] = c;
		else
			too_long = 1;
	}
	line[len] = '\0';
	if (too_long)
		return -2;
	return (c < 0 && !len) ? -1 : len;
}

static const char *prompt(void)
{
	static char p[PATH_MAX + 4];

	if (!getcwd(p, PATH_MAX))
		strcpy(p, "?");
	strcat(p, geteuid() == 0 ? " # " : " $ ");
	return p;
}

/* One line from wherever; in (NULL) means the user at the terminal. */
static int get_line(struct input *in, char *line)
{
	if (!in) {
		jobs_reap(1);	/* report finished jobs before the prompt */
		return edit_line(prompt(), line, LINE_MAX_LEN);
	}
	jobs_reap(0);
	return read_line(in, line, LINE_MAX_LEN);
}

/* The main loop.  Returns the status of the last command. */
static int run_loop(struct input *in)
{
	static char line[LINE_MAX_LEN];
	int n;

	/* An allocation failure anywhere lands here: drop the line. */
	if (setjmp(toplevel))
		last_status = 2;
	toplevel_ready = 1;
	for (;;) {
		arena_reset();
		n = get_line(in, line);
		if (n == -1)
			break;
		if (n == -3) {		/* ^C at the prompt */
			last_status = 130;
			continue;
		}
		if (n == -2) {
			sh_error("line too long (max %d)", LINE_MAX_LEN - 1);
			last_status = 2;
			continue;
		}
		if (!in)
			history_add(line);
		run_string(line);
	}
	arena_reset();
	return last_status;
}

/* Runs a script file; also used for executables that have no #! line. */
int run_file(const char *path, int argc, char **argv)
{
	struct input in = { .unbuffered = 0 };
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0) {
		sh_error("%s: %s", path, strerror(errno));
		return errno == ENOENT ? 127 : 126;
	}
	/* Move it out of the way of "3>file" style redirections. */
	in.fd = fcntl(fd, F_DUPFD_CLOEXEC, 10);
	if (in.fd < 0)
		in.fd = fd;
	else
		close(fd);
	if (argc) {		/* else: keep the args the caller set up */
		pos_args = argv;
		pos_count = argc;
	}
	return run_loop(&in);
}

/*
 * An interactive shell leads its own process group and owns the
 * terminal; it ignores the keyboard signals so ^C hits only the job.
 */
static void job_control_init(void)
{
	signal(SIGINT, SIG_IGN);
	signal(SIGQUIT, SIG_IGN);
	signal(SIGTSTP, SIG_IGN);
	signal(SIGTTIN, SIG_IGN);
	signal(SIGTTOU, SIG_IGN);
	setpgid(0, 0);		/* fails harmlessly if we lead a session */
	shell_pgid = getpgrp();
	tcsetpgrp(0, shell_pgid);
	term_save();
}

int main(int argc, char **argv)
{
	static struct input in = { .fd = 0, .unbuffered = 1 };

	shell_pid = getpid();
	var_init(environ);
	pos_args = argv;
	pos_count = 1;
	if (argc > 1 && !strcmp(argv[1], "-c")) {
		if (argc < 3) {
			sh_error("-c: option requires an argument");
			return 2;
		}
		pos_args = argv + 3;	/* sh -c cmd name args: $0 = name */
		pos_count = argc - 3;
		if (!pos_count) {
			pos_args = argv;
			pos_count = 1;
		}
		toplevel_ready = 1;
		if (setjmp(toplevel))
			return 2;
		return run_string(argv[2]);
	}
	if (argc > 1)
		return run_file(argv[1], argc - 1, argv + 1);
	interactive = isatty(0);
	if (interactive) {
		job_control_init();
		return run_loop(NULL);
	}
	return run_loop(&in);
}
