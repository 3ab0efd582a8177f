/* ktest suite "sched": kernel threads, switching, wait queues, timers, exit. */
#include <linux-ish/kernel.h>
#include <linux-ish/ktest.h>
#include <linux-ish/sched.h>
#include <linux-ish/time.h>
#include <linux-ish/timer.h>
#include <linux-ish/wait.h>

static DECLARE_WAIT_QUEUE_HEAD(test_wq);
static volatile int flag;

/* Sleeps a tick at a time until the task count is @n (dead threads reaped). */
static bool wait_for_tasks(unsigned int n)
{
	for (int i = 0; i < 100 && nr_tasks() != n; i++) {
		set_current_state(TASK_UNINTERRUPTIBLE);
		schedule_timeout(1);
	}
	return nr_tasks() == n;
}

static int set_flag_thread(void *arg)
{
	flag = (int)(unsigned long)arg;
	wake_up(&test_wq);
	return 0;
}

static void sched_kthread_runs_and_is_reaped(struct ktest *t)
{
	unsigned int before = nr_tasks();
	struct task_struct *p;

	flag = 0;
	p = kthread_run(set_flag_thread, (void *)42, "ktest-flag");
	KTEST_ASSERT_NOT_NULL(t, p);
	KTEST_EXPECT_GT(t, p->pid, 1);
	KTEST_EXPECT_TRUE(t, task_stack_end_ok(p));
	KTEST_EXPECT_EQ(t, nr_tasks(), before + 1);
	wait_event(test_wq, flag == 42);
	KTEST_EXPECT_EQ(t, flag, 42);
	KTEST_EXPECT_TRUE(t, wait_for_tasks(before));	/* stack and task freed */
}

#define ROUNDS 50
static DECLARE_WAIT_QUEUE_HEAD(ping_wq);
static volatile int turn, log_len;
static int order_log[2 * ROUNDS];

/* Two threads take turns: each waits for its turn, logs, passes the turn. */
static int ping_pong_thread(void *arg)
{
	int me = (int)(unsigned long)arg;

	for (int i = 0; i < ROUNDS; i++) {
		wait_event(ping_wq, turn == me);
		order_log[log_len++] = me;
		turn = !me;
		wake_up(&ping_wq);
	}
	return 0;
}

static void sched_ping_pong(struct ktest *t)
{
	unsigned int before = nr_tasks();
	unsigned long switches = nr_context_switches();

	turn = 0;
	log_len = 0;
	KTEST_ASSERT_NOT_NULL(t, kthread_run(ping_pong_thread, (void *)1, "ktest-pong"));
	KTEST_ASSERT_NOT_NULL(t, kthread_run(ping_pong_thread, (void *)0, "ktest-ping"));
	KTEST_ASSERT_TRUE(t, wait_for_tasks(before));
	KTEST_EXPECT_EQ(t, log_len, 2 * ROUNDS);
	for (int i = 0; i < log_len; i++)
		KTEST_EXPECT_EQ(t, order_log[i], i & 1);
	KTEST_EXPECT_GE(t, nr_context_switches() - switches, 2 * ROUNDS);
}

static void sched_timeout_sleeps(struct ktest *t)
{
	unsigned long start = jiffies;
	long left;

	set_current_state(TASK_UNINTERRUPTIBLE);
	left = schedule_timeout(5);
	KTEST_EXPECT_EQ(t, left, 0);
	KTEST_EXPECT_GE(t, jiffies - start, 5);
	KTEST_EXPECT_LT(t, jiffies - start, 50);
}

static void timer_fired(unsigned long data)
{
	flag = (int)data;
	wake_up(&test_wq);		/* from the timer interrupt */
}

static void sched_timer_wakes_waiter(struct ktest *t)
{
	struct timer_list timer;

	flag = 0;
	timer_setup(&timer, timer_fired, 7);
	mod_timer(&timer, jiffies + 3);
	wait_event(test_wq, flag == 7);
	KTEST_EXPECT_EQ(t, flag, 7);
	KTEST_EXPECT_FALSE(t, del_timer(&timer));	/* already ran */
	timer_setup(&timer, timer_fired, 8);
	mod_timer(&timer, jiffies + 1000);
	KTEST_EXPECT_TRUE(t, del_timer(&timer));	/* cancelled in time */
}

static void sched_runs_in_pid1(struct ktest *t)
{
	KTEST_EXPECT_EQ(t, current->pid, 1);
	KTEST_EXPECT_TRUE(t, current->flags & PF_KTHREAD);
	KTEST_EXPECT_TRUE(t, task_stack_end_ok(current));
	KTEST_EXPECT_TRUE(t, task_stack_end_ok(&init_task));
}

static struct ktest_case sched_cases[] = {
	KTEST_CASE(sched_runs_in_pid1),
	KTEST_CASE(sched_kthread_runs_and_is_reaped),
	KTEST_CASE(sched_ping_pong),
	KTEST_CASE(sched_timeout_sleeps),
	KTEST_CASE(sched_timer_wakes_waiter),
	{}
};

static struct ktest_suite sched_suite = { .name = "sched", .cases = sched_cases };
ktest_register_suite(sched_suite);
