/* free: show memory use in KiB from /proc/meminfo, like procps free; no options. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

struct meminfo {
	unsigned long total, free, available, shared;
	unsigned long buffers, cached, reclaimable;
	unsigned long swap_total, swap_free;
};

/* Stores the value of one "Key:   1234 kB" line if it is one we use. */
static void parse_line(const char *line, struct meminfo *m)
{
	unsigned long value;
	char key[64];

	if (sscanf(line, "%63s %lu", key, &value) != 2)
		return;
	if (!strcmp(key, "MemTotal:"))
		m->total = value;
	else if (!strcmp(key, "MemFree:"))
		m->free = value;
	else if (!strcmp(key, "MemAvailable:"))
		m->available = value;
	else if (!strcmp(key, "Shmem:"))
		m->shared = value;
	else if (!strcmp(key, "Buffers:"))
		m->buffers = value;
	else if (!strcmp(key, "Cached:"))
		m->cached = value;
	else if (!strcmp(key, "SReclaimable:"))
		m->reclaimable = value;
	else if (!strcmp(key, "SwapTotal:"))
		m->swap_total = value;
	else if (!strcmp(key, "SwapFree:"))
		m->swap_free = value;
}

int main(void)
{
	struct meminfo m = { 0 };
	unsigned long cache, used;
	char line[256];
	FILE *f;

	f = fopen("/proc/meminfo", "r");
	if (!f) {
		fprintf(stderr, "free: /proc/meminfo: %s\n", strerror(errno));
		return 1;
	}
	while (fgets(line, sizeof(line), f))
		parse_line(line, &m);
	fclose(f);

	/* procps 4 counts as used whatever is not available. */
	cache = m.buffers + m.cached + m.reclaimable;
	if (m.available)
		used = m.total - m.available;
	else
		used = m.total > m.free + cache ? m.total - m.free - cache : 0;
	printf("%8s%12s%12s%12s%12s%12s%12s\n", "", "total", "used", "free",
	       "shared", "buff/cache", "available");
	printf("%-8s%12lu%12lu%12lu%12lu%12lu%12lu\n", "Mem:", m.total, used,
	       m.free, m.shared, cache, m.available);
	/* procps prints Swap: always (0 0 0 without swap); used = total - free. */
	printf("%-8s%12lu%12lu%12lu\n", "Swap:", m.swap_total,
	       m.swap_total > m.swap_free ? m.swap_total - m.swap_free : 0, m.swap_free);
	return 0;
}
