/*
 * bench-true: the program linnet-bench execs for its fork+execve+wait row.
 * It only exits with status 0.
 *
 * By default it is built as an ordinary static glibc program, like the
 * "tiny static" program of the reference numbers in BENCHMARKING.md: the
 * row then includes glibc's static start-up (brk, set_thread_area,
 * readlink, getrandom, mprotect, ...) and the page faults it takes, about
 * 45 % of the row under Linux 6.1.
 *
 * With BENCH_TRUE_TINY defined (make BENCH_TRUE=tiny, linked -nostdlib) it
 * is a bare _start doing exit(0) through int $0x80 (__NR_exit is 1 on
 * i386), so the row measures little but the kernel's fork, execve, exit
 * and wait.
 */
#ifdef BENCH_TRUE_TINY
void _start(void) __attribute__((noreturn, naked));
void _start(void)
{
	asm volatile("movl $1, %eax\n\t"
		     "xorl %ebx, %ebx\n\t"
		     "int $0x80\n\t"
		     "hlt");
}
#else
int main(void)
{
	return 0;
}
#endif
