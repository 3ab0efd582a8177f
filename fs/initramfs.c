/*
 * Unpacking the initramfs: a "newc" cpio archive, the first Multiboot
 * module, into the root ramfs.  Directories, regular files, symbolic
 * links and character devices are created; file data goes straight into
 * the page cache.  The archive's pages are then given back to the page
 * allocator.
 *
 * newc: each entry is a 110-byte ASCII header ("070701" and thirteen
 * 8-digit hex fields), the name (NUL-terminated), padding to 4 bytes,
 * the data, padding to 4 bytes.  "TRAILER!!!" ends the archive.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/err.h>
#include <linux-ish/errno.h>
#include <linux-ish/fs.h>
#include <linux-ish/mount.h>
#include <linux-ish/mm.h>
#include <linux-ish/string.h>
#include <asm/setup.h>

#define CPIO_HDR_LEN	110

enum { F_INO, F_MODE, F_UID, F_GID, F_NLINK, F_MTIME, F_FILESIZE, F_DEVMAJOR,
       F_DEVMINOR, F_RDEVMAJOR, F_RDEVMINOR, F_NAMESIZE, F_CHECK, NR_FIELDS };

void free_boot_range(unsigned long start_pfn, unsigned long end_pfn);

static int parse_header(const char *p, unsigned long *fields)
{
	char hex[9];

	if (memcmp(p, "070701", 6) && memcmp(p, "070702", 6))
		return -EINVAL;
	for (int i = 0; i < NR_FIELDS; i++) {
		memcpy(hex, p + 6 + i * 8, 8);
		hex[8] = '\0';
		if (kstrtoul(hex, 16, &fields[i]))
			return -EINVAL;
	}
	return 0;
}

/*
 * Splits "a/b/c" into the parent directory (must exist, in rootfs) and
 * "c".  The dentry is not referenced: the tree keeps it.
 */
static struct dentry *parent_of(char *name, const char **last)
{
	char *slash = strrchr(name, '/');
	struct path dir;
	int err;

	if (!slash) {
		*last = name;
		return init_root.dentry;
	}
	*slash = '\0';
	*last = slash + 1;
	err = vfs_path_lookup(&init_root, name, LOOKUP_FOLLOW, &dir);
	*slash = '/';
	if (err)
		return ERR_PTR(err);
	path_put(&dir);
	if (dir.mnt != init_root.mnt)
		return ERR_PTR(-EXDEV);
	return S_ISDIR(dir.dentry->d_inode->i_mode) ? dir.dentry : ERR_PTR(-ENOTDIR);
}

static int write_file_data(struct inode *inode, const char *data, size_t len)
{
	for (size_t done = 0; done < len; done += PAGE_SIZE) {
		struct page *page = find_or_create_page(inode->i_mapping, done >> PAGE_SHIFT);

		if (IS_ERR(page))
			return PTR_ERR(page);
		memcpy(page_address(page), data + done, min_t(size_t, PAGE_SIZE, len - done));
		put_page(page);
	}
	inode->i_size = len;
	return 0;
}

static int unpack_entry(char *name, const unsigned long *f, const char *data)
{
	struct dentry *dir, *d;
	const char *last;
	umode_t mode = f[F_MODE];
	int err;

	while (name[0] == '.' && name[1] == '/')
		name += 2;
	if (!strcmp(name, ".") || !*name)
		return 0;
	dir = parent_of(name, &last);
	if (IS_ERR(dir))
		return PTR_ERR(dir);
	if (S_ISLNK(mode))
		return ramfs_symlink(dir, last, data, f[F_FILESIZE]);
	if (!S_ISREG(mode) && !S_ISDIR(mode) && !S_ISCHR(mode) && !S_ISFIFO(mode) &&
	    !S_ISBLK(mode))
		return 0;	/* sockets: nothing could use one */
	err = ramfs_mknod(dir, last, mode, MKDEV(f[F_RDEVMAJOR], f[F_RDEVMINOR]), &d);
	if (err == -EEXIST && S_ISDIR(mode))
		return 0;
	if (err)
		return err;
	d->d_inode->i_uid = f[F_UID];
	d->d_inode->i_gid = f[F_GID];
	d->d_inode->i_mtime = f[F_MTIME];
	return S_ISREG(mode) ? write_file_data(d->d_inode, data, f[F_FILESIZE]) : 0;
}

static int unpack_cpio(char *buf, unsigned long len, unsigned int *count)
{
	unsigned long off = 0, fields[NR_FIELDS];

	while (off + CPIO_HDR_LEN <= len) {
		char *name = buf + off + CPIO_HDR_LEN;
		const char *data;
		int err = parse_header(buf + off, fields);

		if (err)
			return err;
		data = buf + ALIGN(off + CPIO_HDR_LEN + fields[F_NAMESIZE], 4);
		if (fields[F_NAMESIZE] == 0 || (unsigned long)(data - buf) + fields[F_FILESIZE] > len)
			return -EINVAL;
		name[fields[F_NAMESIZE] - 1] = '\0';
		if (!strcmp(name, "TRAILER!!!"))
			return 0;
		err = unpack_entry(name, fields, data);
		if (err)
			pr_warn("initramfs: %s: error %d\n", name, err);
		else
			(*count)++;
		off = ALIGN((unsigned long)(data - buf) + fields[F_FILESIZE], 4);
	}
	return -EINVAL;		/* no trailer */
}

/*
 * Linux unpacks its built-in archive (usr/default_cpio_list: /dev,
 * /dev/console, /root) before the boot loader's; /root is the one an
 * archive's entries may rely on (a "file /root/.bashrc" listed before
 * any "dir /root"), so it is made here, 0700 as there.  /dev stays the
 * archive's or devtmpfs's (Documentation/admin-guide/initramfs.md).
 */
static void make_default_dirs(void)
{
	struct dentry *d;
	const char *name = "root";
	int err = ramfs_mknod(init_root.dentry, name, S_IFDIR | 0700, 0, &d);

	if (err && err != -EEXIST)
		pr_warn("initramfs: /root: error %d\n", err);
}

int populate_rootfs(void)
{
	unsigned long len = initrd_end - initrd_start;
	unsigned int count = 0;
	int err;

	make_default_dirs();
	if (!initrd_start) {
		pr_notice("initramfs: none (no Multiboot module)\n");
		return -ENOENT;
	}
	err = unpack_cpio(__va(initrd_start), len, &count);
	if (err)
		pr_err("initramfs: corrupt archive (%d) after %u entries\n", err, count);
	else
		pr_info("initramfs: unpacked %u entries (%lu KiB)\n", count, len >> 10);
	free_boot_range(PFN_UP(initrd_start), PFN_DOWN(initrd_end));
	pr_info("Freeing initrd memory: %luK\n", (PFN_DOWN(initrd_end) - PFN_UP(initrd_start)) << 2);
	initrd_start = initrd_end = 0;
	return err;
}
