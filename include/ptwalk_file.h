/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ptwalk's debugfs file engine: one seq_file implementation that streams a
 * dump of any table tree, cut into named regions, resumable after any line.
 * A "source" says what to dump (the kernel, a process, a KVM guest's
 * second stage) and how to lock it; the engine does the rest.
 */
#ifndef _PTWALK_FILE_H
#define _PTWALK_FILE_H

#include <linux/fs.h>
#include <linux/seq_file.h>

#include "ptwalk.h"

struct dentry;
struct ptwalk_file;

/* Most regions one dump is cut into. */
#define PTWALK_MAX_REGIONS	32

/**
 * struct ptwalk_region - A part of a dump's range, dumped on its own.
 * @lo:		Start, as an input address.
 * @hi:		End (exclusive); 0 means 2^64.
 * @name:	Marker printed before it, "# ---[ @name ]---", or empty.
 *
 * Regions end runs, so no run straddles two of them.  Sources return them
 * in address order, gaps allowed; the engine clips them to the range the
 * user selected.
 */
struct ptwalk_region {
	u64		lo;
	u64		hi;
	char		name[64];
};

/**
 * struct ptwalk_file_ops - What a source provides.
 * @get:	Pin the target for one read(); 0, -ESRCH when it is gone,
 *		or another negative errno.  May sleep.
 * @put:	Undo @get.
 * @begin:	At the start of a dump (between @get and @put): describe the
 *		tables in @pf->fmt and @pf->table, and fill @regions (at most
 *		PTWALK_MAX_REGIONS); return how many, or a negative errno.
 * @lock:	Taken around each bounded step of the walk and dropped
 *		between steps; must make the tables safe to read, and may
 *		make the step shorter (&ptwalk_dump.budget).  May sleep
 *		before it returns; nothing sleeps while it is held.  Returns
 *		0, or a negative errno (@unlock is called either way).
 *		-ESRCH after the dump began ends it with the trailer, which
 *		says why when the source set &ptwalk_file.gone.
 * @unlock:	Undo @lock.
 * @window:	Optional, called under @lock before each step: the part of
 *		[@pos, region end) that is safe to walk, as [@lo, @hi);
 *		return 0, or 1 when nothing is left.
 * @describe:	Print the target's name for the header line.
 * @select:	Optional: take the first word of a write() command (a pid,
 *		for example); return a negative errno to reject it, and
 *		change nothing then.
 * @root:	Optional, for sources with several table trees (a VM's
 *		roots): check the ID of a "root=ID" word, PTWALK_ROOT_DEFAULT
 *		for "root=default"; return 0 when there is such a tree now, or
 *		a negative errno.  Stores nothing: the engine keeps the ID in
 *		&ptwalk_file.want_root once the whole command is accepted.
 * @release:	Optional: free what the source keeps per open file.
 */
struct ptwalk_file_ops {
	int	(*get)(struct ptwalk_file *pf);
	void	(*put)(struct ptwalk_file *pf);
	int	(*begin)(struct ptwalk_file *pf, struct ptwalk_region *regions);
	int	(*lock)(struct ptwalk_file *pf);
	void	(*unlock)(struct ptwalk_file *pf);
	int	(*window)(struct ptwalk_file *pf, u64 pos, u64 *lo, u64 *hi);
	void	(*describe)(struct seq_file *m, struct ptwalk_file *pf);
	int	(*select)(struct ptwalk_file *pf, const char *word);
	int	(*root)(struct ptwalk_file *pf, u64 id);
	void	(*release)(struct ptwalk_file *pf);
};

/* What the record at a file's position is. */
enum ptwalk_rec {
	PTWALK_REC_HEADER,	/* target, format, range; the view's header */
	PTWALK_REC_MARKER,	/* "# ---[ name ]---" before a region */
	PTWALK_REC_LINE,	/* one line of the dump */
	PTWALK_REC_TRAILER,	/* the target went away */
	PTWALK_REC_EOF,
};

/**
 * struct ptwalk_file - One open dump file.
 * @ops:	The source.
 * @priv:	The source's, set by whoever opens the file.
 * @src:	The source's per-file state, for what @get pins.
 * @view:	Which view.
 * @have_range:	write() chose a range.
 * @start:	Its start, as an input address.
 * @end:	Its end (exclusive); 0 means the end of the space.
 * @want_root:	The tree "root=ID" chose, or PTWALK_ROOT_DEFAULT.
 * @fmt:	Format of the tables being dumped (filled by @ops->begin).
 * @table:	The tables (filled by @ops->begin).
 * @regions:	The parts of the range, in address order.
 * @nregions:	Number of @regions.
 * @region:	The one being dumped.
 * @dump:	The resumable dump of @regions[@region].
 * @pos:	seq_file index of the record @rec describes.
 * @rec:	The record at @pos.
 * @got:	@ops->get succeeded for the current read().
 * @err:	Error to report at the next read, after the output so far.
 * @gone:	Why the dump ended early, for the trailer; NULL for "target
 *		exited".
 * @file:	The open file: its opener's credentials (&file.f_cred)
 *		decide what @ops->select may select.
 * @attr_text:	The attributes of the last line formatted.
 */
struct ptwalk_file {
	const struct ptwalk_file_ops	*ops;
	void				*priv;
	void				*src;
	enum ptwalk_view		view;
	bool				have_range;
	u64				start;
	u64				end;
	u64				want_root;
	struct ptwalk_fmt		fmt;
	struct ptwalk_table		table;
	struct ptwalk_region		regions[PTWALK_MAX_REGIONS];
	int				nregions;
	int				region;
	struct ptwalk_dump		dump;
	loff_t				pos;
	enum ptwalk_rec			rec;
	bool				got;
	int				err;
	const char			*gone;
	const struct file		*file;
	struct ptwalk_attr_text		attr_text;
};

/**
 * ptwalk_file_open() - Open a dump file.
 * @inode:	The inode.
 * @file:	The file.
 * @ops:	The source.
 * @priv:	Stored in &ptwalk_file.priv.
 * @view:	The view it starts with.
 *
 * Context: Process context; checks CAP_SYS_ADMIN.
 * Return: 0 or a negative errno.
 */
int ptwalk_file_open(struct inode *inode, struct file *file,
		     const struct ptwalk_file_ops *ops, void *priv,
		     enum ptwalk_view view);

/**
 * ptwalk_file_release() - Release a dump file opened by ptwalk_file_open().
 * @inode:	The inode.
 * @file:	The file.
 *
 * Return: 0.
 */
int ptwalk_file_release(struct inode *inode, struct file *file);

/**
 * struct ptwalk_cmd - A write() command, split into its parts.
 * @word:	WORD, pointing into the parsed buffer; NULL when the file
 *		takes none.
 * @view:	The view "view=NAME" names, or the one set before parsing.
 * @range:	START and END, as given: END is exclusive.
 * @nrange:	How many of @range the command gives: 0, 1 or 2.
 * @have_root:	The command has a "root=ID" word.
 * @root:	Its ID; PTWALK_ROOT_DEFAULT for "root=default".
 */
struct ptwalk_cmd {
	char			*word;
	enum ptwalk_view	view;
	u64			range[2];
	int			nrange;
	bool			have_root;
	u64			root;
};

/**
 * ptwalk_parse_cmd() - Split a "[WORD] [START [END]] [view=NAME] [root=ID]"
 * command.
 * @buf:	The command, NUL-terminated; cut into tokens in place.
 * @want_word:	The file takes a WORD (its source has a
 *		&ptwalk_file_ops.select), and then requires one.
 * @cmd:	The parts.  @cmd->view holds, on entry, the view to keep when
 *		the command names none.
 *
 * Tokens are separated by spaces, tabs and newlines, and empty ones are
 * skipped.  "view=NAME" may come anywhere, NAME one of ptwalk_view_names;
 * when it comes more than once the last one counts; so does "root=ID",
 * ID "default" or a page-aligned number (parsed like START).  With
 * @want_word the
 * first other token is WORD, taken as it is (the source checks it); the
 * tokens after it are START and END, parsed by kstrtou64() with base 0:
 * "0x" for hex, a leading "0" for octal, decimal otherwise, an optional
 * "+", and nothing after the digits.
 *
 * Context: Any context; only @buf and @cmd are written.
 * Return: 0; -EINVAL for an unknown view, a malformed or overflowing
 * number, a root ID that is neither, a third number, or no WORD when
 * @want_word; -ERANGE when START >= END.  On error @cmd holds nothing meaningful.
 */
int ptwalk_parse_cmd(char *buf, bool want_word, struct ptwalk_cmd *cmd);

#if IS_ENABLED(CONFIG_KUNIT)
/* How a dump clips each region, for the ptwalk_file suite (ptwalk_file.c). */
int ptwalk_clip_to_linear(const struct ptwalk_fmt *fmt, u64 *lo, u64 *hi);
#endif

/**
 * ptwalk_file_write() - Take a "[WORD] [START [END]] [view=NAME] [root=ID]"
 * command.
 * @file:	The file.
 * @ubuf:	The command.
 * @count:	Its length.
 * @ppos:	Reset to 0: the next read starts a new dump.
 *
 * WORD goes to &ptwalk_file_ops.select, when the source has one; ID to
 * &ptwalk_file_ops.root, and a source without one rejects "root=".  The
 * view and the root stay as they were unless the command names them; the
 * range is the command's.
 *
 * Return: @count, or a negative errno; nothing changes on error.
 */
ssize_t ptwalk_file_write(struct file *file, const char __user *ubuf,
			  size_t count, loff_t *ppos);

/**
 * ptwalk_file_of() - The dump file behind a struct file.
 * @file:	A file opened by ptwalk_file_open().
 *
 * Return: its &struct ptwalk_file.
 */
static inline struct ptwalk_file *ptwalk_file_of(struct file *file)
{
	return ((struct seq_file *)file->private_data)->private;
}

/**
 * ptwalk_debugfs_root() - ptwalk's directory in debugfs.
 *
 * Return: the dentry of /sys/kernel/debug/ptwalk.
 */
struct dentry *ptwalk_debugfs_root(void);

struct mm_struct;

/**
 * ptwalk_user_lockless() - Whether a user mm's tables may be read with
 *			    interrupts off and no lock, as GUP-fast reads them.
 * @mm:		The mm.
 *
 * Return: true on arm64, and on x86 for the caller's own mm only; otherwise
 * the caller must hold the mmap lock and read only where VMAs are.
 */
bool ptwalk_user_lockless(const struct mm_struct *mm);

/* Reads page-table pages of the host through the kernel's linear map. */
extern const struct ptwalk_mem_ops ptwalk_host_mem;

#endif /* _PTWALK_FILE_H */
