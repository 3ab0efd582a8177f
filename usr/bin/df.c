/*
 * df [-a] [DIR...]: space on each mounted file system, in 1K blocks, as
 * coreutils prints it.  Without DIRs, every mount in /proc/mounts that
 * has a size (-a: those without one too); with them, the file systems
 * they are on.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/statfs.h>

/* One line for the file system @dir is on, shown as mounted on @where. */
static int show(const char *source, const char *dir, const char *where, int all)
{
	unsigned long long blocks, avail, used, k;
	struct statfs st;

	if (statfs(dir, &st)) {
		fprintf(stderr, "df: %s: %s\n", dir, strerror(errno));
		return 1;
	}
	if (!st.f_blocks && !all)
		return 0;
	k = (unsigned long long)st.f_bsize / 1024;
	blocks = st.f_blocks * k;
	avail = st.f_bavail * k;
	used = (st.f_blocks - st.f_bfree) * k;
	printf("%-20s %10llu %10llu %10llu ", source, blocks, used, avail);
	if (used + avail)
		printf("%3llu%%", (used * 100 + used + avail - 1) / (used + avail));
	else
		printf("%4s", "-");
	printf(" %s\n", where);
	return 0;
}

/* The mount (source and mount point) that @dir is on; 0 if found. */
static int mount_of(const char *dir, char *source, char *where, size_t len)
{
	FILE *f = fopen("/proc/mounts", "r");
	char line[1024], src[512], mnt[512];
	size_t best = 0;

	while (f && fgets(line, sizeof(line), f)) {
		size_t n;

		if (sscanf(line, "%511s %511s", src, mnt) != 2)
			continue;
		n = strlen(mnt);
		if (!strncmp(dir, mnt, n) && (dir[n] == '/' || !dir[n] || n == 1) && n >= best) {
			best = n;
			snprintf(source, len, "%s", src);
			snprintf(where, len, "%s", mnt);
		}
	}
	if (f)
		fclose(f);
	return best ? 0 : -1;
}

int main(int argc, char **argv)
{
	char line[1024], source[512], where[512];
	int all = 0, failed = 0, dirs = 0;
	FILE *f;

	printf("%-20s %10s %10s %10s %4s %s\n", "Filesystem", "1K-blocks", "Used",
	       "Available", "Use%", "Mounted on");
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-a")) {
			all = 1;
			continue;
		}
		dirs++;
		if (mount_of(argv[i], source, where, sizeof(source))) {
			snprintf(source, sizeof(source), "-");
			snprintf(where, sizeof(where), "%s", argv[i]);
		}
		failed |= show(source, argv[i], where, 1);
	}
	if (dirs)
		return failed;
	f = fopen("/proc/mounts", "r");
	if (!f) {
		perror("df: /proc/mounts");
		return 1;
	}
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "%511s %511s", source, where) == 2)
			failed |= show(source, where, where, all);
	fclose(f);
	return failed;
}
