/*
 * System V shared memory: shmget, shmat, shmdt, shmctl.
 *
 * A segment is a shmem file (mm/shmem.c) of its size, so its pages are
 * page-cache pages counted as Shmem.  Each shmat makes a file of its own
 * on the same inode (read-only for SHM_RDONLY, so mprotect cannot add
 * write) whose mmap hook gives the VMA shm_vm_ops: their open and close
 * count the VMAs mapping the segment (shm_nattch -- fork's copies and
 * splits count, as on Linux) and keep the times and lpid.  fork inherits
 * the VMAs, exec and exit drop them like any other.  IPC_RMID of an
 * attached segment only marks it SHM_DEST with key IPC_PRIVATE; its id
 * stays valid until the last VMA goes, which destroys it.
 *
 * Locking: shm_ids.mutex (ipc/util.h) covers every segment; it is taken
 * inside mmap_lock by the VMA hooks, so shmat/shmdt drop it before
 * taking mmap_lock.  A segment being attached is pinned by a count in
 * nattch across the mmap.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/err.h>
#include <linux-ish/errno.h>
#include <linux-ish/fs.h>
#include <linux-ish/ipc.h>
#include <linux-ish/mm.h>
#include <linux-ish/mman.h>
#include <linux-ish/proc_fs.h>
#include <linux-ish/sched.h>
#include <linux-ish/slab.h>
#include <linux-ish/string.h>
#include <linux-ish/syscalls.h>
#include <linux-ish/uaccess.h>
#include <uapi/linux-ish/fcntl.h>
#include <uapi/linux-ish/mman.h>
#include <uapi/linux-ish/shm.h>
#include "util.h"
#include "ipc_syscalls.h"

#define SHMMIN		1
#define SHMLBA		PAGE_SIZE

unsigned long shm_ctlmax = ~0UL - (1UL << 24);
unsigned long shm_ctlall = ~0UL - (1UL << 24);
int shm_ctlmni = 4096;

struct shmid_kernel {
	struct kern_ipc_perm perm;
	struct file *file;		/* the shmem file: the segment's own reference */
	unsigned long segsz;
	u32 atime, dtime, ctime;
	pid_t cpid, lpid;
	unsigned long nattch;		/* VMAs mapping it, plus shmat's pin */
	const struct vm_operations_struct *file_ops;	/* the shmem file's VMA ops */
};

int shm_next_id = -1;
static struct ipc_ids shm_ids = IPC_IDS_INIT(shm_ids, shm_next_id);
static unsigned long shm_tot;		/* pages of every segment: shm_ctlall */

static struct shmid_kernel *shm_obtain(int id)
{
	struct kern_ipc_perm *p = ipc_obtain(&shm_ids, id);

	return p ? container_of(p, struct shmid_kernel, perm) : NULL;
}

static unsigned long shm_pages(const struct shmid_kernel *shp)
{
	return PAGE_ALIGN(shp->segsz) >> PAGE_SHIFT;
}

/* Takes @shp out of the table and frees it.  shm_ids.mutex held. */
static void shm_destroy(struct shmid_kernel *shp)
{
	ipc_rmid(&shm_ids, &shp->perm);
	shm_tot -= shm_pages(shp);
	fput(shp->file);
	kfree(shp);
}

/* Drops a pin or a VMA's count; the last goes if IPC_RMID came.  Mutex held. */
static void shm_unpin(struct shmid_kernel *shp)
{
	if (!--shp->nattch && (shp->perm.mode & SHM_DEST))
		shm_destroy(shp);
}

/* ---- the VMA hooks ---- */

static struct shmid_kernel *vma_shm(const struct vm_area_struct *vma)
{
	return vma->vm_file->private_data;
}

static vm_fault_t shm_fault(struct vm_fault *vmf)
{
	return vma_shm(vmf->vma)->file_ops->fault(vmf);
}

/* A VMA copy (fork, split): one more attach. */
static void shm_vm_open(struct vm_area_struct *vma)
{
	struct shmid_kernel *shp = vma_shm(vma);

	if (shp->file_ops->open)
		shp->file_ops->open(vma);
	mutex_lock(&shm_ids.mutex);
	shp->nattch++;
	shp->atime = ipc_now();
	shp->lpid = current->pid;
	mutex_unlock(&shm_ids.mutex);
}

static void shm_vm_close(struct vm_area_struct *vma)
{
	struct shmid_kernel *shp = vma_shm(vma);

	if (shp->file_ops->close)
		shp->file_ops->close(vma);
	mutex_lock(&shm_ids.mutex);
	shp->dtime = ipc_now();
	shp->lpid = current->pid;
	shm_unpin(shp);
	mutex_unlock(&shm_ids.mutex);
}

static const struct vm_operations_struct shm_vm_ops = {
	.fault = shm_fault,
	.open = shm_vm_open,
	.close = shm_vm_close,
};

/* The attach file's mmap: the shmem mapping, counted. */
static int shm_mmap(struct file *f, struct vm_area_struct *vma)
{
	struct shmid_kernel *shp = f->private_data;
	int err = generic_file_mmap(f, vma);

	if (err)
		return err;
	shp->file_ops = vma->vm_ops;
	vma->vm_ops = &shm_vm_ops;
	mutex_lock(&shm_ids.mutex);
	shp->nattch++;
	shp->atime = ipc_now();
	shp->lpid = current->pid;
	mutex_unlock(&shm_ids.mutex);
	return 0;
}

static const struct file_operations shm_file_ops = {
	.mmap = shm_mmap,
};

/* ---- shmget ---- */

static int shm_newseg(struct ipc_ids *ids, int key, int flag, unsigned long size)
{
	unsigned long pages = PAGE_ALIGN(size) >> PAGE_SHIFT;
	struct shmid_kernel *shp;
	char name[32];
	int id;

	if (size < SHMMIN || size > shm_ctlmax)
		return -EINVAL;
	if (!pages || shm_tot + pages < shm_tot || shm_tot + pages > shm_ctlall)
		return -ENOSPC;
	if (ids->in_use >= shm_ctlmni)
		return -ENOSPC;
	shp = kzalloc(sizeof(*shp), GFP_KERNEL);
	if (!shp)
		return -ENOMEM;
	snprintf(name, sizeof(name), "SYSV%08x", (unsigned int)key);
	shp->file = shmem_kernel_file_setup(name, size);
	if (IS_ERR(shp->file)) {
		id = PTR_ERR(shp->file);
		goto out_free;
	}
	id = ipc_addid(ids, &shp->perm, key, flag, shm_ctlmni);
	if (id < 0)
		goto out_fput;
	shp->segsz = size;
	shp->cpid = current->pid;
	shp->ctime = ipc_now();
	shm_tot += pages;
	return id;

out_fput:
	fput(shp->file);
out_free:
	kfree(shp);
	return id;
}

static int shm_more_checks(struct kern_ipc_perm *p, unsigned long size)
{
	return container_of(p, struct shmid_kernel, perm)->segsz < size ? -EINVAL : 0;
}

static const struct ipc_ops shm_ops = {
	.newary = shm_newseg,
	.more_checks = shm_more_checks,
};

long ksys_shmget(int key, unsigned long size, int flag)
{
	return ipcget(&shm_ids, key, flag, size, &shm_ops);
}

SYSCALL_DEFINE3(shmget, int, key, unsigned long, size, int, flag)
{
	return ksys_shmget(key, size, flag);
}

/* ---- shmat, shmdt ---- */

/* Where shmat maps: the address (maybe rounded) and mmap flags.  0 or -EINVAL. */
static int shmat_placement(unsigned long *addr, int shmflg, unsigned long *flags)
{
	*flags = MAP_SHARED;
	if (*addr) {
		if (*addr & (SHMLBA - 1)) {
			if (!(shmflg & SHM_RND))
				return -EINVAL;
			*addr &= ~(SHMLBA - 1);
			if (!*addr && (shmflg & SHM_REMAP))
				return -EINVAL;
		}
		*flags |= MAP_FIXED;
	} else if (shmflg & SHM_REMAP) {
		return -EINVAL;
	}
	return 0;
}

/* A file on @shp's inode for one attach: read-only or read-write. */
static struct file *shm_attach_file(struct shmid_kernel *shp, int shmflg)
{
	struct inode *inode = shp->file->f_inode;
	char name[32];
	struct file *f;

	snprintf(name, sizeof(name), "SYSV%08x", (unsigned int)shp->perm.key);
	atomic_inc(&inode->i_count);		/* taken over by the file's dentry */
	f = alloc_file_pseudo(inode, shp->file->f_path.mnt, name,
			      (shmflg & SHM_RDONLY) ? O_RDONLY : O_RDWR, &shm_file_ops);
	if (!IS_ERR(f))
		f->private_data = shp;
	return f;
}

/* Maps @f at @addr in the current mm.  The address or -errno. */
static long shm_map(struct file *f, unsigned long addr, unsigned long size,
		    unsigned long prot, unsigned long flags, int shmflg)
{
	struct mm_struct *mm = current->mm;
	struct vm_area_struct *vma;
	long ret = -EINVAL;

	mutex_lock(&mm->mmap_lock);
	if (addr && !(shmflg & SHM_REMAP)) {
		vma = find_vma(mm, addr);
		if (addr + size < addr || (vma && vma->vm_start < addr + size))
			goto out;
	}
	ret = do_mmap(f, addr, size, prot, flags, 0);
out:
	mutex_unlock(&mm->mmap_lock);
	return ret;
}

long do_shmat(int shmid, unsigned long addr, int shmflg, unsigned long *raddr)
{
	unsigned long flags, prot = PROT_READ | PROT_WRITE, size;
	unsigned int acc = 0444 | 0222;
	struct shmid_kernel *shp;
	struct file *f;
	long ret;

	if (shmid < 0)
		return -EINVAL;
	ret = shmat_placement(&addr, shmflg, &flags);
	if (ret)
		return ret;
	if (shmflg & SHM_RDONLY) {
		prot = PROT_READ;
		acc = 0444;
	}
	if (shmflg & SHM_EXEC) {
		prot |= PROT_EXEC;
		acc |= 0111;
	}
	mutex_lock(&shm_ids.mutex);
	shp = shm_obtain(shmid);
	ret = shp ? ipc_permission(&shp->perm, acc) : -EINVAL;
	if (ret) {
		mutex_unlock(&shm_ids.mutex);
		return ret;
	}
	shp->nattch++;			/* pinned across the mmap */
	size = shp->segsz;
	mutex_unlock(&shm_ids.mutex);

	f = shm_attach_file(shp, shmflg);
	ret = IS_ERR(f) ? PTR_ERR(f) : shm_map(f, addr, size, prot, flags, shmflg);
	if (!IS_ERR(f))
		fput(f);
	mutex_lock(&shm_ids.mutex);
	shm_unpin(shp);
	mutex_unlock(&shm_ids.mutex);
	if (ret < 0 && ret >= -MAX_ERRNO)
		return ret;
	*raddr = ret;
	return 0;
}

SYSCALL_DEFINE3(shmat, int, shmid, unsigned long, addr, int, shmflg)
{
	unsigned long raddr;
	long err = do_shmat(shmid, addr, shmflg, &raddr);

	return err ? err : (long)raddr;
}

/* An attach's VMA whose offset matches its distance from @addr (Linux's test). */
static bool shm_vma_at(const struct vm_area_struct *vma, unsigned long addr)
{
	return vma->vm_ops == &shm_vm_ops && vma->vm_start >= addr &&
	       (vma->vm_start - addr) >> PAGE_SHIFT == vma->vm_pgoff;
}

/*
 * shmdt: unmaps the attach at @addr -- the first matching VMA, then the
 * pieces of the same attach within the segment's size.  0 or -EINVAL.
 */
long ksys_shmdt(unsigned long addr)
{
	struct mm_struct *mm = current->mm;
	struct vm_area_struct *vma, *next;
	struct file *file = NULL;
	unsigned long size = 0;
	long ret = -EINVAL;

	if (addr & ~PAGE_MASK)
		return -EINVAL;
	mutex_lock(&mm->mmap_lock);
	for (vma = find_vma(mm, addr); vma; vma = next) {
		next = vma_next(mm, vma);
		if (!file && shm_vma_at(vma, addr)) {
			file = get_file(vma->vm_file);
			size = PAGE_ALIGN(file->f_inode->i_size);
			ret = 0;
		} else if (!file || vma->vm_end - addr > size) {
			if (file)
				break;
			continue;
		} else if (!shm_vma_at(vma, addr) || vma->vm_file != file) {
			continue;
		}
		do_munmap(mm, vma->vm_start, vma->vm_end - vma->vm_start);
	}
	mutex_unlock(&mm->mmap_lock);
	if (file)
		fput(file);
	return ret;
}

SYSCALL_DEFINE1(shmdt, unsigned long, addr)
{
	return ksys_shmdt(addr);
}

/* ---- shmctl ---- */

static void shm_fill_ds(const struct shmid_kernel *shp, struct shmid64_ds *ds)
{
	memset(ds, 0, sizeof(*ds));
	ipc_fill_perm64(&shp->perm, &ds->shm_perm);
	ds->shm_segsz = shp->segsz;
	ds->shm_atime = shp->atime;
	ds->shm_dtime = shp->dtime;
	ds->shm_ctime = shp->ctime;
	ds->shm_cpid = shp->cpid;
	ds->shm_lpid = shp->lpid;
	ds->shm_nattch = shp->nattch;
}

static int shm_max_idx(void)
{
	return shm_ids.max_idx < 0 ? 0 : shm_ids.max_idx;
}

static long shmctl_ipc_info(void __user *buf)
{
	struct shminfo64 info = {
		.shmmax = shm_ctlmax, .shmmin = SHMMIN, .shmmni = shm_ctlmni,
		.shmseg = shm_ctlmni, .shmall = shm_ctlall,
	};
	long ret;

	mutex_lock(&shm_ids.mutex);
	ret = shm_max_idx();
	mutex_unlock(&shm_ids.mutex);
	return copy_to_user(buf, &info, sizeof(info)) ? -EFAULT : ret;
}

static long shmctl_shm_info(void __user *buf)
{
	struct shm_info info = { 0 };
	long ret;

	mutex_lock(&shm_ids.mutex);
	info.used_ids = shm_ids.in_use;
	info.shm_tot = shm_tot;
	for (int i = 0; i <= shm_ids.max_idx; i++) {
		struct kern_ipc_perm *p = shm_ids.entries[i];

		if (p)
			info.shm_rss += container_of(p, struct shmid_kernel, perm)->file->f_inode->i_mapping->nrpages;
	}
	ret = shm_max_idx();
	mutex_unlock(&shm_ids.mutex);
	return copy_to_user(buf, &info, sizeof(info)) ? -EFAULT : ret;
}

/* IPC_STAT (by id, returns 0) and SHM_STAT/SHM_STAT_ANY (by index, return the id). */
static long shmctl_stat(int shmid, int cmd, void __user *buf)
{
	struct shmid_kernel *shp;
	struct shmid64_ds ds;
	long ret;

	mutex_lock(&shm_ids.mutex);
	if (cmd == IPC_STAT) {
		shp = shm_obtain(shmid);
	} else {
		struct kern_ipc_perm *p = ipc_obtain_idx(&shm_ids, shmid);

		shp = p ? container_of(p, struct shmid_kernel, perm) : NULL;
	}
	ret = -EINVAL;
	if (shp)
		ret = cmd == SHM_STAT_ANY ? 0 : ipc_permission(&shp->perm, 0444);
	if (!ret) {
		shm_fill_ds(shp, &ds);
		ret = cmd == IPC_STAT ? 0 : shp->perm.id;
	}
	mutex_unlock(&shm_ids.mutex);
	if (ret >= 0 && copy_to_user(buf, &ds, sizeof(ds)))
		return -EFAULT;
	return ret;
}

/* IPC_SET, IPC_RMID, SHM_LOCK, SHM_UNLOCK on a segment by id. */
static long shmctl_change(int shmid, int cmd, const struct shmid64_ds *ds)
{
	struct shmid_kernel *shp;
	long ret;

	mutex_lock(&shm_ids.mutex);
	shp = shm_obtain(shmid);
	ret = shp ? ipc_owner_check(&shp->perm) : -EINVAL;
	if (ret)
		goto out;
	switch (cmd) {
	case IPC_SET:
		ipc_set_perm(&shp->perm, &ds->shm_perm);
		shp->ctime = ipc_now();
		break;
	case IPC_RMID:
		if (shp->nattch) {
			shp->perm.mode |= SHM_DEST;
			shp->perm.key = IPC_PRIVATE;
		} else {
			shm_destroy(shp);
		}
		break;
	case SHM_LOCK:
		shp->perm.mode |= SHM_LOCKED;
		break;
	case SHM_UNLOCK:
		shp->perm.mode &= ~SHM_LOCKED;
		break;
	}
out:
	mutex_unlock(&shm_ids.mutex);
	return ret;
}

/*
 * shmctl with the structures of @version: IPC_64, or IPC_OLD through
 * ipc(2), whose old layouts glibc never uses -- EINVAL for the commands
 * that copy one (Documentation/userspace-api/ipc.md).
 */
long ksys_shmctl(int shmid, int cmd, void __user *buf, int version)
{
	struct shmid64_ds ds;

	if (cmd < 0 || shmid < 0)
		return -EINVAL;
	if (version != IPC_64 && cmd != IPC_RMID && cmd != SHM_LOCK && cmd != SHM_UNLOCK &&
	    cmd != SHM_INFO)
		return -EINVAL;
	switch (cmd) {
	case IPC_INFO:
		return shmctl_ipc_info(buf);
	case SHM_INFO:
		return shmctl_shm_info(buf);
	case IPC_STAT:
	case SHM_STAT:
	case SHM_STAT_ANY:
		return shmctl_stat(shmid, cmd, buf);
	case IPC_SET:
		if (copy_from_user(&ds, buf, sizeof(ds)))
			return -EFAULT;
		return shmctl_change(shmid, cmd, &ds);
	case IPC_RMID:
	case SHM_LOCK:
	case SHM_UNLOCK:
		return shmctl_change(shmid, cmd, NULL);
	default:
		return -EINVAL;
	}
}

SYSCALL_DEFINE3(shmctl, int, shmid, int, cmd, void __user *, buf)
{
	return ksys_shmctl(shmid, cmd, buf, IPC_64);
}

/* /proc/sysvipc/shm, in Linux's 32-bit format. */
void sysvipc_shm_show(struct seq_buf *m)
{
	seq_printf(m, "       key      shmid perms       size  cpid  lpid nattch   uid   gid  cuid  cgid      atime      dtime      ctime        rss       swap\n");
	mutex_lock(&shm_ids.mutex);
	for (int i = 0; i <= shm_ids.max_idx; i++) {
		struct kern_ipc_perm *p = shm_ids.entries[i];
		struct shmid_kernel *shp;

		if (!p)
			continue;
		shp = container_of(p, struct shmid_kernel, perm);
		seq_printf(m, "%10d %10d  %4o %10lu %5u %5u  %5lu %5u %5u %5u %5u %10llu %10llu %10llu %10lu %10lu\n",
			   p->key, p->id, p->mode, shp->segsz, shp->cpid, shp->lpid, shp->nattch,
			   p->uid, p->gid, p->cuid, p->cgid, (unsigned long long)shp->atime,
			   (unsigned long long)shp->dtime, (unsigned long long)shp->ctime,
			   shp->file->f_inode->i_mapping->nrpages * PAGE_SIZE, 0UL);
	}
	mutex_unlock(&shm_ids.mutex);
}
