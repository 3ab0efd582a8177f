/*
 * Word expansion, done just before a command runs:
 *   - '...' is literal; "..." allows $ expansions and \" \\ \$;
 *     a backslash outside quotes makes the next character literal
 *   - $NAME ${NAME} ${NAME:-default} $? $$ $! $# $0..$9 $@ $* $(command)
 *   - the result of an unquoted $ expansion is split into fields at
 *     blanks, so X="a b"; ls $X runs ls with two arguments
 * There is no pathname globbing: '*' stays a literal character.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "sh.h"

struct fields {
	struct strvec *out;	/* NULL: collect one string, never split */
	struct strbuf cur;
	int have;		/* cur is a field even if empty ("" or '') */
};

static void end_field(struct fields *f)
{
	if (f->have && f->out) {
		sv_add(f->out, f->cur.s);
		sb_init(&f->cur);
		f->have = 0;
	}
}

static void add_char(struct fields *f, char c)
{
	sb_addc(&f->cur, c);
	f->have = 1;
}

/* Adds an expansion result; unquoted results are split at blanks. */
static void add_value(struct fields *f, const char *v, int quoted)
{
	for (; *v; v++) {
		if (!quoted && f->out && strchr(" \t\n", *v))
			end_field(f);
		else
			add_char(f, *v);
	}
}

static char *num(long n)
{
	char buf[24];

	snprintf(buf, sizeof(buf), "%ld", n);
	return xstrdup(buf);
}

/* All positional parameters joined by spaces, for $@ and $*. */
static char *all_args(void)
{
	struct strbuf sb;

	sb_init(&sb);
	for (int i = 1; i < pos_count; i++) {
		if (i > 1)
			sb_addc(&sb, ' ');
		sb_adds(&sb, pos_args[i]);
	}
	return sb.s;
}

/* The value of a parameter named by name; "" if unset. */
static const char *param(const char *name)
{
	const char *v;

	if (!strcmp(name, "?"))
		return num(last_status);
	if (!strcmp(name, "$"))
		return num(shell_pid);
	if (!strcmp(name, "!"))
		return last_bg_pid ? num(last_bg_pid) : "";
	if (!strcmp(name, "#"))
		return num(pos_count - 1);
	if (!strcmp(name, "@") || !strcmp(name, "*"))
		return all_args();
	if (name[0] >= '0' && name[0] <= '9') {
		int i = atoi(name);

		return i < pos_count ? pos_args[i] : "";
	}
	v = var_get(name);
	return v ? v : "";
}

/* ${NAME} or ${NAME:-word}; p points after "${".  Returns the end. */
static const char *brace_param(const char *p, struct fields *f, int quoted)
{
	const char *end = strchr(p, '}');
	const char *dflt = strstr(p, ":-");
	const char *v;

	if (!end) {		/* "${" with no '}': keep it literally */
		add_value(f, "${", 1);
		return p;
	}
	if (dflt && dflt < end) {
		v = param(xstrndup(p, dflt - p));
		if (!*v)
			v = expand_one(xstrndup(dflt + 2, end - dflt - 2));
	} else {
		v = param(xstrndup(p, end - p));
	}
	add_value(f, v, quoted);
	return end + 1;
}

/* p points at '$'.  Returns the first character after the expansion. */
static const char *dollar(const char *p, struct fields *f, int quoted)
{
	const char *s = p + 1;

	if (*s == '{')
		return brace_param(s + 1, f, quoted);
	if (*s == '(') {
		const char *end = lex_skip_subst(s + 1);

		if (!end) {
			add_char(f, '$');
			return s;
		}
		add_value(f, run_capture(xstrndup(s + 1, end - s - 2)), quoted);
		return end;
	}
	if (*s && strchr("?$!#@*0123456789", *s)) {
		add_value(f, param(xstrndup(s, 1)), quoted);
		return s + 1;
	}
	if (!is_name_char((unsigned char)*s, 1)) {
		add_char(f, '$');	/* a lone '$' is just a dollar sign */
		return s;
	}
	while (is_name_char((unsigned char)*s, 0))
		s++;
	add_value(f, param(xstrndup(p + 1, s - p - 1)), quoted);
	return s;
}

/* p points after the opening '"'.  Returns the char after the closing one. */
static const char *dquote(const char *p, struct fields *f)
{
	f->have = 1;
	while (*p && *p != '"') {
		if (*p == '\\' && p[1] && strchr("$\"\\`", p[1])) {
			add_char(f, p[1]);
			p += 2;
		} else if (*p == '$') {
			p = dollar(p, f, 1);
		} else {
			add_char(f, *p++);
		}
	}
	return *p ? p + 1 : p;
}

static void expand(const char *p, struct fields *f)
{
	sb_init(&f->cur);
	f->have = 0;
	while (*p) {
		if (*p == '\\') {
			if (p[1])
				add_char(f, p[1]);
			p += p[1] ? 2 : 1;
		} else if (*p == '\'') {
			const char *end = strchr(p + 1, '\'');

			f->have = 1;
			while (++p < end)
				add_char(f, *p);
			p = end + 1;
		} else if (*p == '"') {
			p = dquote(p + 1, f);
		} else if (*p == '$') {
			p = dollar(p, f, 0);
		} else {
			add_char(f, *p++);
		}
	}
}

void expand_word(const char *raw, struct strvec *out)
{
	struct fields f = { .out = out };

	expand(raw, &f);
	end_field(&f);
}

char *expand_one(const char *raw)
{
	struct fields f = { .out = NULL };

	expand(raw, &f);
	return f.cur.s;
}
