/*
 * Classic BPF: the checker and the interpreter (linux-ish/bpf_classic.h).
 *
 * The machine: a 32-bit accumulator A, an index register X, sixteen
 * scratch words M[], and a program counter that only moves forward (a
 * jump's offsets are unsigned), so every run ends within len steps.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/errno.h>
#include <linux-ish/slab.h>
#include <linux-ish/string.h>
#include <linux-ish/bpf_classic.h>

/* Every opcode classic BPF defines (decoded by field: several fields are 0). */
static bool opcode_known(u16 code)
{
	u16 size = BPF_SIZE(code), mode = BPF_MODE(code), op = BPF_OP(code);

	if (code & ~0xff)
		return false;
	switch (BPF_CLASS(code)) {
	case BPF_LD:
		if (mode == BPF_ABS || mode == BPF_IND)
			return size == BPF_W || size == BPF_H || size == BPF_B;
		return size == BPF_W && (mode == BPF_IMM || mode == BPF_MEM || mode == BPF_LEN);
	case BPF_LDX:
		if (mode == BPF_MSH)
			return size == BPF_B;
		return size == BPF_W && (mode == BPF_IMM || mode == BPF_MEM || mode == BPF_LEN);
	case BPF_ST: case BPF_STX:
		return code == BPF_CLASS(code);
	case BPF_ALU:
		return op == BPF_NEG ? BPF_SRC(code) == BPF_K : op <= BPF_XOR;
	case BPF_JMP:
		return op == BPF_JA ? BPF_SRC(code) == BPF_K : op <= BPF_JSET;
	case BPF_RET:
		return (code & ~0x18) == BPF_RET && BPF_RVAL(code) != BPF_X;
	default:			/* BPF_MISC: TAX or TXA */
		return (code & 0x78) == 0;
	}
}

/* Reads or writes a scratch word M[k]. */
static bool uses_mem(u16 code)
{
	switch (BPF_CLASS(code)) {
	case BPF_LD: case BPF_LDX:
		return BPF_MODE(code) == BPF_MEM;
	case BPF_ST: case BPF_STX:
		return true;
	}
	return false;
}

static bool is_ja(u16 code)
{
	return BPF_CLASS(code) == BPF_JMP && BPF_OP(code) == BPF_JA;
}

static bool is_cond_jump(u16 code)
{
	return BPF_CLASS(code) == BPF_JMP && BPF_OP(code) != BPF_JA;
}

/* One instruction's own rules (at @pc of @len).  0 or -EINVAL. */
static int check_insn(const struct sock_filter *f, unsigned int pc, unsigned int len)
{
	unsigned int left = len - pc - 1;	/* instructions after this one */
	u16 op = BPF_OP(f->code);

	if (!opcode_known(f->code))
		return -EINVAL;
	if (BPF_CLASS(f->code) == BPF_ALU && BPF_SRC(f->code) == BPF_K) {
		if ((op == BPF_DIV || op == BPF_MOD) && f->k == 0)
			return -EINVAL;
		if ((op == BPF_LSH || op == BPF_RSH) && f->k >= 32)
			return -EINVAL;
	}
	if (uses_mem(f->code) && f->k >= BPF_MEMWORDS)
		return -EINVAL;
	if (is_ja(f->code) && f->k >= left)
		return -EINVAL;
	if (is_cond_jump(f->code) && (f->jt >= left || f->jf >= left))
		return -EINVAL;
	return 0;
}

/*
 * Every read of M[k] must follow a store to M[k] on every path to it:
 * valid[pc] is the AND of what each way into pc has stored.  Jumps go
 * forward, so one pass in order sees every predecessor first.
 */
static int check_mem_init(const struct sock_filter *prog, unsigned int len)
{
	u16 *valid = kmalloc(len * sizeof(*valid), GFP_KERNEL);
	u16 cur = 0;
	int err = 0;

	if (!valid)
		return -ENOMEM;
	memset(valid, 0xff, len * sizeof(*valid));
	for (unsigned int pc = 0; pc < len && !err; pc++) {
		const struct sock_filter *f = &prog[pc];

		cur &= valid[pc];
		if (f->code == BPF_ST || f->code == BPF_STX)
			cur |= 1U << f->k;
		else if (uses_mem(f->code) && !(cur & (1U << f->k)))
			err = -EINVAL;
		if (is_ja(f->code)) {
			valid[pc + 1 + f->k] &= cur;
			cur = 0xffff;		/* nothing falls through */
		} else if (is_cond_jump(f->code)) {
			valid[pc + 1 + f->jt] &= cur;
			valid[pc + 1 + f->jf] &= cur;
			cur = 0xffff;
		} else if (BPF_CLASS(f->code) == BPF_RET) {
			cur = 0xffff;
		}
	}
	kfree(valid);
	return err;
}

int bpf_classic_check(const struct sock_filter *prog, unsigned int len)
{
	if (!prog || len == 0 || len > BPF_MAXINSNS)
		return -EINVAL;
	for (unsigned int pc = 0; pc < len; pc++)
		if (check_insn(&prog[pc], pc, len))
			return -EINVAL;
	if (BPF_CLASS(prog[len - 1].code) != BPF_RET)
		return -EINVAL;
	return check_mem_init(prog, len);
}

/* A op= operand.  False for a division or modulo by zero. */
static bool alu(u16 op, u32 *a, u32 v)
{
	switch (op) {
	case BPF_ADD: *a += v; break;
	case BPF_SUB: *a -= v; break;
	case BPF_MUL: *a *= v; break;
	case BPF_DIV: if (!v) return false; *a /= v; break;
	case BPF_MOD: if (!v) return false; *a %= v; break;
	case BPF_OR:  *a |= v; break;
	case BPF_AND: *a &= v; break;
	case BPF_XOR: *a ^= v; break;
	case BPF_LSH: *a = v >= 32 ? 0 : *a << v; break;
	case BPF_RSH: *a = v >= 32 ? 0 : *a >> v; break;
	case BPF_NEG: *a = -*a; break;
	}
	return true;
}

static bool jump_taken(u16 op, u32 a, u32 v)
{
	switch (op) {
	case BPF_JEQ:  return a == v;
	case BPF_JGT:  return a > v;
	case BPF_JGE:  return a >= v;
	default:       return a & v;	/* BPF_JSET */
	}
}

struct bpf_regs {
	u32 a, x, mem[BPF_MEMWORDS];
};

/* A word of @data at byte @k, or false if outside. */
static bool load_word(const void *data, unsigned int size, u32 k, u32 *val)
{
	if (k > size || size - k < sizeof(u32) || (k & 3))
		return false;
	memcpy(val, (const char *)data + k, sizeof(u32));
	return true;
}

/*
 * Executes the non-jump, non-return instruction @f.  False: the program
 * ends with 0 (bad load, division by zero, an opcode the caller's
 * checker let through but this machine has no data for).
 */
static bool step(const struct sock_filter *f, struct bpf_regs *r, const void *data,
		 unsigned int size)
{
	switch (BPF_CLASS(f->code)) {
	case BPF_LD:
		switch (BPF_MODE(f->code)) {
		case BPF_ABS:
			return BPF_SIZE(f->code) == BPF_W && load_word(data, size, f->k, &r->a);
		case BPF_LEN: r->a = size; return true;
		case BPF_IMM: r->a = f->k; return true;
		case BPF_MEM: r->a = r->mem[f->k]; return true;
		}
		return false;		/* IND loads: no packet here */
	case BPF_LDX:
		switch (BPF_MODE(f->code)) {
		case BPF_LEN: r->x = size; return true;
		case BPF_IMM: r->x = f->k; return true;
		case BPF_MEM: r->x = r->mem[f->k]; return true;
		}
		return false;		/* MSH: no packet */
	case BPF_ST:
		r->mem[f->k] = r->a;
		return true;
	case BPF_STX:
		r->mem[f->k] = r->x;
		return true;
	case BPF_ALU:
		return alu(BPF_OP(f->code), &r->a, BPF_SRC(f->code) == BPF_X ? r->x : f->k);
	case BPF_MISC:
		if (BPF_MISCOP(f->code) == BPF_TXA)
			r->a = r->x;
		else
			r->x = r->a;
		return true;
	}
	return false;
}

u32 bpf_classic_run(const struct sock_filter *prog, const void *data, unsigned int size)
{
	struct bpf_regs r = { 0 };

	for (unsigned int pc = 0; ; pc++) {
		const struct sock_filter *f = &prog[pc];

		if (BPF_CLASS(f->code) == BPF_RET)
			return BPF_RVAL(f->code) == BPF_A ? r.a : f->k;
		if (is_ja(f->code)) {
			pc += f->k;
		} else if (BPF_CLASS(f->code) == BPF_JMP) {
			u32 v = BPF_SRC(f->code) == BPF_X ? r.x : f->k;

			pc += jump_taken(BPF_OP(f->code), r.a, v) ? f->jt : f->jf;
		} else if (!step(f, &r, data, size)) {
			return 0;
		}
	}
}
