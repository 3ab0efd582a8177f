/* ktest suite "cmdline": kernel-parameter parsing against a private table. */
#include <linux-ish/kernel.h>
#include <linux-ish/errno.h>
#include <linux-ish/init.h>
#include <linux-ish/ktest.h>
#include <linux-ish/string.h>

static char got_flag, got_val[64], got_kv[64];
static int bad_calls;

static int t_flag(const char *v)	{ got_flag = 1; return 0; }
static int t_val(const char *v)		{ strlcpy(got_val, v, sizeof(got_val)); return 0; }
static int t_kv(const char *v)		{ strlcpy(got_kv, v, sizeof(got_kv)); return 0; }
static int t_bad(const char *v)		{ bad_calls++; return -EINVAL; }

static const struct kernel_param table[] = {
	{ "flag", t_flag },
	{ "val=", t_val },
	{ "site.", t_kv },
	{ "bad=", t_bad },
};

struct collected {
	char argv[8][32];
	char envp[8][32];
	int argc, envc;
};

static void c_arg(char *w, void *d)
{
	struct collected *c = d;

	if (c->argc < 8)
		strlcpy(c->argv[c->argc++], w, 32);
}

static void c_env(char *w, void *d)
{
	struct collected *c = d;

	if (c->envc < 8)
		strlcpy(c->envp[c->envc++], w, 32);
}

static int parse(const char *line, struct collected *c)
{
	static char buf[256];
	const struct param_unknown u = { c_arg, c_env, c };

	memset(c, 0, sizeof(*c));
	got_flag = 0;
	got_val[0] = got_kv[0] = '\0';
	bad_calls = 0;
	strlcpy(buf, line, sizeof(buf));
	return parse_args(buf, table, table + ARRAY_SIZE(table), &u);
}

static void cmdline_known_and_unknown(struct ktest *t)
{
	struct collected c = { .argc = 0 };

	KTEST_EXPECT_EQ(t, parse("flag val=42 single foo=bar", &c), 2);
	KTEST_EXPECT_EQ(t, got_flag, 1);
	KTEST_EXPECT_STREQ(t, got_val, "42");
	KTEST_EXPECT_EQ(t, c.argc, 1);
	KTEST_EXPECT_STREQ(t, c.argv[0], "single");
	KTEST_EXPECT_EQ(t, c.envc, 1);
	KTEST_EXPECT_STREQ(t, c.envp[0], "foo=bar");
}

static void cmdline_quotes_and_spaces(struct ktest *t)
{
	struct collected c = { .argc = 0 };

	KTEST_EXPECT_EQ(t, parse("   val=\"a b  c\"    flag  ", &c), 2);
	KTEST_EXPECT_STREQ(t, got_val, "a b  c");
	KTEST_EXPECT_EQ(t, got_flag, 1);
	KTEST_EXPECT_EQ(t, c.argc + c.envc, 0);
	KTEST_EXPECT_EQ(t, parse("", &c), 0);
	KTEST_EXPECT_EQ(t, parse("val=", &c), 1);
	KTEST_EXPECT_STREQ(t, got_val, "");
}

/* A quoted value reaches init and handlers whole, with '=' and without quotes. */
static void cmdline_quoted_values_survive(struct ktest *t)
{
	struct collected c = { .argc = 0 };

	KTEST_EXPECT_EQ(t, parse("FOO=\"a b\" site.seed=\"7\" \"val=x y\" \"bare word\"", &c), 2);
	KTEST_EXPECT_EQ(t, c.envc, 1);
	KTEST_EXPECT_STREQ(t, c.envp[0], "FOO=a b");
	KTEST_EXPECT_STREQ(t, got_kv, "seed=7");
	KTEST_EXPECT_STREQ(t, got_val, "x y");
	KTEST_EXPECT_EQ(t, c.argc, 1);
	KTEST_EXPECT_STREQ(t, c.argv[0], "bare word");
	KTEST_EXPECT_EQ(t, parse("-- A=\"b c\" d\"", &c), 0);
	KTEST_EXPECT_STREQ(t, c.argv[0], "A=b c");
	KTEST_EXPECT_STREQ(t, c.argv[1], "d\"");	/* a quote it never opened stays */
}

static void cmdline_name_must_match_form(struct ktest *t)
{
	struct collected c = { .argc = 0 };

	/* "flag=1" is not the flag "flag"; "val" without '=' is not "val=". */
	KTEST_EXPECT_EQ(t, parse("flag=1 val flagx valx=2", &c), 0);
	KTEST_EXPECT_EQ(t, got_flag, 0);
	KTEST_EXPECT_EQ(t, c.argc, 2);
	KTEST_EXPECT_EQ(t, c.envc, 2);
	KTEST_EXPECT_STREQ(t, c.envp[0], "flag=1");
}

static void cmdline_prefix_params(struct ktest *t)
{
	struct collected c = { .argc = 0 };

	KTEST_EXPECT_EQ(t, parse("site.seed=7 site. site.=3", &c), 1);
	KTEST_EXPECT_STREQ(t, got_kv, "seed=7");
	KTEST_EXPECT_EQ(t, c.argc + c.envc, 2);
}

static void cmdline_double_dash_goes_to_init(struct ktest *t)
{
	struct collected c = { .argc = 0 };

	KTEST_EXPECT_EQ(t, parse("flag -- val=1 flag x", &c), 1);
	KTEST_EXPECT_STREQ(t, got_val, "");
	KTEST_EXPECT_EQ(t, c.argc, 3);
	KTEST_EXPECT_STREQ(t, c.argv[0], "val=1");
	KTEST_EXPECT_STREQ(t, c.argv[2], "x");
}

static void cmdline_malformed_value_is_not_fatal(struct ktest *t)
{
	struct collected c = { .argc = 0 };

	KTEST_EXPECT_EQ(t, parse("bad=x flag", &c), 2);
	KTEST_EXPECT_EQ(t, bad_calls, 1);
	KTEST_EXPECT_EQ(t, got_flag, 1);
}

static void cmdline_numbers(struct ktest *t)
{
	unsigned long u;
	long l;
	char *end;

	KTEST_EXPECT_EQ(t, kstrtoul("0x1f", 0, &u), 0);
	KTEST_EXPECT_EQ(t, u, 31);
	KTEST_EXPECT_EQ(t, kstrtoul("017", 0, &u), 0);
	KTEST_EXPECT_EQ(t, u, 15);
	KTEST_EXPECT_EQ(t, kstrtoul("4294967296", 10, &u), -ERANGE);
	KTEST_EXPECT_EQ(t, kstrtoul("12x", 10, &u), -EINVAL);
	KTEST_EXPECT_EQ(t, kstrtoul("", 10, &u), -EINVAL);
	KTEST_EXPECT_EQ(t, kstrtoul("0\n", 0, &u), 0);
	KTEST_EXPECT_EQ(t, u, 0);
	KTEST_EXPECT_EQ(t, kstrtoul("0x10", 16, &u), 0);
	KTEST_EXPECT_EQ(t, u, 16);
	KTEST_EXPECT_EQ(t, kstrtol("-2147483648", 0, &l), 0);
	KTEST_EXPECT_EQ(t, l, -2147483647L - 1);
	KTEST_EXPECT_EQ(t, kstrtol("2147483648", 0, &l), -ERANGE);
	KTEST_EXPECT_EQ(t, kstrtol("-1", 0, &l), 0);
	KTEST_EXPECT_EQ(t, l, -1);
	KTEST_EXPECT_EQ(t, memparse("64M", &end), 64ULL << 20);
	KTEST_EXPECT_EQ(t, *end, '\0');
	KTEST_EXPECT_EQ(t, memparse("2g", NULL), 2ULL << 30);
	KTEST_EXPECT_EQ(t, memparse("0x1000k", NULL), 0x1000ULL << 10);
}

static void cmdline_boot_words_reached_init(struct ktest *t)
{
	/* make test boots with "ktest panic=-1": both are parameters, neither reaches init. */
	for (int i = 0; init_argv[i]; i++)
		KTEST_EXPECT_FALSE(t, !strcmp(init_argv[i], "ktest"));
	for (int i = 0; init_envp[i]; i++)
		KTEST_EXPECT_FALSE(t, !strncmp(init_envp[i], "panic=", 6));
	KTEST_EXPECT_STREQ(t, init_argv[0], "init");
}

/* HOME=/root on the command line replaces init's built-in HOME=/ (as Linux). */
static void cmdline_env_replaces_same_name(struct ktest *t)
{
	const char *envp[MAX_INIT_ARGS + 2] = { "HOME=/", "TERM=linux", NULL };

	init_env_set(envp, "HOME=/root");
	init_env_set(envp, "HOMEDIR=/x");
	init_env_set(envp, "TERM=vt100");
	KTEST_EXPECT_STREQ(t, envp[0], "HOME=/root");
	KTEST_EXPECT_STREQ(t, envp[1], "TERM=vt100");
	KTEST_EXPECT_STREQ(t, envp[2], "HOMEDIR=/x");
	KTEST_EXPECT_NULL(t, envp[3]);
}

static struct ktest_case cmdline_cases[] = {
	KTEST_CASE(cmdline_known_and_unknown),
	KTEST_CASE(cmdline_quotes_and_spaces),
	KTEST_CASE(cmdline_quoted_values_survive),
	KTEST_CASE(cmdline_name_must_match_form),
	KTEST_CASE(cmdline_prefix_params),
	KTEST_CASE(cmdline_double_dash_goes_to_init),
	KTEST_CASE(cmdline_malformed_value_is_not_fatal),
	KTEST_CASE(cmdline_numbers),
	KTEST_CASE(cmdline_boot_words_reached_init),
	KTEST_CASE(cmdline_env_replaces_same_name),
	{}
};

static struct ktest_suite cmdline_suite = { .name = "cmdline", .cases = cmdline_cases };
ktest_register_suite(cmdline_suite);
