/*
 * ktest suite "dcache": the dentry hash (every name found under its own
 * parent only, renames rehashed), and the negative-dentry mechanism of
 * FS_DCACHE_LOOKUP file systems on a private test file system whose
 * lookup counts its calls: a miss is asked once, a create turns the
 * negative dentry positive, errors are not cached, the LRU is bounded
 * and shrinkable, and a removed directory's misses go with it.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/err.h>
#include <linux-ish/errno.h>
#include <linux-ish/fs.h>
#include <linux-ish/ktest.h>
#include <linux-ish/string.h>
#include "dcache_internal.h"

#define NNAMES	2000

static int lookups;

/* Names starting with 'p' exist, with 'e' give -EIO, others are absent. */
static int test_lookup(struct inode *dir, struct dentry *d)
{
	struct inode *inode;

	lookups++;
	if (d->d_name[0] == 'e')
		return -EIO;
	if (d->d_name[0] != 'p')
		return -ENOENT;
	inode = new_inode(dir->i_sb, S_IFREG | 0644);
	if (!inode)
		return -ENOMEM;
	d_instantiate(d, inode);
	return 0;
}

static const struct inode_operations test_dir_iops = { .lookup = test_lookup };

static struct file_system_type test_fs_type = {
	.name = "dcache-test",
	.fs_flags = FS_DCACHE_LOOKUP,
};

static struct super_block test_sb;

/* A fresh test instance's root, or NULL. */
static struct dentry *test_root(bool cached)
{
	struct inode *inode;
	struct dentry *root;

	memset(&test_sb, 0, sizeof(test_sb));
	test_sb.s_type = cached ? &test_fs_type : NULL;
	inode = new_inode(&test_sb, S_IFDIR | 0755);
	root = inode ? d_alloc(NULL, "/", 1) : NULL;
	if (!root) {
		if (inode)
			kfree_inode(inode);
		return NULL;
	}
	d_instantiate(root, inode);
	root->d_sb = &test_sb;
	test_sb.s_root = root;
	inode->i_op = cached ? &test_dir_iops : NULL;
	lookups = 0;
	return root;
}

/* Drops every unused cached dentry, then the whole tree. */
static void test_root_put(struct dentry *root)
{
	shrink_dcache_memory(~0UL);
	d_genocide(root);
}

/* A positive child @name of @dir (the tree's reference), or NULL. */
static struct dentry *add_child(struct dentry *dir, const char *name, umode_t mode)
{
	struct inode *inode = new_inode(dir->d_sb, mode);
	struct dentry *d = inode ? d_alloc(dir, name, strlen(name)) : NULL;

	if (!d) {
		if (inode)
			kfree_inode(inode);
		return NULL;
	}
	d_instantiate(d, inode);
	if (S_ISDIR(mode))
		inode->i_nlink = 2;
	return d;
}

static void dcache_hash_finds_each_name(struct ktest *t)
{
	struct dentry *root = test_root(false), *a, *b;
	char name[32];
	int found = 0, wrong = 0;

	KTEST_ASSERT_TRUE(t, root);
	a = add_child(root, "a", S_IFDIR | 0755);
	b = add_child(root, "b", S_IFDIR | 0755);
	KTEST_ASSERT_TRUE(t, a && b);
	for (int i = 0; i < NNAMES; i++) {
		snprintf(name, sizeof(name), "n%d", i);
		if (!add_child(a, name, S_IFREG | 0644))
			break;
	}
	for (int i = 0; i < NNAMES; i++) {
		struct dentry *d;

		snprintf(name, sizeof(name), "n%d", i);
		d = d_lookup(a, name, strlen(name));
		found += d != NULL;
		wrong += d && (d->d_parent != a || strcmp(d->d_name, name));
	}
	KTEST_EXPECT_EQ(t, found, NNAMES);
	KTEST_EXPECT_EQ(t, wrong, 0);
	KTEST_EXPECT_NULL(t, d_lookup(a, "n2000", 5));
	KTEST_EXPECT_NULL(t, d_lookup(b, "n1", 2));	/* the same name, another parent */
	KTEST_EXPECT_NULL(t, d_lookup(a, "n1x", 2 + 1));
	KTEST_EXPECT_TRUE(t, d_lookup(a, "n1x", 2) == d_lookup(a, "n1", 2));
	test_root_put(root);
}

static void dcache_hash_name_stops_at_slash(struct ktest *t)
{
	struct qstr q;

	KTEST_EXPECT_EQ(t, hash_name("usr/bin", &q), 3);
	KTEST_EXPECT_EQ(t, q.hash, full_name_hash("usr", 3));
	KTEST_EXPECT_EQ(t, hash_name("", &q), 0);
	KTEST_EXPECT_NE(t, full_name_hash("ab", 2), full_name_hash("ba", 2));
}

static void dcache_move_rehashes(struct ktest *t)
{
	struct dentry *root = test_root(false), *a, *b, *f;

	KTEST_ASSERT_TRUE(t, root);
	a = add_child(root, "a", S_IFDIR | 0755);
	b = add_child(root, "b", S_IFDIR | 0755);
	f = a && b ? add_child(a, "f", S_IFREG | 0644) : NULL;
	KTEST_ASSERT_TRUE(t, f);
	d_move(f, a, "g", 1);
	KTEST_EXPECT_NULL(t, d_lookup(a, "f", 1));
	KTEST_EXPECT_TRUE(t, d_lookup(a, "g", 1) == f);
	d_move(f, b, "h", 1);
	KTEST_EXPECT_NULL(t, d_lookup(a, "g", 1));
	KTEST_EXPECT_TRUE(t, d_lookup(b, "h", 1) == f);
	KTEST_EXPECT_TRUE(t, f->d_parent == b);
	KTEST_EXPECT_FALSE(t, d_has_children(a));
	KTEST_EXPECT_TRUE(t, d_has_children(b));
	d_delete(f);
	KTEST_EXPECT_NULL(t, d_lookup(b, "h", 1));
	test_root_put(root);
}

static void dcache_negative_answers_misses(struct ktest *t)
{
	struct dentry *root = test_root(true), *d, *again;
	long neg = dentry_stat.nr_negative, unused = dentry_stat.nr_unused;
	struct inode *inode;

	KTEST_ASSERT_TRUE(t, root);
	KTEST_EXPECT_EQ(t, PTR_ERR(lookup_one(root, "missing", 7)), -ENOENT);
	KTEST_EXPECT_EQ(t, lookups, 1);
	KTEST_EXPECT_EQ(t, PTR_ERR(lookup_one(root, "missing", 7)), -ENOENT);
	KTEST_EXPECT_EQ(t, lookups, 1);			/* answered by the negative dentry */
	KTEST_EXPECT_EQ(t, dentry_stat.nr_negative, neg + 1);
	KTEST_EXPECT_EQ(t, dentry_stat.nr_unused, unused + 1);
	KTEST_EXPECT_NULL(t, d_lookup(root, "missing", 7));	/* not a name in the directory */
	KTEST_EXPECT_FALSE(t, d_has_children(root));

	d = lookup_one(root, "present", 7);
	KTEST_ASSERT_TRUE(t, !IS_ERR(d));
	KTEST_EXPECT_EQ(t, lookups, 2);
	dput(d);
	KTEST_EXPECT_EQ(t, dentry_stat.nr_unused, unused + 2);
	again = lookup_one(root, "present", 7);
	KTEST_EXPECT_TRUE(t, again == d);
	KTEST_EXPECT_EQ(t, lookups, 2);
	dput(again);

	/* A create instantiates the negative dentry. */
	d = __d_lookup(root, &(struct qstr){ "missing", 7, full_name_hash("missing", 7) });
	inode = new_inode(&test_sb, S_IFREG | 0644);
	KTEST_ASSERT_TRUE(t, d && inode);
	d_instantiate(d, inode);
	KTEST_EXPECT_EQ(t, dentry_stat.nr_negative, neg);
	again = lookup_one(root, "missing", 7);
	KTEST_EXPECT_TRUE(t, again == d);
	KTEST_EXPECT_EQ(t, lookups, 2);
	dput(again);

	/* Errors are not answers. */
	KTEST_EXPECT_EQ(t, PTR_ERR(lookup_one(root, "eio", 3)), -EIO);
	KTEST_EXPECT_EQ(t, PTR_ERR(lookup_one(root, "eio", 3)), -EIO);
	KTEST_EXPECT_EQ(t, lookups, 4);
	test_root_put(root);
	KTEST_EXPECT_EQ(t, dentry_stat.nr_negative, neg);
	KTEST_EXPECT_EQ(t, dentry_stat.nr_unused, unused);
}

static void dcache_shrink_frees_unused(struct ktest *t)
{
	struct dentry *root = test_root(true), *held;
	long unused = dentry_stat.nr_unused;
	char name[32];

	KTEST_ASSERT_TRUE(t, root);
	for (int i = 0; i < 100; i++) {
		snprintf(name, sizeof(name), "x%d", i);
		lookup_one(root, name, strlen(name));
	}
	held = lookup_one(root, "pheld", 5);
	KTEST_ASSERT_TRUE(t, !IS_ERR(held));
	KTEST_EXPECT_EQ(t, dentry_stat.nr_unused, unused + 100);
	KTEST_EXPECT_EQ(t, shrink_dcache_memory(40), 40);	/* the coldest 40 */
	KTEST_EXPECT_EQ(t, PTR_ERR(lookup_one(root, "x99", 3)), -ENOENT);
	KTEST_EXPECT_EQ(t, lookups, 101);		/* x99 was warm: still cached */
	KTEST_EXPECT_EQ(t, PTR_ERR(lookup_one(root, "x0", 2)), -ENOENT);
	KTEST_EXPECT_EQ(t, lookups, 102);		/* x0 was shrunk: asked again */
	shrink_dcache_memory(~0UL);
	KTEST_EXPECT_TRUE(t, lookup_one(root, "pheld", 5) == held);	/* in use: kept */
	KTEST_EXPECT_EQ(t, lookups, 102);
	dput(held);
	dput(held);
	test_root_put(root);
	KTEST_EXPECT_EQ(t, dentry_stat.nr_unused, unused);
}

static void dcache_lru_is_bounded(struct ktest *t)
{
	struct dentry *root = test_root(true);
	unsigned long n = d_hash_size() + 200;
	char name[32];

	KTEST_ASSERT_TRUE(t, root);
	for (unsigned long i = 0; i < n; i++) {
		snprintf(name, sizeof(name), "m%lu", i);
		lookup_one(root, name, strlen(name));
	}
	KTEST_EXPECT_LE(t, dentry_stat.nr_unused, d_hash_size());
	test_root_put(root);
}

/*
 * A directory removed while it has a cached miss: the miss goes with it
 * and the directory's dentry is freed at its last dput, not when the
 * shrinker happens to meet the miss (which held it, and its inode, past
 * an unmount: e2fsck found such ext2 directories "deleted" with no dtime).
 */
static void dcache_removed_dir_drops_misses(struct ktest *t)
{
	struct dentry *root = test_root(true), *sub;
	long neg = dentry_stat.nr_negative, all;

	KTEST_ASSERT_TRUE(t, root);
	sub = add_child(root, "sub", S_IFDIR | 0755);
	KTEST_ASSERT_TRUE(t, sub);
	sub->d_inode->i_op = &test_dir_iops;
	all = dentry_stat.nr_dentry;
	KTEST_EXPECT_EQ(t, PTR_ERR(lookup_one(sub, "missing", 7)), -ENOENT);
	KTEST_EXPECT_EQ(t, dentry_stat.nr_negative, neg + 1);
	dget(sub);				/* as rmdir holds it */
	sub->d_inode->i_nlink = 1;
	d_delete(sub);
	KTEST_EXPECT_EQ(t, dentry_stat.nr_negative, neg);
	dput(sub);
	KTEST_EXPECT_EQ(t, dentry_stat.nr_dentry, all - 1);	/* sub itself is gone */
	test_root_put(root);
}

static struct ktest_case dcache_cases[] = {
	KTEST_CASE(dcache_hash_finds_each_name),
	KTEST_CASE(dcache_hash_name_stops_at_slash),
	KTEST_CASE(dcache_move_rehashes),
	KTEST_CASE(dcache_negative_answers_misses),
	KTEST_CASE(dcache_shrink_frees_unused),
	KTEST_CASE(dcache_lru_is_bounded),
	KTEST_CASE(dcache_removed_dir_drops_misses),
	{}
};

static struct ktest_suite dcache_suite = { .name = "dcache", .cases = dcache_cases };
ktest_register_suite(dcache_suite);
