/*
 * vsnprintf for the kernel: %d %i %u %x %X %o %c %s %p %% with flags
 * "-0+ #", width, precision, '*', and the length modifiers hh h l ll z.
 * Extension: %pS prints a text address as symbol+offset/size.
 * Output is always NUL-terminated when size > 0; the return value is the
 * length the full output would have had (C99 semantics).
 */
#include <linux-ish/kernel.h>
#include <linux-ish/string.h>
#include <linux-ish/kallsyms.h>

struct out {
	char *buf;
	size_t size;
	size_t len;		/* characters produced so far, even if dropped */
};

struct spec {
	unsigned int flags;
	int width;
	int precision;		/* -1: none */
	unsigned int base;
};

#define F_LEFT	0x01
#define F_ZERO	0x02
#define F_PLUS	0x04
#define F_SPACE	0x08
#define F_ALT	0x10
#define F_UPPER	0x20
#define F_SIGNED 0x40

static void put(struct out *o, char c)
{
	if (o->len + 1 < o->size)
		o->buf[o->len] = c;
	o->len++;
}

static void pad(struct out *o, char c, int n)
{
	while (n-- > 0)
		put(o, c);
}

static void put_str(struct out *o, const char *s, const struct spec *sp)
{
	int len, i;

	if (!s)
		s = "(null)";
	len = strnlen(s, sp->precision < 0 ? INT_MAX : (size_t)sp->precision);
	if (!(sp->flags & F_LEFT))
		pad(o, ' ', sp->width - len);
	for (i = 0; i < len; i++)
		put(o, s[i]);
	if (sp->flags & F_LEFT)
		pad(o, ' ', sp->width - len);
}

static void put_num(struct out *o, unsigned long long v, bool neg,
		    const struct spec *sp)
{
	const char *digits = (sp->flags & F_UPPER) ? "0123456789ABCDEF"
						    : "0123456789abcdef";
	char tmp[24], sign = 0;
	const char *prefix = "";
	int n = 0, zeros, width = sp->width;

	do {
		tmp[n++] = digits[v % sp->base];
		v /= sp->base;
	} while (v);

	if (neg)
		sign = '-';
	else if ((sp->flags & F_SIGNED) && (sp->flags & F_PLUS))
		sign = '+';
	else if ((sp->flags & F_SIGNED) && (sp->flags & F_SPACE))
		sign = ' ';
	if ((sp->flags & F_ALT) && sp->base == 16)
		prefix = (sp->flags & F_UPPER) ? "0X" : "0x";
	else if ((sp->flags & F_ALT) && sp->base == 8 && tmp[n - 1] != '0')
		prefix = "0";

	zeros = sp->precision > n ? sp->precision - n : 0;
	width -= n + zeros + (sign != 0) + (int)strlen(prefix);
	if ((sp->flags & F_ZERO) && !(sp->flags & F_LEFT) && sp->precision < 0) {
		zeros += width > 0 ? width : 0;
		width = 0;
	}
	if (!(sp->flags & F_LEFT))
		pad(o, ' ', width);
	if (sign)
		put(o, sign);
	while (*prefix)
		put(o, *prefix++);
	pad(o, '0', zeros);
	while (n)
		put(o, tmp[--n]);
	if (sp->flags & F_LEFT)
		pad(o, ' ', width);
}

static void put_symbol(struct out *o, unsigned long addr, const struct spec *sp)
{
	char sym[KSYM_NAME_LEN + 32];

	sprint_symbol(sym, sizeof(sym), addr);
	put_str(o, sym, sp);
}

static const char *parse_flags(const char *fmt, struct spec *sp)
{
	for (;; fmt++) {
		switch (*fmt) {
		case '-': sp->flags |= F_LEFT; break;
		case '0': sp->flags |= F_ZERO; break;
		case '+': sp->flags |= F_PLUS; break;
		case ' ': sp->flags |= F_SPACE; break;
		case '#': sp->flags |= F_ALT; break;
		default: return fmt;
		}
	}
}

static const char *parse_int(const char *fmt, int *v, va_list *ap)
{
	if (*fmt == '*') {
		*v = va_arg(*ap, int);
		return fmt + 1;
	}
	*v = 0;
	while (*fmt >= '0' && *fmt <= '9')
		*v = *v * 10 + (*fmt++ - '0');
	return fmt;
}

/* Fetches the next integer argument of length class @lng ('H','h','l','L','z'). */
static unsigned long long fetch(va_list *ap, char lng, bool is_signed)
{
	switch (lng) {
	case 'L':
		return va_arg(*ap, unsigned long long);
	case 'l':
	case 'z':
		return is_signed ? (unsigned long long)(long long)va_arg(*ap, long)
				 : va_arg(*ap, unsigned long);
	case 'h':
		return is_signed ? (unsigned long long)(long long)(short)va_arg(*ap, int)
				 : (unsigned short)va_arg(*ap, unsigned int);
	case 'H':
		return is_signed ? (unsigned long long)(long long)(signed char)va_arg(*ap, int)
				 : (unsigned char)va_arg(*ap, unsigned int);
	default:
		return is_signed ? (unsigned long long)(long long)va_arg(*ap, int)
				 : va_arg(*ap, unsigned int);
	}
}

static const char *parse_length(const char *fmt, char *lng)
{
	*lng = 0;
	if (fmt[0] == 'h' && fmt[1] == 'h') {
		*lng = 'H';
		return fmt + 2;
	}
	if (fmt[0] == 'l' && fmt[1] == 'l') {
		*lng = 'L';
		return fmt + 2;
	}
	if (*fmt == 'h' || *fmt == 'l' || *fmt == 'z') {
		*lng = *fmt;
		return fmt + 1;
	}
	return fmt;
}

static void put_integer(struct out *o, char conv, char lng, struct spec *sp,
			va_list *ap)
{
	bool is_signed = (conv == 'd' || conv == 'i');
	unsigned long long v = fetch(ap, lng, is_signed);
	bool neg = false;

	sp->base = 10;
	if (conv == 'x' || conv == 'X')
		sp->base = 16;
	else if (conv == 'o')
		sp->base = 8;
	if (conv == 'X')
		sp->flags |= F_UPPER;
	if (is_signed)
		sp->flags |= F_SIGNED;
	if (is_signed && (long long)v < 0) {
		neg = true;
		v = -(long long)v;
	}
	put_num(o, v, neg, sp);
}

static const char *put_pointer(struct out *o, const char *fmt, struct spec *sp,
			       va_list *ap)
{
	unsigned long p = (unsigned long)va_arg(*ap, void *);

	if (fmt[1] == 'S') {
		put_symbol(o, p, sp);
		return fmt + 1;
	}
	sp->base = 16;
	sp->flags |= F_ZERO;
	if (sp->width < 0 || !sp->width)
		sp->width = 8;
	put_num(o, p, false, sp);
	return fmt;
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list args)
{
	struct out o = { buf, size, 0 };
	va_list ap;

	va_copy(ap, args);
	for (; *fmt; fmt++) {
		struct spec sp = { 0, 0, -1, 10 };
		char lng;

		if (*fmt != '%') {
			put(&o, *fmt);
			continue;
		}
		fmt = parse_flags(fmt + 1, &sp);
		fmt = parse_int(fmt, &sp.width, &ap);
		if (sp.width < 0) {
			sp.flags |= F_LEFT;
			sp.width = -sp.width;
		}
		if (*fmt == '.')
			fmt = parse_int(fmt + 1, &sp.precision, &ap);
		fmt = parse_length(fmt, &lng);

		switch (*fmt) {
		case 'd': case 'i': case 'u': case 'x': case 'X': case 'o':
			put_integer(&o, *fmt, lng, &sp, &ap);
			break;
		case 'c':
			if (!(sp.flags & F_LEFT))
				pad(&o, ' ', sp.width - 1);
			put(&o, (char)va_arg(ap, int));
			if (sp.flags & F_LEFT)
				pad(&o, ' ', sp.width - 1);
			break;
		case 's':
			put_str(&o, va_arg(ap, const char *), &sp);
			break;
		case 'p':
			fmt = put_pointer(&o, fmt, &sp, &ap);
			break;
		case '%':
			put(&o, '%');
			break;
		case '\0':
			fmt--;
			break;
		default:
			put(&o, '%');
			put(&o, *fmt);
			break;
		}
	}
	va_end(ap);
	if (size)
		buf[o.len < size ? o.len : size - 1] = '\0';
	return o.len;
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

/* Like snprintf but returns what was actually written (excluding NUL). */
int scnprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	if (!size)
		return 0;
	return n < (int)size ? n : (int)size - 1;
}
