/*
 * files.c: argument generators for the file calls of the files branch
 * (openat2's struct open_how and its size).  Structures go in scratch
 * from 3584 on.
 */
#include <string.h>
#include "fuzz.h"

#define HOW_SCRATCH	3584	/* struct open_how, 24 bytes, and a tail of 16 */
#define XNAME_SCRATCH	3648	/* an xattr name of 256 + 1 bytes */

/*
 * An open_how: open flags (as open's A_OFLAGS), sometimes a mode,
 * random RESOLVE_* bits; a bad pointer now and then.  make_safe() strips
 * the writing flags when the path is outside the sandbox.
 */
unsigned long gen_open_how(void)
{
	uint64_t *how = (uint64_t *)SCRATCH(HOW_SCRATCH);

	if (one_in(16))
		return one_in(2) ? 0 : (unsigned long)pg(PG_HOLE);
	how[0] = rnd() & 0x3fffff;
	if (one_in(16))
		how[0] |= (uint64_t)rnd() << 32;
	how[1] = one_in(2) ? 0 : (one_in(4) ? rnd() : rnd() & 07777);
	how[2] = one_in(2) ? 0 : (one_in(8) ? rnd() : rnd() & 0x3f);
	how[3] = how[4] = 0;
	if (one_in(8))
		how[3 + below(2)] = rnd();
	return (unsigned long)how;
}

/* openat2's size: 24 mostly, sometimes short, long or absurd. */
unsigned long gen_open_how_size(void)
{
	switch (below(8)) {
	case 0:
		return below(24);
	case 1:
		return 24 + below(17);
	case 2:
		return any_int();
	default:
		return 24;
	}
}

/*
 * An extended attribute's name: the namespaces tmpfs keeps and those it
 * refuses, an empty or over-long one, a bad pointer.  A fixed few, so
 * the attributes a run stores stay bounded.
 */
unsigned long gen_xattr_name(void)
{
	static const char *const names[] = {
		"trusted.a", "trusted.b", "security.a", "user.a", "system.posix_acl_access",
		"system.posix_acl_default", "other.a", "",
	};
	char *longname = SCRATCH(XNAME_SCRATCH);

	switch (below(16)) {
	case 0:
		return one_in(2) ? 0 : (unsigned long)pg(PG_HOLE);
	case 1:
		memset(longname, 'a', 256);
		memcpy(longname, "trusted.", 8);
		longname[256] = '\0';
		return (unsigned long)longname;
	default:
		return (unsigned long)names[below(sizeof(names) / sizeof(names[0]))];
	}
}
