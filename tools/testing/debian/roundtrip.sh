#!/bin/bash
# Round trips of Debian's ls -l, sort, md5sum, dd, find, tar and gzip,
# judged against the build host's own output for the same input.
#
#   roundtrip.sh make TARBALL    (host) writes the input tree as a tar file
#   roundtrip.sh report TARBALL  prints every section's output for it
#
# tools/testing/run-debian runs `make`, then `report` on the host (the
# wanted output, /etc/debian-roundtrip/want in the guest's archive); the
# guest's session.sh runs `report` on the same tar file and compares
# section by section ("== NAME" opens a section).  Both sides first
# unpack the tar file into a scratch directory, so the input's modes and
# times are tar's, not those of whatever file system carried it.
# Deterministic: C locale, UTC, fixed times; nothing here depends on the
# file system under it except where normalised (st_blocks' "total"
# lines and directory sizes, which differ between ext4, ramfs and ext2).
set -u
export LC_ALL=C TZ=UTC

# The input: text, binary, sizes around page and block edges, a sparse
# tail, a symlink, a hard link, an empty file and directory, odd modes.
make_tree() {
	local d=$1 i
	mkdir -p "$d/a/b/c" "$d/empty" "$d/words"
	seq 1 20000 >"$d/seq"
	for ((i = 1; i <= 300; i++)); do
		printf '%06x:%d:w%d\n' $((i * 2654435761 % 16777213)) $((i * 7919 % 1000)) $((i % 17))
	done >"$d/words/table"
	printf 'pear\nApple\nbanana\napple\n\n  spaced\nPear\nbanana\nzz top\n10\n9\n-1\n' >"$d/words/fruit"
	: >"$d/a/zero"
	printf x >"$d/a/one"
	for i in 4095 4096 4097 65537; do
		head -c "$i" "$d/seq" >"$d/a/b/s$i"
	done
	seq 1 60000 | md5sum | cut -c1-32 >"$d/a/b/c/hex"
	gzip -n -9 <"$d/seq" >"$d/a/b/c/seq.gz"
	dd if=/dev/zero of="$d/a/sparse" bs=1 count=0 seek=200000 status=none
	printf 'tail' >>"$d/a/sparse"
	ln -s ../seq "$d/a/link"
	ln "$d/a/one" "$d/a/b/one-hard"
	printf '#!/bin/sh\necho hi\n' >"$d/a/script"
	chmod 0755 "$d/a/script"
	chmod 0600 "$d/words/fruit"
	chmod 0444 "$d/a/b/s4096"
	chmod 0750 "$d/a/b/c"
	chmod 1777 "$d/empty"
	find "$d" -exec touch -h -d @1700000000 {} +
	touch -d @86400 "$d/a/b/s4095"
	touch -d '2001-02-03 04:05:06' "$d/words/table"
}

# ls -l's columns without st_blocks ("total"), directory sizes (with
# the padding they set) and the owner (the host's unpacking user need not
# be root)
norm_ls() {
	sed -E '/^total [0-9]+$/d; s/^(d[^ ]+ +[0-9]+ +[0-9]+ +[0-9]+ +)[0-9]+/\1-/
		s/^([^ ]+ +[0-9]+ +)[0-9]+ +[0-9]+ /\1u g /; s/ +/ /g'
}

report() {
	local tarball=$1 w
	w=$(mktemp -d "${TMPDIR:-/tmp}/roundtrip.XXXXXX") || exit 1
	cd "$w" || exit 1
	umask 022
	mkdir in
	tar xpf "$tarball" -C in || echo "tar xpf failed"

	echo "== ls -ln"
	(cd in && ls -lnR --time-style=+%s . | norm_ls)
	echo "== ls -l sorted by size, by time"
	(cd in/a/b && ls -ln --time-style=long-iso -S s* one-hard && ls -lnt --time-style=full-iso .) | norm_ls
	echo "== ls -l | sort -k5 -n | tail -3, of the input"
	ls -lnR in | grep '^-' | sort -k5 -n | tail -3 | norm_ls

	echo "== sort"
	sort in/words/fruit
	sort -f in/words/fruit | md5sum
	sort -n in/words/fruit | tr '\n' '|'
	sort -t: -k2,2n -k1,1 in/words/table | head -5
	sort -t: -k3,3 -k2,2nr in/words/table | md5sum
	sort -u -t: -k3,3 in/words/table | wc -l
	sort -c in/seq; echo "sort -c: $?"

	echo "== md5sum"
	(cd in && find . -type f | sort | xargs md5sum) >sums
	cat sums
	(cd in && md5sum -c --quiet ../sums && echo "md5sum -c: all good")

	echo "== dd"
	dd if=in/seq bs=1000 skip=3 count=7 status=none | md5sum
	dd if=in/seq ibs=7 obs=13 count=1000 status=none | md5sum
	dd if=in/words/fruit conv=ucase status=none
	cp in/a/b/s65537 d1 && chmod u+w d1
	dd if=in/a/b/s4095 of=d1 bs=512 seek=3 conv=notrunc status=none
	dd if=in/a/one of=d1 bs=1 seek=70000 status=none
	echo "$(stat -c '%s' d1) $(md5sum <d1)"
	dd if=in/a/sparse bs=4096 skip=48 status=none | od -An -c | tail -2

	echo "== find"
	(cd in && find . -printf '%y %#m %n %P -> %l\n' | sort)
	(cd in && find . -type f -printf '%s %P\n' | sort)
	(cd in && find . \( -name 's40*' -size +4k \) -o -empty -o -perm /o+t -o -newer a/b/s4095 -name 's*' -o -links 2 -type f | sort)
	(cd in && find . -path './a/b/*' -prune -o -type f -perm -0111 -print -o -type l -xtype f -print | sort)

	echo "== tar"
	tar tvf "$tarball" --numeric-owner | sed -E 's/ +/ /g' | sort -k6
	tar cf made.tar --sort=name --owner=0 --group=0 --numeric-owner --format=gnu -C in .
	md5sum <made.tar
	mkdir out && tar xpf made.tar -C out &&
		(cd out && ls -lnR --time-style=+%s . | norm_ls) >out.ls &&
		(cd in && ls -lnR --time-style=+%s . | norm_ls) | cmp - out.ls && echo "tar round trip: same ls -ln"
	(cd out && md5sum -c --quiet ../sums && echo "tar round trip: same contents")
	tar czf made.tgz -C in a/b && mkdir z && tar xzf made.tgz -C z && diff -r in/a/b z/a/b && echo "tar czf/xzf: same"
	tar cf plain.tar -C in . && tar df plain.tar -C in && echo "tar df: no difference"

	cd / && rm -rf "$w"
}

case ${1:-} in
make)
	t=$(mktemp -d "${TMPDIR:-/tmp}/roundtrip.XXXXXX") || exit 1
	make_tree "$t/in"
	tar cf "$2" --sort=name --format=gnu --owner=0 --group=0 --numeric-owner -C "$t/in" . || exit 1
	rm -rf "$t" ;;
report)
	report "$(cd "$(dirname "$2")" && pwd)/$(basename "$2")" ;;
*)
	echo "usage: roundtrip.sh make|report TARBALL" >&2
	exit 2 ;;
esac
