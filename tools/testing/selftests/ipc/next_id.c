/*
 * kernel.{msg,sem,shm}_next_id (checkpoint/restore): a value written
 * there is the id the next new object of that kind gets (slot = id %
 * 32768, sequence = id / 32768), or the next free slot above when that
 * slot is taken; the knob reads -1 again once used.  Negative values
 * are EINVAL.  The files show mode 0444: root (with
 * CAP_CHECKPOINT_RESTORE) writes them, a plain user cannot open them for
 * writing (EACCES).  Run as root.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include "../kselftest.h"

#define SLOTS	32768

/* Writes @text to /proc/sys/kernel/@knob: 0 or -errno. */
static int knob_write(const char *knob, const char *text)
{
	char path[64];
	int fd, ret = 0;

	snprintf(path, sizeof(path), "/proc/sys/kernel/%s", knob);
	fd = open(path, O_WRONLY);
	if (fd < 0)
		return -errno;
	if (write(fd, text, strlen(text)) < 0)
		ret = -errno;
	close(fd);
	return ret;
}

static long knob_read(const char *knob)
{
	char path[64], buf[32];

	snprintf(path, sizeof(path), "/proc/sys/kernel/%s", knob);
	if (ksft_read_file(path, buf, sizeof(buf)) <= 0)
		return -1000;
	return strtol(buf, NULL, 10);
}

static int set_next(const char *knob, int id)
{
	char text[24];

	snprintf(text, sizeof(text), "%d\n", id);
	return knob_write(knob, text);
}

static int new_msg(void)	{ return msgget(IPC_PRIVATE, 0600); }
static int new_sem(void)	{ return semget(IPC_PRIVATE, 1, 0600); }
static int new_shm(void)	{ return shmget(IPC_PRIVATE, 4096, 0600); }
static void del_msg(int id)	{ msgctl(id, IPC_RMID, NULL); }
static void del_sem(int id)	{ semctl(id, 0, IPC_RMID); }
static void del_shm(int id)	{ shmctl(id, IPC_RMID, NULL); }

static void check_kind(const char *knob, int (*make)(void), void (*del)(int))
{
	int want = 3 * SLOTS + 77, a, b, c;
	struct stat st;
	char path[64];

	snprintf(path, sizeof(path), "/proc/sys/kernel/%s", knob);
	if (stat(path, &st) < 0)
		st.st_mode = 0;
	ksft_ok((st.st_mode & 0777) == 0444 && knob_read(knob) == -1,
		"%s: mode 0444, reads -1 (mode %o)", knob, st.st_mode & 0777);
	ksft_ok(set_next(knob, want) == 0 && knob_read(knob) == want,
		"%s: root writes %d", knob, want);
	a = make();
	ksft_ok(a == want && knob_read(knob) == -1,
		"%s: the next object gets that id (%d) and the knob reads -1 again", knob, a);
	b = make();
	ksft_ok(b >= 0 && b != want, "%s: then ids as usual (%d)", knob, b);
	/* slot 77 is taken now: the next free one above it, sequence 0 */
	c = set_next(knob, 77) == 0 ? make() : -1;
	ksft_ok(c > 77 && c < SLOTS, "%s: a taken slot gives the next free one above (%d)", knob, c);
	ksft_ok(set_next(knob, -1) == -EINVAL && knob_read(knob) == -1,
		"%s: a negative value is EINVAL", knob);
	del(a);
	del(b);
	del(c);
}

int main(void)
{
	pid_t pid;
	int st;

	ksft_plan(19);
	check_kind("msg_next_id", new_msg, del_msg);
	check_kind("sem_next_id", new_sem, del_sem);
	check_kind("shm_next_id", new_shm, del_shm);
	pid = fork();
	if (pid == 0) {
		if (setuid(65534) < 0)
			_exit(2);
		_exit(-set_next("msg_next_id", 5));
	}
	if (waitpid(pid, &st, 0) != pid)
		st = -1;
	ksft_ok(WIFEXITED(st) && WEXITSTATUS(st) == EACCES,
		"a plain user cannot open it for writing: EACCES (status %#x)", st);
	ksft_exit();
}
