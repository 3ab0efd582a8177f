/*
 * What seccomp shows: ptrace's PTRACE_SECCOMP_GET_FILTER and
 * GET_METADATA, /proc/<pid>/status's lines, and the kernel.seccomp
 * sysctls actions_avail and actions_logged (linux-ish/seccomp.h).
 */
#include <linux-ish/kernel.h>
#include <linux-ish/cred.h>
#include <linux-ish/errno.h>
#include <linux-ish/proc_fs.h>
#include <linux-ish/sched.h>
#include <linux-ish/string.h>
#include <linux-ish/sysctl.h>
#include <linux-ish/uaccess.h>
#include <uapi/linux-ish/capability.h>
#include "seccomp_internal.h"

u32 seccomp_actions_logged = SECCOMP_LOG_KILL_PROCESS | SECCOMP_LOG_KILL_THREAD |
			     SECCOMP_LOG_TRAP | SECCOMP_LOG_ERRNO | SECCOMP_LOG_USER_NOTIF |
			     SECCOMP_LOG_TRACE | SECCOMP_LOG_LOG;

/* ---- ptrace ---- */

/*
 * @p's filter number @n, counted from the oldest (0), as Linux counts.
 * The caller must hold CAP_SYS_ADMIN and be under no seccomp mode
 * (-EACCES); @p must be in filter mode (-EINVAL); -ENOENT past the end.
 * @p is stopped: its chain does not change.
 */
static const struct seccomp_filter *nth_filter(const struct task_struct *p, u64 n, long *err)
{
	const struct seccomp_filter *f;
	u64 count = 0;

	*err = -EACCES;
	if (!capable(CAP_SYS_ADMIN) || current->seccomp.mode != SECCOMP_MODE_DISABLED)
		return NULL;
	*err = -EINVAL;
	if (p->seccomp.mode != SECCOMP_MODE_FILTER)
		return NULL;
	for (f = p->seccomp.filter; f; f = f->prev)
		count++;
	*err = -ENOENT;
	if (n >= count)
		return NULL;
	for (f = p->seccomp.filter, count -= n; count > 1; count--)
		f = f->prev;
	*err = 0;
	return f;
}

/* The program (its length; copied to @buf unless NULL). */
long seccomp_get_filter(struct task_struct *p, unsigned long n, void __user *buf)
{
	const struct seccomp_filter *f;
	long err;

	f = nth_filter(p, n, &err);
	if (!f)
		return err;
	if (buf && copy_to_user(buf, f->insns, f->len * sizeof(f->insns[0])))
		return -EFAULT;
	return f->len;
}

/* struct seccomp_metadata (its first @size bytes, at least filter_off): returns the size. */
long seccomp_get_metadata(struct task_struct *p, unsigned long size, void __user *data)
{
	struct seccomp_metadata md = { 0 };
	const struct seccomp_filter *f;
	long err;

	if (!capable(CAP_SYS_ADMIN) || current->seccomp.mode != SECCOMP_MODE_DISABLED)
		return -EACCES;
	size = min_t(unsigned long, size, sizeof(md));
	if (size < sizeof(md.filter_off))
		return -EINVAL;
	if (copy_from_user(&md.filter_off, data, sizeof(md.filter_off)))
		return -EFAULT;
	f = nth_filter(p, md.filter_off, &err);
	if (!f)
		return err;
	if (f->log)
		md.flags |= SECCOMP_FILTER_FLAG_LOG;
	return copy_to_user(data, &md, size) ? -EFAULT : (long)size;
}

/* ---- /proc ---- */

void seccomp_show_status(struct seq_buf *m, const struct task_struct *p)
{
	seq_printf(m, "NoNewPrivs:\t%d\nSeccomp:\t%d\nSeccomp_filters:\t%d\n",
		   p->no_new_privs, p->seccomp.mode, p->seccomp.filter_count);
}

/* The actions' names, in Linux's order (the bit of each: seccomp_internal.h). */
static const struct {
	const char *name;
	u32 bit;
} action_names[] = {
	{ "kill_process", SECCOMP_LOG_KILL_PROCESS }, { "kill_thread", SECCOMP_LOG_KILL_THREAD },
	{ "trap", SECCOMP_LOG_TRAP }, { "errno", SECCOMP_LOG_ERRNO },
	{ "user_notif", SECCOMP_LOG_USER_NOTIF }, { "trace", SECCOMP_LOG_TRACE },
	{ "log", SECCOMP_LOG_LOG }, { "allow", SECCOMP_LOG_ALLOW },
};

static void show_actions(struct seq_buf *m, u32 bits)
{
	const char *sep = "";

	for (unsigned int i = 0; i < ARRAY_SIZE(action_names); i++) {
		if (bits & action_names[i].bit) {
			seq_printf(m, "%s%s", sep, action_names[i].name);
			sep = " ";
		}
	}
	seq_printf(m, "\n");
}

static void show_actions_avail(struct seq_buf *m, const struct ctl_table *t)
{
	show_actions(m, ~0U);
}

static void show_actions_logged(struct seq_buf *m, const struct ctl_table *t)
{
	show_actions(m, seccomp_actions_logged);
}

/* @n bytes at @s name an action: its bit, or 0. */
static u32 action_bit(const char *s, size_t n)
{
	for (unsigned int i = 0; i < ARRAY_SIZE(action_names); i++)
		if (strlen(action_names[i].name) == n && !strncmp(action_names[i].name, s, n))
			return action_names[i].bit;
	return 0;
}

/* Space-separated names, "allow" excluded (Linux's rule); CAP_SYS_ADMIN to write. */
static int store_actions_logged(const struct ctl_table *t, const char *buf)
{
	u32 bits = 0;

	if (!capable(CAP_SYS_ADMIN))
		return -EPERM;
	while (*buf) {
		size_t n = 0;
		u32 bit;

		while (buf[n] && buf[n] != ' ')
			n++;
		bit = n ? action_bit(buf, n) : 0;
		if (n && (!bit || bit == SECCOMP_LOG_ALLOW))
			return -EINVAL;
		bits |= bit;
		buf += n + (buf[n] == ' ');
	}
	seccomp_actions_logged = bits;
	return 0;
}

const struct ctl_table seccomp_sysctl_table[] = {
	{ .procname = "actions_avail", .mode = 0444, .show = show_actions_avail },
	{ .procname = "actions_logged", .data = &seccomp_actions_logged,
	  .maxlen = sizeof(seccomp_actions_logged), .mode = 0644,
	  .show = show_actions_logged, .store = store_actions_logged },
	{ .procname = NULL }
};
