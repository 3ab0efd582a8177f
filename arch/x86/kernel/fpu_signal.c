/*
 * The FPU state in a signal frame: Linux's i386 "struct _fpstate_32".
 *
 * It starts with the 112-byte image FNSAVE would write (control, status
 * and full tag words, last instruction and operand pointers, the eight
 * 80-bit registers in stack order) plus a status copy and a magic; with
 * magic 0 (FXSR) the 512-byte FXSAVE image follows at offset 112.  Old
 * programs read the first part, newer ones (and glibc's debuggers) the
 * second.  At sigreturn the FXSAVE image is loaded and the x87 part of
 * the header is laid over it, as Linux does, so a handler may edit
 * either.  The FXSAVE layout is the Intel SDM's (Vol. 1, 10.5.1).
 */
#include <linux-ish/kernel.h>
#include <linux-ish/errno.h>
#include <linux-ish/sched.h>
#include <linux-ish/string.h>
#include <linux-ish/uaccess.h>
#include <asm/thread.h>
#include <uapi/linux-ish/sigcontext.h>

BUILD_BUG_ON(sizeof(struct fpstate32) != 624);

#define FX_FCW		0
#define FX_FSW		2
#define FX_FTW		4	/* abridged: one "not empty" bit per register */
#define FX_FOP		6
#define FX_FIP		8
#define FX_FCS		12
#define FX_FDP		16
#define FX_FDS		20
#define FX_MXCSR	24
#define FX_ST0		32	/* 16-byte slots, 10 bytes used */

#define TAG_VALID	0
#define TAG_ZERO	1
#define TAG_SPECIAL	2
#define TAG_EMPTY	3

static u16 get16(const u8 *fx, int off)
{
	u16 v;

	memcpy(&v, fx + off, sizeof(v));
	return v;
}

static u32 get32(const u8 *fx, int off)
{
	u32 v;

	memcpy(&v, fx + off, sizeof(v));
	return v;
}

static void put16(u8 *fx, int off, u16 v)
{
	memcpy(fx + off, &v, sizeof(v));
}

static void put32(u8 *fx, int off, u32 v)
{
	memcpy(fx + off, &v, sizeof(v));
}

/* The full tag of a non-empty 80-bit register, from its contents. */
static u32 classify(const u8 *reg)
{
	u64 mantissa;
	u16 exp = get16(reg, 8) & 0x7fff;

	memcpy(&mantissa, reg, sizeof(mantissa));
	if (exp == 0x7fff)
		return TAG_SPECIAL;
	if (exp == 0)
		return mantissa ? TAG_SPECIAL : TAG_ZERO;
	return (mantissa >> 63) ? TAG_VALID : TAG_SPECIAL;
}

/* FXSAVE's abridged tag byte to FNSAVE's full tag word (physical order). */
static u32 full_tag(const u8 *fx)
{
	unsigned int top = (get16(fx, FX_FSW) >> 11) & 7;
	u8 abridged = fx[FX_FTW];
	u32 tag = 0;

	for (unsigned int phys = 0; phys < 8; phys++) {
		unsigned int st = (phys - top) & 7;
		u32 t = (abridged & (1u << phys)) ? classify(fx + FX_ST0 + 16 * st) : TAG_EMPTY;

		tag |= t << (2 * phys);
	}
	return tag;
}

static void header_from_fxsave(struct fpstate32 *f, const u8 *fx)
{
	f->cw = 0xffff0000u | get16(fx, FX_FCW);
	f->sw = 0xffff0000u | get16(fx, FX_FSW);
	f->tag = 0xffff0000u | full_tag(fx);
	f->ipoff = get32(fx, FX_FIP);
	f->cssel = get16(fx, FX_FCS) | ((u32)(get16(fx, FX_FOP) & 0x7ff) << 16);
	f->dataoff = get32(fx, FX_FDP);
	f->datasel = 0xffff0000u | get16(fx, FX_FDS);
	for (int i = 0; i < 8; i++)
		memcpy(f->st[i], fx + FX_ST0 + 16 * i, 10);
	f->status = get16(fx, FX_FSW);
	f->magic = FPSTATE_MAGIC_FXSR;
}

/* Lays the header's x87 state over the FXSAVE image @fx. */
static void header_to_fxsave(const struct fpstate32 *f, u8 *fx)
{
	u8 abridged = 0;

	for (int phys = 0; phys < 8; phys++)
		if (((f->tag >> (2 * phys)) & 3) != TAG_EMPTY)
			abridged |= 1u << phys;
	put16(fx, FX_FCW, (u16)f->cw);
	put16(fx, FX_FSW, (u16)f->sw);
	fx[FX_FTW] = abridged;
	put16(fx, FX_FOP, (u16)(f->cssel >> 16) & 0x7ff);
	put32(fx, FX_FIP, f->ipoff);
	put16(fx, FX_FCS, (u16)f->cssel);
	put32(fx, FX_FDP, f->dataoff);
	put16(fx, FX_FDS, (u16)f->datasel);
	for (int i = 0; i < 8; i++) {
		memset(fx + FX_ST0 + 16 * i, 0, 16);
		memcpy(fx + FX_ST0 + 16 * i, f->st[i], 10);
	}
}

size_t fpu_sigframe_size(void)
{
	return sizeof(struct fpstate32);
}

/*
 * Writes the live FPU state to @buf (fpu_sigframe_size() bytes) and gives
 * the task a clean FPU for its handler.  0 or -EFAULT.  The image is
 * built on the stack (624 bytes; signal delivery runs just before the
 * return to user mode, on an almost empty stack): an allocation here
 * could fail, and a process would die for want of a buffer Linux never
 * needs.
 */
int fpu_save_sigframe(void __user *buf)
{
	struct fpstate32 f;

	memset(&f, 0, sizeof(f));
	fpu_save_current();
	if (fpu_has_fxsr()) {
		memcpy(f.fxsave, current->thread.fpu.data, sizeof(f.fxsave));
		header_from_fxsave(&f, f.fxsave);
	} else {		/* the FNSAVE image is the header */
		memcpy(&f, current->thread.fpu.data, offsetof(struct fpstate32, status));
		f.status = (u16)f.sw;
		f.magic = FPSTATE_MAGIC_FSAVE;
	}
	if (copy_to_user(buf, &f, sizeof(f)))
		return -EFAULT;
	fpu_reset_current();
	return 0;
}

/*
 * sigreturn: loads the state a handler left at @buf.  Reserved MXCSR bits
 * are cleared (FXRSTOR would fault on them).  0 or -EFAULT.  On the
 * stack for the reason fpu_save_sigframe() gives.
 */
int fpu_restore_sigframe(const void __user *buf)
{
	u8 *fx = current->thread.fpu.data;
	struct fpstate32 f;

	if (copy_from_user(&f, buf, sizeof(f)))
		return -EFAULT;
	if (!fpu_has_fxsr()) {
		memcpy(fx, &f, offsetof(struct fpstate32, status));
	} else {
		if (f.magic == FPSTATE_MAGIC_FXSR)
			memcpy(fx, f.fxsave, sizeof(f.fxsave));
		else		/* an FNSAVE-only frame: SSE state starts clean */
			fpu_clean_image(fx);
		header_to_fxsave(&f, fx);
		put32(fx, FX_MXCSR, get32(fx, FX_MXCSR) & MXCSR_MASK);
	}
	fpu_restore_current();
	return 0;
}
