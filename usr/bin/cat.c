/* cat: copy each file (or stdin for none or "-") to stdout; no options. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* Writes all n bytes, retrying short writes; returns 0 or -1. */
static int write_all(int fd, const char *buf, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, buf, n);

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

/* Copies fd to stdout; name is used in error messages. */
static int copy(int fd, const char *name)
{
	char buf[4096];
	ssize_t n;

	for (;;) {
		n = read(fd, buf, sizeof(buf));
		if (n == 0)
			return 0;
		if (n < 0) {
			if (errno == EINTR)
				continue;
			fprintf(stderr, "cat: %s: %s\n", name, strerror(errno));
			return 1;
		}
		if (write_all(1, buf, n) < 0) {
			fprintf(stderr, "cat: write: %s\n", strerror(errno));
			return 1;
		}
	}
}

static int cat_file(const char *path)
{
	int fd, ret;

	if (!strcmp(path, "-"))
		return copy(0, "stdin");
	fd = open(path, O_RDONLY);
	if (fd < 0) {
		fprintf(stderr, "cat: %s: %s\n", path, strerror(errno));
		return 1;
	}
	ret = copy(fd, path);
	close(fd);
	return ret;
}

int main(int argc, char **argv)
{
	int status = 0;

	if (argc < 2)
		return copy(0, "stdin");
	for (int i = 1; i < argc; i++)
		status |= cat_file(argv[i]);
	return status;
}
