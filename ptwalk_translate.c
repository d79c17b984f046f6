// SPDX-License-Identifier: GPL-2.0
/*
 * Guest virtual addresses through both stages (include/ptwalk_translate.h).
 * Two walks nest: the guest's tables, each read through stage 2 by
 * ptw_xlate_map(), and for each guest leaf a walk of stage 2 over the
 * leaf's GPAs, whose entries cut it into pieces.  Pieces that continue
 * each other in GVA, GPA and HPA fold into one run.  Every step walks from
 * the guest's root again, at @pos, which moves only when a piece is taken:
 * the model of KVM's tdp_iter, restart from the root at the next address.
 */

#include <linux/err.h>
#include <linux/export.h>
#include <linux/kernel.h>
#include <linux/minmax.h>

#include "ptwalk.h"
#include "ptwalk_translate.h"

#define PTW_XLATE_RWX	(PTWALK_R | PTWALK_W | PTWALK_X)

/* The stage-2 entry that covers a GPA. */
struct ptw_s2_hit {
	u64			addr;
	u64			size;
	struct ptwalk_entry	e;
	bool			found;
};

static int ptw_s2_hit_visit(const struct ptwalk_ctx *ctx, void *arg)
{
	struct ptw_s2_hit *h = arg;

	h->addr = ctx->addr;
	h->size = ctx->size;
	h->e = ctx->e;
	h->found = true;
	return PTWALK_STOP;
}

/* The leaf of @s2 that maps @gpa; false for none, beyond its space too. */
static bool ptw_s2_leaf(const struct ptwalk_table *s2, u64 gpa,
			struct ptw_s2_hit *h)
{
	const struct ptwalk_walker w = {
		.cb = ptw_s2_hit_visit, .arg = h, .flags = PTWALK_VISIT_LEAF,
	};
	u64 pos = gpa;

	h->found = false;
	if (ptwalk_walk(s2, &pos, gpa + 1, &w) < 0)
		return false;
	return h->found && h->e.kind == PTWALK_LEAF;
}

/*
 * A guest table, read where stage 2 puts its GPA.  A table larger than
 * the stage-2 leaf that holds its start (a 64K granule over 4K pages) is
 * read only where stage 2 keeps it contiguous.
 */
static const void *ptw_xlate_map(void *priv, u64 gpa, size_t size)
{
	struct ptwalk_xlate *x = priv;
	struct ptw_s2_hit h;
	u64 hpa, off;

	if (!ptw_s2_leaf(&x->s2, gpa, &h)) {
		x->miss = gpa;
		x->missed = true;
		return ERR_PTR(-ENXIO);
	}
	hpa = h.e.pa + (gpa - h.addr);
	for (off = h.addr + h.size - gpa; off < size; off += h.size) {
		if (!ptw_s2_leaf(&x->s2, gpa + off, &h) ||
		    h.e.pa + (gpa + off - h.addr) != hpa + off) {
			x->missed = false;
			return ERR_PTR(-EFAULT);
		}
	}
	return x->s2.mem->map(x->s2.priv, hpa, size);
}

static void ptw_xlate_unmap(void *priv, const void *va)
{
	struct ptwalk_xlate *x = priv;

	if (x->s2.mem->unmap)
		x->s2.mem->unmap(x->s2.priv, va);
}

static const struct ptwalk_mem_ops ptw_xlate_mem = {
	.map	= ptw_xlate_map,
	.unmap	= ptw_xlate_unmap,
};

static bool ptw_xlate_joins(const struct ptwalk_xlate_run *a,
			    const struct ptwalk_xlate_run *b)
{
	u64 len = a->end - a->start;

	return a->kind == PTWALK_LEAF && b->kind == PTWALK_LEAF &&
	       a->end == b->start && a->pgsize == b->pgsize &&
	       a->s2 == b->s2 && a->s2_prot == b->s2_prot &&
	       a->attr.prot == b->attr.prot && a->attr.arch == b->attr.arch &&
	       a->gpa + len == b->gpa &&
	       (a->s2 != PTWALK_LEAF || a->hpa + len == b->hpa);
}

/*
 * Fold @p into the run, or close the run and start one with @p.  False
 * when no line is free for the closed run: @p is not taken then.
 */
static bool ptw_xlate_take(struct ptwalk_xlate *x,
			   const struct ptwalk_xlate_run *p)
{
	if (x->have_run && ptw_xlate_joins(&x->run, p)) {
		x->run.end = p->end;
		x->run.pages += p->pages;
	} else {
		if (x->have_run) {
			if (x->nq == PTWALK_XLATE_QUEUE)
				return false;
			x->q[x->nq++] = x->run;
		}
		x->run = *p;
		x->have_run = true;
	}
	x->pos = p->end;
	return true;
}

/* The largest page size up to @max that both ends of [@lo, @hi) are aligned to. */
static u64 ptw_xlate_pgsize(u64 lo, u64 hi, u64 max)
{
	u64 ps = max;

	while (ps > 1 && ((lo | hi) & (ps - 1)))
		ps >>= 1;
	return ps;
}

/**
 * struct ptw_xlate_leaf - A guest leaf being cut by stage 2.
 * @x:		The translation.
 * @g:		The guest leaf.
 * @gpa_lo:	The first GPA of it still to translate.
 * @gpa_hi:	The GPA its translation ends at.
 */
struct ptw_xlate_leaf {
	struct ptwalk_xlate		*x;
	const struct ptwalk_ctx		*g;
	u64				gpa_lo;
	u64				gpa_hi;
};

/* Take [@lo, @hi) of the guest leaf's GPAs, as stage 2's entry @s says. */
static bool ptw_xlate_piece(const struct ptw_xlate_leaf *l, u64 lo, u64 hi,
			    const struct ptwalk_ctx *s)
{
	const struct ptwalk_ctx *g = l->g;
	u64 start = g->addr + (lo - g->e.pa);
	struct ptwalk_xlate_run p = {
		.start = start,
		.end = start + (hi - lo),
		.gpa = lo,
		.attr = g->e.attr,
		.s2 = s ? s->e.kind : PTWALK_NONE,
		.kind = PTWALK_LEAF,
	};

	p.pgsize = ptw_xlate_pgsize(p.start, p.end,
				    s ? min(g->size, s->size) : g->size);
	p.pages = (p.end - p.start) / p.pgsize;
	if (p.s2 == PTWALK_LEAF) {
		p.hpa = s->e.pa + (lo - s->addr);
		p.s2_prot = s->e.attr.prot & PTW_XLATE_RWX;
		p.attr.prot &= ~PTW_XLATE_RWX | p.s2_prot;
	}
	return ptw_xlate_take(l->x, &p);
}

static int ptw_xlate_s2_visit(const struct ptwalk_ctx *ctx, void *arg)
{
	struct ptw_xlate_leaf *l = arg;
	u64 lo = max(ctx->addr, l->gpa_lo);
	u64 hi = min(ctx->addr + ctx->size, l->gpa_hi);

	if (!l->x->budget)
		return PTWALK_STOP;
	l->x->budget--;
	if (lo < hi && !ptw_xlate_piece(l, lo, hi, ctx))
		return PTWALK_STOP;
	return 0;
}

/* [@lo, @hi) of guest leaf @g, cut where stage 2's entries end. */
static int ptw_xlate_leaf(struct ptwalk_xlate *x, const struct ptwalk_ctx *g,
			  u64 lo, u64 hi)
{
	struct ptw_xlate_leaf l = {
		.x = x,
		.g = g,
		.gpa_lo = g->e.pa + (lo - g->addr),
		.gpa_hi = g->e.pa + (hi - g->addr),
	};
	const struct ptwalk_walker w = {
		.cb = ptw_xlate_s2_visit, .arg = &l, .flags = PTWALK_VISIT_LEAF,
	};
	u64 pos = l.gpa_lo;
	int ret;

	ret = ptwalk_walk(&x->s2, &pos, l.gpa_hi, &w);
	if (ret)
		return ret;
	/* GPAs beyond stage 2's input space: nothing maps them. */
	if (x->pos < hi &&
	    !ptw_xlate_piece(&l, g->e.pa + (x->pos - g->addr), l.gpa_hi, NULL))
		return PTWALK_STOP;
	return 0;
}

/* A bad guest entry: one line of its own. */
static int ptw_xlate_bad(struct ptwalk_xlate *x, const struct ptwalk_ctx *g,
			 u64 lo, u64 hi, u64 pa, u32 bad)
{
	struct ptwalk_xlate_run p = {
		.start = lo, .end = hi, .gpa = pa, .pgsize = hi - lo, .pages = 1,
		.s2 = PTWALK_NONE, .kind = PTWALK_BAD, .bad = bad,
		.pte = g ? g->pte : pa,
	};

	/* The walker says "addr" for a table it could not read: say why. */
	if ((bad & PTWALK_BAD_ADDR) && x->missed && x->miss == pa)
		p.bad = (bad & ~PTWALK_BAD_ADDR) | PTWALK_BAD_S2;
	return ptw_xlate_take(x, &p) ? 0 : PTWALK_STOP;
}

static int ptw_xlate_visit(const struct ptwalk_ctx *ctx, void *arg)
{
	struct ptwalk_xlate *x = arg;
	u64 lo = max(ctx->addr, x->pos);
	u64 hi = min(ctx->addr + ctx->size, x->end);

	if (!x->budget)
		return PTWALK_STOP;
	x->budget--;
	if (lo >= hi)
		return 0;
	switch (ctx->e.kind) {
	case PTWALK_LEAF:
		return ptw_xlate_leaf(x, ctx, lo, hi);
	case PTWALK_BAD:
		return ptw_xlate_bad(x, ctx, lo, hi, ctx->e.pa, ctx->e.bad);
	default:
		x->pos = hi;
		return 0;
	}
}

/**
 * ptwalk_xlate_init() - Prepare a translation of [@start, @end).
 * @x:		The translation; it points to itself, so it must not be
 *		copied once prepared.
 * @gfmt:	The guest tables' format.
 * @groot:	GPA of the guest's root table.
 * @s2:		The second stage.
 * @start:	Linear start, rounded down to the guest's smallest page.
 * @end:	Linear end, rounded up to it and clamped to the guest's space.
 *
 * Return: 0, or -EINVAL for an empty range.
 */
int ptwalk_xlate_init(struct ptwalk_xlate *x, const struct ptwalk_fmt *gfmt,
		      u64 groot, const struct ptwalk_table *s2, u64 start,
		      u64 end)
{
	u64 gran = ptwalk_level_size(gfmt, 0);

	end = min(end, 1ULL << gfmt->ia_bits);
	start = round_down(start, gran);
	end = round_up(end, gran);
	if (start >= end)
		return -EINVAL;
	*x = (struct ptwalk_xlate){
		.guest = {
			.fmt = gfmt, .root = groot, .mem = &ptw_xlate_mem,
			.priv = x,
		},
		.s2 = *s2,
		.pos = start,
		.end = end,
	};
	return 0;
}
EXPORT_SYMBOL_GPL(ptwalk_xlate_init);

/* Whether the guest's root can be read through stage 2 at all. */
static int ptw_xlate_root(struct ptwalk_xlate *x)
{
	const struct ptwalk_fmt *fmt = x->guest.fmt;
	size_t size = (size_t)(fmt->flags & PTWALK_FMT_PTE32 ? 4 : 8) <<
		      fmt->root_bits;
	const void *table;

	table = ptw_xlate_map(x, x->guest.root, size);
	if (!IS_ERR(table)) {
		ptw_xlate_unmap(x, table);
		return 0;
	}
	/* One bad line for all that is left: nothing else can be read. */
	return ptw_xlate_bad(x, NULL, x->pos, x->end, x->guest.root,
			     PTWALK_BAD_ADDR);
}

/**
 * ptwalk_xlate_step() - Translate the next part.
 * @x:		The translation.
 *
 * Return: 0 when the range is done, -EAGAIN when there is more, or a
 * negative errno (stage 2's root could not be read, for one).
 */
int ptwalk_xlate_step(struct ptwalk_xlate *x)
{
	const struct ptwalk_walker w = {
		.cb = ptw_xlate_visit, .arg = x, .flags = PTWALK_VISIT_LEAF,
	};
	u64 pos;
	int ret;

	x->nq = 0;
	x->budget = PTWALK_XLATE_BUDGET;
	if (x->pos < x->end) {
		ret = ptw_xlate_root(x);
		if (!ret && x->pos < x->end) {
			pos = x->pos;
			ret = ptwalk_walk(&x->guest, &pos, x->end, &w);
		}
		if (ret < 0)
			return ret;
		if (ret)
			return -EAGAIN;
		x->pos = x->end;
	}
	if (x->have_run) {
		if (x->nq == PTWALK_XLATE_QUEUE)
			return -EAGAIN;
		x->q[x->nq++] = x->run;
		x->have_run = false;
	}
	return 0;
}
EXPORT_SYMBOL_GPL(ptwalk_xlate_step);

/**
 * ptwalk_xlate_line() - Format a line of a translation.
 * @gfmt:	The guest tables' format.
 * @r:		The run.
 * @buf:	Receives the line, newline- and NUL-terminated.
 * @size:	Size of @buf.
 *
 * Return: the length of the line, without the NUL.
 */
int ptwalk_xlate_line(const struct ptwalk_fmt *gfmt,
		      const struct ptwalk_xlate_run *r, char *buf, size_t size)
{
	static const char *const s2_rwx[] = {
		"---", "r--", "-w-", "rw-", "--x", "r-x", "-wx", "rwx",
	};
	char sz[PTWALK_SIZE_MAX];
	int n;

	n = scnprintf(buf, size, "0x%016llx 0x%016llx %s %llu 0x%016llx ",
		      ptwalk_from_linear(gfmt, r->start),
		      ptwalk_from_linear(gfmt, r->end),
		      ptwalk_size_name(sz, r->pgsize), r->pages, r->gpa);
	if (r->kind == PTWALK_BAD) {
		n += scnprintf(buf + n, size - n, "none ---");
		n = ptwalk_put_bad(buf, size, n, r->bad, r->pte);
	} else {
		if (r->s2 == PTWALK_LEAF)
			n += scnprintf(buf + n, size - n, "0x%016llx", r->hpa);
		else
			n += scnprintf(buf + n, size - n, "none");
		n = ptwalk_put_attr(buf, size, n, gfmt, &r->attr);
		n += scnprintf(buf + n, size - n, " s2=%s",
			       r->s2 == PTWALK_LEAF ? s2_rwx[r->s2_prot] :
			       r->s2 == PTWALK_BAD ? "bad" : "none");
	}
	return n + scnprintf(buf + n, size - n, "\n");
}
EXPORT_SYMBOL_GPL(ptwalk_xlate_line);
