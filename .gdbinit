# Connects to `make qemu-gdb` (QEMU's gdb stub on :1234) with the kernel's
# symbols.  Start gdb in the top directory as `gdb -x .gdbinit` (plain
# `gdb` reads this file only if auto-load allows it).
set architecture i386
file build/vmlinux
target remote localhost:1234
echo Connected. Try: hbreak start_kernel, continue\n
