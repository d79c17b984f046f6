/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Guest virtual addresses through both stages: a walk of a guest's own
 * page tables whose every table is read through the VM's second stage
 * (GPA to host physical address by walking stage 2, as the hardware does,
 * never by trusting a memslot), and whose every leaf is cut where stage 2
 * maps its GPAs differently.  The result folds into runs of
 * "gva gpa hpa" that continue in all three spaces.  Pure: both table trees
 * come with their accessors, so KUnit builds them by hand.
 */
#ifndef _PTWALK_TRANSLATE_H
#define _PTWALK_TRANSLATE_H

#include "ptwalk.h"

/**
 * struct ptwalk_xlate_run - Guest pages alike in both stages, or a bad
 *			     guest entry.
 * @start:	Linear guest virtual address of the first page.
 * @end:	Linear guest virtual address just past the last page.
 * @gpa:	GPA of @start; for a bad entry, the table it points to.
 * @hpa:	Host physical address of @start, when @s2 is PTWALK_LEAF.
 * @pgsize:	Size of each page: the smaller of the guest leaf and the
 *		stage-2 entry (the granule where a range cuts a page).
 * @pages:	Number of pages.
 * @attr:	The guest leaf's attributes, with R, W and X taken away
 *		where stage 2 takes them away.
 * @s2:		PTWALK_LEAF where stage 2 maps @gpa, PTWALK_NONE where it
 *		maps nothing, PTWALK_BAD where its entry is bad.
 * @s2_prot:	Stage 2's own PTWALK_R/W/X, for PTWALK_LEAF.
 * @kind:	PTWALK_LEAF, or PTWALK_BAD for a bad guest entry.
 * @bad:	For a bad guest entry, PTWALK_BAD_*; PTWALK_BAD_S2 when its
 *		table's GPA is not mapped by stage 2.
 * @pte:	For a bad guest entry, its value.
 */
struct ptwalk_xlate_run {
	u64			start;
	u64			end;
	u64			gpa;
	u64			hpa;
	u64			pgsize;
	u64			pages;
	struct ptwalk_attr	attr;
	enum ptwalk_kind	s2;
	u32			s2_prot;
	enum ptwalk_kind	kind;
	u32			bad;
	u64			pte;
};

/* Lines one step of a translation collects at most. */
#define PTWALK_XLATE_QUEUE	16
/* Entries of either stage one step visits at most. */
#define PTWALK_XLATE_BUDGET	4096

/**
 * struct ptwalk_xlate - A resumable translation of a guest's tables.
 * @guest:	The guest's tables: format and root (a GPA); ptwalk_xlate_init()
 *		sets the accessor.
 * @s2:		The second stage, with an accessor for host memory, through
 *		which the guest's tables are read too.
 * @pos:	Linear guest virtual address where the next step begins.
 * @end:	Where the translation ends.
 * @run:	The run being folded.
 * @have_run:	@run holds something.
 * @q:		Lines completed by the last step.
 * @nq:		How many.
 * @budget:	Visits the current step may still make.
 * @miss:	The GPA of the last guest table stage 2 did not map.
 * @missed:	@miss is set.
 *
 * The guest tables are walked from their root again at every step, from
 * @pos: a guest that changes its tables between steps changes what is
 * shown from there on, and nothing is shown twice.
 */
struct ptwalk_xlate {
	struct ptwalk_table	guest;
	struct ptwalk_table	s2;
	u64			pos;
	u64			end;
	struct ptwalk_xlate_run	run;
	bool			have_run;
	struct ptwalk_xlate_run	q[PTWALK_XLATE_QUEUE];
	unsigned int		nq;
	unsigned int		budget;
	u64			miss;
	bool			missed;
};

/**
 * ptwalk_xlate_init() - Prepare a translation of [@start, @end).
 * @x:		The translation.
 * @gfmt:	The guest tables' format.
 * @groot:	GPA of the guest's root table.
 * @s2:		The second stage (copied; its root may be changed between
 *		steps in @x->s2.root).
 * @start:	Linear guest virtual start.
 * @end:	Linear end (exclusive); clamped to the guest's space.
 *
 * Return: 0, or -EINVAL for an empty range.
 */
int ptwalk_xlate_init(struct ptwalk_xlate *x, const struct ptwalk_fmt *gfmt,
		      u64 groot, const struct ptwalk_table *s2, u64 start,
		      u64 end);

/**
 * ptwalk_xlate_step() - Translate the next part.
 * @x:		The translation.
 *
 * Empties @x->q, then walks until the range ends, PTWALK_XLATE_QUEUE lines
 * are complete or PTWALK_XLATE_BUDGET entries were visited.  A guest root
 * that stage 2 does not map is one bad line over the whole rest.
 *
 * Context: Whatever the accessors need; does not sleep if they do not.
 * Return: 0 when the range is done (@x->q holds the last lines), -EAGAIN
 * when there is more, or a negative errno.
 */
int ptwalk_xlate_step(struct ptwalk_xlate *x);

/**
 * ptwalk_xlate_line() - Format a line of a translation.
 * @gfmt:	The guest tables' format.
 * @r:		The run.
 * @buf:	Receives "gva_start gva_end pgsize pages gpa hpa perm flags
 *		s2=PERM", hpa "none" where stage 2 maps nothing and s2=none
 *		or s2=bad then; for a bad guest entry "... gpa none ---
 *		BAD=reasons pte=VALUE".  Newline- and NUL-terminated.
 * @size:	Size of @buf; PTWALK_LINE_MAX is enough.
 *
 * Return: the length of the line, without the NUL.
 */
int ptwalk_xlate_line(const struct ptwalk_fmt *gfmt,
		      const struct ptwalk_xlate_run *r, char *buf, size_t size);

#endif /* _PTWALK_TRANSLATE_H */
