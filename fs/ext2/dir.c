/*
 * ext2 directories on disk: blocks of variable-length records (inode,
 * rec_len, name_len, file_type, name), each block covered exactly by
 * its records; a record with inode 0 is free space, and a record's
 * slack past its name is free space too.  Directory blocks are
 * metadata: they live in the device's cache (ext2_bread).
 *
 * Lookups do not scan: the first lookup (or readdir, or create) in a
 * directory reads all of it once into the dcache (ext2_populate), and
 * from then on the dcache answers, misses included (ext2.md says why).
 * The scans here are for changes: finding room for a new record, the
 * record to remove or repoint.  Caller holds ext2_lock.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/err.h>
#include <linux-ish/errno.h>
#include <linux-ish/ext2_fs.h>
#include <linux-ish/mm.h>
#include <linux-ish/pagemap.h>
#include <linux-ish/string.h>

unsigned char ext2_file_type(umode_t mode)
{
	switch (mode & S_IFMT) {
	case S_IFREG: return EXT2_FT_REG_FILE;
	case S_IFDIR: return EXT2_FT_DIR;
	case S_IFCHR: return EXT2_FT_CHRDEV;
	case S_IFBLK: return EXT2_FT_BLKDEV;
	case S_IFIFO: return EXT2_FT_FIFO;
	case S_IFSOCK: return EXT2_FT_SOCK;
	case S_IFLNK: return EXT2_FT_SYMLINK;
	default: return EXT2_FT_UNKNOWN;
	}
}

static struct ext2_dir_entry *next_rec(struct ext2_dir_entry *de)
{
	return (struct ext2_dir_entry *)((char *)de + de->rec_len);
}

/* Every record of a directory block is sane.  0, or -EUCLEAN with a message. */
static int check_block(struct inode *dir, char *kaddr)
{
	unsigned int bs = EXT2_SB(dir->i_sb)->blocksize, off = 0;

	while (off < bs) {
		struct ext2_dir_entry *de = (struct ext2_dir_entry *)(kaddr + off);

		if (bs - off < 8 || de->rec_len < 8 || (de->rec_len & 3) ||
		    de->rec_len > bs - off || (de->inode && EXT2_DIR_REC_LEN(de->name_len) >
						de->rec_len) ||
		    de->inode > EXT2_SB(dir->i_sb)->inodes_count) {
			ext2_error(dir->i_sb, "bad directory entry in directory", dir->i_ino);
			return -EUCLEAN;
		}
		off += de->rec_len;
	}
	return 0;
}

/*
 * Block @n of directory @dir, checked: its bytes, the page in *@pagep,
 * its disk block in *@blkp.  ERR_PTR(-EIO, -EUCLEAN).
 */
static char *dir_block(struct inode *dir, u64 n, struct page **pagep, u32 *blkp)
{
	u32 blk;
	int err = ext2_get_block(dir, n, false, &blk);
	char *kaddr;

	if (!err && !blk) {
		ext2_error(dir->i_sb, "hole in directory", dir->i_ino);
		err = -EUCLEAN;
	}
	if (err)
		return ERR_PTR(err);
	kaddr = ext2_bread(dir->i_sb, blk, pagep);
	if (IS_ERR(kaddr))
		return kaddr;
	err = check_block(dir, kaddr);
	if (err) {
		put_page(*pagep);
		return ERR_PTR(err);
	}
	*blkp = blk;
	return kaddr;
}

static u64 dir_blocks(struct inode *dir)
{
	return dir->i_size >> EXT2_SB(dir->i_sb)->bits;
}

static bool is_dot(const struct ext2_dir_entry *de)
{
	return (de->name_len == 1 && de->name[0] == '.') ||
	       (de->name_len == 2 && de->name[0] == '.' && de->name[1] == '.');
}

/* Changing a hashed-index directory makes it a plain one (the index is not kept). */
static void dir_changed(struct inode *dir)
{
	EXT2_I(dir)->i_flags &= ~EXT2_INDEX_FL;
}

/*
 * Reads every entry of directory @dir (dentry @dd) into the dcache,
 * once.  @want, if not NULL, is the (negative) dentry a lookup asked
 * about: it gets its inode here instead of a second dentry.  Names
 * already in the cache are left alone.  A name whose inode is corrupt
 * is left out (and the directory not marked read): a lookup of it, or
 * a change in the directory (@want NULL), gets the error; other names
 * work.  0 or -errno (the next call tries again).
 */
int ext2_populate(struct inode *dir, struct dentry *dd, struct dentry *want)
{
	u64 n = dir_blocks(dir);
	int bad = 0, bad_want = 0;

	if (EXT2_I(dir)->i_populated)
		return 0;
	for (u64 b = 0; b < n; b++) {
		struct page *page;
		u32 blk;
		char *kaddr = dir_block(dir, b, &page, &blk);
		unsigned int off = 0;
		int err = 0;

		if (IS_ERR(kaddr))
			return PTR_ERR(kaddr);
		while (off < EXT2_SB(dir->i_sb)->blocksize && !err) {
			struct ext2_dir_entry *de = (struct ext2_dir_entry *)(kaddr + off);
			struct qstr q = { de->name, de->name_len, full_name_hash(de->name, de->name_len) };
			struct dentry *d;
			struct inode *inode;

			off += de->rec_len;
			if (!de->inode || is_dot(de) || !de->name_len)
				continue;
			d = __d_lookup(dd, &q);
			if (d && d->d_inode)
				continue;
			inode = ext2_iget(dir->i_sb, de->inode);
			if (IS_ERR(inode) && PTR_ERR(inode) == -EUCLEAN) {
				bad = -EUCLEAN;
				if (want && d == want)
					bad_want = bad;
				continue;
			}
			if (IS_ERR(inode)) {
				err = PTR_ERR(inode);
				break;
			}
			if (want && d == want) {
				d_instantiate(want, inode);
				want->d_flags &= ~DCACHE_RECLAIMABLE;	/* a name of the tree now */
				continue;
			}
			d = d_alloc(dd, de->name, de->name_len);
			if (!d) {
				iput(inode);
				err = -ENOMEM;
				break;
			}
			d_instantiate(d, inode);
		}
		put_page(page);
		if (err)
			return err;
	}
	if (bad)
		return want ? bad_want : bad;
	EXT2_I(dir)->i_populated = true;
	return 0;
}

/* Writes a record for @name -> @inode at @de, @rec_len long. */
static void set_rec(struct super_block *sb, struct ext2_dir_entry *de, const char *name,
		    size_t len, struct inode *inode, unsigned int rec_len)
{
	de->inode = inode->i_ino;
	de->rec_len = rec_len;
	de->name_len = len;
	de->file_type = (EXT2_SB(sb)->es->s_feature_incompat & EXT2_FEATURE_INCOMPAT_FILETYPE) ?
			ext2_file_type(inode->i_mode) : 0;
	memcpy(de->name, name, len);
}

/*
 * The @k-th block to look at when a change searches @dir: the block of
 * the last change first, then outwards from it (+1, -1, +2, -2, ...), so
 * that creating names one after the other, or removing them in either
 * order, finds its block at once instead of rescanning the directory.
 * Every block of the @n is visited once for k in [0, n).
 */
static u64 probe_block(struct inode *dir, u64 k, u64 n)
{
	u64 hint = EXT2_I(dir)->i_dir_hint < n ? EXT2_I(dir)->i_dir_hint : 0;
	u64 below = hint, above = n - 1 - hint;	/* blocks on each side */
	u64 both = below < above ? below : above;

	if (k == 0)
		return hint;
	/* Alternate while both sides have blocks left, then the rest of one side. */
	if (k <= 2 * both)
		return (k & 1) ? hint + (k + 1) / 2 : hint - (k + 1) / 2;
	k -= 2 * both;
	return below < above ? hint + (below + k) : hint - (above + k);
}

/*
 * Adds the record @name -> @inode to @dir: in the first record with
 * room (from the last change's block on), else in a new block at the
 * end.  0, -ENOSPC, -EIO, -EUCLEAN.
 */
int ext2_add_entry(struct inode *dir, const char *name, size_t len, struct inode *inode)
{
	struct super_block *sb = dir->i_sb;
	unsigned int bs = EXT2_SB(sb)->blocksize, need = EXT2_DIR_REC_LEN(len);
	u64 n = dir_blocks(dir);
	struct page *page;
	char *kaddr;
	u32 blk;
	int err;

	for (u64 k = 0; k < n; k++) {
		u64 b = probe_block(dir, k, n);
		unsigned int off = 0;

		kaddr = dir_block(dir, b, &page, &blk);
		if (IS_ERR(kaddr))
			return PTR_ERR(kaddr);
		while (off < bs) {
			struct ext2_dir_entry *de = (struct ext2_dir_entry *)(kaddr + off);
			unsigned int used = de->inode ? EXT2_DIR_REC_LEN(de->name_len) : 0;

			if (de->rec_len - used >= need) {
				unsigned int rec_len = de->rec_len;

				if (used) {
					de->rec_len = used;
					de = next_rec(de);
				}
				set_rec(sb, de, name, len, inode, rec_len - used);
				ext2_bdirty(sb, blk);
				put_page(page);
				dir_changed(dir);
				EXT2_I(dir)->i_dir_hint = b;
				return 0;
			}
			off += de->rec_len;
		}
		put_page(page);
	}
	err = ext2_get_block(dir, n, true, &blk);
	if (err)
		return err;
	kaddr = ext2_bzero(sb, blk, &page);
	if (IS_ERR(kaddr))
		return PTR_ERR(kaddr);
	set_rec(sb, (struct ext2_dir_entry *)kaddr, name, len, inode, bs);
	put_page(page);
	EXT2_I(dir)->i_dir_hint = n;
	dir->i_size += bs;
	dir_changed(dir);
	return 0;
}

/*
 * Finds @name in @dir: calls @fn on its record (and the one before it in
 * its block, or NULL) with the block's page.  0, -ENOENT, -EIO, -EUCLEAN.
 */
static int find_entry(struct inode *dir, const char *name, size_t len,
		      void (*fn)(struct inode *dir, struct ext2_dir_entry *prev,
				 struct ext2_dir_entry *de, u32 blk, void *arg), void *arg)
{
	unsigned int bs = EXT2_SB(dir->i_sb)->blocksize;
	u64 n = dir_blocks(dir);

	for (u64 k = 0; k < n; k++) {
		u64 b = probe_block(dir, k, n);
		struct ext2_dir_entry *prev = NULL;
		unsigned int off = 0;
		struct page *page;
		u32 blk;
		char *kaddr = dir_block(dir, b, &page, &blk);

		if (IS_ERR(kaddr))
			return PTR_ERR(kaddr);
		while (off < bs) {
			struct ext2_dir_entry *de = (struct ext2_dir_entry *)(kaddr + off);

			if (de->inode && de->name_len == len && !memcmp(de->name, name, len)) {
				fn(dir, prev, de, blk, arg);
				ext2_bdirty(dir->i_sb, blk);
				put_page(page);
				dir_changed(dir);
				EXT2_I(dir)->i_dir_hint = b;
				return 0;
			}
			prev = de;
			off += de->rec_len;
		}
		put_page(page);
	}
	return -ENOENT;
}

static void remove_rec(struct inode *dir, struct ext2_dir_entry *prev, struct ext2_dir_entry *de,
		       u32 blk, void *arg)
{
	if (prev)
		prev->rec_len += de->rec_len;
	else
		de->inode = 0;
}

/* Removes the record of @name from @dir.  0, -ENOENT, -EIO, -EUCLEAN. */
int ext2_remove_entry(struct inode *dir, const char *name, size_t len)
{
	return find_entry(dir, name, len, remove_rec, NULL);
}

static void repoint_rec(struct inode *dir, struct ext2_dir_entry *prev,
			struct ext2_dir_entry *de, u32 blk, void *arg)
{
	struct inode *inode = arg;

	de->inode = inode->i_ino;
	if (EXT2_SB(dir->i_sb)->es->s_feature_incompat & EXT2_FEATURE_INCOMPAT_FILETYPE)
		de->file_type = ext2_file_type(inode->i_mode);
}

/* Points @dir's record @name at @inode (rename over a name, ".." of a moved directory). */
int ext2_set_entry(struct inode *dir, const char *name, size_t len, struct inode *inode)
{
	return find_entry(dir, name, len, repoint_rec, inode);
}

/* 1 if @dir has no records but "." and "..", 0 if it has, or -errno. */
int ext2_dir_is_empty(struct inode *dir)
{
	unsigned int bs = EXT2_SB(dir->i_sb)->blocksize;
	u64 n = dir_blocks(dir);

	for (u64 b = 0; b < n; b++) {
		unsigned int off = 0;
		struct page *page;
		u32 blk;
		char *kaddr = dir_block(dir, b, &page, &blk);
		bool empty = true;

		if (IS_ERR(kaddr))
			return PTR_ERR(kaddr);
		while (off < bs && empty) {
			struct ext2_dir_entry *de = (struct ext2_dir_entry *)(kaddr + off);

			empty = !de->inode || is_dot(de);
			off += de->rec_len;
		}
		put_page(page);
		if (!empty)
			return 0;
	}
	return 1;
}

/* A new directory's first block: "." and "..".  0, -ENOSPC, -EIO. */
int ext2_make_empty(struct inode *dir, struct inode *parent)
{
	struct super_block *sb = dir->i_sb;
	struct page *page;
	struct ext2_dir_entry *de;
	u32 blk;
	int err = ext2_get_block(dir, 0, true, &blk);

	if (err)
		return err;
	de = ext2_bzero(sb, blk, &page);
	if (IS_ERR(de))
		return PTR_ERR(de);
	set_rec(sb, de, ".", 1, dir, EXT2_DIR_REC_LEN(1));
	set_rec(sb, next_rec(de), "..", 2, parent, EXT2_SB(sb)->blocksize - EXT2_DIR_REC_LEN(1));
	put_page(page);
	dir->i_size = EXT2_SB(sb)->blocksize;
	return 0;
}
