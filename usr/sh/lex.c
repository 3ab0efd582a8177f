/*
 * The tokenizer: cuts a line into words and operators.
 *
 * Words keep their quotes and $ signs; expand.c removes them when the
 * command runs.  Expanding late matters: in "false; echo $?" the $? must
 * be read after false has run, not when the line was typed.  All the
 * lexer has to know about quoting is where a word ends.
 */
#include <ctype.h>
#include <string.h>
#include "sh.h"

int is_name_char(int c, int first)
{
	return c == '_' || isalpha(c) || (!first && isdigit(c));
}

/* "NAME=..." -> length of NAME; anything else -> 0. */
int assignment_len(const char *w)
{
	int i = 0;

	while (is_name_char((unsigned char)w[i], i == 0))
		i++;
	return (i > 0 && w[i] == '=') ? i : 0;
}

static const char *skip_word(const char *p);

/* p is just after "$(": returns the char after the matching ')'. */
static const char *skip_subst(const char *p)
{
	int depth = 1;

	while (*p) {
		if (*p == ')' && --depth == 0)
			return p + 1;
		if (*p == '(')
			depth++;
		if (*p == '\'' || *p == '"' || *p == '\\' || *p == '$') {
			const char *q = skip_word(p);

			if (!q)
				return NULL;
			/* skip_word stops at operators; step at least one char */
			p = q > p ? q : p + 1;
			continue;
		}
		p++;
	}
	return NULL;
}

/* p is just after an opening '"': returns the char after the closing one. */
static const char *skip_dquote(const char *p)
{
	while (*p && *p != '"') {
		if (*p == '\\' && p[1]) {
			p += 2;
		} else if (p[0] == '$' && p[1] == '(') {
			p = skip_subst(p + 2);
			if (!p)
				return NULL;
		} else {
			p++;
		}
	}
	return *p ? p + 1 : NULL;
}

const char *lex_skip_subst(const char *p)
{
	return skip_subst(p);
}

/*
 * Returns the end of the word starting at p, or NULL if a quote or
 * substitution is never closed.
 */
static const char *skip_word(const char *p)
{
	while (*p && !strchr(" \t\n|&;<>()", *p)) {
		if (*p == '\\') {
			p += p[1] ? 2 : 1;
		} else if (*p == '\'') {
			p = strchr(p + 1, '\'');
			if (!p)
				return NULL;
			p++;
		} else if (*p == '"') {
			p = skip_dquote(p + 1);
			if (!p)
				return NULL;
		} else if (p[0] == '$' && p[1] == '(') {
			p = skip_subst(p + 2);
			if (!p)
				return NULL;
		} else if (p[0] == '$' && p[1] == '{') {
			p = strchr(p + 2, '}');
			if (!p)
				return NULL;
			p++;
		} else {
			p++;
		}
	}
	return p;
}

struct op {
	const char *text;
	enum tok_type type;
};

/* Longest first, so ">>" wins over ">". */
static const struct op ops[] = {
	{ "&&", T_AND }, { "||", T_OR }, { ">>", T_DGREAT },
	{ ">&", T_DUPOUT }, { "<&", T_DUPIN }, { "|", T_PIPE },
	{ "&", T_AMP }, { ";", T_SEMI }, { "<", T_LESS }, { ">", T_GREAT },
	{ NULL, T_END }
};

static const struct op *match_op(const char *p)
{
	for (const struct op *o = ops; o->text; o++)
		if (!strncmp(p, o->text, strlen(o->text)))
			return o;
	return NULL;
}

static void add_tok(struct token **toks, int *n, int *cap, struct token t)
{
	if (*n + 1 >= *cap) {
		struct token *nt = xalloc(*cap * 2 * sizeof(*nt));

		memcpy(nt, *toks, *n * sizeof(*nt));
		*toks = nt;
		*cap *= 2;
	}
	(*toks)[(*n)++] = t;
}

int lex_line(const char *p, struct token **toks, int *ntoks)
{
	int cap = 16;

	*ntoks = 0;
	*toks = xalloc(cap * sizeof(**toks));
	for (;;) {
		struct token t = { T_WORD, NULL, -1 };
		const struct op *o;
		const char *end;

		while (*p == ' ' || *p == '\t')
			p++;
		if (*p == '\n') {
			/* A newline ends a command, unless nothing is pending. */
			enum tok_type prev = *ntoks ? (*toks)[*ntoks - 1].type : T_SEMI;

			p++;
			if (prev == T_WORD || (prev >= T_LESS && prev <= T_DUPIN))
				add_tok(toks, ntoks, &cap, (struct token){ T_SEMI, NULL, -1 });
			continue;
		}
		if (!*p || *p == '#')	/* a comment runs to end of line */
			break;
		if (*p == '(' || *p == ')') {
			sh_error("syntax error: subshells are not supported");
			return -1;
		}
		if ((o = match_op(p))) {
			t.type = o->type;
			p += strlen(o->text);
			add_tok(toks, ntoks, &cap, t);
			continue;
		}
		end = skip_word(p);
		if (!end) {
			sh_error("syntax error: unterminated quote");
			return -1;
		}
		/* "2>" : a word of digits glued to < or > names the fd. */
		if (strspn(p, "0123456789") == (size_t)(end - p) &&
		    (*end == '<' || *end == '>') && end - p < 4) {
			int fd = 0;

			for (; p < end; p++)
				fd = fd * 10 + (*p - '0');
			o = match_op(end);
			t.type = o->type;
			t.fd = fd;
			p = end + strlen(o->text);
			add_tok(toks, ntoks, &cap, t);
			continue;
		}
		t.text = xstrndup(p, end - p);
		p = end;
		add_tok(toks, ntoks, &cap, t);
	}
	(*toks)[*ntoks].type = T_END;
	return 0;
}
