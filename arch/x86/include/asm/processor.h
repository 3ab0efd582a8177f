/* CPU control registers, CPUID and the few privileged instructions C needs. */
#ifndef _ASM_X86_PROCESSOR_H
#define _ASM_X86_PROCESSOR_H

#define X86_CR0_PE	0x00000001
#define X86_CR0_MP	0x00000002
#define X86_CR0_EM	0x00000004
#define X86_CR0_TS	0x00000008
#define X86_CR0_NE	0x00000020
#define X86_CR0_WP	0x00010000
#define X86_CR0_PG	0x80000000

#define X86_CR4_PSE	0x00000010
#define X86_CR4_PGE	0x00000080
#define X86_CR4_OSFXSR	0x00000200
#define X86_CR4_OSXMMEXCPT 0x00000400

#define X86_EFLAGS_IF	0x00000200
#define X86_EFLAGS_ID	0x00200000

/* CPUID leaf 1, EDX */
#define X86_FEATURE_FPU	(1U << 0)
#define X86_FEATURE_PSE	(1U << 3)
#define X86_FEATURE_TSC	(1U << 4)
#define X86_FEATURE_PGE	(1U << 13)
#define X86_FEATURE_FXSR (1U << 24)
#define X86_FEATURE_SSE	(1U << 25)
#define X86_FEATURE_SSE2 (1U << 26)
/* CPUID leaf 1, ECX */
#define X86_FEATURE_RDRAND (1U << 30)

#ifndef __ASSEMBLY__
#include <linux-ish/types.h>

struct cpuinfo_x86 {
	char vendor[13];
	char model_id[49];
	unsigned int family, model, stepping;
	u32 features_edx, features_ecx;
};
extern struct cpuinfo_x86 boot_cpu_data;

static inline void cpuid(u32 leaf, u32 *a, u32 *b, u32 *c, u32 *d)
{
	__asm__ __volatile__("cpuid"
			     : "=a"(*a), "=b"(*b), "=c"(*c), "=d"(*d)
			     : "a"(leaf), "c"(0));
}

#define DEFINE_CR_ACCESSORS(n)						\
static inline unsigned long read_cr##n(void)				\
{									\
	unsigned long v;						\
	__asm__ __volatile__("mov %%cr" #n ", %0" : "=r"(v));		\
	return v;							\
}									\
static inline void write_cr##n(unsigned long v)				\
{									\
	__asm__ __volatile__("mov %0, %%cr" #n : : "r"(v) : "memory");	\
}
DEFINE_CR_ACCESSORS(0)
DEFINE_CR_ACCESSORS(2)
DEFINE_CR_ACCESSORS(3)
DEFINE_CR_ACCESSORS(4)

static inline u64 rdtsc(void)
{
	u32 lo, hi;

	__asm__ __volatile__("rdtsc" : "=a"(lo), "=d"(hi));
	return ((u64)hi << 32) | lo;
}

static inline void cpu_relax(void)
{
	__asm__ __volatile__("pause" : : : "memory");
}

static inline void native_halt(void)
{
	__asm__ __volatile__("hlt" : : : "memory");
}

static inline unsigned long current_stack_pointer(void)
{
	unsigned long sp;

	__asm__ __volatile__("mov %%esp, %0" : "=r"(sp));
	return sp;
}

static inline unsigned long current_frame_pointer(void)
{
	unsigned long bp;

	__asm__ __volatile__("mov %%ebp, %0" : "=r"(bp));
	return bp;
}

/* Flush the whole TLB except global entries. */
static inline void __flush_tlb(void)
{
	write_cr3(read_cr3());
}

static inline void __flush_tlb_one(unsigned long addr)
{
	__asm__ __volatile__("invlpg (%0)" : : "r"(addr) : "memory");
}

void identify_cpu(void);
#endif

#endif
