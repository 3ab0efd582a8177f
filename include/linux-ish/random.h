/*
 * Kernel randomness: a xoshiro128++-style generator seeded at boot from
 * RDRAND when the CPU has it, else from TSC jitter and the RTC.  Good for
 * AT_RANDOM, getrandom() and seeds; not a cryptographic RNG.
 */
#ifndef _LINUX_ISH_RANDOM_H
#define _LINUX_ISH_RANDOM_H

#include <linux-ish/types.h>

void get_random_bytes(void *buf, size_t len);
u32 get_random_u32(void);
void random_init(void);

#endif
