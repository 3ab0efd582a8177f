/*
 * Converting between struct user_desc and segment descriptors, shared by
 * set_thread_area (tls.c) and modify_ldt (ldt.c).  A user descriptor is
 * always a code or data segment (S = 1) with DPL 3: no gates, no system
 * segments, so nothing a user builds can lead into ring 0.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/string.h>
#include <asm/user_desc.h>

bool desc_empty(const struct desc_struct *d)
{
	return !d->limit0 && !d->base0 && !d->base1 && !d->type_flags &&
	       !d->limit1_flags && !d->base2;
}

bool user_desc_empty(const struct user_desc *info)
{
	return !info->base_addr && !info->limit && !info->contents &&
	       info->read_exec_only && !info->seg_32bit && !info->limit_in_pages &&
	       info->seg_not_present && !info->useable;
}

/*
 * The accessed bit is preset, as Linux does, so that the CPU never writes
 * the table and a read-back (modify_ldt func 0) shows Linux's bytes.
 */
void fill_ldt(struct desc_struct *d, const struct user_desc *info)
{
	u8 type = DESC_S_CODE_DATA | DESC_DPL3 | DESC_TYPE_ACCESSED | (info->contents << 2) |
		  (info->read_exec_only ? 0 : DESC_TYPE_DATA_RW) |
		  (info->seg_not_present ? 0 : DESC_PRESENT);
	u8 flags = (info->seg_32bit ? DESC_FLAG_DB : 0) |
		   (info->limit_in_pages ? DESC_FLAG_G : 0) |
		   (info->useable ? DESC_FLAG_AVL : 0);

	set_desc_base_limit(d, info->base_addr, info->limit, type, flags);
}

void fill_user_desc(struct user_desc *info, int idx, const struct desc_struct *d)
{
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
