#!/usr/bin/env python3
"""Types at Debian's bash on the serial console, as a person would.

usage: console.py VMLINUX INITRAMFS LOG APPEND

The initramfs is run-debian's without /etc/rc: init's console shell is
Debian's bash (/bin/sh), an interactive shell with job control on the
console.  The steps are issue 15's acceptance: a pipeline, python3 with
a thread, then job control: sleep 10, ^Z (bash's "Stopped" notice),
jobs, fg, ^C (status 130), and bg with a job finishing in the background.
One TAP line per step, the last "# debian-console: N passed, N failed";
exits 0 only if every step passed.  The same steps are typed on Linux
6.1 by run-debian, which compares the verdicts.
"""
import importlib.util
import os
import re
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location(
    "console_test", os.path.join(HERE, "..", "interactive", "console-test.py"))
console_test = importlib.util.module_from_spec(spec)
spec.loader.exec_module(console_test)


def main():
    kernel, initrd, log, append = sys.argv[1:5]
    c = console_test.Console(kernel, initrd, log, mem="512", append=append)
    results = []

    def check(ok, what):
        results.append(ok)
        print(("ok" if ok else "not ok") + " %d - %s" % (len(results), what))
        sys.stdout.flush()

    check(c.expect(rb"Welcome to Linnet", 120) is not None and c.prompt(30.0),
          "boots to init's greeting and bash's prompt")
    # init's shell is /bin/sh, bash in POSIX mode ("Stopped(SIGTSTP)");
    # a user's bash reads ~/.bashrc (PS1="\w# ") and says "Stopped".
    c.type("exec bash\n")
    check(c.prompt(20.0) and c.seen.endswith(b"\n/# "),
          "exec bash: an interactive bash that read /root/.bashrc")
    c.type("echo $BASH_VERSION; set -o | grep '^monitor'\n")
    check(c.expect(rb"\n5\.2\.[^\n]*\nmonitor\s+on\n") is not None and c.prompt(),
          "the console shell is Debian's bash with job control (set -o monitor)")
    c.type("ls -l /bin | sort -k5 -n | tail -3 | wc -l\n")
    check(c.expect(rb"\n3\n") is not None and c.prompt(20.0),
          "ls -l /bin | sort -k5 -n | tail -3")
    c.type("python3 -c 'import threading; t = threading.Thread(target=print,"
           " args=(\"from a thread\",)); t.start(); t.join()'\n")
    check(c.expect(rb"\nfrom a thread\n", 60.0) is not None and c.prompt(),
          "python3 -c with a thread")
    c.type("sleep 10\n")
    time.sleep(1.5)
    c.type("\x1a")
    check(c.expect(rb"\[1\]\+\s+Stopped\s+sleep 10\n", 5.0) is not None and c.prompt(5.0),
          "^Z stops sleep 10: bash prints [1]+ Stopped and its prompt")
    c.type("jobs\n")
    check(c.expect(rb"\n\[1\]\+\s+Stopped\s+sleep 10\n") is not None and c.prompt(),
          "jobs lists the stopped job")
    c.type("fg\n")
    ok = c.expect(rb"\nsleep 10\n", 5.0) is not None
    time.sleep(1.0)
    c.type("\x03")
    check(ok and c.prompt(5.0), "fg resumes it in the foreground, ^C ends it")
    c.type("echo status=$?; jobs; echo end-of-jobs\n")
    check(c.expect(rb"\nstatus=130\nend-of-jobs\n") is not None and c.prompt(),
          "its status is 130 and the job table is empty")
    c.type("sleep 2\n")
    time.sleep(0.7)
    c.type("\x1a")
    stopped = c.expect(rb"Stopped\s+sleep 2\n", 5.0) is not None and c.prompt(5.0)
    c.type("bg\n")
    bg = c.expect(rb"\n\[1\]\+ sleep 2 &\n", 5.0) is not None and c.prompt(5.0)
    time.sleep(3.0)
    c.type("echo after\n")
    check(stopped and bg and c.expect(rb"\nafter\n\[1\]\+\s+Done\s+sleep 2\n", 10.0) is not None
          and c.prompt(), "^Z then bg: the job finishes in the background, bash says Done")
    c.type("poweroff\n")
    status = c.finish()
    # QEMU's status: 1 through Linnet's isa-debug-exit, 0 for Linux's ACPI.
    check(status in (0, 1) and b"Power down" in c.seen, "poweroff switches the machine off")
    bad = re.search(rb"Kernel panic|BUG:|Oops|WARNING:", c.seen)
    check(bad is None, "no kernel error in the log")
    passed = sum(results)
    print("# debian-console: %d passed, %d failed" % (passed, len(results) - passed))
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
