/* cwd: chdir, fchdir, getcwd and relative paths; umask shapes new files. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "../kselftest.h"

int main(void)
{
	char base[] = "/tmp/linnet-cwd-XXXXXX", buf[PATH_MAX], tiny[4];
	int fd, dfd;
	struct stat st;

	ksft_plan(6);
	if (!mkdtemp(base))
		return 1;
	dfd = open("/", O_RDONLY | O_DIRECTORY);
	ksft_ok(chdir(base) == 0 && getcwd(buf, sizeof(buf)) && !strcmp(buf, base),
		"chdir then getcwd gives the directory back");
	fd = open("rel", O_CREAT | O_WRONLY, 0666);
	ksft_ok(fd >= 0 && close(fd) == 0 && access(strcat(strcpy(buf, base), "/rel"), F_OK) == 0,
		"a relative open lands in the working directory");
	umask(027);
	fd = open("masked", O_CREAT | O_WRONLY, 0666);
	ksft_ok(fd >= 0 && fstat(fd, &st) == 0 && (st.st_mode & 0777) == 0640,
		"umask 027 turns 0666 into 0640 (got %o)", st.st_mode & 0777);
	if (fd >= 0)
		close(fd);
	umask(022);
	ksft_ok(getcwd(tiny, sizeof(tiny)) == NULL && errno == ERANGE, "getcwd into 4 bytes: ERANGE");
	ksft_ok(dfd >= 0 && fchdir(dfd) == 0 && getcwd(buf, sizeof(buf)) && !strcmp(buf, "/"),
		"fchdir back to /");
	ksft_ok(chdir(base) == 0 && unlink("rel") == 0 && unlink("masked") == 0 && chdir("..") == 0 &&
		rmdir(base) == 0, "cleaned up");
	ksft_exit();
}
