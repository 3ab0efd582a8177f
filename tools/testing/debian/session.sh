# Debian 12's own dynamically linked programs (bash, coreutils, gawk,
# sed, grep, tar, gzip, findutils, diffutils from
# scripts/fetch-debian-packages), run by Debian's bash as
# /etc/rc, on Linnet and on Linux 6.1 alike (tools/testing/run-debian
# boots both with the same initramfs and compares).  Each check compares
# a command's output with what Debian prints; TAP lines, the plan last,
# then "# debian-session: N passed, N failed".
#
# DEBIAN_QUICK=1 (make test's debian phase sets it on the kernel command
# line) runs only the checks after a "part quick" line, about a third;
# make debian-test runs them all.
export PATH=/usr/bin:/bin:/usr/sbin:/sbin LC_ALL=C TZ=UTC
n=0
bad=0
SKIP=
part() {	# part quick|full: whether the checks that follow run under DEBIAN_QUICK=1
	SKIP=
	[ "${DEBIAN_QUICK:-0}" = 1 ] && [ "$1" = full ] && SKIP=1
	return 0
}
check() {	# check NAME WANT COMMAND: bash -c COMMAND prints exactly WANT
	[ -n "$SKIP" ] && return 0
	local name=$1 want=$2 got
	got=$(bash -c "$3" 2>&1)
	n=$((n + 1))
	if [ "$got" = "$want" ]; then
		echo "ok $n - $name"
	else
		bad=$((bad + 1))
		echo "not ok $n - $name"
		echo "# want: $(printf %q "$want")"
		echo "# got:  $(printf %q "$got")"
	fi
}
cond() {	# cond NAME COMMAND: COMMAND succeeds
	[ -n "$SKIP" ] && return 0
	n=$((n + 1))
	if bash -c "$2" >/dev/null 2>&1; then echo "ok $n - $1"; else bad=$((bad + 1)); echo "not ok $n - $1"; fi
}

mkdir -p /tmp/deb && cd /tmp/deb || exit 1
t0=$(cut -d' ' -f1 /proc/uptime)
part quick
check "bash runs" "5.2" 'echo ${BASH_VERSINFO[0]}.${BASH_VERSINFO[1]}'
part full
check "uname -m" "i686" 'uname -m'
check "seq | sort -rn | head -3" $'10\n9\n8' 'seq 1 10 | sort -rn | head -3'
check "sort | tr" "a b c " "printf 'b\na\nc\n' | sort | tr '\n' ' '"
check "wc -l -c of seq 1 1000" "1000 3893" 'echo $(seq 1 1000 | wc -lc)'
check "md5sum" "b1946ac92492d2347c6235b4d2611184  -" "printf 'hello\n' | md5sum"
check "sha256sum" "5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03  -" "printf 'hello\n' | sha256sum"
check "cp and cmp, stat" "4 regular file" 'echo abc > f && cp f g && cmp f g && stat -c "%s %F" g'
check "ls -ln columns" "-rw-r--r-- 1 0 0 4 g" 'umask 022; rm -f g; echo abc > g; ls -ln g | gawk "{print \$1, \$2, \$3, \$4, \$5, \$9}"'
check "id (no /etc/passwd: numbers only)" "uid=0 gid=0 groups=0" 'id'
check "env -i" $'A=1\nB=2' 'env -i B=2 A=1 /usr/bin/env | sort'
check "cut, head, tail" "b 4 5" 'echo $(echo a:b:c | cut -d: -f2) $(seq 5 | tail -2 | head -2)'
check "date -d @0" "Thu Jan  1 00:00:00 UTC 1970" 'date -u -d @0'
check "du -b of a file" "4	g" 'du -b g'
check "df answers" "Filesystem" 'df / | head -1 | cut -d" " -f1'
check "factor, expr" "1001: 7 11 13 42" 'echo $(factor 1001) $(expr 6 \* 7)'
check "uniq -c, nl" "      2 a" 'printf "a\na\nb\n" | uniq -c | head -1'
check "od" " 68 69 0a" 'echo hi | od -An -tx1'
check "readlink -f, ln -s" "/tmp/deb/f" 'ln -sf f lnk && readlink -f lnk'
check "mkdir -p, rmdir, basename, dirname" "c /a/b" 'mkdir -p x/y && rmdir x/y x && echo $(basename /a/b/c) $(dirname /a/b/c)'
check "yes | head" $'y\ny\ny' 'yes | head -3'
check "gawk" "42" "gawk 'BEGIN { print 6 * 7 }'"
check "tar round trip" "f g" 'rm -rf t && mkdir t && tar cf a.tar f g && tar xf a.tar -C t && echo $(ls t)'
check "command substitution and arithmetic" "55" 'echo $(( $(seq 10 | paste -sd+) ))'
part quick
check "pipes and subshells" "3 /tmp" '(cd /tmp && echo $(seq 3 | wc -l) $(pwd))'
check "background job and wait" "done 0" 'sleep 0.2 & wait $!; echo done $?'
check "pipeline exit status" "1 0" 'false | true; s=$?; set -o pipefail; false | true; echo $? $s'
check "here-document" "x y" 'cat <<END
x y
END'
check "subshells: exit status, variables stay inside, a group in a pipe" "3 outer 2" \
	'v=outer; (v=inner; exit 3); s=$?; echo $s $v $({ echo a; echo b; } | wc -l)'
check "job control in a script (set -m): own process group, STOP, CONT, kill %1" \
	$'own-pgrp\n[1]+  Stopped                 sleep 5\n[1]+  Running                 sleep 5 &\n143' \
	'exec 2>/dev/null	# the notices on stderr come when bash reaps: their order is timing
	 set -m; sleep 5 & p=$!; [ "$(ps -o pgid= -p $p | tr -d " ")" = $p ] && echo own-pgrp
	 kill -STOP %1; while [ "$(ps -o stat= -p $p)" != T ]; do sleep 0.1; done; jobs
	 kill -CONT %1; jobs; kill %1; wait %1; echo $?'
check "a pipeline through tee, sort, head; sums of what tee kept" "1000 500500 3893" \
	'echo $(seq 1000 | tee /tmp/deb/t1 | sort -rn | head -1) $(gawk "{ s += \$1 } END { print s }" /tmp/deb/t1) $(wc -c </tmp/deb/t1)'
part full
check "split, cat" "abcdef" 'printf abcdef > s && split -b 2 s part && cat partaa partab partac'
check "sort -k2n" $'b 1\na 2' 'printf "a 2\nb 1\n" | sort -k2n'
check "tee" $'z\nz' 'echo z | tee tz && cat tz'
check "touch -d, stat %Y" "86400" 'touch -d @86400 tt && stat -c %Y tt'
check "chmod, test -x" "yes" 'touch e && chmod 755 e && [ -x e ] && echo yes'
check "nproc" "1" 'nproc'
check "sed" "hello, world" "echo hello world | sed 's/ /, /'"
check "grep -c, grep -o" "2 ab" "echo \$(printf 'ab\nx\nab\n' | grep -c ab) \$(echo xaby | grep -o ab)"
check "find -name -type f" $'./t/f\n./t/g' "find ./t -type f | sort"
check "gzip round trip" "abc" 'gzip -c f > f.gz && gzip -dc f.gz'
check "diff -u" $'-a\n+b' 'echo a > d1; echo b > d2; diff -u d1 d2 | tail -2'
check "xargs" "1 2 3" 'seq 3 | xargs echo'

# procps 4.0 (ps, free, top, uptime, vmstat...) reads /proc: its
# numbers differ from boot to boot, so these check the shapes, the
# arithmetic and the processes they must see.
rx() {	# rx NAME REGEX COMMAND: every line COMMAND prints matches REGEX, and it prints one
	[ -n "$SKIP" ] && return 0
	n=$((n + 1))
	local got
	got=$(bash -c "$3" 2>&1)
	if [ -n "$got" ] && ! printf '%s\n' "$got" | grep -qvE "$2"; then
		echo "ok $n - $1"
	else
		bad=$((bad + 1))
		echo "not ok $n - $1"
		echo "# got: $(printf %q "$got")"
	fi
}
part quick
check "ps aux: header, its own line" "USER PID %CPU %MEM VSZ RSS TTY STAT START TIME COMMAND|1" \
	'ps aux >/tmp/deb/psaux; echo "$(head -1 /tmp/deb/psaux | tr -s " ")|$(grep -c " ps au[x]\$" /tmp/deb/psaux)"'
rx "free -b: the header, Mem's total from /proc/meminfo, used = total - available, no swap" '^ok$' \
	'free -b >/tmp/deb/free; m=$(gawk "/^MemTotal:/ { print \$2 * 1024 }" /proc/meminfo)
	 gawk -v m=$m "NR == 1 && \$0 ~ /^ +total +used +free +shared +buff\\/cache +available\$/ { h = 1 }
	 /^Mem:/ && \$2 == m && \$3 == \$2 - \$7 && \$7 <= \$2 && \$3 > 0 && \$4 > 0 { r = 1 }
	 /^Swap: +0 +0 +0\$/ { w = 1 } END { if (h && r && w) print \"ok\"; else print h, r, w }" /tmp/deb/free
	 [ -n "$m" ] || echo "no MemTotal"'
rx "uptime" '^ [0-9]{2}:[0-9]{2}:[0-9]{2} up .*, +0 users?, +load average: [0-9]+\.[0-9]{2}, [0-9]+\.[0-9]{2}, [0-9]+\.[0-9]{2}$' 'uptime'
rx "top -b -n1: summary lines, header, itself running" '^ok$' \
	'top -b -n1 -w 200 >/tmp/deb/top; v=$(gawk "
	 NR == 1 && /^top - [0-9:]+ up .* load average: [0-9.]+, [0-9.]+, [0-9.]+$/ { a = 1 }
	 NR == 2 && /^Tasks: +[0-9]+ total, +[0-9]+ running, +[0-9]+ sleeping, +[0-9]+ stopped, +[0-9]+ zombie$/ && \$2 > 3 { b = 1 }
	 NR == 3 && /^%Cpu\\(s\\): *[0-9.]+ us, +[0-9.]+ sy, / { c = 1 }
	 NR == 4 && /^MiB Mem : / { d = 1 }
	 NR == 5 && /^MiB Swap: +0\\.0 total/ { e = 1 }
	 /^ *PID USER +PR +NI +VIRT +RES +SHR S +%CPU +%MEM +TIME\\+ COMMAND$/ { f = 1 }
	 \$NF == \"top\" && \$8 == \"R\" { g = 1 }
	 \$NF == \"init\" && \$1 == 1 { i = 1 }
	 END { if (a && b && c && d && e && f && g && i) print \"ok\"; else print \"missing:\", a, b, c, d, e, f, g, i }" /tmp/deb/top)
	 echo "$v"; [ "$v" = ok ] || head -12 /tmp/deb/top'
rx "vmstat -s" '^ok$' \
	'vmstat -s | gawk "/ K total memory\$/ && \$1 > 100000 { a = 1 } / forks\$/ { b = 1 } / boot time\$/ && \$1 > 1000000000 { c = 1 }
	 / non-nice user cpu ticks\$/ { d = 1 } END { if (a && b && c && d) print \"ok\" }"'
part full
check "ps -o of this shell and a child" "bash|S sleep|1" \
	'sleep 30 & c=$!; sleep 0.3; echo "$(ps -o comm= -p $$)|$(ps -o stat=,comm= -p $c | tr -s " ")|$(ps -o ppid= -p $c | grep -cw $$)"; kill $c'
check "ps -e sees init, ps -C" "1 init|1" 'echo "$(ps -eo pid=,comm= | grep -w init | sed "s/^ *//")|$(ps -C init -o pid= | wc -l)"'
rx "ps -o vsz,rss,nlwp,pri,ni,tty,etimes,args of bash" '^ *[1-9][0-9]* +[1-9][0-9]* +1 +[0-9]+ +0 +\? +[0-9]+ bash -c ' \
	'ps -o vsz=,rss=,nlwp=,pri=,ni=,tty=,etimes=,args= -p $$; :'
check "ps: a python3 with 3 threads (nlwp, ps -L, ps -T)" "3 3 3" \
	'python3 -c "import threading,time; [threading.Thread(target=time.sleep, args=(60,), daemon=True).start() for _ in range(2)]; time.sleep(60)" & p=$!
	 for i in $(seq 100); do [ "$(ps -o nlwp= -p $p)" -eq 3 ] 2>/dev/null && break; sleep 0.3; done
	 echo $(ps -o nlwp= -p $p) $(ps -L -o lwp= -p $p | wc -l) $(ps -T -p $p --no-headers | wc -l); kill $p'
check "ps --ppid, ps -o uid" "0 sleep ps" 'sleep 60 & echo $(ps -o uid= -p $$) $(ps --ppid $$ -o comm=); kill $!'
check "pgrep, pkill" "match 1 gone" \
	'sleep 60 & p=$!; sleep 0.3; [ "$(pgrep -x -P $$ sleep)" = $p ] && echo -n "match "; pgrep -c -x -P $$ sleep | tr "\n" " "; pkill -x -P $$ sleep; wait $p; [ $? = 143 ] && echo gone'
rx "free -k, -m -t -w, -h" '^(ok)$' \
	'[ "$(free -k | gawk "/^Mem:/ { print \$2 }")" = "$(gawk "/^MemTotal:/ { print \$2 }" /proc/meminfo)" ] && echo ok
	 free -m -t -w | gawk "NR == 1 && \$6 == \"buffers\" && \$7 == \"cache\" {h=1} /^Total:/ {t=1} END { if (h && t) print \"ok\" }"
	 free -h | gawk "/^Mem:/ && \$2 ~ /Mi\$|Gi\$/ { print \"ok\" }"'
rx "uptime -p, uptime -s" '^(up .*|[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2})$' 'uptime -p; uptime -s'
rx "vmstat 1 2: two rows of 17 numbers; vmstat -f, -D" '^ok$' \
	'vmstat 1 2 | gawk "NR == 1 && /^procs / { h = 1 } NR == 2 && \$1 == \"r\" && \$17 == \"st\" { h++ }
	 NR > 2 && NF == 17 && /^[ 0-9]+$/ { r++ } END { if (h == 2 && r == 2) print \"ok\"; else print h, r }"
	 vmstat -f | gawk "/ forks\$/ && \$1 > 10 { print \"ok\" }"
	 vmstat -D | gawk "/ disks\$/ { print \"ok\" }"'
check "sysctl, kill -l, pmap" "kernel.ostype = $(uname -s)|HUP|ok" \
	'echo "$(sysctl kernel.ostype)|$(kill -l 1)|$(pmap -x $$ | gawk "/libc\\.so\\.6/ { l = 1 } /^total kB/ && \$3 > 0 { t = 1 } END { if (l && t) print \"ok\" }")"'
part quick

# ls -l, sort, md5sum, dd, find, tar and gzip on the same input as the
# build host (debian/roundtrip.sh: run-debian put the input and the
# host's output in /etc/debian-roundtrip), compared section by section.
RT=/etc/debian-roundtrip
if [ -z "$SKIP" ] && [ -f $RT/want ]; then
	TMPDIR=/tmp/deb bash $RT/roundtrip.sh report $RT/in.tar >/tmp/deb/rt.got 2>&1
	# SECTIONS FILE DIR: DIR/names has the section names, DIR/1, DIR/2... their lines
	sections() {
		rm -rf "$2" && mkdir -p "$2" && : >"$2/names"
		gawk -v d="$2" '/^== / { k++; print substr($0, 4) >>(d "/names"); printf "" >(d "/" k); next }
			{ print >(d "/" k) }' "$1"
	}
	sections $RT/want /tmp/deb/rt-want
	sections /tmp/deb/rt.got /tmp/deb/rt-got
	k=0
	while IFS= read -r sec; do
		k=$((k + 1))
		n=$((n + 1))
		if diff /tmp/deb/rt-want/$k /tmp/deb/rt-got/$k >/tmp/deb/rt.diff 2>&1; then
			echo "ok $n - the build host's output: $sec"
		else
			bad=$((bad + 1))
			echo "not ok $n - the build host's output: $sec"
			head -20 /tmp/deb/rt.diff | sed 's/^/# /'
		fi
	done </tmp/deb/rt-want/names
fi

# Debian's python3.11 (python3-minimal, libpython3.11-stdlib): each
# program, read from the here-document, runs as python3 -c.
pycheck() {	# pycheck NAME WANT <<'EOF' program EOF
	local prog
	prog=$(cat)
	export PYPROG=$prog
	check "python3: $1" "$2" 'python3 -c "$PYPROG"'
	unset PYPROG
}
# One program for make test's quick part: threads, a subprocess,
# hashes, json, mmap shared with a forked child.
pycheck "threading, subprocess, hashlib, json, mmap, os.fork in one program" \
	$'[\'4a44dc15\', \'6b86b273\', \'ad573668\', \'d4735e3a\'] 4\nb\'child\' 3\n42 4\n{"a": "\\u00e9", "b": [1, 2, {"c": null}]}\nb1946ac92492d2347c6235b4d2611184' <<'EOF'
import hashlib, json, mmap, os, subprocess, threading
lock = threading.Lock()
got = []
def worker(i):
    h = hashlib.sha256(str(i).encode()).hexdigest()
    with lock:
        got.append((h[:8], threading.get_native_id()))
ts = [threading.Thread(target=worker, args=(i,)) for i in (1, 2, 10, 100)]
for t in ts:
    t.start()
for t in ts:
    t.join()
main = threading.get_native_id()
print(sorted(h for h, _ in got), len({tid for _, tid in got if tid != main}))
m = mmap.mmap(-1, 4096)
pid = os.fork()
if pid == 0:
    m[0:5] = b"child"
    os._exit(3)
_, st = os.waitpid(pid, 0)
print(m[0:5], os.WEXITSTATUS(st))
r = subprocess.run(["sh", "-c", "echo $((6 * 7)); exit 4"], capture_output=True, text=True)
print(r.stdout.strip(), r.returncode)
print(json.dumps(json.loads('{"b": [1, 2, {"c": null}], "a": "\u00e9"}'), sort_keys=True))
print(hashlib.md5(b"hello\n").hexdigest())
EOF
part full
pycheck "starts, version" "(3, 11) 4" <<'EOF'
import sys, struct
print(sys.version_info[:2], struct.calcsize("P"))
EOF
pycheck "threading: 8 threads, Lock, Condition, join" "8000 1 8" <<'EOF'
import threading
lock = threading.Lock()
cond = threading.Condition()
count = ready = 0
go = False
ids = set()
def worker():
    global count, ready
    with cond:
        ready += 1
        cond.notify_all()
        while not go:
            cond.wait()
    ids.add(threading.get_native_id())
    for _ in range(1000):
        with lock:
            count += 1
ts = [threading.Thread(target=worker) for _ in range(8)]
for t in ts:
    t.start()
with cond:
    while ready < 8:
        cond.wait()
    go = True
    cond.notify_all()
for t in ts:
    t.join()
print(count, threading.active_count(), len(ids))
EOF
pycheck "threading: Event, Semaphore, timeouts" "True False 3" <<'EOF'
import threading
ev = threading.Event()
sem = threading.Semaphore(0)
def worker():
    ev.wait()
    sem.release()
ts = [threading.Thread(target=worker) for _ in range(3)]
for t in ts:
    t.start()
early = sem.acquire(timeout=0.1)
ev.set()
got = sum(sem.acquire(timeout=5) for _ in range(3))
for t in ts:
    t.join()
print(ev.is_set(), early, got)
EOF
pycheck "subprocess: run, capture, return code, a pipe" $'hi 0\n3\n100 0 0\nb\'err\\n\'' <<'EOF'
import subprocess
r = subprocess.run(["echo", "hi"], capture_output=True, text=True)
print(r.stdout.strip(), r.returncode)
print(subprocess.run(["sh", "-c", "exit 3"]).returncode)
p1 = subprocess.Popen(["seq", "1", "100"], stdout=subprocess.PIPE)
p2 = subprocess.Popen(["wc", "-l"], stdin=p1.stdout, stdout=subprocess.PIPE, text=True)
p1.stdout.close()
out = p2.communicate()[0]
print(out.strip(), p1.wait(), p2.returncode)
print(subprocess.run("echo err >&2", shell=True, stderr=subprocess.PIPE).stderr)
EOF
pycheck "subprocess: check_output, timeout, a missing program" "x y|expired|2" <<'EOF'
import subprocess
a = subprocess.check_output(["sh", "-c", "echo $0 $1", "x", "y"], text=True).strip()
try:
    subprocess.run(["sleep", "10"], timeout=0.5)
    b = "finished"
except subprocess.TimeoutExpired:
    b = "expired"
try:
    subprocess.run(["/nonexistent/prog"])
    c = "ran"
except FileNotFoundError as e:
    c = str(e.errno)
print(a, b, c, sep="|")
EOF
pycheck "hashlib: sha256, md5, sha1 of known data" $'5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03\nb1946ac92492d2347c6235b4d2611184\ncdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0\na9993e364706816aba3e25717850c26c9cd0d89d' <<'EOF'
import hashlib
print(hashlib.sha256(b"hello\n").hexdigest())
print(hashlib.md5(b"hello\n").hexdigest())
h = hashlib.new("sha256")
for _ in range(1000):
    h.update(b"a" * 1000)
print(h.hexdigest())
print(hashlib.sha1(b"abc").hexdigest())
EOF
pycheck "json round trip" $'{"a": [1, 2.5, null, true], "b": {"c": "x\\"y"}, "n": -3}\nTrue' <<'EOF'
import json
d = {"n": -3, "b": {"c": 'x"y'}, "a": [1, 2.5, None, True]}
s = json.dumps(d, sort_keys=True)
print(s)
print(json.loads(s) == d and json.loads(json.dumps(list(range(1000)))) == list(range(1000)))
EOF
pycheck "mmap: anonymous shared across fork, a file MAP_SHARED read back with os.read" $'hello 65 8192\nchild\nworld 4096' <<'EOF'
import mmap, os
m = mmap.mmap(-1, 8192)
m[0:5] = b"hello"
m[8191] = 65
print(m[0:5].decode(), m[8191], len(m))
pid = os.fork()
if pid == 0:
    m[0:5] = b"child"
    os._exit(0)
os.waitpid(pid, 0)
print(m[0:5].decode())
m.close()
fd = os.open("/tmp/deb/mm", os.O_RDWR | os.O_CREAT | os.O_TRUNC, 0o644)
os.ftruncate(fd, 4096)
f = mmap.mmap(fd, 4096, mmap.MAP_SHARED, mmap.PROT_READ | mmap.PROT_WRITE)
f[100:105] = b"world"
f.flush()
os.lseek(fd, 100, os.SEEK_SET)
print(os.read(fd, 5).decode(), os.fstat(fd).st_size)
f.close()
os.close(fd)
EOF
pycheck "os.fork, os.waitpid: exit status, a pipe, a killed child" $'True True 7\nTrue\nTrue 9' <<'EOF'
import os, signal, time
pid = os.fork()
if pid == 0:
    os._exit(7)
p, st = os.waitpid(pid, 0)
print(p == pid, os.WIFEXITED(st), os.WEXITSTATUS(st))
r, w = os.pipe()
pid = os.fork()
if pid == 0:
    os.close(r)
    os.write(w, b"from %d" % os.getppid())
    os._exit(0)
os.close(w)
print(os.read(r, 100).decode() == "from %d" % os.getpid())
os.waitpid(pid, 0)
pid = os.fork()
if pid == 0:
    time.sleep(10)
    os._exit(0)
os.kill(pid, signal.SIGKILL)
_, st = os.waitpid(pid, 0)
print(os.WIFSIGNALED(st), os.WTERMSIG(st))
EOF
pycheck "signal: alarm, pause, a handler, sleep resumed after it" "['alrm', 'usr1', 'alrm'] True True" <<'EOF'
import os, signal, time
got = []
signal.signal(signal.SIGALRM, lambda s, f: got.append("alrm"))
signal.signal(signal.SIGUSR1, lambda s, f: got.append("usr1"))
t0 = time.monotonic()
signal.alarm(1)
signal.pause()
t1 = time.monotonic() - t0
os.kill(os.getpid(), signal.SIGUSR1)
signal.alarm(1)
time.sleep(1.5)
t2 = time.monotonic() - t0
print(got, 0.5 < t1 < 5, 2.4 < t2 < 10)
EOF
pycheck "asyncio: a subprocess, a Unix server, a signal (os.set_blocking is ioctl FIONBIO)" "(b'hello\n', 3) b'ABC' sig b'\n'" <<'EOF'
import asyncio, os, signal, socket, time
async def sub():
    p = await asyncio.create_subprocess_exec("sh", "-c", "echo hello; exit 3", stdout=asyncio.subprocess.PIPE)
    out, _ = await p.communicate()
    return out, p.returncode
async def server():
    async def h(r, w):
        w.write((await r.read(100)).upper())
        await w.drain()
        w.close()
    srv = await asyncio.start_unix_server(h, path="/tmp/deb/as.sock")
    r, w = await asyncio.open_unix_connection("/tmp/deb/as.sock")
    w.write(b"abc")
    await w.drain()
    d = await r.read(100)
    w.close()
    srv.close()
    await srv.wait_closed()
    return d
async def sig():
    fut = asyncio.get_running_loop().create_future()
    asyncio.get_running_loop().add_signal_handler(signal.SIGUSR2, lambda: fut.set_result("sig"))
    os.kill(os.getpid(), signal.SIGUSR2)
    return await asyncio.wait_for(fut, 5)
r, w = os.pipe()
os.set_blocking(w, False)
signal.set_wakeup_fd(w)
signal.signal(signal.SIGUSR1, lambda *a: None)
os.kill(os.getpid(), signal.SIGUSR1)
time.sleep(0.01)
signal.set_wakeup_fd(-1)
print(asyncio.run(sub()), asyncio.run(server()), asyncio.run(sig()), os.read(r, 10))
EOF
pycheck "threads and processes: fork and exec from a threaded process, SIGCHLD ignored, abort" "[1] 9 ECHILD True 6" <<'EOF'
import os, signal, threading, time
res = []
def forker():
    pid = os.fork()
    if pid == 0:
        os._exit(threading.active_count())
    res.append(os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]))
t = threading.Thread(target=forker)
t.start()
t.join()
pid = os.fork()
if pid == 0:
    threading.Thread(target=time.sleep, args=(5,)).start()
    os.execv("/bin/sh", ["sh", "-c", "exit 9"])
ex = os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1])
signal.signal(signal.SIGCHLD, signal.SIG_IGN)
pid = os.fork()
if pid == 0:
    os._exit(3)
time.sleep(0.2)
try:
    reaped = os.waitpid(pid, 0)
except ChildProcessError:
    reaped = "ECHILD"
signal.signal(signal.SIGCHLD, signal.SIG_DFL)
pid = os.fork()
if pid == 0:
    os.abort()
st = os.waitpid(pid, 0)[1]
print(res, ex, reaped, os.WIFSIGNALED(st), os.WTERMSIG(st))
EOF
pycheck "time.sleep in threads" "True 4" <<'EOF'
import threading, time
t0 = time.monotonic()
ts = [threading.Thread(target=time.sleep, args=(0.5,)) for _ in range(4)]
for t in ts:
    t.start()
for t in ts:
    t.join()
d = time.monotonic() - t0
print(0.5 <= d < 1.9, len(ts))
EOF

# Ten bash processes share their text: libc's and bash's code pages
# are the page cache's, mapped by every process and never copied.
if [ -z "$SKIP" ]; then
for i in 1 2 3 4 5 6 7 8 9 10; do bash -c 'sleep 60; :' & done
sleep 1
pids=$(jobs -p)
files=
for p in $pids; do files="$files /proc/$p/smaps"; done
set -- $(gawk '/^[0-9a-f]+-[0-9a-f]+ / { lib = $2 == "r-xp" && $NF ~ /libc[.]so[.]6$/ }
	/^Rss:/ { rss += $2 } /^Pss:/ { pss += $2 }
	/^Shared_Clean:/ && lib { clean += $2 } /^Shared_Dirty:/ && lib { dirty += $2 }
	END { print rss + 0, pss + 0, clean + 0, dirty + 0 }' $files)
rss=$1 pss=$2 clean=$3 dirty=$4
echo "# ten bash: pids $(echo $pids)"
echo "# ten bash: Rss ${rss} kB, Pss ${pss} kB; libc text Shared_Clean ${clean} kB, Shared_Dirty ${dirty} kB"
n=$((n + 1))
# Linux's ramfs keeps every page-cache page dirty (no backing store), so
# there the shared text counts as Shared_Dirty; Linnet's are clean.
if [ "$rss" -gt 0 ] && [ $((pss * 2)) -lt "$rss" ] && [ $((clean + dirty)) -gt 0 ]; then
	echo "ok $n - ten bash processes: the sum of Pss is under half the sum of Rss; libc's text is shared"
else
	bad=$((bad + 1))
	echo "not ok $n - ten bash processes: the sum of Pss is under half the sum of Rss; libc's text is shared"
fi
for p in $pids; do kill $p 2>/dev/null; done
wait 2>/dev/null
fi
echo "1..$n"
echo "# debian-session: $((n - bad)) passed, $bad failed ($(gawk -v t0="$t0" '{ printf "%.0f", $1 - t0 }' /proc/uptime) s)"
