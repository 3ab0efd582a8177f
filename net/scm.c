/*
 * Messages between user memory and the socket layer: walks over the
 * caller's iovecs, and the control messages (struct cmsghdr, i386
 * layout) that carry descriptors (SCM_RIGHTS) and credentials
 * (SCM_CREDENTIALS).  A descriptor in flight is a file reference held
 * by the message (struct scm_fp_list) until a receiver installs it as a
 * new descriptor or the message is freed unread.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/errno.h>
#include <linux-ish/fdtable.h>
#include <linux-ish/fs.h>
#include <linux-ish/net.h>
#include <linux-ish/sched.h>
#include <linux-ish/cred.h>
#include <linux-ish/slab.h>
#include <linux-ish/string.h>
#include <linux-ish/uaccess.h>

/* Copies @n bytes (or what is left) between @kbuf and the walk's buffers. */
static long iter_copy(void *kbuf, size_t n, struct iov_iter *it, bool to_user)
{
	size_t done = 0;

	n = min(n, it->count);
	while (done < n) {
		const struct iovec *v = it->iov;
		size_t chunk = min(n - done, v->iov_len - it->iov_off);
		char __user *u = (char __user *)v->iov_base + it->iov_off;
		unsigned long left = to_user ? copy_to_user(u, (char *)kbuf + done, chunk)
					     : copy_from_user((char *)kbuf + done, u, chunk);

		chunk -= left;
		done += chunk;
		it->count -= chunk;
		it->iov_off += chunk;
		if (left)
			return done ? (long)done : -EFAULT;
		if (it->iov_off == v->iov_len) {
			it->iov++;
			it->nr--;
			it->iov_off = 0;
		}
	}
	return done;
}

long copy_from_iter(void *dst, size_t n, struct iov_iter *it)
{
	return iter_copy(dst, n, it, false);
}

long copy_to_iter(const void *src, size_t n, struct iov_iter *it)
{
	return iter_copy((void *)src, n, it, true);
}

/* What a message carries when its sender names no SCM_CREDENTIALS: the real ids. */
void current_ucred(struct user_ucred *uc)
{
	uc->pid = current->pid;
	uc->uid = current_uid();
	uc->gid = current_cred()->gid;
}

/* SO_PEERCRED: the effective ids at connect() or listen(), as Linux. */
void current_peercred(struct user_ucred *uc)
{
	uc->pid = current->pid;
	uc->uid = current_euid();
	uc->gid = current_cred()->egid;
}

/* ---- descriptors in flight ---- */

void scm_fp_free(struct scm_fp_list *fpl)
{
	if (!fpl)
		return;
	for (int i = 0; i < fpl->count; i++)
		fput(fpl->fp[i]);
	kfree(fpl);
}

/* Another reference to each file (MSG_PEEK); NULL if no memory. */
struct scm_fp_list *scm_fp_dup(struct scm_fp_list *fpl)
{
	struct scm_fp_list *n = kmalloc(sizeof(*n), GFP_KERNEL);

	if (!n)
		return NULL;
	n->count = fpl->count;
	for (int i = 0; i < fpl->count; i++)
		n->fp[i] = get_file(fpl->fp[i]);
	return n;
}

/* SCM_RIGHTS: references the files behind the message's descriptors. */
static int scm_fp_copy(const struct user_cmsghdr *cm, const int *fds, struct scm_cookie *scm)
{
	int num = (cm->cmsg_len - UCMSG_ALIGN(sizeof(*cm))) / sizeof(int);
	struct scm_fp_list *fpl = scm->fp;

	if (num <= 0)
		return 0;
	if (!fpl) {
		fpl = kmalloc(sizeof(*fpl), GFP_KERNEL);
		if (!fpl)
			return -ENOMEM;
		fpl->count = 0;
		scm->fp = fpl;
	}
	if (fpl->count + num > SCM_MAX_FD)
		return -EINVAL;
	for (int i = 0; i < num; i++) {
		struct file *f = fget(fds[i]);

		if (!f)
			return -EBADF;
		fpl->fp[fpl->count++] = f;
	}
	return 0;
}

/* Whether the caller may claim @uid: one of its own, or CAP_SETUID. */
static bool scm_uid_ok(uid_t uid)
{
	const struct cred *c = current_cred();

	return uid == c->uid || uid == c->euid || uid == c->suid || capable(CAP_SETUID);
}

static bool scm_gid_ok(gid_t gid)
{
	const struct cred *c = current_cred();

	return gid == c->gid || gid == c->egid || gid == c->sgid || capable(CAP_SETGID);
}

/*
 * SCM_CREDENTIALS: the pid must be the caller's (or CAP_SYS_ADMIN), the
 * ids its real, effective or saved ones (or CAP_SETUID/CAP_SETGID).
 */
static int scm_creds_copy(const struct user_cmsghdr *cm, const void *data, struct scm_cookie *scm)
{
	struct user_ucred uc;

	if (cm->cmsg_len != UCMSG_LEN(sizeof(uc)))
		return -EINVAL;
	memcpy(&uc, data, sizeof(uc));
	if (uc.pid != (u32)current->pid && !capable(CAP_SYS_ADMIN))
		return -EPERM;
	if ((int)uc.uid < 0 || (int)uc.gid < 0)
		return -EINVAL;
	if (!scm_uid_ok(uc.uid) || !scm_gid_ok(uc.gid))
		return -EPERM;
	scm->creds = uc;
	scm->has_creds = true;
	return 0;
}

/*
 * Parses a sendmsg control buffer (@buf, @len bytes, in the kernel) into
 * @scm.  0 or -errno; on failure @scm holds what was taken so far
 * (scm_destroy frees it).
 */
int scm_send(const char *buf, size_t len, struct scm_cookie *scm)
{
	size_t off = 0;

	while (len - off >= sizeof(struct user_cmsghdr)) {
		struct user_cmsghdr cm;
		const char *data = buf + off + UCMSG_ALIGN(sizeof(cm));
		int err = 0;

		memcpy(&cm, buf + off, sizeof(cm));
		if (cm.cmsg_len < sizeof(cm) || cm.cmsg_len > len - off)
			return -EINVAL;
		if (cm.cmsg_level == SOL_SOCKET) {
			if (cm.cmsg_type == SCM_RIGHTS)
				err = scm_fp_copy(&cm, (const int *)data, scm);
			else if (cm.cmsg_type == SCM_CREDENTIALS)
				err = scm_creds_copy(&cm, data, scm);
			else
				err = -EINVAL;
		}
		if (err)
			return err;
		off += UCMSG_ALIGN(cm.cmsg_len);
		if (off > len)
			break;
	}
	return 0;
}

void scm_destroy(struct scm_cookie *scm)
{
	scm_fp_free(scm->fp);
	scm->fp = NULL;
}

/* ---- control messages out ---- */

/* Where the next message goes; false (MSG_CTRUNC) if a header does not fit. */
static bool cmsg_room(struct kmsg *m)
{
	if (!m->control || m->controllen < sizeof(struct user_cmsghdr)) {
		m->flags |= MSG_CTRUNC;
		return false;
	}
	return true;
}

/* Moves the user control pointer past a message of @cmlen bytes. */
static void cmsg_advance(struct kmsg *m, size_t cmlen)
{
	size_t space = min_t(size_t, UCMSG_ALIGN(cmlen), m->controllen);

	m->control = (char __user *)m->control + space;
	m->controllen -= space;
}

int put_cmsg(struct kmsg *m, int level, int type, int len, const void *data)
{
	struct user_cmsghdr cm;
	size_t cmlen = UCMSG_LEN(len);

	if (!cmsg_room(m))
		return -ENOBUFS;
	if (m->controllen < cmlen) {
		m->flags |= MSG_CTRUNC;
		cmlen = m->controllen;
	}
	cm.cmsg_len = cmlen;
	cm.cmsg_level = level;
	cm.cmsg_type = type;
	if (copy_to_user(m->control, &cm, sizeof(cm)) ||
	    copy_to_user((char __user *)m->control + UCMSG_ALIGN(sizeof(cm)), data,
			 cmlen - UCMSG_ALIGN(sizeof(cm))))
		return -EFAULT;
	cmsg_advance(m, cmlen);
	return 0;
}

/* Installs one received file; its descriptor, or -errno (file not taken). */
static int scm_install_fd(struct kmsg *m, struct file *f, int __user *slot)
{
	int fd = get_unused_fd_flags(m->cmsg_cloexec ? O_CLOEXEC : 0);

	if (fd < 0)
		return fd;
	if (put_user(fd, slot)) {
		put_unused_fd(fd);
		return -EFAULT;
	}
	fd_install(fd, f);
	return fd;
}

void scm_detach_fds(struct kmsg *m, struct scm_fp_list *fpl)
{
	int __user *slots = NULL;
	int fdmax = 0, i = 0;
	struct user_cmsghdr cm;

	if (m->control && m->controllen > UCMSG_ALIGN(sizeof(cm))) {
		fdmax = (m->controllen - UCMSG_ALIGN(sizeof(cm))) / sizeof(int);
		slots = (int __user *)((char __user *)m->control + UCMSG_ALIGN(sizeof(cm)));
	}
	for (; i < fdmax && i < fpl->count; i++)
		if (scm_install_fd(m, fpl->fp[i], &slots[i]) < 0)
			break;
	if (i) {
		cm.cmsg_len = UCMSG_LEN(i * sizeof(int));
		cm.cmsg_level = SOL_SOCKET;
		cm.cmsg_type = SCM_RIGHTS;
		if (!copy_to_user(m->control, &cm, sizeof(cm)))
			cmsg_advance(m, UCMSG_SPACE(i * sizeof(int)));
	}
	if (i < fpl->count)
		m->flags |= MSG_CTRUNC;
	/* Installed files now belong to their descriptors; drop the rest. */
	for (int j = i; j < fpl->count; j++)
		fput(fpl->fp[j]);
	kfree(fpl);
}
