/* umount [-l] [-f] DIR...: detach file systems (-l: lazily, MNT_DETACH; -f: MNT_FORCE). */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>

int main(int argc, char **argv)
{
	int flags = 0, done = 0, failed = 0;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-l")) {
			flags |= MNT_DETACH;
		} else if (!strcmp(argv[i], "-f")) {
			flags |= MNT_FORCE;
		} else if (argv[i][0] == '-') {
			fprintf(stderr, "usage: umount [-l] [-f] dir...\n");
			return 1;
		} else {
			done++;
			if (umount2(argv[i], flags)) {
				fprintf(stderr, "umount: %s: %s\n", argv[i], strerror(errno));
				failed = 1;
			}
		}
	}
	if (!done) {
		fprintf(stderr, "usage: umount [-l] [-f] dir...\n");
		return 1;
	}
	return failed ? 32 : 0;
}
