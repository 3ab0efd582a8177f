/* inotify's private structures (fs/notify/inotify*.c). */
#ifndef _FS_NOTIFY_INOTIFY_H
#define _FS_NOTIFY_INOTIFY_H

#include <linux-ish/list.h>
#include <linux-ish/mutex.h>
#include <linux-ish/types.h>
#include <linux-ish/wait.h>
#include <uapi/linux-ish/inotify.h>

/* One queued event; name[] is NUL-terminated, name_len without the NUL. */
struct inotify_kevent {
	struct list_head node;
	int wd;
	u32 mask;
	u32 cookie;
	u32 name_len;
	char name[];
};

/* One inotify descriptor.  Everything but wq under inotify_mutex. */
struct inotify_group {
	struct list_head node;		/* in inotify_groups */
	struct list_head events;	/* oldest first */
	unsigned int nr_events;
	size_t queued_bytes;		/* what a read of everything returns (FIONREAD) */
	unsigned int max_events;	/* fs.inotify.max_queued_events when made */
	bool overflow_queued;		/* *overflow is on events */
	struct inotify_kevent *overflow;	/* made with the group */
	struct list_head watches;	/* inotify_watch.g_node */
	int last_wd;			/* wds count up from 1, never reused while the group lives */
	unsigned int uid;		/* real uid of the creator: the limits are per user */
	struct wait_queue_head wq;	/* readers and pollers */
};

/* @inode watched by @group; holds a reference on @inode. */
struct inotify_watch {
	struct inotify_watch *i_next;	/* inode->i_inotify chain */
	struct list_head g_node;
	struct inotify_group *group;
	struct inode *inode;
	int wd;
	u32 mask;			/* IN_ALL_EVENTS bits, IN_ONESHOT, IN_EXCL_UNLINK */
};

/* Per-user counts against fs.inotify.max_user_instances and max_user_watches. */
struct inotify_ucount {
	struct list_head node;
	unsigned int uid;
	unsigned int instances;
	unsigned int watches;
};

/* The fixed part of a record (struct inotify_event), and of a kevent. */
#define INOTIFY_HDR	offsetof(struct inotify_event, name)
#define KEVENT_HDR	offsetof(struct inotify_kevent, name)

extern struct mutex inotify_mutex;
extern struct list_head inotify_groups;

size_t inotify_event_size(const struct inotify_kevent *ev);
void inotify_queue(struct inotify_group *g, int wd, u32 mask, u32 cookie, const char *name);
void inotify_watch_free(struct inotify_watch *w);
void inotify_watch_remove(struct inotify_watch *w);
/* @uid's counts (made on first use; NULL only if that allocation failed). */
struct inotify_ucount *inotify_ucount(unsigned int uid);

#endif
