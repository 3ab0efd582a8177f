/* The release; the Makefile reads it from here too. */
#ifndef _LINUX_ISH_VERSION_H
#define _LINUX_ISH_VERSION_H

#define LINNET_VERSION "0.1.0"

#endif
