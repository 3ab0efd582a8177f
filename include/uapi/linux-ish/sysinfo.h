/*
 * sysinfo(2), i386 layout (64 bytes): memory counts are in mem_unit
 * bytes.  glibc's <sys/sysinfo.h> declares struct sysinfo too (through
 * Linux's <linux/sysinfo.h>): a program includes one or the other.
 */
#ifndef _UAPI_LINUX_ISH_SYSINFO_H
#define _UAPI_LINUX_ISH_SYSINFO_H

struct sysinfo {
	long uptime;
	unsigned long loads[3];
	unsigned long totalram, freeram, sharedram, bufferram, totalswap, freeswap;
	unsigned short procs, pad;
	unsigned long totalhigh, freehigh;
	unsigned int mem_unit;
	char _f[8];
};

#endif
