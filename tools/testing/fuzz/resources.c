/*
 * resources.c: what a child's calls work on, re-made every REFRESH_EVERY
 * calls: a pool of descriptors it opened itself, and a 64-page playground
 * of mappings and holes (see the PG_* layout in fuzz.h).
 */
#include "fuzz.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <sys/syscall.h>

struct resources res;
unsigned long scratch[1024] __attribute__((aligned(4096)));

char *pg(unsigned int page)
{
	return res.play + page * PAGE;
}

static void add_fd(int fd, int is_dir)
{
	if (fd < 0 || res.nfds >= MAX_FDS)
		return;
	res.fds[res.nfds++] = fd;
	if (is_dir && res.ndirfds < 4)
		res.dirfds[res.ndirfds++] = fd;
}

static void fill_random(char *p, size_t len)
{
	for (size_t i = 0; i < len; i++)
		p[i] = (char)rnd();
}

static void map_fixed(unsigned int page, unsigned int n, int prot, int flags, int fd)
{
	void *p = mmap(pg(page), n * PAGE, prot, flags | MAP_FIXED, fd, 0);

	if (p != MAP_FAILED && (prot & PROT_WRITE))
		fill_random(p, n * PAGE);
}

/* (Re)builds the playground at res.play; failures only leave holes. */
static void make_mappings(int mfd)
{
	mmap(res.play, PG_COUNT * PAGE, PROT_NONE,
	     MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	map_fixed(PG_RW, 4, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1);
	map_fixed(PG_SHARED, 2, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1);
	map_fixed(PG_RO, 1, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1);
	map_fixed(PG_FSHARED, 2, PROT_READ | PROT_WRITE, MAP_SHARED, mfd);
	map_fixed(PG_FPRIV, 2, PROT_READ | PROT_WRITE, MAP_PRIVATE, mfd);
	map_fixed(PG_RW2, 1, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1);
	map_fixed(PG_RW3, 1, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1);
	munmap(pg(PG_HOLE), PAGE);
	munmap(pg(PG_FREE), (PG_COUNT - PG_FREE) * PAGE);
}

/*
 * Closes every descriptor above 2 (but the trace one, in 300..510, see
 * trace.c), then opens the pool afresh; one pool member sits at a high
 * number (3000..4095) so that calls work on a grown table.
 */
static void make_fds(void)
{
	int p[2];

	syscall(SYS_close_range, 3, 299, 0);
	syscall(SYS_close_range, 511, ~0U, 0);
	res.nfds = res.ndirfds = 0;
	add_fd(open("f0", O_RDWR | O_CREAT, 0644), 0);
	add_fd(open("f1", O_RDWR | O_CREAT | O_APPEND, 0600), 0);
	add_fd(open(".", O_RDONLY | O_DIRECTORY), 1);
	if (mkdir("d0", 0755) == 0 || errno == EEXIST)
		add_fd(open("d0", O_RDONLY | O_DIRECTORY), 1);
	for (int i = 0; i < 2; i++)
		if (pipe2(p, i ? O_NONBLOCK : 0) == 0) {
			add_fd(p[0], 0);
			add_fd(p[1], 0);
		}
	add_fd(open("/dev/null", O_RDONLY), 0);
	add_fd(open("/dev/zero", O_RDWR), 0);
	add_fd(open("/proc/self/maps", O_RDONLY), 0);
	add_fd(open("/proc/self/status", O_RDONLY), 0);
	add_fd(open("/proc", O_RDONLY | O_DIRECTORY), 1);
	add_fd(dup(0), 0);		/* stdio: /dev/null, or a pipe without devices */
	/* Sockets (non-blocking, so that a read never stalls), an eventfd, an epoll set. */
	for (int i = 0; i < 2; i++)
		if (socketpair(AF_UNIX, (i ? SOCK_DGRAM : SOCK_STREAM) | SOCK_NONBLOCK, 0, p) == 0) {
			add_fd(p[0], 0);
			add_fd(p[1], 0);
		}
	add_fd(eventfd(1, EFD_NONBLOCK), 0);
	add_fd(epoll_create1(0), 0);
	add_fd(fcntl(0, F_DUPFD, 3000 + below(1096)), 0);	/* EMFILE/EINVAL if limited */
}

void refresh(void)
{
	int mfd;

	make_fds();
	mfd = open("m0", O_RDWR | O_CREAT, 0644);
	if (mfd >= 0 && ftruncate(mfd, 2 * PAGE) == 0)
		add_fd(mfd, 0);
	make_mappings(mfd);
}
