#!/bin/sh
# Host checks for the Linnet user utilities: sh test-utils.sh <bindir>
# Prints "ok N - what" or "not ok N - what" per check, then a total.

B=${1:?usage: test-utils.sh bindir}
case $B in /*) ;; *) B=$(pwd)/$B ;; esac
T=$(mktemp -d) || exit 1
trap 'rm -rf "$T"' EXIT INT TERM
cd "$T" || exit 1

n=0
failed=0

# check DESCRIPTION COMMAND...: runs the command, ok if it exits 0.
check() {
	desc=$1
	shift
	n=$((n + 1))
	if "$@" >/dev/null 2>&1; then
		echo "ok $n - $desc"
	else
		echo "not ok $n - $desc"
		failed=$((failed + 1))
	fi
}

# same EXPECTED COMMAND...: the command's stdout equals EXPECTED.
same() {
	want=$1
	shift
	test "$("$@" 2>/dev/null)" = "$want"
}

# status N COMMAND...: the command exits with status N.
status() {
	want=$1
	shift
	"$@" >/dev/null 2>&1
	test $? -eq "$want"
}

printf 'one\ntwo\nthree\n' > f3
printf 'Apple\nbanana\napple pie\ncherry\n' > fruit
seq_lines() { i=1; while [ $i -le $1 ]; do echo $i; i=$((i + 1)); done; }
seq_lines 20 > f20

# true, false, echo
check "true exits 0" status 0 "$B/true"
check "false exits 1" status 1 "$B/false"
check "echo joins args" same "a b  c" "$B/echo" a b " c"
check "echo -n has no newline" test "$("$B/echo" -n x | od -An -c | tr -d ' ')" = x
check "echo with no args prints a newline" test "$("$B/echo" | wc -c)" -eq 1

# sync
check "sync exits 0" status 0 "$B/sync"
check "sync FILE fsyncs it" status 0 "$B/sync" f3
check "sync -f FILE syncs its file system" status 0 "$B/sync" -f f3
check "sync of a missing file fails" status 1 "$B/sync" missing

# cat
check "cat file" same "$(printf 'one\ntwo\nthree')" "$B/cat" f3
check "cat concatenates" test "$("$B/cat" f3 f3 | wc -l)" -eq 6
check "cat stdin" same hi sh -c "echo hi | '$B/cat'"
check "cat - is stdin" same "$(printf 'hi\none\ntwo\nthree')" sh -c "echo hi | '$B/cat' - f3"
check "cat missing file fails" status 1 "$B/cat" nosuch
check "cat error message" same "cat: nosuch: No such file or directory" sh -c "'$B/cat' nosuch 2>&1"

# mkdir
check "mkdir" sh -c "'$B/mkdir' d1 && test -d d1"
check "mkdir existing fails" status 1 "$B/mkdir" d1
check "mkdir -p makes parents" sh -c "'$B/mkdir' -p p/q/r && test -d p/q/r"
check "mkdir -p existing is ok" "$B/mkdir" -p p/q/r
check "mkdir without args is usage" status 2 "$B/mkdir"

# touch
check "touch creates" sh -c "'$B/touch' t1 && test -f t1 && test ! -s t1"
check "touch updates mtime" sh -c "touch -d 2000-01-01 t1 && '$B/touch' t1 && test \$(stat -c %Y t1) -gt 1000000000"
check "touch in missing dir fails" status 1 "$B/touch" nodir/x

# cp
check "cp copies" sh -c "'$B/cp' f3 c1 && cmp -s f3 c1"
check "cp keeps mode" sh -c "chmod 751 c1 && '$B/cp' c1 c2 && test \"\$(stat -c %a c2)\" = 751"
check "cp into dir" sh -c "'$B/cp' f3 fruit d1 && cmp -s f3 d1/f3 && cmp -s fruit d1/fruit"
check "cp directory fails" status 1 "$B/cp" d1 c3
check "cp to same file fails" status 1 "$B/cp" f3 f3
check "cp many to non-dir fails" status 1 "$B/cp" f3 fruit c1

# mv
check "mv renames" sh -c "'$B/mv' c2 m1 && test -f m1 && test ! -e c2"
check "mv into dir" sh -c "'$B/mv' m1 c1 p && test -f p/m1 && test -f p/c1"
check "mv missing fails" status 1 "$B/mv" nosuch m2

# ln
check "ln hard link" sh -c "'$B/ln' f3 h1 && test \"\$(stat -c %i f3)\" = \"\$(stat -c %i h1)\""
check "ln -s" sh -c "'$B/ln' -s f3 s1 && test \"\$(readlink s1)\" = f3"
check "ln existing fails" status 1 "$B/ln" f3 h1

# ls
mkdir lsd && : > lsd/b && : > lsd/a && : > lsd/.hid && mkdir lsd/c
ln -s a lsd/l
check "ls sorted" same "$(printf 'a\nb\nc\nl')" "$B/ls" lsd
check "ls -a shows dot files" same "$(printf '.\n..\n.hid\na\nb\nc\nl')" "$B/ls" -a lsd
check "ls file by name" same lsd/a "$B/ls" lsd/a
check "ls -l mode and symlink" sh -c "'$B/ls' -l lsd | grep -q '^lrwxrwxrwx .* l -> a\$'"
check "ls -l directory" sh -c "'$B/ls' -l lsd | grep -q '^drwx.* [A-Z][a-z][a-z] [ 0-9][0-9] [0-9][0-9]:[0-9][0-9] c\$'"
check "ls -l size" sh -c "'$B/ls' -l f3 | grep -q ' 14 .* f3\$'"
check "ls missing fails" status 1 "$B/ls" nosuch
check "ls -la combined" sh -c "'$B/ls' -la lsd | grep -q ' \.hid\$'"

# rm
check "rm file" sh -c "'$B/rm' h1 && test ! -e h1"
check "rm directory without -r fails" status 1 "$B/rm" d1
check "rm -r" sh -c "'$B/rm' -r p && test ! -e p"
check "rm missing fails" status 1 "$B/rm" nosuch
check "rm -f missing is ok" "$B/rm" -f nosuch
check "rm -rf" sh -c "'$B/rm' -rf d1 nosuch && test ! -e d1"

# wc
check "wc all" same "$(printf ' 3  3 14 f3')" "$B/wc" f3
check "wc -l" same "3 f3" "$B/wc" -l f3
check "wc -w stdin" same 5 sh -c "echo 'a b  c
d e' | '$B/wc' -w"
check "wc -c" same "14 f3" "$B/wc" -c f3
check "wc total" sh -c "'$B/wc' -l f3 f20 | tail -n 1 | grep -q '23 total'"

# head
check "head default 10" same "$(seq_lines 10)" "$B/head" f20
check "head -n 3" same "$(seq_lines 3)" "$B/head" -n 3 f20
check "head -2" same "$(seq_lines 2)" "$B/head" -2 f20
check "head stdin" same "$(seq_lines 4)" sh -c "'$B/head' -n4 < f20"
check "head headers" sh -c "'$B/head' -n 1 f3 f20 | grep -q '^==> f20 <==\$'"
check "head bad count is usage" status 2 "$B/head" -n x f3

# grep
check "grep match" same "$(printf 'Apple\napple pie')" "$B/grep" pple fruit
check "grep -i" same "$(printf 'Apple\napple pie')" "$B/grep" -i APPLE fruit
check "grep -v" same "$(printf 'banana\ncherry')" "$B/grep" -v pple fruit
check "grep -c" same 2 "$B/grep" -c pple fruit
check "grep -n" same "3:apple pie" "$B/grep" -n pie fruit
check "grep -q match exits 0" same "" "$B/grep" -q ana fruit
check "grep no match exits 1" status 1 "$B/grep" zzz fruit
check "grep error exits 2" status 2 "$B/grep" x nosuch
check "grep stdin" same "two" sh -c "'$B/grep' tw < f3"
check "grep file prefix" same "f3:two" "$B/grep" tw f3 fruit

# sleep
check "sleep 0.1" "$B/sleep" 0.1
check "sleep 1 takes a second" sh -c "s=\$(date +%s); '$B/sleep' 1; test \$((\$(date +%s) - s)) -ge 1"
check "sleep bad arg is usage" status 2 "$B/sleep" abc

# kill
sleep 30 & p=$!
check "kill -s USR1" sh -c "'$B/kill' -s CONT $p"
check "kill -0 probes" "$B/kill" -0 $p
check "kill -SIGKILL" "$B/kill" -SIGKILL $p
wait $p 2>/dev/null
check "killed process gone" status 1 "$B/kill" -0 $p
sleep 30 & p=$!
# Until the child has exec'd sleep it is the shell, whose own handlers
# may still catch TERM: wait for the exec (up to 5 s) before killing it.
i=0
while [ $i -lt 100 ] && ! grep -q sleep "/proc/$p/cmdline" 2>/dev/null; do
	i=$((i + 1))
	sleep 0.05
done
check "kill default TERM" "$B/kill" $p
wait $p
check "TERM status" test $? -eq 143
check "kill -l lists" sh -c "'$B/kill' -l | grep -q ' 9 KILL'"
check "kill -l 15" same TERM "$B/kill" -l 15
check "kill bad signal is usage" status 2 "$B/kill" -NOPE 1

# ps
check "ps header" sh -c "'$B/ps' | head -n 1 | grep -q '^  PID  PPID STAT   VSZ   RSS COMMAND\$'"
check "ps shows itself" sh -c "'$B/ps' | grep -q '^ *[0-9]* *[0-9]* R .*$B/ps\$'"
check "ps shows init" sh -c "'$B/ps' | grep -q '^    1 '"

# free, uptime, dmesg
check "free Mem line" sh -c "'$B/free' | grep -q '^Mem: *[0-9][0-9]* *[0-9][0-9]* *[0-9][0-9]* *[0-9][0-9]* *[0-9][0-9]* *[0-9][0-9]*\$'"
check "free header" sh -c "'$B/free' | head -n 1 | grep -q 'total.*used.*free.*shared.*buff/cache.*available'"
check "free Swap line" sh -c "'$B/free' | grep -q '^Swap: *[0-9][0-9]* *[0-9][0-9]* *[0-9][0-9]*\$'"
check "uptime format" sh -c "'$B/uptime' | grep -q '^ [0-9][0-9]:[0-9][0-9]:[0-9][0-9] up .*load average'"
# dmesg needs privilege on some hosts: then it must fail properly.
check "dmesg prints log or fails cleanly" sh -c "
	if out=\$('$B/dmesg' 2>&1); then
		! printf '%s\n' \"\$out\" | grep -q '^<[0-9]*>'
	else
		printf '%s\n' \"\$out\" | grep -q '^dmesg: klogctl: '
	fi"

# mount, df, umount: need root; a machine that refuses the mount skips them.
mkdir "$T/m"
if "$B/mount" -t tmpfs -o size=1m,mode=700 none "$T/m" 2>/dev/null; then
	check "mount lists it" sh -c "'$B/mount' | grep -q '^none $T/m tmpfs rw.*size=1024k'"
	check "df of an empty 1 MiB tmpfs" sh -c "'$B/df' '$T/m' | grep -q '^none  *1024  *0  *1024  *0% $T/m\$'"
	check "filling it gives ENOSPC" sh -c "! '$B/cat' /dev/zero > '$T/m/f' 2>/dev/null"
	check "df shows it full" sh -c "'$B/df' '$T/m' | grep -q '^none  *1024  *1024  *0 100% $T/m\$'"
	check "remount read-only" "$B/mount" -o remount,ro "$T/m"
	check "mount shows ro" sh -c "'$B/mount' | grep -q '^none $T/m tmpfs ro'"
	check "umount" "$B/umount" "$T/m"
	check "umount again fails" status 32 "$B/umount" "$T/m"
	check "mount of an unknown type fails" status 32 "$B/mount" -t nosuchfs none "$T/m"
else
	echo "# mount: not permitted here, 9 checks skipped"
fi

echo "# $((n - failed))/$n passed"
test $failed -eq 0
