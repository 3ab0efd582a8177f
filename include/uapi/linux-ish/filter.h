/*
 * Classic BPF (Linux's <linux/filter.h> and <linux/bpf_common.h>): the
 * instruction and program layouts seccomp(2) takes, and the opcode parts.
 */
#ifndef _UAPI_LINUX_ISH_FILTER_H
#define _UAPI_LINUX_ISH_FILTER_H

#include <uapi/linux-ish/types.h>

struct sock_filter {
	__u16 code;
	__u8 jt;		/* conditional jumps: skip this many if true */
	__u8 jf;		/* ... if false */
	__u32 k;
};

/* i386: len at 0, the pointer at 4 (8 bytes). */
struct sock_fprog {
	unsigned short len;
	struct sock_filter __user *filter;
};

#define BPF_MAXINSNS	4096
#define BPF_MEMWORDS	16	/* scratch memory M[] */

/* Instruction class: the low 3 bits. */
#define BPF_CLASS(code)	((code) & 0x07)
#define BPF_LD		0x00
#define BPF_LDX		0x01
#define BPF_ST		0x02
#define BPF_STX		0x03
#define BPF_ALU		0x04
#define BPF_JMP		0x05
#define BPF_RET		0x06
#define BPF_MISC	0x07

/* Loads: size and addressing mode. */
#define BPF_SIZE(code)	((code) & 0x18)
#define BPF_W		0x00
#define BPF_H		0x08
#define BPF_B		0x10
#define BPF_MODE(code)	((code) & 0xe0)
#define BPF_IMM		0x00
#define BPF_ABS		0x20
#define BPF_IND		0x40
#define BPF_MEM		0x60
#define BPF_LEN		0x80
#define BPF_MSH		0xa0

/* ALU and jump operations. */
#define BPF_OP(code)	((code) & 0xf0)
#define BPF_ADD		0x00
#define BPF_SUB		0x10
#define BPF_MUL		0x20
#define BPF_DIV		0x30
#define BPF_OR		0x40
#define BPF_AND		0x50
#define BPF_LSH		0x60
#define BPF_RSH		0x70
#define BPF_NEG		0x80
#define BPF_MOD		0x90
#define BPF_XOR		0xa0
#define BPF_JA		0x00
#define BPF_JEQ		0x10
#define BPF_JGT		0x20
#define BPF_JGE		0x30
#define BPF_JSET	0x40

/* Operand source: the constant k or the register X. */
#define BPF_SRC(code)	((code) & 0x08)
#define BPF_K		0x00
#define BPF_X		0x08

/* Return value source; misc operations. */
#define BPF_RVAL(code)	((code) & 0x18)
#define BPF_A		0x10
#define BPF_MISCOP(code) ((code) & 0xf8)
#define BPF_TAX		0x00
#define BPF_TXA		0x80

#define BPF_STMT(code, k) { (unsigned short)(code), 0, 0, k }
#define BPF_JUMP(code, k, jt, jf) { (unsigned short)(code), jt, jf, k }

#endif
