/*
 * modify_ldt(2): a process's Local Descriptor Table, as Linux i386 keeps
 * it.  The LDT belongs to the mm (mm->context, asm/mmu.h): every task of
 * the mm uses it, fork copies it, exec drops it with the old mm.  It is
 * made on the first write, sized to the highest entry written (up to
 * LDT_ENTRIES), and loaded through the GDT_ENTRY_LDT descriptor with lldt
 * whenever the CPU changes mm (switch_mm) and right after a write.
 *
 * Locking: mm->context.ldt_lock (a mutex, may be held across user
 * copies, so it may be followed by mmap_lock but is never taken under
 * it) serialises readers and writers of the table.  A write never edits
 * the live table: it builds a new one, publishes it, loads it, and only
 * then frees the old one.  The rule that makes the free safe: every CPU
 * running a task of the mm must have loaded the new table before the old
 * one is freed and before any of those tasks next returns to user mode.
 * With one CPU the writer is the only task of the mm running, so loading
 * it on the writer's side suffices; the others load it at their next
 * switch_mm, or already have it when they share the writer's mm without
 * a switch (Documentation/x86/ldt.md).
 */
#include <linux-ish/kernel.h>
#include <linux-ish/errno.h>
#include <linux-ish/mm.h>
#include <linux-ish/sched.h>
#include <linux-ish/slab.h>
#include <linux-ish/string.h>
#include <linux-ish/syscalls.h>
#include <linux-ish/uaccess.h>
#include <asm/irqflags.h>
#include <asm/mmu_context.h>
#include <asm/user_desc.h>

#define LDT_ENTRIES		8192
#define LDT_ENTRY_SIZE		8
#define DEFAULT_LDT_SIZE	(5 * LDT_ENTRY_SIZE)	/* what func 2 reads on i386 */
#define DESC_TYPE_LDT		0x82	/* present, system, type 2 (LDT) */

struct ldt_struct {
	struct desc_struct *entries;	/* never changed once published */
	unsigned int nr_entries;
};

BUILD_BUG_ON(sizeof(struct desc_struct) != LDT_ENTRY_SIZE);

static void free_ldt_struct(struct ldt_struct *ldt)
{
	if (!ldt)
		return;
	kfree(ldt->entries);
	kfree(ldt);
}

/* A zeroed table of @nr_entries (1..LDT_ENTRIES: up to 64 KiB), or NULL. */
static struct ldt_struct *alloc_ldt_struct(unsigned int nr_entries)
{
	struct ldt_struct *ldt = kmalloc(sizeof(*ldt), GFP_KERNEL);

	if (!ldt)
		return NULL;
	ldt->entries = kzalloc(nr_entries * LDT_ENTRY_SIZE, GFP_KERNEL);
	if (!ldt->entries) {
		kfree(ldt);
		return NULL;
	}
	ldt->nr_entries = nr_entries;
	return ldt;
}

/* Points LDTR at @mm's table, or at none.  Any context; IRQs may be on. */
void load_mm_ldt(const struct mm_struct *mm)
{
	const struct ldt_struct *ldt = READ_ONCE(mm->context.ldt);
	unsigned long flags;

	if (!ldt) {
		lldt(0);
		return;
	}
	local_irq_save(flags);		/* the GDT slot and LDTR change together */
	set_desc_base_limit(&gdt_table[GDT_ENTRY_LDT], (unsigned long)ldt->entries,
			    ldt->nr_entries * LDT_ENTRY_SIZE - 1, DESC_TYPE_LDT, 0);
	lldt(GDT_ENTRY_LDT * 8);
	local_irq_restore(flags);
}

void init_new_context(struct mm_struct *mm)
{
	mutex_init(&mm->context.ldt_lock);
	mm->context.ldt = NULL;
}

/*
 * The mm's last struct reference is going: no task runs on it, and the
 * last one to leave it switched LDTR away (exit and exec switch_mm()).
 */
void destroy_context(struct mm_struct *mm)
{
	free_ldt_struct(mm->context.ldt);
	mm->context.ldt = NULL;
}

/*
 * fork: the child's mm gets its own copy of @oldmm's table.  0 or
 * -ENOMEM.  Called without either mmap_lock held.
 */
int arch_dup_mmap(struct mm_struct *oldmm, struct mm_struct *mm)
{
	struct ldt_struct *old, *copy = NULL;
	int err = 0;

	mutex_lock(&oldmm->context.ldt_lock);
	old = oldmm->context.ldt;
	if (old) {
		copy = alloc_ldt_struct(old->nr_entries);
		if (copy)
			memcpy(copy->entries, old->entries, old->nr_entries * LDT_ENTRY_SIZE);
		else
			err = -ENOMEM;
	}
	mutex_unlock(&oldmm->context.ldt_lock);
	mm->context.ldt = copy;
	return err;
}

/* Publishes @new as @mm's table (ldt_lock held) and frees the one it replaces. */
static void install_ldt(struct mm_struct *mm, struct ldt_struct *new)
{
	struct ldt_struct *old = mm->context.ldt;

	WRITE_ONCE(mm->context.ldt, new);
	if (current->active_mm == mm)
		load_mm_ldt(mm);	/* one CPU: the writer is the mm's only running task */
	free_ldt_struct(old);
}

/* func 0: the table's bytes, zero-filled up to @bytecount.  Bytes or -errno. */
static int read_ldt(void __user *ptr, unsigned long bytecount)
{
	struct mm_struct *mm = current->mm;
	const struct ldt_struct *ldt;
	unsigned long size;
	int ret;

	mutex_lock(&mm->context.ldt_lock);
	ldt = mm->context.ldt;
	if (!ldt) {
		ret = 0;
		goto out_unlock;
	}
	if (bytecount > LDT_ENTRIES * LDT_ENTRY_SIZE)
		bytecount = LDT_ENTRIES * LDT_ENTRY_SIZE;
	size = min_t(unsigned long, ldt->nr_entries * LDT_ENTRY_SIZE, bytecount);
	ret = -EFAULT;
	if (copy_to_user(ptr, ldt->entries, size))
		goto out_unlock;
	if (size != bytecount && clear_user((char __user *)ptr + size, bytecount - size))
		goto out_unlock;
	ret = bytecount;
out_unlock:
	mutex_unlock(&mm->context.ldt_lock);
	return ret;
}

/* func 2: the "default LDT", which on Linux i386 reads as 5 zero entries. */
static int read_default_ldt(void __user *ptr, unsigned long bytecount)
{
	if (bytecount > DEFAULT_LDT_SIZE)
		bytecount = DEFAULT_LDT_SIZE;
	if (clear_user(ptr, bytecount))
		return -EFAULT;
	return bytecount;
}

/*
 * The descriptor a write asks for in *@d, or -EINVAL.  Conforming code
 * (contents 3) is refused unless it is not present, and never in the old
 * mode; an empty user_desc (or, in the old mode, base and limit 0) clears.
 */
static int ldt_desc_from_user(struct desc_struct *d, const struct user_desc *info,
			      bool oldmode)
{
	if (info->entry_number >= LDT_ENTRIES)
		return -EINVAL;
	if (info->contents == 3 && (oldmode || !info->seg_not_present))
		return -EINVAL;
	memset(d, 0, sizeof(*d));
	if ((oldmode && !info->base_addr && !info->limit) || user_desc_empty(info))
		return 0;
	fill_ldt(d, info);
	if (oldmode)
		d->limit1_flags &= ~DESC_FLAG_AVL;	/* func 1 has no "useable" bit */
	return 0;
}

/* func 1 (@oldmode) and 0x11: set one entry.  0 or -errno. */
static int write_ldt(void __user *ptr, unsigned long bytecount, bool oldmode)
{
	struct mm_struct *mm = current->mm;
	struct ldt_struct *old, *new;
	struct user_desc info;
	struct desc_struct d;
	unsigned int nr;
	int err;

	if (bytecount != sizeof(info))
		return -EINVAL;
	if (copy_from_user(&info, ptr, sizeof(info)))
		return -EFAULT;
	err = ldt_desc_from_user(&d, &info, oldmode);
	if (err)
		return err;
	mutex_lock(&mm->context.ldt_lock);
	old = mm->context.ldt;
	nr = old ? max_t(unsigned int, old->nr_entries, info.entry_number + 1)
		 : info.entry_number + 1;
	new = alloc_ldt_struct(nr);
	if (!new) {
		mutex_unlock(&mm->context.ldt_lock);
		return -ENOMEM;
	}
	if (old)
		memcpy(new->entries, old->entries, old->nr_entries * LDT_ENTRY_SIZE);
	new->entries[info.entry_number] = d;
	install_ldt(mm, new);
	mutex_unlock(&mm->context.ldt_lock);
	return 0;
}

SYSCALL_DEFINE3(modify_ldt, int, func, void __user *, ptr, unsigned long, bytecount)
{
	switch (func) {
	case 0:
		return read_ldt(ptr, bytecount);
	case 1:
		return write_ldt(ptr, bytecount, true);
	case 2:
		return read_default_ldt(ptr, bytecount);
	case 0x11:
		return write_ldt(ptr, bytecount, false);
	default:
		return -ENOSYS;
	}
}
