// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite ptwalk_x86: every x86 format, entry by entry (table-driven,
 * expected values from the Intel SDM and AMD APM bit layouts), and whole
 * walks where levels combine: 4- and 5-level reading the same tables,
 * permissions taken away by table entries, 32-bit and PAE geometry, and
 * tables with AMD's C-bit (SME, SEV) in them.
 */

#include <kunit/test.h>

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
#define R_	PTWALK_R
#define W_	PTWALK_W
#define X_	PTWALK_X
#define U_	PTWALK_U
#define ALL	PTWALK_PERM_MASK
#define WB	PTWALK_FIELD(EPT_MT, 6)
#define SPTE	KVM_SPTE_MMU_PRESENT
#define HWMW	(KVM_SPTE_HOST_WRITABLE | KVM_SPTE_MMU_WRITABLE)
#define C47	BIT_ULL(47)
#define C51	BIT_ULL(51)
#define ENC	X86_ATTR_ENC

/*
 * FC47: x86-64/4 on an SME host with MAXPHYADDR 43 and the C-bit at 47;
 * FC51: x86-64/5 with MAXPHYADDR 48 and the C-bit at 51; KNC47: KVM's
 * NPT on the same host as FC47.
 */
enum ptwk_x86_fmt {
	F4, F5, F32, FPAE, E4, E4AD, E5, N4, F4_40, KN4, KE4, FC47, FC51, KNC47,
};

struct ptwk_x86_case {
	const char		*name;
	enum ptwk_x86_fmt	fmt;
	int			level;
	u64			pte;
	u32			above;		/* 0 means ALL */
	enum ptwalk_kind	kind;
	u64			pa;
	u32			prot;
	u64			arch;
	u32			bad;
};

static const struct ptwk_x86_case ptwk_x86_cases[] = {
	{ "PTE rw user accessed dirty", F4, 0, 0x1234000 | TBL | A | DI, 0,
	  PTWALK_LEAF, 0x1234000, R_ | W_ | X_ | U_ | PTWALK_A | PTWALK_D },
	{ "PTE not present", F4, 0, 0x1234000 | RW | US | A, 0, PTWALK_NONE },
	{ "PTE NX", F4, 0, 0x1234000 | TBL | NX, 0, PTWALK_LEAF, 0x1234000, R_ | W_ | U_ },
	{ "PTE read-only supervisor", F4, 0, 0x1234000 | P, 0, PTWALK_LEAF, 0x1234000, R_ | X_ },
	{ "PTE PAT in bit 7", F4, 0, 0x1234000 | TBL | X86_PTE_PAT, 0,
	  PTWALK_LEAF, 0x1234000, R_ | W_ | X_ | U_, X86_PTE_PAT },
	{ "PTE PWT PCD", F4, 0, 0x1234000 | TBL | X86_PTE_PWT | X86_PTE_PCD, 0,
	  PTWALK_LEAF, 0x1234000, R_ | W_ | X_ | U_, X86_PTE_PWT | X86_PTE_PCD },
	{ "PTE global", F4, 0, 0x1234000 | P | G, 0, PTWALK_LEAF, 0x1234000, R_ | X_ | PTWALK_G },
	{ "PTE protection key 5", F4, 0, 0x1234000 | TBL | (5ULL << 59), 0,
	  PTWALK_LEAF, 0x1234000, R_ | W_ | X_ | U_, 5ULL << 59 },
	{ "PTE address bit 51", F4, 0, (1ULL << 51) | TBL, 0, PTWALK_LEAF, 1ULL << 51,
	  R_ | W_ | X_ | U_ },
	{ "PDE 2M leaf", F4, 1, 0x200000 | TBL | PS, 0, PTWALK_LEAF, 0x200000, R_ | W_ | X_ | U_ },
	{ "PDE 2M PAT in bit 12", F4, 1, 0x200000 | TBL | PS | X86_PTE_PAT_LARGE, 0,
	  PTWALK_LEAF, 0x200000, R_ | W_ | X_ | U_, X86_PTE_PAT },
	{ "PDE 2M misaligned: reserved", F4, 1, 0x202000 | TBL | PS, 0,
	  PTWALK_BAD, 0, 0, 0, PTWALK_BAD_RSVD },
	{ "PDE table", F4, 1, 0x5000 | TBL, 0, PTWALK_TABLE, 0x5000, R_ | W_ | X_ | U_ },
	{ "PDPTE 1G leaf", F4, 2, 0x40000000 | TBL | PS | A, 0, PTWALK_LEAF, 0x40000000,
	  R_ | W_ | X_ | U_ | PTWALK_A },
	{ "PDPTE 1G misaligned: reserved", F4, 2, 0x40100000 | TBL | PS, 0,
	  PTWALK_BAD, 0, 0, 0, PTWALK_BAD_RSVD },
	{ "PML4E with PS: illegal", F4, 3, 0x1000 | TBL | PS, 0, PTWALK_BAD, 0, 0, 0,
	  PTWALK_BAD_LEVEL },
	{ "PML5E with PS: illegal", F5, 4, 0x1000 | TBL | PS, 0, PTWALK_BAD, 0, 0, 0,
	  PTWALK_BAD_LEVEL },
	{ "PML5E table", F5, 4, 0x1000 | TBL, 0, PTWALK_TABLE, 0x1000, ALL },
	{ "table without RW takes W away", F4, 2, 0x5000 | P | US, 0, PTWALK_TABLE,
	  0x5000, R_ | X_ | U_ },
	{ "table with NX takes X away", F4, 2, 0x5000 | TBL | NX, 0, PTWALK_TABLE,
	  0x5000, R_ | W_ | U_ },
	{ "table without US takes U away", F4, 3, 0x5000 | P | RW, 0, PTWALK_TABLE,
	  0x5000, R_ | W_ | X_ },
	{ "leaf below a read-only table", F4, 0, 0x1234000 | TBL, R_ | X_ | U_,
	  PTWALK_LEAF, 0x1234000, R_ | X_ | U_ },
	{ "leaf below a supervisor table", F4, 0, 0x1234000 | TBL, R_ | W_ | X_,
	  PTWALK_LEAF, 0x1234000, R_ | W_ | X_ },
	{ "MAXPHYADDR 40: bit 40 reserved", F4_40, 0, (1ULL << 40) | TBL, 0,
	  PTWALK_BAD, 0, 0, 0, PTWALK_BAD_RSVD },
	{ "MAXPHYADDR 40: bit 39 fine", F4_40, 0, (1ULL << 39) | TBL, 0,
	  PTWALK_LEAF, 1ULL << 39, R_ | W_ | X_ | U_ },
	{ "MAXPHYADDR 40: table above it", F4_40, 1, (1ULL << 45) | TBL, 0,
	  PTWALK_BAD, 0, 0, 0, PTWALK_BAD_RSVD },
	{ "32-bit PTE", F32, 0, 0x401000 | TBL | A | DI, 0, PTWALK_LEAF, 0x401000,
	  R_ | W_ | X_ | U_ | PTWALK_A | PTWALK_D },
	{ "32-bit 4M PDE", F32, 1, 0xc00000 | TBL | PS, 0, PTWALK_LEAF, 0xc00000,
	  R_ | W_ | X_ | U_ },
	{ "32-bit 4M PDE with PSE-36", F32, 1, 0xc00000 | (0x12 << 13) | TBL | PS, 0,
	  PTWALK_LEAF, 0x1200c00000ULL, R_ | W_ | X_ | U_ },
	{ "32-bit 4M PDE bit 21 reserved", F32, 1, 0xe00000 | TBL | PS, 0,
	  PTWALK_BAD, 0, 0, 0, PTWALK_BAD_RSVD },
	{ "PAE PDPTE", FPAE, 2, 0x5000 | P, 0, PTWALK_TABLE, 0x5000, ALL },
	{ "PAE PDPTE with RW: reserved", FPAE, 2, 0x5000 | P | RW, 0,
	  PTWALK_BAD, 0, 0, 0, PTWALK_BAD_RSVD },
	{ "PAE 2M PDE NX", FPAE, 1, 0x200000 | TBL | PS | NX, 0, PTWALK_LEAF, 0x200000,
	  R_ | W_ | U_ },
	{ "EPT RWX WB", E4, 0, 0x1234000 | 7 | WB, 0, PTWALK_LEAF, 0x1234000,
	  R_ | W_ | X_, WB },
	{ "EPT execute-only", E4, 0, 0x1234000 | EPT_X | WB, 0, PTWALK_LEAF, 0x1234000,
	  X_, WB },
	{ "EPT not present", E4, 0, 0x1234000 | WB, 0, PTWALK_NONE },
	{ "EPT write-only: misconfigured", E4, 0, 0x1234000 | EPT_W, 0,
	  PTWALK_BAD, 0, 0, 0, PTWALK_BAD_TYPE },
	{ "EPT memory type 2: reserved", E4, 0, 0x1234000 | 7 | PTWALK_FIELD(EPT_MT, 2), 0,
	  PTWALK_BAD, 0x1234000, 0, 0, PTWALK_BAD_TYPE },
	{ "EPT memory type 7: reserved", E4, 0, 0x1234000 | 7 | PTWALK_FIELD(EPT_MT, 7), 0,
	  PTWALK_BAD, 0x1234000, 0, 0, PTWALK_BAD_TYPE },
	{ "EPT IPAT XU SVE", E4, 0, 0x1234000 | 7 | WB | EPT_IPAT | EPT_XU | EPT_SVE, 0,
	  PTWALK_LEAF, 0x1234000, R_ | W_ | X_, WB | EPT_IPAT | EPT_XU | EPT_SVE },
	{ "EPT 2M leaf", E4, 1, 0x200000 | 7 | WB | EPT_PS, 0, PTWALK_LEAF, 0x200000,
	  R_ | W_ | X_, WB },
	{ "EPT 2M misaligned: reserved", E4, 1, 0x201000 | 7 | WB | EPT_PS, 0,
	  PTWALK_BAD, 0x200000, 0, 0, PTWALK_BAD_RSVD },
	{ "EPT 1G leaf", E4, 2, 0x40000000 | 7 | WB | EPT_PS, 0, PTWALK_LEAF,
	  0x40000000, R_ | W_ | X_, WB },
	{ "EPT PS in level 4: illegal", E5, 4, 0x1000 | 7 | EPT_PS, 0, PTWALK_BAD, 0, 0, 0,
	  PTWALK_BAD_LEVEL },
	{ "EPT table with a memory type: reserved", E4, 1, 0x5000 | 7 | WB, 0,
	  PTWALK_BAD, 0x5000, R_ | W_ | X_, 0, PTWALK_BAD_RSVD },
	{ "EPT A/D ignored without A/D", E4, 0, 0x1234000 | 7 | WB | EPT_A | EPT_D, 0,
	  PTWALK_LEAF, 0x1234000, R_ | W_ | X_, WB },
	{ "EPT A/D with A/D enabled", E4AD, 0, 0x1234000 | 7 | WB | EPT_A | EPT_D, 0,
	  PTWALK_LEAF, 0x1234000, R_ | W_ | X_ | PTWALK_A | PTWALK_D, WB },
	{ "EPT table restricts W", E4, 1, 0x5000 | EPT_R | EPT_X, 0, PTWALK_TABLE,
	  0x5000, R_ | X_ },
	{ "NPT leaf: no U shown", N4, 0, 0x1234000 | TBL | A | DI, 0, PTWALK_LEAF,
	  0x1234000, R_ | W_ | X_ | PTWALK_A | PTWALK_D },
	{ "NPT leaf without U: no access", N4, 0, 0x1234000 | P | RW | A, 0, PTWALK_LEAF,
	  0x1234000, PTWALK_A },
	{ "NPT global ignored", N4, 0, 0x1234000 | TBL | G, 0, PTWALK_LEAF, 0x1234000,
	  R_ | W_ | X_ },
	{ "KVM NPT MMIO SPTE: not a mapping", KN4, 0, 0x1234000 | P | (0xfULL << 44), 0,
	  PTWALK_NONE },
	{ "KVM NPT SPTE with host/MMU-writable", KN4, 0,
	  0x1234000 | TBL | A | DI | SPTE | KVM_SPTE_HOST_WRITABLE | KVM_SPTE_MMU_WRITABLE, 0,
	  PTWALK_LEAF, 0x1234000, R_ | W_ | X_ | PTWALK_A | PTWALK_D,
	  KVM_SPTE_HOST_WRITABLE | KVM_SPTE_MMU_WRITABLE },
	{ "KVM EPT access-tracked SPTE", KE4, 0, 0x1234000 | SPTE | WB, 0, PTWALK_NONE },
	{ "KVM EPT SPTE", KE4, 0, 0x1234000 | 7 | WB | SPTE | KVM_EPT_SPTE_HOST_WRITABLE, 0,
	  PTWALK_LEAF, 0x1234000, R_ | W_ | X_, WB | KVM_EPT_SPTE_HOST_WRITABLE },
	{ "KVM EPT MMIO SPTE (W+X misconfig)", KE4, 0, 0x1234000 | EPT_W | EPT_X, 0,
	  PTWALK_NONE },
	{ "C-bit 47: leaf, PA without it, ENC", FC47, 0, C47 | 0x1234000 | TBL | A, 0,
	  PTWALK_LEAF, 0x1234000, R_ | W_ | X_ | U_ | PTWALK_A, ENC },
	{ "C-bit 47: decrypted leaf, no ENC", FC47, 0, 0x1234000 | TBL, 0,
	  PTWALK_LEAF, 0x1234000, R_ | W_ | X_ | U_ },
	{ "C-bit 47: bit 42 is an address bit", FC47, 0, C47 | BIT_ULL(42) | TBL, 0,
	  PTWALK_LEAF, BIT_ULL(42), R_ | W_ | X_ | U_, ENC },
	{ "C-bit 47: 2M leaf with PAT", FC47, 1,
	  C47 | 0x200000 | TBL | PS | X86_PTE_PAT_LARGE, 0, PTWALK_LEAF, 0x200000,
	  R_ | W_ | X_ | U_, X86_PTE_PAT | ENC },
	{ "C-bit 47: PML4E table followed", FC47, 3, C47 | 0x5000 | TBL, 0,
	  PTWALK_TABLE, 0x5000, ALL },
	{ "C-bit 47: PDE table followed", FC47, 1, C47 | 0x5000 | P | RW | A, 0,
	  PTWALK_TABLE, 0x5000, R_ | W_ | X_ },
	{ "C-bit 47: bit 43 still reserved", FC47, 0, C47 | BIT_ULL(43) | 0x1234000 | TBL,
	  0, PTWALK_BAD, 0, 0, 0, PTWALK_BAD_RSVD },
	{ "C-bit 47: bit 51 still reserved in a table", FC47, 2,
	  C47 | BIT_ULL(51) | 0x5000 | TBL, 0, PTWALK_BAD, 0, 0, 0, PTWALK_BAD_RSVD },
	{ "MAXPHYADDR 40, no C-bit: bit 47 reserved", F4_40, 0, C47 | 0x1234000 | TBL, 0,
	  PTWALK_BAD, 0, 0, 0, PTWALK_BAD_RSVD },
	{ "C-bit 51: leaf, PA without it, ENC", FC51, 0, C51 | 0x1234000 | TBL | NX | DI,
	  0, PTWALK_LEAF, 0x1234000, R_ | W_ | U_ | PTWALK_D, ENC },
	{ "C-bit 51: 1G leaf", FC51, 2, C51 | 0x40000000 | P | RW | PS | G, 0,
	  PTWALK_LEAF, 0x40000000, R_ | W_ | X_ | PTWALK_G, ENC },
	{ "C-bit 51: PML5E table followed", FC51, 4, C51 | 0x1000 | TBL, 0,
	  PTWALK_TABLE, 0x1000, ALL },
	{ "C-bit 51: bit 47 is an address bit", FC51, 0, C51 | C47 | TBL, 0,
	  PTWALK_LEAF, C47, R_ | W_ | X_ | U_, ENC },
	{ "C-bit 51: bit 48 still reserved", FC51, 0, C51 | BIT_ULL(48) | TBL, 0,
	  PTWALK_BAD, 0, 0, 0, PTWALK_BAD_RSVD },
	{ "C-bit 51: bit 50 still reserved in a table", FC51, 3,
	  C51 | BIT_ULL(50) | 0x5000 | TBL, 0, PTWALK_BAD, 0, 0, 0, PTWALK_BAD_RSVD },
	{ "KVM NPT C-bit 47: SPTE", KNC47, 0, C47 | 0x1234000 | TBL | A | DI | SPTE | HWMW,
	  0, PTWALK_LEAF, 0x1234000, R_ | W_ | X_ | PTWALK_A | PTWALK_D, HWMW | ENC },
	{ "KVM NPT C-bit 47: table SPTE", KNC47, 3, C47 | 0x5000 | TBL | A | SPTE, 0,
	  PTWALK_TABLE, 0x5000, R_ | W_ | X_ },
	/* svm_adjust_mmio_mask(): reserved bits 43 to 51, the C-bit among them. */
	{ "KVM NPT C-bit 47: MMIO SPTE", KNC47, 0, GENMASK_ULL(51, 43) | P, 0,
	  PTWALK_NONE },
	{ "KVM NPT C-bit 47: bit 44 still reserved", KNC47, 0,
	  C47 | BIT_ULL(44) | 0x1234000 | TBL | SPTE, 0, PTWALK_BAD, 0, 0, 0,
	  PTWALK_BAD_RSVD },
};

KUNIT_ARRAY_PARAM_DESC(ptwk_x86, ptwk_x86_cases, name);

static void ptwk_x86_fmt(struct kunit *test, enum ptwk_x86_fmt which,
			 struct ptwalk_fmt *fmt)
{
	static const struct ptwalk_fmt *const plain[] = {
		[F4] = &ptwalk_fmt_x86_64_4, [F5] = &ptwalk_fmt_x86_64_5,
		[F32] = &ptwalk_fmt_x86_32, [FPAE] = &ptwalk_fmt_x86_pae,
		[E4] = &ptwalk_fmt_ept_4, [E4AD] = &ptwalk_fmt_ept_4_ad,
		[E5] = &ptwalk_fmt_ept_5, [N4] = &ptwalk_fmt_npt_4,
	};
	struct ptwalk_fmt tmp;

	switch (which) {
	case F4_40:
		KUNIT_ASSERT_EQ(test, ptwalk_fmt_x86_set_maxphyaddr(fmt, plain[F4], 40), 0);
		break;
	case KN4:
		KUNIT_ASSERT_EQ(test, ptwalk_fmt_x86_kvm(fmt, &ptwalk_fmt_npt_4, 0), 0);
		break;
	case KE4:
		KUNIT_ASSERT_EQ(test, ptwalk_fmt_x86_kvm(fmt, &ptwalk_fmt_ept_4, 0), 0);
		break;
	case FC47:
		KUNIT_ASSERT_EQ(test, ptwalk_fmt_x86_set_maxphyaddr(fmt, plain[F4], 43), 0);
		KUNIT_ASSERT_EQ(test, ptwalk_fmt_x86_set_enc(fmt, C47), 0);
		break;
	case FC51:
		KUNIT_ASSERT_EQ(test, ptwalk_fmt_x86_set_maxphyaddr(fmt, plain[F5], 48), 0);
		KUNIT_ASSERT_EQ(test, ptwalk_fmt_x86_set_enc(fmt, C51), 0);
		break;
	case KNC47:
		/* The order ptwalk_kvm_arch_format() calls them in. */
		KUNIT_ASSERT_EQ(test, ptwalk_fmt_x86_set_maxphyaddr(&tmp, plain[N4], 43), 0);
		KUNIT_ASSERT_EQ(test, ptwalk_fmt_x86_set_enc(&tmp, C47), 0);
		KUNIT_ASSERT_EQ(test, ptwalk_fmt_x86_kvm(fmt, &tmp, BIT_ULL(63)), 0);
		break;
	default:
		*fmt = *plain[which];
	}
}

static void ptwalk_test_x86_decode(struct kunit *test)
{
	const struct ptwk_x86_case *c = test->param_value;
	struct ptwalk_attr above = { .prot = c->above ? c->above : ALL };
	struct ptwalk_fmt fmt;
	struct ptwalk_entry e;

	ptwk_x86_fmt(test, c->fmt, &fmt);
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
	if (c->kind == PTWALK_LEAF)
		KUNIT_EXPECT_EQ(test, e.attr.arch, c->arch);
}

static void ptwalk_test_x86_maxphyaddr_range(struct kunit *test)
{
	struct ptwalk_fmt fmt;
	const struct ptwalk_fmt *f4 = &ptwalk_fmt_x86_64_4;

	KUNIT_EXPECT_EQ(test, ptwalk_fmt_x86_set_maxphyaddr(&fmt, f4, 31), -EINVAL);
	KUNIT_EXPECT_EQ(test, ptwalk_fmt_x86_set_maxphyaddr(&fmt, f4, 53), -EINVAL);
	KUNIT_EXPECT_EQ(test, ptwalk_fmt_x86_kvm(&fmt, &ptwalk_fmt_x86_pae, 0), -EINVAL);
}

/* The C-bit is one bit from 32 to 51, in formats that have one. */
static void ptwalk_test_x86_enc_range(struct kunit *test)
{
	struct ptwalk_fmt fmt = ptwalk_fmt_x86_64_4;

	KUNIT_EXPECT_EQ(test, ptwalk_fmt_x86_set_enc(&fmt, BIT_ULL(31)), -EINVAL);
	KUNIT_EXPECT_EQ(test, ptwalk_fmt_x86_set_enc(&fmt, BIT_ULL(52)), -EINVAL);
	KUNIT_EXPECT_EQ(test, ptwalk_fmt_x86_set_enc(&fmt, C47 | C51), -EINVAL);
	KUNIT_EXPECT_EQ(test, fmt.variant, ptwalk_fmt_x86_64_4.variant);
	KUNIT_EXPECT_PTR_EQ(test, fmt.table_tokens, ptwalk_fmt_x86_64_4.table_tokens);

	/* Set, then taken away again: the format is as it was. */
	KUNIT_EXPECT_EQ(test, ptwalk_fmt_x86_set_enc(&fmt, BIT_ULL(32)), 0);
	KUNIT_EXPECT_NE(test, fmt.variant, ptwalk_fmt_x86_64_4.variant);
	KUNIT_EXPECT_EQ(test, ptwalk_fmt_x86_set_enc(&fmt, C51), 0);
	KUNIT_EXPECT_EQ(test, ptwalk_fmt_x86_set_enc(&fmt, 0), 0);
	KUNIT_EXPECT_EQ(test, fmt.variant, ptwalk_fmt_x86_64_4.variant);
	KUNIT_EXPECT_PTR_EQ(test, fmt.table_tokens, ptwalk_fmt_x86_64_4.table_tokens);

	fmt = ptwalk_fmt_x86_pae;
	KUNIT_EXPECT_EQ(test, ptwalk_fmt_x86_set_enc(&fmt, C47), 0);
	fmt = ptwalk_fmt_x86_32;
	KUNIT_EXPECT_EQ(test, ptwalk_fmt_x86_set_enc(&fmt, C47), -EINVAL);
	/* EPT has no C-bit; none is fine, as on every Intel host. */
	fmt = ptwalk_fmt_ept_4_ad;
	KUNIT_EXPECT_EQ(test, ptwalk_fmt_x86_set_enc(&fmt, C47), -EINVAL);
	KUNIT_EXPECT_EQ(test, ptwalk_fmt_x86_set_enc(&fmt, 0), 0);
	KUNIT_EXPECT_EQ(test, fmt.variant, ptwalk_fmt_ept_4_ad.variant);
}

/*
 * A 5-level root whose first entry points at a 4-level root reads the same
 * lower-half mappings as the 4-level root itself.
 */
static void ptwalk_test_x86_4_vs_5(struct kunit *test)
{
	struct ptwk_mem *m = ptwk_mem_new(test, 8 * PAGE_SIZE);
	u64 pml5 = ptwk_alloc(test, m, 4096, 4096);
	u64 pml4 = ptwk_alloc(test, m, 4096, 4096);
	u64 pdpt = ptwk_alloc(test, m, 4096, 4096);
	u64 pd = ptwk_alloc(test, m, 4096, 4096);
	struct ptwalk_table t4 = ptwk_table(&ptwalk_fmt_x86_64_4, m, pml4);
	struct ptwalk_table t5 = ptwk_table(&ptwalk_fmt_x86_64_5, m, pml5);
	char *four;

	ptwk_set(m, pml5, 0, pml4 | TBL);
	ptwk_set(m, pml4, 0, pdpt | TBL);
	ptwk_set(m, pml4, 255, pdpt | TBL);
	ptwk_set(m, pdpt, 3, pd | TBL);
	ptwk_set(m, pd, 7, 0x60000000 | TBL | PS | A);
	ptwk_set(m, pd, 8, 0x60200000 | TBL | PS | A);
	ptwk_set(m, pdpt, 9, 0x80000000 | P | PS | NX);
	four = ptwk_text(test, &t4, 0, 1ULL << 47);
	KUNIT_EXPECT_STREQ(test, four,
			   "0x00000000c0e00000 0x00000000c1200000 2M 2 0x0000000060000000 rwx U A\n"
			   "0x0000000240000000 0x0000000280000000 1G 1 0x0000000080000000 r--\n"
			   "0x00007f80c0e00000 0x00007f80c1200000 2M 2 0x0000000060000000 rwx U A\n"
			   "0x00007f8240000000 0x00007f8280000000 1G 1 0x0000000080000000 r--\n");
	KUNIT_EXPECT_STREQ(test, ptwk_text(test, &t5, 0, 1ULL << 47), four);
}

/* What a PML4E takes away applies to every leaf below it. */
static void ptwalk_test_x86_combine(struct kunit *test)
{
	char *text;
	struct ptwk_mem *m = ptwk_mem_new(test, 8 * PAGE_SIZE);
	u64 pml4 = ptwk_alloc(test, m, 4096, 4096);
	u64 pdpt = ptwk_alloc(test, m, 4096, 4096);
	u64 pd = ptwk_alloc(test, m, 4096, 4096);
	struct ptwalk_table t = ptwk_table(&ptwalk_fmt_x86_64_4, m, pml4);

	ptwk_set(m, pml4, 0, pdpt | P | US | NX);
	ptwk_set(m, pdpt, 0, pd | TBL);
	ptwk_set(m, pd, 0, 0x200000 | TBL | PS | A | DI | X86_PTE_PAT_LARGE | (3ULL << 59));
	ptwk_set(m, pd, 1, 0x400000 | P | RW | PS | G | X86_PTE_PCD);
	text = ptwk_text(test, &t, 0, 1ULL << 30);
	KUNIT_EXPECT_STREQ(test, text,
			   "0x0000000000000000 0x0000000000200000 2M 1 0x0000000000200000 r-- U A D PAT PK=3\n"
			   "0x0000000000200000 0x0000000000400000 2M 1 0x0000000000400000 r-- G PCD\n");
}

/* 32-bit paging: 4-byte entries, 1024 per table, 4M pages. */
static void ptwalk_test_x86_32bit(struct kunit *test)
{
	char *text;
	struct ptwk_mem *m = ptwk_mem_new(test, 4 * PAGE_SIZE);
	u64 pd = ptwk_alloc(test, m, 4096, 4096);
	u64 pt = ptwk_alloc(test, m, 4096, 4096);
	struct ptwalk_table t = ptwk_table(&ptwalk_fmt_x86_32, m, pd);

	ptwk_set32(m, pd, 1, pt | TBL);
	ptwk_set32(m, pt, 2, 0x12345000 | TBL | A);
	ptwk_set32(m, pt, 1023, 0x00abc000 | P);
	ptwk_set32(m, pd, 1023, 0xffc00000 | (0x3 << 13) | TBL | PS);
	text = ptwk_text(test, &t, 0, 1ULL << 32);
	KUNIT_EXPECT_STREQ(test, text,
			   "0x0000000000402000 0x0000000000403000 4K 1 0x0000000012345000 rwx U A\n"
			   "0x00000000007ff000 0x0000000000800000 4K 1 0x0000000000abc000 r-x\n"
			   "0x00000000ffc00000 0x0000000100000000 4M 1 0x00000003ffc00000 rwx U\n");
}

/* PAE: a 4-entry PDPT of 32 bytes as the root. */
static void ptwalk_test_x86_pae(struct kunit *test)
{
	char *text;
	struct ptwk_mem *m = ptwk_mem_new(test, 4 * PAGE_SIZE);
	u64 pdpt = ptwk_alloc(test, m, 32, 32);
	u64 pd = ptwk_alloc(test, m, 4096, 4096);
	struct ptwalk_table t = ptwk_table(&ptwalk_fmt_x86_pae, m, pdpt);

	ptwk_set(m, pdpt, 3, pd | P);
	ptwk_set(m, pd, 511, 0x7fe00000 | TBL | PS | NX | A);
	text = ptwk_text(test, &t, 0, 1ULL << 32);
	KUNIT_EXPECT_STREQ(test, text,
			   "0x00000000ffe00000 0x0000000100000000 2M 1 0x000000007fe00000 rw- U A\n");
}

/* KVM's non-present SPTEs are named, MMIO ones with their generation. */
static void ptwalk_test_x86_kvm_raw(struct kunit *test)
{
	struct ptwk_mem *m = ptwk_mem_new(test, 4 * PAGE_SIZE);
	u64 pml4 = ptwk_alloc(test, m, 4096, 4096);
	u64 pdpt = ptwk_alloc(test, m, 4096, 4096);
	/* generation 0x2a5: low byte 0xa5 in 10:3, the rest (2) from bit 52 */
	u64 mmio = P | (0xa5ULL << 3) | (2ULL << 52) | 0xfee00000ULL;
	struct ptwalk_table t;
	struct ptwalk_fmt fmt;
	char *text, want[512];

	KUNIT_ASSERT_EQ(test, ptwalk_fmt_x86_kvm(&fmt, &ptwalk_fmt_npt_4, BIT_ULL(63)), 0);
	t = ptwk_table(&fmt, m, pml4);
	ptwk_set(m, pml4, 0, pdpt | TBL | SPTE);
	ptwk_set(m, pml4, 1, BIT_ULL(63));			/* empty: not shown */
	ptwk_set(m, pdpt, 3, mmio);
	ptwk_set(m, pdpt, 4, BIT_ULL(63) | KVM_FROZEN_SPTE);
	text = ptwk_dump_text(test, &t, PTWALK_VIEW_RAW, 0, 1ULL << 48, NULL);
	snprintf(want, sizeof(want),
		 "PML4E[0] 0x0000000000000000 0x%016llx table 0x%016llx\n"
		 "  PDPTE[3] 0x00000000c0000000 0x%016llx none MMIO gen=677\n"
		 "  PDPTE[4] 0x0000000100000000 0x80000000000005a0 none FROZEN\n",
		 pdpt | TBL | SPTE, pdpt, mmio);
	KUNIT_EXPECT_STREQ(test, text, want);
}

struct ptwk_enc_case {
	const char	*name;
	unsigned int	bit;		/* the C-bit */
	unsigned int	maxphyaddr;	/* as SME reduces it */
};

static const struct ptwk_enc_case ptwk_enc_cases[] = {
	{ "C-bit 47, MAXPHYADDR 43", 47, 43 },
	{ "C-bit 51, MAXPHYADDR 48", 51, 48 },
};

KUNIT_ARRAY_PARAM_DESC(ptwk_enc, ptwk_enc_cases, name);

/*
 * Tables as an SME host or an SEV guest builds them: the C-bit in every
 * table entry and in every leaf but a decrypted one.  The walk follows
 * them, PAs leave the C-bit out, ENC names it on leaves and tables, the
 * raw values stay as they are, and a bit above MAXPHYADDR that is not the
 * C-bit is still reserved.  Without the C-bit, the root entry is all
 * there is.
 */
static void ptwalk_test_x86_enc_walk(struct kunit *test)
{
	const struct ptwk_enc_case *c = test->param_value;
	u64 enc = BIT_ULL(c->bit), rsvd = BIT_ULL(c->maxphyaddr);
	struct ptwk_mem *m = ptwk_mem_new(test, 8 * PAGE_SIZE);
	u64 pml4 = ptwk_alloc(test, m, 4096, 4096);
	u64 pdpt = ptwk_alloc(test, m, 4096, 4096);
	u64 pd = ptwk_alloc(test, m, 4096, 4096);
	u64 pt = ptwk_alloc(test, m, 4096, 4096);
	u64 e[8] = {
		enc | pdpt | TBL | A, enc | pd | TBL | A, enc | pt | TBL | A,
		enc | 0x1000000 | TBL | A | DI, enc | 0x1001000 | TBL | A | DI,
		0x1002000 | TBL | A | DI, enc | rsvd | 0x1003000 | TBL,
		enc | 0x1200000 | P | RW | PS | NX | G,
	};
	struct ptwalk_fmt fmt, plain;
	struct ptwalk_table t;
	char *want;

	want = kunit_kzalloc(test, 2048, GFP_KERNEL);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, want);
	KUNIT_ASSERT_EQ(test, ptwalk_fmt_x86_set_maxphyaddr(&plain, &ptwalk_fmt_x86_64_4,
							    c->maxphyaddr), 0);
	fmt = plain;
	KUNIT_ASSERT_EQ(test, ptwalk_fmt_x86_set_enc(&fmt, enc), 0);
	ptwk_set(m, pml4, 0, e[0]);
	ptwk_set(m, pdpt, 0, e[1]);
	ptwk_set(m, pd, 0, e[2]);
	ptwk_set(m, pt, 0, e[3]);
	ptwk_set(m, pt, 1, e[4]);
	ptwk_set(m, pt, 2, e[5]);
	ptwk_set(m, pt, 3, e[6]);
	ptwk_set(m, pd, 1, e[7]);

	t = ptwk_table(&fmt, m, pml4);
	snprintf(want, 2048,
		 "0x0000000000000000 0x0000000000002000 4K 2 0x0000000001000000 rwx U A D ENC\n"
		 "0x0000000000002000 0x0000000000003000 4K 1 0x0000000001002000 rwx U A D\n"
		 "0x0000000000003000 0x0000000000004000 4K 1 0x0000000001003000 --- BAD=rsvd pte=0x%016llx\n"
		 "0x0000000000200000 0x0000000000400000 2M 1 0x0000000001200000 rw- G ENC\n",
		 e[6]);
	KUNIT_EXPECT_STREQ(test, ptwk_text(test, &t, 0, 1ULL << 47), want);

	snprintf(want, 2048,
		 "PML4E[0] 0x0000000000000000 0x%016llx table 0x%016llx A ENC\n"
		 "  PDPTE[0] 0x0000000000000000 0x%016llx table 0x%016llx A ENC\n"
		 "    PDE[0] 0x0000000000000000 0x%016llx table 0x%016llx A ENC\n"
		 "      PTE[0] 0x0000000000000000 0x%016llx 4K 0x0000000001000000 rwx U A D ENC\n"
		 "      PTE[1] 0x0000000000001000 0x%016llx 4K 0x0000000001001000 rwx U A D ENC\n"
		 "      PTE[2] 0x0000000000002000 0x%016llx 4K 0x0000000001002000 rwx U A D\n"
		 "      PTE[3] 0x0000000000003000 0x%016llx BAD=rsvd pte=0x%016llx\n"
		 "    PDE[1] 0x0000000000200000 0x%016llx 2M 0x0000000001200000 rw- G ENC\n",
		 e[0], pdpt, e[1], pd, e[2], pt, e[3], e[4], e[5], e[6], e[6], e[7]);
	KUNIT_EXPECT_STREQ(test, ptwk_dump_text(test, &t, PTWALK_VIEW_RAW, 0, 1ULL << 47,
						NULL), want);

	t = ptwk_table(&plain, m, pml4);
	snprintf(want, 2048,
		 "0x0000000000000000 0x0000008000000000 512G 1 0x%016llx --- BAD=rsvd pte=0x%016llx\n",
		 pdpt, e[0]);
	KUNIT_EXPECT_STREQ(test, ptwk_text(test, &t, 0, 1ULL << 47), want);
}

static struct kunit_case ptwalk_x86_cases[] = {
	KUNIT_CASE_PARAM(ptwalk_test_x86_decode, ptwk_x86_gen_params),
	KUNIT_CASE(ptwalk_test_x86_maxphyaddr_range),
	KUNIT_CASE(ptwalk_test_x86_4_vs_5),
	KUNIT_CASE(ptwalk_test_x86_combine),
	KUNIT_CASE(ptwalk_test_x86_32bit),
	KUNIT_CASE(ptwalk_test_x86_pae),
	KUNIT_CASE(ptwalk_test_x86_kvm_raw),
	KUNIT_CASE(ptwalk_test_x86_enc_range),
	KUNIT_CASE_PARAM(ptwalk_test_x86_enc_walk, ptwk_enc_gen_params),
	{}
};

static struct kunit_suite ptwalk_x86_suite = {
	.name = "ptwalk_x86",
	.test_cases = ptwalk_x86_cases,
};

kunit_test_suite(ptwalk_x86_suite);

MODULE_DESCRIPTION("KUnit tests for ptwalk's x86, EPT and NPT formats");
MODULE_LICENSE("GPL");
