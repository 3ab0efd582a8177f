/*
 * "#!" scripts: the file names its interpreter on its first line.
 *
 * The rules (Linux's, as users see them):
 *   - only the first BINPRM_SCRIPT_MAX bytes are looked at, and the line
 *     ends at the first newline in them;
 *   - spaces and tabs after "#!" are skipped; the interpreter name runs to
 *     the next space, tab or NUL;
 *   - the rest of the line, leading and trailing blanks removed, is ONE
 *     optional argument, inner blanks kept ("#!/bin/a -x -y" passes "-x -y");
 *   - a line with no newline in those bytes is accepted only if the name
 *     visibly ends before them (else it may be truncated: ENOEXEC); the
 *     argument is then whatever fits;
 *   - no interpreter name at all: ENOEXEC.
 * The new argv is [ interpreter, argument (if any), the script's name as
 * given (to execve, or on the "#!" line naming it), the old argv[1..] ].  The interpreter is then opened and
 * loaded like the program itself; fs/exec.c limits how deep that goes.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/binfmts.h>
#include <linux-ish/errno.h>
#include <linux-ish/string.h>

static bool is_blank(char c)
{
	return c == ' ' || c == '\t';
}

/* First non-blank in [p, end), or end. */
static char *skip_blanks(char *p, const char *end)
{
	while (p < end && is_blank(*p))
		p++;
	return p;
}

/* First blank or NUL in [p, end), or end. */
static char *find_word_end(char *p, const char *end)
{
	while (p < end && *p && !is_blank(*p))
		p++;
	return p;
}

/*
 * Copies the "#!" line (without "#!") into @line, NUL-terminated, with
 * trailing blanks removed.  Returns its length or -ENOEXEC.
 */
static int shebang_line(const struct linux_binprm *bprm, char *line)
{
	int max = BINPRM_SCRIPT_MAX - 1;	/* Linux's last buffer byte is never used */
	const char *nl = memchr(bprm->buf + 2, '\n', max - 2);
	int len = nl ? nl - (bprm->buf + 2) : max - 2;

	memcpy(line, bprm->buf + 2, len);
	line[len] = '\0';
	if (!nl) {
		char *name = skip_blanks(line, line + len);

		if (name == line + len || find_word_end(name, line + len) == line + len)
			return -ENOEXEC;	/* all blanks, or the name may be cut */
	}
	while (len && is_blank(line[len - 1]))
		line[--len] = '\0';
	return len;
}

int load_script(struct linux_binprm *bprm)
{
	char line[BINPRM_SCRIPT_MAX], *name, *name_end, *arg, *end;
	const char *args[3];
	int len, n = 0;

	if (bprm->buf[0] != '#' || bprm->buf[1] != '!')
		return -ENOEXEC;
	len = shebang_line(bprm, line);
	if (len < 0)
		return len;
	end = line + len;
	name = skip_blanks(line, end);
	if (name == end || !*name)
		return -ENOEXEC;
	name_end = find_word_end(name, end);
	arg = skip_blanks(name_end, end);
	*name_end = '\0';
	args[n++] = name;
	if (arg < end && *arg)
		args[n++] = arg;
	args[n++] = bprm->interp;	/* this script, as its name was given */
	len = bprm_replace_arg0(bprm, args, n);
	if (len)
		return len;
	strlcpy(bprm->interp_buf, name, sizeof(bprm->interp_buf));
	bprm->interp = bprm->interp_buf;
	return 0;
}
