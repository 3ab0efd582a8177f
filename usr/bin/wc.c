/* wc: count lines, words and bytes of files or stdin; -l, -w, -c pick columns (default all). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct counts {
	unsigned long long lines, words, bytes;
	const char *name;	/* NULL for stdin */
	int failed;
};

static int show_lines, show_words, show_bytes;

static int is_space(char c)
{
	return c == ' ' || (c >= '\t' && c <= '\r');
}

/* Counts the whole of fd into c. */
static int count_fd(int fd, struct counts *c)
{
	char buf[4096];
	int in_word = 0;
	ssize_t n;

	while ((n = read(fd, buf, sizeof(buf))) != 0) {
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		c->bytes += n;
		for (ssize_t i = 0; i < n; i++) {
			if (buf[i] == '\n')
				c->lines++;
			if (is_space(buf[i]))
				in_word = 0;
			else if (!in_word) {
				in_word = 1;
				c->words++;
			}
		}
	}
	return 0;
}

static void count_one(struct counts *c)
{
	int fd = 0;
	const char *label = c->name ? c->name : "stdin";

	if (c->name && strcmp(c->name, "-")) {
		fd = open(c->name, O_RDONLY);
		if (fd < 0)
			goto fail;
	}
	if (count_fd(fd, c) < 0)
		goto fail;
	if (fd)
		close(fd);
	return;
fail:
	fprintf(stderr, "wc: %s: %s\n", label, strerror(errno));
	if (fd > 0)
		close(fd);
	c->failed = 1;
}

static int digits(unsigned long long n)
{
	int d = 1;

	while (n >= 10) {
		n /= 10;
		d++;
	}
	return d;
}

static void print(const struct counts *c, int width)
{
	const char *sep = "";

	if (show_lines) {
		printf("%*llu", width, c->lines);
		sep = " ";
	}
	if (show_words) {
		printf("%s%*llu", sep, width, c->words);
		sep = " ";
	}
	if (show_bytes)
		printf("%s%*llu", sep, width, c->bytes);
	if (c->name)
		printf(" %s", c->name);
	putchar('\n');
}

/* Counts every input, then prints them in columns as wide as the largest number. */
static int run(struct counts *c, int n)
{
	struct counts total = { 0, 0, 0, "total", 0 };
	int width, status = 0;

	for (int i = 0; i < n; i++) {
		count_one(&c[i]);
		status |= c[i].failed;
		total.lines += c[i].lines;
		total.words += c[i].words;
		total.bytes += c[i].bytes;
	}
	width = digits(total.bytes);
	if (show_lines + show_words + show_bytes == 1 && n == 1)
		width = 1;
	for (int i = 0; i < n; i++)
		if (!c[i].failed)
			print(&c[i], width);
	if (n > 1)
		print(&total, width);
	return status;
}

int main(int argc, char **argv)
{
	struct counts *c;
	int opt, n, status;

	while ((opt = getopt(argc, argv, "lwc")) != -1) {
		if (opt == 'l')
			show_lines = 1;
		else if (opt == 'w')
			show_words = 1;
		else if (opt == 'c')
			show_bytes = 1;
		else {
			fprintf(stderr, "usage: wc [-c] [-l] [-w] [file...]\n");
			return 2;
		}
	}
	if (!show_lines && !show_words && !show_bytes)
		show_lines = show_words = show_bytes = 1;
	n = argc > optind ? argc - optind : 1;
	c = calloc(n, sizeof(*c));
	if (!c) {
		perror("wc: calloc");
		return 1;
	}
	for (int i = optind; i < argc; i++)
		c[i - optind].name = argv[i];
	status = run(c, n);
	free(c);
	return status;
}
