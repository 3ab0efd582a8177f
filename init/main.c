/*
 * start_kernel(): the boot sequence, in order.  Documentation/x86/boot.md
 * walks through it.  Until processes exist there is no init to start, so
 * the kernel says so and powers the machine off.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/bench.h>
#include <linux-ish/binfmts.h>
#include <linux-ish/device.h>
#include <linux-ish/err.h>
#include <linux-ish/fdtable.h>
#include <linux-ish/random.h>
#include <linux-ish/net.h>
#include <linux-ish/proc_fs.h>
#include <linux-ish/profile.h>
#include <linux-ish/fault-inject.h>
#include <linux-ish/init.h>
#include <linux-ish/ktest.h>
#include <linux-ish/lkdtm.h>
#include <linux-ish/mm.h>
#include <linux-ish/reboot.h>
#include <linux-ish/sched.h>
#include <linux-ish/serial.h>
#include <linux-ish/string.h>
#include <linux-ish/time.h>
#include <linux-ish/tty.h>
#include <linux-ish/version.h>
#include <asm/irq.h>
#include <linux-ish/vmscan.h>
#include <linux-ish/writeback.h>
#include <asm/irqflags.h>
#include <asm/setup.h>
#include <asm/thread.h>
#include <asm/traps.h>
#include <asm/vdso.h>

char boot_command_line[COMMAND_LINE_SIZE];
static char command_line[COMMAND_LINE_SIZE];	/* parse_args() cuts this up */

const char *init_argv[MAX_INIT_ARGS + 2] = { "init", NULL };
const char *init_envp[MAX_INIT_ARGS + 2] = { "HOME=/", "TERM=linux", NULL };
static const char *init_path;

static const char linux_banner[] =
	"Linnet version " LINNET_VERSION " (gcc " __stringify(__GNUC__) "."
	__stringify(__GNUC_MINOR__) "." __stringify(__GNUC_PATCHLEVEL__) ") i386\n";

static int __init init_setup(const char *val)
{
	init_path = val;
	return 0;
}
__setup("init=", init_setup);

static void add_to_list(const char **list, const char *word)
{
	unsigned int i = 0;

	while (list[i])
		i++;
	if (i >= MAX_INIT_ARGS) {
		pr_warn("Too many boot init vars at `%s'\n", word);
		return;
	}
	list[i] = word;
	list[i + 1] = NULL;
}

static void unknown_arg(char *word, void *data)
{
	add_to_list(init_argv, word);
}

/*
 * "NAME=value" for init's environment: it replaces an entry of the same
 * NAME (the built-in HOME=/ and TERM=linux included), as Linux does, so
 * that HOME=/root on the command line is init's only HOME.
 */
void init_env_set(const char **envp, const char *word)
{
	const char *eq = strchr(word, '=');
	size_t name = eq ? (size_t)(eq - word) + 1 : strlen(word);	/* "NAME=" */

	for (unsigned int i = 0; envp[i]; i++) {
		if (!strncmp(envp[i], word, name)) {
			envp[i] = word;
			return;
		}
	}
	add_to_list(envp, word);
}

static void unknown_env(char *word, void *data)
{
	init_env_set(init_envp, word);
}

/* Parses the whole command line once; handlers only record values. */
void parse_early_param(void);
void parse_early_param(void)
{
	static const struct param_unknown to_init = { unknown_arg, unknown_env, NULL };

	strlcpy(command_line, boot_command_line, sizeof(command_line));
	parse_args(command_line, __setup_start, __setup_end, &to_init);
}

/* The final fault-injection counts go out last: make stress reads them. */
__noreturn void kernel_power_off(int status)
{
	if (fault_inject_armed())
		fault_inject_report(false);
	pr_emerg("reboot: Power down\n");
	machine_power_off(status);
}

/* fds 0, 1 and 2 of init: /dev/console, or the console itself if it is missing. */
static void open_console(void)
{
	struct file *f = filp_open("/dev/console", O_RDWR);

	if (IS_ERR(f)) {
		pr_warn("Warning: unable to open an initial console (/dev/console)\n");
		f = console_file_fallback();
		if (IS_ERR(f))
			panic("no memory for the initial console");
	}
	for (int fd = 0; fd < 3; fd++) {
		if (get_unused_fd_flags(0) != fd)
			panic("open_console: descriptor table not empty");
		fd_install(fd, fd ? get_file(f) : f);
	}
}

/*
 * Tries @path as init; returns only if it cannot be executed.  Starting
 * init is exempt from fault injection (see kernel_init()), so injection
 * resumes just before init's first user instruction.
 */
static int run_init_process(const char *path)
{
	int err;

	init_argv[0] = path;
	err = do_execve_kernel(path, init_argv, init_envp);
	if (!err) {
		pr_info("Run %s as init process\n", path);
		fault_inject_resume();
		enter_user_mode(task_pt_regs(current));
	}
	return err;
}

/*
 * pid 1 starts as a kernel thread: it runs the boot-time tests, then
 * becomes the first user program (init=, else /sbin/init, else /init).
 */
static int kernel_init(void *unused)
{
	static const char *const defaults[] = { "/sbin/init", "/etc/init", "/bin/init", "/init" };

	driver_init();
	fault_inject_arm();
	ktest_run_all();
	bench_run_all();
	lkdtm_trigger();

	/*
	 * Without init there is no system: its own start (descriptor table,
	 * console, /proc entry, exec) is exempt from fault injection, like
	 * the rest of boot.  Everything init does afterwards is not.
	 */
	fault_inject_pause();
	current->files = files_alloc();
	if (!current->files)
		panic("no memory for init's descriptor table");
	if (init_fs(current))
		panic("no memory for init's fs_struct");
	if (devtmpfs_mount())
		pr_warn("devtmpfs: cannot mount on /dev\n");
	prepare_namespace();
	/*
	 * As Linux's init: session 0 and process group 0, the kernel
	 * threads' (getsid() and getpgrp() give 0 to it and to children
	 * that keep them); init's console is nobody's controlling
	 * terminal until a session leader takes it (TIOCSCTTY).
	 */
	current->pgid = current->sid = 0;
	open_console();
	if (init_path) {
		int err = run_init_process(init_path);

		pr_err("Requested init %s failed (error %d).\n", init_path, err);
	}
	for (unsigned int i = 0; i < ARRAY_SIZE(defaults); i++) {
		int err = run_init_process(defaults[i]);

		if (err != -ENOENT)
			pr_err("Failed to execute %s (error %d)\n", defaults[i], err);
	}
	fault_inject_resume();
	pr_notice("No working init found (try passing init= or an initramfs with /sbin/init).\n");
	pr_notice("Nothing left to do; halting.\n");
	kernel_power_off(0);
}

/* The boot context hands over to pid 1 and becomes the idle task. */
static __noreturn void rest_init(void)
{
	if (!kthread_run(kernel_init, NULL, "kernel_init"))
		panic("cannot create the init task");
	kthreadd_init();		/* pid 2, as Linux's */
	hung_task_init();
	writeback_init();		/* the flusher thread */
	kswapd_init();			/* watermarks and the reclaim thread */
	cpu_idle();
}

void start_kernel(void);
void start_kernel(void)
{
	serial_init();
	vgacon_init();
	printk(KERN_NOTICE "%s", linux_banner);
	trap_init();
	setup_arch();
	fpu_init();
	pr_notice("Command line: %s\n", boot_command_line);
	mm_init();
	init_IRQ();
	time_init();
	profile_init();
	vdso_init();
	serial_enable_input();
	keyboard_init();
	random_init();
	sched_init();
	fork_init();
	mm_cache_init();
	mmap_init();
	zero_page_init();
	local_irq_enable();
	vfs_init();
	sock_init();
	rest_init();
}
