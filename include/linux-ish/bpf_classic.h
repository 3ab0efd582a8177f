/*
 * Classic BPF in the kernel (kernel/bpf/classic.c): the structural
 * checker every program passes before use, and the interpreter.  The
 * caller (seccomp) narrows the instruction set further and rewrites
 * loads it defines differently (BPF_LEN) before checking.
 */
#ifndef _LINUX_ISH_BPF_CLASSIC_H
#define _LINUX_ISH_BPF_CLASSIC_H

#include <linux-ish/types.h>
#include <uapi/linux-ish/filter.h>

/*
 * Is @prog (@len instructions) a program classic BPF would run?  0, or
 * -EINVAL for: a length outside 1..BPF_MAXINSNS, an unknown opcode, a
 * jump past the end, a division or modulo by the constant 0, a shift by
 * a constant of 32 or more, a scratch slot outside M[0..15] or read
 * before every path to it has stored it, a last instruction that is not
 * a return.
 */
int bpf_classic_check(const struct sock_filter *prog, unsigned int len);

/*
 * Runs a checked @prog over @data (@size bytes, 32-bit aligned; absolute
 * word loads within it are native-endian).  Returns what the program
 * returns; 0 if it divides by X == 0 or loads outside @data, as Linux's
 * classic BPF does.  Jumps go forward only: at most @len steps.
 */
u32 bpf_classic_run(const struct sock_filter *prog, const void *data, unsigned int size);

#endif
