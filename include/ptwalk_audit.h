/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The audit of a second stage against the host: for every stage-2 leaf,
 * does a memslot hold its GPA, does the host map the memslot's HVA to the
 * same page, may the host (and KVM) write where the leaf lets the guest
 * write, and is a large leaf backed by a large or a contiguous host range?
 * What the memslots, the host tables and KVM's invalidation counters say
 * comes through struct ptwalk_audit_ops, so that the decision is a pure
 * function: the KVM hook (ptwalk_kvm_audit.c) reads the live ones, KUnit
 * fakes them.
 */
#ifndef _PTWALK_AUDIT_H
#define _PTWALK_AUDIT_H

#include "ptwalk.h"

/**
 * enum ptwalk_audit_reason - What an audited leaf is.
 * @PTWALK_AUDIT_OK:	The host agrees.
 * @PTWALK_AUDIT_SLOT:	No memslot holds the whole leaf.
 * @PTWALK_AUDIT_PFN:	The host maps the HVA elsewhere, or not at all.
 * @PTWALK_AUDIT_WRITE:	The leaf is writable, the host mapping or the
 *			memslot (KVM_MEM_READONLY) is not.
 * @PTWALK_AUDIT_SIZE:	A leaf larger than a page, whose host mapping is
 *			smaller and whose pages are not at consecutive
 *			host addresses.
 * @PTWALK_AUDIT_RACING: A disagreement seen while KVM's MMU notifier was
 *			invalidating, or across a change of its sequence
 *			count: the host is changing, not a bug.
 * @PTWALK_AUDIT_NR:	Number of reasons.
 */
enum ptwalk_audit_reason {
	PTWALK_AUDIT_OK,
	PTWALK_AUDIT_SLOT,
	PTWALK_AUDIT_PFN,
	PTWALK_AUDIT_WRITE,
	PTWALK_AUDIT_SIZE,
	PTWALK_AUDIT_RACING,
	PTWALK_AUDIT_NR,
};

/* The reasons' tokens, as printed: "ok", "slot", "pfn", ... */
extern const char *const ptwalk_audit_names[PTWALK_AUDIT_NR];

/**
 * struct ptwalk_audit_slot - The memslot that holds a GPA.
 * @gpa:	Its first GPA.
 * @size:	Its size in bytes.
 * @hva:	The host virtual address of @gpa.
 * @readonly:	KVM_MEM_READONLY: KVM never maps it writable.
 */
struct ptwalk_audit_slot {
	u64		gpa;
	u64		size;
	unsigned long	hva;
	bool		readonly;
};

/**
 * struct ptwalk_audit_host - What the host's page table maps at an HVA.
 * @pa:		The physical address of the HVA itself (not of the host
 *		leaf's start).
 * @size:	Size of the host leaf that maps it (PAGE_SIZE, PMD_SIZE,
 *		PUD_SIZE); 0 when nothing accessible is mapped.
 * @writable:	The host leaf is writable.
 */
struct ptwalk_audit_host {
	u64	pa;
	u64	size;
	bool	writable;
};

/**
 * struct ptwalk_audit_inval - KVM's MMU-notifier state.
 * @seq:	kvm->mmu_invalidate_seq, bumped at the end of each
 *		invalidation.
 * @in_progress: kvm->mmu_invalidate_in_progress, non-zero while the host
 *		is changing mappings that KVM has been told to drop.
 */
struct ptwalk_audit_inval {
	unsigned long	seq;
	long		in_progress;
};

/**
 * struct ptwalk_audit_ops - Where the audit looks.
 * @slot:	Find the memslot holding @gpa; 0, or -ENOENT for none.
 * @host:	Look @hva up in the host's page table.  Must not sleep.
 * @inval:	Read KVM's invalidation state.
 */
struct ptwalk_audit_ops {
	int	(*slot)(void *priv, u64 gpa, struct ptwalk_audit_slot *slot);
	void	(*host)(void *priv, unsigned long hva,
			struct ptwalk_audit_host *host);
	void	(*inval)(void *priv, struct ptwalk_audit_inval *inval);
};

/**
 * struct ptwalk_audit_leaf - What a stage-2 leaf says.
 * @gpa:	The GPA it starts at.
 * @size:	Its size.
 * @pa:		The host physical address it maps @gpa to.
 * @writable:	The guest may write through it.
 */
struct ptwalk_audit_leaf {
	u64	gpa;
	u64	size;
	u64	pa;
	bool	writable;
};

/**
 * struct ptwalk_audit_result - The verdict on one leaf.
 * @reason:	PTWALK_AUDIT_*.
 * @why:	For PTWALK_AUDIT_RACING, the disagreement that was seen;
 *		otherwise @reason.
 * @off:	Offset into the leaf where the host disagreed.
 * @hva:	The HVA of the leaf's start (0 without a memslot).
 * @host:	What the host maps at @hva + @off.
 * @readonly:	The memslot is KVM_MEM_READONLY.
 */
struct ptwalk_audit_result {
	enum ptwalk_audit_reason	reason;
	enum ptwalk_audit_reason	why;
	u64				off;
	unsigned long			hva;
	struct ptwalk_audit_host	host;
	bool				readonly;
};

/**
 * ptwalk_audit_check() - Check one stage-2 leaf against the host.
 * @ops:	Where to look.
 * @priv:	Passed to @ops.
 * @leaf:	The leaf.
 * @off:	In: where in the leaf to continue (0 for a fresh leaf); out:
 *		where to continue when -EAGAIN is returned.
 * @budget:	Host lookups still allowed; each lookup takes one.
 * @res:	The verdict, when 0 is returned.
 *
 * In order, the first that fails decides: slot (a memslot holds the whole
 * leaf), pfn (the host maps the memslot's HVA of @leaf->gpa to @leaf->pa),
 * write (a writable leaf has a writable host mapping in a memslot that is
 * not read-only), size (a leaf larger than a page is backed by one host
 * leaf at least as large, or page for page by host leaves that map
 * @leaf->pa + offset, writable where the leaf is).  A disagreement is
 * PTWALK_AUDIT_RACING when KVM was invalidating when the check began or
 * ended, or its sequence count changed in between.
 *
 * Context: Whatever @ops need; does not sleep if they do not.
 * Return: 0 with @res filled; -EAGAIN when @budget ran out first (call
 * again with the same @off to continue).
 */
int ptwalk_audit_check(const struct ptwalk_audit_ops *ops, void *priv,
		       const struct ptwalk_audit_leaf *leaf, u64 *off,
		       unsigned int *budget, struct ptwalk_audit_result *res);

/**
 * struct ptwalk_audit_finding - A leaf the audit reports.
 * @gpa:	Its GPA (input address of the format).
 * @size:	Its size.
 * @pa:		Where it maps @gpa.
 * @attr:	Its attributes, as the dump prints them.
 * @res:	The verdict.
 */
struct ptwalk_audit_finding {
	u64				gpa;
	u64				size;
	u64				pa;
	struct ptwalk_attr		attr;
	struct ptwalk_audit_result	res;
};

/* Findings one step of an audit collects at most. */
#define PTWALK_AUDIT_QUEUE	16
/* Entries visited plus host lookups made in one step at most. */
#define PTWALK_AUDIT_BUDGET	4096

/**
 * struct ptwalk_audit - A resumable audit of one table tree.
 * @ops:	Where to look.
 * @priv:	Passed to @ops.
 * @count:	Leaves per verdict.
 * @racing_why:	Of the racing leaves, how many per disagreement.
 * @leaves:	Leaves checked.
 * @bad:	Entries the walker refused (PTWALK_BAD); not checked.
 * @q:		Findings of the current step.
 * @nq:		How many.
 * @budget:	What the current step may still do.
 * @part_addr:	A leaf whose check ran out of budget: its linear address.
 * @part_pte:	Its value; a changed leaf is checked from its start.
 * @part_off:	Where its check continues.
 * @partial:	@part_* hold such a leaf.
 */
struct ptwalk_audit {
	const struct ptwalk_audit_ops	*ops;
	void				*priv;
	u64				count[PTWALK_AUDIT_NR];
	u64				racing_why[PTWALK_AUDIT_NR];
	u64				leaves;
	u64				bad;
	struct ptwalk_audit_finding	q[PTWALK_AUDIT_QUEUE];
	unsigned int			nq;
	unsigned int			budget;
	u64				part_addr;
	u64				part_pte;
	u64				part_off;
	bool				partial;
};

/**
 * ptwalk_audit_step() - Audit the next part of a table tree.
 * @a:		The audit; @a->ops and @a->priv set, the rest zeroed before
 *		the first step.
 * @t:		The tables, a second stage (linear addresses are GPAs).
 * @pos:	Linear address to continue at; updated.
 * @end:	Linear end of the range.
 *
 * Empties @a->q, then walks until the range ends, PTWALK_AUDIT_QUEUE
 * findings are queued, or PTWALK_AUDIT_BUDGET visits and host lookups are
 * spent.  A leaf whose check is cut short is visited again by the next
 * step and continued, unless its value changed.
 *
 * Context: Whatever the table accessor and @a->ops need; does not sleep
 * if they do not.
 * Return: 0 when the range is done, -EAGAIN when there is more, or the
 * walker's negative errno.
 */
int ptwalk_audit_step(struct ptwalk_audit *a, const struct ptwalk_table *t,
		      u64 *pos, u64 end);

/**
 * ptwalk_audit_line() - Format a finding.
 * @fmt:	The format of the tables it was found in.
 * @f:		The finding.
 * @buf:	Receives the line, newline- and NUL-terminated.
 * @size:	Size of @buf; PTWALK_LINE_MAX is enough.
 *
 * The runs view's "start end pgsize 1 pa perm flags", then the reason, the
 * host's "host=PA/PGSIZE/PERM" or "host=none", and "hva=HVA"; a racing
 * leaf ends with "was=REASON", a read-only memslot with "memslot=ro".
 *
 * Return: the length of the line, without the NUL.
 */
int ptwalk_audit_line(const struct ptwalk_fmt *fmt,
		      const struct ptwalk_audit_finding *f, char *buf,
		      size_t size);

#endif /* _PTWALK_AUDIT_H */
