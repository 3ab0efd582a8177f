/*
 * Old information calls, raw: olduname (109: five 65-byte fields of
 * uname), oldolduname (59: five 9-byte fields, 8 characters each, NULL
 * EFAULT), sysfs (135: file-system type index, name and count, as
 * /proc/filesystems lists them) and ustat (62: free blocks and inodes of a
 * mounted device, EINVAL for one not mounted).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include "../kselftest.h"

struct ustat32 {
	int f_tfree;
	unsigned long f_tinode;
	char f_fname[6];
	char f_fpack[6];
};

static void test_uname(void)
{
	char old[5][65], oldold[5][9], canary[64];
	struct utsname u;
	int ok = 1;

	uname(&u);
	memset(old, 'x', sizeof(old));
	ksft_ok(syscall(109, old) == 0 && !strcmp(old[0], u.sysname) && !strcmp(old[1], u.nodename) &&
		!strcmp(old[2], u.release) && !strcmp(old[4], u.machine),
		"olduname: uname's first five fields");
	memset(oldold, 'x', sizeof(oldold));
	memset(canary, 'c', sizeof(canary));
	ksft_ok(syscall(59, oldold) == 0, "oldolduname");
	for (int i = 0; i < 5; i++) {
		const char *f[] = { u.sysname, u.nodename, u.release, u.version, u.machine };

		ok &= !strncmp(oldold[i], f[i], 8) && oldold[i][8] == 0;
	}
	ksft_ok(ok, "oldolduname: each field's first 8 characters and a NUL");
	ksft_ok(syscall(59, NULL) < 0 && errno == EFAULT, "oldolduname(NULL): EFAULT");
	ksft_ok(syscall(109, (void *)1) < 0 && errno == EFAULT, "olduname(bad pointer): EFAULT");
}

static void test_sysfs(void)
{
	char list[4096], name[64];
	int n, idx, seen = 0, ok = 1;

	n = syscall(135, 3);
	ksft_ok(n > 0, "sysfs(3): %d types", n);
	idx = syscall(135, 1, "proc");
	ksft_ok(idx >= 0 && idx < n, "sysfs(1, \"proc\"): index %d", idx);
	ksft_ok(syscall(135, 2, idx, name) == 0 && !strcmp(name, "proc"),
		"sysfs(2) of that index: \"proc\"");
	ksft_ok(syscall(135, 1, "no-such-fs") < 0 && errno == EINVAL, "an unknown type: EINVAL");
	ksft_ok(syscall(135, 2, n, name) < 0 && errno == EINVAL, "index past the end: EINVAL");
	ksft_ok(syscall(135, 2, 0, (char *)1) < 0 && errno == EFAULT, "a bad buffer: EFAULT");
	ksft_ok(syscall(135, 4) < 0 && errno == EINVAL, "option 4: EINVAL");
	ksft_ok(syscall(135, 0) < 0 && errno == EINVAL, "option 0: EINVAL");
	/* Every index names a type /proc/filesystems lists, in its order. */
	if (ksft_read_file("/proc/filesystems", list, sizeof(list)) > 0) {
		char *p = list;

		for (int i = 0; i < n; i++) {
			char *hit;

			if (syscall(135, 2, i, name)) {
				ok = 0;
				break;
			}
			hit = strstr(p, name);
			ok &= hit && hit[-1] == '\t' && hit[strlen(name)] == '\n';
			if (hit)
				p = hit + strlen(name);
			seen++;
		}
	}
	ksft_ok(ok && seen == n, "the indices follow /proc/filesystems");
}

static void test_ustat(void)
{
	struct ustat32 u;
	struct statfs sf;
	struct stat st;

	stat("/proc", &st);
	statfs("/proc", &sf);
	memset(&u, 0x55, sizeof(u));
	ksft_ok(syscall(62, (unsigned int)st.st_dev, &u) == 0 && u.f_tfree == (int)sf.f_bfree &&
		u.f_tinode == (unsigned long)sf.f_ffree && !u.f_fname[0] && !u.f_fpack[0],
		"ustat of /proc's device: statfs's free counts, empty names");
	ksft_ok(syscall(62, (unsigned int)st.st_dev, (void *)1) < 0 && errno == EFAULT,
		"ustat with a bad buffer: EFAULT");
	ksft_ok(syscall(62, 0xfffffu, &u) < 0 && errno == EINVAL, "ustat of a device not mounted: EINVAL");
}

int main(void)
{
	ksft_plan(17);
	test_uname();
	test_sysfs();
	test_ustat();
	ksft_exit();
}
