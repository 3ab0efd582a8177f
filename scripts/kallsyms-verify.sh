#!/bin/sh
# The symbol table was built from the first link; it is only right if the
# second link put every function at the same address.  Fail loudly if not.
text_syms() { nm -n --defined-only "$1" | awk '$2 ~ /^[tTwW]$/'; }
if [ "$(text_syms "$1")" != "$(text_syms "$2")" ]; then
	echo "kallsyms: text symbols moved between link passes; backtraces would lie" >&2
	rm -f "$2"
	exit 1
fi
