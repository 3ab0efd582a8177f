/*
 * mount: attach a file system, or list the mounted ones.
 *
 *   mount                                  print /proc/mounts
 *   mount [-t TYPE] [-o OPTS] [-r] SOURCE DIR
 *   mount --bind DIR1 DIR2                  (also -o bind)
 *   mount -o remount[,ro|rw...] DIR
 *
 * OPTS are util-linux's: ro rw nosuid suid nodev dev noexec exec noatime
 * atime nodiratime relatime remount bind; the rest go to the file system
 * as its data (size=1m, nr_inodes=..., mode=...).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>

static const struct { const char *name; unsigned long set, clear; } flag_opts[] = {
	{ "ro", MS_RDONLY, 0 },		{ "rw", 0, MS_RDONLY },
	{ "nosuid", MS_NOSUID, 0 },	{ "suid", 0, MS_NOSUID },
	{ "nodev", MS_NODEV, 0 },	{ "dev", 0, MS_NODEV },
	{ "noexec", MS_NOEXEC, 0 },	{ "exec", 0, MS_NOEXEC },
	{ "noatime", MS_NOATIME, 0 },	{ "atime", 0, MS_NOATIME },
	{ "nodiratime", MS_NODIRATIME, 0 }, { "relatime", MS_RELATIME, 0 },
	{ "remount", MS_REMOUNT, 0 },	{ "bind", MS_BIND, 0 },
	{ "defaults", 0, 0 },
};

/* Splits -o's list into mount flags and the file system's own data. */
static void parse_opts(char *opts, unsigned long *flags, char *data, size_t len)
{
	for (char *opt = strtok(opts, ","); opt; opt = strtok(NULL, ",")) {
		size_t i;

		for (i = 0; i < sizeof(flag_opts) / sizeof(flag_opts[0]); i++)
			if (!strcmp(opt, flag_opts[i].name))
				break;
		if (i < sizeof(flag_opts) / sizeof(flag_opts[0])) {
			*flags = (*flags | flag_opts[i].set) & ~flag_opts[i].clear;
			continue;
		}
		if (*data)
			strncat(data, ",", len - strlen(data) - 1);
		strncat(data, opt, len - strlen(data) - 1);
	}
}

static int list_mounts(void)
{
	FILE *f = fopen("/proc/mounts", "r");
	char line[1024];

	if (!f) {
		perror("mount: /proc/mounts");
		return 1;
	}
	while (fgets(line, sizeof(line), f))
		fputs(line, stdout);
	fclose(f);
	return 0;
}

static int usage(void)
{
	fprintf(stderr, "usage: mount [-t type] [-o opts] [-r] source dir\n"
			"       mount --bind dir1 dir2\n"
			"       mount -o remount[,opts] dir\n");
	return 1;
}

int main(int argc, char **argv)
{
	const char *type = NULL, *args[2] = { NULL, NULL };
	unsigned long flags = 0;
	char data[4096] = "";
	int nargs = 0;

	if (argc == 1)
		return list_mounts();
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-t") && i + 1 < argc)
			type = argv[++i];
		else if (!strcmp(argv[i], "-o") && i + 1 < argc)
			parse_opts(argv[++i], &flags, data, sizeof(data));
		else if (!strcmp(argv[i], "-r"))
			flags |= MS_RDONLY;
		else if (!strcmp(argv[i], "--bind"))
			flags |= MS_BIND;
		else if (argv[i][0] == '-' || nargs == 2)
			return usage();
		else
			args[nargs++] = argv[i];
	}
	if ((flags & MS_REMOUNT) && nargs == 1) {
		args[1] = args[0];
		args[0] = "none";
	} else if (nargs != 2) {
		return usage();
	}
	if (mount(args[0], args[1], type, flags, *data ? data : NULL)) {
		fprintf(stderr, "mount: %s on %s: %s\n", args[0], args[1], strerror(errno));
		return 32;		/* util-linux: "mount failure" */
	}
	return 0;
}
