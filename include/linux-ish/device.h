/* Bringing up the device drivers at boot (drivers/base/init.c). */
#ifndef _LINUX_ISH_DEVICE_H
#define _LINUX_ISH_DEVICE_H

/* pid 1, before the boot-time tests: buses, then their drivers; may sleep. */
void driver_init(void);

#endif
