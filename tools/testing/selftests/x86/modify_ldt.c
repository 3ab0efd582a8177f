/*
 * modify_ldt(2) as Linux i386 defines it: reads (func 0) with no LDT and
 * with one (bytes returned, zero fill, the 64 KiB cap), the "default
 * LDT" (func 2), old-mode (1) and new-mode (0x11) writes byte for byte,
 * clearing, conforming code refused, EINVAL/EFAULT/ENOSYS, and the LDT's
 * life: fork copies it (each side then has its own), exec drops it.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include <uapi/linux-ish/ldt.h>
#include "../kselftest.h"

#define ENTRIES_MAX	8192

static long mldt(int func, void *ptr, unsigned long bytecount)
{
	return syscall(SYS_modify_ldt, func, ptr, bytecount);
}

/* The call's errno, or 0 if it succeeded. */
static int mldt_err(int func, void *ptr, unsigned long bytecount)
{
	return mldt(func, ptr, bytecount) < 0 ? errno : 0;
}

static struct user_desc data_desc(unsigned int entry)
{
	struct user_desc d = {
		.entry_number = entry, .base_addr = 0x12345678, .limit = 0xabcde,
		.seg_32bit = 1, .contents = 0, .read_exec_only = 0,
		.limit_in_pages = 1, .seg_not_present = 0, .useable = 1,
	};
	return d;
}

/* data_desc() as the CPU sees it: accessed bit preset, AVL from useable. */
static const uint32_t data_lo = 0x5678bcde, data_hi = 0x12daf334;

static struct user_desc empty_desc(unsigned int entry)
{
	struct user_desc d = { .entry_number = entry, .read_exec_only = 1, .seg_not_present = 1 };
	return d;
}

static int entry_is(const uint32_t *t, int i, uint32_t lo, uint32_t hi)
{
	return t[2 * i] == lo && t[2 * i + 1] == hi;
}

static void child_exec(void)
{
	uint32_t buf[16];

	_exit(mldt(0, buf, sizeof(buf)) == 0 ? 0 : 1);
}

static void test_empty_reads(void)
{
	unsigned char buf[128];
	int zero = 1;

	ksft_ok(mldt(0, buf, sizeof(buf)) == 0, "func 0 without an LDT reads 0 bytes");
	memset(buf, 0xff, sizeof(buf));
	ksft_ok(mldt(2, buf, sizeof(buf)) == 40, "func 2 reads 5 default entries (40 bytes)");
	for (int i = 0; i < 40; i++)
		zero &= buf[i] == 0;
	ksft_ok(zero && buf[40] == 0xff, "the default entries are zero, nothing past them written");
	ksft_ok(mldt(2, buf, 8) == 8, "func 2 with a short buffer reads that much");
	ksft_ok(mldt_err(2, (void *)8, 40) == EFAULT, "func 2 to a bad pointer: EFAULT");
	ksft_ok(mldt_err(3, buf, 8) == ENOSYS && mldt_err(0x10, buf, 8) == ENOSYS &&
		mldt_err(-1, buf, 8) == ENOSYS, "funcs 3, 0x10, -1: ENOSYS");
}

static void test_write_errors(void)
{
	struct user_desc d = data_desc(0);

	ksft_ok(mldt_err(0x11, &d, sizeof(d) - 1) == EINVAL &&
		mldt_err(0x11, &d, sizeof(d) + 1) == EINVAL,
		"a bytecount other than sizeof(user_desc): EINVAL");
	ksft_ok(mldt_err(0x11, (void *)8, sizeof(d) + 4) == EINVAL,
		"the bytecount is checked before the pointer");
	ksft_ok(mldt_err(0x11, (void *)8, sizeof(d)) == EFAULT, "a bad pointer: EFAULT");
	d.entry_number = ENTRIES_MAX;
	ksft_ok(mldt_err(0x11, &d, sizeof(d)) == EINVAL, "entry 8192: EINVAL");
	d.entry_number = 0xffffffff;
	ksft_ok(mldt_err(1, &d, sizeof(d)) == EINVAL, "entry -1: EINVAL");
	d = data_desc(0);
	d.contents = 3;
	ksft_ok(mldt_err(0x11, &d, sizeof(d)) == EINVAL, "present conforming code: EINVAL");
	d.seg_not_present = 1;
	ksft_ok(mldt_err(1, &d, sizeof(d)) == EINVAL,
		"conforming code in the old mode, even not present: EINVAL");
	ksft_ok(mldt(0x11, &d, sizeof(d)) == 0, "not-present conforming code in the new mode is allowed");
}

static void test_round_trip(void)
{
	uint32_t t[2 * 8];
	struct user_desc d = data_desc(2);

	ksft_ok(mldt(0x11, &d, sizeof(d)) == 0, "new-mode write of entry 2");
	memset(t, 0xff, sizeof(t));
	ksft_ok(mldt(0, t, 24) == 24, "func 0 reads 3 entries: 24");
	ksft_ok(entry_is(t, 2, data_lo, data_hi), "entry 2 reads back as Linux encodes it (%08x %08x)",
		t[5], t[4]);
	ksft_ok(entry_is(t, 1, 0, 0), "entry 1, never written, reads as zero");
	memset(t, 0xff, sizeof(t));
	ksft_ok(mldt(0, t, sizeof(t)) == sizeof(t) && entry_is(t, 7, 0, 0) && entry_is(t, 3, 0, 0),
		"a read past the table's end returns the bytes asked for, zero-filled");
	ksft_ok(mldt(0, t, 5) == 5, "a partial entry can be read");
	ksft_ok(mldt_err(0, (void *)8, 24) == EFAULT, "func 0 to a bad pointer: EFAULT");
	d = data_desc(1);
	ksft_ok(mldt(1, &d, sizeof(d)) == 0 && mldt(0, t, 24) == 24 &&
		entry_is(t, 1, data_lo, data_hi & ~0x00100000u),
		"an old-mode write drops the useable (AVL) bit");
	d.base_addr = 0;
	d.limit = 0;
	ksft_ok(mldt(1, &d, sizeof(d)) == 0 && mldt(0, t, 24) == 24 && entry_is(t, 1, 0, 0),
		"old mode: base 0 and limit 0 clear the entry");
	ksft_ok(mldt(0x11, &d, sizeof(d)) == 0 && mldt(0, t, 24) == 24 && !entry_is(t, 1, 0, 0),
		"new mode: base 0 and limit 0 with other bits make a real entry");
	d = empty_desc(1);
	ksft_ok(mldt(0x11, &d, sizeof(d)) == 0 && mldt(0, t, 24) == 24 && entry_is(t, 1, 0, 0) &&
		entry_is(t, 2, data_lo, data_hi), "new mode: the empty descriptor clears just that entry");
}

static void child_big(void *arg)
{
	struct user_desc d = data_desc(ENTRIES_MAX - 1);
	uint32_t *t = malloc(65536 + 64);

	(void)arg;
	if (!t || mldt(0x11, &d, sizeof(d)))
		_exit(1);
	if (mldt(0, t, 65536 + 64) != 65536)
		_exit(2);
	if (!entry_is(t, ENTRIES_MAX - 1, data_lo, data_hi) || !entry_is(t, 2, data_lo, data_hi))
		_exit(3);
	_exit(0);
}

static void child_inherits(void *arg)
{
	uint32_t t[2 * 4];
	struct user_desc d = data_desc(3);

	(void)arg;
	if (mldt(0, t, 24) != 24 || !entry_is(t, 2, data_lo, data_hi))
		_exit(1);
	if (mldt(0x11, &d, sizeof(d)))
		_exit(2);
	_exit(0);
}

static void test_lifetime(char *self)
{
	uint32_t t[2 * 4];
	int st;

	ksft_ok(KSFT_EXITED(ksft_run_child(child_big, NULL), 0),
		"entry 8191 works; a read is capped at 64 KiB");
	ksft_ok(KSFT_EXITED(ksft_run_child(child_inherits, NULL), 0),
		"a forked child has the parent's LDT");
	ksft_ok(mldt(0, t, 32) == 32 && entry_is(t, 3, 0, 0),
		"the child's write did not reach the parent");
	if (fork() == 0) {
		char *argv[] = { self, "exec-child", NULL };

		execv(self, argv);
		_exit(3);
	}
	ksft_ok(wait(&st) > 0 && KSFT_EXITED(st, 0), "exec drops the LDT");
}

int main(int argc, char **argv)
{
	if (argc > 1 && !strcmp(argv[1], "exec-child"))
		child_exec();
	ksft_plan(29);
	test_empty_reads();
	test_write_errors();
	test_round_trip();
	test_lifetime(argv[0]);
	ksft_exit();
}
