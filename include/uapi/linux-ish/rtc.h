/*
 * The RTC character device (/dev/rtc0): Linux's struct rtc_time and
 * struct rtc_wkalrm, the ioctl numbers (written out: _IOR('p', 0x09,
 * struct rtc_time) is 0x80247009), and the bits of the word read()
 * returns.  glibc has no header for these; Linux's is <linux/rtc.h>,
 * whose names and values these are (include one or the other).
 */
#ifndef _UAPI_LINUX_ISH_RTC_H
#define _UAPI_LINUX_ISH_RTC_H

#include <uapi/linux-ish/types.h>

/* The fields and ranges of struct tm: tm_mon 0-11, tm_year from 1900. */
struct rtc_time {
	int tm_sec;
	int tm_min;
	int tm_hour;
	int tm_mday;
	int tm_mon;
	int tm_year;
	int tm_wday;
	int tm_yday;
	int tm_isdst;
};

/* The wake-up alarm: RTC_WKALM_SET/RD (40 bytes on i386). */
struct rtc_wkalrm {
	unsigned char enabled;	/* 0 = alarm disabled, 1 = enabled */
	unsigned char pending;	/* 0 = alarm not pending, 1 = pending */
	struct rtc_time time;	/* the alarm's date and time */
};

#define RTC_AIE_ON	0x7001		/* _IO('p', 0x01): alarm interrupt on */
#define RTC_AIE_OFF	0x7002
#define RTC_UIE_ON	0x7003		/* update interrupt (1 Hz) on */
#define RTC_UIE_OFF	0x7004
#define RTC_PIE_ON	0x7005		/* periodic interrupt on */
#define RTC_PIE_OFF	0x7006
#define RTC_WIE_ON	0x700f		/* watchdog: never on a PC's RTC */
#define RTC_WIE_OFF	0x7010

#define RTC_ALM_SET	0x40247007	/* _IOW('p', 0x07, struct rtc_time) */
#define RTC_ALM_READ	0x80247008	/* _IOR('p', 0x08, struct rtc_time) */
#define RTC_RD_TIME	0x80247009	/* _IOR('p', 0x09, struct rtc_time) */
#define RTC_SET_TIME	0x4024700a	/* _IOW('p', 0x0a, struct rtc_time) */
#define RTC_IRQP_READ	0x8004700b	/* _IOR('p', 0x0b, unsigned long) */
#define RTC_IRQP_SET	0x4004700c	/* _IOW('p', 0x0c, unsigned long) */
#define RTC_EPOCH_READ	0x8004700d	/* _IOR('p', 0x0d, unsigned long) */
#define RTC_EPOCH_SET	0x4004700e	/* _IOW('p', 0x0e, unsigned long) */
#define RTC_WKALM_SET	0x4028700f	/* _IOW('p', 0x0f, struct rtc_wkalrm) */
#define RTC_WKALM_RD	0x80287010	/* _IOR('p', 0x10, struct rtc_wkalrm) */

/* RTC_PARAM_GET/SET's argument (24 bytes). */
struct rtc_param {
	__u64 param;		/* RTC_PARAM_* */
	union {
		__u64 uvalue;
		__s64 svalue;
		__u64 ptr;
	};
	__u32 index;
	__u32 __pad;
};

#define RTC_PARAM_GET	0x40187013	/* _IOW('p', 0x13, struct rtc_param) */
#define RTC_PARAM_SET	0x40187014	/* _IOW('p', 0x14, struct rtc_param) */
#define RTC_PARAM_FEATURES		0
#define RTC_PARAM_CORRECTION		1
#define RTC_PARAM_BACKUP_SWITCH_MODE	2
/* RTC_PARAM_FEATURES's bits (those a PC's RTC may have) */
#define RTC_FEATURE_ALARM		0
#define RTC_FEATURE_UPDATE_INTERRUPT	4

/* read(): (interrupts since the last read << 8) | RTC_IRQF | their kinds. */
#define RTC_IRQF	0x80		/* some interrupt happened */
#define RTC_PF		0x40		/* periodic */
#define RTC_AF		0x20		/* alarm */
#define RTC_UF		0x10		/* update (once a second) */

#define RTC_MAX_FREQ	8192		/* the highest periodic rate */

#endif
