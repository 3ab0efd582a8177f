/*
 * rseq(2): restartable sequences (Linux 6.1's values and layouts).  glibc
 * 2.35+ has its own <sys/rseq.h> with the same struct rseq and struct
 * rseq_cs under the same names: include one or the other, not both.
 */
#ifndef _UAPI_LINUX_ISH_RSEQ_H
#define _UAPI_LINUX_ISH_RSEQ_H

#include <uapi/linux-ish/types.h>

#define RSEQ_FLAG_UNREGISTER		(1 << 0)

/* cpu_id while no rseq is registered, and when registration failed. */
#define RSEQ_CPU_ID_UNINITIALIZED	-1
#define RSEQ_CPU_ID_REGISTRATION_FAILED	-2

/* Deprecated (5.18+): any of them in a flags field is EINVAL, i.e. SIGSEGV. */
#define RSEQ_CS_FLAG_NO_RESTART_ON_PREEMPT	(1 << 0)
#define RSEQ_CS_FLAG_NO_RESTART_ON_SIGNAL	(1 << 1)
#define RSEQ_CS_FLAG_NO_RESTART_ON_MIGRATE	(1 << 2)

/* A critical section's descriptor: [start_ip, start_ip + post_commit_offset). */
struct rseq_cs {
	__u32 version;			/* 0 */
	__u32 flags;			/* 0 */
	__u64 start_ip;
	__u64 post_commit_offset;
	__u64 abort_ip;			/* preceded by the 32-bit signature */
} __attribute__((aligned(32)));

/* The per-thread area: 32 bytes, 32-byte aligned (6.1's size, no node_id/mm_cid). */
struct rseq {
	__u32 cpu_id_start;
	__u32 cpu_id;
	__u64 rseq_cs;			/* struct rseq_cs * in the low word on i386 */
	__u32 flags;			/* 0 */
} __attribute__((aligned(32)));

#endif
