/*
 * interp_dyn: a dynamically linked PIE (PT_INTERP /lib/ld-linux.so.2)
 * runs: the auxv describes the program (AT_PHDR, AT_ENTRY) and the
 * interpreter (AT_BASE, where ld.so is mapped), dlopen loads a library,
 * and /proc/self/maps has Linux i386's top-down layout: the program low
 * at ELF_ET_DYN_BASE, its heap above it, the libraries, vDSO and ld.so
 * under the stack, each library later mapped lower.  Built by the _dyn
 * rule of the Makefile.
 */
#include "../kselftest.h"
#include <dlfcn.h>
#include <elf.h>
#include <link.h>
#include <sys/auxv.h>

extern char _start[];
extern const ElfW(Ehdr) __ehdr_start;

struct map {
	unsigned long start, end, off;
	char perms[5];
	char path[128];
};

#define MAX_MAPS 128
static struct map maps[MAX_MAPS];
static int nmaps;
static char buf[65536];

static void read_maps(void)
{
	char *line = buf;

	nmaps = 0;
	if (ksft_read_file("/proc/self/maps", buf, sizeof(buf)) < 0)
		return;
	while (*line && nmaps < MAX_MAPS) {
		struct map *m = &maps[nmaps];
		char *nl = strchr(line, '\n');

		if (nl)
			*nl = '\0';
		m->path[0] = '\0';
		if (sscanf(line, "%lx-%lx %4s %lx %*s %*s %127s", &m->start, &m->end, m->perms,
			   &m->off, m->path) >= 4)
			nmaps++;
		if (!nl)
			break;
		line = nl + 1;
	}
}

/* The first mapping whose path ends with @name (and has @perms if given). */
static const struct map *find_map(const char *name, const char *perms)
{
	size_t n = strlen(name);

	for (int i = 0; i < nmaps; i++) {
		size_t l = strlen(maps[i].path);

		if (l >= n && !strcmp(maps[i].path + l - n, name) &&
		    (!perms || !strcmp(maps[i].perms, perms)))
			return &maps[i];
	}
	return NULL;
}

static const struct map *map_at(unsigned long addr)
{
	for (int i = 0; i < nmaps; i++)
		if (addr >= maps[i].start && addr < maps[i].end)
			return &maps[i];
	return NULL;
}

static int first_phdr(struct dl_phdr_info *info, size_t size, void *data)
{
	(void)size;
	*(const ElfW(Phdr) **)data = info->dlpi_phdr;
	return 1;	/* the first object is the program */
}

int main(void)
{
	unsigned long base = (unsigned long)&__ehdr_start, at_base = getauxval(AT_BASE);
	const ElfW(Phdr) *dl_phdr = NULL;
	const struct map *ld, *libc, *libc_text, *heap, *stack, *vdso, *libm;
	char *brk_page;
	void *h;
	double (*cosine)(double);

	ksft_plan(12);
	dl_iterate_phdr(first_phdr, &dl_phdr);
	ksft_ok(__ehdr_start.e_type == ET_DYN, "the program is a PIE (type %d)", __ehdr_start.e_type);
	ksft_ok(getauxval(AT_PHDR) == base + __ehdr_start.e_phoff &&
		(unsigned long)dl_phdr == getauxval(AT_PHDR),
		"AT_PHDR %#lx: the program's loaded headers (base %#lx, ld.so says %p)",
		getauxval(AT_PHDR), base, (void *)dl_phdr);
	ksft_ok(getauxval(AT_PHNUM) == __ehdr_start.e_phnum &&
		getauxval(AT_PHENT) == sizeof(ElfW(Phdr)), "AT_PHNUM %lu, AT_PHENT %lu",
		getauxval(AT_PHNUM), getauxval(AT_PHENT));
	ksft_ok(getauxval(AT_ENTRY) == (unsigned long)_start, "AT_ENTRY %#lx is the program's _start %p",
		getauxval(AT_ENTRY), (void *)_start);

	brk_page = sbrk(KSFT_PAGE);		/* so that there is a [heap] */
	if (brk_page != (void *)-1)
		brk_page[0] = 1;
	read_maps();
	ld = find_map("/ld-linux.so.2", NULL);
	ksft_ok(at_base && ld && ld->start == at_base && ld->off == 0,
		"AT_BASE %#lx is where ld-linux.so.2 is mapped (%#lx)", at_base, ld ? ld->start : 0);
	ksft_ok(base >= 0x400000 && base < 0x500000,
		"the PIE is at ELF_ET_DYN_BASE plus at most 1 MiB (%#lx)", base);
	libc = find_map("/libc.so.6", NULL);
	libc_text = find_map("/libc.so.6", "r-xp");
	ksft_ok(libc && libc_text && libc_text->off > 0,
		"libc.so.6's text is a private file mapping (r-xp at offset %#lx)",
		libc_text ? libc_text->off : 0);
	heap = brk_page != (void *)-1 ? map_at((unsigned long)brk_page) : NULL;
	stack = map_at((unsigned long)&h);
	vdso = map_at(getauxval(AT_SYSINFO_EHDR));
	ksft_ok(heap && !strcmp(heap->path, "[heap]") && stack && !strcmp(stack->path, "[stack]") &&
		vdso && !strcmp(vdso->path, "[vdso]"), "[heap] %s, [stack] %s, [vdso] %s found",
		heap ? heap->path : "-", stack ? stack->path : "-", vdso ? vdso->path : "-");
	ksft_ok(heap && libc && ld && stack && vdso && base < heap->start && heap->end < libc->start &&
		libc->start < vdso->start && vdso->start < ld->start && ld->end < stack->start,
		"program < [heap] < libc < [vdso] < ld.so < [stack]");

	h = dlopen("libm.so.6", RTLD_NOW);
	cosine = h ? (double (*)(double))dlsym(h, "cos") : NULL;
	ksft_ok(cosine && cosine(0.0) == 1.0, "dlopen(libm.so.6) and dlsym(cos): cos(0) = %g",
		cosine ? cosine(0.0) : -1.0);
	read_maps();
	libm = find_map("/libm.so.6", NULL);
	libc = find_map("/libc.so.6", NULL);
	ksft_ok(libm && libc && libm->start < libc->start,
		"libm, loaded later, is mapped below libc (%#lx < %#lx)",
		libm ? libm->start : 0, libc ? libc->start : 0);
	if (h)
		dlclose(h);
	read_maps();
	ksft_ok(h && !find_map("/libm.so.6", NULL), "dlclose unmaps libm.so.6");
	ksft_exit();
}
