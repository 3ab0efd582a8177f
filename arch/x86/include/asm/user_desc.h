/*
 * struct user_desc (set_thread_area, modify_ldt) <-> segment descriptors,
 * with Linux's rules: one encoding for the GDT's TLS slots and the LDT.
 */
#ifndef _ASM_X86_USER_DESC_H
#define _ASM_X86_USER_DESC_H

#include <asm/desc.h>
#include <uapi/linux-ish/ldt.h>

/* Descriptor fields for code and data segments a user may build. */
#define DESC_TYPE_ACCESSED	0x01
#define DESC_TYPE_DATA_RW	0x02
#define DESC_S_CODE_DATA	0x10
#define DESC_DPL3		0x60
#define DESC_PRESENT		0x80
#define DESC_FLAG_AVL		0x10
#define DESC_FLAG_DB		0x40
#define DESC_FLAG_G		0x80

/* The "empty" user_desc that clears an entry (Linux's LDT_empty()). */
bool user_desc_empty(const struct user_desc *info);
/* A user, present or not, code or data descriptor from @info (Linux's fill_ldt()). */
void fill_ldt(struct desc_struct *d, const struct user_desc *info);
/* The user_desc that describes @d in slot @idx (get_thread_area's view). */
void fill_user_desc(struct user_desc *info, int idx, const struct desc_struct *d);
/* All eight bytes zero. */
bool desc_empty(const struct desc_struct *d);

#endif
