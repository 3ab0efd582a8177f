/*
 * kmsg: /dev/kmsg gives the kernel log one record per read(), in Linux's
 * "PRI,SEQ,USEC,FLAGS;text" format with consecutive sequence numbers;
 * a write() becomes a record (its "<N>" prefix the priority, a user
 * message otherwise); a buffer too small gives EINVAL; SEEK_END skips
 * to the end (then EAGAIN), other offsets are ESPIPE.  And /dev/full.
 * Needs root and the device nodes.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "../kselftest.h"

static char rec[8192];

/* Reads one record; its PRI and SEQ, or -1 (errno kept) at the end. */
static int next_record(int fd, unsigned int *pri, unsigned long long *seq, char **text)
{
	unsigned long long usec;
	char flag;
	int used = 0;
	ssize_t n = read(fd, rec, sizeof(rec) - 1);

	if (n <= 0)
		return -1;
	rec[n] = '\0';
	if (sscanf(rec, "%u,%llu,%llu,%c;%n", pri, seq, &usec, &flag, &used) != 4 || !used ||
	    rec[n - 1] != '\n')
		return -2;
	*text = rec + used;
	return 0;
}

/* Finds the record carrying @needle from here on; its PRI, or -1. */
static int find_record(int fd, const char *needle)
{
	unsigned long long seq;
	unsigned int pri;
	char *text;

	while (next_record(fd, &pri, &seq, &text) == 0)
		if (!strncmp(text, needle, strlen(needle)) && text[strlen(needle)] == '\n')
			return pri;
	return -1;
}

static void test_records(int rd)
{
	unsigned long long seq, prev = 0;
	unsigned int pri;
	int n = 0, consecutive = 1, r;
	char *text;

	while ((r = next_record(rd, &pri, &seq, &text)) == 0) {
		if (n && seq != prev + 1)
			consecutive = 0;
		prev = seq;
		n++;
	}
	ksft_ok(n > 0 && r == -1 && errno == EAGAIN,
		"%d records in Linux's format, then EAGAIN (non-blocking)", n);
	ksft_ok(consecutive, "sequence numbers are consecutive");
}

static void test_write(int rd)
{
	const char *tagged = "<14>linnet-kmsg-test tagged\n", *plain = "linnet-kmsg-test plain\n";
	int wr = open("/dev/kmsg", O_WRONLY);

	ksft_ok(wr >= 0 && write(wr, tagged, strlen(tagged)) == (ssize_t)strlen(tagged) &&
		write(wr, plain, strlen(plain)) == (ssize_t)strlen(plain),
		"write() of two messages returns their lengths");
	close(wr);
	ksft_ok(find_record(rd, "linnet-kmsg-test tagged") == 14,
		"the <14> message reads back with PRI 14, no newline kept");
	ksft_ok(find_record(rd, "linnet-kmsg-test plain") == 12,
		"a message without a prefix is user.warning: PRI 12");
}

static void test_seek(int rd)
{
	char small[8];

	ksft_ok(lseek(rd, 0, SEEK_SET) == 0 && read(rd, small, sizeof(small)) == -1 &&
		errno == EINVAL, "a buffer smaller than the record: EINVAL");
	ksft_ok(lseek(rd, 0, SEEK_END) == 0 && read(rd, rec, sizeof(rec)) == -1 && errno == EAGAIN,
		"SEEK_END: nothing more to read");
	ksft_ok(lseek(rd, 1, SEEK_SET) == -1 && errno == ESPIPE, "a non-zero offset: ESPIPE");
}

static void test_full(void)
{
	char buf[16] = "xxxxxxxxxxxxxxx";
	int fd = open("/dev/full", O_RDWR);

	ksft_ok(fd >= 0 && write(fd, "a", 1) == -1 && errno == ENOSPC,
		"/dev/full: write gives ENOSPC");
	ksft_ok(fd >= 0 && read(fd, buf, sizeof(buf)) == sizeof(buf) && !buf[0] && !buf[15],
		"/dev/full: read gives zeros");
	close(fd);
}

int main(void)
{
	int rd = open("/dev/kmsg", O_RDONLY | O_NONBLOCK);

	ksft_plan(10);
	if (rd < 0) {
		for (int i = 0; i < 8; i++)
			ksft_skip("no /dev/kmsg", "kmsg");
	} else {
		test_records(rd);
		test_write(rd);
		test_seek(rd);
		close(rd);
	}
	test_full();
	ksft_exit();
}
