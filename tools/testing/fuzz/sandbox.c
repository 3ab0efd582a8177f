/*
 * sandbox.c: the run's sandbox directory, made under FUZZ_DIR, TMPDIR or
 * /tmp, and removed at the end without following a symbolic link.
 */
#include "fuzz.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

char sandbox[256];

int make_sandbox(void)
{
	static const char *const bases[] = { "FUZZ_DIR", "TMPDIR" };
	const char *base = NULL;

	for (unsigned int i = 0; i < 2 && !base; i++)
		base = getenv(bases[i]);
	for (int tries = 0; tries < 10; tries++) {
		snprintf(sandbox, sizeof(sandbox), "%s/fuzz.XXXXXX", base ? base : "/tmp");
		if (mkdtemp(sandbox) && chdir(sandbox) == 0)
			return 0;
	}
	return -1;
}

/* rm -r of the directory open as @dfd, never following a symbolic link. */
static void remove_tree_at(int dfd)
{
	DIR *d = fdopendir(dfd);
	struct dirent *de;

	if (!d) {
		close(dfd);
		return;
	}
	while ((de = readdir(d))) {
		struct stat st;
		int sub;

		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		if (fstatat(dfd, de->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
		    S_ISDIR(st.st_mode)) {
			fchmodat(dfd, de->d_name, 0700, 0);
			sub = openat(dfd, de->d_name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW);
			if (sub >= 0)
				remove_tree_at(sub);
			if (unlinkat(dfd, de->d_name, AT_REMOVEDIR) < 0 && opt_verbose)
				say("# fuzz: rmdir %s: %s", de->d_name, strerror(errno));
		} else if (unlinkat(dfd, de->d_name, 0) < 0 && opt_verbose) {
			say("# fuzz: unlink %s: %s", de->d_name, strerror(errno));
		}
	}
	closedir(d);
}

void remove_sandbox(void)
{
	int fd;

	if (chdir("/") < 0)
		return;
	fd = open(sandbox, O_RDONLY | O_DIRECTORY | O_NOFOLLOW);
	if (fd >= 0)
		remove_tree_at(fd);
	if (rmdir(sandbox) < 0 && opt_verbose)
		say("# fuzz: could not remove %s: %s", sandbox, strerror(errno));
}
