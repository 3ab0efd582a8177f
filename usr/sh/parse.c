/*
 * The parser: turns tokens into a tree.
 *
 *   line     := andor ((';' | '&') andor)* [';' | '&']
 *   andor    := pipeline (('&&' | '||') pipeline)*
 *   pipeline := command ('|' command)*
 *   command  := (NAME=value)* (word | redirection)+
 *
 * '&' applies to a whole and-or chain, which is why it sits at the top.
 */
#include <string.h>
#include "sh.h"

struct parser {
	struct token *t;
	int pos;
};

static const char *tok_name(struct token *t)
{
	static const char *names[] = {
		"word", "|", "&&", "||", ";", "&", "<", ">", ">>", ">&", "<&",
		"end of line"
	};
	return names[t->type];
}

static int syntax_error(struct parser *p)
{
	sh_error("syntax error near '%s'", tok_name(&p->t[p->pos]));
	return -1;
}

static int is_redir(enum tok_type t)
{
	return t >= T_LESS && t <= T_DUPIN;
}

static int parse_redir(struct parser *p, struct command *c)
{
	static const enum redir_type map[] = {
		[T_LESS] = R_IN, [T_GREAT] = R_OUT, [T_DGREAT] = R_APPEND,
		[T_DUPOUT] = R_DUPOUT, [T_DUPIN] = R_DUPIN,
	};
	struct token *t = &p->t[p->pos++];
	struct redir *r = xalloc(sizeof(*r)), **tail;

	if (p->t[p->pos].type != T_WORD)
		return syntax_error(p);
	r->type = map[t->type];
	r->fd = t->fd >= 0 ? t->fd : (r->type == R_IN || r->type == R_DUPIN ? 0 : 1);
	r->target = p->t[p->pos++].text;
	r->next = NULL;
	/* Keep source order: "2>&1 >f" and ">f 2>&1" differ. */
	for (tail = &c->redirs; *tail; tail = &(*tail)->next)
		;
	*tail = r;
	return 0;
}

static struct command *parse_command(struct parser *p)
{
	struct command *c = xalloc(sizeof(*c));

	memset(c, 0, sizeof(*c));
	sv_init(&c->assigns);
	sv_init(&c->words);
	for (;;) {
		struct token *t = &p->t[p->pos];

		if (is_redir(t->type)) {
			if (parse_redir(p, c) < 0)
				return NULL;
		} else if (t->type == T_WORD) {
			/* NAME=value counts as an assignment only before the command name. */
			if (c->words.n == 0 && assignment_len(t->text))
				sv_add(&c->assigns, t->text);
			else
				sv_add(&c->words, t->text);
			p->pos++;
		} else {
			break;
		}
	}
	if (!c->words.n && !c->assigns.n && !c->redirs) {
		syntax_error(p);
		return NULL;
	}
	return c;
}

static struct pipeline *parse_pipeline(struct parser *p)
{
	struct pipeline *pl = xalloc(sizeof(*pl));
	struct command **tail = &pl->cmds;

	memset(pl, 0, sizeof(*pl));
	for (;;) {
		*tail = parse_command(p);
		if (!*tail)
			return NULL;
		tail = &(*tail)->next;
		pl->ncmds++;
		if (p->t[p->pos].type != T_PIPE)
			return pl;
		p->pos++;
	}
}

/* Rebuilds readable text for "[1] Done  sleep 1" from tokens a..b. */
static char *tokens_text(struct token *t, int a, int b)
{
	struct strbuf sb;

	sb_init(&sb);
	for (int i = a; i < b; i++) {
		if (i > a)
			sb_addc(&sb, ' ');
		if (t[i].type != T_WORD && t[i].fd >= 0)
			sb_addc(&sb, '0' + t[i].fd % 10);
		sb_adds(&sb, t[i].type == T_WORD ? t[i].text : tok_name(&t[i]));
	}
	return sb.s;
}

static struct andor *parse_andor(struct parser *p)
{
	struct andor *a = xalloc(sizeof(*a));
	struct pipeline **tail = &a->pipes;
	int start = p->pos;

	memset(a, 0, sizeof(*a));
	for (;;) {
		enum tok_type op;

		*tail = parse_pipeline(p);
		if (!*tail)
			return NULL;
		op = p->t[p->pos].type;
		if (op != T_AND && op != T_OR)
			break;
		(*tail)->op = op;
		tail = &(*tail)->next;
		p->pos++;
	}
	a->text = tokens_text(p->t, start, p->pos);
	return a;
}

int parse_line(const char *line, struct andor **out)
{
	struct parser p;
	struct andor **tail = out;
	int n;

	*out = NULL;
	if (lex_line(line, &p.t, &n) < 0)
		return -1;
	p.pos = 0;
	while (p.t[p.pos].type != T_END) {
		enum tok_type sep;

		*tail = parse_andor(&p);
		if (!*tail)
			return -1;
		sep = p.t[p.pos].type;
		if (sep == T_AMP)
			(*tail)->background = 1;
		else if (sep != T_SEMI && sep != T_END)
			return syntax_error(&p);
		tail = &(*tail)->next;
		if (sep != T_END)
			p.pos++;
	}
	return 0;
}
