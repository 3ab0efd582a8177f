/* epoll's hook in the file layer (fs/eventpoll.c). */
#ifndef _LINUX_ISH_EVENTPOLL_H
#define _LINUX_ISH_EVENTPOLL_H

#include <linux-ish/fs.h>

/* A file's last reference is going: drop it from every epoll set. */
void __eventpoll_release(struct file *f);

/* kcmp: @f's @toff'th entry for descriptor @tfd (unreferenced), or ERR_PTR. */
struct file *epoll_tfile_raw(struct file *f, int tfd, unsigned long toff);

static inline void eventpoll_release(struct file *f)
{
	if (!list_empty(&f->f_ep))
		__eventpoll_release(f);
}

#endif
