/*
 * /proc/sys/vm/dirty_*: Linux's defaults, bounds and the rule that a
 * bytes knob and its ratio exclude each other (writing one reads the
 * other as 0).  Needs root; puts every value back.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../kselftest.h"

#define NTESTS	9
#define VM	"/proc/sys/vm/"

static const char *const knobs[] = {
	"dirty_ratio", "dirty_bytes", "dirty_background_ratio", "dirty_background_bytes",
	"dirty_expire_centisecs", "dirty_writeback_centisecs",
};
#define NKNOBS	6

static char saved[NKNOBS][32];

/* 0, or -errno of the write. */
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

static long long get(const char *name)
{
	char path[128], buf[32];

	snprintf(path, sizeof(path), VM "%s", name);
	return ksft_read_file(path, buf, sizeof(buf)) > 0 ? atoll(buf) : -1;
}

int main(void)
{
	int ok;

	ksft_plan(NTESTS);
	if (getuid() != 0 || access(VM "dirty_bytes", W_OK)) {
		for (int i = 0; i < NTESTS; i++)
			ksft_skip("not root", "writing /proc/sys/vm needs root");
		ksft_exit();
	}
	for (int i = 0; i < NKNOBS; i++) {
		char path[128];

		snprintf(path, sizeof(path), VM "%s", knobs[i]);
		ksft_read_file(path, saved[i], sizeof(saved[i]));
	}
	ksft_ok(get("dirty_expire_centisecs") == 3000 && get("dirty_writeback_centisecs") == 500,
		"dirty_expire_centisecs 3000, dirty_writeback_centisecs 500 (Linux's defaults)");
	ksft_ok(get("dirty_ratio") == 20 && get("dirty_background_ratio") == 10 &&
		get("dirty_bytes") == 0 && get("dirty_background_bytes") == 0,
		"dirty_ratio 20, dirty_background_ratio 10, the bytes 0 (defaults)");
	ok = put("dirty_bytes", "4194304") == 0 && get("dirty_bytes") == 4194304 &&
	     get("dirty_ratio") == 0;
	ksft_ok(ok, "dirty_bytes 4 MiB: dirty_ratio reads 0");
	ok = put("dirty_bytes", "4096") == -EINVAL && put("dirty_bytes", "abc") == -EINVAL &&
	     put("dirty_bytes", "-5") == -EINVAL && get("dirty_bytes") == 4194304;
	ksft_ok(ok, "dirty_bytes below two pages, not a number, negative: EINVAL, unchanged");
	ok = put("dirty_ratio", "30") == 0 && get("dirty_ratio") == 30 && get("dirty_bytes") == 0;
	ksft_ok(ok, "dirty_ratio 30: dirty_bytes reads 0");
	ok = put("dirty_ratio", "101") == -EINVAL && put("dirty_ratio", "-1") == -EINVAL &&
	     put("dirty_background_ratio", "101") == -EINVAL && get("dirty_ratio") == 30;
	ksft_ok(ok, "ratios above 100 or negative: EINVAL");
	ok = put("dirty_background_bytes", "1048576") == 0 &&
	     get("dirty_background_bytes") == 1048576 && get("dirty_background_ratio") == 0 &&
	     put("dirty_background_ratio", "5") == 0 && get("dirty_background_bytes") == 0 &&
	     get("dirty_background_ratio") == 5;
	ksft_ok(ok, "dirty_background_bytes and dirty_background_ratio exclude each other");
	ok = put("dirty_expire_centisecs", "-1") == -EINVAL && put("dirty_expire_centisecs", "0") == 0 &&
	     get("dirty_expire_centisecs") == 0;
	ksft_ok(ok, "dirty_expire_centisecs: negative EINVAL, 0 accepted");
	ok = put("dirty_writeback_centisecs", "0") == 0 && get("dirty_writeback_centisecs") == 0 &&
	     put("dirty_writeback_centisecs", "250") == 0 && get("dirty_writeback_centisecs") == 250;
	ksft_ok(ok, "dirty_writeback_centisecs 0 (no periodic pass) and 250");
	/* back: the ratios (a change first: Linux clears dirty_bytes only then), then set bytes */
	put("dirty_ratio", "1");
	for (int i = 0; i < NKNOBS; i++)
		if (!strstr(knobs[i], "bytes") && atoll(saved[i]))
			put(knobs[i], saved[i]);
	for (int i = 0; i < NKNOBS; i++)
		if (strstr(knobs[i], "bytes") && atoll(saved[i]))
			put(knobs[i], saved[i]);
	put("dirty_expire_centisecs", saved[4]);
	put("dirty_writeback_centisecs", saved[5]);
	ksft_exit();
}
