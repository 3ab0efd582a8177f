#!/usr/bin/env python3
"""Drives Linnet's shell through the serial console, as a person would.

usage: console-test.py VMLINUX INITRAMFS LOG

Boots QEMU with the serial port on a pipe, waits for the shell's prompt,
types command lines (and ^C, ^Z) and checks what comes back.  Prints one
TAP line per step and exits 0 only if every step passed.  The log of the
whole conversation is written to LOG.
"""
import os
import re
import select
import subprocess
import sys
import tempfile
import time

PROMPT = re.compile(rb"# $")


class Console:
    def __init__(self, kernel, initrd, log, mem="128", append="console=ttyS0"):
        qemu = os.environ.get("QEMU", "qemu-system-i386")
        self.proc = subprocess.Popen(
            [qemu, "-m", mem, "-no-reboot", "-display", "none", "-nic", "none",
             "-serial", "stdio", "-monitor", "none",
             "-device", "isa-debug-exit,iobase=0xf4,iosize=4",
             "-kernel", kernel, "-initrd", initrd, "-append", append],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        self.seen = b""
        self.mark = 0
        self.log = open(log, "wb")

    def _read(self, timeout):
        ready, _, _ = select.select([self.proc.stdout], [], [], timeout)
        if not ready:
            return False
        data = os.read(self.proc.stdout.fileno(), 4096)
        if not data:
            return False
        data = data.replace(b"\r", b"")
        self.seen += data
        self.log.write(data)
        self.log.flush()
        return True

    def expect(self, pattern, timeout=10.0):
        """Waits until @pattern appears after the mark; moves the mark past it."""
        regex = re.compile(pattern) if isinstance(pattern, bytes) else pattern
        end = time.time() + timeout
        while True:
            m = regex.search(self.seen, self.mark)
            if m:
                self.mark = m.end()
                return m
            left = end - time.time()
            if left <= 0 or (not self._read(left) and self.proc.poll() is not None):
                return None

    def prompt(self, timeout=10.0):
        """Waits for the prompt at the end of the output (nothing after it)."""
        end = time.time() + timeout
        while True:
            if PROMPT.search(self.seen[self.mark:]) and self.seen.endswith(b"# "):
                self.mark = len(self.seen)
                return True
            left = end - time.time()
            if left <= 0 or (not self._read(min(left, 0.5)) and self.proc.poll() is not None):
                return False

    def type(self, text):
        self.proc.stdin.write(text.encode())
        self.proc.stdin.flush()

    def finish(self, timeout=20):
        """Reads the rest of the output; QEMU's exit status, or None."""
        end = time.time() + timeout
        while time.time() < end and self._read(end - time.time()):
            pass
        try:
            return self.proc.wait(max(end - time.time(), 1))
        except subprocess.TimeoutExpired:
            self.proc.kill()
            return None


def findmnt_reads(mountinfo):
    """The host's findmnt parses @mountinfo and finds / with /mnt (tmpfs) below."""
    with tempfile.NamedTemporaryFile("wb", suffix=".mountinfo") as f:
        f.write(mountinfo)
        f.flush()
        out = subprocess.run(["findmnt", "-F", f.name, "-k", "-n", "-r",
                              "-o", "TARGET,FSTYPE,SOURCE,PARENT,ID"],
                             capture_output=True).stdout.decode()
    rows = [line.split() for line in out.splitlines()]
    ids = {r[0]: r[4] for r in rows if len(r) == 5}
    mnt = [r for r in rows if len(r) == 5 and r[0] == "/mnt"]
    return "/" in ids and bool(mnt) and mnt[0][1] == "tmpfs" and mnt[0][3] == ids["/"]


def main():
    kernel, initrd, log = sys.argv[1:4]
    c = Console(kernel, initrd, log)
    results = []

    def check(ok, what):
        results.append(ok)
        print(("ok" if ok else "not ok") + " %d - %s" % (len(results), what))
        sys.stdout.flush()

    check(c.expect(rb"Welcome to Linnet", 30) is not None and c.prompt(),
          "boots to the welcome line and a prompt")
    c.type("echo hi > f; cat f | wc -c\n")
    check(c.expect(rb"\n\s*3\s*\n") is not None and c.prompt(),
          "echo hi > f; cat f | wc -c prints 3")
    c.type("sleep 100\n")
    time.sleep(1.0)
    c.type("\x03")
    check(c.prompt(5.0), "^C stops sleep 100 and the prompt comes back")
    c.type("echo status=$?\n")
    check(c.expect(rb"status=130") is not None and c.prompt(),
          "the interrupted command's status is 130")
    c.type("sleep 100\n")
    time.sleep(1.0)
    c.type("\x1a")
    check(c.expect(rb"Stopped", 5.0) is not None and c.prompt(5.0),
          "^Z suspends sleep 100 and the prompt comes back")
    # grep's own line may be in ps's output ("grep sleep"): count the rest.
    c.type("ps | grep sleep | grep -v grep | grep -c sleep\n")
    check(c.expect(rb"\n1\n") is not None and c.prompt(), "the stopped sleep is still there")
    c.type("ec\x7f\x7fecho typo-fixed\n")
    check(c.expect(rb"\ntypo-fixed\n") is not None and c.prompt(),
          "backspace edits the line")
    c.type("echo $(sleep 100) x\n")
    time.sleep(1.0)
    c.type("\x03")
    check(c.prompt(5.0), "^C also ends a command substitution")
    c.type("sh\n")
    c.prompt()
    c.type("p=$$; sleep 1 && kill -9 $p &\n")
    time.sleep(3.0)
    c.prompt(2.0)
    c.type("sleep 100\n")
    time.sleep(1.0)
    c.type("\x03")
    check(c.prompt(5.0),
          "a shell killed at its prompt (terminal raw) leaves a cooked console: ^C works")
    c.type("mapdemo\n")
    check(c.expect(rb"(?i)child", 10.0) is not None and c.prompt(20.0),
          "the shared-mapping demo runs")
    c.type("mkdir /mnt; mount -t tmpfs -o size=1m none /mnt; echo MI-BEGIN;"
           " cat /proc/self/mountinfo; echo MI-END\n")
    m = c.expect(rb"(?s)\nMI-BEGIN\n(.*?)MI-END\n", 10.0)
    c.prompt()
    check(m is not None and findmnt_reads(m.group(1)),
          "findmnt on the host reads /proc/self/mountinfo: /mnt (tmpfs) under /")
    c.type("cat /dev/zero > /mnt/fill\n")
    check(c.expect(rb"No space left on device") is not None and c.prompt(),
          "a 1 MiB tmpfs fills up: ENOSPC")
    c.type("df /mnt\n")
    check(c.expect(rb"none\s+1024\s+1024\s+0\s+100% /mnt") is not None and c.prompt(),
          "df shows it full")
    c.type("umount /mnt && echo unmounted\n")
    check(c.expect(rb"\nunmounted") is not None and c.prompt(), "umount /mnt")
    c.type("mount -t proc proc /mnt && cat /mnt/1/cmdline && umount /mnt && echo proc-ok\n")
    check(c.expect(rb"/sbin/init.*proc-ok") is not None and c.prompt(),
          "a second proc shows init")
    # busybox vi (in the initramfs when run-tests could build it) on the
    # console TTY in raw mode: insert a line, Escape, write and quit.
    c.type("echo first > /tmp/vi.txt; busybox vi /tmp/vi.txt\n")
    c.expect(rb"vi\.txt", 10.0)
    time.sleep(1.0)
    c.type("Gohello from vi")
    time.sleep(0.5)
    c.type("\x1b")
    time.sleep(0.5)
    c.type(":wq\r")
    c.prompt(10.0)
    c.type("cat /tmp/vi.txt\n")
    check(c.expect(rb"\nfirst\nhello from vi\n") is not None and c.prompt(),
          "busybox vi on the console: a line appended, written, quit")
    c.type("poweroff\n")
    status = c.finish()
    check(status == 1 and b"reboot: Power down" in c.seen, "poweroff switches the machine off")
    bad = re.search(rb"Kernel panic|BUG:|Oops|WARNING:", c.seen)
    check(bad is None, "no kernel error in the log")
    passed = sum(results)
    print("# console: %d passed, %d failed" % (passed, len(results) - passed))
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
