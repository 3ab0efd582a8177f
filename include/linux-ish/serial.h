/* Console drivers' entry points, called once from start_kernel(). */
#ifndef _LINUX_ISH_SERIAL_H
#define _LINUX_ISH_SERIAL_H

void serial_init(void);
void serial_enable_input(void);
void vgacon_init(void);

#endif
