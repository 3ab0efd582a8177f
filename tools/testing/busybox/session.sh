# A busybox session of file operations on Linnet, then the page-accounting
# invariant (make test, through tools/testing/run-busybox).  Runs under
# Debian's static busybox ash as /etc/rc; the kernel was booted with
# page_accounting_check=1, so a system call that breaks the accounting is
# reported in the log as it happens.  Prints TAP lines and a summary.
bb=/bin/busybox
. /etc/busybox-tap.sh

census() {
	$bb grep -q '^invariant: ok$' /sys/kernel/debug/page_accounting
}

# MemTotal - MemFree is exactly what the categories hold (an idle Linnet).
meminfo_adds_up() {
	$bb awk '{ v[$1] = $2 }
		END { used = v["MemTotal:"] - v["MemFree:"]
		      parts = v["Cached:"] + v["AnonPages:"] + v["Slab:"] + v["KernelStack:"] + v["PageTables:"]
		      print "# meminfo: used " used " kB, categories " parts " kB"
		      exit used != parts }' /proc/meminfo
}

# busybox free: total = used + free + buff/cache, and used is no wrap-around.
free_adds_up() {
	$bb free | $bb awk '/^Mem:/ { print "# free:" $0
		exit !($3 >= 0 && $3 < $2 && $2 == $3 + $4 + $6) }'
}

cd /tmp || exit 1
$bb mkdir session && cd session || exit 1
# "#!" scripts, started by busybox.  The second one tells the kernel's
# "#!" handling from a shell's ENOEXEC fallback: only the kernel runs
# "busybox echo" with the script's name and its argument (a shell would
# run "exit 3").
printf '#!/bin/sh\necho "script ran: $0 $1"\n' >script.sh && $bb chmod +x script.sh
run "./script.sh (#!/bin/sh) run from busybox sh" $bb sh -c "./script.sh arg | $bb grep -qx 'script ran: ./script.sh arg'"
printf '#!/bin/busybox echo\nexit 3\n' >echo.sh && $bb chmod +x echo.sh
run "#!/bin/busybox echo: the interpreter gets its argument, then the script" $bb sh -c "./echo.sh x | $bb grep -qx './echo.sh x'"
$bb rm -f script.sh echo.sh
run "census before the session" census
run "dd 256 KiB from /dev/urandom" $bb dd if=/dev/urandom of=a bs=4096 count=64
run "cp" $bb cp a b
run "cp again" $bb cp a c
run "mv over an existing name" $bb mv b c
run "the file moved over the other" $bb cmp a c
run "ln" $bb ln c d
run "ln -s" $bb ln -s c e
run "tar cf" $bb tar cf t.tar a c d e
run "gzip" $bb gzip t.tar
run "gunzip" $bb gunzip t.tar.gz
run "tar xf" $bb sh -c "$bb mkdir x && $bb tar xf t.tar -C x && $bb cmp a x/a"
run "dd conv=notrunc into the middle" $bb dd if=/dev/zero of=a bs=4096 seek=3 count=2 conv=notrunc
run "truncate smaller and larger" $bb sh -c "$bb truncate -s 5000 c && $bb truncate -s 100000 c"
run "mktemp" $bb mktemp -p /tmp/session
run "mktemp -d" $bb mktemp -d -p /tmp/session
run "a file removed while open" $bb sh -c "exec 3<d; $bb rm d c; $bb cat <&3 >/dev/null"
# tar -z runs "gzip" from PATH in a vfork child: give it one.
$bb mkdir -p /tmp/bb && $bb ln -sf $bb /tmp/bb/gzip
run "tar czf (tar runs gzip through vfork)" $bb sh -c "PATH=/tmp/bb $bb tar czf t.tgz a e"
run "tar xzf" $bb sh -c "$bb mkdir z && PATH=/tmp/bb $bb tar xzf t.tgz -C z && $bb cmp a z/a"
run "census after the file operations" census
$bb mkdir /tmp/m
run "mount -t tmpfs -o size=1m" $bb mount -t tmpfs -o size=1m none /tmp/m
run "df shows 1024 KiB, none used" $bb sh -c "$bb df /tmp/m | $bb grep -q '^none  *1024  *0  *1024  *0% /tmp/m\$'"
run "dd fills it: ENOSPC" $bb sh -c "! $bb dd if=/dev/zero of=/tmp/m/f bs=4096 2>/tmp/m.err && $bb grep -q 'No space left' /tmp/m.err"
run "df shows it full" $bb sh -c "$bb df /tmp/m | $bb grep -q '^none  *1024  *1024  *0 100% /tmp/m\$'"
run "census with a full tmpfs" census
run "umount" $bb umount /tmp/m
run "census after umount (its pages freed)" census
cd / || exit 1
run "rm -rf" $bb rm -rf /tmp/session
run "census after rm -rf" census
run "meminfo: MemTotal - MemFree = Cached + AnonPages + Slab + KernelStack + PageTables" meminfo_adds_up
run "busybox free adds up" free_adds_up
run "busybox top -b -n 1 lists processes" $bb sh -c "$bb top -b -n 1 > /tmp/top.out && $bb grep -q '^Mem:' /tmp/top.out && $bb grep -q 'busybox' /tmp/top.out"
$bb sed 's/^/# top: /' /tmp/top.out | $bb head -8
run "busybox ps lists init" $bb sh -c "$bb ps | $bb grep -q 'init'"
# AF_UNIX: Debian's busybox 1.35 nc has no -U ("nc: invalid option -- 'U'"),
# so a Unix-socket session is syslogd (binds the datagram socket /dev/log)
# and logger (sends to it).
$bb syslogd -n -O /tmp/messages &
syslogd_pid=$!
logged() {
	for i in 1 2 3 4 5; do
		$bb grep -q 'linnet: over a unix socket' /tmp/messages 2>/dev/null && return 0
		$bb sleep 1
	done
	return 1
}
run "syslogd binds /dev/log, a socket" $bb sh -c "for i in 1 2 3 4 5; do $bb test -S /dev/log && exit 0; $bb sleep 1; done; exit 1"
run "logger reaches syslogd over /dev/log" $bb logger -t linnet "over a unix socket"
run "syslogd wrote the message" logged
$bb kill $syslogd_pid
wait $syslogd_pid 2>/dev/null
$bb rm -f /dev/log /tmp/messages
$bb sed 's/^/# /' /sys/kernel/debug/page_accounting
echo "# busybox-session: $((n - failed)) passed, $failed failed"
