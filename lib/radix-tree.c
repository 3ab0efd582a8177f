/*
 * A tagged radix tree (linux-ish/radix-tree.h): 64-way nodes, the height
 * only as large as the biggest key needs.  Invariants:
 *   - a node at shift s covers keys whose bits above s + 6 match the path
 *     to it; slot i holds the subtree (or, at shift 0, the item) for
 *     bits [s, s + 6) == i
 *   - a node's tag bit t for slot i is set iff some item below slot i
 *     carries tag t (so a clear bit prunes a whole subtree in a walk)
 *   - no node is empty: deleting the last item under a node frees it,
 *     and a root with only slot 0 used is not shrunk (kept simple: the
 *     height never falls until the tree empties).
 * Caller's lock covers everything; node allocation uses root->gfp_mask.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/errno.h>
#include <linux-ish/radix-tree.h>
#include <linux-ish/slab.h>
#include <linux-ish/string.h>
#include <asm/atomic.h>

static atomic_t nr_nodes;

unsigned long radix_tree_nr_nodes(void)
{
	return atomic_read(&nr_nodes);
}

static struct radix_tree_node *node_alloc(gfp_t gfp, unsigned int shift)
{
	struct radix_tree_node *node = kzalloc(sizeof(*node), gfp);

	if (node) {
		node->shift = shift;
		atomic_inc(&nr_nodes);
	}
	return node;
}

static void node_free(struct radix_tree_root *root, struct radix_tree_node *node)
{
	if (root->hint == node)
		root->hint = NULL;
	atomic_dec(&nr_nodes);
	kfree(node);
}

static bool tag_test(const struct radix_tree_node *node, unsigned int tag, unsigned int off)
{
	return node->tags[tag][off / BITS_PER_LONG] & (1UL << (off % BITS_PER_LONG));
}

static void tag_set(struct radix_tree_node *node, unsigned int tag, unsigned int off)
{
	node->tags[tag][off / BITS_PER_LONG] |= 1UL << (off % BITS_PER_LONG);
}

static void tag_clear(struct radix_tree_node *node, unsigned int tag, unsigned int off)
{
	node->tags[tag][off / BITS_PER_LONG] &= ~(1UL << (off % BITS_PER_LONG));
}

static bool node_any_tag(const struct radix_tree_node *node, unsigned int tag)
{
	for (unsigned int i = 0; i < RADIX_TREE_TAG_LONGS; i++)
		if (node->tags[tag][i])
			return true;
	return false;
}

/* The largest key a tree of @height holds. */
static unsigned long height_max(unsigned int height)
{
	unsigned int bits = height * RADIX_TREE_MAP_SHIFT;

	return bits >= BITS_PER_LONG ? ULONG_MAX : (1UL << bits) - 1;
}

static unsigned int slot_of(const struct radix_tree_node *node, unsigned long index)
{
	return (index >> node->shift) & RADIX_TREE_MAP_MASK;
}

/*
 * Adds levels on top until @index fits.  The old top becomes slot 0 of
 * the new one, carrying its tags up.  0 or -ENOMEM (the levels already
 * added stay: they hold the old tree, so nothing is lost).
 */
static int radix_tree_extend(struct radix_tree_root *root, unsigned long index)
{
	while (index > height_max(root->height)) {
		struct radix_tree_node *node;

		if (!root->rnode) {		/* empty: just be taller */
			root->height++;
			continue;
		}
		node = node_alloc(root->gfp_mask, root->height * RADIX_TREE_MAP_SHIFT);
		if (!node)
			return -ENOMEM;
		for (unsigned int t = 0; t < RADIX_TREE_MAX_TAGS; t++)
			if (node_any_tag(root->rnode, t))
				tag_set(node, t, 0);
		node->slots[0] = root->rnode;
		node->count = 1;
		root->rnode->parent = node;
		root->rnode->offset = 0;
		root->rnode = node;
		root->height++;
	}
	return 0;
}

int radix_tree_insert(struct radix_tree_root *root, unsigned long index, void *item)
{
	struct radix_tree_node *node, *child;
	unsigned int off;
	int err;

	if (!root->height)
		root->height = 1;
	err = radix_tree_extend(root, index);
	if (err)
		return err;
	if (!root->rnode) {
		root->rnode = node_alloc(root->gfp_mask, (root->height - 1) * RADIX_TREE_MAP_SHIFT);
		if (!root->rnode)
			return -ENOMEM;
	}
	node = root->rnode;
	while (node->shift) {
		off = slot_of(node, index);
		child = node->slots[off];
		if (!child) {
			child = node_alloc(root->gfp_mask, node->shift - RADIX_TREE_MAP_SHIFT);
			if (!child)
				goto out_prune;
			child->parent = node;
			child->offset = off;
			node->slots[off] = child;
			node->count++;
		}
		node = child;
	}
	off = slot_of(node, index);
	if (node->slots[off])
		return -EEXIST;
	node->slots[off] = item;
	node->count++;
	return 0;

out_prune:
	/* Free the empty nodes this call made on the way down. */
	while (node && !node->count) {
		struct radix_tree_node *parent = node->parent;

		if (parent) {
			parent->slots[node->offset] = NULL;
			parent->count--;
		} else {
			root->rnode = NULL;
		}
		node_free(root, node);
		node = parent;
	}
	return -ENOMEM;
}

/*
 * The leaf node holding @index, or NULL; *@off its slot there.  The page
 * cache's fault and read paths come through here: keep it a bare descent
 * (the top node's shift says how far the tree reaches).
 */
static struct radix_tree_node *leaf_of(const struct radix_tree_root *root, unsigned long index,
				       unsigned int *off)
{
	struct radix_tree_node *node = root->rnode;

	if (!node || (index >> node->shift) > RADIX_TREE_MAP_MASK)
		return NULL;
	while (node->shift) {
		node = node->slots[(index >> node->shift) & RADIX_TREE_MAP_MASK];
		if (!node)
			return NULL;
	}
	*off = index & RADIX_TREE_MAP_MASK;
	return node;
}

void *radix_tree_tag_set(struct radix_tree_root *root, unsigned long index, unsigned int tag)
{
	unsigned int off;
	struct radix_tree_node *node = leaf_of(root, index, &off);
	void *item = node ? node->slots[off] : NULL;

	if (!item)
		return NULL;
	while (node && !tag_test(node, tag, off)) {
		tag_set(node, tag, off);
		off = node->offset;
		node = node->parent;
	}
	return item;
}

/* Clears @tag of slot @off in @node and upwards while nodes lose their last one. */
static void tag_clear_up(struct radix_tree_node *node, unsigned int off, unsigned int tag)
{
	while (node) {
		tag_clear(node, tag, off);
		if (node_any_tag(node, tag))
			return;
		off = node->offset;
		node = node->parent;
	}
}

void *radix_tree_tag_clear(struct radix_tree_root *root, unsigned long index, unsigned int tag)
{
	unsigned int off;
	struct radix_tree_node *node = leaf_of(root, index, &off);
	void *item = node ? node->slots[off] : NULL;

	if (item && tag_test(node, tag, off))
		tag_clear_up(node, off, tag);
	return item;
}

bool radix_tree_tag_get(const struct radix_tree_root *root, unsigned long index, unsigned int tag)
{
	unsigned int off;
	struct radix_tree_node *node = leaf_of(root, index, &off);

	return node && node->slots[off] && tag_test(node, tag, off);
}

bool radix_tree_tagged(const struct radix_tree_root *root, unsigned int tag)
{
	return root->rnode && node_any_tag(root->rnode, tag);
}

void *radix_tree_delete(struct radix_tree_root *root, unsigned long index)
{
	unsigned int off;
	struct radix_tree_node *node = leaf_of(root, index, &off);
	void *item = node ? node->slots[off] : NULL;

	if (!item)
		return NULL;
	for (unsigned int t = 0; t < RADIX_TREE_MAX_TAGS; t++)
		if (tag_test(node, t, off))
			tag_clear_up(node, off, t);
	node->slots[off] = NULL;
	node->count--;
	while (node && !node->count) {
		struct radix_tree_node *parent = node->parent;

		if (parent) {
			parent->slots[node->offset] = NULL;
			parent->count--;
		} else {
			root->rnode = NULL;
			root->height = 0;
		}
		node_free(root, node);
		node = parent;
	}
	return item;
}

/* Is slot @off of @node worth visiting for a walk (@tag < 0: any item)? */
static bool slot_wanted(const struct radix_tree_node *node, unsigned int off, int tag)
{
	return node->slots[off] && (tag < 0 || tag_test(node, tag, off));
}

/*
 * The walk behind both gang lookups: depth first from @first, skipping
 * empty (or untagged) subtrees, without recursion: from a leaf it climbs
 * to the next slot of an ancestor.
 */
static unsigned int gang_lookup(const struct radix_tree_root *root, void **results,
				unsigned long *indices, unsigned long first, unsigned int max,
				int tag)
{
	struct radix_tree_node *node = root->rnode;
	unsigned long index = first;
	unsigned int n = 0, off;

	if (!node || !max || first > height_max(root->height))
		return 0;
	off = slot_of(node, index);
	for (;;) {
		while (off < RADIX_TREE_MAP_SIZE && !slot_wanted(node, off, tag))
			off++;
		if (off == RADIX_TREE_MAP_SIZE) {	/* this node is done: climb */
			if (!node->parent)
				return n;
			off = node->offset + 1;
			node = node->parent;
			continue;
		}
		/* the first key of slot @off, no lower than where we started */
		index = max(index, (index & ~((RADIX_TREE_MAP_SIZE << node->shift) - 1)) |
				   ((unsigned long)off << node->shift));
		if (node->shift) {
			node = node->slots[off];
			off = slot_of(node, index);
			continue;
		}
		results[n] = node->slots[off];
		if (indices)
			indices[n] = index;
		if (++n == max || index == ULONG_MAX)
			return n;
		index++;
		off++;
	}
}

unsigned int radix_tree_gang_lookup(const struct radix_tree_root *root, void **results,
				    unsigned long *indices, unsigned long first, unsigned int max)
{
	return gang_lookup(root, results, indices, first, max, -1);
}

unsigned int radix_tree_gang_lookup_tag(const struct radix_tree_root *root, void **results,
					unsigned long *indices, unsigned long first,
					unsigned int max, unsigned int tag)
{
	return gang_lookup(root, results, indices, first, max, (int)tag);
}
