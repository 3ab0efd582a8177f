/*
 * Thread-local storage for glibc: set_thread_area() installs a data
 * segment (GDT entries 6-8, per task) whose base is the TLS block; the
 * program loads its selector into %gs.  The task's three entries are
 * copied into the GDT on every context switch.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/errno.h>
#include <linux-ish/sched.h>
#include <linux-ish/string.h>
#include <linux-ish/syscalls.h>
#include <linux-ish/uaccess.h>
#include <asm/desc.h>
#include <uapi/linux-ish/ldt.h>

#define DESC_TYPE_DATA_RW	0x2
#define DESC_S_CODE_DATA	0x10
#define DESC_DPL3		0x60
#define DESC_PRESENT		0x80
#define DESC_FLAG_AVL		0x10
#define DESC_FLAG_DB		0x40
#define DESC_FLAG_G		0x80

void load_tls(const struct task_struct *p)
{
	memcpy(&gdt_table[GDT_ENTRY_TLS_MIN], p->thread.tls_array,
	       sizeof(p->thread.tls_array));
}

static bool desc_empty(const struct desc_struct *d)
{
	return !d->limit0 && !d->base0 && !d->base1 && !d->type_flags &&
	       !d->limit1_flags && !d->base2;
}

/* An "empty" user_desc clears the entry, as Linux defines it. */
static bool user_desc_empty(const struct user_desc *info)
{
	return !info->base_addr && !info->limit && !info->contents &&
	       info->read_exec_only && !info->seg_32bit && !info->limit_in_pages &&
	       info->seg_not_present && !info->useable;
}

static void fill_desc(struct desc_struct *d, const struct user_desc *info)
{
	u8 type = DESC_S_CODE_DATA | DESC_DPL3 | (info->contents << 2) |
		  (info->read_exec_only ? 0 : DESC_TYPE_DATA_RW) |
		  (info->seg_not_present ? 0 : DESC_PRESENT);
	u8 flags = (info->seg_32bit ? DESC_FLAG_DB : 0) |
		   (info->limit_in_pages ? DESC_FLAG_G : 0) |
		   (info->useable ? DESC_FLAG_AVL : 0);

	memset(d, 0, sizeof(*d));
	if (!user_desc_empty(info))
		set_desc_base_limit(d, info->base_addr, info->limit, type, flags);
}

/* Installs the descriptor @u_info describes in @p's TLS slots. */
static int do_set_thread_area(struct task_struct *p, struct user_desc __user *u_info,
			      bool can_allocate)
{
	struct desc_struct *tls = p->thread.tls_array;
	struct user_desc info;
	int idx;

	if (copy_from_user(&info, u_info, sizeof(info)))
		return -EFAULT;
	idx = info.entry_number;
	if (idx == -1 && can_allocate) {
		for (idx = 0; idx < GDT_ENTRY_TLS_ENTRIES && !desc_empty(&tls[idx]); idx++)
			;
		if (idx == GDT_ENTRY_TLS_ENTRIES)
			return -ESRCH;
		idx += GDT_ENTRY_TLS_MIN;
		if (put_user((unsigned int)idx, &u_info->entry_number))
			return -EFAULT;
	}
	if (idx < GDT_ENTRY_TLS_MIN || idx >= GDT_ENTRY_TLS_MIN + GDT_ENTRY_TLS_ENTRIES)
		return -EINVAL;
	if (info.contents > 1)		/* only data segments (expand up or down) */
		return -EINVAL;
	fill_desc(&tls[idx - GDT_ENTRY_TLS_MIN], &info);
	if (p == current)
		load_tls(current);
	return 0;
}

SYSCALL_DEFINE1(set_thread_area, struct user_desc __user *, u_info)
{
	return do_set_thread_area(current, u_info, true);
}

int set_tls_for(struct task_struct *p, unsigned long u_info)
{
	return do_set_thread_area(p, (struct user_desc __user *)u_info, false);
}

/* TLS slot @idx (a GDT index) of @p as a user_desc. */
void tls_get_desc(const struct task_struct *p, int idx, struct user_desc *info)
{
	const struct desc_struct *d = &p->thread.tls_array[idx - GDT_ENTRY_TLS_MIN];

	memset(info, 0, sizeof(*info));
	info->entry_number = idx;
	info->base_addr = d->base0 | (d->base1 << 16) | ((unsigned int)d->base2 << 24);
	info->limit = d->limit0 | ((d->limit1_flags & 0xf) << 16);
	info->seg_32bit = !!(d->limit1_flags & DESC_FLAG_DB);
	info->contents = (d->type_flags >> 2) & 3;
	info->read_exec_only = !(d->type_flags & DESC_TYPE_DATA_RW);
	info->limit_in_pages = !!(d->limit1_flags & DESC_FLAG_G);
	info->seg_not_present = !(d->type_flags & DESC_PRESENT);
	info->useable = !!(d->limit1_flags & DESC_FLAG_AVL);
}

/* ptrace: TLS slot @idx of the stopped @p from *@info.  0 or -EINVAL. */
int tls_set_desc(struct task_struct *p, int idx, const struct user_desc *info)
{
	if (idx < GDT_ENTRY_TLS_MIN || idx >= GDT_ENTRY_TLS_MIN + GDT_ENTRY_TLS_ENTRIES)
		return -EINVAL;
	if (info->contents > 1)
		return -EINVAL;
	fill_desc(&p->thread.tls_array[idx - GDT_ENTRY_TLS_MIN], info);
	return 0;
}

SYSCALL_DEFINE1(get_thread_area, struct user_desc __user *, u_info)
{
	struct user_desc info;
	int idx = 0;

	if (get_user(idx, (int __user *)&u_info->entry_number))
		return -EFAULT;
	if (idx < GDT_ENTRY_TLS_MIN || idx >= GDT_ENTRY_TLS_MIN + GDT_ENTRY_TLS_ENTRIES)
		return -EINVAL;
	tls_get_desc(current, idx, &info);
	return copy_to_user(u_info, &info, sizeof(info)) ? -EFAULT : 0;
}
