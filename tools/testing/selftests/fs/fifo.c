/*
 * fifo: mknod/mkfifo and named pipes as Linux has them.  A FIFO stats as
 * S_IFIFO; opening it non-blocking for reading succeeds at once, for
 * writing with no reader gives ENXIO; a blocking open waits for the other
 * side; data flows, EOF once the writer closes; O_RDWR never waits.  And
 * mknod's other node types and errors.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <unistd.h>
#include "../kselftest.h"

#define DIR	"/tmp/fifo_test"
#define FIFO	DIR "/f"

static void test_nonblocking(void)
{
	struct stat st;
	int r, w;
	char c;

	ksft_ok(mkfifo(FIFO, 0644) == 0 && stat(FIFO, &st) == 0 && S_ISFIFO(st.st_mode),
		"mkfifo makes an S_IFIFO node");
	ksft_ok(mkfifo(FIFO, 0644) == -1 && errno == EEXIST, "again: EEXIST");
	ksft_ok(open(FIFO, O_WRONLY | O_NONBLOCK) == -1 && errno == ENXIO,
		"a non-blocking writer with no reader: ENXIO");
	r = open(FIFO, O_RDONLY | O_NONBLOCK);
	ksft_ok(r >= 0 && read(r, &c, 1) == 0, "a non-blocking reader opens at once; no writer: EOF");
	w = open(FIFO, O_WRONLY | O_NONBLOCK);
	ksft_ok(w >= 0 && write(w, "hi", 2) == 2 && read(r, &c, 1) == 1 && c == 'h',
		"with a reader the writer opens, and data flows");
	close(w);
	ksft_ok(read(r, &c, 1) == 1 && c == 'i' && read(r, &c, 1) == 0,
		"the rest, then EOF once the writer has closed");
	close(r);
}

/* A child opens for writing (blocking) and writes; we open for reading. */
static void test_blocking(void)
{
	char buf[8] = "";
	int r, st, rw;
	pid_t pid = fork();

	if (pid == 0) {
		int w = open(FIFO, O_WRONLY);

		_exit(w >= 0 && write(w, "ping", 4) == 4 ? 0 : 1);
	}
	usleep(100000);			/* the writer now waits for us */
	r = open(FIFO, O_RDONLY);
	ksft_ok(r >= 0 && read(r, buf, 4) == 4 && !memcmp(buf, "ping", 4),
		"a blocking writer waits for a reader, then writes");
	ksft_ok(waitpid(pid, &st, 0) == pid && KSFT_EXITED(st, 0), "the writer finished");
	close(r);
	rw = open(FIFO, O_RDWR);
	ksft_ok(rw >= 0 && write(rw, "x", 1) == 1 && read(rw, buf, 1) == 1,
		"O_RDWR never waits and reads its own write");
	close(rw);
}

static void test_mknod(void)
{
	struct stat st;

	ksft_ok(mknod(DIR "/null", S_IFCHR | 0666, makedev(1, 3)) == 0 &&
		stat(DIR "/null", &st) == 0 && S_ISCHR(st.st_mode) && major(st.st_rdev) == 1 &&
		minor(st.st_rdev) == 3, "mknod of a character device (1, 3)");
	ksft_ok(mknod(DIR "/reg", 0600, 0) == 0 && stat(DIR "/reg", &st) == 0 &&
		S_ISREG(st.st_mode), "type 0 makes a regular file");
	ksft_ok(mknod(DIR "/d", S_IFDIR | 0755, 0) == -1 && errno == EPERM, "a directory: EPERM");
	ksft_ok(mknod(DIR "/bad", 0170000 | 0600, 0) == -1 && errno == EINVAL,
		"an unknown type: EINVAL");
	unlink(DIR "/null");
	unlink(DIR "/reg");
}

int main(void)
{
	ksft_plan(13);
	mkdir(DIR, 0755);
	test_nonblocking();
	test_blocking();
	test_mknod();
	unlink(FIFO);
	rmdir(DIR);
	ksft_exit();
}
