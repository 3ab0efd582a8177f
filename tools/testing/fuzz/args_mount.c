/*
 * args_mount.c: the arguments of the new mount API (fsopen, fsconfig,
 * fsmount, open_tree): type names, option keys and values that the
 * kernel's file systems know, mixed with unknown ones, holes and NULL.
 * None of them can reach the mount tree: move_mount and fspick are not
 * in the table (README.md), so a context or detached mount made here
 * only lives until the child closes it or exits.
 */
#include "fuzz.h"

/*
 * Only types whose every fsopen makes a new instance: a single-instance
 * type (debugfs, devtmpfs, mqueue) would let CMD_RECONFIGURE after fsmount
 * change the system's own (read-only devtmpfs on the host).
 */
static const char *const fs_types[] = {
	"proc", "tmpfs", "ramfs", "nosuchfs", "",
};

static const char *const fs_keys[] = {
	"hidepid", "gid", "subset", "source", "size", "nr_inodes", "mode", "ro", "rw",
	"sync", "lazytime", "bogus", "",
};

static const char *const fs_values[] = {
	"0", "1", "2", "4", "invisible", "noaccess", "ptraceable", "off", "pid", "1m", "0x2",
	"-1", "99999999999", "", "a,b",
};

/* A string from @list, or now and then NULL or an unmapped page. */
static unsigned long pick_string(const char *const *list, unsigned int n)
{
	if (one_in(16))
		return one_in(2) ? 0 : (unsigned long)pg(PG_HOLE);
	return (unsigned long)list[below(n)];
}

unsigned long gen_mount_arg(int type)
{
	switch (type) {
	case A_FSTYPE:
		return pick_string(fs_types, sizeof(fs_types) / sizeof(fs_types[0]));
	case A_FSKEY:
		return pick_string(fs_keys, sizeof(fs_keys) / sizeof(fs_keys[0]));
	case A_FSVAL:
		return one_in(4) ? gen_buf_public() :
		       pick_string(fs_values, sizeof(fs_values) / sizeof(fs_values[0]));
	case A_FSCMD:		/* FSCONFIG_SET_FLAG .. CMD_RECONFIGURE, and beyond */
		return one_in(16) ? (unsigned long)below(1u << 31) : below(9);
	}
	return 0;
}
