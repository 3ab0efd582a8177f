/*
 * safety.c: the checks made right before every call, which keep a run
 * harmless on a Linux host as root (README.md, "Safety"): read-only opens
 * outside the sandbox, MAP_FIXED only in the playground, signals only to
 * the child itself, execve only of files no interpreter can match, and
 * descriptors checked before a call may change what they name.
 */
#include "fuzz.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

/*
 * The guard for descriptors a call may change through (fchmod,
 * ftruncate, fchdir, utimensat on a descriptor, and every dirfd of a
 * path-changing *at call): it must be invalid, or name a file, directory
 * or symbolic link on the sandbox's file system, or a pipe.  The only
 * other objects the child can reach are the read-only files of args.c,
 * on /dev and /proc.
 */
static int fd_is_safe(long fd)
{
	struct stat st;

	if (fd == AT_FDCWD || fd < 0)
		return 1;
	if (fstat((int)fd, &st) < 0)
		return errno == EBADF;	/* EOVERFLOW and the like: unknown */
	if (S_ISFIFO(st.st_mode))
		return 1;
	if (st.st_dev != res.sandbox_dev)
		return 0;
	return S_ISREG(st.st_mode) || S_ISDIR(st.st_mode) || S_ISLNK(st.st_mode);
}

#define O_WRITEISH (O_WRONLY | O_RDWR | O_CREAT | O_TRUNC | O_APPEND | \
		    O_EXCL | __O_TMPFILE)

/* open/openat of a path outside the sandbox: read-only, never creating. */
static void fix_open_flags(struct call *c)
{
	int pi = c->e->nr == 5 ? 0 : 1;

	if (!is_sandbox_name(c->a[pi]) && c->a[pi] > 0xffff &&
	    c->a[pi] < 0xc0000000)
		c->a[pi + 1] &= ~(unsigned long)O_WRITEISH;
}

/* openat2 of a path outside the sandbox: the open_how read-only too. */
static void fix_open_how(struct call *c)
{
	uint64_t *how = (uint64_t *)c->a[2];

	if (c->a[2] != (unsigned long)SCRATCH(3584))
		return;
	if (!is_sandbox_name(c->a[1]) && c->a[1] > 0xffff && c->a[1] < 0xc0000000)
		how[0] &= ~(uint64_t)O_WRITEISH;
}

/*
 * MAP_FIXED (0x10) and MAP_FIXED_NOREPLACE (0x100000) only inside the
 * playground; other hints are only hints.  The same for old_mmap's block.
 */
static void fix_mmap(unsigned long *addr, unsigned long *flags)
{
	unsigned long lo = (unsigned long)res.play, hi = lo + PG_COUNT * PAGE;

	if ((*flags & 0x100010) && (*addr < lo || *addr >= hi))
		*flags &= ~0x100010UL;
}

/* Only an empty or all-zero file may be handed to execve: no interpreter
 * (#!, binfmt_misc magic, an ELF header) can ever be found in it. */
static int exec_is_safe(unsigned long path)
{
	unsigned char buf[512];
	ssize_t n;
	int fd;

	if (!is_sandbox_name(path))
		return 1;	/* a bad pointer */
	fd = open((const char *)path, O_RDONLY | O_NONBLOCK);
	if (fd < 0)
		return 1;	/* the kernel will fail too */
	n = read(fd, buf, sizeof(buf));
	close(fd);
	for (ssize_t i = 0; i < n; i++)
		if (buf[i])
			return 0;
	return n >= 0 || errno == EISDIR;
}

/* kill/tkill/tgkill: our own pid, or group 0 only while we lead it. */
static int kill_is_safe(struct call *c)
{
	long pid = (long)c->a[0];

	if (pid == res.pid)
		return (c->e->nr != 270 && c->e->nr != 335) || (long)c->a[1] == res.pid;
	if (pid == 0 && c->e->nr == 37)
		return getpgrp() == res.pid;
	return 0;
}

/*
 * pidfd_send_signal: only through a pidfd to the child itself, which its
 * fdinfo's "Pid:" line says (a /proc/<pid> directory, which Linux 6.1
 * also takes, has no such line and is refused).
 */
static int pidfd_signal_is_safe(long fd)
{
	char path[48], buf[512], *pid;
	ssize_t n;
	int f;

	if (fd < 0 || fd > 65535)
		return 1;	/* EBADF */
	snprintf(path, sizeof(path), "/proc/self/fdinfo/%ld", fd);
	f = open(path, O_RDONLY);
	if (f < 0)
		return errno == ENOENT;	/* not open: EBADF */
	n = read(f, buf, sizeof(buf) - 1);
	close(f);
	if (n <= 0)
		return 0;
	buf[n] = 0;
	pid = strstr(buf, "\nPid:\t");
	return pid && strtol(pid + 6, NULL, 10) == res.pid;
}

/* The descriptor arguments of a call that may change what they name. */
static int fds_are_safe(struct call *c)
{
	for (int i = 0; i < 6; i++) {
		int t = c->e->args[i];

		if (t == A_FDMUT && !fd_is_safe((long)c->a[i]))
			return 0;
		if (t == A_DIRFD && (c->e->flags & F_MUTATES) &&
		    !fd_is_safe((long)c->a[i]))
			return 0;
	}
	return 1;
}

/*
 * gen_sigaction() writes rt_sigaction's layout (handler, flags, restorer,
 * mask); sigaction (67) reads handler, 32-bit mask, flags, restorer.
 * A handled fault signal is one-shot, as for rt_sigaction.
 */
static void to_old_sigaction(unsigned long *sa, int fault)
{
	unsigned long flags = sa[1], restorer = sa[2];

	sa[1] = sa[3];
	sa[2] = flags | (fault ? 0x80000000 : 0);	/* SA_RESETHAND */
	sa[3] = restorer;
}

/* Returns 0 if the call must not be made as generated. */
int make_safe(struct call *c)
{
	const struct entry *e = c->e;

	if (e->flags & F_ROPEN)
		fix_open_flags(c);
	if (e->nr == 437)
		fix_open_how(c);
	if (e->nr == 192)
		fix_mmap(&c->a[0], &c->a[3]);
	if (e->nr == 90 && c->a[0] == (unsigned long)SCRATCH(2304)) {
		unsigned long *blk = (unsigned long *)c->a[0];

		fix_mmap(&blk[0], &blk[3]);
	}
	if (e->nr == 174 && c->a[1] == (unsigned long)SCRATCH(768) &&
	    is_fault_signal(c->a[0]))
		((unsigned long *)c->a[1])[1] |= 0x80000000;	/* SA_RESETHAND */
	if (e->nr == 67 && c->a[1] == (unsigned long)SCRATCH(768))
		to_old_sigaction((unsigned long *)c->a[1], is_fault_signal(c->a[0]));
	if (e->nr == 397)	/* shmat(id, addr, flags) */
		fix_shmat(c->a[0], c->a[1], &c->a[2]);
	if (e->nr == 117 && (c->a[0] & 0xffff) == 21)	/* ipc(SHMAT, id, flags, &ret, addr) */
		fix_shmat(c->a[1], c->a[4], &c->a[2]);
	if (e->nr == 117)	/* ipc(SEMGET/MSGGET/SHMGET, key, ...): only our keys */
		fix_ipc_key(c->a[0], &c->a[1]);
	if (e->nr == 436 && c->a[1] >= 300)	/* close_range: keep stderr (fd 300) */
		c->a[1] = 299;
	if (e->nr == 120)	/* no namespaces, no CLONE_PARENT (0x8000) */
		c->a[0] &= ~0x7e028080UL;
	if ((e->flags & F_KILL) && !kill_is_safe(c))
		return 0;
	if (e->nr == 424 && !pidfd_signal_is_safe((long)c->a[0]))
		return 0;
	if ((e->flags & F_EXEC) && !exec_is_safe(c->a[0]))
		return 0;
	return fds_are_safe(c);
}
