/* Deliberate crashes for testing the failure paths (drivers/misc/lkdtm.c). */
#ifndef _LINUX_ISH_LKDTM_H
#define _LINUX_ISH_LKDTM_H

/* Fires the crash chosen with lkdtm= on the command line, if any. */
void lkdtm_trigger(void);

#endif
