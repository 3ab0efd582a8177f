/* CPU identification and the feature bits the kernel turns on. */
#include <linux-ish/kernel.h>
#include <linux-ish/string.h>
#include <linux-ish/proc_fs.h>
#include <asm/irq.h>
#include <asm/processor.h>

struct cpuinfo_x86 boot_cpu_data;

static bool have_cpuid(void)
{
	unsigned long a, b;

	/* CPUID exists iff EFLAGS.ID can be toggled. */
	__asm__ __volatile__("pushfl; pushfl; popl %0; movl %0, %1;"
			     "xorl %2, %0; pushl %0; popfl; pushfl; popl %0; popfl"
			     : "=&r"(a), "=&r"(b) : "i"(X86_EFLAGS_ID));
	return (a ^ b) & X86_EFLAGS_ID;
}

static void read_brand(struct cpuinfo_x86 *c)
{
	u32 max, *p = (u32 *)c->model_id, d;

	cpuid(0x80000000, &max, &d, &d, &d);
	if (max < 0x80000004) {
		strlcpy(c->model_id, "unknown", sizeof(c->model_id));
		return;
	}
	for (u32 leaf = 0x80000002; leaf <= 0x80000004; leaf++, p += 4)
		cpuid(leaf, &p[0], &p[1], &p[2], &p[3]);
	c->model_id[48] = '\0';
}

void identify_cpu(void)
{
	struct cpuinfo_x86 *c = &boot_cpu_data;
	u32 max, eax, ebx;

	if (!have_cpuid())
		panic("Linnet needs a CPU with CPUID (i586 or later)");
	cpuid(0, &max, (u32 *)&c->vendor[0], (u32 *)&c->vendor[8],
	      (u32 *)&c->vendor[4]);
	c->vendor[12] = '\0';
	if (max >= 1) {
		cpuid(1, &eax, &ebx, &c->features_ecx, &c->features_edx);
		c->family = (eax >> 8) & 0xf;
		c->model = (eax >> 4) & 0xf;
		c->stepping = eax & 0xf;
	}
	read_brand(c);
	pr_info("CPU: %s %s (family %u model %u stepping %u)\n", c->vendor,
		skip_spaces(c->model_id), c->family, c->model, c->stepping);
	if (!(c->features_edx & X86_FEATURE_PSE))
		panic("Linnet maps the kernel with 4 MiB pages and needs PSE");
}

/* /proc/cpuinfo: the boot CPU in Linux's x86 format (the fields Linnet knows). */
void arch_show_cpuinfo(struct seq_buf *m)
{
	static const char *const edx_flags[32] = {
		"fpu", "vme", "de", "pse", "tsc", "msr", "pae", "mce", "cx8", "apic", NULL,
		"sep", "mtrr", "pge", "mca", "cmov", "pat", "pse36", NULL, "clflush", NULL,
		NULL, NULL, "mmx", "fxsr", "sse", "sse2",
	};
	const struct cpuinfo_x86 *c = &boot_cpu_data;

	seq_printf(m, "processor\t: 0\nvendor_id\t: %s\ncpu family\t: %u\nmodel\t\t: %u\n"
		   "model name\t: %s\nstepping\t: %u\n", c->vendor, c->family, c->model,
		   skip_spaces(c->model_id), c->stepping);
	seq_printf(m, "cpu MHz\t\t: %lu.%03lu\nfpu\t\t: yes\nfpu_exception\t: yes\nwp\t\t: yes\n"
		   "flags\t\t:", tsc_khz / 1000, tsc_khz % 1000);
	for (int i = 0; i < 32; i++)
		if (edx_flags[i] && (c->features_edx & (1U << i)))
			seq_printf(m, " %s", edx_flags[i]);
	seq_printf(m, "\nbogomips\t: %lu.%02lu\n\n", tsc_khz / 500, (tsc_khz / 5) % 100);
}
