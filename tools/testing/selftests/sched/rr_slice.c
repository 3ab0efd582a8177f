/*
 * SCHED_RR's 100 ms slices: two RR threads of one priority on CPU 0,
 * each spinning for 0.3 s of its own CPU time, take turns (at least
 * three runs between them), where two SCHED_FIFO ones run one after the
 * other.  Linnet only: Linux 6.1 in make test-host's QEMU (TCG, on a
 * busy machine) loses timer ticks while the TSC runs on, so its RR
 * threads are seen rotating after 190 ms or not at all within 300 ms.
 * Run as root.
 */
#include "../kselftest.h"
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "rt_threads.h"

int main(void)
{
	cpu_set_t set;
	int n;

	ksft_plan(3);
	CPU_ZERO(&set);
	CPU_SET(0, &set);
	if (sched_setaffinity(0, sizeof(set), &set) || set_self(SCHED_FIFO, 50)) {
		ksft_diag("cannot pin to CPU 0 at SCHED_FIFO 50: %s", strerror(errno));
		return 1;
	}
	n = spin_two(SCHED_RR);
	ksft_ok(n >= 3, "SCHED_RR: two spinners of 0.3 s take turns in slices (%d runs)", n);
	sleep(1);		/* a fresh RT throttling period */
	n = spin_two(SCHED_FIFO);
	ksft_ok(n == 2, "SCHED_FIFO: the first spinner runs to the end before the second (%d runs)", n);
	ksft_ok(set_self(SCHED_OTHER, 0) == 0, "back to SCHED_OTHER");
	ksft_exit();
}
