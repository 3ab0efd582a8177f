/*
 * inotify: the events Linux 6.1 queues for a directory and a file watched
 * by one group -- create, open, modify, access, close, attrib, rename with
 * a shared cookie, mkdir/rmdir, unlink with Linux's order (ATTRIB,
 * DELETE_SELF, IGNORED to the file, then DELETE to the directory), rename
 * over a watched file, IN_ONESHOT, rm_watch's IGNORED, unmount's UNMOUNT;
 * the record format (len a multiple of 16), merging of equal events,
 * FIONREAD, EINVAL for a short buffer, EAGAIN, poll, the queue limit's
 * IN_Q_OVERFLOW, fdinfo; and the errors of the three calls.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>
#include "../kselftest.h"

#define DIR "/tmp/inotify_test"

struct ev {
	int wd;
	unsigned int mask, cookie;
	char name[64];
};

static struct ev evs[64];
static int nevs;

/* Reads everything queued (non-blocking descriptor). */
static void drain(int fd)
{
	char buf[4096] __attribute__((aligned(8)));
	ssize_t n;

	nevs = 0;
	while ((n = read(fd, buf, sizeof(buf))) > 0) {
		for (char *p = buf; p < buf + n; ) {
			struct inotify_event *e = (struct inotify_event *)p;

			if (nevs < 64) {
				evs[nevs].wd = e->wd;
				evs[nevs].mask = e->mask;
				evs[nevs].cookie = e->cookie;
				snprintf(evs[nevs].name, sizeof(evs[nevs].name), "%s",
					 e->len ? e->name : "");
				nevs++;
			}
			p += sizeof(*e) + e->len;
		}
	}
}

static int is(int i, int wd, unsigned int mask, const char *name)
{
	return i < nevs && evs[i].wd == wd && evs[i].mask == mask && !strcmp(evs[i].name, name);
}

static void show(const char *what)
{
	for (int i = 0; i < nevs; i++)
		ksft_diag("%s: %d wd %d mask %#x cookie %u name '%s'", what, i, evs[i].wd,
			  evs[i].mask, evs[i].cookie, evs[i].name);
}

static void errors(int fd)
{
	int file = open(DIR "/f", O_CREAT | O_WRONLY, 0644);

	ksft_ok(inotify_init1(0x1) < 0 && errno == EINVAL, "inotify_init1 unknown flag: EINVAL");
	ksft_ok(inotify_add_watch(file, DIR, IN_ALL_EVENTS) < 0 && errno == EINVAL,
		"add_watch on a non-inotify descriptor: EINVAL");
	ksft_ok(inotify_add_watch(999, DIR, IN_ALL_EVENTS) < 0 && errno == EBADF,
		"add_watch on a closed descriptor: EBADF");
	ksft_ok(inotify_add_watch(fd, DIR, 0) < 0 && errno == EINVAL, "an empty mask: EINVAL");
	ksft_ok(inotify_add_watch(fd, DIR, IN_MODIFY | IN_MASK_ADD | IN_MASK_CREATE) < 0 &&
		errno == EINVAL, "IN_MASK_ADD with IN_MASK_CREATE: EINVAL");
	ksft_ok(inotify_add_watch(fd, DIR "/f", IN_MODIFY | IN_ONLYDIR) < 0 && errno == ENOTDIR,
		"IN_ONLYDIR on a file: ENOTDIR");
	ksft_ok(inotify_add_watch(fd, DIR "/nope", IN_MODIFY) < 0 && errno == ENOENT,
		"a missing path: ENOENT");
	ksft_ok(inotify_add_watch(fd, (char *)1, IN_MODIFY) < 0 && errno == EFAULT,
		"a bad path pointer: EFAULT");
	ksft_ok(inotify_rm_watch(fd, 12345) < 0 && errno == EINVAL, "rm_watch of no watch: EINVAL");
	ksft_ok(inotify_rm_watch(file, 1) < 0 && errno == EINVAL, "rm_watch on a non-inotify fd: EINVAL");
	close(file);
	unlink(DIR "/f");
}

static void directory_events(int fd, int dwd)
{
	char c = 'x';
	int f;

	f = open(DIR "/a", O_CREAT | O_WRONLY, 0644);
	write(f, "1", 1);
	write(f, "2", 1);		/* merged with the first MODIFY */
	close(f);
	f = open(DIR "/a", O_RDONLY);
	read(f, &c, 1);
	close(f);
	drain(fd);
	show("dir");
	ksft_ok(nevs == 7 && is(0, dwd, IN_CREATE, "a") && is(1, dwd, IN_OPEN, "a") &&
		is(2, dwd, IN_MODIFY, "a") && is(3, dwd, IN_CLOSE_WRITE, "a") &&
		is(4, dwd, IN_OPEN, "a") && is(5, dwd, IN_ACCESS, "a") &&
		is(6, dwd, IN_CLOSE_NOWRITE, "a"),
		"create, open, modify (merged), close_write, open, access, close_nowrite");
	chmod(DIR "/a", 0644);
	drain(fd);
	ksft_ok(nevs == 1 && is(0, dwd, IN_ATTRIB, "a"), "chmod: ATTRIB with the name");
	rename(DIR "/a", DIR "/b");
	mkdir(DIR "/d", 0755);
	rmdir(DIR "/d");
	drain(fd);
	show("rename");
	ksft_ok(nevs == 4 && is(0, dwd, IN_MOVED_FROM, "a") && is(1, dwd, IN_MOVED_TO, "b") &&
		evs[0].cookie && evs[0].cookie == evs[1].cookie &&
		is(2, dwd, IN_CREATE | IN_ISDIR, "d") && is(3, dwd, IN_DELETE | IN_ISDIR, "d"),
		"rename: MOVED_FROM/MOVED_TO with one cookie; mkdir, rmdir with IN_ISDIR");
}

static void file_events(int fd, int dwd)
{
	int fwd = inotify_add_watch(fd, DIR "/b", IN_ALL_EVENTS), f;

	ksft_ok(fwd > dwd, "a second watch gets the next wd (%d)", fwd);
	ksft_ok(inotify_add_watch(fd, DIR "/b", IN_MODIFY) == fwd,
		"the same file again: the same wd");
	ksft_ok(inotify_add_watch(fd, DIR "/b", IN_MODIFY | IN_MASK_CREATE) < 0 && errno == EEXIST,
		"IN_MASK_CREATE on a watched file: EEXIST");
	ksft_ok(inotify_add_watch(fd, DIR "/b", IN_ALL_EVENTS | IN_MASK_ADD) == fwd,
		"IN_MASK_ADD widens it again");
	f = open(DIR "/b", O_WRONLY);
	write(f, "3", 1);
	close(f);
	drain(fd);
	show("file");
	ksft_ok(nevs == 6 && is(0, dwd, IN_OPEN, "b") && is(1, fwd, IN_OPEN, "") &&
		is(2, dwd, IN_MODIFY, "b") && is(3, fwd, IN_MODIFY, "") &&
		is(4, dwd, IN_CLOSE_WRITE, "b") && is(5, fwd, IN_CLOSE_WRITE, ""),
		"a file and its directory both hear: the directory first, with the name");
	unlink(DIR "/b");
	drain(fd);
	show("unlink");
	ksft_ok(nevs == 4 && is(0, fwd, IN_ATTRIB, "") && is(1, fwd, IN_DELETE_SELF, "") &&
		is(2, fwd, IN_IGNORED, "") && is(3, dwd, IN_DELETE, "b"),
		"unlink: ATTRIB, DELETE_SELF, IGNORED to the file, then DELETE to the directory");
}

static void rename_over(int fd, int dwd)
{
	int s = open(DIR "/src", O_CREAT | O_WRONLY, 0644), t = open(DIR "/dst", O_CREAT | O_WRONLY, 0644);
	int swd, twd;

	close(s);
	close(t);
	swd = inotify_add_watch(fd, DIR "/src", IN_ALL_EVENTS);
	twd = inotify_add_watch(fd, DIR "/dst", IN_ALL_EVENTS);
	drain(fd);
	rename(DIR "/src", DIR "/dst");
	drain(fd);
	show("rename over");
	ksft_ok(nevs == 6 && is(0, dwd, IN_MOVED_FROM, "src") && is(1, dwd, IN_MOVED_TO, "dst") &&
		is(2, twd, IN_ATTRIB, "") && is(3, swd, IN_MOVE_SELF, "") &&
		is(4, twd, IN_DELETE_SELF, "") && is(5, twd, IN_IGNORED, ""),
		"rename over a watched file: the moves, ATTRIB, MOVE_SELF, then the victim's DELETE_SELF");
	inotify_rm_watch(fd, swd);
	drain(fd);
	ksft_ok(nevs == 1 && is(0, swd, IN_IGNORED, ""), "rm_watch queues IN_IGNORED");
	unlink(DIR "/dst");
	drain(fd);
}

static void oneshot_and_format(int fd, int dwd)
{
	int f = open(DIR "/o", O_CREAT | O_WRONLY, 0644), owd, n = 0;
	char small[sizeof(struct inotify_event)], buf[256] __attribute__((aligned(8)));
	struct inotify_event *e = (struct inotify_event *)buf;
	ssize_t got;

	owd = inotify_add_watch(fd, DIR "/o", IN_MODIFY | IN_ONESHOT);
	drain(fd);
	write(f, "1", 1);
	drain(fd);
	ksft_ok(nevs == 3 && is(0, dwd, IN_MODIFY, "o") && is(1, owd, IN_MODIFY, "") &&
		is(2, owd, IN_IGNORED, ""), "IN_ONESHOT: one event, then IGNORED");
	write(f, "2", 1);
	drain(fd);
	ksft_ok(nevs == 1 && is(0, dwd, IN_MODIFY, "o"), "then the file's watch is gone");
	close(f);
	drain(fd);
	unlink(DIR "/o");
	ioctl(fd, FIONREAD, &n);
	ksft_ok(n == 32, "FIONREAD: one event with a 1-byte name takes 16 + 16 bytes (%d)", n);
	got = read(fd, small, sizeof(small));
	ksft_ok(got < 0 && errno == EINVAL, "a buffer too small for the next event: EINVAL");
	got = read(fd, buf, sizeof(buf));
	ksft_ok(got == 32 && e->len == 16 && !strcmp(e->name, "o") && e->wd == dwd &&
		e->mask == IN_DELETE, "the record: len 16, the name NUL-padded");
	got = read(fd, buf, sizeof(buf));
	ksft_ok(got < 0 && errno == EAGAIN, "an empty queue, O_NONBLOCK: EAGAIN");
	{
		struct pollfd p = { .fd = fd, .events = POLLIN };

		ksft_ok(poll(&p, 1, 0) == 0, "poll: nothing queued");
		close(open(DIR "/p", O_CREAT | O_WRONLY, 0644));
		ksft_ok(poll(&p, 1, 0) == 1 && (p.revents & POLLIN), "poll: POLLIN once queued");
		unlink(DIR "/p");
		drain(fd);
	}
}

static void overflow(void)
{
	char old[32] = "", path[64];
	int q, fd, wd, n;
	FILE *f = fopen("/proc/sys/fs/inotify/max_queued_events", "r+");

	if (!f || !fgets(old, sizeof(old), f)) {
		ksft_ok(0, "reading fs.inotify.max_queued_events");
		return;
	}
	rewind(f);
	fprintf(f, "4\n");
	fclose(f);
	fd = inotify_init1(IN_NONBLOCK);
	f = fopen("/proc/sys/fs/inotify/max_queued_events", "w");
	fputs(old, f);
	fclose(f);
	wd = inotify_add_watch(fd, DIR, IN_CREATE);
	for (int i = 0; i < 7; i++) {
		snprintf(path, sizeof(path), DIR "/q%d", i);
		close(open(path, O_CREAT | O_WRONLY, 0644));
		unlink(path);
	}
	drain(fd);
	n = nevs;
	q = evs[n - 1].wd == -1 && evs[n - 1].mask == IN_Q_OVERFLOW;
	ksft_ok(n == 5 && is(0, wd, IN_CREATE, "q0") && q,
		"max_queued_events 4: four events and one IN_Q_OVERFLOW (%d)", n);
	close(fd);
}

static void unmount(int fd)
{
	int wd, f;

	mkdir(DIR "/mnt", 0755);
	if (mount("none", DIR "/mnt", "tmpfs", 0, NULL)) {
		ksft_ok(0, "mount tmpfs");
		return;
	}
	f = open(DIR "/mnt/x", O_CREAT | O_WRONLY, 0644);
	close(f);
	wd = inotify_add_watch(fd, DIR "/mnt/x", IN_MODIFY);
	drain(fd);
	ksft_ok(umount(DIR "/mnt") == 0, "umount with a watch inside");
	drain(fd);
	ksft_ok(nevs == 2 && is(0, wd, IN_UNMOUNT, "") && is(1, wd, IN_IGNORED, ""),
		"umount: IN_UNMOUNT then IN_IGNORED");
	rmdir(DIR "/mnt");
	drain(fd);
}

static void fdinfo(int fd, int dwd)
{
	char path[64], buf[1024], want[32];

	snprintf(path, sizeof(path), "/proc/self/fdinfo/%d", fd);
	snprintf(want, sizeof(want), "inotify wd:%x ino:", dwd);
	ksft_ok(ksft_read_file(path, buf, sizeof(buf)) > 0 && strstr(buf, want),
		"fdinfo lists the watch");
}

int main(void)
{
	int fd, dwd;

	ksft_plan(35);
	mkdir(DIR, 0755);
	fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
	ksft_ok(fd >= 0 && (fcntl(fd, F_GETFD) & FD_CLOEXEC), "inotify_init1(IN_NONBLOCK|IN_CLOEXEC)");
	errors(fd);
	dwd = inotify_add_watch(fd, DIR, IN_ALL_EVENTS);
	ksft_ok(dwd >= 1, "a watch on the directory (wd %d)", dwd);
	directory_events(fd, dwd);
	file_events(fd, dwd);
	rename_over(fd, dwd);
	oneshot_and_format(fd, dwd);
	fdinfo(fd, dwd);
	overflow();
	unmount(fd);
	close(fd);
	rmdir(DIR);
	ksft_exit();
}
