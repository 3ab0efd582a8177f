/*
 * Kernel command-line parsing.  Words are separated by spaces; a value
 * may be double-quoted to contain spaces (foo="a b").  Each word is
 * matched against the registered parameters (see linux-ish/init.h):
 *   "name=value"  matches a registration "name="   (handler gets value)
 *   "name"        matches a registration "name"    (handler gets "")
 *   "pfx.key=v"   matches a registration "pfx."    (handler gets "key=v")
 * Words nobody claims go to the @unknown callbacks: "k=v" as environment,
 * bare words as arguments, as Linux does for init.  Everything after a
 * lone "--" goes to init's arguments unparsed.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/errno.h>
#include <linux-ish/init.h>
#include <linux-ish/string.h>

/*
 * Splits off the next word of @args (modified in place).  Sets *param to
 * the name and *val to the value (NULL if there is no '='), quotes
 * removed: a quoted value is moved one byte left over its opening quote,
 * so "name" and "value" stay adjacent and writing '=' at val[-1] gives
 * back "name=value".  Returns the rest of the string.
 */
char *next_arg(char *args, char **param, char **val)
{
	bool in_quote = false, quoted_word = false;
	char *p, *eq = NULL, *next;

	if (*args == '"') {
		args++;
		in_quote = quoted_word = true;
	}
	for (p = args; *p; p++) {
		if (*p == ' ' && !in_quote)
			break;
		if (*p == '=' && !eq)
			eq = p;
		if (*p == '"')
			in_quote = !in_quote;
	}
	next = *p ? p + 1 : p;
	*p = '\0';
	if (quoted_word && p > args && p[-1] == '"')
		p[-1] = '\0';
	*param = args;
	*val = NULL;
	if (eq) {
		char *v = eq + 1;

		*eq = '\0';
		*val = v;
		if (*v == '"') {
			size_t len = strlen(v + 1);

			memmove(v, v + 1, len + 1);
			if (len && v[len - 1] == '"')
				v[len - 1] = '\0';
		}
	}
	return skip_spaces(next);
}

static bool param_matches(const struct kernel_param *kp, const char *param,
			  const char *val, const char **arg)
{
	size_t n = strlen(kp->name);

	if (n && kp->name[n - 1] == '=') {
		*arg = val;
		return val && strlen(param) == n - 1 && !strncmp(kp->name, param, n - 1);
	}
	if (n && kp->name[n - 1] == '.') {
		*arg = param + n;	/* "key", with "=value" restored below */
		return val && !strncmp(kp->name, param, n) && param[n];
	}
	*arg = "";
	return !val && !strcmp(kp->name, param);
}

static bool dispatch(const struct kernel_param *start, const struct kernel_param *end,
		     char *param, char *val)
{
	const struct kernel_param *kp;
	const char *arg;

	for (kp = start; kp < end; kp++) {
		if (!param_matches(kp, param, val, &arg))
			continue;
		if (kp->name[strlen(kp->name) - 1] == '.')
			val[-1] = '=';		/* hand over "key=value" */
		if (kp->setup(arg))
			pr_warn("Malformed kernel parameter: %s\n", param);
		return true;
	}
	return false;
}

static void hand_to_init(const struct param_unknown *unknown, char *param, char *val)
{
	if (!unknown)
		return;
	if (val) {
		val[-1] = '=';
		if (unknown->env)
			unknown->env(param, unknown->data);
	} else if (unknown->arg) {
		unknown->arg(param, unknown->data);
	}
}

/* Returns the number of words handled by a registered parameter. */
int parse_args(char *cmdline, const struct kernel_param *start,
	       const struct kernel_param *end,
	       const struct param_unknown *unknown)
{
	char *param, *val;
	int handled = 0;

	cmdline = skip_spaces(cmdline);
	while (*cmdline) {
		cmdline = next_arg(cmdline, &param, &val);
		if (!val && !strcmp(param, "--")) {
			while (*cmdline) {
				cmdline = next_arg(cmdline, &param, &val);
				if (val)
					val[-1] = '=';
				if (unknown && unknown->arg)
					unknown->arg(param, unknown->data);
			}
			break;
		}
		if (dispatch(start, end, param, val))
			handled++;
		else
			hand_to_init(unknown, param, val);
	}
	return handled;
}
