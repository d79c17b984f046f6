// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite ptwalk_audit: the KVM audit's verdicts, made on purpose.
 * A fake host (memslots, a host page table as a list of mappings, KVM's
 * invalidation counters) stands behind struct ptwalk_audit_ops, so each
 * reason can be produced: a stage-2 leaf outside every memslot (slot), a
 * stale SPTE whose host page moved on (pfn: the fake host table maps the
 * HVA elsewhere, which is how a missed MMU-notifier invalidation looks),
 * a writable leaf over a read-only host page or memslot (write), a 2M
 * leaf over scattered 4K host pages (size), and each of those while an
 * invalidation is in progress or the sequence count moves (racing).  The
 * expected verdicts come from the rules in ptwalk_audit.h, not from the
 * code.  Then whole audits of hand-built NPT tables: every leaf gets one
 * verdict, a 1G leaf over 4K host pages is checked across steps, and the
 * findings print in the runs view's grammar.
 */

#include <kunit/test.h>
#include <linux/sizes.h>
#include <linux/string.h>

#include "ptwalk.h"
#include "ptwalk_audit.h"
#include "ptwalk_kunit.h"
#include "ptwalk_x86.h"

#define NPT_TBL		(X86_PTE_P | X86_PTE_RW | X86_PTE_US | KVM_SPTE_MMU_PRESENT)
#define NPT_RO		(X86_PTE_P | X86_PTE_US | X86_PTE_A | KVM_SPTE_MMU_PRESENT)
#define NPT_RW		(NPT_RO | X86_PTE_RW | X86_PTE_D)

/* The fake VMM: one memslot at GPA 0 backed from this HVA. */
#define HVA		0x7f0000000000UL
#define SLOT_SIZE	SZ_2G
#define HOST_PA		0x100000000ULL	/* where the host keeps the slot */

/**
 * struct ptwk_map - A stretch of the fake host page table.
 * @hva:	Its start.
 * @len:	Its length.
 * @pa:		Where @hva maps; the stretch maps on contiguously.
 * @pgsize:	Size of each host leaf in it.
 * @ro:		Read-only.
 * @none:	Not mapped.
 */
struct ptwk_map {
	unsigned long	hva;
	u64		len;
	u64		pa;
	u64		pgsize;
	bool		ro;
	bool		none;
};

#define PTWK_MAX_MAPS	4

/**
 * struct ptwk_host - The fake host behind struct ptwalk_audit_ops.
 * @slot_ro:	The memslot is KVM_MEM_READONLY.
 * @slot_size:	The memslot's size.
 * @maps:	Exceptions to the default mapping, first match wins; the
 *		default maps the whole slot with @pgsize leaves at HOST_PA.
 * @nmaps:	How many.
 * @pgsize:	The default mapping's leaf size.
 * @inval:	KVM's counters.
 * @bump_at:	Bump @inval.seq at this lookup (1-based), or never (0).
 * @lookups:	Host lookups made.
 */
struct ptwk_host {
	bool				slot_ro;
	u64				slot_size;
	struct ptwk_map			maps[PTWK_MAX_MAPS];
	int				nmaps;
	u64				pgsize;
	struct ptwalk_audit_inval	inval;
	unsigned long			bump_at;
	unsigned long			lookups;
};

static int ptwk_slot(void *priv, u64 gpa, struct ptwalk_audit_slot *s)
{
	struct ptwk_host *h = priv;

	if (gpa >= h->slot_size)
		return -ENOENT;
	*s = (struct ptwalk_audit_slot){
		.gpa = 0, .size = h->slot_size, .hva = HVA,
		.readonly = h->slot_ro,
	};
	return 0;
}

static void ptwk_host_lookup(void *priv, unsigned long hva,
			     struct ptwalk_audit_host *out)
{
	struct ptwk_host *h = priv;
	struct ptwk_map def = {
		.hva = HVA, .len = h->slot_size, .pa = HOST_PA,
		.pgsize = h->pgsize,
	};
	const struct ptwk_map *m = &def;
	int i;

	if (++h->lookups == h->bump_at)
		h->inval.seq++;
	for (i = 0; i < h->nmaps; i++) {
		if (hva >= h->maps[i].hva &&
		    hva - h->maps[i].hva < h->maps[i].len) {
			m = &h->maps[i];
			break;
		}
	}
	*out = (struct ptwalk_audit_host){};
	if (m->none || hva < m->hva || hva - m->hva >= m->len)
		return;
	out->pa = m->pa + (hva - m->hva);
	out->size = m->pgsize;
	out->writable = !m->ro;
}

static void ptwk_inval(void *priv, struct ptwalk_audit_inval *inval)
{
	*inval = ((struct ptwk_host *)priv)->inval;
}

static const struct ptwalk_audit_ops ptwk_audit_ops = {
	.slot	= ptwk_slot,
	.host	= ptwk_host_lookup,
	.inval	= ptwk_inval,
};

/**
 * struct ptwk_audit_case - One leaf, one host, one verdict.
 * @name:	What it shows.
 * @leaf:	The stage-2 leaf.
 * @host:	The fake host (slot_size 0 means SLOT_SIZE, pgsize 0 4K).
 * @reason:	The verdict.
 * @why:	The disagreement behind it (the verdict itself unless racing).
 * @off:	Where in the leaf the host disagreed.
 * @host_pa:	What the host maps there (0 for nothing).
 */
struct ptwk_audit_case {
	const char			*name;
	struct ptwalk_audit_leaf	leaf;
	struct ptwk_host		host;
	enum ptwalk_audit_reason	reason;
	enum ptwalk_audit_reason	why;
	u64				off;
	u64				host_pa;
};

/* A leaf that maps what the host maps (its pa is filled in by ptwk_leaf()). */
#define LEAF(g, s, w)	{ .gpa = (g), .size = (s), .writable = (w) }
#define STALE(g, s, p)	{ .gpa = (g), .size = (s), .pa = (p), .writable = true }
#define MAP(o, l, p, sz, r, n) \
	{ .hva = HVA + (o), .len = (l), .pa = (p), .pgsize = (sz), .ro = (r), .none = (n) }

static const struct ptwk_audit_case ptwk_audit_cases[] = {
	{ "4K writable over a writable host page", LEAF(0x5000, SZ_4K, true),
	  {}, PTWALK_AUDIT_OK, PTWALK_AUDIT_OK },
	{ "4K read-only over a read-only host page", LEAF(0x5000, SZ_4K, false),
	  { .maps = { MAP(0x5000, SZ_4K, HOST_PA + 0x5000, SZ_4K, true, false) },
	    .nmaps = 1 }, PTWALK_AUDIT_OK, PTWALK_AUDIT_OK },
	{ "4K read-only leaf in a read-only memslot", LEAF(0x5000, SZ_4K, false),
	  { .slot_ro = true }, PTWALK_AUDIT_OK, PTWALK_AUDIT_OK },
	{ "GPA beyond every memslot", LEAF(SZ_4G, SZ_4K, true),
	  {}, PTWALK_AUDIT_SLOT, PTWALK_AUDIT_SLOT },
	{ "2M leaf across the memslot's end", LEAF(0, SZ_2M, true),
	  { .slot_size = SZ_1M }, PTWALK_AUDIT_SLOT, PTWALK_AUDIT_SLOT },
	{ "stale SPTE: the host maps the HVA elsewhere",
	  STALE(0x5000, SZ_4K, 0x2345000),
	  {}, PTWALK_AUDIT_PFN, PTWALK_AUDIT_PFN, 0, HOST_PA + 0x5000 },
	{ "the host maps nothing there", LEAF(0x5000, SZ_4K, false),
	  { .maps = { MAP(0x5000, SZ_4K, 0, SZ_4K, false, true) }, .nmaps = 1 },
	  PTWALK_AUDIT_PFN, PTWALK_AUDIT_PFN },
	{ "writable leaf over a read-only host page", LEAF(0x5000, SZ_4K, true),
	  { .maps = { MAP(0x5000, SZ_4K, HOST_PA + 0x5000, SZ_4K, true, false) },
	    .nmaps = 1 }, PTWALK_AUDIT_WRITE, PTWALK_AUDIT_WRITE, 0,
	  HOST_PA + 0x5000 },
	{ "writable leaf in a read-only memslot", LEAF(0x5000, SZ_4K, true),
	  { .slot_ro = true }, PTWALK_AUDIT_WRITE, PTWALK_AUDIT_WRITE, 0,
	  HOST_PA + 0x5000 },
	{ "2M leaf over a 2M host page", LEAF(SZ_2M, SZ_2M, true),
	  { .pgsize = SZ_2M }, PTWALK_AUDIT_OK, PTWALK_AUDIT_OK },
	{ "2M leaf over a 1G host page", LEAF(SZ_2M, SZ_2M, true),
	  { .pgsize = SZ_1G }, PTWALK_AUDIT_OK, PTWALK_AUDIT_OK },
	{ "2M leaf over contiguous 4K host pages", LEAF(SZ_2M, SZ_2M, true),
	  {}, PTWALK_AUDIT_OK, PTWALK_AUDIT_OK },
	{ "2M leaf over 4K host pages, one elsewhere", LEAF(SZ_2M, SZ_2M, true),
	  { .maps = { MAP(SZ_2M + 0x7000, SZ_4K, 0x9999000, SZ_4K, false, false) },
	    .nmaps = 1 }, PTWALK_AUDIT_SIZE, PTWALK_AUDIT_SIZE, 0x7000,
	  0x9999000 },
	{ "2M leaf over 4K host pages, the last one missing",
	  LEAF(SZ_2M, SZ_2M, false),
	  { .maps = { MAP(SZ_4M - SZ_4K, SZ_4K, 0, SZ_4K, false, true) },
	    .nmaps = 1 }, PTWALK_AUDIT_SIZE, PTWALK_AUDIT_SIZE,
	  SZ_2M - SZ_4K },
	{ "writable 2M leaf, one of its 4K host pages read-only",
	  LEAF(SZ_2M, SZ_2M, true),
	  { .maps = { MAP(SZ_2M + 0x3000, SZ_4K, HOST_PA + SZ_2M + 0x3000,
			  SZ_4K, true, false) }, .nmaps = 1 },
	  PTWALK_AUDIT_WRITE, PTWALK_AUDIT_WRITE, 0x3000,
	  HOST_PA + SZ_2M + 0x3000 },
	{ "stale SPTE during an invalidation", STALE(0x5000, SZ_4K, 0x2345000),
	  { .inval = { .seq = 7, .in_progress = 1 } },
	  PTWALK_AUDIT_RACING, PTWALK_AUDIT_PFN, 0, HOST_PA + 0x5000 },
	{ "stale SPTE while the sequence count moves",
	  STALE(0x5000, SZ_4K, 0x2345000), { .bump_at = 1 },
	  PTWALK_AUDIT_RACING, PTWALK_AUDIT_PFN, 0, HOST_PA + 0x5000 },
	{ "size disagreement while the sequence count moves",
	  LEAF(SZ_2M, SZ_2M, true),
	  { .maps = { MAP(SZ_2M + 0x7000, SZ_4K, 0x9999000, SZ_4K, false, false) },
	    .nmaps = 1, .bump_at = 3 },
	  PTWALK_AUDIT_RACING, PTWALK_AUDIT_SIZE, 0x7000, 0x9999000 },
	{ "agreement during an invalidation is no race", LEAF(0x5000, SZ_4K, true),
	  { .inval = { .seq = 7, .in_progress = 1 } },
	  PTWALK_AUDIT_OK, PTWALK_AUDIT_OK },
};

KUNIT_ARRAY_PARAM_DESC(ptwk_audit, ptwk_audit_cases, name);

static struct ptwk_host *ptwk_host_new(struct kunit *test,
				       const struct ptwk_host *tmpl)
{
	struct ptwk_host *h = kunit_kzalloc(test, sizeof(*h), GFP_KERNEL);

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, h);
	*h = *tmpl;
	if (!h->slot_size)
		h->slot_size = SLOT_SIZE;
	if (!h->pgsize)
		h->pgsize = SZ_4K;
	return h;
}

static struct ptwalk_audit_leaf ptwk_leaf(const struct ptwalk_audit_leaf *l)
{
	struct ptwalk_audit_leaf leaf = *l;

	if (!leaf.pa)
		leaf.pa = HOST_PA + leaf.gpa;
	return leaf;
}

/* Each verdict, with the offset and the host's value it names. */
static void ptwalk_test_audit_check(struct kunit *test)
{
	const struct ptwk_audit_case *c = test->param_value;
	struct ptwk_host *h = ptwk_host_new(test, &c->host);
	const struct ptwalk_audit_leaf leaf = ptwk_leaf(&c->leaf);
	struct ptwalk_audit_result res;
	unsigned int budget = UINT_MAX;
	u64 off = 0;

	KUNIT_ASSERT_EQ(test, ptwalk_audit_check(&ptwk_audit_ops, h, &leaf,
						 &off, &budget, &res), 0);
	KUNIT_EXPECT_EQ(test, res.reason, c->reason);
	KUNIT_EXPECT_EQ(test, res.why, c->why);
	if (c->why == PTWALK_AUDIT_OK || c->why == PTWALK_AUDIT_SLOT)
		return;
	KUNIT_EXPECT_EQ(test, res.off, c->off);
	KUNIT_EXPECT_EQ(test, res.host.pa, c->host_pa);
	KUNIT_EXPECT_EQ(test, res.host.size, c->host_pa ? (u64)SZ_4K : 0);
	KUNIT_EXPECT_EQ(test, (u64)res.hva, (u64)(HVA + leaf.gpa));
}

/*
 * A check cut short by the budget continues where it stopped and reaches
 * the verdict an unbounded one does, with one lookup per host leaf.
 */
static void ptwalk_test_audit_budget(struct kunit *test)
{
	static const struct ptwk_host tmpl = {
		.maps = { MAP(SZ_2M + 0x1ff000, SZ_4K, 0x9999000, SZ_4K, false,
			      false) },
		.nmaps = 1,
	};
	const struct ptwalk_audit_leaf tmpl_leaf = LEAF(SZ_2M, SZ_2M, true);
	const struct ptwalk_audit_leaf leaf = ptwk_leaf(&tmpl_leaf);
	struct ptwk_host *h = ptwk_host_new(test, &tmpl);
	struct ptwalk_audit_result res;
	unsigned int budget, calls = 0;
	u64 off = 0;
	int ret;

	do {
		budget = 100;
		ret = ptwalk_audit_check(&ptwk_audit_ops, h, &leaf, &off,
					 &budget, &res);
		calls++;
		if (ret == -EAGAIN)
			KUNIT_EXPECT_EQ(test, budget, 0U);
	} while (ret == -EAGAIN && calls < 100);
	KUNIT_ASSERT_EQ(test, ret, 0);
	KUNIT_EXPECT_EQ(test, calls, 6U);	/* 512 lookups, 100 a call */
	KUNIT_EXPECT_EQ(test, h->lookups, 512UL);
	KUNIT_EXPECT_EQ(test, res.reason, PTWALK_AUDIT_SIZE);
	KUNIT_EXPECT_EQ(test, res.off, (u64)0x1ff000);
}

/* Every reason has its token; the totals line relies on them. */
static void ptwalk_test_audit_names(struct kunit *test)
{
	static const char *const want[PTWALK_AUDIT_NR] = {
		"ok", "slot", "pfn", "write", "size", "racing",
	};
	int i;

	for (i = 0; i < PTWALK_AUDIT_NR; i++)
		KUNIT_EXPECT_STREQ(test, ptwalk_audit_names[i], want[i]);
}

/* Audit all of @t: every step's findings, as lines, into one string. */
static char *ptwk_audit_text(struct kunit *test, const struct ptwalk_table *t,
			     struct ptwalk_audit *a, int *steps)
{
	size_t cap = 4096, len = 0;
	char *out = kunit_kzalloc(test, cap, GFP_KERNEL);
	unsigned int i;
	u64 pos = 0;
	int ret;

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, out);
	*steps = 0;
	do {
		ret = ptwalk_audit_step(a, t, &pos, 1ULL << t->fmt->ia_bits);
		KUNIT_ASSERT_TRUE(test, ret == 0 || ret == -EAGAIN);
		for (i = 0; i < a->nq; i++) {
			len += ptwalk_audit_line(t->fmt, &a->q[i], out + len,
						 cap - len);
			KUNIT_ASSERT_LT(test, len, cap - 1);
		}
		++*steps;
	} while (ret && *steps < 1000);
	KUNIT_ASSERT_EQ(test, ret, 0);
	return out;
}

/*
 * A hand-built NPT second stage (KVM's SPTE format) over the fake host:
 * a 4K leaf that agrees, a stale 4K leaf, a 2M leaf, a 1G leaf over 4K
 * host pages (262144 lookups: the audit takes many steps and continues the
 * leaf across them), and a 4K leaf beyond the memslot.  Each leaf gets one
 * verdict; only the disagreements print, in the runs view's grammar.
 */
static void ptwalk_test_audit_walk(struct kunit *test)
{
	static const struct ptwk_host tmpl = {
		.slot_size = SZ_2G,
		.maps = { MAP(SZ_2M, SZ_2M, HOST_PA + SZ_2M, SZ_2M, false, false) },
		.nmaps = 1,
	};
	struct ptwk_host *h = ptwk_host_new(test, &tmpl);
	struct ptwk_mem *m = ptwk_mem_new(test, 8 * PAGE_SIZE);
	u64 pml4 = ptwk_alloc(test, m, 4096, 4096);
	u64 pdpt = ptwk_alloc(test, m, 4096, 4096);
	u64 pd = ptwk_alloc(test, m, 4096, 4096);
	u64 pt = ptwk_alloc(test, m, 4096, 4096);
	u64 pdpt4 = ptwk_alloc(test, m, 4096, 4096);
	u64 pd4 = ptwk_alloc(test, m, 4096, 4096);
	u64 pt4 = ptwk_alloc(test, m, 4096, 4096);
	struct ptwalk_audit *a = kunit_kzalloc(test, sizeof(*a), GFP_KERNEL);
	struct ptwalk_table t;
	struct ptwalk_fmt fmt;
	char *text;
	int steps;

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, a);
	KUNIT_ASSERT_EQ(test, ptwalk_fmt_x86_kvm(&fmt, &ptwalk_fmt_npt_4, 0), 0);
	t = ptwk_table(&fmt, m, pml4);
	ptwk_set(m, pml4, 0, pdpt | NPT_TBL);
	ptwk_set(m, pdpt, 0, pd | NPT_TBL);
	ptwk_set(m, pd, 0, pt | NPT_TBL);
	ptwk_set(m, pt, 5, (HOST_PA + 0x5000) | NPT_RW);	/* agrees */
	ptwk_set(m, pt, 6, 0x2345000 | NPT_RW);			/* stale */
	ptwk_set(m, pd, 1, (HOST_PA + SZ_2M) | NPT_RW | X86_PTE_PS);
	ptwk_set(m, pdpt, 1, (HOST_PA + SZ_1G) | NPT_RO | X86_PTE_PS);
	/* 4 GiB: past the 2 GiB memslot. */
	ptwk_set(m, pdpt, 4, pd4 | NPT_TBL);
	ptwk_set(m, pd4, 0, pt4 | NPT_TBL);
	ptwk_set(m, pt4, 0, 0x7777000 | NPT_RW);
	/* Another VM's table at 512 GiB: still nothing there. */
	ptwk_set(m, pml4, 1, pdpt4 | NPT_TBL);

	*a = (struct ptwalk_audit){ .ops = &ptwk_audit_ops, .priv = h };
	text = ptwk_audit_text(test, &t, a, &steps);
	KUNIT_EXPECT_STREQ(test, text,
			   "0x0000000000006000 0x0000000000007000 4K 1 0x0000000002345000 rwx A D pfn host=0x0000000100006000/4K/rw hva=0x00007f0000006000\n"
			   "0x0000000100000000 0x0000000100001000 4K 1 0x0000000007777000 rwx A D slot host=none\n");
	KUNIT_EXPECT_EQ(test, a->leaves, 5ULL);
	KUNIT_EXPECT_EQ(test, a->count[PTWALK_AUDIT_OK], 3ULL);
	KUNIT_EXPECT_EQ(test, a->count[PTWALK_AUDIT_PFN], 1ULL);
	KUNIT_EXPECT_EQ(test, a->count[PTWALK_AUDIT_SLOT], 1ULL);
	KUNIT_EXPECT_EQ(test, a->count[PTWALK_AUDIT_RACING], 0ULL);
	KUNIT_EXPECT_EQ(test, a->bad, 0ULL);
	/* 1G of 4K host pages at 4095 lookups a step, at least. */
	KUNIT_EXPECT_GE(test, steps, 64);
	KUNIT_EXPECT_EQ(test, h->lookups, 1UL + 1 + 1 + SZ_1G / SZ_4K);
}

static struct kunit_case ptwalk_audit_test_cases[] = {
	KUNIT_CASE_PARAM(ptwalk_test_audit_check, ptwk_audit_gen_params),
	KUNIT_CASE(ptwalk_test_audit_budget),
	KUNIT_CASE(ptwalk_test_audit_names),
	KUNIT_CASE(ptwalk_test_audit_walk),
	{}
};

static struct kunit_suite ptwalk_audit_suite = {
	.name = "ptwalk_audit",
	.test_cases = ptwalk_audit_test_cases,
};

kunit_test_suite(ptwalk_audit_suite);

MODULE_DESCRIPTION("KUnit tests for ptwalk's audit of a second stage against the host");
MODULE_LICENSE("GPL");
