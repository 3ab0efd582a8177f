/* true: do nothing, successfully (exit status 0); no options. */
int main(void)
{
	return 0;
}
