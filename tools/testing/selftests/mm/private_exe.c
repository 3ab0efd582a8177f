/* private_exe: writes to a MAP_PRIVATE map of argv[0] never reach the file. */
#include "../kselftest.h"
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>

#define SIZE (2 * KSFT_PAGE)

static unsigned char before[SIZE], after[SIZE];

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

int main(int argc, char **argv)
{
	unsigned char *map;
	struct stat st;
	int fd;

	(void)argc;
	ksft_plan(4);
	fd = open(argv[0], O_RDONLY);
	if (fd < 0 || fstat(fd, &st) || st.st_size < (off_t)SIZE ||
	    !read_all(fd, before)) {
		ksft_diag("cannot read %s: %s", argv[0], strerror(errno));
		return 1;
	}

	map = mmap(NULL, SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	ksft_ok(map != MAP_FAILED && memcmp(map, "\177ELF", 4) == 0 &&
		memcmp(map, before, SIZE) == 0,
		"O_RDONLY file mapped private and writable shows its contents");
	if (map == MAP_FAILED)
		ksft_exit();

	for (size_t i = 0; i < SIZE; i += 64)
		map[i] = (unsigned char)~map[i];
	ksft_ok(map[0] == (unsigned char)~before[0] &&
		map[KSFT_PAGE + 64] == (unsigned char)~before[KSFT_PAGE + 64] &&
		map[1] == before[1], "writes land in the mapping");
	ksft_ok(read_all(fd, after) && memcmp(before, after, SIZE) == 0,
		"read() of the file still returns the original bytes");
	ksft_ok(munmap(map, SIZE) == 0 && read_all(fd, after) &&
		memcmp(before, after, SIZE) == 0,
		"after munmap the file is unchanged");
	close(fd);
	ksft_exit();
}
