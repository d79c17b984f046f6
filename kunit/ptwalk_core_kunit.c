// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite ptwalk_core: the walker's mechanics and the dumps, over
 * x86-64 tables built by hand in fake memory, checked against answers
 * derived by hand; and the compression proof, where a deliberately naive
 * reference walker in this file checks, page by page, every run the dump
 * folds out of randomly generated tables.
 */

#include <kunit/test.h>
#include <linux/prandom.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "ptwalk.h"
#include "ptwalk_kunit.h"
#include "ptwalk_x86.h"

#define P	X86_PTE_P
#define RW	X86_PTE_RW
#define US	X86_PTE_US
#define A	X86_PTE_A
#define DI	X86_PTE_D
#define PS	X86_PTE_PS
#define G	X86_PTE_G
#define NX	X86_PTE_NX
#define TBL	(P | RW | US)

/**
 * struct ptwk_t1 - The hand-built tables most tests share.
 * @m:		Fake memory.
 * @t:		The tables, x86-64 4-level.
 * @root:	PML4.
 * @pdpt:	PDPT under PML4[0].
 * @pd:		PD under PDPT[0].
 * @pt:		PT under PD[0].
 * @pdpt_hi:	PDPT under PML4[511].
 *
 * Mappings:
 *   0x0000-0x4000    4K x4 at 0x1000000, rwx U A D   (one run)
 *   0x4000-0x5000    4K    at 0x2000000, rwx U A D   (new PA: new run)
 *   0x5000-0x6000    4K    at 0x2001000, r-x U A     (new attributes)
 *   0x200000-0x400000  2M at 0x3000000, rw- U A D    (NX)
 *   0x40000000-0x80000000  1G at 0x80000000, rwx U A
 *   0xffffffffc0000000-2^64  1G at 0xc0000000, rwx G A D (kernel)
 */
struct ptwk_t1 {
	struct ptwk_mem		*m;
	struct ptwalk_table	t;
	u64			root, pdpt, pd, pt, pdpt_hi;
};

static void ptwk_build_t1(struct kunit *test, struct ptwk_t1 *x)
{
	int i;

	x->m = ptwk_mem_new(test, 16 * PAGE_SIZE);
	x->root = ptwk_alloc(test, x->m, 4096, 4096);
	x->pdpt = ptwk_alloc(test, x->m, 4096, 4096);
	x->pd = ptwk_alloc(test, x->m, 4096, 4096);
	x->pt = ptwk_alloc(test, x->m, 4096, 4096);
	x->pdpt_hi = ptwk_alloc(test, x->m, 4096, 4096);
	ptwk_set(x->m, x->root, 0, x->pdpt | TBL);
	ptwk_set(x->m, x->pdpt, 0, x->pd | TBL);
	ptwk_set(x->m, x->pd, 0, x->pt | TBL);
	for (i = 0; i < 4; i++)
		ptwk_set(x->m, x->pt, i, (0x1000000 + i * 0x1000) | TBL | A | DI);
	ptwk_set(x->m, x->pt, 4, 0x2000000 | TBL | A | DI);
	ptwk_set(x->m, x->pt, 5, 0x2001000 | P | US | A);
	ptwk_set(x->m, x->pd, 1, 0x3000000 | TBL | PS | A | DI | NX);
	ptwk_set(x->m, x->pdpt, 1, 0x80000000 | TBL | PS | A);
	ptwk_set(x->m, x->root, 511, x->pdpt_hi | P | RW);
	ptwk_set(x->m, x->pdpt_hi, 511, 0xc0000000 | P | RW | PS | G | A | DI);
	x->t = ptwk_table(&ptwalk_fmt_x86_64_4, x->m, x->root);
}

static void ptwalk_test_runs_view(struct kunit *test)
{
	char *text;
	struct ptwk_t1 x;

	ptwk_build_t1(test, &x);
	text = ptwk_dump_text(test, &x.t, PTWALK_VIEW_RUNS, 0, 1ULL << 48, NULL);
	KUNIT_EXPECT_STREQ(test, text,
			   "0x0000000000000000 0x0000000000004000 4K 4 0x0000000001000000 rwx U A D\n"
			   "0x0000000000004000 0x0000000000005000 4K 1 0x0000000002000000 rwx U A D\n"
			   "0x0000000000005000 0x0000000000006000 4K 1 0x0000000002001000 r-x U A\n"
			   "0x0000000000200000 0x0000000000400000 2M 1 0x0000000003000000 rw- U A D\n"
			   "0x0000000040000000 0x0000000080000000 1G 1 0x0000000080000000 rwx U A\n"
			   "0xffffffffc0000000 0x0000000000000000 1G 1 0x00000000c0000000 rwx G A D\n");
}

static void ptwalk_test_attr_view(struct kunit *test)
{
	char *text;
	struct ptwk_t1 x;

	ptwk_build_t1(test, &x);
	text = ptwk_dump_text(test, &x.t, PTWALK_VIEW_ATTR, 0, 1ULL << 48, NULL);
	KUNIT_EXPECT_STREQ(test, text,
			   "0x0000000000000000 0x0000000000005000 4Kx5 rwx U A D\n"
			   "0x0000000000005000 0x0000000000006000 4Kx1 r-x U A\n"
			   "0x0000000000200000 0x0000000000400000 2Mx1 rw- U A D\n"
			   "0x0000000040000000 0x0000000080000000 1Gx1 rwx U A\n"
			   "0xffffffffc0000000 0x0000000000000000 1Gx1 rwx G A D\n");
}

static void ptwalk_test_summary_view(struct kunit *test)
{
	char *text;
	struct ptwk_t1 x;

	ptwk_build_t1(test, &x);
	text = ptwk_dump_text(test, &x.t, PTWALK_VIEW_SUMMARY, 0, 1ULL << 48, NULL);
	KUNIT_EXPECT_STREQ(test, text,
			   "3 PML4E 512G 0 1\n"
			   "2 PDPTE 1G 2 2\n"
			   "1 PDE 2M 1 1\n"
			   "0 PTE 4K 6 1\n"
			   "total leaves 9 tables 5 bad 0 table_bytes 20480 mapped_bytes 2149605376\n");
}

static void ptwalk_test_raw_view(struct kunit *test)
{
	struct ptwk_t1 x;
	char *text, want[512];

	ptwk_build_t1(test, &x);
	text = ptwk_dump_text(test, &x.t, PTWALK_VIEW_RAW, 0, 0x2000, NULL);
	snprintf(want, sizeof(want),
		 "PML4E[0] 0x0000000000000000 0x%016llx table 0x%016llx\n"
		 "  PDPTE[0] 0x0000000000000000 0x%016llx table 0x%016llx\n"
		 "    PDE[0] 0x0000000000000000 0x%016llx table 0x%016llx\n"
		 "      PTE[0] 0x0000000000000000 0x0000000001000067 4K 0x0000000001000000 rwx U A D\n"
		 "      PTE[1] 0x0000000000001000 0x0000000001001067 4K 0x0000000001001000 rwx U A D\n",
		 x.pdpt | TBL, x.pdpt, x.pd | TBL, x.pd, x.pt | TBL, x.pt);
	KUNIT_EXPECT_STREQ(test, text, want);
}

/* A range that starts inside a leaf clips it; the PA follows. */
static void ptwalk_test_clip(struct kunit *test)
{
	char *text;
	struct ptwk_t1 x;

	ptwk_build_t1(test, &x);
	text = ptwk_dump_text(test, &x.t, PTWALK_VIEW_RUNS, 0x300000, 0x40001000, NULL);
	KUNIT_EXPECT_STREQ(test, text,
			   "0x0000000000300000 0x0000000000400000 2M 1 0x0000000003100000 rw- U A D\n"
			   "0x0000000040000000 0x0000000040001000 1G 1 0x0000000080000000 rwx U A\n");
}

/*
 * More lines than the dump queues at once: 200 PTEs where every page is a
 * run of its own, with holes, and bad entries placed so that some find
 * the queue full (a bad entry needs two slots when a run is open).  The
 * expected text is built from the same rule the table was built with.
 */
static bool ptwk_q_hole(int i)
{
	return i % 10 == 7;
}

/* Bad entries at @shift + 15, 16, 31, 32, 47, and at 199. */
static bool ptwk_q_bad(int i, int shift)
{
	i -= shift;
	return i == 15 || i == 16 || i == 31 || i == 32 || i == 47 ||
	       i + shift == 199;
}

/* Long texts: report the first line that differs, not a truncated blob. */
static void ptwk_expect_lines(struct kunit *test, const char *got,
			      const char *want)
{
	int line = 1;

	while (*got || *want) {
		size_t g = strchrnul(got, '\n') - got;
		size_t w = strchrnul(want, '\n') - want;

		if (g != w || memcmp(got, want, g)) {
			KUNIT_FAIL(test, "line %d: got '%.*s', want '%.*s'", line,
				   (int)g, got, (int)w, want);
			return;
		}
		got += g + !!got[g];
		want += w + !!want[w];
		line++;
	}
}

static void ptwk_queue_case(struct kunit *test, int shift)
{
	struct ptwk_mem *m = ptwk_mem_new(test, 8 * PAGE_SIZE);
	size_t cap = 200 * PTWALK_LINE_MAX, len = 0, rlen = 0;
	size_t *line_end = kunit_kcalloc(test, 200, sizeof(*line_end), GFP_KERNEL);
	char *want = kunit_kzalloc(test, cap, GFP_KERNEL);
	char *rwant = kunit_kzalloc(test, cap, GFP_KERNEL);
	struct ptwalk_fmt *fmt = kunit_kzalloc(test, sizeof(*fmt), GFP_KERNEL);
	u64 root, pdpt, pd, pt, pte;
	struct ptwalk_table t;
	char *text;
	int i;

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, line_end);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, want);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, rwant);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, fmt);
	/* MAXPHYADDR 40: bit 45 of a PTE is reserved. */
	KUNIT_ASSERT_EQ(test, ptwalk_fmt_x86_set_maxphyaddr(fmt, &ptwalk_fmt_x86_64_4, 40), 0);
	root = ptwk_alloc(test, m, 4096, 4096);
	pdpt = ptwk_alloc(test, m, 4096, 4096);
	pd = ptwk_alloc(test, m, 4096, 4096);
	pt = ptwk_alloc(test, m, 4096, 4096);
	ptwk_set(m, root, 0, pdpt | TBL);
	ptwk_set(m, pdpt, 0, pd | TBL);
	ptwk_set(m, pd, 0, pt | TBL);
	rlen += scnprintf(rwant + rlen, cap - rlen,
			  "PML4E[0] 0x0000000000000000 0x%016llx table 0x%016llx\n"
			  "  PDPTE[0] 0x0000000000000000 0x%016llx table 0x%016llx\n"
			  "    PDE[0] 0x0000000000000000 0x%016llx table 0x%016llx\n",
			  pdpt | TBL, pdpt, pd | TBL, pd, pt | TBL, pt);
	for (i = 0; i < 200; i++) {
		u64 va = i * 0x1000ULL, pa = 0x1000000 + i * 0x2000ULL;
		bool w = i & 1;

		line_end[i] = len;
		if (ptwk_q_hole(i))
			continue;
		if (ptwk_q_bad(i, shift)) {
			/* The decoded address leaves the reserved bit out. */
			pte = BIT_ULL(45) | pa | P;
			ptwk_set(m, pt, i, pte);
			len += scnprintf(want + len, cap - len,
					 "0x%016llx 0x%016llx 4K 1 0x%016llx --- BAD=rsvd pte=0x%016llx\n",
					 va, va + 0x1000, pa, pte);
			rlen += scnprintf(rwant + rlen, cap - rlen,
					  "      PTE[%d] 0x%016llx 0x%016llx BAD=rsvd pte=0x%016llx\n",
					  i, va, pte, pte);
			continue;
		}
		pte = pa | P | US | A | (w ? RW : 0);
		ptwk_set(m, pt, i, pte);
		len += scnprintf(want + len, cap - len,
				 "0x%016llx 0x%016llx 4K 1 0x%016llx %s U A\n",
				 va, va + 0x1000, pa, w ? "rwx" : "r-x");
		rlen += scnprintf(rwant + rlen, cap - rlen,
				  "      PTE[%d] 0x%016llx 0x%016llx 4K 0x%016llx %s U A\n",
				  i, va, pte, pa, w ? "rwx" : "r-x");
	}
	t = ptwk_table(fmt, m, root);
	text = ptwk_dump_text(test, &t, PTWALK_VIEW_RUNS, 0, 1ULL << 48, NULL);
	ptwk_expect_lines(test, text, want);
	/*
	 * Ending right after an entry: the walk ends with a run still open,
	 * and for some end the queue is full just then.
	 */
	for (i = 200 - 2 * PTWALK_DUMP_QUEUE; i < 200; i++) {
		char *prefix = kunit_kmalloc(test, line_end[i] + 1, GFP_KERNEL);

		KUNIT_ASSERT_NOT_ERR_OR_NULL(test, prefix);
		memcpy(prefix, want, line_end[i]);
		prefix[line_end[i]] = 0;
		text = ptwk_dump_text(test, &t, PTWALK_VIEW_RUNS, 0, i * 0x1000ULL, NULL);
		ptwk_expect_lines(test, text, prefix);
	}
	text = ptwk_dump_text(test, &t, PTWALK_VIEW_RAW, 0, 1ULL << 48, NULL);
	ptwk_expect_lines(test, text, rwant);
	if (test->status != KUNIT_SUCCESS)
		kunit_info(test, "with the bad entries shifted by %d", shift);
}

/*
 * What ptwalk_dump_queued() promises, which lets the file engine skip the
 * source's lock: the next call reads no table.  And the queue does its
 * job: a walk (a root mapping) per PTWALK_DUMP_QUEUE lines, not per line.
 */
static void ptwalk_test_queued(struct kunit *test)
{
	struct ptwk_t1 x;
	struct ptwalk_dump *d = kunit_kzalloc(test, sizeof(*d), GFP_KERNEL);
	unsigned long lines = 0, walks = 0, maps;
	int i, ret;

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, d);
	ptwk_build_t1(test, &x);
	/* 64 more single-page runs: alternating permissions. */
	for (i = 64; i < 128; i++)
		ptwk_set(x.m, x.pt, i, (0x5000000 + i * 0x1000ULL) | P | US | A |
			 (i & 1 ? RW : 0));
	KUNIT_ASSERT_EQ(test, ptwalk_dump_init(d, &x.t, PTWALK_VIEW_RUNS, 0,
					       1ULL << 48), 0);
	for (;;) {
		bool queued = ptwalk_dump_queued(d);

		maps = x.m->maps;
		ret = ptwalk_dump_next(d);
		if (queued) {
			KUNIT_EXPECT_EQ(test, ret, 1);
			KUNIT_EXPECT_EQ(test, x.m->maps, maps);
		} else if (x.m->maps != maps) {
			walks++;
		}
		if (!ret)
			break;
		if (ret == 1)
			lines++;
		KUNIT_ASSERT_TRUE(test, ret == 1 || ret == -EAGAIN);
	}
	/* t1's 6 lines and the 64 runs. */
	KUNIT_EXPECT_EQ(test, lines, 70);
	KUNIT_EXPECT_LE(test, walks, 70 / PTWALK_DUMP_QUEUE + 1 + 4);
}

/* Shifting the bad entries puts one at every queue position. */
static void ptwalk_test_queue(struct kunit *test)
{
	int shift;

	for (shift = 0; shift < 2 * PTWALK_DUMP_QUEUE && test->status == KUNIT_SUCCESS;
	     shift++)
		ptwk_queue_case(test, shift);
}

/* ---- Visits, skips and stops ---- */

#define PTWK_MAX_VISITS	4096

struct ptwk_visit {
	u64		addr;
	int		level;
	enum ptwalk_visit visit;
	enum ptwalk_kind kind;
	bool		repeats;
};

struct ptwk_rec {
	struct ptwk_visit	v[PTWK_MAX_VISITS];
	int			n;
	int			every;	/* stop after every Nth leaf (0: never) */
	int			since;
	int			stop_at;	/* stop after this visit */
	int			fail_at;	/* return -EIO at this visit */
	bool			skip_repeats;
	u64			tables_from;	/* table visits below: seen */
};

static int ptwk_record(const struct ptwalk_ctx *ctx, void *arg)
{
	struct ptwk_rec *r = arg;

	if (r->fail_at && r->n + 1 == r->fail_at)
		return -EIO;
	/* A resumed walk visits again the tables above where it starts. */
	if (ctx->visit == PTWALK_VISIT_TABLE && ctx->addr < r->tables_from)
		return 0;
	if (r->n < PTWK_MAX_VISITS)
		r->v[r->n] = (struct ptwk_visit){ ctx->addr, ctx->level,
						  ctx->visit, ctx->e.kind,
						  ctx->repeats };
	if (++r->n == r->stop_at)
		return PTWALK_STOP;
	if (r->every && ctx->visit == PTWALK_VISIT_LEAF &&
	    ++r->since == r->every) {
		r->since = 0;
		return PTWALK_STOP;
	}
	return r->skip_repeats && ctx->repeats ? PTWALK_SKIP : 0;
}

/* Walk [@start, @end), resuming where each stop says, as a dump does. */
static void ptwk_walk_all(struct kunit *test, const struct ptwalk_table *t,
			  u64 start, u64 end, unsigned int flags,
			  struct ptwk_rec *r)
{
	const struct ptwalk_walker w = { .cb = ptwk_record, .arg = r, .flags = flags };
	u64 pos = start;
	int ret, rounds = 0;

	r->tables_from = 0;
	do {
		ret = ptwalk_walk(t, &pos, end, &w);
		KUNIT_ASSERT_GE(test, ret, 0);
		KUNIT_ASSERT_LT(test, ++rounds, 100000);
		r->tables_from = pos;
	} while (ret == PTWALK_STOP);
	KUNIT_EXPECT_EQ(test, pos, min(end, 1ULL << t->fmt->ia_bits));
}

static void ptwalk_test_visit_order(struct kunit *test)
{
	static const struct { int level; enum ptwalk_visit visit; u64 addr; } want[] = {
		{ 3, PTWALK_VISIT_TABLE, 0 },
		{ 2, PTWALK_VISIT_TABLE, 0 },
		{ 1, PTWALK_VISIT_TABLE, 0 },
		{ 0, PTWALK_VISIT_LEAF, 0 },
		{ 0, PTWALK_VISIT_LEAF, 0x1000 },
	};
	const unsigned int flags = PTWALK_VISIT_LEAF | PTWALK_VISIT_TABLE;
	struct ptwk_rec *r = kunit_kzalloc(test, sizeof(*r), GFP_KERNEL);
	const struct ptwalk_walker w = { .cb = ptwk_record, .arg = r, .flags = flags };
	const struct ptwalk_walker wl = { .cb = ptwk_record, .arg = r,
					  .flags = PTWALK_VISIT_LEAF };
	struct ptwk_t1 x;
	u64 pos = 0x1000;
	int i;

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, r);
	ptwk_build_t1(test, &x);
	ptwk_walk_all(test, &x.t, 0, 0x2000, flags, r);
	KUNIT_ASSERT_EQ(test, r->n, (int)ARRAY_SIZE(want));
	for (i = 0; i < r->n; i++) {
		KUNIT_EXPECT_EQ_MSG(test, r->v[i].level, want[i].level, "visit %d", i);
		KUNIT_EXPECT_EQ_MSG(test, r->v[i].visit, want[i].visit, "visit %d", i);
		KUNIT_EXPECT_EQ_MSG(test, r->v[i].addr, want[i].addr, "visit %d", i);
	}

	/* A stop at a table entry ends after its range: its table unwalked. */
	memset(r, 0, sizeof(*r));
	r->stop_at = 3;
	KUNIT_EXPECT_EQ(test, ptwalk_walk(&x.t, &pos, 1ULL << 48, &w), PTWALK_STOP);
	KUNIT_EXPECT_EQ(test, r->n, 3);
	KUNIT_EXPECT_EQ(test, r->v[2].level, 1);
	KUNIT_EXPECT_EQ(test, pos, 0x200000ULL);
	/* A stop at a leaf ends after the leaf, which may begin below. */
	memset(r, 0, sizeof(*r));
	r->stop_at = 1;
	pos = 0x1800;
	KUNIT_EXPECT_EQ(test, ptwalk_walk(&x.t, &pos, 1ULL << 48, &wl), PTWALK_STOP);
	KUNIT_EXPECT_EQ(test, r->v[0].visit, PTWALK_VISIT_LEAF);
	KUNIT_EXPECT_EQ(test, r->v[0].addr, 0x1000ULL);
	KUNIT_EXPECT_EQ(test, pos, 0x2000ULL);
}

/* Flags select visits: leaves only, tables only. */
static void ptwalk_test_visit_flags(struct kunit *test)
{
	struct ptwk_rec *r = kunit_kzalloc(test, sizeof(*r), GFP_KERNEL);
	struct ptwk_t1 x;
	int i, leaves = 0;

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, r);
	ptwk_build_t1(test, &x);
	ptwk_walk_all(test, &x.t, 0, 1ULL << 48, PTWALK_VISIT_TABLE, r);
	/* PML4[0], PDPT[0], PD[0], PML4[511]. */
	KUNIT_EXPECT_EQ(test, r->n, 4);
	r->n = 0;
	ptwk_walk_all(test, &x.t, 0, 1ULL << 48, PTWALK_VISIT_LEAF, r);
	for (i = 0; i < r->n; i++) {
		KUNIT_EXPECT_EQ(test, r->v[i].visit, PTWALK_VISIT_LEAF);
		leaves += r->v[i].kind == PTWALK_LEAF;
	}
	KUNIT_EXPECT_EQ(test, leaves, 9);
}

/*
 * Tables that repeat, as KASAN's shadow of unbacked memory does: every
 * PDE under PDPT[0] points to the same PT, and PDPT[1..3] to the same PD.
 * The PT maps its first @npte entries to one zero page.
 */
struct ptwk_rep {
	struct ptwk_mem		*m;
	struct ptwalk_table	t;
	u64			root, pdpt, pd, pt;
};

#define PTWK_ZERO	0x5000000ULL

static void ptwk_build_rep(struct kunit *test, struct ptwk_rep *x, int npte)
{
	int i;

	x->m = ptwk_mem_new(test, 8 * PAGE_SIZE);
	x->root = ptwk_alloc(test, x->m, 4096, 4096);
	x->pdpt = ptwk_alloc(test, x->m, 4096, 4096);
	x->pd = ptwk_alloc(test, x->m, 4096, 4096);
	x->pt = ptwk_alloc(test, x->m, 4096, 4096);
	ptwk_set(x->m, x->root, 0, x->pdpt | TBL);
	for (i = 0; i < 4; i++)
		ptwk_set(x->m, x->pdpt, i, x->pd | TBL);
	for (i = 0; i < 512; i++)
		ptwk_set(x->m, x->pd, i, x->pt | TBL);
	for (i = 0; i < npte; i++)
		ptwk_set(x->m, x->pt, i, PTWK_ZERO | P | NX | A);
	x->t = ptwk_table(&ptwalk_fmt_x86_64_4, x->m, x->root);
}

/* The runs view's line for PTE @i of the PT under PD[@pde]. */
static int ptwk_rep_line(char *buf, size_t size, int pde, int i)
{
	u64 va = ((u64)pde << 21) + ((u64)i << 12);

	return scnprintf(buf, size, "0x%016llx 0x%016llx 4K 1 0x%016llx r-- A\n",
			 va, va + 0x1000, PTWK_ZERO);
}

/*
 * A repeated table is shown once and then named, however full the dump's
 * line queue is when the repeats start (@npte lines come first).
 */
static void ptwalk_test_repeat(struct kunit *test)
{
	static const int npte[] = { 1, 15, 16, 17, 31, 32, 33, 512 };
	size_t cap = 1 << 16;
	char *want = kunit_kzalloc(test, cap, GFP_KERNEL);
	struct ptwk_rep x;
	int k, i, n;

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, want);
	for (k = 0; k < ARRAY_SIZE(npte); k++) {
		ptwk_build_rep(test, &x, npte[k]);
		n = 0;
		for (i = 0; i < npte[k]; i++)
			n += ptwk_rep_line(want + n, cap - n, 0, i);
		n += scnprintf(want + n, cap - n,
			       "# 0x0000000000200000 0x0000000040000000: 511 more PDEs point to the table 0x%016llx above\n"
			       "# 0x0000000040000000 0x0000000100000000: 3 more PDPTEs point to the table 0x%016llx above\n",
			       x.pt, x.pd);
		KUNIT_EXPECT_STREQ_MSG(test, ptwk_text(test, &x.t, 0, 1ULL << 48),
				       want, "%d PTEs", npte[k]);
	}

	/* The other views, with a full PT. */
	scnprintf(want, cap,
		  "0x0000000000000000 0x0000000000200000 4Kx512 r-- A\n"
		  "# 0x0000000000200000 0x0000000040000000: 511 more PDEs point to the table 0x%016llx above\n"
		  "# 0x0000000040000000 0x0000000100000000: 3 more PDPTEs point to the table 0x%016llx above\n",
		  x.pt, x.pd);
	KUNIT_EXPECT_STREQ(test,
			   ptwk_dump_text(test, &x.t, PTWALK_VIEW_ATTR, 0, 1ULL << 48, NULL),
			   want);
	KUNIT_EXPECT_STREQ(test,
			   ptwk_dump_text(test, &x.t, PTWALK_VIEW_SUMMARY, 0, 1ULL << 48, NULL),
			   "3 PML4E 512G 0 1\n"
			   "2 PDPTE 1G 0 1\n"
			   "1 PDE 2M 0 1\n"
			   "0 PTE 4K 512 1\n"
			   "total leaves 512 tables 4 bad 0 table_bytes 16384 mapped_bytes 2097152 repeats 514\n");
}

/* Repeats in the raw view: each entry once, its table not again. */
static void ptwalk_test_repeat_raw(struct kunit *test)
{
	struct ptwk_rep x;
	char *text, *p, want[160];
	int lines = 0, repeats = 0;

	ptwk_build_rep(test, &x, 2);
	text = ptwk_dump_text(test, &x.t, PTWALK_VIEW_RAW, 0, 1ULL << 48, NULL);
	for (p = text; *p; p = strchr(p, '\n') + 1) {
		lines++;
		repeats += !strncmp(strchr(p, '\n') - 7, " repeat", 7);
	}
	/* PML4E, PDPTE, PDE, 2 PTEs, then 511 PDEs and 3 PDPTEs. */
	KUNIT_EXPECT_EQ(test, lines, 3 + 2 + 511 + 3);
	KUNIT_EXPECT_EQ(test, repeats, 511 + 3);
	snprintf(want, sizeof(want),
		 "    PDE[1] 0x0000000000200000 0x%016llx table 0x%016llx repeat\n",
		 x.pt | TBL, x.pt);
	KUNIT_EXPECT_NOT_NULL(test, strstr(text, want));
}

/*
 * A repeat is named only after the table it repeats was shown whole: a
 * range that starts at PD[1] walks PD[1]'s table, then names PD[2..511].
 */
static void ptwalk_test_repeat_range(struct kunit *test)
{
	size_t cap = 1 << 16;
	char *want = kunit_kzalloc(test, cap, GFP_KERNEL);
	struct ptwk_rep x;
	int i, n = 0;

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, want);
	ptwk_build_rep(test, &x, 2);
	for (i = 0; i < 2; i++)
		n += ptwk_rep_line(want + n, cap - n, 1, i);
	n += scnprintf(want + n, cap - n,
		       "# 0x0000000000400000 0x0000000040000000: 510 more PDEs point to the table 0x%016llx above\n",
		       x.pt);
	/* PDPT[0]'s table was not shown whole, so PDPT[1]'s is walked. */
	for (i = 0; i < 2; i++)
		n += ptwk_rep_line(want + n, cap - n, 512, i);
	n += scnprintf(want + n, cap - n,
		       "# 0x0000000040200000 0x0000000080000000: 511 more PDEs point to the table 0x%016llx above\n",
		       x.pt);
	KUNIT_EXPECT_STREQ(test, ptwk_text(test, &x.t, 0x200000, 0x80000000), want);
	/* Starting inside PD[0]'s span, PD[0] is not shown whole either. */
	n = 0;
	n += ptwk_rep_line(want + n, cap - n, 0, 1);
	for (i = 0; i < 2; i++)
		n += ptwk_rep_line(want + n, cap - n, 1, i);
	n += scnprintf(want + n, cap - n,
		       "# 0x0000000000400000 0x0000000000600000: 1 more PDE points to the table 0x%016llx above\n",
		       x.pt);
	KUNIT_EXPECT_STREQ(test, ptwk_text(test, &x.t, 0x1000, 0x600000), want);
}

/*
 * Table entries that repeat the one before them are marked from the raw
 * values, wherever the walk starts, and a visitor may skip their tables.
 * Stopped and resumed every few leaves, the walk is the same.
 */
static void ptwalk_test_repeat_walk(struct kunit *test)
{
	struct ptwk_rec *r = kunit_kzalloc(test, sizeof(*r), GFP_KERNEL);
	struct ptwk_rec *cut = kunit_kzalloc(test, sizeof(*cut), GFP_KERNEL);
	const unsigned int flags = PTWALK_VISIT_LEAF | PTWALK_VISIT_TABLE;
	struct ptwk_rep x;
	int i, rep = 0;

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, r);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, cut);
	ptwk_build_rep(test, &x, 2);
	r->skip_repeats = true;
	ptwk_walk_all(test, &x.t, 0, 0x40600000, flags, r);
	KUNIT_ASSERT_LT(test, r->n, PTWK_MAX_VISITS);
	for (i = 0; i < r->n; i++) {
		if (!r->v[i].repeats)
			continue;
		rep++;
		KUNIT_EXPECT_EQ(test, r->v[i].visit, PTWALK_VISIT_TABLE);
	}
	/* PD[1..511] and PDPT[1]; nothing under PDPT[1] is walked. */
	KUNIT_EXPECT_EQ(test, rep, 511 + 1);
	KUNIT_EXPECT_EQ(test, r->v[r->n - 1].addr, 0x40000000ULL);
	KUNIT_EXPECT_EQ(test, r->v[r->n - 1].level, 2);

	cut->skip_repeats = true;
	for (cut->every = 1; cut->every <= 7; cut->every += 6) {
		cut->n = 0;
		cut->since = 0;
		ptwk_walk_all(test, &x.t, 0, 0x40600000, flags, cut);
		KUNIT_ASSERT_EQ(test, cut->n, r->n);
		for (i = 0; i < r->n; i++) {
			KUNIT_EXPECT_EQ_MSG(test, cut->v[i].addr, r->v[i].addr,
					    "every %d visit %d", cut->every, i);
			KUNIT_EXPECT_EQ_MSG(test, cut->v[i].level, r->v[i].level,
					    "every %d visit %d", cut->every, i);
		}
	}

	/*
	 * From PDPT[1] on, not skipped: PML4[0], PDPT[1], PD[0..2] and their
	 * PTEs; PDPT[1], PD[1] and PD[2] repeat.
	 */
	memset(r, 0, sizeof(*r));
	ptwk_walk_all(test, &x.t, 0x40000000, 0x40600000, flags, r);
	for (i = 0, rep = 0; i < r->n; i++)
		rep += r->v[i].repeats;
	KUNIT_EXPECT_EQ(test, rep, 3);
	KUNIT_EXPECT_EQ(test, r->n, 5 + 3 * 512);
}

/* The walk is the same whether it stops after every kth leaf or not. */
static const int ptwk_every[] = { 1, 2, 3, 5, 7, 64, 509, 1000 };

static void ptwk_every_desc(const int *every, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "every %d", *every);
}

KUNIT_ARRAY_PARAM(ptwk_every, ptwk_every, ptwk_every_desc);

static void ptwalk_test_restart(struct kunit *test)
{
	const unsigned int all = PTWALK_VISIT_LEAF | PTWALK_VISIT_TABLE;
	struct ptwk_rec *one = kunit_kzalloc(test, sizeof(*one), GFP_KERNEL);
	struct ptwk_rec *cut = kunit_kzalloc(test, sizeof(*cut), GFP_KERNEL);
	const int *every = test->param_value;
	struct ptwk_t1 x;
	int i;

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, one);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, cut);
	ptwk_build_t1(test, &x);
	ptwk_walk_all(test, &x.t, 0x3000, 1ULL << 31, all, one);
	cut->every = *every;
	ptwk_walk_all(test, &x.t, 0x3000, 1ULL << 31, all, cut);
	KUNIT_ASSERT_EQ(test, one->n, cut->n);
	KUNIT_ASSERT_LE(test, one->n, PTWK_MAX_VISITS);
	for (i = 0; i < one->n; i++) {
		KUNIT_ASSERT_EQ_MSG(test, one->v[i].addr, cut->v[i].addr, "visit %d", i);
		KUNIT_ASSERT_EQ_MSG(test, one->v[i].level, cut->v[i].level, "visit %d", i);
		KUNIT_ASSERT_EQ_MSG(test, one->v[i].visit, cut->v[i].visit, "visit %d", i);
	}
}

static void ptwalk_test_errno_stops(struct kunit *test)
{
	struct ptwk_rec *r = kunit_kzalloc(test, sizeof(*r), GFP_KERNEL);
	const struct ptwalk_walker w = { .cb = ptwk_record, .arg = r,
					 .flags = PTWALK_VISIT_LEAF };
	struct ptwk_t1 x;
	u64 pos = 0;

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, r);
	ptwk_build_t1(test, &x);
	r->fail_at = 3;
	KUNIT_EXPECT_EQ(test, ptwalk_walk(&x.t, &pos, 1ULL << 48, &w), -EIO);
	KUNIT_EXPECT_EQ(test, pos, 0ULL);
	KUNIT_EXPECT_EQ(test, r->n, 2);
}

static void ptwalk_test_bad_range(struct kunit *test)
{
	struct ptwalk_dump *d = kunit_kzalloc(test, sizeof(*d), GFP_KERNEL);
	struct ptwk_t1 x;

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, d);
	ptwk_build_t1(test, &x);
	KUNIT_EXPECT_EQ(test, ptwalk_dump_init(d, &x.t, PTWALK_VIEW_RUNS, 0x5000, 0x5000), -EINVAL);
	KUNIT_EXPECT_EQ(test, ptwalk_dump_init(d, &x.t, PTWALK_VIEW_RUNS, 0x6000, 0x5000), -EINVAL);
	KUNIT_EXPECT_EQ(test, ptwalk_dump_init(d, &x.t, PTWALK_VIEW_NR, 0, 0x5000), -EINVAL);
	KUNIT_EXPECT_EQ(test, ptwalk_dump_init(d, &x.t, PTWALK_VIEW_RUNS, 1ULL << 48, ~0ULL),
			-EINVAL);
}

/* A table that points back at an ancestor is reported, not followed. */
static void ptwalk_test_self_loop(struct kunit *test)
{
	char *text;
	struct ptwk_rec *r = kunit_kzalloc(test, sizeof(*r), GFP_KERNEL);
	struct ptwk_t1 x;
	int i, bad = 0;

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, r);
	ptwk_build_t1(test, &x);
	ptwk_set(x.m, x.root, 1, x.root | TBL);	/* to itself */
	ptwk_set(x.m, x.pd, 2, x.pdpt | TBL);	/* to its parent */
	ptwk_walk_all(test, &x.t, 0, 1ULL << 48, PTWALK_VISIT_LEAF, r);
	for (i = 0; i < r->n; i++)
		bad += r->v[i].kind == PTWALK_BAD;
	KUNIT_EXPECT_EQ(test, bad, 2);
	text = ptwk_dump_text(test, &x.t, PTWALK_VIEW_RUNS, 0x400000, 0x600000, NULL);
	KUNIT_EXPECT_STREQ(test, text,
			   "0x0000000000400000 0x0000000000600000 2M 1 0x0000000040001000 --- BAD=loop pte=0x0000000040001007\n");
}

/* A table outside the fake memory is refused by the accessor: reported. */
static void ptwalk_test_outside_memory(struct kunit *test)
{
	char *text;
	struct ptwk_t1 x;

	ptwk_build_t1(test, &x);
	ptwk_set(x.m, x.pd, 3, 0x7000000000ULL | TBL);
	text = ptwk_dump_text(test, &x.t, PTWALK_VIEW_RUNS, 0x600000, 0x800000, NULL);
	KUNIT_EXPECT_STREQ(test, text,
			   "0x0000000000600000 0x0000000000800000 2M 1 0x0000007000000000 --- BAD=addr pte=0x0000007000000007\n");
	KUNIT_EXPECT_GE(test, x.m->refused, 1UL);
}

/* Long runs: the visit budget interrupts, the output does not change. */
static void ptwalk_test_budget(struct kunit *test)
{
	char *text;
	struct ptwk_mem *m = ptwk_mem_new(test, 16 * PAGE_SIZE);
	u64 root = ptwk_alloc(test, m, 4096, 4096);
	u64 pdpt = ptwk_alloc(test, m, 4096, 4096);
	u64 pd = ptwk_alloc(test, m, 4096, 4096);
	struct ptwalk_table t = ptwk_table(&ptwalk_fmt_x86_64_4, m, root);
	int i, j, eagain = 0;

	ptwk_set(m, root, 0, pdpt | TBL);
	ptwk_set(m, pdpt, 0, pd | TBL);
	for (i = 0; i < 9; i++) {
		u64 pt = ptwk_alloc(test, m, 4096, 4096);

		ptwk_set(m, pd, i, pt | TBL);
		for (j = 0; j < 512; j++)
			ptwk_set(m, pt, j, (0x10000000 + (i * 512 + j) * 4096ULL) | TBL | A);
	}
	text = ptwk_dump_text(test, &t, PTWALK_VIEW_RUNS, 0, 1ULL << 48, &eagain);
	KUNIT_EXPECT_STREQ(test, text,
			   "0x0000000000000000 0x0000000001200000 4K 4608 0x0000000010000000 rwx U A\n");
	KUNIT_EXPECT_GE(test, eagain, 1);

	/*
	 * A range whose last entry uses up the budget exactly: the dump is
	 * over then, not waiting for another call (callers without windows
	 * must not be told to move one).
	 */
	KUNIT_ASSERT_EQ(test, PTWALK_DUMP_BUDGET % 512, 0);
	eagain = 0;
	text = ptwk_dump_text(test, &t, PTWALK_VIEW_RUNS, 0,
			      PTWALK_DUMP_BUDGET * 4096ULL, &eagain);
	KUNIT_EXPECT_EQ(test, eagain, 0);
	KUNIT_EXPECT_STREQ(test, text,
			   "0x0000000000000000 0x0000000001000000 4K 4096 0x0000000010000000 rwx U A\n");
}

/* ---- Addresses ---- */

struct ptwk_addr_case {
	const char *name;
	const struct ptwalk_fmt *fmt;
	u64 addr;
	int ret;
	u64 lin;
};

#define X4 (&ptwalk_fmt_x86_64_4)
#define X5 (&ptwalk_fmt_x86_64_5)

static const struct ptwk_addr_case ptwk_addr_cases[] = {
	{ "4-level bottom", X4, 0, 0, 0 },
	{ "4-level top of lower half", X4, 0x00007fffffffffffULL, 0, 0x00007fffffffffffULL },
	{ "4-level hole start", X4, 0x0000800000000000ULL, -ERANGE, 0 },
	{ "4-level hole end", X4, 0xffff7fffffffffffULL, -ERANGE, 0 },
	{ "4-level upper half", X4, 0xffff800000000000ULL, 0, 0x0000800000000000ULL },
	{ "4-level top", X4, ~0ULL, 0, 0x0000ffffffffffffULL },
	{ "5-level 4-level hole is canonical", X5, 0x0000800000000000ULL, 0,
	  0x0000800000000000ULL },
	{ "5-level hole", X5, 0x0100000000000000ULL, -ERANGE, 0 },
	{ "5-level upper half", X5, 0xff00000000000000ULL, 0, 0x0100000000000000ULL },
	{ "EPT beyond 48 bits", &ptwalk_fmt_ept_4, 1ULL << 48, -ERANGE, 0 },
	{ "EPT top", &ptwalk_fmt_ept_4, (1ULL << 48) - 1, 0, (1ULL << 48) - 1 },
	{ "32-bit top", &ptwalk_fmt_x86_32, 0xffffffffULL, 0, 0xffffffffULL },
	{ "32-bit beyond", &ptwalk_fmt_x86_32, 0x100000000ULL, -ERANGE, 0 },
};

KUNIT_ARRAY_PARAM_DESC(ptwk_addr, ptwk_addr_cases, name);

static void ptwalk_test_to_linear(struct kunit *test)
{
	const struct ptwk_addr_case *c = test->param_value;
	u64 lin = 0xdead;

	KUNIT_ASSERT_EQ(test, ptwalk_to_linear(c->fmt, c->addr, &lin), c->ret);
	if (c->ret)
		return;
	KUNIT_EXPECT_EQ(test, lin, c->lin);
	KUNIT_EXPECT_EQ(test, ptwalk_from_linear(c->fmt, lin), c->addr);
}

static void ptwalk_test_from_linear_end(struct kunit *test)
{
	/* The end of a canonical space is 2^64, printed as 0. */
	KUNIT_EXPECT_EQ(test, ptwalk_from_linear(&ptwalk_fmt_x86_64_4, 1ULL << 48), 0ULL);
	KUNIT_EXPECT_EQ(test, ptwalk_from_linear(&ptwalk_fmt_x86_64_5, 1ULL << 57), 0ULL);
	/* Not so for a guest-physical space. */
	KUNIT_EXPECT_EQ(test, ptwalk_from_linear(&ptwalk_fmt_ept_4, 1ULL << 48), 1ULL << 48);
}

static void ptwalk_test_size_name(struct kunit *test)
{
	char buf[PTWALK_SIZE_MAX];

	KUNIT_EXPECT_STREQ(test, ptwalk_size_name(buf, 4096), "4K");
	KUNIT_EXPECT_STREQ(test, ptwalk_size_name(buf, 16384), "16K");
	KUNIT_EXPECT_STREQ(test, ptwalk_size_name(buf, 2ULL << 20), "2M");
	KUNIT_EXPECT_STREQ(test, ptwalk_size_name(buf, 512ULL << 20), "512M");
	KUNIT_EXPECT_STREQ(test, ptwalk_size_name(buf, 1ULL << 30), "1G");
	KUNIT_EXPECT_STREQ(test, ptwalk_size_name(buf, 512ULL << 30), "512G");
	KUNIT_EXPECT_STREQ(test, ptwalk_size_name(buf, 4ULL << 40), "4T");
	KUNIT_EXPECT_STREQ(test, ptwalk_size_name(buf, 256ULL << 40), "256T");
}

/* ---- The compression proof ---- */

/*
 * Random x86-64 tables over the first 4 GiB: each PDPT, PD and PT entry is
 * empty, a table or a leaf; leaf PAs continue the previous leaf's most of
 * the time, so runs form; attributes come from a small set, so they repeat.
 */
static u64 ptwk_rand_leaf(struct rnd_state *rnd, u64 *next_pa, u64 size)
{
	static const u64 attrs[] = {
		P | RW | US | A | DI, P | RW | US | A | DI, P | US | A,
		P | RW | US, P | RW | A | DI | NX, P | RW | US | A | DI | G,
	};
	u64 pa = *next_pa;

	if (prandom_u32_state(rnd) % 4 == 0)
		pa = (u64)(prandom_u32_state(rnd) % 1024) << 30;
	pa = ALIGN(pa, size);
	*next_pa = pa + size;
	return pa | attrs[prandom_u32_state(rnd) % ARRAY_SIZE(attrs)] |
	       (size > 4096 ? PS : 0);
}

static u64 ptwk_rand_tables(struct kunit *test, struct ptwk_mem *m, u32 seed)
{
	struct rnd_state rnd;
	u64 root, pdpt, next_pa = 0x100000000ULL;
	int i, j, k;

	prandom_seed_state(&rnd, seed);
	root = ptwk_alloc(test, m, 4096, 4096);
	pdpt = ptwk_alloc(test, m, 4096, 4096);
	ptwk_set(m, root, 0, pdpt | TBL);
	for (i = 0; i < 4; i++) {
		u32 c = prandom_u32_state(&rnd) % 8;
		u64 pd;

		if (c == 0)
			continue;
		if (c == 1) {
			ptwk_set(m, pdpt, i, ptwk_rand_leaf(&rnd, &next_pa, 1ULL << 30));
			continue;
		}
		pd = ptwk_alloc(test, m, 4096, 4096);
		/* A table without RW, US or with NX restricts what is below. */
		ptwk_set(m, pdpt, i, pd | TBL | (c == 2 ? NX : 0));
		for (j = 0; j < 8; j++) {
			u32 e = prandom_u32_state(&rnd) % 8;
			u64 pt;

			if (e < 2)
				continue;
			if (e == 2) {
				ptwk_set(m, pd, j, ptwk_rand_leaf(&rnd, &next_pa, 2ULL << 20));
				continue;
			}
			pt = ptwk_alloc(test, m, 4096, 4096);
			ptwk_set(m, pd, j, pt | P | (e == 3 ? 0 : RW) | (e == 4 ? 0 : US));
			for (k = 0; k < 512; k++)
				if (prandom_u32_state(&rnd) % 16)
					ptwk_set(m, pt, k, ptwk_rand_leaf(&rnd, &next_pa, 4096));
		}
	}
	return root;
}

/* What the naive reference says of one 4K page. */
struct ptwk_page {
	bool	mapped;
	u64	pa;
	char	perm[4];
	bool	u, g, a, d;
};

/* The reference: plain indexing, level by level, for one address. */
static struct ptwk_page ptwk_ref(struct ptwk_mem *m, u64 root, u64 va)
{
	struct ptwk_page pg = { };
	bool w = true, u = true, x = true;
	u64 table = root, e = 0, size = 0;
	int level;

	for (level = 3; level >= 0; level--) {
		size = 1ULL << (12 + 9 * level);
		e = ((u64 *)(m->base + (table - PTWK_PA_BASE)))[(va / size) % 512];
		if (!(e & P))
			return pg;
		w &= !!(e & RW);
		u &= !!(e & US);
		x &= !(e & NX);
		if (level == 0 || (e & PS))
			break;
		table = e & X86_PTE_ADDR;
	}
	pg.mapped = true;
	pg.pa = (e & X86_PTE_ADDR & ~(size - 1)) + (va & (size - 1));
	snprintf(pg.perm, sizeof(pg.perm), "r%c%c", w ? 'w' : '-', x ? 'x' : '-');
	pg.u = u;
	pg.g = e & G;
	pg.a = e & A;
	pg.d = e & DI;
	return pg;
}

static void ptwalk_test_compression(struct kunit *test)
{
	struct ptwk_mem *m = ptwk_mem_new(test, 64 * PAGE_SIZE);
	const u32 *seed = test->param_value;
	struct ptwalk_dump *d = kunit_kzalloc(test, sizeof(*d), GFP_KERNEL);
	struct ptwalk_table t;
	u64 root, va = 0, end = 4ULL << 30;
	struct ptwalk_run prev = { };
	unsigned long pages = 0, runs = 0;
	int ret;

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, d);
	root = ptwk_rand_tables(test, m, *seed);
	t = ptwk_table(&ptwalk_fmt_x86_64_4, m, root);
	KUNIT_ASSERT_EQ(test, ptwalk_dump_init(d, &t, PTWALK_VIEW_RUNS, 0, end), 0);
	for (;;) {
		char line[PTWALK_LINE_MAX], want[32];
		const struct ptwalk_run *r;
		struct ptwk_page first;
		u64 off;

		ret = ptwalk_dump_next(d);
		if (ret == -EAGAIN)
			continue;
		KUNIT_ASSERT_GE(test, ret, 0);
		if (!ret)
			break;
		r = ptwalk_dump_run(d);
		KUNIT_ASSERT_EQ(test, r->kind, PTWALK_LEAF);
		ptwalk_dump_line(d, NULL, line, sizeof(line));
		/* Between runs the reference must see holes. */
		for (; va < r->start; va += 4096)
			KUNIT_ASSERT_FALSE_MSG(test, ptwk_ref(m, root, va).mapped,
					       "va 0x%llx mapped but not dumped", va);
		KUNIT_ASSERT_EQ(test, r->end - r->start, r->pages * r->pgsize);
		/* The reference for the first page names the attributes... */
		first = ptwk_ref(m, root, r->start);
		snprintf(want, sizeof(want), " %s%s%s%s%s\n", first.perm,
			 first.u ? " U" : "", first.g ? " G" : "", first.a ? " A" : "",
			 first.d ? " D" : "");
		KUNIT_ASSERT_NOT_NULL_MSG(test, strstr(line, want),
					  "va 0x%llx: line '%s', reference '%s'",
					  r->start, line, want);
		/* ...and every page of the run must have the same, at its PA. */
		for (off = 0; off < r->end - r->start; off += 4096) {
			struct ptwk_page pg = ptwk_ref(m, root, r->start + off);

			KUNIT_ASSERT_TRUE_MSG(test, pg.mapped, "va 0x%llx", r->start + off);
			KUNIT_ASSERT_EQ_MSG(test, pg.pa, r->pa + off, "va 0x%llx", r->start + off);
			KUNIT_ASSERT_TRUE_MSG(test, !strcmp(pg.perm, first.perm) &&
					      pg.u == first.u && pg.g == first.g &&
					      pg.a == first.a && pg.d == first.d,
					      "va 0x%llx differs from its run", r->start + off);
			pages++;
		}
		/* Maximal: the previous run could not have been extended. */
		KUNIT_EXPECT_FALSE_MSG(test, runs && prev.end == r->start &&
				       prev.pgsize == r->pgsize &&
				       prev.attr.prot == r->attr.prot &&
				       prev.attr.arch == r->attr.arch &&
				       prev.pa + (prev.end - prev.start) == r->pa,
				       "run at 0x%llx should extend the previous", r->start);
		va = r->end;
		prev = *r;
		runs++;
	}
	for (; va < end; va += 4096)
		KUNIT_ASSERT_FALSE_MSG(test, ptwk_ref(m, root, va).mapped,
				       "va 0x%llx mapped but not dumped", va);
	kunit_info(test, "seed %u: %lu runs cover %lu pages\n", *seed, runs, pages);
	KUNIT_EXPECT_GT(test, runs, 0UL);
}

static const u32 ptwk_seeds[] = { 1, 2, 3, 42, 1234, 99991 };

static void ptwk_seed_desc(const u32 *seed, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "seed %u", *seed);
}

KUNIT_ARRAY_PARAM(ptwk_seed, ptwk_seeds, ptwk_seed_desc);

/* ---- Line formatting ---- */

/* @line, formatted into @size bytes, is @want cut like scnprintf() cuts. */
static void ptwk_expect_cut(struct kunit *test, const char *line, int n,
			    size_t size, const char *want)
{
	int len = min_t(int, strlen(want), size - 1);

	KUNIT_ASSERT_EQ_MSG(test, n, len, "size %zu: '%s'", size, want);
	KUNIT_ASSERT_EQ_MSG(test, memcmp(line, want, len), 0,
			    "size %zu: '%.*s' for '%s'", size, len, line, want);
	KUNIT_ASSERT_EQ_MSG(test, line[len], '\0', "size %zu", size);
	if (size < PTWALK_LINE_MAX)
		KUNIT_ASSERT_EQ_MSG(test, line[size], '#', "size %zu", size);
}

/*
 * Every line of the runs and raw views, formatted anew or with the last
 * line's attributes copied, in any room: the same bytes.
 */
static void ptwalk_test_line_room(struct kunit *test)
{
	static const enum ptwalk_view views[] = {
		PTWALK_VIEW_RUNS, PTWALK_VIEW_RAW,
	};
	struct ptwk_mem *m = ptwk_mem_new(test, 64 * PAGE_SIZE);
	struct ptwalk_dump *d = kunit_kzalloc(test, sizeof(*d), GFP_KERNEL);
	struct ptwalk_attr_text *at = kunit_kzalloc(test, sizeof(*at), GFP_KERNEL);
	char want[PTWALK_LINE_MAX], line[PTWALK_LINE_MAX + 1];
	const u32 *seed = test->param_value;
	struct ptwalk_table t;
	int i, n, ret, lines;
	size_t size;

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, d);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, at);
	t = ptwk_table(&ptwalk_fmt_x86_64_4, m, ptwk_rand_tables(test, m, *seed));
	for (i = 0; i < ARRAY_SIZE(views); i++) {
		KUNIT_ASSERT_EQ(test, ptwalk_dump_init(d, &t, views[i], 0, 4ULL << 30), 0);
		for (lines = 0; (ret = ptwalk_dump_next(d)); lines++) {
			if (ret == -EAGAIN)
				continue;
			KUNIT_ASSERT_EQ(test, ret, 1);
			n = ptwalk_dump_line(d, NULL, want, sizeof(want));
			KUNIT_ASSERT_EQ(test, want[n - 1], '\n');
			/* Every room for the first lines, the whole line after. */
			for (size = PTWALK_LINE_MAX; size; size--) {
				if (lines >= 64 && size < PTWALK_LINE_MAX)
					break;
				if (size < PTWALK_LINE_MAX && size > n + 2)
					continue;
				memset(line, '#', sizeof(line));
				ret = ptwalk_dump_line(d, at, line, size);
				ptwk_expect_cut(test, line, ret, size, want);
			}
		}
	}
}

static const struct ptwk_run_line_case {
	const char		*name;
	struct ptwalk_run	run;
	const char		*want;
} ptwk_run_line_cases[] = {
	{ "4K, every hex digit",
	  { .start = 0x00007f0123456000, .end = 0x00007f0123457000,
	    .pa = 0x000abcdef0123000, .pgsize = SZ_4K, .pages = 1,
	    .attr = { PTWALK_R | PTWALK_W | PTWALK_U | PTWALK_A | PTWALK_D,
		      X86_PTE_PCD },
	    .kind = PTWALK_LEAF },
	  "0x00007f0123456000 0x00007f0123457000 4K 1 0x000abcdef0123000 rw- U A D PCD" },
	{ "upper half, 1G, a long count",
	  { .start = 0x0000fedcba987000, .end = 0x0000fedcba988000,
	    .pa = 0xfedcba9876543210, .pgsize = SZ_1G, .pages = 1234567890123,
	    .attr = { PTWALK_R | PTWALK_X | PTWALK_G, 3ULL << 59 },
	    .kind = PTWALK_LEAF },
	  "0xfffffedcba987000 0xfffffedcba988000 1G 1234567890123 0xfedcba9876543210 r-x G PK=3" },
	{ "sizes that are not a unit",
	  { .start = 0x1000, .end = 0x4000, .pa = 0, .pgsize = 1536, .pages = 10,
	    .kind = PTWALK_LEAF },
	  "0x0000000000001000 0x0000000000004000 1536 10 0x0000000000000000 ---" },
	{ "3M",
	  { .start = 0, .end = 0x300000, .pa = 0x300000, .pgsize = 3 * SZ_1M,
	    .pages = 1, .attr = { PTWALK_R }, .kind = PTWALK_LEAF },
	  "0x0000000000000000 0x0000000000300000 3M 1 0x0000000000300000 r--" },
	{ "bad",
	  { .start = 0x2000, .end = 0x3000, .pa = 0x5000, .pgsize = SZ_4K,
	    .pages = 1, .kind = PTWALK_BAD,
	    .bad = PTWALK_BAD_RSVD | PTWALK_BAD_ADDR, .pte = 0x8000000000005067 },
	  "0x0000000000002000 0x0000000000003000 4K 1 0x0000000000005000 --- BAD=rsvd,addr pte=0x8000000000005067",
	},
};

KUNIT_ARRAY_PARAM_DESC(ptwk_run_line, ptwk_run_line_cases, name);

/* A run's line in every room, as ptwalk_run_line() gives it to the audit. */
static void ptwalk_test_run_line(struct kunit *test)
{
	const struct ptwk_run_line_case *c = test->param_value;
	char line[PTWALK_LINE_MAX + 1];
	size_t size;
	int n;

	for (size = PTWALK_LINE_MAX; size; size--) {
		memset(line, '#', sizeof(line));
		n = ptwalk_run_line(&ptwalk_fmt_x86_64_4, &c->run, line, size);
		ptwk_expect_cut(test, line, n, size, c->want);
	}
}

/* ---- Garbage: random entries in every format ---- */

/* Which format a garbage case walks; arm64 ones are built at run time. */
struct ptwk_garbage_case {
	const char		*name;
	const struct ptwalk_fmt	*fmt;		/* or NULL: arm64 below */
	enum ptwalk_arm64_stage	stage;
	unsigned int		granule, ia, oa;
	int			start_level;
	bool			lpa2;
};

static const struct ptwk_garbage_case ptwk_garbage_cases[] = {
	{ "x86-64/4", &ptwalk_fmt_x86_64_4 },
	{ "x86-64/5", &ptwalk_fmt_x86_64_5 },
	{ "x86-32", &ptwalk_fmt_x86_32 },
	{ "x86-pae", &ptwalk_fmt_x86_pae },
	{ "ept/4", &ptwalk_fmt_ept_4 },
	{ "ept/4 A/D", &ptwalk_fmt_ept_4_ad },
	{ "ept/5", &ptwalk_fmt_ept_5 },
	{ "ept/5 A/D", &ptwalk_fmt_ept_5_ad },
	{ "npt/4", &ptwalk_fmt_npt_4 },
	{ "npt/5", &ptwalk_fmt_npt_5 },
	{ "arm64 s1 4K 48", NULL, PTWALK_ARM64_S1, 12, 48, 48, 0, false },
	{ "arm64 s1 4K 52 lpa2", NULL, PTWALK_ARM64_S1, 12, 52, 52, -1, true },
	{ "arm64 s1 16K 47", NULL, PTWALK_ARM64_S1, 14, 47, 48, 1, false },
	{ "arm64 s1 64K 52", NULL, PTWALK_ARM64_S1, 16, 52, 52, 1, false },
	{ "arm64 s2 4K 40 concatenated", NULL, PTWALK_ARM64_S2, 12, 40, 40, 1, false },
	{ "arm64 s2 16K 36", NULL, PTWALK_ARM64_S2, 14, 36, 40, 2, false },
};

KUNIT_ARRAY_PARAM_DESC(ptwk_garbage, ptwk_garbage_cases, name);

/* Fake memory for garbage tables: 256 KiB, four 64K tables or more. */
#define PTWK_GARBAGE_MEM	(256 * 1024)

/*
 * A random address for an entry: half the time a table inside the fake
 * memory, so the walk goes deep, into tables that are also leaves' pages,
 * its own ancestors and each other; a quarter of the time a table just
 * past it, which the accessor refuses; else whatever the bits say.
 */
static u64 ptwk_garbage_pa(struct rnd_state *rnd, u64 tsize, u64 pa)
{
	u32 r = prandom_u32_state(rnd);
	unsigned int ntables = PTWK_GARBAGE_MEM / tsize;

	switch (r & 3) {
	case 0:
	case 1:
		return PTWK_PA_BASE + (prandom_u32_state(rnd) % ntables) * tsize;
	case 2:
		return PTWK_PA_BASE + PTWK_GARBAGE_MEM +
		       (prandom_u32_state(rnd) % ntables) * tsize;
	default:
		return pa;
	}
}

static void ptwk_fill_garbage(struct ptwk_mem *m, const struct ptwalk_fmt *fmt,
			      struct rnd_state *rnd)
{
	u64 tsize = 1ULL << fmt->lvl[0].shift;
	size_t i;

	if (fmt->flags & PTWALK_FMT_PTE32) {
		u32 *e = (u32 *)m->base;

		for (i = 0; i < PTWK_GARBAGE_MEM / 4; i++) {
			e[i] = prandom_u32_state(rnd);
			e[i] = (e[i] & 0xfff) |
			       (u32)ptwk_garbage_pa(rnd, tsize, e[i] & ~0xfffU);
		}
		return;
	}
	for (i = 0; i < PTWK_GARBAGE_MEM / 8; i++) {
		u64 *e = (u64 *)m->base + i;

		*e = (u64)prandom_u32_state(rnd) << 32 | prandom_u32_state(rnd);
		*e = (*e & ~GENMASK_ULL(47, 12)) |
		     ptwk_garbage_pa(rnd, tsize, *e & GENMASK_ULL(47, 12));
	}
}

/*
 * A dump of garbage must end, in a bounded number of calls, with lines
 * that stay in the range and move forward, and never read outside the
 * fake memory (the accessor refuses; KASAN would see a stray access).
 */
static void ptwk_garbage_dump(struct kunit *test, const struct ptwalk_table *t,
			      enum ptwalk_view view, u64 start, u64 end)
{
	struct ptwalk_dump *d = kunit_kzalloc(test, sizeof(*d), GFP_KERNEL);
	char line[PTWALK_LINE_MAX];
	u64 prev = start;
	int calls, ret, n;

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, d);
	KUNIT_ASSERT_EQ(test, ptwalk_dump_init(d, t, view, start, end), 0);
	for (calls = 0; calls < 200000; calls++) {
		ret = ptwalk_dump_next(d);
		if (!ret)
			break;
		if (ret == -EAGAIN)
			continue;
		KUNIT_ASSERT_EQ(test, ret, 1);
		n = ptwalk_dump_line(d, NULL, line, sizeof(line));
		KUNIT_ASSERT_GT(test, n, 0);
		KUNIT_ASSERT_LT(test, n, PTWALK_LINE_MAX - 1);
		KUNIT_ASSERT_EQ(test, line[n - 1], '\n');
		if (view == PTWALK_VIEW_RUNS || view == PTWALK_VIEW_ATTR) {
			const struct ptwalk_run *r = ptwalk_dump_run(d);

			KUNIT_ASSERT_GE(test, r->start, prev);
			KUNIT_ASSERT_GT(test, r->end, r->start);
			KUNIT_ASSERT_LE(test, r->end, end);
			prev = r->end;
		}
	}
	KUNIT_ASSERT_LT_MSG(test, calls, 200000, "view %d did not end", view);
}

static void ptwalk_test_garbage(struct kunit *test)
{
	const struct ptwk_garbage_case *c = test->param_value;
	struct ptwk_mem *m = ptwk_mem_new(test, PTWK_GARBAGE_MEM);
	struct ptwalk_fmt *fmt = kunit_kzalloc(test, sizeof(*fmt), GFP_KERNEL);
	unsigned long roots = 0;
	struct rnd_state rnd;
	struct ptwalk_table t;
	int seed, view;

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, fmt);
	if (c->fmt)
		*fmt = *c->fmt;
	else
		KUNIT_ASSERT_EQ(test, ptwalk_fmt_arm64_init(fmt, c->stage, c->granule,
							    c->ia, c->start_level,
							    c->oa, c->lpa2), 0);
	/* The root table, concatenated ones included, fits with room to spare. */
	KUNIT_ASSERT_LE(test, (8ULL << fmt->root_bits) * 2, (u64)PTWK_GARBAGE_MEM);
	t = ptwk_table(fmt, m, PTWK_PA_BASE);
	for (seed = 1; seed <= 4; seed++) {
		/* Four entries one level above the leaves: bounded, yet deep. */
		u64 span = 4 * ptwalk_level_size(fmt, min(1, fmt->levels - 1));
		int i;

		prandom_seed_state(&rnd, seed * 7919 + fmt->levels);
		ptwk_fill_garbage(m, fmt, &rnd);
		span = min(span, 1ULL << fmt->ia_bits);
		/* Many starts: each goes down its own path of random entries. */
		for (i = 0; i < 32; i++) {
			u64 start = ((u64)prandom_u32_state(&rnd) << 32 |
				     prandom_u32_state(&rnd)) &
				    ((1ULL << fmt->ia_bits) - 1) & ~(span - 1);

			for (view = 0; view < PTWALK_VIEW_NR; view++)
				ptwk_garbage_dump(test, &t, view, start, start + span);
			roots += PTWALK_VIEW_NR;
		}
	}
	/*
	 * Some walks went below the root (more maps than dumps), and some
	 * met a table just past the fake memory, which the accessor refused.
	 * Not so with PAE: its four PDPTEs reserve most bits, and random
	 * ones are all reported bad.
	 */
	if (c->fmt == &ptwalk_fmt_x86_pae)
		return;
	KUNIT_EXPECT_GT(test, m->maps, roots);
	KUNIT_EXPECT_GT(test, m->refused, 0UL);
}

/* What a batching walker's LEAF visits were: where, how many, what. */
struct ptwk_batch_log {
	u64			addr[64];
	unsigned int		n[64];
	enum ptwalk_kind	kind[64];
	int			nr;
};

static int ptwk_batch_visit(const struct ptwalk_ctx *ctx, void *arg)
{
	struct ptwk_batch_log *l = arg;

	if (ctx->level || l->nr == ARRAY_SIZE(l->addr))
		return 0;
	l->addr[l->nr] = ctx->addr;
	l->n[l->nr] = ctx->n;
	l->kind[l->nr++] = ctx->e.kind;
	return 0;
}

static void ptwk_batch_walk(struct kunit *test, const struct ptwalk_table *t,
			    unsigned int flags, u64 end,
			    struct ptwk_batch_log *l)
{
	const struct ptwalk_walker w = {
		.cb = ptwk_batch_visit, .arg = l,
		.flags = PTWALK_VISIT_LEAF | flags,
	};
	u64 pos = 0;

	memset(l, 0, sizeof(*l));
	KUNIT_ASSERT_EQ(test, ptwalk_walk(t, &pos, end, &w), 0);
}

/*
 * One PT: 100 contiguous leaves, 50 leaves alike but scattered (each the
 * page below the one before), one that differs in A, 49 empty entries,
 * 100 contiguous leaves whose pages cross into the C-bit's position of an
 * SME format, the rest empty.  A contiguous batch stops where the next
 * page does not follow; an alike one where anything but the address
 * differs, a carry into the C-bit included.
 */
static void ptwalk_test_batch(struct kunit *test)
{
	struct ptwk_mem *m = ptwk_mem_new(test, 4 * PAGE_SIZE);
	struct ptwk_batch_log *l = kunit_kzalloc(test, sizeof(*l), GFP_KERNEL);
	struct ptwalk_fmt *fmt = kunit_kzalloc(test, sizeof(*fmt), GFP_KERNEL);
	u64 root, pdpt, pd, pt, cbit = BIT_ULL(47), top = cbit - 50 * 0x1000;
	struct ptwalk_table t;
	char *text;
	int i;

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, l);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, fmt);
	KUNIT_ASSERT_EQ(test, ptwalk_fmt_x86_set_maxphyaddr(fmt, &ptwalk_fmt_x86_64_4, 52), 0);
	KUNIT_ASSERT_EQ(test, ptwalk_fmt_x86_set_enc(fmt, cbit), 0);
	root = ptwk_alloc(test, m, 4096, 4096);
	pdpt = ptwk_alloc(test, m, 4096, 4096);
	pd = ptwk_alloc(test, m, 4096, 4096);
	pt = ptwk_alloc(test, m, 4096, 4096);
	ptwk_set(m, root, 0, pdpt | TBL);
	ptwk_set(m, pdpt, 0, pd | TBL);
	ptwk_set(m, pd, 0, pt | TBL);
	for (i = 0; i < 100; i++)
		ptwk_set(m, pt, i, (0x1000000 + i * 0x1000) | TBL | A);
	for (i = 100; i < 150; i++)
		ptwk_set(m, pt, i, (0x9000000 - i * 0x1000) | TBL | A);
	ptwk_set(m, pt, 150, 0x7000000 | TBL);
	/* 200..299: pages up to the C-bit, then past it (a carry into it). */
	for (i = 200; i < 300; i++)
		ptwk_set(m, pt, i, (top + (i - 200) * 0x1000) | TBL | A);
	t = ptwk_table(fmt, m, root);

	ptwk_batch_walk(test, &t, PTWALK_VISIT_BATCH_NEXT, SZ_2M, l);
	/* 0: 100; 100..149: one each; 150; 151: 49 empty; 200: 50; 250: 50; 300: 212 empty. */
	KUNIT_ASSERT_EQ(test, l->nr, 1 + 50 + 1 + 1 + 2 + 1);
	KUNIT_EXPECT_EQ(test, l->n[0], 100U);
	for (i = 1; i <= 50; i++)
		KUNIT_EXPECT_EQ(test, l->n[i], 1U);
	KUNIT_EXPECT_EQ(test, l->addr[51], 150ULL * 0x1000);
	KUNIT_EXPECT_EQ(test, l->n[51], 1U);
	KUNIT_EXPECT_EQ(test, l->kind[52], PTWALK_NONE);
	KUNIT_EXPECT_EQ(test, l->n[52], 49U);
	KUNIT_EXPECT_EQ(test, l->n[53], 50U);
	KUNIT_EXPECT_EQ(test, l->addr[54], 250ULL * 0x1000);
	KUNIT_EXPECT_EQ(test, l->n[54], 50U);
	KUNIT_EXPECT_EQ(test, l->kind[55], PTWALK_NONE);
	KUNIT_EXPECT_EQ(test, l->n[55], 212U);

	ptwk_batch_walk(test, &t, PTWALK_VISIT_BATCH_SAME, SZ_2M, l);
	KUNIT_ASSERT_EQ(test, l->nr, 6);
	KUNIT_EXPECT_EQ(test, l->n[0], 150U);
	KUNIT_EXPECT_EQ(test, l->n[1], 1U);
	KUNIT_EXPECT_EQ(test, l->n[2], 49U);
	KUNIT_EXPECT_EQ(test, l->n[3], 50U);
	KUNIT_EXPECT_EQ(test, l->n[4], 50U);
	KUNIT_EXPECT_EQ(test, l->n[5], 212U);

	/* A batch ends where the walk does, within a page. */
	ptwk_batch_walk(test, &t, PTWALK_VISIT_BATCH_SAME, 10 * 0x1000 + 1, l);
	KUNIT_ASSERT_EQ(test, l->nr, 1);
	KUNIT_EXPECT_EQ(test, l->n[0], 11U);

	/* Without batches, every entry is a visit of its own. */
	ptwk_batch_walk(test, &t, 0, 64 * 0x1000, l);
	KUNIT_ASSERT_EQ(test, l->nr, 64);
	KUNIT_EXPECT_EQ(test, l->n[63], 1U);

	/* The views count every page of a batch: 300 - 49 leaves, all 4K. */
	text = ptwk_dump_text(test, &t, PTWALK_VIEW_SUMMARY, 0, SZ_2M, NULL);
	KUNIT_EXPECT_NOT_NULL(test, strstr(text, "total leaves 251 "));
}

static struct kunit_case ptwalk_core_cases[] = {
	KUNIT_CASE(ptwalk_test_runs_view),
	KUNIT_CASE(ptwalk_test_attr_view),
	KUNIT_CASE(ptwalk_test_summary_view),
	KUNIT_CASE(ptwalk_test_raw_view),
	KUNIT_CASE(ptwalk_test_clip),
	KUNIT_CASE(ptwalk_test_queue),
	KUNIT_CASE(ptwalk_test_queued),
	KUNIT_CASE(ptwalk_test_visit_order),
	KUNIT_CASE(ptwalk_test_visit_flags),
	KUNIT_CASE(ptwalk_test_repeat),
	KUNIT_CASE(ptwalk_test_repeat_raw),
	KUNIT_CASE(ptwalk_test_repeat_range),
	KUNIT_CASE(ptwalk_test_repeat_walk),
	KUNIT_CASE_PARAM(ptwalk_test_restart, ptwk_every_gen_params),
	KUNIT_CASE(ptwalk_test_errno_stops),
	KUNIT_CASE(ptwalk_test_bad_range),
	KUNIT_CASE(ptwalk_test_self_loop),
	KUNIT_CASE(ptwalk_test_outside_memory),
	KUNIT_CASE(ptwalk_test_budget),
	KUNIT_CASE(ptwalk_test_batch),
	KUNIT_CASE_PARAM(ptwalk_test_to_linear, ptwk_addr_gen_params),
	KUNIT_CASE(ptwalk_test_from_linear_end),
	KUNIT_CASE(ptwalk_test_size_name),
	KUNIT_CASE_PARAM(ptwalk_test_compression, ptwk_seed_gen_params),
	KUNIT_CASE_PARAM(ptwalk_test_line_room, ptwk_seed_gen_params),
	KUNIT_CASE_PARAM(ptwalk_test_run_line, ptwk_run_line_gen_params),
	KUNIT_CASE_PARAM(ptwalk_test_garbage, ptwk_garbage_gen_params),
	{}
};

static struct kunit_suite ptwalk_core_suite = {
	.name = "ptwalk_core",
	.test_cases = ptwalk_core_cases,
};

kunit_test_suite(ptwalk_core_suite);

MODULE_DESCRIPTION("KUnit tests for ptwalk's walker and dumps");
MODULE_LICENSE("GPL");
