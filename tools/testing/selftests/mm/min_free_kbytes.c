/*
 * vm.min_free_kbytes and vm.watermark_scale_factor: the boot value
 * follows Linux's rule (sqrt(lowmem_kbytes * 16)), /proc/zoneinfo's
 * min watermarks add up to it and low/high sit above, writing either
 * recomputes the watermarks, and bad values are EINVAL.  Needs root;
 * puts both values back.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../kselftest.h"

#define NTESTS	8
#define VM	"/proc/sys/vm/"

static int put(const char *name, const char *val)
{
	char path[128];
	int fd, r;

	snprintf(path, sizeof(path), VM "%s", name);
	fd = open(path, O_WRONLY);
	if (fd < 0)
		return -errno;
	r = write(fd, val, strlen(val));
	r = r == (int)strlen(val) ? 0 : r < 0 ? -errno : -EIO;
	close(fd);
	return r;
}

static long get(const char *name)
{
	char path[128], buf[32];

	snprintf(path, sizeof(path), VM "%s", name);
	return ksft_read_file(path, buf, sizeof(buf)) > 0 ? atol(buf) : -1;
}

static char zbuf[65536];

/*
 * Sums /proc/zoneinfo's min, low and high (pages) over the low-memory
 * zones (Linux's HighMem min does not come from min_free_kbytes);
 * *@ordered: low > min and high > low in every zone.
 */
static int zone_marks(long *min, long *low, long *high, int *ordered)
{
	long m = -1, l = -1, h;
	char *line, name[32];
	int high_zone = 0;

	*min = *low = *high = 0;
	*ordered = 1;
	if (ksft_read_file("/proc/zoneinfo", zbuf, sizeof(zbuf)) <= 0)
		return -1;
	for (line = strtok(zbuf, "\n"); line; line = strtok(NULL, "\n")) {
		if (sscanf(line, "Node %*d, zone %31s", name) == 1)
			high_zone = !strcmp(name, "HighMem");
		if (high_zone)
			continue;
		if (sscanf(line, " min %ld", &m) == 1) {
			*min += m;
		} else if (sscanf(line, " low %ld", &l) == 1) {
			*low += l;
		} else if (sscanf(line, " high %ld", &h) == 1) {
			*high += h;
			*ordered &= l >= m && h >= l && (m == 0 || (l > m && h > l));
		}
	}
	return 0;
}

static long mem_total_kb(void)
{
	char buf[4096];
	long kb = -1;

	if (ksft_read_file("/proc/meminfo", buf, sizeof(buf)) > 0)
		sscanf(buf, "MemTotal: %ld kB", &kb);
	return kb;
}

int main(void)
{
	long mfk, expect, min, low, high, min2, low2, high2, wsf;
	int ordered, ok;
	char val[32];

	ksft_plan(NTESTS);
	if (getuid() != 0 || access(VM "min_free_kbytes", W_OK)) {
		for (int i = 0; i < NTESTS; i++)
			ksft_skip("not root", "writing /proc/sys/vm needs root");
		ksft_exit();
	}
	mfk = get("min_free_kbytes");
	wsf = get("watermark_scale_factor");
	expect = (long)sqrt((double)mem_total_kb() * 16);
	ksft_ok(mfk >= 128 && mfk >= expect * 8 / 10 && mfk <= expect * 11 / 10,
		"min_free_kbytes %ld is about sqrt(MemTotal * 16) = %ld", mfk, expect);
	ksft_ok(wsf == 10, "watermark_scale_factor 10 (Linux's default)");
	/*
	 * The reference marks come from writing the value it has: Linux
	 * computed the boot marks from the zone's managed pages of that
	 * time, and after the earlier programs of a full run they can be a
	 * few pages off what a recomputation gives now (seen under Linux
	 * 6.1: low and high moved, min did not).
	 */
	snprintf(val, sizeof(val), "%ld", mfk);
	ok = put("min_free_kbytes", val) == 0 && !zone_marks(&min, &low, &high, &ordered);
	ksft_ok(ok && labs(min * 4 - mfk) <= 16 && ordered,
		"zoneinfo: the zones' min add up to min_free_kbytes (%ld pages), low and high above",
		min);
	snprintf(val, sizeof(val), "%ld", mfk * 2);
	ok = put("min_free_kbytes", val) == 0 && get("min_free_kbytes") == mfk * 2 &&
	     !zone_marks(&min2, &low2, &high2, &ordered) && labs(min2 - 2 * min) <= 4 &&
	     low2 > low && high2 > high;
	ksft_ok(ok, "min_free_kbytes doubled: every watermark moves up (min %ld -> %ld)", min, min2);
	ok = put("min_free_kbytes", "-1") == -EINVAL && put("min_free_kbytes", "abc") == -EINVAL &&
	     get("min_free_kbytes") == mfk * 2;
	ksft_ok(ok, "min_free_kbytes -1, not a number: EINVAL, unchanged");
	snprintf(val, sizeof(val), "%ld", mfk);
	ksft_ok(put("min_free_kbytes", val) == 0 && !zone_marks(&min2, &low2, &high2, &ordered) &&
		min2 == min && low2 == low && high2 == high,
		"min_free_kbytes back: the watermarks are as at the start");
	ok = put("watermark_scale_factor", "0") == -EINVAL &&
	     put("watermark_scale_factor", "3001") == -EINVAL &&
	     put("watermark_scale_factor", "1000") == 0 &&
	     !zone_marks(&min2, &low2, &high2, &ordered) && min2 == min && low2 > low;
	ksft_ok(ok, "watermark_scale_factor 0, 3001: EINVAL; 1000: low rises, min stays");
	snprintf(val, sizeof(val), "%ld", wsf);
	ksft_ok(put("watermark_scale_factor", val) == 0 &&
		!zone_marks(&min2, &low2, &high2, &ordered) && low2 == low && high2 == high,
		"watermark_scale_factor back: low and high as at the start");
	ksft_exit();
}
