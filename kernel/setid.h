/* Shared by the 32-bit (setid.c) and 16-bit (uid16.c) identity calls. */
#ifndef _KERNEL_SETID_H
#define _KERNEL_SETID_H

#include <linux-ish/types.h>

long do_setid(bool gids, u32 id);
long do_setreid(bool gids, u32 r, u32 e);
long do_setresid(bool gids, u32 r, u32 e, u32 s);
long do_setfsid(bool gids, u32 id);
long do_getgroups(int size, void __user *list, bool old16);
long do_setgroups(int size, const void __user *list, bool old16);

/* The 16-bit calls: 0xffff is -1; an id above 65535 reads as 65534. */
#define OVERFLOW_ID	65534
static inline u32 low2high(u16 id)	{ return id == 0xffff ? (u32)-1 : id; }
static inline u16 high2low(u32 id)	{ return (id & ~0xffffu) ? OVERFLOW_ID : (u16)id; }

#endif
