/*
 * Assertions about kernel invariants.  BUG_ON() is for states the kernel
 * cannot continue from; WARN_ON() reports and carries on.  Both print the
 * location, the registers and a symbolised backtrace.  Neither is for
 * conditions user space can cause.
 */
#ifndef _LINUX_ISH_BUG_H
#define _LINUX_ISH_BUG_H

#include <linux-ish/compiler.h>

__noreturn __printf(1, 2) void panic(const char *fmt, ...);
__noreturn void __bug(const char *file, int line, const char *func);
void __warn(const char *file, int line, const char *func, const char *cond);

/* Prints "Call Trace:" and the symbolised frames of the caller's stack. */
void dump_stack(void);
/* The same, starting from a given frame (arch/x86/kernel/dumpstack.c). */
void show_trace(unsigned long ip, unsigned long bp);

/* Number of WARN_ON()s taken since boot; the test harness checks it. */
extern unsigned int warn_count;

#define BUG()		__bug(__FILE__, __LINE__, __func__)
#define BUG_ON(cond)	do { if (unlikely(cond)) BUG(); } while (0)

#define WARN_ON(cond) ({						\
	int __ret_warn = !!(cond);					\
	if (unlikely(__ret_warn))					\
		__warn(__FILE__, __LINE__, __func__, #cond);		\
	unlikely(__ret_warn);						\
})

#define WARN_ON_ONCE(cond) ({						\
	static bool __warned;						\
	int __ret_warn_once = !!(cond);					\
	if (unlikely(__ret_warn_once) && !__warned) {			\
		__warned = true;					\
		__warn(__FILE__, __LINE__, __func__, #cond);		\
	}								\
	unlikely(__ret_warn_once);					\
})

#if CONFIG_DEBUG_VM
#define VM_BUG_ON(cond)		BUG_ON(cond)
#define VM_WARN_ON(cond)	((void)WARN_ON(cond))
#else
#define VM_BUG_ON(cond)		do { } while (0)
#define VM_WARN_ON(cond)	do { } while (0)
#endif

#define BUILD_BUG_ON(cond)	_Static_assert(!(cond), #cond)
/* The same inside an expression (evaluates to 0). */
#define BUILD_BUG_ON_EXPR(cond)	((void)sizeof(char[1 - 2 * !!(cond)]))

#endif
