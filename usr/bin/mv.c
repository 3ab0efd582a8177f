/* mv: rename src to dst, or move each src into directory dst; no options. */
#include <errno.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static int is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* Returns the last component of path (a copy, trailing slashes dropped). */
static char *last_name(const char *path)
{
	char *copy = strdup(path);
	char *name;

	if (!copy)
		return NULL;
	name = strdup(basename(copy));
	free(copy);
	return name;
}

static int move(const char *src, const char *dst)
{
	if (rename(src, dst) < 0) {
		fprintf(stderr, "mv: %s: %s\n", src, strerror(errno));
		return 1;
	}
	return 0;
}

/* Moves src into directory dir, keeping its name. */
static int move_into(const char *src, const char *dir)
{
	char *name = last_name(src);
	char *dst;
	int ret;

	if (!name || asprintf(&dst, "%s/%s", dir, name) < 0) {
		fprintf(stderr, "mv: %s: %s\n", src, strerror(ENOMEM));
		free(name);
		return 1;
	}
	ret = move(src, dst);
	free(dst);
	free(name);
	return ret;
}

int main(int argc, char **argv)
{
	const char *dst;
	int status = 0;

	if (argc < 3) {
		fprintf(stderr, "usage: mv src dst | mv src... dir\n");
		return 2;
	}
	dst = argv[argc - 1];
	if (!is_dir(dst)) {
		if (argc > 3) {
			fprintf(stderr, "mv: %s: %s\n", dst, strerror(ENOTDIR));
			return 1;
		}
		return move(argv[1], dst);
	}
	for (int i = 1; i < argc - 1; i++)
		status |= move_into(argv[i], dst);
	return status;
}
