/*
 * Resource usage: getrusage(), times(), and the accounting wait4() uses.
 *
 * Each task counts its own timer ticks (user or kernel, kernel/sched),
 * page faults (mm/memory.c), context switches and, when it leaves an mm,
 * that mm's high-water rss.  When a parent reaps a child, the child's
 * counts and its own reaped children's go into the parent's cru: that is
 * RUSAGE_CHILDREN, and what wait4 reports for the child.  RUSAGE_SELF
 * sums the process's threads, those that exited included (dead_ru);
 * RUSAGE_THREAD is the caller's own.  Major faults
 * need I/O, which Linnet does not do yet: ru_majflt is 0.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/errno.h>
#include <linux-ish/mm.h>
#include <linux-ish/sched.h>
#include <linux-ish/string.h>
#include <linux-ish/syscalls.h>
#include <linux-ish/time.h>
#include <linux-ish/uaccess.h>
#include <uapi/linux-ish/resource.h>
#include <uapi/linux-ish/time.h>

BUILD_BUG_ON(sizeof(struct rusage) != 72);

/* @to += @child's own usage and its children's. */
void rusage_add_child(struct task_rusage *to, const struct task_struct *child)
{
	const struct task_rusage *a = &child->ru, *b = &child->signal->cru;
	const struct task_rusage *d = &child->signal->dead_ru;

	to->utime += a->utime + b->utime + d->utime;
	to->stime += a->stime + b->stime + d->stime;
	to->min_flt += a->min_flt + b->min_flt + d->min_flt;
	to->maj_flt += a->maj_flt + b->maj_flt + d->maj_flt;
	to->nvcsw += a->nvcsw + b->nvcsw + d->nvcsw;
	to->nivcsw += a->nivcsw + b->nivcsw + d->nivcsw;
	to->maxrss = max3(to->maxrss, a->maxrss, b->maxrss);
	to->maxrss = max(to->maxrss, d->maxrss);
}

/* The usage of @p's whole process: live threads and exited ones. */
static void rusage_group(const struct task_struct *p, struct task_rusage *r)
{
	const struct task_rusage *d = &p->signal->dead_ru;
	const struct task_struct *t;

	*r = *d;
	for_each_thread(p, t) {
		r->utime += t->ru.utime;
		r->stime += t->ru.stime;
		r->min_flt += t->ru.min_flt;
		r->maj_flt += t->ru.maj_flt;
		r->nvcsw += t->ru.nvcsw;
		r->nivcsw += t->ru.nivcsw;
		r->maxrss = max(r->maxrss, t->ru.maxrss);
	}
}

static void ticks_to_timeval(unsigned long ticks, long *sec, long *usec)
{
	*sec = ticks / HZ;
	*usec = (ticks % HZ) * (1000000 / HZ);
}

/* Copies @ru out in struct rusage form; @extra_maxrss: a live mm's high-water. */
int put_rusage(const struct task_rusage *ru, unsigned long extra_maxrss,
	       struct rusage __user *uru)
{
	struct rusage r;

	memset(&r, 0, sizeof(r));
	ticks_to_timeval(ru->utime, &r.ru_utime.tv_sec, &r.ru_utime.tv_usec);
	ticks_to_timeval(ru->stime, &r.ru_stime.tv_sec, &r.ru_stime.tv_usec);
	r.ru_maxrss = max(ru->maxrss, extra_maxrss) << (PAGE_SHIFT - 10);
	r.ru_minflt = ru->min_flt;
	r.ru_majflt = ru->maj_flt;
	r.ru_nvcsw = ru->nvcsw;
	r.ru_nivcsw = ru->nivcsw;
	return copy_to_user(uru, &r, sizeof(r)) ? -EFAULT : 0;
}

SYSCALL_DEFINE2(getrusage, int, who, struct rusage __user *, uru)
{
	struct mm_struct *mm = current->mm;
	struct task_rusage r;

	switch (who) {
	case RUSAGE_SELF:
		rusage_group(current, &r);
		return put_rusage(&r, mm ? get_mm_hiwater_rss(mm) : 0, uru);
	case RUSAGE_THREAD:
		return put_rusage(&current->ru, mm ? get_mm_hiwater_rss(mm) : 0, uru);
	case RUSAGE_CHILDREN:
		return put_rusage(&current->signal->cru, 0, uru);
	default:
		return -EINVAL;
	}
}

static long to_clock_t(unsigned long ticks)
{
	return (long)((u64)ticks * USER_HZ / HZ);
}

/* times(): the four CPU times, and clock ticks since boot (USER_HZ). */
SYSCALL_DEFINE1(times, struct tms __user *, ubuf)
{
	struct task_rusage r;
	struct tms t;

	rusage_group(current, &r);
	t = (struct tms){
		.tms_utime = to_clock_t(r.utime),
		.tms_stime = to_clock_t(r.stime),
		.tms_cutime = to_clock_t(current->signal->cru.utime),
		.tms_cstime = to_clock_t(current->signal->cru.stime),
	};

	if (ubuf && copy_to_user(ubuf, &t, sizeof(t)))
		return -EFAULT;
	return to_clock_t(jiffies);
}
