/* ln: make a hard link name to target; -s: make a symbolic link instead. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	int c, symbolic = 0, ret;

	while ((c = getopt(argc, argv, "s")) != -1) {
		if (c != 's')
			goto usage;
		symbolic = 1;
	}
	if (argc - optind != 2)
		goto usage;
	if (symbolic)
		ret = symlink(argv[optind], argv[optind + 1]);
	else
		ret = link(argv[optind], argv[optind + 1]);
	if (ret < 0) {
		fprintf(stderr, "ln: %s: %s\n", argv[optind + 1], strerror(errno));
		return 1;
	}
	return 0;
usage:
	fprintf(stderr, "usage: ln [-s] target name\n");
	return 2;
}
