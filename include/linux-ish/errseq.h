/*
 * errseq: a writeback error that each observer sees once (Linux's
 * errseq_t, our own code).  One 32-bit word per address_space:
 *
 *	bits  0..11  the latest error, negated (EIO = 5, ENOSPC = 28)
 *	bit  12      SEEN: someone sampled the word since that error
 *	bits 13..31  a counter, bumped when an error is set after a sample
 *
 * An open file keeps the value it last saw (file->f_wb_err, sampled at
 * open); fsync reports the error if the word changed since, and moves the
 * file's copy on, so every open file sees a failure exactly once and a
 * file opened after it does not see it at all.
 */
#ifndef _LINUX_ISH_ERRSEQ_H
#define _LINUX_ISH_ERRSEQ_H

#include <linux-ish/types.h>

typedef u32 errseq_t;

/* Records -@err (0 does nothing).  Returns the new value. */
errseq_t errseq_set(errseq_t *eseq, int err);
/* What a new observer starts from: errors before it are not its business. */
errseq_t errseq_sample(errseq_t *eseq);
/* 0, or the error set since *@since (without moving *@since). */
int errseq_check(errseq_t *eseq, errseq_t since);
/* As errseq_check, and moves *@since to now (marking the error SEEN). */
int errseq_check_and_advance(errseq_t *eseq, errseq_t *since);

#endif
