/*
 * Linnet /bin/sh: shared declarations.
 *
 * A command line goes through four stages, one file each:
 *   lineedit.c / main.c  read a line (with editing on a terminal)
 *   lex.c                cut it into raw words and operators
 *   parse.c              build a small tree: lists of and-or chains of pipelines
 *   expand.c + exec.c    expand words at run time, fork, exec and wait
 * Everything built for one line lives in an arena (util.c) that is freed
 * in one go before the next line, so the tree needs no free functions.
 */
#ifndef SH_H
#define SH_H

#include <stddef.h>
#include <setjmp.h>
#include <sys/types.h>

#define LINE_MAX_LEN	4096	/* longest input line we accept */
#define HIST_MAX	100	/* lines kept for up/down arrows */
#define MAX_JOBS	32

/* ---- util.c ---- */
void *xalloc(size_t n);			/* arena memory, freed per line */
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
void arena_reset(void);
void nomem(void) __attribute__((noreturn));
/* Where nomem() jumps: the main loop abandons the current line. */
extern jmp_buf toplevel;
extern int toplevel_ready;
void sh_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* A growable string kept in the arena. */
struct strbuf {
	char *s;
	size_t len, cap;
};
void sb_init(struct strbuf *sb);
void sb_addc(struct strbuf *sb, char c);
void sb_adds(struct strbuf *sb, const char *s);

/* A growable NULL-terminated array of strings, also in the arena. */
struct strvec {
	char **v;
	int n, cap;
};
void sv_init(struct strvec *sv);
void sv_add(struct strvec *sv, char *s);

/* ---- lex.c ---- */
enum tok_type {
	T_WORD, T_PIPE, T_AND, T_OR, T_SEMI, T_AMP,
	T_LESS, T_GREAT, T_DGREAT, T_DUPOUT, T_DUPIN, T_END
};
struct token {
	enum tok_type type;
	char *text;		/* raw word text, quotes still in it */
	int fd;			/* redirections: the fd on the left, or -1 */
};
/* Returns 0, or -1 after printing a syntax error. */
int lex_line(const char *line, struct token **toks, int *ntoks);
int is_name_char(int c, int first);
const char *lex_skip_subst(const char *p);	/* p after "$(" */
int assignment_len(const char *word);	/* length of NAME in NAME=..., or 0 */

/* ---- parse.c ---- */
enum redir_type { R_IN, R_OUT, R_APPEND, R_DUPOUT, R_DUPIN };
struct redir {
	enum redir_type type;
	int fd;
	char *target;		/* raw word */
	struct redir *next;
};
struct command {
	struct strvec assigns;	/* NAME=value prefixes, raw */
	struct strvec words;	/* raw words */
	struct redir *redirs;
	struct command *next;	/* next command in the pipeline */
};
struct pipeline {
	struct command *cmds;
	int ncmds;
	int op;			/* T_AND / T_OR to the next one, or 0 */
	struct pipeline *next;
};
struct andor {
	struct pipeline *pipes;
	int background;
	char *text;		/* source text, for job messages */
	struct andor *next;
};
/* Parses a line; *out is NULL for an empty line.  -1 = syntax error. */
int parse_line(const char *line, struct andor **out);

/* ---- expand.c ---- */
/* Expands one raw word into zero or more fields appended to out. */
void expand_word(const char *raw, struct strvec *out);
/* Expands to exactly one string (no field splitting): values, targets. */
char *expand_one(const char *raw);

/* ---- var.c ---- */
void var_init(char **envp);
void var_reset(char **envp);
const char *var_get(const char *name);
int var_set(const char *name, const char *value, int export);
void var_unset(const char *name);
void var_export(const char *name);
char **var_environ(struct strvec *extra);
void var_print_exported(void);
extern char **pos_args;	/* $0, $1, ... */
extern int pos_count;	/* $# + 1 */

/* ---- exec.c ---- */
int run_list(struct andor *list);
int run_string(const char *line);	/* parse + run, for -c and $(...) */
char *run_capture(const char *cmd);	/* output of $(cmd) */
extern int last_status;
extern pid_t last_bg_pid;
extern int interactive;
extern int in_child;		/* set after fork: errors must not longjmp */

/* ---- jobs.c ---- */
struct job {
	int id;			/* 0 = free slot */
	pid_t pgid;
	pid_t pids[16];
	int npids, nalive;
	int status;		/* wait status of the last process */
	int stopped;
	char *cmd;		/* malloc'd copy of the source text */
};
struct job *job_add(pid_t pgid, pid_t *pids, int npids, const char *cmd);
void job_note_exit(pid_t pid, int status);
void jobs_reap(int notify);
void jobs_list(void);
int job_wait_fg(struct job *j);
int jobs_wait(const char *arg);
int jobs_continue(const char *arg, int foreground);
int status_of(int wstatus, int report);
void job_free(struct job *j);
extern pid_t shell_pgid;
extern pid_t shell_pid;

/* ---- builtins.c ---- */
typedef int (*builtin_fn)(int argc, char **argv);
builtin_fn builtin_find(const char *name);

/* ---- lineedit.c ---- */
/* Returns the line length without newline, or -1 at end of input. */
int edit_line(const char *prompt, char *buf, int size);
void term_save(void);
void term_restore(void);
void history_add(const char *line);

#endif
