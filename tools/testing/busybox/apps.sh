# The programs of issue 12's acceptance, run by busybox (built from
# Debian's source with flock and netcat over Unix sockets,
# scripts/build-busybox) as /etc/rc on Linnet (make test, through
# tools/testing/run-busybox SESSION=apps).  run-busybox also fails the run
# on any "syscall N not implemented" line.  Prints
# TAP lines and a summary.  make test-host runs it under Linux 6.1 too,
# with BB= naming the binary and TAP= the helpers (tap.sh).
bb=${BB:-/bin/busybox}
. ${TAP:-/etc/busybox-tap.sh}

cd /tmp || exit 1

run "free: total = used + free + buff/cache" $bb sh -c \
	"$bb free | $bb awk '/^Mem:/ { exit !(\$2 == \$3 + \$4 + \$6) }'"
run "ps lists init" $bb sh -c "$bb ps | $bb grep -q init"
run "top -b -n 1 shows memory and processes" $bb sh -c \
	"$bb top -b -n 1 > /tmp/top.out && $bb grep -q '^Mem:' /tmp/top.out && $bb grep -q busybox /tmp/top.out"

# timeout: a 5 s sleep is killed after 1 s with status 143 (SIGTERM).
start=$($bb date +%s)
$bb timeout 1 $bb sleep 5
st=$?
took=$(($($bb date +%s) - start))
ok $([ $st -eq 143 ] && [ $took -le 3 ] && echo 0 || echo 1) \
	"timeout 1 sleep 5 ends after ${took} s with status $st (143)"

# watch -n 1 -t for 4 s: it runs the command again and again (2 runs
# asked for, so a loaded host's slow first exec does not fail it).
$bb timeout 4 $bb watch -n 1 -t echo tick >/tmp/watch.out 2>&1 </dev/null
ticks=$($bb grep -c tick /tmp/watch.out)
ok $([ "$ticks" -ge 2 ] && echo 0 || echo 1) "watch -n 1 -t for 4 s ran the command $ticks times (2 or more)"

# sort of 200,000 lines, numerically, both ways.
$bb seq 200000 >/tmp/seq.txt
run "sort -rn of 200,000 lines: first 200000, last 1" $bb sh -c \
	"$bb sort -rn /tmp/seq.txt > /tmp/sorted && [ \$($bb head -1 /tmp/sorted) = 200000 ] && [ \$($bb tail -1 /tmp/sorted) = 1 ] && [ \$($bb wc -l < /tmp/sorted) = 200000 ]"
run "sort -n of the reversed lines gives seq's bytes back" $bb sh -c \
	"$bb sort -n /tmp/sorted | $bb cmp - /tmp/seq.txt"

# A #! script run by its path.
printf '#!/bin/sh\necho "script $0 $1"\n' >/tmp/script.sh
$bb chmod 755 /tmp/script.sh
out=$(./script.sh one)
ok $([ "$out" = "script ./script.sh one" ] && echo 0 || echo 1) "./script.sh with a #!/bin/sh line says '$out'"

# flock: a lock held by one process refuses a second, nonblocking taker.
$bb touch /tmp/lockfile
$bb flock /tmp/lockfile $bb sleep 2 &
holder=$!
$bb sleep 1
$bb flock -n /tmp/lockfile true
busy=$?
wait $holder
$bb flock -n /tmp/lockfile true
free=$?
ok $([ $busy -ne 0 ] && [ $free -eq 0 ] && echo 0 || echo 1) \
	"flock -n fails while another holds the lock ($busy), succeeds after ($free)"

# netcat over a Unix socket: a listener on local:/tmp/nc.sock, a client.
$bb rm -f /tmp/nc.sock /tmp/nc.out
$bb nc -l -s local:/tmp/nc.sock >/tmp/nc.out &
listener=$!
i=0
while [ ! -S /tmp/nc.sock ] && [ $i -lt 20 ]; do
	$bb usleep 100000
	i=$((i + 1))
done
echo "hello over AF_UNIX" | $bb nc local:/tmp/nc.sock
wait $listener
ok $([ "$($bb cat /tmp/nc.out)" = "hello over AF_UNIX" ] && echo 0 || echo 1) \
	"nc -l -s local:PATH receives what nc local:PATH sends"

# losetup and mount -o loop (issue 13): busybox mke2fs makes an ext2 file
# system in a file; a loop device turns it into a disk.  Linux's test
# initramfs has no devtmpfs on /dev: mount one there, as a system would.
[ -e /dev/loop-control ] || $bb mount -t devtmpfs devtmpfs /dev
$bb dd if=/dev/zero of=/tmp/loop.img bs=1024 count=2048 2>/dev/null
run "busybox mke2fs makes an ext2 file system in a file" $bb mke2fs -F -L loopfs /tmp/loop.img
loopdev=$($bb losetup -f 2>&1)
ok $([ -b "$loopdev" ] && echo 0 || echo 1) "losetup -f names a free loop device ($loopdev)"
run "losetup DEV FILE, and losetup DEV shows the file" $bb sh -c \
	"$bb losetup $loopdev /tmp/loop.img && $bb losetup $loopdev | $bb grep -q /tmp/loop.img"
run "losetup -d DEV detaches it" $bb sh -c \
	"$bb losetup -d $loopdev && ! $bb losetup $loopdev 2>/dev/null | $bb grep -q /tmp/loop.img"
$bb mkdir -p /tmp/loopmnt
run "mount -o loop FILE: a file written, unmounted, mounted again, read back" $bb sh -c \
	"$bb mount -t ext2 -o loop /tmp/loop.img /tmp/loopmnt && echo on-a-loop >/tmp/loopmnt/f &&
	 $bb umount /tmp/loopmnt && $bb mount -t ext2 -o loop /tmp/loop.img /tmp/loopmnt &&
	 [ \"\$($bb cat /tmp/loopmnt/f)\" = on-a-loop ] && $bb umount /tmp/loopmnt"

run "mount -o loop of an image kept on that ext2: a loop device backed by an ext2 file" $bb sh -c \
	"$bb mount -t ext2 -o loop /tmp/loop.img /tmp/loopmnt &&
	 $bb dd if=/dev/zero of=/tmp/loopmnt/inner.img bs=1024 count=512 2>/dev/null &&
	 $bb mke2fs -F /tmp/loopmnt/inner.img >/dev/null && $bb mkdir -p /tmp/innermnt &&
	 $bb mount -t ext2 -o loop /tmp/loopmnt/inner.img /tmp/innermnt && echo inner >/tmp/innermnt/g &&
	 $bb umount /tmp/innermnt && $bb umount /tmp/loopmnt &&
	 $bb mount -t ext2 -o loop /tmp/loop.img /tmp/loopmnt &&
	 $bb mount -t ext2 -o loop /tmp/loopmnt/inner.img /tmp/innermnt &&
	 [ \"\$($bb cat /tmp/innermnt/g)\" = inner ] && $bb umount /tmp/innermnt && $bb umount /tmp/loopmnt"

bound=$($bb losetup -a 2>&1)
ok $([ -z "$bound" ] && echo 0 || echo 1) \
	"umount lets go of the loop devices mount -o loop set up (losetup -a: '$bound')"

# su to a non-root user, who cannot read a 0600 file of root's.
echo 'root:x:0:0:root:/root:/bin/sh' >/etc/passwd
echo 'user:x:1000:1000:user:/tmp:/bin/sh' >>/etc/passwd
echo 'root:x:0:' >/etc/group
echo 'user:x:1000:' >>/etc/group
echo secret >/tmp/secret
$bb chmod 600 /tmp/secret
out=$($bb su user -c "$bb id -u; $bb cat /tmp/secret" 2>&1)
ok $(echo "$out" | $bb grep -qx 1000 && ! echo "$out" | $bb grep -q secret$ &&
	echo "$out" | $bb grep -q 'Permission denied' && echo 0 || echo 1) \
	"su user: id -u is 1000 and cat of a 0600 root file is refused"
echo "$out" | $bb sed 's/^/# su: /'

# vi driven by a script: insert a line, write, quit.  The pauses keep
# Escape a key of its own (vi takes Escape and what follows at once as
# one escape sequence).
printf 'first\n' >/tmp/vi.txt
{ printf 'Gosecond'; $bb sleep 1; printf '\033'; $bb sleep 1; printf ':wq\r'; $bb sleep 1; } |
	$bb vi /tmp/vi.txt >/dev/null 2>&1
ok $([ "$($bb cat /tmp/vi.txt)" = "$(printf 'first\nsecond')" ] && echo 0 || echo 1) \
	"vi: 'Gosecond<Esc>:wq' appends a line"

echo "# busybox-apps: $((n - failed)) passed, $failed failed"
[ "$failed" -eq 0 ]
