/* kill_init (Linnet only): signals init has no handler for do not kill it. */
#include <signal.h>
#include <string.h>
#include <sys/utsname.h>
#include "../kselftest.h"

int main(void)
{
	struct utsname u;

	ksft_plan(2);
	if (uname(&u) || strcmp(u.sysname, "Linnet")) {
		/* Never signal a real init. */
		ksft_skip("not Linnet", "kill(1, SIGTERM) leaves init alive");
		ksft_skip("not Linnet", "init still answers kill(1, 0)");
		ksft_exit();
	}
	ksft_ok(kill(1, SIGTERM) == 0, "kill(1, SIGTERM) succeeds");
	ksft_ok(kill(1, 0) == 0, "init is still alive");
	ksft_exit();
}
