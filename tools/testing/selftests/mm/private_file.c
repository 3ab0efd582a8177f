/* private_file: MAP_PRIVATE writes are seen by no read() and no other map. */
#include "../kselftest.h"
#include <fcntl.h>
#include <sys/mman.h>

#define PAGES 3
#define SIZE (PAGES * KSFT_PAGE)

static unsigned char expect[SIZE], got[SIZE];

static int read_all(int fd, unsigned char *buf)
{
	size_t done = 0;

	while (done < SIZE) {
		ssize_t n = pread(fd, buf + done, SIZE - done, (off_t)done);

		if (n <= 0)
			return 0;
		done += (size_t)n;
	}
	return 1;
}

static int file_unchanged(int fd)
{
	return read_all(fd, got) && memcmp(got, expect, SIZE) == 0;
}

int main(void)
{
	char path[] = "/tmp/linnet-private-XXXXXX";
	unsigned char *map1, *map2;
	int fd, fd2, ok;

	ksft_plan(6);
	for (size_t i = 0; i < SIZE; i++)
		expect[i] = (unsigned char)(i * 31 + i / KSFT_PAGE);
	fd = mkstemp(path);
	if (fd < 0 && errno == EROFS) {
		/* A read-only /tmp (Linnet before its writable VFS): nothing to test. */
		for (int i = 0; i < 6; i++)
			ksft_skip("read-only /tmp", "private file mapping case %d", i + 1);
		ksft_exit();
	}
	if (fd < 0) {
		ksft_diag("mkstemp: %s", strerror(errno));
		return 1;
	}
	if (write(fd, expect, SIZE) != (ssize_t)SIZE) {
		ksft_diag("write: %s", strerror(errno));
		unlink(path);
		return 1;
	}

	map1 = mmap(NULL, SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	ok = map1 != MAP_FAILED && memcmp(map1, expect, SIZE) == 0;
	ksft_ok(ok, "a private mapping shows the file's contents");
	if (!ok) {
		unlink(path);
		ksft_exit();
	}

	/* Write one byte in the first page and all of the last page. */
	map1[100] ^= 0xff;
	memset(map1 + 2 * KSFT_PAGE, 0x5a, KSFT_PAGE);
	ksft_ok(map1[100] == (unsigned char)~expect[100] &&
		map1[2 * KSFT_PAGE + 7] == 0x5a &&
		memcmp(map1 + KSFT_PAGE, expect + KSFT_PAGE, KSFT_PAGE) == 0,
		"the mapping holds its own writes, untouched page intact");
	ksft_ok(file_unchanged(fd), "read() of the file does not see them");

	map2 = mmap(NULL, SIZE, PROT_READ, MAP_PRIVATE, fd, 0);
	ksft_ok(map2 != MAP_FAILED && memcmp(map2, expect, SIZE) == 0,
		"a second mapping of the file does not see them");

	munmap(map1, SIZE);
	fd2 = open(path, O_RDONLY);
	ksft_ok(fd2 >= 0 && file_unchanged(fd2),
		"after munmap the file, reopened, is unchanged");
	if (fd2 >= 0)
		close(fd2);
	if (map2 != MAP_FAILED)
		munmap(map2, SIZE);
	close(fd);
	ksft_ok(unlink(path) == 0, "temporary file removed");
	ksft_exit();
}
