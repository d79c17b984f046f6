// SPDX-License-Identifier: GPL-2.0
/*
 * The audit of a second stage against the host's page tables, as pure
 * logic: the verdict on one leaf (ptwalk_audit_check()), a resumable walk
 * that gives every leaf one (ptwalk_audit_step()), and the line a finding
 * prints.  What the memslots, the host and KVM's invalidation counters say
 * comes through struct ptwalk_audit_ops; the KVM hook supplies the live
 * ones (ptwalk_kvm_audit.c) and KUnit fake ones, so that every verdict can
 * be made on purpose, a stale SPTE included.
 */

#include <linux/errno.h>
#include <linux/export.h>
#include <linux/kernel.h>
#include <linux/minmax.h>

#include "ptwalk.h"
#include "ptwalk_audit.h"

const char *const ptwalk_audit_names[PTWALK_AUDIT_NR] = {
	[PTWALK_AUDIT_OK]	= "ok",
	[PTWALK_AUDIT_SLOT]	= "slot",
	[PTWALK_AUDIT_PFN]	= "pfn",
	[PTWALK_AUDIT_WRITE]	= "write",
	[PTWALK_AUDIT_SIZE]	= "size",
	[PTWALK_AUDIT_RACING]	= "racing",
};
EXPORT_SYMBOL_GPL(ptwalk_audit_names);

/* The memslot holds all of the leaf (KVM never maps across a slot's end). */
static bool ptw_audit_in_slot(const struct ptwalk_audit_slot *s,
			      const struct ptwalk_audit_leaf *leaf)
{
	return leaf->gpa >= s->gpa && leaf->size <= s->size &&
	       leaf->gpa - s->gpa <= s->size - leaf->size;
}

static bool ptw_audit_may_write(const struct ptwalk_audit_leaf *leaf,
				const struct ptwalk_audit_slot *s,
				const struct ptwalk_audit_host *h)
{
	return !leaf->writable || (h->writable && !s->readonly);
}

/*
 * One host lookup at @off into the leaf: the verdict on that part, and in
 * @step the bytes of the leaf the host leaf covers from @off on.
 */
static enum ptwalk_audit_reason
ptw_audit_part(const struct ptwalk_audit_ops *ops, void *priv,
	       const struct ptwalk_audit_leaf *leaf,
	       const struct ptwalk_audit_slot *s, unsigned long hva, u64 off,
	       struct ptwalk_audit_host *h, u64 *step)
{
	ops->host(priv, hva + off, h);
	if (!h->size || h->pa != leaf->pa + off)
		return off ? PTWALK_AUDIT_SIZE : PTWALK_AUDIT_PFN;
	if (!ptw_audit_may_write(leaf, s, h))
		return PTWALK_AUDIT_WRITE;
	/* To the host leaf's end: it maps on contiguously from here. */
	*step = h->size - ((hva + off) & (h->size - 1));
	return PTWALK_AUDIT_OK;
}

/**
 * ptwalk_audit_check() - Check one stage-2 leaf against the host.
 * @ops:	Where to look.
 * @priv:	Passed to @ops.
 * @leaf:	The leaf.
 * @off:	Where in the leaf to continue; updated on -EAGAIN.
 * @budget:	Host lookups still allowed.
 * @res:	The verdict.
 *
 * Return: 0, or -EAGAIN when @budget ran out.
 */
int ptwalk_audit_check(const struct ptwalk_audit_ops *ops, void *priv,
		       const struct ptwalk_audit_leaf *leaf, u64 *off,
		       unsigned int *budget, struct ptwalk_audit_result *res)
{
	enum ptwalk_audit_reason r = PTWALK_AUDIT_OK;
	struct ptwalk_audit_inval before, after;
	struct ptwalk_audit_slot s;
	u64 step = 0;

	*res = (struct ptwalk_audit_result){};
	ops->inval(priv, &before);
	if (ops->slot(priv, leaf->gpa, &s) || !ptw_audit_in_slot(&s, leaf)) {
		r = PTWALK_AUDIT_SLOT;
		goto verdict;
	}
	res->hva = s.hva + (leaf->gpa - s.gpa);
	res->readonly = s.readonly;
	/*
	 * The first lookup decides pfn and write; a host leaf smaller than
	 * the stage-2 one sends the check on, host leaf by host leaf, to
	 * prove the pages contiguous (size).
	 */
	while (*off < leaf->size) {
		if (!*budget)
			return -EAGAIN;
		--*budget;
		res->off = *off;
		r = ptw_audit_part(ops, priv, leaf, &s, res->hva, *off,
				   &res->host, &step);
		if (r != PTWALK_AUDIT_OK)
			break;
		*off += step;
	}
verdict:
	ops->inval(priv, &after);
	res->why = r;
	if (r != PTWALK_AUDIT_OK &&
	    (before.in_progress || after.in_progress || before.seq != after.seq))
		r = PTWALK_AUDIT_RACING;
	res->reason = r;
	return 0;
}
EXPORT_SYMBOL_GPL(ptwalk_audit_check);

static int ptw_audit_spend(struct ptwalk_audit *a)
{
	if (a->budget)
		a->budget--;
	return a->budget ? 0 : PTWALK_STOP;
}

static void ptw_audit_count(struct ptwalk_audit *a,
			    const struct ptwalk_ctx *ctx,
			    const struct ptwalk_audit_result *res)
{
	a->leaves++;
	a->count[res->reason]++;
	if (res->reason == PTWALK_AUDIT_RACING)
		a->racing_why[res->why]++;
	if (res->reason == PTWALK_AUDIT_OK)
		return;
	a->q[a->nq++] = (struct ptwalk_audit_finding){
		.gpa = ctx->addr, .size = ctx->size, .pa = ctx->e.pa,
		.attr = ctx->e.attr, .res = *res,
	};
}

/*
 * Every leaf gets a verdict; a check cut short by the budget stops the walk,
 * and the next step walks that leaf again and goes on from where the check
 * stopped, if the leaf still holds the value it was checked with.
 */
static int ptw_audit_visit(const struct ptwalk_ctx *ctx, void *arg)
{
	struct ptwalk_audit *a = arg;
	struct ptwalk_audit_result res;
	struct ptwalk_audit_leaf leaf = {
		.gpa = ctx->addr, .size = ctx->size, .pa = ctx->e.pa,
		.writable = ctx->e.attr.prot & PTWALK_W,
	};
	u64 off = 0;

	if (ctx->e.kind == PTWALK_BAD)
		a->bad++;
	if (ctx->e.kind != PTWALK_LEAF)
		return ptw_audit_spend(a);
	if (a->partial && a->part_addr == ctx->addr && a->part_pte == ctx->pte)
		off = a->part_off;
	a->partial = false;
	if (ptwalk_audit_check(a->ops, a->priv, &leaf, &off, &a->budget,
			       &res)) {
		a->partial = true;
		a->part_addr = ctx->addr;
		a->part_pte = ctx->pte;
		a->part_off = off;
		return PTWALK_STOP;
	}
	ptw_audit_count(a, ctx, &res);
	if (a->nq == PTWALK_AUDIT_QUEUE)
		return PTWALK_STOP;
	return ptw_audit_spend(a);
}

/**
 * ptwalk_audit_step() - Audit the next part of a table tree.
 * @a:		The audit.
 * @t:		The tables.
 * @pos:	Where to continue.
 * @end:	Linear end of the range.
 *
 * Return: 0 when the range is done, -EAGAIN when there is more, or a
 * negative errno.
 */
int ptwalk_audit_step(struct ptwalk_audit *a, const struct ptwalk_table *t,
		      u64 *pos, u64 end)
{
	const struct ptwalk_walker walker = {
		.cb = ptw_audit_visit, .arg = a, .flags = PTWALK_VISIT_LEAF,
	};
	int ret;

	a->nq = 0;
	a->budget = PTWALK_AUDIT_BUDGET;
	ret = ptwalk_walk(t, pos, end, &walker);
	if (ret < 0)
		return ret;
	if (a->partial)
		*pos = a->part_addr;
	return ret ? -EAGAIN : 0;
}
EXPORT_SYMBOL_GPL(ptwalk_audit_step);

/**
 * ptwalk_audit_line() - Format a finding.
 * @fmt:	The format.
 * @f:		The finding.
 * @buf:	Receives the line.
 * @size:	Size of @buf.
 *
 * Return: the length of the line, without the NUL.
 */
int ptwalk_audit_line(const struct ptwalk_fmt *fmt,
		      const struct ptwalk_audit_finding *f, char *buf,
		      size_t size)
{
	const struct ptwalk_audit_result *res = &f->res;
	const struct ptwalk_audit_host *h = &res->host;
	struct ptwalk_run run = {
		.start = f->gpa, .end = f->gpa + f->size, .pa = f->pa,
		.pgsize = f->size, .pages = 1, .attr = f->attr,
		.kind = PTWALK_LEAF,
	};
	char hsize[PTWALK_SIZE_MAX];
	int n;

	n = ptwalk_run_line(fmt, &run, buf, size);
	n += scnprintf(buf + n, size - n, " %s",
		       ptwalk_audit_names[res->reason]);
	if (res->why == PTWALK_AUDIT_SLOT) {
		n += scnprintf(buf + n, size - n, " host=none");
	} else {
		if (h->size)
			n += scnprintf(buf + n, size - n,
				       " host=0x%016llx/%s/%s", h->pa,
				       ptwalk_size_name(hsize, h->size),
				       h->writable ? "rw" : "r-");
		else
			n += scnprintf(buf + n, size - n, " host=none");
		n += scnprintf(buf + n, size - n, " hva=0x%016lx",
			       (unsigned long)(res->hva + res->off));
	}
	if (res->readonly)
		n += scnprintf(buf + n, size - n, " memslot=ro");
	if (res->reason == PTWALK_AUDIT_RACING)
		n += scnprintf(buf + n, size - n, " was=%s",
			       ptwalk_audit_names[res->why]);
	return n + scnprintf(buf + n, size - n, "\n");
}
EXPORT_SYMBOL_GPL(ptwalk_audit_line);
