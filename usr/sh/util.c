/*
 * Memory for one command line.  Tokens, the parse tree and expanded words
 * all come from an arena that main() empties before reading the next line.
 * That keeps the rest of the shell free of free() bookkeeping, and makes
 * an allocation failure easy to survive: report it, jump back to the main
 * loop, drop the arena.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "sh.h"

jmp_buf toplevel;
int toplevel_ready;

struct chunk {
	struct chunk *next;
	size_t used, size;
	char data[];
};

static struct chunk *arena;

void nomem(void)
{
	static const char msg[] = "sh: out of memory\n";

	/* write(), not stdio: stdio may itself need memory. */
	if (write(2, msg, sizeof(msg) - 1) < 0) {
		/* nothing better to do */
	}
	/* A forked child must not return into the parent's main loop. */
	if (in_child || !toplevel_ready)
		_exit(2);
	longjmp(toplevel, 1);
}

void *xalloc(size_t n)
{
	struct chunk *c = arena;

	n = (n + 7) & ~(size_t)7;	/* keep every block 8-byte aligned */
	if (!c || c->size - c->used < n) {
		size_t size = n > 8192 ? n : 8192;

		c = malloc(sizeof(*c) + size);
		if (!c)
			nomem();
		c->used = 0;
		c->size = size;
		c->next = arena;
		arena = c;
	}
	c->used += n;
	return c->data + c->used - n;
}

void arena_reset(void)
{
	while (arena) {
		struct chunk *next = arena->next;

		free(arena);
		arena = next;
	}
}

char *xstrndup(const char *s, size_t n)
{
	char *p = xalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

void sh_error(const char *fmt, ...)
{
	va_list ap;

	fflush(stdout);
	fputs("sh: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

void sb_init(struct strbuf *sb)
{
	sb->cap = 32;
	sb->len = 0;
	sb->s = xalloc(sb->cap);
	sb->s[0] = '\0';
}

void sb_addc(struct strbuf *sb, char c)
{
	if (sb->len + 2 > sb->cap) {
		/* The old block stays in the arena until the line is done. */
		char *n = xalloc(sb->cap * 2);

		memcpy(n, sb->s, sb->len);
		sb->s = n;
		sb->cap *= 2;
	}
	sb->s[sb->len++] = c;
	sb->s[sb->len] = '\0';
}

void sb_adds(struct strbuf *sb, const char *s)
{
	while (*s)
		sb_addc(sb, *s++);
}

void sv_init(struct strvec *sv)
{
	sv->cap = 8;
	sv->n = 0;
	sv->v = xalloc(sv->cap * sizeof(char *));
	sv->v[0] = NULL;
}

void sv_add(struct strvec *sv, char *s)
{
	if (sv->n + 2 > sv->cap) {
		char **n = xalloc(sv->cap * 2 * sizeof(char *));

		memcpy(n, sv->v, sv->n * sizeof(char *));
		sv->v = n;
		sv->cap *= 2;
	}
	sv->v[sv->n++] = s;
	sv->v[sv->n] = NULL;
}
