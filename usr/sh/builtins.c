/*
 * Builtins: commands that must run inside the shell because they change
 * the shell itself (its directory, variables, jobs) or end it.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "sh.h"

static int bi_cd(int argc, char **argv)
{
	const char *dir = argc > 1 ? argv[1] : var_get("HOME");
	char cwd[PATH_MAX];

	if (!dir || !*dir)
		dir = "/";
	if (!strcmp(dir, "-")) {
		dir = var_get("OLDPWD");
		if (!dir) {
			sh_error("cd: OLDPWD not set");
			return 1;
		}
	}
	if (getcwd(cwd, sizeof(cwd)))
		var_set("OLDPWD", cwd, 0);
	if (chdir(dir) < 0) {
		sh_error("cd: %s: %s", dir, strerror(errno));
		return 1;
	}
	if (getcwd(cwd, sizeof(cwd)))
		var_set("PWD", cwd, 0);
	return 0;
}

static int bi_pwd(int argc, char **argv)
{
	char cwd[PATH_MAX];

	(void)argc;
	(void)argv;
	if (!getcwd(cwd, sizeof(cwd))) {
		sh_error("pwd: %s", strerror(errno));
		return 1;
	}
	puts(cwd);
	fflush(stdout);
	return 0;
}

static int bi_exit(int argc, char **argv)
{
	int st = last_status;

	if (argc > 1) {
		char *end;

		st = strtol(argv[1], &end, 10);
		if (!*argv[1] || *end) {
			sh_error("exit: %s: numeric argument required", argv[1]);
			st = 2;
		}
	}
	fflush(NULL);
	exit(st & 0xff);
}

static int valid_name(const char *s, size_t n)
{
	if (n == 0)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!is_name_char((unsigned char)s[i], i == 0))
			return 0;
	return 1;
}

static int bi_export(int argc, char **argv)
{
	int st = 0;

	if (argc == 1)
		var_print_exported();
	for (int i = 1; i < argc; i++) {
		char *eq = strchr(argv[i], '=');
		size_t n = eq ? (size_t)(eq - argv[i]) : strlen(argv[i]);

		if (!valid_name(argv[i], n)) {
			sh_error("export: %s: bad variable name", argv[i]);
			st = 1;
		} else if (eq) {
			if (var_set(xstrndup(argv[i], n), eq + 1, 1) < 0)
				st = 1;
		} else {
			var_export(argv[i]);
		}
	}
	fflush(stdout);
	return st;
}

static int bi_unset(int argc, char **argv)
{
	for (int i = 1; i < argc; i++)
		var_unset(argv[i]);
	return 0;
}

static int bi_jobs(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	jobs_list();
	fflush(stdout);
	return 0;
}

static int bi_wait(int argc, char **argv)
{
	int st = 0;

	if (argc == 1)
		return jobs_wait(NULL);
	for (int i = 1; i < argc; i++)
		st = jobs_wait(argv[i]);
	return st;
}

static int bi_fg(int argc, char **argv)
{
	return jobs_continue(argc > 1 ? argv[1] : NULL, 1);
}

static int bi_bg(int argc, char **argv)
{
	return jobs_continue(argc > 1 ? argv[1] : NULL, 0);
}

static int bi_colon(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return 0;
}

static const struct {
	const char *name;
	builtin_fn fn;
} builtins[] = {
	{ "cd", bi_cd }, { "pwd", bi_pwd }, { "exit", bi_exit },
	{ "export", bi_export }, { "unset", bi_unset }, { "jobs", bi_jobs },
	{ "wait", bi_wait }, { "fg", bi_fg }, { "bg", bi_bg }, { ":", bi_colon },
};

builtin_fn builtin_find(const char *name)
{
	for (size_t i = 0; i < sizeof(builtins) / sizeof(builtins[0]); i++)
		if (!strcmp(builtins[i].name, name))
			return builtins[i].fn;
	return NULL;
}
