#include <linux-ish/ktest.h>
