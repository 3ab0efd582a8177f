/*
 * A PT_LOAD segment with no file bytes at all (p_filesz 0, p_memsz > 0),
 * as `ld -nostdlib` makes for a program whose only writable data is .bss
 * (Linux's vDSO/vdso_standalone_test_x86 is one): its pages must be
 * mapped, zeroed and writable from the segment's first page.  The test
 * writes such a program by hand and runs it: it reads a bss word (0),
 * adds 7, stores it, reads it back and exits with it.
 */
#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>
#include <uapi/linux-ish/elf.h>
#include "../kselftest.h"

#define BASE	0x08048000u
#define BSS	0x0804b020u		/* mid-page, two pages above the text */

static const unsigned char code[] = {
	0xa1, 0x24, 0xb0, 0x04, 0x08,		/* mov eax, [BSS + 4] */
	0x83, 0xc0, 0x07,			/* add eax, 7 */
	0xa3, 0x20, 0xb0, 0x04, 0x08,		/* mov [BSS], eax */
	0x8b, 0x1d, 0x20, 0xb0, 0x04, 0x08,	/* mov ebx, [BSS] */
	0xb8, 0x01, 0x00, 0x00, 0x00,		/* mov eax, 1 (exit) */
	0xcd, 0x80,				/* int $0x80 */
};

/* Writes the program to @path; 0 or -1. */
static int write_program(const char *path)
{
	struct {
		struct elf32_hdr h;
		struct elf32_phdr ph[2];
		unsigned char code[sizeof(code)];
	} __attribute__((packed)) img;
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0755);
	int ok;

	if (fd < 0)
		return -1;
	memset(&img, 0, sizeof(img));
	memcpy(img.h.e_ident, "\177ELF\1\1\1", 7);
	img.h.e_type = ET_EXEC;
	img.h.e_machine = EM_386;
	img.h.e_version = 1;
	img.h.e_entry = BASE + sizeof(img.h) + sizeof(img.ph);
	img.h.e_phoff = sizeof(img.h);
	img.h.e_ehsize = sizeof(img.h);
	img.h.e_phentsize = sizeof(struct elf32_phdr);
	img.h.e_phnum = 2;
	img.ph[0].p_type = PT_LOAD;
	img.ph[0].p_vaddr = img.ph[0].p_paddr = BASE;
	img.ph[0].p_filesz = img.ph[0].p_memsz = sizeof(img);
	img.ph[0].p_flags = PF_R | PF_X;
	img.ph[0].p_align = 0x1000;
	img.ph[1].p_type = PT_LOAD;
	img.ph[1].p_offset = BSS & 0xfff;	/* congruent with the address */
	img.ph[1].p_vaddr = img.ph[1].p_paddr = BSS;
	img.ph[1].p_filesz = 0;
	img.ph[1].p_memsz = 0x2c;
	img.ph[1].p_flags = PF_R | PF_W;
	img.ph[1].p_align = 0x1000;
	memcpy(img.code, code, sizeof(code));
	ok = write(fd, &img, sizeof(img)) == (ssize_t)sizeof(img) && fchmod(fd, 0755) == 0;
	return close(fd) == 0 && ok ? 0 : -1;
}

static void run_it(void *path)
{
	char *argv[] = { path, NULL };

	execve(path, argv, argv + 1);
	_exit(100 + errno);
}

int main(void)
{
	char path[] = "/tmp/linnet-bss-XXXXXX";
	int fd = mkstemp(path), st;

	ksft_plan(1);
	if (fd < 0 || close(fd) || write_program(path)) {
		ksft_ok(0, "cannot write the program to /tmp");
		ksft_exit();
	}
	st = ksft_run_child(run_it, path);
	unlink(path);
	ksft_ok(KSFT_EXITED(st, 7),
		"a bss-only PT_LOAD (p_filesz 0) is mapped, zeroed and writable (status %#x)", st);
	ksft_exit();
}
