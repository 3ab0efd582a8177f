/* grep: print lines containing a fixed string; -q quiet, -v invert, -c count, -n line numbers, -i ignore case. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int quiet, invert, count_only, numbers, nocase;
static const char *pattern;
static size_t pattern_len;

static int lower(int c)
{
	return (c >= 'A' && c <= 'Z') ? c - 'A' + 'a' : c;
}

static int same(const char *a, const char *b, size_t n)
{
	if (!nocase)
		return !memcmp(a, b, n);
	for (size_t i = 0; i < n; i++)
		if (lower((unsigned char)a[i]) != lower((unsigned char)b[i]))
			return 0;
	return 1;
}

/* Returns 1 if the pattern occurs anywhere in line[0..len). */
static int contains(const char *line, size_t len)
{
	for (size_t i = 0; i + pattern_len <= len; i++)
		if (same(line + i, pattern, pattern_len))
			return 1;
	return 0;
}

static void print_line(const char *name, unsigned long num,
		       const char *line, size_t len)
{
	if (name)
		printf("%s:", name);
	if (numbers)
		printf("%lu:", num);
	fwrite(line, 1, len, stdout);
	if (len == 0 || line[len - 1] != '\n')
		putchar('\n');
}

/* Searches one stream; returns the number of selected lines, or -1 on error. */
static long search(FILE *f, const char *name, const char *label)
{
	char *line = NULL;
	size_t cap = 0;
	unsigned long num = 0;
	long selected = 0;
	ssize_t len;

	while ((len = getline(&line, &cap, f)) >= 0) {
		size_t body = len;

		num++;
		if (body > 0 && line[body - 1] == '\n')
			body--;
		if (contains(line, body) == invert)
			continue;
		selected++;
		if (quiet)
			break;
		if (!count_only)
			print_line(name, num, line, len);
	}
	free(line);
	if (ferror(f)) {
		fprintf(stderr, "grep: %s: %s\n", label, strerror(errno));
		return -1;
	}
	if (count_only && !quiet) {
		if (name)
			printf("%s:", name);
		printf("%ld\n", selected);
	}
	return selected;
}

/* Searches path ("-" is stdin); prefix tells whether to print the name. */
static long search_file(const char *path, int prefix)
{
	const char *label = strcmp(path, "-") ? path : "(standard input)";
	FILE *f = strcmp(path, "-") ? fopen(path, "r") : stdin;
	long ret;

	if (!f) {
		fprintf(stderr, "grep: %s: %s\n", path, strerror(errno));
		return -1;
	}
	ret = search(f, prefix ? label : NULL, label);
	if (f != stdin)
		fclose(f);
	return ret;
}

int main(int argc, char **argv)
{
	int c, matched = 0, error = 0;
	long n;

	while ((c = getopt(argc, argv, "qvcni")) != -1) {
		switch (c) {
		case 'q': quiet = 1; break;
		case 'v': invert = 1; break;
		case 'c': count_only = 1; break;
		case 'n': numbers = 1; break;
		case 'i': nocase = 1; break;
		default: goto usage;
		}
	}
	if (optind >= argc)
		goto usage;
	pattern = argv[optind++];
	pattern_len = strlen(pattern);
	/* No files: search stdin, reusing the pattern's slot in argv. */
	if (optind >= argc)
		argv[--optind] = "-";
	for (int i = optind; i < argc; i++) {
		n = search_file(argv[i], argc - optind > 1);
		if (n < 0)
			error = 1;
		else if (n > 0)
			matched = 1;
		if (quiet && matched)
			return 0;
	}
	if (error)
		return 2;
	return matched ? 0 : 1;
usage:
	fprintf(stderr, "usage: grep [-q] [-v] [-c] [-n] [-i] PATTERN [file...]\n");
	return 2;
}
