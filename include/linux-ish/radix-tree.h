/*
 * A radix tree of pointers keyed by an unsigned long (a page-cache index),
 * with RADIX_TREE_MAX_TAGS tag bits per entry propagated up the tree so a
 * walk for tagged entries skips untagged subtrees.  Each node holds
 * RADIX_TREE_MAP_SIZE slots; the height grows only as far as the largest
 * key needs, so a sparse file costs one node per level per cluster of
 * pages, not an array as long as the file.
 *
 * Locking is the caller's (the page cache's mapping->lock).  Insertion
 * allocates nodes with the root's gfp mask and may fail: -ENOMEM, with
 * the tree unchanged.  Deletion frees the nodes it empties.
 */
#ifndef _LINUX_ISH_RADIX_TREE_H
#define _LINUX_ISH_RADIX_TREE_H

#include <linux-ish/types.h>
#include <linux-ish/gfp.h>
#include <linux-ish/kernel.h>

#define RADIX_TREE_MAP_SHIFT	6
#define RADIX_TREE_MAP_SIZE	(1UL << RADIX_TREE_MAP_SHIFT)
#define RADIX_TREE_MAP_MASK	(RADIX_TREE_MAP_SIZE - 1)
#define RADIX_TREE_MAX_TAGS	2
#define RADIX_TREE_TAG_LONGS	(RADIX_TREE_MAP_SIZE / BITS_PER_LONG)

struct radix_tree_node {
	unsigned int shift;		/* key bits below this level */
	unsigned int count;		/* non-NULL slots */
	struct radix_tree_node *parent;
	unsigned int offset;		/* our slot in parent */
	void *slots[RADIX_TREE_MAP_SIZE];
	unsigned long tags[RADIX_TREE_MAX_TAGS][RADIX_TREE_TAG_LONGS];
};

struct radix_tree_root {
	unsigned int height;		/* 0: empty; else levels below the root pointer */
	gfp_t gfp_mask;
	struct radix_tree_node *rnode;
	/*
	 * The leaf the last lookup ended in, and its keys >> MAP_SHIFT: a
	 * sequential walk (faults, read) finds the next key there without a
	 * descent.  Cleared when that node is freed.
	 */
	struct radix_tree_node *hint;
	unsigned long hint_base;
};

#define RADIX_TREE_INIT(gfp)	{ .height = 0, .gfp_mask = (gfp), .rnode = NULL, .hint = NULL }

static inline void INIT_RADIX_TREE(struct radix_tree_root *root, gfp_t gfp)
{
	root->height = 0;
	root->gfp_mask = gfp;
	root->rnode = NULL;
	root->hint = NULL;
	root->hint_base = 0;
}

/* 0, -EEXIST, or -ENOMEM (tree unchanged).  @item must not be NULL. */
int radix_tree_insert(struct radix_tree_root *root, unsigned long index, void *item);
/*
 * The item at @index, or NULL.  Inline: the page cache's fault and read
 * paths come through here (the top node's shift says how far the tree
 * reaches; each level takes 6 bits of the key).
 */
static inline void *radix_tree_lookup(struct radix_tree_root *root, unsigned long index)
{
	struct radix_tree_node *node = root->rnode;

	if (root->hint && (index >> RADIX_TREE_MAP_SHIFT) == root->hint_base)
		return root->hint->slots[index & RADIX_TREE_MAP_MASK];
	if (!node || (index >> node->shift) > RADIX_TREE_MAP_MASK)
		return NULL;
	while (node->shift) {
		node = node->slots[(index >> node->shift) & RADIX_TREE_MAP_MASK];
		if (!node)
			return NULL;
	}
	root->hint = node;
	root->hint_base = index >> RADIX_TREE_MAP_SHIFT;
	return node->slots[index & RADIX_TREE_MAP_MASK];
}
/* Removes and returns the item (NULL if none), clearing its tags. */
void *radix_tree_delete(struct radix_tree_root *root, unsigned long index);
/* Tag an existing item: set returns it (NULL if absent). */
void *radix_tree_tag_set(struct radix_tree_root *root, unsigned long index, unsigned int tag);
void *radix_tree_tag_clear(struct radix_tree_root *root, unsigned long index, unsigned int tag);
bool radix_tree_tag_get(const struct radix_tree_root *root, unsigned long index, unsigned int tag);
/* Does any item carry @tag? */
bool radix_tree_tagged(const struct radix_tree_root *root, unsigned int tag);
/*
 * Up to @max items with keys >= @first, in key order, into @results
 * (their keys into @indices if not NULL).  The _tag variant only those
 * carrying @tag.  Returns how many.
 */
unsigned int radix_tree_gang_lookup(const struct radix_tree_root *root, void **results,
				    unsigned long *indices, unsigned long first, unsigned int max);
unsigned int radix_tree_gang_lookup_tag(const struct radix_tree_root *root, void **results,
					unsigned long *indices, unsigned long first,
					unsigned int max, unsigned int tag);
/* Nodes allocated by all trees (a ktest and /proc see it). */
unsigned long radix_tree_nr_nodes(void);

#endif
