/*
 * The terminal: one TTY (the console) with Linux's line discipline.
 * Characters arrive from the UART (and the PS/2 keyboard) in interrupt
 * context through tty_receive_char(); readers sleep on read_wait.
 */
#ifndef _LINUX_ISH_TTY_H
#define _LINUX_ISH_TTY_H

#include <linux-ish/types.h>

void tty_receive_char(char c);
void keyboard_init(void);

#endif
