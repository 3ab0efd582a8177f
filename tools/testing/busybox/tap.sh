# TAP helpers for the busybox scripts (session.sh, apps.sh), sourced with
# $bb set to the busybox binary.  ok STATUS DESCRIPTION prints one case;
# run DESCRIPTION COMMAND... runs one, its output shown only on failure.
n=0
failed=0

ok() {
	n=$((n + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $n - $2"
	else
		echo "not ok $n - $2"
		failed=$((failed + 1))
	fi
}

run() {
	desc=$1
	shift
	"$@" >/tmp/tap-run.out 2>&1
	st=$?
	[ $st -ne 0 ] && $bb sed 's/^/# /' /tmp/tap-run.out
	ok $st "$desc"
}
