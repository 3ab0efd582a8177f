/* cp: copy regular file src to dst, or each src into directory dir, keeping the mode; no options. */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

static int is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static int fail(const char *path, int err)
{
	fprintf(stderr, "cp: %s: %s\n", path, strerror(err));
	return 1;
}

/* Copies all of in to out; returns 0, or errno (negative if the write failed). */
static int copy_data(int in, int out)
{
	char buf[8192];
	ssize_t n, w;

	while ((n = read(in, buf, sizeof(buf))) != 0) {
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return errno;
		}
		for (char *p = buf; n > 0; p += w, n -= w) {
			w = write(out, p, n);
			if (w < 0)
				return -errno;
		}
	}
	return 0;
}

/* Opens dst for writing; refuses when dst is the very file src. */
static int open_dst(const char *dst, const struct stat *sst)
{
	struct stat dst_st;

	if (stat(dst, &dst_st) == 0 && dst_st.st_dev == sst->st_dev &&
	    dst_st.st_ino == sst->st_ino) {
		fprintf(stderr, "cp: %s: same file as source\n", dst);
		errno = 0;
		return -1;
	}
	return open(dst, O_WRONLY | O_CREAT | O_TRUNC, sst->st_mode & 07777);
}

static int copy_file(const char *src, const char *dst)
{
	struct stat st;
	int in, out, err;

	in = open(src, O_RDONLY);
	if (in < 0)
		return fail(src, errno);
	if (fstat(in, &st) < 0) {
		err = errno;
		close(in);
		return fail(src, err);
	}
	if (!S_ISREG(st.st_mode)) {
		close(in);
		if (S_ISDIR(st.st_mode))
			return fail(src, EISDIR);
		fprintf(stderr, "cp: %s: not a regular file\n", src);
		return 1;
	}
	out = open_dst(dst, &st);
	if (out < 0) {
		err = errno;
		close(in);
		return err ? fail(dst, err) : 1;
	}
	err = copy_data(in, out);
	close(in);
	if (close(out) < 0 && !err)
		err = -errno;
	if (err)
		return err > 0 ? fail(src, err) : fail(dst, -err);
	if (chmod(dst, st.st_mode & 07777) < 0)
		return fail(dst, errno);
	return 0;
}

/* Copies src into directory dir under its own name. */
static int copy_into(const char *src, const char *dir)
{
	char *copy = strdup(src);
	char *dst;
	int ret;

	if (!copy || asprintf(&dst, "%s/%s", dir, basename(copy)) < 0) {
		free(copy);
		return fail(src, ENOMEM);
	}
	ret = copy_file(src, dst);
	free(dst);
	free(copy);
	return ret;
}

int main(int argc, char **argv)
{
	const char *dst;
	int status = 0;

	if (argc < 3) {
		fprintf(stderr, "usage: cp src dst | cp src... dir\n");
		return 2;
	}
	dst = argv[argc - 1];
	if (!is_dir(dst)) {
		if (argc > 3)
			return fail(dst, ENOTDIR);
		return copy_file(argv[1], dst);
	}
	for (int i = 1; i < argc - 1; i++)
		status |= copy_into(argv[i], dst);
	return status;
}
