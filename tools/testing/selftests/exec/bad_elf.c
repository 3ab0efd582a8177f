/* bad_elf: execve of malformed ELF headers fails cleanly and the caller goes on. */
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>
#include "../kselftest.h"

struct ehdr {
	unsigned char ident[16];
	uint16_t type, machine;
	uint32_t version, entry, phoff, shoff, flags;
	uint16_t ehsize, phentsize, phnum, shentsize, shnum, shstrndx;
};

/* Writes an ELF header with these program-header fields and tries to run it. */
static int try_exec(uint32_t phoff, uint16_t phnum)
{
	char path[] = "/tmp/linnet-badelf-XXXXXX";
	struct ehdr h;
	char *argv[] = { path, NULL };
	int fd = mkstemp(path), err;

	if (fd < 0)
		return -1;
	memset(&h, 0, sizeof(h));
	memcpy(h.ident, "\177ELF\1\1\1", 7);
	h.type = 2;
	h.machine = 3;
	h.version = 1;
	h.entry = 0x08048000;
	h.phoff = phoff;
	h.ehsize = sizeof(h);
	h.phentsize = 32;
	h.phnum = phnum;
	if (write(fd, &h, sizeof(h)) != sizeof(h) || fchmod(fd, 0755) != 0) {
		close(fd);
		unlink(path);
		return -1;
	}
	close(fd);
	execve(path, argv, argv + 1);
	err = errno;
	unlink(path);
	return err;
}

int main(void)
{
	int err;

	ksft_plan(3);
	err = try_exec(0xFFFFFFE0u, 1);
	ksft_ok(err > 0, "program headers at offset 0xFFFFFFE0: execve fails (%s)", strerror(err));
	err = try_exec(52, 0);
	ksft_ok(err > 0, "no program headers: execve fails (%s)", strerror(err));
	err = try_exec(52, 65535);
	ksft_ok(err > 0, "65535 program headers past the end: execve fails (%s)", strerror(err));
	ksft_exit();
}
