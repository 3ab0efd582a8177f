/*
 * timerfd(2): timerfd_create's and timerfd_settime's flags, and the
 * ioctl that sets the expiration count (TFD_IOC_SET_TICKS, _IOW('T', 0, u64)).
 * The itimerspec layouts are in time.h.
 */
#ifndef _UAPI_LINUX_ISH_TIMERFD_H
#define _UAPI_LINUX_ISH_TIMERFD_H

#define TFD_TIMER_ABSTIME		(1 << 0)
#define TFD_TIMER_CANCEL_ON_SET		(1 << 1)
#define TFD_CLOEXEC			02000000	/* O_CLOEXEC */
#define TFD_NONBLOCK			00004000	/* O_NONBLOCK */

#define TFD_IOC_SET_TICKS		0x40085400

#endif
