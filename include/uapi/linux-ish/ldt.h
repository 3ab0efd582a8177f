/*
 * set_thread_area(2)'s segment descriptor (i386; Linux's <asm/ldt.h>,
 * which a program may include instead: same name, same layout).
 */
#ifndef _UAPI_LINUX_ISH_LDT_H
#define _UAPI_LINUX_ISH_LDT_H

struct user_desc {
	unsigned int entry_number;
	unsigned int base_addr;
	unsigned int limit;
	unsigned int seg_32bit:1;
	unsigned int contents:2;
	unsigned int read_exec_only:1;
	unsigned int limit_in_pages:1;
	unsigned int seg_not_present:1;
	unsigned int useable:1;
};

#endif
