/*
 * The terminal ioctls and the kernel's struct termios (NCCS 19; glibc's
 * <termios.h> has a larger struct of the same name and translates): the
 * control-character indices and the mode bits Linnet's line discipline
 * uses, and the window size.
 */
#ifndef _UAPI_LINUX_ISH_TERMIOS_H
#define _UAPI_LINUX_ISH_TERMIOS_H

#include <uapi/linux-ish/types.h>

#define NCCS		19
#define VINTR		0
#define VQUIT		1
#define VERASE		2
#define VKILL		3
#define VEOF		4
#define VMIN		6
#define VSUSP		10
#define VWERASE		14

/* c_iflag */
#define ICRNL		0000400
/* c_lflag */
#define ISIG		0000001
#define ICANON		0000002
#define ECHO		0000010
#define ECHOE		0000020
#define ECHOK		0000040
#define NOFLSH		0000200
#define ECHOCTL		0001000

#define TCGETS		0x5401
#define TCSETS		0x5402
#define TCSETSW		0x5403
#define TCSETSF		0x5404
#define TCFLSH		0x540B
#define TIOCSCTTY	0x540E
#define TIOCGPGRP	0x540F
#define TIOCSPGRP	0x5410
#define TIOCGWINSZ	0x5413
#define TIOCSWINSZ	0x5414
#define FIONREAD	0x541B
#define FIONBIO		0x5421
#define TIOCNOTTY	0x5422
/* Answered for every descriptor before its driver (fs/ioctl.c). */
#define FIONCLEX	0x5450
#define FIOCLEX		0x5451
#define FIOASYNC	0x5452
#define FIOQSIZE	0x5460

struct termios {
	__u32 c_iflag, c_oflag, c_cflag, c_lflag;
	__u8 c_line;
	__u8 c_cc[NCCS];
};

struct winsize {
	__u16 ws_row, ws_col, ws_xpixel, ws_ypixel;
};

#endif
