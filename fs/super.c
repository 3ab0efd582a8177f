/*
 * File-system types and their instances.
 *
 * A file_system_type is registered once by name; mount(2) finds it with
 * get_fs_type().  sget() makes an instance (a super_block) and lets the
 * type fill it in; an FS_SINGLE type (proc, debugfs, devtmpfs) has one
 * instance that every mount shares, so each mount of proc shows the same
 * processes.  s_active counts the mounts of an instance; the last
 * deactivate_super() kills it.
 *
 * Instances are named by an anonymous device number 0:N (st_dev of their
 * files), N from 1 to 255, reused once freed.
 *
 * Locking: file_systems_lock guards the registry and the device-number
 * map; s_active and FS_SINGLE's pointer change only with the kernel
 * non-preemptible and without sleeping in between.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/err.h>
#include <linux-ish/errno.h>
#include <linux-ish/fsnotify.h>
#include <linux-ish/mount.h>
#include <linux-ish/proc_fs.h>
#include <linux-ish/slab.h>
#include <linux-ish/string.h>
#include <linux-ish/uaccess.h>
#include <linux-ish/writeback.h>
#include <linux-ish/syscalls.h>

static struct file_system_type *file_systems;
static DEFINE_SPINLOCK(file_systems_lock);
static LIST_HEAD(super_blocks);		/* every live instance, file_systems_lock */
static unsigned long anon_devs[256 / BITS_PER_LONG];

/* 0 or -EBUSY if a type of that name is already there. */
int register_filesystem(struct file_system_type *type)
{
	struct file_system_type **p;
	unsigned long flags;
	int err = 0;

	spin_lock_irqsave(&file_systems_lock, flags);
	for (p = &file_systems; *p; p = &(*p)->next)
		if (!strcmp((*p)->name, type->name))
			err = -EBUSY;
	if (!err)
		*p = type;
	spin_unlock_irqrestore(&file_systems_lock, flags);
	return err;
}

struct file_system_type *get_fs_type(const char *name)
{
	struct file_system_type *t;
	unsigned long flags;

	spin_lock_irqsave(&file_systems_lock, flags);
	for (t = file_systems; t; t = t->next)
		if (!strcmp(t->name, name))
			break;
	spin_unlock_irqrestore(&file_systems_lock, flags);
	return t;
}

/* /proc/filesystems: "nodev" marks the types that need no block device. */
void show_filesystems(struct seq_buf *m)
{
	for (struct file_system_type *t = file_systems; t; t = t->next)
		if (t->fs_flags & FS_USERMOUNT)
			seq_printf(m, "%s\t%s\n", (t->fs_flags & FS_REQUIRES_DEV) ? "" : "nodev",
				   t->name);
}

/*
 * The names of the types that need a block device, comma-separated in
 * registration order, into @buf (truncated at @size): the root mount's
 * candidates when rootfstype= is not given.
 */
void get_filesystem_list_dev(char *buf, size_t size)
{
	unsigned long flags;
	size_t len = 0;

	buf[0] = '\0';
	spin_lock_irqsave(&file_systems_lock, flags);
	for (struct file_system_type *t = file_systems; t; t = t->next)
		if (t->fs_flags & FS_REQUIRES_DEV)
			len += scnprintf(buf + len, size - len, "%s%s", len ? "," : "", t->name);
	spin_unlock_irqrestore(&file_systems_lock, flags);
}

/*
 * sysfs(2), Linux's fs/filesystems.c: option 1 maps a type's name to its
 * index (EINVAL if none), 2 copies the name at an index out (EINVAL past
 * the end), 3 counts the types; the list is /proc/filesystems'.
 */
static int fs_index(const char __user *uname)
{
	char *name = getname(uname);
	int i = 0, ret = -EINVAL;

	if (IS_ERR(name))
		return PTR_ERR(name);
	for (struct file_system_type *t = file_systems; t; t = t->next) {
		if (!(t->fs_flags & FS_USERMOUNT))
			continue;
		if (!strcmp(t->name, name)) {
			ret = i;
			break;
		}
		i++;
	}
	kfree(name);
	return ret;
}

static int fs_name(unsigned int index, char __user *buf)
{
	for (struct file_system_type *t = file_systems; t; t = t->next) {
		if (!(t->fs_flags & FS_USERMOUNT) || index--)
			continue;
		return copy_to_user(buf, t->name, strlen(t->name) + 1) ? -EFAULT : 0;
	}
	return -EINVAL;
}

static int fs_maxindex(void)
{
	int n = 0;

	for (struct file_system_type *t = file_systems; t; t = t->next)
		n += !!(t->fs_flags & FS_USERMOUNT);
	return n;
}

SYSCALL_DEFINE3(sysfs, int, option, unsigned long, arg1, unsigned long, arg2)
{
	switch (option) {
	case 1:
		return fs_index((const char __user *)arg1);
	case 2:
		return fs_name(arg1, (char __user *)arg2);
	case 3:
		return fs_maxindex();
	default:
		return -EINVAL;
	}
}

static dev_t alloc_anon_dev(void)
{
	unsigned long flags;
	dev_t dev = 0;

	spin_lock_irqsave(&file_systems_lock, flags);
	for (unsigned int minor = 1; minor < 256; minor++) {
		unsigned long bit = 1UL << (minor % BITS_PER_LONG);

		if (!(anon_devs[minor / BITS_PER_LONG] & bit)) {
			anon_devs[minor / BITS_PER_LONG] |= bit;
			dev = MKDEV(0, minor);
			break;
		}
	}
	spin_unlock_irqrestore(&file_systems_lock, flags);
	return dev;
}

static void free_anon_dev(dev_t dev)
{
	unsigned long flags;
	unsigned int minor = MINOR(dev);

	spin_lock_irqsave(&file_systems_lock, flags);
	anon_devs[minor / BITS_PER_LONG] &= ~(1UL << (minor % BITS_PER_LONG));
	spin_unlock_irqrestore(&file_systems_lock, flags);
}

static void super_list_add(struct super_block *sb)
{
	unsigned long flags;

	spin_lock_irqsave(&file_systems_lock, flags);
	list_add_tail(&sb->s_list, &super_blocks);
	spin_unlock_irqrestore(&file_systems_lock, flags);
}

static void super_list_del(struct super_block *sb)
{
	unsigned long flags;

	spin_lock_irqsave(&file_systems_lock, flags);
	list_del(&sb->s_list);
	spin_unlock_irqrestore(&file_systems_lock, flags);
}

/*
 * An active instance of @type for a new mount: the single one if the
 * type has one, else a new one filled from the options @data.
 * Referenced (s_active) superblock or ERR_PTR.
 */
struct super_block *sget(struct file_system_type *type, char *data)
{
	struct super_block *sb;
	int err;

	if (type->single) {
		type->single->s_active++;
		return type->single;
	}
	sb = kzalloc(sizeof(*sb), GFP_KERNEL);
	if (!sb)
		return ERR_PTR(-ENOMEM);
	sb->s_type = type;
	sb->s_active = 1;
	sb->s_dev = alloc_anon_dev();
	err = sb->s_dev ? type->fill_super(sb, data) : -EMFILE;
	if (err) {
		if (sb->s_dev)
			free_anon_dev(sb->s_dev);
		kfree(sb);
		return ERR_PTR(err);
	}
	if (type->fs_flags & FS_SINGLE)
		type->single = sb;
	super_list_add(sb);
	return sb;
}

/*
 * Calls @fn on every live instance with an active reference held (so it
 * may sleep); the reference is dropped after, which may kill an instance
 * that was unmounted meanwhile.
 */
void iterate_supers(void (*fn)(struct super_block *sb, void *arg), void *arg)
{
	struct super_block *sb, *prev = NULL;
	unsigned long flags;

	spin_lock_irqsave(&file_systems_lock, flags);
	list_for_each_entry(sb, &super_blocks, s_list) {
		if (!sb->s_active)
			continue;		/* going: deactivate_super is in it */
		sb->s_active++;
		spin_unlock_irqrestore(&file_systems_lock, flags);
		if (prev)
			deactivate_super(prev);
		fn(sb, arg);
		prev = sb;
		spin_lock_irqsave(&file_systems_lock, flags);
	}
	spin_unlock_irqrestore(&file_systems_lock, flags);
	if (prev)
		deactivate_super(prev);
}

/*
 * Drops a mount's hold on @sb; the last one writes its dirty data back
 * (sync_filesystem, as Linux's generic_shutdown_super) and kills it.
 */
void deactivate_super(struct super_block *sb)
{
	struct file_system_type *type = sb->s_type;

	if (--sb->s_active)
		return;
	sync_filesystem(sb);		/* sleeps: a new mount may take it meanwhile */
	if (sb->s_active)
		return;
	if (type->single == sb)
		type->single = NULL;
	super_list_del(sb);
	fsnotify_unmount(sb);
	if (type->kill_sb)
		type->kill_sb(sb);
	free_anon_dev(sb->s_dev);
	kfree(sb);
}
