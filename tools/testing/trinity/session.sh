# Run by tools/testing/run-trinity as /etc/rc's script under Debian's bash:
# Dave Jones' trinity system-call fuzzer (Debian 12's i386 package), as
# user nobody (-X drops root after setup), from a scratch directory; then
# proof that the kernel still runs programs.  TRINITY_SYSCALLS and
# TRINITY_SEED come from the kernel command line (init's environment);
# TRINITY_ARGS defaults to --disable-fds=sockets: trinity 2023.01 kills
# itself (SIGSEGV) while building its socket cache in this network-less
# guest, on Debian's Linux 6.1 exactly as on Linnet.
export PATH=/usr/bin:/bin:/usr/sbin:/sbin
grep -q '^nobody:' /etc/passwd 2>/dev/null ||
	echo 'nobody:x:65534:65534:nobody:/nonexistent:/bin/false' >>/etc/passwd
grep -q '^nogroup:' /etc/group 2>/dev/null || echo 'nogroup:x:65534:' >>/etc/group
mkdir -p /tmp/trinity && chmod 1777 /tmp/trinity && cd /tmp/trinity || exit 1
echo "# trinity-session: start (${TRINITY_SYSCALLS:-20000} calls, seed ${TRINITY_SEED:-1})"
trinity -X -q -C 2 -N "${TRINITY_SYSCALLS:-20000}" -s "${TRINITY_SEED:-1}" ${TRINITY_ARGS:---disable-fds=sockets} \
	>/tmp/trinity.out 2>&1
rc=$?
tail -n 15 /tmp/trinity.out | sed 's/^/# trinity: /'
echo "# trinity-session: trinity exited $rc"
if [ "$rc" = 0 ] && ls /proc >/dev/null && echo alive | grep -q alive; then
	echo "# trinity-session: done, programs still run"
fi
