# Linnet: the one Makefile.  Non-recursive: every object is listed in this
# file or in a Makefile fragment included below; all output goes to $(O).
# `make help` lists the targets.

VERSION      := $(shell sed -n 's/^#define LINNET_VERSION "\(.*\)"/\1/p' include/linux-ish/version.h)
O            ?= build
MEM          ?= 128M
QEMU         ?= qemu-system-i386
APPEND       ?=
TIMEOUT      ?= 60

CC           := gcc
LD           := ld
NM           := nm
OBJCOPY      := objcopy
SPARSE       ?= sparse
CPPCHECK     ?= cppcheck

ARCH_INC     := -Iarch/x86/include -Iinclude
CPPFLAGS     := $(ARCH_INC) -D__KERNEL__
CFLAGS       := -m32 -march=i686 -ffreestanding -fno-pic -fno-pie -fno-stack-protector \
                -fno-omit-frame-pointer -fno-asynchronous-unwind-tables \
                -fno-strict-aliasing -fno-common -mgeneral-regs-only \
                -std=gnu11 -O2 -g -Wall -Wextra -Werror -Wno-unused-parameter \
                -Wstrict-prototypes -Wmissing-prototypes -Wshadow -Wvla \
                -Wno-sign-compare -Wimplicit-fallthrough -include include/linux-ish/kconfig.h
ASFLAGS      := -m32 -D__ASSEMBLY__ $(ARCH_INC)
LDFLAGS      := -m elf_i386 -nostdlib -z noexecstack --no-warn-rwx-segments
LIBGCC       := $(shell $(CC) -m32 -print-libgcc-file-name)
LDSCRIPT     := arch/x86/kernel/vmlinux.lds

# Every kernel source file.  Order matters only for the boot entry (first).
KERNEL_SRCS  := arch/x86/boot/head.S
include arch/x86/Makefile.inc
include mm/Makefile.inc
include kernel/Makefile.inc
include lib/Makefile.inc
include drivers/Makefile.inc
include fs/Makefile.inc
include block/Makefile.inc
include ipc/Makefile.inc
include net/Makefile.inc
include init/Makefile.inc
include usr/Makefile.inc

KERNEL_OBJS  := $(addprefix $(O)/,$(addsuffix .o,$(basename $(KERNEL_SRCS))))
KERNEL_CSRCS := $(filter %.c,$(KERNEL_SRCS))

comma        := ,
space        := $(subst ,, )
QEMU_FLAGS   := -m $(MEM) -no-reboot -nographic -serial mon:stdio -nic none \
                -device isa-debug-exit,iobase=0xf4,iosize=4

.PHONY: all kernel qemu disk-clean selftest qemu-stress qemu-gdb test test-host linux-selftests debian-test swap-test swap-test-linux swap-accept swap-accept-linux trinity stress bench bench-linux bench-debian bench-compare bench-check bench-baseline bench-workloads bench-workloads-linux bench-disk bench-disk-linux bench-swap bench-swap-linux profile profile-linux check sparse cppcheck syscall-list clean help
.DEFAULT_GOAL := all

all: kernel $(USER_INITRAMFS) $(INITRAMFS)

kernel: $(O)/vmlinux

$(O)/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	@$(CC) $(CPPFLAGS) $(CFLAGS) -MMD -MP -c $< -o $@

$(O)/%.o: %.S
	@mkdir -p $(dir $@)
	@echo "  AS      $<"
	@$(CC) $(ASFLAGS) -MMD -MP -c $< -o $@

$(O)/vmlinux.lds: $(LDSCRIPT) include/linux-ish/kconfig.h
	@mkdir -p $(dir $@)
	@$(CC) -E -P -x c -D__ASSEMBLY__ -D__LINKER__ $(ARCH_INC) $< -o $@

# Symbolised backtraces need a table of function addresses inside the
# image.  Link once with an empty table, extract the text symbols, link
# again with the real table.  The table lives after .text, so adding it
# cannot move a function; the final comparison proves that.
$(O)/kallsyms0.S: scripts/kallsyms.sh
	@mkdir -p $(O)
	@scripts/kallsyms.sh < /dev/null > $@

$(O)/.tmp_vmlinux1: $(KERNEL_OBJS) $(O)/kallsyms0.o $(O)/vmlinux.lds
	@echo "  LD      $@"
	@$(LD) $(LDFLAGS) -T $(O)/vmlinux.lds -o $@ $(KERNEL_OBJS) $(O)/kallsyms0.o $(LIBGCC)

$(O)/kallsyms.S: $(O)/.tmp_vmlinux1 scripts/kallsyms.sh
	@$(NM) -n --defined-only $< | scripts/kallsyms.sh > $@

$(O)/vmlinux: $(KERNEL_OBJS) $(O)/kallsyms.o $(O)/vmlinux.lds
	@echo "  LD      $@"
	@$(LD) $(LDFLAGS) -T $(O)/vmlinux.lds -o $@ $(KERNEL_OBJS) $(O)/kallsyms.o $(LIBGCC)
	@scripts/kallsyms-verify.sh $(O)/.tmp_vmlinux1 $@

$(O)/kallsyms0.o $(O)/kallsyms.o: %.o: %.S
	@$(CC) $(ASFLAGS) -c $< -o $@

# USERLAND=debian: Debian 12's bash (as /bin/sh), coreutils... instead of
# Linnet's utilities (tools/testing/run-debian --qemu); its disk is
# $(O)/debian-disk.img (tools/testing/debian/mkdisk), kept the same way.
# ROOT=disk (the default): the root is $(O)/disk.img, an ext2 image made
# once from the initramfs list (scripts/mkdisk-root) and kept: what is
# written at the prompt is still there at the next make qemu; make
# disk-clean remakes it.  ROOT=initramfs: the RAM root, as before.
USERLAND ?= linnet
ROOT     ?= disk
DISK_IMG := $(O)/disk.img
qemu: $(O)/vmlinux $(USER_INITRAMFS) $(if $(filter disk,$(ROOT)),$(if $(filter debian,$(USERLAND)),,$(DISK_IMG)))
ifeq ($(USERLAND),debian)
	@ROOT=$(ROOT) tools/testing/run-debian --qemu $(O)/vmlinux $(O)/user-initramfs.list
else ifeq ($(ROOT),disk)
	$(if $(EXTRA),@scripts/mkdisk-root --add $(DISK_IMG) $(EXTRA))
	@scripts/qemu-run $(QEMU) $(QEMU_FLAGS) -kernel $< \
		-drive file=$(DISK_IMG),if=virtio,format=raw -append "root=/dev/vda rw $(APPEND)"
else
	@scripts/qemu-run $(QEMU) $(QEMU_FLAGS) -kernel $< -initrd $(USER_INITRAMFS) -append "$(APPEND)"
endif

# Made when missing, never remade behind the user's back.
$(DISK_IMG): | $(USER_INITRAMFS)
	@scripts/mkdisk-root $(O)/user-initramfs.list $@

disk-clean:
	rm -f $(DISK_IMG) $(O)/debian-disk.img

# The same with the stress programs and the fuzzer in /stress.
qemu-stress: $(O)/vmlinux $(STRESS_INITRAMFS)
	@scripts/qemu-run $(QEMU) $(QEMU_FLAGS) -kernel $< -initrd $(STRESS_INITRAMFS) -append "$(APPEND)"

qemu-gdb: $(O)/vmlinux $(USER_INITRAMFS)
	@echo "QEMU waits for gdb on :1234: in another terminal run  gdb -x .gdbinit"
	@scripts/qemu-run $(QEMU) $(QEMU_FLAGS) -s -S -kernel $< -initrd $(USER_INITRAMFS) -append "$(APPEND)"

test: $(O)/vmlinux $(INITRAMFS) $(USER_INITRAMFS) $(STRESS_INITRAMFS) $(NODEV_INITRAMFS)
	@STRESS_INITRAMFS=$(STRESS_INITRAMFS) NODEV_INITRAMFS=$(NODEV_INITRAMFS) \
		USER_INITRAMFS=$(USER_INITRAMFS) \
		BENCH_CHECK="$(MAKE) -s --no-print-directory bench-check" \
		tools/testing/run-tests $(O)/vmlinux $(INITRAMFS)

# A few selftests on Linnet: make selftest T="fs/poll mm/brk" (names as
# in tools/testing/selftests, without .c); prints each verdict, the last
# line "# selftests: N programs passed, N failed".
# A fresh test disk (scripts/mkdisk-test) is vda, for the block selftests;
# fresh ext2 images (scripts/mkdisk-ext2) are vdb (1 KiB blocks) and vdc (4 KiB).
selftest: $(O)/vmlinux $(INITRAMFS)
	@test -n "$(T)" || { echo 'make selftest: say which, T="area/name ..."' >&2; exit 2; }
	@scripts/mkdisk-test $(O)/test-disk.img
	@scripts/mkdisk-ext2 $(O)/ext2-disks >/dev/null
	@timeout -k 5 $(TIMEOUT) $(QEMU) $(subst -m $(MEM),-m 512M,$(QEMU_FLAGS)) -kernel $(O)/vmlinux \
		-drive file=$(O)/test-disk.img,if=virtio,format=raw \
		-drive file=$(O)/ext2-disks/ext2-1k.img,if=virtio,format=raw \
		-drive file=$(O)/ext2-disks/ext2-4k.img,if=virtio,format=raw \
		-initrd $(INITRAMFS) -append "selftests panic=-1 SELFTEST_NAMES=$(subst $(space),$(comma),$(strip $(T)))" \
		</dev/null | tr -d '\r'

# Fault injection + the stress suite + the fuzzer (tools/testing/run-stress).
# FAULTS="..." (or PERCENT=N: all three sites at N %), SWAP=0|1, SEED=, DURATION= (seconds),
# FUZZ_CALLS= override the defaults.
stress: $(O)/vmlinux $(STRESS_INITRAMFS)
	@$(if $(FAULTS),FAULTS="$(FAULTS)") $(if $(PERCENT),PERCENT=$(PERCENT)) $(if $(SWAP),SWAP=$(SWAP)) $(if $(FREE_MB),FREE_MB=$(FREE_MB)) $(if $(SEED),SEED=$(SEED)) \
		$(if $(DURATION),DURATION=$(DURATION)) $(if $(FUZZ_CALLS),FUZZ_CALLS=$(FUZZ_CALLS)) \
		$(if $(PROGRAMS),PROGRAMS=$(PROGRAMS)) $(if $(APPEND),APPEND="$(APPEND)") \
		tools/testing/run-stress $(O)/vmlinux $(STRESS_INITRAMFS)

# The same selftest binaries, the shell's and the utilities' test scripts,
# the stress suite and the fuzzer on a real Linux.  Native when this machine runs i386 binaries, else under Debian's Linux
# 6.1 in QEMU (tools/testing/test-host; TEST_HOST=native|qemu forces one).
test-host:
	@O=$(abspath $(O)) $(if $(T),T="$(T)") tools/testing/test-host

# Linux 6.1's own selftests (tools/testing/linux-selftests/list, built
# static i386 from Debian's linux source) on Linnet and on Debian's
# Linux 6.1 in QEMU, compared test by test; T="vm/mremap_test ..." runs
# those.  Not part of make test: see Documentation/dev-tools/linux-selftests.md.
linux-selftests: $(O)/vmlinux $(O)/user-initramfs.list
	@O=$(abspath $(O)) $(if $(T),T="$(T)") tools/testing/linux-selftests/run

# Debian 12's i386 bash, coreutils, gawk, tar and python3 (scripts/fetch-debian-packages)
# run a session of checks, then a console session with job control, on
# Linnet and on Linux 6.1 from one tree, compared check by check
# (tools/testing/run-debian; DEBIAN_LINUX=0 skips Linux).  Not part of make test: the first fetch needs the network.
debian-test: $(O)/vmlinux $(O)/user-initramfs.list
	@tools/testing/run-debian $(O)/vmlinux $(O)/user-initramfs.list

# Issue 14's swap scenarios (tools/testing/swap/run-swap, Debian's busybox
# as init): swap-test is make test's swap phase alone (-m 40M: 3 x RAM of
# anonymous memory, a fork tree over paged-out memory, a 4 x RAM
# MAP_SHARED file on ext2, swapoff under load, the leak check);
# swap-accept is issue 14's acceptance run (-m 64M, a 512 MiB swap disk,
# 192 MiB written and checked by a child and a fork tree, swapoff) on
# Linnet and on Debian's Linux 6.1 at once, printed side by side (a few
# minutes: Linux's boot alone takes a minute); the -linux targets run
# Linux alone.  ONLY=cd runs only those scenarios of swap-test.
swap-test: $(O)/vmlinux
	@$(if $(ONLY),ONLY=$(ONLY)) tools/testing/swap/run-swap $(O)/vmlinux

swap-test-linux:
	@O=$(abspath $(O)) $(if $(ONLY),ONLY=$(ONLY)) tools/testing/swap/run-swap --linux

swap-accept: $(O)/vmlinux
	@O=$(abspath $(O)) tools/testing/swap/accept $(O)/vmlinux

swap-accept-linux:
	@O=$(abspath $(O)) tools/testing/swap/run-swap --accept --linux

# The trinity system-call fuzzer (Debian's package) on Linnet as nobody:
# it must end, and the kernel with it, cleanly (TRINITY_SYSCALLS=, _SEED=).
trinity: $(O)/vmlinux $(O)/user-initramfs.list
	@tools/testing/run-trinity $(O)/vmlinux $(O)/user-initramfs.list

# Deterministic virtual clock: one TSC tick per guest instruction.
# First the in-kernel allocator micro-benchmarks, then linnet-bench (the
# same static binary make bench-linux runs under Debian's Linux) as init.
# The rows land in $(BENCH_DIR)/kernel.log and linnet.log (about 5 s).
BENCH_DIR := $(abspath $(O))/bench
BENCH_LOGS = $(BENCH_DIR)/kernel.log $(BENCH_DIR)/linnet.log
bench: $(O)/vmlinux
	@mkdir -p $(BENCH_DIR)
	@$(QEMU) -accel tcg -cpu qemu32 -m 256M -nographic -no-reboot -nic none \
		-icount shift=0,align=off,sleep=off \
		-rtc base=2024-01-01T00:00:00,clock=vm \
		-device isa-debug-exit,iobase=0xf4,iosize=4 \
		-kernel $< -append "bench quiet loglevel=7" </dev/null | \
		grep -a 'bench:' | sed 's/^\[[^]]*\] /kernel /' | tee $(BENCH_DIR)/kernel.log ; true
	@$(MAKE) -s --no-print-directory -C tools/testing/bench O=$(BENCH_DIR) run \
		KERNEL=$(abspath $(O))/vmlinux RUNLOG=linnet

bench-linux:
	@$(MAKE) -s --no-print-directory -C tools/testing/bench O=$(BENCH_DIR) linux

# Issue 15's rows on Debian's dynamic /bin/true and pthread_create+join,
# Linnet beside Linux 6.1 (tools/testing/run-debian-bench; needs Debian's
# packages, so not in make bench or its guard).
bench-debian: $(O)/vmlinux
	@tools/testing/run-debian-bench $(O)/vmlinux

# The busybox workloads (tools/testing/bench/workloads.sh as init of
# Debian's static busybox) on Linnet and on Debian's Linux 6.1: a few
# minutes each.  WL_BIG=0 skips the 10,000-file rows.
WL_MAKE = $(MAKE) -s --no-print-directory -C tools/testing/bench O=$(BENCH_DIR) \
	$(if $(WL_BIG),WL_APPEND="WL_BIG=$(WL_BIG)")
bench-workloads: $(O)/vmlinux
	@$(WL_MAKE) workloads-run KERNEL=$(abspath $(O))/vmlinux RUNLOG=workloads-linnet

bench-workloads-linux:
	@$(WL_MAKE) workloads-linux

# The sampling profiler on busybox workload rows: W is a piece of the
# rows' names, '_' for a space (W=create_1000_files, W=fork+exec).  Only
# the sections with such a row run; the counters of the matching rows,
# summed over their repetitions, are mapped to functions and the top
# $(N) printed (Documentation/dev-tools/profiling.md).  profile-linux
# does the same under Debian's Linux 6.1 (ticks only: 250 samples/s;
# the guest maps counters to functions through /proc/kallsyms).
PROFILE_SHIFT ?= 2
PROFILE_HZ    ?= 8192
N             ?= 20
PROFILE_RUN = @test -n "$(W)" || { echo 'make profile: say which rows, W=create_1000_files' >&2; exit 2; }; \
	$(MAKE) -s --no-print-directory -C tools/testing/bench O=$(BENCH_DIR) \
	WL_APPEND="profile=$(PROFILE_SHIFT) WL_PROFILE=$(W)$(if $(WL_BIG), WL_BIG=$(WL_BIG))$(1)"
profile: $(O)/vmlinux
	$(call PROFILE_RUN, profile_hz=$(PROFILE_HZ)) workloads-run KERNEL=$(abspath $(O))/vmlinux RUNLOG=profile
	@scripts/profile-report -n $(N) $(BENCH_DIR)/profile.log $(O)/vmlinux

profile-linux:
	$(call PROFILE_RUN,) workloads-run RUNLOG=profile-linux KERNEL=$$(scripts/fetch-linux-kernel) \
		WL_INITRD=$(BENCH_DIR)/workloads-initramfs-linux.cpio
	@scripts/profile-report -n $(N) $(BENCH_DIR)/profile-linux.log

# Issue 13's disk rows (tools/testing/bench/diskbench.c as init, a fresh
# ext2 image as vda) on Linnet and on Debian's Linux 6.1: about a minute each.
bench-disk: $(O)/vmlinux
	@$(MAKE) -s --no-print-directory -C tools/testing/bench O=$(BENCH_DIR) disk-run \
		KERNEL=$(abspath $(O))/vmlinux RUNLOG=disk-linnet

bench-disk-linux:
	@$(MAKE) -s --no-print-directory -C tools/testing/bench O=$(BENCH_DIR) disk-linux

# Issue 14's swap and reclaim rows (tools/testing/bench/swapbench.c as
# init, -m 64M, an ext2 image and a mkswap'd swap disk) on Linnet and on
# Debian's Linux 6.1; SWAP_RAM_MB=N for another RAM size.  A few minutes
# each; not part of make test or bench-compare.
SWAP_MAKE = $(MAKE) -s --no-print-directory -C tools/testing/bench O=$(BENCH_DIR) \
	$(if $(SWAP_RAM_MB),SWAP_RAM_MB=$(SWAP_RAM_MB))
bench-swap: $(O)/vmlinux
	@$(SWAP_MAKE) swap-run KERNEL=$(abspath $(O))/vmlinux RUNLOG=swap-linnet

bench-swap-linux:
	@$(SWAP_MAKE) swap-linux

bench-compare: bench bench-linux bench-workloads bench-workloads-linux bench-disk bench-disk-linux
	@scripts/bench-compare $(BENCH_DIR)/linnet.log $(BENCH_DIR)/linux.log
	@echo
	@scripts/bench-compare $(BENCH_DIR)/workloads-linnet.log $(BENCH_DIR)/workloads-linux.log
	@echo
	@scripts/bench-compare $(BENCH_DIR)/disk-linnet.log $(BENCH_DIR)/disk-linux.log

# The performance guard (make test runs it): no row more than 3 % above
# tools/testing/bench/baseline.txt.  A change that makes a row slower on
# purpose runs make bench-baseline REASON="why", which rewrites the
# baseline and the documented tables (scripts/bench-guard).
bench-check:
	@$(MAKE) -s --no-print-directory bench >/dev/null
	@scripts/bench-guard check --log $(BENCH_LOGS)

bench-baseline:
	@$(MAKE) -s --no-print-directory bench >/dev/null
	@scripts/bench-guard baseline --log $(BENCH_LOGS) --linux-log $(BENCH_DIR)/linux.log \
		--reason "$(REASON)"

# Static analysis of every kernel C file: sparse (address spaces, __user,
# __bitwise, context imbalance) and cppcheck.  Any output is a failure.
check: sparse cppcheck syscall-list

# The per-number list in Documentation/ must match the dispatch table.
syscall-list:
	@scripts/gen-syscall-list --check Documentation/userspace-api/syscall-numbers.md

sparse: $(KERNEL_CSRCS) $(VDSO_CSRCS)
	@scripts/check-sparse $(SPARSE) "$(CPPFLAGS)" $(KERNEL_CSRCS) $(VDSO_CSRCS)

cppcheck: $(KERNEL_CSRCS) $(VDSO_CSRCS)
	@scripts/check-cppcheck $(CPPCHECK) "$(ARCH_INC)" $(KERNEL_CSRCS) $(VDSO_CSRCS)

clean:
	rm -rf $(O)

help:
	@echo "Linnet $(VERSION) -- targets:"
	@echo "  make            build $(O)/vmlinux"
	@echo "  make qemu       boot in QEMU on this terminal (Ctrl-A x quits) from"
	@echo "                  $(O)/disk.img (ext2, kept between runs); ROOT=initramfs: RAM root"
	@echo "  make disk-clean remove $(O)/disk.img (the next ROOT=disk boot remakes it)"
	@echo "  make qemu-stress  the same with /stress (stress programs, fuzzer)"
	@echo "  make qemu-gdb   the same, stopped for gdb on :1234 (see .gdbinit)"
	@echo "  make test       boot headless, run the in-kernel unit tests; last line 'N passed, N failed'"
	@echo "  make selftest T=\"fs/poll mm/brk\"  just those selftests on Linnet"
	@echo "  make stress     fault injection + stress suite + fuzzer (FAULTS= SEED= DURATION= FUZZ_CALLS=)"
	@echo "  make bench      benchmarks under -icount shift=0 (cycles = instructions)"
	@echo "  make bench-linux   the same benchmark binary under Debian's Linux 6.1 (fetched once)"
	@echo "  make bench-compare both tables side by side with the ratio Linnet/Linux,"
	@echo "                     then the busybox workload rows (WL_BIG=0: no 10,000-file rows)"
	@echo "  make bench-workloads[-linux]  only the busybox workload rows, on Linnet [Linux 6.1]"
	@echo "  make bench-disk[-linux]  the disk rows (64 MiB write/read, 1,000 files, msync) on ext2"
	@echo "  make bench-swap[-linux]  the swap and reclaim rows (-m 64M, ext2 + mkswap disk)"
	@echo "  make profile W=create_1000_files  profile those busybox workload rows, print the top N=20 functions"
	@echo "  make profile-linux W=...  the same under Debian's Linux 6.1"
	@echo "  make bench-check   no bench row more than 3 % above tools/testing/bench/baseline.txt (in make test)"
	@echo "  make bench-baseline REASON=\"why\"  rewrite the baseline and the documented tables"
	@echo "  make test-host  the user-space tests on Linux: this machine's, or Linux 6.1 in QEMU (TEST_HOST=native|qemu)"
	@echo "  make linux-selftests [T=\"vm/mremap_test ...\"]  Linux 6.1's own selftests on Linnet and Linux 6.1, compared"
	@echo "  make debian-test    Debian 12's bash and coreutils on Linnet and Linux 6.1, compared"
	@echo "  make swap-test      issue 14's swap scenarios at -m 40M (make test's swap phase); ONLY=cd"
	@echo "  make swap-accept    issue 14's acceptance run (64M, 512 MiB swap) on Linnet and Linux 6.1"
	@echo "  make bench-debian   Debian's dynamic /bin/true and pthread_create+join, Linnet beside Linux 6.1"
	@echo "  make trinity        Debian's trinity fuzzer on Linnet as nobody: no kernel error allowed"
	@echo "  make check      sparse and cppcheck over the kernel; fails on any warning"
	@echo "  make clean      remove $(O)/"
	@echo "variables: MEM=$(MEM) APPEND='kernel command line' O=$(O) TIMEOUT=$(TIMEOUT)"

-include $(KERNEL_OBJS:.o=.d)
