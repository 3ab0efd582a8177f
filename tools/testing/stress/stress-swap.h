/*
 * stress-swap.h: make stress's swap area, for stress-run.c alone (it
 * uses the driver's snapshot, result() and counters; one C file per
 * program, so this is a header).
 *
 * STRESS_SWAP=vda names a disk that holds a swap area (the host's
 * mkswap).  Before the baseline the driver makes its node and turns it
 * on (swapon), so the baseline has every slot free; the programs then
 * push pages out with MADV_PAGEOUT (and reclaim, under memory pressure),
 * and the fuzzer's children get the node for their swapon/swapoff calls
 * (FUZZ_SWAP): the live area is turned off and on again under load.
 * With fail_make_request= on the command line the disk's make-it-fail
 * is on during the runs: the programs' swap writes and reads fail
 * (a failed write leaves the page dirty in memory, a failed read is a
 * SIGBUS of the process that faulted).
 *
 * The leak check then also requires: the area on (the fuzzer may have
 * left it off: the driver turns it on again first) with SwapTotal,
 * SwapFree and SwapCached at the baseline, i.e. every slot free and the
 * swap cache empty; SwapTotal - SwapFree equal to the Used column of
 * /proc/swaps (the global count of free slots agrees with the areas').
 * After the leak check a swapoff must succeed, and every counter must be
 * back where it was before the swapon (the area's own memory freed).
 * The LRU lists' lengths are in the nr_* gauges of the main leak check,
 * and the census (/sys/kernel/debug/page_accounting) counts them, and
 * the swap cache, frame by frame.
 *
 * STRESS_FREE_MB=N: before anything else the driver locks all but about
 * N MiB of free memory away (an mlock'd, MADV_DONTFORK ballast it never
 * touches again), so that the programs run in a small RAM and reclaim
 * must swap -- the guest itself needs its 512 MiB to unpack the
 * initramfs.  The ballast is in every snapshot, so the checks are as
 * exact as without it.
 *
 * Invariant (the driver's): nothing here allocates after the baseline.
 */
#ifndef STRESS_SWAP_H
#define STRESS_SWAP_H

#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/swap.h>

static const char *swap_disk;			/* STRESS_SWAP, or NULL */
static char swap_node[64] = "/tmp/stress-swap";
static struct snapshot before_swap;		/* the counters before the swapon */
static int swap_injecting;			/* fail_make_request on the swap disk */
static int swap_bus_kills;			/* runs killed by SIGBUS: a failed swap read */
static int ballast_on;				/* STRESS_FREE_MB locked memory away */

/* Writes @value to /proc/self/oom_score_adj; 0 if done. */
static int set_oom_score_adj(const char *value)
{
	int fd = open("/proc/self/oom_score_adj", O_WRONLY), ret;

	if (fd < 0)
		return -1;
	ret = write(fd, value, strlen(value)) == (ssize_t)strlen(value) ? 0 : -1;
	close(fd);
	return ret;
}
/*
 * The probe: every round a child of the driver (not under injection)
 * writes 64 pages, pages them out and reads them back -- swap traffic
 * even when injection kills every program before its first MADV_PAGEOUT
 * (50 %), alongside their faults and the fuzzer's swapoff.  A child, not
 * the driver itself: a failed readahead made by an injected process may
 * leave a probe page in the swap cache unread, and the fault on it is a
 * SIGBUS (as in Linux); that is a skipped probe, not a dead driver.
 */
#define SWAP_PROBE_PAGES	64
static uint32_t swap_probe[SWAP_PROBE_PAGES * 1024] __attribute__((aligned(4096)));
static int swap_probe_bad, swap_probe_skipped;	/* probes that came back wrong, or died */

static uint32_t probe_word(size_t i)
{
	return (uint32_t)(i * 2654435761u) ^ 0x5a5a0000u;
}

/* In a child of the driver, before it runs anything: oom_score_adj back to 0. */
static void child_oom_score_adj(void)
{
	if (ballast_on)
		set_oom_score_adj("0");
}

/* One probe, in a child; waited for here (the driver's other children are runs). */
static void swap_probe_round(void)
{
	int status;
	pid_t pid;

	if (!swap_disk)
		return;
	pid = fork();
	if (pid == 0) {
		size_t n = sizeof(swap_probe) / sizeof(swap_probe[0]);

		child_oom_score_adj();
		for (size_t i = 0; i < n; i++)
			swap_probe[i] = probe_word(i);
		madvise(swap_probe, sizeof(swap_probe), 21 /* MADV_PAGEOUT */);
		for (size_t i = 0; i < n; i++)
			if (swap_probe[i] != probe_word(i))
				_exit(1);
		_exit(0);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid) {
		swap_probe_skipped++;
		return;
	}
	if (WIFEXITED(status) && WEXITSTATUS(status) == 1)
		swap_probe_bad++;
	else if (!WIFEXITED(status) || WEXITSTATUS(status))
		swap_probe_skipped++;	/* SIGBUS (a failed readahead), SIGKILL (OOM) */
}

/* Writes @value to @dev's fail_make_request switch; 0 if done. */
static int dev_switch(const char *dev, const char *value)
{
	char path[128];
	int fd, ret;

	snprintf(path, sizeof(path), "/sys/kernel/debug/block/%s/make-it-fail", dev);
	fd = open(path, O_WRONLY);
	if (fd < 0)
		return -1;
	ret = write(fd, value, 1) == 1 ? 0 : -1;
	close(fd);
	return ret;
}

/* A block device node @node for disk @dev (from /proc/partitions); 0 or -1. */
static int make_dev_node(const char *dev, const char *node)
{
	char *line, *save;

	if (read_file("/proc/partitions") < 0)
		return -1;
	for (line = strtok_r(filebuf, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		unsigned int ma, mi;
		unsigned long long kib;
		char name[64];

		if (sscanf(line, "%u %u %llu %63s", &ma, &mi, &kib, name) == 4 &&
		    !strcmp(name, dev)) {
			unlink(node);
			return mknod(node, S_IFBLK | 0600, makedev(ma, mi)) ? -1 : 0;
		}
	}
	errno = ENODEV;
	return -1;
}

/* STRESS_FREE_MB: locks all but about that much free memory away; see the top. */
static void ballast(void)
{
	unsigned long want = env_number("STRESS_FREE_MB", 0) << 10, free_kb, kb;
	struct rlimit unlimited = { RLIM_INFINITY, RLIM_INFINITY };
	void *p;

	if (!want || read_file("/proc/meminfo") < 0)
		return;
	free_kb = (unsigned long)value_of(now.mem, now.nmem = parse_counters(now.mem, NULL),
					  "MemFree");
	if (free_kb <= want)
		return;
	kb = free_kb - want;
	p = mmap(NULL, kb << 10, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	setrlimit(RLIMIT_MEMLOCK, &unlimited);
	if (p == MAP_FAILED || madvise(p, kb << 10, MADV_DONTFORK) || mlock(p, kb << 10)) {
		say("# ballast: could not lock %lu MiB away: %s", kb >> 10, strerror(errno));
		if (p != MAP_FAILED)
			munmap(p, kb << 10);
		return;
	}
	/*
	 * The ballast makes the driver the biggest process: the OOM killer
	 * must never pick it (OOM_SCORE_ADJ_MIN); its children set theirs
	 * back to 0 before they run (child_oom_score_adj()).
	 */
	ballast_on = 1;
	if (set_oom_score_adj("-1000"))
		say("# ballast: cannot set oom_score_adj -1000: %s", strerror(errno));
	say("# ballast: %lu MiB locked away, about %lu MiB left free for the runs",
	    kb >> 10, want >> 10);
}

/* Before the warm-up: the node, and FUZZ_SWAP for the fuzzer.  0 or -1. */
static int swap_prepare(void)
{
	/*
	 * Every static of this file written now, swap or not: a .bss page
	 * first written after the baseline (swap_bus_kills in finish()) is a
	 * new anonymous page of the driver, which the leak check would count.
	 */
	memset(&before_swap, 0, sizeof(before_swap));
	swap_bus_kills = swap_probe_bad = swap_probe_skipped = swap_injecting = 0;
	swap_disk = getenv("STRESS_SWAP");
	if (!swap_disk || !*swap_disk) {
		swap_disk = NULL;
		return 0;
	}
	if (make_dev_node(swap_disk, swap_node))
		return -1;
	setenv("FUZZ_SWAP", swap_node, 1);
	swap_injecting = stress_file_has("/proc/cmdline", "fail_make_request=") == 1;
	return 0;
}

/* A meminfo value, in kB, from @s. */
static long mem_kb(const struct snapshot *s, const char *name)
{
	return value_of(s->mem, s->nmem, name);
}

/* Right before the baseline: the counters, then the area on. */
static void swap_start(void)
{
	if (!swap_disk)
		return;
	snapshot(&before_swap);
	if (swapon(swap_node, 0)) {
		result(0, "swap: swapon %s (%s): %s", swap_node, swap_disk, strerror(errno));
		swap_disk = NULL;
		return;
	}
	snapshot(&now);
	say("# swap: %s (%s) on, %ld kB%s", swap_node, swap_disk, mem_kb(&now, "SwapTotal"),
	    swap_injecting ? ", make-it-fail on during the runs: fail_make_request may fail "
	    "the programs' swap I/O" : "");
}

/* The disk's make-it-fail, for the runs only. */
static void swap_arm(int on)
{
	if (swap_disk && swap_injecting && dev_switch(swap_disk, on ? "1" : "0"))
		result(0, "swap: cannot switch make-it-fail %s for %s", on ? "on" : "off",
		       swap_disk);
}

/* The Used column of /proc/swaps, summed, in kB; -1 if unreadable. */
static long swaps_used_kb(void)
{
	long used = 0;
	char *line, *save;

	if (read_file("/proc/swaps") < 0)
		return -1;
	for (line = strtok_r(filebuf, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char name[128], type[32];
		long size, u, prio;

		if (sscanf(line, "%127s %31s %ld %ld %ld", name, type, &size, &u, &prio) == 5)
			used += u;
	}
	return used;
}

/*
 * After the runs, before the leak check: injection off, and the area on
 * again if a fuzzer's swapoff left it off (its swapon may fail: then the
 * counters show it).
 */
static void swap_after_runs(void)
{
	if (!swap_disk)
		return;
	swap_arm(0);
	result(!swap_probe_bad, "swap: the probe's %d pages, paged out every round, came back "
	       "intact (%d probes wrong, %d died: SIGBUS or SIGKILL)", SWAP_PROBE_PAGES,
	       swap_probe_bad, swap_probe_skipped);
	if (!swapon(swap_node, 0))
		say("# swap: the area was off at the end (a fuzzer's swapoff): turned on again");
}

/*
 * Part of the leak check (@now is fresh): every slot free, nothing in
 * the swap cache, the global free count agreeing with the areas'.
 * Returns 1 if all holds; with @report, says what does not.
 */
static int swap_counters_ok(int report)
{
	static const char *const names[] = { "SwapTotal", "SwapFree", "SwapCached" };
	long total = mem_kb(&now, "SwapTotal"), free = mem_kb(&now, "SwapFree");
	long used = swaps_used_kb();
	int ok = 1;

	if (!swap_disk)
		return 1;
	for (int i = 0; i < 3; i++) {
		long b = mem_kb(&base, names[i]), n = mem_kb(&now, names[i]);

		if (b == n)
			continue;
		ok = 0;
		if (report)
			say("# leak: meminfo %s: baseline %ld kB, now %ld kB", names[i], b, n);
	}
	if (total != free || mem_kb(&now, "SwapCached")) {
		ok = 0;
		if (report)
			say("# leak: swap: SwapTotal %ld kB, SwapFree %ld kB, SwapCached %ld kB: "
			    "slots or swap-cache pages still in use", total, free,
			    mem_kb(&now, "SwapCached"));
	}
	if (used != total - free) {
		ok = 0;
		if (report)
			say("# leak: swap: /proc/swaps says %ld kB used, meminfo %ld kB "
			    "(SwapTotal - SwapFree)", used, total - free);
	}
	return ok;
}

/*
 * After the leak check: swapoff (nothing is in the area, so it must
 * work), then SwapTotal and SwapCached 0 and every counter back where it
 * was before the swapon.
 */
static void swap_finish(void)
{
	long total, cached;
	int err;

	if (!swap_disk)
		return;
	err = swapoff(swap_node) ? errno : 0;
	result(!err, "swap: swapoff %s at the end%s%s", swap_node, err ? ": " : "",
	       err ? strerror(err) : "");
	snapshot(&now);
	total = mem_kb(&now, "SwapTotal");
	cached = mem_kb(&now, "SwapCached");
	result(!err && total == 0 && cached == 0 && mem_kb(&now, "SwapFree") == 0,
	       "swap: after swapoff SwapTotal %ld kB, SwapCached %ld kB", total, cached);
	if (err)
		return;
	/* The area's own memory (its swap_map, its struct) must be gone too. */
	base = before_swap;
	leak_check_named("after swapoff, against the counters before swapon");
}

#endif
