/*
 * swapon(2)/swapoff(2) on a partition (vda5 of the test disk, see
 * swap_dev.h): Linux 6.1's errors -- EINVAL for unknown flags, a missing
 * signature, version 2, an empty area, a last_page past the device, a
 * bad-page number 0 or past last_page, more bad pages than the header
 * holds, a character device, swapoff of what is not swap; EFAULT (NULL,
 * a bad pointer, a kernel address), ENOENT, EISDIR, EBUSY for a second
 * swapon, EPERM without CAP_SYS_ADMIN -- and what an active area looks
 * like (a bad page at last_page counts): /proc/swaps'
 * row (partition, size less the header and the bad pages, used 0, the
 * priority asked for or a negative default), SwapTotal/SwapFree in
 * /proc/meminfo and sysinfo's totalswap grown by its size, all back
 * after swapoff.
 */
#include <sys/sysinfo.h>
#include <sys/wait.h>
#include "swap_dev.h"

#define NTESTS	25

static void test_errors(void)
{
	static unsigned int many[SWAP_HDR_MAX_BADPAGES + 1];
	unsigned int bad0 = 0, bad201 = 201;

	errno = 0;
	ksft_ok(sys_swapon(swap_path, 0x80000) == -1 && errno == EINVAL,
		"swapon with an unknown flag: EINVAL");
	errno = 0;
	ksft_ok(sys_swapon(NULL, 0) == -1 && errno == EFAULT, "swapon(NULL): EFAULT");
	errno = 0;
	ksft_ok(sys_swapoff((const char *)1) == -1 && errno == EFAULT &&
		sys_swapon((const char *)0xc0000000, 0) == -1 && errno == EFAULT,
		"swapoff of a bad pointer, swapon of a kernel address: EFAULT");
	errno = 0;
	ksft_ok(sys_swapon("/nonexistent-swap", 0) == -1 && errno == ENOENT &&
		sys_swapoff("/nonexistent-swap") == -1 && errno == ENOENT,
		"swapon/swapoff of a missing path: ENOENT");
	errno = 0;
	ksft_ok(sys_swapon("/", 0) == -1 && errno == EISDIR, "swapon of a directory: EISDIR");
	errno = 0;
	ksft_ok(sys_swapon("/dev/null", 0) == -1 && errno == EINVAL,
		"swapon of a character device: EINVAL");
	errno = 0;
	ksft_ok(write_header(1, SWAP_PAGES - 1, 0, NULL, 0) == 0 &&
		sys_swapon(swap_path, 0) == -1 && errno == EINVAL,
		"no SWAPSPACE2 signature: EINVAL");
	errno = 0;
	ksft_ok(write_header(2, SWAP_PAGES - 1, 0, NULL, 1) == 0 &&
		sys_swapon(swap_path, 0) == -1 && errno == EINVAL, "header version 2: EINVAL");
	errno = 0;
	ksft_ok(write_header(1, 0, 0, NULL, 1) == 0 &&
		sys_swapon(swap_path, 0) == -1 && errno == EINVAL, "last_page 0: EINVAL");
	errno = 0;
	ksft_ok(write_header(1, SWAP_PAGES, 0, NULL, 1) == 0 &&
		sys_swapon(swap_path, 0) == -1 && errno == EINVAL,
		"last_page past the partition: EINVAL");
	errno = 0;
	ksft_ok(write_header(1, SWAP_PAGES - 1, 1, &bad0, 1) == 0 &&
		sys_swapon(swap_path, 0) == -1 && errno == EINVAL,
		"bad page number 0 (the header): EINVAL");
	errno = 0;
	ksft_ok(write_header(1, 200, 1, &bad201, 1) == 0 &&
		sys_swapon(swap_path, 0) == -1 && errno == EINVAL,
		"a bad page past last_page (201 of 200): EINVAL");
	for (int i = 0; i < SWAP_HDR_MAX_BADPAGES + 1; i++)
		many[i] = 5;
	errno = 0;
	ksft_ok(write_header(1, SWAP_PAGES - 1, SWAP_HDR_MAX_BADPAGES + 1, many, 1) == 0 &&
		sys_swapon(swap_path, 0) == -1 && errno == EINVAL,
		"%d bad pages (one more than the header holds): EINVAL", SWAP_HDR_MAX_BADPAGES + 1);
	errno = 0;
	ksft_ok(sys_swapoff("/dev/null") == -1 && errno == EINVAL,
		"swapoff of something that is not swap: EINVAL");
}

static void test_eperm(void)
{
	int st = -1;
	pid_t pid = fork();

	if (pid == 0) {
		if (setgid(65534) || setuid(65534))
			_exit(2);
		errno = 0;
		if (sys_swapon(swap_path, 0) != -1 || errno != EPERM)
			_exit(3);
		errno = 0;
		if (sys_swapoff(swap_path) != -1 || errno != EPERM)
			_exit(4);
		_exit(0);
	}
	waitpid(pid, &st, 0);
	ksft_ok(KSFT_EXITED(st, 0), "without CAP_SYS_ADMIN swapon and swapoff: EPERM");
}

static void test_active(void)
{
	long total0 = proc_kb("/proc/meminfo", "SwapTotal:"), free0 = proc_kb("/proc/meminfo", "SwapFree:");
	unsigned int bad[2] = { 3, 7 }, last = 200;
	struct sysinfo si0, si1;
	long size = -1, used = -1;
	int prio = 0, ok;

	ok = mkswap() == 0 && sysinfo(&si0) == 0 && sys_swapon(swap_path, SWAP_FLAG_PREFER | 5) == 0;
	ksft_ok(ok, "swapon of a mkswap'd partition with priority 5");
	ok = !swaps_row(&size, &used, &prio) && size == (SWAP_PAGES - 1) * 4 && used == 0 && prio == 5;
	ksft_ok(ok, "/proc/swaps: partition, %ld kB, %ld used, priority %d", size, used, prio);
	ok = proc_kb("/proc/meminfo", "SwapTotal:") == total0 + (SWAP_PAGES - 1) * 4 &&
	     proc_kb("/proc/meminfo", "SwapFree:") == free0 + (SWAP_PAGES - 1) * 4;
	ksft_ok(ok, "/proc/meminfo SwapTotal and SwapFree grew by 1020 kB");
	ok = sysinfo(&si1) == 0 &&
	     (si1.totalswap - si0.totalswap) * si1.mem_unit == (SWAP_PAGES - 1) * 4096UL;
	ksft_ok(ok, "sysinfo totalswap grew by the area");
	errno = 0;
	ksft_ok(sys_swapon(swap_path, 0) == -1 && errno == EBUSY, "a second swapon: EBUSY");
	test_eperm();
	ok = sys_swapoff(swap_path) == 0 && swaps_row(&size, &used, &prio) &&
	     proc_kb("/proc/meminfo", "SwapTotal:") == total0;
	ksft_ok(ok, "swapoff: the row and the total are gone");
	errno = 0;
	ksft_ok(sys_swapoff(swap_path) == -1 && errno == EINVAL, "a second swapoff: EINVAL");
	ok = sys_swapon(swap_path, 0) == 0 && !swaps_row(&size, &used, &prio) && prio < 0 &&
	     sys_swapoff(swap_path) == 0;
	ksft_ok(ok, "without SWAP_FLAG_PREFER the priority is negative (%d)", prio);
	ok = write_header(1, SWAP_PAGES - 1, 2, bad, 1) == 0 && sys_swapon(swap_path, 0) == 0 &&
	     !swaps_row(&size, &used, &prio) && size == (SWAP_PAGES - 3) * 4 &&
	     sys_swapoff(swap_path) == 0;
	ksft_ok(ok, "two bad pages: the area is 8 kB smaller (%ld kB)", size);
	ok = write_header(1, 200, 1, &last, 1) == 0 && sys_swapon(swap_path, 0) == 0 &&
	     !swaps_row(&size, &used, &prio) && size == 199 * 4 && sys_swapoff(swap_path) == 0;
	ksft_ok(ok, "last_page 200 and bad page 200: 199 usable pages (%ld kB)", size);
}

int main(void)
{
	ksft_plan(NTESTS);
	if (geteuid() != 0 || find_swap_dev()) {
		for (int i = 0; i < NTESTS; i++)
			ksft_skip("no test disk (vda5) or not root", "swapon case %d", i + 1);
		ksft_exit();
	}
	test_errors();
	test_active();
	ksft_exit();
}
