// SPDX-License-Identifier: GPL-2.0
/*
 * x86 page-table formats: long mode (4- and 5-level), 32-bit, PAE, EPT
 * (4- and 5-level, with and without accessed/dirty flags) and NPT as KVM
 * on AMD builds it.  Every format is data: a geometry table, a decode hook
 * and token tables.  They are built on every architecture, so a KUnit run
 * anywhere covers them all.
 *
 * Bit positions follow the Intel SDM vol. 3, chapters 4 (paging) and 29
 * (EPT), and the AMD APM vol. 2, chapter 5 and 15.25 (nested paging).
 */

#include <linux/bitfield.h>
#include <linux/bits.h>
#include <linux/build_bug.h>
#include <linux/errno.h>
#include <linux/export.h>
#include <linux/kernel.h>
#include <linux/string.h>

#include "ptwalk.h"
#include "ptwalk_x86.h"

/* The C-bit of an SME host's or an SEV guest's entries, or 0. */
static u64 x86_enc(const struct ptwalk_fmt *fmt)
{
	unsigned int bit = FIELD_GET(X86_V_ENC, fmt->variant);

	return bit ? BIT_ULL(bit) : 0;
}

/*
 * Reserved address bits of an entry: from MAXPHYADDR up to bit 51, except
 * the C-bit, which SME and SEV leave above their reduced MAXPHYADDR.
 */
static u64 x86_rsvd_addr(const struct ptwalk_fmt *fmt)
{
	return GENMASK_ULL(51, 0) & ~GENMASK_ULL(fmt->oa_bits - 1, 0) &
	       ~x86_enc(fmt);
}

/* The address bits of a PTE (bit 7 is PAT there, not an address bit). */
static u64 x86_leaf_pa_mask(const struct ptwalk_fmt *fmt)
{
	if (fmt->flags & PTWALK_FMT_PTE32)
		return GENMASK_ULL(31, 12);
	return X86_PTE_ADDR & GENMASK_ULL(fmt->oa_bits - 1, 0) & ~x86_enc(fmt);
}

/*
 * Paging-structure entries of long mode, PAE and NPT.  @fmt->variant says
 * which of the bits exist: NX (not in 32-bit paging), PAT in large leaves,
 * protection keys (long mode only), the C-bit (memory encryption).
 */
static void x86_decode(const struct ptwalk_fmt *fmt, u64 pte, int level,
		       const struct ptwalk_attr *above, struct ptwalk_entry *e)
{
	unsigned long v = fmt->variant;
	bool large = level > 0 && (pte & X86_PTE_PS);
	u64 enc = x86_enc(fmt), addr = X86_PTE_ADDR & ~enc;
	u64 rsvd = x86_rsvd_addr(fmt);
	u32 prot = PTWALK_R;

	memset(e, 0, sizeof(*e));
	if (!(pte & X86_PTE_P))
		return;
	/* MMIO and other special SPTEs are "present" only to the CPU. */
	if ((v & X86_V_KVM) && !(pte & KVM_SPTE_MMU_PRESENT))
		return;

	if (pte & X86_PTE_RW)
		prot |= PTWALK_W;
	if (pte & X86_PTE_US)
		prot |= PTWALK_U;
	if (!(v & X86_V_NX) || !(pte & X86_PTE_NX))
		prot |= PTWALK_X;
	/* Nested walks are user accesses: U=0 denies everything. */
	if (v & X86_V_NPT)
		prot = prot & PTWALK_U ? prot & ~PTWALK_U : 0;
	if (!(v & X86_V_NX))
		rsvd |= X86_PTE_NX;

	/* PAE's PDPTEs carry no permissions and reserve most bits. */
	if ((v & X86_V_PAE) && level == fmt->levels - 1) {
		rsvd |= X86_PDPTE_RSVD;
		prot = PTWALK_PERM_MASK;
	}

	if (level > 0 && !large) {
		e->kind = PTWALK_TABLE;
		e->pa = pte & addr & ~rsvd;
		e->attr.prot = above->prot & prot;
		if (pte & rsvd)
			goto bad_rsvd;
		return;
	}

	if (large) {
		if (!fmt->lvl[level].leaf_ok) {
			e->kind = PTWALK_BAD;
			e->bad = PTWALK_BAD_LEVEL;
			return;
		}
		/* Address bits below the page size, above PAT, are reserved. */
		rsvd |= GENMASK_ULL(fmt->lvl[level].shift - 1, 13);
		e->pa = pte & addr & ~rsvd &
			~GENMASK_ULL(fmt->lvl[level].shift - 1, 0);
		if (pte & X86_PTE_PAT_LARGE)
			e->attr.arch |= X86_PTE_PAT;
	} else {
		e->pa = pte & addr & ~rsvd;
		if (pte & X86_PTE_PAT)
			e->attr.arch |= X86_PTE_PAT;
	}
	e->kind = PTWALK_LEAF;
	e->attr.arch |= pte & (X86_PTE_PWT | X86_PTE_PCD);
	if (pte & enc)
		e->attr.arch |= X86_ATTR_ENC;
	if (v & X86_V_PKEY)
		e->attr.arch |= pte & X86_PTE_PKEY;
	if (v & X86_V_KVM)
		e->attr.arch |= pte & (KVM_SPTE_HOST_WRITABLE |
				       KVM_SPTE_MMU_WRITABLE);
	if (v & X86_V_LINUX)
		e->attr.arch |= pte & X86_PTE_SAVED_DIRTY;

	if ((pte & X86_PTE_G) && !(v & X86_V_NPT))
		prot |= PTWALK_G;
	if (pte & X86_PTE_A)
		prot |= PTWALK_A;
	if (pte & X86_PTE_D)
		prot |= PTWALK_D;
	e->attr.prot = (prot & ~PTWALK_PERM_MASK) |
		       (prot & above->prot & PTWALK_PERM_MASK);
	if (pte & rsvd)
		goto bad_rsvd;
	return;

bad_rsvd:
	e->kind = PTWALK_BAD;
	e->bad = PTWALK_BAD_RSVD;
}

/*
 * 32-bit paging: 4-byte entries, 4M pages with PSE-36 holding PA bits 39:32
 * in bits 20:13 of the PDE, no NX.
 */
static void x86_32_decode(const struct ptwalk_fmt *fmt, u64 pte, int level,
			  const struct ptwalk_attr *above,
			  struct ptwalk_entry *e)
{
	if (level == 1 && (pte & X86_PTE_P) && (pte & X86_PTE_PS)) {
		u64 low = pte & ~(X86_PDE32_PSE36 | BIT_ULL(21));

		x86_decode(fmt, low, level, above, e);
		if (e->kind != PTWALK_LEAF)
			return;
		e->pa = (pte & GENMASK_ULL(31, 22)) |
			(FIELD_GET(X86_PDE32_PSE36, pte) << 32);
		if (pte & BIT_ULL(21)) {
			e->kind = PTWALK_BAD;
			e->bad = PTWALK_BAD_RSVD;
		}
		return;
	}
	x86_decode(fmt, pte, level, above, e);
}

/*
 * EPT entries: present when any of R/W/X is set; write-only and
 * write-execute combinations are misconfigurations, and so are memory
 * types 2, 3 and 7.  Accessed and dirty exist only when the EPTP enables
 * them; without, the masks are zero (as in KVM's PT_GUEST_ACCESSED_MASK).
 */
static void ept_decode(const struct ptwalk_fmt *fmt, u64 pte, int level,
		       const struct ptwalk_attr *above, struct ptwalk_entry *e)
{
	u64 ad = fmt->variant & X86_V_EPT_AD ? EPT_A | EPT_D : 0;
	u64 rsvd = x86_rsvd_addr(fmt);
	bool large = level > 0 && (pte & EPT_PS);
	u32 prot = 0;
	u64 mt;

	memset(e, 0, sizeof(*e));
	if (!(pte & (EPT_R | EPT_W | EPT_X)))
		return;
	if ((fmt->variant & X86_V_KVM) && !(pte & KVM_SPTE_MMU_PRESENT))
		return;

	if (pte & EPT_R)
		prot |= PTWALK_R;
	if (pte & EPT_W)
		prot |= PTWALK_W;
	if (pte & EPT_X)
		prot |= PTWALK_X;

	if ((pte & (EPT_R | EPT_W)) == EPT_W) {
		e->kind = PTWALK_BAD;
		e->bad = PTWALK_BAD_TYPE;
		return;
	}

	if (level > 0 && !large) {
		e->kind = PTWALK_TABLE;
		e->pa = pte & X86_PTE_ADDR & ~rsvd;
		e->attr.prot = above->prot & prot;
		/* Memory type, IPAT and PS are reserved in tables. */
		if (pte & (rsvd | EPT_MT | EPT_IPAT)) {
			e->kind = PTWALK_BAD;
			e->bad = PTWALK_BAD_RSVD;
		}
		return;
	}
	if (large && !fmt->lvl[level].leaf_ok) {
		e->kind = PTWALK_BAD;
		e->bad = PTWALK_BAD_LEVEL;
		return;
	}
	if (large)
		rsvd |= GENMASK_ULL(fmt->lvl[level].shift - 1, 12);

	e->kind = PTWALK_LEAF;
	e->pa = pte & X86_PTE_ADDR & ~rsvd;
	e->attr.arch = pte & (EPT_MT | EPT_IPAT | EPT_XU | EPT_SVE);
	if (fmt->variant & X86_V_KVM)
		e->attr.arch |= pte & (KVM_EPT_SPTE_HOST_WRITABLE |
				       KVM_EPT_SPTE_MMU_WRITABLE);
	if (pte & ad & EPT_A)
		prot |= PTWALK_A;
	if (pte & ad & EPT_D)
		prot |= PTWALK_D;
	e->attr.prot = (prot & ~PTWALK_PERM_MASK) |
		       (prot & above->prot & PTWALK_PERM_MASK);

	mt = FIELD_GET(EPT_MT, pte);
	if (mt == 2 || mt == 3 || mt == 7) {
		e->kind = PTWALK_BAD;
		e->bad = PTWALK_BAD_TYPE;
	} else if (pte & rsvd) {
		e->kind = PTWALK_BAD;
		e->bad = PTWALK_BAD_RSVD;
	}
}

#define X86_PKEY_TOKEN(n) { X86_PTE_PKEY, (u64)(n) << 59, "PK=" #n }

static const struct ptwalk_token x86_tokens[] = {
	{ X86_PTE_PWT,	X86_PTE_PWT,	"PWT" },
	{ X86_PTE_PCD,	X86_PTE_PCD,	"PCD" },
	{ X86_PTE_PAT,	X86_PTE_PAT,	"PAT" },
	X86_PKEY_TOKEN(1), X86_PKEY_TOKEN(2), X86_PKEY_TOKEN(3),
	X86_PKEY_TOKEN(4), X86_PKEY_TOKEN(5), X86_PKEY_TOKEN(6),
	X86_PKEY_TOKEN(7), X86_PKEY_TOKEN(8), X86_PKEY_TOKEN(9),
	X86_PKEY_TOKEN(10), X86_PKEY_TOKEN(11), X86_PKEY_TOKEN(12),
	X86_PKEY_TOKEN(13), X86_PKEY_TOKEN(14), X86_PKEY_TOKEN(15),
	{ X86_ATTR_ENC,	X86_ATTR_ENC,	"ENC" },
	{ }
};

/* Software bits: Linux's in host tables, KVM's in SPTEs. */
static const struct ptwalk_token x86_linux_tokens[] = {
	{ X86_PTE_SAVED_DIRTY, X86_PTE_SAVED_DIRTY, "SD" },
	{ }
};

static const struct ptwalk_token x86_kvm_tokens[] = {
	{ KVM_SPTE_HOST_WRITABLE, KVM_SPTE_HOST_WRITABLE, "HW" },
	{ KVM_SPTE_MMU_WRITABLE, KVM_SPTE_MMU_WRITABLE, "MW" },
	{ }
};

/* KVM's non-present SPTEs that still mean something. */
static const struct ptwalk_token npt_kvm_none_tokens[] = {
	{ X86_PTE_P | KVM_SPTE_MMU_PRESENT, X86_PTE_P, "MMIO" },
	{ ~0ULL, KVM_FROZEN_SPTE, "FROZEN" },
	{ ~0ULL, BIT_ULL(63) | KVM_FROZEN_SPTE, "FROZEN" },
	{ }
};

static const struct ptwalk_token x86_table_tokens[] = {
	{ X86_PTE_RW,	0,		"RO" },
	{ X86_PTE_US,	0,		"S" },
	{ X86_PTE_NX,	X86_PTE_NX,	"NX" },
	{ X86_PTE_A,	X86_PTE_A,	"A" },
	{ X86_PTE_PWT,	X86_PTE_PWT,	"PWT" },
	{ X86_PTE_PCD,	X86_PTE_PCD,	"PCD" },
	{ }
};

/*
 * The raw view names a table entry's bits from its raw value, so each
 * position the C-bit may take has a copy of x86_table_tokens of its own,
 * with ENC for the one bit of @enc.
 */
#define X86_ENC_TABLE_TOKENS(enc)					\
	{								\
		{ X86_PTE_RW,	0,		"RO" },			\
		{ X86_PTE_US,	0,		"S" },			\
		{ X86_PTE_NX,	X86_PTE_NX,	"NX" },			\
		{ X86_PTE_A,	X86_PTE_A,	"A" },			\
		{ X86_PTE_PWT,	X86_PTE_PWT,	"PWT" },		\
		{ X86_PTE_PCD,	X86_PTE_PCD,	"PCD" },		\
		{ enc,		1ULL << __builtin_ctzll(enc), "ENC" },	\
		{ }							\
	}

static const struct ptwalk_token x86_enc_table_tokens[][8] = {
	X86_ENC_TABLE_TOKENS(BIT_ULL(32)), X86_ENC_TABLE_TOKENS(BIT_ULL(33)),
	X86_ENC_TABLE_TOKENS(BIT_ULL(34)), X86_ENC_TABLE_TOKENS(BIT_ULL(35)),
	X86_ENC_TABLE_TOKENS(BIT_ULL(36)), X86_ENC_TABLE_TOKENS(BIT_ULL(37)),
	X86_ENC_TABLE_TOKENS(BIT_ULL(38)), X86_ENC_TABLE_TOKENS(BIT_ULL(39)),
	X86_ENC_TABLE_TOKENS(BIT_ULL(40)), X86_ENC_TABLE_TOKENS(BIT_ULL(41)),
	X86_ENC_TABLE_TOKENS(BIT_ULL(42)), X86_ENC_TABLE_TOKENS(BIT_ULL(43)),
	X86_ENC_TABLE_TOKENS(BIT_ULL(44)), X86_ENC_TABLE_TOKENS(BIT_ULL(45)),
	X86_ENC_TABLE_TOKENS(BIT_ULL(46)), X86_ENC_TABLE_TOKENS(BIT_ULL(47)),
	X86_ENC_TABLE_TOKENS(BIT_ULL(48)), X86_ENC_TABLE_TOKENS(BIT_ULL(49)),
	X86_ENC_TABLE_TOKENS(BIT_ULL(50)), X86_ENC_TABLE_TOKENS(BIT_ULL(51)),
};

static const struct ptwalk_token ept_tokens[] = {
	{ EPT_MT,	PTWALK_FIELD(EPT_MT, 0),	"MT=UC" },
	{ EPT_MT,	PTWALK_FIELD(EPT_MT, 1),	"MT=WC" },
	{ EPT_MT,	PTWALK_FIELD(EPT_MT, 4),	"MT=WT" },
	{ EPT_MT,	PTWALK_FIELD(EPT_MT, 5),	"MT=WP" },
	{ EPT_MT,	PTWALK_FIELD(EPT_MT, 6),	"MT=WB" },
	{ EPT_IPAT,	EPT_IPAT,	"IPAT" },
	{ EPT_XU,	EPT_XU,		"XU" },
	{ EPT_SVE,	EPT_SVE,	"SVE" },
	{ }
};

static const struct ptwalk_token ept_kvm_tokens[] = {
	{ KVM_EPT_SPTE_HOST_WRITABLE, KVM_EPT_SPTE_HOST_WRITABLE, "HW" },
	{ KVM_EPT_SPTE_MMU_WRITABLE, KVM_EPT_SPTE_MMU_WRITABLE, "MW" },
	{ }
};

/* KVM's EPT MMIO SPTEs are write+execute: a misconfiguration on purpose. */
static const struct ptwalk_token ept_kvm_none_tokens[] = {
	{ EPT_R | EPT_W | EPT_X | KVM_SPTE_MMU_PRESENT, EPT_W | EPT_X, "MMIO" },
	{ EPT_R | EPT_W | EPT_X | KVM_SPTE_MMU_PRESENT, KVM_SPTE_MMU_PRESENT,
	  "ACCTRACK" },
	{ ~0ULL, KVM_FROZEN_SPTE, "FROZEN" },
	{ ~0ULL, BIT_ULL(63) | KVM_FROZEN_SPTE, "FROZEN" },
	{ }
};

static const struct ptwalk_token ept_table_tokens[] = {
	{ EPT_A,	EPT_A,		"A" },
	{ EPT_XU,	EPT_XU,		"XU" },
	{ }
};

/* Intel and AMD agree on these bits. */
static_assert(X86_PTE_PAT == X86_PTE_PS);
static_assert(!(X86_PTE_PKEY & X86_PTE_ADDR));
static_assert(!(EPT_MT & (EPT_R | EPT_W | EPT_X | EPT_IPAT)));

/* The C-bit's place in &ptwalk_attr.arch is no other attribute's. */
static_assert(!(X86_ATTR_ENC & (X86_PTE_ADDR | X86_PTE_PKEY | X86_PTE_PAT |
				X86_PTE_PWT | X86_PTE_PCD |
				X86_PTE_SAVED_DIRTY | KVM_SPTE_HOST_WRITABLE |
				KVM_SPTE_MMU_WRITABLE)));
static_assert(ARRAY_SIZE(x86_enc_table_tokens) ==
	      X86_ENC_BIT_MAX - X86_ENC_BIT_MIN + 1);
static_assert(ARRAY_SIZE(x86_enc_table_tokens[0]) ==
	      ARRAY_SIZE(x86_table_tokens) + 1);
static_assert((X86_V_ENC >> __builtin_ctzl(X86_V_ENC)) >= X86_ENC_BIT_MAX);

#define X86_LEVELS_64							\
	{								\
		{ .shift = 12, .bits = 9, .leaf_ok = true, .name = "PTE" },	\
		{ .shift = 21, .bits = 9, .leaf_ok = true, .name = "PDE" },	\
		{ .shift = 30, .bits = 9, .leaf_ok = true, .name = "PDPTE" }, \
		{ .shift = 39, .bits = 9, .name = "PML4E" },		\
		{ .shift = 48, .bits = 9, .name = "PML5E" },		\
	}

#define X86_FMT_64(_name, _levels, _ia, _decode, _tok, _ttok, _variant) \
	{								\
		.name = _name,						\
		.levels = _levels,					\
		.ia_bits = _ia,						\
		.oa_bits = 52,						\
		.root_bits = 9,						\
		.lvl = X86_LEVELS_64,					\
		.decode = _decode,					\
		.tokens = { _tok },					\
		.table_tokens = _ttok,					\
		.variant = _variant,					\
		.leaf_pa_mask = x86_leaf_pa_mask,			\
	}

#define X86_V_LONG	(X86_V_NX | X86_V_PKEY)

const struct ptwalk_fmt ptwalk_fmt_x86_64_4 = {
	.flags = PTWALK_FMT_CANONICAL,
	.name = "x86-64/4", .levels = 4, .ia_bits = 48, .oa_bits = 52,
	.root_bits = 9, .lvl = X86_LEVELS_64, .decode = x86_decode,
	.tokens = { x86_tokens }, .table_tokens = x86_table_tokens,
	.variant = X86_V_LONG, .leaf_pa_mask = x86_leaf_pa_mask,
};
EXPORT_SYMBOL_GPL(ptwalk_fmt_x86_64_4);

const struct ptwalk_fmt ptwalk_fmt_x86_64_5 = {
	.flags = PTWALK_FMT_CANONICAL,
	.name = "x86-64/5", .levels = 5, .ia_bits = 57, .oa_bits = 52,
	.root_bits = 9, .lvl = X86_LEVELS_64, .decode = x86_decode,
	.tokens = { x86_tokens }, .table_tokens = x86_table_tokens,
	.variant = X86_V_LONG, .leaf_pa_mask = x86_leaf_pa_mask,
};
EXPORT_SYMBOL_GPL(ptwalk_fmt_x86_64_5);

const struct ptwalk_fmt ptwalk_fmt_x86_32 = {
	.flags = PTWALK_FMT_PTE32,
	.name = "x86-32", .levels = 2, .ia_bits = 32, .oa_bits = 40,
	.root_bits = 10,
	.lvl = {
		{ .shift = 12, .bits = 10, .leaf_ok = true, .name = "PTE" },
		{ .shift = 22, .bits = 10, .leaf_ok = true, .name = "PDE" },
	},
	.decode = x86_32_decode,
	.tokens = { x86_tokens }, .table_tokens = x86_table_tokens,
	.leaf_pa_mask = x86_leaf_pa_mask,
};
EXPORT_SYMBOL_GPL(ptwalk_fmt_x86_32);

const struct ptwalk_fmt ptwalk_fmt_x86_pae = {
	.name = "x86-pae", .levels = 3, .ia_bits = 32, .oa_bits = 52,
	.root_bits = 2,
	.lvl = {
		{ .shift = 12, .bits = 9, .leaf_ok = true, .name = "PTE" },
		{ .shift = 21, .bits = 9, .leaf_ok = true, .name = "PDE" },
		{ .shift = 30, .bits = 2, .name = "PDPTE" },
	},
	.decode = x86_decode,
	.tokens = { x86_tokens }, .table_tokens = x86_table_tokens,
	.variant = X86_V_NX | X86_V_PAE, .leaf_pa_mask = x86_leaf_pa_mask,
};
EXPORT_SYMBOL_GPL(ptwalk_fmt_x86_pae);

const struct ptwalk_fmt ptwalk_fmt_ept_4 =
	X86_FMT_64("ept/4", 4, 48, ept_decode, ept_tokens, ept_table_tokens, 0);
EXPORT_SYMBOL_GPL(ptwalk_fmt_ept_4);
const struct ptwalk_fmt ptwalk_fmt_ept_4_ad =
	X86_FMT_64("ept/4+ad", 4, 48, ept_decode, ept_tokens, ept_table_tokens,
		   X86_V_EPT_AD);
EXPORT_SYMBOL_GPL(ptwalk_fmt_ept_4_ad);
const struct ptwalk_fmt ptwalk_fmt_ept_5 =
	X86_FMT_64("ept/5", 5, 57, ept_decode, ept_tokens, ept_table_tokens, 0);
EXPORT_SYMBOL_GPL(ptwalk_fmt_ept_5);
const struct ptwalk_fmt ptwalk_fmt_ept_5_ad =
	X86_FMT_64("ept/5+ad", 5, 57, ept_decode, ept_tokens, ept_table_tokens,
		   X86_V_EPT_AD);
EXPORT_SYMBOL_GPL(ptwalk_fmt_ept_5_ad);

/*
 * NPT tables are long-mode tables walked with every access counted as a
 * user access (APM 15.25.5), so U and G mean nothing; KVM marks its
 * present SPTEs with bit 11.
 */
const struct ptwalk_fmt ptwalk_fmt_npt_4 =
	X86_FMT_64("npt/4", 4, 48, x86_decode, x86_tokens, x86_table_tokens,
		   X86_V_NX | X86_V_NPT);
EXPORT_SYMBOL_GPL(ptwalk_fmt_npt_4);
const struct ptwalk_fmt ptwalk_fmt_npt_5 =
	X86_FMT_64("npt/5", 5, 57, x86_decode, x86_tokens, x86_table_tokens,
		   X86_V_NX | X86_V_NPT);
EXPORT_SYMBOL_GPL(ptwalk_fmt_npt_5);

/*
 * An MMIO SPTE caches the memslot generation it was made in, split in two
 * fields; KVM compares it with the current one on each MMIO fault.
 */
static bool kvm_is_mmio_spte(const struct ptwalk_fmt *fmt, u64 pte)
{
	if (pte & KVM_SPTE_MMU_PRESENT)
		return false;
	if (fmt->decode == ept_decode)
		return (pte & (EPT_R | EPT_W | EPT_X)) == (EPT_W | EPT_X);
	return pte & X86_PTE_P;
}

static int kvm_mmio_note(const struct ptwalk_fmt *fmt, u64 pte, char *buf,
			 size_t size)
{
	u64 gen;

	if (!kvm_is_mmio_spte(fmt, pte))
		return 0;
	gen = FIELD_GET(KVM_MMIO_GEN_LOW, pte) |
	      FIELD_GET(KVM_MMIO_GEN_HIGH, pte) << hweight64(KVM_MMIO_GEN_LOW);
	return scnprintf(buf, size, " gen=%llu", gen);
}

/**
 * ptwalk_fmt_x86_kvm() - Copy an EPT or NPT format as KVM's SPTEs use it.
 * @dst:	Receives the copy.
 * @src:	An EPT or NPT format.
 * @empty:	KVM's value for an empty SPTE.
 *
 * Return: 0, or -EINVAL when @src is neither EPT nor a 64-bit x86 format.
 */
int ptwalk_fmt_x86_kvm(struct ptwalk_fmt *dst, const struct ptwalk_fmt *src,
		       u64 empty)
{
	if (src->decode == ept_decode) {
		*dst = *src;
		dst->tokens[1] = ept_kvm_tokens;
		dst->none_tokens = ept_kvm_none_tokens;
	} else if (src->decode == x86_decode && !(src->variant & X86_V_PAE)) {
		*dst = *src;
		dst->flags &= ~PTWALK_FMT_CANONICAL;
		dst->tokens[1] = x86_kvm_tokens;
		dst->none_tokens = npt_kvm_none_tokens;
	} else {
		return -EINVAL;
	}
	dst->variant |= X86_V_KVM;
	dst->none_note = kvm_mmio_note;
	dst->empty = empty;
	return 0;
}
EXPORT_SYMBOL_GPL(ptwalk_fmt_x86_kvm);

/**
 * ptwalk_fmt_x86_set_maxphyaddr() - Copy an x86 format with a given MAXPHYADDR.
 * @dst:	Receives the copy.
 * @src:	One of the x86 formats.
 * @maxphyaddr:	Physical address width.
 *
 * Return: 0, or -EINVAL when @maxphyaddr is outside 32..52.
 */
int ptwalk_fmt_x86_set_maxphyaddr(struct ptwalk_fmt *dst,
				  const struct ptwalk_fmt *src,
				  unsigned int maxphyaddr)
{
	if (maxphyaddr < 32 || maxphyaddr > 52)
		return -EINVAL;
	*dst = *src;
	if (!(src->flags & PTWALK_FMT_PTE32))
		dst->oa_bits = maxphyaddr;
	return 0;
}
EXPORT_SYMBOL_GPL(ptwalk_fmt_x86_set_maxphyaddr);

/*
 * The C-bit's position is kept in @fmt->variant; table entries, named from
 * their raw values, get the token table made for that position.
 */
int ptwalk_fmt_x86_set_enc(struct ptwalk_fmt *fmt, u64 mask)
{
	unsigned int bit = 0;

	if (fmt->decode != x86_decode)
		return mask ? -EINVAL : 0;
	if (mask) {
		bit = __ffs64(mask);
		if (mask != BIT_ULL(bit) || bit < X86_ENC_BIT_MIN ||
		    bit > X86_ENC_BIT_MAX)
			return -EINVAL;
	}
	fmt->variant = (fmt->variant & ~X86_V_ENC) | FIELD_PREP(X86_V_ENC, bit);
	fmt->table_tokens = bit ? x86_enc_table_tokens[bit - X86_ENC_BIT_MIN] :
				  x86_table_tokens;
	return 0;
}
EXPORT_SYMBOL_GPL(ptwalk_fmt_x86_set_enc);

/**
 * ptwalk_fmt_x86_linux() - Let an x86 format decode Linux's software bits.
 * @fmt:	A copy of a long-mode format describing a Linux host's tables.
 *
 * Linux 6.6+ keeps the dirty state of read-only PTEs in bit 58, shown as
 * the token SD.
 */
void ptwalk_fmt_x86_linux(struct ptwalk_fmt *fmt)
{
	fmt->variant |= X86_V_LINUX;
	fmt->tokens[1] = x86_linux_tokens;
}
EXPORT_SYMBOL_GPL(ptwalk_fmt_x86_linux);
