/* mkdir: create directories; -p: create missing parents, no error if present. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

static int parents;

/* mkdir that succeeds if path already is a directory. */
static int make_one(const char *path)
{
	struct stat st;

	if (mkdir(path, 0777) == 0)
		return 0;
	if (errno == EEXIST && stat(path, &st) == 0 && S_ISDIR(st.st_mode))
		return 0;
	return -1;
}

/* Creates every prefix of path ending at a '/', then path itself. */
static int make_parents(const char *path)
{
	char *copy = strdup(path);
	char *p;

	if (!copy)
		return -1;
	for (p = copy + 1; *p; p++) {
		if (*p != '/' || p[-1] == '/')
			continue;
		*p = '\0';
		if (make_one(copy) < 0) {
			int err = errno;

			fprintf(stderr, "mkdir: %s: %s\n", copy, strerror(err));
			free(copy);
			errno = err;
			return 1;
		}
		*p = '/';
	}
	free(copy);
	if (make_one(path) < 0) {
		fprintf(stderr, "mkdir: %s: %s\n", path, strerror(errno));
		return 1;
	}
	return 0;
}

static int make_dir(const char *path)
{
	if (parents)
		return make_parents(path);
	if (mkdir(path, 0777) < 0) {
		fprintf(stderr, "mkdir: %s: %s\n", path, strerror(errno));
		return 1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	int c, status = 0;

	while ((c = getopt(argc, argv, "p")) != -1) {
		if (c != 'p')
			goto usage;
		parents = 1;
	}
	if (optind >= argc)
		goto usage;
	for (int i = optind; i < argc; i++)
		status |= make_dir(argv[i]);
	return status;
usage:
	fprintf(stderr, "usage: mkdir [-p] dir...\n");
	return 2;
}
