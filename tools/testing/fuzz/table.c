/*
 * table.c: the weighted table of the i386 system calls the fuzzer makes
 * (the ones Linnet implements and a few it does not), with the argument
 * type of each argument.  A number not in this table is never called,
 * and none of the dangerous calls README.md lists is in it.
 */
#include "fuzz.h"

#define E(nr, name, w, fl, ...) { nr, name, w, fl, { __VA_ARGS__ } }

static const struct entry table[] = {
	E(1, "exit", 1, F_RARE, A_INT),
	E(2, "fork", 2, F_FORKS),
	E(3, "read", 20, 0, A_FD, A_BUF, A_LEN),
	E(4, "write", 20, 0, A_FD, A_BUF, A_LEN),
	E(5, "open", 12, F_MUTATES | F_ROPEN, A_OPATH, A_OFLAGS, A_MODE),
	E(6, "close", 8, 0, A_FD),
	E(7, "waitpid", 2, 0, A_PIDANY, A_BUF, A_WOPTS),
	E(9, "link", 4, F_MUTATES, A_PATH, A_PATH),
	E(10, "unlink", 4, F_MUTATES, A_PATH),
	E(11, "execve", 2, F_EXEC, A_PATH, A_ARGV, A_ARGV),
	E(12, "chdir", 3, 0, A_PATH),
	E(13, "time", 2, 0, A_BUF),
	E(15, "chmod", 3, F_MUTATES, A_PATH, A_MODE),
	E(19, "lseek", 6, 0, A_FD, A_INT, A_WHENCE),
	E(20, "getpid", 1, 0),
	E(27, "alarm", 1, 0, A_SMALL),
	E(29, "pause", 1, F_RARE),
	E(33, "access", 4, 0, A_RPATH, A_INT),
	E(36, "sync", 1, F_RARE),
	E(37, "kill", 3, F_KILL, A_PIDSELF, A_SIG),
	E(38, "rename", 5, F_MUTATES, A_PATH, A_PATH),
	E(39, "mkdir", 5, F_MUTATES, A_PATH, A_MODE),
	E(40, "rmdir", 4, F_MUTATES, A_PATH),
	E(41, "dup", 4, 0, A_FD),
	E(42, "pipe", 3, 0, A_BUF),
	E(45, "brk", 4, 0, A_BRK),
	E(54, "ioctl", 6, 0, A_FD, A_IOCTL, A_INTBUF),
	E(55, "fcntl", 6, 0, A_FD, A_FCNTL, A_INTBUF),
	E(57, "setpgid", 1, 0, A_PIDSELF, A_PIDSELF),
	E(60, "umask", 1, 0, A_MODE),
	E(63, "dup2", 4, 0, A_FD, A_FD),
	E(64, "getppid", 1, 0),
	E(65, "getpgrp", 1, 0),
	E(66, "setsid", 1, 0),
	E(75, "setrlimit", 1, 0, A_SMALL, A_RLIM),
	E(77, "getrusage", 1, 0, A_INT, A_BUF),
	E(78, "gettimeofday", 2, 0, A_BUF, A_BUF),
	E(82, "old_select", 2, 0, A_BUF),
	E(83, "symlink", 4, F_MUTATES, A_PATH, A_PATH),
	E(85, "readlink", 4, 0, A_RPATH, A_BUF, A_LEN),
	E(90, "old_mmap", 4, 0, A_MMARGS),
	E(91, "munmap", 8, 0, A_ADDR, A_MAPLEN),
	E(92, "truncate", 4, F_MUTATES, A_PATH, A_LEN),
	E(93, "ftruncate", 4, 0, A_FDMUT, A_LEN),
	E(94, "fchmod", 2, 0, A_FDMUT, A_MODE),
	E(99, "statfs", 2, 0, A_RPATH, A_BUF),
	E(100, "fstatfs", 2, 0, A_FD, A_BUF),
	E(102, "socketcall", 6, 0, A_SOCKCALL, A_SOCKARGS),
	E(103, "syslog", 1, 0, A_SYSLOG, A_BUF, A_LEN),
	E(104, "setitimer", 2, 0, A_SMALL, A_ITIMER, A_BUF),
	E(105, "getitimer", 2, 0, A_SMALL, A_BUF),
	E(114, "wait4", 2, 0, A_PIDANY, A_BUF, A_WOPTS, A_BUF),
	E(116, "sysinfo", 2, 0, A_BUF),
	E(118, "fsync", 2, 0, A_FD),
	E(119, "sigreturn", 1, F_SIGRET | F_RARE),
	E(120, "clone", 3, F_FORKS, A_CLONE, A_BUF, A_BUF, A_BUF, A_BUF),
	E(122, "uname", 2, 0, A_BUF),
	E(125, "mprotect", 10, 0, A_ADDR, A_MAPLEN, A_PROT),
	E(132, "getpgid", 1, 0, A_PIDANY),
	E(133, "fchdir", 2, 0, A_FDMUT),
	E(140, "_llseek", 4, 0, A_FD, A_INT, A_INT, A_BUF, A_WHENCE),
	E(142, "_newselect", 3, 0, A_SMALL, A_BUF, A_BUF, A_BUF, A_TIMESPEC),
	E(144, "msync", 4, 0, A_ADDR, A_MAPLEN, A_INT),
	E(145, "readv", 8, 0, A_FD, A_IOV, A_IOVCNT),
	E(146, "writev", 8, 0, A_FD, A_IOV, A_IOVCNT),
	E(147, "getsid", 1, 0, A_PIDANY),
	E(148, "fdatasync", 1, 0, A_FD),
	E(158, "sched_yield", 1, 0),
	E(162, "nanosleep", 2, 0, A_TIMESPEC, A_BUF),
	E(168, "poll", 3, 0, A_BUF, A_SMALL, A_SMALL),
	E(173, "rt_sigreturn", 1, F_SIGRET | F_RARE),
	E(174, "rt_sigaction", 6, 0, A_SIG, A_SIGACT, A_BUF, A_SIGSZ),
	E(175, "rt_sigprocmask", 4, 0, A_SMALL, A_SIGSET, A_BUF, A_SIGSZ),
	E(176, "rt_sigpending", 2, 0, A_BUF, A_SIGSZ),
	E(179, "rt_sigsuspend", 1, F_RARE, A_SIGSET, A_SIGSZ),
	E(180, "pread64", 8, 0, A_FD, A_BUF, A_LEN, A_INT, A_INT),
	E(181, "pwrite64", 8, 0, A_FD, A_BUF, A_LEN, A_INT, A_SMALL),
	E(183, "getcwd", 2, 0, A_BUF, A_LEN),
	E(186, "sigaltstack", 2, 0, A_STACK, A_BUF),
	E(190, "vfork", 1, F_FORKS),
	E(191, "ugetrlimit", 2, 0, A_SMALL, A_BUF),
	E(192, "mmap2", 14, 0, A_ADDR, A_MAPLEN, A_PROT, A_MFLAGS, A_MAPFD, A_SMALL),
	E(193, "truncate64", 3, F_MUTATES, A_PATH, A_LEN, A_SMALL),
	E(194, "ftruncate64", 3, 0, A_FDMUT, A_LEN, A_SMALL),
	E(195, "stat64", 4, 0, A_RPATH, A_BUF),
	E(196, "lstat64", 4, 0, A_RPATH, A_BUF),
	E(197, "fstat64", 4, 0, A_FD, A_BUF),
	E(219, "madvise", 6, 0, A_ADDR, A_MAPLEN, A_SMALL),
	E(220, "getdents64", 6, 0, A_FD, A_BUF, A_LEN),
	E(221, "fcntl64", 4, 0, A_FD, A_FCNTL, A_INTBUF),
	E(224, "gettid", 1, 0),
	E(238, "tkill", 1, F_KILL, A_PIDSELF, A_SIG),
	E(243, "set_thread_area", 2, 0, A_UDESC),
	E(244, "get_thread_area", 2, 0, A_UDESC),
	E(254, "epoll_create", 2, 0, A_SMALL),
	E(255, "epoll_ctl", 6, 0, A_FD, A_EPOP, A_FD, A_EPEVENT),
	E(256, "epoll_wait", 3, 0, A_FD, A_BUF, A_SMALL, A_0),
	E(258, "set_tid_address", 1, 0, A_BUF),
	E(265, "clock_gettime", 2, 0, A_CLOCK, A_BUF),
	E(267, "clock_nanosleep", 2, 0, A_CLOCK, A_INT, A_TIMESPEC, A_BUF),
	E(268, "statfs64", 2, 0, A_RPATH, A_LEN, A_BUF),
	E(269, "fstatfs64", 2, 0, A_FD, A_LEN, A_BUF),
	E(270, "tgkill", 1, F_KILL, A_PIDSELF, A_PIDSELF, A_SIG),
	E(295, "openat", 10, F_MUTATES | F_ROPEN, A_DIRFD, A_OPATH, A_OFLAGS, A_MODE),
	E(296, "mkdirat", 3, F_MUTATES, A_DIRFD, A_PATH, A_MODE),
	E(300, "fstatat64", 4, 0, A_DIRFD, A_RPATH, A_BUF, A_ATFLAGS),
	E(301, "unlinkat", 4, F_MUTATES, A_DIRFD, A_PATH, A_ATFLAGS),
	E(302, "renameat", 4, F_MUTATES, A_DIRFD, A_PATH, A_DIRFD, A_PATH),
	E(303, "linkat", 3, F_MUTATES, A_DIRFD, A_PATH, A_DIRFD, A_PATH, A_ATFLAGS),
	E(304, "symlinkat", 3, F_MUTATES, A_PATH, A_DIRFD, A_PATH),
	E(306, "fchmodat", 2, F_MUTATES, A_DIRFD, A_PATH, A_MODE, A_ATFLAGS),
	E(307, "faccessat", 2, 0, A_DIRFD, A_RPATH, A_INT, A_ATFLAGS),
	E(308, "pselect6", 2, 0, A_SMALL, A_BUF, A_BUF, A_BUF, A_TIMESPEC, A_0),
	E(309, "ppoll", 2, 0, A_BUF, A_SMALL, A_TIMESPEC, A_SIGSET, A_SIGSZ),
	E(311, "set_robust_list", 1, 0, A_BUF, A_LEN),
	E(319, "epoll_pwait", 2, 0, A_FD, A_BUF, A_SMALL, A_0, A_SIGSET, A_SIGSZ),
	E(320, "utimensat", 2, F_MUTATES, A_DIRFD, A_PATH, A_TIMESPEC, A_ATFLAGS),
	E(323, "eventfd", 1, 0, A_SMALL),
	E(328, "eventfd2", 2, 0, A_SMALL, A_OFLAGS),
	E(329, "epoll_create1", 2, 0, A_OFLAGS),
	E(330, "dup3", 3, 0, A_FD, A_FD, A_OFLAGS),
	E(331, "pipe2", 3, 0, A_BUF, A_OFLAGS),
	E(337, "recvmmsg", 2, 0, A_FD, A_BUF, A_SMALL, A_MSGFLAGS, A_0),
	E(340, "prlimit64", 2, 0, A_PIDSELF, A_SMALL, A_RLIM64, A_BUF),
	E(345, "sendmmsg", 2, 0, A_FD, A_BUF, A_SMALL, A_MSGFLAGS),
	E(353, "renameat2", 3, F_MUTATES, A_DIRFD, A_PATH, A_DIRFD, A_PATH, A_SMALL),
	E(355, "getrandom", 2, 0, A_BUF, A_LEN, A_SMALL),
	E(359, "socket", 4, 0, A_FAMILY, A_SOCKTYPE, A_SMALL),
	E(360, "socketpair", 3, 0, A_FAMILY, A_SOCKTYPE, A_SMALL, A_BUF),
	E(361, "bind", 4, F_MUTATES, A_FD, A_SOCKADDR, A_ALEN),
	E(362, "connect", 4, 0, A_FD, A_SOCKADDR, A_ALEN),
	E(363, "listen", 3, 0, A_FD, A_SMALL),
	E(364, "accept4", 3, 0, A_FD, A_BUF, A_BUF, A_OFLAGS),
	E(365, "getsockopt", 3, 0, A_FD, A_SMALL, A_SOCKOPT, A_BUF, A_BUF),
	E(366, "setsockopt", 3, 0, A_FD, A_SMALL, A_SOCKOPT, A_INTBUF, A_SMALL),
	E(367, "getsockname", 2, 0, A_FD, A_BUF, A_BUF),
	E(368, "getpeername", 2, 0, A_FD, A_BUF, A_BUF),
	E(369, "sendto", 6, 0, A_FD, A_BUF, A_LEN, A_MSGFLAGS, A_SOCKADDR, A_ALEN),
	E(370, "sendmsg", 6, 0, A_FD, A_MSGHDR, A_MSGFLAGS),
	E(371, "recvfrom", 5, 0, A_FD, A_BUF, A_LEN, A_MSGFLAGS, A_BUF, A_BUF),
	E(372, "recvmsg", 6, 0, A_FD, A_MSGHDR, A_MSGFLAGS),
	E(373, "shutdown", 2, 0, A_FD, A_SMALL),
	E(383, "statx", 3, 0, A_DIRFD, A_RPATH, A_ATFLAGS, A_INT, A_BUF),
	E(403, "clock_gettime64", 2, 0, A_CLOCK, A_BUF),
	E(407, "clock_nanosleep64", 2, 0, A_CLOCK, A_INT, A_TIMESPEC, A_BUF),
	E(412, "utimensat64", 2, F_MUTATES, A_DIRFD, A_PATH, A_TIMESPEC, A_ATFLAGS),
	E(413, "pselect6_time64", 1, 0, A_SMALL, A_BUF, A_BUF, A_BUF, A_TIMESPEC, A_0),
	E(414, "ppoll_time64", 1, 0, A_BUF, A_SMALL, A_TIMESPEC, A_SIGSET, A_SIGSZ),
	E(417, "recvmmsg_time64", 1, 0, A_FD, A_BUF, A_SMALL, A_MSGFLAGS, A_TIMESPEC),
	E(441, "epoll_pwait2", 1, 0, A_FD, A_BUF, A_SMALL, A_TIMESPEC, A_SIGSET, A_SIGSZ),
};

#define NR_ENTRIES (sizeof(table) / sizeof(table[0]))

static unsigned int total_weight;

static unsigned int weight(const struct entry *e)
{
	return (e->flags & F_RARE) ? 1 : e->weight * 32U;
}

static const struct entry *pick_entry(void)
{
	uint32_t w = below(total_weight);
	unsigned int i;

	for (i = 0; i < NR_ENTRIES - 1; i++) {
		if (w < weight(&table[i]))
			break;
		w -= weight(&table[i]);
	}
	return &table[i];
}

void gen_call(struct call *c)
{
	c->e = pick_entry();
	for (int i = 0; i < 6; i++)
		c->a[i] = gen_arg(c->e->args[i], i ? c->a[i - 1] : 0);
}

void table_init(void)
{
	for (unsigned int i = 0; i < NR_ENTRIES; i++)
		total_weight += weight(&table[i]);
}
