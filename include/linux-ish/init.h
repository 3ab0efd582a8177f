/*
 * Boot-time sections and kernel parameters.
 *
 * __setup("name=", fn) registers @fn for the command-line word "name=value"
 * (fn gets "value"); __setup("name", fn) for the bare word "name" (fn gets
 * "").  Registrations live in the .init.setup section, which the linker
 * script brackets with __setup_start/__setup_end.  A handler returns 0 on
 * success or -EINVAL for a malformed value (which is reported, not fatal).
 * Every parameter is listed in Documentation/admin-guide/kernel-parameters.md.
 */
#ifndef _LINUX_ISH_INIT_H
#define _LINUX_ISH_INIT_H

#include <linux-ish/compiler.h>

#define __init		__section(".init.text") noinline
#define __initdata	__section(".init.data")

struct kernel_param {
	const char *name;	/* "foo=" takes a value, "foo" is a flag */
	int (*setup)(const char *val);
};

#define __setup(str, fn)						\
	static const char __setup_str_##fn[] = str;			\
	static const struct kernel_param __setup_##fn			\
		__used __section(".init.setup") __aligned(4) =		\
		{ __setup_str_##fn, fn }

extern const struct kernel_param __setup_start[], __setup_end[];

/* init/main.c */
extern char boot_command_line[];
/* Words no parameter claimed, kept for init: "k=v" to envp, others to argv. */
#define MAX_INIT_ARGS	32
extern const char *init_argv[MAX_INIT_ARGS + 2];
extern const char *init_envp[MAX_INIT_ARGS + 2];
void init_env_set(const char **envp, const char *word);

/* kernel/params.c */
struct param_unknown {
	void (*arg)(char *word, void *data);	/* bare word */
	void (*env)(char *word, void *data);	/* key=value */
	void *data;
};
int parse_args(char *cmdline, const struct kernel_param *start,
	       const struct kernel_param *end,
	       const struct param_unknown *unknown);
char *next_arg(char *args, char **param, char **val);

#endif
