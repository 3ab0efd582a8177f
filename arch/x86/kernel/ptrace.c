/*
 * ptrace's i386 requests: the user registers (struct user_regs_struct
 * and struct user offsets), the FPU as FSAVE's and FXSAVE's images,
 * TLS slots, the regsets, and single-stepping through TF.  The tracee
 * is stopped (kernel/ptrace.c checked it) and its user registers are the
 * frame at the top of its kernel stack; its FPU state was saved when it
 * was switched away.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/errno.h>
#include <linux-ish/ptrace.h>
#include <linux-ish/sched.h>
#include <linux-ish/string.h>
#include <linux-ish/uaccess.h>
#include <asm/debugreg.h>
#include <asm/traps.h>
#include <asm/segment.h>
#include <uapi/linux-ish/ldt.h>
#include <uapi/linux-ish/ptrace.h>
#include <uapi/linux-ish/uio.h>

#define NR_USER_REGS	17
#define UREG_ORIG_EAX	11
#define UREG_EFLAGS	14
#define FXSAVE_SIZE	512
/* The flags a tracer may change (Linux's FLAG_MASK_32). */
#define FLAG_MASK	0x00050dd5

BUILD_BUG_ON(sizeof(struct linnet_user_regs) != USER_REGS_SIZE);
BUILD_BUG_ON(sizeof(struct linnet_user_fpregs) != 108);

/* pt_regs word of user register @i: the frame has trapnr between gs and orig_ax. */
static unsigned long *reg_slot(struct task_struct *child, unsigned int i)
{
	unsigned long *r = (unsigned long *)task_pt_regs(child);

	return &r[i < UREG_ORIG_EAX ? i : i + 1];
}

static bool is_segment(unsigned int i)
{
	return (i >= 7 && i <= 10) || i == 13 || i == 16;	/* ds es fs gs cs ss */
}

static unsigned long getreg(struct task_struct *child, unsigned int i)
{
	unsigned long v = *reg_slot(child, i);

	if (is_segment(i))
		return v & 0xffff;
	if (i == UREG_EFLAGS && child->thread.forced_tf)
		v &= ~X86_EFLAGS_TF;
	return v;
}

/* 0 or -EIO (a selector that is not the null one or of user privilege). */
static int putreg(struct task_struct *child, unsigned int i, unsigned long v)
{
	unsigned long *slot = reg_slot(child, i);

	if (is_segment(i)) {
		v &= 0xffff;
		if ((i == 13 || i == 16) ? (v & 3) != USER_RPL : v && (v & 3) != USER_RPL)
			return -EIO;
	} else if (i == UREG_EFLAGS) {
		if (v & X86_EFLAGS_TF)
			child->thread.forced_tf = false;	/* the tracer's own TF now */
		else if (child->thread.forced_tf)
			v |= X86_EFLAGS_TF;
		v = (*slot & ~FLAG_MASK) | (v & FLAG_MASK);
	}
	*slot = v;
	return 0;
}

static void get_user_regs(struct task_struct *child, struct linnet_user_regs *u)
{
	u32 *w = (u32 *)u;

	for (unsigned int i = 0; i < NR_USER_REGS; i++)
		w[i] = getreg(child, i);
}

static int set_user_regs(struct task_struct *child, const struct linnet_user_regs *u)
{
	const u32 *w = (const u32 *)u;

	for (unsigned int i = 0; i < NR_USER_REGS; i++)
		if (putreg(child, i, w[i]))
			return -EIO;
	return 0;
}

void user_enable_single_step(struct task_struct *child)
{
	struct pt_regs *regs = task_pt_regs(child);

	if (!(regs->flags & X86_EFLAGS_TF)) {
		regs->flags |= X86_EFLAGS_TF;
		child->thread.forced_tf = true;
	}
}

void user_disable_single_step(struct task_struct *child)
{
	if (child->thread.forced_tf)
		task_pt_regs(child)->flags &= ~X86_EFLAGS_TF;
	child->thread.forced_tf = false;
}

void user_single_step_report(struct pt_regs *regs)
{
	set_trap_info(X86_TRAP_DB, 0);
	force_sigtrap(TRAP_BRKPT, regs->ip);
}

void ptrace_exit_to_user(struct pt_regs *regs)
{
	if (current->thread.pending_dr6)
		debug_deliver_pending(regs);
	if (ptrace_interrupt_pending())
		ptrace_do_interrupt();
}

void ptrace_arch_detach(struct task_struct *child)
{
	user_disable_single_step(child);
}

/* ---- the FPU ---- */

/* @child's FXSAVE image (a clean one if it never used the FPU). */
static u8 *fx_image(struct task_struct *child)
{
	if (!child->thread.fpu_initialized) {
		fpu_clean_image(child->thread.fpu.data);
		child->thread.fpu_initialized = true;
	}
	return child->thread.fpu.data;
}

static u16 get16(const u8 *p)
{
	return p[0] | p[1] << 8;
}

static u32 get32(const u8 *p)
{
	return get16(p) | (u32)get16(p + 2) << 16;
}

/* The full x87 tag of register @st (stack order) with abridged bit @valid. */
static unsigned int x87_tag(const u8 *st, bool valid)
{
	unsigned int exp = get16(st + 8) & 0x7fff;
	bool zero = !get32(st) && !get32(st + 4);

	if (!valid)
		return 3;
	if (exp == 0x7fff)
		return 2;
	if (exp == 0)
		return zero ? 1 : 2;
	return (st[7] & 0x80) ? 0 : 2;
}

/* FXSAVE to FSAVE's layout, as Linux's convert_from_fxsr. */
static void fx_to_i387(const u8 *fx, struct linnet_user_fpregs *f)
{
	unsigned int top = (get16(fx + 2) >> 11) & 7, twd = 0;

	f->cwd = 0xffff0000u | get16(fx);
	f->swd = 0xffff0000u | get16(fx + 2);
	for (unsigned int i = 0; i < 8; i++)
		twd |= x87_tag(fx + 32 + ((i - top) & 7) * 16, fx[4] & (1 << i)) << (2 * i);
	f->twd = 0xffff0000u | twd;
	f->fip = get32(fx + 8);
	f->fcs = get16(fx + 12) | (u32)get16(fx + 6) << 16;
	f->foo = get32(fx + 16);
	f->fos = 0xffff0000u | get16(fx + 20);
	for (unsigned int i = 0; i < 8; i++)
		memcpy((u8 *)f->st_space + i * 10, fx + 32 + i * 16, 10);
}

static void i387_to_fx(const struct linnet_user_fpregs *f, u8 *fx)
{
	u8 ftw = 0;

	for (unsigned int i = 0; i < 8; i++)
		if (((f->twd >> (2 * i)) & 3) != 3)
			ftw |= 1 << i;
	memcpy(fx, &f->cwd, 2);
	memcpy(fx + 2, &f->swd, 2);
	fx[4] = ftw;
	memcpy(fx + 6, (const u8 *)&f->fcs + 2, 2);
	memcpy(fx + 8, &f->fip, 4);
	memcpy(fx + 12, &f->fcs, 2);
	memcpy(fx + 16, &f->foo, 4);
	memcpy(fx + 20, &f->fos, 2);
	for (unsigned int i = 0; i < 8; i++)
		memcpy(fx + 32 + i * 16, (const u8 *)f->st_space + i * 10, 10);
}

static void get_fpregs(struct task_struct *child, struct linnet_user_fpregs *f)
{
	if (fpu_has_fxsr())
		fx_to_i387(fx_image(child), f);
	else
		memcpy(f, fx_image(child), sizeof(*f));
}

static void set_fpregs(struct task_struct *child, const struct linnet_user_fpregs *f)
{
	if (fpu_has_fxsr())
		i387_to_fx(f, fx_image(child));
	else
		memcpy(fx_image(child), f, sizeof(*f));
}

static void set_fxregs(struct task_struct *child, const u8 *fx)
{
	u8 *img = fx_image(child);
	u32 mxcsr;

	memcpy(img, fx, 464);			/* the rest is software's */
	mxcsr = get32(img + 24) & MXCSR_MASK;
	memcpy(img + 24, &mxcsr, 4);
}

/* ---- regsets ---- */

#define TLS_SET_SIZE	(GDT_ENTRY_TLS_ENTRIES * sizeof(struct user_desc))

/* A regset's size, or 0 for an unknown one. */
static size_t regset_size(unsigned long type)
{
	switch (type) {
	case NT_PRSTATUS: return USER_REGS_SIZE;
	case NT_PRFPREG: return sizeof(struct linnet_user_fpregs);
	case NT_PRXFPREG: return fpu_has_fxsr() ? FXSAVE_SIZE : 0;
	case NT_386_TLS: return TLS_SET_SIZE;
	}
	return 0;
}

static void regset_get(struct task_struct *child, unsigned long type, void *buf)
{
	switch (type) {
	case NT_PRSTATUS:
		get_user_regs(child, buf);
		break;
	case NT_PRFPREG:
		get_fpregs(child, buf);
		break;
	case NT_PRXFPREG:
		memcpy(buf, fx_image(child), FXSAVE_SIZE);
		break;
	case NT_386_TLS:
		for (int i = 0; i < GDT_ENTRY_TLS_ENTRIES; i++)
			tls_get_desc(child, GDT_ENTRY_TLS_MIN + i, (struct user_desc *)buf + i);
		break;
	}
}

/* Sets the first @n bytes of a regset (the rest as they are).  0 or -EIO/-EINVAL. */
static int regset_set(struct task_struct *child, unsigned long type, void *buf, size_t n)
{
	int err = 0;

	if (n < regset_size(type)) {	/* only the head changes */
		u8 old[FXSAVE_SIZE] __aligned(4);

		regset_get(child, type, old);
		memcpy(old, buf, n);
		memcpy(buf, old, regset_size(type));
	}
	switch (type) {
	case NT_PRSTATUS:
		return set_user_regs(child, buf);
	case NT_PRFPREG:
		set_fpregs(child, buf);
		return 0;
	case NT_PRXFPREG:
		set_fxregs(child, buf);
		return 0;
	case NT_386_TLS:
		for (int i = 0; i < GDT_ENTRY_TLS_ENTRIES && !err; i++)
			err = tls_set_desc(child, GDT_ENTRY_TLS_MIN + i, (struct user_desc *)buf + i);
		return err;
	}
	return -EINVAL;
}

/* GETREGSET/SETREGSET: @data is an iovec whose length is cut to what was moved. */
static int ptrace_regset(struct task_struct *child, bool set, unsigned long type,
			 unsigned long data)
{
	struct iovec __user *uiov = (struct iovec __user *)data;
	u8 buf[FXSAVE_SIZE] __aligned(4);
	size_t size = regset_size(type), n;
	struct iovec iov;
	int err = 0;

	if (copy_from_user(&iov, uiov, sizeof(iov)))
		return -EFAULT;
	if (!size)
		return -EINVAL;
	n = min_t(size_t, iov.iov_len, size);
	if (set) {
		if (copy_from_user(buf, iov.iov_base, n))
			return -EFAULT;
		err = regset_set(child, type, buf, n);
	} else {
		regset_get(child, type, buf);
		if (copy_to_user(iov.iov_base, buf, n))
			return -EFAULT;
	}
	if (!err && put_user((__kernel_size_t)n, &uiov->iov_len))
		return -EFAULT;
	return err;
}

/* ---- requests ---- */

static long peek_user(struct task_struct *child, unsigned long addr, unsigned long data)
{
	unsigned long v = 0;

	if ((addr & 3) || addr >= USER_STRUCT_SIZE)
		return -EIO;
	if (addr < USER_REGS_SIZE)
		v = getreg(child, addr / 4);
	else if (addr >= USER_DEBUGREG_OFFSET)
		ptrace_get_debugreg(child, (addr - USER_DEBUGREG_OFFSET) / 4, &v);
	return put_user((u32)v, (u32 __user *)data);
}

static long poke_user(struct task_struct *child, unsigned long addr, unsigned long data)
{
	if ((addr & 3) || addr >= USER_STRUCT_SIZE)
		return -EIO;
	if (addr < USER_REGS_SIZE)
		return putreg(child, addr / 4, data);
	if (addr >= USER_DEBUGREG_OFFSET)
		return ptrace_set_debugreg(child, (addr - USER_DEBUGREG_OFFSET) / 4, data);
	return -EIO;
}

static long get_thread_area(struct task_struct *child, unsigned long idx, unsigned long data)
{
	struct user_desc info;

	if ((long)idx < 0)
		return -EIO;
	if (idx < GDT_ENTRY_TLS_MIN || idx >= GDT_ENTRY_TLS_MIN + GDT_ENTRY_TLS_ENTRIES)
		return -EINVAL;
	tls_get_desc(child, idx, &info);
	return copy_to_user((void __user *)data, &info, sizeof(info)) ? -EFAULT : 0;
}

static long set_thread_area(struct task_struct *child, unsigned long idx, unsigned long data)
{
	struct user_desc info;

	if ((long)idx < 0)
		return -EIO;
	if (copy_from_user(&info, (const void __user *)data, sizeof(info)))
		return -EFAULT;
	return tls_set_desc(child, idx, &info);
}

/* Copies a register image of @size bytes out (@set false) or in. */
static long regs_xfer(struct task_struct *child, unsigned long type, unsigned long data,
		      bool set)
{
	u8 buf[FXSAVE_SIZE] __aligned(4);
	size_t size = regset_size(type);

	if (!size)
		return -EIO;
	if (set) {
		if (copy_from_user(buf, (const void __user *)data, size))
			return -EFAULT;
		return regset_set(child, type, buf, size);
	}
	regset_get(child, type, buf);
	return copy_to_user((void __user *)data, buf, size) ? -EFAULT : 0;
}

long arch_ptrace(struct task_struct *child, long req, unsigned long addr, unsigned long data)
{
	switch (req) {
	case PTRACE_PEEKUSR:
		return peek_user(child, addr, data);
	case PTRACE_POKEUSR:
		return poke_user(child, addr, data);
	case PTRACE_GETREGS:
	case PTRACE_SETREGS:
		return regs_xfer(child, NT_PRSTATUS, data, req == PTRACE_SETREGS);
	case PTRACE_GETFPREGS:
	case PTRACE_SETFPREGS:
		return regs_xfer(child, NT_PRFPREG, data, req == PTRACE_SETFPREGS);
	case PTRACE_GETFPXREGS:
	case PTRACE_SETFPXREGS:
		return regs_xfer(child, NT_PRXFPREG, data, req == PTRACE_SETFPXREGS);
	case PTRACE_GET_THREAD_AREA:
		return get_thread_area(child, addr, data);
	case PTRACE_SET_THREAD_AREA:
		return set_thread_area(child, addr, data);
	case PTRACE_GETREGSET:
	case PTRACE_SETREGSET:
		return ptrace_regset(child, req == PTRACE_SETREGSET, addr, data);
	}
	return -EIO;
}
