/* bad_elf: execve of malformed ELF headers fails cleanly and the caller goes on. */
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>
#include <uapi/linux-ish/elf.h>
#include "../kselftest.h"

/* Writes an ELF header with these program-header fields and tries to run it. */
static int try_exec(uint32_t phoff, uint16_t phnum)
{
	char path[] = "/tmp/linnet-badelf-XXXXXX";
	struct elf32_hdr h;
	char *argv[] = { path, NULL };
	int fd = mkstemp(path), err;

	if (fd < 0)
		return -1;
	memset(&h, 0, sizeof(h));
	memcpy(h.e_ident, "\177ELF\1\1\1", 7);	/* ELFCLASS32, ELFDATA2LSB, version 1 */
	h.e_type = ET_EXEC;
	h.e_machine = EM_386;
	h.e_version = 1;
	h.e_entry = 0x08048000;
	h.e_phoff = phoff;
	h.e_ehsize = sizeof(h);
	h.e_phentsize = sizeof(struct elf32_phdr);
	h.e_phnum = phnum;
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
