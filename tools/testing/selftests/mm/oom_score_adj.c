/*
 * /proc/<pid>/oom_score_adj, oom_adj and oom_score: reading and writing,
 * Linux's ranges and scalings between the two adjustments, inheritance
 * across fork, the score's 0..2000 scale (0 for -1000 and for init),
 * and the EACCES for lowering below the floor without CAP_SYS_RESOURCE.
 * Needs root (skipped otherwise).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <uapi/linux-ish/capability.h>
#include "../kselftest.h"

#define NTESTS	14

/* 0, or -errno of writing @val to /proc/self/@name. */
static int put(const char *name, const char *val)
{
	char path[64];
	int fd, r;

	snprintf(path, sizeof(path), "/proc/self/%s", name);
	fd = open(path, O_WRONLY);
	if (fd < 0)
		return -errno;
	r = write(fd, val, strlen(val));
	r = r == (int)strlen(val) ? 0 : r < 0 ? -errno : -EIO;
	close(fd);
	return r;
}

static long get_path(const char *path)
{
	char buf[32];

	return ksft_read_file(path, buf, sizeof(buf)) > 0 ? atol(buf) : -99999;
}

static long get(const char *name)
{
	char path[64];

	snprintf(path, sizeof(path), "/proc/self/%s", name);
	return get_path(path);
}

/* Drops CAP_SYS_RESOURCE from the effective and permitted sets. */
static int drop_sys_resource(void)
{
	struct __user_cap_header_struct h = { _LINUX_CAPABILITY_VERSION_3, 0 };
	struct __user_cap_data_struct d[2];

	if (syscall(SYS_capget, &h, d))
		return -1;
	d[0].effective &= ~(1u << CAP_SYS_RESOURCE);
	d[0].permitted &= ~(1u << CAP_SYS_RESOURCE);
	return syscall(SYS_capset, &h, d);
}

/* In a child (the parent keeps its capability): the floor rules.  Exit code 0 if all held. */
static int floor_rules(void)
{
	int bad = 0;

	bad |= put("oom_score_adj", "100") != 0;		/* privileged: the floor is 100 */
	bad |= (drop_sys_resource() != 0) << 1;
	bad |= (put("oom_score_adj", "50") != -EACCES) << 2;
	bad |= (put("oom_score_adj", "300") != 0 || get("oom_score_adj") != 300) << 3;
	bad |= (put("oom_score_adj", "100") != 0 || get("oom_score_adj") != 100) << 4;
	bad |= (put("oom_score_adj", "-1000") != -EACCES) << 5;
	bad |= (put("oom_adj", "-17") != -EACCES) << 6;		/* below the current value */
	bad |= (put("oom_adj", "15") != 0 || get("oom_score_adj") != 1000) << 7;
	return bad;
}

static int in_child(int (*fn)(void))
{
	int status;
	pid_t pid = fork();

	if (pid == 0)
		_exit(fn());
	if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

static int inherits(void)
{
	return get("oom_score_adj") != 700 || get("oom_adj") != 700 * 17 / 1000;
}

int main(void)
{
	struct stat st;
	long score;
	int r;

	ksft_plan(NTESTS);
	if (getuid() != 0) {
		for (int i = 0; i < NTESTS; i++)
			ksft_skip("not root", "writing oom_score_adj below its value needs root");
		ksft_exit();
	}
	ksft_ok(stat("/proc/self/oom_score_adj", &st) == 0 && (st.st_mode & 0777) == 0644 &&
		stat("/proc/self/oom_adj", &st) == 0 && (st.st_mode & 0777) == 0644 &&
		stat("/proc/self/oom_score", &st) == 0 && (st.st_mode & 0777) == 0444,
		"oom_score_adj and oom_adj 0644, oom_score 0444");
	ksft_ok(put("oom_score_adj", "0") == 0 && get("oom_score_adj") == 0 && get("oom_adj") == 0,
		"oom_score_adj 0: oom_adj reads 0");
	score = get("oom_score");
	ksft_ok(score >= 666 && score < 800, "oom_score at adj 0 is 666 + a small share (%ld)", score);
	ksft_ok(put("oom_score_adj", "500\n") == 0 && get("oom_score_adj") == 500 &&
		get("oom_adj") == 8, "oom_score_adj 500 (with a newline): oom_adj reads 8 (500*17/1000)");
	score = get("oom_score");
	ksft_ok(score >= 990 && score < 1100, "oom_score at adj 500 is about 1000 (%ld)", score);
	ksft_ok(put("oom_score_adj", "1001") == -EINVAL && put("oom_score_adj", "-1001") == -EINVAL &&
		put("oom_score_adj", "abc") == -EINVAL && get("oom_score_adj") == 500,
		"1001, -1001, not a number: EINVAL, unchanged");
	ksft_ok(put("oom_score_adj", "-1000") == 0 && get("oom_score") == 0 && get("oom_adj") == -17,
		"oom_score_adj -1000 (exempt): oom_score 0, oom_adj -17");
	ksft_ok(put("oom_score_adj", "1000") == 0 && get("oom_score") >= 1300 &&
		get("oom_adj") == 15, "oom_score_adj 1000: oom_score about 1333 (1300 or more), oom_adj 15");
	ksft_ok(put("oom_adj", "-16") == 0 && get("oom_score_adj") == -941 &&
		put("oom_adj", "15") == 0 && get("oom_score_adj") == 1000 &&
		put("oom_adj", "-17") == 0 && get("oom_score_adj") == -1000,
		"oom_adj -16, 15, -17: oom_score_adj -941, 1000, -1000 (Linux's scaling)");
	ksft_ok(put("oom_adj", "16") == -EINVAL && put("oom_adj", "-18") == -EINVAL &&
		get("oom_score_adj") == -1000, "oom_adj 16 and -18: EINVAL");
	ksft_ok(put("oom_score_adj", "700") == 0 && in_child(inherits) == 0,
		"a forked child inherits oom_score_adj 700");
	r = in_child(floor_rules);
	ksft_ok(r == 0, "without CAP_SYS_RESOURCE: below the floor EACCES, above it fine (%#x)", r);
	ksft_ok(get_path("/proc/1/oom_score") == 0, "init's oom_score is 0 (never a victim)");
	ksft_ok(put("oom_score_adj", "0") == 0 && get("oom_score_adj") == 0,
		"back to 0 (root lowers freely)");
	ksft_exit();
}
