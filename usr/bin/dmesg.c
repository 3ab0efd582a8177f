/* dmesg: print the kernel log buffer, without the "<N>" level prefix of each line; no options. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/klog.h>

#define SYSLOG_ACTION_READ_ALL		3
#define SYSLOG_ACTION_SIZE_BUFFER	10

/* Returns the length of a "<digits>" prefix at s, or 0 if there is none. */
static size_t prefix_len(const char *s, const char *end)
{
	const char *p = s + 1;

	if (s >= end || *s != '<')
		return 0;
	while (p < end && *p >= '0' && *p <= '9')
		p++;
	if (p == s + 1 || p >= end || *p != '>')
		return 0;
	return p + 1 - s;
}

/* Writes buf line by line, skipping each line's level prefix. */
static void print_log(const char *buf, size_t len)
{
	const char *p = buf, *end = buf + len, *nl;

	while (p < end) {
		p += prefix_len(p, end);
		nl = memchr(p, '\n', end - p);
		nl = nl ? nl + 1 : end;
		fwrite(p, 1, nl - p, stdout);
		p = nl;
	}
	if (len > 0 && buf[len - 1] != '\n')
		putchar('\n');
}

int main(void)
{
	int size, len;
	char *buf;

	size = klogctl(SYSLOG_ACTION_SIZE_BUFFER, NULL, 0);
	if (size < 0)
		goto fail;
	buf = malloc(size > 0 ? size : 1);
	if (!buf)
		goto fail;
	len = klogctl(SYSLOG_ACTION_READ_ALL, buf, size);
	if (len < 0)
		goto fail;
	print_log(buf, len);
	free(buf);
	return 0;
fail:
	fprintf(stderr, "dmesg: klogctl: %s\n", strerror(errno));
	return 1;
}
