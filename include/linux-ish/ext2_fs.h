/*
 * ext2 revision 1: the on-disk structures (little-endian, which is also
 * i386's order, so fields are read in place) and the in-memory objects of
 * fs/ext2/.  Documentation/filesystems/ext2.md draws the layout.
 */
#ifndef _LINUX_ISH_EXT2_FS_H
#define _LINUX_ISH_EXT2_FS_H

#include <linux-ish/types.h>
#include <linux-ish/blk_types.h>
#include <linux-ish/fs.h>
#include <linux-ish/mutex.h>

#define EXT2_SUPER_MAGIC	0xEF53
#define EXT2_SUPER_OFFSET	1024	/* bytes from the start of the device */
#define EXT2_ROOT_INO		2
#define EXT2_GOOD_OLD_FIRST_INO	11
#define EXT2_GOOD_OLD_INODE_SIZE 128
#define EXT2_NDIR_BLOCKS	12
#define EXT2_IND_BLOCK		12
#define EXT2_DIND_BLOCK		13
#define EXT2_TIND_BLOCK		14
#define EXT2_N_BLOCKS		15
#define EXT2_NAME_LEN		255
#define EXT2_MIN_BLOCK_LOG	10
#define EXT2_MAX_BLOCK_LOG	12	/* Linnet: blocks up to a page */
#define EXT2_IHASH		1024	/* buckets of the in-memory inode hash */

/* s_state */
#define EXT2_VALID_FS		0x1	/* cleanly unmounted */
#define EXT2_ERROR_FS		0x2

/* Features: what Linnet knows (others refuse the mount, fs/ext2/super.c). */
#define EXT2_FEATURE_COMPAT_DIR_PREALLOC	0x0001
#define EXT2_FEATURE_COMPAT_EXT_ATTR		0x0008
#define EXT2_FEATURE_COMPAT_RESIZE_INODE	0x0010
#define EXT2_FEATURE_COMPAT_DIR_INDEX		0x0020
#define EXT2_FEATURE_INCOMPAT_FILETYPE		0x0002
#define EXT2_FEATURE_RO_COMPAT_SPARSE_SUPER	0x0001
#define EXT2_FEATURE_RO_COMPAT_LARGE_FILE	0x0002

/* i_flags */
#define EXT2_INDEX_FL		0x00001000	/* hashed-index directory (htree) */

/* Directory entry file types (INCOMPAT_FILETYPE). */
#define EXT2_FT_UNKNOWN		0
#define EXT2_FT_REG_FILE	1
#define EXT2_FT_DIR		2
#define EXT2_FT_CHRDEV		3
#define EXT2_FT_BLKDEV		4
#define EXT2_FT_FIFO		5
#define EXT2_FT_SOCK		6
#define EXT2_FT_SYMLINK		7

struct ext2_super_block {
	u32 s_inodes_count;
	u32 s_blocks_count;
	u32 s_r_blocks_count;
	u32 s_free_blocks_count;
	u32 s_free_inodes_count;
	u32 s_first_data_block;
	u32 s_log_block_size;		/* block size = 1024 << this */
	u32 s_log_frag_size;
	u32 s_blocks_per_group;
	u32 s_frags_per_group;
	u32 s_inodes_per_group;
	u32 s_mtime;			/* last mount */
	u32 s_wtime;			/* last write */
	u16 s_mnt_count;
	s16 s_max_mnt_count;
	u16 s_magic;
	u16 s_state;
	u16 s_errors;
	u16 s_minor_rev_level;
	u32 s_lastcheck;
	u32 s_checkinterval;
	u32 s_creator_os;
	u32 s_rev_level;
	u16 s_def_resuid;
	u16 s_def_resgid;
	/* revision 1 (EXT2_DYNAMIC_REV) */
	u32 s_first_ino;
	u16 s_inode_size;
	u16 s_block_group_nr;
	u32 s_feature_compat;
	u32 s_feature_incompat;
	u32 s_feature_ro_compat;
	u8 s_uuid[16];
	char s_volume_name[16];
	char s_last_mounted[64];
	u32 s_algorithm_usage_bitmap;
	u8 s_prealloc_blocks;
	u8 s_prealloc_dir_blocks;
	u16 s_reserved_gdt_blocks;
	u32 s_rest[204];		/* journal, hash seed, ...: kept as found */
};

struct ext2_group_desc {
	u32 bg_block_bitmap;
	u32 bg_inode_bitmap;
	u32 bg_inode_table;
	u16 bg_free_blocks_count;
	u16 bg_free_inodes_count;
	u16 bg_used_dirs_count;
	u16 bg_pad;
	u32 bg_reserved[3];
};

struct ext2_inode {
	u16 i_mode;
	u16 i_uid;
	u32 i_size;
	u32 i_atime;
	u32 i_ctime;
	u32 i_mtime;
	u32 i_dtime;
	u16 i_gid;
	u16 i_links_count;
	u32 i_blocks;			/* 512-byte units, indirect blocks included */
	u32 i_flags;
	u32 i_osd1;
	u32 i_block[EXT2_N_BLOCKS];
	u32 i_generation;
	u32 i_file_acl;
	u32 i_size_high;		/* regular files: bits 32..63 of the size */
	u32 i_faddr;
	u8 i_frag, i_fsize;
	u16 i_pad1;
	u16 i_uid_high;
	u16 i_gid_high;
	u32 i_reserved2;
};

struct ext2_dir_entry {
	u32 inode;			/* 0: an unused record */
	u16 rec_len;			/* to the next record, a multiple of 4 */
	u8 name_len;
	u8 file_type;
	char name[];
};

/* The bytes a record with a name of @len needs. */
#define EXT2_DIR_REC_LEN(len)	(((len) + 8 + 3) & ~3)

struct block_device;
struct address_space;
struct page;

/*
 * One mounted instance.  Grouped by rule: set at mount and then
 * constant: the geometry; changed only with the kernel non-preemptible
 * and without sleeping between check and change (as the VFS's tree,
 * namei_ops.c): the superblock's counts (in es, on its pinned page),
 * the group descriptors and bitmaps (in the device's cache) and
 * dirty_map.
 */
struct ext2_sb_info {
	/*
	 * Serialises every change of the instance's on-disk state (ext2_lock):
	 * namespace operations, allocation, block mapping, truncation, sync.
	 * Taken with no page locked by the taker except a file page in
	 * write_begin/writepage; never held while waiting for a file page.
	 */
	struct mutex lock;
	struct task_struct *lock_owner;
	struct list_head instances;	/* ext2_instances (fs/ext2/super.c) */
	struct super_block *sb;
	bool mounted;			/* fill_super done, kill_sb not begun: sync may pin it */
	struct block_device *bdev;
	struct address_space *bmap;	/* the device's page cache */
	unsigned int blocksize, bits;	/* 1024 << n, 10 + n */
	unsigned int addr_per_block, addr_bits;
	u32 blocks_count, inodes_count, first_data_block;
	u32 blocks_per_group, inodes_per_group, groups;
	u32 inode_size, first_ino, desc_per_block;
	u32 overhead;			/* blocks statfs does not count (bsddf) */
	struct page *sb_page;		/* holds es; referenced while mounted */
	struct ext2_super_block *es;
	bool unmounting;		/* evictions write, never free */
	/*
	 * Metadata blocks changed in the device's cache and not yet on disk:
	 * one bit per block of a group, the array made when first needed.
	 * Per block, not per page, so a 1 KiB metadata block never writes
	 * the file data that shares its page (ext2.md, "Metadata").
	 */
	u8 **dirty_map;
	unsigned long nr_dirty;
	/*
	 * Where the last allocation without a goal ended (a block number,
	 * an inode number): the next search in that group starts there, not
	 * at the group's first bit, so N creations cost O(N), not O(N^2).
	 */
	u32 balloc_hint, ialloc_hint;
	struct list_head *ihash;	/* EXT2_IHASH lists: every ext2_inode_info in memory */
};

/* The in-memory inode: the VFS's plus what only ext2 keeps. */
struct ext2_inode_info {
	u32 i_data[EXT2_N_BLOCKS];	/* block map, as on disk */
	u32 i_flags;
	u32 i_file_acl;
	u32 i_generation;
	u32 i_dtime;
	u32 i_block_group;
	u32 i_last_alloc;		/* goal for the next allocation */
	bool i_populated;		/* a directory whose every entry is in the dcache */
	u32 i_dir_hint;			/* directory: the block the last change was in */
	struct list_head i_list;	/* in sbi->ihash[i_ino % EXT2_IHASH] */
	struct inode vfs_inode;
};

static inline struct ext2_inode_info *EXT2_I(struct inode *inode)
{
	return container_of(inode, struct ext2_inode_info, vfs_inode);
}

static inline struct ext2_sb_info *EXT2_SB(struct super_block *sb)
{
	return sb->s_fs_info;
}

/* dirty_map's entries: block numbers / blocks_per_group, from 0. */
static inline u32 ext2_dirty_groups(const struct ext2_sb_info *sbi)
{
	return sbi->blocks_count / sbi->blocks_per_group + 1;
}

/* Bitmaps as ext2 stores them: bit i is bit i % 8 of byte i / 8. */
static inline bool ext2_test_bit(const u8 *map, u32 i)
{
	return map[i >> 3] & (1u << (i & 7));
}

static inline void ext2_set_bit(u8 *map, u32 i)
{
	map[i >> 3] |= 1u << (i & 7);
}

static inline void ext2_clear_bit(u8 *map, u32 i)
{
	map[i >> 3] &= ~(1u << (i & 7));
}

/* fs/ext2/meta.c: metadata blocks through the device's page cache */
void *ext2_bread(struct super_block *sb, u32 blk, struct page **pagep);
void *ext2_bzero(struct super_block *sb, u32 blk, struct page **pagep);
void ext2_bfresh(struct super_block *sb, u32 blk);
void ext2_bdirty(struct super_block *sb, u32 blk);
void ext2_bforget(struct super_block *sb, u32 blk);
int ext2_write_meta(struct super_block *sb);
void ext2_free_dirty_map(struct super_block *sb);
int ext2_data_io(struct super_block *sb, unsigned int op, struct page *page,
		 unsigned int off, u32 blk, unsigned int nblocks);
int ext2_data_submit(struct super_block *sb, unsigned int op, struct page *page, u32 blk,
		     bio_end_io_t *end_io);
void ext2_error(struct super_block *sb, const char *what, unsigned long n);
struct ext2_group_desc *ext2_get_group_desc(struct super_block *sb, u32 group,
					    struct page **pagep, u32 *blkp);

void ext2_lock(struct super_block *sb) __acquires(sb);
void ext2_unlock(struct super_block *sb) __releases(sb);
bool ext2_locked_by_me(struct super_block *sb);

/* fs/ext2/alloc.c */
int ext2_new_block(struct inode *inode, u32 goal, u32 *blk);
void ext2_free_block(struct inode *inode, u32 blk);
int ext2_new_inode_nr(struct inode *dir, umode_t mode, unsigned long *ino);
void ext2_free_inode_nr(struct super_block *sb, unsigned long ino, bool dir);

/* fs/ext2/inode.c */
struct inode *ext2_iget(struct super_block *sb, unsigned long ino);
struct inode *ext2_new_inode(struct inode *dir, umode_t mode, dev_t dev);
int ext2_write_inode(struct inode *inode);
bool ext2_inode_data_dirty(struct inode *inode);
void ext2_evict_inode(struct inode *inode);
void ext2_set_ops(struct inode *inode);
int ext2_get_block(struct inode *inode, u64 iblock, bool create, u32 *blk);
int ext2_truncate_blocks(struct inode *inode, loff_t size);
u64 ext2_max_blocks(struct super_block *sb);

/* fs/ext2/super.c: registers the type (vfs_init) */
void ext2_init(void);

/* fs/ext2/dir.c */
int ext2_populate(struct inode *dir, struct dentry *dentry, struct dentry *want);
int ext2_add_entry(struct inode *dir, const char *name, size_t len, struct inode *inode);
int ext2_remove_entry(struct inode *dir, const char *name, size_t len);
int ext2_set_entry(struct inode *dir, const char *name, size_t len, struct inode *inode);
int ext2_dir_is_empty(struct inode *dir);
int ext2_make_empty(struct inode *dir, struct inode *parent);
unsigned char ext2_file_type(umode_t mode);

/* fs/ext2/file.c, readahead.c: file data */
int ext2_readpage_async(struct inode *inode, struct page *page);
ssize_t ext2_file_read(struct file *f, char __user *buf, size_t count, loff_t *pos);

extern const struct address_space_operations ext2_aops;
extern const struct file_operations ext2_file_ops;
extern const struct file_operations ext2_dir_ops;
extern const struct inode_operations ext2_dir_iops;
extern const struct inode_operations ext2_file_iops;

#endif
