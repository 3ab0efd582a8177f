/* rm: remove files; -r: remove directories recursively, -f: ignore missing files. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

static int recursive, force;

static int fail(const char *path, int err)
{
	if (force && err == ENOENT)
		return 0;
	fprintf(stderr, "rm: %s: %s\n", path, strerror(err));
	return 1;
}

static int remove_path(const char *path);

/* Removes everything inside the directory path, then path itself. */
static int remove_dir(const char *path)
{
	DIR *d = opendir(path);
	struct dirent *e;
	int status = 0;

	if (!d)
		return fail(path, errno);
	while ((e = readdir(d)) != NULL) {
		char *child;

		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		if (asprintf(&child, "%s/%s", path, e->d_name) < 0) {
			status = fail(path, ENOMEM);
			break;
		}
		status |= remove_path(child);
		free(child);
	}
	closedir(d);
	if (status)
		return status;
	if (rmdir(path) < 0)
		return fail(path, errno);
	return 0;
}

static int remove_path(const char *path)
{
	struct stat st;

	if (lstat(path, &st) < 0)
		return fail(path, errno);
	if (S_ISDIR(st.st_mode)) {
		if (!recursive)
			return fail(path, EISDIR);
		return remove_dir(path);
	}
	if (unlink(path) < 0)
		return fail(path, errno);
	return 0;
}

int main(int argc, char **argv)
{
	int c, status = 0;

	while ((c = getopt(argc, argv, "rRf")) != -1) {
		if (c == 'r' || c == 'R')
			recursive = 1;
		else if (c == 'f')
			force = 1;
		else
			goto usage;
	}
	if (optind >= argc && !force)
		goto usage;
	for (int i = optind; i < argc; i++)
		status |= remove_path(argv[i]);
	return status;
usage:
	fprintf(stderr, "usage: rm [-r] [-f] path...\n");
	return 2;
}
