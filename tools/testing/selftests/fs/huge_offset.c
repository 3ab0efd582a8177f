/* huge_offset: a write 2 TiB into a file works or says EFBIG; nothing breaks. */
#define _FILE_OFFSET_BITS 64
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include "../kselftest.h"

int main(void)
{
	char path[] = "/tmp/linnet-huge-XXXXXX", buf[8] = { 0 };
	int fd, ok;
	ssize_t n;

	ksft_plan(3);
	fd = mkstemp(path);
	if (fd < 0) {
		ksft_diag("mkstemp: %s", strerror(errno));
		return 1;
	}
	n = pwrite(fd, "x", 1, 1LL << 41);
	ksft_ok(n == 1 || (n < 0 && (errno == EFBIG || errno == EINVAL)),
		"write at 2 TiB: done, or EFBIG (got %zd, %s)", n, n < 0 ? strerror(errno) : "ok");
	n = pwrite(fd, "y", 1, 1LL << 43);
	ksft_ok(n == 1 || (n < 0 && (errno == EFBIG || errno == EINVAL)),
		"write at 8 TiB: done, or EFBIG");
	ok = pwrite(fd, "hello", 5, 0) == 5 && pread(fd, buf, 5, 0) == 5 && !memcmp(buf, "hello", 5);
	ksft_ok(ok, "the file still reads and writes at offset 0");
	close(fd);
	unlink(path);
	ksft_exit();
}
