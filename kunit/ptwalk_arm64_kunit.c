// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite ptwalk_arm64: geometry built from parameters and from
 * VTCR_EL2 values, descriptors of both stages (expected values from the
 * Arm ARM's descriptor layouts), and walks over concatenated stage-2 start
 * tables, LPA2 5-level tables, and 16K and 64K granules.
 */

#include <kunit/test.h>

#include "ptwalk.h"
#include "ptwalk_arm64.h"
#include "ptwalk_kunit.h"

#define V	A64_VALID
#define T	A64_TABLE
#define AF	A64_AF
#define PG	(V | T | AF)		/* last-level page */
#define BLK	(V | AF)		/* block */
#define R_	PTWALK_R
#define W_	PTWALK_W
#define X_	PTWALK_X
#define U_	PTWALK_U
#define S2RW	(A64_S2AP_R | A64_S2AP_W)
#define MAF	PTWALK_FIELD(A64_S2_MEMATTR, 0xf)

struct ptwk_geo_case {
	const char *name;
	enum ptwalk_arm64_stage stage;
	unsigned int g, ia;
	int start;
	unsigned int oa;
	bool lpa2;
	int ret, levels, root_bits;
	unsigned int leaf_levels;	/* bit n: ptwalk level n may be a leaf */
};

static const struct ptwk_geo_case ptwk_geo_cases[] = {
	{ "4K 48-bit from L0", PTWALK_ARM64_S1, 12, 48, 0, 48, false, 0, 4, 9, 0x7 },
	{ "4K 52-bit LPA2 from L-1", PTWALK_ARM64_S1, 12, 52, -1, 52, true, 0, 5, 4, 0xf },
	{ "4K 52-bit without LPA2", PTWALK_ARM64_S1, 12, 52, -1, 52, false, -EINVAL },
	{ "4K 39-bit from L1", PTWALK_ARM64_S1, 12, 39, 1, 48, false, 0, 3, 9, 0x7 },
	{ "16K 47-bit from L1", PTWALK_ARM64_S1, 14, 47, 1, 48, false, 0, 3, 11, 0x3 },
	{ "16K 52-bit LPA2 from L0", PTWALK_ARM64_S1, 14, 52, 0, 52, true, 0, 4, 5, 0x7 },
	{ "64K 42-bit from L2", PTWALK_ARM64_S1, 16, 42, 2, 48, false, 0, 2, 13, 0x3 },
	{ "64K 52-bit LPA from L1", PTWALK_ARM64_S1, 16, 52, 1, 52, false, 0, 3, 10, 0x7 },
	{ "64K 48-bit from L1, 48-bit PA", PTWALK_ARM64_S1, 16, 48, 1, 48, false, 0, 3, 6, 0x3 },
	{ "s2 4K 40-bit from L1: 2 tables", PTWALK_ARM64_S2, 12, 40, 1, 40, false, 0, 3, 10, 0x7 },
	{ "s2 4K 43-bit from L1: 16 tables", PTWALK_ARM64_S2, 12, 43, 1, 48, false, 0, 3, 13, 0x7 },
	{ "stage 2 4K 44-bit from L1: 32 tables", PTWALK_ARM64_S2, 12, 44, 1, 48, false, -EINVAL },
	{ "stage 1 does not concatenate", PTWALK_ARM64_S1, 12, 40, 1, 48, false, -EINVAL },
	{ "start level below the input size", PTWALK_ARM64_S1, 12, 30, 0, 48, false, -EINVAL },
	{ "8K granule", PTWALK_ARM64_S1, 13, 48, 0, 48, false, -EINVAL },
	{ "LPA2 with 64K", PTWALK_ARM64_S1, 16, 48, 1, 52, true, -EINVAL },
	{ "L-1 without LPA2", PTWALK_ARM64_S1, 12, 48, -1, 48, false, -EINVAL },
	{ "input size 53", PTWALK_ARM64_S1, 12, 53, -1, 52, true, -EINVAL },
};

KUNIT_ARRAY_PARAM_DESC(ptwk_geo, ptwk_geo_cases, name);

static void ptwalk_test_arm64_geometry(struct kunit *test)
{
	const struct ptwk_geo_case *c = test->param_value;
	struct ptwalk_fmt fmt;
	unsigned int leaves = 0;
	int l;

	KUNIT_ASSERT_EQ(test, ptwalk_fmt_arm64_init(&fmt, c->stage, c->g, c->ia,
						    c->start, c->oa, c->lpa2), c->ret);
	if (c->ret)
		return;
	KUNIT_EXPECT_EQ(test, fmt.levels, c->levels);
	KUNIT_EXPECT_EQ(test, fmt.root_bits, c->root_bits);
	KUNIT_EXPECT_EQ(test, fmt.ia_bits, c->ia);
	for (l = 0; l < fmt.levels; l++) {
		KUNIT_EXPECT_EQ(test, fmt.lvl[l].shift, c->g + l * (c->g - 3));
		leaves |= fmt.lvl[l].leaf_ok << l;
	}
	KUNIT_EXPECT_EQ(test, leaves, c->leaf_levels);
}

struct ptwk_vtcr_case {
	const char *name;
	u64 vtcr;
	int ret;
	unsigned int g, ia, oa;
	int levels, root_bits;
	bool lpa2;
};

#define VTCR(t0sz, sl0, tg0, ps) ((t0sz) | (sl0) << 6 | (u64)(tg0) << 14 | (u64)(ps) << 16)

static const struct ptwk_vtcr_case ptwk_vtcr_cases[] = {
	{ "KVM default: 4K 40-bit from L1", VTCR(24, 1, 0, 2), 0, 12, 40, 40, 3, 10, false },
	{ "seen on 6.12 with LPA2", 0x00000001802e3558ULL, 0, 12, 40, 52, 3, 10, true },
	{ "4K 48-bit from L0", VTCR(16, 2, 0, 5), 0, 12, 48, 48, 4, 9, false },
	{ "4K 52-bit from L-1 (DS, SL2)", VTCR(12, 0, 0, 6) | A64_VTCR_DS | A64_VTCR_SL2,
	  0, 12, 52, 52, 5, 4, true },
	{ "16K 40-bit from L2: 16 tables", VTCR(24, 1, 2, 2), 0, 14, 40, 40, 2, 15, false },
	{ "64K 42-bit from L2", VTCR(22, 1, 1, 3), 0, 16, 42, 42, 2, 13, false },
	{ "64K 52-bit from L1", VTCR(12, 2, 1, 6), 0, 16, 52, 52, 3, 10, false },
	{ "TG0 3 is reserved", VTCR(24, 1, 3, 2), -EINVAL },
	{ "PS 7 is reserved", VTCR(24, 1, 0, 7), -EINVAL },
	{ "64K SL0 3 is reserved", VTCR(22, 3, 1, 3), -EINVAL },
	{ "SL2 needs SL0 0", VTCR(12, 1, 0, 6) | A64_VTCR_DS | A64_VTCR_SL2, -EINVAL },
};

KUNIT_ARRAY_PARAM_DESC(ptwk_vtcr, ptwk_vtcr_cases, name);

static void ptwalk_test_arm64_vtcr(struct kunit *test)
{
	const struct ptwk_vtcr_case *c = test->param_value;
	struct ptwalk_fmt fmt;

	KUNIT_ASSERT_EQ(test, ptwalk_fmt_arm64_from_vtcr(&fmt, c->vtcr), c->ret);
	if (c->ret)
		return;
	KUNIT_EXPECT_EQ(test, fmt.lvl[0].shift, c->g);
	KUNIT_EXPECT_EQ(test, fmt.ia_bits, c->ia);
	KUNIT_EXPECT_EQ(test, fmt.oa_bits, c->oa);
	KUNIT_EXPECT_EQ(test, fmt.levels, c->levels);
	KUNIT_EXPECT_EQ(test, fmt.root_bits, c->root_bits);
	KUNIT_EXPECT_EQ(test, !!(fmt.variant & A64_V_LPA2), c->lpa2);
}

enum ptwk_a64_fmt { S1, S2, S1LPA2, S2_40, S1_64K };

struct ptwk_a64_case {
	const char		*name;
	enum ptwk_a64_fmt	fmt;
	int			level;
	u64			pte;
	u32			above;
	u64			above_arch;
	enum ptwalk_kind	kind;
	u64			pa;
	u32			prot;
	u64			arch_has;	/* bits the arch value must have */
	u32			bad;
};

static const struct ptwk_a64_case ptwk_a64_cases[] = {
	{ "s1 user page rw", S1, 0, 0x40000000 | PG | A64_AP_EL0, 0, 0, PTWALK_LEAF,
	  0x40000000, R_ | W_ | X_ | U_ | PTWALK_G | PTWALK_A },
	{ "s1 invalid", S1, 0, 0x40000000 | T | AF, 0, 0, PTWALK_NONE },
	{ "s1 last level type 0b01: reserved", S1, 0, 0x40000000 | V | AF, 0, 0,
	  PTWALK_BAD, 0, 0, 0, PTWALK_BAD_TYPE },
	{ "s1 read-only", S1, 0, 0x40000000 | PG | A64_AP_EL0 | A64_AP_RO, 0, 0,
	  PTWALK_LEAF, 0x40000000, R_ | X_ | U_ | PTWALK_G | PTWALK_A },
	{ "s1 DBM clean: writable, not dirty", S1, 0,
	  0x40000000 | PG | A64_AP_RO | A64_DBM | A64_NG, 0, 0,
	  PTWALK_LEAF, 0x40000000, R_ | W_ | X_ | PTWALK_A, A64_DBM },
	{ "s1 DBM dirty", S1, 0, 0x40000000 | PG | A64_DBM | A64_NG, 0, 0, PTWALK_LEAF,
	  0x40000000, R_ | W_ | X_ | PTWALK_A | PTWALK_D },
	{ "s1 kernel page PXN", S1, 0, 0x40000000 | PG | A64_PXN, 0, 0, PTWALK_LEAF,
	  0x40000000, R_ | W_ | PTWALK_G | PTWALK_A, A64_PXN },
	{ "s1 user page UXN", S1, 0, 0x40000000 | PG | A64_AP_EL0 | A64_UXN, 0, 0,
	  PTWALK_LEAF, 0x40000000, R_ | W_ | U_ | PTWALK_G | PTWALK_A, A64_UXN },
	{ "s1 user page PXN still executes at EL0", S1, 0,
	  0x40000000 | PG | A64_AP_EL0 | A64_PXN, 0, 0,
	  PTWALK_LEAF, 0x40000000, R_ | W_ | X_ | U_ | PTWALK_G | PTWALK_A, A64_PXN },
	{ "s1 not accessed, not global", S1, 0, 0x40000000 | V | T | A64_NG, 0, 0,
	  PTWALK_LEAF, 0x40000000, R_ | W_ | X_ },
	{ "s1 AttrIndx 4, inner shareable", S1, 0,
	  0x40000000 | PG | PTWALK_FIELD(A64_ATTRINDX, 4) | A64_SH, 0, 0,
	  PTWALK_LEAF, 0x40000000, R_ | W_ | X_ | PTWALK_G | PTWALK_A,
	  PTWALK_FIELD(A64_ATTRINDX, 4) | A64_SH },
	{ "s1 contiguous", S1, 0, 0x40000000 | PG | A64_CONT, 0, 0, PTWALK_LEAF,
	  0x40000000, R_ | W_ | X_ | PTWALK_G | PTWALK_A, A64_CONT },
	{ "s1 below APTable read-only", S1, 0, 0x40000000 | PG | A64_AP_EL0,
	  R_ | X_ | U_, 0, PTWALK_LEAF, 0x40000000, R_ | X_ | U_ | PTWALK_G | PTWALK_A },
	{ "s1 below APTable no-EL0", S1, 0, 0x40000000 | PG | A64_AP_EL0, R_ | W_ | X_,
	  0, PTWALK_LEAF, 0x40000000, R_ | W_ | X_ | PTWALK_G | PTWALK_A },
	{ "s1 below UXNTable", S1, 0, 0x40000000 | PG | A64_AP_EL0, 0, A64_UXN,
	  PTWALK_LEAF, 0x40000000, R_ | W_ | U_ | PTWALK_G | PTWALK_A, A64_UXN },
	{ "s1 table APTable[1]", S1, 1, 0x5000 | V | T | A64_APTABLE_RO, 0, 0,
	  PTWALK_TABLE, 0x5000, R_ | X_ | U_ },
	{ "s1 table APTable[0]", S1, 1, 0x5000 | V | T | A64_APTABLE_NO_EL0, 0, 0,
	  PTWALK_TABLE, 0x5000, R_ | W_ | X_ },
	{ "s1 2M block", S1, 1, 0x40200000 | BLK, 0, 0, PTWALK_LEAF, 0x40200000,
	  R_ | W_ | X_ | PTWALK_G | PTWALK_A },
	{ "s1 1G block", S1, 2, 0x80000000 | BLK, 0, 0, PTWALK_LEAF, 0x80000000,
	  R_ | W_ | X_ | PTWALK_G | PTWALK_A },
	{ "s1 2M block misaligned: reserved", S1, 1, 0x40220000 | BLK, 0, 0,
	  PTWALK_BAD, 0, 0, 0, PTWALK_BAD_RSVD },
	{ "s1 L0 block without LPA2: illegal", S1, 3, 0x8000000000ULL | BLK, 0, 0,
	  PTWALK_BAD, 0, 0, 0, PTWALK_BAD_LEVEL },
	{ "s1 LPA2 L0 512G block", S1LPA2, 3, 0x8000000000ULL | BLK, 0, 0, PTWALK_LEAF,
	  0x8000000000ULL, R_ | W_ | X_ | PTWALK_G | PTWALK_A },
	{ "s1 LPA2 PA bits 51:50 in 9:8", S1LPA2, 0, 0x1234000 | PG | (3 << 8), 0, 0,
	  PTWALK_LEAF, (3ULL << 50) | 0x1234000, R_ | W_ | X_ | PTWALK_G | PTWALK_A },
	{ "s1 LPA2 table above 48 bits", S1LPA2, 1, 0x3005000ULL | V | T | (1 << 8), 0, 0,
	  PTWALK_TABLE, (1ULL << 50) | 0x3005000, R_ | W_ | X_ | U_ },
	{ "s1 64K LPA PA bits 51:48 in 15:12", S1_64K, 0,
	  0x12340000 | PG | (0xfULL << 12), 0, 0, PTWALK_LEAF,
	  (0xfULL << 48) | 0x12340000, R_ | W_ | X_ | PTWALK_G | PTWALK_A },
	{ "s2 page rw", S2, 0, 0x40000000 | PG | S2RW | MAF, 0, 0, PTWALK_LEAF,
	  0x40000000, R_ | W_ | X_ | PTWALK_A, MAF },
	{ "s2 read-only", S2, 0, 0x40000000 | PG | A64_S2AP_R | MAF, 0, 0, PTWALK_LEAF,
	  0x40000000, R_ | X_ | PTWALK_A },
	{ "s2 no access", S2, 0, 0x40000000 | PG, 0, 0, PTWALK_LEAF, 0x40000000,
	  X_ | PTWALK_A },
	{ "s2 XN", S2, 0, 0x40000000 | PG | S2RW | PTWALK_FIELD(A64_S2_XN, 2), 0, 0,
	  PTWALK_LEAF, 0x40000000, R_ | W_ | PTWALK_A, PTWALK_FIELD(A64_S2_XN, 2) },
	{ "s2 XN[1:0]=01", S2, 0, 0x40000000 | PG | S2RW | PTWALK_FIELD(A64_S2_XN, 1), 0, 0,
	  PTWALK_LEAF, 0x40000000, R_ | W_ | PTWALK_A, PTWALK_FIELD(A64_S2_XN, 1) },
	{ "s2 DBM clean", S2, 0, 0x40000000 | PG | A64_S2AP_R | A64_DBM, 0, 0,
	  PTWALK_LEAF, 0x40000000, R_ | W_ | X_ | PTWALK_A, A64_DBM },
	{ "s2 DBM dirty", S2, 0, 0x40000000 | PG | S2RW | A64_DBM, 0, 0, PTWALK_LEAF,
	  0x40000000, R_ | W_ | X_ | PTWALK_A | PTWALK_D, A64_DBM },
	{ "s2 PA above 40 bits: reserved", S2_40, 0, (1ULL << 41) | PG | S2RW, 0, 0,
	  PTWALK_BAD, 0, 0, 0, PTWALK_BAD_RSVD },
	{ "s2 table ignores APTable bits", S2, 1, 0x5000 | V | T | A64_APTABLE_RO, 0, 0,
	  PTWALK_TABLE, 0x5000, R_ | W_ | X_ | U_ },
};

KUNIT_ARRAY_PARAM_DESC(ptwk_a64, ptwk_a64_cases, name);

static void ptwk_a64_fmt(struct kunit *test, enum ptwk_a64_fmt which,
			 struct ptwalk_fmt *fmt)
{
	int ret = -EINVAL;

	switch (which) {
	case S1:
		ret = ptwalk_fmt_arm64_init(fmt, PTWALK_ARM64_S1, 12, 48, 0, 48, false);
		break;
	case S2:
		ret = ptwalk_fmt_arm64_init(fmt, PTWALK_ARM64_S2, 12, 48, 0, 48, false);
		break;
	case S1LPA2:
		ret = ptwalk_fmt_arm64_init(fmt, PTWALK_ARM64_S1, 12, 52, -1, 52, true);
		break;
	case S2_40:
		ret = ptwalk_fmt_arm64_init(fmt, PTWALK_ARM64_S2, 12, 40, 1, 40, false);
		break;
	case S1_64K:
		ret = ptwalk_fmt_arm64_init(fmt, PTWALK_ARM64_S1, 16, 52, 1, 52, false);
		break;
	}
	KUNIT_ASSERT_EQ(test, ret, 0);
}

static void ptwalk_test_arm64_decode(struct kunit *test)
{
	const struct ptwk_a64_case *c = test->param_value;
	struct ptwalk_attr above = {
		.prot = c->above ? c->above : PTWALK_PERM_MASK,
		.arch = c->above_arch,
	};
	struct ptwalk_fmt fmt;
	struct ptwalk_entry e;

	ptwk_a64_fmt(test, c->fmt, &fmt);
	fmt.decode(&fmt, c->pte, c->level, &above, &e);
	KUNIT_ASSERT_EQ(test, e.kind, c->kind);
	if (c->kind == PTWALK_NONE)
		return;
	if (c->kind == PTWALK_BAD) {
		KUNIT_EXPECT_EQ(test, e.bad, c->bad);
		return;
	}
	KUNIT_EXPECT_EQ(test, e.pa, c->pa);
	KUNIT_EXPECT_EQ(test, e.attr.prot, c->prot);
	KUNIT_EXPECT_EQ(test, e.attr.arch & c->arch_has, c->arch_has);
}

/*
 * Stage 2, 4K, 40-bit IPA from level 1: two concatenated start tables, so
 * root entry 600 (in the second page) translates IPA 600 GiB.
 */
static void ptwalk_test_arm64_concatenated(struct kunit *test)
{
	char *text;
	struct ptwk_mem *m = ptwk_mem_new(test, 8 * PAGE_SIZE);
	u64 root = ptwk_alloc(test, m, 8192, 8192);
	u64 l2 = ptwk_alloc(test, m, 4096, 4096);
	u64 l3 = ptwk_alloc(test, m, 4096, 4096);
	struct ptwalk_fmt fmt;
	struct ptwalk_table t;

	KUNIT_ASSERT_EQ(test, ptwalk_fmt_arm64_from_vtcr(&fmt, VTCR(24, 1, 0, 2)), 0);
	t = ptwk_table(&fmt, m, root);
	ptwk_set(m, root, 600, l2 | V | T);
	ptwk_set(m, l2, 1, l3 | V | T);
	ptwk_set(m, l3, 0, 0x41000000 | PG | S2RW | MAF | A64_SH);
	ptwk_set(m, l3, 1, 0x41001000 | PG | S2RW | MAF | A64_SH);
	ptwk_set(m, l2, 2, 0x41400000 | BLK | A64_S2AP_R | PTWALK_FIELD(A64_S2_XN, 2));
	ptwk_set(m, root, 1023, 0x3fc0000000ULL | BLK | S2RW);
	text = ptwk_text(test, &t, 0, 1ULL << 40);
	KUNIT_EXPECT_STREQ(test, text,
			   "0x0000009600200000 0x0000009600202000 4K 2 0x0000000041000000 rwx A MA=f SH=IS\n"
			   "0x0000009600400000 0x0000009600600000 2M 1 0x0000000041400000 r-- A MA=0 XN SH=NS\n"
			   "0x000000ffc0000000 0x0000010000000000 1G 1 0x0000003fc0000000 rwx A MA=0 SH=NS\n");
}

/* Sixteen concatenated start tables: the last entry of the last one. */
static void ptwalk_test_arm64_concatenated_16(struct kunit *test)
{
	char *text;
	struct ptwk_mem *m = ptwk_mem_new(test, 20 * PAGE_SIZE);
	u64 root = ptwk_alloc(test, m, 16 * 4096, 4096);
	struct ptwalk_fmt fmt;
	struct ptwalk_table t;

	KUNIT_ASSERT_EQ(test, ptwalk_fmt_arm64_init(&fmt, PTWALK_ARM64_S2, 12, 43, 1,
						    48, false), 0);
	t = ptwk_table(&fmt, m, root);
	ptwk_set(m, root, 8191, 0x40000000 | BLK | S2RW);
	text = ptwk_text(test, &t, 0, 1ULL << 43);
	KUNIT_EXPECT_STREQ(test, text,
			   "0x000007ffc0000000 0x0000080000000000 1G 1 0x0000000040000000 rwx A MA=0 SH=NS\n");
}

/* 5 levels with LPA2: a 52-bit VA mapped to a PA above 48 bits. */
static void ptwalk_test_arm64_lpa2_walk(struct kunit *test)
{
	char *text;
	struct ptwk_mem *m = ptwk_mem_new(test, 8 * PAGE_SIZE);
	u64 root = ptwk_alloc(test, m, 128, 4096);
	u64 l0 = ptwk_alloc(test, m, 4096, 4096);
	u64 l1 = ptwk_alloc(test, m, 4096, 4096);
	u64 l2 = ptwk_alloc(test, m, 4096, 4096);
	u64 l3 = ptwk_alloc(test, m, 4096, 4096);
	struct ptwalk_fmt fmt;
	struct ptwalk_table t;

	KUNIT_ASSERT_EQ(test, ptwalk_fmt_arm64_init(&fmt, PTWALK_ARM64_S1, 12, 52, -1,
						    52, true), 0);
	t = ptwk_table(&fmt, m, root);
	ptwk_set(m, root, 15, l0 | V | T);
	ptwk_set(m, l0, 511, l1 | V | T);
	ptwk_set(m, l1, 511, l2 | V | T);
	ptwk_set(m, l2, 511, l3 | V | T);
	ptwk_set(m, l3, 511, 0x7654000 | PG | A64_AP_EL0 | A64_NG | (2 << 8));
	text = ptwk_text(test, &t, 0, 1ULL << 52);
	KUNIT_EXPECT_STREQ(test, text,
			   "0x000ffffffffff000 0x0010000000000000 4K 1 0x0008000007654000 rwx U A AI=0\n");
}

/* 64K granule: 8192-entry tables, 512M blocks, 52-bit PA. */
static void ptwalk_test_arm64_64k_walk(struct kunit *test)
{
	char *text;
	struct ptwk_mem *m = ptwk_mem_new(test, 4 * 65536);
	u64 root = ptwk_alloc(test, m, 65536, 65536);
	u64 l3 = ptwk_alloc(test, m, 65536, 65536);
	struct ptwalk_fmt fmt;
	struct ptwalk_table t;

	KUNIT_ASSERT_EQ(test, ptwalk_fmt_arm64_init(&fmt, PTWALK_ARM64_S1, 16, 42, 2,
						    52, false), 0);
	t = ptwk_table(&fmt, m, root);
	ptwk_set(m, root, 0, l3 | V | T);
	ptwk_set(m, l3, 8191, 0x12340000 | PG | (0x3ULL << 12) | A64_AP_EL0 | A64_UXN);
	ptwk_set(m, root, 8191, 0xe0000000 | BLK | A64_AP_RO | A64_PXN);
	text = ptwk_text(test, &t, 0, 1ULL << 42);
	KUNIT_EXPECT_STREQ(test, text,
			   "0x000000001fff0000 0x0000000020000000 64K 1 0x0003000012340000 rw- U G A AI=0 UXN SH=NS\n"
			   "0x000003ffe0000000 0x0000040000000000 512M 1 0x00000000e0000000 r-- G A AI=0 PXN SH=NS\n");
}

/* 16K granule: 2048-entry tables and 32M blocks. */
static void ptwalk_test_arm64_16k_walk(struct kunit *test)
{
	char *text;
	struct ptwk_mem *m = ptwk_mem_new(test, 4 * 16384);
	u64 root = ptwk_alloc(test, m, 16384, 16384);
	u64 l2 = ptwk_alloc(test, m, 16384, 16384);
	struct ptwalk_fmt fmt;
	struct ptwalk_table t;

	KUNIT_ASSERT_EQ(test, ptwalk_fmt_arm64_init(&fmt, PTWALK_ARM64_S1, 14, 47, 1,
						    48, false), 0);
	t = ptwk_table(&fmt, m, root);
	ptwk_set(m, root, 2047, l2 | V | T | A64_UXNTABLE);
	ptwk_set(m, l2, 2047, 0x2000000 | BLK | A64_AP_EL0);
	text = ptwk_text(test, &t, 0, 1ULL << 47);
	KUNIT_EXPECT_STREQ(test, text,
			   "0x00007ffffe000000 0x0000800000000000 32M 1 0x0000000002000000 rw- U G A AI=0 UXN SH=NS\n");
}

/* TTBR1 tables translate the top of the space. */
static void ptwalk_test_arm64_ttbr1(struct kunit *test)
{
	char *text;
	struct ptwk_mem *m = ptwk_mem_new(test, 4 * PAGE_SIZE);
	u64 root = ptwk_alloc(test, m, 4096, 4096);
	struct ptwalk_fmt fmt;
	struct ptwalk_table t;
	u64 lin;

	KUNIT_ASSERT_EQ(test, ptwalk_fmt_arm64_init(&fmt, PTWALK_ARM64_S1_TTBR1, 12, 39,
						    1, 48, false), 0);
	KUNIT_EXPECT_EQ(test, ptwalk_to_linear(&fmt, 0x0000008000000000ULL, &lin), -ERANGE);
	KUNIT_EXPECT_EQ(test, ptwalk_to_linear(&fmt, 0xffffff8000000000ULL, &lin), 0);
	KUNIT_EXPECT_EQ(test, lin, 0ULL);
	t = ptwk_table(&fmt, m, root);
	ptwk_set(m, root, 511, 0x40000000 | BLK | A64_PXN | A64_UXN);
	text = ptwk_text(test, &t, 0, 1ULL << 39);
	KUNIT_EXPECT_STREQ(test, text,
			   "0xffffffffc0000000 0x0000000000000000 1G 1 0x0000000040000000 rw- G A AI=0 PXN UXN SH=NS\n");
}

static struct kunit_case ptwalk_arm64_cases[] = {
	KUNIT_CASE_PARAM(ptwalk_test_arm64_geometry, ptwk_geo_gen_params),
	KUNIT_CASE_PARAM(ptwalk_test_arm64_vtcr, ptwk_vtcr_gen_params),
	KUNIT_CASE_PARAM(ptwalk_test_arm64_decode, ptwk_a64_gen_params),
	KUNIT_CASE(ptwalk_test_arm64_concatenated),
	KUNIT_CASE(ptwalk_test_arm64_concatenated_16),
	KUNIT_CASE(ptwalk_test_arm64_lpa2_walk),
	KUNIT_CASE(ptwalk_test_arm64_64k_walk),
	KUNIT_CASE(ptwalk_test_arm64_16k_walk),
	KUNIT_CASE(ptwalk_test_arm64_ttbr1),
	{}
};

static struct kunit_suite ptwalk_arm64_suite = {
	.name = "ptwalk_arm64",
	.test_cases = ptwalk_arm64_cases,
};

kunit_test_suite(ptwalk_arm64_suite);

MODULE_DESCRIPTION("KUnit tests for ptwalk's arm64 stage-1 and stage-2 formats");
MODULE_LICENSE("GPL");
