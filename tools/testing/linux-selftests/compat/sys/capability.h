/*
 * The part of libcap's <sys/capability.h> that Linux's selftests use
 * (seccomp_bpf drops CAP_SYS_ADMIN), for building them without an i386
 * libcap: the build machine has none.  Implemented in libcap.c over
 * capget(2)/capset(2); only this process's own capability sets.
 */
#ifndef LINNET_COMPAT_SYS_CAPABILITY_H
#define LINNET_COMPAT_SYS_CAPABILITY_H

#include <linux/capability.h>

typedef int cap_value_t;
typedef enum { CAP_EFFECTIVE = 0, CAP_PERMITTED = 1, CAP_INHERITABLE = 2 } cap_flag_t;
typedef enum { CAP_CLEAR = 0, CAP_SET = 1 } cap_flag_value_t;
typedef struct linnet_cap_state *cap_t;

cap_t cap_get_proc(void);
int cap_set_proc(cap_t caps);
int cap_get_flag(cap_t caps, cap_value_t cap, cap_flag_t set, cap_flag_value_t *value);
int cap_set_flag(cap_t caps, cap_flag_t set, int n, const cap_value_t *caps_list,
		 cap_flag_value_t value);
int cap_clear(cap_t caps);
int cap_free(void *obj);

#endif
