/*
 * F_GETPIPE_SZ and F_SETPIPE_SZ: the 64 KiB default, rounding to a power
 * of two of pages (at least one), EBUSY below the bytes held (which
 * survive a resize), EINVAL past 2^31, EBADF for other files, FIFOs,
 * fs.pipe-max-size (root may exceed it; an unprivileged user gets EPERM).
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "../kselftest.h"

#define MAXSZ "/proc/sys/fs/pipe-max-size"

static int fails(long r, int err)
{
	return r == -1 && errno == err;
}

/* As nobody, with pipe-max-size at 8192: 8192 is allowed, 65536 is EPERM. */
static void unprivileged_past_max(void *arg)
{
	int p[2];

	(void)arg;
	if (setgid(65534) || setuid(65534) || pipe(p))
		_exit(1);
	_exit(fcntl(p[0], F_SETPIPE_SZ, 8192) == 8192 && fails(fcntl(p[0], F_SETPIPE_SZ, 65536), EPERM)
	      ? 0 : 2);
}

static int write_str(const char *path, const char *s)
{
	int fd = open(path, O_WRONLY), ok;

	ok = fd >= 0 && write(fd, s, strlen(s)) == (ssize_t)strlen(s);
	close(fd);
	return ok;
}

int main(void)
{
	static char buf[20000], back[20000];
	char fifo[] = "/tmp/linnet-pipesz-fifo", txt[64];
	int p[2], f, ok;

	ksft_plan(12);
	if (pipe(p))
		return 1;
	ksft_ok(fcntl(p[0], F_GETPIPE_SZ) == 65536 && fcntl(p[1], F_GETPIPE_SZ) == 65536,
		"a new pipe holds 64 KiB, seen from both ends");
	ksft_ok(fcntl(p[1], F_SETPIPE_SZ, 4096) == 4096 && fcntl(p[0], F_GETPIPE_SZ) == 4096 &&
		fcntl(p[1], F_SETPIPE_SZ, 1) == 4096 && fcntl(p[1], F_SETPIPE_SZ, 0) == 4096 &&
		fcntl(p[1], F_SETPIPE_SZ, 5000) == 8192 && fcntl(p[1], F_SETPIPE_SZ, 40000) == 65536,
		"sizes round up to a power of two of pages, at least one page");
	fcntl(p[1], F_SETPIPE_SZ, 4096);
	fcntl(p[1], F_SETFL, O_NONBLOCK);
	memset(buf, 'z', sizeof(buf));
	ksft_ok(write(p[1], buf, 10000) == 4096 && fails(write(p[1], buf, 1), EAGAIN),
		"a one-page pipe takes exactly one page");
	ksft_ok(read(p[0], back, sizeof(back)) == 4096, "and gives it back");
	for (int i = 0; i < (int)sizeof(buf); i++)
		buf[i] = (char)(i * 7);
	ok = fcntl(p[1], F_SETPIPE_SZ, 65536) == 65536 && write(p[1], buf, 3000) == 3000 &&
	     read(p[0], back, 1000) == 1000 && write(p[1], buf + 3000, 10000) == 10000;
	ksft_ok(ok && fails(fcntl(p[1], F_SETPIPE_SZ, 8192), EBUSY) && fcntl(p[0], F_GETPIPE_SZ) == 65536,
		"shrinking below the bytes held: EBUSY, size unchanged");
	ksft_ok(fcntl(p[0], F_SETPIPE_SZ, 16384) == 16384 && read(p[0], back + 1000, sizeof(back) - 1000) == 12000 &&
		!memcmp(back, buf, 13000), "a resize keeps the bytes in flight, in order");
	ksft_ok(fails(fcntl(p[0], F_SETPIPE_SZ, 0x80000001UL), EINVAL), "past 2^31: EINVAL");
	f = open("/proc/self/stat", O_RDONLY);
	ksft_ok(fails(fcntl(f, F_GETPIPE_SZ), EBADF) && fails(fcntl(f, F_SETPIPE_SZ, 4096), EBADF) &&
		fails(fcntl(-1, F_GETPIPE_SZ), EBADF), "not a pipe: EBADF");
	close(f);
	unlink(fifo);
	f = mkfifo(fifo, 0600) == 0 ? open(fifo, O_RDWR) : -1;
	ksft_ok(f >= 0 && fcntl(f, F_GETPIPE_SZ) == 65536 && fcntl(f, F_SETPIPE_SZ, 8192) == 8192,
		"a FIFO's pipe too");
	close(f);
	unlink(fifo);
	ksft_ok(ksft_read_file(MAXSZ, txt, sizeof(txt)) > 0 && !strcmp(txt, "1048576\n"),
		"fs.pipe-max-size is 1 MiB");
	ok = write_str(MAXSZ, "5000") && ksft_read_file(MAXSZ, txt, sizeof(txt)) > 0 &&
	     !strcmp(txt, "8192\n") && fcntl(p[0], F_SETPIPE_SZ, 65536) == 65536;
	ksft_ok(ok, "pipe-max-size is stored rounded; root may go past it");
	ksft_ok(ksft_run_child(unprivileged_past_max, NULL) == 0 && write_str(MAXSZ, "1048576"),
		"an unprivileged user may not (EPERM), up to it yes");
	close(p[0]);
	close(p[1]);
	ksft_exit();
}
