/*
 * errseq (linux-ish/errseq.h): an error word each observer sees once.
 * Updates are compare-and-swap loops, so a writeback completion in an
 * interrupt and an fsync need no lock between them.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/errno.h>
#include <linux-ish/errseq.h>
#include <asm/atomic.h>

#define ERRSEQ_ERRNO_MASK	0xfffu
#define ERRSEQ_SEEN		(1u << 12)
#define ERRSEQ_CTR_INC		(1u << 13)

static errseq_t errseq_read(const errseq_t *eseq)
{
	return *(const volatile errseq_t *)eseq;
}

static errseq_t errseq_cmpxchg(errseq_t *eseq, errseq_t old, errseq_t new)
{
	return __sync_val_compare_and_swap(eseq, old, new);
}

errseq_t errseq_set(errseq_t *eseq, int err)
{
	errseq_t old = errseq_read(eseq);

	if (!err || -err > (int)ERRSEQ_ERRNO_MASK || err > 0)
		return old;
	for (;;) {
		errseq_t seen, new;

		/* a new counter value only if someone saw the previous state */
		new = (old & ~(ERRSEQ_ERRNO_MASK | ERRSEQ_SEEN)) | (errseq_t)-err;
		if (old & ERRSEQ_SEEN)
			new += ERRSEQ_CTR_INC;
		if (new == old)
			return new;
		seen = errseq_cmpxchg(eseq, old, new);
		if (seen == old)
			return new;
		old = seen;
	}
}

errseq_t errseq_sample(errseq_t *eseq)
{
	errseq_t old = errseq_read(eseq);

	/* an error nobody has seen yet is still news to the first observer */
	return (old & ERRSEQ_SEEN) ? old : 0;
}

int errseq_check(errseq_t *eseq, errseq_t since)
{
	errseq_t cur = errseq_read(eseq);

	if ((cur | ERRSEQ_SEEN) == (since | ERRSEQ_SEEN))
		return 0;
	return -(int)(cur & ERRSEQ_ERRNO_MASK);
}

int errseq_check_and_advance(errseq_t *eseq, errseq_t *since)
{
	errseq_t old = errseq_read(eseq), new;

	if ((old | ERRSEQ_SEEN) == (*since | ERRSEQ_SEEN))
		return 0;
	new = old | ERRSEQ_SEEN;
	if (new != old)
		errseq_cmpxchg(eseq, old, new);	/* lost race: someone else set SEEN or a newer error */
	*since = new;
	return -(int)(new & ERRSEQ_ERRNO_MASK);
}
