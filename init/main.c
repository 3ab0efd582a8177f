/*
 * start_kernel(): the boot sequence, in order.  Documentation/x86/boot.md
 * walks through it.  Until processes exist there is no init to start, so
 * the kernel says so and powers the machine off.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/bench.h>
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
#include <linux-ish/version.h>
#include <asm/irq.h>
#include <asm/irqflags.h>
#include <asm/setup.h>
#include <asm/traps.h>

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

static void unknown_env(char *word, void *data)
{
	add_to_list(init_envp, word);
}

/* Parses the whole command line once; handlers only record values. */
void parse_early_param(void);
void parse_early_param(void)
{
	static const struct param_unknown to_init = { unknown_arg, unknown_env, NULL };

	strlcpy(command_line, boot_command_line, sizeof(command_line));
	parse_args(command_line, __setup_start, __setup_end, &to_init);
}

__noreturn void kernel_power_off(int status)
{
	pr_emerg("reboot: Power down\n");
	machine_power_off(status);
}

/*
 * pid 1 starts as a kernel thread: it runs the boot-time tests, then
 * (once processes exist) becomes the first user program.
 */
static int kernel_init(void *unused)
{
	fault_inject_arm();
	ktest_run_all();
	bench_run_all();
	lkdtm_trigger();
	pr_notice("No init yet: this Linnet cannot run user programs%s%s.\n",
		  init_path ? ", so init=" : "", init_path ? init_path : "");
	pr_notice("Nothing left to do; halting.\n");
	kernel_power_off(0);
}

/* The boot context hands over to pid 1 and becomes the idle task. */
static __noreturn void rest_init(void)
{
	if (!kthread_run(kernel_init, NULL, "kernel_init"))
		panic("cannot create the init task");
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
	pr_notice("Command line: %s\n", boot_command_line);
	mm_init();
	init_IRQ();
	time_init();
	sched_init();
	fork_init();
	local_irq_enable();
	rest_init();
}
