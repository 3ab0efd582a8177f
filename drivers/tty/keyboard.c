/*
 * PS/2 keyboard (IRQ 1, scancode set 1, US layout) feeding the console
 * TTY, so a machine with a screen and no serial line has input too.
 * Shift, Ctrl and Caps Lock apply; the arrow keys send the usual escape
 * sequences (ESC [ A..D).
 */
#include <linux-ish/kernel.h>
#include <linux-ish/tty.h>
#include <asm/io.h>
#include <asm/irq.h>

#define KBD_DATA	0x60
#define KBD_STATUS	0x64
#define KBD_OBF		0x01
#define KBD_IRQ		1
#define SC_LSHIFT	0x2a
#define SC_RSHIFT	0x36
#define SC_CTRL		0x1d
#define SC_CAPS		0x3a
#define SC_EXTENDED	0xe0
#define SC_RELEASE	0x80

static const char plain[0x3a] = {
	0, 27, '1', '2', '3', '4', '5', '6', '7', '8', '9', '0', '-', '=', 127, '\t',
	'q', 'w', 'e', 'r', 't', 'y', 'u', 'i', 'o', 'p', '[', ']', '\r', 0, 'a', 's',
	'd', 'f', 'g', 'h', 'j', 'k', 'l', ';', '\'', '`', 0, '\\', 'z', 'x', 'c', 'v',
	'b', 'n', 'm', ',', '.', '/', 0, '*', 0, ' ',
};

static const char shifted[0x3a] = {
	0, 27, '!', '@', '#', '$', '%', '^', '&', '*', '(', ')', '_', '+', 127, '\t',
	'Q', 'W', 'E', 'R', 'T', 'Y', 'U', 'I', 'O', 'P', '{', '}', '\r', 0, 'A', 'S',
	'D', 'F', 'G', 'H', 'J', 'K', 'L', ':', '"', '~', 0, '|', 'Z', 'X', 'C', 'V',
	'B', 'N', 'M', '<', '>', '?', 0, '*', 0, ' ',
};

static bool shift, ctrl, caps, extended;

static void send_escape(char final)
{
	tty_receive_char(27);
	tty_receive_char('[');
	tty_receive_char(final);
}

static void handle_extended(u8 sc)
{
	switch (sc) {
	case 0x48: send_escape('A'); break;	/* up */
	case 0x50: send_escape('B'); break;	/* down */
	case 0x4d: send_escape('C'); break;	/* right */
	case 0x4b: send_escape('D'); break;	/* left */
	case 0x1d: ctrl = true; break;		/* right ctrl */
	case 0x9d: ctrl = false; break;
	default: break;
	}
}

static void handle_scancode(u8 sc)
{
	char c;

	if (sc == SC_EXTENDED) {
		extended = true;
		return;
	}
	if (extended) {
		extended = false;
		handle_extended(sc);
		return;
	}
	if (sc == SC_LSHIFT || sc == SC_RSHIFT || sc == (SC_LSHIFT | SC_RELEASE) ||
	    sc == (SC_RSHIFT | SC_RELEASE)) {
		shift = !(sc & SC_RELEASE);
		return;
	}
	if (sc == SC_CTRL || sc == (SC_CTRL | SC_RELEASE)) {
		ctrl = !(sc & SC_RELEASE);
		return;
	}
	if (sc == SC_CAPS) {
		caps = !caps;
		return;
	}
	if ((sc & SC_RELEASE) || sc >= sizeof(plain))
		return;
	c = shift ? shifted[sc] : plain[sc];
	if (caps && c >= 'a' && c <= 'z')
		c -= 'a' - 'A';
	else if (caps && c >= 'A' && c <= 'Z' && shift)
		c += 'a' - 'A';
	if (ctrl && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '\\'))
		c &= 0x1f;
	if (c)
		tty_receive_char(c);
}

static void keyboard_interrupt(unsigned int irq, struct pt_regs *regs)
{
	int budget = 16;

	while ((inb(KBD_STATUS) & KBD_OBF) && budget--)
		handle_scancode(inb(KBD_DATA));
}

void keyboard_init(void)
{
	while (inb(KBD_STATUS) & KBD_OBF)	/* drop what the firmware left */
		inb(KBD_DATA);
	if (request_irq(KBD_IRQ, keyboard_interrupt, "keyboard"))
		pr_warn("keyboard: IRQ 1 busy\n");
}
