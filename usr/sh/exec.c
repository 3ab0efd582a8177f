/*
 * Running commands: pipelines, redirections, and waiting.
 *
 * Every external command runs in a forked child.  A builtin alone in the
 * foreground runs inside the shell itself (cd must change *our* cwd), with
 * its redirections undone afterwards.  In an interactive shell each
 * pipeline becomes a process group, and the foreground group owns the
 * terminal so ^C reaches the job and not the shell.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>
#include "sh.h"

int last_status;
pid_t last_bg_pid;
int interactive;
int in_child;
pid_t shell_pgid;

int run_file(const char *path, int argc, char **argv);	/* main.c */

/* ---- redirections ---- */

struct saved_fd {
	int fd, copy;		/* copy == -1: fd was closed before */
};

static int open_target(struct redir *r, const char *name)
{
	static const int flags[] = {
		[R_IN] = O_RDONLY,
		[R_OUT] = O_WRONLY | O_CREAT | O_TRUNC,
		[R_APPEND] = O_WRONLY | O_CREAT | O_APPEND,
	};
	int fd = open(name, flags[r->type], 0666);

	if (fd < 0)
		sh_error("%s: %s", name, strerror(errno));
	return fd;
}

/* For >&m and <&m: returns m, -2 for "-" (close), -1 on error. */
static int dup_source(const char *name)
{
	char *end;
	long m;

	if (!strcmp(name, "-"))
		return -2;
	m = strtol(name, &end, 10);
	if (!*name || *end || m < 0 || m > 1000 || fcntl(m, F_GETFD) < 0) {
		sh_error("%s: bad file descriptor", name);
		return -1;
	}
	return m;
}

/*
 * Applies the redirections of one command.  With save != NULL the old
 * fds are kept (above 10, close-on-exec) so undo_redirs can put them back.
 */
static int do_redirs(struct redir *r, struct saved_fd *save, int *nsave)
{
	for (; r; r = r->next) {
		char *name = expand_one(r->target);
		int src = (r->type == R_DUPOUT || r->type == R_DUPIN)
			? dup_source(name) : open_target(r, name);

		if (src == -1)
			return -1;
		if (save && *nsave >= 16) {
			sh_error("too many redirections on one builtin");
			if (src >= 0 && r->type != R_DUPOUT && r->type != R_DUPIN)
				close(src);
			return -1;
		}
		if (save) {
			save[*nsave].fd = r->fd;
			save[(*nsave)++].copy = fcntl(r->fd, F_DUPFD_CLOEXEC, 10);
		}
		if (src == -2) {
			close(r->fd);
		} else if (src != r->fd) {
			if (dup2(src, r->fd) < 0) {
				sh_error("%d: %s", r->fd, strerror(errno));
				if (r->type != R_DUPOUT && r->type != R_DUPIN)
					close(src);
				return -1;
			}
			if (r->type != R_DUPOUT && r->type != R_DUPIN)
				close(src);
		}
	}
	return 0;
}

static void undo_redirs(struct saved_fd *save, int n)
{
	fflush(stdout);
	fflush(stderr);
	while (n-- > 0) {	/* newest first, so repeated fds end right */
		if (save[n].copy < 0) {
			close(save[n].fd);
		} else {
			dup2(save[n].copy, save[n].fd);
			close(save[n].copy);
		}
	}
}

/* ---- running one command ---- */

/*
 * An executable without "#!" is a script for us.  We are already in the
 * child, so just run it here, seeing only what execve would have passed.
 */
static void run_as_script(const char *path, char **argv, char **envp)
{
	int argc = 0;

	while (argv[argc])
		argc++;
	var_reset(envp);
	_exit(run_file(path, argc, argv));
}

/* Execs argv, searching PATH.  Never returns: on failure exits 126/127. */
static void exec_command(char **argv, char **envp)
{
	const char *path = var_get("PATH");
	int denied = 0;
	char buf[LINE_MAX_LEN];

	if (strchr(argv[0], '/')) {
		execve(argv[0], argv, envp);
		if (errno == ENOEXEC)
			run_as_script(argv[0], argv, envp);
		sh_error("%s: %s", argv[0], strerror(errno));
		_exit(errno == ENOENT ? 127 : 126);
	}
	if (!path)
		path = "/bin:/sbin:/usr/bin";
	while (*path) {
		size_t len = strcspn(path, ":");

		snprintf(buf, sizeof(buf), "%.*s%s%s", (int)len, path,
			 len ? "/" : "", argv[0]);
		execve(buf, argv, envp);
		if (errno == ENOEXEC)
			run_as_script(buf, argv, envp);
		if (errno == EACCES)
			denied = 1;
		path += len + (path[len] == ':');
	}
	if (denied) {
		sh_error("%s: Permission denied", argv[0]);
		_exit(126);
	}
	sh_error("%s: command not found", argv[0]);
	_exit(127);
}

/* Sets NAME=value words as shell variables (no command word given). */
static int assign_all(struct strvec *assigns, int export)
{
	for (int i = 0; i < assigns->n; i++) {
		char *a = assigns->v[i];
		int n = assignment_len(a);

		if (var_set(xstrndup(a, n), expand_one(a + n + 1), export) < 0)
			return 1;
	}
	return 0;
}

/* NAME=value prefixes expanded into "NAME=value" strings for envp. */
static struct strvec expand_assigns(struct strvec *assigns)
{
	struct strvec out;

	sv_init(&out);
	for (int i = 0; i < assigns->n; i++) {
		int n = assignment_len(assigns->v[i]);
		struct strbuf sb;

		sb_init(&sb);
		sb_adds(&sb, xstrndup(assigns->v[i], n + 1));
		sb_adds(&sb, expand_one(assigns->v[i] + n + 1));
		sv_add(&out, sb.s);
	}
	return out;
}

/* A builtin or assignment in the shell process itself. */
static int run_here(struct command *c, struct strvec *argv)
{
	struct saved_fd save[16];
	int nsave = 0, st = 1;

	if (do_redirs(c->redirs, save, &nsave) == 0) {
		if (argv->n == 0) {
			st = assign_all(&c->assigns, 0);
		} else {
			/* Simplification: prefixes of builtins stay set. */
			assign_all(&c->assigns, 0);
			st = builtin_find(argv->v[0])(argv->n, argv->v);
		}
	}
	undo_redirs(save, nsave);
	return st;
}

/* Everything a child does between fork and exec. */
static void child_setup(pid_t pgid, int foreground, int background)
{
	in_child = 1;
	if (interactive) {
		setpgid(0, pgid);
		if (foreground)
			tcsetpgrp(0, pgid ? pgid : getpid());
		/* Only now: while SIGTTOU was ignored tcsetpgrp was safe. */
		signal(SIGINT, SIG_DFL);
		signal(SIGQUIT, SIG_DFL);
		signal(SIGTSTP, SIG_DFL);
		signal(SIGTTIN, SIG_DFL);
		signal(SIGTTOU, SIG_DFL);
	} else if (background) {
		/* Without job control, ^C must not kill background work. */
		signal(SIGINT, SIG_IGN);
		signal(SIGQUIT, SIG_IGN);
	}
	interactive = 0;	/* nested commands do no job control */
}

static void run_child(struct command *c, struct strvec *argv)
{
	struct strvec env;

	if (do_redirs(c->redirs, NULL, NULL) < 0)
		_exit(1);
	if (argv->n == 0)
		_exit(0);
	if (builtin_find(argv->v[0])) {
		int st;

		assign_all(&c->assigns, 0);
		st = builtin_find(argv->v[0])(argv->n, argv->v);

		fflush(NULL);
		_exit(st);
	}
	env = expand_assigns(&c->assigns);
	exec_command(argv->v, var_environ(&env));
}

/* ---- pipelines ---- */

static int run_pipeline(struct pipeline *pl, int background, const char *text)
{
	struct strvec argv[16];
	struct job job;
	struct command *c;
	int i, in = -1;

	if (pl->ncmds > 16) {
		sh_error("pipeline too long");
		return 2;
	}
	for (i = 0, c = pl->cmds; c; c = c->next, i++) {
		sv_init(&argv[i]);
		for (int w = 0; w < c->words.n; w++)
			expand_word(c->words.v[w], &argv[i]);
	}
	c = pl->cmds;
	if (pl->ncmds == 1 && !background &&
	    (argv[0].n == 0 || builtin_find(argv[0].v[0])))
		return run_here(c, &argv[0]);

	memset(&job, 0, sizeof(job));
	fflush(NULL);		/* or children would inherit our buffers */
	for (i = 0; c; c = c->next, i++) {
		int fds[2] = { -1, -1 };
		pid_t pid;

		if (c->next && pipe(fds) < 0) {
			sh_error("pipe: %s", strerror(errno));
			break;
		}
		pid = fork();
		if (pid < 0) {
			sh_error("fork: %s", strerror(errno));
			close(fds[0]);
			close(fds[1]);
			break;
		}
		if (pid == 0) {
			child_setup(job.pgid, !background, background);
			if (in >= 0) {
				dup2(in, 0);
				close(in);
			}
			if (fds[1] >= 0) {
				dup2(fds[1], 1);
				close(fds[1]);
				close(fds[0]);
			}
			run_child(c, &argv[i]);
		}
		/* Parent too: whoever runs first, the group exists in time. */
		if (!job.pgid)
			job.pgid = pid;
		if (interactive)
			setpgid(pid, job.pgid);
		job.pids[job.npids++] = pid;
		if (in >= 0)
			close(in);
		in = fds[0];
		if (fds[1] >= 0)
			close(fds[1]);
	}
	if (in >= 0)
		close(in);
	job.nalive = job.npids;
	job.cmd = (char *)text;
	if (!job.npids)
		return 1;
	if (background) {
		struct job *j = job_add(job.pgid, job.pids, job.npids, text);

		last_bg_pid = job.pids[job.npids - 1];
		if (j && interactive)
			printf("[%d] %d\n", j->id, last_bg_pid);
		return 0;
	}
	if (interactive)
		tcsetpgrp(0, job.pgid);
	i = job_wait_fg(&job);
	if (interactive) {
		tcsetpgrp(0, shell_pgid);
		term_restore();
	}
	return i;
}

static int run_andor(struct andor *a)
{
	int st = 0, run = 1;

	for (struct pipeline *pl = a->pipes; pl; pl = pl->next) {
		if (run)
			st = last_status = run_pipeline(pl, 0, a->text);
		/* A skipped pipeline leaves st alone, as POSIX wants. */
		if (pl->op == T_AND)
			run = (st == 0);
		else if (pl->op == T_OR)
			run = (st != 0);
		else
			run = 1;
	}
	return st;
}

/* "a && b &": the whole chain runs in one background child. */
static int run_background(struct andor *a)
{
	struct job *j;
	pid_t pid;

	if (!a->pipes->next)
		return run_pipeline(a->pipes, 1, a->text);
	fflush(NULL);
	pid = fork();
	if (pid < 0) {
		sh_error("fork: %s", strerror(errno));
		return 1;
	}
	if (pid == 0) {
		child_setup(0, 0, 1);
		exit(run_andor(a));
	}
	if (interactive)
		setpgid(pid, pid);
	last_bg_pid = pid;
	j = job_add(pid, &pid, 1, a->text);
	if (j && interactive)
		printf("[%d] %d\n", j->id, pid);
	return 0;
}

int run_list(struct andor *list)
{
	for (struct andor *a = list; a; a = a->next)
		last_status = a->background ? run_background(a) : run_andor(a);
	fflush(NULL);
	return last_status;
}

int run_string(const char *line)
{
	struct andor *list;

	if (parse_line(line, &list) < 0)
		return last_status = 2;
	return run_list(list);
}

/* $(cmd): runs cmd in a child and returns its output minus final newlines. */
char *run_capture(const char *cmd)
{
	struct strbuf sb;
	char buf[512];
	int fds[2], ws = 0;
	ssize_t n;
	pid_t pid;

	sb_init(&sb);
	if (pipe(fds) < 0) {
		sh_error("pipe: %s", strerror(errno));
		return sb.s;
	}
	fflush(NULL);
	pid = fork();
	if (pid == 0) {
		in_child = 1;
		if (interactive) {
			/* In the shell's group: ^C must end us, not be ignored. */
			signal(SIGINT, SIG_DFL);
			signal(SIGQUIT, SIG_DFL);
		}
		interactive = 0;
		close(fds[0]);
		dup2(fds[1], 1);
		close(fds[1]);
		run_string(cmd);
		fflush(NULL);
		_exit(last_status);
	}
	close(fds[1]);
	while ((n = read(fds[0], buf, sizeof(buf))) > 0 ||
	       (n < 0 && errno == EINTR))
		for (ssize_t i = 0; i < n; i++)
			sb_addc(&sb, buf[i]);
	close(fds[0]);
	if (pid < 0)
		sh_error("fork: %s", strerror(errno));
	else
		while (waitpid(pid, &ws, 0) < 0 && errno == EINTR)
			;
	last_status = pid < 0 ? 1 : status_of(ws, 1);
	while (sb.len && sb.s[sb.len - 1] == '\n')
		sb.s[--sb.len] = '\0';
	return sb.s;
}
