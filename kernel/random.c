/* Kernel randomness (see linux-ish/random.h). */
#include <linux-ish/kernel.h>
#include <linux-ish/errno.h>
#include <linux-ish/random.h>
#include <linux-ish/spinlock.h>
#include <linux-ish/string.h>
#include <linux-ish/syscalls.h>
#include <linux-ish/time.h>
#include <linux-ish/uaccess.h>
#include <asm/archrandom.h>
#include <asm/timex.h>
#include <uapi/linux-ish/random.h>

static u32 state[4];
static DEFINE_SPINLOCK(random_lock);

static u32 rotl(u32 x, int k)
{
	return (x << k) | (x >> (32 - k));
}

static u32 next_u32(void)
{
	u32 result = rotl(state[0] + state[3], 7) + state[0];
	u32 t = state[1] << 9;

	state[2] ^= state[0];
	state[3] ^= state[1];
	state[1] ^= state[2];
	state[0] ^= state[3];
	state[2] ^= t;
	state[3] = rotl(state[3], 11);
	return result;
}

u32 get_random_u32(void)
{
	unsigned long flags;
	u32 v;

	spin_lock_irqsave(&random_lock, flags);
	v = next_u32();
	spin_unlock_irqrestore(&random_lock, flags);
	return v;
}

void get_random_bytes(void *buf, size_t len)
{
	u8 *p = buf;

	while (len) {
		u32 v = get_random_u32();
		size_t n = min_t(size_t, len, sizeof(v));

		memcpy(p, &v, n);
		p += n;
		len -= n;
	}
}

void random_init(void)
{
	bool hw = arch_has_random();

	for (int i = 0; i < 4; i++) {
		u32 v = 0;

		if (!arch_get_random_u32(&v))
			v = (u32)get_cycles() * 2654435761U ^ (u32)ktime_get_real_ns() ^ (i * 0x9e3779b9);
		state[i] = v | (i == 0);	/* never all zero */
	}
	for (int i = 0; i < 16; i++)
		next_u32();
	pr_info("random: seeded from %s\n", hw ? "the CPU" : "the cycle counter and RTC");
}

SYSCALL_DEFINE3(getrandom, char __user *, buf, size_t, count, unsigned int, flags)
{
	u8 chunk[64];
	size_t done = 0;

	if (flags & ~(GRND_NONBLOCK | GRND_RANDOM | GRND_INSECURE))
		return -EINVAL;
	count = min_t(size_t, count, INT_MAX);
	while (done < count) {
		size_t n = min_t(size_t, sizeof(chunk), count - done);

		get_random_bytes(chunk, n);
		if (copy_to_user(buf + done, chunk, n))
			return done ? (long)done : -EFAULT;
		done += n;
	}
	return done;
}
