/* ls: list directory contents or file names, sorted; -l long format, -a include dot files. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/stat.h>

static int long_format, show_all;

static int fail(const char *path)
{
	int err = errno;

	fflush(stdout);
	fprintf(stderr, "ls: %s: %s\n", path, strerror(err));
	return 1;
}

static int compare(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static char type_char(mode_t m)
{
	if (S_ISDIR(m))  return 'd';
	if (S_ISLNK(m))  return 'l';
	if (S_ISCHR(m))  return 'c';
	if (S_ISBLK(m))  return 'b';
	if (S_ISFIFO(m)) return 'p';
	if (S_ISSOCK(m)) return 's';
	return '-';
}

/* Fills buf with a mode string such as "drwxr-xr-x". */
static void mode_string(mode_t m, char *buf)
{
	const char *rwx = "rwxrwxrwx";

	buf[0] = type_char(m);
	for (int i = 0; i < 9; i++)
		buf[i + 1] = (m & (0400 >> i)) ? rwx[i] : '-';
	if (m & S_ISUID)
		buf[3] = (m & S_IXUSR) ? 's' : 'S';
	if (m & S_ISGID)
		buf[6] = (m & S_IXGRP) ? 's' : 'S';
	if (m & S_ISVTX)
		buf[9] = (m & S_IXOTH) ? 't' : 'T';
	buf[10] = '\0';
}

/* Fills buf with "Mon dd HH:MM" in UTC. */
static void time_string(time_t t, char *buf, size_t size)
{
	static const char months[12][4] = {
		"Jan", "Feb", "Mar", "Apr", "May", "Jun",
		"Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
	};
	struct tm tm;

	if (!gmtime_r(&t, &tm)) {
		snprintf(buf, size, "??? ?? ??:??");
		return;
	}
	snprintf(buf, size, "%s %2d %02d:%02d", months[tm.tm_mon],
		 tm.tm_mday, tm.tm_hour, tm.tm_min);
}

/* Prints one long-format line for path, shown as name. */
static int print_long(const char *path, const char *name)
{
	struct stat st;
	char mode[11], when[32], target[4096];
	ssize_t n;

	if (lstat(path, &st) < 0)
		return fail(path);
	mode_string(st.st_mode, mode);
	time_string(st.st_mtime, when, sizeof(when));
	printf("%s %2lu %4u %4u %8lld %s %s", mode, (unsigned long)st.st_nlink,
	       (unsigned)st.st_uid, (unsigned)st.st_gid,
	       (long long)st.st_size, when, name);
	if (S_ISLNK(st.st_mode)) {
		n = readlink(path, target, sizeof(target) - 1);
		if (n >= 0) {
			target[n] = '\0';
			printf(" -> %s", target);
		}
	}
	putchar('\n');
	return 0;
}

/* Prints one entry; dir is the directory it lives in, or NULL. */
static int print_entry(const char *dir, const char *name)
{
	char *path;
	int ret;

	if (!long_format) {
		puts(name);
		return 0;
	}
	if (!dir)
		return print_long(name, name);
	if (asprintf(&path, "%s/%s", dir, name) < 0)
		return fail(name);
	ret = print_long(path, name);
	free(path);
	return ret;
}

/* Reads the names in dir (all, or those not starting with '.'); returns count or -1. */
static int read_names(const char *dir, char ***names)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0, cap = 0;
	char **v = NULL, **nv;

	if (!d)
		return -1;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.' && !show_all)
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 32;
			nv = realloc(v, cap * sizeof(*v));
			if (!nv)
				break;
			v = nv;
		}
		v[n] = strdup(e->d_name);
		if (!v[n])
			break;
		n++;
	}
	closedir(d);
	qsort(v, n, sizeof(*v), compare);
	*names = v;
	return n;
}

static int list_dir(const char *dir)
{
	char **names;
	int n, status = 0;

	n = read_names(dir, &names);
	if (n < 0)
		return fail(dir);
	for (int i = 0; i < n; i++) {
		status |= print_entry(dir, names[i]);
		free(names[i]);
	}
	free(names);
	return status;
}

/* Follows a symlink operand unless -l (which shows the link itself). */
static int stat_arg(const char *path, struct stat *st)
{
	if (!long_format && stat(path, st) == 0)
		return 0;
	return lstat(path, st);
}

/* Lists the operands: plain files first, then each directory's contents. */
static int list_args(char **args, int n)
{
	struct stat st;
	int status = 0, shown = 0;

	qsort(args, n, sizeof(*args), compare);
	for (int i = 0; i < n; i++) {
		if (stat_arg(args[i], &st) < 0) {
			status |= fail(args[i]);
			args[i] = NULL;
		} else if (!S_ISDIR(st.st_mode)) {
			status |= print_entry(NULL, args[i]);
			args[i] = NULL;
			shown = 1;
		}
	}
	for (int i = 0; i < n; i++) {
		if (!args[i])
			continue;
		if (n > 1)
			printf("%s%s:\n", shown ? "\n" : "", args[i]);
		shown = 1;
		status |= list_dir(args[i]);
	}
	return status;
}

int main(int argc, char **argv)
{
	static char *dot[] = { "." };
	int c;

	while ((c = getopt(argc, argv, "la")) != -1) {
		if (c == 'l')
			long_format = 1;
		else if (c == 'a')
			show_all = 1;
		else {
			fprintf(stderr, "usage: ls [-l] [-a] [path...]\n");
			return 2;
		}
	}
	if (optind >= argc)
		return list_args(dot, 1);
	return list_args(argv + optind, argc - optind);
}
