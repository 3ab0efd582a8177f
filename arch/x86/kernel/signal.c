/*
 * Signal frames, with the i386 Linux layout glibc expects.
 *
 * A handler without SA_SIGINFO gets a "sigframe" and returns through
 * sigreturn (119); with SA_SIGINFO an "rt_sigframe" (siginfo, ucontext)
 * and rt_sigreturn (173).  glibc passes its own restorer (SA_RESTORER);
 * otherwise the handler returns into the vDSO's __kernel_sigreturn or
 * __kernel_rt_sigreturn, or, in a process without a vDSO, into the
 * frame's retcode (Documentation/x86/vdso.md).  The interrupted FPU/SSE
 * state is saved below the frame in Linux's _fpstate_32 layout
 * (sigcontext.fpstate points at it; see fpu_signal.c) and the handler
 * starts with a clean FPU.  sigreturn takes the frame's selectors as
 * Linux i386 does: CS and SS with RPL 3 forced, DS/ES/FS as they are, GS
 * with RPL 3 (0 stays 0).  None of them can reach ring 0: the CPU checks
 * CS/SS in the iret, clears a data selector that is not valid at CPL 3,
 * and a selector that cannot be loaded at all makes the return path fall
 * back (entry.S: null for DS-GS, SIGILL for a refused iret,
 * Documentation/x86/ldt.md).  Only user-modifiable EFLAGS come back, and
 * MXCSR is masked before FXRSTOR.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/errno.h>
#include <linux-ish/sched.h>
#include <linux-ish/signal.h>
#include <linux-ish/ptrace.h>
#include <linux-ish/string.h>
#include <linux-ish/syscalls.h>
#include <linux-ish/uaccess.h>
#include <asm/processor.h>
#include <asm/thread.h>
#include <asm/traps.h>
#include <asm/vdso.h>
#include <uapi/linux-ish/sigcontext.h>

BUILD_BUG_ON(sizeof(struct sigcontext32) != 88);
BUILD_BUG_ON(sizeof(struct siginfo32) != 128);

/*
 * Linux's sigframe_ia32, byte for byte: the _fpstate_32 in it is unused
 * (the live FPU state sits below the frame, sc.fpstate points at it) but
 * keeps extramask and retcode where programs have always found them.
 */
struct sigframe32 {
	u32 pretcode;
	s32 sig;
	struct sigcontext32 sc;
	struct fpstate32 fpstate_unused;
	u32 extramask;
	u8 retcode[8];
};
BUILD_BUG_ON(offsetof(struct sigframe32, extramask) != 720);

struct rt_sigframe32 {
	u32 pretcode;
	s32 sig;
	u32 pinfo, puc;
	struct siginfo32 info;
	struct ucontext32 uc;
	u8 retcode[8];
};

/* The flags a program may change (AC OF DF TF SF ZF AF PF CF RF). */
#define FIX_EFLAGS	0x00050dd5
#define X86_EFLAGS_TF	0x00000100
#define X86_EFLAGS_DF	0x00000400

/*
 * The frames' retcode bytes, Linux's: "popl %eax; movl $119, %eax;
 * int $0x80" for sigreturn (the pop drops the signal number, so that
 * sigreturn finds the frame at %esp - 8), "movl $173, %eax; int $0x80"
 * for rt_sigreturn.  The handler returns through them only when the
 * process has no vDSO; otherwise they are there for debuggers that look
 * for them.
 */
static void fill_retcode(u8 *code, unsigned int nr)
{
	u8 *p = code;

	if (nr == 119)
		*p++ = 0x58;
	*p++ = 0xb8;
	memcpy(p, &nr, 4);
	p += 4;
	*p++ = 0xcd;
	*p++ = 0x80;
	if (p < code + 8)
		*p = 0;
}

/*
 * Where the handler returns to: its SA_RESTORER, else the vDSO's
 * trampoline, else (vdso=0) the frame's retcode.  Linux gives an rt frame
 * no retcode fallback (the handler returns to the vDSO's address even
 * without one); Linnet uses the retcode there too.
 */
static u32 frame_restorer(const struct ksignal *ks, enum vdso_sym sym, unsigned long retcode)
{
	unsigned long vdso = vdso_sym_addr(current->mm, sym);

	if (ks->ka.flags & SA_RESTORER)
		return (u32)(__force unsigned long)ks->ka.restorer;
	return vdso ? vdso : retcode;
}

static void fill_sigcontext(struct sigcontext32 *sc, const struct pt_regs *regs,
			    u32 fpstate, u64 mask)
{
	memset(sc, 0, sizeof(*sc));
	sc->gs = regs->gs;
	sc->fs = regs->fs;
	sc->es = regs->es;
	sc->ds = regs->ds;
	sc->di = regs->di;
	sc->si = regs->si;
	sc->bp = regs->bp;
	sc->sp = regs->sp;
	sc->bx = regs->bx;
	sc->dx = regs->dx;
	sc->cx = regs->cx;
	sc->ax = regs->ax;
	sc->trapno = current->thread.trap_nr;	/* the last trap that became a signal */
	sc->err = current->thread.error_code;
	sc->ip = regs->ip;
	sc->cs = regs->cs;
	sc->flags = regs->flags;
	sc->sp_at_signal = regs->sp;
	sc->ss = regs->ss;
	sc->fpstate = fpstate;
	sc->oldmask = (u32)mask;
	sc->cr2 = current->thread.cr2;
}

/* i386 ABI: at handler entry (esp + 4) is 16-byte aligned. */
static unsigned long align_frame(unsigned long top, size_t size)
{
	return ((top - size + 4) & ~15UL) - 4;
}

/*
 * Where a frame of @size goes: the alternate stack if asked for and not
 * already on it, else below the interrupted stack -- or, Linux i386's
 * legacy switch, at the handler's sa_restorer when the interrupted code
 * ran on a stack segment other than __USER_DS and the handler has a
 * restorer address without SA_RESTORER.  As Linux 6.1, a frame that such
 * a switch puts outside the alternate stack is refused (the task gets
 * SIGSEGV).  The FXSAVE image goes first, 64-byte aligned; returns its
 * address and sets *frame, or returns 0 if there is no place.
 */
static unsigned long place_frame(const struct k_sigaction *ka, const struct pt_regs *regs,
				 size_t size, unsigned long *frame)
{
	const struct signal_state *s = &current->sig;
	unsigned long sp = regs->sp, fp;
	bool on_altstack = s->altstack_size && sp - s->altstack_sp < s->altstack_size;
	bool legacy = false;

	if (ka->flags & SA_ONSTACK) {
		if (s->altstack_size && !on_altstack)
			sp = s->altstack_sp + s->altstack_size;
	} else if (!on_altstack && (regs->ss & 0xffff) != __USER_DS &&
		   !(ka->flags & SA_RESTORER) && ka->restorer) {
		sp = (__force unsigned long)ka->restorer;
		legacy = true;
	}
	fp = (sp - fpu_sigframe_size()) & ~63UL;	/* Linux aligns it to 64, too */
	*frame = align_frame(fp, size);
	if (legacy && !(s->altstack_size && *frame - s->altstack_sp < s->altstack_size))
		return 0;
	return fp;
}

static void enter_handler(struct pt_regs *regs, const struct ksignal *ks, unsigned long frame)
{
	regs->sp = frame;
	regs->ip = (__force unsigned long)ks->ka.handler;
	regs->ax = ks->sig;
	regs->ds = regs->es = regs->ss = __USER_DS;
	regs->cs = __USER_CS;
	regs->flags &= ~(X86_EFLAGS_TF | X86_EFLAGS_DF);
}

static int setup_frame(const struct ksignal *ks, struct pt_regs *regs, u64 mask)
{
	struct sigframe32 f;
	unsigned long frame, fp = place_frame(&ks->ka, regs, sizeof(f), &frame);

	if (!fp || fpu_save_sigframe((void __user *)fp))
		return -EFAULT;
	memset(&f, 0, sizeof(f));
	f.sig = ks->sig;
	fill_sigcontext(&f.sc, regs, fp, mask);
	f.extramask = (u32)(mask >> 32);
	fill_retcode(f.retcode, 119);
	f.pretcode = frame_restorer(ks, VDSO_SYM_SIGRETURN,
				    frame + offsetof(struct sigframe32, retcode));
	if (copy_to_user((void __user *)frame, &f, sizeof(f)))
		return -EFAULT;
	enter_handler(regs, ks, frame);
	return 0;
}

/* The user's siginfo of @ks (ptrace's GETSIGINFO too). */
void fill_siginfo(struct siginfo32 *si, const struct ksignal *ks)
{
	memset(si, 0, sizeof(*si));
	si->si_signo = ks->sig;
	si->si_code = ks->info.code;
	si->si_errno = ks->info.error;
	if (ks->info.code == SI_TIMER) {
		si->timer.tid = ks->info.timerid;
		si->timer.overrun = ks->info.overrun;
		si->timer.sigval = ks->info.value;
		return;
	}
	switch (ks->sig) {
	case SIGSEGV: case SIGBUS: case SIGILL: case SIGFPE: case SIGTRAP:
		/* a fault (ptrace's event stops' SIGTRAP | event << 8 are not); else kill fields */
		if (ks->info.code > 0 && ks->info.code < 0x100) {
			si->addr = ks->info.addr;
			break;
		}
		/* fall through */
	default:
		si->kill_chld.pid = ks->info.pid;
		si->kill_chld.uid = ks->info.uid;
		si->kill_chld.status = ks->info.status;
		break;
	}
}

static int setup_rt_frame(const struct ksignal *ks, struct pt_regs *regs, u64 mask)
{
	struct rt_sigframe32 f;
	struct user_stack_t ss;
	unsigned long frame, fp = place_frame(&ks->ka, regs, sizeof(f), &frame);

	if (!fp || fpu_save_sigframe((void __user *)fp))
		return -EFAULT;
	memset(&f, 0, sizeof(f));
	f.sig = ks->sig;
	f.pinfo = frame + offsetof(struct rt_sigframe32, info);
	f.puc = frame + offsetof(struct rt_sigframe32, uc);
	fill_siginfo(&f.info, ks);
	altstack_save(regs->sp, &ss);	/* the settings as they were; SS_AUTODISARM disarms */
	f.uc.ss_sp = (u32)(__force unsigned long)ss.ss_sp;
	f.uc.ss_flags = ss.ss_flags;
	f.uc.ss_size = ss.ss_size;
	fill_sigcontext(&f.uc.uc_mcontext, regs, fp, mask);
	f.uc.uc_sigmask = mask;
	fill_retcode(f.retcode, 173);
	f.pretcode = frame_restorer(ks, VDSO_SYM_RT_SIGRETURN,
				    frame + offsetof(struct rt_sigframe32, retcode));
	if (copy_to_user((void __user *)frame, &f, sizeof(f)))
		return -EFAULT;
	enter_handler(regs, ks, frame);
	regs->dx = f.pinfo;
	regs->cx = f.puc;
	return 0;
}

/* What a system call interrupted by a signal returns, or restarts. */
static void handle_restart(struct pt_regs *regs, const struct k_sigaction *ka)
{
	switch ((long)regs->ax) {
	case -ERESTART_RESTARTBLOCK:
		if (ka) {
			regs->ax = -EINTR;
			break;
		}
		regs->ax = 0;		/* restart_syscall */
		regs->ip -= 2;
		break;
	case -ERESTARTNOHAND:
		if (ka) {
			regs->ax = -EINTR;
			break;
		}
		/* fall through */
	case -ERESTARTSYS:
		if (ka && !(ka->flags & SA_RESTART)) {
			regs->ax = -EINTR;
			break;
		}
		/* fall through */
	case -ERESTARTNOINTR:
		regs->ax = regs->orig_ax;
		regs->ip -= 2;		/* back onto the int $0x80 */
		break;
	}
}

/*
 * On the way to user mode with a signal pending or sigpending set: deliver
 * it, or with nothing left to deliver restart the interrupted call (no
 * -ERESTART* code ever reaches user mode).
 */
void do_signal(struct pt_regs *regs)
{
	struct signal_state *s = &current->sig;
	bool in_syscall = regs->trapnr == SYSCALL_VECTOR && (long)regs->orig_ax >= 0;
	struct ksignal ks;
	u64 mask;
	int err;

	if (!get_signal(&ks)) {
		if (in_syscall)
			handle_restart(regs, NULL);
		regs->orig_ax = -1;
		if (s->restore_mask) {
			s->restore_mask = false;
			s->blocked = s->saved_mask;
		}
		return;
	}
	if (in_syscall)
		handle_restart(regs, &ks.ka);
	regs->orig_ax = -1;		/* restart decided once */
	mask = s->restore_mask ? s->saved_mask : s->blocked;
	s->restore_mask = false;
	rseq_signal_deliver(&ks, regs);
	err = (ks.ka.flags & SA_SIGINFO) ? setup_rt_frame(&ks, regs, mask)
					 : setup_frame(&ks, regs, mask);
	if (err) {
		printk(KERN_INFO "%s[%d]: cannot write the signal %d frame at %08lx\n",
		       current->comm, current->pid, ks.sig, regs->sp);
		do_exit(SIGSEGV);
	}
	s->blocked = mask;
	signal_delivered(&ks);
}

/* Puts the registers and FPU state saved in @uc_sc back.  0 or -EFAULT. */
static int restore_sigcontext(struct pt_regs *regs, const struct sigcontext32 __user *usc)
{
	struct sigcontext32 sc;

	if (copy_from_user(&sc, usc, sizeof(sc)))
		return -EFAULT;
	regs->gs = sc.gs | USER_RPL;
	regs->fs = sc.fs;
	regs->es = sc.es;
	regs->ds = sc.ds;
	regs->di = sc.di;
	regs->si = sc.si;
	regs->bp = sc.bp;
	regs->sp = sc.sp;
	regs->bx = sc.bx;
	regs->dx = sc.dx;
	regs->cx = sc.cx;
	regs->ax = sc.ax;
	regs->ip = sc.ip;
	regs->cs = sc.cs | USER_RPL;
	regs->ss = sc.ss | USER_RPL;
	regs->flags = (regs->flags & ~FIX_EFLAGS) | (sc.flags & FIX_EFLAGS);
	regs->orig_ax = -1;		/* no restart on the way back */
	if (sc.gs == 0)
		regs->gs = 0;
	if (!sc.fpstate) {
		fpu_reset_current();
		return 0;
	}
	return fpu_restore_sigframe((const void __user *)(unsigned long)sc.fpstate);
}

static void set_blocked(u64 mask)
{
	unsigned long flags;

	spin_lock_irqsave(&current->sig.lock, flags);
	current->sig.blocked = mask & ~UNBLOCKABLE;
	recalc_sigpending();
	spin_unlock_irqrestore(&current->sig.lock, flags);
}

/* A frame that cannot be read back: the process cannot go on. */
static long bad_frame(void)
{
	printk(KERN_INFO "%s[%d]: bad signal frame in sigreturn\n", current->comm, current->pid);
	do_exit(SIGSEGV);
}

SYSCALL_DEFINE0(sigreturn)
{
	struct pt_regs *r = task_pt_regs(current);
	const struct sigframe32 __user *frame = (const void __user *)(r->sp - 8);
	u32 lo = 0, hi = 0;

	if (get_user(lo, &frame->sc.oldmask) || get_user(hi, &frame->extramask) ||
	    restore_sigcontext(r, &frame->sc))
		return bad_frame();
	current->restart_block.fn = NULL;
	set_blocked(((u64)hi << 32) | lo);
	return r->ax;
}

SYSCALL_DEFINE0(rt_sigreturn)
{
	struct pt_regs *r = task_pt_regs(current);
	const struct rt_sigframe32 __user *frame = (const void __user *)(r->sp - 4);
	u64 mask;

	if (copy_from_user(&mask, &frame->uc.uc_sigmask, sizeof(mask)) ||
	    restore_sigcontext(r, &frame->uc.uc_mcontext) ||
	    altstack_restore((const struct user_stack_t __user *)&frame->uc.ss_sp, r->sp))
		return bad_frame();
	current->restart_block.fn = NULL;
	set_blocked(mask);
	return r->ax;
}
