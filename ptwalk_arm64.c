// SPDX-License-Identifier: GPL-2.0
/*
 * arm64 VMSAv8-64 formats: stage 1 (TTBR0 and TTBR1) and stage 2, with
 * 4K, 16K and 64K granules, input sizes up to 52 bits, start levels -1 to 3,
 * concatenated stage-2 start tables, and 52-bit output addresses both the
 * FEAT_LPA2 way (4K/16K) and the 64K FEAT_LPA way.  The geometry is built
 * from these parameters, independently of the host's own configuration, so
 * the walker can read a guest's stage 2 or a 16K stage 1 on a 4K host.
 *
 * Level numbering is ptwalk's (leaf = 0); the architecture's level n is
 * ptwalk level 3 - n.  Bit positions follow the Arm ARM, section D8.
 */

#include <linux/bitfield.h>
#include <linux/bits.h>
#include <linux/errno.h>
#include <linux/export.h>
#include <linux/kernel.h>
#include <linux/string.h>

#include "ptwalk.h"
#include "ptwalk_arm64.h"

/* arch bits that only carry information for the token tables */
#define A64_ARCH_SH_VALID	BIT_ULL(12)	/* SH is a field, not OA */

/* Output address of a descriptor whose address field starts at @lsb. */
static u64 a64_oa(const struct ptwalk_fmt *fmt, u64 pte, unsigned int lsb)
{
	if (fmt->variant & A64_V_LPA2)
		return (pte & GENMASK_ULL(49, lsb)) |
		       FIELD_GET(A64_OA_LPA2_HI, pte) << 50;
	if (fmt->variant & A64_V_LPA)
		return (pte & GENMASK_ULL(47, lsb)) |
		       FIELD_GET(A64_OA_LPA_HI, pte) << 48;
	return pte & GENMASK_ULL(47, lsb);
}

/* The address bits of a page descriptor that are the address's own bits. */
static u64 a64_leaf_pa_mask(const struct ptwalk_fmt *fmt)
{
	unsigned int top = fmt->variant & A64_V_LPA2 ? 50 : 48;

	return GENMASK_ULL(min_t(unsigned int, fmt->oa_bits, top) - 1,
			   fmt->lvl[0].shift);
}

static void a64_bad(struct ptwalk_entry *e, u32 why)
{
	e->kind = PTWALK_BAD;
	e->bad |= why;
}

/* Stage-1 table descriptors restrict everything below them. */
static void a64_s1_table(const struct ptwalk_attr *above, u64 pte,
			 struct ptwalk_entry *e)
{
	e->attr = *above;
	if (pte & A64_APTABLE_NO_EL0)
		e->attr.prot &= ~PTWALK_U;
	if (pte & A64_APTABLE_RO)
		e->attr.prot &= ~PTWALK_W;
	if (pte & A64_PXNTABLE)
		e->attr.arch |= A64_PXN;
	if (pte & A64_UXNTABLE)
		e->attr.arch |= A64_UXN;
}

static void a64_s1_leaf(const struct ptwalk_fmt *fmt, u64 pte,
			const struct ptwalk_attr *above, struct ptwalk_entry *e)
{
	u64 arch = pte & (A64_ATTRINDX | A64_NS | A64_CONT | A64_PXN |
			  A64_UXN | A64_DBM | BIT_ULL(50));
	u32 prot = PTWALK_R;

	arch |= above->arch & (A64_PXN | A64_UXN);
	if (!(pte & A64_AP_RO) || (pte & A64_DBM))
		prot |= PTWALK_W;
	if (pte & A64_AP_EL0)
		prot |= PTWALK_U;
	prot &= above->prot | ~PTWALK_PERM_MASK;
	if (!(arch & (prot & PTWALK_U ? A64_UXN : A64_PXN)))
		prot |= PTWALK_X;
	if (!(pte & A64_NG))
		prot |= PTWALK_G;
	if (pte & A64_AF)
		prot |= PTWALK_A;
	if ((pte & A64_DBM) && !(pte & A64_AP_RO))
		prot |= PTWALK_D;
	if (fmt->variant & A64_V_LINUX)
		arch |= pte & A64_SW_DIRTY;
	e->attr.prot = prot;
	e->attr.arch = arch;
}

static void a64_s2_leaf(u64 pte, struct ptwalk_entry *e)
{
	u32 prot = 0;

	if (pte & A64_S2AP_R)
		prot |= PTWALK_R;
	if ((pte & A64_S2AP_W) || (pte & A64_DBM))
		prot |= PTWALK_W;
	if (!(pte & A64_S2_XN))
		prot |= PTWALK_X;
	if (pte & A64_AF)
		prot |= PTWALK_A;
	if ((pte & A64_DBM) && (pte & A64_S2AP_W))
		prot |= PTWALK_D;
	e->attr.prot = prot;
	e->attr.arch = pte & (A64_S2_MEMATTR | A64_CONT | A64_S2_XN | A64_DBM);
}

/*
 * One decoder for both stages: the descriptor types and the address
 * layout are shared, only the attributes differ.
 */
static void a64_decode(const struct ptwalk_fmt *fmt, u64 pte, int level,
		       const struct ptwalk_attr *above, struct ptwalk_entry *e)
{
	unsigned int g = fmt->lvl[0].shift;
	unsigned int shift = fmt->lvl[level].shift;
	bool s2 = fmt->variant & A64_V_S2;

	memset(e, 0, sizeof(*e));
	if (!(pte & A64_VALID))
		return;

	if (level > 0 && (pte & A64_TABLE)) {
		e->kind = PTWALK_TABLE;
		e->pa = a64_oa(fmt, pte, g);
		if (s2)
			e->attr = *above;
		else
			a64_s1_table(above, pte, e);
		if (e->pa >> fmt->oa_bits)
			a64_bad(e, PTWALK_BAD_RSVD);
		return;
	}
	/* At the last level, type 0b01 is reserved and faults like invalid. */
	if (level == 0 && !(pte & A64_TABLE)) {
		a64_bad(e, PTWALK_BAD_TYPE);
		return;
	}
	if (!fmt->lvl[level].leaf_ok) {
		a64_bad(e, PTWALK_BAD_LEVEL);
		return;
	}

	e->kind = PTWALK_LEAF;
	e->pa = a64_oa(fmt, pte, shift);
	if (s2)
		a64_s2_leaf(pte, e);
	else
		a64_s1_leaf(fmt, pte, above, e);
	if (!(fmt->variant & A64_V_LPA2))
		e->attr.arch |= (pte & A64_SH) | A64_ARCH_SH_VALID;

	/* Block address bits below the block size (above nT) are RES0. */
	if (shift > 17 && (pte & GENMASK_ULL(shift - 1, 17)))
		a64_bad(e, PTWALK_BAD_RSVD);
	if (e->pa >> fmt->oa_bits)
		a64_bad(e, PTWALK_BAD_RSVD);
}

#define A64_AI(n) { A64_ATTRINDX, PTWALK_FIELD(A64_ATTRINDX, n), "AI=" #n }
#define A64_MA(n) { A64_S2_MEMATTR, PTWALK_FIELD(A64_S2_MEMATTR, 0x##n), \
		    "MA=" #n }

static const struct ptwalk_token a64_s1_tokens[] = {
	A64_AI(0), A64_AI(1), A64_AI(2), A64_AI(3),
	A64_AI(4), A64_AI(5), A64_AI(6), A64_AI(7),
	{ A64_NS,	A64_NS,		"NS" },
	{ A64_PXN,	A64_PXN,	"PXN" },
	{ A64_UXN,	A64_UXN,	"UXN" },
	{ BIT_ULL(50),	BIT_ULL(50),	"GP" },
	{ A64_DBM,	A64_DBM,	"DBM" },
	{ A64_CONT,	A64_CONT,	"CONT" },
	{ }
};

/* Shareability, a field only without LPA2 (then bits 9:8 hold PA bits). */
static const struct ptwalk_token a64_sh_tokens[] = {
	{ A64_SH | A64_ARCH_SH_VALID, A64_ARCH_SH_VALID, "SH=NS" },
	{ A64_SH | A64_ARCH_SH_VALID, A64_ARCH_SH_VALID | 0x200, "SH=OS" },
	{ A64_SH | A64_ARCH_SH_VALID, A64_ARCH_SH_VALID | 0x300, "SH=IS" },
	{ }
};

/* Linux's software dirty bit, in host stage-1 tables. */
static const struct ptwalk_token a64_linux_tokens[] = {
	{ A64_SW_DIRTY,	A64_SW_DIRTY,	"SWD" },
	{ }
};

static const struct ptwalk_token a64_s2_tokens[] = {
	A64_MA(0), A64_MA(1), A64_MA(2), A64_MA(3),
	A64_MA(4), A64_MA(5), A64_MA(6), A64_MA(7),
	A64_MA(8), A64_MA(9), A64_MA(a), A64_MA(b),
	A64_MA(c), A64_MA(d), A64_MA(e), A64_MA(f),
	{ A64_S2_XN,	PTWALK_FIELD(A64_S2_XN, 1),	"PXN" },
	{ A64_S2_XN,	PTWALK_FIELD(A64_S2_XN, 2),	"XN" },
	{ A64_S2_XN,	PTWALK_FIELD(A64_S2_XN, 3),	"UXN" },
	{ A64_DBM,	A64_DBM,	"DBM" },
	{ A64_CONT,	A64_CONT,	"CONT" },
	{ }
};

static const struct ptwalk_token a64_table_tokens[] = {
	{ A64_PXNTABLE,		A64_PXNTABLE,		"PXNT" },
	{ A64_UXNTABLE,		A64_UXNTABLE,		"UXNT" },
	{ A64_APTABLE_NO_EL0,	A64_APTABLE_NO_EL0,	"APT0" },
	{ A64_APTABLE_RO,	A64_APTABLE_RO,		"APT1" },
	{ A64_NSTABLE,		A64_NSTABLE,		"NST" },
	{ }
};

static const char *const a64_level_names[] = { "L3", "L2", "L1", "L0", "L-1" };

static const char *const a64_fmt_names[3][3] = {
	[PTWALK_ARM64_S1]	= { "arm64-s1/4K", "arm64-s1/16K", "arm64-s1/64K" },
	[PTWALK_ARM64_S1_TTBR1]	= { "arm64-s1h/4K", "arm64-s1h/16K", "arm64-s1h/64K" },
	[PTWALK_ARM64_S2]	= { "arm64-s2/4K", "arm64-s2/16K", "arm64-s2/64K" },
};

/*
 * Which levels may hold blocks (Arm ARM D8.2): arch level 2 always; level 1
 * with 4K, or 16K with LPA2, or 64K with 52-bit output; level 0 with 4K and
 * LPA2.  Level 3 holds pages.
 */
static bool a64_block_ok(unsigned int g, int arch_level, bool lpa2,
			 unsigned int oa_bits)
{
	switch (arch_level) {
	case 3:
	case 2:
		return true;
	case 1:
		return g == 12 || (g == 14 && lpa2) || (g == 16 && oa_bits > 48);
	case 0:
		return g == 12 && lpa2;
	default:
		return false;
	}
}

/**
 * ptwalk_fmt_arm64_init() - Build an arm64 format from its parameters.
 * @fmt:	Filled in.
 * @stage:	Which translation regime.
 * @granule_shift: 12, 14 or 16.
 * @ia_bits:	Input address size.
 * @start_level: Architectural start level.
 * @oa_bits:	Output address size.
 * @lpa2:	Descriptors use the FEAT_LPA2 layout.
 *
 * Return: 0, or -EINVAL for an invalid combination.
 */
int ptwalk_fmt_arm64_init(struct ptwalk_fmt *fmt, enum ptwalk_arm64_stage stage,
			  unsigned int granule_shift, unsigned int ia_bits,
			  int start_level, unsigned int oa_bits, bool lpa2)
{
	unsigned int g = granule_shift, bits = g - 3;
	unsigned int max_root;
	int levels, l;

	if (g != 12 && g != 14 && g != 16)
		return -EINVAL;
	if (stage > PTWALK_ARM64_S2 || ia_bits < 25 || ia_bits > 52 ||
	    oa_bits < 32 || oa_bits > 52)
		return -EINVAL;
	if (lpa2 && g == 16)
		return -EINVAL;
	/* Beyond 48 bits, 4K and 16K need LPA2. */
	if (g != 16 && !lpa2 && (ia_bits > 48 || oa_bits > 48))
		return -EINVAL;
	if (start_level < (g == 12 && lpa2 ? -1 : 0) || start_level > 3)
		return -EINVAL;

	memset(fmt, 0, sizeof(*fmt));
	levels = 4 - start_level;
	for (l = 0; l < levels; l++) {
		fmt->lvl[l].shift = g + l * bits;
		fmt->lvl[l].bits = bits;
		fmt->lvl[l].leaf_ok = a64_block_ok(g, 3 - l, lpa2, oa_bits);
		fmt->lvl[l].name = a64_level_names[l];
	}
	/*
	 * The start level translates what is left of the input address; on
	 * stage 2 up to 16 start tables may be concatenated (4 more bits).
	 */
	max_root = bits + (stage == PTWALK_ARM64_S2 ? 4 : 0);
	if (ia_bits <= fmt->lvl[levels - 1].shift ||
	    ia_bits - fmt->lvl[levels - 1].shift > max_root)
		return -EINVAL;

	fmt->name = a64_fmt_names[stage][(g - 12) / 2];
	fmt->levels = levels;
	fmt->ia_bits = ia_bits;
	fmt->oa_bits = oa_bits;
	fmt->root_bits = ia_bits - fmt->lvl[levels - 1].shift;
	fmt->flags = stage == PTWALK_ARM64_S1_TTBR1 ? PTWALK_FMT_HIGH : 0;
	fmt->decode = a64_decode;
	fmt->leaf_pa_mask = a64_leaf_pa_mask;
	fmt->table_tokens = stage == PTWALK_ARM64_S2 ? NULL : a64_table_tokens;
	fmt->tokens[0] = stage == PTWALK_ARM64_S2 ? a64_s2_tokens : a64_s1_tokens;
	fmt->tokens[1] = a64_sh_tokens;
	if (stage == PTWALK_ARM64_S2)
		fmt->variant |= A64_V_S2;
	if (lpa2)
		fmt->variant |= A64_V_LPA2;
	else if (g == 16 && oa_bits > 48)
		fmt->variant |= A64_V_LPA;
	return 0;
}
EXPORT_SYMBOL_GPL(ptwalk_fmt_arm64_init);

/**
 * ptwalk_fmt_arm64_from_vtcr() - Build a stage-2 format from VTCR_EL2.
 * @fmt:	Filled in.
 * @vtcr:	The register value.
 *
 * The start level comes from SL0 (and SL2 with DS), read per granule as in
 * the Arm ARM's VTCR_EL2 description; the output size from PS.
 *
 * Return: 0, or -EINVAL for a reserved encoding.
 */
int ptwalk_fmt_arm64_from_vtcr(struct ptwalk_fmt *fmt, u64 vtcr)
{
	static const u8 ps_bits[8] = { 32, 36, 40, 42, 44, 48, 52, 0 };
	static const u8 tg0_shift[4] = { 12, 16, 14, 0 };
	unsigned int sl0 = FIELD_GET(A64_VTCR_SL0, vtcr);
	unsigned int g = tg0_shift[FIELD_GET(A64_VTCR_TG0, vtcr)];
	unsigned int oa = ps_bits[FIELD_GET(A64_VTCR_PS, vtcr)];
	bool ds = vtcr & A64_VTCR_DS;
	int start;

	if (!g || !oa)
		return -EINVAL;
	if (g == 12) {
		static const s8 sl0_4k[4] = { 2, 1, 0, 3 };

		start = sl0_4k[sl0];
		if (ds && (vtcr & A64_VTCR_SL2)) {
			if (sl0)
				return -EINVAL;
			start = -1;
		}
	} else {
		start = 3 - sl0;
		if (g == 16 && sl0 == 3)
			return -EINVAL;
	}
	return ptwalk_fmt_arm64_init(fmt, PTWALK_ARM64_S2, g,
				     64 - FIELD_GET(A64_VTCR_T0SZ, vtcr),
				     start, oa, ds && g != 16);
}
EXPORT_SYMBOL_GPL(ptwalk_fmt_arm64_from_vtcr);

/**
 * ptwalk_fmt_arm64_linux() - Let an arm64 format decode Linux's software bits.
 * @fmt:	A stage-1 format describing a Linux host's tables.
 *
 * Linux keeps a software dirty bit (55) besides the DBM state: token SWD.
 */
void ptwalk_fmt_arm64_linux(struct ptwalk_fmt *fmt)
{
	fmt->variant |= A64_V_LINUX;
	fmt->tokens[2] = a64_linux_tokens;
}
EXPORT_SYMBOL_GPL(ptwalk_fmt_arm64_linux);
