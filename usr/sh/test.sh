# Tests for Linnet /bin/sh:  sh test.sh [scratch-dir]
# Uses only builtins and echo cat wc grep true false sleep rm mkdir.
# Each check appends "ok N - what" or "not ok N - what" to $R; the
# summary counts them.  No if/test: checks are "cond && ok || not ok".
D=${1:-/tmp}/sh-test-$$
mkdir -p $D
R=$D/results
: > $R

echo hello | cat | cat > $D/p && grep -q hello $D/p && echo "ok 1 - pipeline of three" >> $R || echo "not ok 1 - pipeline of three" >> $R
echo abc | wc -c > $D/n; grep -q 4 $D/n && echo "ok 2 - pipe into wc -c" >> $R || echo "not ok 2 - pipe into wc -c" >> $R
echo one > $D/f; echo two > $D/f; grep -q one $D/f && echo "not ok 3 - > truncates" >> $R || echo "ok 3 - > truncates" >> $R
echo three >> $D/f; wc -l < $D/f > $D/n; grep -q 2 $D/n && echo "ok 4 - >> appends, < reads" >> $R || echo "not ok 4 - >> appends, < reads" >> $R
ls $D/nonexistent > $D/e 2>&1; grep -q nonexistent $D/e && echo "ok 5 - 2>&1 after >" >> $R || echo "not ok 5 - 2>&1 after >" >> $R
ls $D/nonexistent 2> $D/e2 > $D/o2; grep -q nonexistent $D/e2 && echo "ok 6 - 2>file" >> $R || echo "not ok 6 - 2>file" >> $R
ls $D/nonexistent 2>&1 | grep -q nonexistent && echo "ok 7 - 2>&1 into a pipe" >> $R || echo "not ok 7 - 2>&1 into a pipe" >> $R
true && echo "ok 8 - && after success" >> $R || echo "not ok 8 - && after success" >> $R
false && echo "not ok 9 - && after failure" >> $R || echo "ok 9 - && after failure" >> $R
false || echo "ok 10 - || after failure" >> $R
true || echo "not ok 11 - || after success" >> $R; echo "ok 11 - || after success" >> $R
echo a > $D/s; echo b >> $D/s; wc -l < $D/s | grep -q 2 && echo "ok 12 - ; sequence" >> $R || echo "not ok 12 - ; sequence" >> $R
false; S=$?
echo "x$S" | grep -q x1 && echo "ok 13 - \$? after false" >> $R || echo "not ok 13 - \$? after false" >> $R
true; echo "x$?" | grep -q x0 && echo "ok 14 - \$? after true" >> $R || echo "not ok 14 - \$? after true" >> $R
echo 'a  $HOME' > $D/q; grep -q 'a  $HOME' $D/q && echo "ok 15 - single quotes are literal" >> $R || echo "not ok 15 - single quotes are literal" >> $R
V=world; echo "hi $V" | grep -q "hi world" && echo "ok 16 - double quotes expand" >> $R || echo "not ok 16 - double quotes expand" >> $R
echo \$V a\ b | grep -q '$V a b' && echo "ok 17 - backslash escapes" >> $R || echo "not ok 17 - backslash escapes" >> $R
echo "${V}wide" | grep -q worldwide && echo "ok 18 - \${VAR}" >> $R || echo "not ok 18 - \${VAR}" >> $R
unset V; echo "[$V]" | grep -q world && echo "not ok 19 - unset" >> $R || echo "ok 19 - unset" >> $R
X="a b  c"; echo $X > $D/w; grep -q 'a b c' $D/w && echo "ok 20 - unquoted \$VAR splits" >> $R || echo "not ok 20 - unquoted \$VAR splits" >> $R
echo "$X" > $D/w; grep -q 'a b  c' $D/w && echo "ok 21 - quoted \$VAR keeps blanks" >> $R || echo "not ok 21 - quoted \$VAR keeps blanks" >> $R
kill -0 $$ && echo "ok 22 - \$\$ is our pid" >> $R || echo "not ok 22 - \$\$ is our pid" >> $R
# A file without #! that is executable: our shell runs it in a child
# shell, which sees only the environment.  cp keeps /bin/true's mode bits.
cp /bin/true $D/child; echo 'echo "e=$EXPORTED l=$LOCALV p=$PREFIX"' > $D/child
export EXPORTED=yes; $D/child > $D/env; grep -q e=yes $D/env && echo "ok 23 - export reaches a child" >> $R || echo "not ok 23 - export reaches a child" >> $R
LOCALV=no; $D/child > $D/env; grep -q l=no $D/env && echo "not ok 24 - plain vars not exported" >> $R || echo "ok 24 - plain vars not exported" >> $R
PREFIX=set $D/child > $D/env; grep -q p=set $D/env && echo "ok 25 - NAME=value cmd" >> $R || echo "not ok 25 - NAME=value cmd" >> $R
echo "x$PREFIX" | grep -q xset && echo "not ok 26 - prefix does not stick" >> $R || echo "ok 26 - prefix does not stick" >> $R
sleep 1 & P=$!
wait $P && echo "ok 27 - background + wait pid" >> $R || echo "not ok 27 - background + wait pid" >> $R
echo bg > $D/bg & wait; grep -q bg $D/bg && echo "ok 28 - background job finishes before wait returns" >> $R || echo "not ok 28 - background job finishes before wait returns" >> $R
false & wait $!; echo "x$?" | grep -q x1 && echo "ok 29 - wait returns job status" >> $R || echo "not ok 29 - wait returns job status" >> $R
no-such-command-xyz 2> $D/nf; echo "x$?" | grep -q x127 && echo "ok 30 - command not found is 127" >> $R || echo "not ok 30 - command not found is 127" >> $R
grep -q "not found" $D/nf && echo "ok 31 - not found message" >> $R || echo "not ok 31 - not found message" >> $R
echo data > $D/noexec; $D/noexec 2> /dev/null; echo "x$?" | grep -q x126 && echo "ok 32 - not executable is 126" >> $R || echo "not ok 32 - not executable is 126" >> $R
false | true; echo "x$?" | grep -q x0 && echo "ok 33 - pipeline status is the last command" >> $R || echo "not ok 33 - pipeline status is the last command" >> $R
true | false; echo "x$?" | grep -q x1 && echo "ok 34 - pipeline status, failing last" >> $R || echo "not ok 34 - pipeline status, failing last" >> $R
mkdir -p $D/dir; cd $D/dir; pwd | grep -q sh-test-$$/dir && echo "ok 35 - cd and pwd" >> $R || echo "not ok 35 - cd and pwd" >> $R
cd ..; pwd > $D/pwd; grep -q dir $D/pwd && echo "not ok 36 - cd .." >> $R || echo "ok 36 - cd .." >> $R
OLDHOME=$HOME; HOME=$D/dir; cd; pwd | grep -q /dir && echo "ok 37 - cd without argument goes \$HOME" >> $R || echo "not ok 37 - cd without argument goes \$HOME" >> $R
HOME=$OLDHOME
cd /nonexistent-dir-xyz 2> /dev/null || echo "ok 38 - cd to a missing dir fails" >> $R
echo "# comment? no" | grep -q comment && echo "ok 39 - # inside quotes is not a comment" >> $R # trailing comment
echo a#b | grep -q 'a#b' && echo "ok 40 - # inside a word is not a comment" >> $R || echo "not ok 40 - # inside a word" >> $R
echo $(echo inner) | grep -q inner && echo "ok 41 - command substitution" >> $R || echo "not ok 41 - command substitution" >> $R
echo "unterminated (this line prints a syntax error on purpose)
echo "x$?" | grep -q x2 && echo "ok 42 - unmatched quote is status 2" >> $R || echo "not ok 42 - unmatched quote is status 2" >> $R
echo out 2> /dev/null 1>&2 | grep -q out && echo "not ok 43 - n>&m" >> $R || echo "ok 43 - n>&m" >> $R
echo "$(ls $D/nonexistent 2>&1)" | grep -q nonexistent && echo "ok 44 - 2>&1 inside \$()" >> $R || echo "not ok 44 - 2>&1 inside \$()" >> $R
echo a | grep -q b || echo b | grep -q b && echo "ok 45 - || then && chain" >> $R || echo "not ok 45 - || then && chain" >> $R
echo "<$(echo $$)>" | grep -q "<$$>" && echo "ok 46 - \$\$ in \$(...) is the shell's pid" >> $R || echo "not ok 46 - \$\$ in \$(...) is the shell's pid" >> $R
: 2>$D/r1 2>$D/r2 2>$D/r3 2>$D/r4 2>$D/r5 2>$D/r6 2>$D/r7 2>$D/r8 2>$D/r9 2>$D/r10 2>$D/r11 2>$D/r12 2>$D/r13 2>$D/r14 2>$D/r15 2>$D/r16 >$D/r17
echo probe-after-redirs
grep -q probe $D/r17 && echo "not ok 47 - a builtin's redirections are all undone" >> $R || echo "ok 47 - a builtin's redirections are all undone" >> $R

cat $R
P=$(grep -c -v "not ok" $R)
F=$(grep -c "not ok" $R)
echo "# sh-test: $P passed, $F failed"
grep -q "not ok" $R && exit 1
rm -rf $D
exit 0
