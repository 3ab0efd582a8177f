#!/bin/sh
# The busybox workload rows of make bench-compare: run as /init (PID 1)
# by Debian's static busybox ash, unchanged, under Linnet and under
# Debian's Linux 6.1 (tools/testing/bench/Makefile, "workloads").  Every
# row is timed by bench-time (cycles from its fork of the command to the
# reap: the command's own start-up is inside) and printed as
#	bench: <name padded to 40> <median> cycles
# Environment (from the kernel command line): WL_BIG=0 skips the
# 10,000-file rows, WL_REPS sets the repetitions of the cheap rows (3).
# WL_PROFILE=PATTERN ('_' for a space) runs only the sections with a row
# whose name contains PATTERN and profiles those rows (the kernel needs
# profile=): their counters, summed over the repetitions, are printed as
# "profile:" lines for scripts/profile-report (make profile W=PATTERN).
# WL_ONLY=PATTERN runs only those sections, without profiling.
export PATH=/bin
bt=/bin/bench-time
reps=${WL_REPS:-3}
big=${WL_BIG:-1}
prof=$(echo "${WL_PROFILE:-}" | /bin/tr _ ' ')
only=$(echo "${WL_ONLY:-}" | /bin/tr _ ' ')
[ -n "$prof" ] && only=$prof
w=/tmp/w
pfile=/tmp/profile.sum

# runs NAME...: true if this section runs (no WL_PROFILE/WL_ONLY, or one NAME matches).
runs() {
	[ -z "$only" ] && return 0
	for row_name; do
		case "$row_name" in *"$only"*) return 0 ;; esac
	done
	return 1
}

# popt NAME: bench-time's profiling option when row NAME is profiled.
popt() {
	case "$1" in *"$prof"*) [ -n "$prof" ] && echo "-p $pfile" ;; esac
}

# row NAME REPS CMD [ARG...]: the median of REPS timings of CMD.
row() {
	name=$1 n=$2
	shift 2
	samples=
	while [ "$n" -gt 0 ]; do
		s=$($bt $(popt "$name") "$@") || { echo "bench: $name failed"; return; }
		samples="$samples $s"
		n=$((n - 1))
	done
	$bt -m "$name" $samples
}

# files N REPS [LABEL]: create, ls -l, cat, mv to another directory, rm
# -rf of N files in one directory of $w; each repetition starts from an
# empty directory.  The rows are "bb: LABELcreate N files"...
files() {
	n=$1 k=$2 p=${3:-}
	c= l= r= m= d=
	runs "bb: ${p}create $n files" "bb: ${p}ls -l $n files" "bb: ${p}cat $n files" \
		"bb: ${p}mv $n files to another dir" "bb: ${p}rm -rf $n files" || return 0
	names=$(/bin/seq 0 $((n - 1)) | /bin/sed 's/^/f/')
	while [ "$k" -gt 0 ]; do
		/bin/mkdir $w/d $w/e && cd $w/d || return
		c="$c $($bt $(popt "bb: ${p}create $n files") /bin/sh -c 'for f; do echo $f >$f; done' sh $names)"
		l="$l $($bt $(popt "bb: ${p}ls -l $n files") /bin/ls -l)"
		r="$r $($bt $(popt "bb: ${p}cat $n files") /bin/cat $names)"
		m="$m $($bt $(popt "bb: ${p}mv $n files to another dir") /bin/mv $names $w/e/)"
		cd $w
		d="$d $($bt $(popt "bb: ${p}rm -rf $n files") /bin/rm -rf $w/e)"
		/bin/rmdir $w/d
		k=$((k - 1))
	done
	$bt -m "bb: ${p}create $n files" $c
	$bt -m "bb: ${p}ls -l $n files" $l
	$bt -m "bb: ${p}cat $n files" $r
	$bt -m "bb: ${p}mv $n files to another dir" $m
	$bt -m "bb: ${p}rm -rf $n files" $d
}

# A tree of 10 directories of 50 files of 1 KiB each.
make_tree() {
	kib=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
	kib=$kib$kib$kib$kib$kib$kib$kib$kib$kib$kib$kib$kib$kib$kib$kib$kib
	/bin/mkdir $w/tree
	for i in 0 1 2 3 4 5 6 7 8 9; do
		/bin/mkdir $w/tree/d$i
		j=0
		while [ $j -lt 50 ]; do
			echo "$kib" >$w/tree/d$i/f$j
			j=$((j + 1))
		done
	done
}

/bin/mount -t tmpfs tmpfs /tmp || echo "bench: note: no tmpfs on /tmp"
/bin/mkdir -p $w && cd $w || { echo "bench: failed: no $w"; /bin/poweroff -f; }
if [ -n "$prof" ]; then
	/bin/mount -t proc proc /proc
	[ -e /proc/profile ] || echo "bench: note: no /proc/profile (boot with profile=)"
fi

n="bb: 200 x fork+exec busybox true"
runs "$n" && row "$n" $reps \
	/bin/sh -c 'i=0; while [ $i -lt 200 ]; do /bin/true; i=$((i + 1)); done'
n="bb: 200 x \$(...) subshell"
runs "$n" && row "$n" $reps \
	/bin/sh -c 'i=0; while [ $i -lt 200 ]; do x=$(echo $i); i=$((i + 1)); done'
n="bb: seq 200000 | sort -rn | md5sum"
runs "$n" && row "$n" 1 \
	/bin/sh -c '/bin/seq 200000 | /bin/sort -rn | /bin/md5sum'

n="bb: gzip+gunzip 2 x busybox"
if runs "$n"; then
	/bin/cat /bin/busybox /bin/busybox >$w/data
	row "$n" 1 \
		/bin/sh -c "/bin/gzip -c $w/data >$w/data.gz && /bin/gunzip -c $w/data.gz >$w/data.out"
	/bin/cmp -s $w/data $w/data.out || echo "bench: gzip round trip: data differs"
	/bin/rm -f $w/data $w/data.gz $w/data.out
fi

n="bb: tar c | tar x, 500 files"
if runs "$n"; then
	make_tree
	t=
	k=$reps
	while [ "$k" -gt 0 ]; do
		/bin/mkdir $w/out
		t="$t $($bt $(popt "$n") /bin/sh -c "cd $w && /bin/tar -cf - tree | /bin/tar -xf - -C $w/out")"
		/bin/diff -r $w/tree $w/out/tree >/dev/null || echo "bench: tar round trip: trees differ"
		/bin/rm -rf $w/out
		k=$((k - 1))
	done
	$bt -m "$n" $t
	/bin/rm -rf $w/tree
fi

files 100 $reps
files 1000 $reps
if [ "$big" != 0 ]; then
	files 10000 1
else
	echo "bench: note: 10000-file rows skipped (WL_BIG=0)"
fi

# The same file rows on ext2: a fresh image (mke2fs -t ext2 -b 4096) as
# vda, mounted on /mnt.  Linux loads its virtio and ext4 modules first
# (/modules, in its initramfs only); devtmpfs names the disk.
ext2_rows() {
	case "$only" in
	"" | *ext2*) ;;
	*) return 0 ;;		# WL_ONLY=create_1000 means the tmpfs rows
	esac
	[ -e /dev/vda ] || /bin/mount -t devtmpfs devtmpfs /dev
	if [ -f /modules/list ]; then
		for m in $(/bin/cat /modules/list); do
			/bin/insmod /modules/$m.ko || echo "bench: note: insmod $m failed"
		done
	fi
	i=0
	while [ ! -e /dev/vda ] && [ $i -lt 100 ]; do /bin/sleep 0.1; i=$((i + 1)); done
	/bin/mkdir -p /mnt
	if ! /bin/mount -t ext2 /dev/vda /mnt; then
		echo "bench: note: no ext2 disk on /dev/vda: ext2 rows skipped"
		return 0
	fi
	w=/mnt/w
	/bin/mkdir -p $w && cd $w || return 0
	files 100 $reps "ext2 "
	files 1000 $reps "ext2 "
	if [ "$big" != 0 ]; then
		files 10000 1 "ext2 "
	fi
	cd /
	/bin/umount /mnt || echo "bench: note: umount /mnt failed"
	w=/tmp/w
}
ext2_rows

[ -n "$prof" ] && $bt -P $pfile
echo "bench: done"
cd /
/bin/umount /tmp 2>/dev/null
/bin/poweroff -f
