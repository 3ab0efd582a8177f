/* getrandom(2) flags. */
#ifndef _UAPI_LINUX_ISH_RANDOM_H
#define _UAPI_LINUX_ISH_RANDOM_H

#define GRND_NONBLOCK	0x1
#define GRND_RANDOM	0x2
#define GRND_INSECURE	0x4

#endif
