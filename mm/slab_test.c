/* ktest suite "slab": caches, kmalloc size classes, poisoning. */
#include <linux-ish/kernel.h>
#include <linux-ish/ktest.h>
#include <linux-ish/mm.h>
#include <linux-ish/slab.h>
#include <linux-ish/string.h>

#define NOWARN	(GFP_KERNEL | __GFP_NOWARN)
#define NR_OBJS	300

static void slab_cache_many_objects(struct ktest *t)
{
	static void *objs[NR_OBJS];
	unsigned long pages_before = nr_free_pages();
	struct kmem_cache *c = kmem_cache_create("ktest-40", 40, 8, 0, NULL);
	unsigned int i, j;

	KTEST_ASSERT_NOT_NULL(t, c);
	KTEST_EXPECT_EQ(t, c->size, 40);
	KTEST_EXPECT_EQ(t, c->objects, PAGE_SIZE / 40);
	for (i = 0; i < NR_OBJS; i++) {
		objs[i] = kmem_cache_alloc(c, NOWARN);
		KTEST_ASSERT_NOT_NULL(t, objs[i]);
		KTEST_EXPECT_EQ(t, (unsigned long)objs[i] % 8, 0);
		memset(objs[i], i & 0xff, 40);
	}
	KTEST_EXPECT_EQ(t, c->active_objs, NR_OBJS);
	KTEST_EXPECT_EQ(t, c->nr_slabs, DIV_ROUND_UP(NR_OBJS, c->objects));
	/* Objects never overlap: each still holds its own pattern. */
	for (i = 0; i < NR_OBJS; i++)
		KTEST_EXPECT_NULL(t, memchr_inv(objs[i], i & 0xff, 40));
	for (i = 0; i < NR_OBJS; i += 2)		/* free in two interleaved passes */
		kmem_cache_free(c, objs[i]);
	for (j = 1; j < NR_OBJS; j += 2)
		kmem_cache_free(c, objs[j]);
	KTEST_EXPECT_EQ(t, c->active_objs, 0);
	KTEST_EXPECT_EQ(t, c->nr_slabs, 0);
	kmem_cache_destroy(c);
	KTEST_EXPECT_EQ(t, nr_free_pages(), pages_before);
}

static int ctor_calls;
static void count_ctor(void *obj)
{
	ctor_calls++;
	*(int *)obj = 42;
}

static void slab_ctor_and_align(struct ktest *t)
{
	struct kmem_cache *c = kmem_cache_create("ktest-ctor", 24, 64, 0, count_ctor);
	int *obj, *keep;

	KTEST_ASSERT_NOT_NULL(t, c);
	KTEST_EXPECT_EQ(t, c->size, 64);
	ctor_calls = 0;
	keep = kmem_cache_alloc(c, NOWARN);	/* keeps the slab from being freed */
	obj = kmem_cache_alloc(c, NOWARN);
	KTEST_ASSERT_TRUE(t, keep && obj);
	KTEST_EXPECT_EQ(t, (unsigned long)obj % 64, 0);
	KTEST_EXPECT_EQ(t, ctor_calls, c->objects);	/* once per object, at slab creation */
	KTEST_EXPECT_EQ(t, obj[0], 42);		/* constructed, and the link did not clobber it */
	kmem_cache_free(c, obj);
	obj = kmem_cache_alloc(c, NOWARN);	/* LIFO: the same object, state kept */
	KTEST_ASSERT_NOT_NULL(t, obj);
	KTEST_EXPECT_EQ(t, obj[0], 42);
	KTEST_EXPECT_EQ(t, ctor_calls, c->objects);
	kmem_cache_free(c, obj);
	kmem_cache_free(c, keep);
	kmem_cache_destroy(c);
}

static void slab_bad_create(struct ktest *t)
{
	struct kmem_cache *c;

	/* With the link after the object, 4093..4096 bytes fit no page. */
	KTEST_EXPECT_NULL(t, kmem_cache_create("ctor-full-page", 4094, 0, 0, count_ctor));
	c = kmem_cache_create("page-sized", PAGE_SIZE, 0, 0, NULL);
	KTEST_EXPECT_NOT_NULL(t, c);
	if (c) {
		KTEST_EXPECT_EQ(t, c->objects, 1);
		kmem_cache_destroy(c);
	}
	KTEST_EXPECT_NULL(t, kmem_cache_create("too-big", PAGE_SIZE + 1, 0, 0, NULL));
	KTEST_EXPECT_NULL(t, kmem_cache_create("zero", 0, 0, 0, NULL));
	KTEST_EXPECT_NULL(t, kmem_cache_create("odd-align", 16, 24, 0, NULL));
}

static void kmalloc_size_classes(struct ktest *t)
{
	static const size_t sizes[] = {
		1, 7, 8, 9, 31, 64, 100, 513, 2048, 4095, 4096, 4097, 8192,
		65536, 1 << 20, 1 << 22,
	};

	for (unsigned int i = 0; i < ARRAY_SIZE(sizes); i++) {
		unsigned char *p = kmalloc(sizes[i], NOWARN);

		KTEST_ASSERT_NOT_NULL(t, p);
		memset(p, 0x5a, sizes[i]);		/* all of it is usable */
		KTEST_EXPECT_EQ(t, p[sizes[i] - 1], 0x5a);
		if (sizes[i] > PAGE_SIZE)
			KTEST_EXPECT_EQ(t, (unsigned long)p & ~PAGE_MASK, 0);
		else
			KTEST_EXPECT_TRUE(t, PageSlab(virt_to_page(p)));
		kfree(p);
	}
}

static void kmalloc_edge_cases(struct ktest *t)
{
	unsigned char *p;

	KTEST_EXPECT_TRUE(t, kmalloc(0, NOWARN) == ZERO_SIZE_PTR);
	kfree(ZERO_SIZE_PTR);
	kfree(NULL);
	KTEST_EXPECT_NULL(t, kmalloc((1 << 22) + 1, NOWARN));
	KTEST_EXPECT_NULL(t, kmalloc(0xffffffffU, NOWARN));
	p = kzalloc(300, NOWARN);
	KTEST_ASSERT_NOT_NULL(t, p);
	KTEST_EXPECT_NULL(t, memchr_inv(p, 0, 300));
	kfree(p);
	p = kzalloc(3 * PAGE_SIZE, NOWARN);
	KTEST_ASSERT_NOT_NULL(t, p);
	KTEST_EXPECT_NULL(t, memchr_inv(p, 0, 3 * PAGE_SIZE));
	kfree(p);
}

/* A write to a freed object is caught when the object is handed out again. */
static void slab_poison_catches_use_after_free(struct ktest *t)
{
	unsigned long errors = slab_poison_errors;
	struct kmem_cache *c = kmem_cache_create("ktest-poison", 64, 0, 0, NULL);
	char *a, *b, *keep;

	KTEST_ASSERT_NOT_NULL(t, c);
	KTEST_EXPECT_TRUE(t, c->flags & SLAB_POISON);
	keep = kmem_cache_alloc(c, NOWARN);	/* keeps the slab alive */
	a = kmem_cache_alloc(c, NOWARN);
	KTEST_ASSERT_TRUE(t, keep && a);
	kmem_cache_free(c, a);
	a[20] = 1;				/* use after free */
	ktest_expect_report_begin(t);
	b = kmem_cache_alloc(c, NOWARN);	/* LIFO: the same object */
	ktest_expect_report_end(t);
	KTEST_EXPECT_TRUE(t, a == b);
	KTEST_EXPECT_EQ(t, slab_poison_errors, errors + 1);
	slab_poison_errors = errors;
	kmem_cache_free(c, b);
	kmem_cache_free(c, keep);
	kmem_cache_destroy(c);
}

/* Poisoning would destroy constructed state: a ctor cache never poisons. */
static void slab_ctor_is_never_poisoned(struct ktest *t)
{
	unsigned long errors = slab_poison_errors;
	struct kmem_cache *c = kmem_cache_create("ktest-ctor-poison", 32, 0,
						 SLAB_POISON, count_ctor);
	int *a, *b;

	KTEST_ASSERT_NOT_NULL(t, c);
	KTEST_EXPECT_FALSE(t, c->flags & SLAB_POISON);
	a = kmem_cache_alloc(c, NOWARN);
	b = kmem_cache_alloc(c, NOWARN);
	KTEST_ASSERT_TRUE(t, a && b);
	kmem_cache_free(c, a);
	a = kmem_cache_alloc(c, NOWARN);
	KTEST_ASSERT_NOT_NULL(t, a);
	KTEST_EXPECT_EQ(t, a[0], 42);
	KTEST_EXPECT_EQ(t, slab_poison_errors, errors);
	kmem_cache_free(c, a);
	kmem_cache_free(c, b);
	kmem_cache_destroy(c);
}

/* Freeing an object twice is reported and ignored; the slab stays sound. */
static void slab_double_free_detected(struct ktest *t)
{
	unsigned long bad = slab_double_frees;
	struct kmem_cache *c = kmem_cache_create("ktest-dfree", 48, 0, 0, NULL);
	char *a, *b, *keep;

	KTEST_ASSERT_NOT_NULL(t, c);
	keep = kmem_cache_alloc(c, NOWARN);
	a = kmem_cache_alloc(c, NOWARN);
	b = kmem_cache_alloc(c, NOWARN);
	KTEST_ASSERT_TRUE(t, keep && a && b);
	kmem_cache_free(c, a);
	kmem_cache_free(c, b);
	ktest_expect_report_begin(t);
	kmem_cache_free(c, a);			/* not at the head of the free list */
	kmem_cache_free(c, b);			/* at the head */
	ktest_expect_report_end(t);
	KTEST_EXPECT_EQ(t, slab_double_frees, bad + 2);
	KTEST_EXPECT_EQ(t, c->active_objs, 1);
	slab_double_frees = bad;
	kmem_cache_free(c, keep);
	KTEST_EXPECT_EQ(t, c->nr_slabs, 0);
	kmem_cache_destroy(c);
}

/*
 * The free tag: an object written after its free (past the tag word) and
 * then freed again is still reported as a double free, and the write is
 * reported when the object is handed out again.  A live object that
 * stores its own free tag is still freed normally (the free list decides).
 */
static void slab_free_tag_is_exact(struct ktest *t)
{
	unsigned long bad = slab_double_frees, errors = slab_poison_errors;
	struct kmem_cache *c = kmem_cache_create("ktest-ftag", 64, 0, 0, NULL);
	unsigned long *live;
	char *a, *b, *keep;

	KTEST_ASSERT_NOT_NULL(t, c);
	keep = kmem_cache_alloc(c, NOWARN);
	a = kmem_cache_alloc(c, NOWARN);
	live = kmem_cache_alloc(c, NOWARN);
	KTEST_ASSERT_TRUE(t, keep && a && live);
	kmem_cache_free(c, a);
	a[40] = 1;				/* use after free */
	ktest_expect_report_begin(t);
	kmem_cache_free(c, a);			/* freed twice */
	ktest_expect_report_end(t);
	KTEST_EXPECT_EQ(t, slab_double_frees, bad + 1);
	ktest_expect_report_begin(t);
	b = kmem_cache_alloc(c, NOWARN);	/* LIFO: the same object */
	ktest_expect_report_end(t);
	KTEST_EXPECT_TRUE(t, a == b);
	KTEST_EXPECT_EQ(t, slab_poison_errors, errors + 1);
	slab_double_frees = bad;
	slab_poison_errors = errors;
	/* Copy a free object's second word into a live one: still live. */
	kmem_cache_free(c, b);
	live[1] = ((unsigned long *)b)[1];
	live[1] ^= (unsigned long)b ^ (unsigned long)live;
	kmem_cache_free(c, live);		/* no report */
	KTEST_EXPECT_EQ(t, slab_double_frees, bad);
	KTEST_EXPECT_EQ(t, c->active_objs, 1);
	kmem_cache_free(c, keep);
	KTEST_EXPECT_EQ(t, c->nr_slabs, 0);
	kmem_cache_destroy(c);
}

static struct ktest_case slab_cases[] = {
	KTEST_CASE(slab_cache_many_objects),
	KTEST_CASE(slab_ctor_and_align),
	KTEST_CASE(slab_bad_create),
	KTEST_CASE(kmalloc_size_classes),
	KTEST_CASE(kmalloc_edge_cases),
	KTEST_CASE(slab_poison_catches_use_after_free),
	KTEST_CASE(slab_ctor_is_never_poisoned),
	KTEST_CASE(slab_double_free_detected),
	KTEST_CASE(slab_free_tag_is_exact),
	{}
};

static struct ktest_suite slab_suite = { .name = "slab", .cases = slab_cases };
ktest_register_suite(slab_suite);
