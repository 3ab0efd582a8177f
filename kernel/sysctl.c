/*
 * The /proc/sys tables: which tunables exist, their modes and bounds
 * (Linux's names and limits), and the handlers of the common kinds.
 * The variables live with the code that obeys them (linux-ish/sysctl.h).
 */
#include <linux-ish/kernel.h>
#include <linux-ish/elf-randomize.h>
#include <linux-ish/errno.h>
#include <linux-ish/fs.h>
#include <linux-ish/fdtable.h>
#include <linux-ish/fsnotify.h>
#include <linux-ish/ipc.h>
#include <linux-ish/proc_fs.h>
#include <linux-ish/string.h>
#include <linux-ish/sysctl.h>
#include <linux-ish/version.h>
#include <linux-ish/vmscan.h>
#include <linux-ish/writeback.h>

void sysctl_show_int(struct seq_buf *m, const struct ctl_table *t)
{
	seq_printf(m, "%d\n", *(int *)t->data);
}

int sysctl_store_int(const struct ctl_table *t, const char *buf)
{
	long v;

	if (kstrtol(buf, 10, &v) || v < t->min || v > t->max)
		return -EINVAL;
	*(int *)t->data = v;
	return 0;
}

void sysctl_show_ulong(struct seq_buf *m, const struct ctl_table *t)
{
	seq_printf(m, "%lu\n", *(unsigned long *)t->data);
}

int sysctl_store_ulong(const struct ctl_table *t, const char *buf)
{
	unsigned long v;

	if (kstrtoul(buf, 10, &v))
		return -EINVAL;
	*(unsigned long *)t->data = v;
	return 0;
}

void sysctl_show_string(struct seq_buf *m, const struct ctl_table *t)
{
	seq_printf(m, "%s\n", (const char *)t->data);
}

/* As Linux's proc_dostring: the text is cut to the buffer. */
int sysctl_store_string(const struct ctl_table *t, const char *buf)
{
	strlcpy(t->data, buf, t->maxlen);
	return 0;
}

static const char osrelease[] = "6.1.0-linnet-" LINNET_VERSION;
/* uname's sysname and version (kernel/sys.c), as Linux's ostype and version */
static const char ostype[] = "Linnet";
static const char version[] = "#1 " LINNET_VERSION;

/* Taints can be added, never cleared (Linux's rule). */
static int store_tainted(const struct ctl_table *t, const char *buf)
{
	unsigned long v;

	if (kstrtoul(buf, 10, &v))
		return -EINVAL;
	tainted_mask |= v;
	return 0;
}

#define CTL_INT(name, var, lo, hi) { .procname = name, .data = &var, .maxlen = sizeof(var), \
	.mode = 0644, .show = sysctl_show_int, .store = sysctl_store_int, .min = lo, .max = hi }
#define CTL(name, var, m, sh, st) { .procname = name, .data = (void *)var, \
	.maxlen = sizeof(*var), .mode = m, .show = sh, .store = st }
/*
 * ipc/util.c: shown 0444 as Linux 6.1 shows them; root writes through
 * CAP_DAC_OVERRIDE, and the store wants CAP_CHECKPOINT_RESTORE or
 * CAP_SYS_ADMIN (Linux grants write to those).
 */
#define NEXT_ID(name, var) { .procname = name, .data = &var, .maxlen = sizeof(var), \
	.mode = 0444, .show = sysctl_show_int, .store = sysctl_store_next_id, \
	.min = 0, .max = 0x7fffffff }

static const struct ctl_table vm_table[] = {
	CTL("mmap_min_addr", &mmap_min_addr, 0644, sysctl_show_ulong, sysctl_store_ulong),
	CTL_INT("max_map_count", sysctl_max_map_count, 0, 0x7fffffff),
	CTL_INT("overcommit_memory", sysctl_overcommit_memory, 0, 2),
	{ .procname = "overcommit_ratio", .data = &sysctl_overcommit_ratio,
	  .maxlen = sizeof(int), .mode = 0644, .show = sysctl_show_int,
	  .store = sysctl_store_overcommit_ratio, .min = 0, .max = 0x7fffffff },
	CTL("overcommit_kbytes", &sysctl_overcommit_kbytes, 0644, sysctl_show_ulong,
	    sysctl_store_overcommit_kbytes),
	CTL("user_reserve_kbytes", &sysctl_user_reserve_kbytes, 0644, sysctl_show_ulong,
	    sysctl_store_ulong),
	CTL_INT("legacy_va_layout", sysctl_legacy_va_layout, 0, 0x7fffffff),
	/* writeback (mm/page-writeback.c): Linux's bounds; bytes and ratio exclude each other */
	{ .procname = "dirty_ratio", .data = &vm_dirty_ratio, .maxlen = sizeof(int), .mode = 0644,
	  .show = sysctl_show_int, .store = dirty_ratio_store, .min = 0, .max = 100 },
	CTL("dirty_bytes", &vm_dirty_bytes, 0644, sysctl_show_ulong, dirty_bytes_store),
	{ .procname = "dirty_background_ratio", .data = &dirty_background_ratio,
	  .maxlen = sizeof(int), .mode = 0644, .show = sysctl_show_int,
	  .store = dirty_background_ratio_store, .min = 0, .max = 100 },
	CTL("dirty_background_bytes", &dirty_background_bytes, 0644, sysctl_show_ulong,
	    dirty_background_bytes_store),
	CTL_INT("dirty_expire_centisecs", dirty_expire_interval, 0, 0x7fffffff),
	/* reclaim (mm/watermark.c, mm/vmscan.c): Linux's bounds; drop_caches is write-only */
	{ .procname = "min_free_kbytes", .data = &min_free_kbytes, .maxlen = sizeof(int),
	  .mode = 0644, .show = sysctl_show_int, .store = min_free_kbytes_store,
	  .min = 0, .max = 0x7fffffff },
	{ .procname = "watermark_scale_factor", .data = &watermark_scale_factor,
	  .maxlen = sizeof(int), .mode = 0644, .show = sysctl_show_int,
	  .store = watermark_scale_factor_store, .min = 1, .max = 3000 },
	CTL_INT("swappiness", vm_swappiness, 0, 200),	/* mm/lru_scan.c */
	{ .procname = "drop_caches", .data = &sysctl_drop_caches, .maxlen = sizeof(int),
	  .mode = 0200, .show = sysctl_show_int, .store = drop_caches_store, .min = 1, .max = 4 },
	{ .procname = "dirty_writeback_centisecs", .data = &dirty_writeback_interval,
	  .maxlen = sizeof(int), .mode = 0644, .show = sysctl_show_int,
	  .store = dirty_writeback_store, .min = -0x7fffffff - 1, .max = 0x7fffffff },
	{ .procname = NULL }
};

static const struct ctl_table kernel_table[] = {
	CTL_INT("pid_max", pid_max, 301, 32768),	/* PID_MAX_LIMIT of a 32-bit kernel */
	CTL("osrelease", &osrelease, 0444, sysctl_show_string, NULL),
	CTL("ostype", &ostype, 0444, sysctl_show_string, NULL),
	CTL("version", &version, 0444, sysctl_show_string, NULL),
	CTL("hostname", &init_hostname, 0644, sysctl_show_string, sysctl_store_string),
	CTL("domainname", &init_domainname, 0644, sysctl_show_string, sysctl_store_string),
	CTL("tainted", &tainted_mask, 0644, sysctl_show_ulong, store_tainted),
	CTL_INT("randomize_va_space", randomize_va_space, -0x7fffffff - 1, 0x7fffffff),	/* any int, as Linux */
	/* System V IPC limits (ipc/), Linux's defaults and bounds */
	CTL("shmmax", &shm_ctlmax, 0644, sysctl_show_ulong, sysctl_store_ulong),
	CTL("shmall", &shm_ctlall, 0644, sysctl_show_ulong, sysctl_store_ulong),
	CTL_INT("shmmni", shm_ctlmni, 0, 32768),
	CTL_INT("msgmax", msg_ctlmax, 0, 0x7fffffff),
	CTL_INT("msgmnb", msg_ctlmnb, 0, 0x7fffffff),
	CTL_INT("msgmni", msg_ctlmni, 0, 32768),
	CTL("sem", &sem_ctls, 0644, sysctl_show_sem, sysctl_store_sem),
	NEXT_ID("msg_next_id", msg_next_id),
	NEXT_ID("sem_next_id", sem_next_id),
	NEXT_ID("shm_next_id", shm_next_id),
	{ .procname = NULL }
};

/* fs.pipe-max-size: stored rounded as F_SETPIPE_SZ rounds (EINVAL past 2^31). */
static int store_pipe_max_size(const struct ctl_table *t, const char *buf)
{
	unsigned long v;
	unsigned int size;

	if (kstrtoul(buf, 10, &v))
		return -EINVAL;
	size = round_pipe_size(v);
	if (!size)
		return -EINVAL;
	pipe_max_size = size;
	return 0;
}

static void show_uint(struct seq_buf *m, const struct ctl_table *t)
{
	seq_printf(m, "%u\n", *(unsigned int *)t->data);
}

static const struct ctl_table fs_table[] = {
	{ .procname = "dentry-state", .mode = 0444, .show = dentry_state_show },
	CTL("pipe-max-size", &pipe_max_size, 0644, show_uint, store_pipe_max_size),
	/* Linux's bounds are 32..0x3fffffe0; Linnet's tables end at NR_OPEN_MAX (fdtable.h) */
	{ .procname = "nr_open", .data = &sysctl_nr_open, .maxlen = sizeof(sysctl_nr_open),
	  .mode = 0644, .show = show_uint, .store = sysctl_store_int,
	  .min = NR_OPEN_MIN, .max = NR_OPEN_MAX },
	{ .procname = NULL }
};

/* inotify (fs/notify/inotify_user.c): Linux's bounds */
static const struct ctl_table inotify_table[] = {
	CTL_INT("max_user_instances", inotify_max_user_instances, 0, 0x7fffffff),
	CTL_INT("max_user_watches", inotify_max_user_watches, 0, 0x7fffffff),
	CTL_INT("max_queued_events", inotify_max_queued_events, 0, 0x7fffffff),
	{ .procname = NULL }
};

/* POSIX message queues (ipc/mqueue.c): Linux's bounds, HARD_MSGMAX and HARD_MSGSIZEMAX */
static const struct ctl_table mqueue_table[] = {
	CTL_INT("queues_max", mq_queues_max, 0, 0x7fffffff),
	CTL_INT("msg_max", mq_msg_max, 1, 65536),
	CTL_INT("msgsize_max", mq_msgsize_max, 128, 16 * 1024 * 1024),
	CTL_INT("msg_default", mq_msg_default, 1, 65536),
	CTL_INT("msgsize_default", mq_msgsize_default, 128, 16 * 1024 * 1024),
	{ .procname = NULL }
};

const struct ctl_dir sysctl_dirs[] = {
	{ "vm", vm_table },
	{ "kernel", kernel_table },
	{ "kernel/seccomp", seccomp_sysctl_table },
	{ "fs", fs_table },
	{ "fs/inotify", inotify_table },
	{ "fs/mqueue", mqueue_table },
	{ NULL }
};
