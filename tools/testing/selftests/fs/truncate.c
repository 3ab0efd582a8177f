/* truncate: files shrink and grow with zeros; O_APPEND writes at the end. */
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "../kselftest.h"

int main(void)
{
	char path[] = "/tmp/linnet-trunc-XXXXXX", buf[8192];
	struct stat st;
	int fd, fd2, zeros = 1;

	ksft_plan(4);
	fd = mkstemp(path);
	if (fd < 0)
		return 1;
	memset(buf, 'q', sizeof(buf));
	ksft_ok(write(fd, buf, 6000) == 6000 && ftruncate(fd, 100) == 0 &&
		fstat(fd, &st) == 0 && st.st_size == 100, "ftruncate shrinks to 100 bytes");
	ksft_ok(ftruncate(fd, 8000) == 0 && pread(fd, buf, 8000, 0) == 8000 && buf[99] == 'q',
		"ftruncate grows to 8000 bytes");
	for (int i = 100; i < 8000; i++)
		zeros &= buf[i] == 0;
	ksft_ok(zeros, "the grown part, including the old tail, reads as zeros");
	fd2 = open(path, O_WRONLY | O_APPEND);
	ksft_ok(fd2 >= 0 && lseek(fd2, 0, SEEK_SET) == 0 && write(fd2, "END", 3) == 3 &&
		truncate(path, 8003) == 0 && pread(fd, buf, 3, 8000) == 3 && !memcmp(buf, "END", 3),
		"O_APPEND writes at the end whatever the offset; truncate by path");
	close(fd2);
	close(fd);
	unlink(path);
	ksft_exit();
}
