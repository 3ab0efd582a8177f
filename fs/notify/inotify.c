/*
 * inotify's core: watches on inodes, and the event queues of the groups
 * (one group per inotify descriptor) that they feed.  The system calls
 * and the descriptor are in inotify_user.c; the hooks the VFS calls are
 * declared in linux-ish/fsnotify.h.
 *
 * Locking: inotify_mutex covers every watch (the inode's i_inotify chain,
 * the group's list), every queue and the per-user counts.  A watch holds
 * a reference on its inode, dropped when the watch goes: by
 * inotify_rm_watch, IN_ONESHOT, the inode's deletion (DELETE_SELF), an
 * unmount (UNMOUNT), or the group's release.  Each of those queues
 * IN_IGNORED for the watch first (except the release: nobody can read it).
 *
 * Queueing (Linux's rules): an event equal to the last one still queued
 * (wd, mask, cookie, name) is merged into it; past max_queued_events one
 * IN_Q_OVERFLOW (wd -1) is queued and further events are lost until the
 * reader drains the queue; an event that cannot be allocated counts as an
 * overflow too.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/fs.h>
#include <linux-ish/fsnotify.h>
#include <linux-ish/mutex.h>
#include <linux-ish/slab.h>
#include <linux-ish/string.h>
#include "inotify.h"

DEFINE_MUTEX(inotify_mutex);
unsigned int inotify_nr_watches;
LIST_HEAD(inotify_groups);
static u32 inotify_cookie;

/* The bytes @ev takes in a read: the header and its name, NUL-padded to 16. */
size_t inotify_event_size(const struct inotify_kevent *ev)
{
	return INOTIFY_HDR + (ev->name_len ? ALIGN(ev->name_len + 1, INOTIFY_HDR) : 0);
}

static bool same_event(const struct inotify_kevent *ev, int wd, u32 mask, u32 cookie,
		       const char *name, size_t len)
{
	return ev->wd == wd && ev->mask == mask && ev->cookie == cookie &&
	       ev->name_len == len && !memcmp(ev->name, name, len);
}

static void queue_kevent(struct inotify_group *g, struct inotify_kevent *ev)
{
	list_add_tail(&ev->node, &g->events);
	g->nr_events++;
	g->queued_bytes += inotify_event_size(ev);
	wake_up(&g->wq);
}

/* The queue is full or memory ran out: one IN_Q_OVERFLOW at the tail. */
static void queue_overflow(struct inotify_group *g)
{
	if (g->overflow_queued)
		return;
	g->overflow_queued = true;
	g->overflow->wd = -1;
	g->overflow->mask = IN_Q_OVERFLOW;
	g->overflow->cookie = 0;
	g->overflow->name_len = 0;
	g->overflow->name[0] = 0;
	queue_kevent(g, g->overflow);
}

/* Queues one event for @g.  inotify_mutex held. */
void inotify_queue(struct inotify_group *g, int wd, u32 mask, u32 cookie, const char *name)
{
	size_t len = name ? strlen(name) : 0;
	struct inotify_kevent *ev;

	if (!list_empty(&g->events)) {
		ev = list_last_entry(&g->events, struct inotify_kevent, node);
		if (same_event(ev, wd, mask, cookie, name, len))
			return;
	}
	if (g->nr_events >= g->max_events) {
		queue_overflow(g);
		return;
	}
	ev = kmalloc(KEVENT_HDR + len + 1, GFP_KERNEL);
	if (!ev) {
		queue_overflow(g);
		return;
	}
	ev->wd = wd;
	ev->mask = mask;
	ev->cookie = cookie;
	ev->name_len = len;
	memcpy(ev->name, name ?: "", len + 1);
	queue_kevent(g, ev);
}

/* Unlinks @w from its inode's chain and its group, and frees it.  inotify_mutex held. */
void inotify_watch_free(struct inotify_watch *w)
{
	struct inotify_watch **pp = &w->inode->i_inotify;

	while (*pp != w)
		pp = &(*pp)->i_next;
	*pp = w->i_next;
	list_del(&w->g_node);
	inotify_nr_watches--;
	inotify_ucount(w->group->uid)->watches--;
	iput(w->inode);
	kfree(w);
}

/* @w goes (rm_watch, oneshot, deletion, unmount): IN_IGNORED, then free. */
void inotify_watch_remove(struct inotify_watch *w)
{
	inotify_queue(w->group, w->wd, IN_IGNORED, 0, NULL);
	inotify_watch_free(w);
}

/*
 * @mask happened to @inode (to its child @name, if given; @unlinked: a
 * child already removed from the directory).  inotify_mutex held.
 */
static void send_to_inode(struct inode *inode, u32 mask, u32 cookie, const char *name,
			  bool unlinked)
{
	struct inotify_watch *w, *next;

	if (!inode)
		return;
	for (w = inode->i_inotify; w; w = next) {
		next = w->i_next;
		if (!(w->mask & mask & IN_ALL_EVENTS))
			continue;
		if (name && unlinked && (w->mask & IN_EXCL_UNLINK))
			continue;
		inotify_queue(w->group, w->wd, mask, cookie, name);
		if (w->mask & IN_ONESHOT)
			inotify_watch_remove(w);
	}
}

static u32 isdir(const struct inode *inode)
{
	return inode && S_ISDIR(inode->i_mode) ? IN_ISDIR : 0;
}

void __fsnotify_dentry(struct dentry *d, u32 mask)
{
	mask |= isdir(d->d_inode);
	mutex_lock(&inotify_mutex);
	if (d->d_parent != d)
		send_to_inode(d->d_parent->d_inode, mask, 0, d->d_name, d->d_unlinked);
	send_to_inode(d->d_inode, mask, 0, NULL, false);
	mutex_unlock(&inotify_mutex);
}

void __fsnotify_file(struct file *f, u32 mask)
{
	if (f->f_mode & FMODE_PATH)
		return;
	__fsnotify_dentry(f->f_path.dentry, mask);
}

void __fsnotify_inode(struct inode *inode, u32 mask)
{
	mutex_lock(&inotify_mutex);
	send_to_inode(inode, mask | isdir(inode), 0, NULL, false);
	mutex_unlock(&inotify_mutex);
}

void __fsnotify_create(struct dentry *dir, struct dentry *child)
{
	mutex_lock(&inotify_mutex);
	send_to_inode(dir->d_inode, IN_CREATE | isdir(child->d_inode), 0, child->d_name, false);
	mutex_unlock(&inotify_mutex);
}

/*
 * Whether @d's inode goes with this unlink: its last name, and no one but
 * the directory tree and the caller holds the dentry (no open file, no
 * cwd).  Otherwise DELETE_SELF waits for the last dput (dcache.c).
 */
static bool inode_goes_now(struct dentry *d, bool rmdir)
{
	return (rmdir || d->d_inode->i_nlink <= 1) && atomic_read(&d->d_count) <= 2;
}

void __fsnotify_unlink(struct dentry *dir, struct dentry *d, bool rmdir)
{
	struct inode *inode = d->d_inode;
	u32 dirbit = isdir(inode);

	mutex_lock(&inotify_mutex);
	if (!rmdir)
		send_to_inode(inode, IN_ATTRIB | dirbit, 0, NULL, false);
	if (inode_goes_now(d, rmdir)) {
		send_to_inode(inode, IN_DELETE_SELF | dirbit, 0, NULL, false);
		while (inode->i_inotify)
			inotify_watch_remove(inode->i_inotify);
	}
	send_to_inode(dir->d_inode, IN_DELETE | dirbit, 0, d->d_name, false);
	mutex_unlock(&inotify_mutex);
}

void __fsnotify_move(struct dentry *old_dir, const char *old_name, struct dentry *new_dir,
		     struct dentry *moved, struct inode *target)
{
	u32 dirbit = isdir(moved->d_inode), cookie;

	mutex_lock(&inotify_mutex);
	cookie = ++inotify_cookie ?: ++inotify_cookie;
	send_to_inode(old_dir->d_inode, IN_MOVED_FROM | dirbit, cookie, old_name, false);
	send_to_inode(new_dir->d_inode, IN_MOVED_TO | dirbit, cookie, moved->d_name, false);
	if (target)
		send_to_inode(target, IN_ATTRIB | isdir(target), 0, NULL, false);
	send_to_inode(moved->d_inode, IN_MOVE_SELF | dirbit, 0, NULL, false);
	mutex_unlock(&inotify_mutex);
}

void __fsnotify_inoderemove(struct inode *inode)
{
	mutex_lock(&inotify_mutex);
	send_to_inode(inode, IN_DELETE_SELF | isdir(inode), 0, NULL, false);
	while (inode->i_inotify)
		inotify_watch_remove(inode->i_inotify);
	mutex_unlock(&inotify_mutex);
}

void __fsnotify_unmount(const struct super_block *sb)
{
	struct inotify_group *g;
	struct inotify_watch *w, *next;

	mutex_lock(&inotify_mutex);
	list_for_each_entry(g, &inotify_groups, node) {
		list_for_each_entry_safe(w, next, &g->watches, g_node) {
			if (w->inode->i_sb != sb)
				continue;
			inotify_queue(g, w->wd, IN_UNMOUNT | isdir(w->inode), 0, NULL);
			inotify_watch_remove(w);
		}
	}
	mutex_unlock(&inotify_mutex);
}
