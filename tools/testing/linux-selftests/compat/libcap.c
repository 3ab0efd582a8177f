/* A minimal libcap for the selftests (see sys/capability.h): this process's own sets. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "sys/capability.h"

/* Version 3: two 32-bit words per set. */
struct linnet_cap_state {
	struct __user_cap_header_struct head;
	struct __user_cap_data_struct data[2];
};

cap_t cap_get_proc(void)
{
	cap_t c = calloc(1, sizeof(*c));

	if (!c)
		return NULL;
	c->head.version = _LINUX_CAPABILITY_VERSION_3;
	if (syscall(__NR_capget, &c->head, c->data)) {
		free(c);
		return NULL;
	}
	return c;
}

int cap_set_proc(cap_t c)
{
	c->head.pid = 0;
	return syscall(__NR_capset, &c->head, c->data) ? -1 : 0;
}

static __u32 *set_word(cap_t c, cap_value_t cap, cap_flag_t set)
{
	struct __user_cap_data_struct *d = &c->data[cap / 32];

	switch (set) {
	case CAP_EFFECTIVE:	return &d->effective;
	case CAP_PERMITTED:	return &d->permitted;
	default:		return &d->inheritable;
	}
}

int cap_get_flag(cap_t c, cap_value_t cap, cap_flag_t set, cap_flag_value_t *value)
{
	if (!c || cap < 0 || cap >= 64 || set > CAP_INHERITABLE) {
		errno = EINVAL;
		return -1;
	}
	*value = (*set_word(c, cap, set) >> (cap % 32)) & 1 ? CAP_SET : CAP_CLEAR;
	return 0;
}

int cap_set_flag(cap_t c, cap_flag_t set, int n, const cap_value_t *list, cap_flag_value_t value)
{
	if (!c || n < 0 || set > CAP_INHERITABLE) {
		errno = EINVAL;
		return -1;
	}
	for (int i = 0; i < n; i++) {
		if (list[i] < 0 || list[i] >= 64) {
			errno = EINVAL;
			return -1;
		}
		if (value == CAP_SET)
			*set_word(c, list[i], set) |= 1U << (list[i] % 32);
		else
			*set_word(c, list[i], set) &= ~(1U << (list[i] % 32));
	}
	return 0;
}

int cap_clear(cap_t c)
{
	memset(c->data, 0, sizeof(c->data));
	return 0;
}

int cap_free(void *obj)
{
	free(obj);
	return 0;
}
