/*
 * tls_stale: a segment register left holding a TLS selector whose entry
 * was then made unusable must not bring the kernel down: the process goes
 * on (the selector reads as null) or is killed, and its parent sees it end.
 */
#include <signal.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <uapi/linux-ish/ldt.h>
#include "../kselftest.h"

static int set_area(struct user_desc *d)
{
	return syscall(SYS_set_thread_area, d);
}

static void stale_fs(void *arg)
{
	struct user_desc d;
	unsigned short sel;

	(void)arg;
	memset(&d, 0, sizeof(d));
	d.entry_number = -1;
	d.base_addr = 0;
	d.limit = 0xfffff;
	d.seg_32bit = 1;
	d.limit_in_pages = 1;
	d.useable = 1;
	if (set_area(&d))
		_exit(2);
	sel = (unsigned short)(d.entry_number * 8 + 3);
	__asm__ __volatile__("movw %0, %%fs" : : "r"(sel));
	d.seg_not_present = 1;
	set_area(&d);			/* %fs now names a not-present segment */
	syscall(SYS_getpid);		/* the return path reloads %fs */
	_exit(0);
}

/* The same with %ss: the return to user mode (iret) itself cannot load it. */
static void stale_ss(void *arg)
{
	struct user_desc d;
	unsigned short sel;

	(void)arg;
	memset(&d, 0, sizeof(d));
	d.entry_number = -1;
	d.limit = 0xfffff;
	d.seg_32bit = 1;
	d.limit_in_pages = 1;
	if (set_area(&d))
		_exit(2);
	sel = (unsigned short)(d.entry_number * 8 + 3);
	__asm__ __volatile__("movw %0, %%ss" : : "r"(sel));
	d.read_exec_only = 1;
	set_area(&d);			/* %ss now names a read-only segment */
	_exit(0);
}

int main(void)
{
	int st;

	ksft_plan(2);
	st = ksft_run_child(stale_fs, NULL);
	ksft_ok(WIFEXITED(st) || WIFSIGNALED(st),
		"a stale %%fs selector ends in an exit or a signal (status %#x)", st);
	st = ksft_run_child(stale_ss, NULL);
	ksft_ok(WIFEXITED(st) || WIFSIGNALED(st),
		"a read-only %%ss ends in an exit or a signal (status %#x)", st);
	ksft_exit();
}
