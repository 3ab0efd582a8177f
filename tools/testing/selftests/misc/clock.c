/*
 * clock: CPU time advances while computing; sleeps last at least as asked;
 * CLOCK_TAI reads, and is REALTIME plus the TAI offset (0 until set).
 */
#include <time.h>
#include <unistd.h>
#include "../kselftest.h"

static double now(clockid_t c)
{
	struct timespec ts;

	clock_gettime(c, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(void)
{
	volatile unsigned long spin = 0;
	double t0, cpu0;
	struct timespec ts = { 0, 30 * 1000 * 1000 };

	ksft_plan(5);
	cpu0 = now(CLOCK_PROCESS_CPUTIME_ID);
	t0 = now(CLOCK_MONOTONIC);
	while (now(CLOCK_MONOTONIC) - t0 < 0.2)
		spin++;
	ksft_ok(now(CLOCK_PROCESS_CPUTIME_ID) - cpu0 > 0.05, "CPU time advances while computing");
	ksft_ok(clock() != (clock_t)-1, "clock() works");
	t0 = now(CLOCK_MONOTONIC);
	ksft_ok(nanosleep(&ts, NULL) == 0 && now(CLOCK_MONOTONIC) - t0 >= 0.03,
		"nanosleep(30 ms) sleeps at least 30 ms");
	t0 = now(CLOCK_MONOTONIC);
	ksft_ok(usleep(20000) == 0 && now(CLOCK_MONOTONIC) - t0 >= 0.02,
		"usleep(20 ms) (clock_nanosleep) sleeps at least 20 ms");
	ksft_ok(clock_gettime(CLOCK_TAI, &ts) == 0 && ts.tv_nsec < 1000000000 &&
		clock_getres(CLOCK_TAI, NULL) == 0 && now(CLOCK_TAI) - now(CLOCK_REALTIME) < 40.0 &&
		now(CLOCK_TAI) - now(CLOCK_REALTIME) > -1.0,
		"CLOCK_TAI reads (clock_gettime, clock_getres) within the TAI offset of REALTIME");
	ksft_exit();
}
