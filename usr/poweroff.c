/* poweroff: flush file data and switch the machine off (reboot(2), as root). */
#include <stdio.h>
#include <unistd.h>
#include <sys/reboot.h>

int main(void)
{
	sync();
	reboot(RB_POWER_OFF);
	perror("poweroff");
	return 1;
}
