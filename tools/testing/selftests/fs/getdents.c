/* getdents: a directory of 1000 files lists each exactly once, plus . and .. */
#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "../kselftest.h"

#define NFILES 1000

int main(void)
{
	static unsigned char seen[NFILES];
	char base[] = "/tmp/linnet-getdents-XXXXXX", path[PATH_MAX];
	int created = 0, listed = 0, dots = 0, dup = 0, removed = 0;
	struct dirent *e;
	DIR *dir;

	ksft_plan(4);
	if (!mkdtemp(base))
		return 1;
	for (int i = 0; i < NFILES; i++) {
		int fd;

		snprintf(path, sizeof(path), "%s/file%04d", base, i);
		fd = open(path, O_CREAT | O_WRONLY, 0644);
		if (fd >= 0) {
			created++;
			close(fd);
		}
	}
	ksft_ok(created == NFILES, "created %d files", created);
	dir = opendir(base);
	while (dir && (e = readdir(dir))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) {
			dots++;
			continue;
		}
		if (!strncmp(e->d_name, "file", 4)) {
			int i = atoi(e->d_name + 4);

			if (i >= 0 && i < NFILES)
				dup += seen[i]++ != 0;
		}
		listed++;
	}
	if (dir)
		closedir(dir);
	ksft_ok(listed == NFILES && !dup, "getdents64 listed %d files, %d twice", listed, dup);
	ksft_ok(dots == 2, "and . and .. once each");
	for (int i = 0; i < NFILES; i++) {
		snprintf(path, sizeof(path), "%s/file%04d", base, i);
		removed += unlink(path) == 0;
	}
	ksft_ok(removed == NFILES && rmdir(base) == 0, "all removed, directory gone");
	ksft_exit();
}
