/*
 * VGA text-mode console (80x25 at physical 0xB8000): mirrors printk so
 * that a machine with a screen and no serial line still shows the log.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/printk.h>
#include <linux-ish/serial.h>
#include <linux-ish/string.h>
#include <asm/io.h>
#include <asm/page.h>

#define VGA_PHYS	0xB8000
#define VGA_COLS	80
#define VGA_ROWS	25
#define VGA_ATTR	0x0700	/* light grey on black */
#define CRTC_INDEX	0x3D4
#define CRTC_DATA	0x3D5
#define CRTC_CURSOR_HI	0x0E
#define CRTC_CURSOR_LO	0x0F

static u16 *vga_mem;
static unsigned int vga_row, vga_col;

static void vga_scroll(void)
{
	memmove(vga_mem, vga_mem + VGA_COLS, (VGA_ROWS - 1) * VGA_COLS * 2);
	for (unsigned int i = 0; i < VGA_COLS; i++)
		vga_mem[(VGA_ROWS - 1) * VGA_COLS + i] = VGA_ATTR | ' ';
	vga_row = VGA_ROWS - 1;
}

static void vga_putc(char c)
{
	if (c == '\n') {
		vga_col = 0;
		vga_row++;
	} else if (c == '\r') {
		vga_col = 0;
	} else {
		vga_mem[vga_row * VGA_COLS + vga_col] = VGA_ATTR | (u8)c;
		if (++vga_col == VGA_COLS) {
			vga_col = 0;
			vga_row++;
		}
	}
	if (vga_row == VGA_ROWS)
		vga_scroll();
}

static void vga_set_cursor(void)
{
	unsigned int pos = vga_row * VGA_COLS + vga_col;

	outb(CRTC_CURSOR_HI, CRTC_INDEX);
	outb(pos >> 8, CRTC_DATA);
	outb(CRTC_CURSOR_LO, CRTC_INDEX);
	outb(pos & 0xff, CRTC_DATA);
}

static void vgacon_write(struct console *con, const char *s, size_t len)
{
	while (len--)
		vga_putc(*s++);
	vga_set_cursor();
}

static struct console vga_console = {
	.name = "tty0",
	.write = vgacon_write,
};

void vgacon_init(void)
{
	vga_mem = __va(VGA_PHYS);
	for (unsigned int i = 0; i < VGA_ROWS * VGA_COLS; i++)
		vga_mem[i] = VGA_ATTR | ' ';
	vga_row = vga_col = 0;
	register_console(&vga_console);
}
