/*
 * Shell variables.  One table holds them all; a flag says which ones are
 * exported, i.e. copied into the environment of commands we run.  The
 * table is malloc'd (not arena) because variables outlive a line.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "sh.h"

struct var {
	char *name;
	char *value;		/* NULL: exported but never given a value */
	int exported;
};

static struct var *vars;
static int nvars, capvars;

char **pos_args;
int pos_count;

static struct var *find(const char *name)
{
	for (int i = 0; i < nvars; i++)
		if (!strcmp(vars[i].name, name))
			return &vars[i];
	return NULL;
}

/* Returns the slot for name, creating it; NULL if memory ran out. */
static struct var *lookup_create(const char *name)
{
	struct var *v = find(name);

	if (v)
		return v;
	if (nvars == capvars) {
		int cap = capvars ? capvars * 2 : 32;
		struct var *n = realloc(vars, cap * sizeof(*n));

		if (!n)
			return NULL;
		vars = n;
		capvars = cap;
	}
	v = &vars[nvars];
	v->name = strdup(name);
	if (!v->name)
		return NULL;
	v->value = NULL;
	v->exported = 0;
	nvars++;
	return v;
}

int var_set(const char *name, const char *value, int export)
{
	struct var *v = lookup_create(name);
	char *copy = strdup(value);

	if (!v || !copy) {
		free(copy);
		sh_error("%s: out of memory", name);
		return -1;
	}
	free(v->value);
	v->value = copy;
	v->exported |= export;
	return 0;
}

const char *var_get(const char *name)
{
	struct var *v = find(name);

	return v ? v->value : NULL;
}

void var_unset(const char *name)
{
	struct var *v = find(name);

	if (!v)
		return;
	free(v->name);
	free(v->value);
	*v = vars[--nvars];	/* order does not matter: move the last one in */
}

void var_export(const char *name)
{
	struct var *v = lookup_create(name);

	if (v)
		v->exported = 1;
	else
		sh_error("%s: out of memory", name);
}

/* Everything in the environment we were started with is exported. */
void var_init(char **envp)
{
	for (; *envp; envp++) {
		char *eq = strchr(*envp, '=');
		char name[256];

		if (!eq || eq - *envp >= (int)sizeof(name))
			continue;
		memcpy(name, *envp, eq - *envp);
		name[eq - *envp] = '\0';
		var_set(name, eq + 1, 1);
	}
}

/* Forgets every variable and starts again from envp. */
void var_reset(char **envp)
{
	while (nvars)
		var_unset(vars[0].name);
	var_init(envp);
}

/* Builds envp for execve: exported variables plus "NAME=v" in extra. */
char **var_environ(struct strvec *extra)
{
	struct strvec env;

	sv_init(&env);
	for (int i = 0; i < nvars; i++) {
		struct strbuf sb;
		int overridden = 0;

		if (!vars[i].exported || !vars[i].value)
			continue;
		for (int j = 0; extra && j < extra->n; j++)
			if (assignment_len(extra->v[j]) == (int)strlen(vars[i].name) &&
			    !strncmp(extra->v[j], vars[i].name, strlen(vars[i].name)))
				overridden = 1;
		if (overridden)
			continue;
		sb_init(&sb);
		sb_adds(&sb, vars[i].name);
		sb_addc(&sb, '=');
		sb_adds(&sb, vars[i].value);
		sv_add(&env, sb.s);
	}
	for (int j = 0; extra && j < extra->n; j++)
		sv_add(&env, extra->v[j]);
	return env.v;
}

void var_print_exported(void)
{
	for (int i = 0; i < nvars; i++)
		if (vars[i].exported)
			printf("export %s%s%s\n", vars[i].name,
			       vars[i].value ? "=" : "",
			       vars[i].value ? vars[i].value : "");
}
