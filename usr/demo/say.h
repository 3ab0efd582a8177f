/*
 * What both demos need: output as printf() straight to write(), so the
 * lines of a parent and its child interleave in the order they happen
 * and no stdio buffer is copied by fork; and turn-taking over a pipe, so
 * one process measures while the other sleeps.  Each demo defines
 * DEMO_NAME before including.
 */
#ifndef DEMO_SAY_H
#define DEMO_SAY_H

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void say(const char *fmt, ...)
{
	char line[256];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	if (n > (int)sizeof(line) - 1)
		n = sizeof(line) - 1;
	if (write(1, line, n) != n)
		_exit(3);
}

static void die(const char *what)
{
	say("%s: %s: %s\n", DEMO_NAME, what, strerror(errno));
	exit(1);
}

static void give_turn(int fd)
{
	if (write(fd, "t", 1) != 1)
		die("pipe write");
}

static void wait_turn(int fd)
{
	char c;

	if (read(fd, &c, 1) != 1)
		die("pipe read");
}

#endif
