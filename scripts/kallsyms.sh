#!/bin/sh
# Turns `nm -n` output on stdin into an assembly table of the kernel's text
# symbols (sorted by address) for symbolised backtraces.  Empty input gives
# an empty table with the same labels: the first link pass uses that.
awk '
BEGIN { n = 0 }
$2 ~ /^[tTwW]$/ || $3 == "_etext" {
	if ($3 ~ /^\.L/ || $3 ~ /^__setup_/ || $3 ~ /^__ktest/) next
	addr[n] = $1; name[n] = $3; n++
}
END {
	print "\t.section .kallsyms, \"a\""
	print "\t.globl kallsyms_num_syms, kallsyms_addresses, kallsyms_offsets, kallsyms_names"
	print "\t.align 4"
	print "kallsyms_num_syms:\n\t.long " n
	print "kallsyms_addresses:"
	for (i = 0; i < n; i++) print "\t.long 0x" addr[i]
	print "kallsyms_offsets:"
	off = 0
	for (i = 0; i < n; i++) { print "\t.long " off; off += length(name[i]) + 1 }
	print "kallsyms_names:"
	for (i = 0; i < n; i++) print "\t.asciz \"" name[i] "\""
	print "\t.byte 0"
}'
