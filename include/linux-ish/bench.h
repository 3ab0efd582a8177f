/* Boot-time micro-benchmarks (kernel/test/bench.c), enabled by "bench". */
#ifndef _LINUX_ISH_BENCH_H
#define _LINUX_ISH_BENCH_H

void bench_run_all(void);

#endif
