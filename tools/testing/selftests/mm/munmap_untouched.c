/*
 * munmap_untouched: munmap of memory the program never wrote itself.
 * Pages that arrived through read(), /proc/self/mem, mremap, fork,
 * MAP_POPULATE or a merge with a neighbour are gone after munmap: a new
 * mapping at the same address reads zeros, and the untouched memory
 * faults (SIGSEGV) once unmapped.
 */
#include "../kselftest.h"
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/wait.h>

#define LEN (1024 * 1024UL)

static char *map_at(void *addr, size_t len, int flags)
{
	char *p = mmap(addr, len, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | flags, -1, 0);

	return p == MAP_FAILED ? NULL : p;
}

/* munmap @p, map fresh anonymous memory at the same place: all zero? */
static int gone(char *p, size_t len)
{
	char *q;
	int zero = 1;

	if (munmap(p, len))
		return 0;
	q = map_at(p, len, MAP_FIXED);
	if (q != p)
		return 0;
	for (size_t i = 0; i < len; i += 512)
		zero &= q[i] == 0;
	munmap(q, len);
	return zero;
}

static int all(const char *p, size_t len, char c)
{
	for (size_t i = 0; i < len; i += 512)
		if (p[i] != c)
			return 0;
	return 1;
}

static void touch(void *arg)
{
	*(volatile char *)arg = 1;
}

/* Fills @p with @c through read() from a file: the kernel's copy faults. */
static int fill_by_read(char *p, size_t len, char c)
{
	char path[] = "/tmp/munmap_untouchedXXXXXX";
	int fd = mkstemp(path), ok;
	char *buf = malloc(len);

	if (fd < 0 || !buf)
		return 0;
	unlink(path);
	memset(buf, c, len);
	ok = write(fd, buf, len) == (ssize_t)len && lseek(fd, 0, SEEK_SET) == 0 &&
	     read(fd, p, len) == (ssize_t)len;
	free(buf);
	close(fd);
	return ok;
}

int main(void)
{
	char *p, *q, *t;
	int st, fd;

	ksft_plan(11);

	p = map_at(NULL, LEN, 0);
	ksft_ok(p && munmap(p, LEN) == 0, "munmap of 1 MiB never touched");
	st = ksft_run_child(touch, p + LEN / 2);
	ksft_ok(KSFT_SIGNALLED(st, SIGSEGV), "and it faults afterwards (status %#x)", st);

	p = map_at(NULL, LEN, 0);
	ksft_ok(p && fill_by_read(p, LEN, 'r') && all(p, LEN, 'r') && gone(p, LEN),
		"pages written by read(): gone after munmap");

	p = map_at(NULL, LEN, 0);
	fd = open("/proc/self/mem", O_RDWR);
	if (p && fd >= 0) {
		char buf[4096];

		ssize_t n;

		memset(buf, 'm', sizeof(buf));
		n = pwrite64(fd, buf, sizeof(buf), (off64_t)(unsigned long)(p + 8192));
		if (n != (ssize_t)sizeof(buf))
			ksft_diag("pwrite64: %zd (%s)", n, strerror(errno));
		ksft_ok(n == (ssize_t)sizeof(buf) && all(p + 8192, sizeof(buf), 'm') && gone(p, LEN),
			"a page written through /proc/self/mem: gone after munmap");
		close(fd);
	} else {
		ksft_ok(0, "/proc/self/mem: %s", strerror(errno));
	}

	/* mremap: the pages move to a mapping that never faulted itself */
	p = map_at(NULL, LEN, 0);
	t = map_at(NULL, LEN, 0);
	if (p && t) {
		memset(p, 'v', LEN);
		q = mremap(p, LEN, LEN, MREMAP_MAYMOVE | MREMAP_FIXED, t);
		ksft_ok(q == t && all(q, LEN, 'v') && gone(q, LEN),
			"pages moved by mremap: gone after munmap of the new place");
	} else {
		ksft_ok(0, "mmap for mremap");
	}

	/* a merge: an untouched mapping glued onto a touched one, then cut off */
	p = map_at(NULL, 2 * LEN, 0);
	if (p && munmap(p + LEN, LEN) == 0) {
		memset(p, 'a', LEN);
		q = map_at(p + LEN, LEN, MAP_FIXED);
		ksft_ok(q == p + LEN && all(q, LEN, 0), "an adjacent new mapping reads zero");
		memset(q, 'b', LEN);
		ksft_ok(gone(q, LEN) && all(p, LEN, 'a'),
			"its pages are gone after munmap, the neighbour keeps its own");
		/* and the other way: the touched half of a merged VMA cut off */
		q = map_at(p + LEN, LEN, MAP_FIXED);
		memset(p, 'c', LEN);
		ksft_ok(q == p + LEN && gone(p, LEN) && all(q, LEN, 0),
			"the touched lower half of a merged mapping: gone after munmap");
		munmap(q, LEN);
		/* an untouched mapping placed below a touched one absorbs it */
		q = map_at(p + LEN, LEN, MAP_FIXED);
		memset(q, 'd', LEN);
		ksft_ok(q == p + LEN && map_at(p, LEN, MAP_FIXED) == p && gone(q, LEN) &&
			all(p, LEN, 0), "a touched mapping merged into a new one below it: "
			"gone after munmap");
		munmap(p, LEN);
	} else {
		for (int i = 0; i < 4; i++)
			ksft_ok(0, "mmap for the merge");
	}

	/* fork: the child reaches the parent's pages through its page tables */
	p = map_at(NULL, LEN, 0);
	if (p) {
		pid_t pid;

		memset(p, 'f', LEN);
		pid = fork();
		if (pid == 0)
			_exit(gone(p, LEN) ? 0 : 1);
		ksft_ok(pid > 0 && waitpid(pid, &st, 0) == pid && KSFT_EXITED(st, 0) &&
			all(p, LEN, 'f'),
			"a child's munmap of inherited pages: gone for it, kept by the parent");
		munmap(p, LEN);
	} else {
		ksft_ok(0, "mmap for fork");
	}

	/* MAP_POPULATE of a file: mapped by the kernel, never read by us */
	{
		char path[] = "/tmp/munmap_untouchedXXXXXX";
		char *buf = malloc(LEN);

		fd = mkstemp(path);
		if (fd >= 0 && buf) {
			unlink(path);
			memset(buf, 'p', LEN);
			if (write(fd, buf, LEN) == (ssize_t)LEN) {
				p = mmap(NULL, LEN, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
				ksft_ok(p != MAP_FAILED && gone(p, LEN),
					"a MAP_POPULATE file mapping: gone after munmap");
			} else {
				ksft_ok(0, "write: %s", strerror(errno));
			}
			close(fd);
		} else {
			ksft_ok(0, "mkstemp: %s", strerror(errno));
		}
		free(buf);
	}
	ksft_exit();
}
