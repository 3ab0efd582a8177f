/*
 * The mount table as /proc shows it: /proc/<pid>/mounts (the fstab-like
 * format of /proc/mounts) and /proc/<pid>/mountinfo, in Linux's formats,
 * with paths seen from the process's root.  Mounts outside that root are
 * left out, as on Linux.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/err.h>
#include <linux-ish/fs.h>
#include <linux-ish/mount.h>
#include <linux-ish/proc_fs.h>
#include <linux-ish/slab.h>
#include <linux-ish/string.h>

/* Prints @s with space, tab, newline and backslash as octal escapes (\040...). */
static void seq_escaped(struct seq_buf *m, const char *s)
{
	for (; *s; s++) {
		if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\\')
			seq_printf(m, "\\%03o", (unsigned char)*s);
		else
			seq_putc(m, *s);
	}
}

/* The mount's options: "rw"/"ro" and its flags, in Linux's order. */
static void show_mnt_opts(struct seq_buf *m, const struct vfsmount *mnt, bool with_sb)
{
	static const struct { int flag; const char *name; } opts[] = {
		{ MNT_NOSUID, ",nosuid" }, { MNT_NODEV, ",nodev" }, { MNT_NOEXEC, ",noexec" },
		{ MNT_NOATIME, ",noatime" }, { MNT_NODIRATIME, ",nodiratime" },
		{ MNT_RELATIME, ",relatime" },
	};
	bool ro = (mnt->mnt_flags & MNT_RDONLY) ||
		  (with_sb && (mnt->mnt_sb->s_flags & SB_RDONLY));

	seq_printf(m, "%s", ro ? "ro" : "rw");
	for (size_t i = 0; i < ARRAY_SIZE(opts); i++)
		if (mnt->mnt_flags & opts[i].flag)
			seq_printf(m, "%s", opts[i].name);
}

static void show_sb_opts(struct seq_buf *m, struct super_block *sb)
{
	if (sb->s_op && sb->s_op->show_options)
		sb->s_op->show_options(m, sb);
}

/* Where @mnt is mounted, seen from @root, into @buf; NULL if not below @root. */
static const char *mountpoint_path(const struct vfsmount *mnt, const struct path *root,
				   char *buf)
{
	struct path p = { (struct vfsmount *)mnt, mnt->mnt_root };
	const struct vfsmount *v;

	for (v = mnt; v != root->mnt; v = v->mnt_parent)
		if (v->mnt_parent == v)
			return NULL;	/* another branch of the tree */
	p.dentry = mnt->mnt_root;
	buf = __d_path(&p, root, buf, PATH_MAX);
	return IS_ERR(buf) ? NULL : buf;
}

typedef void (*show_mnt_t)(struct seq_buf *m, const struct vfsmount *mnt, const char *where,
			   char *buf);

static void show_mount(struct seq_buf *m, const struct vfsmount *mnt, const char *where,
		       char *buf)
{
	seq_escaped(m, mnt->mnt_devname);
	seq_putc(m, ' ');
	seq_escaped(m, where);
	seq_printf(m, " %s ", mnt->mnt_sb->s_type->name);
	show_mnt_opts(m, mnt, true);
	show_sb_opts(m, mnt->mnt_sb);
	seq_printf(m, " 0 0\n");
}

static void show_mountinfo_line(struct seq_buf *m, const struct vfsmount *mnt,
				const char *where, char *buf)
{
	struct super_block *sb = mnt->mnt_sb;
	const char *root = dentry_path_raw(mnt->mnt_root, buf, PATH_MAX);

	seq_printf(m, "%d %d %u:%u ", mnt->mnt_id, mnt->mnt_parent->mnt_id,
		   MAJOR(sb->s_dev), MINOR(sb->s_dev));
	seq_escaped(m, IS_ERR(root) ? "/" : root);
	seq_putc(m, ' ');
	seq_escaped(m, where);
	seq_putc(m, ' ');
	show_mnt_opts(m, mnt, false);
	seq_printf(m, " - %s ", sb->s_type->name);
	seq_escaped(m, mnt->mnt_devname);
	seq_printf(m, " %s", (sb->s_flags & SB_RDONLY) ? "ro" : "rw");
	show_sb_opts(m, sb);
	seq_putc(m, '\n');
}

/* Every mount below @root, in mount order, through @show. */
static void for_each_visible_mount(struct seq_buf *m, const struct path *root, show_mnt_t show)
{
	char *buf = kmalloc(2 * PATH_MAX, GFP_KERNEL);
	const struct vfsmount *mnt;
	unsigned long flags;

	if (!buf) {
		m->overflow = true;	/* proc_generate gives up: ENOMEM */
		return;
	}
	spin_lock_irqsave(&mount_lock, flags);
	list_for_each_entry(mnt, &mount_list, mnt_list) {
		const char *where = mountpoint_path(mnt, root, buf + PATH_MAX);

		if (where)
			show(m, mnt, where, buf);
	}
	spin_unlock_irqrestore(&mount_lock, flags);
	kfree(buf);
}

void show_mounts(struct seq_buf *m, const struct path *root)
{
	for_each_visible_mount(m, root, show_mount);
}

void show_mountinfo(struct seq_buf *m, const struct path *root)
{
	for_each_visible_mount(m, root, show_mountinfo_line);
}
