/*
 * sync: write every dirty file, inode and file-system block to the
 * disks and wait for it (sync(2)); with FILE arguments, fsync each
 * instead (-f: syncfs of the file system holding each, as coreutils).
 */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	int fs = argc > 1 && !strcmp(argv[1], "-f"), status = 0;

	if (argc == 1 + fs) {
		sync();
		return 0;
	}
	for (int i = 1 + fs; i < argc; i++) {
		int fd = open(argv[i], O_RDONLY | O_NONBLOCK);

		if (fd < 0 || (fs ? syncfs(fd) : fsync(fd))) {
			perror(argv[i]);
			status = 1;
		}
		if (fd >= 0)
			close(fd);
	}
	return status;
}
