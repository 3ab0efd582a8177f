/*
 * setuid_exec: exec of set-user-ID and set-group-ID copies of this test:
 * the effective (and saved) ids become the file's, the real ids stay,
 * AT_SECURE is 1 and AT_UID/AT_EUID/AT_GID/AT_EGID tell the truth, the
 * capabilities follow Linux's root rules, the process is not dumpable;
 * set-gid without group execute, and any set-id bit on a nosuid mount,
 * change nothing.
 */
#include "../kselftest.h"
#include <ftw.h>
#include <grp.h>
#include <sys/auxv.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <uapi/linux-ish/capability.h>

static char dir[64], paths[2][160];
static const char *self;

static const char *in(const char *name)
{
	static int turn;
	char *p = paths[turn++ & 1];

	snprintf(p, sizeof(paths[0]), "%s/%s", dir, name);
	return p;
}

/* A copy of this program at @name owned by @uid:@gid with @mode.  0 or -1. */
static int copy_self(const char *name, uid_t uid, gid_t gid, mode_t mode)
{
	static char buf[65536];
	int src = open(self, O_RDONLY), out = open(in(name), O_CREAT | O_WRONLY | O_TRUNC, 0700);
	ssize_t n = -1;

	while (src >= 0 && out >= 0 && (n = read(src, buf, sizeof(buf))) > 0)
		if (write(out, buf, n) != n)
			break;
	close(src);
	if (out < 0 || close(out) || n != 0)
		return -1;
	if (chown(in(name), uid, gid) || chmod(in(name), mode))	/* chown first: it clears set-id bits */
		return -1;
	return 0;
}

/*
 * The exec'd side: argv is "--expect" ruid euid suid rgid egid sgid secure
 * caps dumpable, caps being "none", "perm" (permitted only) or "all".
 */
static int check_self(char **argv)
{
	unsigned int want[9], r, e, s, g, eg, sg;
	struct __user_cap_header_struct h = { _LINUX_CAPABILITY_VERSION_3, 0 };
	struct __user_cap_data_struct d[2];
	int bad = 0;

	for (int i = 0; i < 7; i++)
		want[i] = strtoul(argv[2 + i], NULL, 0);
	syscall(SYS_getresuid32, &r, &e, &s);
	syscall(SYS_getresgid32, &g, &eg, &sg);
	if (r != want[0] || e != want[1] || s != want[2])
		bad |= 1;
	if (g != want[3] || eg != want[4] || sg != want[5])
		bad |= 2;
	if (getauxval(AT_SECURE) != want[6])
		bad |= 4;
	if (getauxval(AT_UID) != r || getauxval(AT_EUID) != e ||
	    getauxval(AT_GID) != g || getauxval(AT_EGID) != eg)
		bad |= 8;
	if (syscall(SYS_capget, &h, d))
		bad |= 16;
	else if (!strcmp(argv[9], "none") ? d[0].permitted || d[0].effective :
		 !strcmp(argv[9], "perm") ? d[0].permitted != ~0u || d[0].effective :
		 d[0].permitted != ~0u || d[0].effective != ~0u)
		bad |= 32;
	if (prctl(PR_GET_DUMPABLE) != atoi(argv[10]))
		bad |= 64;
	return bad;
}

/* Runs @file as @uid (-1: as is) with the expectations in @expect. */
static int run_as(uid_t uid, const char *file, const char *expect)
{
	char buf[200], *argv[12];
	int st, n = 0;
	pid_t pid;

	snprintf(buf, sizeof(buf), "--expect %s", expect);
	argv[n++] = (char *)file;
	for (char *t = strtok(buf, " "); t && n < 11; t = strtok(NULL, " "))
		argv[n++] = t;
	argv[n] = NULL;
	pid = fork();
	if (pid == 0) {
		if (uid != (uid_t)-1 && (setgroups(0, NULL) || setgid(uid) || setuid(uid)))
			_exit(100);
		execv(file, argv);
		_exit(101);
	}
	if (waitpid(pid, &st, 0) != pid || !WIFEXITED(st))
		return -1;
	return WEXITSTATUS(st);
}

static int remove_one(const char *p, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb, (void)flag, (void)ftw;
	return remove(p);
}

int main(int argc, char **argv)
{
	int st;

	if (argc == 11 && !strcmp(argv[1], "--expect"))
		return check_self(argv);
	self = argv[0];
	if (geteuid() != 0) {
		ksft_plan(1);
		ksft_skip("not root", "set-id exec tests need root");
		ksft_exit();
	}
	strcpy(dir, "/tmp/suidXXXXXX");
	ksft_plan(8);
	if (!mkdtemp(dir) || chmod(dir, 0755) ||
	    copy_self("u1000", 1000, 1000, 04755) || copy_self("g1000", 0, 1000, 02755) ||
	    copy_self("g_nox", 0, 1000, 02745) || copy_self("uroot", 0, 0, 04755) ||
	    copy_self("plain", 1000, 1000, 0755) || mkdir(in("nosuid"), 0755)) {
		ksft_ok(0, "set-up in /tmp: errno %d", errno);
		ksft_exit();
	}
	st = run_as(-1, in("u1000"), "0 1000 1000 0 0 0 1 perm 0");
	ksft_ok(st == 0, "root runs a setuid-1000 file: euid and suid 1000, AT_SECURE, "
		"caps permitted not effective, not dumpable (%d)", st);
	st = run_as(-1, in("g1000"), "0 0 0 0 1000 1000 1 all 0");
	ksft_ok(st == 0, "root runs a setgid-1000 file: egid and sgid 1000, AT_SECURE (%d)", st);
	st = run_as(-1, in("g_nox"), "0 0 0 0 0 0 0 all 1");
	ksft_ok(st == 0, "set-gid without group execute is ignored (%d)", st);
	st = run_as(65534, in("uroot"), "65534 0 0 65534 65534 65534 1 all 0");
	ksft_ok(st == 0, "nobody runs a setuid-root file: euid 0 with every capability (%d)", st);
	st = run_as(65534, in("plain"), "65534 65534 65534 65534 65534 65534 0 none 1");
	ksft_ok(st == 0, "nobody runs a plain file: AT_SECURE 0, no capabilities (%d)", st);
	st = run_as(1000, in("u1000"), "1000 1000 1000 1000 1000 1000 0 none 1");
	ksft_ok(st == 0, "the owner itself runs its setuid file: nothing changes (%d)", st);
	if (mount("none", in("nosuid"), "tmpfs", MS_NOSUID, NULL)) {
		ksft_skip("mount failed", "nosuid mount: setuid ignored");
		ksft_skip("mount failed", "nosuid mount: umount");
	} else {
		st = copy_self("nosuid/uroot", 0, 0, 04755);
		st = st ? st : run_as(65534, in("nosuid/uroot"),
				      "65534 65534 65534 65534 65534 65534 0 none 1");
		ksft_ok(st == 0, "nobody runs a setuid-root file on a nosuid mount: no change (%d)",
			st);
		ksft_ok(umount(in("nosuid")) == 0, "nosuid mount: umount");
	}
	nftw(dir, remove_one, 16, FTW_DEPTH | FTW_PHYS);
	ksft_exit();
}
