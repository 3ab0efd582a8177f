#!/bin/sh
# The busybox workload rows of make bench-compare: run as /init (PID 1)
# by Debian's static busybox ash, unchanged, under Linnet and under
# Debian's Linux 6.1 (tools/testing/bench/Makefile, "workloads").  Every
# row is timed by bench-time (cycles from its fork of the command to the
# reap: the command's own start-up is inside) and printed as
#	bench: <name padded to 40> <median> cycles
# Environment (from the kernel command line): WL_BIG=0 skips the
# 10,000-file rows, WL_REPS sets the repetitions of the cheap rows (3).
export PATH=/bin
bt=/bin/bench-time
reps=${WL_REPS:-3}
big=${WL_BIG:-1}
w=/tmp/w

# row NAME REPS CMD [ARG...]: the median of REPS timings of CMD.
row() {
	name=$1 n=$2
	shift 2
	samples=
	while [ "$n" -gt 0 ]; do
		s=$($bt "$@") || { echo "bench: $name failed"; return; }
		samples="$samples $s"
		n=$((n - 1))
	done
	$bt -m "$name" $samples
}

# files N REPS: create, ls -l, cat, mv to another directory, rm -rf of N
# files in one directory; each repetition starts from an empty directory.
files() {
	n=$1 k=$2
	c= l= r= m= d=
	names=$(/bin/seq 0 $((n - 1)) | /bin/sed 's/^/f/')
	while [ "$k" -gt 0 ]; do
		/bin/mkdir $w/d $w/e && cd $w/d || return
		c="$c $($bt /bin/sh -c 'for f; do echo $f >$f; done' sh $names)"
		l="$l $($bt /bin/ls -l)"
		r="$r $($bt /bin/cat $names)"
		m="$m $($bt /bin/mv $names $w/e/)"
		cd $w
		d="$d $($bt /bin/rm -rf $w/e)"
		/bin/rmdir $w/d
		k=$((k - 1))
	done
	$bt -m "bb: create $n files" $c
	$bt -m "bb: ls -l $n files" $l
	$bt -m "bb: cat $n files" $r
	$bt -m "bb: mv $n files to another dir" $m
	$bt -m "bb: rm -rf $n files" $d
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

row "bb: 200 x fork+exec busybox true" $reps \
	/bin/sh -c 'i=0; while [ $i -lt 200 ]; do /bin/true; i=$((i + 1)); done'
row "bb: 200 x \$(...) subshell" $reps \
	/bin/sh -c 'i=0; while [ $i -lt 200 ]; do x=$(echo $i); i=$((i + 1)); done'
row "bb: seq 200000 | sort -rn | md5sum" 1 \
	/bin/sh -c '/bin/seq 200000 | /bin/sort -rn | /bin/md5sum'

/bin/cat /bin/busybox /bin/busybox >$w/data
row "bb: gzip+gunzip 2 x busybox" 1 \
	/bin/sh -c "/bin/gzip -c $w/data >$w/data.gz && /bin/gunzip -c $w/data.gz >$w/data.out"
/bin/cmp -s $w/data $w/data.out || echo "bench: gzip round trip: data differs"
/bin/rm -f $w/data $w/data.gz $w/data.out

make_tree
t=
k=$reps
while [ "$k" -gt 0 ]; do
	/bin/mkdir $w/out
	t="$t $($bt /bin/sh -c "cd $w && /bin/tar -cf - tree | /bin/tar -xf - -C $w/out")"
	/bin/diff -r $w/tree $w/out/tree >/dev/null || echo "bench: tar round trip: trees differ"
	/bin/rm -rf $w/out
	k=$((k - 1))
done
$bt -m "bb: tar c | tar x, 500 files" $t
/bin/rm -rf $w/tree

files 100 $reps
files 1000 $reps
if [ "$big" != 0 ]; then
	files 10000 1
else
	echo "bench: note: 10000-file rows skipped (WL_BIG=0)"
fi

echo "bench: done"
cd /
/bin/umount /tmp 2>/dev/null
/bin/poweroff -f
