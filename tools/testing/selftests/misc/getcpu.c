/* getcpu(2), raw: the CPU and node the caller runs on; NULL pointers are fine. */
#include <stdint.h>
#include <sys/syscall.h>
#include "../kselftest.h"

int main(void)
{
	unsigned int cpu = 0xffff, node = 0xffff;
	long ncpu = sysconf(_SC_NPROCESSORS_ONLN);

	ksft_plan(3);
	ksft_ok(syscall(SYS_getcpu, &cpu, &node, NULL) == 0 && cpu < (unsigned int)ncpu && node == 0,
		"cpu %u of %ld, node %u", cpu, ncpu, node);
	ksft_ok(syscall(SYS_getcpu, NULL, NULL, NULL) == 0, "both pointers NULL: 0");
	errno = 0;
	ksft_ok(syscall(SYS_getcpu, (void *)1, NULL, NULL) == -1 && errno == EFAULT,
		"a bad pointer is EFAULT");
	ksft_exit();
}
