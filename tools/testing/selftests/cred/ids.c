/*
 * ids: the set*id transition rules as root and after dropping privileges,
 * the 16-bit calls (0xffff is -1, ids above 65535 read 65534), the
 * supplementary groups, and capget/capset with Linux's root model.
 */
#include "../kselftest.h"
#include <grp.h>
#include <sys/syscall.h>
#include <uapi/linux-ish/capability.h>

/* Every case runs in a child: it exits 0, or the failing line. */
#define CHECK(c) do { if (!(c)) { ksft_diag("line %d: errno %d", __LINE__, errno); \
				_exit(1); } } while (0)

static void res(unsigned int *r, unsigned int *e, unsigned int *s)
{
	if (syscall(SYS_getresuid32, r, e, s))
		_exit(250);
}

/* The caller's effective and permitted sets (64 bits, version 3). */
static void caps(unsigned long long *eff, unsigned long long *perm)
{
	struct __user_cap_header_struct h = { _LINUX_CAPABILITY_VERSION_3, 0 };
	struct __user_cap_data_struct d[2];

	if (syscall(SYS_capget, &h, d))
		_exit(251);
	*eff = d[0].effective | (unsigned long long)d[1].effective << 32;
	*perm = d[0].permitted | (unsigned long long)d[1].permitted << 32;
}

#define BIT(c) (1ULL << (c))

static int run(void (*fn)(void), const char *what)
{
	int st = ksft_run_child((void (*)(void *))fn, NULL);

	return ksft_ok(KSFT_EXITED(st, 0), "%s (status %#x)", what, st);
}

static void root_ids(void)
{
	unsigned long long e, p;

	CHECK(getuid() == 0 && geteuid() == 0 && getgid() == 0 && getegid() == 0);
	caps(&e, &p);
	CHECK(e == p && (e & 0xffffffffULL) == 0xffffffffULL);
}

/* setresuid to 1000 everywhere: every capability goes, no way back. */
static void drop_all(void)
{
	unsigned int r, e, s;
	unsigned long long ce, cp;

	CHECK(syscall(SYS_setresuid32, 1000, 1000, 1000) == 0);
	res(&r, &e, &s);
	CHECK(r == 1000 && e == 1000 && s == 1000);
	caps(&ce, &cp);
	CHECK(ce == 0 && cp == 0);
	CHECK(syscall(SYS_setuid32, 0) == -1 && errno == EPERM);
	CHECK(syscall(SYS_setreuid32, -1, 0) == -1 && errno == EPERM);
	CHECK(syscall(SYS_setresuid32, -1, -1, 0) == -1 && errno == EPERM);
	CHECK(syscall(SYS_setuid32, 1000) == 0);
	CHECK(syscall(SYS_setgid32, 0) == 0);	/* still root's gid: rules are per id */
	CHECK(syscall(SYS_setgroups32, 0, NULL) == -1 && errno == EPERM);
	CHECK(syscall(SYS_setresgid32, 5, -1, -1) == -1 && errno == EPERM);
	CHECK(syscall(SYS_setuid32, -1) == -1 && errno == EINVAL);
}

/* Only the effective uid leaves 0: effective caps go, permitted stay. */
static void euid_only(void)
{
	unsigned int r, e, s;
	unsigned long long ce, cp;

	CHECK(syscall(SYS_setreuid32, -1, 1000) == 0);
	res(&r, &e, &s);
	CHECK(r == 0 && e == 1000 && s == 1000);	/* saved follows: e != old real */
	caps(&ce, &cp);
	CHECK(ce == 0 && (cp & BIT(CAP_SETUID)));
	CHECK(access("/", F_OK) == 0);
	CHECK(syscall(SYS_setreuid32, -1, 0) == 0);	/* back: 0 is the real uid */
	caps(&ce, &cp);
	CHECK(ce == cp && (ce & BIT(CAP_SETUID)));
	res(&r, &e, &s);
	CHECK(r == 0 && e == 0 && s == 1000);	/* e is the old real: saved stays */
}

/* A saved uid of 0 lets an unprivileged euid go back with setuid. */
static void saved_root(void)
{
	unsigned int r, e, s;
	unsigned long long ce, cp;

	CHECK(syscall(SYS_setresuid32, 1000, 1000, 0) == 0);
	caps(&ce, &cp);
	CHECK(ce == 0 && cp != 0);		/* suid 0: permitted kept */
	CHECK(syscall(SYS_setuid32, 0) == 0);	/* unprivileged: euid only */
	res(&r, &e, &s);
	CHECK(r == 1000 && e == 0 && s == 0);
	caps(&ce, &cp);
	CHECK(ce == cp);
	CHECK(syscall(SYS_setuid32, 2000) == 0);	/* privileged again: all three */
	res(&r, &e, &s);
	CHECK(r == 2000 && e == 2000 && s == 2000);
	caps(&ce, &cp);
	CHECK(ce == 0 && cp == 0);
}

/* setreuid as an unprivileged user: swap real and effective. */
static void reuid_swap(void)
{
	unsigned int r, e, s;

	CHECK(syscall(SYS_setresuid32, 1000, 2000, 3000) == 0);
	CHECK(syscall(SYS_setreuid32, 2000, 1000) == 0);
	res(&r, &e, &s);
	CHECK(r == 2000 && e == 1000 && s == 1000);
	CHECK(syscall(SYS_setreuid32, 3000, -1) == -1 && errno == EPERM);
	CHECK(syscall(SYS_setreuid32, -1, 3000) == -1 && errno == EPERM);	/* saved is 1000 now */
	CHECK(syscall(SYS_setresuid32, 1000, 2000, -1) == 0);
	res(&r, &e, &s);
	CHECK(r == 1000 && e == 2000 && s == 1000);
}

/* setfsuid: returns the old value; as root the fs caps follow fsuid 0. */
static void fsuid(void)
{
	unsigned long long ce, cp;

	CHECK(syscall(SYS_setfsuid32, 1234) == 0);
	CHECK(syscall(SYS_setfsuid32, -1) == 1234);
	caps(&ce, &cp);
	CHECK(!(ce & BIT(CAP_DAC_OVERRIDE)) && !(ce & BIT(CAP_CHOWN)) && (ce & BIT(CAP_SETUID)));
	CHECK(syscall(SYS_setfsuid32, 0) == 1234);
	caps(&ce, &cp);
	CHECK(ce == cp);
	CHECK(syscall(SYS_setfsgid32, 77) == 0);
	CHECK(syscall(SYS_setfsgid32, -1) == 77);
	CHECK(syscall(SYS_setresuid32, 1000, 1000, 1000) == 0);	/* fsuid follows euid */
	CHECK(syscall(SYS_setfsuid32, -1) == 1000);
	CHECK(syscall(SYS_setfsuid32, 5) == 1000);	/* refused: still 1000 */
	CHECK(syscall(SYS_setfsuid32, -1) == 1000);
}

static void gid_rules(void)
{
	unsigned int r, e, s;

	CHECK(syscall(SYS_setresgid32, 10, 20, 30) == 0);
	CHECK(syscall(SYS_getresgid32, &r, &e, &s) == 0);
	CHECK(r == 10 && e == 20 && s == 30 && getgid() == 10 && getegid() == 20);
	CHECK(syscall(SYS_setfsgid32, -1) == 20);
	CHECK(syscall(SYS_setresuid32, 1000, 1000, 1000) == 0);
	CHECK(syscall(SYS_setgid32, 40) == -1 && errno == EPERM);
	CHECK(syscall(SYS_setgid32, 30) == 0);		/* the saved gid */
	CHECK(getegid() == 30 && getgid() == 10);
	CHECK(syscall(SYS_setregid32, 20, -1) == -1 && errno == EPERM);	/* 20 is gone */
	CHECK(syscall(SYS_setregid32, 30, 10) == 0);
	CHECK(syscall(SYS_getresgid32, &r, &e, &s) == 0);
	CHECK(r == 30 && e == 10 && s == 10);
	CHECK(syscall(SYS_getresgid32, NULL, &e, &s) == -1 && errno == EFAULT);
}

static void groups(void)
{
	gid_t in[3] = { 5, 3, 7 }, out[4] = { 0 };
	static gid_t many[65537];

	CHECK(setgroups(3, in) == 0);
	CHECK(getgroups(0, NULL) == 3);
	CHECK(getgroups(4, out) == 3 && out[0] == 3 && out[1] == 5 && out[2] == 7);
	CHECK(getgroups(2, out) == -1 && errno == EINVAL);
	CHECK(syscall(SYS_getgroups32, -1, out) == -1 && errno == EINVAL);
	CHECK(syscall(SYS_getgroups32, 3, (void *)4) == -1 && errno == EFAULT);
	CHECK(syscall(SYS_setgroups32, 65537, many) == -1 && errno == EINVAL);
	CHECK(syscall(SYS_setgroups32, -1, many) == -1 && errno == EINVAL);
	CHECK(syscall(SYS_setgroups32, 65536, many) == 0);
	CHECK(getgroups(0, NULL) == 65536);
	CHECK(syscall(SYS_setgroups32, 2, (void *)4) == -1 && errno == EFAULT);
	CHECK(getgroups(0, NULL) == 65536);	/* unchanged by the failure */
	CHECK(syscall(SYS_setgroups32, 0, NULL) == 0 && getgroups(0, NULL) == 0);
	CHECK(setgroups(3, in) == 0);
	CHECK(syscall(SYS_setresuid32, 1000, 1000, 1000) == 0);
	CHECK(getgroups(4, out) == 3);		/* kept across setuid */
	CHECK(syscall(SYS_setgroups32, 1, in) == -1 && errno == EPERM);
	CHECK(syscall(SYS_setgroups32, 70000, NULL) == -1 && errno == EPERM);	/* EPERM first */
}

/* The 16-bit calls (the oldest numbers). */
static void ids16(void)
{
	unsigned short r, e, s;
	gid_t g[2] = { 70000, 9 };

	CHECK(syscall(SYS_setresgid, 3, 4, 5) == 0 && syscall(SYS_getgid) == 3 &&
	      syscall(SYS_getegid) == 4);
	CHECK(syscall(SYS_getresgid, &r, &e, &s) == 0 && r == 3 && e == 4 && s == 5);
	CHECK(syscall(SYS_setgid, 5) == 0 && syscall(SYS_getegid32) == 5 &&
	      syscall(SYS_getgid32) == 5);
	CHECK(syscall(SYS_setregid, 0xffff, 3) == 0 && syscall(SYS_getegid) == 3);
	CHECK(syscall(SYS_setresuid32, 70000, 100, 70001) == 0);
	CHECK(syscall(SYS_getuid) == 65534 && syscall(SYS_getuid32) == 70000);
	CHECK(syscall(SYS_geteuid) == 100);
	CHECK(syscall(SYS_getresuid, &r, &e, &s) == 0 && r == 65534 && e == 100 && s == 65534);
	CHECK(syscall(SYS_setfsuid, 0xffff) == 100);	/* 0xffff: only reads */
	CHECK(syscall(SYS_setresuid, 0xffff, 0xffff, 100) == 0);
	CHECK(syscall(SYS_getresuid32, &g[0], &g[1], &g[1]) == 0 && g[0] == 70000);
	CHECK(syscall(SYS_setuid, 0xffff) == -1 && errno == EINVAL);
	CHECK(syscall(SYS_setreuid, 0xffff, 100) == 0 && syscall(SYS_getuid32) == 70000);
}

static void groups16(void)
{
	unsigned short g16[3] = { 9, 8, 0 };
	gid_t g[2] = { 70000, 9 };

	CHECK(syscall(SYS_setgroups32, 2, g) == 0);
	CHECK(syscall(SYS_getgroups, 3, g16) == 2 && g16[0] == 9 && g16[1] == 65534);
	CHECK(syscall(SYS_getgroups, 1, g16) == -1 && errno == EINVAL);
	g16[0] = 12;
	g16[1] = 11;
	CHECK(syscall(SYS_setgroups, 2, g16) == 0);
	CHECK(getgroups(2, g) == 2 && g[0] == 11 && g[1] == 12);
	g16[0] = 0xffff;
	CHECK(syscall(SYS_setgroups, 1, g16) == -1 && errno == EINVAL);
	CHECK(syscall(SYS_setgroups, 1, (void *)4) == -1 && errno == EFAULT);
}

static void capget_versions(void)
{
	struct __user_cap_header_struct h = { 0x12345678, 0 };
	struct __user_cap_data_struct d[2];

	CHECK(syscall(SYS_capget, &h, d) == -1 && errno == EINVAL);
	CHECK(h.version == _LINUX_CAPABILITY_VERSION_3);
	h.version = 1;
	CHECK(syscall(SYS_capget, &h, NULL) == 0 && h.version == _LINUX_CAPABILITY_VERSION_3);
	h.version = _LINUX_CAPABILITY_VERSION_1;
	memset(d, 0x5a, sizeof(d));
	CHECK(syscall(SYS_capget, &h, d) == 0);
	CHECK(d[0].effective == 0xffffffff && d[1].effective == 0x5a5a5a5a);	/* one word */
	h.version = _LINUX_CAPABILITY_VERSION_2;
	CHECK(syscall(SYS_capget, &h, d) == 0 && d[1].effective != 0x5a5a5a5a);
	h.version = _LINUX_CAPABILITY_VERSION_3;
	h.pid = -1;
	CHECK(syscall(SYS_capget, &h, d) == -1 && errno == EINVAL);
	h.pid = 0x3ffffff0;
	CHECK(syscall(SYS_capget, &h, d) == -1 && errno == ESRCH);
	h.pid = getppid();
	CHECK(syscall(SYS_capget, &h, d) == 0 && d[0].permitted == 0xffffffff);
	h.pid = 0;
	CHECK(syscall(SYS_capget, NULL, d) == -1 && errno == EFAULT);
	CHECK(syscall(SYS_capget, &h, (void *)4) == -1 && errno == EFAULT);
}

static void capset_rules(void)
{
	struct __user_cap_header_struct h = { _LINUX_CAPABILITY_VERSION_3, 0 };
	struct __user_cap_data_struct d[2];
	unsigned long long ce, cp;

	CHECK(syscall(SYS_capget, &h, d) == 0);
	d[0].effective &= ~(1u << CAP_KILL);
	d[0].permitted &= ~(1u << CAP_KILL);
	CHECK(syscall(SYS_capset, &h, d) == 0);
	caps(&ce, &cp);
	CHECK(!(ce & BIT(CAP_KILL)) && !(cp & BIT(CAP_KILL)) && (cp & BIT(CAP_SETUID)));
	d[0].permitted |= 1u << CAP_KILL;
	CHECK(syscall(SYS_capset, &h, d) == -1 && errno == EPERM);	/* cannot regain */
	d[0].permitted &= ~(1u << CAP_KILL);
	d[0].effective |= 1u << CAP_KILL;
	CHECK(syscall(SYS_capset, &h, d) == -1 && errno == EPERM);	/* e within p */
	d[0].effective &= ~(1u << CAP_KILL);
	h.pid = getppid();
	CHECK(syscall(SYS_capset, &h, d) == -1 && errno == EPERM);
	h.pid = 0;
	h.version = 7;
	CHECK(syscall(SYS_capset, &h, d) == -1 && errno == EINVAL &&
	      h.version == _LINUX_CAPABILITY_VERSION_3);
	CHECK(syscall(SYS_capset, &h, (void *)4) == -1 && errno == EFAULT);
	d[0].effective = d[0].permitted = 0;	/* drop the effective set only */
	d[1].effective = 0;
	caps(&ce, &cp);
	d[0].permitted = (unsigned int)cp;
	d[1].permitted = (unsigned int)(cp >> 32);
	CHECK(syscall(SYS_capset, &h, d) == 0);
	CHECK(open("/proc/self/status", O_RDONLY) >= 0);
	CHECK(syscall(SYS_setuid32, 5) == -1 && errno == EPERM);	/* no CAP_SETUID in effect */
}

/* /proc/self/status shows the four uids and gids, the groups and the caps. */
static void proc_status(void)
{
	char buf[4096];
	gid_t g[2] = { 7, 3 };

	CHECK(setgroups(2, g) == 0);
	CHECK(syscall(SYS_setresgid32, 10, 20, 30) == 0 && syscall(SYS_setfsgid32, 10) == 20);
	CHECK(syscall(SYS_setresuid32, 1000, 2000, 3000) == 0);
	CHECK(ksft_read_file("/proc/self/status", buf, sizeof(buf)) > 0);
	CHECK(strstr(buf, "\nUid:\t1000\t2000\t3000\t2000\n"));
	CHECK(strstr(buf, "\nGid:\t10\t20\t30\t10\n"));
	CHECK(strstr(buf, "\nGroups:\t3 7 \n"));
	CHECK(strstr(buf, "\nCapEff:\t0000000000000000\n"));
	CHECK(strstr(buf, "\nCapPrm:\t0000000000000000\n"));
}

int main(void)
{
	if (geteuid() != 0) {
		ksft_plan(1);
		ksft_skip("not root", "identity tests need root");
		ksft_exit();
	}
	ksft_plan(13);
	run(root_ids, "root: ids 0, every capability effective and permitted");
	run(drop_all, "setresuid(1000,1000,1000): caps cleared, no way back; EINVAL for -1");
	run(euid_only, "setreuid(-1,1000) clears effective caps only; back to euid 0 restores them");
	run(saved_root, "a saved uid 0 allows setuid(0), then setuid(2000) as root drops all");
	run(reuid_swap, "unprivileged setreuid swaps real/effective; saved follows; EPERM outside");
	run(fsuid, "setfsuid/setfsgid return the old id; fsuid != 0 drops the fs caps");
	run(gid_rules, "setresgid/setgid/setregid as an unprivileged user; getresgid EFAULT");
	run(groups, "setgroups/getgroups: sorted, EINVAL sizes, EFAULT, 65536 max, EPERM unprivileged");
	run(ids16, "16-bit calls: ids above 65535 read 65534, 0xffff is -1");
	run(groups16, "16-bit getgroups/setgroups: 65534 for big ids, 0xffff EINVAL");
	run(capget_versions, "capget: versions 1/2/3, EINVAL writes version 3 back, ESRCH, EFAULT");
	run(capset_rules, "capset: drop, no regain, effective within permitted, other pid EPERM");
	run(proc_status, "/proc/self/status: Uid, Gid, Groups, CapEff, CapPrm lines");
	ksft_exit();
}
