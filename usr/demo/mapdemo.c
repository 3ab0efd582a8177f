/*
 * mapdemo: one file mapped MAP_SHARED by a parent and its child, then
 * MAP_PRIVATE for comparison.
 *
 * A MAP_SHARED file mapping has VM_SHARED set on its VMA ("s" in the
 * fourth permission column of /proc/self/maps).  Its page table entries
 * point straight at the file's page-cache pages, so every process that
 * maps the file, and read()/write() on the file, see one and the same
 * memory.  fork() copies such a VMA as it is: no copy-on-write.
 *
 * A MAP_PRIVATE mapping ("p") also starts on the page-cache page, but
 * mapped read-only; the first write faults and the kernel gives the
 * writer a private anonymous copy.  The file never sees those writes.
 *
 * usage: mapdemo [-k] [FILE]   (FILE defaults to /tmp/mapdemo.txt;
 *                               -k keeps it afterwards)
 *
 * Across a reboot, on a disk (make qemu's root is ext2):
 *        mapdemo -P FILE        parent and child write FILE through one
 *                               MAP_SHARED mapping and FILE.private
 *                               through MAP_PRIVATE ones, msync, keep both
 *        mapdemo -c FILE        after a power-off and a new boot: FILE
 *                               holds both writes, FILE.private neither
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>

#define DEMO_NAME "mapdemo"
#include "say.h"

/* The file: four lines of LINE bytes each, the last byte a newline. */
#define LINE	32
#define NLINES	4
#define FSIZE	(LINE * NLINES)

static int to_child[2], to_parent[2];	/* the turn-taking pipes */
static ino_t file_ino;			/* to find the file in maps */

/* Puts text into line n of a file image, padded with spaces. */
static void set_line(char *base, int n, const char *text)
{
	char *line = base + n * LINE;

	memset(line, ' ', LINE - 1);
	memcpy(line, text, strnlen(text, LINE - 1));
	line[LINE - 1] = '\n';
}

/* Line n of a file image without the padding, for printing. */
static const char *get_line(const char *base, int n)
{
	static char text[LINE];
	int len = LINE - 1;

	memcpy(text, base + n * LINE, len);
	while (len > 0 && text[len - 1] == ' ')
		len--;
	text[len] = '\0';
	return text;
}

/* Line n as read() from the file, not through any mapping. */
static const char *file_line(int fd, int n)
{
	static char buf[FSIZE];

	if (pread(fd, buf, FSIZE, 0) != FSIZE)
		die("pread");
	return get_line(buf, n);
}

/* Prints the lines of /proc/self/maps that map our file. */
static void show_maps(const char *who)
{
	char buf[8192], *line, *save;
	ssize_t len = 0, n;
	int fd = open("/proc/self/maps", O_RDONLY);

	if (fd < 0)
		die("/proc/self/maps");
	while (len < (ssize_t)sizeof(buf) - 1 &&
	       (n = read(fd, buf + len, sizeof(buf) - 1 - len)) > 0)
		len += n;
	buf[len] = '\0';
	close(fd);
	for (line = strtok_r(buf, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char range[32], perms[8], name[128];
		unsigned long ino;

		/* start-end perms offset dev inode path: keep 1, 2 and 6 */
		if (sscanf(line, "%31s %7s %*s %*s %lu %127s", range, perms, &ino,
			   name) == 4 && ino == file_ino)
			say("%-6s maps: %s %s ... %s\n", who, range, perms, name);
	}
}

static void child(char *shared)
{
	wait_turn(to_child[0]);
	show_maps("child");
	set_line(shared, 1, "child wrote this via its map");
	say("child  writes line 1 through its MAP_SHARED mapping\n");
	give_turn(to_parent[1]);

	wait_turn(to_child[0]);
	say("child  sees line 2 in its map: \"%s\"\n", get_line(shared, 2));
	_exit(0);
}

/* Parent and child share the page: each sees the other's writes. */
static void shared_part(char *shared, int fd)
{
	pid_t pid;
	int status;

	if (pipe(to_child) || pipe(to_parent))
		die("pipe");
	pid = fork();
	if (pid < 0)
		die("fork");
	if (pid == 0)
		child(shared);
	say("parent fork() -> child %d: VM_SHARED, so the page is not COW\n", pid);
	give_turn(to_child[1]);
	wait_turn(to_parent[0]);
	say("parent sees line 1 in its map:   \"%s\"\n", get_line(shared, 1));
	say("parent sees line 1 with read():  \"%s\"\n", file_line(fd, 1));
	say("         -> one page-cache page behind both maps and the file\n");
	set_line(shared, 2, "parent wrote this via its map");
	say("parent writes line 2 through its mapping\n");
	give_turn(to_child[1]);
	if (waitpid(pid, &status, 0) != pid)
		die("waitpid");
}

/* A private mapping of the same file: the first write makes a copy. */
static void private_part(char *shared, int fd, size_t len)
{
	char *priv = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);

	if (priv == MAP_FAILED)
		die("mmap MAP_PRIVATE");
	say("parent mmap MAP_PRIVATE of the same file:\n");
	show_maps("parent");
	say("parent private map, line 1 before writing: \"%s\"\n", get_line(priv, 1));
	set_line(priv, 3, "private write, file never sees");
	say("parent writes line 3 through the MAP_PRIVATE mapping\n");
	say("  private map line 3: \"%s\"\n", get_line(priv, 3));
	say("  shared map line 3:  \"%s\"\n", get_line(shared, 3));
	say("  read() line 3:      \"%s\"\n", file_line(fd, 3));
	say("         -> the write faulted and got a private anonymous copy\n");
	set_line(shared, 0, "line 0 changed via shared map");
	say("parent changes line 0 through the shared map; private map still: \"%s\"\n",
	    get_line(priv, 0));
	say("         -> the copy is detached from the file for good\n");
	if (munmap(priv, len))
		die("munmap private");
}

/* After msync and munmap the writes are in the file, as read() shows. */
static void show_file(const char *path)
{
	char buf[FSIZE];
	int fd = open(path, O_RDONLY);

	if (fd < 0)
		die(path);
	if (read(fd, buf, FSIZE) != FSIZE)
		die("read");
	close(fd);
	say("reopened %s, read() gives:\n", path);
	for (int i = 0; i < NLINES; i++)
		say("  %d: %s\n", i, get_line(buf, i));
}

static int create_file(const char *path)
{
	char image[FSIZE];
	struct stat st;
	int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);

	if (fd < 0)
		die(path);
	set_line(image, 0, "written with write()");
	for (int i = 1; i < NLINES; i++)
		set_line(image, i, "(empty)");
	if (write(fd, image, FSIZE) != FSIZE)
		die("write");
	if (fstat(fd, &st))
		die("fstat");
	file_ino = st.st_ino;
	say("created %s: %d lines of %d bytes with write()\n", path, NLINES, LINE);
	return fd;
}

/*
 * -P: parent and child each write one line of @path through @flags
 * mappings (inherited across fork), msync(MS_SYNC), and the file is kept.
 */
static void persist_one(const char *path, int flags, const char *kind)
{
	int fd = create_file(path), status;
	char *map = mmap(NULL, FSIZE, PROT_READ | PROT_WRITE, flags, fd, 0);
	pid_t pid;

	if (map == MAP_FAILED)
		die("mmap");
	if (fsync(fd))			/* the write() lines are durable now */
		die("fsync");
	pid = fork();
	if (pid < 0)
		die("fork");
	if (pid == 0) {
		set_line(map, 1, "child wrote this via its map");
		if (msync(map, FSIZE, MS_SYNC))
			die("msync");
		say("child  wrote line 1 through %s, msync(MS_SYNC)\n", kind);
		_exit(0);
	}
	if (waitpid(pid, &status, 0) != pid || status)
		die("child");
	set_line(map, 2, "parent wrote this via its map");
	if (msync(map, FSIZE, MS_SYNC))
		die("msync");
	say("parent wrote line 2 through %s, msync(MS_SYNC)\n", kind);
	if (munmap(map, FSIZE) || close(fd))
		die("munmap");
}

static int persist(const char *path)
{
	char priv[256];

	snprintf(priv, sizeof(priv), "%s.private", path);
	say("mapdemo -P: the writes of a parent and its child, kept across a reboot\n");
	persist_one(path, MAP_SHARED, "MAP_SHARED");
	say("  -> %s: both lines are the file's (one page-cache page, written once)\n", path);
	persist_one(priv, MAP_PRIVATE, "MAP_PRIVATE");
	say("  -> %s: each write went to a private copy\n", priv);
	say("Now power off (poweroff), boot again (make qemu) and run: mapdemo -c %s\n", path);
	return 0;
}

/* -c: after the reboot, which writes did each file keep? */
static int check_one(const char *path, int want_writes)
{
	char image[FSIZE];
	int fd = open(path, O_RDONLY), ok;

	if (fd < 0 || read(fd, image, FSIZE) != FSIZE)
		die(path);
	close(fd);
	say("%s:\n", path);
	for (int i = 0; i < NLINES; i++)
		say("  %d: %s\n", i, get_line(image, i));
	ok = (strcmp(get_line(image, 1), "child wrote this via its map") == 0) == want_writes &&
	     (strcmp(get_line(image, 2), "parent wrote this via its map") == 0) == want_writes;
	say("  -> %s: %s\n", ok ? "as expected" : "WRONG",
	    want_writes ? "both writes are in the file" : "neither write is in the file");
	return ok;
}

static int check(const char *path)
{
	char priv[256];
	int ok;

	snprintf(priv, sizeof(priv), "%s.private", path);
	ok = check_one(path, 1);
	ok &= check_one(priv, 0);
	return ok ? 0 : 1;
}

int main(int argc, char **argv)
{
	const char *path = "/tmp/mapdemo.txt";
	int keep = 0, fd;
	size_t len = FSIZE;	/* mmap rounds up to one page */
	char *shared;

	if (argc == 3 && !strcmp(argv[1], "-P"))
		return persist(argv[2]);
	if (argc == 3 && !strcmp(argv[1], "-c"))
		return check(argv[2]);
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-k"))
			keep = 1;
		else
			path = argv[i];
	}
	say("mapdemo: a file mapped MAP_SHARED between parent and child\n");
	fd = create_file(path);
	shared = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (shared == MAP_FAILED)
		die("mmap MAP_SHARED");
	say("parent mmap MAP_SHARED (\"s\" = VM_SHARED):\n");
	show_maps("parent");

	shared_part(shared, fd);
	private_part(shared, fd, len);

	if (msync(shared, len, MS_SYNC))
		die("msync");
	if (munmap(shared, len))
		die("munmap");
	close(fd);
	say("parent msync(MS_SYNC), munmap, close\n");
	show_file(path);
	if (keep) {
		say("kept %s (-k)\n", path);
	} else if (unlink(path)) {
		die("unlink");
	}
	return 0;
}
