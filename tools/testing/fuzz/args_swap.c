/*
 * args_swap.c: swapon/swapoff's path and flags, and madvise advice that
 * moves pages toward swap (MADV_PAGEOUT, MADV_COLD).
 *
 * The swap area: make stress on Linnet turns a swap disk on before its
 * baseline and gives its node to the fuzzer as FUZZ_SWAP.  Only on
 * Linnet (uname), and only that one path, do the children swapoff and
 * swapon it, with random flags and priorities, while the stress
 * programs page out into it: swapoff under load, areas coming and going.
 * The path is copied at start-up into a page of its own that is then
 * made read-only, outside the playground, so that no call a child makes
 * can rewrite it (README.md's rule: paths only from memory no call can
 * write).  Elsewhere, or without FUZZ_SWAP, swapon and swapoff get
 * sandbox names only and always fail.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/utsname.h>
#include "fuzz.h"

#define SWAP_FLAG_PREFER	0x8000		/* linux/swap.h */
#define SWAP_FLAG_PRIO_MASK	0x7fff
#define SWAP_FLAG_DISCARD	0x10000
#define SWAP_FLAG_DISCARD_ONCE	0x20000
#define SWAP_FLAG_DISCARD_PAGES	0x40000
#define MADV_COLD_		20		/* Linux 5.4 */
#define MADV_PAGEOUT_		21

static char swap_page[4096] __attribute__((aligned(4096)));
static const char *swap_path;		/* in swap_page (read-only), or NULL */

/* Once, before any child: FUZZ_SWAP into its read-only page, on Linnet only. */
void swap_args_init(void)
{
	const char *path = getenv("FUZZ_SWAP");
	struct utsname u;

	if (!path || !*path || strlen(path) >= sizeof(swap_page) || uname(&u) ||
	    strcmp(u.sysname, "Linnet"))
		return;
	strcpy(swap_page, path);
	if (mprotect(swap_page, sizeof(swap_page), PROT_READ))
		return;
	swap_path = swap_page;
}

/* swapon's and swapoff's path: mostly the area, if there is one. */
static unsigned long gen_swap_path(void)
{
	if (swap_path && !one_in(4))
		return (unsigned long)swap_path;
	return gen_arg(A_PATH, 0);
}

/*
 * swapon's flags: none, a priority (SWAP_FLAG_PREFER), the discard
 * flags (Linnet accepts and ignores them), or any bits (EINVAL).
 */
static unsigned long gen_swap_flags(void)
{
	switch (below(8)) {
	case 0: case 1: case 2:
		return 0;
	case 3: case 4:
		return SWAP_FLAG_PREFER | (one_in(4) ? SWAP_FLAG_PRIO_MASK : below(64));
	case 5:
		return SWAP_FLAG_DISCARD | (one_in(2) ? SWAP_FLAG_DISCARD_ONCE :
					    SWAP_FLAG_DISCARD_PAGES);
	case 6:
		return (below(2) ? SWAP_FLAG_PREFER | below(32768) : 0) | SWAP_FLAG_DISCARD;
	default:
		return rnd();
	}
}

/* madvise advice of the swap entry: MADV_PAGEOUT mostly, MADV_COLD. */
static unsigned long gen_madv_swap(void)
{
	return one_in(3) ? MADV_COLD_ : MADV_PAGEOUT_;
}

unsigned long gen_swap_arg(int type)
{
	switch (type) {
	case A_SWAPPATH:	return gen_swap_path();
	case A_SWAPFLAGS:	return gen_swap_flags();
	case A_MADVSWAP:	return gen_madv_swap();
	}
	return 0;
}
