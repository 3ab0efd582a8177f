/* head: print the first lines (default 10) of files or stdin; -n N or -N sets the count. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Writes all n bytes to stdout; returns 0 or -1. */
static int write_all(const char *buf, size_t n)
{
	while (n > 0) {
		ssize_t w = write(1, buf, n);

		if (w < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		buf += w;
		n -= w;
	}
	return 0;
}

/* Copies the first lines lines of fd to stdout. */
static int head_fd(int fd, const char *name, unsigned long lines)
{
	char buf[4096];
	ssize_t n, i;

	while (lines > 0) {
		n = read(fd, buf, sizeof(buf));
		if (n == 0)
			return 0;
		if (n < 0) {
			if (errno == EINTR)
				continue;
			fprintf(stderr, "head: %s: %s\n", name, strerror(errno));
			return 1;
		}
		for (i = 0; i < n && lines > 0; i++)
			if (buf[i] == '\n')
				lines--;
		if (write_all(buf, i) < 0) {
			fprintf(stderr, "head: write: %s\n", strerror(errno));
			return 1;
		}
	}
	return 0;
}

static int head_file(const char *path, unsigned long lines)
{
	int fd, ret;

	if (!strcmp(path, "-"))
		return head_fd(0, "stdin", lines);
	fd = open(path, O_RDONLY);
	if (fd < 0) {
		fprintf(stderr, "head: %s: %s\n", path, strerror(errno));
		return 1;
	}
	ret = head_fd(fd, path, lines);
	close(fd);
	return ret;
}

/* Parses a line count; returns 0, or -1 if s is not a plain number. */
static int parse_count(const char *s, unsigned long *out)
{
	char *end;

	if (*s < '0' || *s > '9')
		return -1;
	errno = 0;
	*out = strtoul(s, &end, 10);
	return (*end || errno) ? -1 : 0;
}

int main(int argc, char **argv)
{
	unsigned long lines = 10;
	int i = 1, status = 0;

	for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		const char *arg = argv[i] + 1;

		if (!strcmp(arg, "-")) {
			i++;
			break;
		}
		if (*arg == 'n')
			arg = arg[1] ? arg + 1 : argv[++i];
		if (!arg || parse_count(arg, &lines) < 0)
			goto usage;
	}
	if (i >= argc)
		return head_fd(0, "stdin", lines);
	for (int first = i; i < argc; i++) {
		if (argc - first > 1)
			printf("%s==> %s <==\n", i > first ? "\n" : "", argv[i]);
		fflush(stdout);
		status |= head_file(argv[i], lines);
	}
	return status;
usage:
	fprintf(stderr, "usage: head [-n N | -N] [file...]\n");
	return 2;
}
