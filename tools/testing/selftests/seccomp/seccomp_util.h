/* Shared helpers of the seccomp selftests: filters as arrays, raw seccomp(2). */
#ifndef SECCOMP_UTIL_H
#define SECCOMP_UTIL_H

#include <stddef.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <uapi/linux-ish/filter.h>
#include <uapi/linux-ish/seccomp.h>
#include <uapi/linux-ish/audit.h>

#ifndef PR_SET_NO_NEW_PRIVS
#define PR_SET_NO_NEW_PRIVS 38
#define PR_GET_NO_NEW_PRIVS 39
#endif

#define NR_ELEMS(a) (sizeof(a) / sizeof((a)[0]))

static inline long sys_seccomp(unsigned int op, unsigned int flags, void *args)
{
	return syscall(__NR_seccomp, op, flags, args);
}

/* A filter that returns @ret for syscall @nr and allows the rest. */
static inline long filter_one(int nr, unsigned int ret, unsigned int flags)
{
	struct sock_filter f[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, (unsigned int)nr, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, ret),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	struct sock_fprog prog = { .len = NR_ELEMS(f), .filter = f };

	return sys_seccomp(SECCOMP_SET_MODE_FILTER, flags, &prog);
}

static inline int set_nnp(void)
{
	return prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
}

#endif
