#!/usr/bin/env python3
"""Write a cpio archive in the "newc" format (what Linux's initramfs reads)
from a list of entries, without needing root for device nodes.

Usage: mkcpio.py -o OUT.cpio [LISTFILE ...] [-e 'ENTRY'] ...

Each entry is one line (from LISTFILEs, or given with -e); '#' starts a
comment.  Fields are separated by blanks:

    dir   NAME MODE UID GID
    file  NAME SOURCE MODE UID GID
    nod   NAME MODE UID GID c|b MAJOR MINOR
    slink NAME TARGET MODE UID GID

MODE is octal permission bits.  NAME is the path inside the archive (a
leading '/' is dropped).  Every mtime is 0, so the archive depends only on
its entries and the files' contents.
"""

import argparse
import os
import stat
import sys

MAGIC = b"070701"
TRAILER = "TRAILER!!!"


class Writer:
    def __init__(self, out):
        self.out = out
        self.ino = 721          # arbitrary start; 0 is avoided
        self.pos = 0

    def _write(self, data):
        self.out.write(data)
        self.pos += len(data)

    def _pad(self):
        rem = self.pos % 4
        if rem:
            self._write(b"\0" * (4 - rem))

    def entry(self, name, mode, uid=0, gid=0, data=b"", rdev=(0, 0),
              nlink=1):
        name = name.lstrip("/") or "."
        bname = name.encode() + b"\0"
        ino = 0 if name == TRAILER else self.ino
        self.ino += 1
        fields = (ino, mode, uid, gid, nlink, 0, len(data), 0, 0,
                  rdev[0], rdev[1], len(bname), 0)
        hdr = MAGIC + b"".join(b"%08X" % f for f in fields)
        self._write(hdr)
        self._write(bname)
        self._pad()
        if data:
            self._write(data)
            self._pad()

    def trailer(self):
        self.entry(TRAILER, 0, nlink=1)
        # Pad the archive to a 512-byte multiple like cpio(1) does.
        rem = self.pos % 512
        if rem:
            self._write(b"\0" * (512 - rem))


def octal(s):
    return int(s, 8)


def parse(line, where):
    f = line.split()
    kind = f[0]
    try:
        if kind == "dir" and len(f) == 5:
            return dict(name=f[1], mode=stat.S_IFDIR | octal(f[2]), nlink=2,
                        uid=int(f[3]), gid=int(f[4]))
        if kind == "file" and len(f) == 6:
            with open(f[2], "rb") as src:
                data = src.read()
            return dict(name=f[1], mode=stat.S_IFREG | octal(f[3]),
                        uid=int(f[4]), gid=int(f[5]), data=data)
        if kind == "nod" and len(f) == 8 and f[5] in ("c", "b"):
            t = stat.S_IFCHR if f[5] == "c" else stat.S_IFBLK
            return dict(name=f[1], mode=t | octal(f[2]), uid=int(f[3]),
                        gid=int(f[4]), rdev=(int(f[6]), int(f[7])))
        if kind == "slink" and len(f) == 6:
            return dict(name=f[1], mode=stat.S_IFLNK | octal(f[3]),
                        uid=int(f[4]), gid=int(f[5]), data=f[2].encode())
    except (ValueError, OSError) as e:
        sys.exit(f"mkcpio: {where}: {e}")
    sys.exit(f"mkcpio: {where}: cannot parse: {line}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("-o", "--output", required=True)
    ap.add_argument("-e", "--entry", action="append", default=[])
    ap.add_argument("lists", nargs="*")
    args = ap.parse_args()

    lines = []
    for path in args.lists:
        with open(path) as f:
            for n, line in enumerate(f, 1):
                lines.append((line, f"{path}:{n}"))
    for n, line in enumerate(args.entry, 1):
        lines.append((line, f"-e #{n}"))

    entries = []
    for line, where in lines:
        line = line.split("#", 1)[0].strip()
        if line:
            entries.append(parse(line, where))

    tmp = args.output + ".tmp"
    with open(tmp, "wb") as out:
        w = Writer(out)
        for e in entries:
            w.entry(**e)
        w.trailer()
    os.replace(tmp, args.output)


if __name__ == "__main__":
    main()
