// SPDX-License-Identifier: GPL-2.0
/*
 * ptwalk core: the format-independent walker and the folding dumps.
 *
 * The walker knows nothing about any hardware: a format (struct ptwalk_fmt)
 * supplies the geometry of each level and a decode hook, and an accessor
 * (struct ptwalk_mem_ops) turns table addresses into pointers.  The same
 * code therefore reads host tables, KVM's second-stage tables and the fake
 * tables the KUnit suites build.
 *
 * The walk is iterative with an explicit stack no deeper than the format's
 * level count, reads every entry exactly once and keeps no state between
 * calls: like KVM's tdp_iter, a walk resumes from the root at the next
 * address.  The dumps on top of it stop only at line boundaries, so a
 * seq_file reader may stop after any line and resume with identical output.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/bug.h>
#include <linux/err.h>
#include <linux/export.h>
#include <linux/kernel.h>
#include <linux/math64.h>
#include <linux/minmax.h>
#include <linux/module.h>
#include <linux/string.h>

#include "ptwalk.h"

/**
 * struct ptw_frame - One table on the walker's stack.
 * @table:	The table, as mapped by the accessor.
 * @pa:		Its address.
 * @base:	Linear address covered by its entry 0.
 * @idx:	Index of the entry being visited.
 * @nr:		Number of entries in the table.
 * @above:	What the table entries above pass down to this table.
 */
struct ptw_frame {
	const void		*table;
	u64			pa;
	u64			base;
	unsigned int		idx;
	unsigned int		nr;
	struct ptwalk_attr	above;
};

/**
 * struct ptw_walk_data - State of one ptwalk_walk() call.
 * @t:		The tables.
 * @walker:	The visitor.
 * @leaf_mask:	The format's &ptwalk_fmt.leaf_pa_mask, for batches.
 * @start:	Linear start of the walk.
 * @end:	Linear end of the walk, clamped to the format's space.
 * @depth:	Index of the innermost frame in @f.
 * @f:		The stack; @f[0] is the root table.
 */
struct ptw_walk_data {
	const struct ptwalk_table	*t;
	const struct ptwalk_walker	*walker;
	u64				leaf_mask;
	u64				start;
	u64				end;
	int				depth;
	struct ptw_frame		f[PTWALK_MAX_LEVELS];
};

static const struct ptwalk_attr ptw_root_above = {
	.prot = PTWALK_PERM_MASK,
};

static unsigned int ptw_entry_size(const struct ptwalk_fmt *fmt)
{
	return fmt->flags & PTWALK_FMT_PTE32 ? 4 : 8;
}

static unsigned int ptw_table_bits(const struct ptwalk_fmt *fmt, int level)
{
	return level == fmt->levels - 1 ? fmt->root_bits : fmt->lvl[level].bits;
}

static unsigned int ptw_index(const struct ptwalk_fmt *fmt, u64 addr,
			      int level)
{
	return (addr >> fmt->lvl[level].shift) &
	       ((1U << ptw_table_bits(fmt, level)) - 1);
}

static u64 ptw_read_entry(const struct ptwalk_fmt *fmt, const void *table,
			  unsigned int idx)
{
	if (fmt->flags & PTWALK_FMT_PTE32)
		return READ_ONCE(((const u32 *)table)[idx]);
	return READ_ONCE(((const u64 *)table)[idx]);
}

static const void *ptw_map(const struct ptwalk_table *t, u64 pa, int level)
{
	const struct ptwalk_fmt *fmt = t->fmt;
	size_t size = (size_t)ptw_entry_size(fmt) << ptw_table_bits(fmt, level);

	return t->mem->map(t->priv, pa, size);
}

static void ptw_unmap(const struct ptwalk_table *t, const void *table)
{
	if (t->mem->unmap)
		t->mem->unmap(t->priv, table);
}

static int ptw_visit(struct ptw_walk_data *wd, struct ptwalk_ctx *ctx,
		     enum ptwalk_visit visit)
{
	if (!(wd->walker->flags & visit))
		return 0;
	ctx->visit = visit;
	return wd->walker->cb(ctx, wd->walker->arg);
}

/*
 * Read and decode the current entry of the innermost table into @ctx.  A
 * table that points back at one of its ancestors is bad, not followed.
 */
static void ptw_read_ctx(struct ptw_walk_data *wd, struct ptwalk_ctx *ctx)
{
	const struct ptwalk_fmt *fmt = wd->t->fmt;
	const struct ptw_frame *f = &wd->f[wd->depth];
	int level = fmt->levels - 1 - wd->depth;
	int i;

	ctx->level = level;
	ctx->depth = wd->depth;
	ctx->index = f->idx;
	ctx->n = 1;
	ctx->visit = 0;
	ctx->repeats = false;
	ctx->size = ptwalk_level_size(fmt, level);
	ctx->addr = f->base + (u64)f->idx * ctx->size;
	ctx->ptep_pa = f->pa + (u64)f->idx * ptw_entry_size(fmt);
	ctx->pte = ptw_read_entry(fmt, f->table, f->idx);
	ctx->e = (struct ptwalk_entry){ };
	fmt->decode(fmt, ctx->pte, level, &f->above, &ctx->e);

	if (ctx->e.kind == PTWALK_LEAF && !fmt->lvl[level].leaf_ok) {
		ctx->e.kind = PTWALK_BAD;
		ctx->e.bad |= PTWALK_BAD_LEVEL;
	}
	if (ctx->e.kind != PTWALK_TABLE)
		return;
	if (level == 0) {
		ctx->e.kind = PTWALK_BAD;
		ctx->e.bad |= PTWALK_BAD_LEVEL;
		return;
	}
	for (i = 0; i <= wd->depth; i++) {
		if (wd->f[i].pa == ctx->e.pa) {
			ctx->e.kind = PTWALK_BAD;
			ctx->e.bad |= PTWALK_BAD_LOOP;
			return;
		}
	}
	/* Raw values, so that it depends on the table, not on the walk. */
	ctx->repeats = f->idx > 0 &&
		       ptw_read_entry(fmt, f->table, f->idx - 1) == ctx->pte;
}

/*
 * Push the table @ctx points to, at its first entry in the walk's range.
 * A table the accessor rejects turns @ctx into a bad entry.
 */
static bool ptw_push(struct ptw_walk_data *wd, struct ptwalk_ctx *ctx)
{
	const struct ptwalk_fmt *fmt = wd->t->fmt;
	int level = ctx->level - 1;
	struct ptw_frame *f;
	const void *table;

	table = ptw_map(wd->t, ctx->e.pa, level);
	if (IS_ERR_OR_NULL(table)) {
		ctx->e.kind = PTWALK_BAD;
		ctx->e.bad |= PTWALK_BAD_ADDR;
		return false;
	}
	f = &wd->f[++wd->depth];
	f->table = table;
	f->pa = ctx->e.pa;
	f->base = ctx->addr;
	f->nr = 1U << ptw_table_bits(fmt, level);
	f->above = ctx->e.attr;
	f->idx = (max(ctx->addr, wd->start) - ctx->addr) >> fmt->lvl[level].shift;
	return true;
}

/* Drop the innermost table and move past the entry that points to it. */
static void ptw_pop(struct ptw_walk_data *wd)
{
	ptw_unmap(wd->t, wd->f[wd->depth].table);
	wd->f[--wd->depth].idx++;
}

/* Whether the innermost table has no entry left in the walk's range. */
static bool ptw_table_done(const struct ptw_walk_data *wd)
{
	const struct ptw_frame *f = &wd->f[wd->depth];
	int level = wd->t->fmt->levels - 1 - wd->depth;

	return f->idx >= f->nr ||
	       f->base + ((u64)f->idx << wd->t->fmt->lvl[level].shift) >= wd->end;
}

/*
 * Stretch the non-table entry @ctx over the entries after it in its table
 * that the visitor takes in the same visit (PTWALK_VISIT_BATCH_*), reading
 * each once and decoding none: the same empty value, or last-level leaves
 * that differ from it only in output-address bits (each mapping the next
 * page, for BATCH_NEXT).  Empty tables and stretches of alike leaves cost
 * a load and a compare per entry.
 */
static void ptw_batch(const struct ptw_walk_data *wd, struct ptwalk_ctx *ctx)
{
	const struct ptw_frame *f = &wd->f[wd->depth];
	u64 prev = ctx->pte, mask = 0, step = 0, pte;
	unsigned int i, lim;

	if (ctx->e.kind == PTWALK_LEAF && !ctx->level && wd->leaf_mask) {
		mask = wd->leaf_mask;
		if (wd->walker->flags & PTWALK_VISIT_BATCH_NEXT)
			step = ctx->size;
	} else if (ctx->e.kind != PTWALK_NONE ||
		   (ctx->pte && ctx->pte != wd->t->fmt->empty)) {
		return;
	}
	/* The entries of this table that start before the walk's end. */
	lim = f->idx + min_t(u64, f->nr - f->idx,
			     ((wd->end - 1 - ctx->addr) >>
			      wd->t->fmt->lvl[ctx->level].shift) + 1);
	for (i = f->idx + 1; i < lim; i++) {
		pte = ptw_read_entry(wd->t->fmt, f->table, i);
		if (((pte ^ ctx->pte) & ~mask) || (step && pte != prev + step))
			break;
		prev = pte;
	}
	ctx->n = i - f->idx;
}

/*
 * Visit the current entry: a table is pushed and walked next unless the
 * visitor says otherwise; anything else is a leaf, alone or batched.
 */
static int ptw_step(struct ptw_walk_data *wd, struct ptwalk_ctx *ctx)
{
	int ret;

	ptw_read_ctx(wd, ctx);
	if (ctx->e.kind == PTWALK_TABLE && ptw_push(wd, ctx)) {
		ret = ptw_visit(wd, ctx, PTWALK_VISIT_TABLE);
		if (ret)
			ptw_pop(wd);
		return ret == PTWALK_SKIP ? 0 : ret;
	}
	if (wd->walker->flags & (PTWALK_VISIT_BATCH_SAME | PTWALK_VISIT_BATCH_NEXT))
		ptw_batch(wd, ctx);
	ret = ptw_visit(wd, ctx, PTWALK_VISIT_LEAF);
	wd->f[wd->depth].idx += ctx->n;
	return ret == PTWALK_SKIP ? 0 : ret;
}

/**
 * ptwalk_walk() - Walk a table tree over part of its input address space.
 * @t:		The tables.
 * @addr:	In: where to start; out: where to resume.
 * @end:	Linear input address to stop at (exclusive).
 * @walker:	Visitor and flags.
 *
 * See include/ptwalk.h.
 *
 * Return: 0 when the range is done, PTWALK_STOP when the visitor stopped
 * the walk, or a negative errno.
 */
int ptwalk_walk(const struct ptwalk_table *t, u64 *addr, u64 end,
		const struct ptwalk_walker *walker)
{
	const struct ptwalk_fmt *fmt = t->fmt;
	struct ptw_walk_data wd = { .t = t, .walker = walker, .start = *addr };
	struct ptw_frame *root = &wd.f[0];
	struct ptwalk_ctx ctx;
	int ret = 0;

	/* Formats are checked where they are made; this walks none other. */
	if (!fmt->levels || fmt->levels > PTWALK_MAX_LEVELS ||
	    fmt->ia_bits > 63 || !fmt->decode)
		return -EINVAL;
	wd.end = min(end, 1ULL << fmt->ia_bits);
	if (wd.start >= wd.end)
		return 0;
	if (fmt->leaf_pa_mask)
		wd.leaf_mask = fmt->leaf_pa_mask(fmt);

	root->table = ptw_map(t, t->root, fmt->levels - 1);
	if (IS_ERR_OR_NULL(root->table))
		return root->table ? PTR_ERR(root->table) : -EFAULT;
	root->pa = t->root;
	root->nr = 1U << fmt->root_bits;
	root->above = ptw_root_above;
	root->idx = ptw_index(fmt, wd.start, fmt->levels - 1);

	while (!ret) {
		if (!ptw_table_done(&wd))
			ret = ptw_step(&wd, &ctx);
		else if (wd.depth)
			ptw_pop(&wd);
		else
			break;
	}
	for (; wd.depth >= 0; wd.depth--)
		ptw_unmap(t, wd.f[wd.depth].table);
	if (ret < 0)
		return ret;
	*addr = ret ? ctx.addr + ctx.size * ctx.n : wd.end;
	return ret ? PTWALK_STOP : 0;
}
EXPORT_SYMBOL_GPL(ptwalk_walk);

/**
 * ptwalk_to_linear() - Convert an input address to the walker's space.
 * @fmt:	The format.
 * @addr:	The address as the hardware sees it.
 * @lin:	Result.
 *
 * Return: 0, or -ERANGE for an address outside the format's space.
 */
int ptwalk_to_linear(const struct ptwalk_fmt *fmt, u64 addr, u64 *lin)
{
	u64 mask = (1ULL << fmt->ia_bits) - 1;
	u64 high;

	if (fmt->flags & PTWALK_FMT_CANONICAL) {
		high = addr >> (fmt->ia_bits - 1);
		if (high && high != (~0ULL >> (fmt->ia_bits - 1)))
			return -ERANGE;
	} else if (fmt->flags & PTWALK_FMT_HIGH) {
		if ((addr | mask) != ~0ULL)
			return -ERANGE;
	} else if (addr & ~mask) {
		return -ERANGE;
	}
	*lin = addr & mask;
	return 0;
}
EXPORT_SYMBOL_GPL(ptwalk_to_linear);

/**
 * ptwalk_from_linear() - Convert a linear address back to an input address.
 * @fmt:	The format.
 * @lin:	Linear address, at most 2^ia_bits.
 *
 * Return: the address as the hardware sees it.
 */
u64 ptwalk_from_linear(const struct ptwalk_fmt *fmt, u64 lin)
{
	int bits = fmt->ia_bits;

	/* The end of a space that reaches 2^64 wraps to 0. */
	if ((fmt->flags & (PTWALK_FMT_HIGH | PTWALK_FMT_CANONICAL)) &&
	    lin >= 1ULL << bits)
		return 0;
	if (fmt->flags & PTWALK_FMT_HIGH)
		return lin | (~0ULL << bits);
	if ((fmt->flags & PTWALK_FMT_CANONICAL) && (lin >> (bits - 1)))
		return lin | (~0ULL << bits);
	return lin;
}
EXPORT_SYMBOL_GPL(ptwalk_from_linear);

/* ---- Dumps ---- */

const char *const ptwalk_view_names[PTWALK_VIEW_NR] = {
	[PTWALK_VIEW_RUNS]	= "runs",
	[PTWALK_VIEW_ATTR]	= "attr",
	[PTWALK_VIEW_RAW]	= "raw",
	[PTWALK_VIEW_SUMMARY]	= "summary",
};
EXPORT_SYMBOL_GPL(ptwalk_view_names);

static const char *const ptw_bad_names[] = {
	"rsvd", "level", "addr", "loop", "type", "s2",
};

/**
 * ptwalk_dump_init() - Prepare a dump of [@start, @end) of @t.
 * @d:		The dump.
 * @t:		The tables (copied).
 * @view:	The view.
 * @start:	Linear start.
 * @end:	Linear end (exclusive).
 *
 * Return: 0, or -EINVAL for an empty range or an unknown view.
 */
int ptwalk_dump_init(struct ptwalk_dump *d, const struct ptwalk_table *t,
		     enum ptwalk_view view, u64 start, u64 end)
{
	end = min(end, 1ULL << t->fmt->ia_bits);
	if (start >= end || view >= PTWALK_VIEW_NR)
		return -EINVAL;
	memset(d, 0, sizeof(*d));
	d->t = *t;
	d->view = view;
	d->start = start;
	d->end = end;
	d->win_end = end;
	d->budget = PTWALK_DUMP_BUDGET;
	d->pos = start;
	d->sum.tables[t->fmt->levels - 1] = 1;
	return 0;
}
EXPORT_SYMBOL_GPL(ptwalk_dump_init);

/* The line at the queue's head was consumed: drop it. */
static void ptw_dump_drop_ready(struct ptwalk_dump *d)
{
	if (!d->ready)
		return;
	d->ready = false;
	d->q_head = (d->q_head + 1) % PTWALK_DUMP_QUEUE;
	d->q_len--;
}

/*
 * The slot at the queue's tail.  The walk stops while the queue still has
 * room for every line it can add before its next stop (ptw_dump_budget()).
 */
static union ptwalk_line *ptw_dump_slot(struct ptwalk_dump *d)
{
	union ptwalk_line *l = &d->q[(d->q_head + d->q_len) % PTWALK_DUMP_QUEUE];

	d->q_len++;
	return l;
}

/* Queue the open run as a completed line; false when the queue is full. */
static bool ptw_dump_close_run(struct ptwalk_dump *d)
{
	if (d->q_len == PTWALK_DUMP_QUEUE)
		return false;
	ptw_dump_slot(d)->run = d->run;
	d->have_run = false;
	return true;
}

/**
 * ptwalk_dump_window() - Restrict the next part of a dump to [@lo, @hi).
 * @d:		The dump.
 * @lo:		Linear start of the window; the dump skips what lies
 *		between its position and @lo.
 * @hi:		Linear end of the window.
 *
 * Callers that may only look at parts of the range (a process's tables
 * are safe to walk only where it has VMAs) move the window when
 * ptwalk_dump_next() returns -EAGAIN at its end.  A run stays open across
 * adjacent windows; a skipped gap completes it.
 *
 * Return: 1 when the gap completed a run, which is then the line to print
 * (as if ptwalk_dump_next() had returned 1), 0 otherwise.
 */
int ptwalk_dump_window(struct ptwalk_dump *d, u64 lo, u64 hi)
{
	bool gap;

	ptw_dump_drop_ready(d);
	lo = clamp(lo, d->pos, d->end);
	gap = lo > d->pos;
	d->win_end = max(lo, min(hi, d->end));
	/* Tables already shown stay shown: only the address moves. */
	if (gap) {
		d->pos = lo;
		/* What follows the gap repeats nothing shown whole. */
		memset(d->shown_end, 0, sizeof(d->shown_end));
	}
	if (gap && d->have_run && d->view != PTWALK_VIEW_SUMMARY &&
	    ptw_dump_close_run(d)) {
		d->ready = true;
		return 1;
	}
	return 0;
}
EXPORT_SYMBOL_GPL(ptwalk_dump_window);

static bool ptw_attr_equal(const struct ptwalk_attr *a,
			   const struct ptwalk_attr *b)
{
	return a->prot == b->prot && a->arch == b->arch;
}

/*
 * Count @n entries visited.  Stop once the budget is spent, or while the
 * queue still has room for the lines of a descent and the leaf below it.
 */
static int ptw_dump_budget(struct ptwalk_dump *d, unsigned int n)
{
	d->visits += n;
	return d->visits >= d->budget ||
	       d->q_len + d->t.fmt->levels > PTWALK_DUMP_QUEUE ? PTWALK_STOP : 0;
}

static void ptw_dump_start_run(struct ptwalk_dump *d,
			       const struct ptwalk_ctx *ctx, u64 s, u64 e)
{
	struct ptwalk_run *r = &d->run;

	memset(r, 0, sizeof(*r));
	r->start = s;
	r->end = e;
	r->kind = ctx->e.kind;
	r->pa = ctx->e.pa + (s - ctx->addr);
	r->pgsize = ctx->size;
	r->pages = ctx->n;
	r->count[ctx->level] = ctx->n;
	r->attr = ctx->e.attr;
	r->bad = ctx->e.bad;
	r->pte = ctx->pte;
	d->have_run = true;
}

/* Whether the leaf @ctx (clipped to start at @s) extends the open run. */
static bool ptw_dump_joins(const struct ptwalk_dump *d,
			   const struct ptwalk_ctx *ctx, u64 s)
{
	const struct ptwalk_run *r = &d->run;

	if (!d->have_run || r->kind != PTWALK_LEAF ||
	    ctx->e.kind != PTWALK_LEAF || s != r->end ||
	    !ptw_attr_equal(&r->attr, &ctx->e.attr))
		return false;
	/* The runs view also wants one page size and contiguous output. */
	return d->view != PTWALK_VIEW_RUNS ||
	       (ctx->size == r->pgsize &&
		ctx->e.pa + (s - ctx->addr) == r->pa + (s - r->start));
}

/*
 * A repeat is named only when this dump showed the table it repeats whole,
 * or a repeat of it, right before; otherwise (the range or a window starts
 * at it) the table is walked.
 */
static bool ptw_dump_vouch(const struct ptwalk_dump *d,
			   const struct ptwalk_ctx *ctx)
{
	return ctx->repeats && d->shown_end[ctx->level] == ctx->addr && ctx->addr;
}

static void ptw_dump_raw_line(struct ptwalk_dump *d,
			      const struct ptwalk_ctx *ctx, bool repeat)
{
	union ptwalk_line *l = ptw_dump_slot(d);

	l->ctx = *ctx;
	l->ctx.repeats = repeat;
}

/* Fold a repeat into a run of repeats of the same table. */
static void ptw_dump_fold_repeat(struct ptwalk_dump *d,
				 const struct ptwalk_ctx *ctx)
{
	struct ptwalk_run *r = &d->run;
	u64 e = min(ctx->addr + ctx->size, d->end);

	if (d->have_run && r->kind == PTWALK_TABLE && r->end == ctx->addr &&
	    r->pgsize == ctx->size && r->pa == ctx->e.pa) {
		r->end = e;
		r->pages++;
		return;
	}
	if (d->have_run)
		ptw_dump_close_run(d);
	ptw_dump_start_run(d, ctx, ctx->addr, e);
}

/* A repeat the dump vouches for, in every view: named, its table skipped. */
static int ptw_dump_repeat(struct ptwalk_dump *d, const struct ptwalk_ctx *ctx)
{
	int ret;

	if (d->view == PTWALK_VIEW_RAW)
		ptw_dump_raw_line(d, ctx, true);
	else if (d->view == PTWALK_VIEW_SUMMARY)
		d->sum.repeats++;
	else
		ptw_dump_fold_repeat(d, ctx);
	d->shown_end[ctx->level] = ctx->addr + ctx->size;
	ret = ptw_dump_budget(d, 1);
	return ret ?: PTWALK_SKIP;
}

/*
 * A table entry, in every view.  One that begins below where the walk
 * resumed was seen by the walk before; the others are counted, printed by
 * the raw view, and shown whole when they lie inside the range.
 */
static int ptw_dump_table(struct ptwalk_dump *d, const struct ptwalk_ctx *ctx)
{
	if (ctx->addr < d->tables_from)
		return 0;
	if (ptw_dump_vouch(d, ctx))
		return ptw_dump_repeat(d, ctx);
	d->shown_end[ctx->level] = ctx->addr >= d->start ? ctx->addr + ctx->size : 0;
	if (d->view == PTWALK_VIEW_RAW)
		ptw_dump_raw_line(d, ctx, false);
	else if (d->view == PTWALK_VIEW_SUMMARY)
		d->sum.tables[ctx->level - 1]++;
	/* Counted, but never a stop: the walk stops at a leaf, with room. */
	d->visits++;
	return 0;
}

/*
 * Fold one leaf visit into the open run.  A leaf that cannot join the run
 * completes it and opens the next; a bad entry is a run of its own that
 * nothing joins; a hole completes the run and prints nothing.  Completed
 * runs are queued.
 */
static int ptw_dump_fold(const struct ptwalk_ctx *ctx, void *arg)
{
	struct ptwalk_dump *d = arg;
	struct ptwalk_run *r = &d->run;
	u64 s = max(ctx->addr, d->start);
	u64 e = min(ctx->addr + ctx->size * ctx->n, d->end);

	if (unlikely(ctx->visit == PTWALK_VISIT_TABLE))
		return ptw_dump_table(d, ctx);
	if (ptw_dump_joins(d, ctx, s)) {
		r->end = e;
		r->pages += ctx->n;
		r->count[ctx->level] += ctx->n;
		return ptw_dump_budget(d, ctx->n);
	}
	if (d->have_run)
		ptw_dump_close_run(d);
	if (ctx->e.kind == PTWALK_LEAF || ctx->e.kind == PTWALK_BAD)
		ptw_dump_start_run(d, ctx, s, e);
	return ptw_dump_budget(d, ctx->n);
}

/* The raw view prints every entry that holds anything, tables included. */
static int ptw_dump_raw(const struct ptwalk_ctx *ctx, void *arg)
{
	struct ptwalk_dump *d = arg;

	if (ctx->visit == PTWALK_VISIT_TABLE)
		return ptw_dump_table(d, ctx);
	if (ctx->pte && ctx->pte != d->t.fmt->empty)
		ptw_dump_raw_line(d, ctx, false);
	return ptw_dump_budget(d, 1);
}

static int ptw_dump_count(const struct ptwalk_ctx *ctx, void *arg)
{
	struct ptwalk_dump *d = arg;

	if (ctx->visit == PTWALK_VISIT_TABLE)
		return ptw_dump_table(d, ctx);
	if (ctx->e.kind == PTWALK_LEAF)
		d->sum.leaves[ctx->level] += ctx->n;
	else if (ctx->e.kind == PTWALK_BAD)
		d->sum.bad++;
	return ptw_dump_budget(d, ctx->n);
}

static const ptwalk_visitor_fn ptw_dump_visitors[PTWALK_VIEW_NR] = {
	[PTWALK_VIEW_RUNS]	= ptw_dump_fold,
	[PTWALK_VIEW_ATTR]	= ptw_dump_fold,
	[PTWALK_VIEW_RAW]	= ptw_dump_raw,
	[PTWALK_VIEW_SUMMARY]	= ptw_dump_count,
};

/* Lines of the summary view: one per level, then the totals. */
static int ptw_summary_next(struct ptwalk_dump *d)
{
	if (d->sum_line > d->t.fmt->levels)
		return 0;
	d->sum_line++;
	return 1;
}

/**
 * ptwalk_dump_next() - Advance a dump by one output line.
 * @d:		The dump.
 *
 * Return: 1 when a line is ready, 0 at the end, -EAGAIN when the visit
 * budget ran out or the window ended before a line was complete, or
 * another negative errno.
 */
int ptwalk_dump_next(struct ptwalk_dump *d)
{
	/* The raw view prints every entry; the others fold alike ones. */
	static const unsigned int batch[PTWALK_VIEW_NR] = {
		[PTWALK_VIEW_RUNS]	= PTWALK_VISIT_BATCH_NEXT,
		[PTWALK_VIEW_ATTR]	= PTWALK_VISIT_BATCH_SAME,
		[PTWALK_VIEW_SUMMARY]	= PTWALK_VISIT_BATCH_SAME,
	};
	const struct ptwalk_walker walker = {
		.cb = ptw_dump_visitors[d->view],
		.arg = d,
		.flags = PTWALK_VISIT_LEAF | PTWALK_VISIT_TABLE | batch[d->view],
	};
	int ret;

	ptw_dump_drop_ready(d);
	if (d->q_len) {
		d->ready = true;
		return 1;
	}
	if (d->done)
		return d->view == PTWALK_VIEW_SUMMARY ? ptw_summary_next(d) : 0;

	d->visits = 0;
	ret = ptwalk_walk(&d->t, &d->pos, min(d->end, d->win_end), &walker);
	if (ret < 0)
		return ret;
	d->tables_from = d->pos;
	/* Over, whether the last visit also used up the budget or not. */
	if (d->pos >= d->end) {
		if (d->view == PTWALK_VIEW_SUMMARY) {
			d->done = true;
			return ptw_summary_next(d);
		}
		/* The last run; with the queue full, once it has drained. */
		if (!d->have_run || ptw_dump_close_run(d))
			d->done = true;
	}
	if (!d->q_len)
		return d->done ? 0 : -EAGAIN;
	d->ready = true;
	return 1;
}
EXPORT_SYMBOL_GPL(ptwalk_dump_next);

/*
 * Line formatting.  A dump of a large address space formats hundreds of
 * thousands of lines, so the hot ones are built with these appenders
 * rather than vsnprintf().  Each writes at @buf + @n, truncates like
 * scnprintf() (never past @size - 1, always NUL-terminated) and returns
 * the new length.  The fixed-width ones (ptw_hex(), ptw_dec(), ptw_size())
 * store at @p unchecked: a line built from them alone checks its room once.
 */
static int ptw_put_mem(char *buf, size_t size, int n, const char *s,
		       size_t len)
{
	if (n >= size)
		return n;
	len = min(len, size - 1 - n);
	memcpy(buf + n, s, len);
	n += len;
	buf[n] = '\0';
	return n;
}

static int ptw_put_str(char *buf, size_t size, int n, const char *s)
{
	return ptw_put_mem(buf, size, n, s, strlen(s));
}

static int ptw_put_char(char *buf, size_t size, int n, char c)
{
	if (n + 1 >= size)
		return n;
	buf[n++] = c;
	buf[n] = '\0';
	return n;
}

/* Length of "0x%016llx". */
#define PTW_HEX_LEN	18
/* Longest ptw_dec() and ptw_size(): a u64's digits, and a unit. */
#define PTW_DEC_MAX	20
#define PTW_SIZE_MAX	(PTW_DEC_MAX + 1)

/* The hex digits of @v, one per byte, the first in the top byte: no loop. */
static u64 ptw_hex8(u32 v)
{
	u64 x = v;

	x = (x | x << 16) & 0x0000ffff0000ffffULL;
	x = (x | x << 8) & 0x00ff00ff00ff00ffULL;
	x = (x | x << 4) & 0x0f0f0f0f0f0f0f0fULL;
	/* '0' + digit, and 'a' - '0' - 10 more where the digit is above 9. */
	return x + 0x3030303030303030ULL +
	       (((x + 0x0606060606060606ULL) >> 4) & 0x0101010101010101ULL) *
	       ('a' - '0' - 10);
}

/* "0x%016llx" at @p, in two stores of eight digits. */
static char *ptw_hex(char *p, u64 v)
{
	__be64 hi = cpu_to_be64(ptw_hex8(v >> 32));
	__be64 lo = cpu_to_be64(ptw_hex8(v));

	p[0] = '0';
	p[1] = 'x';
	memcpy(p + 2, &hi, sizeof(hi));
	memcpy(p + 10, &lo, sizeof(lo));
	return p + PTW_HEX_LEN;
}

/* "%llu" at @p; a single digit, as page counts mostly are, in one store. */
static char *ptw_dec(char *p, u64 v)
{
	char tmp[PTW_DEC_MAX];
	int i = sizeof(tmp);

	if (v < 10) {
		*p = '0' + v;
		return p + 1;
	}
	do {
		tmp[--i] = '0' + do_div(v, 10);
	} while (v);
	memcpy(p, tmp + i, sizeof(tmp) - i);
	return p + sizeof(tmp) - i;
}

/* "4K", "2M", "1G", "512M": the largest unit that divides @v. */
static char *ptw_size(char *p, u64 v)
{
	static const char units[] = "KMGTPE";
	int u = -1;

	while (v >= 1024 && !(v & 1023) && u < 5) {
		v >>= 10;
		u++;
	}
	p = ptw_dec(p, v);
	if (u >= 0)
		*p++ = units[u];
	return p;
}

static int ptw_put_hex(char *buf, size_t size, int n, u64 v)
{
	char tmp[PTW_HEX_LEN];

	/* Straight into @buf when it has room, as it nearly always has. */
	if (n + PTW_HEX_LEN < size) {
		n = ptw_hex(buf + n, v) - buf;
		buf[n] = '\0';
		return n;
	}
	ptw_hex(tmp, v);
	return ptw_put_mem(buf, size, n, tmp, sizeof(tmp));
}

static int ptw_put_dec(char *buf, size_t size, int n, u64 v)
{
	char tmp[PTW_DEC_MAX];

	return ptw_put_mem(buf, size, n, tmp, ptw_dec(tmp, v) - tmp);
}

static int ptw_put_size(char *buf, size_t size, int n, u64 v)
{
	char tmp[PTW_SIZE_MAX];

	return ptw_put_mem(buf, size, n, tmp, ptw_size(tmp, v) - tmp);
}

/**
 * ptwalk_size_name() - Format a size as "4K", "2M", "1G", "512M", "256T" ...
 * @buf:	At least PTWALK_SIZE_MAX bytes.
 * @size:	The size.
 *
 * Return: @buf.
 */
char *ptwalk_size_name(char *buf, u64 size)
{
	ptw_put_size(buf, PTWALK_SIZE_MAX, 0, size);
	return buf;
}
EXPORT_SYMBOL_GPL(ptwalk_size_name);

/* Append " name" for every token of @tokens that matches @val. */
static int ptw_print_tokens(char *buf, size_t size, int n,
			    const struct ptwalk_token *tokens, u64 val)
{
	for (; tokens && tokens->name; tokens++) {
		if ((val & tokens->mask) == tokens->val) {
			n = ptw_put_char(buf, size, n, ' ');
			n = ptw_put_str(buf, size, n, tokens->name);
		}
	}
	return n;
}

/**
 * ptwalk_put_attr() - Append " perm tokens" as the runs view prints them.
 * @buf:	The line.
 * @size:	Size of @buf.
 * @n:		Length so far.
 * @fmt:	The format.
 * @a:		The attributes.
 *
 * Return: the new length.
 */
int ptwalk_put_attr(char *buf, size_t size, int n, const struct ptwalk_fmt *fmt,
		    const struct ptwalk_attr *a)
{
	u32 p = a->prot;
	char tmp[12];
	int i, len = 0;

	tmp[len++] = ' ';
	tmp[len++] = p & PTWALK_R ? 'r' : '-';
	tmp[len++] = p & PTWALK_W ? 'w' : '-';
	tmp[len++] = p & PTWALK_X ? 'x' : '-';
	if (p & PTWALK_U) {
		tmp[len++] = ' ';
		tmp[len++] = 'U';
	}
	if (p & PTWALK_G) {
		tmp[len++] = ' ';
		tmp[len++] = 'G';
	}
	if (p & PTWALK_A) {
		tmp[len++] = ' ';
		tmp[len++] = 'A';
	}
	if (p & PTWALK_D) {
		tmp[len++] = ' ';
		tmp[len++] = 'D';
	}
	n = ptw_put_mem(buf, size, n, tmp, len);
	for (i = 0; i < PTWALK_TOKEN_TABLES; i++)
		n = ptw_print_tokens(buf, size, n, fmt->tokens[i], a->arch);
	return n;
}
EXPORT_SYMBOL_GPL(ptwalk_put_attr);

/*
 * @a's text in @at, formatted anew only when the attributes or the token
 * tables that name them changed.  False when the text did not fit.
 */
static bool ptw_attr_text_get(struct ptwalk_attr_text *at,
			      const struct ptwalk_fmt *fmt,
			      const struct ptwalk_attr *a)
{
	bool same = at->len && at->attr.prot == a->prot &&
		    at->attr.arch == a->arch;
	int i;

	for (i = 0; same && i < PTWALK_TOKEN_TABLES; i++)
		same = at->tokens[i] == fmt->tokens[i];
	if (!same) {
		for (i = 0; i < PTWALK_TOKEN_TABLES; i++)
			at->tokens[i] = fmt->tokens[i];
		at->attr = *a;
		at->len = ptwalk_put_attr(at->text, sizeof(at->text), 0, fmt, a);
	}
	return at->len < sizeof(at->text) - 1;
}

/* ptwalk_put_attr(), copied from @at when it has them. */
static int ptw_put_attr_text(char *buf, size_t size, int n,
			     const struct ptwalk_fmt *fmt,
			     const struct ptwalk_attr *a,
			     struct ptwalk_attr_text *at)
{
	if (!at || !ptw_attr_text_get(at, fmt, a))
		return ptwalk_put_attr(buf, size, n, fmt, a);
	return ptw_put_mem(buf, size, n, at->text, at->len);
}

/**
 * ptwalk_put_bad() - Append " BAD=reasons pte=0x..." as the dumps print it.
 * @buf:	The line.
 * @size:	Size of @buf.
 * @n:		Length so far.
 * @bad:	PTWALK_BAD_* reasons.
 * @pte:	The entry's value.
 *
 * Return: the new length.
 */
int ptwalk_put_bad(char *buf, size_t size, int n, u32 bad, u64 pte)
{
	const char *sep = " BAD=";
	int i;

	for (i = 0; i < ARRAY_SIZE(ptw_bad_names); i++) {
		if (bad & BIT(i)) {
			n = ptw_put_str(buf, size, n, sep);
			n = ptw_put_str(buf, size, n, ptw_bad_names[i]);
			sep = ",";
		}
	}
	n = ptw_put_str(buf, size, n, " pte=");
	return ptw_put_hex(buf, size, n, pte);
}
EXPORT_SYMBOL_GPL(ptwalk_put_bad);

/*
 * Table entries that repeat the one before them: a comment, for runs that
 * were not walked again, "# START END: N more PDEs point to the table PA
 * above".
 */
static int ptw_line_repeat(const struct ptwalk_dump *d, char *buf,
			   size_t size)
{
	const struct ptwalk_fmt *fmt = d->t.fmt;
	const struct ptwalk_run *r = &d->q[d->q_head].run;
	int n, l = 0;

	while (l < fmt->levels - 1 && !r->count[l])
		l++;
	n = ptw_put_str(buf, size, 0, "# ");
	n = ptw_put_hex(buf, size, n, ptwalk_from_linear(fmt, r->start));
	n = ptw_put_char(buf, size, n, ' ');
	n = ptw_put_hex(buf, size, n, ptwalk_from_linear(fmt, r->end));
	n = ptw_put_str(buf, size, n, ": ");
	n = ptw_put_dec(buf, size, n, r->pages);
	n = ptw_put_str(buf, size, n, " more ");
	n = ptw_put_str(buf, size, n, fmt->lvl[l].name);
	n = ptw_put_str(buf, size, n, r->pages > 1 ? "s point" : " points");
	n = ptw_put_str(buf, size, n, " to the table ");
	n = ptw_put_hex(buf, size, n, r->pa);
	return ptw_put_str(buf, size, n, " above");
}

/* The longest runs view line of a leaf run, but for its attributes. */
#define PTW_RUN_FIXED_MAX	(3 * PTW_HEX_LEN + PTW_SIZE_MAX + PTW_DEC_MAX + 4)
static_assert(PTW_RUN_FIXED_MAX + PTWALK_ATTR_MAX + 1 <= PTWALK_LINE_MAX);

/*
 * The runs view's line of a leaf run, at @p with PTWALK_LINE_MAX bytes of
 * room: every field but the attributes, which follow, has a fixed width.
 */
static char *ptw_run_fields(const struct ptwalk_fmt *fmt,
			    const struct ptwalk_run *r, char *p)
{
	p = ptw_hex(p, ptwalk_from_linear(fmt, r->start));
	*p++ = ' ';
	p = ptw_hex(p, ptwalk_from_linear(fmt, r->end));
	*p++ = ' ';
	p = ptw_size(p, r->pgsize);
	*p++ = ' ';
	p = ptw_dec(p, r->pages);
	*p++ = ' ';
	return ptw_hex(p, r->pa);
}

static int __ptw_line_run(const struct ptwalk_fmt *fmt, enum ptwalk_view view,
			  const struct ptwalk_run *r,
			  struct ptwalk_attr_text *at, char *buf, size_t size)
{
	int n, l;

	/* The hot line: one check of the room, none per field. */
	if (view == PTWALK_VIEW_RUNS && r->kind == PTWALK_LEAF &&
	    size >= PTWALK_LINE_MAX) {
		n = ptw_run_fields(fmt, r, buf) - buf;
		return ptw_put_attr_text(buf, size, n, fmt, &r->attr, at);
	}
	n = ptw_put_hex(buf, size, 0, ptwalk_from_linear(fmt, r->start));
	n = ptw_put_char(buf, size, n, ' ');
	n = ptw_put_hex(buf, size, n, ptwalk_from_linear(fmt, r->end));
	n = ptw_put_char(buf, size, n, ' ');
	if (view == PTWALK_VIEW_ATTR && r->kind == PTWALK_LEAF) {
		const char *sep = "";

		for (l = fmt->levels - 1; l >= 0; l--) {
			if (!r->count[l])
				continue;
			n = ptw_put_str(buf, size, n, sep);
			n = ptw_put_size(buf, size, n, ptwalk_level_size(fmt, l));
			n = ptw_put_char(buf, size, n, 'x');
			n = ptw_put_dec(buf, size, n, r->count[l]);
			sep = ",";
		}
	} else {
		n = ptw_put_size(buf, size, n, r->pgsize);
		n = ptw_put_char(buf, size, n, ' ');
		n = ptw_put_dec(buf, size, n, r->pages);
		n = ptw_put_char(buf, size, n, ' ');
		n = ptw_put_hex(buf, size, n, r->pa);
	}
	if (r->kind == PTWALK_BAD) {
		n = ptw_put_str(buf, size, n, " ---");
		return ptwalk_put_bad(buf, size, n, r->bad, r->pte);
	}
	return ptw_put_attr_text(buf, size, n, fmt, &r->attr, at);
}

static int ptw_line_run(const struct ptwalk_dump *d,
			struct ptwalk_attr_text *at, char *buf, size_t size)
{
	const struct ptwalk_run *r = &d->q[d->q_head].run;

	if (r->kind == PTWALK_TABLE)
		return ptw_line_repeat(d, buf, size);
	return __ptw_line_run(d->t.fmt, d->view, r, at, buf, size);
}

/**
 * ptwalk_run_line() - Format a run as the runs view prints it.
 * @fmt:	The format of the tables it was found in.
 * @r:		A run of leaves or a bad entry.
 * @buf:	Receives the line, without a newline, NUL-terminated.
 * @size:	Size of @buf.
 *
 * Return: the length of the line, without the NUL.
 */
int ptwalk_run_line(const struct ptwalk_fmt *fmt, const struct ptwalk_run *r,
		    char *buf, size_t size)
{
	return __ptw_line_run(fmt, PTWALK_VIEW_RUNS, r, NULL, buf, size);
}
EXPORT_SYMBOL_GPL(ptwalk_run_line);

static int ptw_line_raw(const struct ptwalk_dump *d,
			struct ptwalk_attr_text *at, char *buf, size_t size)
{
	static const char indent[] = "        ";
	const struct ptwalk_fmt *fmt = d->t.fmt;
	const struct ptwalk_ctx *c = &d->q[d->q_head].ctx;
	int n;

	n = ptw_put_mem(buf, size, 0, indent,
			min_t(size_t, 2 * c->depth, sizeof(indent) - 1));
	n = ptw_put_str(buf, size, n, fmt->lvl[c->level].name);
	n = ptw_put_char(buf, size, n, '[');
	n = ptw_put_dec(buf, size, n, c->index);
	n = ptw_put_mem(buf, size, n, "] ", 2);
	n = ptw_put_hex(buf, size, n, ptwalk_from_linear(fmt, c->addr));
	n = ptw_put_char(buf, size, n, ' ');
	n = ptw_put_hex(buf, size, n, c->pte);
	switch (c->e.kind) {
	case PTWALK_TABLE:
		n = ptw_put_str(buf, size, n, " table ");
		n = ptw_put_hex(buf, size, n, c->e.pa);
		n = ptw_print_tokens(buf, size, n, fmt->table_tokens, c->pte);
		/* The same table as the entry before: not shown again. */
		if (c->repeats)
			n = ptw_put_str(buf, size, n, " repeat");
		return n;
	case PTWALK_LEAF:
		n = ptw_put_char(buf, size, n, ' ');
		n = ptw_put_size(buf, size, n, c->size);
		n = ptw_put_char(buf, size, n, ' ');
		n = ptw_put_hex(buf, size, n, c->e.pa);
		return ptw_put_attr_text(buf, size, n, fmt, &c->e.attr, at);
	case PTWALK_BAD:
		return ptwalk_put_bad(buf, size, n, c->e.bad, c->pte);
	default:
		n = ptw_put_str(buf, size, n, " none");
		n = ptw_print_tokens(buf, size, n, fmt->none_tokens, c->pte);
		if (fmt->none_note && n < size)
			n += fmt->none_note(fmt, c->pte, buf + n, size - n);
		return n;
	}
}

static int ptw_line_summary(const struct ptwalk_dump *d, char *buf,
			    size_t size)
{
	const struct ptwalk_fmt *fmt = d->t.fmt;
	const struct ptwalk_summary *s = &d->sum;
	u64 leaves = 0, tables = 0, bytes = 0, mapped = 0;
	int level = fmt->levels - d->sum_line;
	char sz[PTWALK_SIZE_MAX];
	int l, n;

	if (level >= 0)
		return scnprintf(buf, size, "%d %s %s %llu %llu", level,
				 fmt->lvl[level].name,
				 ptwalk_size_name(sz, ptwalk_level_size(fmt, level)),
				 s->leaves[level], s->tables[level]);
	for (l = 0; l < fmt->levels; l++) {
		u64 tsize = (u64)(fmt->flags & PTWALK_FMT_PTE32 ? 4 : 8)
			    << ptw_table_bits(fmt, l);

		leaves += s->leaves[l];
		tables += s->tables[l];
		bytes += s->tables[l] * tsize;
		mapped += s->leaves[l] * ptwalk_level_size(fmt, l);
	}
	n = scnprintf(buf, size,
		      "total leaves %llu tables %llu bad %llu table_bytes %llu mapped_bytes %llu",
		      leaves, tables, s->bad, bytes, mapped);
	/* Only where tables repeat (KASAN's shadow, x86's ESPfix area). */
	if (s->repeats)
		n += scnprintf(buf + n, size - n, " repeats %llu", s->repeats);
	return n;
}

/**
 * ptwalk_dump_line() - Format the line ptwalk_dump_next() prepared.
 * @d:		The dump.
 * @at:		The attributes of the dump's last line, or NULL.
 * @buf:	Receives the line.
 * @size:	Size of @buf.
 *
 * Return: the length of the line, without the NUL.
 */
int ptwalk_dump_line(const struct ptwalk_dump *d, struct ptwalk_attr_text *at,
		     char *buf, size_t size)
{
	int n;

	switch (d->view) {
	case PTWALK_VIEW_RAW:
		n = ptw_line_raw(d, at, buf, size);
		break;
	case PTWALK_VIEW_SUMMARY:
		n = ptw_line_summary(d, buf, size);
		break;
	default:
		n = ptw_line_run(d, at, buf, size);
		break;
	}
	return ptw_put_char(buf, size, n, '\n');
}
EXPORT_SYMBOL_GPL(ptwalk_dump_line);

static const char *const ptw_headers[PTWALK_VIEW_NR] = {
	[PTWALK_VIEW_RUNS]	= "# start end pgsize pages pa perm flags",
	[PTWALK_VIEW_ATTR]	= "# start end pages perm flags",
	[PTWALK_VIEW_RAW]	= "# entry[index] address pte decoded",
	[PTWALK_VIEW_SUMMARY]	= "# level entry pgsize leaves tables",
};

/**
 * ptwalk_dump_header() - Format the header line of a dump's view.
 * @d:		The dump.
 * @buf:	Receives the header.
 * @size:	Size of @buf.
 *
 * Return: the length of the header, without the NUL.
 */
int ptwalk_dump_header(const struct ptwalk_dump *d, char *buf, size_t size)
{
	return scnprintf(buf, size, "%s\n", ptw_headers[d->view]);
}
EXPORT_SYMBOL_GPL(ptwalk_dump_header);
