// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite ptwalk_translate: guest virtual addresses through both
 * stages, over hand-built tables.  The guest's x86-64 tables live in fake
 * memory at GPAs that a hand-built NPT stage 2 maps there, so every guest
 * table is found only by walking stage 2.  The expected lines are written
 * from the mappings the test makes, not from the code: a guest leaf cut
 * where stage 2's pages stop being contiguous, a page stage 2 does not map,
 * a page stage 2 maps read-only, a 2M guest leaf over 4K stage-2 pages
 * with a hole, a guest table stage 2 does not map (BAD=s2), a guest root
 * stage 2 does not map, a range, and more lines than one step holds.
 */

#include <kunit/test.h>
#include <linux/sizes.h>
#include <linux/string.h>

#include "ptwalk.h"
#include "ptwalk_kunit.h"
#include "ptwalk_translate.h"
#include "ptwalk_x86.h"

#define G_TBL	(X86_PTE_P | X86_PTE_RW | X86_PTE_US)
#define G_RW	(X86_PTE_P | X86_PTE_RW | X86_PTE_US | X86_PTE_A | X86_PTE_D)
#define S2_TBL	(X86_PTE_P | X86_PTE_RW | X86_PTE_US)
#define S2_RO	(X86_PTE_P | X86_PTE_US)
#define S2_RW	(S2_RO | X86_PTE_RW)

/* Host addresses of data pages: never read, only printed. */
#define H1	0x900000000ULL
#define H2	0xa00000000ULL
#define H3	0xb00000000ULL

/* GPAs of the guest's tables (PML4, PDPT, PD, PT) and of the absent one. */
#define GPA_PML4	0x1000ULL
#define GPA_PDPT	0x2000ULL
#define GPA_PD		0x3000ULL
#define GPA_PT		0x4000ULL
#define GPA_NOWHERE	0x5000ULL

/**
 * struct ptwk_two - A guest and its stage 2, in one fake memory.
 * @m:		The fake memory.
 * @s2:		Stage 2: an NPT PML4 at its root.
 * @s2_pdpt:	Its PDPT for GPAs below 1G.
 * @s2_pd:	Its PD.
 * @s2_pt:	Its PT for GPAs below 2M.
 * @g_pt:	Fake PA of the guest's PT.
 * @g_pd:	Fake PA of the guest's PD.
 * @g_root:	GPA of the guest's PML4.
 */
struct ptwk_two {
	struct ptwk_mem		*m;
	struct ptwalk_table	s2;
	u64			s2_pdpt;
	u64			s2_pd;
	u64			s2_pt;
	u64			g_pt;
	u64			g_pd;
	u64			g_root;
};

/* A guest table page at @gpa, reachable through stage 2's first PT. */
static u64 ptwk_guest_table(struct kunit *test, struct ptwk_two *t, u64 gpa)
{
	u64 pa = ptwk_alloc(test, t->m, SZ_4K, SZ_4K);

	ptwk_set(t->m, t->s2_pt, gpa >> 12, pa | S2_RW);
	return pa;
}

static void ptwk_two_init(struct kunit *test, struct ptwk_two *t)
{
	u64 s2_root, g_pml4, g_pdpt;

	t->m = ptwk_mem_new(test, 16 * SZ_4K);
	s2_root = ptwk_alloc(test, t->m, SZ_4K, SZ_4K);
	t->s2_pdpt = ptwk_alloc(test, t->m, SZ_4K, SZ_4K);
	t->s2_pd = ptwk_alloc(test, t->m, SZ_4K, SZ_4K);
	t->s2_pt = ptwk_alloc(test, t->m, SZ_4K, SZ_4K);
	ptwk_set(t->m, s2_root, 0, t->s2_pdpt | S2_TBL);
	ptwk_set(t->m, t->s2_pdpt, 0, t->s2_pd | S2_TBL);
	ptwk_set(t->m, t->s2_pd, 0, t->s2_pt | S2_TBL);
	t->s2 = ptwk_table(&ptwalk_fmt_npt_4, t->m, s2_root);

	g_pml4 = ptwk_guest_table(test, t, GPA_PML4);
	g_pdpt = ptwk_guest_table(test, t, GPA_PDPT);
	t->g_pd = ptwk_guest_table(test, t, GPA_PD);
	t->g_pt = ptwk_guest_table(test, t, GPA_PT);
	ptwk_set(t->m, g_pml4, 0, GPA_PDPT | G_TBL);
	ptwk_set(t->m, g_pdpt, 0, GPA_PD | G_TBL);
	ptwk_set(t->m, t->g_pd, 0, GPA_PT | G_TBL);
	t->g_root = GPA_PML4;
}

/* Every line of a translation of [@start, @end), and the steps it took. */
static char *ptwk_xlate_text(struct kunit *test, const struct ptwk_two *t,
			     u64 root, u64 start, u64 end, int *steps)
{
	struct ptwalk_xlate *x = kunit_kzalloc(test, sizeof(*x), GFP_KERNEL);
	size_t cap = 1 << 16, len = 0;
	char *out = kunit_kzalloc(test, cap, GFP_KERNEL);
	char line[PTWALK_LINE_MAX];
	unsigned int i;
	int ret, n = 0;

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, x);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, out);
	KUNIT_ASSERT_EQ(test, ptwalk_xlate_init(x, &ptwalk_fmt_x86_64_4, root,
						&t->s2, start, end), 0);
	do {
		ret = ptwalk_xlate_step(x);
		KUNIT_ASSERT_TRUE(test, ret == 0 || ret == -EAGAIN);
		KUNIT_ASSERT_LT(test, ++n, 1000);
		for (i = 0; i < x->nq; i++) {
			int l = ptwalk_xlate_line(&ptwalk_fmt_x86_64_4, &x->q[i],
						  line, sizeof(line));

			KUNIT_ASSERT_LT(test, len + l, cap);
			memcpy(out + len, line, l + 1);
			len += l;
		}
	} while (ret);
	if (steps)
		*steps = n;
	return out;
}

/* Append the line a run of pages should print. */
static void ptwk_want(char *buf, size_t size, u64 start, u64 end,
		      const char *pgsize, u64 pages, u64 gpa, u64 hpa,
		      const char *perm, const char *s2)
{
	size_t n = strlen(buf);
	char h[24] = "none";

	if (hpa)
		snprintf(h, sizeof(h), "0x%016llx", hpa);
	snprintf(buf + n, size - n,
		 "0x%016llx 0x%016llx %s %llu 0x%016llx %s %s U A D s2=%s\n",
		 start, end, pgsize, pages, gpa, h, perm, s2);
}

static void ptwalk_test_xlate_cut(struct kunit *test)
{
	struct ptwk_two t;
	char *want = kunit_kzalloc(test, 4096, GFP_KERNEL);
	char *got;
	u64 s2_pt2, bad_pte = GPA_NOWHERE | G_TBL;
	int i;

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, want);
	ptwk_two_init(test, &t);
	/* 0x0-0x4000: GPAs 0x10000.., contiguous; stage 2 breaks at the third. */
	for (i = 0; i < 4; i++) {
		ptwk_set(t.m, t.g_pt, i, (0x10000 + i * SZ_4K) | G_RW);
		ptwk_set(t.m, t.s2_pt, 0x10 + i,
			 (H1 + (i < 2 ? i : i + 3) * SZ_4K) | S2_RW);
	}
	/* 0x4000-0x7000: GPAs in reverse, host pages in order. */
	for (i = 0; i < 3; i++) {
		ptwk_set(t.m, t.g_pt, 4 + i, (0x22000 - i * SZ_4K) | G_RW);
		ptwk_set(t.m, t.s2_pt, 0x22 - i, (H1 + 0x10000 + i * SZ_4K) | S2_RW);
	}
	/* 0x7000: stage 2 maps nothing; 0x8000: stage 2 maps it read-only. */
	ptwk_set(t.m, t.g_pt, 7, 0x30000 | G_RW);
	ptwk_set(t.m, t.g_pt, 8, 0x31000 | G_RW);
	ptwk_set(t.m, t.s2_pt, 0x31, (H1 + 0x20000) | S2_RO);
	/* 2M-4M: a 2M guest leaf over 4K stage-2 pages, the sixth missing. */
	s2_pt2 = ptwk_alloc(test, t.m, SZ_4K, SZ_4K);
	ptwk_set(t.m, t.s2_pd, 1, s2_pt2 | S2_TBL);
	for (i = 0; i < 512; i++)
		if (i != 5)
			ptwk_set(t.m, s2_pt2, i, (H2 + i * SZ_4K) | S2_RW);
	ptwk_set(t.m, t.g_pd, 1, SZ_2M | G_RW | X86_PTE_PS);
	/* 4M-6M: a guest PT at a GPA stage 2 does not map. */
	ptwk_set(t.m, t.g_pd, 2, bad_pte);
	/* 6M-8M: a 2M guest leaf over a 2M stage-2 leaf. */
	ptwk_set(t.m, t.g_pd, 3, 0x600000 | G_RW | X86_PTE_PS);
	ptwk_set(t.m, t.s2_pd, 3, H3 | S2_RW | X86_PTE_PS);

	ptwk_want(want, 4096, 0, 0x2000, "4K", 2, 0x10000, H1, "rwx", "rwx");
	ptwk_want(want, 4096, 0x2000, 0x4000, "4K", 2, 0x12000, H1 + 0x5000,
		  "rwx", "rwx");
	for (i = 0; i < 3; i++)
		ptwk_want(want, 4096, 0x4000 + i * SZ_4K, 0x5000 + i * SZ_4K,
			  "4K", 1, 0x22000 - i * SZ_4K, H1 + 0x10000 + i * SZ_4K,
			  "rwx", "rwx");
	ptwk_want(want, 4096, 0x7000, 0x8000, "4K", 1, 0x30000, 0, "rwx",
		  "none");
	ptwk_want(want, 4096, 0x8000, 0x9000, "4K", 1, 0x31000, H1 + 0x20000,
		  "r-x", "r-x");
	ptwk_want(want, 4096, SZ_2M, SZ_2M + 0x5000, "4K", 5, SZ_2M, H2,
		  "rwx", "rwx");
	ptwk_want(want, 4096, SZ_2M + 0x5000, SZ_2M + 0x6000, "4K", 1,
		  SZ_2M + 0x5000, 0, "rwx", "none");
	ptwk_want(want, 4096, SZ_2M + 0x6000, SZ_4M, "4K", 506,
		  SZ_2M + 0x6000, H2 + 0x6000, "rwx", "rwx");
	snprintf(want + strlen(want), 4096 - strlen(want),
		 "0x%016llx 0x%016llx 2M 1 0x%016llx none --- BAD=s2 pte=0x%016llx\n",
		 (u64)SZ_4M, (u64)SZ_4M + SZ_2M, GPA_NOWHERE, bad_pte);
	ptwk_want(want, 4096, 0x600000, 0x800000, "2M", 1, 0x600000, H3,
		  "rwx", "rwx");

	got = ptwk_xlate_text(test, &t, t.g_root, 0, 1ULL << 48, NULL);
	KUNIT_EXPECT_STREQ(test, got, want);

	/* A range cuts the runs at its ends. */
	want[0] = '\0';
	ptwk_want(want, 4096, 0x1000, 0x2000, "4K", 1, 0x11000, H1 + 0x1000,
		  "rwx", "rwx");
	ptwk_want(want, 4096, 0x2000, 0x3000, "4K", 1, 0x12000, H1 + 0x5000,
		  "rwx", "rwx");
	got = ptwk_xlate_text(test, &t, t.g_root, 0x1000, 0x3000, NULL);
	KUNIT_EXPECT_STREQ(test, got, want);
}

/* A root stage 2 does not map: one bad line over the whole range. */
static void ptwalk_test_xlate_root(struct kunit *test)
{
	struct ptwk_two t;
	char want[PTWALK_LINE_MAX];

	ptwk_two_init(test, &t);
	snprintf(want, sizeof(want),
		 "0x%016llx 0x%016llx 256T 1 0x%016llx none --- BAD=s2 pte=0x%016llx\n",
		 0ULL, 0ULL, GPA_NOWHERE, GPA_NOWHERE);
	KUNIT_EXPECT_STREQ(test, ptwk_xlate_text(test, &t, GPA_NOWHERE, 0,
						 1ULL << 48, NULL), want);
}

/* More lines than a step holds: the same lines, in order, over steps. */
static void ptwalk_test_xlate_steps(struct kunit *test)
{
	char *want = kunit_kzalloc(test, 1 << 14, GFP_KERNEL);
	struct ptwk_two t;
	int i, steps;

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, want);
	ptwk_two_init(test, &t);
	for (i = 0; i < 40; i++) {
		ptwk_set(t.m, t.g_pt, i, (0x40000 - i * SZ_4K) | G_RW);
		ptwk_set(t.m, t.s2_pt, 0x40 - i, (H1 + i * SZ_4K) | S2_RW);
		ptwk_want(want, 1 << 14, i * SZ_4K, (i + 1) * SZ_4K, "4K", 1,
			  0x40000 - i * SZ_4K, H1 + i * SZ_4K, "rwx", "rwx");
	}
	KUNIT_EXPECT_STREQ(test, ptwk_xlate_text(test, &t, t.g_root, 0,
						 1ULL << 48, &steps), want);
	KUNIT_EXPECT_GE(test, steps, 40 / PTWALK_XLATE_QUEUE + 1);
}

static struct kunit_case ptwalk_translate_cases[] = {
	KUNIT_CASE(ptwalk_test_xlate_cut),
	KUNIT_CASE(ptwalk_test_xlate_root),
	KUNIT_CASE(ptwalk_test_xlate_steps),
	{}
};

static struct kunit_suite ptwalk_translate_suite = {
	.name = "ptwalk_translate",
	.test_cases = ptwalk_translate_cases,
};

kunit_test_suite(ptwalk_translate_suite);

MODULE_DESCRIPTION("KUnit tests for ptwalk's two-stage translation");
MODULE_LICENSE("GPL");
