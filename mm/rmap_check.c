/*
 * The reverse map's self-check (linux-ish/rmap.h: rmap_check_mms): every
 * page mapped in a set of mms has _mapcount equal to the PTEs mapping it
 * (a page table shared by fork counted once, as _mapcount counts it), and
 * rmap_walk() reaches each of those PTEs.  O(mapped pages x mapcount):
 * for ktests (mm/rmap_test.c), not for every validate_mm().
 */
#include <linux-ish/kernel.h>
#include <linux-ish/mm.h>
#include <linux-ish/rmap.h>
#include <linux-ish/slab.h>

#define CHECK_MAX	1024	/* pages and tables one check can follow */

struct rmap_census {
	struct page *page[CHECK_MAX];
	int ptes[CHECK_MAX];
	int npages;
	unsigned long table[CHECK_MAX];	/* pfns of the page tables counted */
	int ntables;
	bool overflow;
};

static bool table_seen(struct rmap_census *c, unsigned long pfn)
{
	for (int i = 0; i < c->ntables; i++)
		if (c->table[i] == pfn)
			return true;
	if (c->ntables == CHECK_MAX) {
		c->overflow = true;
		return true;
	}
	c->table[c->ntables++] = pfn;
	return false;
}

static void census_add(struct rmap_census *c, struct page *page)
{
	for (int i = 0; i < c->npages; i++) {
		if (c->page[i] == page) {
			c->ptes[i]++;
			return;
		}
	}
	if (c->npages == CHECK_MAX) {
		c->overflow = true;
		return;
	}
	c->page[c->npages] = page;
	c->ptes[c->npages++] = 1;
}

/* Counts the present PTEs of every table of @mm not counted yet. */
static void census_mm(struct rmap_census *c, struct mm_struct *mm)
{
	for (unsigned int i = 0; i < KERNEL_PGD_BOUNDARY; i++) {
		pgd_t pgd = mm->pgd[i];
		const pte_t *pte;

		if (pgd_none(pgd) || table_seen(c, pgd_pfn(pgd)))
			continue;
		pte = pgd_page_vaddr(pgd);
		for (unsigned int j = 0; j < PTRS_PER_PTE; j++) {
			struct page *page;

			if (!pte_present(pte[j]))
				continue;
			page = pfn_to_page(pte_pfn(pte[j]));
			if (page != zero_page)
				census_add(c, page);
		}
	}
}

#define WALK_MAX	64

struct walk_found {
	pte_t *pte[WALK_MAX];
	int n;
};

/* Collects the distinct PTE slots a walk finds mapping the page. */
static bool walk_collect(struct page *page, struct vm_area_struct *vma, unsigned long addr,
			 pte_t *pte, void *arg)
{
	struct walk_found *f = arg;

	if (!pte_present(*pte) || pte_pfn(*pte) != page_to_pfn(page))
		return true;
	for (int i = 0; i < f->n; i++)
		if (f->pte[i] == pte)
			return true;
	if (f->n < WALK_MAX)
		f->pte[f->n++] = pte;
	return true;
}

static int walk_count(struct page *page)
{
	struct walk_found found = { .n = 0 };
	struct rmap_walk_control rwc = { .rmap_one = walk_collect, .arg = &found };

	rmap_walk(page, &rwc);
	return rwc.contended ? -1 : found.n;
}

int rmap_check_mms(struct mm_struct **mms, int n)
{
	struct rmap_census *c = kmalloc(sizeof(*c), GFP_KERNEL);
	int bad = 0;

	if (!c)
		return -1;
	c->npages = c->ntables = 0;
	c->overflow = false;
	for (int i = 0; i < n; i++)
		census_mm(c, mms[i]);
	for (int i = 0; i < c->npages; i++) {
		struct page *page = c->page[i];
		int walked = walk_count(page);

		if (page_mapcount(page) == c->ptes[i] && walked == c->ptes[i])
			continue;
		pr_err("rmap_check: pfn %#lx: %d PTEs, _mapcount+1 %d, rmap walk found %d\n",
		       page_to_pfn(page), c->ptes[i], page_mapcount(page), walked);
		bad++;
	}
	if (c->overflow) {
		pr_err("rmap_check: more than %d pages or tables\n", CHECK_MAX);
		bad++;
	}
	kfree(c);
	return bad;
}
