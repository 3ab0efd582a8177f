/*
 * AF_UNIX socket options (SOL_SOCKET): the ones that mean something
 * (buffers, credentials, timeouts), the read-only ones, and those Linux
 * accepts on any socket that change nothing here.  The socket layer
 * copied the value in (at most 16 bytes) and copies it back out.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/errno.h>
#include <linux-ish/net.h>
#include <linux-ish/string.h>
#include <linux-ish/time.h>
#include <uapi/linux-ish/time.h>
#include "af_unix.h"


/* Options Linux accepts on any socket that change nothing for AF_UNIX. */
static int unix_flag_bit(int name)
{
	switch (name) {
	case SO_DEBUG:		return 0;
	case SO_REUSEADDR:	return 1;
	case SO_KEEPALIVE:	return 2;
	case SO_DONTROUTE:	return 3;
	case SO_BROADCAST:	return 4;
	case SO_OOBINLINE:	return 5;
	case SO_REUSEPORT:	return 6;
	}
	return -1;
}

static int unix_set_timeo(long *timeo, const void *val, int len)
{
	struct old_timeval32 tv;

	if (len < (int)sizeof(tv))
		return -EINVAL;
	memcpy(&tv, val, sizeof(tv));
	if (tv.tv_usec < 0 || tv.tv_usec >= USEC_PER_SEC)
		return -EDOM;
	if (tv.tv_sec < 0) {
		*timeo = 0;
		return 0;
	}
	if (!tv.tv_sec && !tv.tv_usec) {
		*timeo = SOCK_FOREVER;
		return 0;
	}
	*timeo = min_t(u64, (u64)tv.tv_sec * HZ + DIV_ROUND_UP(tv.tv_usec, USEC_PER_SEC / HZ),
		       SOCK_FOREVER - 1);
	return 0;
}

static int unix_get_timeo(long timeo, void *val)
{
	struct old_timeval32 tv = { 0, 0 };

	if (timeo != SOCK_FOREVER) {
		tv.tv_sec = timeo / HZ;
		tv.tv_usec = (timeo % HZ) * (USEC_PER_SEC / HZ);
	}
	memcpy(val, &tv, sizeof(tv));
	return sizeof(tv);
}

static unsigned int unix_buf_size(int val, unsigned int min, bool force)
{
	unsigned int v = force ? (unsigned int)max(val, 0) : min_t(u32, val, UNIX_WMEM_MAX);

	return max(v > INT_MAX / 2 ? INT_MAX : v * 2, min);
}

int unix_setsockopt(struct socket *sock, int name, const void *val, int len)
{
	struct unix_sock *u = unix_sk(sock);
	int v, bit = unix_flag_bit(name);

	if (len < (int)sizeof(int))
		return -EINVAL;
	memcpy(&v, val, sizeof(v));
	if (bit >= 0) {
		u->opts = v ? (u->opts | 1U << bit) : (u->opts & ~(1U << bit));
		return 0;
	}
	switch (name) {
	case SO_SNDBUF:
	case SO_SNDBUFFORCE:
		u->sndbuf = unix_buf_size(v, UNIX_SNDBUF_MIN, name == SO_SNDBUFFORCE);
		wake_up(&u->wq);
		return 0;
	case SO_RCVBUF:
	case SO_RCVBUFFORCE:
		u->rcvbuf = unix_buf_size(v, UNIX_RCVBUF_MIN, name == SO_RCVBUFFORCE);
		return 0;
	case SO_PASSCRED:
		u->passcred = v != 0;
		return 0;
	case SO_PRIORITY:
		u->priority = v;
		return 0;
	case SO_RCVTIMEO_OLD:
		return unix_set_timeo(&u->rcvtimeo, val, len);
	case SO_SNDTIMEO_OLD:
		return unix_set_timeo(&u->sndtimeo, val, len);
	}
	return -ENOPROTOOPT;
}

/* The value of option @name into @val; its length, or -ENOPROTOOPT. */
static int unix_getopt_value(struct unix_sock *u, struct socket *sock, int name, void *val)
{
	int v, bit = unix_flag_bit(name);

	if (bit >= 0) {
		v = !!(u->opts & (1U << bit));
		goto out_int;
	}
	switch (name) {
	case SO_TYPE:		v = sock->type; break;
	case SO_ERROR:		v = u->err; u->err = 0; break;
	case SO_SNDBUF:		v = u->sndbuf; break;
	case SO_RCVBUF:		v = u->rcvbuf; break;
	case SO_PASSCRED:	v = u->passcred; break;
	case SO_PRIORITY:	v = u->priority; break;
	case SO_ACCEPTCONN:	v = u->state == UNIX_LISTEN; break;
	case SO_DOMAIN:		v = AF_UNIX; break;
	case SO_PROTOCOL:	v = 0; break;
	case SO_PEERCRED:
		memcpy(val, &u->peercred, sizeof(u->peercred));
		return sizeof(u->peercred);
	case SO_RCVTIMEO_OLD:	return unix_get_timeo(u->rcvtimeo, val);
	case SO_SNDTIMEO_OLD:	return unix_get_timeo(u->sndtimeo, val);
	default:
		return -ENOPROTOOPT;
	}
out_int:
	memcpy(val, &v, sizeof(v));
	return sizeof(v);
}

int unix_getsockopt(struct socket *sock, int name, void *val, int *len)
{
	int n = unix_getopt_value(unix_sk(sock), sock, name, val);

	if (n < 0)
		return n;
	*len = min(*len, n);
	return 0;
}
