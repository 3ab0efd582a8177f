/*
 * page_accounting (Linnet only): the paths where a page-cache page can
 * lose track of its count -- rename over an existing name, unlink while
 * open or mapped, truncation of a mapped file, the COW copy of a private
 * file page, O_TRUNC under a mapping, shared anonymous memory across
 * fork, hard links -- each followed by the kernel's own check that every
 * page frame is counted exactly once (/sys/kernel/debug/page_accounting)
 * and by meminfo's identity, exact on an idle Linnet:
 *
 *   MemTotal - MemFree = Cached + AnonPages + Slab + KernelStack + PageTables
 *
 * Writing N pages to a new file adds exactly N pages to Cached and
 * removing it gives them back.
 */
#include "../kselftest.h"
#include <fcntl.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/stat.h>

#define DIR		"/tmp/page_accounting"
#define PAGES		8

static char text[4096];

static char meminfo_text[4096];

/* Reads /proc/meminfo once: the fields below then come from one snapshot. */
static void meminfo_read(void)
{
	int fd = open("/proc/meminfo", O_RDONLY);
	ssize_t n = fd < 0 ? -1 : read(fd, meminfo_text, sizeof(meminfo_text) - 1);

	if (fd >= 0)
		close(fd);
	meminfo_text[n > 0 ? n : 0] = '\0';
}

/* The value of "@key:" in the last snapshot, in KiB; -1 if missing. */
static long field(const char *key)
{
	char pattern[64];
	const char *p;

	snprintf(pattern, sizeof(pattern), "\n%s:", key);
	p = !strncmp(meminfo_text, pattern + 1, strlen(pattern + 1)) ? meminfo_text - 1 :
	    strstr(meminfo_text, pattern);
	return p ? strtol(p + strlen(pattern), NULL, 10) : -1;
}

static long meminfo(const char *key)
{
	meminfo_read();
	return field(key);
}

/* The kernel's census verdict: "invariant: ok" or why not. */
static const char *census(void)
{
	int fd = open("/sys/kernel/debug/page_accounting", O_RDONLY);
	ssize_t n = fd < 0 ? -1 : read(fd, text, sizeof(text) - 1);
	char *v;

	if (fd >= 0)
		close(fd);
	if (n <= 0)
		return "unreadable";
	text[n] = '\0';
	v = strstr(text, "invariant: ");
	if (!v)
		return "no verdict";
	v[strcspn(v, "\n")] = '\0';
	return v;
}

/* used - (Cached + AnonPages + Slab + KernelStack + PageTables), in KiB. */
static long unexplained_kb(void)
{
	meminfo_read();
	return field("MemTotal") - field("MemFree") - field("Cached") - field("AnonPages") -
	       field("Slab") - field("KernelStack") - field("PageTables");
}

static void check(const char *after)
{
	const char *verdict = census();
	long rest = unexplained_kb();

	ksft_ok(!strcmp(verdict, "invariant: ok") && rest == 0,
		"after %s: %s, %ld kB outside the categories", after, verdict, rest);
}

static int write_file(const char *path, int pages)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);

	memset(text, 'p', sizeof(text));
	for (int i = 0; fd >= 0 && i < pages; i++)
		if (write(fd, text, sizeof(text)) != (ssize_t)sizeof(text))
			return -1;
	return fd < 0 ? -1 : close(fd);
}

static char *map_file(const char *path, int flags, int pages)
{
	int fd = open(path, O_RDWR);
	char *p;

	if (fd < 0)
		return MAP_FAILED;
	p = mmap(NULL, pages * KSFT_PAGE, PROT_READ | PROT_WRITE, flags, fd, 0);
	close(fd);
	return p;
}

static void touch(char *p, int pages)
{
	for (int i = 0; p != MAP_FAILED && i < pages; i++)
		p[i * KSFT_PAGE] ^= 1;
}

/* A new file of PAGES pages, mapped with @flags and every page touched. */
static char *file_mapped_and_touched(const char *path, int flags)
{
	char *p;

	write_file(path, PAGES);
	p = map_file(path, flags, PAGES);
	touch(p, PAGES);
	return p;
}

static void unmap(char *p)
{
	if (p != MAP_FAILED)
		munmap(p, PAGES * KSFT_PAGE);
}

static void cached_follows_files(void)
{
	long before = meminfo("Cached"), grown;

	write_file(DIR "/n", PAGES);
	grown = meminfo("Cached") - before;
	unlink(DIR "/n");
	ksft_ok(grown == PAGES * 4 && meminfo("Cached") == before,
		"%d pages written add %ld kB to Cached, unlink gives them back",
		PAGES, grown);
}

static void rename_over(void)
{
	write_file(DIR "/a", PAGES);
	write_file(DIR "/b", PAGES / 2);
	rename(DIR "/a", DIR "/b");
	check("rename over an existing name");
	unlink(DIR "/b");
}

static void unlink_open_and_mapped(void)
{
	int fd;
	char *p;

	p = file_mapped_and_touched(DIR "/o", MAP_SHARED);
	fd = open(DIR "/o", O_RDONLY);
	unlink(DIR "/o");
	check("unlink while open and mapped");
	unmap(p);
	check("munmap of the unlinked file");
	close(fd);
	check("close of the unlinked file");
}

static void truncate_mapped(void)
{
	char *p;

	p = file_mapped_and_touched(DIR "/t", MAP_SHARED);
	truncate(DIR "/t", 3 * KSFT_PAGE + 100);
	check("truncate of a shared mapping");
	truncate(DIR "/t", PAGES * KSFT_PAGE);
	touch(p, PAGES);
	unmap(p);
	check("growing it again and touching every page");
	unlink(DIR "/t");
}

static void private_cow_then_truncate(void)
{
	char *p;

	p = file_mapped_and_touched(DIR "/c", MAP_PRIVATE);	/* COW: anonymous copies */
	check("COW of private file pages");
	truncate(DIR "/c", 0);
	unlink(DIR "/c");
	check("truncate and unlink under the private copies");
	unmap(p);
	check("munmap of the private copies");
}

static void o_trunc_under_mapping(void)
{
	char *p;

	p = file_mapped_and_touched(DIR "/r", MAP_SHARED);
	write_file(DIR "/r", 1);	/* O_TRUNC, then one page again */
	check("O_TRUNC of a mapped file");
	unmap(p);
	unlink(DIR "/r");
}

static void shared_anon_across_fork(void)
{
	char *p = mmap(NULL, PAGES * KSFT_PAGE, PROT_READ | PROT_WRITE,
		       MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	pid_t pid;

	if (p == MAP_FAILED)
		return;
	touch(p, PAGES / 2);
	pid = fork();
	if (pid == 0) {
		touch(p, PAGES);
		_exit(0);
	}
	waitpid(pid, NULL, 0);
	check("shared anonymous memory written by a child");
	munmap(p, PAGES * KSFT_PAGE);
	check("munmap of the last shared mapping");
}

static void hard_links(void)
{
	write_file(DIR "/h", PAGES);
	link(DIR "/h", DIR "/h2");
	unlink(DIR "/h");
	check("unlink of one of two names");
	unlink(DIR "/h2");
	check("unlink of the last name");
}

int main(void)
{
	ksft_plan(16);
	mkdir(DIR, 0700);
	check("start");
	cached_follows_files();
	rename_over();
	unlink_open_and_mapped();
	truncate_mapped();
	private_cow_then_truncate();
	o_trunc_under_mapping();
	shared_anon_across_fork();
	hard_links();
	rmdir(DIR);
	ksft_exit();
}
