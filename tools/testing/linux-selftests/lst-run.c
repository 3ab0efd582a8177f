/*
 * The interpreter of the guest's wrappers /lst/t/<dir>/<program>, each
 * just "#!/lst/lst-run": run as "lst-run /lst/t/<dir>/<program>", it
 * changes to /lst/<dir> and executes ./<program> there with stdin from
 * /dev/null, as the selftests' own runner starts a test from its
 * directory.  It execs (no fork), so init sees the test's own exit
 * status or signal.
 *
 * Run as the interpreter of /lst/t/lst-setup (the list's first entry), it
 * mounts what a Linux system has and init does not mount: sysfs on /sys,
 * tmpfs on /dev/shm, devpts on /dev/pts, mqueue on /dev/mqueue, and
 * symlinks /dev/fd, /dev/stdin, /dev/stdout, /dev/stderr into
 * /proc/self/fd.  Each failure is printed and passed over (a kernel
 * without one of them runs the tests that need none); it exits 0.
 */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <errno.h>
#include <sys/mount.h>
#include <sys/stat.h>

#define PREFIX "/lst/t/"

static int setup(void)
{
	static const struct { const char *type, *dir; } fs[] = {
		{ "sysfs", "/sys" }, { "tmpfs", "/dev/shm" },
		{ "devpts", "/dev/pts" }, { "mqueue", "/dev/mqueue" },
	};
	static const struct { const char *link, *target; } ln[] = {
		{ "/dev/fd", "/proc/self/fd" }, { "/dev/stdin", "/proc/self/fd/0" },
		{ "/dev/stdout", "/proc/self/fd/1" }, { "/dev/stderr", "/proc/self/fd/2" },
	};
	unsigned int i;

	for (i = 0; i < sizeof(fs) / sizeof(fs[0]); i++) {
		mkdir(fs[i].dir, 0755);
		if (mount(fs[i].type, fs[i].dir, fs[i].type, 0, NULL))
			printf("lst-setup: mount %s on %s: %s\n", fs[i].type, fs[i].dir, strerror(errno));
		else
			printf("lst-setup: mounted %s on %s\n", fs[i].type, fs[i].dir);
	}
	for (i = 0; i < sizeof(ln) / sizeof(ln[0]); i++)
		if (symlink(ln[i].target, ln[i].link) && errno != EEXIST)
			printf("lst-setup: symlink %s: %s\n", ln[i].link, strerror(errno));
	return 0;
}

int main(int argc, char **argv, char **envp)
{
	char dir[512], prog[512];
	char *args[] = { prog, NULL };
	const char *rel;
	char *slash;
	int fd;

	if (argc < 2 || strncmp(argv[1], PREFIX, strlen(PREFIX))) {
		fprintf(stderr, "lst-run: run as the interpreter of %s<dir>/<program>\n", PREFIX);
		return 127;
	}
	if (!strcmp(argv[1], PREFIX "lst-setup"))
		return setup();
	rel = argv[1] + strlen(PREFIX);
	snprintf(dir, sizeof(dir), "/lst/%s", rel);
	slash = strrchr(dir, '/');
	*slash = '\0';
	snprintf(prog, sizeof(prog), "./%s", slash + 1);
	if (chdir(dir)) {
		perror(dir);
		return 127;
	}
	fd = open("/dev/null", O_RDONLY);
	if (fd > 0) {
		dup2(fd, 0);
		close(fd);
	}
	execve(prog, args, envp);
	perror(prog);
	return 127;
}
