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
#include <asm/user_desc.h>

void load_tls(const struct task_struct *p)
{
	memcpy(&gdt_table[GDT_ENTRY_TLS_MIN], p->thread.tls_array,
	       sizeof(p->thread.tls_array));
}

/*
 * Linux's tls_desc_okay(): an empty descriptor (it clears the slot), or a
 * present 32-bit data segment.  16-bit segments are refused because
 * espfix only covers LDT stack segments (Documentation/x86/ldt.md), and
 * not-present ones because they only serve to attack the return path.
 */
static bool tls_desc_okay(const struct user_desc *info)
{
	if (user_desc_empty(info))
		return true;
	return info->seg_32bit && info->contents <= 1 && !info->seg_not_present;
}

static void set_tls_desc(struct desc_struct *d, const struct user_desc *info)
{
	memset(d, 0, sizeof(*d));
	if (!user_desc_empty(info))
		fill_ldt(d, info);
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
	if (!tls_desc_okay(&info))
		return -EINVAL;
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
	set_tls_desc(&tls[idx - GDT_ENTRY_TLS_MIN], &info);
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
	fill_user_desc(info, idx, &p->thread.tls_array[idx - GDT_ENTRY_TLS_MIN]);
}

/* ptrace: TLS slot @idx of the stopped @p from *@info.  0 or -EINVAL. */
int tls_set_desc(struct task_struct *p, int idx, const struct user_desc *info)
{
	if (idx < GDT_ENTRY_TLS_MIN || idx >= GDT_ENTRY_TLS_MIN + GDT_ENTRY_TLS_ENTRIES)
		return -EINVAL;
	if (!tls_desc_okay(info))
		return -EINVAL;
	set_tls_desc(&p->thread.tls_array[idx - GDT_ENTRY_TLS_MIN], info);
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
