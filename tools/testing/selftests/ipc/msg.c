/* msg: System V message queues through glibc (ipc(2) on i386), the ipc(2)
 * MSGRCV versions and the direct calls: get, send and receive by type,
 * truncation, full and empty queues, blocking across fork, EIDRM, EINTR,
 * msgctl status and errors. */
#include <signal.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include "../kselftest.h"

struct m {
	long mtype;
	char text[64];
};

static int snd(int id, long type, const char *s, int flg)
{
	struct m b = { type, { 0 } };

	strcpy(b.text, s);
	return msgsnd(id, &b, strlen(s) + 1, flg);
}

/* The text received, or "" on error. */
static const char *rcv(int id, long type, int flg, long *got)
{
	static struct m b;

	memset(&b, 0, sizeof(b));
	if (msgrcv(id, &b, sizeof(b.text), type, flg | IPC_NOWAIT) < 0)
		return "";
	if (got)
		*got = b.mtype;
	return b.text;
}

static int reaped_with(pid_t pid, int code)
{
	int st;

	return waitpid(pid, &st, 0) == pid && KSFT_EXITED(st, code);
}

static int qnum(int id)
{
	struct msqid_ds ds;

	return msgctl(id, IPC_STAT, &ds) ? -1 : (int)ds.msg_qnum;
}

/*
 * MSG_COPY with IPC_NOWAIT (what CRIU does): msgtyp is a position; the
 * message is copied, not taken; past the end or negative ENOMSG; a small
 * buffer E2BIG.  Leaves the queue empty.
 */
static int msg_copy_works(int id)
{
	struct m b = { 0, { 0 } };
	int ok = snd(id, 5, "first", 0) == 0 && snd(id, 6, "second", 0) == 0;

	ok = ok && msgrcv(id, &b, sizeof(b.text), 1, MSG_COPY | IPC_NOWAIT) == 7 &&
	     b.mtype == 6 && !strcmp(b.text, "second") && qnum(id) == 2;
	ok = ok && msgrcv(id, &b, sizeof(b.text), 0, MSG_COPY | IPC_NOWAIT) == 6 &&
	     b.mtype == 5 && !strcmp(b.text, "first") && qnum(id) == 2;
	errno = 0;
	ok = ok && msgrcv(id, &b, sizeof(b.text), 2, MSG_COPY | IPC_NOWAIT) == -1 && errno == ENOMSG;
	errno = 0;
	ok = ok && msgrcv(id, &b, sizeof(b.text), -1, MSG_COPY | IPC_NOWAIT) == -1 && errno == ENOMSG;
	errno = 0;
	ok = ok && msgrcv(id, &b, 2, 0, MSG_COPY | IPC_NOWAIT) == -1 && errno == E2BIG;
	while (msgrcv(id, &b, sizeof(b.text), 0, IPC_NOWAIT) > 0)
		;
	return ok && qnum(id) == 0;
}

static void test_get(int key)
{
	int id;

	ksft_ok(msgget(key, 0600) == -1 && errno == ENOENT, "an unknown key is ENOENT");
	id = msgget(key, IPC_CREAT | 0600);
	ksft_ok(id >= 0 && msgget(key, 0) == id && msgget(key, IPC_CREAT | IPC_EXCL) == -1 &&
		errno == EEXIST, "IPC_CREAT, lookup by key, IPC_EXCL EEXIST");
	ksft_ok(msgctl(id, IPC_RMID, NULL) == 0 && msgget(key, 0) == -1 && errno == ENOENT &&
		msgctl(id, IPC_RMID, NULL) == -1 && errno == EINVAL, "IPC_RMID; again EINVAL");
}

static void test_types(void)
{
	int id = msgget(IPC_PRIVATE, 0600);
	long t = 0;
	int ok;

	snd(id, 5, "five", 0);
	snd(id, 2, "two", 0);
	snd(id, 9, "nine", 0);
	snd(id, 2, "two-b", 0);
	snd(id, 1, "one", 0);
	ksft_ok(qnum(id) == 5 && !strcmp(rcv(id, 2, 0, &t), "two") && t == 2,
		"a positive type takes the first of that type");
	ksft_ok(!strcmp(rcv(id, -4, 0, &t), "one") && !strcmp(rcv(id, -4, 0, NULL), "two-b"),
		"a negative type takes the first of the lowest type not above it");
	ksft_ok(!strcmp(rcv(id, 5, MSG_EXCEPT, &t), "nine") && !strcmp(rcv(id, 0, 0, NULL), "five") &&
		qnum(id) == 0, "MSG_EXCEPT takes the first of another type; 0 the first of all");
	ok = msgrcv(id, &(struct m){ 0 }, 64, 0, IPC_NOWAIT) == -1 && errno == ENOMSG;
	ok &= msgrcv(id, &(struct m){ 0 }, 64, 3, IPC_NOWAIT) == -1 && errno == ENOMSG;
	ksft_ok(ok, "nothing matching with IPC_NOWAIT is ENOMSG");
	snd(id, 3, "a long message", 0);
	{
		struct m b = { 0, { 0 } };

		ksft_ok(msgrcv(id, &b, 4, 0, IPC_NOWAIT) == -1 && errno == E2BIG && qnum(id) == 1 &&
			msgrcv(id, &b, 4, 0, IPC_NOWAIT | MSG_NOERROR) == 4 && !memcmp(b.text, "a lo", 4) &&
			qnum(id) == 0, "too small a buffer: E2BIG and kept; MSG_NOERROR cuts it and takes it");
	}
	ksft_ok(msgsnd(id, &(struct m){ 0, "x" }, 2, 0) == -1 && errno == EINVAL &&
		msgsnd(id, &(struct m){ 1, "x" }, 8193, 0) == -1 && errno == EINVAL &&
		msgsnd(id, &(struct m){ 1, "x" }, -1, 0) == -1 && errno == EINVAL &&
		msgsnd(id, (void *)4, 2, 0) == -1 && errno == EFAULT &&
		msgsnd(0x7fffffff, &(struct m){ 1, "x" }, 2, 0) == -1 && errno == EINVAL,
		"msgsnd: type 0, above msgmax, negative size, bad id EINVAL; a bad buffer EFAULT");
	ksft_ok(msgrcv(id, &(struct m){ 0 }, -1, 0, IPC_NOWAIT) == -1 && errno == EINVAL &&
		msgrcv(id, &(struct m){ 0 }, 8, 0, MSG_COPY) == -1 && errno == EINVAL &&
		msgrcv(-1, &(struct m){ 0 }, 8, 0, 0) == -1 && errno == EINVAL,
		"msgrcv: negative size, MSG_COPY without IPC_NOWAIT, bad id: EINVAL");
	ksft_ok(msg_copy_works(id), "MSG_COPY copies the message at a position and leaves it");
	snd(id, 1, "lost", 0);
	ksft_ok(msgrcv(id, (void *)4, 8, 0, IPC_NOWAIT) == -1 && errno == EFAULT && qnum(id) == 0,
		"a bad receive buffer is EFAULT and the message is gone (as Linux)");
	msgctl(id, IPC_RMID, NULL);
}

static void test_full_and_blocking(void)
{
	int id = msgget(IPC_PRIVATE, 0600);
	struct msqid_ds ds;
	pid_t pid;

	msgctl(id, IPC_STAT, &ds);
	ksft_ok(ds.msg_qbytes == 16384 && ds.msg_qnum == 0 && ds.msg_cbytes == 0,
		"a new queue holds msgmnb (16384) bytes");
	ds.msg_qbytes = 10;
	msgctl(id, IPC_SET, &ds);
	snd(id, 1, "12345678", 0);	/* 9 bytes */
	ksft_ok(snd(id, 1, "ab", IPC_NOWAIT) == -1 && errno == EAGAIN && msgctl(id, IPC_STAT, &ds) == 0 &&
		ds.msg_qbytes == 10 && ds.msg_cbytes == 9 && ds.msg_qnum == 1 && ds.msg_lspid == getpid(),
		"IPC_SET msg_qbytes; a full queue with IPC_NOWAIT is EAGAIN; cbytes, qnum, lspid");
	pid = fork();
	if (pid == 0)
		_exit(snd(id, 2, "ab", 0) == 0 ? 0 : 1);
	usleep(100000);
	ksft_ok(qnum(id) == 1 && !strcmp(rcv(id, 1, 0, NULL), "12345678") && reaped_with(pid, 0) &&
		qnum(id) == 1, "a sender waits for room, and goes on when a receive makes it");
	rcv(id, 0, 0, NULL);
	ds.msg_qbytes = 16384;
	msgctl(id, IPC_SET, &ds);
	pid = fork();
	if (pid == 0) {
		struct m b;

		_exit(msgrcv(id, &b, 64, 7, 0) == 6 && !strcmp(b.text, "seven") ? 0 : 1);
	}
	usleep(100000);
	snd(id, 3, "three", 0);
	snd(id, 7, "seven", 0);
	ksft_ok(reaped_with(pid, 0) && qnum(id) == 1 && msgctl(id, IPC_STAT, &ds) == 0 && ds.msg_lrpid == pid,
		"a receiver waits for its type; lrpid");
	pid = fork();
	if (pid == 0)
		_exit(msgrcv(id, &(struct m){ 0 }, 64, 99, 0) == -1 && errno == EIDRM ? 0 : 1);
	usleep(100000);
	ksft_ok(msgctl(id, IPC_RMID, NULL) == 0 && reaped_with(pid, 0), "IPC_RMID wakes a receiver with EIDRM");
}

static void on_alarm(int sig) { (void)sig; }

static void test_eintr_and_raw(void)
{
	int id = msgget(IPC_PRIVATE, 0600), idx = id & 0x7fff, max, q2 = -1;
	struct itimerval it = { { 0, 0 }, { 0, 50000 } };
	struct sigaction sa;
	struct msqid_ds ds;
	struct msginfo mi;
	struct m b = { 4, "raw" };

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_alarm;
	sa.sa_flags = SA_RESTART;
	sigaction(SIGALRM, &sa, NULL);
	setitimer(ITIMER_REAL, &it, NULL);
	ksft_ok(msgrcv(id, &b, 64, 0, 0) == -1 && errno == EINTR, "a handler ends a blocked msgrcv with EINTR");
	signal(SIGALRM, SIG_DFL);
	/* ipc(MSGRCV) version 1: buffer in ptr, type in the fifth argument. */
	ksft_ok(syscall(400, id, &b, 4, 0) == 0 &&
		syscall(SYS_ipc, 12 | (1 << 16), id, 64, IPC_NOWAIT, &b, 4L) == 4 && b.mtype == 4,
		"direct msgsnd (400) and ipc(MSGRCV) version 1");
	ksft_ok(syscall(401, id, &b, 64, 0L, IPC_NOWAIT) == -1 && errno == ENOMSG &&
		syscall(402, id, IPC_STAT, &ds) == 0 && syscall(402, id, IPC_STAT | 0x100, &ds) == -1 &&
		errno == EINVAL && (q2 = syscall(399, IPC_PRIVATE, 0600)) > 0 && q2 != id,
		"direct msgrcv, msgctl (IPC_64 in its command EINVAL), msgget");
	ksft_ok(msgctl(idx, MSG_STAT, &ds) == id, "MSG_STAT by index gives the id");
	max = msgctl(0, IPC_INFO, (struct msqid_ds *)&mi);
	ksft_ok(max >= idx && mi.msgmax == 8192 && mi.msgmnb == 16384 && mi.msgmni == 32000 &&
		mi.msgssz == 16 && mi.msgseg == 0xffff, "IPC_INFO: Linux's default limits");
	ksft_ok(msgctl(0, MSG_INFO, (struct msqid_ds *)&mi) >= idx && mi.msgpool >= 1,
		"MSG_INFO: queues in use");
	msgctl(id, IPC_RMID, NULL);
	msgctl(q2, IPC_RMID, NULL);
}

int main(void)
{
	ksft_plan(23);
	test_get(0x4d530000 | ((getpid() & 0xfff) << 4));
	test_types();
	test_full_and_blocking();
	test_eintr_and_raw();
	ksft_exit();
}
