/* Kernel text symbols, for backtraces and %pS. */
#ifndef _LINUX_ISH_KALLSYMS_H
#define _LINUX_ISH_KALLSYMS_H

#include <linux-ish/types.h>

#define KSYM_NAME_LEN	64

/*
 * Finds the function containing @addr.  Returns its name (NULL if @addr is
 * not in kernel text) and sets *offset and *size.
 */
const char *kallsyms_lookup(unsigned long addr, unsigned long *offset,
			    unsigned long *size);
/* "name+0xoff/0xsize", or the bare hex address if unknown. */
int sprint_symbol(char *buf, size_t size, unsigned long addr);
/* Address of the function called @name, or 0. */
unsigned long kallsyms_lookup_name(const char *name);

#endif
