/* pidfd_open(2)'s flag (linux/pidfd.h): the pidfd is O_NONBLOCK (waitid then does not block). */
#ifndef _UAPI_LINUX_ISH_PIDFD_H
#define _UAPI_LINUX_ISH_PIDFD_H

#define PIDFD_NONBLOCK	04000	/* O_NONBLOCK */

#endif
