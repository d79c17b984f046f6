/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The architecture half of ptwalk's KVM hook: which tables a VM's second
 * stage is, in which format, and what to say about them.  One file per
 * architecture (ptwalk_kvm_<arch>.c), picked by Kbuild.
 *
 * A VM may have several roots (x86: one per role, per vCPU MMU; arm64: the
 * VM's stage 2 and nested ones).  A root's ID is its physical address,
 * which names it for as long as it lives; PTWALK_ROOT_DEFAULT asks for the
 * one a dump walks unless told otherwise.
 */
#ifndef _PTWALK_KVM_H
#define _PTWALK_KVM_H

#include <linux/fs.h>

#include "ptwalk.h"

struct kvm;
struct seq_file;

/**
 * enum ptwalk_kvm_space - What a root's input addresses are.
 * @PTWALK_KVM_GPA:	The VM's guest physical addresses, which the memslots
 *			of address space &ptwalk_kvm_root.as_id back.
 * @PTWALK_KVM_NGPA:	A nested guest's physical addresses (x86 shadow EPT
 *			or NPT): the guest hypervisor's tables, not memslots,
 *			say what they are.
 * @PTWALK_KVM_GVA:	Guest virtual addresses (x86 shadow paging).
 */
enum ptwalk_kvm_space {
	PTWALK_KVM_GPA,
	PTWALK_KVM_NGPA,
	PTWALK_KVM_GVA,
};

/**
 * struct ptwalk_kvm_root - The root a dump walks.
 * @hpa:	Its physical address, and so its ID.
 * @space:	What its input addresses are.
 * @as_id:	For %PTWALK_KVM_GPA, the memslots' address space (x86: 1
 *		for SMM).
 */
struct ptwalk_kvm_root {
	u64			hpa;
	enum ptwalk_kvm_space	space;
	int			as_id;
};

/**
 * ptwalk_kvm_arch_format() - Describe one of a VM's second-stage roots.
 * @kvm:	The VM; the caller holds a reference.
 * @want:	The root's ID, or PTWALK_ROOT_DEFAULT.
 * @fmt:	Receives the format.
 * @root:	Receives the root.
 *
 * Context: Under rcu_read_lock() and kvm->mmu_lock held for read.
 * Return: 0; -ENODATA when there is no default root now (no vCPU has run,
 * or vCPU 0 is in SMM or runs a nested guest); -ENOENT when @want names
 * no root of the VM; -EOPNOTSUPP when the host cannot read the tables
 * (arm64 protected mode) or ptwalk cannot decode them (an x86 PAE root).
 */
int ptwalk_kvm_arch_format(struct kvm *kvm, u64 want, struct ptwalk_fmt *fmt,
			   struct ptwalk_kvm_root *root);

/**
 * ptwalk_kvm_arch_root() - The root to walk now.
 * @kvm:	The VM.
 * @want:	The root's ID, or PTWALK_ROOT_DEFAULT.
 *
 * Roots change (a vCPU reloads its MMU, a memslot update zaps them), so
 * a dump looks the root up again every time it takes kvm->mmu_lock.  The
 * default dump continues from its address on whatever root is the default
 * now; a dump of a chosen root ends when that root is freed.
 *
 * Context: Under rcu_read_lock() and kvm->mmu_lock held for read.
 * Return: the root's physical address, or an invalid address (~0) when
 * there is none; the walker's accessor refuses it.
 */
u64 ptwalk_kvm_arch_root(struct kvm *kvm, u64 want);

/**
 * ptwalk_kvm_arch_info() - Print the architecture's part of "info".
 * @m:		Where to print.
 * @kvm:	The VM.
 *
 * Names every root of the VM once, with its role and its users.
 *
 * Context: Process context; takes rcu_read_lock() and kvm->mmu_lock for
 * read itself.  May sleep (outside them).
 */
void ptwalk_kvm_arch_info(struct seq_file *m, struct kvm *kvm);

/**
 * ptw_open_kvm() - Pin the VM of the directory a file is in.
 * @inode:	A file in a VM's directory; its i_private is the directory's.
 *
 * Checks CAP_SYS_ADMIN and takes a reference with kvm_get_kvm_safe() if
 * the VM's fd in its process still is that VM.
 *
 * Context: Process context, in a debugfs open(), which keeps the
 * directory from being removed until it returns.
 * Return: the VM, to drop with ptw_close_kvm(); or
 * ERR_PTR(-EPERM) or ERR_PTR(-ENOENT).
 */
struct kvm *ptw_open_kvm(struct inode *inode);

/**
 * ptw_close_kvm() - Drop a VM that ptw_open_kvm() pinned.
 * @kvm:	The VM.
 *
 * Context: Process context, no lock held: it may destroy the VM.
 */
void ptw_close_kvm(struct kvm *kvm);

/**
 * ptw_kvm_lock_root() - Take a step's locks, on the root to walk now.
 * @kvm:	The VM.
 * @want:	The root's ID, or PTWALK_ROOT_DEFAULT.
 * @root:	Receives the root.
 * @gone:	Receives why there is none, for the trailer.
 *
 * Waits up to 200 ms for a default root; a chosen root that is gone ends
 * the dump at once.
 *
 * Context: Returns with rcu_read_lock() and kvm->mmu_lock held for read,
 * whatever it returns.
 * Return: 0; -ESRCH with @gone set; -EINTR on a fatal signal.
 */
int ptw_kvm_lock_root(struct kvm *kvm, u64 want, u64 *root, const char **gone)
	__acquires(RCU) __acquires(kvm_mmu_lock);

/**
 * ptw_kvm_unlock_root() - Drop what ptw_kvm_lock_root() took.
 * @kvm:	The VM.
 */
void ptw_kvm_unlock_root(struct kvm *kvm)
	__releases(kvm_mmu_lock) __releases(RCU);

struct ptw_kvm_stream;

/**
 * struct ptw_kvm_stream_ops - A VM file made of a header, lines that come a
 *			       bounded step at a time, and a footer.
 * @begin:	Start afresh: at the first read, after a seek or a command.
 *		May sleep.  Returns 0 or a negative errno, which the read
 *		returns; may set &ptw_kvm_stream.walked when there is nothing
 *		to walk.
 * @step:	Take the next bounded step of the walk, under the file's own
 *		locks, and set &ptw_kvm_stream.nq to the lines it queued.
 *		Returns 0 when the walk is over, -EAGAIN when there is more,
 *		-ESRCH when the target went away (&ptw_kvm_stream.gone says
 *		why), or another negative errno, which the next read returns
 *		after the lines so far.
 * @line:	Format queued line @i of the last step into
 *		&ptw_kvm_stream.buf; return its length.
 * @header:	Print the header.
 * @footer:	Print what follows the last line (totals), or NULL.
 */
struct ptw_kvm_stream_ops {
	int	(*begin)(struct ptw_kvm_stream *s);
	int	(*step)(struct ptw_kvm_stream *s);
	int	(*line)(struct ptw_kvm_stream *s, unsigned int i);
	void	(*header)(struct seq_file *m, struct ptw_kvm_stream *s);
	void	(*footer)(struct seq_file *m, struct ptw_kvm_stream *s);
};

/* What the record at a stream's position is. */
enum ptw_kvm_rec {
	PTW_KVM_REC_HEADER,
	PTW_KVM_REC_LINE,
	PTW_KVM_REC_FOOTER,
	PTW_KVM_REC_TRAILER,
	PTW_KVM_REC_EOF,
};

/**
 * struct ptw_kvm_stream - One open file of a VM that streams lines.
 * @ops:	What it prints.
 * @kvm:	The VM, pinned from open to release.
 * @priv:	The file's own state, zeroed at open.
 * @pos:	seq_file index of the record @rec is.
 * @rec:	The record at @pos.
 * @err:	Reported at the next read, after the output so far.
 * @len:	Length of the line in @buf.
 * @gone:	Why the dump ended early, for the trailer.
 * @nq:		Lines the last step queued.
 * @next:	The next of them to show.
 * @walked:	The walk is over: what is queued is the last.
 * @buf:	The line at @pos, kept to be shown again.
 *
 * Resumable after any record: a read that stops in the middle goes on
 * from the record it stopped at; a seek starts over and skips ahead.
 */
struct ptw_kvm_stream {
	const struct ptw_kvm_stream_ops	*ops;
	struct kvm			*kvm;
	void				*priv;
	loff_t				pos;
	enum ptw_kvm_rec		rec;
	int				err;
	int				len;
	const char			*gone;
	unsigned int			nq;
	unsigned int			next;
	bool				walked;
	char				buf[PTWALK_LINE_MAX];
};

/**
 * ptw_kvm_stream_open() - Open a VM file that streams lines.
 * @inode:	The file's inode, in a VM's directory.
 * @file:	The file.
 * @ops:	What it prints.
 * @priv_size:	Size of its own state, &ptw_kvm_stream.priv.
 *
 * Return: 0 or a negative errno (see ptw_open_kvm()).
 */
int ptw_kvm_stream_open(struct inode *inode, struct file *file,
			const struct ptw_kvm_stream_ops *ops, size_t priv_size);

/**
 * ptw_kvm_stream_release() - Release a file ptw_kvm_stream_open() opened.
 * @inode:	The inode.
 * @file:	The file.
 *
 * Return: 0.
 */
int ptw_kvm_stream_release(struct inode *inode, struct file *file);

/**
 * ptw_kvm_stream_restart() - Make the next read start afresh.
 * @file:	A file ptw_kvm_stream_open() opened.
 * @ppos:	Its position, reset to 0.
 *
 * Context: Under the seq_file's mutex.
 */
void ptw_kvm_stream_restart(struct file *file, loff_t *ppos);

/* kvm/<vm>/audit (ptwalk_kvm_audit.c): the second stage against the host. */
extern const struct file_operations ptwalk_kvm_audit_fops;
/* kvm/<vm>/translate (ptwalk_kvm_translate.c): a guest's virtual addresses. */
extern const struct file_operations ptwalk_kvm_translate_fops;

/**
 * struct ptwalk_kvm_guest - The guest page tables a translate command names.
 * @root:	GPA of the root table ("cr3=", "ttbr=", "ttbr1=").
 * @set:	A root was given.
 * @la57:	x86: 5-level paging ("la57=1").
 * @upper:	arm64: the TTBR1 range ("ttbr1=").
 * @granule:	arm64: the granule's shift ("granule=4K|16K|64K").
 * @ia_bits:	arm64: the input size ("ia=BITS"), 64 - TnSZ.
 * @raw:	The root's register value as given, for the header.
 * @key:	The key that gave it ("cr3", "ttbr", "ttbr1").
 */
struct ptwalk_kvm_guest {
	u64		root;
	bool		set;
	bool		la57;
	bool		upper;
	unsigned int	granule;
	unsigned int	ia_bits;
	u64		raw;
	const char	*key;
};

/**
 * ptwalk_kvm_arch_guest_word() - Take one "key=value" word of a command.
 * @g:		The command so far; defaults filled in by the caller's
 *		first call with @key NULL.
 * @key:	The word's key, or NULL to fill in the defaults.
 * @val:	Its value, parsed as a number ("granule=" takes 4K, 16K or
 *		64K).
 *
 * Return: 0, or -EINVAL for a key the architecture does not know or a
 * value out of range.
 */
int ptwalk_kvm_arch_guest_word(struct ptwalk_kvm_guest *g, const char *key,
			       const char *val);

/**
 * ptwalk_kvm_arch_guest_fmt() - The format of a guest's own page tables.
 * @kvm:	The VM.
 * @g:		The command.
 * @fmt:	Receives the format.
 *
 * Return: 0 or -EINVAL.
 */
int ptwalk_kvm_arch_guest_fmt(struct kvm *kvm, const struct ptwalk_kvm_guest *g,
			      struct ptwalk_fmt *fmt);

/**
 * ptwalk_kvm_arch_guest_usage() - The command a read before any suggests.
 *
 * Return: "cr3=VALUE ..." or "ttbr=VALUE ...".
 */
const char *ptwalk_kvm_arch_guest_usage(void);

/**
 * ptwalk_kvm_arch_guest_info() - Print what KVM knows of each vCPU's
 *				  guest page-table root.
 * @m:		Where to print.
 * @kvm:	The VM.
 *
 * One "guest_root vcpuN ..." line per vCPU: the value, where it can be
 * read safely, or "unknown (why)".
 */
void ptwalk_kvm_arch_guest_info(struct seq_file *m, struct kvm *kvm);

#endif /* _PTWALK_KVM_H */
