/*
 * memfd_create(2) and file seals.
 *
 * A memfd is a shmem object (an unnamed tmpfs file of the internal
 * instance, like shared anonymous memory) opened read-write: its only
 * name is the dentry "memfd:NAME" in no directory, which /proc shows as
 * "/memfd:NAME (deleted)".  Its inode is marked S_SEALABLE and keeps its
 * seals in i_seals; without MFD_ALLOW_SEALING it starts with F_SEAL_SEAL
 * (no seal can ever be added), as every other tmpfs file reports.
 *
 * What each seal refuses, with EPERM (Linux 6.1):
 *   F_SEAL_SHRINK        truncate below the size
 *   F_SEAL_GROW          truncate above it, writes past it (page by page,
 *                        as Linux), fallocate past it
 *   F_SEAL_WRITE         write, punching holes, writable shared mappings;
 *                        a new shared read-only one loses VM_MAYWRITE
 *                        (mprotect EACCES), as Debian's 6.1 (the 6.7
 *                        change backported); adding it fails with EBUSY
 *                        while a shared mapping that may write exists
 *                        (VM_SHARED|VM_MAYWRITE, mapping->i_mmap_writable)
 *   F_SEAL_FUTURE_WRITE  the same for new writes and new writable shared
 *                        mappings; mappings made before keep writing; new
 *                        shared read-only mappings lose VM_MAYWRITE, so
 *                        mprotect cannot make them writable (EACCES)
 *   F_SEAL_SEAL          F_ADD_SEALS
 * Locking: seals change under mapping->i_mmap_lock, with which the
 * writable-mapping count is kept; one CPU and a kernel that is not
 * preempted make each check and the change it guards one step.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/err.h>
#include <linux-ish/errno.h>
#include <linux-ish/fdtable.h>
#include <linux-ish/fs.h>
#include <linux-ish/mm.h>
#include <linux-ish/string.h>
#include <linux-ish/syscalls.h>
#include <linux-ish/uaccess.h>

#define MFD_NAME_PREFIX		"memfd:"
#define MFD_NAME_PREFIX_LEN	(sizeof(MFD_NAME_PREFIX) - 1)
#define MFD_NAME_MAX_LEN	(NAME_MAX - MFD_NAME_PREFIX_LEN)	/* 249 */
#define MFD_ALL_FLAGS		(MFD_CLOEXEC | MFD_ALLOW_SEALING | MFD_HUGETLB)
#define F_ALL_SEALS		(F_SEAL_SEAL | F_SEAL_SHRINK | F_SEAL_GROW | \
				 F_SEAL_WRITE | F_SEAL_FUTURE_WRITE)

/* The seals that bind @inode: a memfd's own; nothing for other files. */
static unsigned int inode_seals(const struct inode *inode)
{
	return (inode->i_flags & S_SEALABLE) ? READ_ONCE(inode->i_seals) : 0;
}

/*
 * write(2) at @pos of *@count bytes: refused by the write seals; the grow
 * seal cuts it to the whole pages that stay inside the file, as Linux
 * refuses it page by page (EPERM if nothing is left).
 */
int seal_check_write(const struct inode *inode, loff_t pos, size_t *count)
{
	unsigned int seals = inode_seals(inode);
	loff_t limit;

	if (!*count || !seals)
		return 0;
	if (seals & (F_SEAL_WRITE | F_SEAL_FUTURE_WRITE))
		return -EPERM;
	if (!(seals & F_SEAL_GROW) || pos + (loff_t)*count <= inode->i_size)
		return 0;
	limit = inode->i_size & PAGE_MASK;
	if (limit <= pos)
		return -EPERM;
	*count = limit - pos;
	return 0;
}

/* truncate/ftruncate to @size. */
int seal_check_setsize(const struct inode *inode, loff_t size)
{
	unsigned int seals = inode_seals(inode);

	if ((size < inode->i_size && (seals & F_SEAL_SHRINK)) ||
	    (size > inode->i_size && (seals & F_SEAL_GROW)))
		return -EPERM;
	return 0;
}

/* fallocate: punching writes, allocating past the end grows. */
int seal_check_fallocate(const struct inode *inode, int mode, loff_t offset, loff_t len)
{
	unsigned int seals = inode_seals(inode);

	if ((mode & FALLOC_FL_PUNCH_HOLE) && (seals & (F_SEAL_WRITE | F_SEAL_FUTURE_WRITE)))
		return -EPERM;
	if (!(mode & FALLOC_FL_PUNCH_HOLE) && (seals & F_SEAL_GROW) &&
	    offset + len > inode->i_size)
		return -EPERM;
	return 0;
}

/*
 * mmap with *@vm_flags: under either write seal no new shared mapping
 * with VM_WRITE, and a shared read-only one never becomes writable.
 */
int seal_check_mmap(const struct inode *inode, unsigned long *vm_flags)
{
	unsigned int seals = inode_seals(inode);

	if (!(*vm_flags & VM_SHARED) || !(seals & (F_SEAL_WRITE | F_SEAL_FUTURE_WRITE)))
		return 0;
	if (*vm_flags & VM_WRITE)
		return -EPERM;
	*vm_flags &= ~VM_MAYWRITE;	/* so it never counts in i_mmap_writable */
	return 0;
}

/* F_ADD_SEALS.  0, -EPERM (sealed, or not open for writing), -EINVAL, -EBUSY. */
static long memfd_add_seals(struct file *f, unsigned int seals)
{
	struct inode *inode = f->f_inode;
	struct address_space *mapping = inode->i_mapping;
	unsigned long flags;
	long err = 0;

	if (!(f->f_mode & FMODE_WRITE))
		return -EPERM;
	if (seals & ~F_ALL_SEALS)
		return -EINVAL;
	if (!mapping_is_shmem(mapping))
		return -EINVAL;
	if (!(inode->i_flags & S_SEALABLE))
		return -EPERM;		/* a tmpfs file: F_SEAL_SEAL from birth */
	spin_lock_irqsave(&mapping->i_mmap_lock, flags);
	if (inode->i_seals & F_SEAL_SEAL)
		err = -EPERM;
	else if ((seals & F_SEAL_WRITE) && !(inode->i_seals & F_SEAL_WRITE) &&
		 mapping->i_mmap_writable)
		err = -EBUSY;
	else
		inode->i_seals |= seals;
	spin_unlock_irqrestore(&mapping->i_mmap_lock, flags);
	return err;
}

/* fcntl F_ADD_SEALS / F_GET_SEALS: every tmpfs file answers; others EINVAL. */
long memfd_fcntl(struct file *f, unsigned int cmd, unsigned long arg)
{
	if (cmd == F_ADD_SEALS)
		return memfd_add_seals(f, arg);
	if (!mapping_is_shmem(f->f_inode->i_mapping))
		return -EINVAL;
	return (f->f_inode->i_flags & S_SEALABLE) ? f->f_inode->i_seals : F_SEAL_SEAL;
}

static ssize_t memfd_write(struct file *f, const char __user *buf, size_t count, loff_t *pos)
{
	loff_t start = (f->f_flags & O_APPEND) ? f->f_inode->i_size : *pos;
	int err = seal_check_write(f->f_inode, start, &count);

	return err ? err : generic_file_write(f, buf, count, pos);
}

static int memfd_mmap(struct file *f, struct vm_area_struct *vma)
{
	int err = seal_check_mmap(f->f_inode, &vma->vm_flags);

	return err ? err : generic_file_mmap(f, vma);
}

static const struct file_operations memfd_fops = {
	.read = generic_file_read,
	.write = memfd_write,
	.llseek = ramfs_file_llseek,
	.mmap = memfd_mmap,
	.fallocate = simple_fallocate,
};

/* "memfd:" and the user's name; -EFAULT, or -EINVAL if longer than 249 bytes. */
static int memfd_getname(const char __user *uname, char *name)
{
	long len;

	memcpy(name, MFD_NAME_PREFIX, MFD_NAME_PREFIX_LEN);
	len = strncpy_from_user(name + MFD_NAME_PREFIX_LEN, uname, MFD_NAME_MAX_LEN + 1);
	if (len < 0)
		return -EFAULT;
	if (len > (long)MFD_NAME_MAX_LEN)
		return -EINVAL;
	return 0;
}

SYSCALL_DEFINE2(memfd_create, const char __user *, uname, unsigned int, flags)
{
	char name[NAME_MAX + 1];
	struct file *f;
	int fd, err;

	if (flags & MFD_HUGETLB) {
		if (flags & ~(MFD_ALL_FLAGS | (MFD_HUGE_MASK << MFD_HUGE_SHIFT)))
			return -EINVAL;
	} else if (flags & ~MFD_ALL_FLAGS) {
		return -EINVAL;		/* MFD_NOEXEC_SEAL, MFD_EXEC: Linux 6.3 */
	}
	err = memfd_getname(uname, name);
	if (err)
		return err;
	fd = get_unused_fd_flags((flags & MFD_CLOEXEC) ? O_CLOEXEC : 0);
	if (fd < 0)
		return fd;
	/* No hugetlbfs: what Linux answers when it is configured out. */
	f = (flags & MFD_HUGETLB) ? ERR_PTR(-ENOSYS) :
	    shmem_file_setup_named(name, 0, &memfd_fops);
	if (IS_ERR(f)) {
		put_unused_fd(fd);
		return PTR_ERR(f);
	}
	f->f_flags |= O_LARGEFILE;
	f->f_inode->i_flags |= S_SEALABLE;
	f->f_inode->i_seals = (flags & MFD_ALLOW_SEALING) ? 0 : F_SEAL_SEAL;
	fd_install(fd, f);
	return fd;
}
