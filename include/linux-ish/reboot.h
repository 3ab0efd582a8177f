/* Ending the machine's run. */
#ifndef _LINUX_ISH_REBOOT_H
#define _LINUX_ISH_REBOOT_H

#include <linux-ish/compiler.h>

/* @status reaches QEMU's exit code as 2 * status + 1 through isa-debug-exit. */
__noreturn void machine_power_off(int status);
__noreturn void machine_restart(void);
__noreturn void machine_halt(void);

/* Orderly power off from kernel code: logs "reboot: Power down" first. */
__noreturn void kernel_power_off(int status);

#endif
