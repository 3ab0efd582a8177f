/* false: do nothing, unsuccessfully (exit status 1); no options. */
int main(void)
{
	return 1;
}
