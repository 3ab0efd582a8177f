/*
 * pipestress: writer/reader pairs push a seeded byte stream through pipes
 * in random chunk sizes (up to 20000 bytes, so above PIPE_BUF and the
 * pipe's capacity); one writer of each pair is non-blocking and sees
 * partial writes and EAGAIN.  Readers read random amounts and check
 * every byte and the total.  Two more writers share one pipe with records
 * of at most PIPE_BUF bytes, which must arrive whole and in order per
 * writer.  Meanwhile a hog child maps, touches and unmaps 16 MiB again
 * and again (memory pressure) until the parent stops it.
 */
#include "stress.h"
#include <limits.h>
#include <sys/mman.h>
#include <time.h>

#define PAIRS		3
#define STREAM_BYTES	(768 * 1024)
#define MAX_CHUNK	20000
#define RECORDS		400
#define HOG_BYTES	(16UL << 20)

struct record_head {
	uint32_t writer, seq, len;	/* len: payload bytes after the head */
};

static unsigned long seed;
static unsigned char chunk[MAX_CHUNK];

/* Fills @buf with bytes [@pos, @pos + @len) of stream @id. */
static void stream_bytes(unsigned char *buf, size_t pos, size_t len, int id)
{
	uint64_t key = stress_key(seed, 1, (unsigned)id, 0);

	for (size_t i = 0; i < len; i++)
		buf[i] = (unsigned char)(key >> ((pos + i) % 8 * 8)) ^
			 (unsigned char)((pos + i) / 8 * 13);
}

static void nap(void)
{
	struct timespec ts = { 0, 200000 };

	nanosleep(&ts, NULL);
}

/* Writes all of @len bytes; a non-blocking @fd takes them in parts. */
static void write_chunk(int fd, const unsigned char *buf, size_t len)
{
	while (len) {
		ssize_t n = write(fd, buf, len);

		if (n < 0 && errno == EAGAIN) {
			nap();		/* O_NONBLOCK: the pipe is full */
			continue;
		}
		if (n < 0 && errno == EPIPE)
			_exit(STRESS_EXIT_SKIP);	/* the reader's status tells why */
		if (n <= 0)
			stress_syserr("write to a pipe");
		buf += n;
		len -= (size_t)n;
	}
}

static void stream_writer(int fd, int id)
{
	stress_state ^= (uint64_t)id << 40;
	if (id % 2)
		fcntl(fd, F_SETFL, O_NONBLOCK);
	for (size_t pos = 0; pos < STREAM_BYTES; ) {
		size_t len = 1 + stress_below(MAX_CHUNK);

		if (len > STREAM_BYTES - pos)
			len = STREAM_BYTES - pos;
		stream_bytes(chunk, pos, len, id);
		write_chunk(fd, chunk, len);
		pos += len;
	}
	_exit(0);
}

static void stream_reader(int fd, int id)
{
	static unsigned char want[MAX_CHUNK];
	size_t pos = 0;
	ssize_t n;

	stress_state ^= (uint64_t)id << 48;
	while ((n = read(fd, chunk, 1 + stress_below(MAX_CHUNK))) > 0) {
		stream_bytes(want, pos, (size_t)n, id);
		for (ssize_t i = 0; i < n; i++)
			if (chunk[i] != want[i])
				stress_fail("pipe %d: byte %zu is %#x, sent %#x", id,
					    pos + (size_t)i, chunk[i], want[i]);
		pos += (size_t)n;
	}
	if (n < 0)
		stress_syserr("read from a pipe");
	if (pos != STREAM_BYTES) {
		/* A writer that ran out of memory stops early: not a bug. */
		stress_diag("pipe %d: %zu of %d bytes arrived", id, pos, STREAM_BYTES);
		_exit(STRESS_EXIT_SKIP);
	}
	_exit(0);
}

/* Writer @w: RECORDS records of at most PIPE_BUF bytes, each one write(). */
static void record_writer(int fd, int w)
{
	struct record_head *h = (struct record_head *)chunk;

	stress_state ^= (uint64_t)(w + 8) << 40;
	for (uint32_t seq = 0; seq < RECORDS; seq++) {
		h->writer = (uint32_t)w;
		h->seq = seq;
		h->len = stress_below(PIPE_BUF - sizeof(*h) + 1);
		memset(chunk + sizeof(*h), (int)(w * 64 + seq % 64), h->len);
		ssize_t n = write(fd, chunk, sizeof(*h) + h->len);

		if (n < 0 && errno == EPIPE)
			_exit(STRESS_EXIT_SKIP);
		if (n < 0)
			stress_syserr("a write of at most PIPE_BUF bytes");
		if (n != (ssize_t)(sizeof(*h) + h->len))
			stress_fail("a write of %zu bytes (<= PIPE_BUF) wrote %zd",
				    sizeof(*h) + h->len, n);
	}
	_exit(0);
}

/* Reads exactly @len bytes unless the pipe ends first; returns how many. */
static size_t read_full(int fd, unsigned char *buf, size_t len)
{
	size_t got = 0;

	while (got < len) {
		ssize_t n = read(fd, buf + got, len - got);

		if (n < 0)
			stress_syserr("read from the shared pipe");
		if (n == 0)
			break;
		got += (size_t)n;
	}
	return got;
}

static void record_reader(int fd)
{
	struct record_head h;
	uint32_t next[2] = { 0, 0 };

	while (read_full(fd, (unsigned char *)&h, sizeof(h)) == sizeof(h)) {
		if (h.writer > 1 || h.seq != next[h.writer] || h.len > PIPE_BUF - sizeof(h))
			stress_fail("shared pipe: record head writer %u seq %u len %u, "
				    "expected seq %u/%u", h.writer, h.seq, h.len, next[0], next[1]);
		if (read_full(fd, chunk, h.len) != h.len)
			stress_fail("shared pipe: record %u of writer %u cut short",
				    h.seq, h.writer);
		for (uint32_t i = 0; i < h.len; i++)
			if (chunk[i] != (unsigned char)(h.writer * 64 + h.seq % 64))
				stress_fail("shared pipe: record %u of writer %u interleaved "
					    "or corrupted at byte %u", h.seq, h.writer, i);
		next[h.writer]++;
	}
	if (next[0] != RECORDS || next[1] != RECORDS)
		_exit(STRESS_EXIT_SKIP);	/* a writer ran out of memory */
	_exit(0);
}

/* Maps, touches and unmaps HOG_BYTES until killed, or orphaned. */
static void hog(pid_t parent)
{
	while (getppid() == parent) {
		unsigned char *p = mmap(NULL, HOG_BYTES, PROT_READ | PROT_WRITE,
					MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

		if (p == MAP_FAILED) {
			nap();
			continue;
		}
		for (size_t off = 0; off < HOG_BYTES; off += STRESS_PAGE)
			p[off] = (unsigned char)off;
		munmap(p, HOG_BYTES);
	}
	_exit(0);
}

static int fds[PAIRS + 1][2];

/*
 * Forks a child running @fn on end @end of pipe @p and holding no other
 * pipe end (so that every reader sees EOF once its writers are done).
 * Returns its pid, or 0 if fork ran out.
 */
static pid_t start(void (*fn)(int, int), int p, int end, int id)
{
	pid_t pid;

	pid = stress_fork();
	if (pid < 0 && !stress_resource(errno))
		stress_fail("fork: %s", strerror(errno));
	if (pid == 0) {
		for (int i = 0; i <= PAIRS; i++)
			for (int e = 0; e < 2; e++)
				if (i != p || e != end)
					close(fds[i][e]);
		fn(fds[p][end], id);
	}
	return pid > 0 ? pid : 0;
}

/* A check failed: kills and reaps every child, then fails. */
__attribute__((noreturn))
static void stop_all(const pid_t *pids, int n, pid_t hog_pid)
{
	for (int i = 0; i < n; i++)
		if (pids[i] > 0)
			kill(pids[i], SIGKILL);
	if (hog_pid > 0)
		kill(hog_pid, SIGKILL);
	while (wait(NULL) > 0 || errno == EINTR)
		;
	_exit(STRESS_EXIT_FAIL);
}

static void reader_of_records(int fd, int unused)
{
	(void)unused;
	record_reader(fd);
}

int main(int argc, char **argv)
{
	pid_t pids[2 * PAIRS + 3], hog_pid;
	int n = 0, skipped = 0, tries = 0;

	seed = stress_init(argc, argv);
	signal(SIGPIPE, SIG_IGN);	/* a writer whose reader died gets EPIPE */
	hog_pid = fork();		/* before the pipes: it holds no end */
	if (hog_pid == 0)
		hog(getppid());
	for (int i = 0; i <= PAIRS; i++)
		while (pipe(fds[i]))
			if (!stress_again(&tries))
				stress_syserr("pipe");
	for (int i = 0; i < PAIRS; i++) {
		pids[n++] = start(stream_writer, i, 1, i);
		pids[n++] = start(stream_reader, i, 0, i);
	}
	pids[n++] = start(record_writer, PAIRS, 1, 0);
	pids[n++] = start(record_writer, PAIRS, 1, 1);
	pids[n++] = start(reader_of_records, PAIRS, 0, 0);
	for (int i = 0; i <= PAIRS; i++) {
		close(fds[i][0]);
		close(fds[i][1]);
	}
	for (int i = 0; i < n; i++) {
		enum stress_verdict v = STRESS_SKIPPED;

		if (pids[i])
			v = stress_status(stress_wait(pids[i]), 0, "a pipe child");
		if (v == STRESS_FAILED)
			stop_all(pids, n, hog_pid);
		skipped |= v == STRESS_SKIPPED;
	}
	if (hog_pid > 0) {
		kill(hog_pid, SIGKILL);
		stress_wait(hog_pid);
	}
	if (skipped)
		stress_skip("a pipe child's allocation", ENOMEM);
	stress_diag("%d streams of %d KiB and %d records of up to PIPE_BUF: intact",
		    PAIRS, STREAM_BYTES / 1024, 2 * RECORDS);
	return 0;
}
