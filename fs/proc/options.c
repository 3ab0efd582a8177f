/*
 * One procfs instance per mount and its options, as Linux 6.1's:
 *
 *   hidepid=0|off         every /proc/<pid> open to all (the default)
 *   hidepid=1|noaccess    /proc/<pid> listed, but its contents only for
 *                         who may ptrace-read the process (else EPERM)
 *   hidepid=2|invisible   as 1, and the others' /proc/<pid> hidden
 *                         (not listed, lookups ENOENT)
 *   hidepid=4|ptraceable  only ptrace-readable processes, even for the
 *                         gid= group
 *   gid=N                 members of group N see everything (0|1|2)
 *   subset=pid            only /proc/<pid>, self and thread-self
 *
 * A number hidepid takes in any base kstrtouint() reads (0x2 too).
 * The sb flag words Linux's VFS takes (ro, rw, sync...) pass through.
 * Each option is checked on its own (fsconfig's SET_STRING checks one
 * before CMD_CREATE); anything else, or a value that is no string (a
 * blob, a path, an fd), is EINVAL, as Linux's fs_parse() says.  remount
 * changes only the options it names.  subset= is decided at mount:
 * the global files are made then or not, so remount refuses to change
 * it (EINVAL), where Linux would switch them.  (subset= takes only
 * "pid", as Linux; so a mount without it cannot gain it by remount.)
 */
#include <linux-ish/kernel.h>
#include <linux-ish/cred.h>
#include <linux-ish/errno.h>
#include <linux-ish/fs.h>
#include <linux-ish/ptrace.h>
#include <linux-ish/slab.h>
#include <linux-ish/string.h>
#include "internal.h"

static const char *const hidepid_names[] = {
	[HIDEPID_OFF] = "off", [HIDEPID_NO_ACCESS] = "noaccess",
	[HIDEPID_INVISIBLE] = "invisible", [HIDEPID_NOT_PTRACEABLE] = "ptraceable",
};

static bool hidepid_valid(unsigned long v)
{
	return v == HIDEPID_OFF || v == HIDEPID_NO_ACCESS || v == HIDEPID_INVISIBLE ||
	       v == HIDEPID_NOT_PTRACEABLE;
}

static bool sb_flag_word(const char *key)
{
	static const char *const words[] = {
		"ro", "rw", "sync", "async", "dirsync", "lazytime", "nolazytime",
		"mand", "nomand", "silent",
	};

	for (size_t i = 0; i < ARRAY_SIZE(words); i++)
		if (!strcmp(key, words[i]))
			return true;
	return false;
}

/* -EINVAL, with Linux's message for fsconfig's log into @msg (if any). */
__attribute__((format(printf, 3, 4)))
static int bad(char *msg, size_t size, const char *fmt, ...)
{
	if (msg) {
		va_list ap;

		va_start(ap, fmt);
		vsnprintf(msg, size, fmt, ap);
		va_end(ap);
	}
	return -EINVAL;
}

static int parse_hidepid(struct proc_fs_info *o, const char *val, char *msg, size_t size)
{
	unsigned long v;

	if (!kstrtoul(val, 0, &v)) {
		if (!hidepid_valid(v))
			return bad(msg, size, "proc: unknown value of hidepid - %s\n", val);
	} else {
		for (v = 0; v < ARRAY_SIZE(hidepid_names); v++)
			if (hidepid_names[v] && !strcmp(val, hidepid_names[v]))
				break;
		if (v == ARRAY_SIZE(hidepid_names))
			return bad(msg, size, "proc: unknown value of hidepid - %s\n", val);
	}
	o->hidepid = v;
	o->mask |= PROC_OPT_HIDEPID;
	return 0;
}

/*
 * One option @key with the string @val (NULL: a flag, or no string at
 * all) into @o, marking it in o->mask.  0 or -EINVAL, and then Linux's
 * message (fs_parse's, then proc's own) in @msg if it is not NULL.
 */
int proc_parse_option(struct proc_fs_info *o, const char *key, const char *val, char *msg,
		      size_t size)
{
	unsigned long v;

	if (sb_flag_word(key))
		return 0;
	if (strcmp(key, "hidepid") && strcmp(key, "gid") && strcmp(key, "subset"))
		return bad(msg, size, "proc: Unknown parameter '%s'", key);
	if (!val || !*val)
		return bad(msg, size, "proc: Bad value for '%s'", key);
	if (!strcmp(key, "hidepid"))
		return parse_hidepid(o, val, msg, size);
	if (!strcmp(key, "gid")) {
		if (kstrtoul(val, 0, &v) || v > 0xfffffffeUL)
			return bad(msg, size, "proc: Bad value for 'gid'");
		o->gid = v;
		o->mask |= PROC_OPT_GID;
		return 0;
	}
	if (strcmp(val, "pid"))
		return bad(msg, size, "proc: unsupported subset option - %s\n", val);
	o->pidonly = true;
	o->mask |= PROC_OPT_SUBSET;
	return 0;
}

/* A mount(2) option string "a=b,c" into @o.  0 or -EINVAL. */
int proc_parse_options(struct proc_fs_info *o, char *data)
{
	while (data && *data) {
		char *opt = data, *val;
		int err;

		data = strchr(data, ',');
		if (data)
			*data++ = '\0';
		if (!*opt)
			continue;
		val = strchr(opt, '=');
		if (val)
			*val++ = '\0';
		err = proc_parse_option(o, opt, val, NULL, 0);
		if (err)
			return err;
	}
	return 0;
}

/* fsconfig's check of one option before CMD_CREATE (a blob, path or fd is no string). */
int proc_check_option(const char *key, const char *val, bool is_string, char *msg, size_t size)
{
	struct proc_fs_info scratch = { 0 };

	return proc_parse_option(&scratch, key, is_string ? val : NULL, msg, size);
}

/* remount: the options named in @data replace the instance's. */
int proc_remount(struct super_block *sb, unsigned long *flags, char *data)
{
	struct proc_fs_info *fi = proc_sb_info(sb), o = { 0 };
	int err = proc_parse_options(&o, data);

	if (err)
		return err;
	if ((o.mask & PROC_OPT_SUBSET) && o.pidonly != fi->pidonly)
		return -EINVAL;		/* fixed at mount: see above */
	if (o.mask & PROC_OPT_HIDEPID)
		fi->hidepid = o.hidepid;
	if (o.mask & PROC_OPT_GID)
		fi->gid = o.gid;
	return 0;
}

void proc_show_options(struct seq_buf *m, struct super_block *sb)
{
	const struct proc_fs_info *fi = proc_sb_info(sb);

	if (fi->gid)
		seq_printf(m, ",gid=%u", (unsigned int)fi->gid);
	if (fi->hidepid != HIDEPID_OFF)
		seq_printf(m, ",hidepid=%s", hidepid_names[fi->hidepid]);
	if (fi->pidonly)
		seq_printf(m, ",subset=pid");
}

/*
 * Linux's has_pid_permissions(): may current see @p's /proc/<pid> on
 * this instance, where hiding starts at level @min?
 */
bool proc_pid_visible(const struct super_block *sb, struct task_struct *p, int min)
{
	const struct proc_fs_info *fi = proc_sb_info(sb);

	if (fi->hidepid == HIDEPID_NOT_PTRACEABLE)
		return ptrace_may_access(p, PTRACE_MODE_READ);
	if (fi->hidepid < min || in_group_p(fi->gid))
		return true;
	return ptrace_may_access(p, PTRACE_MODE_READ);
}
