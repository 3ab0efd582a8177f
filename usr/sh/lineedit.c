/*
 * Line editing for the interactive shell.
 *
 * The terminal is switched to "raw-ish" mode only while a line is being
 * read: no canonical mode, no echo, no signal keys, one byte per read().
 * We echo and edit ourselves.  Redrawing uses only \r, \b and spaces, so
 * it works on any terminal, including Linnet's console, without escapes.
 * Keys: printable, Backspace/^H, ^U, ^W, ^A, ^E, ^C, ^D, Enter,
 * left/right arrows, up/down arrows for the last HIST_MAX lines.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>
#include "sh.h"

static char *history[HIST_MAX];
static int nhist;

struct editor {
	const char *prompt;
	char *buf;
	int size, len, pos;
	int shown;		/* how many chars of buf are on the screen */
	int hist_at;		/* index being browsed; nhist = the new line */
	char *draft;		/* the new line, saved while browsing */
};

void history_add(const char *line)
{
	char *copy;

	if (!*line || (nhist && !strcmp(history[nhist - 1], line)))
		return;
	copy = strdup(line);
	if (!copy)
		return;		/* history is a luxury: just skip it */
	if (nhist == HIST_MAX) {
		free(history[0]);
		memmove(history, history + 1, (HIST_MAX - 1) * sizeof(char *));
		nhist--;
	}
	history[nhist++] = copy;
}

static void out(const char *s, int n)
{
	while (n > 0) {
		ssize_t w = write(1, s, n);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return;
		s += w;
		n -= w;
	}
}

static void out_repeat(char c, int n)
{
	while (n-- > 0)
		out(&c, 1);
}

/* Rewrites the whole line and puts the cursor back at pos. */
static void redraw(struct editor *e)
{
	out("\r", 1);
	out(e->prompt, strlen(e->prompt));
	out(e->buf, e->len);
	if (e->shown > e->len) {	/* blank out what used to be longer */
		out_repeat(' ', e->shown - e->len);
		out_repeat('\b', e->shown - e->len);
	}
	out_repeat('\b', e->len - e->pos);
	e->shown = e->len;
}

static void insert(struct editor *e, char c)
{
	if (e->len >= e->size - 1) {
		out("\a", 1);	/* full: ring the bell, keep the line */
		return;
	}
	memmove(e->buf + e->pos + 1, e->buf + e->pos, e->len - e->pos);
	e->buf[e->pos++] = c;
	e->len++;
	if (e->pos == e->len) {		/* typing at the end: just echo */
		out(&c, 1);
		e->shown = e->len;
	} else {
		redraw(e);
	}
}

/* Deletes n characters before the cursor. */
static void erase(struct editor *e, int n)
{
	if (n <= 0)
		return;
	memmove(e->buf + e->pos - n, e->buf + e->pos, e->len - e->pos);
	e->pos -= n;
	e->len -= n;
	redraw(e);
}

static int word_start(struct editor *e)
{
	int i = e->pos;

	while (i > 0 && e->buf[i - 1] == ' ')
		i--;
	while (i > 0 && e->buf[i - 1] != ' ')
		i--;
	return i;
}

static void set_line(struct editor *e, const char *s)
{
	int n = strlen(s);

	if (n > e->size - 1)
		n = e->size - 1;
	memcpy(e->buf, s, n);
	e->len = e->pos = n;
	redraw(e);
}

/* Up (dir -1) or down (dir +1) through the history. */
static void browse(struct editor *e, int dir)
{
	int to = e->hist_at + dir;

	if (to < 0 || to > nhist)
		return;
	if (e->hist_at == nhist) {	/* leaving the new line: keep it */
		free(e->draft);
		e->draft = strndup(e->buf, e->len);
	}
	e->hist_at = to;
	set_line(e, to == nhist ? (e->draft ? e->draft : "") : history[to]);
}

static int read_byte(void)
{
	unsigned char c;
	ssize_t n;

	while ((n = read(0, &c, 1)) < 0 && errno == EINTR)
		;
	return n == 1 ? c : -1;
}

/* ESC [ x: arrow keys.  Anything else after ESC is dropped. */
static void escape(struct editor *e)
{
	if (read_byte() != '[')
		return;
	switch (read_byte()) {
	case 'A': browse(e, -1); break;
	case 'B': browse(e, +1); break;
	case 'C': if (e->pos < e->len) e->pos++, redraw(e); break;
	case 'D': if (e->pos > 0) e->pos--, out("\b", 1); break;
	}
}

/* Returns the length, -1 at end of input, -3 when ^C dropped the line. */
static int edit(struct editor *e)
{
	for (;;) {
		int c = read_byte();

		switch (c) {
		case -1:
			return e->len ? e->len : -1;
		case '\r':
		case '\n':
			out("\n", 1);
			return e->len;
		case 0x03:				/* ^C */
			out("^C\n", 3);
			return -3;
		case 0x04:				/* ^D */
			if (!e->len) {
				out("\n", 1);
				return -1;
			}
			break;
		case 0x7f: case 0x08: erase(e, e->pos > 0); break;
		case 0x15: erase(e, e->pos); break;	/* ^U */
		case 0x17: erase(e, e->pos - word_start(e)); break;
		case 0x01: e->pos = 0; redraw(e); break;	/* ^A */
		case 0x05: e->pos = e->len; redraw(e); break;	/* ^E */
		case 0x1b: escape(e); break;
		default:
			if (c >= 0x20)
				insert(e, c);
		}
	}
}

/* No termios (not a terminal we can drive): plain line reading. */
static int plain_read(const char *prompt, char *buf, int size)
{
	int len = 0, c, too_long = 0;

	out(prompt, strlen(prompt));
	while ((c = read_byte()) >= 0 && c != '\n') {
		if (len < size - 1)
			buf[len++] = c;
		else
			too_long = 1;
	}
	buf[len] = '\0';
	if (too_long)
		return -2;
	return (c < 0 && !len) ? -1 : len;
}

/*
 * The terminal settings the shell started with.  They are put back after
 * every foreground job, so a program that dies in raw mode (or the line
 * editor itself, killed at the prompt) cannot leave the console unusable.
 */
static struct termios sane;
static int have_sane;

void term_save(void)
{
	have_sane = tcgetattr(0, &sane) == 0;
}

void term_restore(void)
{
	if (have_sane)
		tcsetattr(0, TCSADRAIN, &sane);
}

int edit_line(const char *prompt, char *buf, int size)
{
	struct editor e = { prompt, buf, size, 0, 0, 0, nhist, NULL };
	struct termios saved, raw;
	int n;

	if (tcgetattr(0, &saved) < 0)
		return plain_read(prompt, buf, size);
	if (have_sane)
		saved = sane;
	raw = saved;
	raw.c_lflag &= ~(ICANON | ECHO | ISIG | IEXTEN);
	raw.c_iflag &= ~IXON;
	raw.c_cc[VMIN] = 1;
	raw.c_cc[VTIME] = 0;
	tcsetattr(0, TCSADRAIN, &raw);
	out(prompt, strlen(prompt));
	n = edit(&e);
	/* Commands we run next expect a normal, cooked terminal. */
	tcsetattr(0, TCSADRAIN, &saved);
	free(e.draft);
	buf[n > 0 ? n : 0] = '\0';
	return n;
}
