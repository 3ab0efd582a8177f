/* epoll's hook in the file layer (fs/eventpoll.c). */
#ifndef _LINUX_ISH_EVENTPOLL_H
#define _LINUX_ISH_EVENTPOLL_H

#include <linux-ish/fs.h>

/* A file's last reference is going: drop it from every epoll set. */
void __eventpoll_release(struct file *f);

static inline void eventpoll_release(struct file *f)
{
	if (!list_empty(&f->f_ep))
		__eventpoll_release(f);
}

#endif
