/* Looking up the exception table (see asm/extable.h). */
#include <linux-ish/kernel.h>
#include <asm/extable.h>

extern const struct exception_table_entry __start___ex_table[], __stop___ex_table[];

bool fixup_exception(struct pt_regs *regs)
{
	unsigned long n = ((unsigned long)__stop___ex_table -
			   (unsigned long)__start___ex_table) / sizeof(__start___ex_table[0]);

	for (unsigned long i = 0; i < n; i++) {
		if (__start___ex_table[i].insn == regs->ip) {
			regs->ip = __start___ex_table[i].fixup;
			return true;
		}
	}
	return false;
}
