/*
 * cowdemo: copy-on-write after fork(), page by page.
 *
 * fork() does not copy a process's private memory.  The child gets a
 * copy of the parent's page tables instead: both processes map the same
 * physical pages, and the kernel clears the write bit in both page tables
 * (and takes one reference on each page per mapper).  The first write to
 * such a page by either process is a write-protection fault, and the
 * fault handler decides:
 *
 *  - the page is still mapped by the other process too: allocate a new
 *    page, copy the contents, map the copy writable (Linnet counts this
 *    as "cow_copy" in /proc/vmstat);
 *  - the other process has let go of it (it exited, or it already took
 *    its own copy): the writer is the last one, so the page is just made
 *    writable again in place, no copy ("cow_reuse").
 *
 * This program makes both cases happen on purpose and shows the counter
 * changes of every single page write.  The counters in /proc/vmstat are
 * system-wide, so the two processes take turns through two pipes: while
 * one measures, the other is asleep in read().
 *
 * Under each line of counters, every written page shows the physical
 * frame behind it before and after the write, read from
 * /proc/self/pagemap, and how many page tables map that frame, read from
 * /proc/kpagecount (the coremap's mapcount): a shared page is one frame
 * mapped twice; a copy is a new frame mapped once; a reuse keeps the
 * frame, now mapped once.
 *
 * On Linux there are no cow_copy/cow_reuse counters (they are Linnet's),
 * so those show as n/a; pgfault is still there (and may count a stray
 * fault of some other process now and then).  Linux shows the frames
 * only to root.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <uapi/linux-ish/pagemap.h>

#define DEMO_NAME "cowdemo"
#include "say.h"

#define NPAGES		16
#define PAGE		4096
#define VMSTAT_MAX	16384	/* Linux's /proc/vmstat is ~5 KiB */

/* Values stored in the first word of each page: who wrote it last. */
#define V_BEFORE	100	/* parent, before fork */
#define V_CHILD		200	/* child, after fork */
#define V_PARENT	300	/* parent, after fork */

struct counters {
	unsigned long pgfault, cow_copy, cow_reuse;
};

static int linnet;		/* /proc/vmstat has cow_copy: set before fork */
static char *region;		/* NPAGES private anonymous pages */
static int to_child[2], to_parent[2];	/* the turn-taking pipes */

/* Reads a whole (small) file into buf, NUL-terminated. */
static void slurp(const char *path, char *buf, size_t size)
{
	size_t len = 0;
	ssize_t n;
	int fd = open(path, O_RDONLY);

	if (fd < 0)
		die(path);
	while (len < size - 1 && (n = read(fd, buf + len, size - 1 - len)) > 0)
		len += n;
	buf[len] = '\0';
	close(fd);
}

/* The number after "name" at the start of a line, or -1 if absent. */
static long field(const char *text, const char *name)
{
	size_t len = strlen(name);

	for (const char *p = text; p; p = strchr(p, '\n')) {
		if (*p == '\n')
			p++;
		if (!strncmp(p, name, len) && (p[len] == ' ' || p[len] == ':'))
			return strtol(p + len + 1, NULL, 10);
	}
	return -1;
}

static void sample(struct counters *c)
{
	char buf[VMSTAT_MAX];

	slurp("/proc/vmstat", buf, sizeof(buf));
	c->pgfault = field(buf, "pgfault");
	c->cow_copy = field(buf, "cow_copy");
	c->cow_reuse = field(buf, "cow_reuse");
}

/* Resident anonymous memory of this process, in KiB. */
static long rss_anon(void)
{
	char buf[2048];

	slurp("/proc/self/status", buf, sizeof(buf));
	return field(buf, "RssAnon");
}

/*
 * After fork, this process's own stack is copy-on-write as well, so the
 * first write to each stack page would show up in our counters.  Touch
 * the stack (and take one sample) before measuring anything.  Called
 * once before fork too, so that RssAnon already counts these pages.
 */
static void __attribute__((noinline)) warm_up(void)
{
	volatile char pad[64 * 1024];
	struct counters c;

	for (size_t i = 0; i < sizeof(pad); i += 512)
		pad[i] = 0;
	sample(&c);
}

/* Entry @index (8 bytes each) of the binary /proc file @path; 0 if unreadable. */
static uint64_t proc_entry(const char *path, uint64_t index)
{
	uint64_t e = 0;
	int fd = open(path, O_RDONLY);

	if (fd >= 0) {
		if (pread(fd, &e, sizeof(e), index * sizeof(e)) != sizeof(e))
			e = 0;
		close(fd);
	}
	return e;
}

/* The frame behind virtual page @addr and how often it is mapped. */
struct frame {
	unsigned long pfn;	/* 0: not present, or hidden (Linux, not root) */
	long mapped;
};

static struct frame frame_of(const void *addr)
{
	uint64_t e = proc_entry("/proc/self/pagemap", (uintptr_t)addr / PAGE);
	struct frame f = { 0, -1 };

	if (e & PM_PRESENT)
		f.pfn = e & PM_PFN_MASK;
	if (f.pfn)
		f.mapped = proc_entry("/proc/kpagecount", f.pfn);
	return f;
}

static int show_frame(char *buf, size_t size, struct frame f)
{
	if (!f.pfn)
		return snprintf(buf, size, "frame n/a");
	return snprintf(buf, size, "frame %#7lx mapped %ldx", f.pfn, f.mapped);
}

/* Pipe tokens: give the other process its turn, wait for ours. */
static int *word(int i)
{
	return (int *)(region + (size_t)i * PAGE);
}

/*
 * Reads (value < 0) or writes one page and tells from the counters what
 * the fault did: C copied, R reused, F other fault (or counters n/a),
 * - no fault at all.
 */
static char touch_page(int i, int value, struct counters *sum)
{
	struct counters a, b;

	sample(&a);
	if (value < 0)
		(void)*(volatile int *)word(i);
	else
		*(volatile int *)word(i) = value;
	sample(&b);
	sum->pgfault += b.pgfault - a.pgfault;
	sum->cow_copy += b.cow_copy - a.cow_copy;
	sum->cow_reuse += b.cow_reuse - a.cow_reuse;
	if (linnet && b.cow_copy != a.cow_copy)
		return 'C';
	if (linnet && b.cow_reuse != a.cow_reuse)
		return 'R';
	return b.pgfault != a.pgfault ? 'F' : '-';
}

static void report(const char *who, const char *what, const struct counters *d,
		   const char *letters)
{
	if (linnet)
		say("%-6s %-19s pgfault %+3ld  cow_copy %+ld  cow_reuse %+ld  [%s]\n",
		    who, what, (long)d->pgfault, (long)d->cow_copy, (long)d->cow_reuse,
		    letters);
	else
		say("%-6s %-19s pgfault %+3ld  cow_copy n/a  cow_reuse n/a  [%s]\n",
		    who, what, (long)d->pgfault, letters);
}

/* Writes pages first..last, prints one line of counter deltas and why. */
static void write_pages(const char *who, int first, int last, int value,
			const char *why)
{
	struct counters sum = { 0, 0, 0 };
	struct frame before[NPAGES], after[NPAGES];
	char letters[NPAGES + 1], what[32], line[128];
	int n = 0;

	for (int i = first; i <= last; i++) {
		before[n] = frame_of(word(i));
		letters[n] = touch_page(i, value + i, &sum);
		after[n++] = frame_of(word(i));
	}
	letters[n] = '\0';
	snprintf(what, sizeof(what), "writes pages %d-%d", first, last);
	report(who, what, &sum, letters);
	for (int i = 0; i < n; i++) {
		int len = snprintf(line, sizeof(line), "         page %2d: ", first + i);

		len += show_frame(line + len, sizeof(line) - len, before[i]);
		len += snprintf(line + len, sizeof(line) - len, " -> ");
		show_frame(line + len, sizeof(line) - len, after[i]);
		say("%s\n", line);
	}
	say("         -> %s\n", why);
}

/* Reading a COW page needs no fault: it is mapped, just read-only. */
static void read_all(const char *who)
{
	struct counters sum = { 0, 0, 0 };
	char letters[NPAGES + 1];

	for (int i = 0; i < NPAGES; i++)
		letters[i] = touch_page(i, -1, &sum);
	letters[NPAGES] = '\0';
	report(who, "reads pages 0-15", &sum, letters);
	say("         -> reading a shared page is fine: no fault, no copy\n");
}

static void child(void)
{
	int values[NPAGES];

	wait_turn(to_child[0]);
	warm_up();
	say("child  RssAnon %ld kB: the shared pages count in both processes\n",
	    rss_anon());
	read_all("child");
	write_pages("child", 0, 3, V_CHILD,
		    "shared with the parent: each write fault copied the page");
	give_turn(to_parent[1]);

	wait_turn(to_child[0]);
	write_pages("child", 4, 5, V_CHILD,
		    "the parent took copies of 4-7: the child is the last mapper, reused in place");
	give_turn(to_parent[1]);

	wait_turn(to_child[0]);
	for (int i = 0; i < NPAGES; i++)
		values[i] = *word(i);
	if (write(to_parent[1], values, sizeof(values)) != sizeof(values))
		_exit(2);
	_exit(0);
}

static void print_row(const char *name, const int *v)
{
	char line[128];
	int n = snprintf(line, sizeof(line), "%-7s", name);

	for (int i = 0; i < NPAGES; i++)
		n += snprintf(line + n, sizeof(line) - n, "%4d", v[i]);
	say("%s\n", line);
}

static void show_contents(const int *child_values)
{
	int index[NPAGES], mine[NPAGES];

	for (int i = 0; i < NPAGES; i++) {
		index[i] = i;
		mine[i] = *word(i);
	}
	say("first word of each page (1xx: before fork, 2xx: child, 3xx: parent):\n");
	print_row("page", index);
	print_row("child", child_values);
	print_row("parent", mine);
}

static void parent(pid_t pid)
{
	int values[NPAGES], status;

	warm_up();
	say("parent RssAnon %ld kB after fork: unchanged, nothing was copied\n",
	    rss_anon());
	give_turn(to_child[1]);

	wait_turn(to_parent[0]);
	write_pages("parent", 4, 7, V_PARENT,
		    "COW protects the child from the parent too: copied");
	give_turn(to_child[1]);

	wait_turn(to_parent[0]);
	write_pages("parent", 0, 1, V_PARENT,
		    "the child copied 0-3 already: the parent alone maps these, reused");
	give_turn(to_child[1]);

	if (read(to_parent[0], values, sizeof(values)) != sizeof(values))
		die("child's values");
	if (waitpid(pid, &status, 0) != pid)
		die("waitpid");
	say("child  has exited: its references to the shared pages are gone\n");
	write_pages("parent", 8, 11, V_PARENT,
		    "only one mapper left: made writable in place, no copy");
	say("parent pages 12-15 never written after fork: never copied at all\n");
	show_contents(values);
	say("parent RssAnon %ld kB\n", rss_anon());
}

int main(void)
{
	struct counters sum = { 0, 0, 0 };
	char letters[NPAGES + 1];
	pid_t pid;
	char buf[VMSTAT_MAX];

	warm_up();	/* the stack pages are in RssAnon from here on */
	slurp("/proc/vmstat", buf, sizeof(buf));
	linnet = field(buf, "cow_copy") >= 0;
	say("cowdemo: copy-on-write after fork, %d private anonymous pages\n", NPAGES);
	if (!linnet)
		say("(not Linnet: cow_copy and cow_reuse are n/a (not Linnet))\n");
	say("letters, one per page: C copied  R reused  F other fault  - no fault\n");

	region = mmap(NULL, NPAGES * PAGE, PROT_READ | PROT_WRITE,
		      MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (region == MAP_FAILED)
		die("mmap");
	say("parent RssAnon %ld kB before touching the pages\n", rss_anon());
	for (int i = 0; i < NPAGES; i++)
		letters[i] = touch_page(i, V_BEFORE + i, &sum);
	letters[NPAGES] = '\0';
	report("parent", "writes pages 0-15", &sum, letters);
	say("         -> first touch: each write faulted in a fresh zeroed page\n");
	say("parent RssAnon %ld kB\n", rss_anon());

	if (pipe(to_child) || pipe(to_parent))
		die("pipe");
	pid = fork();
	if (pid < 0)
		die("fork");
	if (pid == 0)
		child();
	say("parent fork() -> child %d; both now map the same pages read-only\n", pid);
	parent(pid);
	return 0;
}
